"""A small parser for the RUN lines most Dockerfiles have, building exactly what bashlex would.

bashlex is a full LALR parser in pure Python: ~15 ms for one ``apt-get update && apt-get install …`` line,
the largest single cost of a run. Most RUNs are words, quotes, ``&&``/``||``/``;``/``|``/``&``, newlines,
redirections, ``NAME=value`` prefixes, ``$(…)`` and the compounds ``if``/``for NAME in``/``while``/``until``/
``{ }``/``( )``; for those this parser returns the same flat list of simple commands ``refactor.shell`` builds
from bashlex's tree (offsets, values, spans, depth). Anything else returns None and bashlex (then tree-sitter)
parses the text as before: backticks, ``$((``, ``$'…'``, ``${…}`` with quotes, blanks or nesting inside,
``case``, ``!``, ``time``, functions, heredocs and here-strings, comments, a continued line, a carriage return or
a blank other than space, tab and newline, an operator with no command before or after it, and what bashlex
itself fails on (``&&``, ``||``, a newline or a trailing ``;`` inside ``$(…)``; a ``while``/``until`` condition
ended by a newline rather than ``;`` or ``&``).

Equality with bashlex is the contract: tests/test_shell_fast.py runs every RUN of every golden input and of
the corpus, and generated command lists and compounds, through both and compares wherever this one accepts.
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
    out: Raw = []
    parsed = _list(text, 0, out, 0, _NO_STOPS, subst=False, paren=False)
    return None if parsed is None else out


_NO_STOPS: frozenset[str] = frozenset()
_OPENERS = frozenset({"if", "while", "until", "for", "{"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _list(text: str, i: int, out: Raw, depth: int, stops: frozenset[str], subst: bool,
          paren: bool) -> tuple[int, str] | None:
    """Parse a command list from ``i``, appending its simple commands to ``out``, up to the end of the text
    (a top-level list), one of ``stops`` standing where a command would start (``then``, ``fi``, ``done``,
    ``}``…) or, with ``paren``, a ``)``. Returns where it stopped and what stopped it (``""`` at the end).
    ``subst``: inside ``$(…)``, where bashlex fails on ``&&``, ``||``, newlines and a trailing ``;``."""
    n = len(text)
    count = 0  # commands in this list (an empty ``then`` or ``{ }`` body is a syntax error)
    need = False  # after ``&&``, ``||``, ``|``: a command must follow
    have = False  # a command since the last separator
    while True:
        while i < n and text[i] in _BLANK:
            i += 1
        if i >= n:
            if need or stops or paren or not count:
                return None  # ``a &&`` at the end, an unclosed compound, blank text: bashlex fails
            return i, ""
        ch = text[i]
        if ch == "\n":  # ends a command like ``;``; blank lines, and lines after ``&&``/``|``, are fine
            if subst:
                return None
            have = False
            i += 1
            continue
        if ch == "#":
            return None  # a comment
        if ch == ")":
            if not paren or need or not count or (subst and not have):
                return None  # ``)`` outside parentheses, ``$()``, ``$(a;)``
            return i, ")"
        redirect = _redirect_op(text, i)
        if redirect is None and ch in "&|;":
            if (ch == "&" and text[i + 1:i + 2] == "&") or (ch == "|" and text[i + 1:i + 2] == "|"):
                op = text[i:i + 2]
            elif text[i:i + 2] in ("|&", ";;", ";&", "&;"):
                return None  # case syntax, ``|&``
            else:
                op = ch
            if not have or (subst and op not in ("|", ";")):
                return None  # an operator with no command before it; bashlex fails on ``$(a && b)``
            have = False
            need = op in ("&&", "||", "|")
            i += len(op)
            continue
        if have:
            return None  # a word right after ``fi``, ``done``, ``}``, ``)``
        raw = ""
        if redirect is None and ch != "(":
            k = _word(text, i, paren)
            if k is None or k == i:
                return None
            raw = text[i:k]
            if raw in stops:
                if need or not count:
                    return None
                return i, raw
        if ch == "(" or raw in _OPENERS:
            if subst:
                return None  # a compound inside ``$(…)``
            j = _compound(text, i, raw, out, depth, paren)
            if j is None:
                return None
            j = _redirections(text, j, paren)
        else:
            j = _simple(text, i, out, depth, paren)
        if j is None:
            return None
        i = j
        have, need = True, False
        count += 1


def _compound(text: str, i: int, opener: str, out: Raw, depth: int, paren: bool) -> int | None:
    """The offset after the compound command starting at ``i`` (``(…)``, ``{ …; }``, ``if``, ``while``,
    ``until``, ``for NAME in …``), its commands appended one level deeper; None outside the subset."""
    inner = depth + 1
    if not opener:  # a subshell
        if text[i + 1:i + 2] == "(":
            return None  # ``((``: arithmetic
        r = _list(text, i + 1, out, inner, _NO_STOPS, subst=False, paren=True)
        return None if r is None or r[1] != ")" else r[0] + 1
    i += len(opener)
    if opener == "{":
        return _expect(text, i, out, inner, "}", paren)
    if opener in ("while", "until"):
        j = _expect(text, i, out, inner, "do", paren)
        if j is None or text[:j - 2].rstrip(" \t\n")[-1:] not in (";", "&"):
            return None  # ``while a\ndo``: bashlex fails on a condition ended by a newline, not ``;``/``&``
        return _expect(text, j, out, inner, "done", paren)
    if opener == "if":
        j = _expect(text, i, out, inner, "then", paren)
        while j is not None:
            r = _list(text, j, out, inner, frozenset({"elif", "else", "fi"}), subst=False, paren=paren)
            if r is None or r[1] not in ("elif", "else", "fi"):
                return None
            j = r[0] + len(r[1])
            if r[1] == "fi":
                return j
            if r[1] == "else":
                return _expect(text, j, out, inner, "fi", paren)
            j = _expect(text, j, out, inner, "then", paren)
        return None
    # for NAME in WORD…; do LIST done
    n = len(text)
    words: list[str] = []
    while True:
        while i < n and text[i] in _BLANK:
            i += 1
        if i >= n:
            return None
        if text[i] in ";\n":
            break
        k = _word(text, i, paren)
        if k is None or k == i:
            return None
        words.append(text[i:k])
        i = k
    if len(words) < 2 or not _NAME.fullmatch(words[0]) or words[1] != "in":
        return None
    i += 1
    while i < n and text[i] in " \t\n":
        i += 1
    if text[i:i + 2] != "do" or (i + 2 < n and text[i + 2] not in " \t\n"):
        return None
    return _expect(text, i + 2, out, inner, "done", paren)


def _expect(text: str, i: int, out: Raw, depth: int, stop: str, paren: bool) -> int | None:
    """The offset after ``stop``, which must end the command list starting at ``i``."""
    r = _list(text, i, out, depth, frozenset({stop}), subst=False, paren=paren)
    return None if r is None or r[1] != stop else r[0] + len(stop)


def _redirections(text: str, i: int, paren: bool) -> int | None:
    """The offset after the redirections following a compound command (``done > log``), or None."""
    n = len(text)
    while True:
        j = i
        while j < n and text[j] in _BLANK:
            j += 1
        if j >= n:
            return i
        op = _redirect_op(text, j)
        if op is None:
            return i
        k = _target(text, op, paren)
        if k is None:
            return None
        i = k


def _target(text: str, j: int, paren: bool) -> int | None:
    """The end of a redirection's target word starting at or after ``j``, or None."""
    n = len(text)
    while j < n and text[j] in _BLANK:
        j += 1
    if j >= n or text[j] == "#":
        return None  # a redirection without its target
    k = _word(text, j, paren)
    if k is None or k == j or (text[j:k].isdigit() and text[k:k + 1] in ("<", ">")):
        return None  # no target, or ``2> 1>&-`` (bashlex reads the digits as the next fd)
    return k


def _simple(text: str, i: int, out: Raw, depth: int, paren: bool) -> int | None:
    """The offset after the simple command starting at ``i``, appended to ``out`` when it has words or
    assignments (a command of redirections only has neither)."""
    n = len(text)
    assigns: list[Span] = []
    words: list[Span] = []
    start = i
    end = i
    redirected = False  # bashlex reads ``NAME=value`` after a redirection as a word
    while True:
        while i < n and text[i] in _BLANK:
            i += 1
        if i >= n:
            break
        ch = text[i]
        op = _redirect_op(text, i)
        if op is not None:
            k = _target(text, op, paren)
            if k is None:
                return None
            end = i = k
            redirected = True
            continue
        if ch in "&|;\n" or (ch == ")" and paren):
            break
        if ch == "#":
            return None  # a comment
        k = _word(text, i, paren)
        if k is None or k == i:
            return None
        raw = text[i:k]
        if not words and not redirected and _ASSIGNMENT.match(raw):
            assigns.append((i, k, None))
        else:
            if (not words and raw in RESERVED) or raw in ("{", "}"):
                return None  # bashlex reads the word after a ``{``/``}`` argument as a reserved word too
            words.append((i, k, None if "$" in raw else _value(raw)))
        end = i = k
    if words or assigns:
        out.append((assigns, words, start, end, depth))
    return end


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


def _word(text: str, i: int, paren: bool = False) -> int | None:
    """The end of the word starting at ``i``, or None when it holds something outside the subset.
    ``paren``: the word is inside ``(…)`` or ``$(…)``, where a ``)`` ends it."""
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
        if ch == ")" and paren:
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
        r = _list(text, i + 2, [], 0, _NO_STOPS, subst=True, paren=True)  # its commands are not in the view
        return None if r is None or r[1] != ")" else r[0] + 1
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
