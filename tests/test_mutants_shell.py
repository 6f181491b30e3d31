"""Command matching and line insertion that hand-made mutants of issue 11 got past the suite with
(``ShellCommand.is_`` no longer skipping ``sudo``, ``insert_line_after`` ignoring CRLF)."""

from __future__ import annotations

import pytest

from refactor.document import parse
from refactor.edits import apply_edits
from refactor.rewrite import insert_line_after
from refactor.shell import option_anchor, shell_of

RUN = "FROM debian\nRUN sudo /usr/bin/apt-get install -y curl && sudo make && make install && sudoedit f\n"


def _commands():
    script = shell_of(parse(RUN).instructions[1])
    assert script is not None
    return script.commands


def test_is_skips_sudo_and_a_leading_path() -> None:
    apt, sudo_make, make_install, sudoedit = _commands()
    assert apt.is_("apt-get", "install") and apt.is_("apt-get")
    assert not apt.is_("sudo") and not apt.is_("apt-get", "remove")
    assert sudo_make.is_("make") and not sudo_make.is_("make", "install")
    assert make_install.is_("make", "install") and make_install.is_("make")
    assert not sudoedit.is_("edit") and not sudoedit.is_("sudo") and sudoedit.is_("sudoedit", "f")


def test_is_with_a_longer_prefix_than_the_command() -> None:
    _, sudo_make, _, _ = _commands()
    assert not sudo_make.is_("make", "install", "x")


@pytest.mark.parametrize(("text", "expected"), [
    ("FROM a\r\nCMD x\r\n", "FROM a\r\nCMD x\r\nUSER app\r\n"),
    ("FROM a\r\nCMD x", "FROM a\r\nCMD x\r\nUSER app"),
    ("FROM a\nCMD x\n", "FROM a\nCMD x\nUSER app\n"),
    ("FROM a\nCMD x", "FROM a\nCMD x\nUSER app"),
    ("FROM a\r\n  CMD x\r\n", "FROM a\r\n  CMD x\r\n  USER app\r\n"),
])
def test_insert_line_after_keeps_the_file_newline_and_indent(text: str, expected: str) -> None:
    doc = parse(text)
    assert apply_edits(text, [insert_line_after(doc.instructions[-1], "USER app")]) == expected


# The shell view of every RUN shape the parsers treat differently. ``_parse`` is cached process-wide, so each
# test starts from an empty cache: otherwise a test sees another test's parse and not the parser's code.
@pytest.fixture(autouse=True)
def _fresh_parse_cache():
    from refactor.shell import _parse

    _parse.cache_clear()
    yield
    _parse.cache_clear()


def _view(run: str):
    doc = parse("FROM alpine\n" + run + "\n")
    script = shell_of(doc.instructions[1])
    assert script is not None
    return doc, script


def _words(words) -> list[tuple[str, str, int, int, int, int]]:
    return [(w.raw, w.value, w.lstart, w.lend, w.start, w.end) for w in words]


def _shape(script) -> list[tuple[int, str, list[str], list[str]]]:
    return [(c.depth, c.op_before, [w.raw for w in c.assignments], c.argv) for c in script.commands]


def test_bashlex_view_of_assignments_pipes_subshells_and_if() -> None:
    run = 'RUN A=1 make X=2 all | tee "$LOG" && (cd sub && make) ; if true; then echo `date` "${B:-x}"; fi'
    doc, s = _view(run)
    assert s.parser == "bashlex" and s.instruction is doc.instructions[1] and not s.heredoc
    assert s.lstart == 4 and s.text == run[4:] and s.lend == len(run)
    assert s.source_end() == len("FROM alpine\n" + run)
    assert _shape(s) == [
        (0, "", ["A=1"], ["make", "X=2", "all"]),
        (0, "|", [], ["tee", "$LOG"]),
        (1, "&& (", [], ["cd", "sub"]),
        (1, "&&", [], ["make"]),
        (1, ") ; if", [], ["true"]),
        (1, "; then", [], ["echo", "`date`", "${B:-x}"]),
    ]
    first, tee = s.commands[0], s.commands[1]
    assert _words(first.assignments) == [("A=1", "A=1", 4, 7, 16, 19)]
    assert _words(first.words) == [("make", "make", 8, 12, 20, 24), ("X=2", "X=2", 13, 16, 25, 28),
                                   ("all", "all", 17, 20, 29, 32)]
    assert (first.lstart, first.lend, tee.lstart, tee.lend) == (4, 20, 23, 33)
    assert _words(tee.words)[1] == ('"$LOG"', "$LOG", 27, 33, 39, 45)
    for c in s.commands:
        for w in (*c.assignments, *c.words):
            assert doc.text[w.start:w.end] == w.raw == s.logical.text[w.lstart:w.lend]


def test_bashlex_loops_and_brace_groups_nest_one_level() -> None:
    _, s = _view("RUN for f in a b; do echo $f; done && { make; } || true")
    assert s.parser == "bashlex"
    assert _shape(s) == [(1, "", [], ["echo", "$f"]), (1, "; done && {", [], ["make"]), (0, "; } ||", [], ["true"])]


def test_a_first_command_inside_a_subshell_has_no_operator_before_it() -> None:
    _, s = _view("RUN (cd /src && make)")
    assert _shape(s) == [(1, "", [], ["cd", "/src"]), (1, "&&", [], ["make"])]


def test_words_with_expansions_take_the_unquoted_raw_text_not_bashlex_rewrite() -> None:
    # bashlex keeps the quotes inside ``${A:-"x y"}`` and backticks; dockmod's value unquotes the raw word.
    _, s = _view('RUN echo ${A:-"x y"} `echo "a"` && echo "a"b')
    assert s.parser == "bashlex"
    assert s.commands[0].argv == ["echo", "${A:-x y}", "`echo a`"]
    assert s.commands[1].argv == ["echo", "ab"]


def test_tree_sitter_view_of_case_declarations_tests_functions_and_loops() -> None:
    run = ("RUN case \"$x\" in a) export P=1 Q; unset Z;; esac && [[ -f ü ]] && echo 'é' && "
           "f() { local v=1; } && while true; do break; done")
    doc, s = _view(run)
    assert s.parser == "tree-sitter"
    assert _shape(s) == [
        (1, "", [], ["export", "P=1", "Q"]),
        (1, ";", [], ["unset", "Z"]),
        (0, ";; esac &&", [], ["[[", "-f ü", "]]"]),
        (0, "&&", [], ["echo", "é"]),
        (2, "&& f() {", [], ["local", "v=1"]),
        (1, "; } && while", [], ["true"]),
        (1, "; do", [], ["break"]),
    ]
    # Offsets count characters, not UTF-8 bytes: the words after ``ü`` and ``é`` still map exactly.
    assert _words(s.commands[3].words) == [("echo", "echo", 66, 70, 78, 82), ("'é'", "é", 71, 74, 83, 86)]
    assert (s.commands[2].lstart, s.commands[2].lend) == (52, 62)
    assert (s.commands[-1].lstart, s.commands[-1].lend) == (115, 120)
    assert s.lend == len(run) and s.source_end() == len(doc.text) - 1
    for c in s.commands:
        for w in c.words:
            assert doc.text[w.start:w.end] == w.raw


def test_tree_sitter_word_kinds_and_prefix_assignments() -> None:
    run = ("RUN [[ -n x ]] && A=1 make X=2 a\"b\" $f ${g} $(date) $'a\\tb' 'r' \"s\" && sleep 5 && "
           "for i in 1; do echo; done")
    _, s = _view(run)
    assert s.parser == "tree-sitter"
    assert _shape(s) == [
        (0, "", [], ["[[", "-n x", "]]"]),
        (0, "&&", ["A=1"], ["make", "X=2", "ab", "$f", "${g}", "$(date)", "$a\\tb", "r", "s"]),
        (0, "&&", [], ["sleep", "5"]),
        (1, "&& for i in 1; do", [], ["echo"]),
    ]
    make = s.commands[1]
    assert _words(make.assignments) == [("A=1", "A=1", 18, 21, 30, 33)]
    assert _words(make.words)[:2] == [("make", "make", 22, 26, 34, 38), ("X=2", "X=2", 27, 30, 39, 42)]
    assert (make.lstart, make.lend) == (18, 67)
    assert _words(s.commands[0].words)[1] == ("-n x", "-n x", 7, 11, 19, 23)


def test_tree_sitter_if_elif_else_bodies_are_one_level_deep() -> None:
    _, s = _view("RUN echo $((1+2)) ; if true; then x; elif y; then z; else w; fi")
    assert s.parser == "tree-sitter"
    assert [(c.depth, c.argv) for c in s.commands] == [
        (0, ["echo", "$((1+2))"]), (1, ["true"]), (1, ["x"]), (1, ["y"]), (1, ["z"]), (1, ["w"])]


def test_unparsable_run_has_no_shell_view() -> None:
    doc = parse("FROM alpine\nRUN echo 'unterminated\n")
    assert shell_of(doc.instructions[1]) is None


def _apk_add(run: str):
    _, s = _view(run)
    cmd = s.commands[0]
    return cmd, cmd.words[1]


def test_option_anchor_after_the_last_option_before_the_first_argument() -> None:
    cmd, verb = _apk_add("RUN apk add --virtual .b -t x gcc")
    virtual, dot_b, t, _x, gcc = cmd.words[2:]
    assert option_anchor(cmd, verb, [virtual, t], [gcc]) is t
    assert option_anchor(cmd, verb, [virtual, t], [dot_b]) is virtual
    assert option_anchor(cmd, verb, [virtual, t], []) is t
    assert option_anchor(cmd, verb, [], [gcc]) is verb


def test_option_anchor_with_only_options_goes_after_the_last() -> None:
    cmd, verb = _apk_add("RUN apk add -q --no-cache")
    assert option_anchor(cmd, verb, list(cmd.words[2:]), []) is cmd.words[-1]


def test_tree_sitter_word_ending_the_text_after_multibyte_characters() -> None:
    doc, s = _view("RUN [[ -f ü ]] && echo é")
    assert s.parser == "tree-sitter"
    echo = s.commands[-1]
    assert _words(echo.words)[-1] == ("é", "é", 23, 24, 35, 36)
    assert (echo.lstart, echo.lend) == (18, 24) and doc.text[35:36] == "é"
