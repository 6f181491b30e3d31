"""Joined instruction text and the map from each of its characters back to the source."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(slots=True)
class LogicalLine:
    """An instruction's text as BuildKit joins it: continuations removed, comment lines dropped.

    ``segments`` holds ``(logical_start, source_start, length)`` for each piece of source text that
    contributes, in order, so every logical offset maps back to an exact source offset.
    """

    text: str = ""
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)  # segments' logical starts, for bisect

    def add(self, source: str, start: int, end: int) -> None:
        if end > start:
            self.segments.append((len(self.text), start, end - start))
            self._starts.append(len(self.text))
            self.text += source[start:end]

    def _segment(self, i: int, prefer_end: bool) -> tuple[int, int, int]:
        starts = self._starts
        k = bisect.bisect_right(starts, i) - 1
        if prefer_end and k > 0 and starts[k] == i:
            k -= 1
        return self.segments[max(k, 0)]

    def source_start(self, i: int) -> int:
        """Source offset of the character at logical offset ``i``."""
        if not self.segments:
            return 0
        lstart, sstart, length = self._segment(i, prefer_end=False)
        return sstart + min(i - lstart, length)

    def source_end(self, i: int) -> int:
        """Source offset just after the character before logical offset ``i``."""
        if not self.segments:
            return 0
        lstart, sstart, length = self._segment(i, prefer_end=True)
        return sstart + min(i - lstart, length)

    def same_line(self, a: int, b: int) -> bool:
        """True when logical range ``[a, b)`` lies within one source segment (one physical line)."""
        if a == b:
            return True
        return self._segment(a, prefer_end=False) == self._segment(b, prefer_end=True)
