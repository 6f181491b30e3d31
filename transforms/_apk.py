"""Shared helpers of the apk passes: reading ``apk add``/``apk del``, stage scope, style-keeping edits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from refactor.document import Document, Instruction, Stage
from refactor.edits import Edit
from refactor.rewrite import continuation_indent, remove_word
from refactor.shell import ShellCommand, ShellScript, ShellWord, option_anchor, shell_of

# apk options that take a value (``-t .build-deps`` / ``--virtual=.build-deps``).
_VALUE_FLAGS = frozenset({"-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch", "--keys-dir",
                          "--cache-dir", "--repositories-file", "--cache-max-age", "--wait", "--timeout"})
# Options the apk passes understand; anything else makes them leave the command alone.
SIMPLE_FLAGS = frozenset({"--no-cache", "-U", "--update", "--update-cache", "-q", "--quiet", "-v",
                          "--verbose", "--no-progress", "--progress", "-u", "--upgrade", "-l", "--latest",
                          "--no-interactive", "--purge", "--no-network", "-t", "--virtual"})
UPDATE_FLAGS = frozenset({"-U", "--update", "--update-cache"})
APK_CACHE_DIRS = ("/var/cache/apk", "/etc/apk/cache")


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
    words = list(cmd.words)
    while words and words[0].value in ("sudo", "command"):
        words = words[1:]
    if len(words) < 2 or words[0].value.rsplit("/", 1)[-1] != "apk":
        return None
    k = 1
    pre: list[ShellWord] = []
    while k < len(words) and words[k].value.startswith("-"):  # apk -q add …
        pre.append(words[k])
        k += 1
    if k >= len(words) or words[k].value != verb:
        return None
    verb_word = words[k]
    options: list[ShellWord] = list(pre)
    packages: list[ShellWord] = []
    virtual: str | None = None
    understood = all(w.value in SIMPLE_FLAGS for w in pre)
    rest = words[k + 1:]
    i = 0
    while i < len(rest):
        w = rest[i]
        v = w.value
        if v.startswith("-"):
            name = v.split("=", 1)[0]
            options.append(w)
            if name not in SIMPLE_FLAGS:
                understood = False
            if name in _VALUE_FLAGS and "=" not in v:
                if i + 1 < len(rest):
                    options.append(rest[i + 1])
                    if name in ("-t", "--virtual"):
                        virtual = rest[i + 1].value
                i += 1
            elif name in ("-t", "--virtual"):
                virtual = v.split("=", 1)[1]
        else:
            packages.append(w)
        i += 1
    return ApkCall(cmd, verb_word, tuple(options), tuple(packages), virtual, understood)


def run_scripts(stage: Stage) -> Iterator[tuple[Instruction, ShellScript]]:
    for ins in stage.body():
        if ins.name == "RUN":
            script = shell_of(ins)
            if script is not None:
                yield ins, script


_WORD = re.compile(r"[A-Za-z0-9_.+\-/]+")


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
    start, end, _ = line_of(ins, word.start)
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


def line_of(ins: Instruction, offset: int) -> tuple[int, int, int]:
    for ln in ins.lines:
        if ln.start <= offset <= ln.end:
            return ln.start, ln.end, ln.stop
    last = ins.lines[-1]
    return last.start, last.end, last.stop


def insert_words_after(ins: Instruction, anchor: ShellWord, names: list[str], avoid: tuple[Edit, ...] = ()
                       ) -> Edit:
    """Add package words after ``anchor``: one per line when ``anchor`` sits alone on its line.

    ``avoid`` are other edits of the same fix; the insertion never lands inside one of them.
    """
    text = ins.doc.text
    esc = ins.doc.escape
    nl = ins.doc.newline
    start, end, stop = line_of(ins, anchor.start)
    body = text[start:end]
    stripped = body.strip(" \t")
    indent = body[:len(body) - len(body.lstrip(" \t"))]
    alone = stripped in (anchor.raw, f"{anchor.raw} {esc}", f"{anchor.raw}{esc}") and start != ins.line_start
    if alone and stripped != anchor.raw:
        tail = stripped[len(anchor.raw):]  # " \\" as written
        if not any(e.start < stop < e.end for e in avoid):
            return Edit.insert(stop, "".join(f"{indent}{n}{tail}{nl}" for n in names))
        return Edit.insert(anchor.end, "".join(f"{tail}{nl}{indent}{n}" for n in names))
    return Edit.insert(anchor.end, "".join(" " + n for n in names))


def _operator_lines(ins: Instruction) -> list[tuple[str, str]]:
    """``(indent, operator)`` of continuation lines that start with ``&&``/``||``/``;`` and go on
    (a line holding only ``;`` ends a package list in the official images: not an operator style)."""
    text = ins.doc.text
    out = []
    for ln in ins.lines[1:]:
        body = text[ln.start:ln.end]
        stripped = body.lstrip(" \t")
        if not stripped.startswith(("&&", "||", ";")):
            continue
        rest = stripped.lstrip("&|;").strip(" \t")
        if rest in ("", ins.doc.escape):
            continue
        out.append((body[:len(body) - len(stripped)], stripped[:2]))
    return out


def leading_operators(ins: Instruction) -> bool:
    return bool(_operator_lines(ins))


def operator_indent(ins: Instruction) -> str:
    lines = _operator_lines(ins)
    return lines[-1][0] if lines else continuation_indent(ins)


def command_insert_before(script: ShellScript, cmd: ShellCommand, command: str, op: str) -> Edit:
    """Insert ``command op`` just before ``cmd`` (a top-level command), keeping the RUN's layout."""
    ins = script.instruction
    at = cmd.words[0].start if not cmd.assignments else cmd.assignments[0].start
    if len(ins.lines) == 1:
        return Edit.insert(at, f"{command} {op} ")
    esc = ins.doc.escape
    nl = ins.doc.newline
    sep = "" if op == ";" else " "
    if leading_operators(ins):
        return Edit.insert(at, f"{command} {esc}{nl}{operator_indent(ins)}{op} ")
    start, _, _ = line_of(ins, at)
    before = ins.doc.text[start:at]
    indent = before if not before.strip() else continuation_indent(ins)
    return Edit.insert(at, f"{command}{sep}{op} {esc}{nl}{indent}")


def command_insert_after(script: ShellScript, cmd: ShellCommand, command: str, op: str) -> Edit:
    """Insert ``op command`` right after ``cmd`` (a top-level command), keeping the RUN's layout."""
    ins = script.instruction
    at = ins.logical.source_end(cmd.lend)
    sep = "" if op == ";" else " "
    if len(ins.lines) == 1:
        return Edit.insert(at, f"{sep}{op} {command}")
    esc = ins.doc.escape
    nl = ins.doc.newline
    if leading_operators(ins):
        return Edit.insert(at, f" {esc}{nl}{operator_indent(ins)}{op} {command}")
    return Edit.insert(at, f"{sep}{op} {esc}{nl}{continuation_indent(ins)}{command}")


def append_to_run(script: ShellScript, command: str, op: str) -> Edit | None:
    """``op command`` after the last command of a RUN, or None when the end is not a plain command."""
    ins = script.instruction
    tail = script.text.rstrip()
    if not script.commands or tail.endswith((";", "&", "|", esc_of(ins))):
        return None
    last = script.commands[-1]
    if last.depth != 0 or ins.logical.text[last.lend:script.lend].strip():
        return None  # ends with a compound (fi, done, }) or a comment: leave it
    at = script.source_end()
    esc = ins.doc.escape
    nl = ins.doc.newline
    sep = "" if op == ";" else " "
    if len(ins.lines) == 1:
        return Edit.insert(at, f"{sep}{op} {command}")
    if leading_operators(ins):
        return Edit.insert(at, f" {esc}{nl}{operator_indent(ins)}{op} {command}")
    return Edit.insert(at, f"{sep}{op} {esc}{nl}{continuation_indent(ins)}{command}")


def esc_of(ins: Instruction) -> str:
    return ins.doc.escape


def joiner(script: ShellScript) -> str:
    """``;`` for ``set -e`` scripts written with ``;`` separators, ``&&`` otherwise."""
    tops = script.top_level
    uses_semicolon = bool(tops) and tops[-1].op_before == ";"
    set_e = any(c.name == "set" and any(re.fullmatch(r"-[a-zA-Z]*e[a-zA-Z]*", a) for a in c.argv[1:])
                for c in tops)
    return ";" if uses_semicolon and set_e else "&&"


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
