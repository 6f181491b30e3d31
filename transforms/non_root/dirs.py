"""The directories the app writes — its WORKDIR (not recursively), VOLUMEs, data directories an ENV, a start
option or a RUN's ``mkdir`` names, its framework's writable subfolders, the folder of a SQLite database — and
the COPY/ADD that seed a volume; system trees never count (``refactor.knowledge.filesystem``). The app's code
stays root-owned: only these are handed to the user (``refactor.knowledge.writable_dirs``)."""

from __future__ import annotations

import posixpath
import shlex
from pathlib import Path
from typing import NamedTuple

from refactor.document import Instruction, Stage
from refactor.images import default_workdir
from refactor.knowledge.filesystem import DATA_ENV, DIR_OPTION, SYSTEM_DIRS, SYSTEM_TREES, VOLUME_NEVER
from refactor.knowledge.writable_dirs import (
    DATA_PATH_ENV,
    DJANGO_MARKER,
    DJANGO_MEDIA_ROOT,
    FRAMEWORK_DIRS,
    SQLITE_FILE,
    SQLITE_URL,
    STATE_DIR_NAMES,
)
from refactor.model import model_of
from refactor.project import image_origin
from refactor.shell import shell_of


class Owned(NamedTuple):
    """A path the user gets, and the evidence that the app writes there."""

    path: str
    why: str
    recursive: bool = False  # a framework folder that already holds files the app rewrites (tmp/cache/…)
    file: bool = False  # a SQLite database file the build copied in
    seeded: bool = False  # a VOLUME or named data dir: COPYs into it keep ``--chown`` (data, not code)


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


def _volume_entries(stage: Stage, before: int) -> list[tuple[str, Instruction]]:
    out: list[tuple[str, Instruction]] = []
    for ins in model_of(stage).lineage_instructions:
        if ins.name != "VOLUME" or (ins.stage_index == stage.index and ins.start >= before):
            continue
        values = ins.json_args if ins.is_json else [w.value for w in ins.words]
        for v in values or []:
            path = model_of(stage.doc.stages[ins.stage_index]).resolve(v)
            if path and path.startswith("/") and _volume_dir(posixpath.normpath(path)):
                out.append((posixpath.normpath(path), ins))
    return out


def volumes(stage: Stage, before: int) -> list[str]:
    """Absolute VOLUME paths of the stage's lineage declared before ``before`` (app data lives there)."""
    return [path for path, _ in _volume_entries(stage, before)]


def _app_path(path: str | None) -> str | None:
    """``path`` normalised when it is a directory of the app's own (not a system tree), else None."""
    if not path or not path.startswith("/") or "$" in path:
        return None
    path = posixpath.normpath(path)
    if path in SYSTEM_DIRS or any(inside(path, t) for t in SYSTEM_TREES):
        return None
    return path


def _named_entries(stage: Stage) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    m = model_of(stage)
    for name, value in m.defaults.items():
        if DATA_ENV.search(name.upper()) and (path := _app_path(value.strip())):
            out.append((path, f"ENV {name}"))
        elif DATA_PATH_ENV.search(name.upper()) and (path := _app_path(value.strip())):
            # ``LOG_PATH=/app/logs/app.log`` names a file: its folder is what the app writes
            folder = _app_path(posixpath.dirname(path)) if "." in posixpath.basename(path) else path
            if folder:
                out.append((folder, f"ENV {name}"))
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
                out.append((path, f"the start option {option}"))
    return out


def named_dirs(stage: Stage) -> list[str]:
    """Directories the image names as the app's data: ``ENV DATA_DIR=/var/lib/x`` and ``--data-dir /x``
    style options of the ENTRYPOINT/CMD in effect (variables expanded)."""
    return [path for path, _ in _named_entries(stage)]


def _made_state_dirs(stage: Stage) -> list[tuple[str, Instruction]]:
    """State directories (log/, data/, tmp/…) a RUN makes with ``mkdir``: made for the app to write. Relative
    paths count only before the script's first ``cd`` and under a WORKDIR that resolves."""
    out: list[tuple[str, Instruction]] = []
    m = model_of(stage)
    wd: str | None = default_workdir(stage.root_image())
    for ins in m.lineage_instructions:
        if ins.name == "WORKDIR" and ins.words:
            value = model_of(stage.doc.stages[ins.stage_index]).resolve(ins.args.strip())
            value = value.strip('"') if value else None
            # an absolute WORKDIR is known again after one that did not resolve
            known = value and (wd or value.startswith("/"))
            wd = posixpath.normpath(posixpath.join(wd or "/", value)) if known else None
            continue
        script = shell_of(ins) if ins.name == "RUN" else None
        cwd = wd
        for cmd in script.commands if script else []:
            if cmd.name in ("cd", "pushd"):
                cwd = None
            if cmd.name != "mkdir":
                continue
            for arg in cmd.argv[1:]:
                if arg.startswith("-") or "$" in arg or "{" in arg or (cwd is None and not arg.startswith("/")):
                    continue
                path = _app_path(posixpath.join(cwd or "/", arg))
                if path and posixpath.basename(path) in STATE_DIR_NAMES:
                    out.append((path, ins))
    return out


def _read(path: Path | None) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[:200_000] if path and path.is_file() else ""
    except OSError:
        return ""


def _framework_dirs(stage: Stage, app: str, context: Path) -> list[Owned]:
    """The writable subfolders of the framework whose manifest the build copies into the app's directory."""
    out: list[Owned] = []
    for fw in FRAMEWORK_DIRS:
        origin = image_origin(stage, posixpath.join(app, fw.marker), context)
        if origin.kind == "context" and fw.pattern.search(_read(origin.path)):
            why = f"{fw.name}, named in {fw.marker}"
            out += [Owned(posixpath.join(app, d), why, recursive=True) for d in fw.dirs]
    manage = image_origin(stage, posixpath.join(app, DJANGO_MARKER), context)
    if manage.kind == "context" and manage.path is not None and manage.path.is_file():
        base = manage.path.parent
        settings = sorted([*base.glob("*/settings.py"), *base.glob("*/settings/*.py")])[:20]
        for path in settings:
            hit = DJANGO_MEDIA_ROOT.search(_read(path))
            if hit:
                rel, absolute = hit.group(1) or hit.group(2), hit.group(3)
                media = _app_path(absolute or posixpath.join(app, rel))
                if media:
                    out.append(Owned(media, f"Django: MEDIA_ROOT in {path.relative_to(base).as_posix()}"))
                break
    return out


def _sqlite_paths(stage: Stage, app: str | None) -> list[tuple[str, str]]:
    """SQLite database files an ENV or the start command names (absolute, or relative to the app dir)."""
    m = model_of(stage)
    found: list[tuple[str, str]] = []
    for name, value in m.defaults.items():
        value = value.strip()
        url = SQLITE_URL.match(value)
        if url:
            found.append((url.group(1), f"ENV {name}"))
        elif (DATA_PATH_ENV.search(name.upper()) or name.upper().endswith(("_DB", "_FILE"))) and \
                SQLITE_FILE.match(value):
            found.append((value, f"ENV {name}"))
    words = [part for argv in m.start_command for a in argv for part in a.split()]
    for word in words[1:]:  # not the program itself
        value = (word.partition("=")[2] if word.startswith("-") else word).strip("\"'")
        if SQLITE_FILE.match(value):
            found.append((value, "the start command"))
    out: list[tuple[str, str]] = []
    for path, why in found:
        if not path.startswith("/"):
            if app is None:
                continue
            path = posixpath.join(app, path)
        out.append((posixpath.normpath(path), why))
    return out


def owned_dirs(stage: Stage, before: int, context: Path | None) -> list[Owned]:
    """Everything the user gets, each path once (first evidence wins), the WORKDIR first."""
    app = app_dir(model_of(stage).declared_workdir)
    out: list[Owned] = [Owned(app, "WORKDIR")] if app else []
    out += [Owned(p, f"VOLUME, line {ins.lineno}", seeded=True) for p, ins in _volume_entries(stage, before)]
    out += [Owned(p, why, seeded=True) for p, why in _named_entries(stage)]
    out += [Owned(p, f"made by line {ins.lineno}") for p, ins in _made_state_dirs(stage)]
    if app and context is not None:
        out += _framework_dirs(stage, app, context)
    for path, why in _sqlite_paths(stage, app):
        folder = _app_path(posixpath.dirname(path))
        if folder:
            out.append(Owned(folder, f"SQLite database {posixpath.basename(path)} in {why}"))
        if app and context is not None and image_origin(stage, path, context).kind == "context":
            out.append(Owned(path, f"SQLite database copied in, named in {why}", file=True))
    seen: dict[str, Owned] = {}
    for o in out:
        seen.setdefault(o.path, o)
    return list(seen.values())


def seeding_copies(stage: Stage, owned: list[Owned], before: int) -> list[Instruction]:
    """The COPY/ADD whose files land in a VOLUME or named data dir: the app's data, which keeps ``--chown``."""
    copies: list[Instruction] = []
    for o in owned:
        if o.seeded:
            copies += [c for c in copies_into(stage, o.path, before) if c not in copies]
    return sorted(copies, key=lambda c: c.start)


def dir_commands(owner: str, owned: list[Owned]) -> list[str]:
    """``mkdir -p`` for the directories no WORKDIR created (BuildKit does not create VOLUME paths), one
    non-recursive ``chown`` of them all and one ``chown -R`` of the framework folders that hold files."""
    wd = owned[0].path if owned and owned[0].why == "WORKDIR" else None
    made = [o.path for o in owned if not o.file and o.path != wd]
    cmds = [f"mkdir -p {' '.join(map(shlex.quote, made))}"] if made else []
    flat = [o.path for o in owned if not o.recursive]
    if flat:
        cmds.append(f"chown {owner} {' '.join(map(shlex.quote, flat))}")
    deep = [o.path for o in owned if o.recursive]
    if deep:
        cmds.append(f"chown -R {owner} {' '.join(map(shlex.quote, deep))}")
    return cmds


def describe(owned: list[Owned]) -> str:
    """``/app (WORKDIR), /app/log /app/tmp (Rails, named in Gemfile)``: each group of paths with its evidence."""
    groups: list[tuple[str, list[str]]] = []
    for o in owned:
        if groups and groups[-1][0] == o.why:
            groups[-1][1].append(o.path)
        else:
            groups.append((o.why, [o.path]))
    return ", ".join(f"{' '.join(paths)} ({why})" for why, paths in groups)
