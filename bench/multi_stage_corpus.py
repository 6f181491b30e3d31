"""The multi-stage pass over the shared corpus: how many files it splits, and each skip reason with a count.

Usage: ``python bench/multi_stage_corpus.py [--out DIR] [-v]``. Every corpus file goes through the multi-stage
pass alone; a split is checked to be valid (``refactor.validate``) and idempotent (a second run changes
nothing). Prints the split files, then the skip reasons (numbers and quoted details folded) with their counts.
Exit 1 on a crash, an invalid rewrite or a file split twice.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from refactor.passes import Context  # noqa: E402
from refactor.project import Project  # noqa: E402
from refactor.runner import Status, process_file, process_text  # noqa: E402
from refactor.validate import check_rewrite  # noqa: E402
from tests.paths import CORPUS, corpus_files  # noqa: E402
from transforms.multi_stage import PASS  # noqa: E402


def reason_of(message: str) -> str:
    """A skip message with its particulars folded, so equal reasons count together."""
    return message.split(":", 1)[0].strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", action="store_true", help="print each skipped file with its reason")
    args = parser.parse_args(argv)
    project = Project()
    split: list[str] = []
    reasons: Counter[str] = Counter()
    problems: list[str] = []
    for path in corpus_files():
        rel = str(path.relative_to(CORPUS))
        ctx = Context(path=path, project=project)
        result = process_file(path, [PASS], ctx)
        if result.status is Status.SKIPPED and not result.internal_errors:
            reasons["not a Dockerfile (template)"] += 1
            continue
        if result.internal_errors or result.status not in (Status.CHANGED, Status.UNCHANGED):
            problems.append(f"{rel}: {result.status}: {result.reason or result.internal_errors}")
            continue
        if result.changed:
            split.append(rel)
            problem = check_rewrite(result.original, result.new)
            if problem:
                problems.append(f"{rel}: invalid: {problem}")
            again = process_text(result.new, rel, [PASS], Context(path=path, project=project))
            if again.status is not Status.UNCHANGED:
                problems.append(f"{rel}: not idempotent ({again.status})")
            continue
        for r in result.findings:
            reasons[reason_of(r.item.message)] += 1
            if args.v:
                print(f"  {rel}:{r.line}: {r.item.message}")
    print(f"split: {len(split)} files")
    for rel in split:
        print(f"  {rel}")
    print("skipped, by reason:")
    for reason, n in reasons.most_common():
        print(f"  {n:4d}  {reason}")
    for p in problems:
        print(f"PROBLEM {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
