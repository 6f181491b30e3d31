"""Unified diffs that ``git apply`` accepts: the gaps bench/mutation.py found in refactor/diff.py."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from refactor.diff import unified_diff


def test_no_diff_for_equal_texts() -> None:
    assert unified_diff("FROM a\n", "FROM a\n", "Dockerfile") == ""


def test_headers_and_hunk() -> None:
    assert unified_diff("FROM a\nRUN x\n", "FROM a\nRUN y\n", "app/Dockerfile") == (
        "diff --git a/app/Dockerfile b/app/Dockerfile\n--- a/app/Dockerfile\n+++ b/app/Dockerfile\n"
        "@@ -1,2 +1,2 @@\n FROM a\n-RUN x\n+RUN y\n")


def test_missing_final_newline_is_marked_on_both_sides() -> None:
    assert unified_diff("FROM a\nRUN x", "FROM a\nRUN y", "D").endswith(
        "-RUN x\n\\ No newline at end of file\n+RUN y\n\\ No newline at end of file\n")


def test_context_lines() -> None:
    old = "".join(f"L{i}\n" for i in range(1, 11))
    new = old.replace("L8\n", "X\n")
    assert "@@ -5,6 +5,6 @@\n L5\n L6\n L7\n-L8\n+X\n L9\n L10\n" in unified_diff(old, new, "D")
    assert "@@ -8 +8 @@\n-L8\n+X\n" in unified_diff(old, new, "D", context=0)


def test_crlf_and_form_feed_lines_are_kept_whole() -> None:
    old = "FROM a\r\nRUN x \f y\r\nCMD z\r\n"
    new = old.replace("CMD z", "CMD w")
    assert unified_diff(old, new, "D").endswith(" FROM a\r\n RUN x \f y\r\n-CMD z\r\n+CMD w\r\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
@pytest.mark.parametrize(("old", "new"), [
    ("FROM a\r\nRUN x\r\n", "FROM a\r\nRUN x\r\nUSER app\r\n"),
    ("FROM a\nRUN x", "FROM a\nRUN y\n"),
    ("FROM a\nRUN a\rb\n", "FROM a\nRUN a\rc\n"),
])
def test_git_apply_accepts_the_diff(tmp_path: Path, old: str, new: str) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "Dockerfile").write_bytes(old.encode())
    diff = unified_diff(old, new, "sub/Dockerfile")
    subprocess.run(["git", "apply", "--whitespace=nowarn", "-"], cwd=tmp_path, input=diff.encode(), check=True)
    assert (tmp_path / "sub" / "Dockerfile").read_bytes() == new.encode()


def test_header_keeps_the_whole_path() -> None:
    diff = unified_diff("FROM a\n", "FROM b\n", "ci/Dockerfile.UNIX")
    assert diff.splitlines()[:3] == ["diff --git a/ci/Dockerfile.UNIX b/ci/Dockerfile.UNIX",
                                     "--- a/ci/Dockerfile.UNIX", "+++ b/ci/Dockerfile.UNIX"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_git_apply_accepts_a_last_line_starting_with_two_dashes(tmp_path: Path) -> None:
    old = "FROM alpine\nRUN apk add \\\n--no-cache curl"
    new = "FROM alpine\nRUN apk add \\\n--no-cache curl git"
    (tmp_path / "Dockerfile").write_bytes(old.encode())
    diff = unified_diff(old, new, "Dockerfile")
    subprocess.run(["git", "apply", "--whitespace=nowarn", "-"], cwd=tmp_path, input=diff.encode(), check=True,
                   capture_output=True)
    assert (tmp_path / "Dockerfile").read_bytes() == new.encode()
