"""The applier: ordering, overlap, rounds, validation and revert; the style-keeping edit builders."""

from __future__ import annotations

from refactor import rewrite
from refactor.applier import select_fixes, transform
from refactor.document import parse
from refactor.edits import Edit, Fix, Safety, apply_edits
from refactor.passes import Context, Pass
from refactor.shell import shell_of


def _pass(fn, pid: str = "t") -> Pass:
    return Pass(pid, "test", Safety.SAFE, fn, "What it does\nWhy\nExample\nFix safety")


def test_apply_edits_copies_everything_between_edits() -> None:
    text = "abc\r\ndef"
    assert apply_edits(text, [Edit(0, 1, "X"), Edit.insert(8, "!")]) == "Xbc\r\ndef!"
    assert apply_edits(text, []) == text


def test_overlapping_and_touching_fixes_wait_for_the_next_round() -> None:
    a = Fix("a", "", (Edit(0, 5, "x"),))
    b = Fix("b", "", (Edit(3, 6, "y"),))
    c = Fix("c", "", (Edit(5, 5, "z"),))
    d = Fix("d", "", (Edit(9, 10, "w"),))
    assert [f.pass_id for f in select_fixes([d, c, b, a])] == ["a", "d"]


def test_rounds_until_stable_and_result_validated() -> None:
    def add_user(doc, ctx):
        if not any(i.name == "USER" for i in doc.instructions):
            yield Fix("t", "user", (rewrite.insert_line_after(doc.instructions[-1], doc.keyword("USER") + " app"),))
        if not any(i.name == "WORKDIR" for i in doc.instructions):
            yield Fix("t", "wd", (rewrite.insert_line_after(doc.instructions[-1], doc.keyword("WORKDIR") + " /a"),))

    out = transform("from alpine\nrun echo", [_pass(add_user)], Context())
    assert out.error is None
    assert out.text == "from alpine\nrun echo\nuser app\nworkdir /a"  # same end point: two rounds
    assert len(out.fixes) == 2


def test_broken_rewrite_is_reverted_with_reason() -> None:
    def cut(doc, ctx):
        run = doc.instructions[1]
        if doc.text[run.lines[0].end - 1] == "\\":
            yield Fix("t", "cut", (Edit.delete(run.lines[0].end - 1, run.lines[0].end),))  # drop the backslash

    text = "FROM a\nRUN apk add \\\n    && echo\n"
    out = transform(text, [_pass(cut)], Context())
    assert out.text == text
    assert "unknown instruction '&&'" in out.error


def test_dropping_a_comment_is_refused() -> None:
    def drop(doc, ctx):
        for line in doc.instructions[1].comment_lines():
            yield Fix("t", "drop", (Edit.delete(line.start, line.stop),))

    text = "FROM a\nRUN apk add \\\n  # why curl\n  curl\n"
    out = transform(text, [_pass(drop)], Context())
    assert out.text == text and "comment" in out.error


def test_append_command_keeps_continuation_style() -> None:
    leading = "FROM a\r\nRUN apk add gcc \\\r\n\t&& make\r\n"
    trailing = "FROM a\nRUN apk add gcc && \\\n    make\n"
    single = "FROM a\nRUN make"
    for text, expected in [
        (leading, "FROM a\r\nRUN apk add gcc \\\r\n\t&& make \\\r\n\t&& apk del x\r\n"),
        (trailing, "FROM a\nRUN apk add gcc && \\\n    make && \\\n    apk del x\n"),
        (single, "FROM a\nRUN make && apk del x"),
    ]:
        doc = parse(text)
        edit = rewrite.append_command(shell_of(doc.instructions[1]), "apk del x")
        assert apply_edits(text, [edit]) == expected


def test_remove_word_takes_its_line_or_its_blanks() -> None:
    text = "FROM a\nRUN apk add \\\n    gcc \\\n    curl\nRUN apk add gcc curl\n"
    doc = parse(text)
    s1, s2 = shell_of(doc.instructions[1]), shell_of(doc.instructions[2])
    gcc = s1.commands[0].words[2]
    curl = s1.commands[0].words[3]
    assert apply_edits(text, [rewrite.remove_word(doc.instructions[1], gcc)]).startswith(
        "FROM a\nRUN apk add \\\n    curl\n")
    assert apply_edits(text, [rewrite.remove_word(doc.instructions[1], curl)]).startswith(
        "FROM a\nRUN apk add \\\n    gcc\nRUN")
    assert apply_edits(text, [rewrite.remove_word(doc.instructions[2], s2.commands[0].words[2])]).endswith(
        "RUN apk add curl\n")


def test_insert_line_keeps_indentation_and_newline() -> None:
    text = "FROM a\r\n  CMD x"
    doc = parse(text)
    assert apply_edits(text, [rewrite.insert_line_before(doc.instructions[1], "USER app")]) == \
        "FROM a\r\n  USER app\r\n  CMD x"


def test_append_command_before_a_trailing_semicolon() -> None:
    text = "FROM a\nRUN set -e; apk add gcc; make;\n"
    doc = parse(text)
    edit = rewrite.append_command(shell_of(doc.instructions[1]), "apk del x")
    assert apply_edits(text, [edit]) == "FROM a\nRUN set -e; apk add gcc; make && apk del x;\n"


def test_map_back_through_insertions_and_replacements() -> None:
    from refactor.applier import map_back

    edits = [Edit.insert(2, "XYZ"), Edit(5, 7, "q")]  # "ab|cde[fg]h" -> "abXYZcdeqh"
    assert [map_back(i, edits) for i in range(10)] == [0, 1, 2, 2, 2, 2, 3, 4, 5, 7]


def test_later_round_fixes_report_original_lines_and_resolved_skips_vanish() -> None:
    def two_step(doc, ctx):
        from refactor.edits import Finding

        names = [i.name for i in doc.instructions]
        if "WORKDIR" not in names:
            yield Finding("t", "waiting for WORKDIR at line 2", doc.instructions[1].start)
            yield Fix("t", "wd", (rewrite.insert_line_before(doc.instructions[1], "WORKDIR /a"),))
        elif "USER" not in names:
            yield Fix("t", "user", (rewrite.insert_line_before(doc.instructions[-1], "USER app"),))

    out = transform("FROM a\nCMD x\n", [_pass(two_step)], Context())
    assert out.text == "FROM a\nWORKDIR /a\nUSER app\nCMD x\n"
    assert [r.line for r in out.fixes] == [2, 2]  # both land before line 2 of the original
    assert out.findings == []
