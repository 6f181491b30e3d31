"""Shared helpers for the shell-hygiene passes (Parfum/binnacle rules): find commands, append safely."""

from __future__ import annotations

import re

from refactor import commands
from refactor.commands import strip_wrappers
from refactor.document import Document, Instruction
from refactor.edits import Finding, Fix, Safety
from refactor.knowledge.ecosystems.python import PIP_INSTALL
from refactor.rewrite import append_cleanup
from refactor.shell import ShellCommand, ShellScript, ShellWord
from refactor.stages import cache_mount_targets


def pip_install_word(cmd: ShellCommand) -> ShellWord | None:
    """The ``install`` word of ``pip install`` / ``pip3 install`` / ``python -m pip install``."""
    m = PIP_INSTALL.match(cmd)
    return None if m is None else m.verb_word


def has_cache_mount(ins: Instruction, *hints: str) -> bool:
    """True when a cache mount's target mentions one of ``hints`` (``pip``, ``.npm``, ``yarn``…)."""
    return any(any(h in t for h in hints) for t in cache_mount_targets(ins))


def later_text(doc: Document, ins: Instruction) -> str:
    """The source of every instruction after ``ins`` (where a later use of a path would show)."""
    return "\n".join(i.source for i in doc.instructions[ins.index + 1:])


def other_text(doc: Document, ins: Instruction) -> str:
    """The source of every instruction except ``ins``."""
    return "\n".join(i.source for i in doc.instructions if i is not ins)


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
        if c.name != "rm" and not _runs(c, "rm"):
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


def _runs(cmd: ShellCommand, tool: str) -> bool:
    words, _ = strip_wrappers(cmd)
    return bool(words) and commands.tool_name(words[0].value) == tool


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


def cleanup_at_end(pass_id: str, script: ShellScript, command: str, message: str, safety: Safety, at: int,
                   shown: str | None = None) -> Fix | Finding:
    """A Fix appending ``command`` at the end of the RUN, or the Finding that says it cannot be appended
    safely (``shown``: the command as the finding names it, ``command`` by default)."""
    edit = append_cleanup(script, command)
    if edit is None:
        return Finding(pass_id, f"cannot append '{shown or command}' to this RUN safely; add it by hand", at)
    return Fix(pass_id, message, (edit,), safety)
