"""The error finding for a selector no workspace package has: the closest package, or the folder the
``packages:`` globs leave out."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from refactor.edits import Finding, Level
from refactor.project import (
    Workspace,
    WorkspacePackage,
)
from transforms.pnpm import PASS_ID
from transforms.pnpm.selectors import Selector


def no_such_package(sel: Selector, core: str, ws: Workspace, root: str | None) -> Finding:
    """An error: pnpm selects nothing for a name no package has, exits 0, and the image lacks the build."""
    where = f" at {root}" if root else " of the build context"
    message = (f"--filter {sel.text}: no package of the workspace{where} is named {core!r}: pnpm selects nothing "
               "and exits 0, so the build goes on without it")
    excluded = excluded_with_name(ws, core)
    close = closest(ws, core)
    if excluded:
        message += f"; ./{excluded} has that name but pnpm-workspace.yaml's packages globs leave it out"
    elif close is not None:
        message += (f"; the closest package is {close.name} in ./{close.dir} "
                    f"(--filter {close.name} or --filter ./{close.dir})")
    return Finding(PASS_ID, message, sel.word.start, Level.ERROR)


def closest(ws: Workspace, core: str) -> WorkspacePackage | None:
    named = [p for p in ws.packages if p.name and p.dir != "."]
    longer = [p for p in named if p.name and p.name.startswith(core)]
    pool = longer or named

    def score(p: WorkspacePackage) -> float:  # compare without the scope every name of a monorepo shares
        return difflib.SequenceMatcher(None, core.rsplit("/", 1)[-1], (p.name or "").rsplit("/", 1)[-1]).ratio()

    best = max(pool, key=score, default=None)
    return best if best is not None and (longer or score(best) >= 0.75) else None


def excluded_with_name(ws: Workspace, name: str) -> str | None:
    """The folder of a package.json named ``name`` below the workspace root that the workspace leaves out."""
    members = {p.dir for p in ws.packages}
    for folder, dirs, files in os.walk(ws.root):
        dirs[:] = sorted(d for d in dirs if d != "node_modules" and not d.startswith("."))
        rel = Path(folder).relative_to(ws.root).as_posix()
        if rel.count("/") > 3:
            dirs[:] = []
        if "package.json" in files and rel != "." and rel not in members:
            try:
                import json

                data = json.loads((Path(folder) / "package.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict) and data.get("name") == name:
                return rel
    return None

