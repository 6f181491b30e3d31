"""Runs passes over files. Every file ends as exactly one of changed, unchanged, skipped or failed."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from refactor.applier import Outcome, Reported, describe, transform
from refactor.config import ConfigError
from refactor.document import parse, reuse_parses
from refactor.passes import Context, Pass
from refactor.source import InputError, decode
from refactor.validate import unknown_instructions


class Status(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass
class FileResult:
    display: str  # the path as the user should see it
    status: Status
    original: str = ""
    new: str = ""
    fixes: list[Reported] = field(default_factory=list)
    findings: list[Reported] = field(default_factory=list)
    reason: str | None = None  # why it was skipped or failed
    internal_errors: list[str] = field(default_factory=list)  # passes left out for a bug: the run exits 2
    held: list[Reported] = field(default_factory=list)  # review fixes not applied (``safe_only``)
    suppressed: list[Reported] = field(default_factory=list)  # fixes an inline suppression kept out

    @property
    def changed(self) -> bool:
        return self.status is Status.CHANGED


def process_text(text: str, display: str, passes: Sequence[Pass], ctx: Context,
                 safe_only: bool = False) -> FileResult:
    """Run ``passes`` on already-decoded ``text``; never raises (a bug becomes a failed file).

    ``safe_only`` applies only safe fixes; the review fixes left out are in ``held``.
    """
    try:
        if ctx.settings is not None:  # configuration files: this file's passes and options
            passes, ctx = ctx.settings.apply(ctx, passes)
        with reuse_parses():  # the input and each round's text are parsed once, however many ask
            return _process_text(text, display, passes, ctx, safe_only)
    except ConfigError as exc:
        return FileResult(display, Status.FAILED, text, text, reason=str(exc))
    except Exception as exc:  # a bug outside the passes (isolated by the applier)
        return FileResult(display, Status.FAILED, text, text, reason=f"internal error in dockmod: {describe(exc)}")


def _process_text(text: str, display: str, passes: Sequence[Pass], ctx: Context, safe_only: bool) -> FileResult:
    try:
        parse(text)
        unknown = unknown_instructions(text)
    except InputError as exc:
        return FileResult(display, Status.FAILED, text, text, reason=str(exc))
    if unknown:
        cmd, line = unknown[0]
        return FileResult(display, Status.FAILED, text, text,  # an error, as for docker build
                          reason=f"unknown instruction {cmd!r} at line {line}")
    try:
        outcome: Outcome = transform(text, passes, ctx, safe_only)
    except InputError as exc:
        return FileResult(display, Status.FAILED, text, text, reason=str(exc))
    internal = outcome.internal_errors
    if outcome.failure:
        return FileResult(display, Status.FAILED, text, text, reason=outcome.failure, internal_errors=internal)
    if outcome.error:
        return FileResult(display, Status.SKIPPED, text, text, findings=outcome.findings,
                          reason=f"left unchanged: {outcome.error}", internal_errors=internal)
    status = Status.CHANGED if outcome.text != text else Status.UNCHANGED
    return FileResult(display, status, text, outcome.text, outcome.fixes, outcome.findings,
                      internal_errors=internal, held=outcome.held, suppressed=outcome.suppressed)


def process_file(path: Path, passes: Sequence[Pass], ctx: Context, display: str | None = None,
                 safe_only: bool = False) -> FileResult:
    """Read, decode and transform one file; never raises for bad input."""
    display = display or str(path)
    try:
        data = path.read_bytes()
        text = decode(data)
    except InputError as exc:
        return FileResult(display, Status.FAILED, reason=str(exc))
    except IsADirectoryError:
        return FileResult(display, Status.FAILED, reason="is a directory")
    except OSError as exc:
        return FileResult(display, Status.FAILED, reason=(exc.strerror or str(exc)).lower())
    return process_text(text, display, passes, replace(ctx, path=path), safe_only)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path``'s content through a temporary file in the same folder; keeps the file mode, owner
    and group (a file that would change hands is not written: the OSError says so).

    A symlink is written through to its target, so the link itself survives.
    """
    import tempfile  # here, not at the top: only apply writes

    target = path.resolve()
    st = target.stat()
    mode = st.st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".dockmod", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        if (st.st_uid, st.st_gid) != (os.stat(tmp).st_uid, os.stat(tmp).st_gid):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)  # root applying to a user's checkout
            except PermissionError:
                raise PermissionError(1, "would change its owner or group (run as its owner)") from None
        os.chmod(tmp, mode)  # after chown, which may clear set-id bits
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
