"""The output check: the gaps bench/mutation.py found in refactor/validate.py (BOM, comments, structure)."""

from __future__ import annotations

import pytest

from refactor.edits import Edit
from refactor.validate import buildkit_parse, check_rewrite, check_structure, unknown_instructions


@pytest.mark.parametrize(("original", "new"), [
    ("\ufeffFROM alpine\nRUN true\n", "FROM alpine\nRUN true\n"),
    ("FROM alpine\nRUN true\n", "\ufeffFROM alpine\nRUN true\n"),
])
def test_a_changed_byte_order_mark_is_refused(original: str, new: str) -> None:
    assert check_rewrite(original, new) == "rewrite changed the byte-order mark"


def test_a_kept_byte_order_mark_is_fine() -> None:
    assert check_rewrite("\ufeffFROM alpine\nRUN true\n", "\ufeffFROM alpine:3.20\nRUN true\n") is None


def test_dropping_one_of_two_equal_comments_is_refused() -> None:
    original = "FROM a\n# keep\nRUN x\n# keep\nRUN y\n"
    assert check_rewrite(original, "FROM a\n# keep\nRUN x\nRUN y\n") == "rewrite would drop comment '# keep'"
    assert check_rewrite(original, "FROM a\n# keep\nRUN x\n# keep\nRUN y\n# new\n") is None


def test_unknown_instruction_and_parse_error_are_reported_with_their_line() -> None:
    assert check_rewrite("FROM a\nRUN x\n", "FROM a\nRUN x\n&& y\n") == \
        "rewrite has an unknown instruction '&&' at line 3"
    assert check_rewrite("FROM a\nRUN x\n", "FROM a\nRUN <<EOF\n").startswith("rewrite does not parse: ")


def test_unknown_instructions_lists_each_with_its_line() -> None:
    assert unknown_instructions("FROM a\nfrob x\nRUN y\nRUNN z\n") == [("frob", 2), ("RUNN", 4)]
    assert unknown_instructions("from a\nrun y\nHealthCheck NONE\n") == []


def test_buildkit_parse_spans_continuations() -> None:
    text = "FROM a\nRUN x \\\n  y \\\n  z\nUSER app\n"
    assert [(c.upper(), s, e) for c, s, e in buildkit_parse(text)] == [("FROM", 1, 1), ("RUN", 2, 4), ("USER", 5, 5)]


def test_structure_check_is_skipped_without_rounds_and_done_with_them() -> None:
    original = "FROM a\nRUN echo && \\\n  user app\n"
    new = "FROM a\nRUN echo\n  user app\n"
    assert check_rewrite(original, new) is None  # without the edits there is nothing to compare against
    assert check_rewrite(original, new, [[Edit.delete(15, 20)]]) == \
        "rewrite starts an instruction at line 3 that no fix inserted"


def test_structure_follows_crlf_and_indented_keywords() -> None:
    original = "FROM a\r\n  RUN x\r\n\tCMD y\r\n"
    ins = [Edit.insert(17, "  USER app\r\n")]
    assert check_structure(original, "FROM a\r\n  RUN x\r\n  USER app\r\n\tCMD y\r\n", [ins]) is None


def test_structure_after_a_bom_and_on_the_last_line() -> None:
    original = "\ufeffFROM a\nRUN x"
    new = "\ufeffFROM a\nRUN x\nUSER app"
    assert check_structure(original, new, [[Edit.insert(len(original), "\nUSER app")]]) is None


def test_inserted_keyword_continued_from_the_edits_own_line_is_not_an_instruction() -> None:
    original = "FROM a\nCMD x\n"
    new = "FROM a\nHEALTHCHECK \\\n  CMD true\nCMD x\n"
    assert check_structure(original, new, [[Edit.insert(7, "HEALTHCHECK \\\n  CMD true\n")]]) is None
    crlf = "FROM a\r\nCMD x\r\n"
    new_crlf = "FROM a\r\nHEALTHCHECK \\\r\n  CMD true\r\nCMD x\r\n"
    assert check_structure(crlf, new_crlf, [[Edit.insert(8, "HEALTHCHECK \\\r\n  CMD true\r\n")]]) is None


def test_inserted_keyword_with_a_custom_escape_is_continued_by_the_backtick() -> None:
    original = "# escape=`\nFROM a\nCMD x\n"
    at = original.index("CMD")
    new = original[:at] + "HEALTHCHECK `\n  CMD true\n" + original[at:]
    assert check_structure(original, new, [[Edit.insert(at, "HEALTHCHECK `\n  CMD true\n")]]) is None


def test_an_insert_in_the_middle_of_a_line_is_not_a_new_instruction() -> None:
    original = "FROM a\nRUN echo\n"
    at = original.index("echo")
    new = original[:at] + "USER " + original[at:]
    assert check_structure(original, new, [[Edit.insert(at, "USER ")]]) is None


def test_an_inserted_instruction_that_is_swallowed_is_named_by_its_line() -> None:
    original = "FROM a\nRUN x \\\n"
    new = original + "USER app\n"
    assert check_structure(original, new, [[Edit.insert(len(original), "USER app\n")]]) == \
        "the instruction a fix inserted at line 3 joins the one before it"


def test_a_replaced_keyword_still_starts_its_instruction() -> None:
    original = "FROM a\nADD x /x\nCMD y\n"
    at = original.index("ADD")
    new = "FROM a\nCOPY x /x\nCMD y\n"
    assert check_structure(original, new, [[Edit(at, at + 3, "COPY")]]) is None


def test_a_deleted_instruction_is_not_expected_any_more() -> None:
    original = "FROM a\nRUN x\nRUN y\nCMD z\n"
    at = original.index("RUN y")
    new = "FROM a\nRUN x\nCMD z\n"
    assert check_structure(original, new, [[Edit.delete(at, at + 6)]]) is None
    # a deletion that takes the keyword but leaves the rest would leave "y" as an instruction
    assert check_structure(original, "FROM a\nRUN x\ny\nCMD z\n", [[Edit.delete(at, at + 4)]]) is not None


def test_inserted_lines_are_followed_through_later_rounds() -> None:
    original = "FROM a\nCMD x\n"
    round1 = [Edit.insert(7, "USER app\n")]
    round2 = [Edit.insert(0, "# syntax=docker/dockerfile:1\n")]
    new = "# syntax=docker/dockerfile:1\nFROM a\nUSER app\nCMD x\n"
    assert check_structure(original, new, [round1, round2]) is None
    # the same insert, later joined to the line before by a second-round edit
    joined = [Edit.insert(6, " \\")]
    assert check_structure(original, "FROM a \\\nUSER app\nCMD x\n", [round1, joined]) is not None


def test_a_keyword_inserted_mid_line_in_a_continuation_is_no_new_instruction() -> None:
    original = "FROM a\nRUN echo \\\nX y\n"
    at = original.index("y")
    new = original[:at] + "USER " + original[at:]
    assert check_structure(original, new, [[Edit.insert(at, "USER ")]]) is None
    indented = "FROM a\nRUN echo \\\n  x y\n"
    at = indented.index("y")
    assert check_structure(indented, indented[:at] + "USER " + indented[at:], [[Edit.insert(at, "USER ")]]) is None


def test_every_edit_of_a_round_can_insert_instructions() -> None:
    original = "FROM a\nCMD x\n"
    edits = [Edit.insert(7, "USER app\n"), Edit.insert(len(original), "LABEL a=b\n")]
    assert check_structure(original, "FROM a\nUSER app\nCMD x\nLABEL a=b\n", [edits]) is None
