"""The knowledge modules, pinned where a mutation run would find them blind: refactor/knowledge/packages.py
(the managers' install/remove patterns, build-only packages, their runtime and C++ libraries, what compiles or
fetches, the binaries a package brings), runtime_bases.py (image references, the slim/alpine/Debian runtime of
a python, node, golang or rust builder, with the exact reason), debian_recommends.py (which package provides a
program, what only a Recommends brings, what a base image ships), distros.py (versions, the release an image tag
names), https_hosts.py, php_extensions.py and redirects.py.

Expected values come from the modules' documented sources (Debian and Ubuntu archives, the official images'
Dockerfiles and tag lists, pip/npm/uv behaviour). Where the code disagrees with those, the test states the right
answer and is marked ``xfail(strict=True)`` with the reason.

Each table is checked whole in one test (``{case: f(case)} == table``: pytest's diff names the rows that differ),
which keeps the file to a few dozen test items.
"""

from __future__ import annotations

from typing import Any

import pytest

from refactor.commands import CommandPattern
from refactor.knowledge import packages as pk
from refactor.knowledge.debian_recommends import (
    base_ships,
    libc6_dev_recommends_gcc,
    program_of,
    provides,
    recommended_provider,
)
from refactor.knowledge.distros import Release, release_of_image, version_tuple
from refactor.knowledge.https_hosts import https_provenance, old_tls
from refactor.knowledge.packages import (
    ALPINE,
    COMPILE_COMMANDS,
    DEBIAN,
    _by_first,
    _installs,
    _matches,
    _norm,
    _package_pattern,
    _prefixes,
    binaries_of,
    compiles,
    cxx_runtime_for,
    fetches,
    is_build_only,
    is_variable,
    package_call,
    package_name,
    runtime_for,
    variable_name,
)
from refactor.knowledge.php_extensions import canonical, composer_image_defaults, php_image_defaults, php_tag_version
from refactor.knowledge.redirects import redirect_of
from refactor.knowledge.runtime_bases import (
    RuntimeChoice,
    _go_suite,
    _official,
    _retag,
    _same,
    go_runtime,
    interpreter_runtime,
    rust_runtime,
    split_ref,
)

# Every release the distros table knows, as its docstring's provenance gives them (number, codename, the version
# of its python-pip / python3-pip package).
RELEASES: dict[str, Release] = {r.codename: r for r in (
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
)}


def _answers(f: Any, table: dict[Any, Any]) -> dict[Any, Any]:
    """``f`` of every key of ``table`` (a tuple key is the argument list), to compare with ``table`` whole."""
    return {case: f(*case) if isinstance(case, tuple) else f(case) for case in table}


# ================================================================================================ packages.py
# ------------------------------------------------------------------------------------------------ package_call

_APT_VERBS = frozenset({"install", "purge", "remove"})
_YUM_VERBS = frozenset({"install", "remove", "erase"})


@pytest.mark.parametrize(("tool", "verbs", "options"), [
    ("apk", frozenset({"add", "del"}), pk.APK_VALUE_OPTIONS),
    ("apt-get", _APT_VERBS, pk.APT_VALUE_OPTIONS),
    ("apt", _APT_VERBS, pk.APT_VALUE_OPTIONS),
    ("aptitude", _APT_VERBS, pk.APT_VALUE_OPTIONS),
    ("yum", _YUM_VERBS, pk.YUM_VALUE_OPTIONS),
    ("dnf", _YUM_VERBS, pk.YUM_VALUE_OPTIONS),
    ("microdnf", frozenset({"install", "remove"}), pk.YUM_VALUE_OPTIONS),
])
def test_package_call_takes_the_verb_as_the_first_positional_word(tool: str, verbs: frozenset[str],
                                                                   options: frozenset[str]) -> None:
    expected = CommandPattern(frozenset({tool}), verbs, value_options=options, global_value_options=options,
                              canonical=False)
    assert _package_pattern(tool) == expected
    assert package_call(tool) == expected


def test_dpkg_s_verbs_are_options_taken_wherever_they_stand() -> None:
    expected = CommandPattern(frozenset({"dpkg"}), frozenset({"-r", "-P", "--remove", "--purge"}),
                              value_options=frozenset({"--root", "--admindir", "--instdir"}), verb_anywhere=True,
                              canonical=False)
    assert _package_pattern("dpkg") == expected
    assert package_call("dpkg") == expected
    found = package_call("dpkg").match(["dpkg", "--root", "/target", "--purge", "foo"])
    assert found is not None and found.subcommand == "--purge" and found.arg_words == ("foo",)
    assert not package_call("dpkg").matches("dpkg -i x.deb")


def test_package_calls_cover_every_manager_and_read_their_options() -> None:
    assert frozenset({"apk", "apt-get", "apt", "aptitude", "yum", "dnf", "microdnf", "dpkg"}) == pk.PACKAGE_TOOLS
    assert not package_call("dnf").matches("dnf module install nodejs:18")  # a module, not a package
    assert package_call("dnf").matches("dnf -y install gcc")
    found = package_call("apk").match(["apk", "-X", "https://dl-cdn.alpinelinux.org/alpine/edge", "add", "hurl"])
    assert found is not None and found.subcommand == "add" and found.arg_words == ("hurl",)
    found = package_call("apt-get").match(["/usr/bin/apt-get", "-o", "Acquire::Retries=3", "purge", "-y", "x"])
    assert found is not None and found.subcommand == "purge" and found.arg_words == ("x",)


# ------------------------------------------------------------------------------------------------ names

def test_package_name() -> None:
    table = {"gcc~12": "gcc", "gcc<13": "gcc", "gcc>1": "gcc", "libstdc++=12.2.1-r0": "libstdc++",
             "python3.11": "python3.11", "": "", "=1.0": "=1.0", ">=2": ">=2"}
    assert _answers(package_name, table) == table


def test_is_variable() -> None:
    table = {"$X": True, "${X}": True, "$": True, "X$": False, "": False, "x": False}
    assert _answers(is_variable, table) == table


def test_variable_name() -> None:
    table = {"$PHPIZE_DEPS": "PHPIZE_DEPS", "${PHPIZE_DEPS}": "PHPIZE_DEPS", "$_a9": "_a9", "${B}": "B", "$": "",
             "${}": "", "PHPIZE_DEPS": "", "$1X": "", "${PHPIZE_DEPS:-x}": "", "$PHPIZE_DEPS-x": "",
             "x$PHPIZE_DEPS": "", "": ""}
    assert _answers(variable_name, table) == table


# Fixed 2026-12-03; the bug: the pattern makes each brace optional on its own, so a word with one brace (a syntax
# error, or $X then a literal '}') is read as the bare variable
def test_variable_name_of_an_unbalanced_brace_is_empty() -> None:
    table = {"${PHPIZE_DEPS": "", "$PHPIZE_DEPS}": ""}
    assert _answers(variable_name, table) == table


# ------------------------------------------------------------------------------------------------ build-only

def test_is_build_only() -> None:
    table = {
        ("$PHPIZE_DEPS", DEBIAN): True,  # a variable is judged by its name, in any family
        ("${BUILD_DEPS}", ALPINE): False, ("$", ALPINE): False,
        ("postgresql-dev=15.1-r0", ALPINE): True,  # known only from the runtime table, version dropped
        ("libxslt1-dev", DEBIAN): True, ("zlib1g-dev", DEBIAN): True, ("libstdc++-dev", ALPINE): True,
        ("git", ALPINE): True, ("git", DEBIAN): True, ("go", ALPINE): True, ("golang-go", DEBIAN): True,
        ("go", DEBIAN): False, ("cargo", DEBIAN): True, ("samurai", DEBIAN): False,
        ("zlib-static", ALPINE): True, ("openssl-libs-static=3.3.2-r0", ALPINE): True,
        ("zlib-static", DEBIAN): False, ("static-web", ALPINE): False, ("curl", ALPINE): False,
        ("gcc", "rhel"): False, ("postgresql-dev", "rhel"): False, ("zlib-static", "rhel"): False,
    }
    assert _answers(is_build_only, table) == table


def test_cxx_runtime_for() -> None:
    table = {
        ("g++", ALPINE): "libstdc++", ("clang", ALPINE): "libstdc++", ("build-base=0.5-r3", ALPINE): "libstdc++",
        ("$PHPIZE_DEPS", ALPINE): "libstdc++", ("${PHPIZE_DEPS}", ALPINE): "libstdc++",
        ("gcc", ALPINE): None, ("make", ALPINE): None, ("$BUILD_DEPS", ALPINE): None, ("$", ALPINE): None,
        ("g++", DEBIAN): None,  # apt itself needs libstdc++6: it never goes on Debian
        ("build-essential", DEBIAN): None, ("g++", "rhel"): None,
    }
    assert _answers(cxx_runtime_for, table) == table


def test_runtime_for() -> None:
    table = {
        ("postgresql-dev=15.1-r0", ALPINE): "libpq", ("libtool", ALPINE): "libltdl",
        ("jpeg-dev", ALPINE): "libjpeg-turbo", ("libxslt1-dev", DEBIAN): "libxslt1.1",
        ("python3-dev", DEBIAN): "python3", ("libssl-dev", DEBIAN): None, ("zlib1g-dev", DEBIAN): None,
        ("postgresql-dev", DEBIAN): None, ("curl", ALPINE): None, ("libpq-dev", "rhel"): None,
    }
    assert _answers(runtime_for, table) == table


# ------------------------------------------------------------------------------------------------ compiles / fetches

def test_norm() -> None:
    table: list[tuple[list[str], list[str]]] = [
        (["sudo", "/usr/bin/pip3", "install", "x"], ["pip", "install", "x"]),
        (["/usr/local/bin/python3.12", "-m", "pip"], ["python", "-m", "pip"]),
        (["./configure", "--prefix=/usr"], ["./configure", "--prefix=/usr"]),  # a script in the folder: as written
        (["../configure"], ["configure"]),
        (["env", "CC=clang", "make", "-j4"], ["make", "-j4"]),
        (["sudo"], ["sudo"]),  # nothing runs under it: sudo is the command
        (["-x", "make"], ["-x", "make"]),
        ([], []),
    ]
    assert [_norm(argv) for argv, _ in table] == [norm for _, norm in table]
    assert [_norm(tuple(argv)) for argv, _ in table] == [norm for _, norm in table]


def test_prefixes_and_by_first_make_versioned_tools_canonical() -> None:
    table = (("pip3", "install"), ("python3.11", "setup.py"), ("pipenv", "install"), ("make",), ("pip", "wheel"))
    assert _prefixes(table) == (("pip", "install"), ("python", "setup.py"), ("pipenv", "install"), ("make",),
                                ("pip", "wheel"))
    assert _by_first(table) == {"pip": (("pip", "install"), ("pip", "wheel")), "python": (("python", "setup.py"),),
                                "pipenv": (("pipenv", "install"),), "make": (("make",),)}


def test_matches() -> None:
    build_module = (("python", "-m", "build"),)
    option_prefix = (("tool", "--flag"),)
    table: list[tuple[list[str], tuple[tuple[str, ...], ...], bool]] = [
        ([], COMPILE_COMMANDS, False), (["sudo"], COMPILE_COMMANDS, False),
        (["-x"], COMPILE_COMMANDS, False),  # nothing but an option
        (["-x", "make"], COMPILE_COMMANDS, True),  # the first word that is not an option is the tool
        (["-x", "curl"], COMPILE_COMMANDS, False), (["curl", "make"], COMPILE_COMMANDS, False),
        (["pecl", "-q", "install", "redis"], COMPILE_COMMANDS, True),  # options before the subcommand are skipped
        (["pecl", "info", "install"], COMPILE_COMMANDS, False),  # the subcommand comes right after the tool
        (["cargo", "-v", "build"], COMPILE_COMMANDS, True), (["poetry", "-n", "install"], COMPILE_COMMANDS, True),
        (["python3", "-u", "setup.py", "build_ext"], COMPILE_COMMANDS, True),
        (["/usr/bin/python3.11", "setup.py", "install"], COMPILE_COMMANDS, True),
        (["python3.12", "-u", "-m", "build"], build_module, True),  # ``-m`` is kept: it says a module follows
        (["python3", "-m", "build"], build_module, True), (["python3", "build"], build_module, False),
        (["tool", "--flag"], option_prefix, True),  # a prefix naming an option matches the words as written
        (["tool", "-v", "--flag"], option_prefix, False),
        (["pip3.11", "install"], (("pip3", "install"),), True),
    ]
    assert [(argv, _matches(argv, t)) for argv, t, _ in table] == [(argv, ok) for argv, _, ok in table]


def test_installs() -> None:
    table: list[tuple[list[str], bool]] = [
        (["npm", "ci"], True), (["npm", "--prefix", "/app", "install"], True), (["pip", "install", "x"], True),
        (["python3", "-m", "pip", "install", "x"], True), (["pip", "download", "x"], False),
        (["npm", "run", "build"], False), (["make"], False), ([], False),
    ]
    assert [(argv, _installs(argv)) for argv, _ in table] == table


def test_compiles_and_fetches() -> None:
    table: dict[tuple[str, ...], tuple[bool, bool]] = {
        ("make",): (True, False), ("git", "clone", "x"): (False, True), ("pip", "install", "x"): (True, True),
        ("sudo", "-E", "pip3", "install", "x"): (True, True), ("npm", "ci"): (True, True), ("yarn",): (True, True),
        ("pnpm", "install"): (True, True), ("go", "build", "./..."): (True, True), ("go", "vet"): (False, False),
        ("cargo", "build"): (True, True), ("cargo", "fetch"): (False, True), ("composer", "install"): (True, True),
        ("composer", "dump-autoload"): (False, True), ("gem", "install", "pg"): (True, True),
        ("gem", "list"): (False, False), ("docker-php-ext-install", "gd"): (True, False),
        ("pecl", "install", "redis"): (True, False), ("./configure",): (True, False),
        ("python3", "setup.py", "build_ext"): (True, False), ("curl", "-fsSL", "x"): (False, False),
    }
    assert {argv: (compiles(list(argv)), fetches(list(argv))) for argv in table} == table
    assert compiles(["uv", "pip", "install", "x"]) and not compiles(["uv", "run", "x"])


# Fixed 2026-12-03; the bug: uv runs the git CLI for git dependencies (astral-sh/uv#9200: 'Git executable not
# found'), and pipenv installs through pip, which does too; FETCH_COMMANDS lists neither, so git may be removed
# before them
def test_uv_and_pipenv_may_fetch_with_git() -> None:
    argvs = (["uv", "pip", "install", "git+https://github.com/o/r"], ["uv", "sync"], ["pipenv", "install"])
    assert [fetches(argv) for argv in argvs] == [True, True, True]


def test_binaries_of() -> None:
    table = {
        "build-base": ("build-base", "gcc", "g++", "cc", "c++", "make", "ld", "as", "ar", "strip", "patch"),
        "gcc=12.2.1-r0": ("gcc", "gcc", "cc"), "pkgconf": ("pkgconf", "pkg-config", "pkgconf"),
        "python3": ("python3", "python3", "python"), "libpq-dev": ("libpq-dev", "pg_config"), "curl": ("curl",),
    }
    assert {name: binaries_of(name, ALPINE) for name in table} == table
    assert {name: binaries_of(name, DEBIAN) for name in table} == table  # the same names in every family


# Fixed 2026-12-03; the bug: build-essential Depends dpkg-dev, which Depends patch (apt-cache show on bookworm):
# removing it removes /usr/bin/patch, as removing build-base does on Alpine
def test_build_essential_brings_patch() -> None:
    assert "patch" in binaries_of("build-essential", DEBIAN)


# ================================================================================================ runtime_bases.py

def test_split_ref() -> None:
    table = {
        "python": ("", "python", "", ""),
        "Python:3.12-Slim": ("", "python", "3.12-slim", ""),
        "docker.io/library/python:3.12@sha256:ABC": ("docker.io/library/", "python", "3.12", "@sha256:ABC"),
        "Docker.IO/Library/Node:20": ("Docker.IO/Library/", "node", "20", ""),  # the head as written
        "registry.local:5000/team/python:3": ("registry.local:5000/team/", "python", "3", ""),
        "python@sha256:abc": ("", "python", "", "@sha256:abc"),
        "python:${PY}": None, "$BASE": None, "": None, "python:": None, "team/": None,
    }
    assert _answers(split_ref, table) == table


def test_official() -> None:
    table = {"": True, "library/": True, "docker.io/": True, "Docker.io/Library/": True,
             "index.docker.io/library/": True, "myorg/": False, "ghcr.io/library/": False}
    assert {head: _official((head, "python", "3", ""), "python") for head in table} == table
    assert not _official(("", "node", "20", ""), "python")
    assert not _official(("myorg/", "node", "20", ""), "python")


def test_same_and_retag() -> None:
    assert _same("node:20-alpine", "why") == RuntimeChoice("node:20-alpine", "why", same_image=True)
    assert _retag("docker.io/library/", "python", "3.12-slim", "", "why") == RuntimeChoice(
        "docker.io/library/python:3.12-slim", "why", same_image=False)
    assert _retag("", "python", "3.12-slim", "@sha256:abc", "why") == RuntimeChoice(
        "python:3.12-slim", "why (the builder's digest pins another tag: the runtime tag is not pinned)")


def _slim(image: str, name: str, tag: str, os_: str = "") -> RuntimeChoice:
    debian = f" and Debian {os_}" if os_ else ""
    return RuntimeChoice(image, f"the slim variant of {name}:{tag} (same {name} version{debian}, "
                         "same interpreter path)")


def _already(written: str, what: str) -> RuntimeChoice:
    return RuntimeChoice(written, f"{written.lower().split('@')[0]} is already {what} image", True)


def test_interpreter_runtime() -> None:
    table = {
        ("python:3.12", "python"): RuntimeChoice(
            "python:3.12-slim", "the slim variant of python:3.12 (same python version, same interpreter path)"),
        ("python:3.11-bookworm", "python"): RuntimeChoice(
            "python:3.11-slim-bookworm", "the slim variant of python:3.11-bookworm (same python version and Debian "
            "bookworm, same interpreter path)"),
        ("node:20-bookworm", "node"): _slim("node:20-bookworm-slim", "node", "20-bookworm", "bookworm"),
        ("node:20", "node"): _slim("node:20-slim", "node", "20"),
        ("python", "python"): _slim("python:slim", "python", "latest"),
        ("python:latest", "python"): _slim("python:slim", "python", "latest"),
        ("node:latest", "node"): _slim("node:slim", "node", "latest"),
        ("node:lts", "node"): _slim("node:lts-slim", "node", "lts"),
        ("node:current-bullseye", "node"): _slim("node:current-bullseye-slim", "node", "current-bullseye",
                                                 "bullseye"),
        ("python:3-trixie", "python"): _slim("python:3-slim-trixie", "python", "3-trixie", "trixie"),
        ("python:3.9-buster", "python"): _slim("python:3.9-slim-buster", "python", "3.9-buster", "buster"),
        ("docker.io/library/Python:3.13", "python"): _slim("docker.io/library/python:3.13-slim", "python", "3.13"),
        ("python:3.12@sha256:abc", "python"): RuntimeChoice(
            "python:3.12-slim", "the slim variant of python:3.12 (same python version, same interpreter path) (the "
            "builder's digest pins another tag: the runtime tag is not pinned)"),
        # a slim or alpine builder runs the program as it is
        ("python:3.12-slim", "python"): RuntimeChoice(
            "python:3.12-slim", "python:3.12-slim is already a slim image", same_image=True),
        ("node:20-alpine3.19", "node"): _already("node:20-alpine3.19", "an alpine"),
        ("python:slim", "python"): _already("python:slim", "a slim"),
        ("python:alpine", "python"): _already("python:alpine", "an alpine"),
        ("Node:20-Bookworm-Slim", "node"): _already("Node:20-Bookworm-Slim", "a slim"),
        ("python:3.12-slim@sha256:abc", "python"): _already("python:3.12-slim@sha256:abc", "a slim"),
        # another image, namespace or tag shape
        ("python:3.12-windowsservercore", "python"): None, ("python:3.6-jessie", "python"): None,
        ("node:20-noslim", "node"): None, ("python:3.14-rc", "python"): None, ("myorg/python:3.12", "python"): None,
        ("python:3.12", "node"): None, ("python:${PY}", "python"): None, ("$BASE", "node"): None,
    }
    assert _answers(interpreter_runtime, table) == table


def test_go_suite() -> None:
    table = {"1.24": "trixie", "1.25.3": "trixie", "1.24rc1": "trixie", "1.23": "bookworm", "1.22rc1": "bookworm",
             "1.19": "bookworm", "1.18": "bullseye", "1.17": "bullseye", "1.16": "buster", "1.9": "buster",
             "1": "trixie", "latest": "trixie", "": "trixie"}
    assert _answers(_go_suite, table) == table


DISTROLESS = RuntimeChoice("gcr.io/distroless/static-debian12", "distroless static (CGO_ENABLED=0: a static "
                           "binary; it ships CA certificates, tzdata and a nonroot user)")
SCRATCH = RuntimeChoice("scratch", "scratch, as the option asks (CA certificates copied from the build)")


def _go_debian(suite: str, builder: str) -> RuntimeChoice:
    return RuntimeChoice(f"debian:{suite}-slim", f"debian:{suite}-slim, the Debian release {builder} is built on "
                         "(a cgo binary needs the same glibc or a newer one)")


def _go_alpine(image: str, builder: str) -> RuntimeChoice:
    return RuntimeChoice(image, f"{image}, the Alpine release of {builder} (a cgo binary needs its musl)")


def test_go_runtime() -> None:
    table = {
        ("golang:1.22", True, "auto"): DISTROLESS, ("golang:1.22", True, "distroless"): DISTROLESS,
        ("golang:1.22-alpine3.19", True, "auto"): DISTROLESS,  # a static binary runs anywhere
        ("golang:1.22", True, "scratch"): SCRATCH, ("golang:1.22-alpine", True, "scratch"): SCRATCH,
        ("golang:1.22", False, "scratch"): None, ("golang:1.22", False, "distroless"): None,
        ("golang:1.22", False, "auto"): RuntimeChoice(
            "debian:bookworm-slim", "debian:bookworm-slim, the Debian release golang:1.22 is built on (a cgo binary "
            "needs the same glibc or a newer one)"),
        ("golang:1.22", True, "debian"): _go_debian("bookworm", "golang:1.22"),
        ("golang", False, "auto"): _go_debian("trixie", "golang:latest"),
        ("golang:latest", False, "auto"): _go_debian("trixie", "golang:latest"),
        ("golang:1.21-bullseye", False, "auto"): _go_debian("bullseye", "golang:1.21-bullseye"),
        ("golang:1.24-bookworm", False, "auto"): _go_debian("bookworm", "golang:1.24-bookworm"),  # as written
        ("golang:1.16", False, "auto"): _go_debian("buster", "golang:1.16"),
        ("golang:1.22rc1", False, "auto"): _go_debian("bookworm", "golang:1.22rc1"),
        ("docker.io/library/golang:1.18", False, "auto"): _go_debian("bullseye", "golang:1.18"),
        ("golang:1.22-alpine3.19", False, "auto"): RuntimeChoice(
            "alpine:3.19", "alpine:3.19, the Alpine release of golang:1.22-alpine3.19 (a cgo binary needs its musl)"),
        ("golang:1.22-alpine", False, "auto"): _go_alpine("alpine:3", "golang:1.22-alpine"),
        ("golang:1.22-alpine", False, "debian"): _go_alpine("alpine:3", "golang:1.22-alpine"),  # musl needs musl
        ("golang:1.22-windowsservercore-ltsc2022", False, "auto"): None, ("golang:1.22-nanoserver", True, "auto"): None,
        ("golang:1.22-windowsservercore", True, "scratch"): None, ("golang:1.12-stretch", False, "auto"): None,
        ("golang:1.22-", False, "auto"): None, ("golang:tip", False, "auto"): None,
        ("myorg/golang:1.22", True, "auto"): None, ("golang:${GO}", True, "auto"): None,
        ("rust:1.80", True, "auto"): None,
    }
    assert _answers(go_runtime, table) == table


def test_go_runtime_defaults_to_auto_and_gives_alpine_on_request() -> None:
    assert go_runtime("golang:1.22", True) == DISTROLESS
    assert go_runtime("golang:1.22", False) == _go_debian("bookworm", "golang:1.22")
    found = go_runtime("golang:1.22-bookworm", True, "alpine")  # static: it runs on musl too
    assert found is not None and found.image == "alpine:3" and not found.same_image


def _rust_debian(suite: str, builder: str) -> RuntimeChoice:
    return RuntimeChoice(f"debian:{suite}-slim", f"debian:{suite}-slim, the Debian release {builder} is built on "
                         "(its binaries need the same glibc or a newer one)")


def test_rust_runtime() -> None:
    table = {
        "rust:1.88": RuntimeChoice("debian:bookworm-slim", "debian:bookworm-slim, the Debian release rust:1.88 is "
                                   "built on (its binaries need the same glibc or a newer one)"),
        "rust:1.88.0": _rust_debian("bookworm", "rust:1.88.0"), "rust:1.89": _rust_debian("trixie", "rust:1.89"),
        "rust:1.90.0": _rust_debian("trixie", "rust:1.90.0"), "rust:1": _rust_debian("trixie", "rust:1"),
        "rust": _rust_debian("trixie", "rust:latest"), "rust:latest": _rust_debian("trixie", "rust:latest"),
        "rust:1.75-bullseye": _rust_debian("bullseye", "rust:1.75-bullseye"),
        "rust:1.90-bookworm": _rust_debian("bookworm", "rust:1.90-bookworm"),  # the written release wins
        "rust:1.82.0-slim-bullseye": _rust_debian("bullseye", "rust:1.82.0-slim-bullseye"),
        "docker.io/library/rust:1.79": _rust_debian("bookworm", "rust:1.79"),
        "rust:1.80-alpine3.20": RuntimeChoice(
            "alpine:3.20", "alpine:3.20, the Alpine release of rust:1.80-alpine3.20 (its binaries link musl)"),
        "rust:1.80-alpine": RuntimeChoice(
            "alpine:3", "alpine:3, the Alpine release of rust:1.80-alpine (its binaries link musl)"),
        "rust:1.80-jessie": None, "rust:1.80-windowsservercore": None, "rust:nightly": None,
        "quay.io/team/rust:1.80": None, "rust:${RUST}": None, "golang:1.22": None,
    }
    assert _answers(rust_runtime, table) == table


@pytest.mark.xfail(strict=True, reason="the official images publish variant-only tags (library/python and node: "
                   "bookworm, trixie; library/golang: bookworm, alpine3.22; library/rust: 1.82-slim, slim, alpine), "
                   "which the tag patterns, wanting a version or '-' first, do not read: no runtime is offered")
def test_variant_only_tags_get_their_runtime() -> None:
    found = {
        "python:bookworm": interpreter_runtime("python:bookworm", "python"),
        "node:trixie": interpreter_runtime("node:trixie", "node"),
        "golang:bookworm": go_runtime("golang:bookworm", False), "golang:alpine3.22": go_runtime("golang:alpine3.22",
                                                                                               False),
        "rust:1.82-slim": rust_runtime("rust:1.82-slim"), "rust:slim": rust_runtime("rust:slim"),
        "rust:alpine": rust_runtime("rust:alpine"),
    }
    assert {k: v.image if v else None for k, v in found.items()} == {
        "python:bookworm": "python:slim-bookworm", "node:trixie": "node:trixie-slim",
        "golang:bookworm": "debian:bookworm-slim", "golang:alpine3.22": "alpine:3.22",
        "rust:1.82-slim": "debian:bookworm-slim", "rust:slim": "debian:trixie-slim", "rust:alpine": "alpine:3"}


# ================================================================================================ debian_recommends.py

def test_program_of() -> None:
    table = {"/usr/bin/python3": "python3", "python3.12": "python3", "python3.": None, "python3.12.1": None,
             "python2": "python", "python": "python", "gcc": "gcc", "gcc-12": "gcc", "gcc-": None,
             "/usr/bin/g++-13": "g++", "php8": "php", "php": "php", "php8.2.1": None, "gpg2": "gpg",
             "/usr/bin/nodejs": "node", "node": "node",
             "cc": "cc", "c++": "c++", "scp": "scp", "xauth": "xauth", "clang": None, "": None}
    assert _answers(program_of, table) == table


def test_provides() -> None:
    table = {
        ("gcc-12", "cc"): True, ("gcc-", "cc"): False, ("tcc", "cc"): True, ("tcc", "gcc"): False,
        ("clang-16", "c++"): True, ("clang", "g++"): False, ("libtool", "gcc"): True, ("make-guile", "make"): True,
        ("python3.11-venv", "python3"): True, ("python2.7-minimal", "python"): True, ("python3", "python"): False,
        ("python-is-python3", "python"): True, ("openssh-server", "ssh"): True, ("nodejs", "node"): True,
        ("node", "node"): False, ("automake-1.16", "automake"): True, ("automake1.11", "automake"): True,
        ("libfl-dev", "flex-headers"): True, ("flex", "flex-headers"): False,
        ("python3.11-dev", "python-headers"): True, ("libpython3.11-dev", "python3-headers"): True,
        ("python-dev", "python3-headers"): False,  # python-dev is Python 2's
        ("php8.2-cli", "php"): True, ("php", "php"): True, ("php8.2", "php"): True, ("curl", "bash"): False,
    }
    assert _answers(provides, table) == table


# Fixed 2026-12-03; the bug: libpython3.11-dev Depends libpython3.11-stdlib, libpython3.11, libexpat1-dev,
# zlib1g-dev, none of which ships /usr/bin/python3 (apt-cache depends --recurse on bookworm), but
# r'libpython3(\.\d+)?-.+' counts every libpython3 package as a provider
def test_libpython_packages_do_not_provide_python3() -> None:
    packages = ("libpython3.11-dev", "libpython3.11-stdlib", "libpython3-dev")
    assert [provides(p, "python3") for p in packages] == [False, False, False]


def test_libc6_dev_recommends_gcc() -> None:
    cases: list[tuple[Release | None, bool]] = [
        (None, False), (RELEASES["jessie"], True), (RELEASES["stretch"], True), (RELEASES["buster"], True),
        (RELEASES["bullseye"], True), (RELEASES["bookworm"], False), (RELEASES["trixie"], False),
        (RELEASES["focal"], True), (RELEASES["jammy"], True), (RELEASES["noble"], False),
        (Release("ubuntu", "22.10", "kinetic", "22.2"), False), (Release("ubuntu", "23.04", "lunar", "23.0.1"), False),
        (Release("ubuntu", "22.05", "after-jammy", ""), False),  # compared as a version: anything after 22.04
    ]
    assert [(r, libc6_dev_recommends_gcc(r)) for r, _ in cases] == cases


def test_recommended_provider() -> None:
    table: dict[tuple[str, str, str | None], str | None] = {
        ("libc6-dev", "gcc", "bullseye"): "gcc", ("libc6-dev", "cc", "focal"): "gcc", ("libc6-dev", "cc", None): None,
        ("libc6-dev", "cc", "trixie"): None, ("libc6-dev", "make", "bullseye"): None,
        ("python3.9-dev", "cc", "bullseye"): "gcc", ("libpython3.9-dev", "gcc", "bullseye"): "gcc",
        ("libpython3-dev", "cc", "focal"): "gcc", ("python3.9-dev", "make", "bullseye"): None,
        ("curl", "cc", "bullseye"): None, ("curl", "python3", "bullseye"): None,
        ("python3-pip", "cc", "bookworm"): "build-essential", ("python3-pip", "cc", "bullseye"): "build-essential",
        ("python3-pip", "python3-headers", "bookworm"): "python3-dev",
        ("python3-pip", "python-headers", "bookworm"): "python3-dev", ("python3-pip", "ssh", "bookworm"): None,
        ("python-pip", "python-headers", "stretch"): "python-dev", ("python-pip", "c++", "stretch"): "build-essential",
        ("dpkg-dev", "cc", None): "gcc", ("dpkg-dev", "g++", None): "build-essential",
        ("dpkg-dev", "gpg", None): "gnupg", ("dpkg-dev", "make", None): None,  # a Depends, not a Recommends
        ("cmake", "make", None): "make", ("cmake", "cc", None): "gcc", ("cmake", "g++", None): None,
        ("clang", "python3", None): "python3", ("clang-16", "python3", None): "python3",
        ("clang-", "python3", None): None, ("git", "scp", None): "openssh-client", ("git", "cc", None): None,
        ("npm", "git", None): "git", ("dirmngr", "gpg", None): "gnupg", ("xvfb", "xauth", None): "xauth",
        ("autoconf", "automake", None): "automake", ("flex", "flex-headers", None): "libfl-dev",
        ("libapache2-mod-php5", "php", None): "php5-cli", ("libapache2-mod-php7.0", "php", None): None,
    }
    found = {(p, prog, c): recommended_provider(p, prog, RELEASES[c] if c else None) for p, prog, c in table}
    assert found == table
    assert recommended_provider("libc6-dev", "gcc") is None  # no release given: no claim
    assert recommended_provider("python3-pip", "make") == "build-essential"


def test_base_ships() -> None:
    table: dict[tuple[str, str], bool | None] = {
        ("python:${PY}", "make"): None, ("$BASE", "make"): None,
        ("python@sha256:" + "a" * 64, "make"): True, ("docker.io/library/python:3.12", "make"): True,
        ("Library/Python:3.12", "gcc"): True, ("arm64v8/node:20", "make"): True, ("arm32v7/node:20", "make"): True,
        ("amd64/node:20", "make"): True, ("arm32v5/node:20", "make"): True, ("ppc64le/node:20", "make"): True,
        ("s390x/node:20", "make"): True, ("i386/node:20", "make"): True,  # the per-architecture mirrors
        ("ghcr.io/org/python:3.12", "make"): None,
        ("ubuntu:22.04", "curl"): False, ("debian:bookworm-slim", "python3"): False,
        ("i386/debian:bookworm", "git"): False, ("nginx:1.27", "curl"): None, ("alpine:3.20", "wget"): None,
        ("php:8.2-cli", "php"): True, ("php:8.2-fpm", "curl"): True, ("php:8.2-apache", "git"): False,
        ("php:8.2-cli", "wget"): False, ("php:8.2-fpm-alpine", "php"): None,
        ("python:3.12-windowsservercore-ltsc2022", "python"): None, ("golang:1.22-nanoserver-ltsc2022", "git"): None,
        ("golang:1.22-alpine", "git"): None,
        ("buildpack-deps:bookworm", "python3"): True, ("buildpack-deps:bookworm", "node"): False,
        ("buildpack-deps:bookworm-curl", "gpg"): True, ("buildpack-deps:bookworm-curl", "ssh"): False,
        ("buildpack-deps:bookworm-scm", "scp"): True, ("buildpack-deps:bookworm-scm", "gcc"): False,
        ("openjdk:11", "git"): True, ("openjdk:11", "make"): False, ("openjdk:8-jre", "git"): False,
        ("openjdk:17-jdk-slim", "curl"): False,
        ("golang:1.22", "make"): True, ("golang:1.22", "ssh"): True, ("golang:1.22", "python3"): False,
        ("golang:1.22-bookworm", "cc"): True, ("ruby:3.3", "gcc"): True, ("ruby:3.3-slim", "gcc"): False,
        ("node:20-slim", "node"): True, ("node:20-slim", "make"): False, ("node:20", "node"): True,
        ("python:3.12-slim-bookworm", "python"): True, ("python:3.12-slim-bookworm", "curl"): False,
        ("pypy:3.10", "python"): True, ("pypy:3.10", "gcc"): True, ("rust:1.80", "git"): True,
        ("gcc:14", "g++"): True, ("perl:5.40", "make"): True,
    }
    assert _answers(base_ships, table) == table


# Fixed 2026-12-03; the bug: the official golang image installs g++ gcc libc6-dev make pkg-config (docker-
# library/golang Dockerfile), and the Debian php images keep $PHPIZE_DEPS (autoconf dpkg-dev file g++ gcc libc-dev
# make pkg-config re2c) installed (docker-library/php Dockerfile)
def test_base_ships_what_the_official_dockerfiles_install() -> None:
    cases = (("golang:1.22", "g++"), ("golang:1.22", "c++"), ("php:8.2-cli", "make"), ("php:8.2-fpm", "gcc"),
             ("php:8.4-apache", "cc"), ("php:8.2-cli", "g++"))
    assert {case: base_ships(*case) for case in cases} == dict.fromkeys(cases, True)


# Fixed 2026-12-03; the bug: buildpack-deps:curl and :scm are the newest release's curl and scm variants
# (library/buildpack-deps), but only a '-curl'/'-scm' suffix is read: they count as the full image
def test_bare_curl_and_scm_tags_have_no_compiler() -> None:
    assert [base_ships(image, "gcc") for image in ("buildpack-deps:curl", "buildpack-deps:scm")] == [False, False]


# ================================================================================================ distros.py

def test_version_tuple() -> None:
    table = {"23.0.1+dfsg-1": (23, 0, 1), "1.2.3.4": (1, 2, 3), "22.04": (22, 4), "8.1.1-2ubuntu0.4": (8, 1, 1),
             "9.0.1-2.3~ubuntu1": (9, 0, 1), "1.0+2.3": (1, 0),
             "2.0+dfsg-1+deb12u1": (2, 0), "11": (11,), "v2": (2,), "": (), "+1": ()}
    assert _answers(version_tuple, table) == table


def test_release_label_and_pip_no_cache_dir_from_6_0() -> None:
    assert RELEASES["jessie"].label == "Debian 8 (jessie)"
    assert RELEASES["trusty"].label == "Ubuntu 14.04 (trusty)"
    table = {"6.0": True, "6.0.1": True, "10.0": True, "5.9.9": False, "1.5.6": False}
    assert {pip: Release("debian", "x", "x", pip).pip_has_no_cache_dir() for pip in table} == table


# Fixed 2026-12-03; the bug: version_tuple('6') is (6,), which sorts before (6, 0): pip '6' is 6.0 and knows --no-
# cache-dir
def test_pip_6_without_a_minor_knows_no_cache_dir() -> None:
    assert Release("debian", "x", "x", "6").pip_has_no_cache_dir()


def test_release_of_image_by_codename_and_number() -> None:
    for release in RELEASES.values():
        assert release_of_image(f"{release.distro}:{release.codename}") == release
        assert release_of_image(f"{release.distro}:{release.number}") == release
        assert release_of_image(f"buildpack-deps:{release.codename}-curl") == release


def test_release_of_image() -> None:
    table = {
        "node:6-jessie": "jessie", "myimage:build_xenial": "xenial", "myimage:xenial.2": "xenial",
        "trusty": None, "trusty:latest": None,  # the image's name is not its tag
        "debian:8@sha256:" + "a" * 64: "jessie", "debian@sha256:" + "a" * 64: None,
        "library/debian:9": "stretch", "docker.io/library/ubuntu:16.04": "xenial",
        "Docker.io/Library/Debian:10": "buster", "debian:12.5-slim": "bookworm", "ubuntu:14.04.6": "trusty",
        "ubuntu:24.04": "noble", "debian:stable": None, "debian:sid": None, "debian:14": None, "ubuntu:14": None,
        "ubuntu:22.10": None, "myorg/ubuntu:16.04": None, "debian:${V}": None,
        "debian:8-${VARIANT}": None, "$IMG": None, "": None,  # a variable in the reference: not read
    }
    assert _answers(release_of_image, table) == {ref: RELEASES[c] if c else None for ref, c in table.items()}


# Fixed 2026-12-03; the bug: docker.io/debian is the official debian image (Docker reads docker.io/NAME as
# docker.io/library/NAME), but only '', library and docker.io/library count as official
def test_release_of_image_under_docker_io() -> None:
    assert [release_of_image("docker.io/debian:8"), release_of_image("docker.io/ubuntu:16.04")] == [
        RELEASES["jessie"], RELEASES["xenial"]]


# ================================================================================================ https_hosts.py

def test_https_provenance() -> None:
    github = "docker-library images fetch release assets from https://github.com/<org>/<repo>/releases/"
    aliyun = "ledger [Aliyun OSS endpoints serve https for every bucket]"
    table = {
        "github.com": github, "GitHub.COM": github, "pypi.org": "PyPI serves https only",
        "oss-cn-hangzhou.aliyuncs.com": aliyun, "bucket.oss-cn-hangzhou.aliyuncs.com": aliyun,
        "Bucket.OSS.Aliyuncs.com": aliyun,
        "aliyuncs.com": None, "evilaliyuncs.com": None,  # only names under a ``.suffix`` entry
        "api.github.com": None, "github.com.evil.example": None, "example.com": None, "": None,
    }
    assert _answers(https_provenance, table) == table


def test_old_tls() -> None:
    # OpenSSL before 1.1.0: Debian 7-8, Ubuntu up to 16.04 (xenial's 1.0.2g); stretch and bionic have 1.1.0 or later
    old = {"wheezy", "jessie", "precise", "trusty", "utopic", "vivid", "wily", "xenial"}
    assert {c: old_tls(r) for c, r in RELEASES.items()} == {c: c in old for c in RELEASES}
    assert old_tls(None) is False


# ================================================================================================ php_extensions.py

def test_canonical() -> None:
    table = {" Ext-OPcache ": "zend-opcache", "ext-zend_opcache": "zend-opcache", "zendopcache": "zend-opcache",
             "ext-zend-opcache": "zend-opcache", "ext-pdo_mysql": "pdo_mysql", "EXT-GD": "gd", "gd": "gd",
             "ext-": ""}
    assert _answers(canonical, table) == table


# ``php -m`` of php:8.x-cli as php_extensions.py's docstring lists it (lower case, Composer's names).
_PHP_BASE = frozenset({
    "core", "ctype", "date", "dom", "fileinfo", "filter", "hash", "json", "libxml", "pcre", "pdo", "pdo_sqlite",
    "phar", "posix", "reflection", "session", "simplexml", "spl", "sqlite3", "standard", "tokenizer", "xml",
    "xmlreader", "xmlwriter", "mbstring", "mysqlnd", "curl", "iconv", "openssl", "readline", "zlib", "sodium",
})
_PHP_82 = _PHP_BASE | {"random", "zend-opcache"}
_PHP_85 = _PHP_82 | {"lexbor", "uri"}


def test_php_image_defaults() -> None:
    table = {None: _PHP_85, (7, 4): _PHP_BASE, (8, 1): _PHP_BASE, (8, 2): _PHP_82, (8, 4): _PHP_82, (8, 5): _PHP_85,
             (8, 6): _PHP_85, (9, 0): _PHP_85}
    assert {v: php_image_defaults(v) for v in table} == table


def test_composer_image_defaults() -> None:
    assert composer_image_defaults() == _PHP_BASE | {"random", "bz2", "zip"}  # no OPcache: older tags lack it


def test_php_tag_version() -> None:
    table = {"8.2-fpm-alpine": (8, 2), "8.3.1-cli": (8, 3), "7.4": (7, 4), "10.12-zts": (10, 12), "8": None,
             "8-alpine": None, "latest": None, "fpm": None, "": None, "8.x": None}
    assert _answers(php_tag_version, table) == table


# ================================================================================================ redirects.py

def test_redirect_of() -> None:
    release = ("objects.githubusercontent.com", "GitHub release downloads answer 302 to "
               "objects.githubusercontent.com (GitHub docs, Linking to releases)")
    archive = ("codeload.github.com", "GitHub source archives answer 302 to codeload.github.com (GitHub docs, "
               "Downloading source code archives)")
    api = ("codeload.github.com",
           "the repository archive endpoint returns a 302 (GitHub REST docs, Download a repository archive)")
    sf = ("a mirror", "SourceForge download links redirect to a mirror (SourceForge docs, Downloading files)")
    table = {
        "https://github.com/o/r/releases/download/v1.0/x.tar.gz": release,
        "https://github.com/o/r/releases/latest/download/x.tar.gz": release,
        '"https://github.com/o/r/releases/download/v1/x"': release,  # quotes around the word
        "'https://GitHub.com/o/r/archive/refs/tags/v1.tar.gz'": archive,
        "https://github.com:443/o/r/archive/main.zip": archive,
        "https://github.com/o/r/releases/tag/v1": None, "https://github.com/o/releases/download/x": None,
        "https://www.github.com/o/r/archive/x.zip": None,
        "https://api.github.com/repos/o/r/tarball/main": api, "https://api.github.com/repos/o/r/zipball": api,
        "https://api.github.com/repos/o/r/releases": None,
        "https://sourceforge.net/projects/p/files/latest/download": sf, "https://sourceforge.net/projects/p/": None,
        "https://sourceforge.net/projects/p/files/x.tgz/download/": None,
        "https://downloads.sourceforge.net/project/p/x.tar.gz": sf,
        "https://downloads.sourceforge.net": sf,  # no path: read as "/"
        "http://golang.org/dl/go1.4.tar.gz": ("go.dev, then dl.google.com",
                                              "golang.org/dl/ moved to go.dev/dl/ (Go's download page)"),
        "https://go.dev/dl/go1.22.0.linux-amd64.tar.gz": (
            "dl.google.com", "go.dev/dl/ file links redirect to dl.google.com/go/ (Go's download page)"),
        "https://go.dev/dl/": None, "https://go.dev/doc/": None,
        "https://example.com/o/r/releases/download/x": None, "https://example.com/": None,
        "github.com/o/r/archive/x.tgz": None,  # no scheme: no host
        "http://[::1": None, "": None,  # not a URL
    }
    assert _answers(redirect_of, table) == table
