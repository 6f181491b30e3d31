"""The run's caches that keep per-file CPU low: file-system facts asked of the system once per run and bounded,
and evidence answers worked out once per file however many applier rounds ask. Each test fails when the cache
is gone (the count goes up) or unbounded (the table grows past its limit)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from refactor import health_evidence
from refactor.document import parse, reuse_parses
from refactor.health_evidence import Evidence
from refactor.project import _MAX_FACTS, Project

ROUND_0 = "FROM python:3.12-slim\nCOPY app.py .\nRUN pip install flask\nCMD [\"python\", \"app.py\"]\n"
ROUND_1 = ROUND_0.replace("pip install", "pip install --no-cache-dir")  # what a fix round leaves


def _counting_stat(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    real = os.stat

    def stat(path, *args, **kwargs):
        calls[os.fspath(path)] += 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    return calls


def test_two_dockerfiles_of_one_repository_check_its_root_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    for service in ("api", "worker"):
        (repo / service).mkdir()
        (repo / service / "Dockerfile").write_text(ROUND_0)
        (repo / service / "app.py").write_text("print('hi')\n")
    calls = _counting_stat(monkeypatch)
    project = Project()
    for service in ("api", "worker"):
        assert project.resolve_context(repo / service / "Dockerfile").path == (repo / service).resolve()
    # the shared root's manifests: asked by both Dockerfiles, looked up once
    assert calls[str(repo.resolve() / "pnpm-workspace.yaml")] == 1
    assert calls[str(repo.resolve() / "composer.json")] == 1


def test_file_system_facts_stay_bounded(tmp_path: Path) -> None:
    project = Project()
    for i in range(_MAX_FACTS + 50):
        assert not project.exists(tmp_path, f"absent-{i}")
        project.real(tmp_path / f"absent-{i}")
    assert 0 < len(project._kinds) <= _MAX_FACTS
    assert 0 < len(project._real) <= _MAX_FACTS


def test_an_absent_or_present_path_is_what_pathlib_says(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    (tmp_path / "link").symlink_to(tmp_path / "folder")
    project = Project()
    for name in ("folder", "file", "dangling", "link", "nowhere", "file/below"):
        path = tmp_path / name
        assert (project.exists(tmp_path, name), project.is_dir(tmp_path, name), project.is_file(tmp_path, name)) \
            == (path.exists(), path.is_dir(), path.is_file()), name


def test_each_round_gets_the_route_clue_and_its_notes_of_one_scan(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "Dockerfile").write_text(ROUND_0)
    (tmp_path / "app.py").write_text("print('hi')\n")
    calls: list[str] = []

    def route_clue(sources, notes: list[str]) -> None:
        calls.append("route")
        notes.append("routes may be mounted under a prefix")

    monkeypatch.setattr(health_evidence, "route_clue", route_clue)
    project = Project()
    with reuse_parses():  # one file's processing: the input round and the round after a fix
        for text in (ROUND_0, ROUND_1):
            evidence = Evidence(parse(text), tmp_path / "Dockerfile", None, project)
            assert evidence.route is None
            assert evidence.notes == ["routes may be mounted under a prefix"]
    assert calls == ["route"]
