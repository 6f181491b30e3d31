"""``dockmod branch``: one commit per pass on a new branch, a PR body, and an untouched checkout.

Every test works on a real repository in a temporary folder, with git's global and system configuration
replaced by the test's own (so the machine's identity, hooks or signing setup never leak in) and TMPDIR
pointed at an empty folder, so a temporary worktree left behind would show.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

APP = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 3000\nCMD ["node", "server.js"]\n'
# Two fixes (apk-no-cache, curl -f/-L) and one skip (an IP address keeps http://) each.
TOOL = 'FROM alpine:3.20\nRUN apk add curl && curl -o /tmp/x.tgz http://10.0.0.1/x.tgz\nCMD ["sh"]\n'


class Git:
    """A repository under ``tmp`` and the environment every git and dockmod call in the test uses."""

    def __init__(self, tmp: Path, files: dict[str, str], identity: bool = True):
        self.tmp = tmp
        home = tmp / "home"
        home.mkdir()
        (tmp / "tmpdir").mkdir()
        self.env = {**os.environ, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
                    "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"), "TMPDIR": str(tmp / "tmpdir"),
                    "PYTHONPATH": str(REPO)}
        for k in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
            self.env.pop(k, None)
        self.root = tmp / "repo"
        for rel, text in files.items():
            (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
            (self.root / rel).write_text(text)
        self("init", "-q", "-b", "main")
        self("add", "-A")
        self("-c", "user.name=Seed", "-c", "user.email=seed@example.com", "commit", "-qm", "init")
        if identity:
            self("config", "user.name", "Dev")
            self("config", "user.email", "dev@example.com")

    def __call__(self, *args: str, cwd: Path | None = None) -> str:
        return subprocess.run(["git", *args], cwd=cwd or self.root, check=True, capture_output=True, text=True,
                              env=self.env).stdout

    def dockmod(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "refactor", *args], cwd=cwd or self.root, capture_output=True,
                              text=True, timeout=300, env=self.env)

    def branches(self) -> list[str]:
        return self("branch", "--format=%(refname:short)").split()

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in (self.tmp / "tmpdir").iterdir())

    def tree(self) -> dict[str, bytes]:
        return {p.relative_to(self.root).as_posix(): p.read_bytes()
                for p in self.root.rglob("*") if p.is_file() and ".git" not in p.parts}


def _applied(git: Git, *args: str) -> dict[str, bytes]:
    """The files ``dockmod apply`` writes on a copy of the repository."""
    copy = git.tmp / "applied"
    shutil.copytree(git.root, copy)
    git.dockmod("apply", ".", *args, cwd=copy)
    return {p.relative_to(copy).as_posix(): p.read_bytes() for p in copy.rglob("*")
            if p.is_file() and ".git" not in p.parts}


def _branch_files(git: Git, branch: str) -> dict[str, bytes]:
    names = git("ls-tree", "-r", "--name-only", branch).splitlines()
    return {n: subprocess.run(["git", "show", f"{branch}:{n}"], cwd=git.root, check=True, capture_output=True,
                              env=git.env).stdout for n in names}


def test_branch_commits_per_pass_and_matches_apply(tmp_path: Path) -> None:
    files = {p.relative_to(REPO / "examples").as_posix(): p.read_text()
             for p in (REPO / "examples").rglob("*") if p.is_file()}
    git = Git(tmp_path, files)
    before = git.tree()

    res = git.dockmod("branch", ".", "--branch", "dockmod/test")
    assert res.returncode in (0, 2), res.stderr
    body = res.stdout
    assert body.startswith("## dockmod: Dockerfile migration")
    assert git.tree() == before
    assert git("status", "--porcelain") == ""
    assert git.leftovers() == []
    log = git("log", "--format=%s", "main..dockmod/test").splitlines()
    assert log and all(s.startswith("dockmod: ") for s in log)
    assert len(set(log)) == len(log)  # one commit per pass
    for line in log:
        assert f"`{line.split()[1]}`" in body
    assert git("log", "-1", "--format=%an <%ae>", "dockmod/test").strip() == "Dev <dev@example.com>"
    assert _branch_files(git, "dockmod/test") == _applied(git)


def test_format_json_lists_commits_and_their_files(tmp_path: Path) -> None:
    git = Git(tmp_path, {"api/Dockerfile": APP, "tool/Dockerfile": TOOL})
    res = git.dockmod("branch", ".", "--format", "json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["branch"] == "dockmod/migrate"
    assert out["base"] == git("rev-parse", "main").strip()
    shas = git("log", "--reverse", "--format=%H", "main..dockmod/migrate").split()
    assert [c["sha"] for c in out["commits"]] == shas
    for c in out["commits"]:
        changed = git("show", "--name-only", "--format=", c["sha"]).split()
        assert c["files"] == changed
    assert {"apk-no-cache", "non-root-user"} <= {c["pass"] for c in out["commits"]}


def test_pr_body_lists_review_evidence_per_file_and_groups_skips(tmp_path: Path) -> None:
    git = Git(tmp_path, {"api/Dockerfile": APP, "tool-a/Dockerfile": TOOL, "tool-b/Dockerfile": TOOL,
                         "tool-c/Dockerfile": TOOL})
    res = git.dockmod("branch", ".")
    assert res.returncode == 0, res.stderr
    body = res.stdout
    review = body.split("### Review fixes and their evidence", 1)[1].split("###", 1)[0]
    api = review.split("- `api/Dockerfile`\n", 1)[1].split("\n- ", 1)[0]
    assert "  - line 6, `healthcheck`: no HEALTHCHECK: TCP connect to 127.0.0.1:3000" in api
    assert "(evidence: port 3000 from EXPOSE at line 5" in review  # the fix message carries its evidence
    assert "`apk-no-cache`" not in review  # safe fixes are not review items
    skips = body.split("### Left alone, with reasons", 1)[1]
    line = next(s for s in skips.splitlines() if "curl-use-https-url" in s)
    assert line.startswith("- **3×** `curl-use-https-url`: curl keeps http://10.0.0.1: ")
    assert "`tool-a/Dockerfile:2`, `tool-b/Dockerfile:2`, `tool-c/Dockerfile:2`" in line
    assert skips.count("10.0.0.1 is an IP address") == 1


BAD = [
    (["--branch", "bad..name"], "is not a valid branch name"),
    (["--branch", "-x"], "is not a valid branch name"),
    (["--branch", "ok", "--base", "no-such-rev"], "unknown base revision 'no-such-rev'"),
    (["--branch", "ok", "--author", "nobody"], "bad --author 'nobody'"),
    (["--branch", "ok", "--push", "nowhere"], "unknown remote 'nowhere'"),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_options_are_one_line_exit_2_and_leave_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    git = Git(tmp_path, {"Dockerfile": TOOL})
    res = git.dockmod("branch", ".", *args)
    _one_line_error(git, res, message)


def test_bad_paths_are_one_line_exit_2_and_leave_nothing(tmp_path: Path) -> None:
    git = Git(tmp_path, {"svc/Dockerfile": TOOL})
    (git.root / "svc" / "Dockerfile.new").write_text(TOOL)  # untracked
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "Dockerfile").write_text(TOOL)
    git("init", "-q", cwd=outside)  # even another repository's file is outside this one
    cases = [(["svc", "-"], "'-' (stdin) cannot be committed"),
             (["svc/Dockerfile.new"], "svc/Dockerfile.new: not in HEAD"),
             (["svc", "missing"], "missing: not in HEAD"),
             (["svc", str(outside / "Dockerfile")], f"{outside / 'Dockerfile'}: outside the repository")]
    for paths, message in cases:
        _one_line_error(git, git.dockmod("branch", *paths), message)
    res = git.dockmod("branch", str(outside / "Dockerfile"), cwd=tmp_path)  # its own repository has no commit
    assert res.returncode == 2 and res.stderr == "dockmod: unknown base revision 'HEAD'\n"


def test_existing_branch_needs_force_which_rebuilds_it(tmp_path: Path) -> None:
    git = Git(tmp_path, {"Dockerfile": TOOL})
    assert git.dockmod("branch", ".").returncode == 0
    old = git("rev-parse", "dockmod/migrate").strip()
    (git.root / "api").mkdir()
    (git.root / "api" / "Dockerfile").write_text(APP)
    git("add", "-A")
    git("commit", "-qm", "add api")
    _one_line_error(git, git.dockmod("branch", "."), "already exists (use --force to rebuild it)",
                    branches=["dockmod/migrate", "main"])
    assert git("rev-parse", "dockmod/migrate").strip() == old
    res = git.dockmod("branch", ".", "--force")
    assert res.returncode == 0, res.stderr
    assert git("merge-base", "main", "dockmod/migrate").strip() == git("rev-parse", "main").strip()
    assert _branch_files(git, "dockmod/migrate") == _applied(git)
    git("checkout", "-q", "dockmod/migrate")
    _one_line_error(git, git.dockmod("branch", ".", "--force"), "is checked out", branches=["dockmod/migrate", "main"])


def test_no_identity_is_refused_unless_author(tmp_path: Path) -> None:
    git = Git(tmp_path, {"Dockerfile": TOOL}, identity=False)
    _one_line_error(git, git.dockmod("branch", "."), "no git identity: set user.name and user.email")
    res = git.dockmod("branch", ".", "--author", "Dock Bot <bot@example.com>")
    assert res.returncode == 0, res.stderr
    assert git("log", "-1", "--format=%an <%ae>|%cn <%ce>", "dockmod/migrate").strip() == \
        "Dock Bot <bot@example.com>|Dock Bot <bot@example.com>"


def test_commit_hooks_run_unless_no_verify(tmp_path: Path) -> None:
    git = Git(tmp_path, {"Dockerfile": TOOL})
    hook = git.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'lint: Dockerfile rejected by policy' >&2\nexit 1\n")
    hook.chmod(0o755)
    _one_line_error(git, git.dockmod("branch", "."), "lint: Dockerfile rejected by policy")
    res = git.dockmod("branch", ".", "--no-verify")
    assert res.returncode == 0, res.stderr
    assert git("rev-list", "--count", "main..dockmod/migrate").strip() != "0"


def test_signoff_and_commit_gpgsign(tmp_path: Path) -> None:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is needed to make a signing key")
    git = Git(tmp_path, {"Dockerfile": TOOL})
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True, env=git.env)
    git("config", "gpg.format", "ssh")
    git("config", "user.signingkey", str(key))
    git("config", "commit.gpgsign", "true")
    res = git.dockmod("branch", ".", "--signoff")
    assert res.returncode == 0, res.stderr
    for sha in git("rev-list", "main..dockmod/migrate").split():
        raw = git("cat-file", "commit", sha)
        assert "gpgsig -----BEGIN SSH SIGNATURE-----" in raw
        assert "Signed-off-by: Dev <dev@example.com>" in raw


def test_push_to_a_bare_remote_matches_apply(tmp_path: Path) -> None:
    git = Git(tmp_path, {"api/Dockerfile": APP, "tool/Dockerfile": TOOL})
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote))
    git("remote", "add", "origin", str(remote))
    res = git.dockmod("branch", ".", "--push", "origin", "--format", "json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["pushed"] == "origin"
    pushed = git("rev-parse", "dockmod/migrate", cwd=remote).strip()
    assert pushed == git("rev-parse", "dockmod/migrate").strip()
    assert _branch_files(git, "dockmod/migrate") == _applied(git)
    # a rebuild is pushed over the old branch only with --force
    git("commit", "-q", "--allow-empty", "-m", "next")
    assert git.dockmod("branch", ".", "--force", "--push", "origin").returncode == 0
    assert git("rev-parse", "dockmod/migrate", cwd=remote).strip() == git("rev-parse", "dockmod/migrate").strip()


def test_uncommitted_edits_are_warned_about_and_left_out(tmp_path: Path) -> None:
    git = Git(tmp_path, {"api/Dockerfile": APP, "tool/Dockerfile": TOOL})
    edited = TOOL.replace("alpine:3.20", "alpine:3.21")
    (git.root / "tool" / "Dockerfile").write_text(edited)
    res = git.dockmod("branch", ".")
    assert res.returncode == 0, res.stderr
    warnings = [line for line in res.stderr.splitlines() if "warning" in line]
    assert warnings == ["dockmod: warning: tool/Dockerfile: has uncommitted edits; the branch is made from the "
                        "committed version"]
    assert b"alpine:3.20" in _branch_files(git, "dockmod/migrate")["tool/Dockerfile"]
    assert (git.root / "tool" / "Dockerfile").read_text() == edited  # the user's edit is untouched
    assert git("status", "--porcelain").split() == ["M", "tool/Dockerfile"]


def test_outside_git_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine\n")
    res = subprocess.run([sys.executable, "-m", "refactor", "branch", str(tmp_path)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(REPO), "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert res.returncode == 2
    assert res.stderr.strip().endswith("not inside a git repository")


def _one_line_error(git: Git, res: subprocess.CompletedProcess[str], message: str,
                    branches: list[str] | None = None) -> None:
    assert res.returncode == 2, (res.stdout, res.stderr)
    assert len(res.stderr.splitlines()) == 1 and res.stderr.startswith("dockmod: "), res.stderr
    assert message in res.stderr, res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""
    assert git.branches() == (branches or ["main"])
    assert git.leftovers() == []
    assert "tree" not in git("worktree", "list")


def test_skips_group_by_reason_ignoring_numbers_most_frequent_first() -> None:
    from refactor.gitout import BranchReport

    user = "the container starts sh with no script: set USER by hand"
    skips = [("non-root-user", user, f"s{k}/Dockerfile:1") for k in range(5)]
    skips += [("apt-purge-build-deps", f"build deps kept: the RUN at line {n} compiles too", f"b/Dockerfile:{n - 2}")
              for n in (7, 12)]
    body = BranchReport("b", "0" * 40, skips=skips).pr_body()
    section = body.split("### Left alone, with reasons (7)\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section == [
        f"- **5×** `non-root-user`: {user} — `s0/Dockerfile:1`, `s1/Dockerfile:1`, `s2/Dockerfile:1` and 2 more",
        "- **2×** `apt-purge-build-deps`: build deps kept: the RUN at line 7 compiles too — `b/Dockerfile:5`, "
        "`b/Dockerfile:10`",
    ]
