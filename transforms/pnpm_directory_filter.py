"""Select pnpm workspace packages by directory instead of by package name.

What it does:
    In ``pnpm`` commands (not turbo's or npm's ``--filter``) it rewrites each package-name selector of
    ``--filter``/``--filter=``/``-F``/``--filter-prod`` to the directory selector that picks the same
    project: ``--filter @vextrus/auth-service`` → ``--filter ./services/auth``. Dependency and dependent
    forms keep their meaning in pnpm's selector grammar: ``name...`` → ``{./dir}...``, ``...name`` →
    ``...{./dir}``, ``name^...`` → ``{./dir}^...``, ``...^name`` → ``...^{./dir}``, ``!name`` →
    ``!./dir``. Names are looked up in the ``pnpm-workspace.yaml`` (``packages:`` globs, ``!``
    exclusions) that lands nearest above the RUN's working directory, and in each package's
    ``package.json``. The directory is written relative to that working directory (COPY destinations,
    WORKDIR and ``cd`` earlier in the same RUN are followed), as pnpm resolves it.

    A variable selector ``@scope/${SERVICE}`` becomes ``"./services/${SERVICE}"`` when the stage shows that
    the variable names a workspace directory (``COPY services/${SERVICE} ./services/${SERVICE}`` into the
    workspace root), ``services/*`` is a ``packages:`` glob and every directory under it has a package (and
    none has packages nested below it): by name, ``@vextrus/${SERVICE}`` selects nothing for a directory
    whose package is named otherwise (``services/auth`` is ``@vextrus/auth-service``). A COPY whose
    destination has its variable part below a fixed folder (``./services/${SERVICE}``) does not hide where
    ``pnpm-workspace.yaml`` lands at the root.

    A name no workspace package has is an error finding (``check`` exits 1), whether or not the workspace
    location in the image is known (the build context's workspace is used then): pnpm selects nothing, exits
    0, and the image lacks the build. The finding names the closest package and its directory, or the
    folder the ``packages:`` globs leave out.

    Left alone, with a reason: other selectors with variables, name globs, names that several packages
    have, selectors that already use a directory, changed-since (``[ref]``) selectors, commands with
    ``-C``/``--dir``, packages with nested workspace packages (a directory selector would pick those too),
    and RUNs whose working directory or workspace location in the image is unknown.

Why:
    A package's name need not match its folder (``services/auth`` is ``@vextrus/auth-service``); a
    Dockerfile template that builds ``--filter @vextrus/${SERVICE}`` breaks on such a name. Directory
    selectors follow the layout the Dockerfile copies, which is what the image build actually sees.

Example:
    Before::

        WORKDIR /app
        COPY . .
        RUN pnpm --filter @vextrus/auth-service... build

    After::

        RUN pnpm --filter {./services/auth}... build

Fix safety:
    Safe for a name: the directory selector selects exactly the projects the name selector selected (the
    package has that name, no other project shares it, no project is nested below its folder). Review for
    a variable selector: where a directory's package is named otherwise, the build now selects the project
    the template meant instead of nothing.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from refactor.commands import strip_wrappers
from refactor.document import Document, Instruction, Stage
from refactor.edits import Edit, Finding, Fix, Level, Safety
from refactor.knowledge.clis import PNPM_BUILTINS, PNPM_FILTER_OPTIONS, PNPM_RUNNERS
from refactor.passes import Context, Pass
from refactor.project import (
    Origin,
    Project,
    Workspace,
    WorkspacePackage,
    image_origin,
    project_context,
    shell_cwd,
    workdir_at,
)
from refactor.shell import ShellCommand, ShellScript, ShellWord, shell_of
from refactor.stages import lineage_instructions

PASS_ID = "pnpm-directory-filter"


@dataclass(frozen=True)
class Selector:
    word: ShellWord
    offset: int  # where the selector starts inside ``word.value``
    text: str


def run(doc: Document, ctx: Context) -> Iterator[Fix | Finding]:
    resolved = project_context(doc, ctx.path, ctx.context_dir, ctx.project)
    if resolved is None:
        return
    project, context = resolved
    for stage in doc.stages:
        for ins in stage.body():
            script = shell_of(ins)
            if script is None:
                continue
            for cmd in script.commands:
                selectors, chdir = _selectors(cmd)
                if selectors:
                    yield from _rewrite(doc, stage, ins, script, cmd, selectors, chdir, context, project)


def _selectors(cmd: ShellCommand) -> tuple[list[Selector], bool]:
    """The filter selectors of a pnpm command that pnpm itself reads, and whether it changes directory."""
    words, _ = strip_wrappers(cmd)  # sudo -E, env X=1, exec… (refactor.commands)
    if words and words[0].value.rsplit("/", 1)[-1] == "corepack":
        words = words[1:]
    if not words or words[0].value.rsplit("/", 1)[-1] != "pnpm":
        return [], False
    out: list[Selector] = []
    chdir = False
    positional: list[str] = []
    i = 1
    while i < len(words):
        w = words[i]
        v = w.value
        if v == "--":
            break
        if v in (*PNPM_FILTER_OPTIONS, "-F"):
            if i + 1 < len(words):
                out.append(Selector(words[i + 1], 0, words[i + 1].value))
            i += 2
            continue
        name, eq, value = v.partition("=")
        if eq and name in PNPM_FILTER_OPTIONS:
            out.append(Selector(w, len(name) + 1, value))
        elif v in ("-C", "--dir"):
            chdir = True
            i += 2
            continue
        elif v.startswith(("--dir=", "-C")):
            chdir = True
        elif not v.startswith("-"):
            positional.append(v)
            first = positional[0]
            if first not in PNPM_BUILTINS and (first not in PNPM_RUNNERS or len(positional) > 1):
                break
        i += 1
    return out, chdir


def _rewrite(doc: Document, stage: Stage, ins: Instruction, script: ShellScript, cmd: ShellCommand,
             selectors: list[Selector], chdir: bool, context: Path,
             project: Project) -> Iterator[Fix | Finding]:
    state: dict[str, object] = {}

    def where() -> tuple[Workspace | None, str | None, str | None, str]:
        if not state:
            state["v"] = _workspace_in_image(stage, ins, script, cmd, context, project)
        return state["v"]  # type: ignore[return-value]

    for sel in selectors:
        at = sel.word.start
        if chdir:
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, the command changes directory (-C/--dir)",
                          at, Level.SKIP)
            continue
        variable = _variable_selector(sel)
        if variable is not None:
            ws, root, cwd, why = where()
            yield _rewrite_variable(doc, stage, ins, sel, variable, ws, root, cwd, project)
            continue
        reason = _unsupported(sel)
        if reason:
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, {reason}", at, Level.SKIP)
            continue
        exclude, prefix, core, suffix = _split(sel.text)
        ws, root, cwd, why = where()
        if ws is None or root is None or cwd is None:
            # Where the workspace lands in the image is not known, but the build context's own workspace still
            # tells a name no package has: pnpm would select nothing.
            context_ws = project.pnpm_workspace(context)
            if context_ws is not None and not context_ws.named(core):
                yield _no_such_package(sel, core, context_ws, None)
                continue
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, {why}", at, Level.SKIP)
            continue
        found = ws.named(core)
        if not found:
            yield _no_such_package(sel, core, ws, root)
            continue
        if len(found) > 1:
            dirs = ", ".join(p.dir for p in found)
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, several packages match {core!r} ({dirs})",
                          at, Level.SKIP)
            continue
        pkg = found[0]
        nested = [p.dir for p in ws.inside(pkg.dir) if p is not pkg]
        if pkg.dir == "." or nested:
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, a directory selector for {pkg.dir} would "
                          f"also pick the packages below it ({', '.join(nested) or 'every package'})",
                          at, Level.SKIP)
            continue
        rel = posixpath.relpath(posixpath.join(root, pkg.dir), cwd)
        if not rel.startswith("."):
            rel = "./" + rel
        body = rel if not prefix and not suffix else "{" + rel + "}"
        new = ("!" if exclude else "") + prefix + body + suffix
        edit = _replace(doc, sel, new)
        if edit is None:
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, its quoting is too complex to edit",
                          at, Level.SKIP)
            continue
        yield Fix(PASS_ID, f"select {pkg.name} by its directory: --filter {new}", (edit,), Safety.SAFE)


def _unsupported(sel: Selector) -> str:
    text, raw = sel.text, sel.word.raw
    if "$" in raw or "`" in raw:
        return "it uses a variable"
    _, _, core, _ = _split(text)
    if not core:
        return "it names no package"
    if core.startswith(".") or "{" in core or "}" in core:
        return "it is already a directory selector"
    if "[" in core:
        return "a changed-since selector ([ref]) is not a package name"
    if any(c in core for c in "*?"):
        return "it is a name pattern (glob)"
    return ""


def _split(text: str) -> tuple[bool, str, str, str]:
    """``!``, the dependents prefix (``...``/``...^``), the core, and the dependencies suffix."""
    exclude = text.startswith("!")
    if exclude:
        text = text[1:]
    suffix = ""
    if text.endswith("^..."):
        suffix, text = "^...", text[:-4]
    elif text.endswith("..."):
        suffix, text = "...", text[:-3]
    prefix = ""
    if text.startswith("...^"):
        prefix, text = "...^", text[4:]
    elif text.startswith("..."):
        prefix, text = "...", text[3:]
    return exclude, prefix, text, suffix


def _replace(doc: Document, sel: Selector, new: str) -> Edit | None:
    """Replace the selector inside its word, keeping the word's quotes."""
    from refactor.words import unquote

    w = sel.word
    if doc.text[w.start:w.end] != w.raw or w.raw.count(sel.text) != 1:
        return None
    at = w.raw.index(sel.text)
    raw = w.raw[:at] + new + w.raw[at + len(sel.text):]
    if unquote(raw) != w.value[:sel.offset] + new:
        return None
    return Edit(w.start + at, w.start + at + len(sel.text), new)


def _workspace_in_image(stage: Stage, ins: Instruction, script: ShellScript, cmd: ShellCommand, context: Path,
                        project: Project) -> tuple[Workspace | None, str | None, str | None, str]:
    """The workspace pnpm finds from the command's working directory, where its root is in the image,
    that directory, and else why it is not known."""
    start = workdir_at(stage, ins)
    if start is None:
        return None, None, None, "the RUN's working directory is not known (WORKDIR uses a variable)"
    cwd = shell_cwd(script.commands, cmd, start)
    if cwd is None:
        return None, None, None, "the working directory is not known (a cd earlier in the RUN is not simple)"
    folder = cwd
    while True:
        manifest = posixpath.join(folder, "pnpm-workspace.yaml")
        origin = _origin(stage, manifest, context, ins)
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


_UNKNOWN_DEST = re.compile(r"the destination of line (\d+) is not known")


def _origin(stage: Stage, path: str, context: Path, before: Instruction) -> Origin:
    """``image_origin``, looking past a COPY whose destination has a variable part below a fixed folder that
    ``path`` is not in (``COPY services/${SERVICE} ./services/${SERVICE}`` cannot write
    ``/app/pnpm-workspace.yaml``): what lands at ``path`` is then what was there before that COPY."""
    for _ in range(32):
        origin = image_origin(stage, path, context, before)
        m = _UNKNOWN_DEST.search(origin.reason) if origin.kind == "unknown" else None
        copy = _instruction_at(stage, int(m.group(1))) if m else None
        if copy is None or _may_write(copy, path):
            return origin
        before = copy
    return origin


def _instruction_at(stage: Stage, line: int) -> Instruction | None:
    return next((i for i in lineage_instructions(stage) if i.name in ("COPY", "ADD") and i.lineno == line), None)


def _may_write(copy: Instruction, path: str) -> bool:
    """Whether a COPY/ADD whose destination uses a variable may write ``path``: True unless the destination's
    fixed leading folders already leave ``path`` out."""
    words = copy.json_args if copy.is_json else [w.value for w in copy.words]
    if not words:
        return True
    raw = words[-1]
    fixed = raw.split("$", 1)[0]
    if "/" not in fixed:
        return True  # the variable is the first path segment: it may name any folder or file
    fixed = fixed.rsplit("/", 1)[0]
    cwd = workdir_at(copy.doc.stages[copy.stage_index], copy)
    if cwd is None and not fixed.startswith("/"):
        return True
    folder = posixpath.normpath(posixpath.join(cwd or "/", fixed)) if fixed else cwd or "/"
    if ".." in fixed.split("/"):
        return True
    return path == folder or path.startswith(folder.rstrip("/") + "/")


# ``@scope/${VAR}`` / ``@scope/$VAR``: a package name made of a scope and a variable.
_VARIABLE_NAME = re.compile(r"^(@[A-Za-z0-9._-]+)/\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$")


@dataclass(frozen=True)
class _Variable:
    scope: str
    name: str
    spelled: str  # as written: ``${VAR}`` or ``$VAR``


def _variable_selector(sel: Selector) -> _Variable | None:
    if "'" in sel.word.raw or "`" in sel.word.raw:
        return None
    _, _, core, _ = _split(sel.text)
    m = _VARIABLE_NAME.match(core)
    if not m:
        return None
    return _Variable(m.group(1), m.group(3) or m.group(4), "$" + m.group(2))


def _names_directory(stage: Stage, ins: Instruction, var: _Variable, root: str) -> tuple[str, Instruction] | None:
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
        cwd = workdir_at(copy.doc.stages[copy.stage_index], copy)
        if cwd is None:
            continue
        if posixpath.normpath(posixpath.join(cwd, dest)) == posixpath.join(root, folder, forms[0]):
            return folder, copy
    return None


def _rewrite_variable(doc: Document, stage: Stage, ins: Instruction, sel: Selector, var: _Variable,
                      ws: Workspace | None, root: str | None, cwd: str | None, project: Project) -> Fix | Finding:
    """``@scope/${VAR}`` → ``./folder/${VAR}`` when the stage shows that VAR names a workspace directory."""
    at = sel.word.start
    left = f"--filter {sel.text}: left alone, it uses a variable"
    if ws is None or root is None or cwd is None:
        return Finding(PASS_ID, f"{left} and where the workspace lands in the image is not known", at, Level.SKIP)
    shown = _names_directory(stage, ins, var, root)
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
    exclude, prefix, _core, suffix = _split(sel.text)
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
        found = _replace(doc, sel, new)
        if found is None:
            return Finding(PASS_ID, f"{left}; its quoting is too complex to edit", at, Level.SKIP)
        edit = found
    by_name = {p.dir: p.name for p in ws.packages}
    members = [d for d in dirs if f"{folder}/{d}" in by_name]  # (an excluded folder: neither form picks it)
    wrong = [f"{d} is {by_name[f'{folder}/{d}']}" for d in members if by_name[f"{folder}/{d}"] != f"{var.scope}/{d}"]
    why = (f"by name it selects nothing for {'; '.join(wrong)}" if wrong else
           f"every package there is named {var.scope}/<directory>, so the selection is the same")
    shown_new = doc.text[w.start:w.end][:edit.start - w.start] + edit.content + doc.text[edit.end:w.end]
    return Fix(PASS_ID, f"select the project in {folder}/{var.spelled} by its directory: --filter {shown_new} "
               f"(line {copy.lineno} copies {folder}/{var.spelled} to the workspace's {folder}/, every directory "
               f"under the packages glob {folder}/* has a package; {why})", (edit,), Safety.REVIEW)


def _no_such_package(sel: Selector, core: str, ws: Workspace, root: str | None) -> Finding:
    """An error: pnpm selects nothing for a name no package has, exits 0, and the image lacks the build."""
    where = f" at {root}" if root else " of the build context"
    message = (f"--filter {sel.text}: no package of the workspace{where} is named {core!r}: pnpm selects nothing "
               "and exits 0, so the build goes on without it")
    excluded = _excluded_with_name(ws, core)
    close = _closest(ws, core)
    if excluded:
        message += f"; ./{excluded} has that name but pnpm-workspace.yaml's packages globs leave it out"
    elif close is not None:
        message += (f"; the closest package is {close.name} in ./{close.dir} "
                    f"(--filter {close.name} or --filter ./{close.dir})")
    return Finding(PASS_ID, message, sel.word.start, Level.ERROR)


def _closest(ws: Workspace, core: str) -> WorkspacePackage | None:
    named = [p for p in ws.packages if p.name and p.dir != "."]
    longer = [p for p in named if p.name and p.name.startswith(core)]
    pool = longer or named

    def score(p: WorkspacePackage) -> float:  # compare without the scope every name of a monorepo shares
        return difflib.SequenceMatcher(None, core.rsplit("/", 1)[-1], (p.name or "").rsplit("/", 1)[-1]).ratio()

    best = max(pool, key=score, default=None)
    return best if best is not None and (longer or score(best) >= 0.75) else None


def _excluded_with_name(ws: Workspace, name: str) -> str | None:
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


PASS = Pass(
    id=PASS_ID,
    summary="Rewrite pnpm --filter package names to directory selectors of the same projects",
    safety=Safety.REVIEW,
    run=run,
    doc=__doc__ or "", cmd_ok=True)

PASSES = (PASS,)
