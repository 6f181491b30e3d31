"""Shared helpers for the shell-hygiene passes (Parfum/binnacle rules): find commands, append safely."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refactor.document import Document, Instruction, parse
from refactor.edits import Edit, apply_edits
from refactor.rewrite import append_command, continuation_indent, leading_operators, operator_indent
from refactor.shell import ShellCommand, ShellScript, ShellWord, shell_of
from refactor.stages import cache_mount_targets

_PIP = re.compile(r"^pip[0-9.]*$")
_PYTHON = re.compile(r"^python[0-9.]*$")


def run_scripts(doc: Document) -> Iterator[tuple[Instruction, ShellScript]]:
    """Every shell-form RUN that parses, with its shell view."""
    for ins in doc.instructions:
        if ins.name != "RUN":
            continue
        script = shell_of(ins)
        if script is not None:
            yield ins, script


def base_argv(cmd: ShellCommand) -> tuple[list[ShellWord], int]:
    """The command's words without a leading ``sudo``/``env``, and how many were dropped."""
    words = list(cmd.words)
    k = 0
    while k < len(words) and words[k].value in ("sudo", "command", "exec"):
        k += 1
    return words[k:], k


def tool_name(word: ShellWord) -> str:
    return word.value.rsplit("/", 1)[-1]


def is_tool(cmd: ShellCommand, *names: str) -> bool:
    words, _ = base_argv(cmd)
    return bool(words) and tool_name(words[0]) in names


def pip_install_word(cmd: ShellCommand) -> ShellWord | None:
    """The ``install`` word of ``pip install`` / ``pip3 install`` / ``python -m pip install``."""
    words, _ = base_argv(cmd)
    vals = [w.value for w in words]
    if not vals:
        return None
    head = tool_name(words[0])
    if _PIP.match(head):
        rest = 1
    elif _PYTHON.match(head) and len(vals) >= 3 and vals[1] == "-m" and vals[2] == "pip":
        rest = 3
    else:
        return None
    # pip's global options may precede the subcommand (pip -q install, pip --disable-pip-version-check install)
    for k in range(rest, len(words)):
        if vals[k] == "install":
            return words[k]
        if not vals[k].startswith("-"):
            return None
    return None


def has_cache_mount(ins: Instruction, *hints: str) -> bool:
    """True when a cache mount's target mentions one of ``hints`` (``pip``, ``.npm``, ``yarn``…)."""
    return any(any(h in t for h in hints) for t in cache_mount_targets(ins))


def later_text(doc: Document, ins: Instruction) -> str:
    """The source of every instruction after ``ins`` (where a later use of a path would show)."""
    return "\n".join(i.source for i in doc.instructions[ins.index + 1:])


def other_text(doc: Document, ins: Instruction) -> str:
    """The source of every instruction except ``ins``."""
    return "\n".join(i.source for i in doc.instructions if i is not ins)


_TAIL_OK = re.compile(r"^(?:[\s;)}]|fi\b|done\b|esac\b)*$")


def append_cleanup(script: ShellScript, command: str) -> Edit | None:
    """An edit appending ``command`` at the end of the RUN, or None when that cannot be done cleanly.

    The script's tail must be plain: no trailing comment, background ``&``, pipe or dangling escape;
    a script ending in ``;`` gets ``command;`` in the same style. The result must still parse as shell.
    """
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
    if body.endswith(";") and not body.endswith(";;"):
        at = script.source_end()
        if len(ins.lines) == 1:
            edit = Edit.insert(at, f" {command};")
        else:
            edit = Edit.insert(at, f" {ins.doc.escape}{ins.doc.newline}{continuation_indent(ins)}{command};")
    elif _semicolon_style(script):
        at = script.source_end()
        if len(ins.lines) == 1:
            edit = Edit.insert(at, f"; {command}")
        else:
            edit = Edit.insert(at, f"; {ins.doc.escape}{ins.doc.newline}{continuation_indent(ins)}{command}")
    else:
        edit = append_command(script, command)
    return edit if still_parses(ins, [edit]) else None


def _semicolon_style(script: ShellScript) -> bool:
    """True when the script joins its top-level commands with ``;`` rather than ``&&`` (``set -eux; …``)."""
    ops = [c.op_before for c in script.commands[1:] if c.depth == 0]
    return bool(ops) and ops.count(";") > ops.count("&&")


def still_parses(ins: Instruction, edits: list[Edit]) -> bool:
    """True when the RUN, with ``edits`` applied, still has a shell view (bashlex/tree-sitter accept it)."""
    try:
        new = parse(apply_edits(ins.doc.text, edits))
    except Exception:  # an edit that breaks the document is simply not offered
        return False
    if len(new.instructions) != len(ins.doc.instructions):
        return False
    return shell_of(new.instructions[ins.index]) is not None


def later_commands(script: ShellScript, cmd: ShellCommand) -> list[ShellCommand]:
    return [c for c in script.commands if c.lstart > cmd.lstart]


def followed_by_or(script: ShellScript, cmd: ShellCommand) -> bool:
    """True when the command's failure is handled (``cmd || …``)."""
    nxt = [c for c in script.commands if c.lstart >= cmd.lend]
    return bool(nxt) and nxt[0].op_before.startswith("||")


def source_matches(ins: Instruction, word: ShellWord) -> bool:
    """True when the word's source text equals its raw text (it does not straddle a continuation)."""
    return ins.doc.text[word.start:word.end] == word.raw


def cd_between(script: ShellScript, cmd: ShellCommand) -> bool:
    """True when a ``cd``/``pushd``/``popd`` runs after ``cmd`` (relative paths would no longer match)."""
    return any(c.name in ("cd", "pushd", "popd") for c in later_commands(script, cmd))


def plain_path(value: str) -> bool:
    """A path we can safely quote back into a ``rm`` command (no globs, spaces or odd characters)."""
    return bool(value) and re.fullmatch(r"[A-Za-z0-9_./${}:@+=-]+", value) is not None


def removes(script: ShellScript, after: ShellCommand, path: str) -> bool:
    """True when a later ``rm`` removes ``path`` itself, a folder holding it, or a glob matching it."""
    import fnmatch

    norm = path.strip('"\'')
    for c in later_commands(script, after):
        if c.name != "rm" and not is_tool(c, "rm"):
            continue
        for w in c.words[1:]:
            arg = w.raw.strip('"\'')
            if arg.startswith("-"):
                continue
            arg = arg.rstrip("/")
            if arg.endswith("/*"):
                arg = arg[:-2]
            if arg == norm or norm.startswith(arg + "/") or fnmatch.fnmatchcase(norm, arg):
                return True
            if _same_var(arg, norm):
                return True
    return False


def _same_var(a: str, b: str) -> bool:
    """``$X`` and ``${X}`` name the same thing."""
    def canon(s: str) -> str:
        return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", r"$\1", s)
    ca, cb = canon(a), canon(b)
    return ca == cb or cb.startswith(ca + "/")


def quote(path: str) -> str:
    """``path`` as a shell word: double-quoted when it uses a variable."""
    return f'"{path}"' if "$" in path else path


def keyword_like(ins: Instruction, name: str) -> str:
    """``name`` in the case the instruction's own keyword is written in."""
    kw = ins.keyword
    if kw.islower():
        return name.lower()
    if kw.isupper():
        return name.upper()
    return name.capitalize()


_AFTER_OK = re.compile(r"^(?:$|&&|\|\||;|\)|\}|\bfi\b|\bdone\b|\besac\b)")


def insert_after(script: ShellScript, cmd: ShellCommand, command: str) -> Edit | None:
    """An edit adding ``&& command`` right after ``cmd`` (before a later ``apk del`` can remove the tool).

    Refused (None) when ``cmd`` feeds a pipe, runs in the background, has a redirection after it that the
    new command would capture, or when the result no longer parses.
    """
    ins = script.instruction
    rest = script.text[cmd.lend - script.lstart:].lstrip(" \t")
    if not _AFTER_OK.match(rest):
        return None
    if rest.startswith(("||",)):
        return None  # 'a || b' would become 'a && clean || b': the fallback would run after a failed clean
    at = ins.logical.source_end(cmd.lend)
    edit = Edit.insert(at, _own_line_text(script, cmd, command) or f" && {command}")
    return edit if still_parses(ins, [edit]) else None


def _line_index(ins: Instruction, offset: int) -> int:
    for k, ln in enumerate(ins.lines):
        if ln.start <= offset <= ln.end:
            return k
    return len(ins.lines) - 1


def _own_line_text(script: ShellScript, cmd: ShellCommand, command: str) -> str | None:
    """The text that puts ``command`` on a continuation line of its own after ``cmd``, in the RUN's
    style (leading ``&&``, trailing ``&& \\`` or ``;``), when ``cmd`` itself stands on lines of its own
    (one command per line); None when an inline `` && command`` fits the layout better."""
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
    op = "&&"
    if _semicolon_style(script) and any(c.name == "set" and any(re.fullmatch(r"-[a-zA-Z]*e[a-zA-Z]*", a)
                                                                 for a in c.argv[1:]) for c in script.commands):
        op = ";"
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

