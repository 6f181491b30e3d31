"""Subprocesses for the builders: each in its own process group, killed as a group on timeout."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from refactor.build.base import BuildError


@dataclass
class Proc:
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str
    duration: float


def tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def run(
    argv: Sequence[str],
    *,
    timeout: float,
    check: bool = True,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    merge_stderr: bool = False,
    what: str | None = None,
) -> Proc:
    """Run ``argv``; kill its whole process group on timeout or interrupt.

    Raises :class:`BuildError` on timeout, on a missing executable, and (with ``check``) on a
    non-zero exit, quoting the tail of the output.
    """
    argv = [str(a) for a in argv]
    label = what or " ".join(argv[:3])
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            text=True,
            errors="replace",
            start_new_session=True,
        )
    except FileNotFoundError as exc:
        raise BuildError(f"{label}: executable not found: {argv[0]}") from exc
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        raise BuildError(
            f"{label}: timed out after {timeout:.0f}s: {' '.join(argv)}\n{tail((out or '') + (err or ''))}"
        ) from None
    except BaseException:  # e.g. KeyboardInterrupt: leave no stray processes behind
        kill_group(proc)
        proc.wait()
        raise
    result = Proc(argv, proc.returncode, out or "", err or "", time.monotonic() - start)
    if check and proc.returncode != 0:
        output = tail(result.stdout + result.stderr)
        raise BuildError(f"{label}: exit code {proc.returncode}: {' '.join(argv)}\n{output}")
    return result


def kill_group(proc: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM the process group, then SIGKILL it if it is still there after ``grace`` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def file_lock(directory: Path, name: str) -> Iterator[None]:
    """Inter-process lock (pytest-xdist workers, parallel CI jobs on one machine)."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f".{name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text() == text:
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)
