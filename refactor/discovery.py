"""Finding Dockerfiles under the paths a user gives, with one-line errors for what cannot be read.

Inside a git work tree, git decides what is ignored (``git ls-files -co --exclude-standard``: every
``.gitignore`` above and below, ``.git/info/exclude``, ``core.excludesFile``); elsewhere a walk applies the
``.gitignore`` files it meets. A file named on the command line is always taken as given.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

# BuildKit's and Podman's conventional names (docker build -f takes any name; these are the ones people use).
PATTERNS = ("Dockerfile", "dockerfile", "Dockerfile.*", "Dockerfile-*", "dockerfile.*", "*.Dockerfile",
            "*.dockerfile", "Containerfile", "containerfile", "Containerfile.*", "Containerfile-*",
            "*.Containerfile", "*.containerfile")
# Names that match a pattern but are not Dockerfiles: BuildKit's per-Dockerfile ignore file
# (``Dockerfile.dockerignore``, docs.docker.com/build/concepts/context/#filename-and-location), docs, archives
# and templates that a generator renders first (they are not valid input until rendered).
NOT_DOCKERFILE_SUFFIXES = (".dockerignore", ".md", ".markdown", ".rst", ".txt", ".gz", ".tgz", ".bz2", ".xz",
                           ".zst", ".zip", ".tar", ".j2", ".jinja", ".jinja2", ".tpl", ".template", ".tmpl",
                           ".erb", ".mustache", ".hbs", ".swp", ".orig", ".rej")
SKIP_DIRS = frozenset({".git", "node_modules", ".hg", ".svn", ".venv", "__pycache__"})


@dataclass(frozen=True)
class Found:
    path: Path
    error: str | None = None


@lru_cache(maxsize=1024)  # the evidence scans ask it of every file name of every folder they walk
def is_dockerfile(name: str) -> bool:
    """Whether a file of this name is found in a folder (a file named on the command line always is)."""
    if name.lower().endswith(NOT_DOCKERFILE_SUFFIXES):
        return False
    return _name_pattern().match(name) is not None


@cache
def _name_pattern() -> re.Pattern[str]:
    """``PATTERNS`` as one expression: it matches where ``fnmatch.fnmatchcase`` matches one of them."""
    return re.compile("|".join(fnmatch.translate(p) for p in PATTERNS))


@lru_cache(maxsize=256)
def repo_root(folder: Path) -> Path | None:
    """The top of the git work tree holding ``folder`` (an absolute, resolved path), or None."""
    for d in (folder, *folder.parents):
        if (d / ".git").exists():  # a folder, or a file in worktrees and submodules
            return d
    return None


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
    """Every Dockerfile under ``paths`` (files are taken as given), and an error per unusable path.

    A file reached twice (a symlink and its target, or two symlinks) is reported once, under its target.
    """
    seen: set[str] = set()
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
            yield from _once(_folder(path), seen)
        else:
            yield _target(path)


def _once(found: Iterable[Found], seen: set[str]) -> Iterator[Found]:
    for f in found:
        if f.error is None:
            key = os.path.realpath(f.path)
            if key in seen:
                continue
            seen.add(key)
            f = _target(f.path)
        yield f


def _target(path: Path) -> Found:
    """A symlinked file as the file it points to (relative if ``path`` was), so it is named once."""
    if not path.is_symlink():
        return Found(path)
    real = os.path.realpath(path)
    return Found(Path(real if path.is_absolute() else os.path.relpath(real)))


def _folder(root: Path) -> Iterator[Found]:
    top = repo_root(root.resolve())
    listed = _git_listed(root) if top is not None else None
    if listed is None or (not listed and _git_ignored(root)):  # a folder named although git ignores it
        yield from _walk(root)
        return
    for rel in sorted(listed, key=_walk_order):
        parts = rel.split("/")
        if any(p in SKIP_DIRS for p in parts):
            continue
        path = root / rel
        if rel.endswith("/") or (path.is_dir() and not path.is_symlink()):  # a nested repository or submodule
            yield from _walk(path) if repo_root(path.resolve()) in (None, top) else _folder(path)
            continue
        if not is_dockerfile(parts[-1]) or path.is_dir():  # git lists a symlinked folder as a file; not followed
            continue
        try:
            path.stat()
        except FileNotFoundError:
            if path.is_symlink():
                yield Found(path, "no such file or directory")
            continue  # tracked but deleted in the work tree: nothing to rewrite
        except OSError as exc:
            yield Found(path, _reason(exc))
            continue
        yield Found(path)


def _walk_order(rel: str) -> list[tuple[int, str]]:
    """The order of ``_walk``: a folder's files by name, then its subfolders by name, depth first."""
    parts = rel.rstrip("/").split("/")
    return [(1, p) for p in parts[:-1]] + [(1 if rel.endswith("/") else 0, parts[-1])]


def _git_listed(root: Path) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files under ``root``, relative to it; None when git cannot say."""
    import subprocess  # here, not at the top: only folder walks ask git

    try:
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard", "--deduplicate", "--", "."],
                             capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None  # no git: the walk applies .gitignore files itself
    if out.returncode != 0:
        return None  # e.g. a repository git refuses (safe.directory): the walk is the best we can do
    return list(dict.fromkeys(os.fsdecode(p) for p in out.stdout.split(b"\0") if p))


def _git_ignored(folder: Path) -> bool:
    import subprocess

    try:
        return subprocess.run(["git", "-C", str(folder), "check-ignore", "-q", "."], capture_output=True,
                              timeout=60, check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


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


def shown(path: Path) -> str:
    """A relative, forward-slash path where possible (relative to the current folder), as text output shows it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = str(path)
    if rel.startswith(".."):
        return path.as_posix()
    return Path(rel).as_posix()


def repo_path(path: Path) -> str:
    """``path`` as ``git diff`` names it — relative to the top of its git work tree, so a patch applies from any
    folder of the checkout — or, outside a work tree, as ``shown``."""
    real = Path(os.path.realpath(path))
    top = repo_root(real.parent)
    if top is None:
        return shown(path)
    return real.relative_to(top).as_posix()
