"""Quote-aware splitting of instruction arguments into words, the way BuildKit's lexer does."""

from __future__ import annotations

import re

_VAR = re.compile(
    r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-+=?])?(?P<word>[^}]*)\}"
    r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


BLANKS = " \t\r\n\f\v"  # BuildKit's lexers split on unicode.IsSpace, form feed and vertical tab included


def split_words(text: str, escape: str = "\\") -> list[tuple[int, int]]:
    """``(start, end)`` of each whitespace-separated word; quotes and escapes bind characters."""
    spans: list[tuple[int, int]] = []
    i, size = 0, len(text)
    while i < size:
        while i < size and text[i] in BLANKS:
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
            elif ch in BLANKS:
                break
            i += 1
        spans.append((start, i))
    return spans


def unquote(word: str, escape: str = "\\") -> str:
    """The word with quotes removed and escapes resolved (no variable expansion)."""
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
