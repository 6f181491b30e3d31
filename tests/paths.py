"""Where the shared real-world corpus lives, which of its files are Dockerfiles, and a writer of small
file trees for tests."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# DOCKMOD_CORPUS points the tests elsewhere (an empty value or a missing folder: the corpus tests skip).
CORPUS = Path(os.environ.get("DOCKMOD_CORPUS", REPO.parent / "shared" / "corpus"))
VALIDITY = REPO.parent / "shared" / "tools" / "validity.py"
_DF = re.compile(r"((Docker|Container)file[^/]*|[^/]+\.(dockerfile|containerfile))$", re.I)


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    from refactor.discovery import is_dockerfile  # templates (``Dockerfile-linux.template``) are not input

    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and _DF.search(p.as_posix()) and is_dockerfile(p.name))


def need_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path: text) under ``root``, making folders as needed; ``root``."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root
