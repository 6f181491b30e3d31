"""The ``dockmod`` command line: diff, apply, check, list, explain, branch, verify.

Typer defines the commands, options and help (refactor/cli_app.py). Starting typer costs more than running
dockmod on a file (it loads pydantic to convert arguments), so ``main`` parses the plain ``diff``/``check``/``apply
FILE…`` invocations itself with a table of those commands' options (``_PLAIN``; a test checks it against typer's)
and hands anything else — help, a mistake in the arguments, other commands or options — to typer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from refactor.applier import Reported
from refactor.diff import unified_diff
from refactor.discovery import Found, discover, repo_path, shown
from refactor.edits import Finding, Level, Safety
from refactor.parallel import MIN_FILES, default_jobs, process_files, with_progress
from refactor.passes import Context, Pass
from refactor.project import Project
from refactor.reports.summary import Entry, Summary
from refactor.runner import FileResult, Status, process_text, write_atomic
from refactor.source import InputError, decode

if TYPE_CHECKING:
    from refactor.config import Settings


def _echo(message: str = "", err: bool = False, nl: bool = True) -> None:
    """What ``typer.echo`` does with plain text: write it (and a newline) to stdout or stderr, then flush."""
    stream = sys.stderr if err else sys.stdout
    stream.write(message + "\n" if nl else message)
    stream.flush()


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


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
    _echo(f"dockmod: {message}", err=True)
    raise SystemExit(2)


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
    if jobs > 1 and len(todo) >= MIN_FILES:
        from transforms import loaded

        passes = loaded(passes)  # workers are forked: their passes' modules imported once, here, not in each
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
        _echo(f"{result.display}: {label}: {result.reason}", err=True)
    for message in result.internal_errors:
        _echo(f"{result.display}: error: {message}", err=True)


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


class _Output(NamedTuple):
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
                    _echo(f"{result.display}: error: {entry.write_error}", err=True)
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
        _echo(f"dockmod: --safe-only held back {held} review fix{'es' * (held != 1)} in {held_files} "
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
            _echo(line, err=err)
    if command == "apply" and output.fmt is Format.text and list(paths) != ["-"]:
        _echo(summary.applied_line(), err=err)




def run_plain(command: str, paths: Sequence[str], select: Sequence[str] | None = None,
              ignore: Sequence[str] | None = None, fmt: Format = Format.text, set_: Sequence[str] | None = None,
              context: Path | None = None, safe_only: bool = False, verbose: bool = False, jobs: int | None = None,
              quiet: bool = False, statistics: bool = False, exit_zero: bool = False, config: Path | None = None,
              isolated: bool = False, stdin_filename: Path | None = None) -> int:
    """Run ``diff``, ``check`` or ``apply`` (typer's commands and the fast path both come here); the exit code."""
    output = _Output(fmt, verbose, quiet, statistics, exit_zero, jobs, stdin_filename)
    return _run(command, paths, select, ignore, fmt, set_, context, verbose, safe_only, output, config, isolated)


# The fast path's copy of the plain commands' options (refactor/cli_app.py defines them for typer; a test checks
# the two agree): option -> (parameter of run_plain, kind of value).
_OPTIONS: dict[str, tuple[str, str]] = {
    "--select": ("select", "list"), "--ignore": ("ignore", "list"), "--set": ("set_", "list"),
    "--format": ("fmt", "format"), "--context": ("context", "path"), "--config": ("config", "path"),
    "--jobs": ("jobs", "jobs"), "-j": ("jobs", "jobs"), "--safe-only": ("safe_only", "flag"),
    "--verbose": ("verbose", "flag"), "-v": ("verbose", "flag"), "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"), "--statistics": ("statistics", "flag"), "--exit-zero": ("exit_zero", "flag"),
    "--isolated": ("isolated", "flag"), "--stdin-filename": ("stdin_filename", "path"),
}
_ALL = frozenset(dest for dest, _ in _OPTIONS.values())
# each command's parameters the fast path handles (apply's --verified-only and --builder go through typer)
_PLAIN: dict[str, frozenset[str]] = {"diff": _ALL, "check": _ALL, "apply": _ALL - {"exit_zero"}}


def _value(kind: str, raw: str) -> Any:
    """An option's value as typer converts it, or None when typer might see it differently (typer then decides)."""
    if not raw or raw.startswith("-"):
        return None  # an empty value, or one typer may read as an option
    if kind == "list":
        return raw
    if kind == "path":
        return Path(raw)
    if kind == "format":
        return Format(raw) if raw in Format._value2member_map_ else None
    try:
        jobs = int(raw)
    except ValueError:
        return None
    return jobs if jobs >= 1 else None


def plain_args(argv: Sequence[str]) -> tuple[str, dict[str, Any]] | None:
    """``(command, run_plain parameters)`` for a ``diff``/``check``/``apply`` command line that typer would read
    the same way; None for anything else, which typer then reads (help, errors, other commands and options)."""
    if not argv or argv[0] not in _PLAIN or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None  # not a plain command, or a shell-completion request
    allowed = _PLAIN[argv[0]]
    paths: list[str] = []
    params: dict[str, Any] = {"paths": paths}
    rest = iter(argv[1:])
    for arg in rest:
        if arg == "--":
            paths += rest
            break
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        if arg.startswith("--"):
            name, eq, attached = arg.partition("=")
            raw = attached if eq else None
        else:
            name, raw = arg[:2], arg[2:] or None  # -j4; combined flags (-vq) are not in the table
        dest, kind = _OPTIONS.get(name, ("", ""))
        if dest not in allowed:
            return None
        if kind == "flag":
            if raw is not None:
                return None
            params[dest] = True
            continue
        value = _value(kind, raw if raw is not None else next(rest, ""))
        if value is None:
            return None
        if kind == "list":
            params.setdefault(dest, []).append(value)
        else:
            params[dest] = value
    return (argv[0], params) if paths else None


def main() -> None:
    plain = plain_args(sys.argv[1:])
    if plain is None:
        from refactor.cli_app import app

        app()
        return
    command, params = plain
    # what typer's main does around a command
    try:
        code = run_plain(command, **params)
    except EOFError:
        _echo(err=True)
        _echo("Aborted!", err=True)
        code = 1
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the reader left: no flush error at exit
        code = 1
    sys.exit(code)


def __getattr__(name: str) -> Any:
    """The typer app and its option types (``refactor.cli.app``), imported from refactor/cli_app.py on first use."""
    if name.startswith("__"):
        raise AttributeError(name)
    from refactor import cli_app

    try:
        return getattr(cli_app, name)
    except AttributeError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
