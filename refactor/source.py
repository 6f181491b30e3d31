"""Decoding a Dockerfile's bytes and splitting it into physical lines, keeping every byte."""

from __future__ import annotations

from typing import NamedTuple

BOM = "\ufeff"


class InputError(Exception):
    """Input that cannot be processed; the message is one line naming the reason."""


class Line(NamedTuple):
    """One physical line: ``text[start:end]`` is its content, ``text[end:stop]`` its line break."""

    start: int
    end: int
    stop: int


def decode(data: bytes) -> str:
    """Bytes to text, refusing binary, empty and non-UTF-8 input."""
    if not data.strip():
        raise InputError("empty file")
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid UTF-8 at byte {exc.start}") from None


def split_lines(text: str, start: int = 0) -> list[Line]:
    """Physical lines of ``text`` from ``start``; ``\\r\\n`` and ``\\n`` both end a line."""
    lines: list[Line] = []
    pos = start
    size = len(text)
    while pos < size:
        nl = text.find("\n", pos)
        if nl == -1:
            lines.append(Line(pos, size, size))
            break
        end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
        lines.append(Line(pos, end, nl + 1))
        pos = nl + 1
    return lines


def newline_of(text: str) -> str:
    """The file's line ending: the first one it uses, ``\\n`` when it has none."""
    nl = text.find("\n")
    return "\r\n" if nl > 0 and text[nl - 1] == "\r" else "\n"
