"""What the multi-stage gate and planners know about the one stage of a file: its RUN commands, where the build
ends, and which instructions belong to the runtime."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from refactor.commands import CommandPattern, canonical_tool, unwrap
from refactor.document import Document, Instruction, Stage
from refactor.images import stage_family
from refactor.model import StageModel, model_of
from refactor.passes import Context
from refactor.project import project_context, shell_cwd
from refactor.shell import ShellCommand, ShellScript, shell_of

# Instructions that configure the container rather than build it: they move into the runtime stage.
RUNTIME_INSTRUCTIONS = frozenset({"CMD", "ENTRYPOINT", "EXPOSE", "HEALTHCHECK", "USER", "VOLUME", "STOPSIGNAL",
                                  "LABEL", "MAINTAINER"})


class Command(NamedTuple):
    """A command of a RUN with its argv from the tool on (``sudo``/``env`` dropped) and its canonical tool."""

    ins: Instruction
    script: ShellScript
    cmd: ShellCommand
    argv: tuple[str, ...]
    tool: str

    @property
    def text(self) -> str:
        return " ".join(self.cmd.argv)

    @property
    def assignments(self) -> dict[str, str]:
        return dict(w.value.split("=", 1) for w in self.cmd.assignments if "=" in w.value)

    def runs(self, pattern: CommandPattern) -> bool:
        """``pattern.matches(argv)``: every planner asks it of every command, each applier round again."""
        return _runs(pattern, self.argv)


@lru_cache(maxsize=1024)  # recent command lines: the rounds of one file ask again
def _runs(pattern: CommandPattern, argv: tuple[str, ...]) -> bool:
    return pattern.matches(list(argv))


@dataclass
class Subject:
    """The stage to split and what is known around it."""

    doc: Document
    stage: Stage
    ctx: Context
    build: list[Command] = field(default_factory=list)  # the planner's build commands, in order

    @cached_property
    def model(self) -> StageModel:
        return model_of(self.stage)

    @cached_property
    def family(self) -> str:
        return stage_family(self.stage)

    @cached_property
    def context_dir(self) -> Path | None:
        found = project_context(self.doc, self.ctx.path, self.ctx.context_dir, self.ctx.project)
        return found[1] if found else None

    @cached_property
    def unparsed_runs(self) -> list[Instruction]:
        """RUNs without a shell view (exec form, or a script neither shell parser reads)."""
        return [ins for ins in self.stage.body() if ins.name == "RUN" and shell_of(ins) is None]

    @cached_property
    def commands(self) -> list[Command]:
        out: list[Command] = []
        for ins in self.stage.body():
            script = shell_of(ins) if ins.name == "RUN" else None
            if script is None:
                continue
            for cmd in script.commands:
                values = cmd.argv
                k = unwrap(values)
                if k >= len(values):
                    continue
                out.append(Command(ins, script, cmd, tuple(values[k:]), canonical_tool(values[k])))
        return out

    @property
    def build_end(self) -> Instruction:
        return max((c.ins for c in self.build), key=lambda i: i.index)

    @property
    def builder_part(self) -> list[Instruction]:
        """Instructions after FROM up to and including the last build step."""
        end = self.build_end.index
        return [ins for ins in self.stage.body() if ins.index <= end]

    @property
    def tail(self) -> list[Instruction]:
        """Instructions after the last build step: they stay where they are, in the runtime stage."""
        end = self.build_end.index
        return [ins for ins in self.stage.body() if ins.index > end]

    def commands_of(self, instructions: list[Instruction]) -> list[Command]:
        ids = {i.index for i in instructions}
        return [c for c in self.commands if c.ins.index in ids]

    def cwd_of(self, command: Command) -> str | None:
        """The working directory ``command`` runs in (WORKDIR and ``cd`` before it in its RUN)."""
        start = self.model.workdir_at(command.ins)
        return shell_cwd(command.script.commands, command.cmd, start)

    def absolute(self, command: Command, path: str) -> str | None:
        if "$" in path:
            return None
        if path.startswith("/"):
            return posixpath.normpath(path)
        cwd = self.cwd_of(command)
        return posixpath.normpath(posixpath.join(cwd, path)) if cwd else None

    @cached_property
    def start_argvs(self) -> list[list[str]]:
        return self.model.start_command

    @cached_property
    def start_words(self) -> list[str]:
        return [part for argv in self.start_argvs for a in argv for part in re.split(r"[\s;&|()]+", a) if part]
