"""buildah runs a non-root container's main process the way runc does for its stdio: the pipes are handed to
the image's ``uid:gid`` first, so nginx or Apache can reopen /dev/stderr (their log links). No build here."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from refactor.build import buildah
from refactor.build.base import ExecResult


def _builder(tmp_path: Path, answer: ExecResult, asked: list[tuple[list[str], str | None]]) -> buildah.BuildahBuilder:
    b = buildah.BuildahBuilder(tmp_path / "state", tmp_path / "cache", tmp_path / "run")

    def run(ref: str, argv: list[str], *, user: str | None = None, **_: object) -> ExecResult:
        asked.append((argv, user))
        return answer

    b.run = run  # type: ignore[method-assign]
    return b


@pytest.mark.parametrize("user", ["", "0:0", "root:root", "1001", "app"])
def test_root_or_a_user_without_group_runs_as_before(tmp_path: Path, user: str) -> None:
    asked: list[tuple[list[str], str | None]] = []
    b = _builder(tmp_path, ExecResult(0, "/home/app\n1001\n"), asked)
    assert b._stdio_handover("img", user) is None
    assert asked == []


def test_uid_gid_user_gets_its_home_and_groups(tmp_path: Path) -> None:
    asked: list[tuple[list[str], str | None]] = []
    b = _builder(tmp_path, ExecResult(0, "/nonexistent\n101,4\n"), asked)
    assert b._stdio_handover("img", "101:101") == ("/nonexistent", "101,4")
    assert asked[0][1] == "101:101"  # asked as that user, so HOME and groups are what buildah gives it


def test_image_without_setpriv_runs_as_before(tmp_path: Path) -> None:
    b = _builder(tmp_path, ExecResult(1, ""), [])
    assert b._stdio_handover("img", "101:101") is None


def test_handover_script_chowns_the_pipes_then_drops_to_the_user(tmp_path: Path) -> None:
    # The script as the container's shell runs it ($0 the user, $1 its groups, then the argv), with chown and
    # setpriv replaced by scripts that print how they were called.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("chown", "setpriv"):
        (bin_dir / tool).write_text(f'#!/bin/sh\necho {tool} "$@" >&3\n')
        (bin_dir / tool).chmod(0o755)
    script = f"exec 3>&1; PATH={bin_dir}:$PATH; " + buildah._HAND_STDIO  # fd 3: what the stand-ins print
    run = subprocess.run(["/bin/sh", "-c", script, "101:101", "101,4", "nginx", "-g", "daemon off;"],
                         capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == [
        "chown 101:101 /proc/self/fd/1 /proc/self/fd/2",
        "setpriv --reuid=101 --regid=101 --groups=101,4 -- nginx -g daemon off;",
    ]
