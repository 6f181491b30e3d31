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

    Left alone, with a reason: selectors with variables, name globs, names no workspace package has (or
    that several have), selectors that already use a directory, changed-since (``[ref]``) selectors,
    commands with ``-C``/``--dir``, packages with nested workspace packages (a directory selector would
    pick those too), and RUNs whose working directory or workspace location in the image is unknown.

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
    Safe: the directory selector selects exactly the projects the name selector selected (the package
    has that name, no other project shares it, no project is nested below its folder).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from refactor.document import Document, Instruction, Stage
from refactor.edits import Edit, Finding, Fix, Level, Safety
from refactor.passes import Context, Pass
from refactor.project import Project, Workspace, image_origin, project_context, shell_cwd, workdir_at
from refactor.shell import ShellCommand, ShellScript, ShellWord, shell_of

PASS_ID = "pnpm-directory-filter"
_FILTER_OPTIONS = ("--filter", "--filter-prod")
# Built-in pnpm commands whose later options are pnpm's own; after a script name (``pnpm build``,
# ``pnpm run build``, ``pnpm exec tsc``) the remaining arguments belong to the script.
_BUILTINS = frozenset({
    "install", "i", "add", "update", "up", "upgrade", "remove", "rm", "uninstall", "un", "deploy", "list",
    "ls", "why", "fetch", "rebuild", "rb", "prune", "outdated", "audit", "publish", "pack", "licenses",
    "import", "install-test", "it", "link", "ln", "unlink", "recursive", "multi", "m", "store",
})
_RUNNERS = frozenset({"run", "run-script", "exec", "test", "t", "start"})


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
    words = list(cmd.words)
    if words and words[0].value == "sudo":
        words = words[1:]
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
        if v in (*_FILTER_OPTIONS, "-F"):
            if i + 1 < len(words):
                out.append(Selector(words[i + 1], 0, words[i + 1].value))
            i += 2
            continue
        name, eq, value = v.partition("=")
        if eq and name in _FILTER_OPTIONS:
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
            if first not in _BUILTINS and (first not in _RUNNERS or len(positional) > 1):
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
        reason = _unsupported(sel)
        if reason:
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, {reason}", at, Level.SKIP)
            continue
        if chdir:
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, the command changes directory (-C/--dir)",
                          at, Level.SKIP)
            continue
        exclude, prefix, core, suffix = _split(sel.text)
        ws, root, cwd, why = where()
        if ws is None or root is None or cwd is None:
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, {why}", at, Level.SKIP)
            continue
        found = ws.named(core)
        if not found:
            yield Finding(PASS_ID, f"--filter {sel.text}: no package of the workspace at {root} is named "
                          f"{core!r}; pnpm selects nothing for it", at, Level.SKIP)
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
        origin = image_origin(stage, manifest, context, ins)
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


PASS = Pass(
    id=PASS_ID,
    summary="Rewrite pnpm --filter package names to directory selectors of the same projects",
    safety=Safety.SAFE,
    run=run,
    doc=__doc__ or "", cmd_ok=True)

PASSES = (PASS,)
