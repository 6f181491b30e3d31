r"""refactor.build without a daemon: the docker/podman/buildah command lines and their inspect JSON.

``fixtures/inspect/buildah-inspect-image.json`` is a real ``buildah inspect --type image`` of the
Dockerfile below (recorded here); the docker and podman files are retyped in the shape their
``image inspect`` prints (Docker Engine ``ImageInspect``; podman's ``ImageData``, whose OCI ``Config``
has no Healthcheck or Shell and carries the health check at the top level as ``Healthcheck``).

    FROM debian:bookworm-slim
    SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    ENV APP_HOME=/srv/app PORT=8080
    WORKDIR /srv/app
    LABEL org.opencontainers.image.title="status" maintainer="ops@example.com"
    EXPOSE 8080/tcp 9090/udp
    VOLUME ["/srv/app/data"]
    USER 1001:1001
    STOPSIGNAL SIGINT
    HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=4 \
        CMD curl -fsS http://127.0.0.1:8080/ || exit 1
    ENTRYPOINT ["/usr/bin/env"]
    CMD ["python3", "-m", "http.server", "8080"]
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from refactor.build import BuilderUnavailable, HealthCheck, select
from refactor.build.base import parse_proc_status_uid
from refactor.build.buildah import BuildahBuilder, bud_args, parse_inspect
from refactor.build.docker import CliBuilder, DockerBuilder
from refactor.build.podman import PodmanBuilder

INSPECT = Path(__file__).resolve().parent / "fixtures" / "inspect"
CURL = ("CMD-SHELL", "curl -fsS http://127.0.0.1:8080/ || exit 1")


def _load(name: str) -> object:
    return json.loads((INSPECT / name).read_text())


def _common(cfg) -> None:
    assert cfg.user == "1001:1001"
    assert cfg.entrypoint == ["/usr/bin/env"]
    assert cfg.cmd == ["python3", "-m", "http.server", "8080"]
    assert cfg.argv == ["/usr/bin/env", "python3", "-m", "http.server", "8080"]
    assert cfg.env["APP_HOME"] == "/srv/app" and cfg.env["PORT"] == "8080" and "PATH" in cfg.env
    assert cfg.exposed_ports == ["8080/tcp", "9090/udp"]
    assert cfg.workdir == "/srv/app"
    assert cfg.volumes == ["/srv/app/data"]
    assert cfg.labels["maintainer"] == "ops@example.com"
    assert cfg.stop_signal == "SIGINT"
    assert cfg.healthcheck == HealthCheck(CURL, 15.0, 3.0, 20.0, 4)


def test_buildah_inspect_parsed() -> None:
    cfg = parse_inspect(_load("buildah-inspect-image.json"))
    _common(cfg)
    assert cfg.shell == ["/bin/bash", "-o", "pipefail", "-c"]
    assert (cfg.size_bytes, cfg.layers) == (77941760, 1)
    # CMD-SHELL runs through the image's SHELL, as dockerd does
    assert cfg.health_argv == ["/bin/bash", "-o", "pipefail", "-c", CURL[1]]


def test_docker_inspect_parsed() -> None:
    [data] = _load("docker-image-inspect.json")
    cfg = CliBuilder.parse_image(data)
    _common(cfg)
    assert cfg.shell == ["/bin/bash", "-o", "pipefail", "-c"]
    assert (cfg.size_bytes, cfg.layers) == (124318907, 3)
    assert cfg.image_id.startswith("sha256:5b0c")


def test_podman_inspect_parsed_with_top_level_healthcheck() -> None:
    [data] = _load("podman-image-inspect.json")
    cfg = PodmanBuilder.parse_image(data)
    _common(cfg)
    assert cfg.shell == []
    assert cfg.health_argv == ["/bin/sh", "-c", CURL[1]]  # no SHELL recorded: Docker's default
    assert (cfg.size_bytes, cfg.layers) == (124321792, 2)


def test_healthcheck_forms() -> None:
    assert HealthCheck(("CMD", "wget", "-q", "--spider", "http://x/")).argv() == ["wget", "-q", "--spider", "http://x/"]
    assert HealthCheck(("NONE",)).argv() is None
    assert HealthCheck.from_config({"Test": ["NONE"]}).argv() is None
    assert HealthCheck.from_config({}) is None
    defaults = HealthCheck.from_config({"Test": ["CMD", "true"]})
    assert (defaults.interval_s, defaults.timeout_s, defaults.start_period_s, defaults.retries) == (30, 30, 0, 3)


def test_docker_command_lines(tmp_path: Path) -> None:
    df, iid = tmp_path / "Dockerfile.after", tmp_path / "iid"
    classic = DockerBuilder(buildx=False)
    assert classic.build_argv(tmp_path, df, "t:1", iid, {"NODE_ENV": "production"}, "runtime", True) == [
        "docker", "build", "--iidfile", str(iid), "-f", str(df), "-t", "t:1",
        "--build-arg", "NODE_ENV=production", "--target", "runtime", str(tmp_path)]  # fmt: skip
    buildx = DockerBuilder(buildx=True, pull=True)
    assert buildx.build_argv(tmp_path, df, "t:1", iid, None, None, False) == [
        "docker", "buildx", "build", "--load", "--progress", "plain", "--iidfile", str(iid), "-f", str(df),
        "-t", "t:1", "--no-cache", "--pull", str(tmp_path)]  # fmt: skip
    assert classic.start_argv("t:1", "dockmod-x", [8080]) == [
        "docker", "run", "-d", "--name", "dockmod-x", "-p", "127.0.0.1::8080", "t:1"]
    assert classic.exec_argv("dockmod-x", ["curl", "-f", "http://127.0.0.1/"], "1001:1001") == [
        "docker", "exec", "--user", "1001:1001", "dockmod-x", "curl", "-f", "http://127.0.0.1/"]
    assert classic.run_argv("t:1", ["sh", "-c", "exit 3"], user="app", env={"A": "1"}, workdir="/w",
                            isolated=True) == [
        "docker", "run", "--rm", "--network", "none", "--user", "app", "--workdir", "/w", "--env", "A=1",
        "--entrypoint", "sh", "t:1", "-c", "exit 3"]  # fmt: skip
    assert classic.stop_argv("dockmod-x", 10) == ["docker", "stop", "-t", "10", "dockmod-x"]


def test_podman_command_lines(tmp_path: Path) -> None:
    df, iid = tmp_path / "Dockerfile", tmp_path / "iid"
    assert PodmanBuilder().build_argv(tmp_path, df, "t:1", iid, {"V": "2"}, None, True) == [
        "podman", "build", "--format", "docker", "--pull=never", "--layers=true", "--iidfile", str(iid),
        "-f", str(df), "-t", "t:1", "--build-arg", "V=2", str(tmp_path)]  # fmt: skip
    assert PodmanBuilder(pull=True).build_argv(tmp_path, df, "t:1", iid, None, "x", False)[4:6] == [
        "--pull=missing", "--layers=false"]
    assert PodmanBuilder().exec_argv("c", ["true"], None) == ["podman", "exec", "c", "true"]


def test_buildah_bud_args(tmp_path: Path) -> None:
    df, iid = tmp_path / "Dockerfile", tmp_path / "iid"
    argv = bud_args(df, "t:1", iid, {"A": "b"}, "final", True, False)
    assert argv[:6] == ["bud", "--isolation", "chroot", "--network", "host", "--pull=never"]
    assert "--layers=true" in argv and argv[-4:] == ["--build-arg", "A=b", "--target", "final"]
    assert "--pull=missing" in bud_args(df, "t:1", iid, None, None, False, True)


def test_container_state_and_port_parsing() -> None:
    assert CliBuilder.parse_state({"State": {"Status": "running", "Running": True, "ExitCode": 0}}) is None
    assert CliBuilder.parse_state({"State": {"Status": "exited", "Running": False, "ExitCode": 127}}) == 127
    assert CliBuilder.parse_port("127.0.0.1:49153\n") == ("127.0.0.1", 49153)
    assert CliBuilder.parse_port("0.0.0.0:32768\n[::]:32768\n") == ("0.0.0.0", 32768)
    assert CliBuilder.parse_port("") is None
    assert CliBuilder.parse_top_uid("UID\n1001\n1001\n") == 1001
    assert CliBuilder.parse_top_uid("UID\n") is None
    status = "Name:\tpython3\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1001\t1001\t1001\t1001\nGid:\t1001\n"
    assert parse_proc_status_uid(status) == 1001
    assert parse_proc_status_uid("Name:\tx\n") is None


def _fake_binary(tmp_path: Path, name: str, script: str) -> None:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_unreachable_daemon_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    msg = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"
    _fake_binary(tmp_path, "docker", f'echo "Client: 28.2.2"; echo "{msg}" >&2; exit 1\n')
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + "/usr/bin:/bin")
    with pytest.raises(BuilderUnavailable) as err:
        select.choose("docker")
    assert str(err.value) == f"docker daemon not reachable: {msg}"


def test_no_builder_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BuilderUnavailable) as err:
        select.choose()
    assert str(err.value).startswith("no builder found: docker not found on PATH; podman not found on PATH; ")
    with pytest.raises(BuilderUnavailable, match="unknown builder 'kaniko'"):
        select.choose("kaniko")


def test_buildah_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DOCKMOD_BUILDAH_STATE", raising=False)
    assert BuildahBuilder.from_env().state_dir is None
    monkeypatch.setenv("DOCKMOD_BUILDAH_STATE", str(tmp_path / "state"))
    monkeypatch.setenv("DOCKMOD_BUILDAH_CACHE", str(tmp_path / "cache"))
    b = BuildahBuilder.from_env(pull=True)
    assert (b.state_dir, b.cache_dir, b.pull) == (tmp_path / "state", tmp_path / "cache", True)
