"""The podman backend: docker's command line, daemonless; never pulls unless asked."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from refactor.build.docker import CliBuilder


class PodmanBuilder(CliBuilder):
    name = "podman"
    binary = "podman"

    def build_argv(self, context: Path, dockerfile: Path, tag: str, iidfile: Path,
                   build_args: Mapping[str, str] | None, target: str | None, layers: bool) -> list[str]:
        argv = [self.binary, "build", "--format", "docker", f"--pull={'missing' if self.pull else 'never'}",
                f"--layers={'true' if layers else 'false'}", "--iidfile", str(iidfile), "-f", str(dockerfile),
                "-t", tag]
        for k, v in (build_args or {}).items():
            argv += ["--build-arg", f"{k}={v}"]
        if target:
            argv += ["--target", target]
        return [*argv, str(context)]

    def build_env(self) -> dict[str, str]:
        return dict(os.environ)

    # a remote podman (macOS, Windows) needs its machine/service up
    probe_args = ("info", "--format", "{{.Host.Arch}}")
    probe_timeout = 60
    engine = "service"
