"""The builder interface and the facts it reports: build results, image configs, containers.

A :class:`Builder` builds a Dockerfile, inspects the image it made, runs the image the way Docker
would (its own ENTRYPOINT/CMD, USER, WORKDIR and ENV, detached, in a network of its own), runs a
command inside the running container (a HEALTHCHECK test, a probe), and removes both again.
Backends: :mod:`refactor.build.buildah`, :mod:`refactor.build.docker`, :mod:`refactor.build.podman`.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BUILD_TIMEOUT = 1800
RUN_TIMEOUT = 300
SHORT_TIMEOUT = 120


class BuildError(RuntimeError):
    """A step of the build machinery failed; the message says which and why."""


class BuilderUnavailable(BuildError):
    """No usable builder: the binary is missing, or its daemon/service is unreachable (one line)."""


_NS = 1e9  # Docker's health check durations are Go time.Duration nanoseconds


@dataclass(frozen=True)
class HealthCheck:
    """An image's HEALTHCHECK, as the image config records it."""

    test: tuple[str, ...]  # ("CMD", argv…), ("CMD-SHELL", "cmd") or ("NONE",)
    interval_s: float = 30.0
    timeout_s: float = 30.0
    start_period_s: float = 0.0
    retries: int = 3

    @classmethod
    def from_config(cls, raw: Mapping[str, Any] | None) -> HealthCheck | None:
        if not raw or not raw.get("Test"):
            return None

        def secs(key: str, default: float) -> float:
            value = raw.get(key) or 0
            return value / _NS if value else default

        return cls(tuple(raw["Test"]), secs("Interval", 30.0), secs("Timeout", 30.0), secs("StartPeriod", 0.0),
                   int(raw.get("Retries") or 3))

    def argv(self, shell: Sequence[str] = ()) -> list[str] | None:
        """What Docker runs for this check (CMD-SHELL through the image's SHELL, else /bin/sh -c)."""
        kind, rest = self.test[0].upper(), list(self.test[1:])
        if kind == "CMD" and rest:
            return rest
        if kind == "CMD-SHELL" and rest:
            return [*(shell or ("/bin/sh", "-c")), rest[0]]
        return None


@dataclass
class ImageConfig:
    """The runtime settings of a built image, plus its size and layer count."""

    user: str = ""
    cmd: list[str] = field(default_factory=list)
    entrypoint: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    exposed_ports: list[str] = field(default_factory=list)
    healthcheck: HealthCheck | None = None
    workdir: str = ""
    volumes: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    shell: list[str] = field(default_factory=list)
    stop_signal: str = ""
    size_bytes: int = 0
    layers: int = 0
    image_id: str = ""

    @classmethod
    def from_docker_config(cls, config: Mapping[str, Any] | None, *, size_bytes: int = 0, layers: int = 0,
                           image_id: str = "", healthcheck: Mapping[str, Any] | None = None) -> ImageConfig:
        """From the ``Config`` object of ``docker image inspect`` (same keys in buildah's and podman's)."""
        c = dict(config or {})
        env: dict[str, str] = {}
        for item in c.get("Env") or []:
            key, _, value = item.partition("=")
            env[key] = value
        return cls(
            user=c.get("User") or "",
            cmd=list(c.get("Cmd") or []),
            entrypoint=list(c.get("Entrypoint") or []),
            env=env,
            exposed_ports=sorted(c.get("ExposedPorts") or {}),
            healthcheck=HealthCheck.from_config(c.get("Healthcheck") or healthcheck),
            workdir=c.get("WorkingDir") or "",
            volumes=sorted(c.get("Volumes") or {}),
            labels=dict(c.get("Labels") or {}),
            shell=list(c.get("Shell") or []),
            stop_signal=c.get("StopSignal") or "",
            size_bytes=size_bytes,
            layers=layers,
            image_id=image_id,
        )

    @property
    def argv(self) -> list[str]:
        """What the container runs: ENTRYPOINT + CMD (shell forms are already ``/bin/sh -c …``)."""
        return [*self.entrypoint, *self.cmd]

    @property
    def health_argv(self) -> list[str] | None:
        return self.healthcheck.argv(self.shell) if self.healthcheck else None

    def comparable(self) -> dict[str, object]:
        """The settings ``dockmod verify`` compares, by Dockerfile instruction."""
        return {
            "USER": self.user, "CMD": self.cmd, "ENTRYPOINT": self.entrypoint, "ENV": self.env,
            "EXPOSE": self.exposed_ports, "HEALTHCHECK": list(self.healthcheck.test) if self.healthcheck else [],
            "WORKDIR": self.workdir, "VOLUME": self.volumes, "LABEL": self.labels, "SHELL": self.shell,
            "STOPSIGNAL": self.stop_signal,
        }


@dataclass
class BuildResult:
    """Outcome of :meth:`Builder.build`. A failed build is ``ok=False`` with its log, never an exception."""

    ok: bool
    returncode: int
    tag: str
    image_id: str | None
    size_bytes: int
    layer_sizes: list[int] = field(default_factory=list)
    duration_s: float = 0.0
    log: str = ""
    log_path: Path | None = None

    @property
    def layers(self) -> int:
        return len(self.layer_sizes)

    @property
    def log_tail(self) -> str:
        """The last 40 lines of the build log."""
        return "\n".join(self.log.rstrip().splitlines()[-40:])


@dataclass
class ExecResult:
    returncode: int
    output: str
    duration_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass
class Container:
    """A detached container started by :meth:`Builder.start`."""

    id: str
    image: str
    config: ImageConfig
    log_path: Path | None = None
    handle: Any = None  # backend state (buildah: the Popen of the namespace that runs it)
    temp_log: bool = False  # log_path was made by the builder: removed with the container


class Builder(ABC):
    """One way of building and running images. Methods raise :class:`BuildError` only for infrastructure."""

    name: str = ""
    pull: bool = False  # may a build pull a missing base image?

    @abstractmethod
    def problem(self) -> str | None:
        """Why this builder cannot be used here (``None`` if it can): binary missing, daemon down."""

    @abstractmethod
    def build(self, context: str | os.PathLike[str], dockerfile: str | os.PathLike[str], tag: str, *,
              build_args: Mapping[str, str] | None = None, target: str | None = None, layers: bool = True,
              timeout: float = BUILD_TIMEOUT) -> BuildResult:
        """Build ``dockerfile`` (relative to ``context`` unless absolute) as ``tag``."""

    @abstractmethod
    def inspect(self, ref: str) -> ImageConfig | None:
        """The image's config, size and layers, or ``None`` if ``ref`` is not in local storage."""

    def image_exists(self, ref: str) -> bool:
        return self.inspect(ref) is not None

    @abstractmethod
    def remove_image(self, ref: str) -> None:
        """Remove ``ref`` (no error if absent)."""

    @abstractmethod
    def start(self, ref: str, *, log_path: Path | None = None, publish: Sequence[int] = ()) -> Container:
        """Run the image detached with its own ENTRYPOINT/CMD, USER, WORKDIR and ENV, networked on its own."""

    @abstractmethod
    def exec(self, ctr: Container, argv: Sequence[str], *, user: str | None = None,
             timeout: float = RUN_TIMEOUT) -> ExecResult:
        """Run ``argv`` inside the running container (``docker exec``), as ``user`` or the image's USER."""

    @abstractmethod
    def exit_code(self, ctr: Container) -> int | None:
        """``None`` while the main process runs, else its exit code."""

    @abstractmethod
    def main_uid(self, ctr: Container) -> int | None:
        """The uid the container's main process runs as (``None`` if it is gone)."""

    @abstractmethod
    def port_open(self, ctr: Container, port: int) -> bool:
        """Whether something in the container accepts TCP connections on ``port``."""

    @abstractmethod
    def logs(self, ctr: Container) -> str:
        """The container's output so far."""

    @abstractmethod
    def stop(self, ctr: Container, grace: float = 10) -> None:
        """Stop the container (its STOPSIGNAL, then SIGKILL after ``grace``) and remove it."""

    @abstractmethod
    def run(self, ref: str, argv: Sequence[str], *, user: str | None = None, env: Mapping[str, str] | None = None,
            workdir: str | None = None, isolated: bool = True, timeout: float = RUN_TIMEOUT) -> ExecResult:
        """Run ``argv`` in a throwaway container of ``ref`` instead of its CMD (no app running).

        ``isolated`` gives it a network of its own; otherwise it shares the host's.
        """


def parse_proc_status_uid(text: str) -> int | None:
    """The real uid from a ``/proc/PID/status`` text."""
    for line in text.splitlines():
        if line.startswith("Uid:"):
            parts = line.split()
            if len(parts) > 1 and parts[1].isdigit():
                return int(parts[1])
    return None
