"""The document model, piece by piece: what each property and parser rule gives for the real shapes it has
to handle (directives, flags, exec form, continuations, heredocs, stages, ARG/ENV), so that a changed
comparison or offset in refactor/document.py shows up as a wrong value here."""

from __future__ import annotations

import pytest

from refactor.document import _lexes, parse
from refactor.source import InputError

# --- instructions: spans, lines and offsets ---------------------------------------------------------------


def test_instruction_spans_lines_and_indent() -> None:
    text = "FROM alpine\n  RUN apk add \\\n    # tools\n\n    gcc\nCMD x"
    doc = parse(text)
    run, cmd = doc.instructions[1], doc.instructions[2]
    assert (run.index, run.keyword, run.name) == (1, "RUN", "RUN")
    assert run.line_start == 12 and run.start == 14 and run.indent == "  "
    assert run.end == text.index("gcc") + 3 and run.stop == run.end + 1
    assert run.lineno == 2 and cmd.lineno == 6
    assert len(run.lines) == 4 and [text[ln.start:ln.end] for ln in run.comment_lines()] == ["    # tools"]
    assert run.source == "RUN apk add \\\n    # tools\n\n    gcc"
    assert run.logical.text == "RUN apk add     gcc"
    assert (cmd.end, cmd.stop) == (len(text), len(text))
    assert [doc.line_number(o) for o in (0, 11, 12, len(text) - 1)] == [1, 1, 2, 6]


def test_heredoc_instruction_ends_at_its_terminator() -> None:
    text = "FROM a\nRUN <<EOF\necho hi\nEOF\nUSER x\n"
    doc = parse(text)
    run = doc.instructions[1]
    assert run.end == text.index("EOF\nUSER") + 3 and run.stop == text.index("USER")
    assert run.source == "RUN <<EOF\necho hi\nEOF"


def test_lowercase_keywords_need_a_strict_majority() -> None:
    assert parse("from a\nrun x\nCMD y\n").keyword("USER") == "user"
    assert parse("from a\nrun x\nCMD y\nUSER z\n").keyword("user") == "USER"
    assert parse("FROM a\n").keyword("user") == "USER"


def test_document_bom_newline_comments() -> None:
    doc = parse("# syntax=docker/dockerfile:1\r\nFROM a\r\n  # note\r\nRUN x \\\r\n\t# inner\r\n y\r\n")
    assert not doc.bom and doc.newline == "\r\n" and doc.final_newline
    assert doc.comments() == ["# syntax=docker/dockerfile:1", "# note", "# inner"]
    assert [d.name for d in doc.directives] == ["syntax"]
    bom = parse("\ufeff# syntax=docker/dockerfile:1\nFROM a\n")
    assert bom.bom and bom.newline == "\n" and [d.value for d in bom.directives] == ["docker/dockerfile:1"]
    plain = parse("FROM a")
    assert not plain.bom and not plain.final_newline and plain.comments() == []


# --- flags and arguments -----------------------------------------------------------------------------------


def test_flags_are_lexed_with_backslash_and_lowercased() -> None:
    doc = parse('FROM a\nCOPY --FROM="build" --chown=1:1 --link src dst\nRUN --mount=type=cache -- echo\n')
    copy, run = doc.instructions[1], doc.instructions[2]
    assert [(f.name, f.value) for f in copy.flags] == [("from", "build"), ("chown", "1:1"), ("link", None)]
    assert copy.flag("chown").word.raw == "--chown=1:1" and copy.flag("nope") is None
    assert copy.args == "src dst" and [w.value for w in copy.words] == ["src", "dst"]
    assert copy.args_offset == copy.logical.text.index("src")
    assert [f.name for f in run.flags] == ["mount"] and run.args == "-- echo"


def test_a_word_that_is_not_a_flag_ends_the_flags() -> None:
    doc = parse("FROM a\nRUN --1 x\nRUN --network=none\t  make\n")
    assert doc.instructions[1].flags == [] and doc.instructions[1].args == "--1 x"
    assert doc.instructions[2].args == "make"


def test_a_lone_trailing_escape_is_dropped_from_a_flag_value() -> None:
    doc = parse("FROM a\nCOPY --chown=u\\\\\\\nCOPY --chown=v\\\\ a b\n")
    assert doc.instructions[1].flag("chown").value == "u\\"
    assert doc.instructions[2].flag("chown").value == "v\\"


def test_instructions_without_flags_skip_only_blanks() -> None:
    doc = parse("FROM a\nCMD  \t --x y\nUSER app\n")
    cmd = doc.instructions[1]
    assert cmd.flags == [] and cmd.args == "--x y" and cmd.args_offset == 7
    assert [w.raw for w in cmd.words] == ["--x", "y"]


def test_words_use_the_escape_directive() -> None:
    doc = parse("# escape=`\nFROM a\nRUN echo a`\" b\"\n")
    run = doc.instructions[1]
    assert doc.escape == "`" and [w.raw for w in run.words] == ["echo", 'a`"', 'b"']


@pytest.mark.parametrize(("line", "expected"), [
    ('CMD ["a", "b"]', ["a", "b"]),
    ('CMD ["a"] trailing', ["a"]),
    ("CMD [NaN]", None),
    ('CMD {"a": "b"}', None),
    ('CMD ["a"', None),
    ("CMD echo [x]", None),
    ('LABEL ["a"]=b', None),
    ('VOLUME ["/data"]', ["/data"]),
])
def test_exec_form(line: str, expected: list[str] | None) -> None:
    ins = parse("FROM a\n" + line + "\n").instructions[1]
    assert ins.json_args == expected and ins.is_json == (expected is not None)


# --- parse errors BuildKit raises ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "message"), [
    ("FROM a\nENV foo\n", "ENV must have two arguments (line 2)"),
    ("FROM a\nLABEL a=1 b\n", "Syntax error - can't find = in 'b'. Must be of the form: name=value (line 2)"),
    ("FROM a\nONBUILD ENV foo\n", "ENV must have two arguments (line 2)"),
    ("FROM a\nCMD [\"a\", 1]\n", "arrays must be comprised of strings only (line 2)"),
    ("FROM a\nHEALTHCHECK --interval=5s CMD [\"a\", 1]\n", "arrays must be comprised of strings only"),
    ("FROM a\nONBUILD RUN [1]\n", "arrays must be comprised of strings only"),
    ("# escape=x\nFROM a\n", "invalid escape token 'x' does not match ` or \\"),
    ("# syntax=a\n# SYNTAX=b\nFROM a\n", "only one syntax parser directive can be used (line 2)"),
    ("# comment\n", "file with no instructions"),
])
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse(text)
    assert message in str(err.value)


@pytest.mark.parametrize("text", [
    "FROM a\nENV foo bar\n", "FROM a\nENV\tfoo\tbar\n", "FROM a\nLABEL\n", "FROM a\nENV a=1 b=2\n",
    "FROM a\nHEALTHCHECK NONE\n", "FROM a\nHEALTHCHECK CMD [\"a\"]\n", "FROM a\nONBUILD\n",
    "FROM a\nRUN echo [1]\n", "FROM a\nLABEL [1]=x\n",
])
def test_accepted_by_buildkit(text: str) -> None:
    parse(text)


# --- directives and continuations --------------------------------------------------------------------------


def test_directives_allow_blanks_and_any_case_and_stop_at_the_first_other_line() -> None:
    doc = parse("  #  Escape = `  \n# syntax=x\nFROM a\n")
    assert doc.escape == "`" and [(d.name, d.value) for d in doc.directives] == [("escape", "`"), ("syntax", "x")]
    assert doc.directives[0].line.start == 0
    late = parse("# hello\n# escape=`\nFROM a\n")
    assert late.escape == "\\" and late.directives == []
    unknown = parse("# foo=bar\n# escape=`\nFROM a\n")
    assert unknown.escape == "\\" and unknown.directives == []
    after_bom = parse("\ufeff# escape=`\nFROM a\n")
    assert after_bom.escape == "`"


def test_continuations_trailing_blanks_and_escaped_escapes() -> None:
    doc = parse("FROM a\nRUN a \\  \n  b\nRUN c \\\\\nUSER d\n\\\nCMD e\n")
    names = [i.name for i in doc.instructions]
    assert names == ["FROM", "RUN", "RUN", "USER", "CMD"]
    assert doc.instructions[1].logical.text == "RUN a   b"
    assert doc.instructions[2].logical.text == "RUN c \\\\"


def test_backtick_continuation() -> None:
    doc = parse("# escape=`\nFROM a\nRUN dir `\n  c:\\ \\\nUSER x\n")
    assert [i.name for i in doc.instructions] == ["FROM", "RUN", "USER"]
    assert doc.instructions[1].logical.text == "RUN dir   c:\\ \\"


def test_blank_lines_with_form_feed_are_skipped() -> None:
    doc = parse("FROM a\n\f\v \t\nRUN x\n")
    assert [i.name for i in doc.instructions] == ["FROM", "RUN"]


def test_keyword_splits_at_the_first_blank_only() -> None:
    doc = parse('FROM a\nRUN["a"]\n')
    assert doc.instructions[1].keyword == 'RUN["a"]'


# --- heredocs ----------------------------------------------------------------------------------------------


def test_heredoc_markers_quoted_chomped_and_several() -> None:
    text = "FROM a\nRUN <<EOF cat > /a && <<-'TAB' cat > /b\necho $x\nEOF\n\tquoted\n\tTAB\nUSER u\n"
    doc = parse(text)
    run = doc.instructions[1]
    eof, tab = run.heredocs
    assert (eof.name, eof.chomp, eof.quoted, eof.marker.raw) == ("EOF", False, False, "<<EOF")
    assert (tab.name, tab.chomp, tab.quoted, tab.marker.raw) == ("TAB", True, True, "<<-'TAB'")
    assert eof.body(text) == "echo $x\n" and tab.body(text) == "\tquoted\n"
    assert text[eof.terminator.start:eof.terminator.end] == "EOF"
    assert doc.instructions[2].name == "USER"


@pytest.mark.parametrize("line", [
    'RUN echo "unterminated <<EOF',
    "RUN echo ${} <<EOF",
    "RUN echo ${A%x} <<EOF",
    "RUN echo ${A <<EOF",
    "RUN echo 'open <<EOF",
    "RUN echo <<",
    'RUN echo <<""',
    "RUN [\"a\"] <<EOF",
])
def test_no_heredoc_where_buildkit_finds_none(line: str) -> None:
    doc = parse("FROM a\n" + line + "\nEOF\n")
    assert doc.instructions[1].heredocs == []
    assert doc.instructions[2].name == "EOF"


@pytest.mark.parametrize("line", [
    "RUN echo ${A:-x} \\$ '\"' \"a\\\"$B${C}\" <<EOF",
    "RUN echo ${A-x} ${B+y} ${C?z} ${D:-${E}} <<EOF",
    "ONBUILD RUN <<EOF",
    "COPY <<EOF /x",
    "RUN 3<<EOF cat",
])
def test_heredoc_found(line: str) -> None:
    doc = parse("FROM a\n" + line + "\nbody\nEOF\nUSER u\n")
    assert [h.name for h in doc.instructions[1].heredocs] == ["EOF"]
    assert doc.instructions[2].name == "USER"


@pytest.mark.parametrize("line", ["ONBUILD RUN [\"a\"] <<EOF", "ONBUILD CMD <<EOF", "CMD <<EOF", "ONBUILD"])
def test_heredoc_only_for_run_copy_add_in_shell_form(line: str) -> None:
    doc = parse("FROM a\n" + line + "\nEOF\n")
    assert doc.instructions[1].heredocs == [] and doc.instructions[2].name == "EOF"


def test_chomped_terminator_may_be_indented_with_tabs_only() -> None:
    doc = parse("FROM a\nRUN <<-EOF\n\techo\n  EOF\n\t\tEOF\nUSER u\n")
    assert doc.instructions[1].heredocs[0].body(doc.text) == "\techo\n  EOF\n"
    with pytest.raises(InputError, match=r"unterminated heredoc <<EOF \(line 2\)"):
        parse("FROM a\nRUN <<EOF\n\tEOF\n")
    with pytest.raises(InputError, match="unterminated heredoc"):
        parse("FROM a\nRUN <<EOF")


@pytest.mark.parametrize(("text", "ok"), [
    ("a", True), ("'a'", True), ("'a", False), ('"a\\"b"', True), ('"a', False), ("\\'", True),
    ("${A}", True), ("${A:-x}", True), ("${A:+x}", True), ("${A?x}", True), ("${A-}", True), ("${}", False),
    ("${A", False), ("${A%x}", False), ("${A:-x", False), ("$", True), ("$A", True), ('"${A}"', True),
    ('"${A"', False), ("${A:-'}'}", True), ("${A:-\\}}", True), ("x}", True),
])
def test_lexes_like_buildkit(text: str, ok: bool) -> None:
    assert _lexes(text) is ok


# --- stages, ARG and ENV -----------------------------------------------------------------------------------


def test_stages_names_platforms_and_lineage() -> None:
    text = ("ARG BASE=node:20\nARG TAG\nFROM --platform=linux/amd64 ${BASE} As Deps\nRUN x\n"
            "FROM deps AS build\nFROM ${UNSET}/x\nFROM 1\nCOPY --from=build /a /a\nADD --from=0 /b /b\n"
            "COPY --from= /c /c\n")
    doc = parse(text)
    deps, build, unset, last = doc.stages
    assert [s.name for s in doc.stages] == ["deps", "build", None, None]
    assert deps.platform == "linux/amd64" and build.platform is None
    assert deps.image == "${BASE}" and deps.base_image == "node:20" and unset.base_image == "${UNSET}/x"
    assert build.parent is deps and deps.parent is None and last.parent is build
    assert last.lineage() == [last, build, deps] and last.root_image() == "node:20"
    assert [i.name for i in deps.body()] == ["RUN"] and deps.from_ is doc.instructions[2]
    assert last.copy_sources() == ["build", "0"]
    assert [s.is_final for s in doc.stages] == [False, False, False, True]
    assert doc.final_stage is last
    assert [i.stage_index for i in doc.instructions] == [-1, -1, 0, 0, 1, 2, 3, 3, 3, 3]
    assert doc.global_args == {"BASE": "node:20"}


def test_stage_lookup_by_name_or_index_before_a_limit() -> None:
    doc = parse("FROM a AS one\nFROM b AS two\nFROM c\n")
    one, two, third = doc.stages
    assert doc.stage("ONE") is one and doc.stage("two") is two and doc.stage("2") is third
    assert doc.stage("two", before=1) is None and doc.stage("1", before=1) is None
    assert doc.stage("0", before=1) is one and doc.stage("three") is None and doc.stage("c") is None


def test_no_stage_without_from() -> None:
    doc = parse("ARG X=1\n")
    assert doc.stages == [] and doc.final_stage is None and doc.global_args == {"X": "1"}


def test_stage_env_follows_args_env_and_parents() -> None:
    text = ("ARG V=1\nARG W\nFROM a AS base\nARG V\nENV HOME=/root PATH=$HOME/bin\nENV LEGACY some value\n"
            "ARG U\nFROM base\nENV X=${V}-x Y=$NOPE\nENV Z \"q $V\"\n")
    doc = parse(text)
    base, final = doc.stages
    assert base.env() == {"V": "1", "HOME": "/root", "PATH": "/root/bin", "LEGACY": "some value"}
    assert final.env() == {"V": "1", "HOME": "/root", "PATH": "/root/bin", "LEGACY": "some value",
                           "X": "1-x", "Y": "$NOPE", "Z": "q 1"}


# --- survivors of the first mutation run ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "message"), [
    ("FROM a\nENV X\n", "ENV must have two arguments"),
    ('FROM a\nCOPY --chown=a\\ b ["x", 1]\n', "arrays must be comprised of strings only"),
    ("# syntax=docker/dockerfile:1\n", "file with no instructions"),
])
def test_more_parse_errors(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse(text)


def test_onbuild_arguments_are_lexed_with_the_escape() -> None:
    parse("FROM a\nONBUILD LABEL a=x\\ y\n")


def test_a_backslash_escape_directive_is_accepted() -> None:
    assert parse("# escape=\\\nFROM a\n").escape == "\\"


def test_word_values_and_logical_offsets() -> None:
    doc = parse("FROM a\nRUN echo a\\ b\n")
    run = doc.instructions[1]
    assert [(w.value, w.lstart, w.lend) for w in run.words] == [("echo", 4, 8), ("a b", 9, 13)]
    assert [run.logical.text[w.lstart:w.lend] for w in run.words] == ["echo", "a\\ b"]
    tick = parse("# escape=`\nFROM a\nRUN echo a`\" b\"\n").instructions[1]
    assert [w.value for w in tick.words] == ["echo", 'a"', "b"]


def test_legacy_env_values_with_equals_and_escapes() -> None:
    text = "FROM a\nENV OPTS -Dx=1\nENV MSG hello\\ world\nENV P $NOPE\\ x\n"
    assert parse(text).stages[0].env() == {"OPTS": "-Dx=1", "MSG": "hello world", "P": "$NOPE x"}
    win = "# escape=`\nFROM a\nENV W C:\\dir\nENV V ${NOPE}C:\\dir\n"
    assert parse(win).stages[0].env() == {"W": "C:\\dir", "V": "${NOPE}C:\\dir"}


def test_from_without_an_image() -> None:
    assert parse("FROM\n").stages[0].image == ""


@pytest.mark.parametrize(("text", "ok"), [
    ("${A:-${B}", False), ('"\\""', True), ('"a"\'b\'', True), ("'a' 'b", False), ("''", True),
    ("${A:-x}'b'", True),
])
def test_lexes_more(text: str, ok: bool) -> None:
    assert _lexes(text) is ok


def test_heredoc_marker_escaped_with_backslash_is_quoted() -> None:
    doc = parse("FROM a\nRUN <<\\EOF cat\n$HOME\nEOF\n")
    (doc_,) = doc.instructions[1].heredocs
    assert doc_.name == "EOF" and doc_.quoted


def test_an_empty_heredoc_name_is_skipped_not_the_end_of_the_search() -> None:
    doc = parse("FROM a\nRUN cat <<'' <<EOF\nx\nEOF\n")
    assert [h.name for h in doc.instructions[1].heredocs] == ["EOF"]


def test_heredoc_markers_use_backslash_whatever_the_escape_directive() -> None:
    doc = parse('# escape=`\nFROM a\nRUN echo "a \\" b" <<EOF\nx\nEOF\n')
    assert [h.name for h in doc.instructions[1].heredocs] == ["EOF"]


@pytest.mark.parametrize("text", [
    "FROM a\nHEALTHCHECK\n", "FROM a\nLABEL a=x\\ y\n", "# escape=`\nFROM a\nLABEL a=x` y\n",
])
def test_more_accepted_by_buildkit(text: str) -> None:
    parse(text)


def test_the_json_array_message_is_buildkits() -> None:
    with pytest.raises(InputError) as err:
        parse('FROM a\nCMD ["a", 1]\n')
    assert str(err.value) == "when using JSON array syntax, arrays must be comprised of strings only (line 2)"


@pytest.mark.parametrize("blanks", [" ", "   ", "\t"])
def test_a_continuation_may_be_followed_by_blanks(blanks: str) -> None:
    doc = parse(f"FROM a\nRUN a \\{blanks}\n  b\nUSER u\n")
    assert [i.name for i in doc.instructions] == ["FROM", "RUN", "USER"]


def test_no_instructions_message() -> None:
    with pytest.raises(InputError) as err:
        parse("# syntax=docker/dockerfile:1\n\n# only comments\n")
    assert str(err.value) == "file with no instructions"
