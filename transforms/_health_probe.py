"""Probe programs for the healthcheck pass: an exec-form HTTP request or TCP connect the runtime image can run."""

from __future__ import annotations

import math
import re

from refactor.document import Stage
from refactor.images import DISTROLESS, SCRATCH, has_tool, installed_packages, runtime_of, stage_family
from refactor.knowledge.health import BASH_FAMILIES, BASH_FREE_IMAGES, NC_FAMILIES
from transforms._ports import image_ref

_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")
_UNIT = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}


def seconds(value: str) -> float | None:
    """``5s``/``1m30s``/``500ms`` in seconds, None when it is not a Go duration."""
    pos, total = 0, 0.0
    for m in _DURATION.finditer(value):
        if m.start() != pos:
            return None
        total += float(m.group(1)) * _UNIT[m.group(2)]
        pos = m.end()
    return total if pos == len(value) and value else None


def http_probe(stage: Stage, port: int, path: str, timeout: float) -> list[str] | None:
    """An exec-form probe of ``http://127.0.0.1:PORT/PATH`` that fails on non-2xx/3xx, or None."""
    url = f"http://127.0.0.1:{port}{path}"
    secs = str(max(1, math.ceil(timeout)))
    millis = max(1, int(timeout * 1000))
    node_js = (f"require('http').get({{host: '127.0.0.1', port: {port}, path: {_quoted(path)}, "
               f"timeout: {millis}}}, r => process.exit(r.statusCode >= 200 && r.statusCode < 400 ? 0 : 1))"
               ".on('timeout', () => process.exit(1)).on('error', () => process.exit(1))")
    py3 = f"import urllib.request; urllib.request.urlopen({_quoted(url)}, timeout={secs})"
    py2 = f"import urllib2; urllib2.urlopen({_quoted(url)}, timeout={secs})"
    if stage_family(stage) in (SCRATCH, DISTROLESS):
        return _shell_free(stage, node_js, py3)
    # The tool must still be there when the container runs: not in an ``apk --virtual`` group deleted
    # later, not purged by ``apt-get remove``/the apt-mark idiom (see ``refactor.images.has_tool``).
    if has_tool(stage, "curl"):
        return ["curl", "-fsS", "--max-time", secs, "-o", "/dev/null", url]
    if has_tool(stage, "wget"):
        return ["wget", "-q", "--spider", "-T", secs, url]
    return _interpreter(stage, node_js, py3, py2)


def _quoted(value: str) -> str:
    """A single-quoted JavaScript/Python string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def tcp_probe(stage: Stage, port: int, timeout: float) -> list[str] | None:
    """An exec-form probe that exits 0 when ``127.0.0.1:PORT`` accepts a TCP connection, or None."""
    secs = str(max(1, math.ceil(timeout)))
    millis = max(1, int(timeout * 1000))
    node_js = (f"require('net').connect({{host: '127.0.0.1', port: {port}, timeout: {millis}}}, () => process.exit(0))"
               ".on('timeout', () => process.exit(1)).on('error', () => process.exit(1))")
    py = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout={secs}).close()"
    family = stage_family(stage)
    if family in (SCRATCH, DISTROLESS):
        return _shell_free(stage, node_js, py)
    if family in NC_FAMILIES:
        return ["nc", "-z", "-w", secs, "127.0.0.1", str(port)]
    if (family in BASH_FAMILIES and not BASH_FREE_IMAGES.search(image_ref(stage).name)) or \
            "bash" in installed_packages(stage):
        return ["bash", "-c", f": </dev/tcp/127.0.0.1/{port}"]
    return _interpreter(stage, node_js, py, py)


def has_probe_program(stage: Stage) -> bool:
    """Whether the image has any program an HTTP or TCP probe can run (the port does not change the answer)."""
    return tcp_probe(stage, 80, 5) is not None or http_probe(stage, 80, "/", 5) is not None


def _shell_free(stage: Stage, node_js: str, py: str) -> list[str] | None:
    """The probe on scratch/distroless: only the distroless node and python images have an interpreter."""
    img = image_ref(stage)
    if stage_family(stage) == DISTROLESS and "nodejs" in img.name:
        return ["/nodejs/bin/node", "-e", node_js]
    if stage_family(stage) == DISTROLESS and "python3" in img.name:
        return ["python3", "-c", py]
    return None


def _interpreter(stage: Stage, node_js: str, py: str, py2: str) -> list[str] | None:
    """The probe as a node or python script, when the image has that interpreter (``py2`` on a Python 2 image)."""
    pkgs = installed_packages(stage)
    runtime = runtime_of(stage)
    if runtime == "node" or "nodejs" in pkgs:
        return ["node", "-e", node_js]
    if runtime == "python":
        return ["python", "-c", py2 if image_ref(stage).tag.startswith("2") else py]
    if pkgs & {"python3", "python3-minimal"}:
        return ["python3", "-c", py]
    return None
