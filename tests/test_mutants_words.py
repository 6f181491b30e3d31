"""Word splitting, unquoting and expansion: the gaps bench/mutation.py found in refactor/words.py."""

from __future__ import annotations

import pytest

from refactor.words import expand, has_variable, split_words, unquote


def _words(text: str, escape: str = "\\") -> list[str]:
    return [text[s:e] for s, e in split_words(text, escape)]


def test_blanks_split_words_form_feed_and_vertical_tab_included() -> None:
    assert _words("  apk\tadd \r\n curl\fgit\vmake  ") == ["apk", "add", "curl", "git", "make"]
    assert split_words("") == [] and split_words(" \t ") == []


def test_quotes_and_escapes_bind_blanks() -> None:
    assert _words("a \"b c\" d\\ e 'f g' h") == ["a", '"b c"', "d\\ e", "'f g'", "h"]
    assert _words('"a\\" b" c') == ['"a\\" b"', "c"]  # an escaped double quote does not close
    assert _words("'a\\' b' c") == ["'a\\'", "b' c"]  # inside single quotes the backslash is literal
    assert _words("x\"y z\"w v") == ['x"y z"w', "v"]


def test_a_trailing_escape_ends_the_word() -> None:
    assert _words("ab\\") == ["ab\\"]
    assert _words('"ab\\') == ['"ab\\']


def test_custom_escape_character() -> None:
    assert _words("a` b c", "`") == ["a` b", "c"]
    assert _words("C:\\path x", "`") == ["C:\\path", "x"]


def test_spans_are_offsets_into_the_text() -> None:
    assert split_words(" ab  'c d' ") == [(1, 3), (5, 10)]


@pytest.mark.parametrize(("word", "value"), [
    ('"a b"', "a b"),
    ("'a b'", "a b"),
    ('"a\\"b"', 'a"b'),
    ('"a\\$b\\`c\\\\d"', "a$b`c\\d"),
    ('"a\\nb"', "a\\nb"),  # in double quotes only " $ ` and the escape itself are escaped
    ("'a\\b'", "a\\b"),
    ("a\\ b", "a b"),
    ("a\\", "a\\"),
    ('"x"y\'z\'', "xyz"),
    ('"a\\', "a\\"),
])
def test_unquote(word: str, value: str) -> None:
    assert unquote(word) == value


def test_unquote_with_backtick_escape() -> None:
    assert unquote('"a`"b"', "`") == 'a"b'
    assert unquote("a\\b", "`") == "a\\b"


ENV = {"A": "1", "E": "", "P": "/usr"}


@pytest.mark.parametrize(("value", "out"), [
    ("$A", "1"),
    ("${A}", "1"),
    ("x${A}y$A", "x1y1"),
    ("${B:-d}", "d"),
    ("${E:-d}", "d"),
    ("${E-d}", ""),
    ("${B-d}", "d"),
    ("${A:-d}", "1"),
    ("${A-d}", "1"),
    ("${A:+y}", "y"),
    ("${B:+y}", ""),
    ("${A+y}", "y"),
    ("${B:-$P/bin}", "/usr/bin"),
    ("plain", "plain"),
    ("$1", "$1"),
])
def test_expand(value: str, out: str) -> None:
    assert expand(value, ENV) == out


def test_expand_unknown_names_give_none() -> None:
    assert expand("$B", ENV) is None
    assert expand("${B}/x", ENV) is None
    assert expand("$A$B", ENV) is None


def test_has_variable() -> None:
    assert has_variable("a$b") and has_variable("${x:-y}") and has_variable("$_x")
    assert not has_variable("a$1") and not has_variable("50$") and not has_variable("$ x")


def test_spans_never_run_past_the_text() -> None:
    assert split_words("ab\\") == [(0, 3)]
    assert split_words('"ab\\') == [(0, 4)]
    assert split_words("a b\\") == [(0, 1), (2, 4)]


def test_an_escaped_character_is_skipped_exactly() -> None:
    assert _words('"a\\"" b') == ['"a\\""', "b"]  # the escape skips one quote, the next one closes
    assert _words("a\\  b") == ["a\\ ", "b"]  # the escape binds one blank, the next one splits
    assert _words("echo a\\ ") == ["echo", "a\\ "]  # an escaped blank at the very end stays in the word


def test_only_quote_characters_open_quotes() -> None:
    assert _words("ARCH=X86 XX=1 Y") == ["ARCH=X86", "XX=1", "Y"]


def test_empty_defaults_expand_to_nothing() -> None:
    assert expand("${B:-}x", ENV) == "x"
    assert expand("${B-}", ENV) == ""
    assert expand("a${E:-}b", ENV) == "ab"


def test_the_default_escape_is_the_backslash() -> None:
    assert split_words("a\\ b c") == [(0, 4), (5, 6)]
    assert unquote("a\\ b") == "a b"


@pytest.mark.parametrize(("word", "value"), [
    ("a\\b", "ab"),
    ("X86", "X86"),
    ('"\\Xfoo"', "\\Xfoo"),
    ('"a\\"', 'a"'),  # an unterminated double quote still resolves its escapes
])
def test_unquote_edges(word: str, value: str) -> None:
    assert unquote(word) == value
