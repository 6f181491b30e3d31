"""Unified diffs that ``git apply`` accepts: ``a/`` and ``b/`` headers, exact line endings."""

from __future__ import annotations

import difflib
import re

NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(old: str, new: str, path: str, context: int = 3) -> str:
    """The diff of ``old`` → ``new`` for ``path`` (relative, forward slashes)."""
    if old == new:
        return ""
    a, b = _lines(old), _lines(new)
    out = [f"diff --git a/{path} b/{path}\n"]
    for i, line in enumerate(difflib.unified_diff(a, b, f"a/{path}", f"b/{path}", n=context, lineterm="\n")):
        if i < 2:  # the ``---``/``+++`` headers (a changed line may also start with ``---``)
            out.append(line.rstrip("\n") + "\n")
            continue
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n" + NO_NEWLINE)
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines split on ``\\n`` only (str.splitlines would also split on form feeds and lone CRs)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)
