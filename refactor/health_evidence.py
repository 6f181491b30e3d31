"""What the files around a Dockerfile say about its service's health endpoint: the evidence a HEALTHCHECK needs.

``Evidence`` is created once per Dockerfile and reads lazily (each question at most once): the manifests
beside the Dockerfile and in its build context. It only reads; the healthcheck pass decides.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from refactor.knowledge.health import GRPC_MANIFESTS


class Evidence:
    """Facts from the project around one Dockerfile at ``path`` (None for stdin: no facts)."""

    def __init__(self, path: Path | None, context_dir: Path | None = None) -> None:
        self.path = path
        self.context_dir = context_dir

    @property
    def folders(self) -> list[Path]:
        """The Dockerfile's folder and the ``--context`` folder, each once."""
        found = [d for d in (self.path.parent if self.path else None, self.context_dir) if d is not None]
        return list(dict.fromkeys(found))

    @cached_property
    def grpc_manifest(self) -> str | None:
        """The manifest (beside the Dockerfile or in ``--context``) that makes the app a gRPC server, or None."""
        for folder in self.folders:
            for pattern, grpc, web in GRPC_MANIFESTS:
                for manifest in sorted(folder.glob(pattern)):
                    text = _read(manifest)
                    if text is not None and grpc.search(text) and not web.search(text):
                        return manifest.name
        return None


def _read(path: Path, limit: int = 1 << 20) -> str | None:
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            return fh.read(limit)
    except OSError:
        return None
