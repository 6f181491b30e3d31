"""Decoding and physical lines: the gaps bench/mutation.py found in refactor/source.py."""

from __future__ import annotations

import pytest

from refactor.source import InputError, Line, decode, newline_of, split_lines


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b" \n\t\r\n", "empty file"),
    (b"FROM a\n\x00", "binary file (contains NUL bytes)"),
    (b"FROM a\n# caf\xe9\n", "invalid UTF-8 at byte 12"),
])
def test_decode_refuses_with_a_one_line_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as exc:
        decode(data)
    assert str(exc.value) == reason


def test_decode_keeps_bom_crlf_and_non_ascii() -> None:
    assert decode("\ufeffFROM a\r\n# café\n".encode()) == "\ufeffFROM a\r\n# café\n"


def test_split_lines_crlf_lf_and_a_last_line_without_break() -> None:
    assert split_lines("a\r\n\nbc") == [Line(0, 1, 3), Line(3, 3, 4), Line(4, 6, 6)]


def test_split_lines_a_lone_cr_before_lf_belongs_to_its_own_line() -> None:
    # "\r\n" at the start of a line: the line is empty and its break is two characters
    assert split_lines("\r\nx") == [Line(0, 0, 2), Line(2, 3, 3)]
    # an empty LF line right after a CRLF line must not take the previous line's CR
    assert split_lines("a\r\n\n") == [Line(0, 1, 3), Line(3, 3, 4)]
    # a CR that does not precede the LF stays in the content
    assert split_lines("a\rb\n") == [Line(0, 3, 4)]


def test_split_lines_from_an_offset() -> None:
    assert split_lines("ab\ncd\nef", 3) == [Line(3, 5, 6), Line(6, 8, 8)]
    assert split_lines("ab\n", 3) == []


def test_newline_of() -> None:
    assert newline_of("FROM a\r\nRUN x\n") == "\r\n"
    assert newline_of("FROM a\nRUN x\r\n") == "\n"
    assert newline_of("FROM a") == "\n"
    assert newline_of("\nFROM a\r\n") == "\n"  # the first break is LF


def test_first_line_empty_with_a_lone_cr_at_the_end_of_the_file() -> None:
    # an empty first line takes nothing from the end of the text (a lone CR there is content of the last line)
    assert split_lines("\nFROM a\r") == [Line(0, 0, 1), Line(1, 8, 8)]
    assert newline_of("\nFROM a\r") == "\n"


def test_newline_of_a_file_starting_with_an_empty_crlf_line() -> None:
    assert newline_of("\r\nFROM a\r\n") == "\r\n"
