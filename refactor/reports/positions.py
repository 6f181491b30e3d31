"""Line/column spans of fixes and findings in a file's original text, as reports give them (1-based)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from refactor.applier import Reported
from refactor.edits import Edit, Fix


@dataclass(frozen=True)
class Position:
    line: int
    column: int  # 1-based, in Unicode code points

    def as_dict(self) -> dict[str, int]:
        return {"line": self.line, "column": self.column}


class Lines:
    """Offset → (line, column) in one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def at(self, offset: int) -> Position:
        i = bisect.bisect_right(self._starts, offset) - 1
        return Position(i + 1, offset - self._starts[i] + 1)

    def line_end(self, line: int) -> Position:
        """The position just before ``line``'s line break (or at the end of the text)."""
        start = self._starts[line - 1]
        end = self.text.find("\n", start)
        end = len(self.text) if end < 0 else end
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return Position(line, end - start + 1)


def on_original(r: Reported, original: str) -> bool:
    """Whether a fix's edits refer to the original text (a fix of the first round; later rounds' fixes are
    made on top of earlier fixes, so only their reported line is a line of the original)."""
    return not r.text or r.text == original


def span(r: Reported, lines: Lines) -> tuple[Position, Position]:
    """Where a fix or finding is in the original text: a fix's edits from first to last (exact for a
    first-round fix, else its reported line), a finding's line from its offset to the line's end."""
    x = r.item
    if isinstance(x, Fix) and x.edits and on_original(r, lines.text):
        return lines.at(x.start), lines.at(x.end)
    if not isinstance(x, Fix):
        start = lines.at(x.offset)
        return start, lines.line_end(start.line)
    return Position(r.line, 1), lines.line_end(r.line)


def edits_on_original(r: Reported, original: str) -> tuple[Edit, ...]:
    """A fix's edits when they apply to the original text, else none."""
    x = r.item
    return x.edits if isinstance(x, Fix) and on_original(r, original) else ()
