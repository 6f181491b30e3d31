"""Tests that kill surviving mutants of the multi-stage pass (transforms/multi_stage.py, transforms/stage_split/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.stage_split import dockerignore
from transforms.stage_split.dockerignore import ignore_file, ignored


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    dockerignore._patterns.cache_clear()  # keyed by (file, mtime): a mutant must not reuse the real run's parse


# moby/patternmatcher (Go filepath.Match plus ``**``): what each pattern shape selects.
@pytest.mark.parametrize(("patterns", "path", "expected"), [
    ("*.md\n", "README.md", True),
    ("*.md\n", "docs/README.md", False),  # ``*`` stays inside one folder
    ("a?c\n", "abc", True),
    ("a?c\n", "a/c", False),  # ``?`` is not a separator
    ("a?c\n", "abbc", False),
    ("**/*.log\n", "a/b/c.log", True),
    ("**.log\n", "a/b.log", True),  # ``**`` without a slash spans folders
    ("logs/**\n", "logs/a/b.txt", True),
    ("[abc]x\n", "bx", True),
    ("[abc]x\n", "dx", False),
    ("[^a]x\n", "ax", False),
    ("[^a]x\n", "bx", True),
    ("a[b\n", "a[b", True),  # an unclosed class is a literal bracket
    ("a\\*b\n", "a*b", True),  # a backslash escapes the next character
    ("a\\*b\n", "axb", False),
    ("a.b\n", "axb", False),  # a dot is literal
    ("  # node_modules\n", "node_modules", False),  # a comment after blanks
    ("\n\n   \nnode_modules\n", "node_modules", True),
    ("dist\n! dist\n", "dist", False),  # an exception with a blank after the ``!``
    ("!dist\ndist\n", "dist", True),  # the last matching pattern decides, either way
    ("dist\n!dist/keep.txt\n", "dist/keep.txt", False),
    ("dist\n!dist/keep.txt\n", "dist/other.txt", True),
    ("./a/../b\n", "b", True),  # patterns are cleaned
    ("/\n", "x", False),  # the root pattern is dropped
    (".\n", "x", False),
    ("node_modules/\n", "./node_modules", True),  # the path is cleaned too
    ("src\n", "srcx", False),
    ("**.log\n", "a/blog", False),  # nothing after ``**`` is skipped
    ("a/**/c.txt\n", "a/b/d/c.txt", True),  # ``**/`` inside a pattern
    ("a/**/c.txt\n", "a/c.txt", True),
    ("a/**/c.txt\n", "a/bc.txt", False),
    ("[abc]x\n", "ax", True),  # the class starts right after its ``[``
    ("[ab]x[cd]\n", "axc", True),  # each class ends at its own ``]``
    ("[ab]x[cd]\n", "axb", False),
    ("]x[ab]\n", "]xa", True),  # a ``]`` before the ``[`` is a literal
    ("ab\\*c\n", "ab*c", True),  # an escape further in
    ("ab\\*c\n", "abxc", False),
    ("a\\*\n", "a*", True),  # an escaped last character
    ("a\\*\n", "ab", False),
])
def test_pattern_shapes(tmp_path: Path, patterns: str, path: str, expected: bool) -> None:
    (tmp_path / ".dockerignore").write_text(patterns)
    assert ignored(tmp_path, tmp_path / "Dockerfile", path) is expected


def test_ignore_file_choice(tmp_path: Path) -> None:
    assert ignore_file(tmp_path, None) is None
    (tmp_path / "Dockerfile.dockerignore").mkdir()  # a folder of that name is not an ignore file
    assert ignore_file(tmp_path, tmp_path / "Dockerfile") is None
    (tmp_path / ".dockerignore").write_text("x\n")
    assert ignore_file(tmp_path, tmp_path / "Dockerfile") == tmp_path / ".dockerignore"
    assert ignore_file(tmp_path, None) == tmp_path / ".dockerignore"
    (tmp_path / "api.Dockerfile.dockerignore").write_text("y\n")
    assert ignore_file(tmp_path, tmp_path / "api.Dockerfile") == tmp_path / "api.Dockerfile.dockerignore"


def test_bad_bytes_are_read_not_raised(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_bytes(b"\xff\xfe junk\nnode_modules\n")
    assert ignored(tmp_path, None, "node_modules")


def test_a_trailing_backslash_does_not_raise(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text("dist\\\nnode_modules\n")  # BuildKit rejects it; we must not raise
    assert ignored(tmp_path, None, "node_modules")
    assert not ignored(tmp_path, None, "dist")


def test_an_edited_ignore_file_is_read_again(tmp_path: Path) -> None:
    import os

    source = tmp_path / ".dockerignore"
    source.write_text("node_modules\n")
    os.utime(source, (1_000_000, 1_000_000))
    assert ignored(tmp_path, None, "node_modules")
    source.write_text("dist\n")
    os.utime(source, (2_000_000, 2_000_000))  # a new mtime: the cached patterns of the old file no longer hold
    assert not ignored(tmp_path, None, "node_modules")
    assert ignored(tmp_path, None, "dist")
