"""Standard input with ``--stdin-filename PATH`` (ruff's flag): the config and overrides of PATH apply, and the
output names PATH; without it, the config of the current folder applies."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.test_cli import dockmod
from tests.test_config import MONOREPO

BILLING = "services/billing/Dockerfile"


def _shop(tmp_path: Path) -> Path:
    repo = tmp_path / "shop"
    shutil.copytree(MONOREPO, repo)
    return repo


def test_stdin_filename_applies_that_files_overrides_and_equals_apply(tmp_path: Path) -> None:
    repo = _shop(tmp_path)
    data = (repo / BILLING).read_bytes()
    out = dockmod("apply", "-", "--stdin-filename", BILLING, cwd=repo, stdin=data)
    assert out.returncode == 0, out.stderr
    assert b"http://127.0.0.1:9091/status" in out.stdout  # the override of services/billing/**
    assert dockmod("apply", BILLING, cwd=repo).returncode == 0
    assert out.stdout == (repo / BILLING).read_bytes()


def test_stdin_filename_names_the_file_in_diff_and_check(tmp_path: Path) -> None:
    repo = _shop(tmp_path)
    data = (repo / BILLING).read_bytes()
    diff = dockmod("diff", "-", "--stdin-filename", BILLING, cwd=repo, stdin=data)
    assert diff.returncode == 1, diff.stderr
    assert diff.stdout.decode().splitlines()[:3] == ["diff --git a/services/billing/Dockerfile "
                                                     "b/services/billing/Dockerfile",
                                                     "--- a/services/billing/Dockerfile",
                                                     "+++ b/services/billing/Dockerfile"]
    check = dockmod("check", "-", "--stdin-filename", "billing/Dockerfile", cwd=repo / "services", stdin=data)
    assert check.returncode == 1
    lines = check.stdout.decode().splitlines()
    assert lines and all(ln.startswith("billing/Dockerfile:") for ln in lines), lines
    assert any("127.0.0.1:9091/status" in ln for ln in lines)  # a relative PATH is relative to the current folder


def test_stdin_without_a_filename_uses_the_current_folders_config(tmp_path: Path) -> None:
    repo = _shop(tmp_path)
    data = (repo / BILLING).read_bytes()
    root = dockmod("apply", "-", cwd=repo, stdin=data)
    assert root.returncode == 0, root.stderr
    assert b"http://127.0.0.1:9090/health" in root.stdout and b"10001" in root.stdout  # no override: the top config
    search = dockmod("apply", "-", cwd=repo / "services" / "search", stdin=data)
    assert b"/_cluster/health" in search.stdout and b"USER" not in search.stdout  # its own .dockmod.toml


def test_stdin_filename_without_stdin_is_one_line_exit_2(tmp_path: Path) -> None:
    repo = _shop(tmp_path)
    before = (repo / BILLING).read_bytes()
    out = dockmod("apply", BILLING, "--stdin-filename", BILLING, cwd=repo)
    assert out.returncode == 2
    assert out.stderr.decode().splitlines() == [
        "dockmod: --stdin-filename names the file read from -, but - is not among the paths"]
    assert (repo / BILLING).read_bytes() == before
