"""
What it does
    Adds a HEALTHCHECK to the final stage, before CMD/ENTRYPOINT, whose port and path come from evidence
    stated in the fix message: an HTTP probe of the health endpoint when one is known, else a TCP-connect
    probe of the port, with a program the runtime image already has, in exec form. An image without one
    (distroless, scratch) runs the service's own health mode instead: ``CMD ["/app", "-healthcheck"]``.

Skips
    Each with the reason, as a finding that names the option to set: a base image meant to be extended (ONBUILD,
    an official ``docker-*-entrypoint``); a HEALTHCHECK already there (``NONE`` included, inherited too); a
    ``port`` option that is not a number; a compose healthcheck that is disabled or not an HTTP URL, a
    Kubernetes gRPC probe; a default command that only prints help (``ENTRYPOINT ["airflow"]`` with ``CMD
    ["--help"]``: the subcommand, server or not, is chosen at run time); no EXPOSE and no port evidence (info);
    only UDP/SCTP ports; a port that cannot be resolved; a port range or several candidate ports without
    evidence which one; no CMD/ENTRYPOINT in the final stage or a stage of the file it builds on, on a base
    image that is not a known server (nginx, httpd, docker-library services, dind, php fpm): the base's default,
    often a REPL such as ``python3`` or a shell, listens on nothing; a service that does not speak HTTP
    (databases, brokers, SSH, TLS ports, php-fpm's FastCGI 9000, forward proxies, tor's ORPort, an https:// URL
    of the port in ENV; a gRPC server: a line mentioning gRPC, or a gRPC dependency and no web framework in the
    manifests beside the Dockerfile) unless a probe already run by compose/Kubernetes/a sibling shows the port;
    a duration option that is not a duration; an image without a probe program whose program shows no health
    mode, or one that never exits non-zero (a flag branch without ``os.Exit(1)``/``log.Fatal``), takes a value,
    or belongs to another of several Go programs (a health flag on by default, or whose branch starts a server,
    is a setting, not a mode); ``traefik healthcheck`` without ``--ping``. curl or wget counts
    only if still there at run time (``apk --virtual`` groups, apt purges and the ``apt-mark`` idiom followed).

Why
    Without a HEALTHCHECK, Docker, Compose (``depends_on: condition: service_healthy``) and Swarm only
    know that the process is alive, not that it answers. A probe that always fails is worse than none (Swarm
    restarts the container, ``service_healthy`` blocks), so the path is never guessed. Evidence, first
    wins: the ``path``/``port`` options; a compose ``healthcheck:`` of the service built from this file; a
    Kubernetes liveness/readiness/startup probe of its image (``httpGet`` path and port, ``tcpSocket``); a
    sibling Dockerfile's HEALTHCHECK (``Dockerfile.prod``…); a known API (Docker Engine: ``/_ping`` on
    2375, TCP on TLS 2376); a framework's endpoint (Spring Boot actuator ``/actuator/health`` with its
    base path, context path and ports; NestJS terminus with its controller path and global prefix); a route
    literally named ``/health``, ``/healthz``, ``/ping``, ``/ready``, ``/live``, ``/status``… in the
    copied source (none when the source mounts routes under a prefix); "/" only where it answers 2xx: a
    route that the source defines for "/" (not net/http's catch-all "/"), nginx's or httpd's unmodified
    default config, ``python -m http.server``. Without a path: a TCP connect (BusyBox ``nc -z``, bash
    ``/dev/tcp``, ``node`` net.connect, ``python`` socket), which tells listening from dead and is never
    falsely unhealthy; also when Django ``ALLOWED_HOSTS`` or Rails ``config.hosts`` reject
    ``Host: 127.0.0.1``. HTTP probes: curl, BusyBox wget, node ``http.get``, python ``urlopen``, failing
    on non-2xx/3xx; ``127.0.0.1``, not ``localhost`` (``::1`` first on Alpine). Without any probe program,
    the program probes itself, as distroless Go services do: in the Go source the file builds (the main package
    the started binary is built from), a ``flag.Bool``/``BoolVar`` named health/healthcheck/probe…, an
    ``os.Args[1] == "healthcheck"`` subcommand or a cobra ``Use: "healthcheck"`` command, whose branch (or a
    function it calls) exits 1 on failure; or a CLI with a built-in one (``traefik healthcheck`` with ``--ping``).
    It runs as the image runs the binary (PATH name, absolute, or a relative path made absolute with WORKDIR).

Example
    Before (``src/health.controller.ts`` has a terminus ``@HealthCheck()`` under ``@Controller('health')``,
    ``src/main.ts`` calls ``app.setGlobalPrefix('api/v1')``)::

        FROM node:20-alpine
        WORKDIR /app
        COPY . .
        EXPOSE 3000
        CMD ["node", "dist/main.js"]

    After::

        FROM node:20-alpine
        WORKDIR /app
        COPY . .
        EXPOSE 3000
        HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\
            CMD ["wget", "-q", "--spider", "-T", "5", "http://127.0.0.1:3000/api/v1/health"]
        CMD ["node", "dist/main.js"]

Fix safety
    review: the container gets a health status. An HTTP probe's path comes from the evidence named in the
    message; a TCP probe only says the port accepts connections; the program's own health mode is the one its
    source defines, at the lines the message names. Options: ``path`` (empty: from evidence),
    ``port`` (empty: from evidence, else the one EXPOSEd port), ``interval`` (30s), ``timeout`` (5s),
    ``start_period`` (10s), ``retries`` (3).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from refactor import lazy_re
from refactor.document import Document, Instruction, Stage
from refactor.edits import Finding, Fix, Level, Safety
from refactor.health_evidence import Evidence
from refactor.images import (
    DISTROLESS,
    SCRATCH,
    drops_root,
    installed_packages,
    must_run_as_root,
    runtime_of,
    service_of,
    stage_family,
)
from refactor.knowledge.services import NON_HTTP_PACKAGES, NON_HTTP_PROGRAMS
from refactor.model import model_of
from refactor.passes import Context, Pass, Result, duration, http_path, integer, optional
from refactor.passes import port as port_number
from refactor.rewrite import continuation_indent
from refactor.stages import lineage_instructions, start_command
from transforms._health_probe import has_probe_program, seconds
from transforms._health_subject import Options, Subject
from transforms._ports import (
    NON_HTTP_IMAGES,
    NON_HTTP_PORTS,
    command_programs,
    command_words,
    extension_base_reason,
    image_ref,
    insert_lines,
    resolve,
)

if TYPE_CHECKING:
    from transforms._health_self_probe import SelfProbe

_DURATIONS = ("interval", "timeout", "start_period")


def _options(ctx: Context) -> Options:
    raw = {k: str(ctx.option(PASS, k)).strip() for k in ("port", "path", *_DURATIONS)}
    return Options(**raw, retries=int(ctx.option(PASS, "retries")))


class Plan(NamedTuple):
    """A HEALTHCHECK to insert into ``stage``: the probe argv, the flags, what it probes and why."""

    stage: Stage
    probe: tuple[str, ...]
    flags: str
    target: str  # ``http://127.0.0.1:8000/health`` or ``127.0.0.1:8000`` (TCP)
    evidence: str
    http: bool
    own: bool = False  # the program's own health mode (``target`` is its command line)


class Rule(NamedTuple):
    """A skip: ``when`` returns None/False/"", or the value that fills ``{0}`` in ``message``."""

    when: Callable[[Subject], Any]
    message: str
    level: Level = Level.SKIP
    at_value: bool = False  # report at the instruction ``when`` returned instead of the FROM line


def _existing_healthcheck(s: Subject) -> Instruction | None:
    return next((i for i in lineage_instructions(s.stage) if i.name == "HEALTHCHECK"), None)


def _blocker(s: Subject) -> str | None:
    return s.clue.blocker if s.clue is not None and not s.options.path else None


def _needs_expose(s: Subject) -> bool:
    return not s.options.port and (s.clue is None or s.clue.port is None)


def _unresolved(s: Subject) -> str | None:
    return next((p.raw for p in s.candidates if p.number is None), None) if _needs_expose(s) else None


def _port_range(s: Subject) -> str | None:
    ranges = (p.raw for p in s.candidates if re.match(r"\d+-\d+", resolve(p.raw, p.instruction.doc.stages[
        p.instruction.stage_index]) or ""))
    return next(ranges, None) if _needs_expose(s) else None


def _several(s: Subject) -> str | None:
    many = _needs_expose(s) and len(s.candidates) > 1
    return ", ".join(str(p.number) for p in s.candidates) if many else None


def _heuristic(check: Callable[[Subject], Any]) -> Callable[[Subject], Any]:
    """A non-HTTP guess from names, overruled by a probe that compose/Kubernetes/a sibling already runs."""
    return lambda s: None if s.trusted_port else check(s)


def _non_http_program(s: Subject) -> str | None:
    return next((p for p in command_words(s.stage) if p in NON_HTTP_PROGRAMS), None)


def _non_http_daemon(s: Subject) -> str | None:
    return min((p for p in installed_packages(s.stage) if s.port in NON_HTTP_PACKAGES.get(p, ())), default=None)


def _fastcgi(s: Subject) -> bool:
    return s.port == 9000 and (runtime_of(s.stage) == "php" or "php-fpm" in command_programs(s.stage))


def _https_env(s: Subject) -> str | None:
    pattern = re.compile(rf"https://(127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1?\]):{s.port}\b")
    return next((f"{k}={v}" for k, v in s.stage.env().items() if pattern.search(v)), None)


# docker-library/php's fpm variants end with ``CMD ["php-fpm"]`` (its apache variants are known as DROPS_ROOT).
_PHP_FPM_TAG = lazy_re.compile(r"(^|-)fpm(-|$)")


def _base_serves(s: Subject) -> bool:
    """The base image's own command starts a server dockmod knows: nginx, httpd, the docker-library services
    that drop root (refactor.knowledge.images DROPS_ROOT), Docker-in-Docker's dockerd, a non-HTTP service
    (postgres, redis…, answered by the later rules), php's fpm tags."""
    ref = image_ref(s.stage)
    return (drops_root(ref) or must_run_as_root(s.stage) or service_of(ref) is not None
            or (runtime_of(s.stage) == "php" and bool(_PHP_FPM_TAG.search(ref.tag))))


def _no_own_command(s: Subject) -> str | None:
    """No CMD/ENTRYPOINT in the final stage or a stage of this file it builds on: the base image's default
    runs (``python3``, ``node``, a shell), which listens on nothing, unless the base is a server dockmod knows."""
    if s.options.port or s.trusted_port or model_of(s.stage).start_command or _base_serves(s):
        return None
    return s.stage.root_image()


_HELP = frozenset({"--help", "-h", "help", "--version", "version"})


def _help_only(s: Subject) -> str | None:
    """``ENTRYPOINT ["tool"]`` + ``CMD ["--help"]``: the role (server or not) is chosen at ``docker run``."""
    if s.options.port or s.trusted_port:
        return None
    argv = start_command(s.stage)
    if len(argv) == 2 and argv[0] and len(argv[1]) == 1 and argv[1][0] in _HELP:
        return " ".join([*argv[0], argv[1][0]])
    return None


def _bad_duration(s: Subject) -> str | None:
    return next((f"{k}={getattr(s.options, k)!r}" for k in _DURATIONS if seconds(getattr(s.options, k)) is None),
                None)


def _no_probe(s: Subject) -> str | None:
    argv, http = s.probe
    if argv is not None:
        return None
    if stage_family(s.stage) in (SCRATCH, DISTROLESS):
        return (f"{s.stage.root_image()} image has no shell or probe, and the program shows no health mode: give "
                "it one that exits 1 on failure (a -healthcheck flag or a healthcheck subcommand, then HEALTHCHECK "
                "CMD [\"/app\", \"-healthcheck\"]), or leave health to Kubernetes probes")
    if http:
        return (f"no HTTP probe available in {s.stage.root_image()}: install curl (or wget) in the final stage "
                "or add a HEALTHCHECK by hand")
    return (f"no probe program in {s.stage.root_image()} for a TCP check of port {s.port} (no nc, bash, node or "
            "python): install curl and set healthcheck.path, or add a HEALTHCHECK by hand")


def _own_check(s: Subject) -> SelfProbe | str | None:
    """On an image without a probe program, the program's own health mode (or why it cannot be used), unless
    the options ask for a probe of a port or path, or the default command only prints help."""
    if s.options.port or s.options.path or has_probe_program(s.stage) or _help_only(s):
        return None
    from transforms._health_self_probe import self_probe  # here: few images lack a probe program (cold start)

    return self_probe(s.stage, s.evidence)


# In order: the first rule that applies is the finding. GATES hold for any probe, the program's own included.
GATES: tuple[Rule, ...] = (
    Rule(lambda s: extension_base_reason(s.stage), "{0}: leave the HEALTHCHECK to the images built from it"),
    Rule(_existing_healthcheck, "HEALTHCHECK already present at line {0.lineno}", Level.INFO, at_value=True),
    Rule(lambda s: s.options.port if s.options.port and not s.options.port.isdigit() else None,
         "option port={0!r} is not a number"),
    Rule(_blocker, "{0}"),
    Rule(_bad_duration, "option {0} is not a duration like 30s"),
)
RULES: tuple[Rule, ...] = (
    Rule(lambda s: _needs_expose(s) and not s.ports, "no EXPOSE: cannot tell which port to probe; set healthcheck.port",
         Level.INFO),
    Rule(lambda s: _needs_expose(s) and not s.tcp, "only UDP/SCTP ports exposed: an HTTP probe does not apply"),
    Rule(_unresolved, "cannot resolve EXPOSE {0}: set healthcheck.port"),
    Rule(_port_range, "EXPOSE {0} is a port range: set healthcheck.port to the port the service listens on"),
    Rule(_several, "several ports exposed ({0}) and no evidence which one to probe: set healthcheck.port"),
    Rule(_no_own_command, "the file sets no CMD or ENTRYPOINT: the container runs the default command of {0} (a "
         "REPL or shell unless it is a server), so nothing may listen on the exposed port; add the CMD that starts "
         "the server, or set healthcheck.port for the image run as one"),
    Rule(_help_only, "the default command `{0}` only prints help: which subcommand runs (and whether it listens "
         "on port {s.port}) is chosen at docker run; set healthcheck.port for an image run as that server"),
    Rule(_heuristic(lambda s: image_ref(s.stage).short in NON_HTTP_IMAGES and s.stage.root_image()),
         "{0} does not serve HTTP: an HTTP probe would always fail"),
    Rule(_heuristic(_non_http_program), "the container runs {0}, which does not serve HTTP on port {s.port}"),
    Rule(_heuristic(_non_http_daemon), "the image installs {0}, which does not serve HTTP on port {s.port}"),
    Rule(_heuristic(_fastcgi), "port 9000 is php-fpm's FastCGI, not HTTP"),
    Rule(_heuristic(lambda s: next((i for i in lineage_instructions(s.stage) if "grpc" in i.logical.text.lower()),
                                   None)),
         "line {0.lineno} mentions gRPC: probe a gRPC service with grpc_health_probe, not HTTP"),
    Rule(_heuristic(lambda s: None if s.options.port else s.evidence.grpc_manifest),
         "{0} makes the app a gRPC server: an HTTP probe of port {s.port} would fail; probe it with "
         "grpc_health_probe, or set healthcheck.port to its HTTP port"),
    Rule(_heuristic(_https_env), "port {s.port} serves HTTPS ({0}): an http:// probe would fail"),
    Rule(_heuristic(lambda s: s.port in NON_HTTP_PORTS),
         "port {s.port} is not plain HTTP (database, broker, SSH, TLS…): an HTTP probe would fail"),
    Rule(_no_probe, "{0}"),
)


def analyze(stage: Stage, options: Options, evidence: Evidence) -> Plan | Finding:
    """The HEALTHCHECK to add to the final ``stage``, or the finding that says why there is none."""
    s = Subject(stage, options, evidence)
    flags = (f"--interval={options.interval} --timeout={options.timeout} "
             f"--start-period={options.start_period} --retries={options.retries}")
    for rule in GATES:
        finding = _apply(rule, s)
        if finding is not None:
            return finding
    own = _own_check(s)
    if own is not None and not isinstance(own, str):  # a SelfProbe
        return Plan(stage, own.argv, flags, " ".join(own.argv), own.evidence, False, own=True)
    if own is not None:
        return Finding(PASS.id, f"{stage.root_image()} image has no probe program; {own}", stage.from_.start)
    for rule in RULES:
        finding = _apply(rule, s)
        if finding is not None:
            return finding
    argv, http = s.probe
    assert argv is not None and s.port_evidence is not None
    port, port_from = s.port_evidence
    path, path_from = s.path_evidence
    if http:
        why = path_from if port_from == path_from else f"{path_from}; port {port} from {port_from}"
        return Plan(stage, tuple(argv), flags, f"http://127.0.0.1:{port}{path}", why, True)
    if path is not None:
        path_from = f"{path_from}, but the image has no HTTP client"
    if port_from == path_from:  # the evidence itself is a TCP check
        return Plan(stage, tuple(argv), flags, f"127.0.0.1:{port}", port_from, False)
    why = f"port {port} from {port_from}; {path_from}: set healthcheck.path to probe over HTTP"
    return Plan(stage, tuple(argv), flags, f"127.0.0.1:{port}", why, False)


def _apply(rule: Rule, s: Subject) -> Finding | None:
    value = rule.when(s)
    if value is None or value is False or value == "":
        return None
    offset = value.start if rule.at_value else s.stage.from_.start
    return Finding(PASS.id, rule.message.format(value, s=s), offset, rule.level)


def render(plan: Plan) -> Fix:
    """The fix that inserts ``plan``'s HEALTHCHECK before the stage's CMD/ENTRYPOINT."""
    doc = plan.stage.doc
    line = _wrap(doc, f"{doc.keyword('HEALTHCHECK')} {plan.flags}", f"{doc.keyword('CMD')} {json.dumps(plan.probe)}")
    tool = plan.probe[0].rsplit("/", 1)[-1]
    what = f"probe {plan.target}" if plan.http else f"TCP connect to {plan.target}"
    if plan.own:
        return Fix(PASS.id, f"no HEALTHCHECK and no probe program in the image: run `{plan.target}`, the "
                   f"program's own health check (evidence: {plan.evidence})", (insert_lines(plan.stage, [line]),),
                   Safety.REVIEW)
    return Fix(PASS.id, f"no HEALTHCHECK: {what} with {tool} (evidence: {plan.evidence})",
               (insert_lines(plan.stage, [line]),), Safety.REVIEW)


def _wrap(doc: Document, head: str, tail: str) -> str:
    """``head`` and ``tail`` on two lines joined by the file's escape character."""
    sample = next((i for i in doc.instructions if len(i.lines) > 1), None)
    indent = continuation_indent(sample) if sample else ("\t" if "\n\t" in doc.text else "    ")
    return f"{head} {doc.escape}{doc.newline}{indent}{tail}"


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    stage = doc.final_stage
    if stage is None:
        return
    result = analyze(stage, _options(ctx), Evidence(doc, ctx.path, ctx.context_dir, ctx.project))
    yield render(result) if isinstance(result, Plan) else result


PASS = Pass("healthcheck", "Add a HEALTHCHECK to the final stage (HTTP path from evidence, else a TCP connect, "
            "else the program's own health mode)",
            Safety.REVIEW, run, __doc__,
            options={"path": "", "interval": "30s", "timeout": "5s", "start_period": "10s", "retries": 3,
                     "port": ""},
            checks={"path": http_path, "port": optional(port_number), "interval": duration, "timeout": duration,
                    "start_period": duration, "retries": integer(1, what="a retry count")})

PASSES = (PASS,)
