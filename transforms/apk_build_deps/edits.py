"""The edits that move an ``apk add``'s build-only words into a virtual group: convert the add in place,
split it in two, and turn the RUN's own ``apk del`` into the group's."""

from __future__ import annotations

from itertools import pairwise

from refactor.document import Instruction
from refactor.edits import Edit
from refactor.knowledge.packages import APK_UPDATE_OPTIONS, package_name
from refactor.rewrite import insert_command_before, insert_words_after, line_span, replace_word
from refactor.shell import ShellScript, ShellWord
from transforms._apk import (
    ApkCall,
    alone_on_line,
    delete_word,
    has_comment_between,
)


def _no_cache_edits(add: ApkCall, mounted: bool) -> tuple[list[Edit], str]:
    """Edits that give ``add`` ``--no-cache`` (replacing ``-U``), and text to put after the anchor."""
    if mounted or "--no-cache" in add.flag_values:
        return [], ""
    update = next((w for w in add.options if w.value in APK_UPDATE_OPTIONS), None)
    if update is not None:
        return [replace_word(update, "--no-cache")], ""
    return [], " --no-cache"


def convert_in_place(add: ApkCall, name: str, mounted: bool) -> list[Edit]:
    edits, flag = _no_cache_edits(add, mounted)
    edits.append(Edit.insert(add.anchor().end, f"{flag} --virtual {name}"))
    return edits


def split(ins: Instruction, script: ShellScript, add: ApkCall, group: list[ShellWord], keep: list[ShellWord],
           additions: list[str], name: str, mounted: bool, op: str) -> list[Edit]:
    edits = _delete_words(ins, list(add.cmd.words), group)
    if additions:
        anchor = keep[-1] if keep else add.anchor()
        edits.append(insert_words_after(ins, anchor, additions, tuple(edits)))
    sudo = "sudo " if add.cmd.words[0].value == "sudo" else ""
    flag = "" if mounted else " --no-cache"
    head = f"{sudo}apk add{flag} --virtual {name}"
    edits.append(insert_command_before(script, add.cmd, head + _package_list(ins, add, group, head), op))
    return edits


def _delete_words(ins: Instruction, words: list[ShellWord], targets: list[ShellWord]) -> list[Edit]:
    """Edits deleting ``targets`` (words of one command). A word alone on its line goes with its line, any
    other with the separator before it; where those two ways meet in a run of neighbouring words
    (``libffi-dev \\`` alone, then ``postgresql-dev && \\``) they would overlap, so the run goes as one span
    from the end of the word before it."""
    index = sorted(words.index(w) for w in targets)
    runs: list[list[int]] = []
    for i in index:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    edits: list[Edit] = []
    for run in runs:
        each = sorted(delete_word(ins, words, i) for i in run)
        if all(a.end <= b.start for a, b in pairwise(each)) or run[0] == 0:
            edits += each
        else:
            edits.append(Edit.delete(words[run[0] - 1].end, words[run[-1]].end))
    return edits


def _package_list(ins: Instruction, add: ApkCall, group: list[ShellWord], head: str) -> str:
    """The group's words, laid out like the original list: one per line when they stood one per line."""
    lonely = [w for w in group if alone_on_line(ins, w)]
    if not lonely:
        return "".join(" " + w.raw for w in group)
    esc = ins.doc.escape
    nl = ins.doc.newline
    start, end, _ = line_span(ins, lonely[0].start)
    body = ins.doc.text[start:end]
    indent = body[:len(body) - len(body.lstrip(" \t"))]
    first = add.packages[0]
    first_line = line_span(ins, first.start)[0]
    first_inline = first_line == line_span(ins, add.verb.start)[0]
    if first_inline and indent == " " * (first.start - first_line):
        # names aligned under the first one: align them under the new command's first name
        indent = " " * (add.cmd.words[0].start - line_span(ins, add.cmd.words[0].start)[0] + len(head) + 1)
    out = ""
    for k, w in enumerate(group):
        out += f" {w.raw}" if k == 0 and first_inline else f" {esc}{nl}{indent}{w.raw}"
    return out


def rewrite_del(ins: Instruction, d: ApkCall, names: set[str], group: str) -> list[Edit]:
    words = list(d.cmd.words)
    targets = [w for w in d.packages if package_name(w.value) in names]
    flag = "" if "--no-network" in d.flag_values else " --no-network"
    last_option = max(d.options, key=lambda w: w.end) if d.options else d.verb
    trailing = [w for w in words if w.start > last_option.end]
    if trailing == targets and not has_comment_between(ins.doc, last_option.end, targets[-1].end):
        # `apk del [opts] a b c` → `apk del --no-network [opts] .build-deps`, one line
        edits = [Edit(last_option.end, targets[-1].end, f" {group}")]
    else:
        edits = [replace_word(targets[0], group)]
        edits += _delete_words(ins, words, targets[1:])
    if flag:
        edits.append(Edit.insert(d.verb.end, flag))
    return edits
