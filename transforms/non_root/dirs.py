"""The directories the app writes — its WORKDIR, VOLUMEs, data directories an ENV or a start option names —
and the COPY/ADD whose files land there; system trees never count (``refactor.knowledge.filesystem``)."""

from __future__ import annotations

import posixpath
import shlex

from refactor.document import Instruction, Stage
from refactor.knowledge.filesystem import DATA_ENV, DIR_OPTION, SYSTEM_DIRS, SYSTEM_TREES, VOLUME_NEVER
from refactor.model import model_of


def inside(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def app_dir(workdir: str | None) -> str | None:
    """The WORKDIR when it is the app's own directory (not a system one)."""
    if not workdir or workdir in SYSTEM_DIRS or any(inside(workdir, t) for t in SYSTEM_TREES):
        return None
    return workdir


def _volume_dir(path: str) -> bool:
    """A VOLUME is the app's data (``/etc/hass``, ``/var/lib/app``) unless it is a system directory itself
    or lies in a tree of programs and kernel files."""
    return path not in SYSTEM_DIRS and not any(inside(path, t) for t in VOLUME_NEVER)


def copies_into(stage: Stage, directory: str, before: int) -> list[Instruction]:
    """The stage's COPY/ADD (before offset ``before``, without ``--chown``) whose destination is in
    ``directory``."""
    out: list[Instruction] = []
    m = model_of(stage)
    inherited = stage.parent
    wd = (model_of(inherited).declared_workdir if inherited else None) or "/"
    for ins in stage.body():
        if ins.start >= before:
            break
        if ins.name == "WORKDIR" and ins.words:
            value = m.resolve(ins.args.strip())
            wd = posixpath.normpath(posixpath.join(wd, value.strip('"'))) if value else wd
            continue
        if ins.name not in ("COPY", "ADD") or ins.flag("chown") or not ins.words:
            continue
        dest_raw = ins.json_args[-1] if ins.is_json and ins.json_args else ins.words[-1].value
        dest = m.resolve(dest_raw)
        if dest is None or len(ins.json_args or ins.words) < 2:
            continue
        if inside(posixpath.normpath(posixpath.join(wd, dest)), directory):
            out.append(ins)
    return out


def volumes(stage: Stage, before: int) -> list[str]:
    """Absolute VOLUME paths of the stage's lineage declared before ``before`` (app data lives there)."""
    out: list[str] = []
    for ins in model_of(stage).lineage_instructions:
        if ins.name != "VOLUME" or (ins.stage_index == stage.index and ins.start >= before):
            continue
        values = ins.json_args if ins.is_json else [w.value for w in ins.words]
        for v in values or []:
            path = model_of(stage.doc.stages[ins.stage_index]).resolve(v)
            if path and path.startswith("/") and _volume_dir(posixpath.normpath(path)):
                out.append(posixpath.normpath(path))
    return out


def _app_path(path: str | None) -> str | None:
    """``path`` normalised when it is a directory of the app's own (not a system tree), else None."""
    if not path or not path.startswith("/") or "$" in path:
        return None
    path = posixpath.normpath(path)
    if path in SYSTEM_DIRS or any(inside(path, t) for t in SYSTEM_TREES):
        return None
    return path


def named_dirs(stage: Stage) -> list[str]:
    """Directories the image names as the app's data: ``ENV DATA_DIR=/var/lib/x`` and ``--data-dir /x``
    style options of the ENTRYPOINT/CMD in effect (variables expanded)."""
    out: list[str] = []
    m = model_of(stage)
    for name, value in m.defaults.items():
        if DATA_ENV.search(name.upper()) and (path := _app_path(value.strip())):
            out.append(path)
    for argv in m.start_command:
        words = [part for a in argv for part in a.split()]
        for k, word in enumerate(words):
            option, eq, value = word.partition("=")
            if not DIR_OPTION.match(option):
                continue
            if not eq:
                value = words[k + 1] if k + 1 < len(words) else ""
            path = _app_path(m.resolve(value.strip("\"'")))
            if path:
                out.append(path)
    return out


def dir_commands(owner: str, app: str | None, dirs: list[str]) -> list[str]:
    """``mkdir -p`` for the directories no WORKDIR created (BuildKit does not create VOLUME paths) and one
    non-recursive ``chown`` of them all."""
    dirs = list(dict.fromkeys(d for d in dirs if d != app))
    cmds = [f"mkdir -p {' '.join(map(shlex.quote, dirs))}"] if dirs else []
    every = ([app] if app else []) + dirs
    if every:
        cmds.append(f"chown {owner} {' '.join(map(shlex.quote, every))}")
    return cmds
