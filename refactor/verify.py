"""``dockmod verify``: prove a rewrite by building and running the original and the rewritten image.

For every Dockerfile dockmod would change: build both (same context, build args and target), compare
their image configs (each difference named with the pass whose fix touched that instruction), start
each with its own ENTRYPOINT/CMD, wait for the HEALTHCHECK (bounded by its start period), run the
rewrite's HEALTHCHECK inside the running container and again with the app stopped, run ``--smoke``
in both, and read the uid the main process runs as. A rewrite fails verification when it does not
build, its container exits while the original's keeps running, it is unhealthy (or its check passes
with the app down), the smoke test's exit code differs, a probed port closes, the image is larger
(by more than :data:`SIZE_SLACK`),
or a config setting changed that no fix meant to change.

Exit codes: 0 every rewrite verified, 1 at least one failed, 2 nothing could be verified here (no
builder, daemon unreachable, a base image missing locally with pulling disabled).
"""


import json
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated

import typer

from refactor.build.base import Builder, BuildError, BuilderUnavailable, BuildResult, ImageConfig
from refactor.discovery import discover
from refactor.document import parse
from refactor.edits import Fix
from refactor.passes import Context, Pass
from refactor.runner import FileResult, Status, process_file
from refactor.words import expand

HEALTH_CAP_S = 90.0  # never wait longer than this for a container to turn healthy
SETTLE_S = 3.0  # how long a container without HEALTHCHECK/--port gets before it is probed
SIZE_SLACK = 1 << 20  # "larger" means by more than this: a USER's passwd/group/home layer alone adds a few KB


class VerifyUnavailable(Exception):
    """Nothing can be verified here (exit 2): the message is one line saying why."""


@dataclass
class Options:
    builder: str | None = None
    smoke: str | None = None
    port: int | None = None
    target: str | None = None
    build_args: dict[str, str] = field(default_factory=dict)
    keep: bool = False
    pull: bool = False
    progress: bool = False


@dataclass
class Side:
    """One image of the pair: what building and running it showed."""

    tag: str = ""
    built: bool = False
    seconds: float = 0.0
    size_bytes: int = 0
    layers: int = 0
    uid: int | None = None
    runs: str = "-"  # "up", "exited N", "-" (not started)
    health: str = "-"  # "healthy", "unhealthy", "-" (no HEALTHCHECK)
    health_seconds: float | None = None
    health_when_stopped: str = "-"  # "fails" (sound), "passes" (unsound), "-"
    smoke: int | None = None
    port: str = "-"  # "open", "closed", "-"
    build_log: str | None = None
    run_log: str | None = None


@dataclass
class ConfigChange:
    setting: str  # the Dockerfile instruction: USER, HEALTHCHECK, ENV PATH, …
    before: object
    after: object
    passes: list[str]  # the passes whose fixes touched that instruction; empty = unexplained


@dataclass
class Verdict:
    path: str
    status: str  # "verified", "failed", "unchanged", "skipped" (dockmod left it alone), "error" (unreadable)
    before: Side = field(default_factory=Side)
    after: Side = field(default_factory=Side)
    changes: list[ConfigChange] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # "STEP: why"
    notes: list[str] = field(default_factory=list)  # worth knowing, not a failure
    passes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in ("verified", "unchanged")

    def to_json(self) -> dict[str, object]:
        return asdict(self) | {"ok": self.ok}


@dataclass
class Report:
    verdicts: list[Verdict]
    builder: str
    workdir: Path | None = None
    keep: bool = False

    @property
    def failed(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == "failed"]

    @property
    def exit_code(self) -> int:
        """2 if an input could not be read (as for every dockmod command), 1 if a rewrite failed, else 0."""
        if any(v.status == "error" for v in self.verdicts):
            return 2
        return 1 if self.failed else 0


# ------------------------------------------------------------------------------------------------
# running it


def verify_paths(paths: Sequence[str], passes: Sequence[Pass], ctx: Context, opts: Options,
                 builder: Builder | None = None) -> Report:
    """Verify every Dockerfile under ``paths`` that ``passes`` would change (with ``builder``, or ``opts.builder``)."""
    from refactor.build import select

    if builder is None:
        try:
            builder = select.choose(opts.builder, pull=opts.pull)
        except BuilderUnavailable as exc:
            raise VerifyUnavailable(str(exc)) from None
    work = Path(tempfile.mkdtemp(prefix="dockmod-verify-"))
    report = Report([], builder.name, work, opts.keep)
    try:
        for found in discover(list(paths)):
            error = "verify needs a file and its build context, not stdin" if str(found.path) == "-" else found.error
            if error:
                report.verdicts.append(Verdict(str(found.path), "error", failures=[error]))
                continue
            result = process_file(found.path, passes, ctx, _display(found.path))
            report.verdicts.append(verify_result(builder, result, found.path, ctx, opts, work, len(report.verdicts)))
    except BuildError as exc:
        raise VerifyUnavailable(str(exc).splitlines()[0]) from None
    finally:
        if not opts.keep and not report.failed:
            shutil.rmtree(work, ignore_errors=True)
            report.workdir = None
    return report


def verify_result(builder: Builder, result: FileResult, path: Path, ctx: Context, opts: Options, work: Path,
                  n: int = 0) -> Verdict:
    """Build and run ``result.original`` and ``result.new`` (the file at ``path``) and compare them."""
    verdict = Verdict(result.display, "unchanged")
    if result.status is not Status.CHANGED:
        if result.status in (Status.FAILED, Status.SKIPPED):
            verdict.status = "error" if result.status is Status.FAILED else "skipped"
            verdict.failures.append(str(result.reason))
        return verdict
    verdict.passes = list(dict.fromkeys(r.item.pass_id for r in result.fixes))
    context = Path(ctx.context_dir) if ctx.context_dir else path.parent
    here = work / f"{n:03d}-{_slug(result.display)}"
    here.mkdir(parents=True, exist_ok=True)
    run_id = uuid.uuid4().hex[:10]
    sides = {"before": verdict.before, "after": verdict.after}
    texts = {"before": result.original, "after": result.new}
    missing = _missing_bases(builder, result.original, opts) | _missing_bases(builder, result.new, opts)
    if missing:
        raise VerifyUnavailable(f"{result.display}: base image {sorted(missing)[0]} is not in {builder.name}'s "
                                "local storage and pulling is disabled (pass --pull, or pull/tag it first)")
    for name, side in sides.items():
        (here / f"Dockerfile.{name}").write_text(texts[name], encoding="utf-8")
        side.tag = f"localhost/dockmod-verify-{name}:{run_id}"
    try:
        _progress(opts, f"{result.display}: building original and rewrite with {builder.name}…")
        with ThreadPoolExecutor(max_workers=2) as pool:
            jobs = {name: pool.submit(builder.build, context, here / f"Dockerfile.{name}", side.tag,
                                      build_args=opts.build_args, target=opts.target)
                    for name, side in sides.items()}
            builds = {name: job.result() for name, job in jobs.items()}
        for name, side in sides.items():
            _record_build(side, builds[name], here / f"build-{name}.log")
        if not verdict.before.built:
            verdict.failures.append(f"build: the original does not build, so there is nothing to compare against "
                                    f"(log: {verdict.before.build_log})")
        if not verdict.after.built:
            verdict.failures.append(f"build: the rewrite does not build (exit {builds['after'].returncode}; "
                                    f"log: {verdict.after.build_log})")
        if verdict.before.built and verdict.after.built:
            before_cfg, after_cfg = builder.inspect(verdict.before.tag), builder.inspect(verdict.after.tag)
            assert before_cfg is not None and after_cfg is not None
            verdict.changes = compare_configs(before_cfg, after_cfg, result)
            for change in verdict.changes:
                if not change.passes:
                    verdict.failures.append(f"config: {change.setting} changed and no fix meant to change it")
            for name, side in sides.items():
                _progress(opts, f"{result.display}: running the {'original' if name == 'before' else 'rewrite'}…")
                _exercise(builder, side, after_cfg, opts, here / f"run-{name}.log", own_check=name == "before")
            verdict.failures += _judge(verdict.before, verdict.after, after_cfg, opts)
            verdict.notes += _notes(verdict.after, after_cfg)
    finally:
        if not opts.keep:
            for side in sides.values():
                builder.remove_image(side.tag)
    verdict.status = "failed" if verdict.failures else "verified"
    return verdict


def _record_build(side: Side, build: BuildResult, log: Path) -> None:
    side.built, side.seconds = build.ok, round(build.duration_s, 1)
    side.size_bytes, side.layers = build.size_bytes, build.layers
    log.write_text(build.log, encoding="utf-8")
    side.build_log = str(log)


def _exercise(builder: Builder, side: Side, after_cfg: ImageConfig, opts: Options, log: Path,
              own_check: bool) -> None:
    """Start the image and wait until it is ready, then read its uid and run the smoke test.

    Health is reported from the image's own HEALTHCHECK for the original and from the rewrite's for the
    rewrite. An original without a HEALTHCHECK still waits for the rewrite's check to pass (bounded), so
    that a slow starter is not smoke-tested before it listens.
    """
    cfg = builder.inspect(side.tag)
    assert cfg is not None
    own = (cfg if own_check else after_cfg).healthcheck
    argv = (cfg if own_check else after_cfg).health_argv
    hc = own if argv else after_cfg.healthcheck
    ready = argv or after_cfg.health_argv  # what tells that the app is up
    if not cfg.argv:
        side.runs = "no CMD"
        return
    ctr = builder.start(side.tag, log_path=log, publish=[opts.port] if opts.port else [])
    side.run_log = str(log)
    try:
        start = time.monotonic()
        wait = min(HEALTH_CAP_S, max(hc.start_period_s, 5.0) + hc.retries * min(hc.interval_s, 5.0)) if hc else 0
        deadline = start + max(wait, SETTLE_S if not opts.port else 30.0)
        if argv:
            side.health = "unhealthy"
        up = False
        while builder.exit_code(ctr) is None:  # probe at least once, then until ready/open or the deadline
            timeout = min(hc.timeout_s if hc else 30.0, 30.0)
            if ready and not up and builder.exec(ctr, ready, timeout=timeout).ok:
                up = True
                if argv:
                    side.health, side.health_seconds = "healthy", round(time.monotonic() - start, 1)
            if opts.port and side.port != "open" and builder.port_open(ctr, opts.port):
                side.port = "open"
            done = (not ready or up) and (not opts.port or side.port == "open")
            if (done and time.monotonic() - start >= SETTLE_S) or time.monotonic() >= deadline:
                break
            time.sleep(1.0)
        if opts.port and side.port != "open":
            side.port = "closed"
        code = builder.exit_code(ctr)
        side.runs = "up" if code is None else f"exited {code}"
        if code is None:
            side.uid = builder.main_uid(ctr)
            if opts.smoke:
                side.smoke = builder.exec(ctr, [*(cfg.shell or ["/bin/sh", "-c"]), opts.smoke]).returncode
    finally:
        _progress(opts, f"  {side.tag}: {side.runs}, health {side.health}")
        builder.stop(ctr)
    if argv:  # a sound check fails with nothing listening: same image, fresh network, app not started
        down = builder.run(side.tag, argv, user=cfg.user or None, isolated=True, timeout=60)
        side.health_when_stopped = "passes" if down.ok else "fails"


def _judge(before: Side, after: Side, after_cfg: ImageConfig, opts: Options) -> list[str]:
    out = []
    if after.runs.startswith("exited") and before.runs == "up":
        out.append(f"run: the rewrite's container {after.runs} while the original's keeps running "
                   f"(log: {after.run_log})")
    if after_cfg.health_argv and after.health != "healthy":
        out.append(f"health: the rewrite's HEALTHCHECK never passed (log: {after.run_log})")
    if after.health_when_stopped == "passes":
        out.append("health: the rewrite's HEALTHCHECK passes with the app stopped (it checks nothing)")
    if opts.smoke and before.smoke != after.smoke:
        out.append(f"smoke: exit code {after.smoke} (original: {before.smoke})")
    if opts.port and before.port == "open" and after.port != "open":
        out.append(f"port: {opts.port} is not open in the rewrite (it is in the original)")
    if after.size_bytes > before.size_bytes + SIZE_SLACK:
        out.append(f"size: the rewrite is larger ({_mb(before.size_bytes)} → {_mb(after.size_bytes)})")
    return out


def _notes(after: Side, cfg: ImageConfig) -> list[str]:
    low = sorted({int(p.split("/")[0]) for p in cfg.exposed_ports if p.split("/")[0].isdigit()
                  and int(p.split("/")[0]) < 1024})
    if after.uid not in (None, 0) and low:
        return [f"runs as uid {after.uid} and exposes port {low[0]}: binding it works under Docker >= 20.10 "
                "(net.ipv4.ip_unprivileged_port_start=0, as verified here), not on Kubernetes or older engines "
                "without NET_BIND_SERVICE"]
    return []


# ------------------------------------------------------------------------------------------------
# comparing configs


_SETTINGS = ("USER", "CMD", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "WORKDIR", "VOLUME", "LABEL", "SHELL",
             "STOPSIGNAL")


def compare_configs(before: ImageConfig, after: ImageConfig, result: FileResult) -> list[ConfigChange]:
    """Every setting that differs, with the passes whose fixes touched that instruction."""
    touched = touched_instructions(result)
    a, b = before.comparable(), after.comparable()
    out = []
    for key in _SETTINGS:
        if a[key] == b[key]:
            continue
        who = sorted(touched.get(key, set()))
        if isinstance(a[key], dict):  # ENV / LABEL: one line per variable
            old, new = dict(a[key]), dict(b[key])  # type: ignore[call-overload]
            for name in sorted(set(old) | set(new)):
                if old.get(name) != new.get(name):
                    out.append(ConfigChange(f"{key} {name}", old.get(name), new.get(name), who))
        else:
            out.append(ConfigChange(key, a[key], b[key], who))
    return out


_KEYWORD = re.compile(r"^[ \t]*([A-Za-z]+)\b", re.M)
# What an image inherits from its base (its ENV, labels, ENTRYPOINT, STOPSIGNAL, EXPOSE, VOLUME): changed by a fix
# that puts the final stage on another base (multi-stage's runtime stage). CMD, USER, HEALTHCHECK, WORKDIR stay
# the fix's own to explain.
_BASE_SETTINGS = ("ENV", "LABEL", "ENTRYPOINT", "STOPSIGNAL", "EXPOSE", "VOLUME")


def touched_instructions(result: FileResult) -> dict[str, set[str]]:
    """Instruction keyword → ids of the passes whose fixes edited or inserted such an instruction."""
    out: dict[str, set[str]] = {}
    for reported in result.fixes:
        fix = reported.item
        if not isinstance(fix, Fix) or not reported.text:
            continue
        doc = parse(reported.text)
        for edit in fix.edits:
            for ins in doc.instructions:
                inside = ins.start < edit.start < ins.end if edit.start == edit.end else (
                    edit.start < ins.end and edit.end > ins.start)
                if inside:
                    out.setdefault(ins.name, set()).add(fix.pass_id)
            for match in _KEYWORD.finditer(edit.content):
                word = match.group(1).upper()
                if word in _SETTINGS:
                    out.setdefault(word, set()).add(fix.pass_id)
                elif word == "FROM":  # a new stage on another base: the settings that base brings change too
                    for setting in _BASE_SETTINGS:
                        out.setdefault(setting, set()).add(fix.pass_id)
    return out


def _missing_bases(builder: Builder, text: str, opts: Options) -> set[str]:
    if opts.pull:
        return set()
    doc = parse(text)
    refs = set()
    for stage in doc.stages:
        if stage.parent is not None:
            continue
        ref = expand(stage.image, {**doc.global_args, **opts.build_args}) or stage.image
        if ref.lower() != "scratch" and "$" not in ref:
            refs.add(ref)
    return {ref for ref in refs if not builder.image_exists(ref)}


# ------------------------------------------------------------------------------------------------
# output


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size else "-"


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def render_text(report: Report) -> str:
    lines: list[str] = []
    for v in report.verdicts:
        if v.status == "error":
            continue  # on stderr (see register)
        if v.status == "skipped":
            lines.append(f"{v.path}: skipped: {'; '.join(v.failures)}")
            continue
        lines.append(f"{v.path}: {v.status}" + (f" ({', '.join(v.passes)})" if v.passes else ""))
        if v.status in ("verified", "failed"):
            head = ("", "built", "seconds", "size", "layers", "uid", "runs", "health", "smoke")
            rows = [head] + [(name, "yes" if s.built else "NO", _cell(s.seconds) if s.built or s.seconds else "-",
                              _mb(s.size_bytes), _cell(s.layers or None), _cell(s.uid), s.runs, s.health,
                              _cell(s.smoke)) for name, s in (("before", v.before), ("after", v.after))]
            widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
            lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
            if v.after.health_when_stopped != "-":
                lines.append(f"  health check with the app stopped: {v.after.health_when_stopped}")
            for c in v.changes:
                who = ", ".join(c.passes) or "no pass: unexplained"
                lines.append(f"  config {c.setting}: {json.dumps(c.before)} → {json.dumps(c.after)}  ({who})")
        lines += [f"  note: {n}" for n in v.notes]
        if report.keep and v.before.tag:
            lines.append(f"  images kept: {v.before.tag} (original), {v.after.tag} (rewrite)")
        lines += [f"  FAILED {f}" for f in v.failures]
    if report.workdir is not None:
        lines.append(f"build and run logs kept in {report.workdir}")
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    return json.dumps({"builder": report.builder, "workdir": str(report.workdir) if report.workdir else None,
                       "files": [v.to_json() for v in report.verdicts]}, indent=2) + "\n"


def render_markdown(report: Report) -> str:
    """The verify table for a pull request body."""
    lines = [f"### Verified by building and running both images ({report.builder})", "",
             "| file | result | size before → after | layers | uid | health |", "|---|---|---|---|---|---|"]
    for v in report.verdicts:
        if v.status not in ("verified", "failed"):
            continue
        result = "✅ verified" if v.ok else "❌ left out: " + "; ".join(f.split(" (log:")[0] for f in v.failures)
        lines.append(f"| `{v.path}` | {result} | {_mb(v.before.size_bytes)} → {_mb(v.after.size_bytes)} | "
                     f"{v.before.layers} → {v.after.layers} | {_cell(v.before.uid)} → {_cell(v.after.uid)} | "
                     f"{v.after.health} |")
    return "\n".join(lines) + "\n"


def _progress(opts: Options, message: str) -> None:
    if opts.progress:
        print(f"dockmod verify: {message}", file=sys.stderr, flush=True)


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path.as_posix()
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[-60:] or "dockerfile"


# ------------------------------------------------------------------------------------------------
# filters for apply / branch


def failing_files(report: Report) -> set[Path]:
    """Absolute paths of the files whose rewrite failed verification."""
    return {Path(v.path).resolve() for v in report.failed}


def verified_paths(paths: Sequence[str], passes: Sequence[Pass], ctx: Context, opts: Options) -> list[str]:
    """``paths`` expanded to files, without those whose rewrite fails verification (``--verified-only``)."""
    if "-" in paths:
        raise VerifyUnavailable("--verified-only cannot verify stdin")
    report = verify_paths(paths, passes, ctx, opts)
    bad = failing_files(report)
    for v in report.failed:
        print(f"{v.path}: left out: {'; '.join(v.failures)}", file=sys.stderr)
    _logs_kept(report)
    return [str(f.path) for f in discover(list(paths)) if f.error or f.path.resolve() not in bad]


# ------------------------------------------------------------------------------------------------
# the command line (registered by refactor/cli.py)

BuilderOpt = Annotated[str | None, typer.Option("--builder", metavar="NAME", help="docker, podman or buildah "
                                                "(default: the first that works here).")]
VerifiedOnly = Annotated[bool, typer.Option("--verified-only", help="Leave out files whose rewrite fails "
                                                                    "'dockmod verify' (builds both images).")]
VerifyOpt = Annotated[bool, typer.Option("--verify", help="Build and run both images of every changed file: the "
                                                          "verify table goes in the PR body, failing files stay out.")]

Smoke = Annotated[str | None, typer.Option("--smoke", help="Shell command run in both running containers; exit codes "
                                                           "must match.")]
Port = Annotated[int | None, typer.Option("--port", help="TCP port that must accept connections in the rewrite if it "
                                                         "does in the original.")]
Target = Annotated[str | None, typer.Option("--target", help="Stage to build (default: the last).")]
BuildArgs = Annotated[list[str] | None, typer.Option("--build-arg", help="KEY=VALUE for both builds.")]
Keep = Annotated[bool, typer.Option("--keep", help="Keep the images, Dockerfiles and logs.")]
Pull = Annotated[bool, typer.Option("--pull", help="Let the builder pull missing base images (default: never).")]


def _logs_kept(report: Report) -> None:
    if report.workdir is not None:
        print(f"dockmod verify: build and run logs kept in {report.workdir}", file=sys.stderr)


def _unavailable(exc: VerifyUnavailable) -> typer.Exit:
    typer.echo(f"dockmod: {exc}", err=True)
    return typer.Exit(2)


def _opts(builder: str | None) -> Options:
    return Options(builder=builder, progress=sys.stderr.isatty())


def cli_verified_paths(paths: Sequence[str], passes: Sequence[Pass], ctx: Context, builder: str | None) -> list[str]:
    """``apply --verified-only``: the files to apply to."""
    try:
        return verified_paths(paths, passes, ctx, _opts(builder))
    except VerifyUnavailable as exc:
        raise _unavailable(exc) from None


def cli_branch_check(paths: Sequence[str], passes: Sequence[Pass], ctx: Context,
                     builder: str | None) -> tuple[set[Path], str]:
    """``branch --verify``: the files to leave out of the branch, and the PR body section."""
    try:
        report = verify_paths(paths, passes, ctx, _opts(builder))
    except VerifyUnavailable as exc:
        raise _unavailable(exc) from None
    _logs_kept(report)
    return failing_files(report), render_markdown(report)


def register(app: typer.Typer) -> None:
    """Add ``dockmod verify`` to ``app``."""
    from refactor import cli

    @app.command()
    def verify(paths: cli.Paths, context: cli.ContextDir = None, builder: BuilderOpt = None, smoke: Smoke = None,
               port: Port = None, target: Target = None, build_arg: BuildArgs = None, keep: Keep = False,
               pull: Pull = False, select: cli.Select = None, ignore: cli.Ignore = None, set_: cli.Sets = None,
               fmt: cli.Fmt = cli.Format.text) -> None:
        """Build and run the original and the rewrite of every file dockmod would change, and compare them
        (exit 0: all verified, 1: a rewrite failed, 2: cannot verify here)."""
        passes, ctx = cli.load_settings(paths, select, ignore, set_, context)
        args = dict(item.partition("=")[::2] for item in build_arg or [])
        opts = Options(builder=builder, smoke=smoke, port=port, target=target, build_args=args, keep=keep, pull=pull,
                       progress=sys.stderr.isatty())
        try:
            report = verify_paths(paths, passes, ctx, opts)
        except VerifyUnavailable as exc:
            raise _unavailable(exc) from None
        for v in report.verdicts:
            if v.status == "error":
                typer.echo(f"{v.path}: error: {'; '.join(v.failures)}", err=True)
        typer.echo(render_json(report) if fmt is cli.Format.json else render_text(report), nl=False)
        if fmt is cli.Format.json:
            _logs_kept(report)
        raise typer.Exit(report.exit_code)
