"""The ``dockmod`` command line: diff, apply, check, list, explain."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from refactor.applier import Reported
from refactor.diff import unified_diff
from refactor.discovery import Found, discover, repo_path, shown
from refactor.edits import Finding, Level, Safety
from refactor.parallel import default_jobs, process_files, with_progress
from refactor.passes import Context, Pass
from refactor.project import Project
from refactor.reports.summary import Entry, Summary
from refactor.runner import FileResult, Status, process_text, write_atomic
from refactor.source import InputError, decode
from refactor.verify import BuilderOpt, VerifiedOnly, VerifyOpt, cli_branch_check, cli_verified_paths, register

if TYPE_CHECKING:
    from refactor.config import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Rewrite Dockerfiles: multi-stage, non-root, healthy and lean. Lossless and validated.")


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


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


def _all_passes() -> tuple[Pass, ...]:
    from transforms import PASSES

    return PASSES


def _choose(select: str | Sequence[str] | None, ignore: str | Sequence[str] | None) -> list[Pass]:
    passes = _all_passes()
    by_id = {p.id: p for p in passes} | {a: p for p in passes for a in p.aliases}

    def ids(raw: str | Sequence[str] | None) -> list[Pass]:
        out = []
        joined = ",".join([raw] if isinstance(raw, str) else raw or [])
        for name in filter(None, (s.strip() for s in joined.split(","))):
            if name not in by_id:
                _fail(f"unknown pass id {name!r} (see 'dockmod list')")
            out.append(by_id[name])
        return out

    chosen = ids(select) or list(passes)
    dropped = {p.id for p in ids(ignore)}
    return [p for p in chosen if p.id not in dropped]


def _options(sets: Sequence[str] | None, passes: Sequence[Pass]) -> dict[str, dict[str, str]]:
    from refactor.config import follow

    known = {p.id: p for p in _all_passes()} | {a: p for p in _all_passes() for a in p.aliases}
    out: dict[str, dict[str, str]] = {}
    for item in sets or []:
        key, eq, value = item.partition("=")
        pass_id, dot, name = key.partition(".")
        if not eq or not dot or pass_id not in known or name not in known[pass_id].options:
            _fail(f"bad --set {item!r}: expected PASS.KEY=VALUE with a known option (see 'dockmod explain PASS')")
        try:
            out.setdefault(known[pass_id].id, {})[name] = known[pass_id].check_option(name, value)
        except ValueError as exc:
            _fail(f"bad --set {item!r}: {exc}")
    return follow(out, _all_passes())


def load_settings(paths: Sequence[str], select: Sequence[str] | None, ignore: Sequence[str] | None,
                  sets: Sequence[str] | None, context: Path | None, config: Path | None = None,
                  isolated: bool = False, stdin_filename: Path | None = None) -> tuple[list[Pass], Context]:
    """The passes and context of a run, every option and configuration file checked before any file is read.

    Standard input gets the settings of ``stdin_filename`` when given, else those of the current folder."""
    from refactor.config import ConfigError, Settings

    if stdin_filename is not None and "-" not in paths:
        _fail("--stdin-filename names the file read from -, but - is not among the paths")
    if context is not None and not context.is_dir():
        _fail(f"--context {context}: {'not a folder' if context.exists() else 'no such folder'}")
    chosen = _choose(select, ignore)
    options = _options(sets, chosen)
    cli_select = [p.id for p in _choose(select, None)] if select else None
    cli_ignore = [p.id for p in _choose(ignore, None)] if ignore else []
    try:
        settings = Settings(_all_passes(), cli_select, cli_ignore, options, config, isolated)
        files: list[Path | None] = [found.path for raw in paths if raw != "-" for found in discover([raw])
                                    if not found.error]
        enabled = settings.preload([*files, *([stdin_filename] if "-" in paths else [])])
    except ConfigError as exc:
        _fail(str(exc))
        raise
    # every pass some file enables, in registry order (each file then runs only its own)
    passes = [p for p in _all_passes() if p.id in enabled] if files or "-" in paths else chosen
    return passes, Context(options=options, project=Project(), context_dir=context, settings=settings)


def _fail(message: str) -> None:
    typer.echo(f"dockmod: {message}", err=True)
    raise typer.Exit(2)


def _display(path: Path) -> str:
    """A relative, forward-slash path where possible (see refactor.discovery.shown)."""
    return shown(path)


def _inputs(paths: Sequence[str], settings: Settings | None = None) -> list[Found | None]:
    """What to process, in order: found files (and discovery errors), None for stdin. Exclude globs apply to
    what a folder walk finds; a file named explicitly runs."""
    out: list[Found | None] = []
    run: list[str] = []
    for raw in [*paths, "-"]:
        if raw != "-":
            run.append(raw)
            continue
        named = {Path(r) for r in run}
        out += [f for f in discover(run)
                if f.error or settings is None or f.path in named or not settings.excluded(f.path)]
        run = []
        out.append(None)
    return out[:-1]


def _results(paths: Sequence[str], passes: Sequence[Pass], ctx: Context, safe_only: bool = False,
             jobs: int = 1, progress: bool = False,
             stdin_filename: Path | None = None) -> Iterator[tuple[FileResult, Path | None, bytes | None]]:
    """Each input's result in command-line order, with its path (None for stdin) and, for stdin, its bytes.

    Standard input is processed first, before any worker is forked: what it loads in this process then decides
    whether forking is safe (``refactor.parallel.fork_is_safe``), rather than poisoning workers forked later.
    """
    inputs = _inputs(paths, ctx.settings)
    stdin = [_stdin_result(passes, ctx, safe_only, stdin_filename) for found in inputs if found is None]
    todo = [f.path for f in inputs if f is not None and not f.error]
    done = with_progress(process_files(todo, passes, ctx, _display, safe_only, jobs), len(todo),
                         progress and len(todo) >= 20)
    read = iter(stdin)
    for found in inputs:
        if found is None:
            result, data = next(read)
            yield result, None, data
        elif found.error:
            yield FileResult(str(found.path), Status.FAILED, reason=found.error), None, None
        else:
            yield next(done), found.path, None


def _stdin_result(passes: Sequence[Pass], ctx: Context, safe_only: bool,
                  filename: Path | None = None) -> tuple[FileResult, bytes]:
    """Standard input, run as the file ``filename`` would be (its config, overrides, context, name) if given."""
    data = sys.stdin.buffer.read()
    display = _display(filename) if filename is not None else "-"
    try:
        text = decode(data)
    except InputError as exc:
        return FileResult(display, Status.FAILED, reason=str(exc)), data
    return process_text(text, display, passes, replace(ctx, path=filename), safe_only), data


def _report_problem(result: FileResult) -> None:
    """One stderr line per problem: bad input, a rewrite left out, a pass left out for an internal error."""
    if result.status in (Status.FAILED, Status.SKIPPED) and result.reason:
        label = "error" if result.status is Status.FAILED else "skipped"
        typer.echo(f"{result.display}: {label}: {result.reason}", err=True)
    for message in result.internal_errors:
        typer.echo(f"{result.display}: error: {message}", err=True)


def _fix_line(result: FileResult, r: Reported, held: bool = False, suppressed: bool = False) -> str:
    """``path:line: pass-id: [review] message`` — a review fix's message is the evidence it acted on."""
    x = r.item
    tag = ""
    if isinstance(x, Finding):
        tag = f"{x.level.value}: "
    elif suppressed:
        tag = "[review, suppressed] " if x.safety is Safety.REVIEW else "[suppressed] "
    elif x.safety is Safety.REVIEW:
        tag = "[review, held back] " if held else "[review] "
    return f"{result.display}:{r.line}: {x.pass_id}: {tag}{x.message}\n"


def _write(path: Path, result: FileResult) -> str | None:
    """Write an applied result; why not, as one line (a read-only file is refused, not made writable)."""
    try:
        st = path.resolve().stat()
        if not st.st_mode & 0o222 or not os.access(path.resolve(), os.W_OK):
            return "read-only file, not changed (make it writable to apply)"
        write_atomic(path, result.new)
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}"
    return None


@dataclass
class _Output:
    """The output choices shared by diff, apply and check."""

    fmt: Format = Format.text
    verbose: bool = False
    quiet: bool = False
    statistics: bool = False
    exit_zero: bool = False
    jobs: int | None = None
    stdin_filename: Path | None = None


def _run(command: str, paths: Sequence[str], select: Sequence[str] | None, ignore: Sequence[str] | None, fmt: Format,
         sets: Sequence[str] | None, context: Path | None, verbose: bool = False, safe_only: bool = False,
         output: _Output | None = None, config: Path | None = None, isolated: bool = False) -> int:
    output = output or _Output(fmt, verbose)
    passes, ctx = load_settings(paths, select, ignore, sets, context, config, isolated, output.stdin_filename)
    out = sys.stdout.buffer
    entries: list[Entry] = []
    summary = Summary()
    pending = errors = False
    held = held_files = 0
    jobs = output.jobs or default_jobs()
    progress = not output.quiet and fmt is Format.text and sys.stderr.isatty()
    for result, path, data in _results(paths, passes, ctx, safe_only, jobs, progress, output.stdin_filename):
        errors |= result.status is Status.FAILED or bool(result.internal_errors)
        held += len(result.held)
        held_files += bool(result.held)
        _report_problem(result)
        if command == "check":
            pending |= bool(result.fixes) and result.status is Status.CHANGED
            pending |= any(isinstance(r.item, Finding) and r.item.level is Level.ERROR for r in result.findings)
        else:
            pending |= result.changed
        named = path if path is not None else output.stdin_filename if data is not None else None
        entry = Entry(result, repo_path(named) if named is not None else result.display)
        if command == "diff":
            entry.diff = unified_diff(result.original, result.new, entry.repo_path.lstrip("/")) if result.changed \
                else ""
            if fmt is Format.text:
                out.write(entry.diff.encode("utf-8"))
        elif command == "apply":
            if data is not None:  # standard input
                # bad input comes back unchanged: a pipe must never lose the file
                out.write(result.new.encode("utf-8") if result.status is not Status.FAILED else data or b"")
            elif result.changed and path is not None:
                entry.write_error = _write(path, result)
                if entry.write_error:
                    typer.echo(f"{result.display}: error: {entry.write_error}", err=True)
                    errors = True
        elif fmt is Format.text:
            shown_ = [r for r in result.findings if output.verbose or r.item.level is not Level.INFO]
            lines = [(r.line, _fix_line(result, r)) for r in shown_ + (result.fixes if result.changed else [])]
            lines += [(r.line, _fix_line(result, r, held=True)) for r in result.held if output.verbose]
            lines += [(r.line, _fix_line(result, r, suppressed=True)) for r in result.suppressed if output.verbose]
            for _, line in sorted(lines, key=lambda x: x[0]):
                out.write(line.encode())
        summary.add(entry)
        if fmt is not Format.text:
            entries.append(entry)
    _write_report(out, command, fmt, entries, summary, passes, output.verbose)
    out.flush()
    if held and not output.quiet:
        typer.echo(f"dockmod: --safe-only held back {held} review fix{'es' * (held != 1)} in {held_files} "
                   f"file{'s' * (held_files != 1)} (see them with 'dockmod check -v --safe-only')", err=True)
    _print_summary(command, summary, output, paths)
    if errors:
        return 2
    if command == "apply" or output.exit_zero:
        return 0
    return 1 if pending else 0


def _write_report(out, command: str, fmt: Format, entries: list[Entry], summary: Summary,
                  passes: Sequence[Pass], verbose: bool) -> None:
    if fmt is Format.json:
        from refactor.reports import json as report

        out.write(report.render(entries, command, summary, verbose).encode())
    elif fmt is Format.sarif:
        from refactor.reports import sarif

        out.write(sarif.render(entries, passes, verbose).encode())
    elif fmt is Format.github:
        from refactor.reports import github

        out.write(github.render(entries, verbose).encode())


def _print_summary(command: str, summary: Summary, output: _Output, paths: Sequence[str]) -> None:
    """``--statistics`` (fixes per pass) and, after ``apply`` on files, what it did: on stdout when it carries
    nothing else a program reads (check and apply in text), else on stderr."""
    if output.quiet:
        return
    err = command == "diff" or output.fmt is not Format.text or "-" in paths
    if output.statistics:
        for line in summary.statistics() or ["no fixes"]:
            typer.echo(line, err=err)
    if command == "apply" and output.fmt is Format.text and list(paths) != ["-"]:
        typer.echo(summary.applied_line(), err=err)


@app.command()
def diff(paths: Paths, select: Select = None, ignore: Ignore = None, fmt: Fmt = Format.text,
         set_: Sets = None, context: ContextDir = None, safe_only: SafeOnly = False, verbose: Verbose = False,
         jobs: Jobs = None, quiet: Quiet = False, statistics: Statistics = False, exit_zero: ExitZero = False,
         config: ConfigFile = None, isolated: Isolated = False, stdin_filename: StdinFilename = None) -> None:
    """Print a unified diff of every pending change (exit 0: none, 1: changes pending, 2: error). Paths are
    relative to the git work tree's top, so the patch applies with 'git apply' from any folder of it."""
    output = _Output(fmt, verbose, quiet, statistics, exit_zero, jobs, stdin_filename)
    raise typer.Exit(_run("diff", paths, select, ignore, fmt, set_, context, safe_only=safe_only, output=output,
                          config=config, isolated=isolated))


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
    output = _Output(fmt, verbose, quiet, statistics, False, jobs, stdin_filename)
    raise typer.Exit(_run("apply", paths, select, ignore, fmt, set_, context, safe_only=safe_only, output=output,
                          config=config, isolated=isolated))


@app.command()
def check(paths: Paths, select: Select = None, ignore: Ignore = None, fmt: Fmt = Format.text,
          set_: Sets = None, context: ContextDir = None, verbose: Verbose = False, safe_only: SafeOnly = False,
          jobs: Jobs = None, quiet: Quiet = False, statistics: Statistics = False, exit_zero: ExitZero = False,
          config: ConfigFile = None, isolated: Isolated = False, stdin_filename: StdinFilename = None) -> None:
    """List pending fixes and findings as path:line: pass-id: message (exit 1 if any); review fixes are
    marked [review]."""
    output = _Output(fmt, verbose, quiet, statistics, exit_zero, jobs, stdin_filename)
    raise typer.Exit(_run("check", paths, select, ignore, fmt, set_, context, verbose, safe_only, output, config,
                          isolated))


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


def main() -> None:
    app()


register(app)  # dockmod verify (refactor/verify.py), after this module's shared options exist
