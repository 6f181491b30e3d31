"""The installed-packages model (``refactor.installed``): each tool's own option table, the verb where the tool
reads it, apk's virtual-group forms, the ``apt-mark`` idiom."""

from __future__ import annotations

from refactor.document import parse
from refactor.installed import kept_packages


def _kept(text: str) -> tuple[set[str], set[str]]:
    return kept_packages(parse(text).stages[-1])


def test_apk_cache_dir_value_is_not_a_package() -> None:
    # apk(8): --cache-dir takes a value (it was missing from the shared table)
    installed, _ = _kept("FROM alpine:3.19\nRUN apk add --cache-dir /tmp/apk-cache curl\n")
    assert installed == {"curl"}


def test_apt_options_do_not_apply_to_apk() -> None:
    # apt-get's -o takes a value; apk has no -o, so the word after it stays a package
    installed, _ = _kept("FROM debian:bookworm\nRUN apt-get -o Acquire::Retries=3 install -y curl\n")
    assert installed == {"curl"}
    installed, _ = _kept("FROM alpine:3.19\nRUN apk add -a curl\n")
    assert installed == {"curl"}


def test_dnf_module_install_is_not_dnf_install() -> None:
    # dnf(8): the command is the first positional word; ``module install`` installs a module profile
    installed, _ = _kept("FROM fedora:39\nRUN dnf module install -y nodejs:18/common && dnf install -y git\n")
    assert installed == {"git"}


def test_dpkg_verbs_are_options() -> None:
    _, removed = _kept("FROM debian:bookworm\nRUN apt-get install -y curl && dpkg --purge curl\n")
    assert removed == {"curl"}


def test_apk_virtual_group_with_equals_sign() -> None:
    # apk-add(8): -t/--virtual NAME; ``-t=NAME`` is read the same way
    text = "FROM alpine:3.19\nRUN apk add -t=.build-deps gcc musl-dev && apk add libpq && apk del .build-deps\n"
    installed, removed = _kept(text)
    assert installed == {"libpq"} and removed == {"gcc", "musl-dev"}


def test_apt_mark_manual_keeps_sudo() -> None:
    # the official images' idiom: apt-mark auto '.*'; apt-mark manual KEEP; apt-get purge --auto-remove
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y sudo gcc; \\\n"
            "    apt-mark auto '.*' > /dev/null; apt-mark manual sudo; \\\n"
            "    apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false\n")
    installed, removed = _kept(text)
    assert installed == {"sudo"} and removed == {"gcc"}
