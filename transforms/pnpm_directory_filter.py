"""Select pnpm workspace packages by directory instead of by package name.

What it does
    In ``pnpm`` commands it rewrites each package-name selector of ``--filter``/``-F``/``--filter-prod`` to
    the directory selector that picks the same project (``--filter @vextrus/auth-service`` →
    ``--filter ./services/auth``), and a variable selector ``@scope/${SERVICE}`` to ``"./services/${SERVICE}"``
    where the stage shows the variable names a workspace directory. A name no workspace package has is an
    error finding (``check`` exits 1): pnpm selects nothing, exits 0, and the image lacks the build.

Skips
    Only pnpm's own ``--filter`` counts (not turbo's or npm's). Dependency and dependent forms keep their
    meaning in pnpm's selector grammar: ``name...`` → ``{./dir}...``, ``...name`` → ``...{./dir}``,
    ``name^...`` → ``{./dir}^...``, ``...^name`` → ``...^{./dir}``, ``!name`` → ``!./dir``. Names are looked
    up in the ``pnpm-workspace.yaml`` (``packages:`` globs, ``!`` exclusions) that lands nearest above the
    RUN's working directory, and in each package's ``package.json``; the directory is written relative to
    that working directory (COPY destinations, WORKDIR and ``cd`` earlier in the same RUN are followed), as
    pnpm resolves it. A variable selector is rewritten only when the variable names a copied workspace
    directory (``COPY services/${SERVICE} ./services/${SERVICE}`` into the workspace root), ``services/*``
    is a ``packages:`` glob and every directory under it has a package (none with packages nested below
    it). The error finding names the closest package and its directory, or the folder the ``packages:``
    globs leave out; it uses the build context's workspace when its location in the image is unknown.

    Left alone, with a reason: other selectors with variables, name globs, names that several packages
    have, selectors that already use a directory, changed-since (``[ref]``) selectors, commands with
    ``-C``/``--dir``, packages with nested workspace packages (a directory selector would pick those too),
    and RUNs whose working directory or workspace location in the image is unknown.

Why
    A package's name need not match its folder (``services/auth`` is ``@vextrus/auth-service``); a
    Dockerfile template that builds ``--filter @vextrus/${SERVICE}`` breaks on such a name. Directory
    selectors follow the layout the Dockerfile copies, which is what the image build actually sees.

Example
    Before::

        WORKDIR /app
        COPY . .
        RUN pnpm --filter @vextrus/auth-service... build

    After::

        RUN pnpm --filter {./services/auth}... build

Fix safety
    Safe for a name: the directory selector selects exactly the projects the name selector selected (the
    package has that name, no other project shares it, no project is nested below its folder). Review for
    a variable selector: where a directory's package is named otherwise, the build now selects the project
    the template meant instead of nothing.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path

from refactor.document import Document, Instruction, Stage
from refactor.edits import Finding, Fix, Level, Safety
from refactor.passes import Context, Pass
from refactor.project import Project, Workspace, commands_in_context
from refactor.shell import ShellCommand, ShellScript
from transforms.pnpm import PASS_ID
from transforms.pnpm.location import workspace_in_image
from transforms.pnpm.missing import no_such_package
from transforms.pnpm.selectors import Selector, filter_selectors, replace, split, unsupported
from transforms.pnpm.variables import rewrite_variable, variable_selector


def run(doc: Document, ctx: Context) -> Iterator[Fix | Finding]:
    for project, context, stage, ins, script, cmd in commands_in_context(doc, ctx.path, ctx.context_dir,
                                                                          ctx.project):
        selectors, chdir = filter_selectors(cmd)
        if selectors:
            yield from _rewrite(doc, stage, ins, script, cmd, selectors, chdir, context, project)


def _rewrite(doc: Document, stage: Stage, ins: Instruction, script: ShellScript, cmd: ShellCommand,
             selectors: list[Selector], chdir: bool, context: Path,
             project: Project) -> Iterator[Fix | Finding]:
    state: dict[str, object] = {}

    def where() -> tuple[Workspace | None, str | None, str | None, str]:
        if not state:
            state["v"] = workspace_in_image(stage, ins, script, cmd, context, project)
        return state["v"]  # type: ignore[return-value]

    for sel in selectors:
        at = sel.word.start
        if chdir:
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, the command changes directory (-C/--dir)",
                          at, Level.SKIP)
            continue
        variable = variable_selector(sel)
        if variable is not None:
            ws, root, cwd, why = where()
            yield rewrite_variable(doc, stage, ins, sel, variable, ws, root, cwd, project)
            continue
        reason = unsupported(sel)
        if reason:
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, {reason}", at, Level.SKIP)
            continue
        exclude, prefix, core, suffix = split(sel.text)
        ws, root, cwd, why = where()
        if ws is None or root is None or cwd is None:
            # Where the workspace lands in the image is not known, but the build context's own workspace still
            # tells a name no package has: pnpm would select nothing.
            context_ws = project.pnpm_workspace(context)
            if context_ws is not None and not context_ws.named(core):
                yield no_such_package(sel, core, context_ws, None)
                continue
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, {why}", at, Level.SKIP)
            continue
        found = ws.named(core)
        if not found:
            yield no_such_package(sel, core, ws, root)
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
        edit = replace(doc, sel, new)
        if edit is None:
            yield Finding(PASS_ID, f"--filter {sel.text}: left alone, its quoting is too complex to edit",
                          at, Level.SKIP)
            continue
        yield Fix(PASS_ID, f"select {pkg.name} by its directory: --filter {new}", (edit,), Safety.SAFE)


PASS = Pass(PASS_ID, "Rewrite pnpm --filter package names to directory selectors of the same projects", Safety.REVIEW,
            run, __doc__ or "", cmd_ok=True, triggers=("pnpm",))

PASSES = (PASS,)
