"""What the files around a Dockerfile say about its service's health endpoint: the evidence a HEALTHCHECK needs.

``Evidence`` is created once per Dockerfile and reads lazily (each question at most once, files through
bounded scans): compose services that build the Dockerfile, Kubernetes probes of its image, a sibling
Dockerfile's HEALTHCHECK, the final stage's own server (the Docker Engine, a static server's default
config) and the build context's manifests and source (``refactor.health_source``). Each answer is a
``Clue`` that names where it came from; the healthcheck pass decides what to do with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from refactor import lazy_re
from refactor.discovery import is_dockerfile
from refactor.document import Document, Stage, memoized, parse
from refactor.health_source import Clue, Sources, framework_clue, host_check, route_clue
from refactor.images import ImageRef
from refactor.knowledge import health as k
from refactor.project import (
    Project,
    compose_services_building,
    kubernetes_containers,
    literal_sources,
    project_context,
    skaffold_images,
)
from refactor.stages import start_command
from refactor.words import expand

_URL = lazy_re.compile(r"(?:\b(https?)://|(?<![\w/.:@-]))(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1?\])(?::(\d+))?"
                  r"(/[^\s'\"\\|;&)`]*)?")  # curl and wget default to http:// without a scheme
# Dockerfile name parts that mark a variant of the same service (Dockerfile.prod, api.dev.Dockerfile).
_VARIANTS = frozenset({"dev", "development", "prod", "production", "local", "debug", "alpine", "slim", "ci",
                       "release", "staging", "stage", "distroless"})
_GENERIC_FOLDERS = frozenset({"docker", ".docker", "build", "deploy", "container", "containers", "dockerfiles"})


def url_clue(text: str, source: str, env: dict[str, str]) -> Clue | None:
    """The clue of the first local http(s) URL in a health test command, or None."""
    expanded = expand(text, env) or text
    m = _URL.search(expanded)
    if m is None or (not m.group(1) and not re.search(r"\b(curl|wget)\b", text)):
        return None  # a bare "localhost" is an HTTP URL only as the argument of curl/wget
    if expanded[m.end():m.end() + 1] in (":", "$"):  # ``localhost:${PORT}/health``: not port 80 and "/"
        url = expanded[m.start():].split()[0]
        return Clue(source, blocker=f"{source} requests {url}, whose port or path is a variable not known here: "
                                    "set healthcheck.port and healthcheck.path")
    port = int(m.group(2)) if m.group(2) else (443 if m.group(1) == "https" else 80)
    if m.group(1) == "https":
        return Clue(f"{source} ({m.group(0)}, https: TCP connect)", port, tcp=True, tested=True)
    return Clue(f"{source} ({m.group(0)})", port, m.group(3) or "/", tested=True)


class Evidence:
    """Facts from the project around one Dockerfile at ``path`` (None for stdin: no facts)."""

    def __init__(self, doc: Document | None, path: Path | None, context_dir: Path | None = None,
                 project: Project | None = None) -> None:
        self.doc, self.path, self.context_dir, self.project = doc, path, context_dir, project
        self.notes: list[str] = []  # why a source gave no evidence (shown in a TCP probe's message)

    @property
    def folders(self) -> list[Path]:
        """The Dockerfile's folder and the ``--context`` folder, each once."""
        found = [d for d in (self.path.parent if self.path else None, self.context_dir) if d is not None]
        return list(dict.fromkeys(found))

    @property
    def stage(self) -> Stage | None:
        return self.doc.final_stage if self.doc is not None else None

    @cached_property
    def grpc_manifest(self) -> str | None:
        """The manifest (beside the Dockerfile or in ``--context``) that makes the app a gRPC server, or None."""
        for folder in self.folders:
            for pattern, grpc, web in k.GRPC_MANIFESTS:
                for manifest in sorted(folder.glob(pattern)):
                    text = _read(manifest)
                    if text is not None and grpc.search(text) and not web.search(text):
                        return manifest.name
        return None

    def clues(self) -> Iterator[Clue]:
        """The clues found, most trusted first; each source is read only when the ones before gave nothing."""
        for name in ("compose", "kubernetes", "sibling", "known_api", "framework", "route", "static_root"):
            clue = getattr(self, name)
            if clue is not None:
                yield clue

    # -- probes someone already runs --------------------------------------------------------------------

    @cached_property
    def compose_services(self) -> list[tuple[Path, str, dict[str, Any]]]:
        if self.path is None:
            return []
        project = self.project or Project()
        return memoized("compose", (project, self.path), lambda key: compose_services_building(*key))  # per file

    @cached_property
    def compose(self) -> Clue | None:
        """The ``healthcheck:`` of a compose service built from this Dockerfile."""
        for compose, service, spec in self.compose_services:
            check = spec.get("healthcheck")
            if not isinstance(check, dict):
                continue
            where = f"{compose.name} service {service!r} healthcheck"
            if "command" in spec or "entrypoint" in spec:
                self.notes.append(f"{where} is for its own command, not the image's")
                continue
            test = check.get("test")
            words = [str(w) for w in test] if isinstance(test, list) else [str(test)] if test else []
            if check.get("disable") is True or words[:1] == ["NONE"]:
                return Clue(where, blocker=f"{where} is disabled: set healthcheck.path to add one anyway")
            text = " ".join(words[1:] if words[:1] in (["CMD"], ["CMD-SHELL"]) else words)
            clue = url_clue(text, where, {**self._env, **_compose_env(spec)})
            if clue is None and text:
                return Clue(where, blocker=f"{where} runs `{text}`, not an HTTP URL: copy that test into a "
                                           "HEALTHCHECK, or set healthcheck.path")
            if clue is not None:
                return clue
        return None

    @cached_property
    def image_names(self) -> set[str]:
        """Names this Dockerfile's image goes by: compose ``image:``/service names, skaffold artifacts, folder."""
        names: set[str] = set()
        for _compose, service, spec in self.compose_services:
            names.add(service.lower())
            if isinstance(spec.get("image"), str):
                names.add(_repository(spec["image"]))
        if self.path is not None:
            project = self.project or Project()
            names |= {_repository(i) for i in memoized("skaffold", (project, self.path),  # once per file
                                                         lambda key: skaffold_images(key[1], key[0]))}
            folder = project.real(self.path).parent
            if folder.name.lower() in _GENERIC_FOLDERS:
                folder = folder.parent
            names.add(folder.name.lower())
        return names

    @cached_property
    def kubernetes(self) -> Clue | None:
        """A liveness/readiness probe of a Kubernetes container running this Dockerfile's image."""
        if self.path is None:
            return None
        found: dict[tuple[Any, ...], Clue] = {}
        containers = memoized("kubernetes", (self.project, self.path),  # once per file
                              lambda key: kubernetes_containers(key[1], key[0]))
        for manifest, container in containers:
            image = container.get("image")
            if not isinstance(image, str) or _repository(image) not in self.image_names:
                continue
            if "command" in container or "args" in container:
                self.notes.append(f"{manifest.name} container {container.get('name')!r} runs its own command")
                continue
            for kind in ("livenessProbe", "readinessProbe", "startupProbe"):
                clue = _probe_clue(container, kind, f"{manifest.name} container {container.get('name')!r} {kind}")
                if clue is not None:
                    found.setdefault((clue.port, clue.path, clue.tcp, clue.blocker), clue)
                    break
        if len(found) > 1:
            self.notes.append("Kubernetes probes of this image disagree")
            return None
        return next(iter(found.values()), None)

    @cached_property
    def sibling(self) -> Clue | None:
        """The HEALTHCHECK of another Dockerfile of the same service in the same folder (Dockerfile.prod…)."""
        if self.path is None:
            return None
        me = _service_of(self.path.name)
        try:
            others = sorted(p for p in self.path.parent.iterdir() if p.is_file() and is_dockerfile(p.name))
        except OSError:
            return None
        for other in others:
            if other.name == self.path.name or _service_of(other.name) != me:
                continue
            try:
                stage = parse(other.read_text(encoding="utf-8")).final_stage
            except Exception:  # an unreadable or unparsable sibling is no evidence
                continue
            for ins in stage.body() if stage else []:
                if ins.name == "HEALTHCHECK":
                    clue = url_clue(ins.args, f"HEALTHCHECK of {other.name} line {ins.lineno}", stage.env())
                    if clue is not None:
                        return clue
        return None

    # -- what the final stage runs ------------------------------------------------------------------------

    @property
    def _env(self) -> dict[str, str]:
        return self.stage.env() if self.stage else {}

    @cached_property
    def known_api(self) -> Clue | None:
        """A server with a known health request: the Docker Engine API's ``GET /_ping``."""
        stage = self.stage
        if stage is None:
            return None
        img = ImageRef.parse(stage.root_image())
        words = {w.rsplit("/", 1)[-1] for argv in start_command(stage) for a in argv for w in a.split()}
        dind = img.short == "docker" and "dind" in img.tag
        if not dind and not words & {"dockerd", "dockerd-entrypoint.sh"}:
            return None
        if dind and self._env.get("DOCKER_TLS_CERTDIR", "/certs") != "":
            return Clue("docker:dind serves the Engine API with TLS on 2376 (DOCKER_TLS_CERTDIR)",
                        k.DOCKER_ENGINE_TLS_PORT, tcp=True)
        return Clue("the Docker Engine API answers GET /_ping", k.DOCKER_ENGINE_PLAIN_PORT, k.DOCKER_ENGINE_PING)

    @cached_property
    def static_root(self) -> Clue | None:
        """"/" answers 200: a static server's unmodified default config with an index.html, http.server."""
        stage = self.stage
        if stage is None:
            return None
        argv = [w for cmd in start_command(stage) for a in cmd for w in a.split()]
        if "http.server" in argv and argv[argv.index("http.server") - 1:argv.index("http.server")] == ["-m"]:
            rest = [w for w in argv[argv.index("http.server") + 1:] if w.isdigit()]
            return Clue("python -m http.server lists the directory at /",
                        int(rest[0]) if rest else k.PY_HTTP_SERVER_PORT, "/")
        img = ImageRef.parse(stage.root_image())
        spec = k.STATIC_DEFAULTS.get(img.short)
        if spec is None or (argv and argv[0].rsplit("/", 1)[-1] not in ("nginx", "httpd-foreground")):
            return None
        conf_dirs, docroot, port = spec
        for ins in (i for s in stage.lineage() for i in s.body() if i.name in ("COPY", "ADD", "RUN")):
            if ins.name == "RUN":
                # a changed config has unknown routes; an emptied document root may lack index.html
                if any(d in ins.logical.text for d in conf_dirs) or docroot in ins.logical.text:
                    return None
                continue
            words = ins.json_args if ins.is_json else [w.value for w in ins.words]
            if words and any(words[-1].startswith(d) for d in conf_dirs):
                return None
        # COPY into the document root merges with it: the image's own index.html stays.
        return Clue(f"{img.short}'s default config serves index.html at /", port, "/")

    # -- manifests and source of the build context --------------------------------------------------------

    @cached_property
    def _scan(self) -> tuple[Path, tuple[str, ...], Path | None] | None:
        """What the source scan reads: the build context, the literal COPY sources, the Dockerfile itself."""
        if self.doc is None:
            return None
        found = project_context(self.doc, self.path, self.context_dir, self.project)
        if found is None:
            return None
        own = found[0].real(self.path) if self.path else None
        return found[1], tuple(literal_sources(self.doc)), own

    @cached_property
    def sources(self) -> Sources | None:
        # Each applier round asks again with a new Document; the scan reads only the files named here.
        key = self._scan
        return None if key is None else memoized("sources", key, lambda k: Sources.scan(k[0], list(k[1]), k[2]))

    def _from_sources(self, kind: str, compute: Callable[[Sources, list[str]], Any]) -> Any:
        """``compute(sources, notes)`` once per file for the same scan (each round asks again): the answer and
        the notes it adds are kept, and the notes added again to this round's."""
        if not self.sources:
            return None
        sources = self.sources

        def run(_key: object) -> tuple[Any, list[str]]:
            notes: list[str] = []
            return compute(sources, notes), notes

        answer, notes = memoized(kind, self._scan, run)
        self.notes += notes
        return answer

    @cached_property
    def framework(self) -> Clue | None:
        """A framework's own health endpoint (Spring Boot actuator, NestJS terminus)."""
        return self._from_sources("framework clue", framework_clue)

    @cached_property
    def route(self) -> Clue | None:
        """A route literally named /health, /healthz, /ping… (or "/") in the app source."""
        return self._from_sources("route clue", route_clue)

    @cached_property
    def host_check(self) -> str | None:
        """Why the app rejects ``Host: 127.0.0.1`` (Django ALLOWED_HOSTS, Rails config.hosts), or None."""
        return self._from_sources("host check", lambda sources, _notes: host_check(sources))


def _probe_clue(container: dict[str, Any], kind: str, where: str) -> Clue | None:
    probe = container.get(kind)
    if not isinstance(probe, dict):
        return None
    if isinstance(probe.get("grpc"), dict):
        port = probe["grpc"].get("port")
        return Clue(where, blocker=f"{where} checks gRPC on port {port}: probe it with grpc_health_probe")
    for key, tcp in (("httpGet", False), ("tcpSocket", True)):
        spec = probe.get(key)
        if not isinstance(spec, dict):
            continue
        port = _container_port(container, spec.get("port"))
        if port is None:
            return None
        if tcp or str(spec.get("scheme", "HTTP")).upper() == "HTTPS":
            return Clue(f"{where} {key} port {port}", port, tcp=True, tested=True)
        path = str(spec.get("path") or "/")
        return Clue(f"{where} httpGet {path} port {port}", port, path if path.startswith("/") else "/" + path,
                    tested=True)
    command = probe.get("exec", {}).get("command") if isinstance(probe.get("exec"), dict) else None
    return url_clue(" ".join(map(str, command)), where, {}) if isinstance(command, list) else None


def _container_port(container: dict[str, Any], port: Any) -> int | None:
    if isinstance(port, int):
        return port
    if isinstance(port, str) and port.isdigit():
        return int(port)
    for p in container.get("ports") or []:
        if isinstance(p, dict) and p.get("name") == port and isinstance(p.get("containerPort"), int):
            return p["containerPort"]
    return None


def _compose_env(spec: dict[str, Any]) -> dict[str, str]:
    env = spec.get("environment")
    if isinstance(env, dict):
        return {str(key): str(v) for key, v in env.items() if v is not None}
    if isinstance(env, list):
        return dict(str(e).split("=", 1) for e in env if "=" in str(e))
    return {}


def _repository(image: str) -> str:
    """``ghcr.io/acme/orders:1.2`` → ``orders``."""
    return ImageRef.parse(image).short


def _service_of(name: str) -> str:
    """The service a Dockerfile name is for, variants dropped: ``Dockerfile.prod`` → "", ``api.dev.Dockerfile``
    → "api", ``Dockerfile.worker`` → "worker"."""
    lower = name.lower()
    for base in ("dockerfile", "containerfile"):
        if lower == base:
            return ""
        if lower.startswith(base + "."):
            parts = lower[len(base) + 1:].split(".")
            return "" if parts[0] in _VARIANTS else ".".join(parts)
    parts = lower.rsplit(".", 1)[0].split(".")
    return ".".join(parts[:-1] if len(parts) > 1 and parts[-1] in _VARIANTS else parts)


def _read(path: Path, limit: int = 1 << 20) -> str | None:
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            return fh.read(limit)
    except OSError:
        return None
