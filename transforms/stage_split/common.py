"""What every planner asks: the runtime packages, the files the start command names, the folders the build copies
in, and a file of the build context."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from refactor.document import Instruction
from refactor.knowledge.packages import cxx_runtime_for, is_build_only, package_name, runtime_for
from refactor.project import image_origin
from transforms.stage_split.subject import Subject

# Programs a HEALTHCHECK or start command may call that full Debian images ship and slim ones do not.
PROBE_TOOLS = ("curl", "wget")


def runtime_packages(s: Subject, toolchain: frozenset[str], keep_python: bool = True) -> list[str]:
    """Packages the stage installs and keeps that the program may use at run time: everything but build-only
    packages and the ecosystem's toolchain, plus the runtime library of each ``-dev`` package and, on Alpine, the
    C++ runtime a C++ compiler leaves behind (knowledge/packages.py)."""
    out: list[str] = []
    for spec in sorted(s.model.installed_packages):
        name = package_name(spec)
        if name in toolchain:
            continue
        if is_build_only(spec, s.family):
            extra = [runtime_for(spec, s.family), cxx_runtime_for(spec, s.family)]
            out += [e for e in extra if e and (keep_python or e != "python3")]
            continue
        out.append(spec)
    return list(dict.fromkeys(p for p in out if p not in toolchain))


def probe_tools(s: Subject) -> list[str]:
    """``curl``/``wget`` that the HEALTHCHECK or the start command runs."""
    words: list[str] = list(s.start_words)
    for ins in s.stage.body():
        if ins.name == "HEALTHCHECK":
            words += re.split(r"[\s\"',\[\]]+", ins.args)
    names = {w.rsplit("/", 1)[-1] for w in words}
    return [t for t in PROBE_TOOLS if t in names]


def start_paths(s: Subject) -> list[str]:
    """Absolute paths the start command names (programs, scripts, config files), relative ones against the
    runtime WORKDIR."""
    cwd = s.model.workdir_at(None) or "/"
    out: list[str] = []
    for argv in s.start_argvs:
        for word in argv:
            for part in word.split():
                part = part.split("=", 1)[-1]
                if part.startswith("/") or part.startswith("./") or ("/" in part and not part.startswith("-")) \
                        or re.search(r"\.(sh|py|js|mjs|cjs|json|ya?ml|toml|conf|ini|env)$", part):
                    if "$" in part or "://" in part:
                        continue
                    out.append(posixpath.normpath(posixpath.join(cwd, part)))
    return list(dict.fromkeys(out))


def copy_destinations(s: Subject, instructions: list[Instruction]) -> list[tuple[Instruction, str | None]]:
    """Where each COPY/ADD from the build context (not ``--from``) writes, absolute; None when unknown
    (a variable, several sources into a folder whose names cannot be listed)."""
    out: list[tuple[Instruction, str | None]] = []
    for ins in instructions:
        if ins.name not in ("COPY", "ADD") or ins.flag("from") is not None:
            continue
        words = ins.json_args if ins.is_json else [w.value for w in ins.words]
        if not words or len(words) < 2 or ins.heredocs:
            out.append((ins, None))
            continue
        dest = words[-1]
        cwd = s.model.workdir_at(ins) or "/"
        if "$" in dest:
            out.append((ins, None))
            continue
        base = posixpath.normpath(posixpath.join(cwd, dest))
        sources = words[:-1]
        if len(sources) == 1 and not dest.endswith("/") and not any(c in sources[0] for c in "*?["):
            out.append((ins, base))
        elif all(not any(c in src for c in "*?[$") and src not in (".", "./") and not src.endswith("/")
                 and "://" not in src for src in sources):
            out += [(ins, posixpath.join(base, posixpath.basename(src))) for src in sources]
        else:
            out.append((ins, base if dest.endswith("/") or len(sources) > 1 else None))
    return out


def inside(path: str, folder: str) -> bool:
    return folder == "/" or path == folder or path.startswith(folder.rstrip("/") + "/")


def context_file(s: Subject, image_path: str, before: Instruction | None) -> Path | None:
    """The build-context file that lands at ``image_path`` before ``before`` (None: the end of the stage), when it
    can be seen."""
    if s.context_dir is None:
        return None
    origin = image_origin(s.stage, image_path, s.context_dir, before)
    if origin.kind != "context" or origin.path is None:
        return None
    return origin.path if origin.path.is_file() else None


def context_folder(s: Subject, image_path: str, before: Instruction) -> Path | None:
    if s.context_dir is None:
        return None
    origin = image_origin(s.stage, image_path, s.context_dir, before)
    if origin.kind != "context" or origin.path is None or not origin.path.is_dir():
        return None
    return origin.path


def moved_to(s: Subject, artifact: str) -> str:
    """Where a later ``cp``/``mv``/``install`` of the build puts ``artifact`` (``cp target/release/app
    /usr/local/bin/``), else ``artifact``."""
    path = artifact
    for c in s.commands_of(s.builder_part):
        if c.tool not in ("cp", "mv", "install"):
            continue
        args = [a for a in c.argv[1:] if not a.startswith("-")]
        if len(args) != 2:
            continue
        src, dest = (s.absolute(c, a) for a in args)
        if src != path or dest is None:
            continue
        path = posixpath.join(dest, posixpath.basename(src)) if args[1].endswith("/") or dest in (
            "/usr/local/bin", "/usr/bin", "/bin", "/app", "/") else dest
    return path
