"""The Go health-mode reader (transforms/_health_go_source.py) on details its golden cases do not pin down."""

from __future__ import annotations

from transforms._health_go_source import line_of


def test_line_of_counts_every_newline_before_the_offset() -> None:
    assert line_of("package main\n", 0) == 1
    assert line_of("\npackage main\n", 1) == 2  # a file that starts with an empty line
    assert line_of("a\nb\nc", 4) == 3
    assert line_of("a\nb\nc", 3) == 2  # the offset of the newline itself is still on its line
