"""Parallel runs give a serial run's results in a serial run's order; the progress bar passes them through."""

from __future__ import annotations

from pathlib import Path

from refactor.parallel import MIN_FILES, process_files, with_progress
from refactor.passes import Context
from refactor.project import Project
from transforms import PASSES

SHAPES = ["FROM alpine:3.20\nRUN apk add curl\nCMD [\"sh\"]\n", "FROM debian:12\nRUN apt-get install -y curl\n",
          "FROM node:20\nRUNN npm ci\n", "FROM python:3.12\nRUN pip install flask\nCMD [\"flask\", \"run\"]\n"]


def _files(tmp_path: Path, n: int) -> list[Path]:
    out = []
    for i in range(n):
        p = tmp_path / f"s{i:02d}" / "Dockerfile"
        p.parent.mkdir()
        p.write_text(SHAPES[i % len(SHAPES)])
        out.append(p)
    return out


def _view(results) -> list[tuple[str, str, str, list[tuple[str, int]]]]:
    return [(r.display, r.status.value, r.new, [(x.item.pass_id, x.line) for x in r.fixes + r.findings])
            for r in results]


def test_two_jobs_give_the_serial_results_in_order(tmp_path: Path) -> None:
    paths = _files(tmp_path, MIN_FILES * 2)
    serial = _view(process_files(paths, PASSES, Context(project=Project()), str, jobs=1))
    parallel = _view(process_files(paths, PASSES, Context(project=Project()), str, jobs=2))
    assert parallel == serial and [d for d, *_ in serial] == [str(p) for p in paths]
    assert {s for _, s, *_ in serial} == {"changed", "failed"}


def test_progress_bar_yields_every_result_in_order(tmp_path: Path) -> None:
    paths = _files(tmp_path, 3)
    results = list(with_progress(process_files(paths, PASSES, Context(project=Project()), str), 3, enabled=True))
    assert [r.display for r in results] == [str(p) for p in paths]
