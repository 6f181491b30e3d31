"""Whether what a stage writes can reach an image someone runs (the cache a RUN leaves behind, say).

A stage's own files ship when the stage may itself be the image: it is the last stage, or no later stage
builds FROM it, copies out of it or mounts it (a leaf such as ``development`` may be a ``--target``).
Otherwise they ship only through a stage built FROM it that ships, a ``COPY --from`` whose source path
contains them, or a ``RUN --mount=from=`` (which may copy anything). ``COPY --from`` resolves a relative
source against the source stage's root, not its WORKDIR (docker build; buildah follows it since
openshift/imagebuilder#215).

Example: in ``FROM node:20 AS build … RUN npm ci && npm run build`` followed by ``FROM nginx`` +
``COPY --from=build /app/dist /usr/share/nginx/html``, npm's cache under ``/root/.npm`` never reaches the
nginx image, so a fix that only removes that cache changes nothing that ships.
"""

from __future__ import annotations

import posixpath

from refactor.document import Instruction, Stage
from refactor.model import model_of
from refactor.stages import mounts


def narrow_copy_reason(stage: Stage, paths: tuple[str, ...]) -> str | None:
    """Why files under ``paths`` (absolute) written in ``stage`` cannot reach a shipped image, or ``None``
    when they may (or when it cannot be told)."""
    doc = stage.doc
    later = doc.stages[stage.index + 1:]
    if not later or stage is doc.final_stage:
        return None
    if any(s.parent is stage for s in later):
        return None  # a stage built FROM this one inherits its files
    if any(_mounts(ins, stage) for s in later for ins in s.body() if ins.name == "RUN"):
        return None
    copies = model_of(stage).copied_out
    if not copies:
        return None  # nothing takes files out of it: it may be a --target of its own
    sources: list[str] = []
    for ins in copies:
        got = _sources(ins)
        if got is None:
            return None
        for src in got:
            if any(_covers(src, path) for path in paths):
                return None
        sources += got
    label = f"stage {stage.name}" if stage.name else f"stage {stage.index}"
    return f"{label}: only {', '.join(dict.fromkeys(sources))} is copied out of it"


def _sources(ins: Instruction) -> list[str] | None:
    """The absolute source paths of a ``COPY --from``; ``None`` when one has a variable or a glob."""
    args = ins.json_args if ins.is_json and ins.json_args else [w.value for w in ins.words]
    if args is None or len(args) < 2:
        return None
    out: list[str] = []
    for raw in args[:-1]:
        if any(c in raw for c in "$*?[{"):
            return None
        out.append(posixpath.normpath(posixpath.join("/", raw)))
    return out


def _covers(src: str, path: str) -> bool:
    """``src`` holds ``path`` (or is below it: a copy of part of the folder still carries part of it)."""
    src, path = src.rstrip("/") or "/", path.rstrip("/") or "/"
    return "/" in (src, path) or path == src or path.startswith(src + "/") or src.startswith(path + "/")


def _named_before(stage: Stage, ins: Instruction) -> set[str]:
    """Names an ENV or ARG of the stage's lineage declares before ``ins``."""
    names: set[str] = set()
    for i in model_of(stage).lineage_instructions:
        if i.stage_index == ins.stage_index and i.start >= ins.start:
            break
        if i.name in ("ENV", "ARG"):
            names |= {w.value.partition("=")[0] for w in i.words}
    return names


def _mounts(ins: Instruction, stage: Stage) -> bool:
    """``ins`` mounts ``stage`` (``RUN --mount=from=stage,…``)."""
    return any(f.get("from") and ins.doc.stage(f["from"], before=ins.stage_index) is stage for f in mounts(ins))


# Variables that move a package manager's cache: a value set by ENV is a cache location too.
CACHE_ENV = ("HOME", "XDG_CACHE_HOME", "npm_config_cache", "NPM_CONFIG_CACHE", "YARN_CACHE_FOLDER",
             "PIP_CACHE_DIR", "PNPM_HOME")


def cache_never_ships(ins: Instruction, cache_dirs: tuple[str, ...]) -> str | None:
    """Why a download cache a RUN leaves (in ``cache_dirs``, root's locations) cannot reach a shipped image,
    or ``None``. A RUN as another user, or with a cache variable set by ENV, also caches under /home or
    that variable's value."""
    if not 0 <= ins.stage_index < len(ins.doc.stages):
        return None  # no FROM: nothing to reason about
    stage = ins.doc.stages[ins.stage_index]
    m = model_of(stage)
    env = m.env_at(ins)
    paths = list(cache_dirs)
    for name in CACHE_ENV:
        if name in env:
            if not env[name].startswith("/"):
                return None
            paths.append(env[name])
        elif name in _named_before(stage, ins):
            return None  # set to a value that is not known here (a build argument, say)
    user = m.user_at(ins)
    if user not in (None, "", "root", "0", "0:0", "root:root"):
        paths.append("/home")
    reason = narrow_copy_reason(stage, tuple(paths))
    return None if reason is None else f"{reason}; the cache never reaches the image that runs"
