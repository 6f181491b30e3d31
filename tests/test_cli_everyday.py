"""The everyday path of diff/apply/check: git-rooted diffs, apply's guarantees and summary, parallel runs in
serial order, the option set of a linter (--statistics, --exit-zero, --quiet, --version, -h)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.test_cli import NEEDS_USER, dockmod

MONOREPO = REPO / "tests" / "fixtures" / "monorepo"
RUNN = "FROM alpine:3.20\nRUNN apk add curl\n"


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "user.name=t", "-c", "user.email=t@e",
                           *args], cwd=cwd, input=stdin, check=True, capture_output=True)


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(MONOREPO, repo)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    return repo


def test_diff_from_a_subfolder_applies_with_git_apply_and_equals_apply(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    sub = repo / "services"
    res = dockmod("diff", ".", cwd=sub)
    assert res.returncode == 1, res.stderr
    assert b"diff --git a/services/api/Dockerfile b/services/api/Dockerfile\n" in res.stdout  # repo-root paths
    assert res.stdout.count(b"diff --git ") >= 20
    _git(sub, "apply", "-", stdin=res.stdout)  # from the subfolder, as a user would
    assert _git(repo, "status", "--short").stdout.count(b" M services/") >= 20  # applied (git skips paths outside cwd)
    patched = {p.relative_to(repo): p.read_bytes() for p in sorted(sub.rglob("Dockerfile"))}
    _git(repo, "checkout", "-q", "--", ".")
    assert dockmod("apply", ".", "-q", cwd=sub).returncode == 0
    assert {p.relative_to(repo): p.read_bytes() for p in sorted(sub.rglob("Dockerfile"))} == patched


def test_diff_outside_a_repository_is_relative_to_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "Dockerfile").write_text(NEEDS_USER)
    res = dockmod("diff", "Dockerfile", "--select", "non-root-user", cwd=tmp_path / "svc")
    assert res.stdout.startswith(b"diff --git a/Dockerfile b/Dockerfile\n")


def test_parallel_run_prints_what_a_serial_run_prints(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    serial = dockmod("check", ".", "--jobs", "1", cwd=repo)
    parallel = dockmod("check", ".", "--jobs", "2", cwd=repo)
    assert serial.stdout and (serial.stdout, serial.stderr, serial.returncode) == (
        parallel.stdout, parallel.stderr, parallel.returncode)
    assert dockmod("diff", ".", "-j", "2", cwd=repo).stdout == dockmod("diff", ".", "-j", "1", cwd=repo).stdout


def test_apply_summary_statistics_and_quiet(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "Dockerfile").write_text(NEEDS_USER)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "Dockerfile").write_text(RUNN)
    res = dockmod("apply", ".", "--select", "non-root-user", "--statistics", cwd=tmp_path)
    assert res.returncode == 2  # c/Dockerfile is an error
    assert res.stdout.decode().splitlines() == ["2  non-root-user",
                                                "2 files changed, 2 fixes (2 review), 0 skipped, 1 failed"]
    assert res.stderr.decode() == "c/Dockerfile: error: unknown instruction 'RUNN' at line 2\n"
    (tmp_path / "a" / "Dockerfile").write_text(NEEDS_USER)
    quiet = dockmod("apply", "a", "--select", "non-root-user", "-q", cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, b"", b"")


def test_check_exits_2_with_one_line_for_an_unknown_instruction(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(RUNN)
    res = dockmod("check", "Dockerfile", cwd=tmp_path)
    assert (res.returncode, res.stdout) == (2, b"")
    assert res.stderr == b"Dockerfile: error: unknown instruction 'RUNN' at line 2\n"


def test_exit_zero_keeps_errors_at_2(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(NEEDS_USER)
    res = dockmod("check", "Dockerfile", "--exit-zero", cwd=tmp_path)
    assert res.returncode == 0 and b"non-root-user" in res.stdout
    assert dockmod("diff", "Dockerfile", "--exit-zero", cwd=tmp_path).returncode == 0
    (tmp_path / "bad.Dockerfile").write_text(RUNN)
    assert dockmod("check", ".", "--exit-zero", cwd=tmp_path).returncode == 2


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to own a file as another user")
def test_apply_refuses_a_read_only_file_and_keeps_owner_and_group(tmp_path: Path) -> None:
    ro, owned = tmp_path / "ro" / "Dockerfile", tmp_path / "owned" / "Dockerfile"
    for p in (ro, owned):
        p.parent.mkdir()
        p.write_text(NEEDS_USER)
    ro.chmod(0o444)
    os.chown(owned, 1234, 2345)
    owned.chmod(0o640)
    res = dockmod("apply", ".", "--select", "non-root-user", cwd=tmp_path)
    assert res.returncode == 2
    assert res.stderr == b"ro/Dockerfile: error: read-only file, not changed (make it writable to apply)\n"
    assert ro.read_text() == NEEDS_USER and stat.S_IMODE(ro.stat().st_mode) == 0o444
    st = owned.stat()
    assert b"USER" in owned.read_bytes() and (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1234, 2345, 0o640)
    assert res.stdout.endswith(b"1 file changed, 1 fix (1 review), 0 skipped, 1 failed\n")


def test_apply_stdin_echoes_bad_input_back_unchanged() -> None:
    for bad in (RUNN.encode(), b"FROM alpine\nRUN echo \xff\n", b"FROM alpine\nRUN <<EOF\necho hi\n"):
        res = dockmod("apply", "-", stdin=bad)
        assert (res.returncode, res.stdout) == (2, bad)
        assert len(res.stderr.splitlines()) == 1 and res.stderr.startswith(b"-: error: ")


def test_version_short_help_and_plain_help_texts() -> None:
    version = dockmod("--version")
    assert version.returncode == 0 and version.stdout.startswith(b"dockmod ")
    for command in ("diff", "apply", "check"):
        res = dockmod(command, "-h")
        assert res.returncode == 0, res.stderr
        text = res.stdout.decode()
        for option in ("--jobs", "--statistics", "--quiet", "--format", "[review]" if command == "check" else "-h"):
            assert option in text, (command, option)
        assert "<bool>" not in text and "<str>" not in text and "--set PASS.KEY=VALUE" in text
