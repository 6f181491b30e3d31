"""The docker backend: ``docker buildx build --load`` (or classic ``docker build``) against a daemon.

Containers are ordinary ``docker run -d`` containers on the default bridge network; a probed port
is published on 127.0.0.1 at a random host port. :class:`CliBuilder` holds what docker and podman
share (podman's command line is docker's); :mod:`refactor.build.podman` overrides the differences.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

from refactor.build import proc
from refactor.build.base import (
    BUILD_TIMEOUT,
    RUN_TIMEOUT,
    SHORT_TIMEOUT,
    Builder,
    BuildError,
    BuildResult,
    Container,
    ExecResult,
    ImageConfig,
    parse_proc_status_uid,
)


class CliBuilder(Builder):
    """A builder driven through a docker-compatible command line (``docker``, ``podman``)."""

    binary = "docker"

    def __init__(self, *, pull: bool = False, binary: str | None = None) -> None:
        self.pull = pull
        if binary:
            self.binary = binary

    def _cli(self, *args: str, timeout: float = SHORT_TIMEOUT, check: bool = True) -> proc.Proc:
        return proc.run([self.binary, *args], timeout=timeout, check=check, what=f"{self.binary} {args[0]}")

    # ---------------------------------------------------------------- command lines (unit-tested)

    def build_argv(self, context: Path, dockerfile: Path, tag: str, iidfile: Path,
                   build_args: Mapping[str, str] | None, target: str | None, layers: bool) -> list[str]:
        argv = [self.binary, "build", "--iidfile", str(iidfile), "-f", str(dockerfile), "-t", tag]
        if not layers:
            argv.append("--no-cache")
        if self.pull:
            argv.append("--pull")
        for k, v in (build_args or {}).items():
            argv += ["--build-arg", f"{k}={v}"]
        if target:
            argv += ["--target", target]
        return [*argv, str(context)]

    def start_argv(self, ref: str, name: str, publish: Sequence[int]) -> list[str]:
        argv = [self.binary, "run", "-d", "--name", name]
        for port in publish:
            argv += ["-p", f"127.0.0.1::{port}"]
        return [*argv, ref]

    def exec_argv(self, ctr: str, argv: Sequence[str], user: str | None) -> list[str]:
        return [self.binary, "exec", *(["--user", user] if user else []), ctr, *argv]

    def run_argv(self, ref: str, argv: Sequence[str], *, user: str | None, env: Mapping[str, str] | None,
                 workdir: str | None, isolated: bool) -> list[str]:
        out = [self.binary, "run", "--rm"]
        if isolated:
            out += ["--network", "none"]
        if user:
            out += ["--user", user]
        if workdir:
            out += ["--workdir", workdir]
        for k, v in (env or {}).items():
            out += ["--env", f"{k}={v}"]
        if argv:  # replace the ENTRYPOINT too: argv is the whole command
            out += ["--entrypoint", argv[0]]
        return [*out, ref, *argv[1:]]

    def stop_argv(self, ctr: str, grace: float) -> list[str]:
        return [self.binary, "stop", "-t", str(int(grace)), ctr]

    # ---------------------------------------------------------------- parsing (unit-tested)

    @staticmethod
    def parse_image(data: Mapping) -> ImageConfig:
        """An :class:`ImageConfig` from one element of ``docker image inspect`` JSON."""
        layers = (data.get("RootFS") or {}).get("Layers") or []
        return ImageConfig.from_docker_config(data.get("Config"), size_bytes=int(data.get("Size") or 0),
                                              layers=len(layers), image_id=data.get("Id") or "",
                                              healthcheck=data.get("Healthcheck") or data.get("HealthCheck"))

    @staticmethod
    def parse_state(data: Mapping) -> int | None:
        """``None`` while running, else the exit code, from ``docker container inspect`` JSON."""
        state = data.get("State") or {}
        if state.get("Running") or state.get("Status") in ("running", "created", "restarting"):
            return None
        return int(state.get("ExitCode") or 0)

    @staticmethod
    def parse_port(text: str) -> tuple[str, int] | None:
        """The first ``HOST:PORT`` of ``docker port CTR N/tcp`` output."""
        for line in text.splitlines():
            host, _, port = line.strip().rpartition(":")
            if port.isdigit():
                return (host.strip("[]") or "127.0.0.1", int(port))
        return None

    # ---------------------------------------------------------------- the interface

    # How ``problem`` asks whether the engine answers: the command, its time limit, and what is unreachable.
    probe_args: tuple[str, ...] = ("version", "--format", "{{.Server.Version}}")
    probe_timeout = 30
    engine = "daemon"

    def problem(self) -> str | None:
        if shutil.which(self.binary) is None:
            return f"{self.binary} not found on PATH"
        try:
            result = proc.run([self.binary, *self.probe_args], timeout=self.probe_timeout, check=False,
                              merge_stderr=True)
        except BuildError as exc:
            return f"{self.binary}: {exc}"
        if result.returncode != 0:
            lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
            last = lines[-1] if lines else f"exit {result.returncode}"
            return f"{self.binary} {self.engine} not reachable: {last}"
        return None

    def build(self, context: str | os.PathLike[str], dockerfile: str | os.PathLike[str], tag: str, *,
              build_args: Mapping[str, str] | None = None, target: str | None = None, layers: bool = True,
              timeout: float = BUILD_TIMEOUT) -> BuildResult:
        ctx, df = Path(context), Path(dockerfile)
        if not df.is_absolute():
            df = ctx / df
        if not df.is_file():
            raise BuildError(f"Dockerfile not found: {df}")
        with tempfile.TemporaryDirectory(prefix="dockmod-iid-") as tmp:
            iidfile = Path(tmp) / "iid"
            argv = self.build_argv(ctx, df, tag, iidfile, build_args, target, layers)
            result = proc.run(argv, timeout=timeout, check=False, merge_stderr=True, env=self.build_env(),
                              what=f"build {tag}")
            image_id = iidfile.read_text().strip() if iidfile.is_file() else None
        ok = result.returncode == 0 and bool(image_id)
        config = self.inspect(tag) if ok else None
        size = config.size_bytes if config else 0
        sizes = [0] * config.layers if config else []  # per-layer sizes are not in image inspect
        if sizes:
            sizes[-1] = size
        return BuildResult(ok, result.returncode, tag, image_id, size, sizes, result.duration, result.stdout)

    def build_env(self) -> dict[str, str]:
        return {**os.environ, "DOCKER_BUILDKIT": "1", "BUILDKIT_PROGRESS": "plain"}

    def inspect(self, ref: str) -> ImageConfig | None:
        result = self._cli("image", "inspect", ref, check=False)
        if result.returncode != 0:
            return None
        data = json.loads(result.stdout)
        return self.parse_image(data[0]) if data else None

    def remove_image(self, ref: str) -> None:
        self._cli("rmi", "-f", ref, check=False)

    def start(self, ref: str, *, log_path: Path | None = None, publish: Sequence[int] = ()) -> Container:
        config = self.inspect(ref)
        if config is None:
            raise BuildError(f"image not found: {ref}")
        name = f"dockmod-{uuid.uuid4().hex[:12]}"
        proc.run(self.start_argv(ref, name, publish), timeout=SHORT_TIMEOUT, what=f"{self.binary} run")
        return Container(name, ref, config, log_path)

    def exec(self, ctr: Container, argv: Sequence[str], *, user: str | None = None,
             timeout: float = RUN_TIMEOUT) -> ExecResult:
        try:
            result = proc.run(self.exec_argv(ctr.id, argv, user), timeout=timeout, check=False, merge_stderr=True)
        except BuildError as exc:
            return ExecResult(-1, str(exc), timeout)
        return ExecResult(result.returncode, result.stdout, result.duration)

    def exit_code(self, ctr: Container) -> int | None:
        result = self._cli("container", "inspect", ctr.id, check=False)
        if result.returncode != 0:
            return -1
        data = json.loads(result.stdout)
        return self.parse_state(data[0]) if data else -1

    def main_uid(self, ctr: Container) -> int | None:
        result = self.exec(ctr, ["cat", "/proc/1/status"], user="0")
        if result.ok:
            return parse_proc_status_uid(result.output)
        # no cat in the image (distroless, scratch): ask the daemon's ps; the main process is listed first
        top = self._cli("top", ctr.id, "-o", "uid", check=False)
        return self.parse_top_uid(top.stdout) if top.returncode == 0 else None

    @staticmethod
    def parse_top_uid(text: str) -> int | None:
        """The first process's uid from ``docker top CTR -o uid`` output."""
        rows = [line.split() for line in text.splitlines()[1:] if line.strip()]
        return int(rows[0][0]) if rows and rows[0][0].isdigit() else None

    def port_open(self, ctr: Container, port: int) -> bool:
        result = self._cli("port", ctr.id, f"{port}/tcp", check=False)
        where = self.parse_port(result.stdout) if result.returncode == 0 else None
        if where is None:
            return False
        try:
            socket.create_connection(where, 2).close()
            return True
        except OSError:
            return False

    def logs(self, ctr: Container) -> str:
        result = proc.run([self.binary, "logs", ctr.id], timeout=SHORT_TIMEOUT, check=False, merge_stderr=True)
        text = result.stdout
        if ctr.log_path:
            Path(ctr.log_path).write_text(text)
        return text

    def stop(self, ctr: Container, grace: float = 10) -> None:
        try:
            self.logs(ctr)
            proc.run(self.stop_argv(ctr.id, grace), timeout=grace + SHORT_TIMEOUT, check=False)
        finally:
            self._cli("rm", "-f", ctr.id, check=False)

    def run(self, ref: str, argv: Sequence[str], *, user: str | None = None, env: Mapping[str, str] | None = None,
            workdir: str | None = None, isolated: bool = True, timeout: float = RUN_TIMEOUT) -> ExecResult:
        cmd = self.run_argv(ref, argv, user=user, env=env, workdir=workdir, isolated=isolated)
        result = proc.run(cmd, timeout=timeout, check=False)
        return ExecResult(result.returncode, result.stdout, result.duration)


class DockerBuilder(CliBuilder):
    """``docker buildx build --load`` when the buildx plugin answers, else classic ``docker build``."""

    name = "docker"
    binary = "docker"

    def __init__(self, *, pull: bool = False, binary: str | None = None, buildx: bool | None = None) -> None:
        super().__init__(pull=pull, binary=binary)
        self._buildx = buildx

    @property
    def buildx(self) -> bool:
        if self._buildx is None:
            try:
                self._buildx = proc.run([self.binary, "buildx", "version"], timeout=30, check=False).returncode == 0
            except BuildError:
                self._buildx = False
        return self._buildx

    def build_argv(self, context: Path, dockerfile: Path, tag: str, iidfile: Path,
                   build_args: Mapping[str, str] | None, target: str | None, layers: bool) -> list[str]:
        argv = super().build_argv(context, dockerfile, tag, iidfile, build_args, target, layers)
        if self.buildx:
            return [self.binary, "buildx", "build", "--load", "--progress", "plain", *argv[2:]]
        return argv
