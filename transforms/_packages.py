"""What dockmod knows about OS packages: which are only needed to build, and what a build leaves behind.

Used by the passes that move build dependencies out of the final layer (``apk-virtual-build-deps``,
the apt counterpart). Families are the names of ``refactor.images``: ``"alpine"`` and ``"debian"``.

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
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from refactor.document import Instruction
from refactor.shell import shell_of

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
_STATIC = re.compile(r"-static$")
_SPEC = re.compile(r"^([^=~<>]+)")


def package_name(spec: str) -> str:
    """The package name of an install argument, without ``=``/``~``/``<``/``>`` version constraints."""
    m = _SPEC.match(spec)
    return m.group(1) if m else spec


def is_variable(spec: str) -> bool:
    return spec.startswith("$")


def variable_name(spec: str) -> str:
    """``$PHPIZE_DEPS`` / ``${PHPIZE_DEPS}`` → ``PHPIZE_DEPS`` (empty for anything else)."""
    m = re.fullmatch(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", spec)
    return m.group(1) if m else ""


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
    ("pip", "install"), ("pip3", "install"), ("python", "-m", "pip", "install"),
    ("python3", "-m", "pip", "install"), ("python", "setup.py"), ("python3", "setup.py"),
    ("npm", "install"), ("npm", "i"), ("npm", "ci"), ("npm", "rebuild"), ("yarn",), ("pnpm", "install"),
    ("pnpm", "i"), ("pnpm", "add"), ("node-gyp",), ("go", "build"), ("go", "install"), ("go", "get"),
    ("cargo", "build"), ("cargo", "install"), ("gem", "install"), ("bundle", "install"), ("bundle",),
    ("luarocks", "install"), ("cpanm",), ("cpan",), ("rustc",), ("poetry", "install"), ("uv", "pip"),
    ("uv", "sync"), ("pipenv", "install"), ("composer", "install"),
)
# Commands that fetch sources with git or may pull git dependencies.
FETCH_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("git",), ("npm", "install"), ("npm", "i"), ("npm", "ci"), ("yarn",), ("pnpm",), ("go", "get"),
    ("go", "install"), ("go", "build"), ("pip", "install"), ("pip3", "install"), ("cargo",),
    ("composer",), ("bundle",), ("gem", "install"),
)


def _norm(argv: Sequence[str]) -> list[str]:
    argv = list(argv)
    while argv and argv[0] in ("sudo", "env", "exec", "command"):
        argv = argv[1:]
    if argv and "/" in argv[0] and not argv[0].startswith("./"):
        argv[0] = argv[0].rsplit("/", 1)[-1]
    if argv and re.fullmatch(r"pip[0-9.]*", argv[0]):
        argv[0] = "pip"
    if argv and re.fullmatch(r"python[0-9.]*", argv[0]):
        argv[0] = "python"
    return argv


def _matches(argv: Sequence[str], table: tuple[tuple[str, ...], ...]) -> bool:
    norm = _norm(argv)
    if not norm:
        return False
    words = [w for w in norm if not w.startswith("-") or w == "-m"]
    for prefix in table:
        p = tuple("pip" if re.fullmatch(r"pip[0-9.]*", x) else "python" if x.startswith("python") else x
                  for x in prefix)
        if tuple(words[:len(p)]) == p or tuple(norm[:len(p)]) == p:
            return True
    return False


def compiles(argv: Sequence[str]) -> bool:
    """True when the command builds native code or may (package managers with native modules)."""
    return _matches(argv, COMPILE_COMMANDS)


def fetches(argv: Sequence[str]) -> bool:
    """True when the command may use ``git`` to fetch sources or dependencies."""
    return _matches(argv, FETCH_COMMANDS)


_BINARIES = {
    "build-base": ("gcc", "g++", "cc", "c++", "make", "ld", "as", "ar", "strip", "patch"),
    "build-essential": ("gcc", "g++", "cc", "c++", "make", "ld", "as", "ar", "strip"),
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


def first_compiling_run(instructions: list[Instruction]) -> Instruction | None:
    """The first RUN among ``instructions`` that compiles; a RUN we cannot parse counts when it looks
    like a build (``make``, ``install``, ``build``, ``gcc``): assume the worst."""
    for ins in instructions:
        if ins.name != "RUN":
            continue
        script = shell_of(ins)
        if script is None:
            if any(w in ins.logical.text for w in ("make", "install", "build", "gcc")):
                return ins
            continue
        if any(compiles(c.argv) for c in script.commands):
            return ins
    return None
