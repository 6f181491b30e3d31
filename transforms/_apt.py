"""Shared helpers of the apt passes: reading ``apt-get``/``apt`` calls, stage scope, cache mounts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from refactor.document import Document, Instruction, Stage
from refactor.edits import Edit
from refactor.images import DEBIAN, stage_family
from refactor.shell import ShellCommand, ShellScript, ShellWord, option_anchor, shell_of
from refactor.stages import cache_mount_targets

TOOLS = frozenset({"apt-get", "apt"})
# apt-get options that take a separate value (``-o Dpkg::Options::=--force-confold``, ``-t bookworm-backports``).
VALUE_OPTIONS = frozenset({"-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release",
                           "-a", "--host-architecture"})
# Verbs that read the package lists (``/var/lib/apt/lists``): they need an ``apt-get update`` first.
LIST_READERS = frozenset({"install", "upgrade", "dist-upgrade", "full-upgrade", "source", "build-dep", "download",
                          "satisfy", "reinstall", "changelog", "dselect-upgrade"})
# Other commands that read the lists.
LIST_TOOLS = frozenset({"apt-cache", "aptitude", "apt-file", "apt-rdepends", "debfoster"})
LISTS = "/var/lib/apt/lists"
_SHELL_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+:~=_-]*$")


@dataclass(frozen=True)
class AptCall:
    """``apt-get [opts] VERB [opts] ARGS…`` split into its words."""

    cmd: ShellCommand
    tool: ShellWord  # the ``apt-get``/``apt`` word
    verb: ShellWord
    options: tuple[ShellWord, ...]  # option words (and their values), before and after the verb
    args: tuple[ShellWord, ...]  # package (or other) arguments

    @property
    def option_values(self) -> list[str]:
        return [w.value for w in self.options]

    def anchor(self) -> ShellWord:
        """Where new options go: the last option standing right after the verb, else the verb."""
        return option_anchor(self.cmd, self.verb, self.options, self.args)


def apt_call(cmd: ShellCommand, tools: frozenset[str] = TOOLS) -> AptCall | None:
    """The ``apt-get``/``apt`` call of ``cmd`` (``sudo`` and a path to the tool allowed), or None."""
    words = list(cmd.words)
    while words and words[0].value in ("sudo", "command", "exec"):
        words = words[1:]
    if len(words) < 2 or words[0].value.rsplit("/", 1)[-1] not in tools:
        return None
    options: list[ShellWord] = []
    verb: ShellWord | None = None
    args: list[ShellWord] = []
    k = 1
    while k < len(words):
        w = words[k]
        v = w.value
        if v.startswith("-") and v != "-":
            options.append(w)
            if v in VALUE_OPTIONS and k + 1 < len(words):
                options.append(words[k + 1])
                k += 1
        elif verb is None:
            verb = w
        else:
            args.append(w)
        k += 1
    if verb is None:
        return None
    return AptCall(cmd, words[0], verb, tuple(options), tuple(args))


def calls(script: ShellScript, verb: str | None = None) -> list[AptCall]:
    out = []
    for c in script.commands:
        a = apt_call(c)
        if a is not None and (verb is None or a.verb.value == verb):
            out.append(a)
    return out


def is_update(cmd: ShellCommand) -> bool:
    a = apt_call(cmd)
    return a is not None and a.verb.value == "update"


def reads_lists(cmd: ShellCommand) -> bool:
    """True when the command needs the package lists (install, apt-cache, aptitude…)."""
    a = apt_call(cmd)
    if a is not None:
        return a.verb.value in LIST_READERS
    words = [w.value for w in cmd.words if w.value not in ("sudo", "command", "exec")]
    return bool(words) and words[0].rsplit("/", 1)[-1] in LIST_TOOLS


def is_plain_package(value: str) -> bool:
    """A package name we can repeat back to apt-mark (``name``, ``name=1.2``, ``name:amd64``)."""
    return bool(_SHELL_SAFE.match(value)) and not value.endswith(".deb")


def debian_stages(doc: Document) -> Iterator[Stage]:
    """Debian/Ubuntu stages (by image, else by the package manager the stage or its parents use)."""
    for stage in doc.stages:
        if stage_family(stage) == DEBIAN:
            yield stage


def run_scripts(stage: Stage) -> Iterator[tuple[Instruction, ShellScript]]:
    for ins in stage.body():
        if ins.name == "RUN":
            script = shell_of(ins)
            if script is not None:
                yield ins, script


def apt_cache_mounted(ins: Instruction) -> bool:
    """True when a BuildKit cache mount holds apt's lists or archives for this RUN."""
    return any(t.startswith(("/var/lib/apt", "/var/cache/apt")) for t in cache_mount_targets(ins))


def op_ok(cmd: ShellCommand) -> bool:
    """The command is a plain top-level step (``a && b`` / ``a; b``): text can go right before it."""
    return cmd.depth == 0 and cmd.op_before in ("", "&&", ";")


def semicolon_style(script: ShellScript) -> bool:
    ops = [c.op_before for c in script.commands[1:] if c.depth == 0]
    return bool(ops) and ops.count(";") > ops.count("&&")


def insert_before_command(cmd: ShellCommand, text: str, op: str) -> Edit:
    """``text op `` right before ``cmd`` (before its ``VAR=x`` prefixes), on the same line."""
    at = cmd.assignments[0].start if cmd.assignments else cmd.words[0].start
    return Edit.insert(at, f"{text}{'' if op == ';' else ' '}{op} ")
