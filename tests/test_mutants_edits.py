"""Edits and fixes: the gaps bench/mutation.py found in refactor/edits.py (overlap guard, Fix ordering, offsets)."""

from __future__ import annotations

import pytest

from refactor.edits import Edit, Fix, apply_edits


def test_overlapping_edits_are_refused_naming_the_offset() -> None:
    text = "FROM alpine\nRUN apk add curl\n"
    with pytest.raises(ValueError, match=r"^overlapping edit at 14$"):
        apply_edits(text, [Edit(12, 20, "RUN"), Edit(14, 16, "x")])
    with pytest.raises(ValueError, match="overlapping edit at 12"):  # an insert inside a replaced range
        apply_edits(text, [Edit(5, 15, ""), Edit.insert(12, "x")])


def test_adjacent_edits_and_an_insert_at_a_replacement_end_apply() -> None:
    text = "FROM alpine\n"
    assert apply_edits(text, [Edit(0, 4, "from"), Edit(4, 5, "\t"), Edit.insert(5, "x")]) == "from\txalpine\n"


def test_fix_sorts_its_edits_so_start_and_end_span_them_all() -> None:
    fix = Fix("p", "m", (Edit(20, 25, "b"), Edit(3, 4, "a")))
    assert fix.edits == (Edit(3, 4, "a"), Edit(20, 25, "b"))
    assert (fix.start, fix.end, fix.offset) == (3, 25, 3)


def test_fix_keeps_an_explicit_offset_even_zero() -> None:
    assert Fix("p", "m", (Edit(30, 31, "x"),), offset=0).offset == 0
    assert Fix("p", "m", (Edit(30, 31, "x"),), offset=7).offset == 7


def test_fix_without_edits_can_be_built() -> None:
    assert Fix("p", "m", ()).offset == -1  # select_fixes skips it; building it must not fail
