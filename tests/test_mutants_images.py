"""Queries over the image facts (refactor/images.py): the gaps bench/mutation.py found."""

from __future__ import annotations

from refactor.document import Stage, parse
from refactor.images import (
    ALPINE,
    DEBIAN,
    RHEL,
    UNKNOWN,
    ImageRef,
    bundled_user,
    has_shell,
    has_tool,
    installed_packages,
    interpreter_of,
    must_run_as_root,
    runtime_of,
    stage_family,
    system_user_ids,
)


def _stage(text: str, index: int = -1) -> Stage:
    return parse(text).stages[index]


def test_image_ref_parse_splits_registry_tag_digest_and_library() -> None:
    assert ImageRef.parse("Node:20-Alpine") == ImageRef("node", "20-alpine")
    assert ImageRef.parse("docker.io/library/ruby:3.3@sha256:abc") == ImageRef("ruby", "3.3")
    assert ImageRef.parse("library/python") == ImageRef("python", "")
    assert ImageRef.parse("registry:5000/team/app:1.2") == ImageRef("registry:5000/team/app", "1.2")
    assert ImageRef.parse("ghcr.io/org/library/tool:1") == ImageRef("ghcr.io/org/library/tool", "1")
    # only the leading library/ goes, and everything after the first @ is the digest
    assert ImageRef.parse("library/team/library/app:1") == ImageRef("team/library/app", "1")
    assert ImageRef.parse("docker.io/library/a/library/b") == ImageRef("a/library/b", "")
    assert ImageRef.parse("node:20@sha256:abc@def") == ImageRef("node", "20")
    assert ImageRef.parse("ghcr.io/org/tool").short == "tool"
    assert ImageRef.parse("node").short == "node"


def test_stage_family_from_package_manager_then_parent() -> None:
    unknown = "FROM registry.example.com/base:1\n"
    assert stage_family(_stage(unknown + "RUN apk add curl\n")) == ALPINE
    assert stage_family(_stage(unknown + "RUN apt update\n")) == DEBIAN
    assert stage_family(_stage(unknown + "RUN dpkg -i x.deb\n")) == DEBIAN
    assert stage_family(_stage(unknown + "RUN microdnf install -y curl\n")) == RHEL
    assert stage_family(_stage(unknown + "RUN yum install -y curl\n")) == RHEL
    assert stage_family(_stage(unknown + "RUN dnf install -y curl\n")) == RHEL
    assert stage_family(_stage(unknown + "CMD [\"apk\"]\nRUN echo apk\n")) == UNKNOWN
    # an exec-form RUN has no shell script; the stage after it decides
    assert stage_family(_stage(unknown + 'RUN ["apk", "add", "curl"]\nRUN apt-get update\n')) == DEBIAN
    parent = "FROM registry.example.com/base:1 AS base\nRUN apk add curl\nFROM base\nRUN echo hi\n"
    assert stage_family(_stage(parent)) == ALPINE
    # the image's own family wins over the package manager it runs
    assert stage_family(_stage("FROM alpine:3.20\nRUN apt-get update\n")) == ALPINE
    # a stage built on another stage does not ask its base reference (a stage name) for a family
    assert stage_family(_stage("FROM debian:12 AS alpine\nRUN true\nFROM alpine\nRUN true\n")) == DEBIAN


def test_has_shell() -> None:
    assert has_shell(_stage("FROM gcr.io/distroless/base:debug\n"))
    assert not has_shell(_stage("FROM gcr.io/distroless/base:nonroot\n"))
    assert not has_shell(_stage("FROM scratch\n"))
    assert has_shell(_stage("FROM registry.example.com/base:1\n"))


def test_runtime_and_interpreter() -> None:
    assert runtime_of(_stage("FROM gcr.io/distroless/nodejs20-debian12\n")) == "node"
    assert interpreter_of(_stage("FROM gcr.io/distroless/nodejs20-debian12\n")) == "/nodejs/bin/node"
    assert runtime_of(_stage("FROM php:8.3-fpm\n")) == "php"
    assert runtime_of(_stage("FROM debian:12\n")) is None
    assert interpreter_of(_stage("FROM debian:12\n")) is None


def test_bundled_user_only_from_library_images() -> None:
    assert bundled_user(_stage("FROM node:20-alpine\n")) == "node"
    assert bundled_user(_stage("FROM oven/bun:1\n")) is None  # named with a namespace: not a library image
    assert bundled_user(_stage("FROM debian:12\n")) is None


def test_must_run_as_root() -> None:
    assert must_run_as_root(_stage("FROM docker:27-dind\n"))
    assert not must_run_as_root(_stage("FROM node:20\n"))


def test_installed_packages_are_the_kept_ones() -> None:
    stage = _stage("FROM alpine:3.20\nRUN apk add curl jq && apk del jq\n")
    assert installed_packages(stage) == {"curl"}


def test_has_tool_installed_family_removed_and_image_tools() -> None:
    assert has_tool(_stage("FROM registry.example.com/base:1\nRUN apk add curl\n"), "curl")
    # BusyBox's wget applet stays on Alpine even after the package goes
    assert has_tool(_stage("FROM alpine:3.20\nRUN apk add wget && apk del wget\n"), "wget")
    assert not has_tool(_stage("FROM alpine:3.20\n"), "curl")
    # php ships curl in every tag; removing it is seen
    assert has_tool(_stage("FROM php:8.3-fpm\n"), "curl")
    assert not has_tool(_stage("FROM php:8.3-fpm\nRUN apt-get purge -y curl\n"), "curl")
    # full Debian tags have curl and wget, slim ones do not
    assert has_tool(_stage("FROM python:3.12-bookworm\n"), "wget")
    assert not has_tool(_stage("FROM python:3.12-slim-bookworm\n"), "wget")
    assert not has_tool(_stage("FROM python:3.12-alpine\n"), "curl")  # full_tools are Debian-only
    assert not has_tool(_stage("FROM debian:12\n"), "curl")
    assert not has_tool(_stage("FROM registry.example.com/base:1\n"), "curl")  # family unknown


def test_system_users_of_an_unknown_family() -> None:
    assert system_user_ids("www-data", UNKNOWN) is None
