"""Which packages provide a program, and which bring it only as a Recommends (release-dependent for libc6-dev)."""

from __future__ import annotations

import pytest

from refactor.knowledge.debian_recommends import base_ships, program_of, provides, recommended_provider
from refactor.knowledge.distros import release_of_image


@pytest.mark.parametrize(("name", "program"), [("python3.11", "python3"), ("python2.7", "python"), ("gcc-12", "gcc"),
                                               ("/usr/bin/make", "make"), ("php8.2", "php"), ("bash", None)])
def test_program_of(name: str, program: str | None) -> None:
    assert program_of(name) == program


@pytest.mark.parametrize(("package", "program", "ok"), [
    ("build-essential", "cc", True), ("g++", "gcc", True), ("dpkg-dev", "make", True), ("libc6-dev", "cc", False),
    ("python3-pip", "python3", True), ("gnupg", "gpg", True), ("dirmngr", "gpg", False), ("php5-cli", "php", True),
    ("libapache2-mod-php5", "php", False), ("libapache2-mod-php8.2", "php", True), ("clang-14", "python3", False),
])
def test_provides(package: str, program: str, ok: bool) -> None:
    assert provides(package, program) is ok


@pytest.mark.parametrize(("package", "program", "image", "provider"), [
    ("libc6-dev", "cc", "debian:bullseye", "gcc"), ("libc6-dev", "cc", "debian:bookworm", None),
    ("libc6-dev", "cc", "debian", None), ("libncurses5-dev", "cc", "ubuntu:20.04", "gcc"),
    ("libssl-dev", "cc", "debian:buster", None), ("clang-14", "python3", "debian:bookworm", "python3"),
    ("libapache2-mod-php5", "php", "debian:jessie", "php5-cli"), ("python3-pip", "make", "ubuntu:22.04",
                                                                  "build-essential"),
    ("git", "ssh", "debian:bookworm", "openssh-client"), ("curl", "python3", "debian:bookworm", None),
])
def test_recommended_provider(package: str, program: str, image: str, provider: str | None) -> None:
    assert recommended_provider(package, program, release_of_image(image)) == provider


@pytest.mark.parametrize(("image", "program", "ships"), [
    ("debian:bookworm", "make", False), ("buildpack-deps:bookworm", "gcc", True), ("buildpack-deps:bookworm-curl",
                                                                                   "git", False),
    ("python:3.12", "make", True), ("python:3.12-slim", "make", False), ("python:3.12-slim", "python3", True),
    ("arm32v7/openjdk:8-jre", "curl", True), ("openjdk:8-jre", "make", False), ("myorg/base:1", "make", None),
    ("node:20-alpine", "make", None),
])
def test_base_ships(image: str, program: str, ships: bool | None) -> None:
    assert base_ships(image, program) is ships
