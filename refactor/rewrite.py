"""Edit builders that keep the file's own style: line endings, indentation, continuation layout."""

from __future__ import annotations

import re
from itertools import pairwise

from refactor import lazy_re
from refactor.document import Document, Instruction, Word, _continues, _is_comment
from refactor.edits import Edit
from refactor.shell import ShellCommand, ShellScript, ShellWord


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


def operator_lines(ins: Instruction, commands_only: bool = False) -> list[tuple[str, str]]:
    """``(indent, operator)`` of the continuation lines that start with ``&&``/``||``/``;`` (``    && make``).

    ``commands_only``: only lines where a command follows the operator (a line holding only ``;`` ends a
    package list in the official images: not an operator style)."""
    text = ins.doc.text
    out = []
    for ln in ins.lines[1:]:
        body = text[ln.start:ln.end]
        stripped = body.lstrip(" \t")
        if not stripped.startswith(("&&", "||", ";")):
            continue
        if commands_only and stripped.lstrip("&|;").strip(" \t") in ("", ins.doc.escape):
            continue
        out.append((body[:len(body) - len(stripped)], stripped[:2]))
    return out


def leading_operators(ins: Instruction, commands_only: bool = False) -> bool:
    """True when continuation lines start with the operator (``    && make``); see ``operator_lines``."""
    return bool(operator_lines(ins, commands_only))


def operator_indent(ins: Instruction, commands_only: bool = False) -> str:
    """Indentation of the last continuation line that starts with an operator (see ``operator_lines``)."""
    lines = operator_lines(ins, commands_only)
    return lines[-1][0] if lines else continuation_indent(ins)


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
    return Edit.insert(at, _joined_after(ins, command, op, commands_only=False))


def insert_after_word(word: Word | ShellWord, text: str) -> Edit:
    return Edit.insert(word.end, " " + text)


def replace_word(word: Word | ShellWord, text: str) -> Edit:
    return Edit(word.start, word.end, text)


def remove_word(ins: Instruction, word: Word | ShellWord) -> Edit:
    """Delete a word and the blanks before it; a word alone on a continuation line takes the line, and the
    first of several words on one keeps the line's indent and takes the blanks after it instead."""
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
            # Last line of the instruction: drop it together with the escape that led to it, which sits on
            # the last code line above (comment lines in between stay, now after the instruction).
            code = k - 1
            while code > 0 and _is_comment(text, ins.lines[code]):
                code -= 1
            prev = ins.lines[code]  # never a comment: line 0 holds the instruction's keyword
            body = text[prev.start:prev.end].rstrip(" \t")
            if body.endswith(ins.doc.escape):
                start = prev.start + len(body) - 1
                while start > prev.start and text[start - 1] in " \t":
                    start -= 1
                return Edit(start, word.end, text[prev.end:ins.lines[k - 1].end])  # the comment lines stay
        else:  # the first of several words on a continuation line: its indent stays, the blanks after it go
            end = word.end
            while text[end] in " \t":  # never past the line: ``rest`` holds a word
                end += 1
            return Edit.delete(word.start, end)
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
        # nothing follows: every escape that continued the word's code pieces goes (the comment lines'
        # own text stays as it is)
        glue = "".join(piece if _is_comment_text(piece) else _drop_last(piece, ins.doc.escape)
                       for piece in glue.splitlines(keepends=True))
    return glue


def _is_comment_text(line: str) -> bool:
    return line.lstrip(" \t").startswith("#")


def _drop_last(line: str, escape: str) -> str:
    """``line`` without the escape that ends its content (before its line break), if it has one."""
    body = line.rstrip("\r\n")
    cut = body.rstrip(" \t")
    if not cut.endswith(escape):
        return line
    return body[:len(cut) - 1] + body[len(cut):] + line[len(body):]


# ============================================================================================== command-level builders
# Inserting and appending shell commands inside a RUN in the RUN's own layout (inline ``a && b``, trailing
# ``&& \``, leading ``&&`` lines, ``;`` with ``set -e``), and inserting words.

def line_span(ins: Instruction, offset: int) -> tuple[int, int, int]:
    """``(start, end, stop)`` of the instruction's line holding ``offset`` (its last line when none does)."""
    for ln in ins.lines:
        if ln.start <= offset <= ln.end:
            return ln.start, ln.end, ln.stop
    last = ins.lines[-1]
    return last.start, last.end, last.stop


def insert_command_before(script: ShellScript, cmd: ShellCommand, command: str, op: str) -> Edit:
    """Insert ``command op`` just before ``cmd`` (a top-level command), keeping the RUN's layout."""
    ins = script.instruction
    at = cmd.words[0].start if not cmd.assignments else cmd.assignments[0].start
    if len(ins.lines) == 1:
        return Edit.insert(at, f"{command} {op} ")
    esc = ins.doc.escape
    nl = ins.doc.newline
    sep = "" if op == ";" else " "
    if leading_operators(ins, commands_only=True):
        return Edit.insert(at, f"{command} {esc}{nl}{operator_indent(ins, commands_only=True)}{op} ")
    start, _, _ = line_span(ins, at)
    before = ins.doc.text[start:at]
    indent = before if not before.strip() else continuation_indent(ins)
    return Edit.insert(at, f"{command}{sep}{op} {esc}{nl}{indent}")


def insert_command_after(script: ShellScript, cmd: ShellCommand, command: str, op: str | None = None,
                         inline: bool = True) -> Edit | None:
    """Insert ``op command`` right after ``cmd``: on a continuation line of its own in the RUN's style when
    ``cmd`` stands on lines of its own; else inline, or with ``inline=False`` on a new line of a multi-line
    RUN (the apk passes' layout). ``op`` defaults to ``commands.joiner`` on its own line and ``&&`` inline.

    Refused (None) when ``cmd`` feeds a pipe, runs in the background, has a redirection after it that the
    new command would capture, is followed by ``||``, or when the result no longer parses.
    """
    ins = script.instruction
    rest = script.text[cmd.lend - script.lstart:].lstrip(" \t")
    if not _AFTER_OK.match(rest):
        return None
    if rest.startswith(("||",)):
        return None  # 'a || b' would become 'a && clean || b': the fallback would run after a failed clean
    at = ins.logical.source_end(cmd.lend)
    text = _own_line_text(script, cmd, command, op)
    if text is None and not inline:
        text = _joined_after(ins, command, op or "&&")
    if text is None:
        text = f"{'' if op == ';' else ' '}{op or '&&'} {command}"
    edit = Edit.insert(at, text)
    return edit if still_parses(ins, [edit]) else None


def append_command_to_run(script: ShellScript, command: str, op: str) -> Edit | None:
    """``op command`` after the last command of a RUN, or None when the end is not a plain command."""
    ins = script.instruction
    tail = script.text.rstrip()
    if not script.commands or tail.endswith((";", "&", "|", ins.doc.escape)):
        return None
    last = script.commands[-1]
    if last.depth != 0 or ins.logical.text[last.lend:script.lend].strip():
        return None  # ends with a compound (fi, done, }) or a comment: leave it
    return Edit.insert(script.source_end(), _joined_after(ins, command, op))


def _joined_after(ins: Instruction, command: str, op: str, commands_only: bool = True) -> str:
    """The text that joins ``command`` after a command with ``op`` in the RUN's layout (leading operators
    counted as ``operator_lines`` does with ``commands_only``)."""
    sep = "" if op == ";" else " "
    if len(ins.lines) == 1:
        return f"{sep}{op} {command}"
    esc = ins.doc.escape
    nl = ins.doc.newline
    if leading_operators(ins, commands_only):
        return f" {esc}{nl}{operator_indent(ins, commands_only)}{op} {command}"
    return f"{sep}{op} {esc}{nl}{continuation_indent(ins)}{command}"


def insert_command_inline_before(cmd: ShellCommand, text: str, op: str) -> Edit:
    """``text op `` right before ``cmd`` (before its ``VAR=x`` prefixes), on the same line."""
    at = cmd.assignments[0].start if cmd.assignments else cmd.words[0].start
    return Edit.insert(at, f"{text}{'' if op == ';' else ' '}{op} ")


def insert_words_after(ins: Instruction, anchor: Word | ShellWord, names: list[str], avoid: tuple[Edit, ...] = ()
                       ) -> Edit:
    """Add words after ``anchor``: one per line when ``anchor`` sits alone on its line.

    ``avoid`` are other edits of the same fix; the insertion never lands inside one of them.
    """
    text = ins.doc.text
    esc = ins.doc.escape
    nl = ins.doc.newline
    start, end, stop = line_span(ins, anchor.start)
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


def still_parses(ins: Instruction, edits: list[Edit]) -> bool:
    """True when the RUN, with ``edits`` applied, still has a shell view (bashlex/tree-sitter accept it)."""
    from refactor.document import parse
    from refactor.edits import apply_edits
    from refactor.shell import shell_of

    try:
        new = parse(apply_edits(ins.doc.text, edits))
    except Exception:  # an edit that breaks the document is simply not offered
        return False
    if len(new.instructions) != len(ins.doc.instructions):
        return False
    return shell_of(new.instructions[ins.index]) is not None


_TAIL_OK = lazy_re.compile(r"^(?:[\s;)}]|fi\b|done\b|esac\b)*$")


def append_cleanup(script: ShellScript, command: str) -> Edit | None:
    """An edit appending ``command`` at the end of the RUN, or None when that cannot be done cleanly.

    The script's tail must be plain: no trailing comment, background ``&``, pipe or dangling escape;
    a ``;``-joined ``set -e`` script gets ``; command`` (``command;`` when it ends in ``;``), any other
    ``&& command`` (``commands.joiner``). The result must still parse as shell.
    """
    from refactor.commands import joiner

    if not script.commands:
        return None
    ins = script.instruction
    last = max(script.commands, key=lambda c: c.lend)
    if last.depth == 0 and last.name in ("exit", "exec"):
        return None
    tail = script.text[last.lend - script.lstart:]
    if not _TAIL_OK.match(tail):
        return None
    body = script.text.rstrip()
    semicolons = joiner(script) == ";"
    if semicolons and body.endswith(";") and not body.endswith(";;"):
        at = script.source_end()
        if len(ins.lines) == 1:
            edit = Edit.insert(at, f" {command};")
        else:
            edit = Edit.insert(at, f" {ins.doc.escape}{ins.doc.newline}{continuation_indent(ins)}{command};")
    elif semicolons:
        at = script.source_end()
        if len(ins.lines) == 1:
            edit = Edit.insert(at, f"; {command}")
        else:
            edit = Edit.insert(at, f"; {ins.doc.escape}{ins.doc.newline}{continuation_indent(ins)}{command}")
    else:
        edit = append_command(script, command)
    return edit if still_parses(ins, [edit]) else None


_AFTER_OK = lazy_re.compile(r"^(?:$|&&|\|\||;|\)|\}|\bfi\b|\bdone\b|\besac\b)")


def insert_cleanup_after(script: ShellScript, cmd: ShellCommand, command: str) -> Edit | None:
    """Kept for the passes that import it: ``insert_command_after`` with its default operators."""
    return insert_command_after(script, cmd, command)


def _line_index(ins: Instruction, offset: int) -> int:
    for k, ln in enumerate(ins.lines):
        if ln.start <= offset <= ln.end:
            return k
    return len(ins.lines) - 1


def _own_line_text(script: ShellScript, cmd: ShellCommand, command: str, op: str | None = None) -> str | None:
    """The text that puts ``command`` on a continuation line of its own after ``cmd``, in the RUN's
    style (leading ``&&``, trailing ``&& \\`` or ``;``), when ``cmd`` itself stands on lines of its own
    (one command per line); None when an inline `` && command`` fits the layout better."""
    from refactor.commands import joiner

    ins = script.instruction
    if len(ins.lines) == 1 or cmd.depth != 0:
        return None
    logical = ins.logical
    first = _line_index(ins, logical.source_start(cmd.lstart))
    last = _line_index(ins, logical.source_end(cmd.lend))
    before = [c for c in script.commands if c.lend <= cmd.lstart]
    after = [c for c in script.commands if c.lstart >= cmd.lend]
    if before and _line_index(ins, logical.source_end(before[-1].lend)) == first:
        return None
    if after and _line_index(ins, logical.source_start(after[0].lstart)) == last:
        return None
    if not before and not after:
        return None
    esc, nl = ins.doc.escape, ins.doc.newline
    op = op or joiner(script)
    if leading_operators(ins):
        return f" {esc}{nl}{operator_indent(ins)}{op}{_space_after_operator(ins)}{command}"
    sep = "" if op == ";" else " "
    return f"{sep}{op} {esc}{nl}{continuation_indent(ins)}{command}"


def _space_after_operator(ins: Instruction) -> str:
    """The blanks the RUN's continuation lines put after their leading operator (``&&  cd``: two)."""
    text = ins.doc.text
    for ln in reversed(ins.lines[1:]):
        m = re.match(r"[ \t]*(?:&&|\|\||;)([ \t]+)\S", text[ln.start:ln.end])
        if m:
            return m.group(1)
    return " "
