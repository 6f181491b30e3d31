"""Edit builders that keep the file's own style: line endings, indentation, continuation layout."""

from __future__ import annotations

from itertools import pairwise

from refactor.document import Document, Instruction, Word, _continues, _is_comment
from refactor.edits import Edit
from refactor.shell import ShellScript, ShellWord


def insert_line_before(ins: Instruction, line: str) -> Edit:
    """A new line with ``ins``'s indentation, placed just before ``ins``."""
    return Edit.insert(ins.line_start, ins.indent + line + ins.doc.newline)


def insert_line_after(ins: Instruction, line: str) -> Edit:
    """A new line placed after ``ins`` (and its heredocs); keeps a missing final newline missing."""
    return insert_lines_after(ins, [line])


def insert_lines_before(ins: Instruction, lines: list[str]) -> Edit:
    """New lines (whole instructions), each with ``ins``'s indentation, placed just before ``ins``."""
    nl = ins.doc.newline
    return Edit.insert(ins.line_start, "".join(ins.indent + line + nl for line in lines))


def insert_lines_above_comments(ins: Instruction, lines: list[str]) -> Edit:
    """Like ``insert_lines_before``, but above the comment lines directly over ``ins`` (the comment that
    describes it stays with it)."""
    nl = ins.doc.newline
    return Edit.insert(comment_block_start(ins), "".join(ins.indent + line + nl for line in lines))


def comment_block_start(ins: Instruction) -> int:
    """Start of the comment lines directly above ``ins`` (no blank line between), else ``ins.line_start``."""
    text = ins.doc.text
    prev = next((i for i in reversed(ins.doc.instructions) if i.start < ins.start), None)
    floor = prev.stop if prev is not None else 0
    at = ins.line_start
    while at > floor:
        begin = text.rfind("\n", floor, at - 1) + 1
        begin = max(begin, floor)
        if not text[begin:at].strip().startswith("#"):
            break
        at = begin
    return at


def insert_lines_after(ins: Instruction, lines: list[str]) -> Edit:
    """New lines (whole instructions), each with ``ins``'s indentation, placed after ``ins`` (and its
    heredocs); keeps a missing final newline missing."""
    text = ins.doc.text
    nl = ins.doc.newline
    block = nl.join(ins.indent + line for line in lines)
    if ins.stop > 0 and text[ins.stop - 1] == "\n":
        edit = Edit.insert(ins.stop, block + nl)
    else:
        edit = Edit.insert(ins.stop, nl + block)
    dangling = _dangling_escape(ins)
    if dangling is None:
        return edit
    # The last instruction ends with an escape and nothing follows it (``RUN a \`` at the end of the
    # file): a line added after it would be joined into it. The escape continues nothing, so drop it.
    return Edit(dangling, edit.end, text[dangling + 1:edit.start] + edit.content)


def _dangling_escape(ins: Instruction) -> int | None:
    """Offset of the escape ending ``ins``'s last code line when it continues into the end of file."""
    if ins.heredocs:
        return None
    text = ins.doc.text
    for ln in reversed(ins.lines):
        body = text[ln.start:ln.end]
        if not body.strip() or (ln is not ins.lines[0] and body.lstrip(" \t").startswith("#")):
            continue
        more, at = _continues(text, ln, ins.doc.escape)
        return at if more else None
    return None


def continuation_indent(ins: Instruction) -> str:
    """Indentation used by the instruction's continuation lines (4 spaces when it has none)."""
    text = ins.doc.text
    for ln in ins.lines[1:]:
        body = text[ln.start:ln.end]
        stripped = body.lstrip(" \t")
        if stripped and not stripped.startswith("#"):
            return body[:len(body) - len(stripped)]
    return "\t" if "\n\t" in text else "    "


def leading_operators(ins: Instruction) -> bool:
    """True when continuation lines start with the operator (``    && make``)."""
    text = ins.doc.text
    return any(text[ln.start:ln.end].lstrip(" \t").startswith(("&&", "||", ";"))
               for ln in ins.lines[1:])


def operator_indent(ins: Instruction) -> str:
    """Indentation of the last continuation line that starts with an operator."""
    text = ins.doc.text
    found = continuation_indent(ins)
    for ln in ins.lines[1:]:
        body = text[ln.start:ln.end]
        stripped = body.lstrip(" \t")
        if stripped.startswith(("&&", "||", ";")):
            found = body[:len(body) - len(stripped)]
    return found


def command_list(doc: Document, first: str, rest: list[str]) -> str:
    """A new RUN's shell text ``first && rest…``, laid out like the file's own multi-line RUNs (leading or
    trailing ``&&``, their indentation, the file's escape and newline)."""
    if not rest:
        return first
    sample = next((i for i in doc.instructions if i.name == "RUN" and len(i.lines) > 1), None)
    leading = leading_operators(sample) if sample else True
    if sample is None:
        indent = "\t" if "\n\t" in doc.text else "    "
    else:  # the operator lines' indentation, not that of an aligned package list
        indent = operator_indent(sample) if leading else continuation_indent(sample)
    esc = doc.escape
    nl = doc.newline
    if leading:
        return first + "".join(f" {esc}{nl}{indent}&& {cmd}" for cmd in rest)
    return f" && {esc}{nl}{indent}".join([first, *rest])


def append_command(script: ShellScript, command: str, op: str = "&&") -> Edit:
    """Append ``op command`` to the end of a RUN, on a new continuation line when it spans lines."""
    ins = script.instruction
    at = script.source_end()
    body = script.text.rstrip()
    if body.endswith(";") and not body.endswith(";;"):
        # ``a;`` + ``&& b`` is a syntax error: join before the trailing separator instead.
        at = script.logical.source_end(script.lstart + len(body[:-1].rstrip()))
    esc = ins.doc.escape
    if len(ins.lines) == 1:
        return Edit.insert(at, f" {op} {command}")
    indent = continuation_indent(ins)
    nl = ins.doc.newline
    if leading_operators(ins):
        indent = operator_indent(ins)
        return Edit.insert(at, f" {esc}{nl}{indent}{op} {command}")
    return Edit.insert(at, f" {op} {esc}{nl}{indent}{command}")


def insert_after_word(word: Word | ShellWord, text: str) -> Edit:
    return Edit.insert(word.end, " " + text)


def replace_word(word: Word | ShellWord, text: str) -> Edit:
    return Edit(word.start, word.end, text)


def remove_word(ins: Instruction, word: Word | ShellWord) -> Edit:
    """Delete a word and the blanks before it; a word alone on a continuation line takes the line."""
    text = ins.doc.text
    for k, ln in enumerate(ins.lines):
        if k == 0 or not (ln.start <= word.start and word.end <= ln.end):
            continue
        rest = text[word.end:ln.end].strip(" \t")
        before = text[ln.start:word.start].strip(" \t")
        if before:
            break
        if rest == ins.doc.escape:
            return Edit.delete(ln.start, ln.stop)
        if rest == "":
            # Last line of the instruction: drop it together with the escape that led to it.
            prev = ins.lines[k - 1]
            body = text[prev.start:prev.end].rstrip(" \t")
            if body.endswith(ins.doc.escape) and not body.lstrip(" \t").startswith("#"):
                start = prev.start + len(body) - 1
                while start > prev.start and text[start - 1] in " \t":
                    start -= 1
                return Edit.delete(start, word.end)
        break
    start = word.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    glue = _glue_with_comments(ins, word)
    if glue is not None:
        return Edit(start, word.end, glue)
    return Edit.delete(start, word.end)


def _glue_with_comments(ins: Instruction, word: Word | ShellWord) -> str | None:
    """For a word glued across continuation lines with comment lines in between (``a\\``, ``# c``,
    ``b``), the text between its pieces, so that deleting the word keeps those comment lines.

    When nothing of the instruction follows the word, the last escape goes too: the comments then
    stand after the instruction instead of continuing it into whatever comes next."""
    text = ins.doc.text
    if not any(word.start <= ln.start and ln.end <= word.end and _is_comment(text, ln) for ln in ins.lines):
        return None
    pieces = [(s + max(0, word.lstart - ls), s + min(n, word.lend - ls))
              for ls, s, n in ins.logical.segments if ls < word.lend and ls + n > word.lstart]
    glue = "".join(text[a:b] for (_, a), (b, _) in pairwise(pieces))
    rest_of_line = text[word.end:text.find("\n", word.end) if "\n" in text[word.end:] else len(text)]
    if not rest_of_line.strip(" \t\r"):
        cut = glue.rfind(ins.doc.escape)
        glue = glue[:cut] + glue[cut + 1:]
    return glue
