"""The check every output passes before it is written: BuildKit grammar, real instructions, no lost comment."""

from __future__ import annotations

from collections import Counter

from refactor.document import INSTRUCTIONS, parse
from refactor.source import InputError


def buildkit_parse(text: str) -> list[tuple[str, int, int]]:
    """``(instruction, start_line, end_line)`` per instruction, from BuildKit's own Go parser."""
    import dockerfile

    try:
        return [(c.cmd, c.start_line, c.end_line) for c in dockerfile.parse_string(text)]
    except dockerfile.GoParseError as exc:
        raise InputError(f"BuildKit parser: {str(exc).splitlines()[0]}") from None


def unknown_instructions(text: str) -> list[tuple[str, int]]:
    """Instructions BuildKit would reject at build time (a cut continuation shows up as ``&&``)."""
    return [(cmd, line) for cmd, line, _ in buildkit_parse(text) if cmd.upper() not in INSTRUCTIONS]


def check_rewrite(original: str, new: str) -> str | None:
    """Why ``new`` must not replace ``original``, or None when it is sound."""
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
    return None
