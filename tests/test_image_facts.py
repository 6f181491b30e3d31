"""The image facts table (refactor/knowledge/images.py) and the queries over it (refactor/images.py)."""

from __future__ import annotations

import re

import pytest

from refactor.images import (
    ALPINE,
    BUSYBOX,
    DEBIAN,
    DISTROLESS,
    RHEL,
    SCRATCH,
    UNKNOWN,
    bundled_user_ids,
    default_workdir,
    drops_root,
    family_of_image,
    image_user,
    is_windows_image,
    lacks_useradd,
    runs_non_root,
    service_of,
    ships_docker_cli,
    system_user_ids,
)
from refactor.knowledge.images import IMAGES


def test_every_entry_says_what_it_matches_and_its_regexes_compile() -> None:
    for entry in IMAGES:
        assert entry.name or entry.pattern or entry.tag, entry
        for rx in (entry.pattern, entry.tag):
            if rx is not None:
                re.compile(rx)


@pytest.mark.parametrize(("ref", "family"), [
    ("node:20", DEBIAN), ("node:20-alpine", ALPINE), ("python:3.12-slim-bookworm", DEBIAN),
    ("bitnami/node:20", UNKNOWN),  # another namespace's build: its OS is not the official image's
    ("x/alpine:3", ALPINE), ("busybox:1.36", BUSYBOX), ("busybox:1.36-alpine", ALPINE),
    ("registry.access.redhat.com/ubi9/ubi-minimal", RHEL), ("rockylinux/rockylinux:9", RHEL),
    ("node:ubi", RHEL), ("gcr.io/distroless/static:nonroot", DISTROLESS), ("scratch", SCRATCH),
    ("docker.io/library/ruby:3.3", DEBIAN), ("registry.example.com/platform/runtime:3", UNKNOWN),
])
def test_family_the_most_specific_entry_wins(ref: str, family: str) -> None:
    assert family_of_image(ref) == family


def test_build_facts_belong_to_the_official_image_only() -> None:
    assert default_workdir("php:8.3-fpm") == "/var/www/html"
    assert default_workdir("composer/composer:2") == "/app"
    assert default_workdir("bitnami/php-fpm:8") == "/"
    assert default_workdir("someone/php:8") == "/"


def test_content_facts_carry_over_to_same_named_images() -> None:
    assert service_of("bitnami/postgres:16") == "PostgreSQL"
    assert service_of("node:20") is None
    assert drops_root("nginx:1.27-alpine") and drops_root("php:8.3-apache") and not drops_root("php:8.3-fpm")
    assert drops_root("linuxserver/sonarr") and drops_root("phusion/baseimage:jammy-1.0.4")


@pytest.mark.parametrize(("ref", "user", "ids"), [
    ("node:20-slim", "node", "1000:1000"), ("oven/bun:1", "bun", "1000:1000"), ("denoland/deno:2", "deno", "1993:1993"),
    ("mcr.microsoft.com/dotnet/aspnet:8.0", "app", "1654:1654"),
])
def test_bundled_users(ref: str, user: str, ids: str) -> None:
    entry = image_user(ref)
    assert entry is not None and (entry.user, entry.ids) == (user, ids)


def test_dotnet_app_user_only_from_8() -> None:
    assert image_user("mcr.microsoft.com/dotnet/aspnet:6.0") is None
    assert bundled_user_ids("app") is None  # only some .NET tags have it: the name alone says nothing
    assert bundled_user_ids("node") == "1000:1000"


def test_non_root_and_root_only_bases() -> None:
    assert runs_non_root("bitnami/redis:7") and runs_non_root("gcr.io/distroless/base:nonroot")
    assert runs_non_root("mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled")
    assert not runs_non_root("mcr.microsoft.com/dotnet/aspnet:7.0-jammy-chiseled")
    assert ships_docker_cli("docker:27-cli") and ships_docker_cli("docker.io/library/docker:24")
    assert not ships_docker_cli("docker/compose:1.29")


def test_system_users_windows_and_minimal_images() -> None:
    assert system_user_ids("www-data", ALPINE) == "82:82"
    assert system_user_ids("www-data", DEBIAN) == "33:33"
    assert system_user_ids("www-data", BUSYBOX) is None
    assert is_windows_image("mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022")
    assert not is_windows_image("mcr.microsoft.com/dotnet/aspnet:8.0")
    assert lacks_useradd("registry.access.redhat.com/ubi9/ubi-minimal") and not lacks_useradd("ubi9/ubi")
