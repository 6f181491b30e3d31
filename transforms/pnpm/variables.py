"""Variable selectors (``@scope/${SERVICE}``): when the stage shows the variable names a workspace directory,
the directory selector that means what the template meant."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from refactor.document import Document, Instruction, Stage
from refactor.edits import Edit, Finding, Fix, Level, Safety
from refactor.model import model_of
from refactor.project import (
    Project,
    Workspace,
)
from refactor.stages import lineage_instructions
from transforms.pnpm import PASS_ID
from transforms.pnpm.selectors import Selector, replace, split

# ``@scope/${VAR}`` / ``@scope/$VAR``: a package name made of a scope and a variable.
VARIABLE_NAME = re.compile(r"^(@[A-Za-z0-9._-]+)/\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$")


@dataclass(frozen=True)
class Variable:
    scope: str
    name: str
    spelled: str  # as written: ``${VAR}`` or ``$VAR``


def variable_selector(sel: Selector) -> Variable | None:
    if "'" in sel.word.raw or "`" in sel.word.raw:
        return None
    _, _, core, _ = split(sel.text)
    m = VARIABLE_NAME.match(core)
    if not m:
        return None
    return Variable(m.group(1), m.group(3) or m.group(4), "$" + m.group(2))


def names_directory(stage: Stage, ins: Instruction, var: Variable, root: str) -> tuple[str, Instruction] | None:
    """``(folder, COPY)`` when a COPY of the stage's lineage copies ``folder/${VAR}`` of the context to
    ``folder/${VAR}`` under the workspace root: the variable then names a directory below ``folder``."""
    forms = (f"${{{var.name}}}", f"${var.name}")
    for copy in lineage_instructions(stage):
        if copy is ins:
            break
        if copy.name != "COPY" or copy.flag("from") is not None or copy.heredocs:
            continue
        words = copy.json_args if copy.is_json else [w.value for w in copy.words]
        if not words or len(words) != 2:
            continue
        src, dest = (posixpath.normpath(w.replace(forms[1], forms[0]) if forms[0] not in w else w)
                     for w in words)
        if not src.endswith("/" + forms[0]) or src.startswith(("/", "..")):
            continue
        folder = src[:-len(forms[0]) - 1]
        if "$" in folder:
            continue
        cwd = model_of(copy.doc.stages[copy.stage_index]).workdir_at(copy)
        if cwd is None:
            continue
        if posixpath.normpath(posixpath.join(cwd, dest)) == posixpath.join(root, folder, forms[0]):
            return folder, copy
    return None


def rewrite_variable(doc: Document, stage: Stage, ins: Instruction, sel: Selector, var: Variable,
                      ws: Workspace | None, root: str | None, cwd: str | None, project: Project) -> Fix | Finding:
    """``@scope/${VAR}`` → ``./folder/${VAR}`` when the stage shows that VAR names a workspace directory."""
    at = sel.word.start
    left = f"--filter {sel.text}: left alone, it uses a variable"
    if ws is None or root is None or cwd is None:
        return Finding(PASS_ID, f"{left} and where the workspace lands in the image is not known", at, Level.SKIP)
    shown = names_directory(stage, ins, var, root)
    if shown is None:
        return Finding(PASS_ID, f"{left}; no COPY <folder>/{var.spelled} <folder>/{var.spelled} shows that it names "
                       "a workspace directory", at, Level.SKIP)
    folder, copy = shown
    data = project.load(ws.root / "pnpm-workspace.yaml")
    patterns = data.get("packages") if isinstance(data, dict) else None
    globs = {p.strip().removeprefix("./").rstrip("/") for p in patterns or [] if isinstance(p, str)}
    if f"{folder}/*" not in globs:
        return Finding(PASS_ID, f"{left}; {folder}/* is not a packages glob of pnpm-workspace.yaml", at, Level.SKIP)
    base = ws.root / folder
    dirs = sorted(d.name for d in base.iterdir() if d.is_dir() and not d.name.startswith(".")) \
        if base.is_dir() else []
    bare = [d for d in dirs if not (base / d / "package.json").is_file()]
    if not dirs or bare:
        return Finding(PASS_ID, f"{left}; {folder}/{bare[0] if bare else ''} has no package.json, so a directory "
                       "selector and the name would not pick the same projects", at, Level.SKIP)
    nested = [p.dir for d in dirs for p in ws.inside(f"{folder}/{d}") if p.dir != f"{folder}/{d}"]
    if nested:
        return Finding(PASS_ID, f"{left}; a directory selector would also pick the packages nested below "
                       f"{folder}/* ({', '.join(nested)})", at, Level.SKIP)
    exclude, prefix, _core, suffix = split(sel.text)
    rel = posixpath.relpath(posixpath.join(root, folder), cwd)
    if not rel.startswith("."):
        rel = "./" + rel
    core = f"{rel}/{var.spelled}"
    new = ("!" if exclude else "") + prefix + (core if not prefix and not suffix else "{" + core + "}") + suffix
    w = sel.word
    if doc.text[w.start:w.end] != w.raw:
        return Finding(PASS_ID, f"{left}; its quoting is too complex to edit", at, Level.SKIP)
    if w.raw == w.value:
        at_sel = w.raw.index(sel.text, sel.offset) if sel.text in w.raw else -1
        if at_sel < 0:
            return Finding(PASS_ID, f"{left}; its quoting is too complex to edit", at, Level.SKIP)
        edit = Edit(w.start + at_sel, w.start + at_sel + len(sel.text), f'"{new}"')
    else:
        found = replace(doc, sel, new)
        if found is None:
            return Finding(PASS_ID, f"{left}; its quoting is too complex to edit", at, Level.SKIP)
        edit = found
    by_name = {p.dir: p.name for p in ws.packages}
    members = [d for d in dirs if f"{folder}/{d}" in by_name]  # (an excluded folder: neither form picks it)
    wrong = [f"{d} is {by_name[f'{folder}/{d}']}" for d in members if by_name[f"{folder}/{d}"] != f"{var.scope}/{d}"]
    why = (f"by name it selects nothing for {'; '.join(wrong)}" if wrong else
           f"every package there is named {var.scope}/<directory>, so the selection is the same")
    shown_new = doc.text[w.start:w.end][:edit.start - w.start] + edit.content + doc.text[edit.end:w.end]
    if not sel.offset:  # the selector is its own word: show the option before it (--filter=… already names it)
        shown_new = f"--filter {shown_new}"
    return Fix(PASS_ID, f"select the project in {folder}/{var.spelled} by its directory: {shown_new} "
               f"(line {copy.lineno} copies {folder}/{var.spelled} to the workspace's {folder}/, every directory "
               f"under the packages glob {folder}/* has a package; {why})", (edit,), Safety.REVIEW)

