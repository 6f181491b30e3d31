"""``dockmod branch``: one commit per pass on a new branch, a PR body, and an untouched checkout."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.paths import REPO
from tests.test_cli import dockmod


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_branch_commits_per_pass_and_matches_apply(tmp_path: Path) -> None:
    repo = tmp_path / "mono"
    shutil.copytree(REPO / "examples", repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "init")
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}

    res = dockmod("branch", ".", "--branch", "dockmod/test", cwd=repo)
    assert res.returncode in (0, 2), res.stderr.decode()
    body = res.stdout.decode()
    assert body.startswith("## dockmod: Dockerfile migration")
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts} == before
    assert _git(repo, "status", "--porcelain") == ""
    log = _git(repo, "log", "--format=%s", "main..dockmod/test").splitlines()
    assert log and all(s.startswith("dockmod: ") for s in log)
    assert len(set(log)) == len(log)  # one commit per pass
    for line in log:
        assert f"`{line.split()[1]}`" in body

    applied = tmp_path / "applied"
    shutil.copytree(repo, applied)
    dockmod("apply", ".", cwd=applied)
    _git(repo, "checkout", "-q", "dockmod/test")
    for path in applied.rglob("Dockerfile"):
        assert (repo / path.relative_to(applied)).read_bytes() == path.read_bytes(), path


def test_branch_outside_git_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine\n")
    res = dockmod("branch", str(tmp_path))
    assert res.returncode == 2
    assert res.stderr.decode().strip().endswith("not inside a git repository")
