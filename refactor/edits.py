"""Edits, fixes and findings: what a pass returns. Passes never write text themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Safety(StrEnum):
    """``safe``: the image behaves the same. ``review``: runtime behaviour changes; a person should look."""

    SAFE = "safe"
    REVIEW = "review"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the original with ``content``; ``start == end`` inserts."""

    start: int
    end: int
    content: str = ""

    @classmethod
    def insert(cls, at: int, content: str) -> Edit:
        return cls(at, at, content)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")


@dataclass(frozen=True)
class Fix:
    """One change made by a pass: its edits are applied together or not at all."""

    pass_id: str
    message: str
    edits: tuple[Edit, ...]
    safety: Safety = Safety.SAFE
    offset: int = -1  # where to report it; defaults to the first edit

    def __post_init__(self) -> None:
        object.__setattr__(self, "edits", tuple(sorted(self.edits)))
        if self.offset < 0 and self.edits:
            object.__setattr__(self, "offset", self.edits[0].start)

    @property
    def start(self) -> int:
        return self.edits[0].start

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


class Level(StrEnum):
    ERROR = "error"  # the image is broken or will fail; nothing was changed to hide it
    SKIP = "skip"  # the pass chose not to change something, with a reason a person can act on
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """Something a pass reports without an edit."""

    pass_id: str
    message: str
    offset: int
    level: Level = Level.SKIP
    extra: dict[str, str] = field(default_factory=dict, compare=False)


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (sorted) to ``text``; the only function that builds new text."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits):
        if e.start < pos:
            raise ValueError(f"overlapping edit at {e.start}")
        out.append(text[pos:e.start])
        out.append(e.content)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
