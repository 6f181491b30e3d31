"""Quote-aware splitting of instruction arguments into words, the way BuildKit's lexer does."""

from __future__ import annotations

import re
from functools import lru_cache

_VAR = re.compile(
    r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-+=?])?(?P<word>[^}]*)\}"
    r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


BLANKS = " \t\r\n\f\v"  # BuildKit's lexers split on unicode.IsSpace, form feed and vertical tab included
_NON_BLANKS = re.compile(r"[^ \t\r\n\f\v]+")


def split_words(text: str, escape: str = "\\") -> list[tuple[int, int]]:
    """``(start, end)`` of each whitespace-separated word; quotes and escapes bind characters.

    A quote runs to its closing quote or to the end of the text; the escape binds the next character (in
    double quotes too), and is an ordinary character when it ends the text."""
    if escape not in text and "'" not in text and '"' not in text:  # nothing binds: runs of non-blanks
        return [m.span() for m in _NON_BLANKS.finditer(text)]
    return [m.span() for m in _word_re(escape).finditer(text)]


@lru_cache(maxsize=4)
def _word_re(escape: str) -> re.Pattern[str]:
    """A word: plain characters, an escaped one, a single- or double-quoted run (unclosed: to the end)."""
    e = re.escape(escape)
    if not e:
        return re.compile("(?:[^ \\t\\r\\n\\f\\v'\"]|'[^']*(?:'|\\Z)|\"[^\"]*(?:\"|\\Z))+")
    plain = f"[^ \\t\\r\\n\\f\\v'\"{e}]"
    return re.compile(f"(?:{plain}|{e}.|{e}\\Z|'[^']*(?:'|\\Z)|\"(?:[^\"{e}]|{e}.|{e}\\Z)*(?:\"|\\Z))+", re.S)


def unquote(word: str, escape: str = "\\") -> str:
    """The word with quotes removed and escapes resolved (no variable expansion)."""
    if escape not in word and "'" not in word and '"' not in word:
        return word
    out: list[str] = []
    quote = ""
    i = 0
    while i < len(word):
        ch = word[i]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == escape and quote == '"' and i + 1 < len(word) and word[i + 1] in '"$`' + escape:
                i += 1
                out.append(word[i])
            else:
                out.append(ch)
        elif ch in "'\"":
            quote = ch
        elif ch == escape and i + 1 < len(word):
            i += 1
            out.append(word[i])
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def expand(value: str, env: dict[str, str]) -> str | None:
    """Expand ``$X``, ``${X}``, ``${X:-d}``, ``${X-d}`` from ``env``; None when a name is unknown."""
    unknown = False

    def sub(m: re.Match[str]) -> str:
        nonlocal unknown
        name = m.group("braced") or m.group("plain")
        op, word = m.group("op"), m.group("word") or ""
        val = env.get(name)
        if op in (":-", "-"):
            if val is None or (op == ":-" and val == ""):
                return expand(word, env) or ""
            return val
        if op in (":+", "+"):
            return word if val else ""
        if val is None:
            unknown = True
            return ""
        return val

    result = _VAR.sub(sub, value)
    return None if unknown else result


def has_variable(value: str) -> bool:
    return _VAR.search(value) is not None
