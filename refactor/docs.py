"""The README's pass table, generated from the registry: ``python -m refactor.docs`` rewrites it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from refactor.passes import Pass

START, END = "<!-- passes:start -->", "<!-- passes:end -->"


def passes_table(passes: Sequence[Pass]) -> str:
    rows = ["| id | safety | what it does | also known as |", "|---|---|---|---|"]
    for p in passes:
        rows.append(f"| `{p.id}` | {p.safety.value} | {p.summary} | {', '.join(p.aliases)} |")
    return "\n".join(rows)


def with_table(readme: str, passes: Sequence[Pass]) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{passes_table(passes)}\n{END}{tail}"


def main() -> None:
    from transforms import PASSES

    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(with_table(path.read_text(encoding="utf-8"), PASSES), encoding="utf-8")


if __name__ == "__main__":
    main()
