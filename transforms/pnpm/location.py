"""Where the pnpm workspace lands in the image: the ``pnpm-workspace.yaml`` nearest above the RUN's working
directory, followed through COPY destinations, WORKDIR and ``cd``."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from refactor.document import Instruction, Stage
from refactor.model import model_of
from refactor.project import (
    Origin,
    Project,
    Workspace,
    image_origin,
    shell_cwd,
)
from refactor.shell import ShellCommand, ShellScript
from refactor.stages import lineage_instructions


def workspace_in_image(stage: Stage, ins: Instruction, script: ShellScript, cmd: ShellCommand, context: Path,
                        project: Project) -> tuple[Workspace | None, str | None, str | None, str]:
    """The workspace pnpm finds from the command's working directory, where its root is in the image,
    that directory, and else why it is not known."""
    start = model_of(stage).workdir_at(ins)
    if start is None:
        return None, None, None, "the RUN's working directory is not known (WORKDIR uses a variable)"
    cwd = shell_cwd(script.commands, cmd, start)
    if cwd is None:
        return None, None, None, "the working directory is not known (a cd earlier in the RUN is not simple)"
    folder = cwd
    while True:
        manifest = posixpath.join(folder, "pnpm-workspace.yaml")
        origin = workspace_origin(stage, manifest, context, ins)
        if origin.kind == "unknown":
            return None, None, cwd, f"where {manifest} comes from is not known ({origin.reason})"
        if origin.kind == "context" and origin.path is not None:
            ws = project.pnpm_workspace(origin.path.parent)
            if ws is None:
                return None, None, cwd, f"{manifest} is not a file of the build context"
            return ws, folder, cwd, ""
        if folder == "/":
            return None, None, cwd, (f"no pnpm-workspace.yaml of the build context is copied to {cwd} or a "
                                     f"folder above it, so the directory a selector is relative to is not known")
        folder = posixpath.dirname(folder)


UNKNOWN_DEST = re.compile(r"the destination of line (\d+) is not known")


def workspace_origin(stage: Stage, path: str, context: Path, before: Instruction) -> Origin:
    """``image_origin``, looking past a COPY whose destination has a variable part below a fixed folder that
    ``path`` is not in (``COPY services/${SERVICE} ./services/${SERVICE}`` cannot write
    ``/app/pnpm-workspace.yaml``): what lands at ``path`` is then what was there before that COPY."""
    for _ in range(32):
        origin = image_origin(stage, path, context, before)
        m = UNKNOWN_DEST.search(origin.reason) if origin.kind == "unknown" else None
        copy = instruction_at(stage, int(m.group(1))) if m else None
        if copy is None or may_write(copy, path):
            return origin
        before = copy
    return origin


def instruction_at(stage: Stage, line: int) -> Instruction | None:
    return next((i for i in lineage_instructions(stage) if i.name in ("COPY", "ADD") and i.lineno == line), None)


def may_write(copy: Instruction, path: str) -> bool:
    """Whether a COPY/ADD whose destination uses a variable may write ``path``: True unless the destination's
    fixed leading folders already leave ``path`` out."""
    words = copy.json_args if copy.is_json else [w.value for w in copy.words]
    if not words:
        return True
    raw = words[-1]
    fixed = raw.split("$", 1)[0]
    if "/" not in fixed:
        return True  # the variable is the first path segment: it may name any folder or file
    fixed = fixed.rsplit("/", 1)[0] or fixed[:1]  # "/${DIR}": the variable names a folder of /
    cwd = model_of(copy.doc.stages[copy.stage_index]).workdir_at(copy)
    if cwd is None and not fixed.startswith("/"):
        return True
    folder = posixpath.normpath(posixpath.join(cwd or "/", fixed)) if fixed else cwd or "/"
    if ".." in fixed.split("/"):
        return True
    return path == folder or path.startswith(folder.rstrip("/") + "/")

