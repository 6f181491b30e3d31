"""Shared helpers of the apk passes: reading ``apk add``/``apk del``, stage scope, style-keeping edits."""

from __future__ import annotations

from dataclasses import dataclass, replace

from refactor import lazy_re
from refactor.commands import CommandMatch
from refactor.document import Document, Instruction
from refactor.edits import Edit
from refactor.knowledge.packages import (
    APK_ADD,
    APK_CACHE_DIRS,
    APK_DEL,
    APK_SIMPLE_OPTIONS,
)
from refactor.rewrite import (
    line_span,
    remove_word,
)
from refactor.shell import ShellCommand, ShellScript, ShellWord, option_anchor


@dataclass(frozen=True)
class ApkCall:
    """``apk add|del …`` split into its option words, package words and ``--virtual`` name."""

    cmd: ShellCommand
    verb: ShellWord  # the ``add``/``del`` word
    options: tuple[ShellWord, ...]
    packages: tuple[ShellWord, ...]
    virtual: str | None
    understood: bool  # False when an option we do not know is present

    @property
    def flag_values(self) -> set[str]:
        return {w.value.split("=", 1)[0] for w in self.options}

    @property
    def names(self) -> list[str]:
        return [w.value for w in self.packages]

    def anchor(self) -> ShellWord:
        """The word after which new options go: the last option between the verb and the packages."""
        return option_anchor(self.cmd, self.verb, self.options, self.packages)


def apk_call(cmd: ShellCommand, verb: str) -> ApkCall | None:
    """The ``apk <verb>`` call of ``cmd`` (``sudo`` and a path to apk allowed), or None."""
    pat = _VERB_PATTERNS.get(verb) or replace(APK_ADD, verbs=frozenset({verb}))
    m = pat.match(cmd)
    if m is None:
        return None
    words = m.words
    values_at = {i + 1 for i in m.valued}
    pre = [i for i in m.options if i < m.verb[0]]
    post = [i for i in m.options if i > m.verb[0] and i not in values_at]
    # Before the verb an option must be written exactly as known; after it, ``--opt=value`` counts as ``--opt``.
    understood = all(words[i].value in APK_SIMPLE_OPTIONS for i in pre) and all(
        words[i].value.split("=", 1)[0] in APK_SIMPLE_OPTIONS for i in post)
    return ApkCall(cmd, words[m.verb[0]], m.option_words, m.arg_words, _virtual(m), understood)


_VERB_PATTERNS = {"add": APK_ADD, "del": APK_DEL}


def _virtual(m: CommandMatch) -> str | None:
    """The ``-t``/``--virtual`` group named after the verb (``-t=NAME`` too, as apk reads it)."""
    after = replace(m, options=tuple(i for i in m.options if i > m.verb[0]))
    return after.option_value("-t", "--virtual")


_WORD = lazy_re.compile(r"[A-Za-z0-9_.+\-/]+")


def words_used(instructions: list[Instruction]) -> set[str]:
    """Every word (and its basename) written in these instructions: a crude but safe "is it used" test."""
    out: set[str] = set()
    for ins in instructions:
        if ins.name in ("ARG", "LABEL", "MAINTAINER", "EXPOSE", "STOPSIGNAL", "FROM"):
            continue
        text = ins.logical.text[len(ins.keyword):]
        for h in ins.heredocs:
            text += "\n" + h.body(ins.doc.text)
        for token in _WORD.findall(text):
            out.add(token)
            out.add(token.rsplit("/", 1)[-1])
    return out


def cache_mounted(ins: Instruction) -> bool:
    """True when a BuildKit cache mount holds the apk cache for this RUN."""
    for f in ins.flags:
        if (f.name == "mount" and f.value and "type=cache" in f.value
                and any(d in f.value for d in APK_CACHE_DIRS)):
            return True
    return False


def has_comment_between(doc: Document, start: int, end: int) -> bool:
    return any(line.lstrip(" \t").startswith("#") for line in doc.text[start:end].splitlines())


def alone_on_line(ins: Instruction, word: ShellWord) -> bool:
    """True when ``word`` is the only thing on its continuation line (besides the escape)."""
    start, end, _ = line_span(ins, word.start)
    esc = ins.doc.escape
    stripped = ins.doc.text[start:end].strip(" \t")
    return start != ins.line_start and stripped.rstrip(" \t" + esc) == word.raw and stripped != word.raw


def delete_word(ins: Instruction, words: list[ShellWord], i: int) -> Edit:
    """Delete ``words[i]``: its whole line when it stands alone on a continuation line, else together
    with the separator that precedes it (``curl \\`` / ``gcc && \\`` → ``curl && \\``). When a comment
    line sits in between, fall back to the engine's line-aware removal.
    """
    word = words[i]
    if i == 0 or alone_on_line(ins, word):
        return remove_word(ins, word)
    prev = words[i - 1]
    if has_comment_between(ins.doc, prev.end, word.start):
        return remove_word(ins, word)
    return Edit.delete(prev.end, word.end)


def free_virtual_name(script: ShellScript, base: str) -> str:
    """``base`` unless another ``apk add --virtual`` of the RUN uses it; then ``base-2``, ``base-3``…"""
    taken = {c.virtual for c in (apk_call(cmd, "add") for cmd in script.commands) if c and c.virtual}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def remove_command(script: ShellScript, cmd: ShellCommand) -> Edit | None:
    """Delete a top-level command and one joining operator, as if it had succeeded; None if unsafe."""
    ins = script.instruction
    commands = script.commands
    k = commands.index(cmd)
    if cmd.depth != 0 or cmd.assignments or (k > 0 and cmd.op_before not in ("&&", ";")):
        return None
    nxt = commands[k + 1] if k + 1 < len(commands) else None
    if nxt is not None:
        if nxt.depth != 0 or nxt.op_before not in ("&&", ";") or nxt.assignments:
            return None
        start, end = cmd.words[0].start, nxt.words[0].start  # `a && X && b` → `a && b`
    elif k > 0 and commands[k - 1].depth == 0:
        start, end = ins.logical.source_end(commands[k - 1].lend), ins.logical.source_end(cmd.lend)
    else:
        return None
    if has_comment_between(ins.doc, start, end):
        return None
    return Edit.delete(start, end)
