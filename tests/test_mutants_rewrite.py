"""The edit builders of refactor/rewrite.py: the gaps bench/mutation.py found (layouts the golden cases miss)."""

from __future__ import annotations

from refactor.document import Instruction, parse
from refactor.edits import Edit, apply_edits
from refactor.rewrite import (
    _drop_last,
    _is_comment_text,
    _line_index,
    append_cleanup,
    append_command,
    append_command_to_run,
    command_list,
    comment_block_start,
    continuation_indent,
    insert_command_after,
    insert_command_before,
    insert_line_after,
    insert_line_before,
    insert_lines_above_comments,
    insert_lines_after,
    insert_lines_before,
    insert_words_after,
    leading_operators,
    line_span,
    operator_indent,
    operator_lines,
    remove_word,
    still_parses,
)
from refactor.shell import shell_of


def _ins(text: str, index: int = 1) -> Instruction:
    return parse(text).instructions[index]


def _apply(ins: Instruction, edit: Edit) -> str:
    return apply_edits(ins.doc.text, [edit])


def test_insert_line_before_keeps_indent_and_crlf() -> None:
    ins = _ins("FROM alpine\r\n  CMD [\"sh\"]\r\n")
    assert _apply(ins, insert_line_before(ins, "USER app")) == "FROM alpine\r\n  USER app\r\n  CMD [\"sh\"]\r\n"
    assert _apply(ins, insert_lines_before(ins, ["USER app", "ENV A=1"])) == (
        "FROM alpine\r\n  USER app\r\n  ENV A=1\r\n  CMD [\"sh\"]\r\n")


def test_insert_line_after_keeps_indent_crlf_and_a_missing_final_newline() -> None:
    ins = _ins("FROM alpine\r\n\tRUN true\r\nCMD x\r\n")
    assert _apply(ins, insert_line_after(ins, "USER app")) == "FROM alpine\r\n\tRUN true\r\n\tUSER app\r\nCMD x\r\n"
    ins = _ins("FROM alpine\nRUN true")
    assert _apply(ins, insert_lines_after(ins, ["USER a", "USER b"])) == "FROM alpine\nRUN true\nUSER a\nUSER b"


def test_insert_line_after_a_heredoc_goes_after_its_terminator() -> None:
    ins = _ins("FROM alpine\nRUN <<EOF\napk add curl\nEOF\nCMD x\n")
    assert _apply(ins, insert_line_after(ins, "USER app")) == (
        "FROM alpine\nRUN <<EOF\napk add curl\nEOF\nUSER app\nCMD x\n")


def test_insert_line_after_a_dangling_escape_at_the_end_of_file_drops_the_escape() -> None:
    ins = _ins("FROM alpine\nRUN apk add curl \\\n")
    assert _apply(ins, insert_line_after(ins, "USER app")) == "FROM alpine\nRUN apk add curl \nUSER app\n"
    ins = _ins("FROM alpine\nRUN apk add \\\n    curl \\\n    # a comment\n")
    assert _apply(ins, insert_line_after(ins, "USER app")) == (
        "FROM alpine\nRUN apk add \\\n    curl \n    # a comment\nUSER app\n")
    ins = _ins("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir `\n")
    assert _apply(ins, insert_line_after(ins, "USER app")) == (
        "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nRUN dir \nUSER app\n")


def test_comment_block_start_and_insert_above_comments() -> None:
    text = "FROM node:20\nRUN npm ci\n\n# the app\n# listens on 3000\nCMD [\"node\", \"app.js\"]\n"
    ins = _ins(text, 2)
    assert comment_block_start(ins) == text.index("# the app")
    assert _apply(ins, insert_lines_above_comments(ins, ["USER node"])) == (
        "FROM node:20\nRUN npm ci\n\nUSER node\n# the app\n# listens on 3000\nCMD [\"node\", \"app.js\"]\n")
    # no comment above: the instruction's own line; comments right under the previous instruction count too
    assert comment_block_start(_ins("FROM a\nCMD x\n")) == len("FROM a\n")
    text = "FROM a\n# one\n  # two\nCMD x\n"
    assert comment_block_start(_ins(text)) == text.index("# one")
    text = "# top\nFROM a\n"
    assert comment_block_start(_ins(text, 0)) == 0


def test_continuation_indent() -> None:
    assert continuation_indent(_ins("FROM a\nRUN a \\\n  # c\n\n      && b\n")) == "      "
    assert continuation_indent(_ins("FROM a\nRUN a\n")) == "    "
    assert continuation_indent(_ins("FROM a\n\tRUN a\n")) == "\t"


def test_operator_lines_and_indent() -> None:
    ins = _ins("FROM a\nRUN set -eux \\\n  && apt-get update \\\n   || true \\\n    ; \\\n  ;\n")
    assert operator_lines(ins) == [("  ", "&&"), ("   ", "||"), ("    ", "; "), ("  ", ";")]
    assert operator_lines(ins, commands_only=True) == [("  ", "&&"), ("   ", "||")]
    assert leading_operators(ins) and operator_indent(ins, commands_only=True) == "   "
    plain = _ins("FROM a\nRUN a && \\\n\tb\n")
    assert not leading_operators(plain) and operator_indent(plain) == "\t"


def test_command_list_follows_the_files_own_layout() -> None:
    leading = parse("FROM a\nRUN a \\\n  && b\n")
    assert command_list(leading, "x", ["y", "z"]) == "x \\\n  && y \\\n  && z"
    trailing = parse("FROM a\r\nRUN a && \\\r\n\tb\r\n")
    assert command_list(trailing, "x", ["y"]) == "x && \\\r\n\ty"
    none = parse("FROM a\nRUN a\n")
    assert command_list(none, "x", ["y"]) == "x \\\n    && y"
    assert command_list(parse("FROM a\n\tRUN a\n"), "x", ["y"]) == "x \\\n\t&& y"
    assert command_list(none, "x", []) == "x"
    windows = parse("# escape=`\nFROM a\nRUN a\n")
    assert command_list(windows, "x", ["y"]) == "x `\n    && y"


def test_line_span() -> None:
    ins = _ins("FROM a\nRUN a \\\n  b\n")
    text = ins.doc.text
    assert line_span(ins, text.index("b")) == (text.index("  b"), len(text) - 1, len(text))
    assert line_span(ins, 10_000) == (text.index("  b"), len(text) - 1, len(text))


def test_remove_word_on_its_own_line_and_the_last_line() -> None:
    text = "FROM a\nRUN apk add \\\n    curl \\\n    git\n"
    ins = _ins(text)
    words = {w.value: w for w in ins.words}
    assert _apply(ins, remove_word(ins, words["curl"])) == "FROM a\nRUN apk add \\\n    git\n"
    assert _apply(ins, remove_word(ins, words["git"])) == "FROM a\nRUN apk add \\\n    curl\n"
    assert _apply(ins, remove_word(ins, words["add"])) == "FROM a\nRUN apk \\\n    curl \\\n    git\n"


def _remove(text: str, value: str) -> str:
    ins = _ins(text)
    (word,) = [w for w in ins.words if w.value == value]
    return _apply(ins, remove_word(ins, word))


def test_remove_a_word_glued_across_comment_lines_keeps_the_comments() -> None:
    # a package name split by a continuation with a comment line in between (BuildKit drops the comment)
    assert _remove("FROM a\nRUN apk add cu\\\n# the client\nrl git\n", "curl") == (
        "FROM a\nRUN apk add\\\n# the client\n git\n")
    assert _remove("FROM a\nRUN apk add git c\\\n# one\nu\\\n# two\nrl jq\n", "curl") == (
        "FROM a\nRUN apk add git\\\n# one\n\\\n# two\n jq\n")


def test_remove_the_last_word_glued_across_comment_lines_drops_the_last_escape() -> None:
    assert _remove("FROM a\nRUN apk add git cu\\\n# the client\nrl\nCMD x\n", "curl") == (
        "FROM a\nRUN apk add git\n# the client\n\nCMD x\n")
    assert _remove("FROM a\nRUN apk add git cu\\\n# the client\nrl  \nCMD x\n", "curl") == (
        "FROM a\nRUN apk add git\n# the client\n  \nCMD x\n")
    assert _remove("FROM a\nRUN apk add git cu\\\n# the client\nrl", "curl") == (
        "FROM a\nRUN apk add git\n# the client\n")
    assert _remove("FROM a\r\nRUN apk add git cu\\\r\n# the client\r\nrl\r\nCMD x\r\n", "curl") == (
        "FROM a\r\nRUN apk add git\r\n# the client\r\n\r\nCMD x\r\n")
    assert _remove("# escape=`\nFROM a\nRUN apk add git cu`\n# the client\nrl\nCMD x\n", "curl") == (
        "# escape=`\nFROM a\nRUN apk add git\n# the client\n\nCMD x\n")


def test_remove_a_word_glued_without_comments_takes_its_escapes() -> None:
    # a comment elsewhere in the RUN does not make the word "glued across comments"
    assert _remove("FROM a\nRUN apk add \\\n# tools\n    cu\\\nrl git\n", "curl") == (
        "FROM a\nRUN apk add \\\n# tools\n git\n")


def test_glue_is_only_the_text_between_the_words_own_pieces() -> None:
    # segments before and after the word, one ending where the word starts, one starting where it ends
    assert _remove("FROM a\nRUN apk add \\\n    git cu\\\n# c\nrl \\\n    jq\n", "curl") == (
        "FROM a\nRUN apk add \\\n    git\\\n# c\n \\\n    jq\n")
    assert _remove("FROM a\nRUN apk add cu\\\n# c\nrl\\\n  git\n", "curl") == (
        "FROM a\nRUN apk add\\\n# c\n\\\n  git\n")
    assert _remove("FROM a\nRUN apk add git \\\ncu\\\n# c\nrl jq\n", "curl") == (
        "FROM a\nRUN apk add git \\\n\\\n# c\n jq\n")


def test_a_glued_word_followed_by_more_words_at_the_end_of_file_keeps_its_escape() -> None:
    assert _remove("FROM a\nRUN apk add cu\\\n# the client\nrl git", "curl") == (
        "FROM a\nRUN apk add\\\n# the client\n git")


def _insert_after(text: str, name: str, command: str = "rm -rf /tmp/x") -> str | None:
    doc = parse(text)
    script = shell_of(doc.instructions[1])
    assert script is not None
    cmd = next(c for c in script.commands if c.name == name)
    edit = insert_command_after(script, cmd, command)
    return apply_edits(text, [edit]) if edit is not None else None


def test_insert_command_after_copies_the_blanks_after_a_leading_operator() -> None:
    assert _insert_after("FROM a\nRUN apk add x \\\n  &&  make\n", "make") == (
        "FROM a\nRUN apk add x \\\n  &&  make \\\n  &&  rm -rf /tmp/x\n")
    assert _insert_after("FROM a\nRUN apk add x \\\n  &&  make \\\n  &&\tmake install\n", "apk") == (
        "FROM a\nRUN apk add x \\\n  &&\trm -rf /tmp/x \\\n  &&  make \\\n  &&\tmake install\n")


def test_insert_command_after_commands_at_column_zero() -> None:
    assert _insert_after("FROM a\nRUN set -e; \\\napt-get update; \\\napt-get install -y curl\n", "apt-get") == (
        "FROM a\nRUN set -e; \\\napt-get update; \\\nrm -rf /tmp/x; \\\napt-get install -y curl\n")


def test_remove_word_at_column_zero_and_after_another_word() -> None:
    assert _remove("FROM a\nRUN apk add \\\ncurl \\\ngit\n", "curl") == "FROM a\nRUN apk add \\\ngit\n"
    assert _remove("FROM a\nRUN apk add \\\n    curl git\n", "git") == "FROM a\nRUN apk add \\\n    curl\n"
    assert _remove("FROM a\nRUN apk add curl git\n", "curl") == "FROM a\nRUN apk add git\n"


def test_remove_the_last_word_drops_the_escape_before_it_with_or_without_blanks() -> None:
    assert _remove("FROM a\nRUN apk add \\\n    curl\\\n    git\n", "git") == "FROM a\nRUN apk add \\\n    curl\n"
    assert _remove("FROM a\nRUN apk add \\\n    curl\t\\\n\tgit\n", "git") == "FROM a\nRUN apk add \\\n    curl\n"
    assert _remove("FROM a\r\nRUN apk add \\\r\n    curl \\\r\n    git\r\n", "git") == (
        "FROM a\r\nRUN apk add \\\r\n    curl\r\n")
    assert _remove("FROM a\r\nRUN apk add \\\r\n    curl \\\r\n    git\r\n", "curl") == (
        "FROM a\r\nRUN apk add \\\r\n    git\r\n")


def test_append_command_joins_before_a_trailing_separator_and_blanks() -> None:
    doc = parse("FROM a\nRUN make; \nCMD x\n")
    script = shell_of(doc.instructions[1])
    assert script is not None
    assert apply_edits(doc.text, [append_command(script, "b")]) == "FROM a\nRUN make && b; \nCMD x\n"


def _cleanup(text: str) -> str | None:
    doc = parse(text)
    script = shell_of(doc.instructions[1])
    assert script is not None
    edit = append_cleanup(script, "rm -rf /tmp/x")
    return apply_edits(text, [edit]) if edit is not None else None


def test_append_cleanup_refuses_after_a_top_level_exit_or_exec_only() -> None:
    assert _cleanup("FROM a\nRUN make && exec nginx\n") is None
    assert _cleanup("FROM a\nRUN make || exit 1\n") is None
    # an exit inside a compound is not the end of the script
    assert _cleanup("FROM a\nRUN if [ ! -f /x ]; then exit 1; fi\n") == (
        "FROM a\nRUN if [ ! -f /x ]; then exit 1; fi && rm -rf /tmp/x\n")


def _insert_after_with(text: str, name: str, op: str | None, inline: bool = True) -> str | None:
    doc = parse(text)
    script = shell_of(doc.instructions[1])
    assert script is not None
    cmd = next(c for c in script.commands if c.name == name)
    edit = insert_command_after(script, cmd, "echo b", op, inline)
    return apply_edits(text, [edit]) if edit is not None else None


def test_insert_command_after_uses_the_operator_it_is_given() -> None:
    # on a line of its own: the given ';', not the RUN's '&&'
    assert _insert_after_with("FROM a\nRUN apk add x && \\\n    make && \\\n    make install\n", "make", ";") == (
        "FROM a\nRUN apk add x && \\\n    make; \\\n    echo b && \\\n    make install\n")
    # inline: no blank before ';'
    assert _insert_after_with("FROM a\nRUN make && make install\n", "make", ";") == (
        "FROM a\nRUN make; echo b && make install\n")
    # a new line of a multi-line RUN with the default operator
    got = _insert_after_with("FROM a\nRUN apk add x \\\n    && make && make install\n", "make", None, inline=False)
    assert got == "FROM a\nRUN apk add x \\\n    && make \\\n    && echo b && make install\n"


def test_insert_command_after_a_command_inside_a_compound_stays_inline() -> None:
    assert _insert_after_with("FROM a\nRUN if [ -f x ]; then \\\n      make; \\\n    fi\n", "make", None) == (
        "FROM a\nRUN if [ -f x ]; then \\\n      make && echo b; \\\n    fi\n")


def test_append_command_to_run_refuses_an_end_that_is_no_plain_command() -> None:
    for text in ("FROM a\nRUN make; \n", "FROM a\nRUN make;\n", "FROM a\nRUN redis-server &\n",
                 "FROM a\nRUN make # build it\n"):
        script = shell_of(parse(text).instructions[1])
        assert script is not None and script.commands
        assert append_command_to_run(script, "b", "&&") is None, text


def test_continuation_indent_of_a_line_that_starts_with_an_assignment() -> None:
    ins = _ins("FROM a\nRUN cd /src && \\\n    XDG_CACHE_HOME=/tmp make\n")
    assert continuation_indent(ins) == "    "



def test_append_cleanup_in_a_set_e_script_joined_with_semicolons() -> None:
    # the official images' layout: set -eux; one command per line, each ending in ';' (or the last one not)
    assert _cleanup("FROM a\nRUN set -e; apt-get update; apt-get install -y x;\n") == (
        "FROM a\nRUN set -e; apt-get update; apt-get install -y x; rm -rf /tmp/x;\n")
    assert _cleanup("FROM a\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y x;\n") == (
        "FROM a\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y x; \\\n    rm -rf /tmp/x;\n")
    assert _cleanup("FROM a\nRUN set -e; apt-get update\n") == "FROM a\nRUN set -e; apt-get update; rm -rf /tmp/x\n"
    assert _cleanup("FROM a\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y x\n") == (
        "FROM a\nRUN set -eux; \\\n    apt-get update; \\\n    apt-get install -y x; \\\n    rm -rf /tmp/x\n")
    assert _cleanup("FROM a\nRUN set -e; make; \n") == "FROM a\nRUN set -e; make; rm -rf /tmp/x; \n"


def test_remove_the_last_word_below_a_commented_out_line_drops_the_escape_above_the_comments() -> None:
    # a commented-out package line sits between the last code line and the word removed: the escape on
    # the code line goes, the comments stay (after the instruction), the next instruction is not joined in
    assert _remove("FROM a\nRUN apk add \\\n    curl \\\n#    wget \\\n    git\nCMD x\n", "git") == (
        "FROM a\nRUN apk add \\\n    curl\n#    wget \\\nCMD x\n")
    assert _remove("FROM a\r\nRUN apk add \\\r\n    curl \\\r\n# one\r\n#    wget \\\r\n    git\r\nCMD x\r\n",
                   "git") == "FROM a\r\nRUN apk add \\\r\n    curl\r\n# one\r\n#    wget \\\r\nCMD x\r\n"


def test_remove_the_last_word_glued_across_two_comment_blocks_drops_every_escape() -> None:
    assert _remove("FROM a\nRUN apk add git c\\\n# one\nu\\\n# two\nrl\nCMD x\n", "curl") == (
        "FROM a\nRUN apk add git\n# one\n\n# two\n\nCMD x\n")


def test_remove_word_keeps_a_line_holding_other_text() -> None:
    # other text after the word on its continuation line: only the word and the blanks after it go, the
    # line's indent stays
    assert _remove("FROM a\nRUN apk add \\\n    curl X \\\n    git\n", "curl") == (
        "FROM a\nRUN apk add \\\n    X \\\n    git\n")
    assert _remove("FROM a\nRUN apk add \\\n\tcurl \t X \\\n    git\n", "curl") == (
        "FROM a\nRUN apk add \\\n\tX \\\n    git\n")
    assert _remove("FROM a\nRUN apk add \\\n    curl \xa0 \\\n    git\n", "curl") == (
        "FROM a\nRUN apk add \\\n    \xa0 \\\n    git\n")
    assert _remove("FROM a\nRUN apk add \\\n    X curl \\\n    git\n", "curl") == (
        "FROM a\nRUN apk add \\\n    X \\\n    git\n")
    assert _remove("FROM a\nRUN apk add \\\n\xa0 curl \\\n    git\n", "curl") == (
        "FROM a\nRUN apk add \\\n\xa0 \\\n    git\n")
    assert _remove("FROM a\nRUN apk add \\\n    curl git\n", "git") == "FROM a\nRUN apk add \\\n    curl\n"


def test_remove_word_only_takes_blanks_before_it() -> None:
    assert _remove("FROM a\nRUN apk addX curl\n", "curl") == "FROM a\nRUN apk addX\n"
    assert _remove("FROM a\nRUN apk add curlX \\\n    jq\n", "jq") == "FROM a\nRUN apk add curlX\n"


def test_remove_the_last_word_below_comments_finds_the_code_line_above_them() -> None:
    assert _remove("FROM a\nRUN apk add \\\n    jq \\\n    git \\\n# c\n    curl\nCMD x\n", "curl") == (
        "FROM a\nRUN apk add \\\n    jq \\\n    git\n# c\nCMD x\n")
    assert _remove("FROM a\nRUN apk add \\\n# c\n    curl\nCMD x\n", "curl") == "FROM a\nRUN apk add\n# c\nCMD x\n"


def test_operator_lines_skip_other_lines_and_need_the_operator_after_blanks_only() -> None:
    assert operator_lines(_ins("FROM a\nRUN a \\\n  b \\\n  && c\n")) == [("  ", "&&")]
    assert operator_lines(_ins("FROM a\nRUN a \\\n\xa0&& b \\\nX&& c\n")) == []
    assert operator_lines(_ins("FROM a\nRUN a \\\n  &&X \\\n  && \xa0\n"), commands_only=True) == [
        ("  ", "&&"), ("  ", "&&")]
    assert operator_lines(_ins("FROM a\nRUN a \\\n  ; \\\n  && b\n"), commands_only=True) == [("  ", "&&")]


def _before(text: str, name: str, command: str = "x", op: str = "&&") -> str:
    doc = parse(text)
    script = shell_of(doc.instructions[1])
    assert script is not None
    cmd = next(c for c in script.commands if c.name == name)
    return apply_edits(text, [insert_command_before(script, cmd, command, op)])


def test_insert_command_before_goes_before_the_assignments() -> None:
    text = "FROM a\nRUN cd /src && A=1 B=2 make\n"
    assert _before(text, "make") == "FROM a\nRUN cd /src && x && A=1 B=2 make\n"


def test_insert_command_before_in_a_leading_operator_run_uses_the_command_lines_indent() -> None:
    # the lone ';' line is no operator line of a command: its indent is not copied
    assert _before("FROM a\nRUN a \\\n  && b \\\n    ;\n", "b") == (
        "FROM a\nRUN a \\\n  && x \\\n  && b \\\n    ;\n")


def test_insert_command_before_a_trailing_operator_line_keeps_its_indent() -> None:
    assert _before("FROM a\nRUN a && \\\n    b && \\\n  c\n", "c") == (
        "FROM a\nRUN a && \\\n    b && \\\n  x && \\\n  c\n")


def test_drop_last_removes_only_an_escape_that_ends_the_content() -> None:
    assert _drop_last("x \\\n", "\\") == "x \n"
    assert _drop_last("\\  \r\n", "\\") == "  \r\n"
    assert _drop_last("a\\ \n", "\\") == "a \n"
    assert _drop_last("a\\\f\n", "\\") == "a\\\f\n"
    assert _drop_last("a\\X\n", "\\") == "a\\X\n"
    assert _drop_last("a`\n", "`") == "a\n"


def test_is_comment_text() -> None:
    assert _is_comment_text("# c") and _is_comment_text(" \t# c")
    assert not _is_comment_text("\f# c") and not _is_comment_text("X# c") and not _is_comment_text("a # c")


def test_remove_a_glued_last_word_keeps_a_comments_own_escape_and_the_blanks_after_an_escape() -> None:
    assert _remove("FROM a\nRUN apk add git cu\\\n# the client \\\nrl\nCMD x\n", "curl") == (
        "FROM a\nRUN apk add git\n# the client \\\n\nCMD x\n")
    assert _remove("FROM a\nRUN apk add git cu\\  \n# the client\nrl\nCMD x\n", "curl") == (
        "FROM a\nRUN apk add git  \n# the client\n\nCMD x\n")


def test_a_glued_word_followed_by_other_text_keeps_its_escapes() -> None:
    assert _remove("FROM a\nRUN apk add cu\\\n# c\nrl x", "curl") == "FROM a\nRUN apk add\\\n# c\n x"
    assert _remove("FROM a\nRUN apk add cu\\\n# c\nrl X\nCMD x\n", "curl") == (
        "FROM a\nRUN apk add\\\n# c\n X\nCMD x\n")
    assert _remove("FROM a\nRUN apk add cu\\\n# c\nrl \xa0\nCMD x\n", "curl") == (
        "FROM a\nRUN apk add\\\n# c\n \xa0\nCMD x\n")


def test_a_last_line_that_is_no_comment_is_no_dangling_escape() -> None:
    for text in ("FROM a\nRUN a \\\nX# c\n", "FROM a\nRUN a \\\n\xa0# c\n"):
        assert _apply(_ins(text), insert_line_after(_ins(text), "USER app")) == text + "USER app\n"


def test_append_command_to_run_follows_the_operator_lines_of_commands() -> None:
    # the lone ';' line is no operator line of a command: its indent is not copied
    text = "FROM a\nRUN a \\\n  && b \\\n    ; \\\n  c\n"
    script = shell_of(parse(text).instructions[1])
    assert script is not None
    assert apply_edits(text, [append_command_to_run(script, "x", "&&")]) == text[:-1] + " \\\n  && x\n"


def test_append_command_to_run_refuses_no_command_and_an_escaped_last_character() -> None:
    for text in ("FROM a\nRUN #c\n", "FROM a\nRUN echo a\\\\ \n", "FROM a\nRUN echo a\\;\n",
                 "FROM a\nRUN echo a\\&\n", "FROM a\nRUN echo a\\|\n"):
        script = shell_of(parse(text).instructions[1])
        assert script is not None
        assert append_command_to_run(script, "b", "&&") is None, text


def test_append_command_counts_lone_operator_lines_as_leading_operators() -> None:
    text = "FROM a\nRUN a \\\n    ; \\\n  b\n"
    script = shell_of(parse(text).instructions[1])
    assert script is not None
    assert apply_edits(text, [append_command(script, "x")]) == "FROM a\nRUN a \\\n    ; \\\n  b \\\n    && x\n"


def test_append_command_after_a_double_semicolon_stays_at_the_end() -> None:
    text = "FROM a\nRUN make;;\n"
    script = shell_of(parse(text).instructions[1])
    assert script is not None
    assert apply_edits(text, [append_command(script, "b")]) == "FROM a\nRUN make;; && b\n"


def test_append_cleanup_and_insert_command_after_refuse_a_result_that_does_not_parse() -> None:
    assert _cleanup("FROM a\nRUN make #c\n") is None
    script = shell_of(parse("FROM a\nRUN make\n").instructions[1])
    assert script is not None
    assert append_cleanup(script, "rm (") is None
    assert insert_command_after(script, script.commands[0], "rm (") is None


def test_command_list_uses_the_operator_lines_indent_and_counts_lone_operators() -> None:
    assert command_list(parse("FROM a\nRUN apt-get install \\\n      curl \\\n  && make\n"), "x", ["y"]) == (
        "x \\\n  && y")
    assert command_list(parse("FROM a\nRUN a \\\n    ; \\\n  b\n"), "x", ["y"]) == "x \\\n    && y"
    assert command_list(parse("FROM a\nRUN a \\\n  && b \\\n    ; \\\n  c\n"), "x", ["y"]) == "x \\\n    && y"


def test_comment_block_start_stops_at_a_blank_line() -> None:
    text = "FROM a\n# a\n\n# b\n# c\nCMD x\n"
    assert comment_block_start(_ins(text)) == text.index("# b")


def test_continuation_indent_is_blanks_only() -> None:
    assert continuation_indent(_ins("FROM a\nRUN a \\\n\xa0b\n")) == ""


def test_line_span_and_line_index_at_the_edges_of_a_middle_line() -> None:
    ins = _ins("FROM a\nRUN a \\\n  b \\\n  c\n")
    text = ins.doc.text
    mid, last = ins.lines[1], ins.lines[2]
    for offset in (mid.start, mid.end):
        assert line_span(ins, offset) == (mid.start, mid.end, mid.stop)
        assert _line_index(ins, offset) == 1
    assert line_span(ins, 10_000) == (last.start, last.end, last.stop) == (text.index("  c"), len(text) - 1, len(text))
    assert _line_index(ins, 10_000) == 2


def test_insert_command_after_a_command_sharing_its_line_with_the_one_before_stays_inline() -> None:
    assert _insert_after("FROM a\nRUN a \\\n  && b && c \\\n  && d\n", "c") == (
        "FROM a\nRUN a \\\n  && b && c && rm -rf /tmp/x \\\n  && d\n")


def test_insert_command_after_a_leading_operator_without_blanks_puts_one_blank() -> None:
    assert _insert_after("FROM a\nRUN apk add x \\\n  &&make\n", "apk") == (
        "FROM a\nRUN apk add x \\\n  && rm -rf /tmp/x \\\n  &&make\n")


def test_insert_words_after_a_word_with_other_text_on_its_line_goes_inline() -> None:
    for line in ("    X curl \\", "  \xa0 curl \\"):
        ins = _ins(f"FROM a\nRUN apk add \\\n{line}\n    git\n")
        (curl,) = [w for w in ins.words if w.value == "curl"]
        assert insert_words_after(ins, curl, ["jq"]) == Edit.insert(curl.end, " jq")


def test_insert_words_after_a_word_alone_on_its_line_lands_on_an_edit_that_only_touches_the_line_end() -> None:
    ins = _ins("FROM a\nRUN apk add \\\n    curl \\\n    git\n")
    (curl,) = [w for w in ins.words if w.value == "curl"]
    stop = ins.lines[1].stop
    own_line = Edit.insert(stop, "    jq \\\n")
    assert insert_words_after(ins, curl, ["jq"], avoid=(Edit(stop, stop + 4, "  "),)) == own_line
    assert insert_words_after(ins, curl, ["jq"], avoid=(Edit(stop - 1, stop, "\n"),)) == own_line
    assert insert_words_after(ins, curl, ["jq"], avoid=(Edit(stop - 1, stop + 1, "\n "),)) == (
        Edit.insert(curl.end, " \\\n    jq"))


def test_still_parses_is_false_for_overlapping_edits_and_a_new_instruction() -> None:
    ins = _ins("FROM a\nRUN make\n")
    assert still_parses(ins, [Edit.insert(ins.stop, "CMD x\n")]) is False
    assert still_parses(ins, [Edit(ins.start, ins.stop, ""), Edit(ins.start + 1, ins.start + 2, "x")]) is False
    assert still_parses(ins, [Edit.insert(ins.stop - 1, " && b")]) is True


def test_append_cleanup_after_a_double_semicolon_is_refused_in_a_semicolon_script() -> None:
    assert _cleanup("FROM a\nRUN set -e; make;;\n") is None


def test_comment_block_start_does_not_climb_into_the_previous_instruction() -> None:
    # a heredoc whose terminator starts with '#': that line belongs to the RUN, it is no comment above CMD
    text = "FROM a\nRUN cat <<#\nhi\n#\nCMD x\n"
    assert comment_block_start(_ins(text, 2)) == text.index("CMD")
