"""A small lexer for the plain RUN lines most Dockerfiles have, building exactly what bashlex would.

bashlex is a full LALR parser in pure Python: ~15 ms for one ``apt-get update && apt-get install …`` line,
the largest single cost of a run. Most RUNs are only words, quotes, ``&&``/``||``/``;``/``|``/``&``,
redirections and ``NAME=value`` prefixes, and for those this lexer returns the same flat list of simple
commands ``refactor.shell`` builds from bashlex's tree (offsets, values, spans). Anything outside that subset
returns None and bashlex (then tree-sitter) parses the text as before: command or process substitution,
backticks, ``$((``, ``$'…'``, ``${…}`` with quotes, blanks or nesting inside, control words (``if``, ``for``,
``{``, ``!``, ``time``…) where a command starts, parentheses, heredocs and here-strings, comments, a newline or
a continued line, any blank other than space, tab and newline, a
trailing backslash, an operator with no command before or after it.

Equality with bashlex is the contract: tests/test_shell_fast.py runs every RUN of every golden input and of
the corpus, and generated command lists, through both and compares wherever this lexer accepts.
"""

from __future__ import annotations

import re

# Words that open or close a compound command, or change how a pipeline runs, when they stand where a
# command starts (bash's reserved words); bashlex builds compound nodes (or raises) for them.
RESERVED = frozenset({
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done",
    "in", "function", "time", "coproc", "{", "}", "!", "[[", "]]",
})
_BLANK = " \t"
# A run of characters that need no decision: not blank, operator, quote, escape, expansion or parenthesis.
_PLAIN = re.compile(r"[^ \t|&;<>()'\"\\`$\n\r]+")
# Never in the subset, wherever they stand (unicode blanks other than space and tab included).
_REFUSE = re.compile(r"[`\r]|<<|\$\(\(|\$\[|[^\S \t\n]")
# ``NAME=`` / ``NAME+=`` at the start of a word before the command: bashlex's assignment node.
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\+?=")
_BRACED_BAD = frozenset("$`'\"\\{ \t")

Span = tuple[int, int, "str | None"]
Raw = list[tuple[list[Span], list[Span], int, int, int]]


def parse(text: str) -> Raw | None:
    """The simple commands of ``text`` as ``refactor.shell`` builds them from bashlex, or None (not handled)."""
    if _REFUSE.search(text):
        return None
    parsed = _list(text, 0, nested=False)
    return None if parsed is None else parsed[0]


def _list(text: str, i: int, nested: bool) -> tuple[Raw, int] | None:
    """The commands from ``i`` to the end of the text, or (``nested``: inside ``$(…)``) to the closing
    parenthesis, with the offset where they stop; None when something is outside the subset."""
    out: Raw = []
    n = len(text)
    seen = False  # any command part at all (a list of blanks is a syntax error)
    assigns: list[Span] = []
    words: list[Span] = []
    start = end = -1  # of the current command's parts; -1 while it has none
    redirected = False  # the current command has a redirection
    need_command = False  # after ``&&``, ``||``, ``|``: a command must follow
    while True:
        while i < n and text[i] in _BLANK:
            i += 1
        if i >= n:
            break
        ch = text[i]
        if ch == "\n":  # ends a command like ``;``; blank lines, and lines after ``&&``/``|``, are fine
            if nested:
                return None
            if words or assigns:
                out.append((assigns, words, start, end, 0))
            if start >= 0:
                need_command = False
            assigns, words = [], []
            start = end = -1
            redirected = False
            i += 1
            continue
        if ch == ")":
            if not nested or start < 0:
                return None  # a subshell's end, or ``$()``, ``$(a;)`` (bashlex fails on it)
            if words or assigns:
                out.append((assigns, words, start, end, 0))
            return out, i
        nxt = text[i + 1] if i + 1 < n else ""
        redirect = _redirect_op(text, i)
        if redirect is None and ch in "&|;":
            if (ch == "&" and nxt == "&") or (ch == "|" and nxt == "|"):
                op, needs = 2, True
            elif ch == "|":
                if nxt == "&":
                    return None  # ``|&``
                op, needs = 1, True
            elif (ch == ";" and nxt != "" and nxt in ";&") or (ch == "&" and nxt == ";"):
                return None  # ``;;``, ``;&``: case syntax
            else:
                op, needs = 1, False  # ``;`` and ``&``
            if start < 0 or (nested and text[i:i + op] != "|" and text[i:i + op] != ";"):
                return None  # an operator with no command before it; bashlex fails on ``$(a && b)``
            if words or assigns:
                out.append((assigns, words, start, end, 0))
            assigns, words = [], []
            start = end = -1
            redirected = False
            need_command = needs
            i += op
            continue
        need_command = False
        seen = True
        if redirect is not None:
            j = redirect
            while j < n and text[j] in _BLANK:
                j += 1
            if j >= n or text[j] == "#":
                return None  # a redirection without its target
            k = _word(text, j, nested)
            if k is None or k == j or (text[j:k].isdigit() and text[k:k + 1] in ("<", ">")):
                return None  # no target, or ``2> 1>&-`` (bashlex reads the digits as the next fd)
            if start < 0:
                start = i
            end = k
            i = k
            redirected = True
            continue
        if ch == "#":
            return None  # a comment
        k = _word(text, i, nested)
        if k is None or k == i:
            return None
        raw = text[i:k]
        if start < 0:
            start = i
        end = k
        if not words and not redirected and _ASSIGNMENT.match(raw):  # bashlex: a word once redirected
            assigns.append((i, k, None))
        else:
            if (not words and raw in RESERVED) or raw in ("{", "}"):
                return None  # bashlex reads the word after a ``{``/``}`` argument as a reserved word too
            words.append((i, k, None if "$" in raw else _value(raw)))
        i = k
    if need_command or not seen or nested:
        return None  # ``a &&`` at the end: bashlex wants more; blank text: bashlex raises; ``$(`` unclosed
    if words or assigns:
        out.append((assigns, words, start, end, 0))
    return out, i


def _redirect_op(text: str, i: int) -> int | None:
    """The offset after the redirection operator starting at ``i`` (an fd number included), or None."""
    n = len(text)
    j = i
    if text[i].isdigit() and (i == 0 or text[i - 1] in " \t\n|&;("):
        while j < n and text[j].isdigit():
            j += 1
        if j >= n or text[j] not in "<>":
            return None  # a word of digits, not ``2>``
    elif text[i] == "&":
        if text[i + 1:i + 2] != ">":
            return None
        return i + 3 if text[i + 2:i + 3] == ">" else i + 2  # ``&>``, ``&>>``
    if j >= n or text[j] not in "<>":
        return None
    two = text[j:j + 2]
    if two in (">>", ">&", ">|", "<&", "<>"):
        return j + 2
    return j + 1


def _word(text: str, i: int, nested: bool = False) -> int | None:
    """The end of the word starting at ``i``, or None when it holds something outside the subset.
    ``nested``: the word is inside ``$(…)``, where a ``)`` ends it."""
    n = len(text)
    while i < n:
        m = _PLAIN.match(text, i)
        if m:
            i = m.end()
            if i >= n:
                break
        ch = text[i]
        if ch in _BLANK or ch in "|&;<>\n":
            break
        if ch == ")" and nested:
            break
        if ch in "()":
            return None
        if ch == "\\":
            if i + 1 >= n or text[i + 1] == "\n":
                return None  # a trailing backslash or a continued line
            i += 2
        elif ch == "'":
            j = text.find("'", i + 1)
            if j < 0:
                return None
            i = j + 1
        elif ch == '"':
            i += 1
            while i < n and text[i] != '"':
                c = text[i]
                if c == "\\":
                    if text[i + 1:i + 2] == "\n":
                        return None  # a continued line inside quotes
                    i += 2
                elif c == "$":
                    k = _dollar(text, i)
                    if k is None:
                        return None
                    i = k
                else:
                    i += 1
            if i >= n:
                return None  # an unterminated quote
            i += 1
        elif ch == "$":
            k = _dollar(text, i)
            if k is None:
                return None
            i = k
        else:
            return None  # a backtick (refused before; kept for safety)
    return i


def _dollar(text: str, i: int) -> int | None:
    """The offset after the ``$`` at ``i`` when it starts a plain expansion (``$X``: the name is ordinary word
    text), a ``${…}`` with nothing quoted, nested or blank inside, or a ``$(…)`` whose commands are in the
    subset (bashlex parses them, and ``refactor.shell`` keeps the word whole); None otherwise."""
    nxt = text[i + 1:i + 2]
    if nxt == "(":
        if text[i + 2:i + 3] == "(":
            return None  # ``$((``: arithmetic
        inner = _list(text, i + 2, nested=True)
        return None if inner is None else inner[1] + 1
    if nxt in ("[", "'", '"'):
        return None
    if nxt != "{":
        return i + 1
    j = text.find("}", i + 2)
    if j <= i + 2 or any(c in _BRACED_BAD for c in text[i + 2:j]):
        return None
    return j + 1


def _value(raw: str) -> str:
    """bashlex's value of a word without expansions: quotes removed, and a backslash outside single quotes
    keeps the next character alone (bashlex drops it inside double quotes too: ``"a\\db"`` is ``adb``)."""
    if "'" not in raw and '"' not in raw and "\\" not in raw:
        return raw
    out: list[str] = []
    quote = ""
    i = 0
    n = len(raw)
    while i < n:
        ch = raw[i]
        if quote == "'":
            if ch == "'":
                quote = ""
            else:
                out.append(ch)
        elif ch == "\\" and i + 1 < n:
            i += 1
            out.append(raw[i])
        elif ch == quote:
            quote = ""
        elif not quote and ch in "'\"":
            quote = ch
        else:
            out.append(ch)
        i += 1
    return "".join(out)
