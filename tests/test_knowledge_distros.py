"""The Debian/Ubuntu release an image tag names, and whether its python-pip knows --no-cache-dir."""

from __future__ import annotations

import pytest

from refactor.knowledge.distros import release_of_image
from transforms.pip_no_cache import _modern_spec


@pytest.mark.parametrize(("ref", "codename"), [
    ("ubuntu:14.04", "trusty"), ("ubuntu:14.04.5", "trusty"), ("ubuntu:trusty-20190515", "trusty"),
    ("debian:8.11-slim", "jessie"), ("debian:jessie", "jessie"), ("buildpack-deps:jessie-scm", "jessie"),
    ("resin/rpi-raspbian:jessie", "jessie"), ("debian:wheezy", "wheezy"), ("ubuntu:16.04", "xenial"),
    ("debian", None), ("ubuntu:latest", None), ("node:6", None), ("myorg/debian:8", None),
    ("ubuntu:${UBUNTU_VERSION}", None),
])
def test_release_of_image(ref: str, codename: str | None) -> None:
    release = release_of_image(ref)
    assert (release.codename if release else None) == codename


@pytest.mark.parametrize(("ref", "ok"), [("ubuntu:15.10", False), ("ubuntu:16.04", True), ("debian:8", False),
                                         ("debian:9", True), ("debian:7", False)])
def test_pip_has_no_cache_dir(ref: str, ok: bool) -> None:
    release = release_of_image(ref)
    assert release is not None and release.pip_has_no_cache_dir() is ok


@pytest.mark.parametrize(("spec", "modern"), [("", True), ("<21", True), ("==20.3.4", True), ("==1.5.6", False),
                                              ("<6", False), ("<=6.0", False), (">=9", True)])
def test_pip_requirement_gives_pip_6(spec: str, modern: bool) -> None:
    assert _modern_spec(spec) is modern
