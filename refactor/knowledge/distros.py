"""Debian and Ubuntu releases as image tags name them, and the pip their ``python-pip`` package ships.

pip learnt ``--no-cache-dir`` in 6.0 (pip's changelog, 6.0 (2014-12-22): "an HTTP cache … disabled with
``--no-cache-dir``"); an older pip stops with ``no such option: --no-cache-dir``.

Provenance of the ``python-pip`` versions (the binary packages ``python-pip`` and ``python3-pip`` are built from
the same source, so they carry the same version):
- Debian: packages.debian.org/<release>/python-pip (wheezy 1.1-3, jessie 1.5.6-5, stretch 9.0.1-2, buster
  18.1-5, bullseye 20.3.4-4); bookworm 23.0.1+dfsg-1 checked here with ``apt-cache show python3-pip``.
- Ubuntu: packages.ubuntu.com/<release>/python-pip and Launchpad's publishing history of the source
  ``python-pip`` (precise 1.0-1build1, trusty 1.5.4-1ubuntu1, utopic 1.5.6-2, vivid 1.5.6-5ubuntu2, wily
  1.5.6-7ubuntu1, xenial 8.1.1-2ubuntu0.4, bionic 9.0.1-2.3~ubuntu1, focal 20.0.2-5ubuntu1, jammy 22.0.2, noble
  24.0). The releases before xenial were not re-checked on this machine (no archive of them here); the line
  that matters, "1.x before 16.04, 8.1 from 16.04 on", holds for every published version.
"""

from __future__ import annotations

import re
from typing import NamedTuple

PIP_NO_CACHE_DIR_SINCE = (6,)


class Release(NamedTuple):
    distro: str  # "debian" or "ubuntu"
    number: str  # "8", "14.04"
    codename: str  # "jessie", "trusty"
    python_pip: str  # the version of its python-pip / python3-pip package

    @property
    def label(self) -> str:
        return f"{self.distro.capitalize()} {self.number} ({self.codename})"

    def pip_has_no_cache_dir(self) -> bool:
        return version_tuple(self.python_pip) >= PIP_NO_CACHE_DIR_SINCE


_RELEASES = (
    Release("debian", "7", "wheezy", "1.1"),
    Release("debian", "8", "jessie", "1.5.6"),
    Release("debian", "9", "stretch", "9.0.1"),
    Release("debian", "10", "buster", "18.1"),
    Release("debian", "11", "bullseye", "20.3.4"),
    Release("debian", "12", "bookworm", "23.0.1"),
    Release("debian", "13", "trixie", "25.1.1"),
    Release("ubuntu", "12.04", "precise", "1.0"),
    Release("ubuntu", "14.04", "trusty", "1.5.4"),
    Release("ubuntu", "14.10", "utopic", "1.5.6"),
    Release("ubuntu", "15.04", "vivid", "1.5.6"),
    Release("ubuntu", "15.10", "wily", "1.5.6"),
    Release("ubuntu", "16.04", "xenial", "8.1.1"),
    Release("ubuntu", "18.04", "bionic", "9.0.1"),
    Release("ubuntu", "20.04", "focal", "20.0.2"),
    Release("ubuntu", "22.04", "jammy", "22.0.2"),
    Release("ubuntu", "24.04", "noble", "24.0"),
)
_BY_CODENAME = {r.codename: r for r in _RELEASES}
_BY_NUMBER = {(r.distro, r.number): r for r in _RELEASES}
# Images whose tag is the Debian/Ubuntu release itself (``debian:8-slim``, ``buildpack-deps:trusty-curl``).
_RELEASE_TAGGED = {"debian": "debian", "ubuntu": "ubuntu"}
# Official images that install their own pip (get-pip.py / ensurepip into /usr/local) whatever Debian they sit
# on: docker-library/python and docker-library/pypy Dockerfiles (``PYTHON_PIP_VERSION``, ``get-pip.py``).
IMAGES_WITH_OWN_PIP = frozenset({"python", "pypy"})


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version.split("+", 1)[0])[:3])


def release_of_image(ref: str) -> Release | None:
    """The Debian/Ubuntu release an image reference names in its tag (``ubuntu:14.04``, ``debian:jessie-slim``,
    ``buildpack-deps:trusty``, ``node:6-jessie``), or None (no tag, ``latest``, a variable, an unknown tag)."""
    if "$" in ref:
        return None
    head, _, last = ref.split("@", 1)[0].rpartition("/")
    name, _, tag = last.lower().partition(":")
    for token in re.split(r"[-_.]", tag):
        if token in _BY_CODENAME:
            return _BY_CODENAME[token]
    official = head.lower() in ("", "library", "docker.io", "docker.io/library")  # docker.io/NAME: library
    distro = _RELEASE_TAGGED.get(name) if official else None
    if distro is None:
        return None
    m = re.match(r"^(\d+)(?:\.(\d+))?", tag)
    if not m:
        return None
    number = m.group(1) if distro == "debian" else f"{m.group(1)}.{m.group(2) or ''}"
    return _BY_NUMBER.get((distro, number))
