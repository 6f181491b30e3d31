"""Which RUN instructions run under a POSIX shell, and a guard that keeps passes off the others.

Every RUN rewrite in dockmod (``&& rm -rf …``, ``apk add --no-cache``, ``|| true``) is POSIX sh. A RUN
under ``SHELL ["powershell", …]`` (Windows PowerShell 5.1 has no ``&&``), ``SHELL ["cmd", …]`` or the
default ``cmd /S /C`` of a Windows image (no ``rm``, no ``/var/…``) would no longer build. Every pass's
results go through ``guard_shells`` (see ``Pass.__call__``): a fix that edits such a RUN becomes a skip
naming the shell, unless the pass declares ``cmd_ok`` and the shell is ``cmd``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator

from refactor.document import Document, Instruction, Stage
from refactor.edits import Edit, Finding, Fix
from refactor.images import is_windows_image

POSIX_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"})

def windows_stage(stage: Stage) -> bool:
    """True when the stage builds a Windows container image (its base, or a stage it builds on)."""
    return any(is_windows_image(st.base_image) for st in stage.lineage())


def _shell_program(ins: Instruction) -> str | None:
    """``powershell`` for ``SHELL ["C:\\\\…\\\\powershell.exe", "-Command"]``; None when not exec form."""
    args = ins.json_args
    if not args:
        return None
    prog = posixpath.basename(args[0].replace("\\", "/")).lower()
    return prog[:-4] if prog.endswith(".exe") else prog


def non_posix_runs(doc: Document) -> dict[int, tuple[Instruction, str]]:
    """RUN instructions (by index) that a non-POSIX shell runs, with that shell's name."""
    if "non_posix_runs" not in doc.memo:  # every pass's results are guarded, each round
        doc.memo["non_posix_runs"] = _non_posix_runs(doc)
    return dict(doc.memo["non_posix_runs"])  # type: ignore[call-overload]


def _non_posix_runs(doc: Document) -> dict[int, tuple[Instruction, str]]:
    out: dict[int, tuple[Instruction, str]] = {}
    for stage in doc.stages:
        shell = "cmd" if windows_stage(stage) else "sh"
        own = {ins.index for ins in stage.body()}
        for ins in [i for s in reversed(stage.lineage()) for i in s.body()]:
            if ins.name == "SHELL":
                shell = _shell_program(ins) or shell
            elif ins.name == "RUN" and ins.index in own and shell not in POSIX_SHELLS and not ins.is_json:
                out[ins.index] = (ins, shell)
    return out


def _touches(edit: Edit, ins: Instruction) -> bool:
    if edit.start == edit.end:
        return ins.start <= edit.start < ins.stop
    return edit.start < ins.stop and edit.end > ins.start


def guard_shells(doc: Document, results: Iterable[Fix | Finding], cmd_ok: bool) -> Iterator[Fix | Finding]:
    """``results`` with every fix that edits a RUN under a non-POSIX shell turned into a skip. ``cmd_ok``:
    the pass only adds a flag, changes a URL or appends ``&& tool …`` with a tool Windows has, which
    ``cmd`` runs as is (PowerShell does not: ``curl`` is Invoke-WebRequest there, and 5.1 has no ``&&``)."""
    blocked = {k: v for k, v in non_posix_runs(doc).items() if not (cmd_ok and v[1] == "cmd")}
    for result in results:
        if isinstance(result, Fix) and blocked:
            hit = next((b for b in blocked.values() for e in result.edits if _touches(e, b[0])), None)
            if hit is not None:
                ins, shell = hit
                yield Finding(result.pass_id, f"line {ins.lineno} runs under {shell}, not a POSIX shell: "
                              "RUN rewrites are sh syntax; change it by hand", ins.start)
                continue
        yield result
