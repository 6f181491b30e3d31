"""Queries over the image facts table (``refactor.knowledge.images``) for a stage's base image."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from refactor.document import Stage
from refactor.installed import kept_packages
from refactor.knowledge.images import (
    ALPINE,
    BUSYBOX,
    DEBIAN,
    DISTROLESS,
    DROPS_ROOT,
    FAMILIES,
    IMAGES,
    NON_ROOT,
    RHEL,
    ROOT_ONLY,
    SCRATCH,
    SPECIFICITY,
    UNKNOWN,
    Image,
)
from refactor.shell import shell_of

__all__ = [
    "ALPINE",
    "BUSYBOX",
    "DEBIAN",
    "DISTROLESS",
    "RHEL",
    "SCRATCH",
    "UNKNOWN",
    "ImageRef",
    "bundled_user",
    "bundled_user_ids",
    "default_workdir",
    "drops_root",
    "family_of_image",
    "has_shell",
    "has_tool",
    "image_user",
    "installed_packages",
    "interpreter_of",
    "is_windows_image",
    "lacks_useradd",
    "must_run_as_root",
    "runs_non_root",
    "runtime_of",
    "service_of",
    "ships_docker_cli",
    "stage_family",
    "system_user_ids",
]


class ImageRef(NamedTuple):
    """``[registry/][namespace/]name[:tag][@digest]`` split into parts (name keeps its namespace)."""

    name: str
    tag: str

    @property
    def short(self) -> str:
        return self.name.rsplit("/", 1)[-1]

    @classmethod
    def parse(cls, ref: str) -> ImageRef:
        ref = ref.split("@", 1)[0]
        head, _, last = ref.rpartition("/")
        name, _, tag = last.partition(":")
        full = f"{head}/{name}" if head else name
        if full.startswith(("docker.io/library/", "library/")):
            full = full.split("library/", 1)[1]
        return cls(full.lower(), tag.lower())

    def facts(self, build_fact: bool = False) -> Iterator[Image]:
        """The table entries that describe this image, in table order."""
        return iter(_facts(self.name, self.tag, build_fact))


@lru_cache(maxsize=4096)
def _facts(name: str, tag: str, build_fact: bool) -> tuple[Image, ...]:
    return tuple(e for e in IMAGES if e.matches(name, tag, build_fact))


def _ref(image: ImageRef | Stage | str) -> ImageRef:
    if isinstance(image, ImageRef):
        return image
    return ImageRef.parse(image.root_image() if isinstance(image, Stage) else image)


def family_of_image(ref: str) -> str:
    """OS family told by the image reference alone (the most specific one the table gives), or UNKNOWN."""
    found = {e.family for e in ImageRef.parse(ref).facts(build_fact=True) if e.family}
    return next((f for f in SPECIFICITY if f in found), UNKNOWN)


def _package_manager_family(stage: Stage) -> str:
    for ins in stage.body():
        script = shell_of(ins)
        if script is None:
            continue
        for cmd in script.commands:
            if cmd.is_("apk"):
                return ALPINE
            if cmd.is_("apt-get") or cmd.is_("apt") or cmd.is_("dpkg"):
                return DEBIAN
            if cmd.is_("yum") or cmd.is_("dnf") or cmd.is_("microdnf"):
                return RHEL
    return UNKNOWN


def stage_family(stage: Stage) -> str:
    """OS family of a stage: from its image, else the package manager it uses, else its parent stage."""
    for s in stage.lineage():
        if s.parent is None:
            fam = family_of_image(s.base_image)
            if fam != UNKNOWN:
                return fam
        fam = _package_manager_family(s)
        if fam != UNKNOWN:
            return fam
    return UNKNOWN


def has_shell(stage: Stage) -> bool:
    fam = stage_family(stage)
    if fam == DISTROLESS:
        return any(e.shell for e in _ref(stage).facts())
    return fam != SCRATCH


def _first(image: ImageRef | Stage | str, field: str) -> object:
    return next((v for e in _ref(image).facts() if (v := getattr(e, field)) is not None), None)


def runtime_of(stage: Stage) -> str | None:
    """The language runtime the base image bundles (``node``, ``python``, ``php``…), if any."""
    return _first(stage, "runtime")  # type: ignore[return-value]


def interpreter_of(stage: Stage) -> str | None:
    """Where the base image's runtime interpreter lives (``/nodejs/bin/node`` on distroless), if known."""
    return _first(stage, "interpreter")  # type: ignore[return-value]


def service_of(image: ImageRef | Stage | str) -> str | None:
    """The non-HTTP protocol the image serves (``PostgreSQL``), or None."""
    return _first(image, "service")  # type: ignore[return-value]


def default_workdir(image: ImageRef | Stage | str) -> str:
    """The WORKDIR the official image sets (``/var/www/html`` for php), else ``/``."""
    return next((e.workdir for e in _ref(image).facts(build_fact=True) if e.workdir), "/")


def bundled_user(stage: Stage) -> str | None:
    """A non-root user a Docker Hub library image already has (``node`` in the official node images)."""
    return next((e.user for e in _ref(stage).facts() if e.user and e.name and "/" not in e.name), None)


def image_user(image: ImageRef | Stage | str) -> Image | None:
    """The entry of the non-root user the base image creates (node, bun, deno, .NET 8+'s app), or None."""
    return next((e for e in _ref(image).facts() if e.user), None)


def bundled_user_ids(name: str) -> str | None:
    """``uid:gid`` of a user named like one an image bundles in every tag (``node`` → ``1000:1000``)."""
    return next((e.ids for e in IMAGES if e.user == name and e.ids and e.since is None and e.tag is None), None)


def system_user_ids(name: str, family: str) -> str | None:
    """``uid:gid`` of a system user the family's base system ships (``www-data`` on Alpine: ``82:82``)."""
    fam = FAMILIES.get(family)
    return dict(fam.system_users).get(name) if fam else None


def _runs(image: ImageRef | Stage | str, how: str) -> bool:
    return any(e.runs_as == how for e in _ref(image).facts())


def must_run_as_root(stage: Stage) -> bool:
    return _runs(stage, ROOT_ONLY)


def drops_root(image: ImageRef | Stage | str) -> bool:
    """The image starts as root on purpose: it binds a privileged port or drops privileges itself."""
    return _runs(image, DROPS_ROOT)


def runs_non_root(image: ImageRef | Stage | str) -> bool:
    """The image already runs as a non-root user."""
    return _runs(image, NON_ROOT)


def ships_docker_cli(ref: str) -> bool:
    return any(e.docker_cli for e in _ref(ref).facts())


def lacks_useradd(image: ImageRef | Stage | str) -> bool:
    return any(e.no_useradd for e in _ref(image).facts())


def is_windows_image(ref: str) -> bool:
    return any(e.windows for e in ImageRef.parse(ref).facts())


def installed_packages(stage: Stage) -> set[str]:
    """Packages the stage and its parents install and have not removed again (virtual groups, apt-mark
    purges and package lists in shell variables followed; see ``refactor.installed``)."""
    return kept_packages(stage)[0]


def has_tool(stage: Stage, tool: str) -> bool:
    """Whether ``tool`` (curl, wget) is still in the stage's final image: installed and not removed
    again, or shipped by the base image and not removed."""
    installed, removed = kept_packages(stage)
    if tool in installed:
        return True
    family = stage_family(stage)
    if tool in (FAMILIES[family].tools if family in FAMILIES else ()):
        return True  # a BusyBox applet: deleting the package does not remove it
    if tool in removed:
        return False
    img = _ref(stage)
    full_debian = family == DEBIAN and "slim" not in img.tag
    return any(tool in e.tools or (full_debian and tool in e.full_tools) for e in img.facts())
