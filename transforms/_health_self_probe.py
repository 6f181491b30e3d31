"""The health check of an image without a probe program: the service's own binary in its health mode.

``self_probe`` finds the program the image starts (ENTRYPOINT, else CMD; exec form; init shims skipped) and
either a known CLI with a health subcommand (``refactor.knowledge.health.CLI_HEALTH_COMMANDS``) or, when the file
builds Go, the health mode of the main package that program is built from (``transforms._health_go_source``).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from refactor import lazy_re
from refactor.document import Stage
from refactor.health_evidence import Evidence
from refactor.knowledge.health import CLI_HEALTH_COMMANDS
from refactor.knowledge.programs import INIT_SHIMS
from refactor.model import model_of
from transforms._health_go_source import Mode, main_packages, modes

_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "busybox"})
_GO_BUILD = lazy_re.compile(r"\bgo\s+(?:build|install)\b(?P<rest>[^;&|\n]*)")


@dataclass(frozen=True)
class SelfProbe:
    """The HEALTHCHECK argv and the evidence for it."""

    argv: tuple[str, ...]
    evidence: str


def started_program(stage: Stage) -> tuple[str, list[str]] | None:
    """The program the image starts and the arguments it gets (exec form only: a shell form needs a shell)."""
    entry = cmd = None
    for ins in model_of(stage).lineage_instructions:
        if ins.name == "ENTRYPOINT":
            entry, cmd = ins, None
        elif ins.name == "CMD":
            cmd = ins
    first = entry or cmd
    if first is None or not first.is_json or (cmd is not None and entry is not None and not cmd.is_json):
        return None
    words = list(first.json_args or []) + (list(cmd.json_args or []) if entry is not None and cmd else [])
    if words and posixpath.basename(words[0]) in INIT_SHIMS:
        words = words[1:]
        while words and words[0].startswith("-"):
            words = words[1:]
    if not words or not words[0] or posixpath.basename(words[0]) in _SHELLS:
        return None
    return words[0], words[1:]


def self_probe(stage: Stage, evidence: Evidence) -> SelfProbe | str | None:
    """The program's own health check, the reason it cannot be used (partial evidence), or None (no evidence)."""
    started = started_program(stage)
    if started is None:
        return None
    program, args = started
    name = posixpath.basename(program)
    if name in CLI_HEALTH_COMMANDS:
        return _known_cli(stage, program, args)
    mode = _go_mode(stage, evidence, name)
    if not isinstance(mode, Mode):
        return mode
    path = _as_run(stage, program)
    if path is None:
        return f"{mode.what} at {mode.where}, but {program} cannot be resolved against the WORKDIR"
    kept = args if mode.flag and _only_flags(args) else []
    return SelfProbe((path, *kept, *mode.args), f"{mode.what} at {mode.where}, {mode.exits}")


def _only_flags(args: list[str]) -> bool:
    """Every start argument is a flag or a flag's value (``-config /etc/app.yaml``): the health flag may join
    them, so the check runs with the same settings (listen address, config file) as the server."""
    return all(a.startswith("-") or (i > 0 and args[i - 1].startswith("-") and "=" not in args[i - 1])
               for i, a in enumerate(args))


def _known_cli(stage: Stage, program: str, args: list[str]) -> SelfProbe | str:
    name = posixpath.basename(program)
    sub, enabled, env, needs, again = CLI_HEALTH_COMMANDS[name]
    flag = next((a for a in args if enabled.fullmatch(a)), None)
    on_env = model_of(stage).env_at().get(env, "").lower() == "true"
    if flag is None and not on_env:
        return f"`{name} {' '.join(sub)}` is {name}'s health check, but {needs}"
    why = f"`{flag}` in the start command" if flag else f"{env}=true"
    return SelfProbe((program, *sub, *(args if again else [])),
                     f"{name}'s built-in `{name} {' '.join(sub)}` exits 1 when unhealthy, enabled by {why}")


def _go_mode(stage: Stage, evidence: Evidence, binary: str) -> Mode | str | None:
    """The health mode of the Go program named ``binary`` that this file builds, or why none can be used."""
    builds = [m.group("rest") for ins in stage.doc.instructions if ins.name == "RUN"
              for m in _GO_BUILD.finditer(ins.logical.text)]
    sources = evidence.sources
    if not builds or sources is None:
        return None
    found = modes(sources)
    if not found:
        return None
    mains = main_packages(sources)
    built = {w.removeprefix("./").rstrip("/") for rest in builds for w in rest.split() if not w.startswith("-")}
    named = [m for m in mains if posixpath.basename(m) == binary or m in built]
    pkg = mains[0] if len(mains) == 1 else named[0] if len(named) == 1 else None
    if pkg is None:
        return (f"the source has a health mode ({found[0].what} at {found[0].where}), but several Go programs "
                f"({', '.join(m or '.' for m in mains)}) and no way to tell which one {binary} is")
    mine = [m for m in found if m.package == pkg or (len(mains) == 1 and m.package not in mains)]
    usable = [m for m in mine if m.exits and not m.takes_value]
    if usable:
        return usable[0]
    if not mine:
        return None
    m = mine[0]
    if m.takes_value:
        return f"{m.where} defines {m.what}, which takes a value: write its HEALTHCHECK by hand"
    return (f"{m.where} defines {m.what}, but no os.Exit(1) or log.Fatal in its branch: cannot tell that it fails "
            "when the service is down; make it exit 1 on failure")


def _as_run(stage: Stage, program: str) -> str | None:
    """``program`` as the HEALTHCHECK must run it: a PATH name or absolute path as is, a relative one against the
    WORKDIR the container starts in."""
    if "/" not in program or program.startswith("/"):
        return program
    cwd = model_of(stage).workdir_at()
    return posixpath.normpath(posixpath.join(cwd, program)) if cwd else None
