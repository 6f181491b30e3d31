"""The installed-packages model (refactor/installed.py): the gaps bench/mutation.py found."""

from __future__ import annotations

from refactor.document import parse
from refactor.installed import _expand_names, _package_call, kept_packages


def _kept(text: str) -> tuple[set[str], set[str]]:
    return kept_packages(parse(text).stages[-1])


def test_package_call_reads_tool_verb_names_and_apk_group() -> None:
    assert _package_call(["sudo", "apt-get", "install", "-y", "curl", "git"]) == (
        "apt-get", "install", ["curl", "git"], None)
    assert _package_call(["apk", "add", "--virtual", ".deps", "gcc"]) == ("apk", "add", ["gcc"], ".deps")
    assert _package_call(["/sbin/apk", "add", "-t", "build", "gcc"]) == ("apk", "add", ["gcc"], "build")
    assert _package_call(["echo", "apt-get", "install", "curl"]) is None  # not a package tool
    assert _package_call(["sudo"]) is None  # nothing after the wrapper
    assert _package_call(["apt-get", "update"]) is None  # not an install or remove verb


def test_only_apk_has_a_virtual_group() -> None:
    call = _package_call(["dnf", "install", "-y", "gcc"])
    assert call is not None and call[3] is None


def test_expand_names_strips_versions_and_arch_and_expands_variables() -> None:
    variables = {"DEPS": "gcc  make", "EMPTY": ""}
    assert _expand_names(["curl=7.88.1-10", "python3<3.12", "libc>2", "node~20", "libssl3:amd64"], {}) == [
        "curl", "python3", "libc", "node", "libssl3"]
    assert _expand_names(["$DEPS", "${DEPS}", "$EMPTY", "$UNKNOWN", "lib${X}-dev", "a$b"], variables) == [
        "gcc", "make", "gcc", "make"]
    assert _expand_names(["pkg=1=2"], {}) == ["pkg"]


def test_variables_come_from_env_and_every_quoting_of_an_assignment() -> None:
    text = ("FROM debian:bookworm\nENV RUNTIME=libpq5\n"
            "RUN a='wget'; b=\"gnupg dirmngr\"; c=xz-utils; "
            "apt-get install -y $a $b $c $RUNTIME && apt-get purge -y $a\n")
    installed, removed = _kept(text)
    assert installed == {"gnupg", "dirmngr", "xz-utils", "libpq5"}
    assert removed == {"wget"}


def test_heredoc_runs_are_read_line_by_line() -> None:
    text = ("FROM debian:bookworm\nRUN <<EOF\napt-get install -y curl # the client\n"
            "echo 'unbalanced\napt-get install -y git\nEOF\n")
    installed, _ = _kept(text)
    assert installed == {"curl", "git"}


def test_non_run_instructions_and_reinstalls() -> None:
    text = ("FROM alpine:3.19\nCMD apk add curl\nRUN apk add curl wget && apk del curl\n"
            "RUN apk add curl\n")
    installed, removed = _kept(text)
    assert installed == {"curl", "wget"}
    assert removed == set()  # curl came back


def test_deleting_a_group_removes_its_members_not_the_group_name() -> None:
    installed, removed = _kept("FROM alpine:3.19\nRUN apk add --virtual .b gcc g++ && apk add --virtual .b make"
                               " && apk del .b\n")
    assert installed == set() and removed == {"gcc", "g++", "make"}
    installed, removed = _kept("FROM alpine:3.19\nRUN apk add gcc && apk del .b\n")
    assert installed == {"gcc"} and removed == {".b"}


def test_apt_mark_auto_needs_an_autoremove_in_the_same_run() -> None:
    base = ("FROM debian:bookworm\nRUN apt-get install -y sudo gcc make; apt-mark auto '.*'; "
            "apt-mark manual -q sudo; ")
    installed, removed = _kept(base + "apt-get purge -y --autoremove\n")
    assert installed == {"sudo"} and removed == {"gcc", "make"}
    installed, removed = _kept(base + "apt-get purge -y gcc\n")  # no autoremove: only gcc goes
    assert installed == {"sudo", "make"} and removed == {"gcc"}
    installed, _ = _kept("FROM debian:bookworm\nRUN apt-get install -y gcc; apt-get purge -y --auto-remove x\n")
    assert installed == {"gcc"}  # no apt-mark auto: autoremove keeps manually installed gcc


def test_apt_mark_only_counts_in_its_own_run() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get install -y git\n"
            "RUN apt-get install -y gcc; apt-mark auto '.*'; apt-get purge -y --auto-remove\n")
    installed, removed = _kept(text)
    assert installed == {"git"} and removed == {"gcc"}


def test_lineage_counts() -> None:
    text = "FROM debian:bookworm AS base\nRUN apt-get install -y curl\nFROM base\nRUN apt-get install -y git\n"
    installed, _ = _kept(text)
    assert installed == {"curl", "git"}


def test_an_exec_form_run_is_skipped_not_the_end() -> None:
    installed, _ = _kept('FROM alpine:3.19\nRUN ["/bin/sh", "-c", "echo"]\nRUN apk add curl\n')
    assert installed == {"curl"}


def test_saved_apt_mark_variable_in_apt_mark_manual() -> None:
    # docker-library's idiom: savedAptMark="$(apt-mark showmanual)"; …; apt-mark manual $savedAptMark
    text = ("FROM debian:bookworm\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get install -y wget gnupg; "
            "apt-mark auto '.*' > /dev/null; [ -z \"$savedAptMark\" ] || apt-mark manual $savedAptMark; "
            "apt-get purge -y --auto-remove\n")
    installed, removed = _kept(text)
    assert installed == set() and removed == {"wget", "gnupg"}


def test_a_package_name_is_cut_at_its_first_colon() -> None:
    assert _expand_names(["libc6:i386:x"], {}) == ["libc6"]


def test_apt_get_target_release_is_no_virtual_group() -> None:
    # apt-get's -t names a target release (apt-get(8)); only apk's -t names a virtual group
    installed, removed = _kept("FROM debian:bookworm\nRUN apt-get install -y -t bookworm-backports golang && "
                               "apt-get remove -y bookworm-backports\n")
    assert installed == {"golang"} and removed == {"bookworm-backports"}


def test_assignments_in_each_heredoc_of_a_run() -> None:
    text = ("FROM debian:bookworm\nRUN <<SETUP <<INSTALL\necho setup\nSETUP\nDEPS=curl\n"
            "apt-get install -y $DEPS\nINSTALL\n")
    installed, _ = _kept(text)
    assert installed == {"curl"}
