"""What dockmod knows about OS packages and their managers (apk, apt, yum/dnf), as data with its provenance.

* Package managers: their verbs, the options that take a value, the commands that read apt's lists, as
  ``CommandPattern``\\ s of ``refactor.commands`` (``APK_ADD``, ``APT``, ``YUM_INSTALL``…).
* Build-only packages (toolchains, headers, ``-dev`` packages and the runtime library each needs once it is
  removed, ``$PHPIZE_DEPS``) and the commands that compile or fetch, for the passes that move build
  dependencies out of the final layer (``apk-virtual-build-deps``, ``apt-build-deps``).

API
* ``package_name(spec)`` — ``gcc=12.2.1-r0`` / ``libpq-dev~15`` / ``gcc>1`` → the bare package name.
* ``is_build_only(name, family)`` — True when the package is only needed while compiling: toolchains,
  ``build-base``/``build-essential``, autotools, ``pkgconf``, headers, ``-dev`` packages whose runtime
  counterpart is known (see ``runtime_for``), ``$PHPIZE_DEPS``, and fetch-only tools (``git``).
  An unknown ``-dev`` package is *not* build-only: a caller keeps it rather than guess.
* ``runtime_for(dev_pkg, family)`` — the runtime package that must stay installed once ``dev_pkg`` is
  removed (``postgresql-dev`` → ``libpq``), or None when nothing is needed (headers only, toolchain, or a
  library every base image of the family already has).
* ``cxx_runtime_for(name, family)`` — ``libstdc++`` for a C++ compiler (``build-base``, ``g++``, ``clang``,
  ``$PHPIZE_DEPS``) on Alpine: whatever was compiled with it needs that library once the compiler is gone.
* ``FETCH_ONLY`` — build-only tools that a running program may also use (``git``): callers must check
  that nothing after the build uses them before removing them.
* ``COMPILE_COMMANDS`` / ``compiles(argv)`` — whether a command line builds native code (or may, such as
  ``pip install`` and ``npm install`` with native modules).
* ``binaries_of(name, family)`` — commands a build-only package puts on ``PATH`` (``build-base`` →
  ``gcc``, ``make``…), to look for uses after the build.

Families are the names of ``refactor.images``: ``"alpine"`` and ``"debian"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from refactor import lazy_re
from refactor.commands import (
    CommandPattern,
    canonical_tool,
    pattern,
    unwrap,
)
from refactor.knowledge.ecosystems.node import NPM_INSTALL
from refactor.knowledge.ecosystems.python import PIP_INSTALL

# ------------------------------------------------------------------------------------------------ apk
# apk(8) and apk-add(8)/apk-del(8) of apk-tools 2 (https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper).

# apk options that take a value (``-t .build-deps``, ``-X URL``, ``-p ROOT``; ``--virtual=NAME`` needs none).
APK_VALUE_OPTIONS = frozenset({"-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch", "--keys-dir",
                               "--cache-dir", "--repositories-file", "--cache-max-age", "--wait", "--timeout"})
# Options the apk passes understand; anything else makes them leave the command alone.
APK_SIMPLE_OPTIONS = frozenset({"--no-cache", "-U", "--update", "--update-cache", "-q", "--quiet", "-v",
                                "--verbose", "--no-progress", "--progress", "-u", "--upgrade", "-l", "--latest",
                                "--no-interactive", "--purge", "--no-network", "-t", "--virtual"})
# ``apk add -U``: refresh the index first (apk(8) ``--update-cache``).
APK_UPDATE_OPTIONS = frozenset({"-U", "--update", "--update-cache"})
# Where apk keeps downloaded packages: /var/cache/apk (cache dir), /etc/apk/cache (its usual symlink).
APK_CACHE_DIRS = ("/var/cache/apk", "/etc/apk/cache")
# Options that point apk at a cache of its own, which ``--no-cache`` would defeat.
APK_CACHE_OPTIONS = frozenset({"--cache-dir", "--cache-max-age"})
# ``apk [global options] add|del [options] packages``: apk(8)'s global options (``-X URL``, ``-p ROOT``,
# ``--cache-dir DIR``…) take their value before the verb as after it (``apk -X URL add x``).
APK_ADD = pattern("apk", ("add",), value_options=APK_VALUE_OPTIONS, global_value_options=APK_VALUE_OPTIONS,
                  examples=("apk add --no-cache curl", "sudo apk -q add -t .deps gcc", "/sbin/apk add --virtual=.b x",
                            "apk -X https://dl-cdn.alpinelinux.org/alpine/edge/testing add hurl"),
                  counterexamples=("apk del curl", "apk --no-cache", "apk update"))
APK_DEL = pattern("apk", ("del",), value_options=APK_VALUE_OPTIONS, global_value_options=APK_VALUE_OPTIONS,
                  examples=("apk del .build-deps", "apk del --no-network .deps"),
                  counterexamples=("apk add curl",))

# ------------------------------------------------------------------------------------------------ apt
# apt-get(8) and apt(8) of apt 2.x (Debian, Ubuntu).

APT_TOOLS = frozenset({"apt-get", "apt"})
# apt-get options that take a separate value (``-o Dpkg::Options::=--force-confold``, ``-t bookworm-backports``).
APT_VALUE_OPTIONS = frozenset({"-o", "--option", "-c", "--config-file", "-t", "--target-release",
                               "--default-release", "-a", "--host-architecture"})
# Verbs that read the package lists (``/var/lib/apt/lists``): they need an ``apt-get update`` first.
APT_LIST_READERS = frozenset({"install", "upgrade", "dist-upgrade", "full-upgrade", "source", "build-dep",
                              "download", "satisfy", "reinstall", "changelog", "dselect-upgrade"})
# Other commands that read the lists (apt-cache(8), aptitude(8), apt-file(1), apt-rdepends(1), debfoster(8)).
APT_LIST_TOOLS = frozenset({"apt-cache", "aptitude", "apt-file", "apt-rdepends", "debfoster"})
APT_LISTS = "/var/lib/apt/lists"
# apt(8) verbs with the same meaning in apt-get(8) (apt's ``full-upgrade`` is apt-get's ``dist-upgrade``).
APT_GET_VERBS = {"install": "install", "update": "update", "remove": "remove", "purge": "purge",
                 "autoremove": "autoremove", "clean": "clean", "autoclean": "autoclean", "build-dep": "build-dep",
                 "source": "source", "download": "download", "satisfy": "satisfy", "upgrade": "upgrade",
                 "full-upgrade": "dist-upgrade", "dist-upgrade": "dist-upgrade"}
# Verbs that fetch packages named on the command line, so they need fresh lists in the same RUN.
APT_FETCHING_VERBS = frozenset({"install", "build-dep", "source", "download", "satisfy"})
# ``apt-get [options] VERB [options] args``: options may stand on both sides of the verb.
APT = pattern(APT_TOOLS, value_options=APT_VALUE_OPTIONS, global_value_options=APT_VALUE_OPTIONS,
              examples=("apt-get install -y curl", "apt-get -o Acquire::Retries=3 update", "sudo apt purge x"),
              counterexamples=("apt-get", "apt-cache policy"))

# ------------------------------------------------------------------------------------------------ yum / dnf
# yum(8), dnf(8) (``install``, ``localinstall``, ``groupinstall``, ``reinstall``; ``-y``/``--assumeyes``).

YUM_TOOLS = frozenset({"yum", "dnf"})
YUM_INSTALL_VERBS = frozenset({"install", "localinstall", "groupinstall", "reinstall"})
# yum's and dnf's repository options that take a value (``--enablerepo epel``).
YUM_VALUE_OPTIONS = frozenset({"--enablerepo", "--disablerepo", "--setopt"})
YUM_INSTALL = pattern(YUM_TOOLS, YUM_INSTALL_VERBS, value_options=YUM_VALUE_OPTIONS,
                      examples=("yum install -y httpd", "dnf -y install gcc", "yum groupinstall 'Development Tools'",
                                "yum install -y --enablerepo epel nginx"),
                      counterexamples=("yum clean all", "microdnf install x"))

# ------------------------------------------------------------------------------------------------ gem
# gem(1) of RubyGems: ``gem [options] COMMAND [args]``.
GEM = pattern("gem",
              examples=("gem install bundler", "gem update --system"), counterexamples=("gem", "bundle install"))

# ------------------------------------------------------------------------------------------------ every manager
# Install and remove verbs of each manager, as the installed-packages model reads them (dpkg(1): ``-r``/``-P``).
INSTALL_VERBS: dict[str, tuple[str, ...]] = {
    "apk": ("add",), "apt-get": ("install",), "apt": ("install",), "aptitude": ("install",),
    "yum": ("install",), "dnf": ("install",), "microdnf": ("install",)}
REMOVE_VERBS: dict[str, tuple[str, ...]] = {
    "apk": ("del",), "apt-get": ("purge", "remove"), "apt": ("purge", "remove"),
    "aptitude": ("purge", "remove"), "yum": ("remove", "erase"), "dnf": ("remove", "erase"),
    "microdnf": ("remove",), "dpkg": ("-r", "-P", "--remove", "--purge")}
# dpkg(1)'s options that take a value (``--root DIR``, ``--admindir DIR``, ``--instdir DIR``).
DPKG_VALUE_OPTIONS = frozenset({"--root", "--admindir", "--instdir"})
# Each tool's own value options, as its call model above reads them.
PACKAGE_VALUE_OPTIONS: dict[str, frozenset[str]] = {
    "apk": APK_VALUE_OPTIONS, "apt-get": APT_VALUE_OPTIONS, "apt": APT_VALUE_OPTIONS,
    "aptitude": APT_VALUE_OPTIONS, "yum": YUM_VALUE_OPTIONS, "dnf": YUM_VALUE_OPTIONS,
    "microdnf": YUM_VALUE_OPTIONS, "dpkg": DPKG_VALUE_OPTIONS}


def package_call(tool: str) -> CommandPattern:
    """The install-or-remove pattern of ``tool``: the verb is its first positional word (``dnf module install``
    is not ``dnf install``); dpkg's verbs are options (``-r``, ``--purge``), taken wherever they stand."""
    return _PACKAGE_CALLS[tool]


def _package_pattern(tool: str) -> CommandPattern:
    verbs = INSTALL_VERBS.get(tool, ()) + REMOVE_VERBS.get(tool, ())
    options = PACKAGE_VALUE_OPTIONS[tool]
    if tool == "dpkg":
        return pattern(tool, verbs, verb_anywhere=True, value_options=options, canonical=False)
    return pattern(tool, verbs, value_options=options, global_value_options=options, canonical=False)


_PACKAGE_CALLS = {tool: _package_pattern(tool) for tool in {**INSTALL_VERBS, **REMOVE_VERBS}}
PACKAGE_TOOLS = frozenset(_PACKAGE_CALLS)

# ------------------------------------------------------------------------------------------------ build-only packages
# Sources: the official images' Dockerfiles (docker-library/php ``PHPIZE_DEPS``, python's and ruby's
# ``apk add --virtual .build-deps`` lists, which name the runtime libraries they keep with ``scanelf``), the
# Alpine and Debian package indexes (pkgs.alpinelinux.org, packages.debian.org: which package owns the .so).

ALPINE = "alpine"
DEBIAN = "debian"

# Variables of the official images whose value is a list of build-only packages.
BUILD_VARIABLES = frozenset({"PHPIZE_DEPS"})
# ``ENV PHPIZE_DEPS`` of the official php Alpine images.
PHPIZE_DEPS_ALPINE = ("autoconf", "dpkg-dev", "dpkg", "file", "g++", "gcc", "libc-dev", "make", "pkgconf", "re2c")

# Toolchains and build tools: build-only in every family.
_TOOLS_COMMON = frozenset({
    "gcc", "g++", "clang", "make", "cmake", "ninja", "meson", "autoconf", "automake", "libtool",
    "pkgconf", "pkg-config", "m4", "bison", "flex", "re2c", "patch", "binutils", "gfortran", "nasm",
    "yasm", "swig", "gettext-dev", "dpkg-dev", "git",
})
_TOOLS = {
    ALPINE: _TOOLS_COMMON | {"build-base", "samurai", "pkgconfig", "musl-dev", "libc-dev", "linux-headers",
                             "bsd-compat-headers", "fortify-headers", "abuild", "go", "rust", "cargo",
                             "autoconf-archive", "gnu-libiconv-dev", "libtool-dev"},
    DEBIAN: _TOOLS_COMMON | {"build-essential", "ninja-build", "cpp", "libc6-dev", "libc-dev",
                             "linux-libc-dev", "golang", "golang-go", "rustc", "cargo", "autotools-dev"},
}
FETCH_ONLY = frozenset({"git"})
# What node-gyp needs to compile a native module on Alpine (node-gyp README: Python 3 and, for Python
# 3.12+, setuptools' distutils), beside the toolchain.
NODE_GYP_TOOLS = frozenset({"python3", "py3-setuptools"})

# -dev packages → the runtime package to keep ("" = nothing: headers only, or always in the base image).
_RUNTIME = {
    ALPINE: {
        "postgresql-dev": "libpq", "libpq-dev": "libpq", "mariadb-dev": "mariadb-connector-c",
        "mariadb-connector-c-dev": "mariadb-connector-c", "mysql-dev": "mariadb-connector-c",
        "libffi-dev": "libffi", "libxml2-dev": "libxml2", "libxslt-dev": "libxslt", "libzip-dev": "libzip",
        "libpng-dev": "libpng", "jpeg-dev": "libjpeg-turbo", "libjpeg-turbo-dev": "libjpeg-turbo",
        "freetype-dev": "freetype", "libwebp-dev": "libwebp", "icu-dev": "icu-libs", "libssh2-dev": "libssh2",
        "gmp-dev": "gmp", "libsodium-dev": "libsodium", "oniguruma-dev": "oniguruma", "curl-dev": "libcurl",
        "sqlite-dev": "sqlite-libs", "readline-dev": "readline", "libmemcached-dev": "libmemcached-libs",
        "imagemagick-dev": "imagemagick-libs", "libevent-dev": "libevent", "pcre-dev": "pcre",
        "pcre2-dev": "pcre2", "yaml-dev": "yaml", "bzip2-dev": "libbz2", "xz-dev": "xz-libs",
        "zstd-dev": "zstd-libs", "lz4-dev": "lz4-libs", "libedit-dev": "libedit",
        "ncurses-dev": "ncurses-libs", "krb5-dev": "krb5-libs", "cyrus-sasl-dev": "libsasl",
        "openldap-dev": "libldap", "freetds-dev": "freetds", "unixodbc-dev": "unixodbc",
        "libmaxminddb-dev": "libmaxminddb", "geos-dev": "geos", "proj-dev": "proj", "gdal-dev": "gdal",
        "libuv-dev": "libuv", "c-ares-dev": "c-ares", "linux-pam-dev": "linux-pam", "gnutls-dev": "gnutls",
        "libgcrypt-dev": "libgcrypt", "libpcap-dev": "libpcap", "expat-dev": "expat", "tiff-dev": "tiff",
        "lcms2-dev": "lcms2", "openjpeg-dev": "openjpeg", "harfbuzz-dev": "harfbuzz",
        "fribidi-dev": "fribidi", "rabbitmq-c-dev": "rabbitmq-c", "libmcrypt-dev": "libmcrypt",
        "libxpm-dev": "libxpm", "libavif-dev": "libavif",
        "argon2-dev": "argon2-libs", "libstdc++-dev": "libstdc++", "libseccomp-dev": "libseccomp",
        "libcap-dev": "libcap", "libnl3-dev": "libnl3", "msgpack-c-dev": "msgpack-c",
        "protobuf-dev": "protobuf", "grpc-dev": "grpc", "hiredis-dev": "hiredis",
        "libmagic-dev": "libmagic", "fts-dev": "fts", "libidn-dev": "libidn", "libssh-dev": "libssh",
        "apr-dev": "apr", "apr-util-dev": "apr-util", "libao-dev": "libao",
        "file-dev": "libmagic", "libusb-dev": "libusb",
        # (avahi-dev is left out on purpose: it pulls in the avahi daemon itself, which images run.)
        # libtool pulls in libltdl, which programs built with it load at run time.
        "libtool": "libltdl",
        # headers only, or libraries the base image always has (apk-tools needs zlib and OpenSSL)
        "python3-dev": "python3",
        "musl-dev": "", "libc-dev": "", "linux-headers": "", "zlib-dev": "", "openssl-dev": "",
        "gettext-dev": "", "gnu-libiconv-dev": "", "bsd-compat-headers": "", "libtool-dev": "",
    },
    DEBIAN: {
        "libpq-dev": "libpq5", "default-libmysqlclient-dev": "libmariadb3", "libmariadb-dev": "libmariadb3",
        "libmariadb-dev-compat": "libmariadb3", "libxml2-dev": "libxml2", "libxslt1-dev": "libxslt1.1",
        "libjpeg-dev": "libjpeg62-turbo", "libjpeg62-turbo-dev": "libjpeg62-turbo",
        "libpng-dev": "libpng16-16", "libfreetype6-dev": "libfreetype6", "libfreetype-dev": "libfreetype6",
        "libyaml-dev": "libyaml-0-2", "libsqlite3-dev": "libsqlite3-0", "libgmp-dev": "libgmp10",
        "libonig-dev": "libonig5", "libsodium-dev": "libsodium23", "libcurl4-openssl-dev": "libcurl4",
        "libkrb5-dev": "libkrb5-3", "libsasl2-dev": "libsasl2-2", "libpcre3-dev": "libpcre3",
        "libbz2-dev": "libbz2-1.0", "liblzma-dev": "liblzma5", "libwebp-dev": "libwebp7",
        "libzstd-dev": "libzstd1", "liblz4-dev": "liblz4-1", "python3-dev": "python3",
        # headers only, or libraries every Debian base has
        "libc6-dev": "", "libc-dev": "", "linux-libc-dev": "", "zlib1g-dev": "", "libssl-dev": "",
    },
}
# C++ compilers: what they build links libstdc++ (and libgcc), which goes away with them on Alpine
# (Debian's apt itself needs libstdc++6, so it always stays there). ``$PHPIZE_DEPS`` holds g++.
CXX_TOOLCHAINS = frozenset({"build-base", "g++", "clang", "$PHPIZE_DEPS"})
CXX_RUNTIME = {ALPINE: "libstdc++"}
_STATIC = lazy_re.compile(r"-static$")
_SPEC = lazy_re.compile(r"^([^=~<>]+)")


def package_name(spec: str) -> str:
    """The package name of an install argument, without ``=``/``~``/``<``/``>`` version constraints."""
    m = _SPEC.match(spec)
    return m.group(1) if m else spec


def is_variable(spec: str) -> bool:
    return spec.startswith("$")


def variable_name(spec: str) -> str:
    """``$PHPIZE_DEPS`` / ``${PHPIZE_DEPS}`` → ``PHPIZE_DEPS`` (empty for anything else)."""
    m = re.fullmatch(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))", spec)
    return (m.group(1) or m.group(2)) if m else ""


def is_build_only(name: str, family: str) -> bool:
    """True when ``name`` (a package, or ``$PHPIZE_DEPS``) is only needed at build time."""
    if is_variable(name):
        return variable_name(name) in BUILD_VARIABLES
    name = package_name(name)
    if name in _TOOLS.get(family, frozenset()):
        return True
    if name in _RUNTIME.get(family, {}):
        return True
    return family == ALPINE and bool(_STATIC.search(name))


def cxx_runtime_for(name: str, family: str) -> str | None:
    """The C++ runtime to keep when the C++ compiler ``name`` (or ``$PHPIZE_DEPS``) is removed, or None."""
    key = f"${variable_name(name)}" if is_variable(name) else package_name(name)
    return CXX_RUNTIME.get(family) if key in CXX_TOOLCHAINS else None


def runtime_for(dev_pkg: str, family: str) -> str | None:
    """The runtime package to keep when ``dev_pkg`` is removed, or None when nothing is needed.

    ``python3-dev`` is special (it keeps ``python3``, unless the image brings its own Python): callers
    that know the image decide; here it answers ``python3``.
    """
    name = package_name(dev_pkg)
    return _RUNTIME.get(family, {}).get(name) or None


# argv prefixes that compile native code (or may: package managers building native extensions).
COMPILE_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("make",), ("gmake",), ("cmake",), ("ninja",), ("meson",), ("scons",), ("./configure",),
    ("configure",), ("./autogen.sh",), ("autoreconf",), ("autogen.sh",), ("gcc",), ("g++",), ("cc",),
    ("c++",), ("clang",), ("phpize",), ("docker-php-ext-install",), ("pecl", "install"),
    ("python", "setup.py"), ("python3", "setup.py"), ("npm", "rebuild"), ("yarn",), ("pnpm", "install"),
    ("pnpm", "i"), ("pnpm", "add"), ("node-gyp",), ("go", "build"), ("go", "install"), ("go", "get"),
    ("cargo", "build"), ("cargo", "install"), ("gem", "install"), ("bundle", "install"), ("bundle",),
    ("luarocks", "install"), ("cpanm",), ("cpan",), ("rustc",), ("poetry", "install"), ("uv", "pip"),
    ("uv", "sync"), ("pipenv", "install"), ("composer", "install"),
)
# Commands that fetch sources with git or may pull git dependencies.
FETCH_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("git",), ("yarn",), ("pnpm",), ("go", "get"), ("go", "install"), ("go", "build"), ("cargo",),
    ("composer",), ("bundle",), ("gem", "install"), ("uv",), ("pipenv",),  # uv, pipenv: the git CLI for git deps
)


def _norm(argv: Sequence[str]) -> list[str]:
    """``argv`` from its tool on, the tool word canonical (``/usr/bin/pip3`` → ``pip``; ``./configure`` kept)."""
    k = unwrap(argv)
    argv = list(argv[k:])
    if argv and not argv[0].startswith("./"):
        argv[0] = canonical_tool(argv[0])
    return argv


@cache
def _prefixes(table: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """``table``'s prefixes with versioned tool names canonical, worked out once per table."""
    return tuple(tuple("pip" if re.fullmatch(r"pip[0-9.]*", x) else "python" if x.startswith("python") else x
                       for x in prefix) for prefix in table)


@cache
def _by_first(table: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``_prefixes(table)`` grouped by their first word: a command is compared with its own tool's only."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for prefix in _prefixes(table):
        out.setdefault(prefix[0], []).append(prefix)  # every table prefix has a first word
    return {k: tuple(v) for k, v in out.items()}


def _matches(argv: Sequence[str], table: tuple[tuple[str, ...], ...]) -> bool:
    norm = _norm(argv)
    if not norm:
        return False
    words = [w for w in norm if not w.startswith("-") or w == "-m"]
    index = _by_first(table)
    candidates = index.get(norm[0], ()) + (index.get(words[0], ()) if words and words[0] != norm[0] else ())
    return any(tuple(words[:len(p)]) == p or tuple(norm[:len(p)]) == p for p in candidates)


def _installs(argv: Sequence[str]) -> bool:
    """``npm install`` (any alias, ``npm --prefix DIR install``) or ``pip install`` (``python -m pip``, ``pip
    --log x install``): both may build native modules and fetch git dependencies."""
    return NPM_INSTALL.matches(argv) or PIP_INSTALL.matches(argv)


def compiles(argv: Sequence[str]) -> bool:
    """True when the command builds native code or may (package managers with native modules)."""
    return _compiles(tuple(argv))


def fetches(argv: Sequence[str]) -> bool:
    """True when the command may use ``git`` to fetch sources or dependencies."""
    return _fetches(tuple(argv))


@lru_cache(maxsize=8192)  # passes ask it of every command after each install, round after round
def _compiles(argv: tuple[str, ...]) -> bool:
    return _installs(argv) or _matches(argv, COMPILE_COMMANDS)


@lru_cache(maxsize=8192)
def _fetches(argv: tuple[str, ...]) -> bool:
    return _installs(argv) or _matches(argv, FETCH_COMMANDS)


_BINARIES = {
    "build-base": ("gcc", "g++", "cc", "c++", "make", "ld", "as", "ar", "strip", "patch"),
    "build-essential": ("gcc", "g++", "cc", "c++", "make", "ld", "as", "ar", "strip", "patch"),  # dpkg-dev: patch
    "gcc": ("gcc", "cc"), "g++": ("g++", "c++"), "clang": ("clang", "clang++", "cc"),
    "binutils": ("ld", "as", "ar", "strip", "objdump", "nm"), "pkgconf": ("pkg-config", "pkgconf"),
    "pkgconfig": ("pkg-config",), "libtool": ("libtool", "libtoolize"),
    "autoconf": ("autoconf", "autoreconf", "autoheader"), "automake": ("automake", "aclocal"),
    "samurai": ("ninja", "samu"), "ninja-build": ("ninja",), "go": ("go", "gofmt"), "golang": ("go",),
    "golang-go": ("go",), "rust": ("rustc",), "rustc": ("rustc",), "cargo": ("cargo",),
    "dpkg-dev": ("dpkg-architecture", "dpkg-buildpackage"), "python3": ("python3", "python"),
    "postgresql-dev": ("pg_config",), "libpq-dev": ("pg_config",), "mariadb-dev": ("mysql_config",),
    "curl-dev": ("curl-config",), "libxml2-dev": ("xml2-config",),
}


def binaries_of(name: str, family: str) -> tuple[str, ...]:
    """Commands the package provides (its own name included), to spot uses after the build."""
    name = package_name(name)
    del family  # same names in every family we know
    return (name, *_BINARIES.get(name, ()))


