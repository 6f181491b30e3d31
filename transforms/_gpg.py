"""Reading gpg commands (``gpg``/``gpg2`` behind any wrapper) for the gpg passes."""

from __future__ import annotations

from refactor.commands import strip_wrappers, tool_name
from refactor.knowledge.clis import GPG_TOOLS
from refactor.shell import ShellCommand, ShellWord


def gpg_words(cmd: ShellCommand) -> list[ShellWord]:
    words, _ = strip_wrappers(cmd)
    return words if words and tool_name(words[0].value) in GPG_TOOLS else []


def verified_signature(cmd: ShellCommand) -> tuple[ShellWord, str] | None:
    """The ``.asc`` operand of ``gpg --verify X.asc [file]`` and the path of the signed file."""
    words = gpg_words(cmd)
    values = [w.value for w in words]
    if "--verify" not in values:
        return None
    operands = [w for w in words[values.index("--verify") + 1:] if not w.value.startswith("-")]
    if not operands or not operands[0].raw.strip('"\'').endswith(".asc"):
        return None
    sig = operands[0]
    if len(operands) > 1:
        return sig, word_path(operands[1])
    return sig, word_path(sig)[: -len(".asc")]


def word_path(word: ShellWord) -> str:
    return word.raw.strip('"\'') if "$" in word.raw else word.value

