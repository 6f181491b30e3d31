"""Reading a curl download (its options, operands and short clusters) and adding a flag to it, for the
curl-use-flag-f and curl-use-flag-l passes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refactor.commands import run_commands, strip_wrappers, tool_name
from refactor.document import Document, Instruction
from refactor.edits import Edit
from refactor.knowledge.clis import CURL_NOT_A_DOWNLOAD, CURL_VALUE_LONG, CURL_VALUE_SHORT
from refactor.rewrite import insert_after_word
from refactor.shell import ShellCommand, ShellScript, ShellWord
from transforms._hygiene import source_matches

_URL = re.compile(r"^[\"']?(?:https?://|\$)")


_SCHEME = re.compile(r"^[\"']?([A-Za-z][A-Za-z0-9+.-]*)://")


def short_flags(value: str) -> tuple[str, str | None]:
    """The flag letters of a short cluster (``-fsSLo`` → ``fsSLo``) and the value-taking letter, if any."""
    letters = ""
    for ch in value[1:]:
        letters += ch
        if ch in CURL_VALUE_SHORT:
            return letters, ch
    return letters, None


def is_cluster(value: str) -> bool:
    """A short option cluster: flag letters (``-fsSL``), the last of which may take a value that is attached
    (``-sSLo/usr/local/bin/jq``, ``-o/tmp/x``: curl reads the rest of the word as the value)."""
    if value.startswith("--"):
        return False
    letters, _ = short_flags(value)
    return re.fullmatch(r"[A-Za-z0-9#:]+", letters) is not None


def options_and_operands(words: list[ShellWord]) -> tuple[list[ShellWord], list[ShellWord]]:
    """curl's option words and operand (URL) words, skipping option values."""
    opts: list[ShellWord] = []
    operands: list[ShellWord] = []
    expect_value = False
    for w in words:
        v = w.value
        if expect_value:
            expect_value = False
            continue
        if v.startswith("--") and len(v) > 2:
            opts.append(w)
            expect_value = "=" not in v and v in CURL_VALUE_LONG
        elif v.startswith("-") and len(v) > 1:
            opts.append(w)
            letters, value_letter = short_flags(v)
            expect_value = value_letter is not None and v == "-" + letters  # -o FILE, not -o/tmp/x
        else:
            operands.append(w)
    return opts, operands


def has_flag(opts: list[ShellWord], letter: str, longs: tuple[str, ...]) -> bool:
    for w in opts:
        v = w.value
        if v.startswith("--"):
            if v.split("=", 1)[0] in longs:
                return True
        elif is_cluster(v) and letter in short_flags(v)[0]:
            return True
    return False


def is_probe(opts: list[ShellWord]) -> bool:
    for w in opts:
        v = w.value
        if v.startswith("--"):
            if v.split("=", 1)[0] in CURL_NOT_A_DOWNLOAD:
                return True
        elif any(f"-{ch}" in CURL_NOT_A_DOWNLOAD for ch in short_flags(v)[0]):
            return True
    return False


def downloads(cmd: ShellCommand) -> tuple[ShellWord, list[ShellWord]] | None:
    """For a plain HTTP(S) download ``curl … URL``: the ``curl`` word and its option words."""
    words, _ = strip_wrappers(cmd)
    if not words or tool_name(words[0].value) != "curl":
        return None
    opts, operands = options_and_operands(list(words[1:]))
    if not operands or is_probe(opts):
        return None
    for w in operands:
        m = _SCHEME.match(w.raw)
        if m and m.group(1).lower() not in ("http", "https"):
            return None  # ftp://, file://: -f and -L mean nothing there
    if not any(_URL.match(w.raw) for w in operands):
        return None
    return words[0], opts


def add_flag(script: ShellScript, curl: ShellWord, opts: list[ShellWord], letter: str) -> Edit | None:
    """Add ``-<letter>`` to curl: into its first short cluster when it has one, else as a new word."""
    ins = script.instruction
    first = next((w for w in opts if is_cluster(w.value)), None)
    if first is not None and source_matches(ins, first) and first.raw == first.value:
        letters, value_letter = short_flags(first.value)
        if letter == "f":
            return Edit.insert(first.start + 1, letter)  # -sSL -> -fsSL
        if value_letter is None:
            return Edit.insert(first.end, letter)  # -fsS -> -fsSL
        return Edit.insert(first.start + 1 + letters.index(value_letter), letter)  # -so -> -sLo
    return insert_after_word(curl, f"-{letter}")


def downloads_without(doc: Document, letter: str, longs: tuple[str, ...]
             ) -> Iterator[tuple[Instruction, ShellScript, ShellCommand, ShellWord, list[ShellWord]]]:
    """Every curl download of the RUNs that lacks ``-<letter>`` (or one of ``longs``): its RUN, shell view,
    command, ``curl`` word and option words."""
    for ins, script, cmd in run_commands(doc):
        found = downloads(cmd)
        if found is not None and not has_flag(found[1], letter, longs):
            yield ins, script, cmd, *found

