"""The package knowledge shared by the build-deps passes (refactor/knowledge/packages.py)."""

from __future__ import annotations

import pytest

from refactor.knowledge.packages import (
    ALPINE,
    DEBIAN,
    FETCH_ONLY,
    binaries_of,
    compiles,
    fetches,
    is_build_only,
    package_name,
    runtime_for,
)


@pytest.mark.parametrize(("spec", "name"), [("gcc=13.2.1-r0", "gcc"), ("musl-dev~1.2", "musl-dev"),
                                            ("libpq-dev>=15", "libpq-dev"), ("curl", "curl")])
def test_package_name_drops_version_constraints(spec: str, name: str) -> None:
    assert package_name(spec) == name


@pytest.mark.parametrize(("name", "family"), [
    ("build-base", ALPINE), ("gcc", ALPINE), ("musl-dev", ALPINE), ("linux-headers", ALPINE),
    ("postgresql-dev", ALPINE), ("$PHPIZE_DEPS", ALPINE), ("${PHPIZE_DEPS}", ALPINE), ("pkgconf", ALPINE),
    ("gcc=13.2.1-r0", ALPINE), ("build-essential", DEBIAN), ("libpq-dev", DEBIAN), ("libc6-dev", DEBIAN),
])
def test_build_only(name: str, family: str) -> None:
    assert is_build_only(name, family)


@pytest.mark.parametrize(("name", "family"), [
    ("curl", ALPINE), ("libpq", ALPINE), ("python3", ALPINE), ("collectd-dev", ALPINE), ("$BUILD_DEPS", ALPINE),
    ("tzdata", DEBIAN), ("libpq5", DEBIAN), ("build-base", DEBIAN), ("build-essential", ALPINE),
])
def test_not_build_only(name: str, family: str) -> None:
    assert not is_build_only(name, family)


@pytest.mark.parametrize(("dev", "family", "runtime"), [
    ("postgresql-dev", ALPINE, "libpq"), ("libffi-dev", ALPINE, "libffi"), ("icu-dev", ALPINE, "icu-libs"),
    ("python3-dev", ALPINE, "python3"), ("libpq-dev", DEBIAN, "libpq5"),
    ("musl-dev", ALPINE, None), ("openssl-dev", ALPINE, None), ("gcc", ALPINE, None),
])
def test_runtime_for(dev: str, family: str, runtime: str | None) -> None:
    assert runtime_for(dev, family) == runtime


def test_every_known_dev_package_is_build_only_and_maps_to_a_non_build_package() -> None:
    for family in (ALPINE, DEBIAN):
        for dev in ("postgresql-dev", "libzip-dev", "libxml2-dev") if family == ALPINE else ("libpq-dev",):
            rt = runtime_for(dev, family)
            assert is_build_only(dev, family)
            assert rt is None or not is_build_only(rt, family)


@pytest.mark.parametrize("argv", [
    ["make", "-j4"], ["/usr/bin/make"], ["./configure", "--prefix=/usr"], ["pip", "install", "x"],
    ["pip3", "install", "-r", "r.txt"], ["python3", "-m", "pip", "install", "x"], ["npm", "ci"],
    ["yarn"], ["pnpm", "install"], ["docker-php-ext-install", "sockets"], ["pecl", "install", "redis"],
    ["go", "build", "./..."], ["cargo", "build", "--release"], ["gem", "install", "pg"], ["sudo", "make"],
    # npm's and pip's value options may precede the subcommand (npm-config(7), pip's general options)
    ["npm", "--prefix", "/app", "install"], ["npm", "isnt"], ["pip", "--log", "/tmp/pip.log", "install", "x"],
    ["sudo", "-E", "pip3", "install", "x"],
])
def test_compiles(argv: list[str]) -> None:
    assert compiles(argv)


@pytest.mark.parametrize("argv", [["echo", "make"], ["npm", "cache", "clean"], ["docker-php-ext-enable", "x"],
                                  ["pip", "--version"], ["curl", "-fsSL", "x"]])
def test_does_not_compile(argv: list[str]) -> None:
    assert not compiles(argv)


def test_fetch_only_and_binaries() -> None:
    assert "git" in FETCH_ONLY
    assert fetches(["git", "clone", "x"])
    assert not fetches(["curl", "x"])
    assert fetches(["npm", "--prefix", "client", "ci"]) and fetches(["npm", "add", "lodash"])
    assert "make" in binaries_of("build-base", ALPINE)
    assert "pg_config" in binaries_of("postgresql-dev", ALPINE)
