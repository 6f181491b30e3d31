"""Discovery inside a git work tree asks git what is ignored; templates are found only when named."""

from __future__ import annotations

import subprocess
from pathlib import Path

from refactor.discovery import discover


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=cwd, check=True, capture_output=True)


def _tree(root: Path, *rels: str) -> None:
    for rel in rels:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("FROM alpine:3.20\n")


def _found(root: Path, *paths: str) -> list[tuple[str, str | None]]:
    return [(f.path.relative_to(root).as_posix() if f.path.is_relative_to(root) else str(f.path), f.error)
            for f in discover([str(root / p) for p in paths] or [str(root)])]


def test_gitignore_above_the_given_folder_info_exclude_and_core_excludesfile(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _tree(repo, "svc/api/Dockerfile", "svc/api/gen/Dockerfile", "svc/web/Dockerfile.local", "svc/web/Dockerfile",
          "svc/old/Dockerfile")
    _git(repo, "init", "-q")
    (repo / ".gitignore").write_text("gen/\n")  # above the folder given below
    (repo / ".git" / "info" / "exclude").write_text("*.local\n")
    global_ignore = tmp_path / "global-ignore"
    global_ignore.write_text("old/\n")
    _git(repo, "config", "core.excludesFile", str(global_ignore))
    assert _found(repo / "svc") == [("api/Dockerfile", None), ("web/Dockerfile", None)]


def test_tracked_files_are_found_even_when_a_gitignore_matches_them(tmp_path: Path) -> None:
    _tree(tmp_path, "Dockerfile", "build/Dockerfile")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-f", "build/Dockerfile")
    (tmp_path / ".gitignore").write_text("build/\n")
    assert _found(tmp_path) == [("Dockerfile", None), ("build/Dockerfile", None)]  # as git status sees them


def test_git_order_is_the_walk_order_and_tool_folders_are_skipped(tmp_path: Path) -> None:
    _tree(tmp_path, "b/Dockerfile", "a/z/Dockerfile", "a/Dockerfile", "Dockerfile", "a/y.Dockerfile",
          "node_modules/x/Dockerfile")
    _git(tmp_path, "init", "-q")
    assert _found(tmp_path) == [("Dockerfile", None), ("a/Dockerfile", None), ("a/y.Dockerfile", None),
                                ("a/z/Dockerfile", None), ("b/Dockerfile", None)]


def test_a_nested_repository_is_searched_with_its_own_ignore_rules(tmp_path: Path) -> None:
    _tree(tmp_path, "Dockerfile", "vendor/lib/Dockerfile", "vendor/lib/tmp/Dockerfile")
    _git(tmp_path, "init", "-q")
    _git(tmp_path / "vendor" / "lib", "init", "-q")
    (tmp_path / "vendor" / "lib" / ".gitignore").write_text("tmp/\n")
    assert _found(tmp_path) == [("Dockerfile", None), ("vendor/lib/Dockerfile", None)]


def test_a_tracked_file_deleted_from_the_work_tree_is_not_an_error(tmp_path: Path) -> None:
    _tree(tmp_path, "Dockerfile", "gone/Dockerfile")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    (tmp_path / "gone" / "Dockerfile").unlink()
    assert _found(tmp_path) == [("Dockerfile", None)]


def test_templates_ignore_files_and_docs_are_found_only_when_named(tmp_path: Path) -> None:
    _tree(tmp_path, "dockerfile", "Dockerfile-alpine", "api.Containerfile", "Dockerfile.dockerignore",
          "Dockerfile.md", "Dockerfile.j2", "Dockerfile.tpl", "Dockerfile.template", "Dockerfile.tmpl",
          "Dockerfile.gz")
    assert _found(tmp_path) == [("Dockerfile-alpine", None), ("api.Containerfile", None), ("dockerfile", None)]
    assert _found(tmp_path, "Dockerfile.j2") == [("Dockerfile.j2", None)]


def test_a_symlinked_dockerfile_is_reported_once_under_its_target(tmp_path: Path) -> None:
    _tree(tmp_path, "docker/prod.Dockerfile")
    (tmp_path / "Dockerfile").symlink_to("docker/prod.Dockerfile")
    (tmp_path / "docker" / "Dockerfile").symlink_to("prod.Dockerfile")
    assert _found(tmp_path) == [("docker/prod.Dockerfile", None)]
    _git(tmp_path, "init", "-q")
    assert _found(tmp_path) == [("docker/prod.Dockerfile", None)]


def test_a_symlinked_folder_listed_by_git_is_not_taken_for_a_dockerfile(tmp_path: Path) -> None:
    _tree(tmp_path, "real/Dockerfile")
    (tmp_path / "Dockerfile.d").symlink_to("real", target_is_directory=True)
    _git(tmp_path, "init", "-q")
    assert _found(tmp_path) == [("real/Dockerfile", None)]


def test_a_folder_named_on_the_command_line_is_searched_even_if_git_ignores_it(tmp_path: Path) -> None:
    _tree(tmp_path, "Dockerfile", "build/Dockerfile", "build/tmp/Dockerfile")
    _git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "build" / ".gitignore").write_text("tmp/\n")
    assert _found(tmp_path) == [("Dockerfile", None)]
    assert _found(tmp_path, "build") == [("build/Dockerfile", None)]  # its own .gitignore files still apply
