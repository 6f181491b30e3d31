"""Finding Dockerfiles under the paths a user gives, with one-line errors for what cannot be read."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PATTERNS = ("Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile", "Containerfile", "Containerfile.*")
SKIP_DIRS = frozenset({".git", "node_modules", ".hg", ".svn", ".venv", "__pycache__"})


@dataclass(frozen=True)
class Found:
    path: Path
    error: str | None = None


def is_dockerfile(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in PATTERNS)


class _GitIgnore:
    """``.gitignore`` rules of every folder walked, matched with pathspec's gitignore semantics."""

    def __init__(self) -> None:
        self._specs: list[tuple[Path, object]] = []

    def enter(self, folder: Path) -> None:
        ignore = folder / ".gitignore"
        if ignore.is_file():
            import pathspec

            try:
                lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                return
            self._specs.append((folder, pathspec.GitIgnoreSpec.from_lines(lines)))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for base, spec in self._specs:
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(rel + ("/" if is_dir else "")):  # type: ignore[attr-defined]
                return True
        return False


def discover(paths: list[str]) -> Iterator[Found]:
    """Every Dockerfile under ``paths`` (files are taken as given), and an error per unusable path."""
    for raw in paths:
        path = Path(raw)
        try:
            path.stat()
        except FileNotFoundError:
            yield Found(path, "no such file or directory")
            continue
        except OSError as exc:
            yield Found(path, _reason(exc))
            continue
        if path.is_dir():
            yield from _walk(path)
        else:
            yield Found(path)


def _walk(root: Path) -> Iterator[Found]:
    ignore = _GitIgnore()
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            yield Found(folder, _reason(exc))
            continue
        if (st.st_dev, st.st_ino) in seen:
            target, above = folder.resolve(), folder.parent.resolve()
            if folder.is_symlink() and (target == above or target in above.parents):
                yield Found(folder, "symlink loop: links back to a folder above it")
            continue  # another path to a folder already walked
        seen.add((st.st_dev, st.st_ino))
        ignore.enter(folder)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield Found(folder, _reason(exc))
            continue
        subdirs = []
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError as exc:
                yield Found(path, _reason(exc))
                continue
            if entry.is_symlink():
                try:
                    path.stat()
                except OSError as exc:
                    if is_dockerfile(entry.name) or exc.errno == 40:
                        yield Found(path, _reason(exc))
                    continue
            if is_dir:
                if entry.name not in SKIP_DIRS and not ignore.ignored(path, True):
                    subdirs.append(path)
            elif is_dockerfile(entry.name) and not ignore.ignored(path, False):
                yield Found(path)
        stack.extend(reversed(subdirs))


def _reason(exc: OSError) -> str:
    if exc.errno == 40:
        return "symlink loop"
    return (exc.strerror or str(exc)).lower()
