"""``.pre-commit-hooks.yaml``, run by pre-commit itself on a real repository: the check hook fails on a
Dockerfile with pending fixes and changes nothing; the apply hook rewrites it (the bytes ``dockmod apply``
writes) and pre-commit fails the run because a file changed; both pass on the fixed file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

DOCKERFILE = "FROM alpine:3.20\nRUN apk update && apk add curl\nUSER nobody\nHEALTHCHECK NONE\nCMD [\"sh\"]\n"
FIXED = "FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER nobody\nHEALTHCHECK NONE\nCMD [\"sh\"]\n"
SOURCES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "refactor", "transforms")


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).parent / "pre-commit"
    if exe.exists():
        return [str(exe)]
    if shutil.which("pre-commit"):
        return ["pre-commit"]
    pytest.skip("pre-commit is not installed (pip install pre-commit, or the 'test' extra)")


def _git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_pre_commit_check_and_apply_hooks(tmp_path: Path) -> None:
    pre_commit = _pre_commit()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    src = tmp_path / "dockmod"  # the hooks' repository: this checkout's sources, committed
    src.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(REPO / name, src / name)
    _git(src, env, "init", "-q")
    _git(src, env, "add", "-A")
    _git(src, env, "commit", "-qm", "dockmod")
    user = tmp_path / "project"
    (user / "svc").mkdir(parents=True)
    dockerfile = user / "svc" / "Dockerfile"
    dockerfile.write_text(DOCKERFILE)
    (user / "README.md").write_text("RUN apk update\n")  # not a Dockerfile: the hooks' file pattern skips it
    _git(user, env, "init", "-q")
    _git(user, env, "add", "-A")

    def hook(hook_id: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*pre_commit, "try-repo", str(src), hook_id, "--all-files"], cwd=user, env=env,
                              capture_output=True, text=True, timeout=600)

    check = hook("dockmod-check")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "svc/Dockerfile:2: apk-no-cache:" in check.stdout
    assert "README.md" not in check.stdout
    assert dockerfile.read_text() == DOCKERFILE

    apply = hook("dockmod-apply")
    assert apply.returncode == 1, apply.stdout + apply.stderr
    assert "files were modified by this hook" in apply.stdout
    assert dockerfile.read_text() == FIXED
    assert (user / "README.md").read_text() == "RUN apk update\n"

    _git(user, env, "add", "-A")
    for hook_id in ("dockmod-check", "dockmod-apply"):
        again = hook(hook_id)
        assert again.returncode == 0, again.stdout + again.stderr
    assert dockerfile.read_text() == FIXED
