"""What the files beside a Dockerfile say about how its image runs: compose services that build it (their
volumes) and the README's ``docker run`` line. Rules are ``(find, message)`` like ``skips.SKIP_RULES``;
``find(stage, dockerfile, project)`` returns the evidence or None."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from refactor import lazy_re
from refactor.document import Stage
from refactor.knowledge.programs import DOCKER_SOCKET
from refactor.model import model_of
from refactor.project import COMPOSE_NAMES, Project
from transforms.non_root.dirs import inside

# ``-v ~/.halo:/root/.halo`` or ``--volume x:/root/…`` in the run instructions of a README.
_ROOT_MOUNT = lazy_re.compile(r"(-v|--volume|--mount)[ =]\S*:/root/")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[:200_000]
    except OSError:
        return None


def _socket_beside(stage: Stage, path: Path, project: Project | None) -> str | None:
    """A compose file or README beside the Dockerfile that mounts or documents the Docker socket."""
    folder = path.parent
    names = [*COMPOSE_NAMES, *(p.name for p in sorted(folder.glob("*compose*.y*ml"))), "README.md", "README"]
    return next((name for name in dict.fromkeys(names) if DOCKER_SOCKET in (_read(folder / name) or "")), None)


def _readme_root_mount(stage: Stage, path: Path, project: Project | None) -> str | None:
    return next((name for name in ("README.md", "README") if _ROOT_MOUNT.search(_read(path.parent / name) or "")),
                None)


def _compose_services(path: Path, project: Project | None) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``(compose file, service, spec)`` of the services that build ``path``, from compose files in its folder
    and up to two folders above it (``compose.yaml`` at a project's root, ``backend/Dockerfile``)."""
    folders = [path.parent, *list(path.parent.parents)[:2]]
    for compose in sorted({c for f in folders for c in (*f.glob("*compose*.yaml"), *f.glob("*compose*.yml"))}):
        folder = compose.parent
        data = project.load(compose) if project is not None else Project().load(compose)
        services = data.get("services") if isinstance(data, dict) else None
        for name, spec in (services or {}).items() if isinstance(services, dict) else ():
            build = spec.get("build") if isinstance(spec, dict) else None
            spec_of = build if isinstance(build, dict) else {"context": build, "dockerfile": "Dockerfile"}
            context, dockerfile = spec_of.get("context", "."), spec_of.get("dockerfile", "Dockerfile")
            if not isinstance(context, str) or not isinstance(dockerfile, str) or "$" in context + dockerfile:
                continue
            if (folder / context / dockerfile).resolve() == path.resolve():
                yield os.path.relpath(compose, path.parent), str(name), spec


def _compose_volume(stage: Stage, path: Path, project: Project | None) -> str | None:
    """A compose service building this file that mounts a volume under /root (the app's data in root's home,
    ``~/.halo`` of a Java app's ``user.home``), or bind-mounts a project folder (``.:/app``) onto the app's
    directory: a development setup, whose files belong to the host user."""
    workdir = model_of(stage).declared_workdir or ""
    for compose, service, spec in _compose_services(path, project):
        for volume in spec.get("volumes") or []:
            if isinstance(volume, dict):
                source, target = str(volume.get("source", "")), str(volume.get("target", ""))
            else:
                source, _, rest = str(volume).partition(":")
                target = rest.split(":", 1)[0]
            if inside(posixpath.normpath(target or "."), "/root"):
                return (f"{compose} mounts {source or 'a volume'} onto {target} for {service}: the app keeps its data "
                        "in root's home, which a non-root user cannot enter; move it (and HOME) first")
            if workdir and source.startswith(".") and target.startswith("/") and \
                    (inside(posixpath.normpath(target), workdir) or inside(workdir, posixpath.normpath(target))):
                return (f"{compose} bind-mounts {source} onto {target} for {service}: a development setup whose "
                        "files belong to the host user; set USER (or user:) there by hand")
    return None


BesideRule = tuple[Callable[[Stage, Path, Project | None], Any], Callable[[Any], str]]

BESIDE_RULES: tuple[BesideRule, ...] = (
    (_socket_beside, lambda name: f"{name} beside the Dockerfile mounts or documents the Docker socket "
                                  f"({DOCKER_SOCKET}): talking to the daemon needs root or the docker group"),
    (_readme_root_mount, lambda name: f"{name} beside the Dockerfile mounts the app's data under /root (docker run "
                                      "-v …:/root/…): a non-root user cannot enter root's home; move the data (and "
                                      "HOME) first"),
    (_compose_volume, lambda why: why),
)


def beside_reason(stage: Stage, path: Path, project: Project | None) -> str | None:
    """Why the files beside the Dockerfile say a non-root user would break the image, or None."""
    for find, message in BESIDE_RULES:
        evidence = find(stage, path, project)
        if evidence is not None:
            return message(evidence)
    return None
