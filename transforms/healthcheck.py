"""
What it does
    Adds a HEALTHCHECK to the final stage that probes the app over HTTP on the port it EXPOSEs (ARG/ENV
    defaults resolved, so ``EXPOSE ${PORT:-3333}`` probes 3333; the first port of a range), or on the
    ``port`` option. The probe is a program the runtime image already has, in exec form, and fails on a
    non-2xx/3xx answer, on a refused connection and on a timeout:

    - ``curl -fsS --max-time T -o /dev/null URL`` where curl is installed (by the stage or the base);
    - BusyBox ``wget -q --spider -T T URL`` on Alpine and BusyBox bases;
    - ``node -e`` with ``http.get`` (request timeout set) for node images;
    - ``python -c`` with ``urllib.request.urlopen(URL, timeout=T)`` for python images (HTTPError on
      4xx/5xx makes it exit 1).

    The URL is ``http://127.0.0.1:PORT/PATH`` (not ``localhost``, which resolves to ``::1`` first on
    Alpine while many servers listen on IPv4 only). It goes before CMD/ENTRYPOINT. Skipped, with the
    reason: a HEALTHCHECK already there (``NONE`` included, inherited from a parent stage too), no
    EXPOSE, a port that cannot be resolved or only UDP, a service that does not speak HTTP (databases,
    brokers, SSH, TLS ports, php-fpm's FastCGI 9000, forward proxies, tor's ORPort), a gRPC server (a
    ``grpcio``/``@grpc/grpc-js``/``io.grpc``/``Grpc.AspNetCore``/``tonic`` dependency and no web framework
    in the manifests beside the Dockerfile; the ``port`` option overrides this), and an image without a
    probe (scratch, distroless without a runtime, a slim image without curl). curl or wget counts only if
    it is still there at run time: not in an ``apk --virtual`` group deleted later, not removed by
    ``apt-get remove``/``purge`` (package lists in shell variables followed) or the ``apt-mark`` idiom.

Why
    Without a HEALTHCHECK, Docker, Compose (``depends_on: condition: service_healthy``) and Swarm only
    know that the process is alive, not that it answers; a hung server keeps receiving traffic.
    Exec form needs no shell and cannot be broken by shell quoting.

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
import math
import re
from collections.abc import Iterable

from refactor.document import Document, Stage
from refactor.edits import Finding, Fix, Level, Safety
from refactor.images import (
    DISTROLESS,
    SCRATCH,
    has_tool,
    runtime_of,
    stage_family,
)
from refactor.installed import kept_packages
from refactor.knowledge.services import NON_HTTP_PACKAGES as _NON_HTTP_PACKAGES
from refactor.knowledge.services import NON_HTTP_PROGRAMS as _NON_HTTP_PROGRAMS
from refactor.knowledge.services import WEB_PORTS as _WEB_PORTS
from refactor.passes import Context, Pass, Result
from refactor.rewrite import continuation_indent
from refactor.stages import lineage_instructions
from transforms._ports import (
    NON_HTTP_IMAGES,
    NON_HTTP_PORTS,
    command_programs,
    command_words,
    exposed_ports,
    extension_base_reason,
    image_ref,
    insert_lines,
)

_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")
_UNIT = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
# Manifests beside the Dockerfile (or in its build context): a gRPC server dependency and no web framework
# make the app a gRPC server, whose port answers an HTTP/1 probe with a protocol error. (Pinned Python
# requirements list grpcio for every Google client library: a web framework next to it means HTTP.)
_PY_WEB = r"^\s*(flask|fastapi|django|starlette|aiohttp|tornado|gunicorn|uvicorn|bottle|sanic|falcon|quart|gradio)\b"
_GRPC_MANIFESTS = (
    ("requirements*.txt", re.compile(r"^\s*grpcio(-health-checking)?\b", re.M | re.I),
     re.compile(_PY_WEB, re.M | re.I)),
    ("pyproject.toml", re.compile(r"[\"']grpcio\b", re.I),
     re.compile(r"[\"'](flask|fastapi|django|starlette|aiohttp|uvicorn|gunicorn)\b", re.I)),
    ("package.json", re.compile(r"\"(@grpc/grpc-js|grpc)\"\s*:"),
     re.compile(r"\"(express|fastify|koa|next|@hapi/hapi|@nestjs/core|hono|restify)\"\s*:")),
    ("build.gradle*", re.compile(r"io\.grpc:grpc-(netty|services|okhttp)"),
     re.compile(r"spring-boot-starter-web|ktor-server|micronaut-http-server|quarkus-resteasy|javalin|sparkjava")),
    ("pom.xml", re.compile(r"<groupId>io\.grpc</groupId>"),
     re.compile(r"spring-boot-starter-web|micronaut-http-server|quarkus-resteasy|javalin")),
    ("*.csproj", re.compile(r"Include=\"Grpc\.AspNetCore\b", re.I),
     re.compile(r"Include=\"(Swashbuckle|Microsoft\.AspNetCore\.Mvc)", re.I)),
    ("Cargo.toml", re.compile(r"^\s*tonic\s*=", re.M),
     re.compile(r"^\s*(axum|actix-web|warp|rocket|hyper)\s*=", re.M)),
)


def _seconds(value: str) -> float | None:
    """``5s``/``1m30s``/``500ms`` in seconds, None when it is not a Go duration."""
    pos, total = 0, 0.0
    for m in _DURATION.finditer(value):
        if m.start() != pos:
            return None
        total += float(m.group(1)) * _UNIT[m.group(2)]
        pos = m.end()
    return total if pos == len(value) and value else None


def _probe(stage: Stage, url: str, host_port: tuple[int, str], timeout: float) -> list[str] | None:
    """An exec-form probe the runtime image can run, or None."""
    secs = str(max(1, math.ceil(timeout)))
    millis = max(1, int(timeout * 1000))
    pkgs, _removed = kept_packages(stage)
    family = stage_family(stage)
    img = image_ref(stage)
    port, path = host_port
    node_js = (f"require('http').get({{host: '127.0.0.1', port: {port}, path: {_js_string(path)}, "
               f"timeout: {millis}}}, r => process.exit(r.statusCode >= 200 && r.statusCode < 400 ? 0 : 1))"
               ".on('timeout', () => process.exit(1)).on('error', () => process.exit(1))")
    py3 = f"import urllib.request; urllib.request.urlopen({_py_string(url)}, timeout={secs})"
    if family in (SCRATCH, DISTROLESS):
        if family == DISTROLESS and "nodejs" in img.name:
            return ["/nodejs/bin/node", "-e", node_js]
        if family == DISTROLESS and "python3" in img.name:
            return ["python3", "-c", py3]
        return None
    # The tool must still be there when the container runs: not in an ``apk --virtual`` group deleted
    # later, not purged by ``apt-get remove``/the apt-mark idiom (see ``refactor.images.has_tool``).
    if has_tool(stage, "curl"):
        return ["curl", "-fsS", "--max-time", secs, "-o", "/dev/null", url]
    if has_tool(stage, "wget"):
        return ["wget", "-q", "--spider", "-T", secs, url]
    runtime = runtime_of(stage)
    if runtime == "node" or "nodejs" in pkgs:
        return ["node", "-e", node_js]
    if runtime == "python":
        if img.tag.startswith("2"):
            return ["python", "-c", f"import urllib2; urllib2.urlopen({_py_string(url)}, timeout={secs})"]
        return ["python", "-c", py3]
    if pkgs & {"python3", "python3-minimal"}:
        return ["python3", "-c", py3]
    return None


def _js_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _py_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _port(stage: Stage, option: str) -> tuple[int | None, str | None]:
    """The port to probe, or ``(None, reason)``."""
    if option:
        return (int(option), None) if option.isdigit() else (None, f"option port={option!r} is not a number")
    ports = exposed_ports(stage)
    if not ports:
        return None, "no EXPOSE: cannot tell which port to probe"
    tcp = [p for p in ports if p.protocol == "tcp"]
    if not tcp:
        return None, "only UDP/SCTP ports exposed: an HTTP probe does not apply"
    first = tcp[0]
    if first.number is None:
        return None, f"cannot resolve EXPOSE {first.raw}: set the port option"
    # A database or carbon port listed first does not hide a well-known web port listed after it.
    if first.number in NON_HTTP_PORTS:
        web = next((p for p in tcp if p.number in _WEB_PORTS), first)
        return web.number, None
    return first.number, None


def _grpc_manifest(ctx: Context) -> str | None:
    """The manifest (beside the Dockerfile or in ``--context``) that makes the app a gRPC server, or None."""
    folders = [d for d in (ctx.path.parent if ctx.path else None, ctx.context_dir) if d is not None]
    for folder in dict.fromkeys(folders):
        for pattern, grpc, web in _GRPC_MANIFESTS:
            for manifest in sorted(folder.glob(pattern)):
                try:
                    text = manifest.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                if grpc.search(text) and not web.search(text):
                    return manifest.name
    return None


def _non_http(stage: Stage, port: int, ctx: Context, port_chosen: bool) -> str | None:
    img = image_ref(stage)
    if img.short in NON_HTTP_IMAGES:
        return f"{stage.root_image()} does not serve HTTP: an HTTP probe would always fail"
    programs = command_programs(stage)
    for prog in command_words(stage):
        if prog in _NON_HTTP_PROGRAMS:
            return f"the container runs {prog}, which does not serve HTTP on port {port}"
    daemon = sorted(p for p in kept_packages(stage)[0] if port in _NON_HTTP_PACKAGES.get(p, ()))
    if daemon:
        return f"the image installs {daemon[0]}, which does not serve HTTP on port {port}"
    if port == 9000 and (runtime_of(stage) == "php" or "php-fpm" in programs):
        return "port 9000 is php-fpm's FastCGI, not HTTP"
    grpc = next((ins for ins in lineage_instructions(stage) if "grpc" in ins.logical.text.lower()), None)
    if grpc is not None:
        return (f"line {grpc.lineno} mentions gRPC: probe a gRPC service with grpc_health_probe, not HTTP")
    manifest = None if port_chosen else _grpc_manifest(ctx)
    if manifest is not None:
        return (f"{manifest} makes the app a gRPC server: an HTTP probe of port {port} would fail; probe it "
                "with grpc_health_probe, or set the port option to its HTTP port")
    for name, value in stage.env().items():
        if re.search(rf"https://(127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1?\]):{port}\b", value):
            return f"port {port} serves HTTPS ({name}={value}): an http:// probe would fail"
    if port in NON_HTTP_PORTS:
        return f"port {port} is not plain HTTP (database, broker, SSH, TLS…): an HTTP probe would fail"
    return None


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    stage = doc.final_stage
    if stage is None:
        return
    base = extension_base_reason(stage)
    if base:
        yield Finding(PASS.id, f"{base}: leave the HEALTHCHECK to the images built from it", stage.from_.start)
        return
    for ins in lineage_instructions(stage):
        if ins.name == "HEALTHCHECK":
            yield Finding(PASS.id, f"HEALTHCHECK already present at line {ins.lineno}", ins.start, Level.INFO)
            return
    chosen = str(ctx.option(PASS, "port")).strip()
    port, reason = _port(stage, chosen)
    if port is None:
        # No EXPOSE is the usual shape of a CLI or tool image: nothing to act on, so only INFO.
        level = Level.INFO if not exposed_ports(stage) and not chosen else Level.SKIP
        yield Finding(PASS.id, reason or "no port to probe", stage.from_.start, level)
        return
    reason = _non_http(stage, port, ctx, bool(chosen))
    if reason:
        yield Finding(PASS.id, reason, stage.from_.start)
        return
    path = str(ctx.option(PASS, "path")).strip() or "/"
    if not path.startswith("/"):
        path = "/" + path
    durations = {k: str(ctx.option(PASS, k)).strip() for k in ("interval", "timeout", "start_period")}
    bad = [f"{k}={v!r}" for k, v in durations.items() if _seconds(v) is None]
    if bad:
        yield Finding(PASS.id, f"option {bad[0]} is not a duration like 30s", stage.from_.start)
        return
    url = f"http://127.0.0.1:{port}{path}"
    probe = _probe(stage, url, (port, path), _seconds(durations["timeout"]) or 5)
    if probe is None:
        family = stage_family(stage)
        if family in (SCRATCH, DISTROLESS):
            why = f"{stage.root_image()} image has no shell or probe"
        else:
            why = (f"no HTTP probe available in {stage.root_image()}: install curl (or wget) in the final stage "
                   "or add a HEALTHCHECK by hand")
        yield Finding(PASS.id, why, stage.from_.start)
        return
    flags = (f"--interval={durations['interval']} --timeout={durations['timeout']} "
             f"--start-period={durations['start_period']} --retries={int(ctx.option(PASS, 'retries'))}")
    exec_form = json.dumps(probe)
    line = _wrap(doc, f"{doc.keyword('HEALTHCHECK')} {flags}", f"{doc.keyword('CMD')} {exec_form}")
    yield Fix(PASS.id, f"no HEALTHCHECK: probe http://127.0.0.1:{port}{path} with {probe[0].rsplit('/', 1)[-1]}",
              (insert_lines(stage, [line]),), Safety.REVIEW)


def _wrap(doc: Document, head: str, tail: str) -> str:
    """``head`` and ``tail`` on two lines joined by the file's escape character."""
    sample = next((i for i in doc.instructions if len(i.lines) > 1), None)
    indent = continuation_indent(sample) if sample else ("\t" if "\n\t" in doc.text else "    ")
    return f"{head} {doc.escape}{doc.newline}{indent}{tail}"


PASS = Pass("healthcheck", "Add an HTTP HEALTHCHECK to the final stage", Safety.REVIEW, run, __doc__,
            options={"path": "/", "interval": "30s", "timeout": "5s", "start_period": "10s", "retries": 3,
                     "port": ""})

PASSES = (PASS,)
