"""Print how fast dockmod parses and transforms the shared corpus, and its peak memory.

usage: python bench/speed.py [CORPUS_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from refactor.document import parse
from refactor.passes import Context
from refactor.project import Project
from refactor.runner import Status, process_text
from refactor.shell import shell_of
from tests.paths import CORPUS, corpus_files
from transforms import PASSES


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = [(p, p.read_bytes().decode("utf-8")) for p in corpus_files()]
    if not files:
        sys.exit(f"no corpus at {CORPUS}")
    size = sum(len(t) for _, t in files)
    print(f"corpus: {len(files)} files, {size / 1024:.0f} KiB, {len(PASSES)} passes")

    best_parse = best_shell = best_all = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = [parse(t) for _, t in files]
        t1 = time.perf_counter()
        runs = sum(1 for d in docs for i in d.instructions if i.name == "RUN" and shell_of(i) is not None)
        t2 = time.perf_counter()
        project = Project()
        statuses = [process_text(t, str(p), PASSES, Context(p, project=project)).status for p, t in files]
        t3 = time.perf_counter()
        best_parse, best_shell, best_all = min(best_parse, t1 - t0), min(best_shell, t2 - t1), min(best_all, t3 - t2)
    changed = sum(1 for s in statuses if s is Status.CHANGED)
    print(f"parse:          {best_parse * 1000:8.1f} ms  ({len(files) / best_parse:,.0f} files/s)")
    print(f"shell view:     {best_shell * 1000:8.1f} ms  ({runs} RUN instructions)")
    print(f"all passes:     {best_all * 1000:8.1f} ms  ({len(files) / best_all:,.0f} files/s, {changed} changed,"
          f" validation included)")
    print(f"peak RSS:       {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.1f} MiB")


if __name__ == "__main__":
    main()
