"""The ``dockmod`` command line as typer defines it: every command, option and help text.

``refactor.cli.main`` runs the plain ``diff``/``check``/``apply FILE…`` commands without importing typer (a test
checks its option table against the commands here); everything else — help, errors in the arguments, ``branch``,
``list``, ``explain``, ``verify`` — comes here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from refactor.cli import Format, _all_passes, _echo, _fail, load_settings, run_plain
from refactor.passes import Pass
from refactor.verify import BuilderOpt, VerifiedOnly, VerifyOpt, cli_branch_check, cli_verified_paths, register

try:
    from typer._click import exceptions as click_errors  # typer vendors click since 0.2x
except ImportError:  # an older typer, on click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]


def usage_line(exc: click_errors.ClickException, command: str = "") -> str:
    """A mistake in the arguments as one line, ``dockmod: what (see 'dockmod CMD --help')``, instead of click's
    usage block (``Usage: …``, ``Try …``, ``Error: …``); ``command``: the one named, if click did not say."""
    lines = [line.strip() for line in exc.format_message().replace("Value error, ", "").splitlines()]
    what = "; ".join(line for line in lines if line).rstrip(".")
    if what[:1].isupper() and what[1:2].islower():
        what = what[0].lower() + what[1:]  # as dockmod's own messages
    ctx = getattr(exc, "ctx", None)
    if ctx is not None and ctx.parent is not None:
        command = ctx.info_name or command
    return f"dockmod: {what} (see 'dockmod {command} --help')" if command else f"dockmod: {what} (see 'dockmod --help')"


class OneLineErrors(TyperGroup):
    """typer's group, but a mistake in the arguments (an unknown option, a missing or bad value) is one line on
    stderr and exit 2, as dockmod's own errors are, not click's four-line usage block."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:  # what typer does in standalone mode, with the errors printed here
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click_errors.NoArgsIsHelpError as exc:  # plain 'dockmod': the help, as before
            exc.show()
            code = exc.exit_code
        except click_errors.UsageError as exc:
            named = (sys.argv[1:] if args is None else list(args))[:1]  # an option's missing value has no context
            _echo(usage_line(exc, named[0] if named and named[0] in self.commands else ""), err=True)
            code = exc.exit_code
        except click_errors.ClickException as exc:
            _echo(f"dockmod: {exc.format_message()}", err=True)
            code = exc.exit_code
        except typer.Abort:
            _echo("Aborted!", err=True)
            code = 1
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(cls=OneLineErrors, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Rewrite Dockerfiles: multi-stage, non-root, healthy and lean. Lossless and validated.")

Paths = Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or - for stdin.")]
Select = Annotated[list[str] | None, typer.Option("--select", help="Comma-separated pass ids to run (default: all); "
                                                  "may be repeated.", metavar="IDS")]
Ignore = Annotated[list[str] | None, typer.Option("--ignore", help="Comma-separated pass ids to skip; "
                                                  "may be repeated.", metavar="IDS")]
ConfigFile = Annotated[Path | None, typer.Option("--config", help="Use this pyproject.toml or .dockmod.toml for every "
                                                 "file, instead of the nearest one.", metavar="FILE")]
Isolated = Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")]
Fmt = Annotated[Format, typer.Option("--format", help="Output format: text, json (schema in README), sarif (2.1.0) "
                                     "or github (workflow annotations).", metavar="FORMAT")]
Sets = Annotated[list[str] | None,
                 typer.Option("--set", help="Pass option PASS.KEY=VALUE, e.g. healthcheck.path=/health.",
                              metavar="PASS.KEY=VALUE")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Also list info findings (nothing to act on).")]
ContextDir = Annotated[Path | None,
                       typer.Option("--context", help="Build context folder (default: resolved per file).",
                                    metavar="DIR")]
Jobs = Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N",
                                          help="Files processed in parallel (default: one per core).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress, summary or notes on stderr; errors only.")]
Statistics = Annotated[bool, typer.Option("--statistics", help="Print the number of fixes per pass on stderr.")]
ExitZero = Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when fixes are pending (2 still means "
                                        "an error).")]
StdinFilename = Annotated[Path | None, typer.Option(
    "--stdin-filename", metavar="PATH", help="The path of the file read from - (as ruff's flag): its configuration, "
    "overrides and build context apply, and output names it.")]
SafeOnly = Annotated[bool, typer.Option("--safe-only",
                                        help="Apply only safe fixes; hold back review fixes (counted on stderr).")]


@app.command()
def diff(paths: Paths, select: Select = None, ignore: Ignore = None, fmt: Fmt = Format.text,
         set_: Sets = None, context: ContextDir = None, safe_only: SafeOnly = False, verbose: Verbose = False,
         jobs: Jobs = None, quiet: Quiet = False, statistics: Statistics = False, exit_zero: ExitZero = False,
         config: ConfigFile = None, isolated: Isolated = False, stdin_filename: StdinFilename = None) -> None:
    """Print a unified diff of every pending change (exit 0: none, 1: changes pending, 2: error). Paths are
    relative to the git work tree's top, so the patch applies with 'git apply' from any folder of it."""
    raise typer.Exit(run_plain("diff", paths, select, ignore, fmt, set_, context, safe_only, verbose, jobs, quiet,
                               statistics, exit_zero, config, isolated, stdin_filename))


@app.command()
def apply(paths: Paths, select: Select = None, ignore: Ignore = None, fmt: Fmt = Format.text,
          set_: Sets = None, context: ContextDir = None, safe_only: SafeOnly = False,
          verified_only: VerifiedOnly = False, builder: BuilderOpt = None, verbose: Verbose = False,
          jobs: Jobs = None, quiet: Quiet = False, statistics: Statistics = False, config: ConfigFile = None,
          isolated: Isolated = False, stdin_filename: StdinFilename = None) -> None:
    """Rewrite files in place, atomically, keeping mode, owner and group; read-only files are refused
    (exit 0, or 2 on error). With - reads stdin, writes stdout (bad input is echoed back unchanged)."""
    if verified_only:
        passes, ctx = load_settings(paths, select, ignore, set_, context, config, isolated)
        paths = cli_verified_paths(paths, passes, ctx, builder)
    raise typer.Exit(run_plain("apply", paths, select, ignore, fmt, set_, context, safe_only, verbose, jobs, quiet,
                               statistics, False, config, isolated, stdin_filename))


@app.command()
def check(paths: Paths, select: Select = None, ignore: Ignore = None, fmt: Fmt = Format.text,
          set_: Sets = None, context: ContextDir = None, verbose: Verbose = False, safe_only: SafeOnly = False,
          jobs: Jobs = None, quiet: Quiet = False, statistics: Statistics = False, exit_zero: ExitZero = False,
          config: ConfigFile = None, isolated: Isolated = False, stdin_filename: StdinFilename = None) -> None:
    """List pending fixes and findings as path:line: pass-id: message (exit 1 if any); review fixes are
    marked [review]."""
    raise typer.Exit(run_plain("check", paths, select, ignore, fmt, set_, context, safe_only, verbose, jobs, quiet,
                               statistics, exit_zero, config, isolated, stdin_filename))


@app.command()
def branch(paths: Paths, name: Annotated[str, typer.Option("--branch", help="Branch to create.")] = "dockmod/migrate",
           base: Annotated[str, typer.Option("--base", help="Revision to branch from.")] = "HEAD",
           pr_body: Annotated[Path | None, typer.Option("--pr-body", help="Write the pull request body here.")] = None,
           select: Select = None, ignore: Ignore = None, set_: Sets = None, context: ContextDir = None,
           safe_only: SafeOnly = False, verify: VerifyOpt = False, builder: BuilderOpt = None,
           force: Annotated[bool, typer.Option("--force", help="Rebuild the branch if it exists.")] = False,
           no_verify: Annotated[bool, typer.Option("--no-verify", help="Skip the repository's commit hooks.")] = False,
           signoff: Annotated[bool, typer.Option("--signoff", help="Add a Signed-off-by trailer.")] = False,
           author: Annotated[str | None, typer.Option("--author", help="Commit author 'Name <email>'.")] = None,
           push: Annotated[str | None, typer.Option("--push", help="Push the branch to this remote.")] = None,
           fmt: Fmt = Format.text, config: ConfigFile = None, isolated: Isolated = False) -> None:
    """Create a git branch with one commit per pass and print a pull request body (your checkout is untouched).

    Commits run the repository's hooks and sign when commit.gpgsign is set; the branch's files are the bytes
    'dockmod apply' writes. --format json prints the branch, its commits and their files instead of the body."""
    from refactor.gitout import CommitOptions, GitError, check_branch_args, make_branch

    passes, ctx = load_settings(paths, select, ignore, set_, context, config, isolated)
    try:
        check_branch_args(paths, name, base, force=force, author=author, push=push)
        left_out, section = cli_branch_check(paths, passes, ctx, builder) if verify else (set(), "")
        report = make_branch(paths, passes, ctx, name, base, safe_only=safe_only, exclude=left_out,
                             sections=[section] if section else [], force=force, push=push,
                             commit=CommitOptions(no_verify=no_verify, signoff=signoff, author=author))
    except GitError as exc:
        _fail(str(exc))
        return
    body = report.pr_body()
    if pr_body:
        pr_body.write_text(body, encoding="utf-8")
    for warning in report.warnings:
        typer.echo(f"dockmod: warning: {warning}", err=True)
    if fmt is Format.json:
        typer.echo(json.dumps(report.as_json(), indent=2))
    elif not pr_body:
        typer.echo(body, nl=False)
    for c in report.commits:
        typer.echo(f"{c.sha[:12]} {c.pass_.id}: {len(c.files)} file(s)", err=True)
    if report.held:
        typer.echo(f"dockmod: --safe-only held back {report.held} review fix{'es' * (report.held != 1)}", err=True)
    raise typer.Exit(2 if report.problems else 0)


@app.command("list")
def list_(fmt: Fmt = Format.text) -> None:
    """Show every pass with its id, safety and summary (--format json: an array with each pass's metadata and
    documentation, as 'ruff rule --all --output-format json')."""
    if fmt in (Format.sarif, Format.github):  # reports of findings; ruff's rule listing refuses them too (exit 2)
        _fail(f"list --format {fmt.value}: not a listing format; use text or json")
    passes = _all_passes()
    if fmt is Format.json:
        typer.echo(json.dumps([{"id": p.id, "safety": p.safety.value, "summary": p.summary,
                                "aliases": list(p.aliases), "options": {k: v for k, v in p.options.items()},
                                "hadolint": list(p.hadolint), "explanation": p.doc.strip()}
                               for p in passes], indent=2))
        return
    width = max(len(p.id) for p in passes)
    for p in passes:
        alias = f" (also: {', '.join(p.aliases)})" if p.aliases else ""
        typer.echo(f"{p.id:<{width}}  {p.safety.value:<6}  {p.summary}{alias}")


@app.command()
def explain(pass_id: Annotated[str, typer.Argument(help="A pass id from 'dockmod list'.")]) -> None:
    """Print a pass's documentation: What it does / Why / Example / Fix safety, and its options."""
    for p in _all_passes():
        if pass_id == p.id or pass_id in p.aliases:
            typer.echo(f"{p.id} ({p.safety.value}): {p.summary}\n")
            typer.echo(p.doc.strip())
            if p.options:
                typer.echo("\nOptions (--set " + p.id + ".KEY=VALUE):")
                for k, v in p.options.items():
                    typer.echo(f"  {k} = {v}")
            typer.echo("\n" + _suppression_help(p))
            return
    _fail(f"unknown pass id {pass_id!r} (see 'dockmod list')")


def _suppression_help(p: Pass) -> str:
    lines = ["Suppress (comment directly above the instruction; above FROM: the whole stage):",
             f"  # dockmod: ignore[{p.id}]", "  # dockmod: ignore            (every pass)",
             "  # dockmod: skip-file         (in the leading comments: the whole file)"]
    if p.hadolint:
        lines.append(f"  # hadolint ignore={','.join(p.hadolint)}")
    return "\n".join(lines)


def _version(value: bool) -> None:
    if value:
        from refactor.reports.json import tool_version

        typer.echo(f"dockmod {tool_version()}")
        raise typer.Exit(0)


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print dockmod's version and exit.")] = False) -> None:
    """Rewrite Dockerfiles: multi-stage, non-root, healthy and lean. Lossless and validated."""


register(app)  # dockmod verify (refactor/verify.py), after this module's shared options exist
