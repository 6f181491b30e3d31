"""The podman backend: docker's command line, daemonless; never pulls unless asked."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from refactor.build import proc
from refactor.build.base import BuildError
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

    def problem(self) -> str | None:
        if shutil.which(self.binary) is None:
            return "podman not found on PATH"
        try:  # a remote podman (macOS, Windows) needs its machine/service up
            result = proc.run([self.binary, "info", "--format", "{{.Host.Arch}}"], timeout=60, check=False,
                              merge_stderr=True)
        except BuildError as exc:
            return f"podman: {exc}"
        if result.returncode != 0:
            lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
            return f"podman service not reachable: {lines[-1] if lines else 'exit ' + str(result.returncode)}"
        return None
