"""The app source a Dockerfile copies from its build context, and what it says about health endpoints.

``Sources.scan`` reads, with fixed bounds (files, bytes, depth), the source and manifest files under the
build-context paths the Dockerfile COPYs; folders holding another Dockerfile (another service), tests,
dependencies and build output are not read. ``framework_clue``, ``route_clue`` and ``host_check`` answer
from that text with the conventions in ``refactor.knowledge.health``.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from refactor import lazy_re, yaml_docs
from refactor.discovery import is_dockerfile
from refactor.knowledge import health as k


class Clue(NamedTuple):
    """One piece of evidence: where it came from, and the port and path (or TCP check) it shows."""

    source: str
    port: int | None = None
    path: str | None = None
    tcp: bool = False  # a TCP check (a tcpSocket probe, an HTTPS URL that an http:// probe cannot repeat)
    blocker: str | None = None  # why no probe may be added (a gRPC probe, a non-HTTP health test)
    tested: bool = False  # a probe someone already runs (compose, Kubernetes, a sibling Dockerfile)


@dataclass
class Sources:
    """Source and manifest files (path relative to the build context, text)."""

    files: list[tuple[str, str]]

    @classmethod
    def scan(cls, context: Path, copied: list[str], own: Path | None) -> Sources:
        roots: list[Path] = []
        for src in copied:
            src = src.lstrip("/")  # COPY's sources are in the context even when written /app (never the host's)
            try:
                roots += sorted(context.glob(src)) if any(c in src for c in "*?[") else [context / src]
            except (OSError, ValueError, NotImplementedError):  # a pattern pathlib cannot glob
                continue
        out: dict[str, str] = {}
        budget = [k.MAX_ENTRIES]
        for root in dict.fromkeys(roots):
            _walk(root, context, own, out, budget, 0)
        return cls(list(out.items()))

    def named(self, *names: str) -> list[tuple[str, str]]:
        return [(p, t) for p, t in self.files if p.rsplit("/", 1)[-1] in names]

    def code(self) -> list[tuple[str, str]]:
        return [(p, t) for p, t in self.files if os.path.splitext(p)[1] in k.SOURCE_SUFFIXES]


def _wanted(name: str) -> bool:
    if k.TEST_FILE.search(name):
        return False
    return os.path.splitext(name)[1] in k.SOURCE_SUFFIXES or name in k.MANIFEST_NAMES \
        or (name.startswith("requirements") and name.endswith(".txt"))


def _walk(path: Path, context: Path, own: Path | None, out: dict[str, str], budget: list[int], depth: int) -> None:
    if budget[0] <= 0 or len(out) >= k.MAX_FILES_READ:
        return
    budget[0] -= 1
    try:
        if path.is_file():
            if _wanted(path.name) and path.stat().st_size <= k.MAX_FILE_BYTES:
                rel = path.relative_to(context).as_posix()  # every root is joined to the context
                out.setdefault(rel, path.read_text(encoding="utf-8", errors="replace"))
            return
        if not path.is_dir() or depth > k.MAX_DEPTH:
            return
        entries = sorted(os.scandir(path), key=lambda e: e.name)
        if depth > 0 and any(e.is_file() and is_dockerfile(e.name) and Path(e.path).resolve() != own
                             for e in entries):
            return  # another service's folder
        dirs = {e.name for e in entries if e.is_dir()}
    except (OSError, ValueError):
        return
    for entry in entries:
        if entry.name in dirs and (entry.name in k.SKIP_DIRS or entry.name.startswith(".")):
            continue
        _walk(Path(entry.path), context, own, out, budget, depth + 1)


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


# -- framework endpoints --------------------------------------------------------------------------------


def framework_clue(sources: Sources, notes: list[str]) -> Clue | None:
    return _actuator(sources, notes) or _terminus(sources, notes)


def _properties(sources: Sources) -> dict[str, str]:
    """Spring Boot properties from application.properties/yml (``${X:default}`` resolved to the default)."""
    props: dict[str, str] = {}
    for path, text in sources.named(*k.SPRING_PROPERTIES):
        if path.endswith(".properties"):
            for line in text.splitlines():
                key, sep, value = line.partition("=") if "=" in line else line.partition(":")
                if sep and not line.lstrip().startswith(("#", "!")):
                    props.setdefault(key.strip(), value.strip())
        else:
            try:
                docs = list(yaml_docs.load_all(text))
            except Exception:  # broken YAML: no properties
                docs = []
            for doc in docs:
                _flatten(doc, "", props)
    return {key: re.sub(r"^\$\{[^:}]+:([^}]*)\}$", r"\1", v) for key, v in props.items()}


def _flatten(node: Any, prefix: str, out: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, v in node.items():
            _flatten(v, f"{prefix}{key}.", out)
    elif node is not None and prefix:
        out.setdefault(prefix[:-1], str(node))


def _actuator(sources: Sources, notes: list[str]) -> Clue | None:
    builds = sources.named("pom.xml", "build.gradle", "build.gradle.kts")
    manifest = next((p for p, t in builds if k.ACTUATOR_DEPENDENCY.search(t)), None)
    if manifest is None:
        return None
    if any(k.SPRING_SECURITY.search(t) for _, t in builds):
        custom = [p for p, t in sources.code() if k.SPRING_CUSTOM_SECURITY.search(t)]
        if custom and not any(k.SPRING_SECURITY_ACTUATOR.search(t) for p, t in sources.code() if p in custom):
            notes.append(f"{custom[0]} configures Spring Security without permitting the actuator")
            return None
    props = _properties(sources)
    boot1 = any(k.SPRING_BOOT_1.search(t) for _, t in builds)
    mgmt_port = props.get("management.server.port") or props.get("management.port")
    if boot1:
        base = props.get("management.context-path", "")
    else:
        base = props.get("management.endpoints.web.base-path", "/actuator")
    prefix = "" if mgmt_port else props.get("server.servlet.context-path" if not boot1 else "server.context-path", "")
    path = "/" + "/".join(p.strip("/") for p in (prefix, base, "health") if p.strip("/"))
    raw_port = mgmt_port or props.get("server.port")
    port = int(raw_port) if raw_port and raw_port.isdigit() else None
    return Clue(f"Spring Boot actuator in {manifest}", port, path)


_CONTROLLER = lazy_re.compile(r"@Controller\(\s*(?:[\"'`](?P<path>[^\"'`]*)[\"'`]|(?P<obj>\{[^}]*\}))?\s*\)")
_GET = lazy_re.compile(r"@Get\(\s*(?:[\"'`](?P<path>[^\"'`]*)[\"'`])?\s*\)")
_PREFIX = lazy_re.compile(r"setGlobalPrefix\(\s*(?:[\"'`](?P<path>[^\"'`]*)[\"'`])?(?P<rest>[^;]*)")


def _terminus(sources: Sources, notes: list[str]) -> Clue | None:
    if not any(k.TERMINUS_DEPENDENCY.search(t) for _, t in sources.named("package.json")):
        return None
    code = [(p, t) for p, t in sources.code() if p.endswith(".ts")]
    for path, text in code:
        at = text.find("@HealthCheck()")
        ctrl = _CONTROLLER.search(text)
        if at < 0 or ctrl is None:
            continue
        if ctrl.group("obj") is not None and "version" in ctrl.group("obj"):
            notes.append(f"{path} is versioned: health path not resolved")
            return None
        obj_path = re.search(r"path\s*:\s*[\"'`]([^\"'`]*)", ctrl.group("obj") or "")
        ctrl_path = ctrl.group("path") or (obj_path.group(1) if obj_path else "")
        gets = sorted(_GET.finditer(text), key=lambda m: abs(m.start() - at))
        if not gets or abs(gets[0].start() - at) > 200:
            continue
        parts = [ctrl_path, gets[0].group("path") or ""]
        where = f"NestJS terminus @HealthCheck() in {path}:{_line(text, at)}"
        for main, main_text in code:
            if "enableVersioning(" in main_text:
                notes.append(f"{main} enables API versioning: health path not resolved")
                return None
            prefix = _PREFIX.search(main_text)
            if prefix is None:
                continue
            if prefix.group("path") is None:
                notes.append(f"{main} sets a computed global prefix: health path not resolved")
                return None
            excluded = "exclude" in prefix.group("rest") and (ctrl_path or "health") in prefix.group("rest")
            if not excluded:
                parts.insert(0, prefix.group("path"))
                where += f", global prefix {prefix.group('path')!r} in {main}"
        return Clue(where, None, "/" + "/".join(p.strip("/") for p in parts if p.strip("/")))
    return None


# -- route literals ----------------------------------------------------------------------------------------

_ALT = "|".join(re.escape(p) for p in k.HEALTH_ROUTES)
_HEALTH = [lazy_re.compile(f.format(path=_ALT)) for f in k.ROUTE_FORMS]
_ROOT = [lazy_re.compile(f.format(path="/")) for f in k.ROUTE_FORMS]
_DJANGO_HEALTH = lazy_re.compile(k.DJANGO_ROUTE.format(path="|".join(re.escape(p[1:]) + "/?" for p in k.HEALTH_ROUTES)))
_DJANGO_ROOT = lazy_re.compile(k.DJANGO_ROUTE.format(path=""))


def route_clue(sources: Sources, notes: list[str]) -> Clue | None:
    code = sources.code()
    for path, text in code:
        m = k.PREFIX_FORMS.search(text)
        if m:
            notes.append(f"routes may be mounted under a prefix ({m.group(0).strip()!r} in {path}:"
                         f"{_line(text, m.start())})")
            return None
    found: list[tuple[int, str, str]] = []  # (preference, route, where)
    for path, text in code:
        django = path.endswith("urls.py")
        for pattern in [_DJANGO_HEALTH] if django else _HEALTH:
            for m in pattern.finditer(text):
                route = ("/" + m.group("path")) if django else m.group("path")
                base = route.rstrip("/") or "/"
                found.append((k.HEALTH_ROUTES.index(base), route, f"{path}:{_line(text, m.start())}"))
    if found:
        _, route, where = min(found)
        return Clue(f"route {route!r} in {where}", None, route)
    for path, text in code:
        m = k.PY_FILE_HANDLER.search(text) if path.endswith(".py") else None
        if m and not k.PY_OWN_GET.search(text):
            return Clue(f"{path}:{_line(text, m.start())} serves files with SimpleHTTPRequestHandler ('/' lists "
                        "the directory)", None, "/")
    for path, text in code:
        for pattern in [_DJANGO_ROOT] if path.endswith("urls.py") else _ROOT:
            for m in pattern.finditer(text):
                if "Handle" in m.group(0) or "handle" in m.group(0):
                    continue  # net/http's "/" is a catch-all subtree
                return Clue(f"route '/' in {path}:{_line(text, m.start())}", None, "/")
    return None


# -- host validation -------------------------------------------------------------------------------------------


def host_check(sources: Sources) -> str | None:
    """Why a request with ``Host: 127.0.0.1`` would be rejected, or None."""
    code = sources.code()
    django = sources.named("manage.py") or any(
        re.search(r"^\s*django\b", t, re.M | re.I) for _, t in sources.named("requirements.txt", "pyproject.toml"))
    settings = [(p, t, m) for p, t in code if p.endswith(".py") for m in k.DJANGO_ALLOWED_HOSTS.finditer(t)]
    if django or settings:
        if not settings:
            return "Django's default ALLOWED_HOSTS is empty and rejects Host: 127.0.0.1"
        for path, text, m in settings:
            value = m.group("value").strip()
            close = {"[": "]", "(": ")"}.get(value[:1])
            if close and close not in value:  # a list over several lines
                end = text.find(close, m.start("value"))
                value = text[m.start("value"):end + 1] if end > 0 else value
            try:
                hosts = set(ast.literal_eval(value))
            except (ValueError, SyntaxError, TypeError):
                hosts = set()
            if not hosts & k.DJANGO_ACCEPTS:
                return f"Django ALLOWED_HOSTS in {path}:{_line(text, m.start())} does not allow Host: 127.0.0.1"
    for path, text in code:
        if path.endswith(".rb") and "/config/" in "/" + path and not path.endswith(("development.rb", "test.rb")):
            m = k.RAILS_HOSTS.search(text)
            if m:
                return f"Rails config.hosts in {path}:{_line(text, m.start())} rejects Host: 127.0.0.1"
    return None
