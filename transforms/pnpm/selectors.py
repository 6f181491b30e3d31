"""Reading pnpm's ``--filter`` selectors (pnpm.io/filtering): which words pnpm itself reads, their
``!``/``...``/``^`` parts, and the edit that replaces one."""

from __future__ import annotations

from dataclasses import dataclass

from refactor.commands import strip_wrappers
from refactor.document import Document
from refactor.edits import Edit
from refactor.knowledge.clis import PNPM_BUILTINS, PNPM_FILTER_OPTIONS, PNPM_RUNNERS
from refactor.shell import ShellCommand, ShellWord


@dataclass(frozen=True)
class Selector:
    word: ShellWord
    offset: int  # where the selector starts inside ``word.value``
    text: str


def filter_selectors(cmd: ShellCommand) -> tuple[list[Selector], bool]:
    """The filter selectors of a pnpm command that pnpm itself reads, and whether it changes directory."""
    words, _ = strip_wrappers(cmd)  # sudo -E, env X=1, exec… (refactor.commands)
    if words and words[0].value.rsplit("/", 1)[-1] == "corepack":
        words = words[1:]
    if not words or words[0].value.rsplit("/", 1)[-1] != "pnpm":
        return [], False
    out: list[Selector] = []
    chdir = False
    positional: list[str] = []
    i = 1
    while i < len(words):
        w = words[i]
        v = w.value
        if v == "--":
            break
        if v in (*PNPM_FILTER_OPTIONS, "-F"):
            if i + 1 < len(words):
                out.append(Selector(words[i + 1], 0, words[i + 1].value))
            i += 2
            continue
        name, eq, value = v.partition("=")
        if eq and name in PNPM_FILTER_OPTIONS:
            out.append(Selector(w, len(name) + 1, value))
        elif v in ("-C", "--dir"):
            chdir = True
            i += 2
            continue
        elif v.startswith(("--dir=", "-C")):
            chdir = True
        elif not v.startswith("-"):
            positional.append(v)
            first = positional[0]
            if first not in PNPM_BUILTINS and (first not in PNPM_RUNNERS or len(positional) > 1):
                break
        i += 1
    return out, chdir


def unsupported(sel: Selector) -> str:
    text, raw = sel.text, sel.word.raw
    if "$" in raw or "`" in raw:
        return "it uses a variable"
    _, _, core, _ = split(text)
    if not core:
        return "it names no package"
    if core.startswith(".") or "{" in core or "}" in core:
        return "it is already a directory selector"
    if "[" in core:
        return "a changed-since selector ([ref]) is not a package name"
    if any(c in core for c in "*?"):
        return "it is a name pattern (glob)"
    return ""


def split(text: str) -> tuple[bool, str, str, str]:
    """``!``, the dependents prefix (``...``/``...^``), the core, and the dependencies suffix."""
    exclude = text.startswith("!")
    if exclude:
        text = text[1:]
    suffix = ""
    if text.endswith("^..."):
        suffix, text = "^...", text[:-4]
    elif text.endswith("..."):
        suffix, text = "...", text[:-3]
    prefix = ""
    if text.startswith("...^"):
        prefix, text = "...^", text[4:]
    elif text.startswith("..."):
        prefix, text = "...", text[3:]
    return exclude, prefix, text, suffix


def replace(doc: Document, sel: Selector, new: str) -> Edit | None:
    """Replace the selector inside its word, keeping the word's quotes."""
    from refactor.words import unquote

    w = sel.word
    if doc.text[w.start:w.end] != w.raw or w.raw.count(sel.text) != 1:
        return None
    at = w.raw.index(sel.text)
    raw = w.raw[:at] + new + w.raw[at + len(sel.text):]
    if unquote(raw) != w.value[:sel.offset] + new:
        return None
    return Edit(w.start + at, w.start + at + len(sel.text), new)

