"""YAML as dockmod reads manifests: safe loading only, with libyaml's C parser when PyYAML was built with it.

The C loader builds the same objects as ``yaml.SafeLoader`` about ten times faster (compose files and
Kubernetes manifests are read for every Dockerfile whose folders hold them); PyYAML is imported on first use.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any


@cache
def _loader() -> tuple[Any, type]:
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """The first document of ``text`` (``yaml.safe_load``); raises ``yaml.YAMLError`` on broken YAML."""
    yaml, loader = _loader()
    return yaml.load(text, Loader=loader)  # a safe loader


def load_all(text: str) -> Iterator[Any]:
    """Every document of ``text`` (``yaml.safe_load_all``)."""
    yaml, loader = _loader()
    return yaml.load_all(text, Loader=loader)  # a safe loader
