"""The .dockerignore reading the multi-stage manifests-first move relies on (moby/patternmatcher semantics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.stage_split.dockerignore import ignored


@pytest.mark.parametrize(("patterns", "path", "expected"), [
    ("node_modules\n", "node_modules", True),
    ("node_modules\n", "packages/api/node_modules", False),  # a bare name matches at the context root only
    ("**/node_modules\n", "packages/api/node_modules", True),
    ("**/node_modules\n", "node_modules", True),
    ("/node_modules/\n", "node_modules", True),
    ("*/node_modules\n", "api/node_modules", True),
    ("*/node_modules\n", "node_modules", False),
    ("node_modules\n!node_modules\n", "node_modules", False),  # the last matching pattern decides
    ("# node_modules\n", "node_modules", False),
    ("./.venv\n", ".venv", True),
    ("dist\n", "dist/main.js", True),  # a folder's files go with it
    ("[z-a]\nnode_modules\n", "node_modules", True),
])
def test_ignored(tmp_path: Path, patterns: str, path: str, expected: bool) -> None:
    (tmp_path / ".dockerignore").write_text(patterns)
    assert ignored(tmp_path, tmp_path / "Dockerfile", path) is expected


def test_the_dockerfiles_own_ignore_file_wins(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text("node_modules\n")
    (tmp_path / "api.Dockerfile.dockerignore").write_text("dist\n")
    assert not ignored(tmp_path, tmp_path / "api.Dockerfile", "node_modules")
    assert ignored(tmp_path, tmp_path / "Dockerfile", "node_modules")


def test_no_ignore_file_ignores_nothing(tmp_path: Path) -> None:
    assert not ignored(tmp_path, None, "node_modules")
