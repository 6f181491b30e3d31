"""The stage model: what is known about each stage of *this* file, computed once per parse.

Like ruff's ``SemanticModel`` or LibCST's metadata providers, passes ask ``model_of(stage)`` instead of
re-deriving: the base image and its facts, the ENV and WORKDIR in effect at an instruction, the USERs,
the packages still installed, what the stage copies from and what later stages copy out of it, the start
command and the programs it runs, the ports it exposes, and where runtime configuration goes. Results are
cached per ``Document`` (a new parse gives a new model).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import cached_property
from typing import NamedTuple

from refactor.document import Instruction, Stage
from refactor.images import ImageRef, default_workdir, stage_family
from refactor.installed import kept_packages
from refactor.knowledge.programs import OFFICIAL_ENTRYPOINT, WRAPPERS
from refactor.stages import descendants
from refactor.words import expand

_PORT = re.compile(r"^(\d+)(?:-(\d+))?(?:/(tcp|udp|sctp))?$", re.I)


class Port(NamedTuple):
    """One EXPOSE entry resolved to a number (the first of a range); ``raw`` as written."""

    number: int | None
    protocol: str
    raw: str
    instruction: Instruction


class StageModel:
    """Facts about one stage, each computed on first use and kept for the life of the parse."""

    def __init__(self, stage: Stage) -> None:
        self.stage = stage
        self.doc = stage.doc

    # -- the image -------------------------------------------------------------------------------------

    @cached_property
    def image(self) -> ImageRef:
        """The external image at the bottom of the stage's lineage."""
        return ImageRef.parse(self.stage.root_image())

    @cached_property
    def family(self) -> str:
        return stage_family(self.stage)

    @cached_property
    def lineage_instructions(self) -> list[Instruction]:
        """Instructions after FROM of the stage and the stages it builds on, oldest first."""
        return [ins for s in reversed(self.stage.lineage()) for ins in s.body()]

    # -- variables, WORKDIR, USER ----------------------------------------------------------------------

    @cached_property
    def defaults(self) -> dict[str, str]:
        """ARG and ENV defaults visible at the end of the stage and its parents (best effort)."""
        return {**self.stage.env()}

    def resolve(self, value: str) -> str | None:
        """``value`` with the stage's ARG/ENV defaults substituted, or None when a name is unknown."""
        return expand(value, self.defaults)

    def env_at(self, before: Instruction | None = None) -> dict[str, str]:
        """The ENV known just before ``before`` (end of stage when None); build arguments count as unknown,
        since ``--build-arg`` can override them."""
        env: dict[str, str] = {}
        for ins, known in walk(self.stage, before):
            env = _after(ins, known)
        return env

    def steps(self, before: Instruction | None = None) -> Iterator[tuple[Instruction, dict[str, str], str | None]]:
        """Each instruction of the lineage up to ``before`` with the ENV and the working directory in effect
        at it (as ``env_at`` and ``workdir_at`` give them)."""
        cwd: str | None = default_workdir(self.image)
        for ins, env in walk(self.stage, before):
            yield ins, env, cwd
            if ins.name == "WORKDIR":
                cwd = join_path(cwd, ins.args.strip(), env)

    def workdir_at(self, before: Instruction | None = None) -> str | None:
        """The working directory the shell sees just before ``before`` (end of stage when None), starting from
        the base image's own WORKDIR, build arguments unknown; None when a WORKDIR uses an unknown variable."""
        cwd: str | None = default_workdir(self.image)
        for ins, env, at in self.steps(before):  # the directory after the last step
            cwd = join_path(at, ins.args.strip(), env) if ins.name == "WORKDIR" else at
        return cwd

    @cached_property
    def declared_workdir(self) -> str | None:
        """The other meaning: the WORKDIR the Dockerfile itself writes at the end of the stage (the base image's
        is not counted; build arguments at their defaults, as the author meant them), or None when it sets
        none or one cannot be resolved. The non-root pass asks it for the app's own directory."""
        wd: str | None = None
        for ins in self.lineage_instructions:
            if ins.name == "WORKDIR" and ins.words:
                value = model_of(self.doc.stages[ins.stage_index]).resolve(ins.args.strip())
                if value is None:
                    return None
                wd = posixpath.normpath(posixpath.join(wd or "/", value.strip('"')))
        return wd

    @cached_property
    def users(self) -> list[tuple[Instruction, str | None]]:
        """Every ``USER`` of the lineage with its value resolved (None: from an argument with no default)."""
        return [(ins, model_of(self.doc.stages[ins.stage_index]).resolve(ins.words[0].value))
                for ins in self.lineage_instructions if ins.name == "USER" and ins.words]

    def user_at(self, before: Instruction | None = None) -> str | None:
        """The USER in effect just before ``before`` as written-and-resolved; None for the image's default."""
        value: str | None = None
        for ins, resolved in self.users:
            if before is not None and ins.start >= before.start and ins.stage_index == before.stage_index:
                break
            value = resolved
        return value

    # -- packages and copies ---------------------------------------------------------------------------

    @cached_property
    def installed_packages(self) -> set[str]:
        return kept_packages(self.stage)[0]

    @cached_property
    def copied_from(self) -> list[tuple[Instruction, str, Stage | None]]:
        """``COPY/ADD --from=X`` of this stage: the instruction, ``X`` as written, and the stage it names."""
        out: list[tuple[Instruction, str, Stage | None]] = []
        for ins in self.stage.body():
            flag = ins.flag("from") if ins.name in ("COPY", "ADD") else None
            if flag is not None and flag.value:
                out.append((ins, flag.value, self.doc.stage(flag.value, before=self.stage.index)))
        return out

    @cached_property
    def copied_out(self) -> list[Instruction]:
        """``COPY --from`` instructions of later stages that take files out of this stage."""
        return [ins for s in self.doc.stages[self.stage.index + 1:] for ins, _, src in model_of(s).copied_from
                if src is self.stage]

    @cached_property
    def descendants(self) -> list[Stage]:
        return descendants(self.doc, self.stage)

    # -- what runs ---------------------------------------------------------------------------------------

    @cached_property
    def start_command(self) -> list[list[str]]:
        """The argv of the ENTRYPOINT and of the CMD in effect for the stage (inherited ones included), in
        that order; a new ENTRYPOINT resets an inherited CMD. Shell form gives its words."""
        entry: Instruction | None = None
        cmd: Instruction | None = None
        for ins in self.lineage_instructions:
            if ins.name == "ENTRYPOINT":
                entry, cmd = ins, None
            elif ins.name == "CMD":
                cmd = ins
        return [(ins.json_args if ins.is_json else [w.value for w in ins.words]) or []
                for ins in (entry, cmd) if ins is not None]

    @cached_property
    def start_programs(self) -> list[str]:
        """Base names of the programs the container starts (ENTRYPOINT first, then CMD), launchers skipped."""
        out: list[str] = []
        for argv in self.start_command:
            words = [part for a in argv for part in a.split()]
            while words and (words[0].rsplit("/", 1)[-1] in WRAPPERS or words[0].startswith("-")
                             or "=" in words[0]):
                words = words[1:]
            if words:
                out.append(words[0].rsplit("/", 1)[-1])
        return out

    @cached_property
    def start_words(self) -> list[str]:
        """Base names of every word of the ENTRYPOINT and CMD in effect (shell strings split)."""
        return [part.rsplit("/", 1)[-1] for argv in self.start_command for a in argv
                for part in re.split(r"[\s;&|()]+", a) if part]

    @cached_property
    def ports(self) -> list[Port]:
        """EXPOSE entries of the stage and the stages it builds on (inherited config), own stage first."""
        ports: list[Port] = []
        for s in self.stage.lineage():
            for ins in s.body():
                if ins.name != "EXPOSE":
                    continue
                for word in ins.words:
                    value = model_of(s).resolve(word.value)
                    m = _PORT.match(value.strip()) if value else None
                    if m:
                        ports.append(Port(int(m.group(1)), (m.group(3) or "tcp").lower(), word.value, ins))
                    else:
                        ports.append(Port(None, "tcp", word.value, ins))
        return ports

    @cached_property
    def extension_base_reason(self) -> str | None:
        """Why this Dockerfile builds a base image for other Dockerfiles (ONBUILD, official images), or None."""
        for ins in self.lineage_instructions:
            if ins.name == "ONBUILD":
                return f"ONBUILD at line {ins.lineno}: this is a base image meant to be extended"
        for prog in self.start_programs:
            if OFFICIAL_ENTRYPOINT.match(prog):
                return f"ENTRYPOINT {prog}: this builds an official base image meant to be extended"
        return None

    @cached_property
    def entry_point(self) -> tuple[Instruction, bool]:
        """Where runtime configuration goes: ``(instruction, before)``.

        Just before the first CMD/ENTRYPOINT that follows the stage's last RUN/COPY/ADD; after the stage's
        last instruction when there is none."""
        body = self.stage.body()
        last_build = max((k for k, ins in enumerate(body) if ins.name in ("RUN", "COPY", "ADD")), default=-1)
        for ins in body[last_build + 1:]:
            if ins.name in ("CMD", "ENTRYPOINT"):
                return ins, True
        return (body[-1] if body else self.stage.from_), False


def model_of(stage: Stage) -> StageModel:
    """The model of ``stage``, made once per parsed Document and kept on it (a weak-keyed cache would keep
    every Document alive: its models refer back to it)."""
    per_doc: dict[int, StageModel] = stage.doc.__dict__.setdefault("_stage_models", {})
    found = per_doc.get(stage.index)
    if found is None or found.stage is not stage:
        found = per_doc[stage.index] = StageModel(stage)
    return found


# -- walking the lineage with the ENV known at each instruction (also used by refactor.project) ----------


def walk(stage: Stage, before: Instruction | None) -> Iterator[tuple[Instruction, dict[str, str]]]:
    """Instructions of ``stage``'s lineage (root first) up to ``before``, with the ENV known at each."""
    env: dict[str, str] = {}
    for s in reversed(stage.lineage()):
        for ins in s.body():
            if before is not None and ins is before:
                return
            yield ins, env
            env = _after(ins, env)


def _after(ins: Instruction, env: dict[str, str]) -> dict[str, str]:
    """The ENV known after ``ins``: an ENV adds its values, an ARG makes its names unknown."""
    if ins.name == "ENV":
        return {**env, **_env_values(ins, env)}
    if ins.name == "ARG":  # a build argument can be overridden: its value is not known
        names = {w.value.partition("=")[0] for w in ins.words}
        return {k: v for k, v in env.items() if k not in names}
    return env


def _env_values(ins: Instruction, env: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    words = ins.words
    if words and "=" not in words[0].raw:
        rest = ins.args[len(words[0].raw):].strip()
        value = expand(rest, env)
        if value is not None:
            out[words[0].value] = value
        return out
    for w in words:
        name, eq, value = w.value.partition("=")
        if eq:
            v = expand(value, {**env, **out})
            if v is not None:
                out[name] = v
    return out


def join_path(cwd: str | None, raw: str, env: dict[str, str]) -> str | None:
    """``raw`` (variables expanded with ``env``) made absolute against ``cwd``; None when unknown."""
    value = expand(raw, env)
    if value is None or not value:
        return None
    if value.startswith("/"):
        return posixpath.normpath(value)
    if cwd is None:
        return None
    return posixpath.normpath(posixpath.join(cwd, value))
