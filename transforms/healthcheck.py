"""
What it does
    Adds a HEALTHCHECK to the final stage, before CMD/ENTRYPOINT, that probes the app over HTTP on the
    port it EXPOSEs (ARG/ENV defaults resolved; the first port of a range) or on the ``port`` option, with
    a program the runtime image already has, in exec form.

Skips
    Each with the reason, as a finding: a base image meant to be extended (ONBUILD, an official
    ``docker-*-entrypoint``); a HEALTHCHECK already there (``NONE`` included, inherited from a parent stage
    too); a ``port`` option that is not a number; no EXPOSE (info: the usual shape of a CLI image); only
    UDP/SCTP ports; a port that cannot be resolved; a service that does not speak HTTP (databases,
    brokers, SSH, TLS ports, php-fpm's FastCGI 9000, forward proxies, tor's ORPort, an https:// URL of
    the port in ENV); a gRPC server (a line mentioning gRPC, or a ``grpcio``/``@grpc/grpc-js``/
    ``io.grpc``/``Grpc.AspNetCore``/``tonic`` dependency and no web framework in the manifests beside the
    Dockerfile; the ``port`` option overrides the manifests); a duration option that is not a duration;
    an image without a probe program (scratch, distroless without a runtime, a slim image without curl).
    curl or wget counts only if it is still there at run time: not in an ``apk --virtual`` group deleted
    later, not removed by ``apt-get remove``/``purge`` or the ``apt-mark`` idiom.

Why
    Without a HEALTHCHECK, Docker, Compose (``depends_on: condition: service_healthy``) and Swarm only
    know that the process is alive, not that it answers; a hung server keeps receiving traffic.
    Exec form needs no shell and cannot be broken by shell quoting. The probe asks ``127.0.0.1``, not
    ``localhost``, which resolves to ``::1`` first on Alpine while many servers listen on IPv4 only.
    Probes: ``curl -fsS --max-time T -o /dev/null URL`` where curl is installed; BusyBox
    ``wget -q --spider -T T URL`` on Alpine and BusyBox; ``node -e`` with ``http.get`` for node images;
    ``python -c`` with ``urllib.request.urlopen(URL, timeout=T)`` for python images. Each fails on a
    non-2xx/3xx answer, a refused connection and a timeout.

Example
    Before::

        FROM python:3.13-alpine
        WORKDIR /app
        COPY . .
        EXPOSE 8000
        CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "app.asgi:application"]

    After::

        FROM python:3.13-alpine
        WORKDIR /app
        COPY . .
        EXPOSE 8000
        HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\
            CMD ["wget", "-q", "--spider", "-T", "5", "http://127.0.0.1:8000/"]
        CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "app.asgi:application"]

Fix safety
    review: the container gets a health status, and an app that answers ``/`` with 404 (an API without
    a root route) or needs a host header is reported unhealthy. Set ``path`` to its health endpoint.
    Options: ``path`` (``/``), ``interval`` (30s), ``timeout`` (5s), ``start_period`` (10s),
    ``retries`` (3), ``port`` (empty: from EXPOSE).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from refactor.document import Document, Instruction, Stage
from refactor.edits import Finding, Fix, Level, Safety
from refactor.health_evidence import Evidence
from refactor.images import DISTROLESS, SCRATCH, installed_packages, runtime_of, stage_family
from refactor.knowledge.health import NON_HTTP_PACKAGES, NON_HTTP_PROGRAMS, WEB_PORTS
from refactor.passes import Context, Pass, Result
from refactor.rewrite import continuation_indent
from refactor.stages import lineage_instructions
from transforms._health_probe import http_probe, seconds
from transforms._ports import (
    NON_HTTP_IMAGES,
    NON_HTTP_PORTS,
    Port,
    command_programs,
    command_words,
    exposed_ports,
    extension_base_reason,
    image_ref,
    insert_lines,
)

_DURATIONS = ("interval", "timeout", "start_period")


@dataclass(frozen=True)
class Options:
    """The user's options for this pass, as strings (``port`` empty: from EXPOSE)."""

    port: str
    path: str
    interval: str
    timeout: str
    start_period: str
    retries: int

    @classmethod
    def of(cls, ctx: Context) -> Options:
        raw = {k: str(ctx.option(PASS, k)).strip() for k in ("port", "path", *_DURATIONS)}
        return cls(**raw, retries=int(ctx.option(PASS, "retries")))


@dataclass(frozen=True)
class Plan:
    """A HEALTHCHECK to insert into ``stage``: the probe argv, the flags, and what it probes."""

    stage: Stage
    probe: tuple[str, ...]
    flags: str
    target: str  # e.g. ``http://127.0.0.1:8000/``


class Subject:
    """What the rules ask about one final stage; every answer computed at most once."""

    def __init__(self, stage: Stage, options: Options, evidence: Evidence) -> None:
        self.stage, self.options, self.evidence = stage, options, evidence

    @cached_property
    def ports(self) -> list[Port]:
        return exposed_ports(self.stage)

    @cached_property
    def tcp(self) -> list[Port]:
        return [p for p in self.ports if p.protocol == "tcp"]

    @cached_property
    def port(self) -> int:
        """The port to probe (asked only after the port rules passed)."""
        if self.options.port:
            return int(self.options.port)
        first = self.tcp[0]
        assert first.number is not None
        # A database or carbon port listed first does not hide a well-known web port listed after it.
        if first.number in NON_HTTP_PORTS:
            web = next((p for p in self.tcp if p.number in WEB_PORTS), first)
            assert web.number is not None
            return web.number
        return first.number

    @cached_property
    def path(self) -> str:
        path = self.options.path or "/"
        return path if path.startswith("/") else "/" + path

    @cached_property
    def probe(self) -> list[str] | None:
        return http_probe(self.stage, self.port, self.path, seconds(self.options.timeout) or 5)


@dataclass(frozen=True)
class Rule:
    """A skip: ``when`` returns a falsy value, or the value that fills ``{0}`` in ``message``."""

    when: Callable[[Subject], Any]
    message: str
    level: Level = Level.SKIP
    at_value: bool = False  # report at the instruction ``when`` returned instead of the FROM line


def _existing_healthcheck(s: Subject) -> Instruction | None:
    return next((i for i in lineage_instructions(s.stage) if i.name == "HEALTHCHECK"), None)


def _unresolved(s: Subject) -> str | None:
    return s.tcp[0].raw if not s.options.port and s.tcp[0].number is None else None


def _non_http_program(s: Subject) -> str | None:
    return next((p for p in command_words(s.stage) if p in NON_HTTP_PROGRAMS), None)


def _non_http_daemon(s: Subject) -> str | None:
    return min((p for p in installed_packages(s.stage) if s.port in NON_HTTP_PACKAGES.get(p, ())), default=None)


def _fastcgi(s: Subject) -> bool:
    return s.port == 9000 and (runtime_of(s.stage) == "php" or "php-fpm" in command_programs(s.stage))


def _https_env(s: Subject) -> str | None:
    pattern = re.compile(rf"https://(127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1?\]):{s.port}\b")
    return next((f"{k}={v}" for k, v in s.stage.env().items() if pattern.search(v)), None)


def _bad_duration(s: Subject) -> str | None:
    return next((f"{k}={getattr(s.options, k)!r}" for k in _DURATIONS if seconds(getattr(s.options, k)) is None),
                None)


def _no_probe(s: Subject) -> str | None:
    if s.probe is not None:
        return None
    if stage_family(s.stage) in (SCRATCH, DISTROLESS):
        return f"{s.stage.root_image()} image has no shell or probe"
    return (f"no HTTP probe available in {s.stage.root_image()}: install curl (or wget) in the final stage "
            "or add a HEALTHCHECK by hand")


# In order: the first rule that applies is the finding.
RULES: tuple[Rule, ...] = (
    Rule(lambda s: extension_base_reason(s.stage), "{0}: leave the HEALTHCHECK to the images built from it"),
    Rule(_existing_healthcheck, "HEALTHCHECK already present at line {0.lineno}", Level.INFO, at_value=True),
    Rule(lambda s: s.options.port if s.options.port and not s.options.port.isdigit() else None,
         "option port={0!r} is not a number"),
    Rule(lambda s: not s.options.port and not s.ports, "no EXPOSE: cannot tell which port to probe", Level.INFO),
    Rule(lambda s: not s.options.port and not s.tcp, "only UDP/SCTP ports exposed: an HTTP probe does not apply"),
    Rule(_unresolved, "cannot resolve EXPOSE {0}: set the port option"),
    Rule(lambda s: image_ref(s.stage).short in NON_HTTP_IMAGES and s.stage.root_image(),
         "{0} does not serve HTTP: an HTTP probe would always fail"),
    Rule(_non_http_program, "the container runs {0}, which does not serve HTTP on port {s.port}"),
    Rule(_non_http_daemon, "the image installs {0}, which does not serve HTTP on port {s.port}"),
    Rule(_fastcgi, "port 9000 is php-fpm's FastCGI, not HTTP"),
    Rule(lambda s: next((i for i in lineage_instructions(s.stage) if "grpc" in i.logical.text.lower()), None),
         "line {0.lineno} mentions gRPC: probe a gRPC service with grpc_health_probe, not HTTP"),
    Rule(lambda s: None if s.options.port else s.evidence.grpc_manifest,
         "{0} makes the app a gRPC server: an HTTP probe of port {s.port} would fail; probe it with "
         "grpc_health_probe, or set the port option to its HTTP port"),
    Rule(_https_env, "port {s.port} serves HTTPS ({0}): an http:// probe would fail"),
    Rule(lambda s: s.port in NON_HTTP_PORTS,
         "port {s.port} is not plain HTTP (database, broker, SSH, TLS…): an HTTP probe would fail"),
    Rule(_bad_duration, "option {0} is not a duration like 30s"),
    Rule(_no_probe, "{0}"),
)


def analyze(stage: Stage, options: Options, evidence: Evidence) -> Plan | Finding:
    """The HEALTHCHECK to add to the final ``stage``, or the finding that says why there is none."""
    subject = Subject(stage, options, evidence)
    for rule in RULES:
        value = rule.when(subject)
        if value is not None and value is not False and value != "":
            offset = value.start if rule.at_value else stage.from_.start
            return Finding(PASS.id, rule.message.format(value, s=subject), offset, rule.level)
    assert subject.probe is not None
    flags = (f"--interval={options.interval} --timeout={options.timeout} "
             f"--start-period={options.start_period} --retries={options.retries}")
    return Plan(stage, tuple(subject.probe), flags, f"http://127.0.0.1:{subject.port}{subject.path}")


def render(plan: Plan) -> Fix:
    """The fix that inserts ``plan``'s HEALTHCHECK before the stage's CMD/ENTRYPOINT."""
    doc = plan.stage.doc
    line = _wrap(doc, f"{doc.keyword('HEALTHCHECK')} {plan.flags}", f"{doc.keyword('CMD')} {json.dumps(plan.probe)}")
    tool = plan.probe[0].rsplit("/", 1)[-1]
    return Fix(PASS.id, f"no HEALTHCHECK: probe {plan.target} with {tool}", (insert_lines(plan.stage, [line]),),
               Safety.REVIEW)


def _wrap(doc: Document, head: str, tail: str) -> str:
    """``head`` and ``tail`` on two lines joined by the file's escape character."""
    sample = next((i for i in doc.instructions if len(i.lines) > 1), None)
    indent = continuation_indent(sample) if sample else ("\t" if "\n\t" in doc.text else "    ")
    return f"{head} {doc.escape}{doc.newline}{indent}{tail}"


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    stage = doc.final_stage
    if stage is None:
        return
    result = analyze(stage, Options.of(ctx), Evidence(ctx.path, ctx.context_dir))
    yield render(result) if isinstance(result, Plan) else result


PASS = Pass("healthcheck", "Add an HTTP HEALTHCHECK to the final stage", Safety.REVIEW, run, __doc__,
            options={"path": "/", "interval": "30s", "timeout": "5s", "start_period": "10s", "retries": 3,
                     "port": ""})

PASSES = (PASS,)
