"""Finding Dockerfiles under the given paths: the gaps bench/mutation.py found in refactor/discovery.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refactor.discovery import discover, is_dockerfile


def _found(root: Path, *paths: str) -> list[tuple[str, str | None]]:
    return [(f.path.relative_to(root).as_posix() if f.path.is_relative_to(root) else str(f.path), f.error)
            for f in discover([str(root / p) for p in paths] or [str(root)])]


@pytest.mark.parametrize(("name", "found"), [
    ("Dockerfile", True), ("Dockerfile.dev", True), ("web.Dockerfile", True), ("web.dockerfile", True),
    ("Containerfile", True), ("Containerfile.arm64", True),
    ("dockerfile", True), ("Dockerfile-old", True), ("Dockerfile.", True), ("README.md", False),
    ("XDockerfile", False), ("web.Dockerfile.bak", False), ("api.Containerfile", True), ("Containerfile-dev", True),
    ("Dockerfile.dockerignore", False), ("Dockerfile.md", False), ("Dockerfile.j2", False),
    ("Dockerfile.tpl", False), ("Dockerfile.template", False), ("Dockerfile.tmpl", False),
    ("Dockerfile.gz", False), ("web.Dockerfile.tar.gz", False), ("Dockerfile.J2", False),
])
def test_is_dockerfile(name: str, found: bool) -> None:
    assert is_dockerfile(name) is found


def test_walk_is_sorted_depth_first_and_skips_tool_folders(tmp_path: Path) -> None:
    for rel in ["b/Dockerfile", "a/z/Dockerfile", "a/Dockerfile", "Dockerfile", "a/y.Dockerfile",
                ".git/Dockerfile", "node_modules/x/Dockerfile", ".venv/Dockerfile", "__pycache__/Dockerfile",
                ".hg/Dockerfile", ".svn/Dockerfile", "a/notes.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("FROM a\n")
    assert _found(tmp_path) == [("Dockerfile", None), ("a/Dockerfile", None), ("a/y.Dockerfile", None),
                                ("a/z/Dockerfile", None), ("b/Dockerfile", None)]


def test_gitignore_rules_of_every_folder_apply_below_it(tmp_path: Path) -> None:
    for rel in ["Dockerfile", "build/Dockerfile", "app/Dockerfile", "app/gen/Dockerfile", "app/Dockerfile.tmp",
                "other/gen/Dockerfile"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("FROM a\n")
    (tmp_path / ".gitignore").write_text("build/\n*.tmp\n")
    (tmp_path / "app" / ".gitignore").write_text("gen/\n")
    assert [p for p, _ in _found(tmp_path)] == ["Dockerfile", "app/Dockerfile", "other/gen/Dockerfile"]


def test_a_gitignored_file_pattern_does_not_hide_a_folder_of_that_name(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").mkdir()
    (tmp_path / "Dockerfile" / "Dockerfile").write_text("FROM a\n")
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "Dockerfile").write_text("FROM a\n")
    (tmp_path / ".gitignore").write_text("keep\n!keep/\n")
    assert [p for p, _ in _found(tmp_path)] == ["Dockerfile/Dockerfile", "keep/Dockerfile"]


def test_given_files_are_taken_as_they_are_and_missing_paths_are_errors(tmp_path: Path) -> None:
    (tmp_path / "build.txt").write_text("FROM a\n")
    assert _found(tmp_path, "build.txt", "missing", "build.txt") == [
        ("build.txt", None), ("missing", "no such file or directory"), ("build.txt", None)]


def test_symlinked_folder_walked_once_and_loops_reported(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "Dockerfile").write_text("FROM a\n")
    (tmp_path / "app" / "again").symlink_to(tmp_path)  # links back to a folder above it
    (tmp_path / "same").symlink_to(tmp_path / "app")  # another path to a walked folder: silently skipped
    assert _found(tmp_path) == [("app/Dockerfile", None),
                                ("app/again", "symlink loop: links back to a folder above it")]


def test_broken_symlinks_are_reported_only_when_named_like_a_dockerfile(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").symlink_to(tmp_path / "gone")
    (tmp_path / "notes").symlink_to(tmp_path / "gone")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "web.Dockerfile").write_text("FROM a\n")  # listed after the loop: still found
    assert _found(tmp_path) == [("Dockerfile", "no such file or directory"), ("loop", "symlink loop"),
                                ("web.Dockerfile", None)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folder_is_one_error_and_the_walk_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "Dockerfile").write_text("FROM a\n")
    (tmp_path / "a").chmod(0)
    try:
        assert _found(tmp_path) == [("a", "permission denied"), ("b/Dockerfile", None)]
    finally:
        (tmp_path / "a").chmod(0o755)


def test_a_folder_that_cannot_be_listed_is_one_error_and_the_walk_goes_on(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "Dockerfile").write_text("FROM a\n")
    real = os.scandir

    def scandir(path):
        if Path(path).name == "a":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert _found(tmp_path) == [("a", "permission denied"), ("b/Dockerfile", None)]


def test_an_unreadable_gitignore_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "Dockerfile").write_text("FROM a\n")
    (tmp_path / ".gitignore").write_text("Dockerfile\n")
    real = Path.read_text

    def read_text(self, *args, **kwargs):
        if self.name == ".gitignore":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    assert _found(tmp_path) == [("Dockerfile", None)]


def _failing_stat(monkeypatch: pytest.MonkeyPatch, name: str, exc: OSError) -> None:
    real = Path.stat

    def stat(self, *args, **kwargs):
        if self.name == name:
            raise exc
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)


def test_a_given_path_that_cannot_be_checked_is_one_error_and_the_others_go_on(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "secret").write_text("FROM a\n")
    (tmp_path / "Dockerfile").write_text("FROM a\n")
    _failing_stat(monkeypatch, "secret", PermissionError(13, "Permission denied"))
    assert _found(tmp_path, "secret", "Dockerfile") == [("secret", "permission denied"), ("Dockerfile", None)]


def test_an_os_error_without_strerror_is_reported_by_its_message(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "odd").write_text("FROM a\n")
    _failing_stat(monkeypatch, "odd", OSError("Stale NFS handle"))
    assert _found(tmp_path, "odd") == [("odd", "stale nfs handle")]


def test_a_subfolder_that_cannot_be_checked_is_one_error_and_the_walk_goes_on(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for rel in ["a/Dockerfile", "b/Dockerfile", "c/Dockerfile"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("FROM a\n")
    _failing_stat(monkeypatch, "b", PermissionError(13, "Permission denied"))
    assert _found(tmp_path) == [("a/Dockerfile", None), ("b", "permission denied"), ("c/Dockerfile", None)]


def test_a_directory_only_rule_does_not_ignore_a_file_of_that_name(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile.old").write_text("FROM a\n")
    (tmp_path / ".gitignore").write_text("Dockerfile.old/\n")
    assert _found(tmp_path) == [("Dockerfile.old", None)]


def test_a_file_cannot_be_re_included_below_an_ignored_folder(tmp_path: Path) -> None:
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "Dockerfile").write_text("FROM a\n")
    (tmp_path / ".gitignore").write_text("build/\n!build/Dockerfile\n")
    assert _found(tmp_path) == []  # git does not look inside an excluded folder


def test_every_folders_gitignore_applies_not_only_the_first_nested_one(tmp_path: Path) -> None:
    for rel in ["app/Dockerfile", "other/gen/Dockerfile", "other/Dockerfile"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("FROM a\n")
    (tmp_path / "app" / ".gitignore").write_text("tmp/\n")
    (tmp_path / "other" / ".gitignore").write_text("gen/\n")
    assert [p for p, _ in _found(tmp_path)] == ["app/Dockerfile", "other/Dockerfile"]


def test_a_gitignore_with_invalid_utf8_still_applies(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM a\n")
    (tmp_path / "Dockerfile.old").write_text("FROM a\n")
    (tmp_path / ".gitignore").write_bytes(b"# caf\xe9\nDockerfile.old\n")
    assert _found(tmp_path) == [("Dockerfile", None)]
