"""Logical (joined) instruction text mapped back to the source: gaps bench/mutation.py found in logical.py."""

from __future__ import annotations

from refactor.logical import LogicalLine

SRC = "RUN a \\\n  b \\\n  c\n"  # "a " on line 1, "b " on line 2, "c" on line 3


def _line() -> LogicalLine:
    ll = LogicalLine()
    ll.add(SRC, 4, 6)
    ll.add(SRC, 12, 12)  # an empty piece adds nothing
    ll.add(SRC, 10, 12)
    ll.add(SRC, 16, 17)
    return ll


def test_pieces_join_and_record_where_they_came_from() -> None:
    ll = _line()
    assert ll.text == "a b c"
    assert ll.segments == [(0, 4, 2), (2, 10, 2), (4, 16, 1)]


def test_every_character_maps_to_its_source_character() -> None:
    ll = _line()
    assert [ll.source_start(i) for i in range(len(ll.text) + 1)] == [4, 5, 10, 11, 16, 17]
    assert all(SRC[ll.source_start(i)] == ch for i, ch in enumerate(ll.text))


def test_end_offsets_stay_on_the_line_of_the_character_before() -> None:
    ll = _line()
    # the end of "a " is on line 1 (offset 6), not at the start of "b" on line 2
    assert [ll.source_end(i) for i in range(len(ll.text) + 1)] == [4, 5, 6, 11, 12, 17]
    assert SRC[ll.source_start(2):ll.source_end(4)] == "b "


def test_same_line() -> None:
    ll = _line()
    assert ll.same_line(0, 2)  # "a "
    assert ll.same_line(2, 4)  # "b "
    assert not ll.same_line(0, 3)  # "a b" spans a continuation
    assert not ll.same_line(1, 5)
    assert ll.same_line(3, 3)


def test_empty_line_maps_to_zero() -> None:
    ll = LogicalLine()
    assert (ll.text, ll.source_start(0), ll.source_end(0), ll.same_line(0, 0)) == ("", 0, 0, True)
