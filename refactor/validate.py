"""The check every output passes before it is written: BuildKit grammar, real instructions, no lost comment,
and — given the edits that made it — the same instruction boundaries plus exactly the instructions inserted."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence

from refactor.document import INSTRUCTIONS, memoized, parse
from refactor.edits import Edit, apply_edits
from refactor.source import InputError

# A line a fix inserts that begins (after blanks) with an instruction keyword is meant to start one.
_KEYWORD_LINE = re.compile(r"(?i)[ \t]*(?:" + "|".join(sorted(INSTRUCTIONS)) + r")(?![\w-])")


def buildkit_parse(text: str) -> list[tuple[str, int, int]]:
    """``(instruction, start_line, end_line)`` per instruction, from BuildKit's own Go parser (once per text
    inside ``document.reuse_parses()``: the runner checks the input, validation both texts)."""
    return list(memoized("buildkit", text, _buildkit_parse))


def _buildkit_parse(text: str) -> tuple[tuple[str, int, int], ...]:
    import dockerfile

    try:
        cmds = dockerfile.parse_string(text)
    except dockerfile.GoParseError as exc:
        raise InputError(f"BuildKit parser: {str(exc).splitlines()[0]}") from None
    _LEAK.release(cmds)
    return tuple((c.cmd, c.start_line, c.end_line) for c in cmds)


class _ParserLeak:
    """Gives back what PyPI ``dockerfile`` 3.x leaks on every parse, so memory stays flat over a bulk run.

    Its C shim builds each ``Command`` with ``PyObject_CallFunction(Command, "OOOOOOO", …)``, which takes new
    references to the field objects, and the Go side never drops its own (pylib/main.go, support.c): every
    string, tuple and large int of every parsed instruction stays alive — about 50 KiB per parse of a
    300-instruction file, 80 MiB over a 10,000-file monorepo. After ``START`` parses (a one-file run never
    pays for ``ctypes``), each fresh object a returned Command holds gets that one extra reference dropped.
    Whether the installed version leaks is measured first on a probe text: a version that does not leak gets
    nothing dropped. Shared objects (None, small ints, interned or one-character strings, the empty tuple)
    have more references than a fresh object and are left alone: a reference more or less costs them no memory.
    """

    START = 64

    def __init__(self) -> None:
        self.parses = 0
        self.leaked: int | None = None  # the reference count (as _counts sees it) of a leaked fresh object
        self.decref: Callable[[object], None] | None = None

    @staticmethod
    def _counts(cmd: Sequence[object]) -> list[tuple[object, int]]:
        """Each object ``cmd`` holds (its fields, its heredocs' fields) with its reference count as seen here."""
        objs = [*cmd, *(v for h in getattr(cmd, "heredocs", ()) for v in h)]
        return [(v, sys.getrefcount(v)) for v in objs]

    def _calibrate(self) -> None:
        import ctypes

        import dockerfile

        probe = dockerfile.parse_string("FROM probe-image-name\n")[0]
        fresh = self._counts(probe)[3][1]  # ``original``: a new string only the Command holds, unless leaked
        reference = self._counts(("x", "y", "z", "-".join(("not", "shared"))))[3][1]
        self.leaked = fresh if fresh == reference + 1 else 0
        if self.leaked:
            decref = ctypes.pythonapi.Py_DecRef
            decref.argtypes, decref.restype = [ctypes.py_object], None
            self.decref = decref

    def release(self, cmds: Sequence[Sequence[object]]) -> None:
        self.parses += 1
        if self.parses < self.START:
            return
        if self.leaked is None:
            self._calibrate()
        if not self.leaked or self.decref is None:
            return
        for cmd in cmds:
            for obj, count in self._counts(cmd):
                if count == self.leaked:
                    self.decref(obj)


_LEAK = _ParserLeak()


def unknown_instructions(text: str) -> list[tuple[str, int]]:
    """Instructions BuildKit would reject at build time (a cut continuation shows up as ``&&``)."""
    return [(cmd, line) for cmd, line, _ in buildkit_parse(text) if cmd.upper() not in INSTRUCTIONS]


def check_rewrite(original: str, new: str, rounds: Sequence[Sequence[Edit]] | None = None) -> str | None:
    """Why ``new`` must not replace ``original``, or None when it is sound.

    ``rounds`` are the sorted edits of each applier round that led from ``original`` to ``new``; with them
    the instruction boundaries are checked too (see ``check_structure``).
    """
    try:
        unknown = unknown_instructions(new)
        parse(new)
    except InputError as exc:
        return f"rewrite does not parse: {exc}"
    if unknown:
        cmd, line = unknown[0]
        return f"rewrite has an unknown instruction {cmd!r} at line {line}"
    lost = Counter(parse(original).comments()) - Counter(parse(new).comments())
    if lost:
        return f"rewrite would drop comment {next(iter(lost))!r}"
    if new.startswith("\ufeff") != original.startswith("\ufeff"):
        return "rewrite changed the byte-order mark"
    if rounds is not None:
        return check_structure(original, new, rounds)
    return None


def check_structure(original: str, new: str, rounds: Sequence[Sequence[Edit]]) -> str | None:
    """Why the instruction boundaries of ``new`` are not those of ``original`` plus what the edits inserted.

    Every instruction start of ``original`` that no edit deleted must still start an instruction (nothing
    was joined to the instruction before it), every line an edit inserted that begins with an instruction
    keyword (and is not continued from the edit's line before) must start one (an inserted ``USER`` after
    a dangling ``\\`` would be swallowed),
    and no other line may start one (nothing was split off). Both parses are BuildKit's.
    """
    escape = parse(original).escape
    kept: dict[int, int | None] = {}  # original start line -> its offset in the current text (None: deleted)
    text = original
    for _, start, _ in buildkit_parse(original):
        kept[start] = _keyword_offset(original, start)
    inserted: list[int] = []  # offsets, in the current text, of inserted lines meant to start an instruction
    for edits in rounds:
        kept = {line: None if off is None else _forward(off, edits) for line, off in kept.items()}
        moved = [_forward(off, edits) for off in inserted]
        inserted = [off for off in moved if off is not None]
        inserted += _inserted_instruction_lines(text, edits, escape)
        text = apply_edits(text, list(edits))
    starts = {start for _, start, _ in buildkit_parse(new)}
    expected: set[int] = set()
    for line, off in sorted(kept.items()):
        if off is None:
            continue
        now = _line_number(new, off)
        expected.add(now)
        if now not in starts:
            return f"rewrite joins the instruction of line {line} to the one before it"
    for off in inserted:
        now = _line_number(new, off)
        expected.add(now)
        if now not in starts:
            return f"the instruction a fix inserted at line {now} joins the one before it"
    extra = sorted(starts - expected)
    if extra:
        return f"rewrite starts an instruction at line {extra[0]} that no fix inserted"
    return None


def _keyword_offset(text: str, line: int) -> int:
    """Offset of the first character after the blanks (and a BOM) of 1-based ``line``: where its
    instruction's keyword is. Line breaks are LF (a CR before one belongs to its line), as for BuildKit."""
    pos = 0
    for _ in range(line - 1):
        pos = text.index("\n", pos) + 1
    while pos < len(text) and text[pos] in " \t\ufeff":
        pos += 1
    return pos


def _line_number(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _forward(offset: int, edits: Sequence[Edit]) -> int | None:
    """Where ``offset`` (a line start) lands after ``edits``: after text inserted at it, at the start of a
    replacement that begins at it, None when an edit deletes it."""
    delta = 0
    for e in edits:
        if offset < e.start:
            break
        if e.start == e.end:
            delta += len(e.content)  # inserted at or before the offset: it moves down
            continue
        if offset < e.end:
            return e.start + delta if offset == e.start and e.content else None
        delta += len(e.content) - (e.end - e.start)
    return offset + delta


def _inserted_instruction_lines(text: str, edits: Sequence[Edit], escape: str) -> list[int]:
    """Offsets, in the text after ``edits``, of inserted lines that begin with an instruction keyword and
    that the same edit does not continue from its previous line (``HEALTHCHECK … \\`` / ``    CMD …``)."""
    out: list[int] = []
    delta = 0
    for e in edits:
        at = e.start + delta
        line_start = text.rfind("\n", 0, e.start) + 1
        begins = [0] if not text[line_start:e.start].strip(" \t\ufeff") else []
        begins += [m.end() for m in re.finditer("\n", e.content) if m.end() < len(e.content)
                   and not e.content[:m.start()].rstrip(" \t\r").endswith(escape)]
        out += [at + b for b in begins if _KEYWORD_LINE.match(e.content, b)]
        delta += len(e.content) - (e.end - e.start)
    return out
