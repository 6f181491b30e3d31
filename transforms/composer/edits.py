"""The edits of composer-platform-req: flags after the command, a blanket flag replaced in its layout."""

from __future__ import annotations

from refactor.document import Instruction
from refactor.edits import Edit
from refactor.shell import ShellWord
from transforms.composer.invocation import Invocation


def own_lines(ins: Instruction, word: ShellWord, flags: list[str]) -> str:
    """``flags`` joined as the replaced word was laid out: one per continuation line if it had its own."""
    text = ins.doc.text
    line = next((ln for ln in ins.lines if ln.start <= word.start <= ln.end), None)
    if line is None or line is ins.lines[0] or text[line.start:word.start].strip():
        return " ".join(flags)
    indent = text[line.start:word.start]
    return f" {ins.doc.escape}{ins.doc.newline}{indent}".join(flags)


def insert_flags(ins: Instruction, inv: Invocation, flags: list[str]) -> Edit:
    """After the command's last word; on new continuation lines when its options are one per line."""
    words = list(inv.cmd.words)
    last = inv.sub if "--" in [w.value for w in words] else words[-1]
    text = ins.doc.text
    line = next((ln for ln in ins.lines if ln.start <= last.start <= ln.end), None)
    own_line = line is not None and line is not ins.lines[0] and not text[line.start:last.start].strip()
    if own_line and line is not None and last is not inv.sub:
        indent = text[line.start:last.start]
        sep = f" {ins.doc.escape}{ins.doc.newline}{indent}"
        return Edit.insert(last.end, "".join(sep + f for f in flags))
    return Edit.insert(last.end, "".join(" " + f for f in flags))

