"""Which builder to use: ``--builder NAME``, or the first one that works here."""

from __future__ import annotations

from refactor.build.base import Builder, BuilderUnavailable

NAMES = ("docker", "podman", "buildah")


def make(name: str, *, pull: bool = False) -> Builder:
    """The builder called ``name`` (not checked for availability)."""
    if name == "docker":
        from refactor.build.docker import DockerBuilder

        return DockerBuilder(pull=pull)
    if name == "podman":
        from refactor.build.podman import PodmanBuilder

        return PodmanBuilder(pull=pull)
    if name == "buildah":
        from refactor.build.buildah import BuildahBuilder

        return BuildahBuilder.from_env(pull=pull)
    raise BuilderUnavailable(f"unknown builder {name!r} (choose from {', '.join(NAMES)})")


def choose(name: str | None = None, *, pull: bool = False) -> Builder:
    """``name``'s builder if it is usable, else (no name) the first usable of docker, podman, buildah.

    Raises :class:`BuilderUnavailable` with one line saying why none can be used.
    """
    if name:
        builder = make(name, pull=pull)
        problem = builder.problem()
        if problem:
            raise BuilderUnavailable(problem)
        return builder
    problems = []
    for candidate in NAMES:
        builder = make(candidate, pull=pull)
        problem = builder.problem()
        if problem is None:
            return builder
        problems.append(problem)
    raise BuilderUnavailable("no builder found: " + "; ".join(problems))
