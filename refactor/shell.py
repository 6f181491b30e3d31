"""The shell view of a shell-form RUN: commands and words mapped back to source offsets.

Docker hands ``/bin/sh -c`` the instruction's joined text (continuations removed, comment lines
dropped). We parse that text with bashlex, which gives clean word values for ordinary POSIX shell,
and fall back to tree-sitter-bash for what bashlex rejects (``case``, ``$((…))``, ``[[ ]]``, quoted
heredocs, arrays). Either way the result is the same flat list of simple commands, each word
carrying its logical offsets (in the instruction's joined text) and its source offsets.
A RUN that neither parser accepts has no shell view, and passes that need one leave it alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from refactor import shell_fast
from refactor.logical import LogicalLine
from refactor.words import unquote

if TYPE_CHECKING:
    from refactor.document import Instruction

COMPOUND_TS = frozenset({
    "if_statement", "for_statement", "c_style_for_statement", "while_statement", "case_statement",
    "subshell", "compound_statement", "function_definition", "case_item", "elif_clause", "else_clause",
    "do_group",
})


@dataclass(frozen=True, slots=True)
class ShellWord:
    raw: str
    value: str
    lstart: int  # offsets in the instruction's logical text
    lend: int
    start: int  # offsets in the source
    end: int


@dataclass(frozen=True, slots=True)
class ShellCommand:
    """A simple command: optional ``VAR=x`` prefixes, then its words (redirections excluded)."""

    assignments: tuple[ShellWord, ...]
    words: tuple[ShellWord, ...]
    lstart: int
    lend: int
    depth: int  # 0 for the top-level list, more inside if/for/while/case/subshell/braces
    op_before: str  # the operator text joining it to the previous command ('' for the first)
    # The words' values, worked out once: every pattern of every pass matches against them.
    values: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(w.value for w in self.words))

    @property
    def name(self) -> str:
        return self.words[0].value if self.words else ""

    @property
    def argv(self) -> list[str]:
        return list(self.values)

    def is_(self, *prefix: str) -> bool:
        """True when the command starts with ``prefix`` (``sudo`` and a leading path are ignored)."""
        argv = self.argv
        if argv and argv[0] == "sudo":
            argv = argv[1:]
        if argv:
            argv = [argv[0].rsplit("/", 1)[-1], *argv[1:]]
        return argv[:len(prefix)] == list(prefix)


@dataclass(eq=False)
class ShellScript:
    """Every simple command of a RUN, in source order, produced by ``parser``."""

    instruction: Instruction
    lstart: int  # where the shell text starts in ``logical``
    text: str
    commands: list[ShellCommand]
    parser: str
    logical: LogicalLine  # the instruction's joined text, or a heredoc script's body
    heredoc: bool = False  # the script is a ``RUN <<EOF`` body: lines run one after another

    @property
    def top_level(self) -> list[ShellCommand]:
        return [c for c in self.commands if c.depth == 0]

    def find(self, *prefix: str) -> list[ShellCommand]:
        return [c for c in self.commands if c.is_(*prefix)]

    @property
    def lend(self) -> int:
        """Logical offset just after the last non-blank character of the shell text."""
        return self.lstart + len(self.text.rstrip())

    def source_end(self) -> int:
        return self.logical.source_end(self.lend)

    @property
    def is_simple_list(self) -> bool:
        """True when the script is only top-level commands joined by ``&&`` or ``;``."""
        return all(c.depth == 0 and c.op_before in ("", "&&", ";") for c in self.commands)


def shell_of(ins: Instruction, heredoc: bool = False) -> ShellScript | None:
    """The shell view of a shell-form RUN without heredocs, or None.

    With ``heredoc=True``, a ``RUN <<EOF`` whose only argument is the heredoc gives the view of the
    script in its body (a caller opting in must not assume ``&&`` chaining: lines run regardless)."""
    key = ("shell", heredoc)
    if key not in ins.memo:  # passes ask for the same RUN many times per round
        ins.memo[key] = _shell_of(ins, heredoc)
    return ins.memo[key]


def _shell_of(ins: Instruction, heredoc: bool) -> ShellScript | None:
    if ins.name != "RUN" or ins.is_json:
        return None
    logical = ins.logical
    offset = ins.args_offset
    if ins.heredocs:
        if not heredoc or len(ins.heredocs) != 1 or ins.args.strip() != ins.heredocs[0].marker.raw:
            return None
        doc_ = ins.heredocs[0]
        logical = LogicalLine()
        logical.add(ins.doc.text, doc_.body_start, doc_.body_end)
        offset = 0
    text = logical.text[offset:]
    if not text.strip():
        return None
    parsed = _parse(text)
    if parsed is None:
        return None
    parser, raw = parsed
    commands: list[ShellCommand] = []
    prev_end = 0
    for assigns, words, start, end, depth in raw:
        op = text[prev_end:start].strip() if commands else ""
        prev_end = end

        def mk(a: int, b: int, value: str | None = None) -> ShellWord:
            r = text[a:b]
            la, lb = a + offset, b + offset
            return ShellWord(r, unquote(r) if value is None else value, la, lb,
                             logical.source_start(la), logical.source_end(lb))

        commands.append(ShellCommand(tuple(mk(*a) for a in assigns), tuple(mk(*w) for w in words),
                                     start + offset, end + offset, depth, op))
    return ShellScript(ins, offset, text, commands, parser, logical, bool(ins.heredocs))


Raw = list[tuple[list[tuple[int, int, str | None]], list[tuple[int, int, str | None]], int, int, int]]


@lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[str, Raw] | None:
    fast = shell_fast.parse(text)  # bashlex's structure for plain lines, without bashlex's cost
    if fast is not None:
        return "bashlex", fast
    return _parse_full(text)


def _parse_full(text: str) -> tuple[str, Raw] | None:
    """bashlex's view, else tree-sitter's; None when neither parser accepts the text."""
    try:
        return "bashlex", _bashlex(text)
    except Exception:  # bashlex raises many error types on unsupported syntax
        pass
    try:
        return "tree-sitter", _tree_sitter(text)
    except _Unparsable:
        return None


class _Unparsable(Exception):
    pass


def _bashlex(text: str) -> Raw:
    from refactor.bashlex_tables import load

    bashlex = load()  # its parser tables stored, not rebuilt at every start
    out: Raw = []

    def walk(node, depth: int) -> None:
        kind = node.kind
        if kind == "command":
            assigns, words = [], []
            for part in node.parts:
                if part.kind == "assignment" and not words:
                    assigns.append((part.pos[0], part.pos[1], None))
                elif part.kind in ("word", "assignment"):
                    words.append((part.pos[0], part.pos[1], part.word))
                elif part.kind == "compound":
                    walk(part, depth + 1)
            if words or assigns:
                out.append((assigns, words, node.pos[0], node.pos[1], depth))
            return
        if kind in ("list", "pipeline"):
            for part in node.parts:
                walk(part, depth)
            return
        if kind == "compound":
            for part in node.list:
                walk(part, depth + 1)
            return
        for attr in ("parts", "list"):
            for part in getattr(node, attr, None) or []:
                if hasattr(part, "kind") and part.kind not in ("reservedword", "operator", "pipe", "word"):
                    walk(part, depth)  # if/for/while bodies sit inside a compound node

    for tree in bashlex.parse(text):
        walk(tree, 0)
    # Values must be plain words; a word whose value bashlex rewrote (expansions) keeps its raw value.
    return [(a, [(s, e, v if "$" not in text[s:e] and "`" not in text[s:e] else None) for s, e, v in w],
             st, en, d) for a, w, st, en, d in out]


@lru_cache(maxsize=1)
def _ts_parser():
    import tree_sitter
    import tree_sitter_bash

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))


def _tree_sitter(text: str) -> Raw:
    data = text.encode("utf-8")
    tree = _ts_parser().parse(data)
    if tree.root_node.has_error:
        raise _Unparsable(text)
    char_of = _byte_to_char(text, data)
    out: Raw = []

    def walk(node, depth: int) -> None:
        if node.type in ("test_command", "declaration_command", "unset_command"):
            words = [(char_of[c.start_byte], char_of[c.end_byte], None) for c in node.children]
            out.append(([], words, char_of[node.start_byte], char_of[node.end_byte], depth))
            return
        if node.type == "command":
            assigns, words = [], []
            for child in node.named_children:
                span = (char_of[child.start_byte], char_of[child.end_byte], None)
                if child.type == "variable_assignment" and not words:
                    assigns.append(span)
                elif child.type in ("command_name", "word", "string", "raw_string", "concatenation",
                                    "simple_expansion", "expansion", "number", "command_substitution",
                                    "ansi_c_string", "arithmetic_expansion"):
                    words.append(span)
            out.append((assigns, words, char_of[node.start_byte], char_of[node.end_byte], depth))
            return
        inner = depth + 1 if node.type in COMPOUND_TS and node.type not in ("case_item", "do_group",
                                                                             "elif_clause", "else_clause") else depth
        for child in node.named_children:
            walk(child, inner)

    walk(tree.root_node, 0)
    return out


def _byte_to_char(text: str, data: bytes) -> list[int]:
    if len(data) == len(text):
        return list(range(len(text) + 1))
    table = [0] * (len(data) + 1)
    b = 0
    for i, ch in enumerate(text):
        n = len(ch.encode("utf-8"))
        for k in range(n):
            table[b + k] = i
        b += n
    table[len(data)] = len(text)
    return table


def option_anchor(cmd: ShellCommand, verb: ShellWord, options: Sequence[ShellWord],
                  args: Sequence[ShellWord]) -> ShellWord:
    """Where a new option of ``verb`` goes: after the last option standing between the verb and its
    first argument, else right after the verb (``apk add --virtual x | a b``, ``apt-get install -y | a``)."""
    first = args[0].start if args else cmd.words[-1].end + 1
    between = [w for w in options if verb.start < w.start < first]
    return between[-1] if between else verb
