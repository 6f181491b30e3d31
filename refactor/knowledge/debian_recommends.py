"""Which Debian/Ubuntu packages put a program on PATH, and which programs arrive only through a Recommends.

``apt-get install --no-install-recommends`` drops the Recommends of every package it installs (and of their
dependencies). A program a later step runs survives only when an installed package provides it through
``Depends``; these tables say which packages do, and which packages bring a program only as a Recommends.

Provenance: ``apt-cache show`` of Debian 12 (bookworm) on this machine, unless a line says otherwise:
build-essential Depends gcc, g++, make, dpkg-dev; g++ Depends gcc; libtool Depends gcc | c-compiler;
dpkg-dev Depends make, patch, Recommends build-essential, gcc | c-compiler, gnupg; autoconf Recommends automake;
flex Recommends libfl-dev, the only package with /usr/include/FlexLexer.h (``dpkg -c`` of both .debs);
cmake Recommends gcc, make;
python3-pip Recommends build-essential, python3-dev; clang-14 Recommends python3 (``clang`` Depends clang-14);
git Recommends ca-certificates, patch, less, ssh-client; npm Recommends git; dirmngr Recommends gnupg;
gnupg Depends gpg; libapache2-mod-php8.2 Depends php8.2-cli; openssh-client Provides ssh-client; xvfb Recommends
xauth, and xvfb-run (in xvfb) stops with "xauth command not found" without it.
Older releases (packages.debian.org / packages.ubuntu.com, not re-checked here): libc6-dev Recommends
gcc | c-compiler up to Debian 11 (bullseye) and Ubuntu 22.04 (bookworm's libc6-dev has no Recommends: checked
here), so on those releases libc6-dev and the -dev packages that Depend on it bring gcc as a Recommends;
libapache2-mod-php5 (Debian 8 jessie, Ubuntu 14.04) Recommends php5-cli; python-pip Recommends
build-essential like python3-pip.
"""

from __future__ import annotations

import re

from refactor.knowledge.distros import Release, version_tuple

# Tools that reach https servers and get CA certificates only through a Recommends (git Recommends
# ca-certificates, as curl, wget and the others do; above).
TLS_CLIENTS_NEEDING_CA = frozenset({"curl", "wget", "git", "wget2", "aria2", "httpie", "apt-transport-https",
                                    "dirmngr", "gnupg", "gnupg2", "subversion", "mercurial", "lftp"})
# program -> patterns of the packages that provide it themselves or through their Depends.
PROVIDERS: dict[str, tuple[str, ...]] = {
    "cc": (r"gcc(-\d+)?", "build-essential", r"g\+\+(-\d+)?", "libtool", r"clang(-\d+)?", "tcc"),
    "gcc": (r"gcc(-\d+)?", "build-essential", r"g\+\+(-\d+)?", "libtool"),
    "g++": (r"g\+\+(-\d+)?", "build-essential"),
    "c++": (r"g\+\+(-\d+)?", "build-essential", r"clang(-\d+)?"),
    "make": ("make", "make-guile", "build-essential", "dpkg-dev"),
    "python3": (r"python3(\.\d+)?(-.+)?", "python-is-python3"),  # not libpython3*: no /usr/bin/python3
    "python": (r"python(2(\.\d+)?)?(-minimal|-dev|-pip|-setuptools|-virtualenv)?", "python-is-python3",
               "python-is-python2"),
    "php": (r"php(\d(\.\d)?)?-cli", r"libapache2-mod-php\d\.\d", r"php\d\.\d", "php"),
    "git": ("git", "git-core", "git-all"),
    "gpg": ("gpg", "gnupg", "gnupg2", "gnupg1"),
    "curl": ("curl",),
    "wget": ("wget",),
    "ssh": ("openssh-client", "ssh", "ssh-client", "openssh-server"),
    "scp": ("openssh-client", "ssh", "ssh-client", "openssh-server"),
    "cmake": ("cmake",),
    "node": ("nodejs",),
    "xauth": ("xauth",),
    "automake": ("automake", r"automake-?1\.\d+", "dh-autoreconf"),
    # not programs: Python.h, which ``pip install`` of an sdist with C code compiles against; FlexLexer.h (a
    # C++ flex scanner, snort3's JS normalizer), only in libfl-dev
    "flex-headers": ("libfl-dev",),
    "python-headers": (r"(lib)?python[23]?(\.\d+)?-dev", "python-dev-is-python3", "python-dev-is-python2"),
    "python3-headers": (r"(lib)?python3(\.\d+)?-dev", "python-dev-is-python3"),  # pip3: python-dev is Python 2
}

# package pattern -> {program: the package to name so that the program stays}: programs the package brings
# only as a Recommends (its own or that of a package it Depends on).
RECOMMENDED: dict[str, dict[str, str]] = {
    "python3-pip": {"cc": "build-essential", "gcc": "build-essential", "g++": "build-essential",
                    "c++": "build-essential", "make": "build-essential", "python-headers": "python3-dev",
                    "python3-headers": "python3-dev"},
    "python-pip": {"cc": "build-essential", "gcc": "build-essential", "g++": "build-essential",
                   "c++": "build-essential", "make": "build-essential", "python-headers": "python-dev"},
    "dpkg-dev": {"cc": "gcc", "gcc": "gcc", "g++": "build-essential", "c++": "build-essential", "gpg": "gnupg"},
    "cmake": {"cc": "gcc", "gcc": "gcc", "make": "make"},
    r"clang(-\d+)?": {"python3": "python3"},
    "libapache2-mod-php5": {"php": "php5-cli"},
    "git": {"ssh": "openssh-client", "scp": "openssh-client"},
    "npm": {"git": "git"},
    "dirmngr": {"gpg": "gnupg"},
    "xvfb": {"xauth": "xauth"},
    "autoconf": {"automake": "automake"},
    "flex": {"flex-headers": "libfl-dev"},
}

# What a command needs besides itself: ``make`` and ``./configure`` compile with ``cc``, cmake drives make and cc,
# xvfb-run calls xauth.
IMPLIES: dict[str, tuple[str, ...]] = {"make": ("make", "cc"), "configure": ("cc",), "cmake": ("cmake", "make", "cc"),
                                       "xvfb-run": ("xauth",)}

# Needed only if the install brings them: ``pip install`` compiles any sdist with C code, with cc and Python.h,
# which python3-pip / python-pip bring as Recommends (build-essential, python3-dev / python-dev). Where no
# installed package recommends them the image has its own way (official python images, a named gcc), so their
# absence is not a reason to skip.
# autoreconf (run by ./bootstrap and ./autogen.sh scripts) calls aclocal and automake, autoconf's Recommends;
# a build may compile a C++ flex scanner against FlexLexer.h, which flex brings only through libfl-dev.
# Key: (command, verb the command line must contain, "" for any).
SOFT_IMPLIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("pip", "install"): ("cc", "python-headers"), ("pip3", "install"): ("cc", "python3-headers"),
    ("autoreconf", ""): ("automake",), ("bootstrap", ""): ("automake",), ("autogen.sh", ""): ("automake",),
    ("make", ""): ("flex-headers",), ("cmake", ""): ("flex-headers",), ("configure", ""): ("flex-headers",),
}


def program_of(name: str) -> str | None:
    """The PROVIDERS key a command name stands for (``python3.11`` → ``python3``, ``gcc-12`` → ``gcc``)."""
    base = name.rsplit("/", 1)[-1]
    if base in PROVIDERS:
        return base
    for pattern, program in ((r"python3(\.\d+)?", "python3"), (r"python2(\.\d+)?", "python"),
                             (r"gcc-\d+", "gcc"), (r"g\+\+-\d+", "g++"), (r"php\d(\.\d)?", "php"),
                             (r"gpg2", "gpg"), (r"nodejs", "node")):
        if re.fullmatch(pattern, base):
            return program
    return None


def provides(package: str, program: str) -> bool:
    return any(re.fullmatch(p, package) for p in PROVIDERS.get(program, ()))


# libc6-dev Recommends gcc | c-compiler up to these releases (number compared as a version).
LIBC6_DEV_RECOMMENDS_GCC_UNTIL = {"debian": (11,), "ubuntu": (22, 4)}
# -dev packages that Depend on libc6-dev, directly or through another -dev package (most do not): the -dev
# packages the corpus installs, checked here with ``apt-cache depends --recurse --no-recommends`` on bookworm;
# python-dev / python2.7-dev of the older releases have the same chain (libpython-dev -> libexpat1-dev ->
# libc6-dev).
LIBC6_DEV_DEPENDENTS = frozenset({
    "libc6-dev", "libao-dev", "libbluetooth-dev", "libboost-python-dev", "libboost-thread-dev", "libclang-dev",
    "libdw-dev", "libedit-dev", "libelf-dev", "libexif-dev", "libexpat1-dev", "libfreetype6-dev", "libglib2.0-dev",
    "libgstreamer-plugins-base1.0-dev", "libgstreamer1.0-dev", "libhwloc-dev", "libicu-dev", "libjpeg-dev",
    "libjpeg62-turbo-dev", "libkrb5-dev", "libmariadb-dev", "libmemcached-dev", "libmicrohttpd-dev",
    "libncurses-dev", "libncurses5-dev", "libncursesw5-dev", "libnm-dev", "libnuma-dev", "libopencv-dev",
    "libpcap-dev", "libpcre3-dev", "libperl-dev", "libpng-dev", "libprotobuf-dev", "libreadline-dev",
    "libsasl2-dev", "libsdl1.2-dev", "libslang2-dev", "libsqlite3-dev", "libssh-dev", "libtiff5-dev",
    "libxml2-dev", "libxslt1-dev", "libzip-dev", "zlib1g-dev", "python-dev", "python2.7-dev", "python3-dev",
})
_LIBPYTHON_DEV = re.compile(r"^(lib)?python[23](\.\d+)?-dev$")


def libc6_dev_recommends_gcc(release: Release | None) -> bool:
    """True when libc6-dev of the image's release (known from its tag) Recommends gcc."""
    if release is None:
        return False
    return version_tuple(release.number) <= LIBC6_DEV_RECOMMENDS_GCC_UNTIL[release.distro]


def recommended_provider(package: str, program: str, release: Release | None = None) -> str | None:
    """The package to name so ``program`` survives --no-install-recommends when ``package`` brought it."""
    if program in ("cc", "gcc") and (package in LIBC6_DEV_DEPENDENTS or _LIBPYTHON_DEV.match(package)) and \
            libc6_dev_recommends_gcc(release):
        return "gcc"
    for pattern, programs in RECOMMENDED.items():
        if re.fullmatch(pattern, package) and program in programs:
            return programs[program]
    return None


# Programs the base image already ships (docker-library Dockerfiles: buildpack-deps:<suite>-curl installs curl,
# wget, gnupg; -scm adds git, openssh-client; the full tag adds gcc, g++, make, dpkg-dev, autoconf, libtool…;
# python/pypy, php, node, ruby and golang images ship their runtime). None: the image is not known.
_CURL = frozenset({"curl", "wget", "gpg"})
_SCM = _CURL | {"git", "ssh", "scp"}
_FULL = _SCM | {"cc", "gcc", "g++", "c++", "make", "python3"}
# The Debian php images keep $PHPIZE_DEPS (autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c) installed
# for docker-php-ext-install; the golang images install g++ gcc libc6-dev make pkg-config (docker-library).
_PHPIZE_DEPS = frozenset({"cc", "gcc", "g++", "c++", "make"})
_RUNTIME = {"python": {"python", "python3"}, "pypy": {"python"}, "php": {"php", "curl", *_PHPIZE_DEPS},
            "node": {"node"}, "ruby": set(), "golang": {"cc", "gcc", "g++", "c++", "make", "git"}}
_LEVEL = {"openjdk": "scm", "golang": "scm"}  # openjdk JDKs on buildpack-deps:scm, JREs on :curl
_BUILDPACK_BASED = frozenset({"buildpack-deps", "node", "python", "ruby", "golang", "perl", "rust", "gcc", "pypy",
                              "openjdk"})


def base_ships(image: str, program: str) -> bool | None:
    """Whether the (external) base image already has ``program``; None when the image is not known."""
    if "$" in image:
        return None
    head, _, last = image.split("@", 1)[0].rpartition("/")
    if head.lower() not in ("", "library", "docker.io", "docker.io/library", "arm32v7", "arm64v8", "amd64", "i386",
                            "arm32v5", "ppc64le", "s390x"):  # the official images' per-architecture mirrors
        return None
    name, _, tag = last.lower().partition(":")
    if name in ("debian", "ubuntu"):
        return False
    if name not in _BUILDPACK_BASED and name not in _RUNTIME:
        return None
    if "alpine" in tag or "windows" in tag or "nanoserver" in tag:
        return None
    ships: set[str] = set(_RUNTIME.get(name, set()))
    if name in _BUILDPACK_BASED and "slim" not in tag:
        variant = tag.rsplit("-", 1)[-1]  # buildpack-deps:bookworm-curl, or :curl (the newest release's)
        level = variant if variant in ("curl", "scm") else _LEVEL.get(name, "full")
        if name == "openjdk" and "jre" in tag:
            level = "curl"
        ships |= {"curl": _CURL, "scm": _SCM, "full": _FULL}[level]
    return program in ships
