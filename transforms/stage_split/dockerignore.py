"""Whether the build context's ``.dockerignore`` leaves a path out of the context.

BuildKit reads ``<Dockerfile name>.dockerignore`` beside the Dockerfile when there is one, else ``.dockerignore``
at the context root (docs.docker.com/build/concepts/context/#dockerignore-files). Each line is a pattern in Go's
``filepath.Match`` syntax with ``**`` for any number of folders, cleaned and without a leading ``/``; ``!`` makes
an exception, and the last pattern that matches a path (or one of its parent folders) decides
(github.com/moby/patternmatcher).
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path


def _regex(pattern: str) -> re.Pattern[str]:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            close = pattern.find("]", i + 1)
            if close < 0:
                out.append(re.escape(ch))
            else:
                body = pattern[i + 1:close]
                out.append("[" + ("^" + body[1:] if body.startswith("^") else body) + "]")
                i = close
        elif ch == "\\" and i + 1 < len(pattern):
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out))


@lru_cache(maxsize=256)
def _patterns(path: Path, _mtime: float) -> tuple[tuple[bool, re.Pattern[str]], ...]:
    out: list[tuple[bool, re.Pattern[str]]] = []
    for line in path.read_text(errors="replace").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        line = posixpath.normpath(line.lstrip("!").strip()).lstrip("/")
        if line and line != ".":
            try:
                out.append((exception, _regex(line)))
            except re.error:  # a class Go would reject too ([z-a]): BuildKit fails on it; match nothing
                continue
    return tuple(out)


def ignore_file(context: Path, dockerfile: Path | None) -> Path | None:
    """The ignore file BuildKit uses for ``dockerfile`` built with ``context``, if any."""
    if dockerfile is not None:
        own = dockerfile.with_name(dockerfile.name + ".dockerignore")
        if own.is_file():
            return own
    found = context / ".dockerignore"
    return found if found.is_file() else None


def ignored(context: Path, dockerfile: Path | None, rel: str) -> bool:
    """True when the context path ``rel`` (relative, ``/``-separated) is left out of the build context."""
    source = ignore_file(context, dockerfile)
    if source is None:
        return False
    patterns = _patterns(source, source.stat().st_mtime)
    parts = posixpath.normpath(rel).split("/")
    candidates = ["/".join(parts[:k]) for k in range(1, len(parts) + 1)]
    verdict = False
    for exception, regex in patterns:
        if any(regex.fullmatch(c) for c in candidates):
            verdict = not exception
    return verdict
