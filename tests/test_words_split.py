"""``split_words`` (a regular expression) against the character loop it replaced, which mirrored BuildKit's
lexer: the same spans for every text, with either escape character."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refactor.words import split_words


def _loop(text: str, escape: str = "\\") -> list[tuple[int, int]]:
    """The former implementation, kept here as the reference."""
    blanks = " \t\r\n\f\v"
    spans: list[tuple[int, int]] = []
    i, size = 0, len(text)
    while i < size:
        while i < size and text[i] in blanks:
            i += 1
        if i >= size:
            break
        start = i
        quote = ""
        while i < size:
            ch = text[i]
            if quote:
                if ch == quote:
                    quote = ""
                elif ch == escape and quote == '"' and i + 1 < size:
                    i += 1
            elif ch in "'\"":
                quote = ch
            elif ch == escape and i + 1 < size:
                i += 1
            elif ch in blanks:
                break
            i += 1
        spans.append((start, i))
    return spans


_TEXT = st.text(alphabet=st.sampled_from(list("ab =-'\"\\`$ \t\n\r\f\vé")), max_size=40)


@settings(max_examples=int(os.environ.get("DOCKMOD_FUZZ_EXAMPLES", "1000")), deadline=None, derandomize=True,
          database=None)
@given(_TEXT, st.sampled_from(["\\", "`", ""]))
def test_split_words_is_the_loop(text: str, escape: str) -> None:
    assert split_words(text, escape) == _loop(text, escape)


@pytest.mark.parametrize(("text", "escape"), [
    ('--mount=type=cache,target="/root/.cache pip" apt-get', "\\"),
    ("echo 'unclosed  quote", "\\"),
    ('ENV A="x \\" y" B=1', "\\"),
    ("C:\\\\dir `\n next", "`"),
    ("trailing \\", "\\"),
    ('"a\\', "\\"),
    ("a\\\nb", "\\"),
])
def test_split_words_real_shapes(text: str, escape: str) -> None:
    assert split_words(text, escape) == _loop(text, escape)
