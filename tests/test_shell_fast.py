"""The fast lexer (refactor/shell_fast.py) against bashlex: wherever it accepts a RUN's shell text, it gives
exactly the structure refactor/shell.py builds from bashlex. Every RUN of every golden input and of the
corpus, generated command lists, and the shapes it must leave to bashlex."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refactor import shell, shell_fast
from refactor.document import parse
from refactor.source import InputError
from tests.paths import REPO, corpus_files, need_corpus


def _shell_texts(paths: list[Path]) -> list[str]:
    """The text ``shell_of`` parses for each RUN of ``paths`` (plain and heredoc views), each once."""
    texts: dict[str, None] = {}
    real = shell._parse

    def record(text: str):
        texts[text] = None
        return None

    shell._parse = record  # type: ignore[assignment]
    try:
        for path in paths:
            try:
                doc = parse(path.read_text(encoding="utf-8", errors="surrogateescape"))
            except InputError:
                continue
            for ins in doc.instructions:
                for heredoc in (False, True):
                    ins.memo.pop(("shell", heredoc), None)
                    shell.shell_of(ins, heredoc)
                    ins.memo.pop(("shell", heredoc), None)
    finally:
        shell._parse = real  # type: ignore[assignment]
    return list(texts)


def _check(texts: list[str]) -> int:
    """Assert fast == bashlex wherever the fast lexer accepts; the number it accepted."""
    accepted = 0
    for text in texts:
        fast = shell_fast.parse(text)
        if fast is not None:
            accepted += 1
            assert shell._parse_full(text) == ("bashlex", fast), text
    return accepted


def test_every_golden_run_parses_the_same() -> None:
    texts = _shell_texts(sorted((REPO / "golden").rglob("*.in.Dockerfile")))
    accepted = _check(texts)
    assert accepted > len(texts) // 2  # the plain lines are most of them: a lexer refusing all would pass


@pytest.mark.corpus
def test_every_corpus_run_parses_the_same() -> None:
    need_corpus()
    texts = _shell_texts(corpus_files())
    accepted = _check(texts)
    assert accepted > len(texts) * 3 // 4


# Generated command lists: the pieces real RUN lines are made of, and some the lexer must refuse.
_WORDS = st.sampled_from([
    "apt-get", "install", "-y", "--no-install-recommends", "ca-certificates", "/usr/bin/pip3", "rm", "-rf",
    "/var/lib/apt/lists/*", "pip", "--no-cache-dir", "-r", "requirements.txt", "~/.cache", "*.tar.gz",
    "{a,b}", "a#b", "then", "done", "}", "!", "2", "12", "x2", "--opt=val", "A=1", "export", "-", "--",
    '"a b"', "'a b'", '"a\\"b"', '"a\\db"', "a\\ b", "\\x", "'e\\f'", '""', "''", "'a'\"b\"c", '"it\'s"',
    "$HOME", "${HOME}", "${PHP_INI_DIR%/php}", "${X:-a}", "x$Y", '"$A/b"', "$1", "$@", "$?", "$", "a$/b",
    "é", '"ü x"', "{", "if", "$(id -u)", '"$(apt-mark showmanual)"', "-j$(nproc)", "$(a | b)", "$(a; b)",
    "$(a && b)", "$(a;)", "$()", "$( a )", "$(a $(b))", '"$(a "b c")"', "$(a\nb)", "$(if)",
    "`id`", "a(b", "${X:-a b}", '"${A:-x}"', "$'a'", "#c", "a\\",
])
_ASSIGN = st.sampled_from(["A=1", "PATH=/x:$PATH", 'B="x y"', "C+=2", "D=", "A[1]=2", "_X=$(y)"])
_REDIRECT = st.sampled_from([">/dev/null", "> /dev/null", "2>&1", ">>log", "&>out", "< in", "2>", ">&2",
                             "<<EOF", "<<<x", ">|f", "<>f", "1>&-", "&>>f"])
_OP = st.sampled_from([" && ", " || ", "; ", " | ", " & ", "&&", ";", "\n", " &&\n ", ";;", "|&", "\t&& "])
_BLANKS = st.sampled_from([" ", "  ", "\t", " \t "])


@st.composite
def _command(draw) -> str:
    parts = draw(st.lists(_ASSIGN, max_size=2))
    parts += draw(st.lists(st.one_of(_WORDS, _WORDS, _WORDS, _REDIRECT), min_size=0, max_size=6))
    return draw(_BLANKS).join(parts)


@st.composite
def _command_list(draw) -> str:
    commands = draw(st.lists(_command(), min_size=1, max_size=5))
    text = commands[0]
    for c in commands[1:]:
        text += draw(_OP) + c
    return draw(st.sampled_from(["", " ", "\t"])) + text + draw(st.sampled_from(["", " ", ";", "\n"]))


# Words the fast lexer takes, so that generated compounds are mostly in the subset (and compared).
_PLAIN_WORDS = st.sampled_from([
    "apt-get", "install", "-y", "/var/lib/apt/lists/*", "~/.cache", "{a,b}", "a#b", "then", "done", "2", "x2",
    "--opt=val", "A=1", '"a b"', "'a b'", '"a\\db"', "a\\ b", "$HOME", "${HOME}", '"$(apt-mark showmanual)"',
    "$(a | b)", "-", "é", "[", "]", "-n", '"$A"',
])


@st.composite
def _plain_command(draw) -> str:
    parts = draw(st.lists(st.sampled_from(["A=1", 'B="x y"']), max_size=1))
    parts += draw(st.lists(st.one_of(_PLAIN_WORDS, _PLAIN_WORDS, _PLAIN_WORDS, st.sampled_from([">/dev/null", "2>&1"])),
                           min_size=1, max_size=4))
    return " ".join(parts)


_SEP = st.sampled_from(["; ", ";", "\n", " ;\n\t", " && ", " "])  # " ": bash would read the next word as an argument


def _compound(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``if``/``for``/``while``/``until``/``{ }``/``( )`` around generated lists, some of them malformed."""
    sep = st.one_of(_SEP, _SEP, _SEP, st.just(""))
    return st.one_of(
        st.tuples(inner, sep, inner, sep).map(lambda t: f"if {t[0]}{t[1]}then {t[2]}{t[3]}fi"),
        st.tuples(inner, sep, inner, sep, inner, sep).map(
            lambda t: f"if {t[0]}{t[1]}then {t[2]}{t[3]}else {t[4]}{t[5]}fi"),
        st.tuples(inner, sep, inner, sep, inner, sep, inner, sep).map(
            lambda t: f"if {t[0]}{t[1]}then {t[2]}{t[3]}elif {t[4]}{t[5]}then {t[6]}{t[7]}fi"),
        st.tuples(st.sampled_from(["f", "1x", "f in", "f in a b", "f in *.deb $(ls)", "f in {a,b}"]), sep, inner,
                  sep).map(lambda t: f"for {t[0]}{t[1]}do {t[2]}{t[3]}done"),
        st.tuples(st.sampled_from(["while", "until"]), inner, sep, inner, sep).map(
            lambda t: f"{t[0]} {t[1]}{t[2]}do {t[3]}{t[4]}done"),
        st.tuples(inner, sep).map(lambda t: f"{{ {t[0]}{t[1]}}}"),
        inner.map(lambda t: f"({t})"),
        st.tuples(inner, sep).map(lambda t: f"{{ {t[0]}{t[1]}}} > /dev/null 2>&1"),
    )


@st.composite
def _nested_list(draw, depth: int = 2) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        if depth and draw(st.booleans()):
            parts.append(draw(_compound(_nested_list(depth - 1))))
        else:
            parts.append(draw(st.one_of(_plain_command(), _plain_command(), _plain_command(), _command())))
    text = parts[0]
    for p in parts[1:]:
        text += draw(st.one_of(_SEP, _OP)) + p
    return text


_FUZZ = settings(max_examples=int(os.environ.get("DOCKMOD_FUZZ_EXAMPLES", "400")), deadline=None,
                 derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(_command_list())
def test_generated_command_lists_parse_the_same(text: str) -> None:
    _check([text])


@_FUZZ
@given(_nested_list())
def test_generated_compound_commands_parse_the_same(text: str) -> None:
    _check([text])


# Real shapes outside the subset: bashlex (or tree-sitter) must see them.
@pytest.mark.parametrize("text", [
    "chown `id -u` /app",
    "make -j$(nproc || echo 1) install",  # bashlex fails on && and || inside $(…), and on a trailing ;
    'echo "$(a;)"',
    "echo $((1 + 2))",
    "echo $'a\\tb'",
    'cd "${PHP_INI_DIR%/php}" && echo "${X:-a b}"',
    'case "$arch" in amd64) a=x;; esac',
    "if [ -f x ]; then rm x; fi y",
    "for f in *.deb; do dpkg -i $f done",
    "while read l\ndo echo $l; done",  # bashlex fails on a one-command condition ended by a newline
    "until a\n\ndo b; done",
    "{ echo 'Package: php*' }",
    'savedAptMark="$(if true; then apt-mark showmanual; fi)"',
    "! grep -q x /etc/passwd",
    "time make",
    "((i++))",
    "cat <<EOF > /etc/x",
    "grep x <<< \"$y\"",
    "make # build it",
    "apt-get update && apt-get install -y \\",
    "apt-get update &&",
    "&& apt-get update",
    "apt-get update && && make",
    "make 2>",
    "make |& tee log",
    "a\r\nb",
    "apt-get\u00a0update",
    "echo \"a\\\nb\"",
])
def test_outside_the_subset_is_left_to_bashlex(text: str) -> None:
    assert shell_fast.parse(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("A=1 B=\"x y\" foo --x=1 c=2 > /dev/null 2>&1 ",
     [([(0, 3, None), (4, 11, None)], [(12, 15, "foo"), (16, 21, "--x=1"), (22, 25, "c=2")], 0, 42, 0)]),
    ("apt-get update&&apt-get install -y\tcurl;rm -rf /var/lib/apt/lists/*",
     [([], [(0, 7, "apt-get"), (8, 14, "update")], 0, 14, 0),
      ([], [(16, 23, "apt-get"), (24, 31, "install"), (32, 34, "-y"), (35, 39, "curl")], 16, 39, 0),
      ([], [(40, 42, "rm"), (43, 46, "-rf"), (47, 67, "/var/lib/apt/lists/*")], 40, 67, 0)]),
    ("apk update\n\napk add git\n", [([], [(0, 3, "apk"), (4, 10, "update")], 0, 10, 0),
                                    ([], [(12, 15, "apk"), (16, 19, "add"), (20, 23, "git")], 12, 23, 0)]),
    ('echo "a\\db" $HOME x2>f', [([], [(0, 4, "echo"), (5, 11, "adb"), (12, 17, None), (18, 20, "x2")], 0, 22, 0)]),
    ("> /tmp/log", []),
    ("set -eux; if [ -n \"$A\" ]; then rm x; elif b; then { c; }; else (d || e); fi > /dev/null && f",
     [([], [(0, 3, "set"), (4, 8, "-eux")], 0, 8, 0),
      ([], [(13, 14, "["), (15, 17, "-n"), (18, 22, None), (23, 24, "]")], 13, 24, 1),
      ([], [(31, 33, "rm"), (34, 35, "x")], 31, 35, 1), ([], [(42, 43, "b")], 42, 43, 1),
      ([], [(52, 53, "c")], 52, 53, 2), ([], [(64, 65, "d")], 64, 65, 2), ([], [(69, 70, "e")], 69, 70, 2),
      ([], [(91, 92, "f")], 91, 92, 0)]),
    ("for f in *.deb $(ls); do dpkg -i $f; done",
     [([], [(25, 29, "dpkg"), (30, 32, "-i"), (33, 35, None)], 25, 35, 1)]),
    ('saved="$(apt-mark showmanual)"; make -j$(nproc | wc -l)',
     [([(0, 30, None)], [], 0, 30, 0), ([], [(32, 36, "make"), (37, 55, None)], 32, 55, 0)]),
])
def test_the_structure_it_builds(text: str, expected: list) -> None:
    assert shell_fast.parse(text) == expected
    assert shell._parse_full(text) == ("bashlex", expected)
