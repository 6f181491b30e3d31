"""Parallel runs give a serial run's results in a serial run's order; the progress bar passes them through.

Each parallel run happens in a fresh interpreter: this test process has long loaded BuildKit's Go parser,
after which ``process_files`` rightly refuses to fork (``fork_is_safe``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from refactor.parallel import MIN_FILES, process_files, with_progress
from refactor.passes import Context
from refactor.project import Project
from transforms import PASSES

SHAPES = ["FROM alpine:3.20\nRUN apk add curl\nCMD [\"sh\"]\n", "FROM debian:12\nRUN apt-get install -y curl\n",
          "FROM node:20\nRUNN npm ci\n", "FROM python:3.12\nRUN pip install flask\nCMD [\"flask\", \"run\"]\n"]

# Prints, as JSON, each result of ``process_files(jobs=2)`` and how many workers were alive meanwhile.
RUN = """
import json, multiprocessing, sys
from pathlib import Path
from refactor.parallel import fork_is_safe, process_files
from refactor.passes import Context
from refactor.project import Project
from transforms import PASSES
if sys.argv[2] == "go-loaded":
    import dockerfile
    dockerfile.parse_string("FROM debian:12\\n")
paths = [Path(p) for p in sys.argv[3:]]
safe, workers, out = fork_is_safe(), 0, []
for r in process_files(paths, PASSES, Context(project=Project()), str, jobs=int(sys.argv[1])):
    workers = max(workers, len(multiprocessing.active_children()))
    out.append([r.display, r.status.value, r.new, [[x.item.pass_id, x.line] for x in r.fixes + r.findings]])
print(json.dumps({"safe": safe, "workers": workers, "results": out}))
"""


def _files(tmp_path: Path, n: int) -> list[Path]:
    out = []
    for i in range(n):
        p = tmp_path / f"s{i:02d}" / "Dockerfile"
        p.parent.mkdir()
        p.write_text(SHAPES[i % len(SHAPES)])
        out.append(p)
    return out


def _run(jobs: int, mode: str, paths: list[Path]) -> dict:
    done = subprocess.run([sys.executable, "-c", RUN, str(jobs), mode, *map(str, paths)], capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_two_jobs_give_the_serial_results_in_order(tmp_path: Path) -> None:
    paths = _files(tmp_path, MIN_FILES * 2)
    serial, parallel = _run(1, "fresh", paths), _run(2, "fresh", paths)
    assert parallel["safe"] and parallel["workers"] == 2 and serial["workers"] == 0
    assert parallel["results"] == serial["results"]
    assert [d for d, *_ in serial["results"]] == [str(p) for p in paths]
    assert {s for _, s, *_ in serial["results"]} == {"changed", "failed"}


def test_a_process_that_loaded_the_go_parser_runs_serially_instead_of_deadlocking_its_workers(tmp_path: Path) -> None:
    paths = _files(tmp_path, MIN_FILES * 2)
    loaded = _run(2, "go-loaded", paths)
    assert not loaded["safe"] and loaded["workers"] == 0
    assert loaded["results"] == _run(1, "fresh", paths)["results"]


def test_progress_bar_yields_every_result_in_order(tmp_path: Path) -> None:
    paths = _files(tmp_path, 3)
    results = list(with_progress(process_files(paths, PASSES, Context(project=Project()), str), 3, enabled=True))
    assert [r.display for r in results] == [str(p) for p in paths]
