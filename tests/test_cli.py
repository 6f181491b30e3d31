"""The command line: exit codes, diff format, atomic apply, stdin, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

NEEDS_USER = 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nCMD ["./app"]\n'
CLEAN = "FROM alpine:3.20\nUSER nobody\nHEALTHCHECK NONE\nCMD [\"sh\"]\n"


def dockmod(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
            user: int | None = None) -> subprocess.CompletedProcess[bytes]:
    def drop() -> None:
        os.setgid(user)  # type: ignore[arg-type]
        os.setuid(user)  # type: ignore[arg-type]

    return subprocess.run([sys.executable, "-m", "refactor", *args], cwd=cwd or REPO, input=stdin,
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)},
                          preexec_fn=drop if user is not None else None)


def test_list_and_explain() -> None:
    out = dockmod("list")
    assert out.returncode == 0
    assert b"non-root-user" in out.stdout and b"review" in out.stdout
    explain = dockmod("explain", "non-root-user")
    assert explain.returncode == 0
    for heading in (b"What it does", b"Why", b"Example", b"Fix safety"):
        assert heading in explain.stdout
    assert dockmod("explain", "no-such-pass").returncode == 2


def test_diff_exit_codes_and_git_apply(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "Dockerfile").write_text(NEEDS_USER)
    (tmp_path / "Dockerfile.clean").write_text(CLEAN)
    res = dockmod("diff", ".", "--select", "non-root-user", cwd=tmp_path)
    assert res.returncode == 1, res.stderr
    patch = res.stdout.decode()
    assert patch.startswith(
        "diff --git a/svc/Dockerfile b/svc/Dockerfile\n--- a/svc/Dockerfile\n+++ b/svc/Dockerfile\n")
    assert (tmp_path / "svc" / "Dockerfile").read_text() == NEEDS_USER  # diff never writes
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copytree(tmp_path / "svc", copy / "svc")
    subprocess.run(["git", "apply", "-"], cwd=copy, input=res.stdout, check=True)
    assert dockmod("apply", ".", "--select", "non-root-user", cwd=tmp_path).returncode == 0
    assert (copy / "svc" / "Dockerfile").read_bytes() == (tmp_path / "svc" / "Dockerfile").read_bytes()
    assert dockmod("diff", "svc", "Dockerfile.clean", "--select", "non-root-user", cwd=tmp_path).returncode == 0


def test_check_lines_and_json(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(NEEDS_USER)
    res = dockmod("check", "Dockerfile", "--select", "non-root-user", cwd=tmp_path)
    assert res.returncode == 1
    line = res.stdout.decode().splitlines()[0]
    assert line.startswith("Dockerfile:") and ": non-root-user: " in line
    res = dockmod("diff", "Dockerfile", "--format", "json", cwd=tmp_path)
    files = json.loads(res.stdout)["files"]
    assert files[0]["path"] == "Dockerfile" and files[0]["status"] == "changed" and files[0]["diff"]
    assert {f["pass"] for f in files[0]["fixes"]} >= {"non-root-user"}


def test_select_ignore_and_set(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(NEEDS_USER)
    assert dockmod("diff", "Dockerfile", "--select", "healthcheck", "--ignore", "healthcheck",
                   cwd=tmp_path).returncode == 0
    assert dockmod("diff", "Dockerfile", "--select", "nope", cwd=tmp_path).returncode == 2
    assert dockmod("diff", "Dockerfile", "--set", "non-root-user.nope=1", cwd=tmp_path).returncode == 2
    res = dockmod("diff", "Dockerfile", "--select", "non-root-user", "--set", "non-root-user.uid=2000",
                  cwd=tmp_path)
    assert b"2000" in res.stdout


def test_stdin_to_stdout() -> None:
    res = dockmod("apply", "-", "--select", "non-root-user", stdin=NEEDS_USER.encode())
    assert res.returncode == 0
    assert res.stdout.decode().startswith("FROM alpine:3.20\n") and "USER" in res.stdout.decode()
    res = dockmod("diff", "-", "--select", "non-root-user", stdin=CLEAN.encode())
    assert res.returncode == 0 and res.stdout == b""


def _bad_tree(root: Path) -> dict[str, bytes]:
    files = {
        "binary/Dockerfile": b"\x7fELF\x00\x00\x01",
        "utf8/Dockerfile": b"FROM alpine\nRUN echo \xff\xfe\n",
        "heredoc/Dockerfile": b"FROM alpine\nRUN <<EOF\necho hi\n",
        "empty/Dockerfile": b"",
        "unreadable/Dockerfile": b"FROM alpine\nCMD [\"sh\"]\n",
        "good/Dockerfile": NEEDS_USER.encode(),
    }
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    (root / "unreadable" / "Dockerfile").chmod(0)
    (root / "loop").mkdir()
    (root / "loop" / "again").symlink_to("..", target_is_directory=True)
    return files


def test_bad_input_one_line_each_nothing_written_others_processed(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from refactor.cli import app

    root = tmp_path
    files = _bad_tree(root)
    unreadable = root / "unreadable" / "Dockerfile"
    if os.geteuid() == 0:  # root reads a mode-000 file anyway: make the read fail as it would for a user
        real_read = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self == unreadable:
                raise PermissionError(13, "Permission denied", str(self))
            return real_read(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    res = CliRunner().invoke(app, ["apply", str(root), str(root / "missing"), "--select", "non-root-user"])
    assert res.exit_code == 2
    err = res.stderr.splitlines()
    assert ("Traceback" not in res.stderr and res.exception is None) or isinstance(res.exception, SystemExit)
    expect = {"binary": "binary", "utf8": "UTF-8", "heredoc": "unterminated heredoc", "empty": "empty",
              "unreadable": "permission denied", "missing": "no such file", "loop/again": "symlink loop"}
    assert len(err) == len(expect), err
    for name, reason in expect.items():
        hits = [line for line in err if f"{root}/{name}" in line]
        assert len(hits) == 1 and reason in hits[0], (name, err)
    monkeypatch.undo()
    for rel, data in files.items():
        if rel != "good/Dockerfile":
            assert (root / rel).read_bytes() == data
    assert b"USER" in (root / "good" / "Dockerfile").read_bytes()  # the good file was still processed


def test_apply_keeps_mode_and_writes_through_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.Dockerfile"
    real.write_text(NEEDS_USER)
    real.chmod(0o640)
    link = tmp_path / "Dockerfile"
    link.symlink_to(real.name)
    assert dockmod("apply", str(link), "--select", "non-root-user").returncode == 0
    assert link.is_symlink() and b"USER" in real.read_bytes()
    assert real.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("name,found", [("Dockerfile", True), ("Dockerfile.prod", True), ("api.Dockerfile", True),
                                        ("x.dockerfile", True), ("Containerfile", True), ("README", False)])
def test_discovery_patterns(tmp_path: Path, name: str, found: bool) -> None:
    from refactor.discovery import discover

    (tmp_path / name).write_text(NEEDS_USER)
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "Dockerfile").write_text(NEEDS_USER)
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "Dockerfile").write_text(NEEDS_USER)
    (tmp_path / ".gitignore").write_text("ignored/\n")
    paths = [f.path.name for f in discover([str(tmp_path)])]
    assert paths == ([name] if found else [])


def test_quickstart_example_monorepo() -> None:
    res = dockmod("diff", "examples/")
    assert res.returncode == 1, res.stderr.decode()
    assert res.stderr == b""
    patch = res.stdout.decode()
    for path in sorted((REPO / "examples").rglob("Dockerfile")):
        rel = path.relative_to(REPO).as_posix()
        assert f"diff --git a/{rel} b/{rel}" in patch, f"{rel} not rewritten"


def test_readme_pass_table_is_current() -> None:
    from refactor.docs import with_table
    from transforms import PASSES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme == with_table(readme, PASSES), "run: python -m refactor.docs README.md"


def test_check_hides_info_findings_unless_verbose(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text('FROM alpine:3.20\nUSER 1000\nCMD ["sh"]\n')
    quiet = dockmod("check", "Dockerfile", "--select", "healthcheck", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == b""
    loud = dockmod("check", "Dockerfile", "--select", "healthcheck", "-v", cwd=tmp_path)
    assert loud.stdout.decode().startswith("Dockerfile:1: healthcheck: info: no EXPOSE")


SAFE_AND_REVIEW = 'FROM alpine:3.20\nRUN apk add curl\nCOPY app /app\nCMD ["/app"]\n'


def _in_process(args: list[str], cwd: Path):
    from typer.testing import CliRunner

    from refactor import cli

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli.app, args)
    finally:
        os.chdir(old)


def test_check_marks_review_fixes_with_their_evidence(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(SAFE_AND_REVIEW)
    res = _in_process(["check", "Dockerfile", "--select", "apk-no-cache,non-root-user"], tmp_path)
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert lines[0] == "Dockerfile:2: apk-no-cache: apk add gets --no-cache"
    assert lines[1].startswith("Dockerfile:4: non-root-user: [review] final stage runs as root: no USER in this file")


def test_safe_only_holds_back_review_fixes_and_says_how_many(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(SAFE_AND_REVIEW)
    sel = ["--select", "apk-no-cache,non-root-user", "--safe-only"]
    res = _in_process(["diff", "Dockerfile", *sel], tmp_path)
    assert res.exit_code == 1
    assert "+RUN apk add --no-cache curl" in res.stdout and "USER" not in res.stdout
    assert res.stderr == ("dockmod: --safe-only held back 1 review fix in 1 file "
                          "(see them with 'dockmod check -v --safe-only')\n")
    check = _in_process(["check", "Dockerfile", *sel, "-v"], tmp_path)
    lines = check.stdout.splitlines()
    assert len(lines) == 2 and lines[0] == "Dockerfile:2: apk-no-cache: apk add gets --no-cache"
    assert lines[1].startswith("Dockerfile:4: non-root-user: [review, held back] final stage runs as root: "
                               "no USER in this file")
    data = json.loads(_in_process(["check", "Dockerfile", *sel, "--format", "json"], tmp_path).stdout)
    assert [f["pass"] for f in data["files"][0]["fixes"]] == ["apk-no-cache"]
    assert [(f["pass"], f["safety"]) for f in data["files"][0]["held_back"]] == [("non-root-user", "review")]
    assert _in_process(["apply", "Dockerfile", *sel], tmp_path).exit_code == 0
    assert (tmp_path / "Dockerfile").read_text() == SAFE_AND_REVIEW.replace("apk add", "apk add --no-cache")
    # nothing safe left: check passes, and the review fix is still only held back
    again = _in_process(["check", "Dockerfile", *sel], tmp_path)
    assert again.exit_code == 0 and again.stdout == ""
    assert "held back 1 review fix" in again.stderr


def test_branch_safe_only_counts_held_back_fixes_in_the_pr_body(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "Dockerfile").write_text(SAFE_AND_REVIEW)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@e"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "init"], cwd=repo, check=True)
    res = _in_process(["branch", ".", "--branch", "dockmod/safe", "--safe-only", "--select",
                       "apk-no-cache,non-root-user"], repo)
    assert res.exit_code == 0, res.stderr
    assert "### `apk-no-cache`" in res.stdout and "non-root-user" not in res.stdout
    assert "1 review fix held back (`--safe-only`)" in res.stdout
    shown = subprocess.run(["git", "show", "dockmod/safe:Dockerfile"], cwd=repo, check=True, capture_output=True,
                           text=True).stdout
    assert shown == SAFE_AND_REVIEW.replace("apk add", "apk add --no-cache")
