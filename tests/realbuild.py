"""Real builds in the tests: a thin layer over :mod:`refactor.build` with the tests' private buildah store.

Storage lives under ``/var/lib/dockmod-tests`` and caches under ``/var/cache/dockmod-tests``, so the
machine's default buildah/podman storage is left alone; set ``DOCKMOD_REALBUILD_STATE`` /
``DOCKMOD_REALBUILD_CACHE`` / ``DOCKMOD_REALBUILD_RUN`` to move them and ``DOCKMOD_STORAGE_DRIVER``
to force a driver. :func:`cli_env` gives a ``dockmod`` subprocess the same store. To poke at the
storage by hand, run ``buildah`` with the environment from :func:`buildah_env` (or the flags from
:func:`buildah_argv`). Everything needs root on Linux; nothing is ever pulled.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from refactor.build import stand_in
from refactor.build.base import BUILD_TIMEOUT, RUN_TIMEOUT, SHORT_TIMEOUT, BuildResult
from refactor.build.base import BuildError as RealBuildError
from refactor.build.buildah import BuildahBuilder

# ``image_tags`` fixture (tests/conftest.py): ``image_tags("before", "after")`` -> unique local tags.
TagMaker = Callable[..., tuple[str, ...]]

__all__ = [
    "DEFAULT_BASE_ALIASES",
    "DEFAULT_BASE_TAG",
    "BuildResult",
    "RealBuildError",
    "build",
    "buildah",
    "buildah_argv",
    "buildah_env",
    "builder",
    "cleanup",
    "cli_env",
    "ensure_base_image",
    "ensure_tools",
    "image_exists",
    "image_size",
    "run_in_image",
    "unavailable_reason",
]

CACHE_DIR = Path(os.environ.get("DOCKMOD_REALBUILD_CACHE", "/var/cache/dockmod-tests"))
STATE_DIR = Path(os.environ.get("DOCKMOD_REALBUILD_STATE", "/var/lib/dockmod-tests"))
RUN_DIR = Path(os.environ.get("DOCKMOD_REALBUILD_RUN", "/run/dockmod-tests"))

DEFAULT_BASE_TAG = stand_in.DEFAULT_BASE_TAG
DEFAULT_BASE_ALIASES = stand_in.DEFAULT_BASE_ALIASES

_BUILDER = BuildahBuilder(STATE_DIR, CACHE_DIR, RUN_DIR)


def builder() -> BuildahBuilder:
    """The tests' buildah builder (private storage); :func:`ensure_tools` first."""
    return _BUILDER


def cli_env() -> dict[str, str]:
    """Environment for a ``dockmod verify --builder buildah`` subprocess that uses the tests' store."""
    return {**os.environ, "DOCKMOD_BUILDAH_STATE": str(STATE_DIR), "DOCKMOD_BUILDAH_CACHE": str(CACHE_DIR),
            "DOCKMOD_BUILDAH_RUN": str(RUN_DIR)}


def unavailable_reason() -> str | None:
    """Why real builds cannot run on this machine at all (``None`` if they may)."""
    if os.environ.get("DOCKMOD_SKIP_REALBUILD"):
        return "DOCKMOD_SKIP_REALBUILD is set"
    if not sys.platform.startswith("linux"):
        return "real builds need Linux"
    if os.geteuid() != 0:
        return "real builds need root (buildah with chroot isolation, debootstrap)"
    if shutil.which("buildah") is None and shutil.which("apt-get") is None:
        return "neither buildah nor apt-get is available"
    return None


def ensure_tools() -> None:
    """Install buildah/debootstrap if missing, write the private config, choose the storage driver."""
    reason = unavailable_reason()
    if reason:
        raise RealBuildError(reason)
    stand_in.ensure_tools(_BUILDER)


def ensure_base_image(tag: str = DEFAULT_BASE_TAG, *, aliases: Sequence[str] = DEFAULT_BASE_ALIASES,
                      suite: str = "bookworm", include: Sequence[str] = (), rebuild: bool = False) -> str:
    """The local debian slim stand-in (see :func:`refactor.build.stand_in.ensure_base_image`)."""
    return stand_in.ensure_base_image(_BUILDER, tag, aliases=aliases, suite=suite, include=include, rebuild=rebuild)


def buildah_argv() -> list[str]:
    return _BUILDER.argv()


def buildah_env() -> dict[str, str]:
    return _BUILDER.env()


def storage_driver() -> str:
    return str(_BUILDER.storage().driver)


def buildah(*args: str, timeout: float = SHORT_TIMEOUT, check: bool = True) -> str:
    """Run ``buildah ARGS`` against the tests' storage and return its stdout."""
    return _BUILDER.buildah(*args, timeout=timeout, check=check)


def image_exists(ref: str) -> bool:
    return _BUILDER.image_exists(ref)


def image_size(ref: str) -> int:
    """Uncompressed size in bytes of ``ref``: the sum of its layers (what ``docker images`` shows)."""
    return sum(_BUILDER.layer_sizes(ref))


def cleanup(tag: str, *, prune: bool = False) -> None:
    """Remove image ``tag`` (no error if absent); with ``prune``, also remove dangling images."""
    _BUILDER.remove_image(tag)
    if prune:
        _BUILDER.prune()


def build(context_dir: str | os.PathLike[str], dockerfile: str | os.PathLike[str] = "Dockerfile",
          tag: str = "localhost/dockmod-realbuild:latest", *, build_args: Mapping[str, str] | None = None,
          target: str | None = None, layers: bool = False, extra_args: Sequence[str] = (),
          timeout: float = BUILD_TIMEOUT) -> BuildResult:
    """Build with buildah (chroot isolation, host network, never pulls); a failed build is ``ok=False``."""
    return _BUILDER.build(context_dir, dockerfile, tag, build_args=build_args, target=target, layers=layers,
                          extra_args=extra_args, timeout=timeout)


def run_in_image(tag: str, argv: Sequence[str], *, env: Mapping[str, str] | None = None, user: str | None = None,
                 workdir: str | None = None, merge_stderr: bool = False,
                 timeout: float = RUN_TIMEOUT) -> tuple[int, str]:
    """Run ``argv`` (not the image's CMD) in a throwaway container on the host network: ``(exit code, stdout)``."""
    result = _BUILDER.run(tag, argv, env=env, user=user, workdir=workdir, isolated=False, timeout=timeout,
                          merge_stderr=merge_stderr)
    return result.returncode, result.output
