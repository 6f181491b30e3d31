"""The ``dockmod`` command line: diff, apply, check, list, explain."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from refactor.applier import Reported
from refactor.diff import unified_diff
from refactor.discovery import discover
from refactor.edits import Finding, Fix, Level, Safety
from refactor.passes import Context, Pass
from refactor.project import Project
from refactor.runner import FileResult, Status, process_file, process_text, write_atomic
from refactor.source import InputError, decode
from refactor.verify import BuilderOpt, VerifiedOnly, VerifyOpt, cli_branch_check, cli_verified_paths, register

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Rewrite Dockerfiles: multi-stage, non-root, healthy and lean. Lossless and validated.")


class Format(StrEnum):
    text = "text"
    json = "json"


Paths = Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or - for stdin.")]
Select = Annotated[list[str] | None, typer.Option("--select", help="Comma-separated pass ids to run (default: all); "
                                                  "may be repeated.")]
Ignore = Annotated[list[str] | None, typer.Option("--ignore", help="Comma-separated pass ids to skip; "
                                                  "may be repeated.")]
ConfigFile = Annotated[Path | None, typer.Option("--config", help="Use this pyproject.toml or .dockmod.toml for every "
                                                 "file, instead of the nearest one.")]
Isolated = Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")]
Fmt = Annotated[Format, typer.Option("--format", help="Output format.")]
Sets = Annotated[list[str] | None,
                 typer.Option("--set", help="Pass option PASS.KEY=VALUE, e.g. healthcheck.path=/health.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Also list info findings (nothing to act on).")]
ContextDir = Annotated[Path | None,
                       typer.Option("--context", help="Build context folder (default: resolved per file).")]
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
                  isolated: bool = False) -> tuple[list[Pass], Context]:
    """The passes and context of a run, every option and configuration file checked before any file is read."""
    from refactor.config import ConfigError, Settings

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
        enabled = settings.preload([*files, *([None] if "-" in paths else [])])
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
    """A relative, forward-slash path where possible, so ``git apply`` accepts the diff."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = str(path)
    if rel.startswith(".."):
        return path.as_posix()
    return Path(rel).as_posix()


def _results(paths: Sequence[str], passes: Sequence[Pass], ctx: Context,
             safe_only: bool = False) -> Iterator[tuple[FileResult, Path | None]]:
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            try:
                text = decode(data)
            except InputError as exc:
                yield FileResult("-", Status.FAILED, reason=str(exc)), None
                continue
            yield process_text(text, "-", passes, ctx, safe_only), None
            continue
        for found in discover([raw]):
            if found.error:
                yield FileResult(str(found.path), Status.FAILED, reason=found.error), None
                continue
            if ctx.settings is not None and found.path != Path(raw) and ctx.settings.excluded(found.path):
                continue  # exclude globs apply to what a folder walk finds; a file named explicitly runs
            yield process_file(found.path, passes, ctx, _display(found.path), safe_only), found.path


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


def _json_item(result: FileResult, diff: str | None = None) -> dict[str, object]:
    def item(r, kind: str) -> dict[str, object]:
        x = r.item
        d: dict[str, object] = {"pass": x.pass_id, "line": r.line, "message": x.message}
        if isinstance(x, Fix):
            d["safety"] = x.safety.value
        else:
            d["level"] = x.level.value
        return d | {"kind": kind}

    out: dict[str, object] = {"path": result.display, "status": result.status.value, "reason": result.reason,
                              "fixes": [item(r, "fix") for r in result.fixes],
                              "findings": [item(r, "finding") for r in result.findings],
                              "held_back": [item(r, "fix") for r in result.held],
                              "suppressed": [item(r, "fix") for r in result.suppressed],
                              "internal_errors": list(result.internal_errors)}
    if diff is not None:
        out["diff"] = diff
    return out


def _run(command: str, paths: Sequence[str], select: Sequence[str] | None, ignore: Sequence[str] | None, fmt: Format,
         sets: Sequence[str] | None, context: Path | None, verbose: bool = False, safe_only: bool = False,
         config: Path | None = None, isolated: bool = False) -> int:
    passes, ctx = load_settings(paths, select, ignore, sets, context, config, isolated)
    out = sys.stdout.buffer
    items: list[dict[str, object]] = []
    pending = errors = False
    held = held_files = 0
    for result, path in _results(paths, passes, ctx, safe_only):
        errors |= result.status is Status.FAILED or bool(result.internal_errors)
        held += len(result.held)
        held_files += bool(result.held)
        _report_problem(result)
        if command == "check":
            pending |= bool(result.fixes) and result.status is Status.CHANGED
            pending |= any(isinstance(r.item, Finding) and r.item.level is Level.ERROR for r in result.findings)
        else:
            pending |= result.changed
        if command == "diff":
            diff = unified_diff(result.original, result.new, result.display.lstrip("/")) if result.changed else ""
            if fmt is Format.json:
                items.append(_json_item(result, diff))
            else:
                out.write(diff.encode("utf-8"))
        elif command == "apply":
            if path is None and result.display == "-":
                out.write(result.new.encode("utf-8"))
            elif result.changed and path is not None:
                try:
                    write_atomic(path, result.new)
                except OSError as exc:
                    typer.echo(f"{result.display}: error: cannot write: {exc.strerror or exc}", err=True)
                    errors = True
            if fmt is Format.json:
                items.append(_json_item(result))
        else:
            if fmt is Format.json:
                items.append(_json_item(result))
            else:
                shown = [r for r in result.findings if verbose or r.item.level is not Level.INFO]
                lines = [(r.line, _fix_line(result, r)) for r in shown + (result.fixes if result.changed else [])]
                lines += [(r.line, _fix_line(result, r, held=True)) for r in result.held if verbose]
                lines += [(r.line, _fix_line(result, r, suppressed=True)) for r in result.suppressed if verbose]
                for _, line in sorted(lines, key=lambda x: x[0]):
                    out.write(line.encode())
    if fmt is Format.json:
        out.write((json.dumps(items, indent=2) + "\n").encode())
    out.flush()
    if held:
        typer.echo(f"dockmod: --safe-only held back {held} review fix{'es' * (held != 1)} in {held_files} "
                   f"file{'s' * (held_files != 1)} (see them with 'dockmod check -v --safe-only')", err=True)
    if errors:
        return 2
    if command == "apply":
        return 0
    return 1 if pending else 0


@app.command()
def diff(paths: Paths, select: Select = None, ignore: Ignore = None, fmt: Fmt = Format.text,
         set_: Sets = None, context: ContextDir = None, safe_only: SafeOnly = False, config: ConfigFile = None,
         isolated: Isolated = False) -> None:
    """Print a unified diff of every pending change (exit 0: none, 1: changes pending, 2: error)."""
    raise typer.Exit(_run("diff", paths, select, ignore, fmt, set_, context, safe_only=safe_only, config=config,
                          isolated=isolated))


@app.command()
def apply(paths: Paths, select: Select = None, ignore: Ignore = None, fmt: Fmt = Format.text,
          set_: Sets = None, context: ContextDir = None, safe_only: SafeOnly = False,
          verified_only: VerifiedOnly = False, builder: BuilderOpt = None, config: ConfigFile = None,
          isolated: Isolated = False) -> None:
    """Rewrite files in place, atomically (exit 0, or 2 on error). With - reads stdin, writes stdout."""
    if verified_only:
        passes, ctx = load_settings(paths, select, ignore, set_, context, config, isolated)
        paths = cli_verified_paths(paths, passes, ctx, builder)
    raise typer.Exit(_run("apply", paths, select, ignore, fmt, set_, context, safe_only=safe_only, config=config,
                          isolated=isolated))


@app.command()
def check(paths: Paths, select: Select = None, ignore: Ignore = None, fmt: Fmt = Format.text,
          set_: Sets = None, context: ContextDir = None, verbose: Verbose = False, safe_only: SafeOnly = False,
          config: ConfigFile = None, isolated: Isolated = False) -> None:
    """List pending fixes and findings as path:line: pass-id: message (exit 1 if any); review fixes are
    marked [review]."""
    raise typer.Exit(_run("check", paths, select, ignore, fmt, set_, context, verbose, safe_only, config, isolated))


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
    """Show every pass with its id, safety and summary."""
    passes = _all_passes()
    if fmt is Format.json:
        typer.echo(json.dumps([{"id": p.id, "safety": p.safety.value, "summary": p.summary,
                                "aliases": list(p.aliases), "options": {k: v for k, v in p.options.items()},
                                "hadolint": list(p.hadolint)}
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


def main() -> None:
    app()


register(app)  # dockmod verify (refactor/verify.py), after this module's shared options exist
