"""The project around a Dockerfile: its build context and manifests, each file loaded once per run."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


class Project:
    """A cache of manifests shared by every file of one run (a monorepo loads each manifest once)."""

    def __init__(self) -> None:
        self._cache: dict[Path, Any] = {}

    def load(self, path: Path) -> Any:
        """Parsed JSON or YAML at ``path`` (None when absent or unreadable), cached by real path."""
        key = path.resolve()
        if key not in self._cache:
            self._cache[key] = _load(key)
        return self._cache[key]

    def build_context(self, dockerfile: Path, explicit: Path | None = None) -> Path:
        """The build context of ``dockerfile``: ``--context``, else the Dockerfile's folder."""
        return explicit.resolve() if explicit else dockerfile.resolve().parent


@cache
def _yaml():
    import yaml

    return yaml


def _load(path: Path) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        if path.suffix in (".yaml", ".yml"):
            return _yaml().safe_load(raw)
        return json.loads(raw)
    except Exception:  # a broken manifest is treated as absent
        return None
