"""The healthcheck evidence readers (refactor/health_evidence.py) on shapes the golden cases do not pin down: URLs
of health test commands, Kubernetes probe specs, compose environments, Dockerfile names of one service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from refactor.health_evidence import (
    Clue,
    _compose_env,
    _container_port,
    _probe_clue,
    _read,
    _repository,
    _service_of,
    url_clue,
)


@pytest.mark.parametrize("text, env, clue", [
    ("curl -f https://localhost/health", {},
     Clue("t (https://localhost/health, https: TCP connect)", 443, tcp=True, tested=True)),
    ("curl -fk https://127.0.0.1:8443/health", {},
     Clue("t (https://127.0.0.1:8443/health, https: TCP connect)", 8443, tcp=True, tested=True)),
    ("wget -qO- http://127.0.0.1:${PORT}/healthz", {"PORT": "3000"},
     Clue("t (http://127.0.0.1:3000/healthz)", 3000, "/healthz", tested=True)),
    ("curl -f http://[::1]:8080/ready", {}, Clue("t (http://[::1]:8080/ready)", 8080, "/ready", tested=True)),
    ("curl --fail localhost", {}, Clue("t (localhost)", 80, "/", tested=True)),  # curl's default scheme and port
    ("python -c \"import urllib.request as u; u.urlopen('http://0.0.0.0:5000')\"", {},
     Clue("t (http://0.0.0.0:5000)", 5000, "/", tested=True)),  # with a scheme, any client
    ("wget -qO- http://localhost:${PORT}/api/health || exit 1", {},  # not port 80 and "/": no evidence
     Clue("t", blocker="t requests http://localhost:${PORT}/api/health, whose port or path is a variable not known "
                       "here: set healthcheck.port and healthcheck.path")),
    ("wget -qO- http://localhost:${PORT}/api/health || exit 1", {"PORT": "8080"},
     Clue("t (http://localhost:8080/api/health)", 8080, "/api/health", tested=True)),
])
def test_url_clue(text: str, env: dict[str, str], clue: Clue) -> None:
    assert url_clue(text, "t", env) == clue


def _container(**probe: Any) -> dict[str, Any]:
    return {"name": "api", "ports": [{"name": "http", "containerPort": 8080}], "livenessProbe": probe}


@pytest.mark.parametrize("probe, clue", [
    ({"httpGet": {"path": "/healthz", "port": 8080}},
     Clue("w httpGet /healthz port 8080", 8080, "/healthz", tested=True)),
    ({"httpGet": {"path": "healthz", "port": "http"}},
     Clue("w httpGet healthz port 8080", 8080, "/healthz", tested=True)),
    ({"httpGet": {"port": "8081"}}, Clue("w httpGet / port 8081", 8081, "/", tested=True)),
    ({"httpGet": {"path": "/h", "port": 8443, "scheme": "HTTPS"}},
     Clue("w httpGet port 8443", 8443, tcp=True, tested=True)),
    ({"tcpSocket": {"port": "http"}}, Clue("w tcpSocket port 8080", 8080, tcp=True, tested=True)),
    ({"grpc": {"port": 9090}}, Clue("w", blocker="w checks gRPC on port 9090: probe it with grpc_health_probe")),
    ({"exec": {"command": ["curl", "-f", "http://localhost:8080/up"]}},
     Clue("w (http://localhost:8080/up)", 8080, "/up", tested=True)),
    ({"httpGet": {"path": "/h", "port": "metrics"}}, None),  # a port name the container does not declare
    ({"exec": {"command": ["sh", "-c", "wget -qO- http://127.0.0.1:8080/up > $HOME/last-check"]}},
     Clue("w (http://127.0.0.1:8080/up)", 8080, "/up", tested=True)),  # a variable elsewhere in the command
    ({"exec": {"command": "curl -f http://localhost:8080/up"}}, None),  # not a list: not a valid probe
    ({"exec": ["curl"]}, None),
    ({"initialDelaySeconds": 5}, None),
])
def test_probe_clue(probe: dict[str, Any], clue: Clue | None) -> None:
    assert _probe_clue(_container(**probe), "livenessProbe", "w") == clue


def test_probe_clue_without_that_probe() -> None:
    assert _probe_clue({"name": "api", "livenessProbe": "yes"}, "livenessProbe", "w") is None
    assert _probe_clue({"name": "api"}, "readinessProbe", "w") is None


@pytest.mark.parametrize("port, number", [(8080, 8080), ("9000", 9000), ("http", 8080), ("admin", None), (None, None)])
def test_container_port(port: Any, number: int | None) -> None:
    container = {"ports": [{"name": "admin", "containerPort": "9001"}, {"name": "http", "containerPort": 8080}]}
    assert _container_port(container, port) == number


@pytest.mark.parametrize("spec, env", [
    ({"environment": {"PORT": 8000, "DEBUG": None, "HOST": "0.0.0.0"}}, {"PORT": "8000", "HOST": "0.0.0.0"}),
    ({"environment": ["PORT=8000", "URL=http://a/?b=c", "UNSET"]}, {"PORT": "8000", "URL": "http://a/?b=c"}),
    ({"environment": "PORT=8000"}, {}),
    ({}, {}),
])
def test_compose_env(spec: dict[str, Any], env: dict[str, str]) -> None:
    assert _compose_env(spec) == env


@pytest.mark.parametrize("name, service", [
    ("Dockerfile", ""), ("Containerfile", ""), ("dockerfile.prod", ""), ("Dockerfile.worker", "worker"),
    ("api.Dockerfile", "api"), ("api.dev.Dockerfile", "api"), ("api.Containerfile", "api"),
    ("web.api.dockerfile", "web.api"), ("Dockerfile.dev.arm64", ""),
])
def test_service_of(name: str, service: str) -> None:
    assert _service_of(name) == service


def test_repository() -> None:
    assert _repository("ghcr.io/acme/orders:1.2") == "orders"
    assert _repository("localhost:5000/orders@sha256:" + "0" * 64) == "orders"


def test_read_is_bounded_and_tolerant(tmp_path: Path) -> None:
    f = tmp_path / "compose.yaml"
    f.write_bytes(b"services:\n  web: {}\n\xff")
    assert _read(f, limit=9) == "services:"
    assert _read(f) == "services:\n  web: {}\n\ufffd"
    assert _read(tmp_path / "missing.yaml") is None
