"""Shared helpers of the apt passes: reading ``apt-get``/``apt`` calls, stage scope, cache mounts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from refactor import lazy_re
from refactor.commands import run_commands, strip_wrappers, tool_name
from refactor.document import Document, Instruction, Stage
from refactor.images import DEBIAN, stage_family
from refactor.knowledge.packages import (
    APT,
    APT_LIST_READERS,
    APT_LIST_TOOLS,
    APT_LISTS,
    APT_TOOLS,
)
from refactor.shell import ShellCommand, ShellScript, ShellWord, option_anchor
from refactor.stages import cache_mount_targets

# The apt tables live in the knowledge package; these names stay for the passes that import them from here.
TOOLS = APT_TOOLS
LISTS = APT_LISTS
_SHELL_SAFE = lazy_re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+:~=_-]*$")


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
    m = (APT if tools == TOOLS else replace(APT, tools=tools)).match(cmd)
    if m is None:
        return None
    return AptCall(cmd, m.tool_word, m.words[m.verb[0]], m.option_words, m.arg_words)


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
        return a.verb.value in APT_LIST_READERS
    words, _ = strip_wrappers(cmd)
    return bool(words) and tool_name(words[0].value) in APT_LIST_TOOLS


def is_plain_package(value: str) -> bool:
    """A package name we can repeat back to apt-mark (``name``, ``name=1.2``, ``name:amd64``)."""
    return bool(_SHELL_SAFE.match(value)) and not value.endswith(".deb")


def debian_stages(doc: Document) -> Iterator[Stage]:
    """Debian/Ubuntu stages (by image, else by the package manager the stage or its parents use)."""
    for stage in doc.stages:
        if stage_family(stage) == DEBIAN:
            yield stage


def apt_calls(doc: Document) -> Iterator[tuple[Instruction, ShellScript, AptCall]]:
    """Every apt-get/apt call of the RUNs of the Debian stages, with its RUN and shell view."""
    for stage in debian_stages(doc):
        for ins, script, cmd in run_commands(stage):
            call = apt_call(cmd)
            if call is not None:
                yield ins, script, call


def apt_cache_mounted(ins: Instruction) -> bool:
    """True when a BuildKit cache mount holds apt's lists or archives for this RUN."""
    return any(t.startswith(("/var/lib/apt", "/var/cache/apt")) for t in cache_mount_targets(ins))


def op_ok(cmd: ShellCommand) -> bool:
    """The command is a plain top-level step (``a && b`` / ``a; b``): text can go right before it."""
    return cmd.depth == 0 and cmd.op_before in ("", "&&", ";")
