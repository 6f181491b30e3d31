"""The image a built program runs on: a builder image's slim/alpine sibling of the same version and OS release.

The runtime must give a copied virtualenv or ``node_modules`` the same interpreter at the same path (same image
family, same version), and a cgo binary the same or a newer C library (a program linked against an older glibc
runs on a newer one, not the other way round).

Sources: docker-library/official-images ``library/python`` and ``library/node`` (every version has a ``-slim``
and an ``-alpine`` tag; Python names an OS release after ``slim`` — ``3.13-slim-bookworm`` — Node before it —
``20-bookworm-slim``); ``library/golang`` and docker-library/repo-info ``repos/golang/tag-details.md`` (which
Debian release a bare ``golang:<version>`` tag was last built on: trixie from 1.24, bookworm for 1.20–1.23,
bullseye for 1.17–1.18, buster before; 1.19 is given bookworm, which also runs its bullseye builds);
github.com/GoogleContainerTools/distroless README (``static-debian12``: "statically compiled" programs such as Go
with ``CGO_ENABLED=0``; it ships CA certificates, /etc/passwd with ``nonroot`` and tzdata); ``library/rust`` (the
rust image is Debian, trixie for a bare tag from 1.89, bookworm before; a newer release also runs older builds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DISTROLESS_STATIC = "gcr.io/distroless/static-debian12"
# OpenSSL's shared library per Debian release (packages.debian.org: libssl-dev depends on it). The slim images do
# not ship it, the full ones (buildpack-deps: rust, golang) do, so a binary linked against it needs it installed.
DEBIAN_LIBSSL = {"trixie": "libssl3t64", "bookworm": "libssl3", "bullseye": "libssl1.1", "buster": "libssl1.1"}
DEBIAN_SUITES = ("trixie", "bookworm", "bullseye", "buster")
_REF = re.compile(r"^(?P<head>(?:[^/@]+/)*)(?P<name>[^/:@]+)(?::(?P<tag>[^@]+))?(?P<digest>@.+)?$")


@dataclass(frozen=True)
class RuntimeChoice:
    """The runtime image as it is to be written, and why it was chosen (for the fix message)."""

    image: str
    reason: str
    same_image: bool = False  # the builder's own image (already slim or alpine)


def split_ref(written: str) -> tuple[str, str, str, str] | None:
    """``(head, name, tag, digest)`` of an image reference as written (``docker.io/library/``, ``python``,
    ``3.12``, ``@sha256:…``); None for a reference with variables or none of these shapes."""
    if "$" in written:
        return None
    m = _REF.match(written)
    if m is None:
        return None
    return m.group("head"), m.group("name").lower(), (m.group("tag") or "").lower(), m.group("digest") or ""


# What the runtimes below know (tags, the Debian release, the interpreter path) is the official images'
# (docker-library/python, node, golang, rust). ``myorg/python:3`` is someone else's image: its ``-slim`` tag may
# not exist and its base is unknown.
_OFFICIAL_HEADS = ("", "library/", "docker.io/", "docker.io/library/", "index.docker.io/library/")


def _official(parts: tuple[str, str, str, str], name: str) -> bool:
    return parts[1] == name and parts[0].lower() in _OFFICIAL_HEADS


def _same(written: str, why: str) -> RuntimeChoice:
    return RuntimeChoice(written, why, same_image=True)


def _retag(head: str, name: str, tag: str, digest: str, why: str) -> RuntimeChoice:
    if digest:
        why += " (the builder's digest pins another tag: the runtime tag is not pinned)"
    return RuntimeChoice(f"{head}{name}:{tag}", why)


_VERSION = r"(?P<version>\d+(?:\.\d+)*|latest|lts|current|)"


def interpreter_runtime(written: str, language: str) -> RuntimeChoice | None:
    """``python:3.12`` → ``python:3.12-slim``, ``node:20-bookworm`` → ``node:20-bookworm-slim``; a slim or alpine
    tag runs the program as it is. None for another image or tag shape (``python:3.12-windowsservercore``)."""
    parts = split_ref(written)
    if parts is None or not _official(parts, language):
        return None
    head, name, tag, digest = parts
    if re.search(r"(?:^|-)(?:slim|alpine)", tag):
        return _same(written, f"{name}:{tag} is already {('an alpine' if 'alpine' in tag else 'a slim')} image")
    m = re.fullmatch(_VERSION + r"(?:-(?P<os>" + "|".join(DEBIAN_SUITES) + r"))?", tag)
    if m is None:
        return None
    version = m.group("version")
    version = "" if version == "latest" else version
    os_ = m.group("os")
    if language == "python":  # python:3.13-slim-bookworm
        new = "-".join(p for p in (version, "slim", os_) if p)
    else:  # node:20-bookworm-slim
        new = "-".join(p for p in (version, os_, "slim") if p)
    return _retag(head, name, new, digest, f"the slim variant of {name}:{tag or 'latest'} (same {name} version"
                  f"{' and Debian ' + os_ if os_ else ''}, same interpreter path)")


def _go_suite(version: str) -> str:
    m = re.match(r"1\.(\d+)", version)
    if not m:
        return "trixie"  # ``golang:1``, ``latest``: the newest release
    minor = int(m.group(1))
    if minor >= 24:
        return "trixie"
    if minor >= 19:
        return "bookworm"
    if minor >= 17:
        return "bullseye"
    return "buster"


def go_runtime(written: str, static: bool, choice: str = "auto") -> RuntimeChoice | None:
    """The image a binary built in ``golang:<tag>`` runs on. ``static`` (``CGO_ENABLED=0`` written down): distroless
    static, or ``scratch`` when ``choice`` says so; otherwise the Debian release or Alpine of the builder, slim.
    ``choice``: ``auto``, ``distroless``, ``scratch``, ``debian`` or ``alpine``."""
    parts = split_ref(written)
    if parts is None or not _official(parts, "golang"):
        return None
    tag = parts[2]
    m = re.fullmatch(r"(?P<version>\d+(?:\.\d+)*(?:rc\d+)?|latest|)(?:-(?P<os>[a-z]+)(?P<osv>[\d.]*))?", tag)
    if m is None:
        return None
    os_, osv = m.group("os"), m.group("osv")
    if os_ is not None and os_ not in (*DEBIAN_SUITES, "alpine"):
        return None  # windowsservercore, nanoserver
    if choice == "scratch":  # scratch has no C library: only for a static binary
        return RuntimeChoice("scratch", "scratch, as the option asks (CA certificates copied from the build)") \
            if static else None
    if static and choice in ("auto", "distroless"):
        return RuntimeChoice(DISTROLESS_STATIC, "distroless static (CGO_ENABLED=0: a static binary; it ships "
                             "CA certificates, tzdata and a nonroot user)")
    if choice == "distroless":
        return None  # a cgo binary needs a C library: distroless static cannot run it
    if os_ == "alpine" or choice == "alpine":
        image = f"alpine:{osv}" if osv else "alpine:3"
        return RuntimeChoice(image, f"{image}, the Alpine release of {parts[1]}:{tag} (a cgo binary needs its musl)")
    suite = os_ or _go_suite(m.group("version"))
    return RuntimeChoice(f"debian:{suite}-slim", f"debian:{suite}-slim, the Debian release {parts[1]}:{tag or 'latest'}"
                         " is built on (a cgo binary needs the same glibc or a newer one)")


def rust_runtime(written: str) -> RuntimeChoice | None:
    """The image a binary built in ``rust:<tag>`` runs on: the Debian release of the builder, slim (its glibc),
    or Alpine for an ``-alpine`` builder (musl)."""
    parts = split_ref(written)
    if parts is None or not _official(parts, "rust"):
        return None
    tag = parts[2]
    m = re.fullmatch(r"(?P<version>\d+(?:\.\d+)*|latest|)(?:-(?:slim-)?(?P<os>[a-z]+)(?P<osv>[\d.]*))?", tag)
    if m is None:
        return None
    os_, osv = m.group("os"), m.group("osv")
    if os_ == "alpine":
        image = f"alpine:{osv}" if osv else "alpine:3"
        return RuntimeChoice(image, f"{image}, the Alpine release of rust:{tag} (its binaries link musl)")
    if os_ is not None and os_ not in DEBIAN_SUITES:
        return None
    version = re.match(r"1\.(\d+)", m.group("version") or "")
    suite = os_ or ("trixie" if version is None or int(version.group(1)) >= 89 else "bookworm")
    return RuntimeChoice(f"debian:{suite}-slim", f"debian:{suite}-slim, the Debian release rust:{tag or 'latest'} is "
                         "built on (its binaries need the same glibc or a newer one)")
