"""What we know about a stage's base image: OS family, shell, bundled users, runtimes and tools."""

from __future__ import annotations

import re
from dataclasses import dataclass

from refactor.document import Stage
from refactor.installed import kept_packages
from refactor.shell import shell_of

ALPINE, DEBIAN, RHEL, BUSYBOX, SCRATCH, DISTROLESS, UNKNOWN = (
    "alpine", "debian", "rhel", "busybox", "scratch", "distroless", "unknown")

# Official images whose default tags are Debian-based (buildpack-deps or debian:*-slim).
_DEBIAN_OFFICIAL = frozenset({
    "debian", "ubuntu", "buildpack-deps", "node", "python", "php", "ruby", "golang", "openjdk", "perl",
    "rust", "gcc", "haskell", "elixir", "erlang", "julia", "r-base", "eclipse-temurin", "maven", "gradle",
    "httpd", "nginx", "postgres", "mysql", "redis", "mongo", "wordpress", "composer", "pypy", "swift",
    "dart", "clojure", "groovy", "kong", "ghost", "rabbitmq", "memcached", "mariadb", "tomcat", "jetty",
})
_RHEL = re.compile(r"(^|/)(centos|fedora|rockylinux|almalinux|amazonlinux|oraclelinux|ubi\d*(-\w+)?|rhel\d*)$")
# Full (non-slim) Debian official images built on buildpack-deps ship curl and wget.
_BUILDPACK_BASED = frozenset({"buildpack-deps", "node", "python", "ruby", "golang", "openjdk", "perl",
                              "rust", "gcc", "pypy"})
_RUNTIMES = {"node": "node", "python": "python", "pypy": "python", "php": "php", "ruby": "ruby",
             "golang": "go", "openjdk": "java", "eclipse-temurin": "java", "composer": "php"}
# Users the official images already create (uid 1000 unless noted).
_BUNDLED_USERS = {"node": "node"}
_ROOT_ONLY = re.compile(r"(^|/)docker$|dind|(^|/)(kaniko|buildkit)")


@dataclass(frozen=True, slots=True)
class ImageRef:
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


def family_of_image(ref: str) -> str:
    """OS family told by the image reference alone, or UNKNOWN."""
    img = ImageRef.parse(ref)
    if img.name == "scratch":
        return SCRATCH
    if "distroless" in img.name or img.name.startswith("chainguard/static"):
        return DISTROLESS
    if img.short == "alpine" or "alpine" in img.tag or img.short.endswith("-alpine"):
        return ALPINE
    if img.short == "busybox":
        return BUSYBOX
    if _RHEL.search(img.name) or "ubi" in img.tag.split("-"):
        return RHEL
    if any(t in img.tag for t in ("bookworm", "bullseye", "buster", "stretch", "trixie", "jammy", "focal",
                                  "noble", "bionic", "xenial")):
        return DEBIAN
    if img.short in _DEBIAN_OFFICIAL and "/" not in img.name:
        return DEBIAN
    return UNKNOWN


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
        return ImageRef.parse(stage.root_image()).tag.endswith("debug")
    return fam != SCRATCH


def runtime_of(stage: Stage) -> str | None:
    """The language runtime the base image bundles (``node``, ``python``, ``php``…), if any."""
    img = ImageRef.parse(stage.root_image())
    return _RUNTIMES.get(img.short)


def bundled_user(stage: Stage) -> str | None:
    """A non-root user the base image already has (``node`` in the official node images)."""
    return _BUNDLED_USERS.get(ImageRef.parse(stage.root_image()).short)


def must_run_as_root(stage: Stage) -> bool:
    img = ImageRef.parse(stage.root_image())
    return bool(_ROOT_ONLY.search(img.name) or "dind" in img.tag)


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
    if tool == "wget" and family in (ALPINE, BUSYBOX):
        return True  # BusyBox applet; busybox's trigger restores the link when GNU wget is deleted
    if tool in removed:
        return False
    img = ImageRef.parse(stage.root_image())
    if tool in ("curl", "wget") and img.short in _BUILDPACK_BASED and family == DEBIAN and "slim" not in img.tag:
        return True
    return tool == "curl" and img.short == "php"  # the official php images keep curl
