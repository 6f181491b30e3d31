"""Local stand-ins for official base images, made with debootstrap (no registry needed).

:func:`ensure_base_image` makes ``docker.io/library/debian:bookworm-slim`` (plus aliases) in a
:class:`~refactor.build.buildah.BuildahBuilder`'s storage from a ``debootstrap --variant=minbase``
rootfs, slimmed the way the official image is, with the host's Debian mirror, local apt settings
and extra CA certificates baked in so that ``apt-get`` (and pip/npm through a TLS-intercepting
proxy) inside a build reach their registries. Nothing is ever pulled. Because before and after
images share one base, their size ratio measures only what a rewrite changed. Needs root.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import json
import os
import platform
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from refactor.build import proc
from refactor.build.base import SHORT_TIMEOUT, BuildError, ImageConfig
from refactor.build.buildah import BuildahBuilder
from refactor.knowledge.web_servers import NGINX_CONF, NGINX_DEFAULT_CONF

DEFAULT_BASE_TAG = "docker.io/library/debian:bookworm-slim"
# Convenience aliases.  Note the real debian:bookworm / debian:12 are *not* slimmed (they keep
# docs and man pages); here they are the same image as bookworm-slim.
DEFAULT_BASE_ALIASES: tuple[str, ...] = (
    "docker.io/library/debian:bookworm",
    "docker.io/library/debian:12-slim",
    "docker.io/library/debian:12",
)
IMAGE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# Bump when the rootfs recipe or the image assembly changes: invalidates cached tarballs and
RECIPE_VERSION = "1"
# Which recipe made a stand-in is a second tag on the same image (``RECIPE_REPO/<tag>:<recipe hash>``), not a
# label: a label is inherited by every image built on it, so a split onto another stand-in would show a
# LABEL difference the official images do not have.
RECIPE_REPO = "localhost/dockmod-stand-in-recipe"

APT_TIMEOUT = 900
DEBOOTSTRAP_TIMEOUT = 1200
RUN_TIMEOUT = 300

# What the official "slim" images drop, and what they keep (dpkg path-exclude/path-include).
SLIM_EXCLUDES = (
    "/usr/share/doc/*",
    "/usr/share/groff/*",
    "/usr/share/info/*",
    "/usr/share/linda/*",
    "/usr/share/lintian/overrides/*",
    "/usr/share/locale/*",
    "/usr/share/man/*",
)
SLIM_INCLUDES = (
    "/usr/share/doc/*/copyright",
    "/usr/share/locale/locale.alias",
    "/usr/share/locale/languages",
    "/usr/share/locale/all_languages",
    "/usr/share/locale/currency/*",
    "/usr/share/locale/l10n/*",
)

# Config files the official Debian images carry (same effect, our wording).
_IMAGE_FILES: dict[str, tuple[str, int]] = {
    "usr/sbin/policy-rc.d": ("#!/bin/sh\n# Do not start services while building images.\nexit 101\n", 0o755),
    "etc/dpkg/dpkg.cfg.d/docker-apt-speedup": ("# Builds are throwaway: skip fsync.\nforce-unsafe-io\n", 0o644),
    "etc/dpkg/dpkg.cfg.d/docker": (
        "# Slim image: keep docs, man pages and translations out.\n"
        + "".join(f"path-exclude {p}\n" for p in SLIM_EXCLUDES)
        + "".join(f"path-include {p}\n" for p in SLIM_INCLUDES),
        0o644,
    ),
    "etc/apt/apt.conf.d/docker-clean": (
        "# Drop the package cache after every dpkg run and apt-get update.\n"
        'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb'
        ' /var/cache/apt/*.bin || true"; };\n'
        'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb'
        ' /var/cache/apt/*.bin || true"; };\n'
        'Dir::Cache::pkgcache "";\n'
        'Dir::Cache::srcpkgcache "";\n',
        0o644,
    ),
    "etc/apt/apt.conf.d/docker-gzip-indexes": ('Acquire::GzipIndexes "true";\n', 0o644),
    "etc/apt/apt.conf.d/docker-no-languages": ('Acquire::Languages "none";\n', 0o644),
    "etc/apt/apt.conf.d/docker-autoremove-suggests": ('Apt::AutoRemove::SuggestsImportant "false";\n', 0o644),
}


def ensure_tools(builder: BuildahBuilder) -> None:
    """Install buildah and debootstrap with apt-get if they are missing, then set up ``builder``'s storage."""
    missing = [tool for tool in ("buildah", "debootstrap") if shutil.which(tool) is None]
    if missing:
        if shutil.which("apt-get") is None:
            raise BuildError(f"{', '.join(missing)} missing and no apt-get to install them")
        with proc.file_lock(builder.cache_dir or Path(tempfile.gettempdir()), "tools-apt"):
            apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            proc.run(["apt-get", "update", "-qq"], timeout=APT_TIMEOUT, env=apt_env, merge_stderr=True)
            proc.run(["apt-get", "install", "-y", "-qq", *missing], timeout=APT_TIMEOUT, env=apt_env,
                     merge_stderr=True, what=f"apt-get install {' '.join(missing)}")
        still = [tool for tool in missing if shutil.which(tool) is None]
        if still:
            raise BuildError(f"apt-get install finished but {still} still not on PATH")
    builder.storage()


def _recipe_tag(tag: str, recipe: str) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-")
    return f"{RECIPE_REPO}/{name}:{hashlib.sha256(recipe.encode()).hexdigest()[:16]}"


def _is_current(builder: BuildahBuilder, tag: str, recipe: str) -> bool:
    """``tag`` exists and was made from ``recipe`` (its recipe tag names the same image)."""
    made, marked = builder.inspect(tag), builder.inspect(_recipe_tag(tag, recipe))
    return made is not None and marked is not None and made.image_id == marked.image_id


def _mark_current(builder: BuildahBuilder, tag: str, recipe: str) -> None:
    """Tag ``tag`` with its recipe, dropping the recipe tags of earlier builds so their images can go."""
    wanted = _recipe_tag(tag, recipe)
    repo = wanted.rsplit(":", 1)[0]
    listed = builder.buildah("images", "--format", "{{.Name}}:{{.Tag}}", check=False)
    for ref in listed.split():
        if ref.rsplit(":", 1)[0] == repo and ref != wanted:
            builder.buildah("rmi", ref, check=False)  # one name of several: only the name goes
    builder.buildah("tag", tag, wanted)




@dataclass(frozen=True)
class _AptSource:
    uris: tuple[str, ...]
    suites: tuple[str, ...]
    components: tuple[str, ...]
    signed_by: str | None


def _host_apt_sources() -> list[_AptSource]:
    """Binary (``deb``) sources configured on the host, deb822 and one-line formats."""
    files: list[Path] = []
    legacy = Path("/etc/apt/sources.list")
    if legacy.is_file():
        files.append(legacy)
    d = Path("/etc/apt/sources.list.d")
    if d.is_dir():
        files += sorted(p for p in d.iterdir() if p.suffix in (".list", ".sources") and p.is_file())
    sources: list[_AptSource] = []
    for path in files:
        text = path.read_text(errors="replace")
        if path.suffix == ".sources":
            sources += _parse_deb822(text)
        else:
            sources += _parse_one_line(text)
    return sources


def _parse_deb822(text: str) -> list[_AptSource]:
    out: list[_AptSource] = []
    for stanza in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        key = None
        for line in stanza.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line[0] in " \t" and key:
                fields[key] += " " + line.strip()
                continue
            key, _, value = line.partition(":")
            key = key.strip().lower()
            fields[key] = value.strip()
        if not fields or "deb" not in fields.get("types", "").split():
            continue
        if fields.get("enabled", "yes").lower() == "no":
            continue
        out.append(
            _AptSource(
                uris=tuple(fields.get("uris", "").split()),
                suites=tuple(fields.get("suites", "").split()),
                components=tuple(fields.get("components", "").split()),
                signed_by=fields.get("signed-by") or None,
            )
        )
    return out


def _parse_one_line(text: str) -> list[_AptSource]:
    out: list[_AptSource] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line.startswith("deb "):
            continue
        rest = line[4:].strip()
        signed_by = None
        if rest.startswith("["):
            opts, _, rest = rest[1:].partition("]")
            for opt in opts.split():
                k, _, v = opt.partition("=")
                if k == "signed-by":
                    signed_by = v
        parts = rest.split()
        if len(parts) >= 2:
            out.append(_AptSource((parts[0],), (parts[1],), tuple(parts[2:]), signed_by))
    return out


def _debian_sources(suite: str) -> list[_AptSource]:
    """Host sources usable inside a Debian ``suite`` image (Debian's own archive keyring only)."""
    keep = []
    for src in _host_apt_sources():
        if not src.uris or not src.suites:
            continue
        if not all(s == suite or s.startswith(suite + "-") or s.startswith(suite + "/") for s in src.suites):
            continue
        if src.signed_by and not Path(src.signed_by).name.startswith("debian-archive-"):
            continue  # third-party repository: its keyring is not in the image
        keep.append(src)
    return keep


def _debian_mirror(suite: str) -> str:
    """The Debian mirror the host uses for ``suite`` (``DOCKMOD_DEBIAN_MIRROR`` overrides)."""
    forced = os.environ.get("DOCKMOD_DEBIAN_MIRROR")
    if forced:
        return forced
    for src in _debian_sources(suite):
        if suite in src.suites:
            return src.uris[0]
    raise BuildError(
        f"no apt source for Debian {suite!r} found in /etc/apt/sources.list*; set DOCKMOD_DEBIAN_MIRROR"
    )


def _sources_file(suite: str, mirror: str) -> str:
    sources = _debian_sources(suite) or [
        _AptSource((mirror,), (suite, f"{suite}-updates"), ("main",), None),
    ]
    stanzas = []
    for src in sources:
        lines = [
            "Types: deb",
            f"URIs: {' '.join(src.uris)}",
            f"Suites: {' '.join(src.suites)}",
            f"Components: {' '.join(src.components) or 'main'}",
            f"Signed-By: {src.signed_by or '/usr/share/keyrings/debian-archive-keyring.gpg'}",
        ]
        stanzas.append("\n".join(lines) + "\n")
    return "# Copied from the build host's apt sources by tests/realbuild.py.\n" + "\n".join(stanzas)


def _host_apt_conf_files() -> dict[str, str]:
    """Local apt network settings: files in /etc/apt/apt.conf.d owned by no package that set ``Acquire::``.

    That covers proxies and mirror quirks (e.g. ``Acquire::Check-Valid-Until`` for snapshot mirrors).

    Package-owned files (packagekit, appstream hooks ...) and the ``docker-*`` files the image
    writes itself are skipped.  Credentials (/etc/apt/auth.conf*) are never copied.
    """
    conf_dir = Path("/etc/apt/apt.conf.d")
    if not conf_dir.is_dir():
        return {}
    paths = [p for p in sorted(conf_dir.iterdir()) if p.is_file() and not p.name.startswith("docker-")]
    if not paths:
        return {}
    owned: set[str] = set()
    query = proc.run(["dpkg-query", "-S", *map(str, paths)], timeout=SHORT_TIMEOUT, check=False)
    for line in query.stdout.splitlines():
        _, _, path = line.partition(": ")
        owned.add(path.strip())
    result = {}
    for p in paths:
        if str(p) in owned:
            continue
        text = p.read_text(errors="replace")
        if "acquire" not in text.lower() or re.search(r"(?i)(password|login|token)", text):
            continue  # only network settings (Acquire::...), never anything credential-like
        result[p.name] = text
    return result


def _host_ca_certs() -> dict[str, bytes]:
    """Extra CA certificates the host trusts (``/usr/local/share/ca-certificates/**.crt``)."""
    base = Path("/usr/local/share/ca-certificates")
    if not base.is_dir():
        return {}
    return {str(p.relative_to(base)): p.read_bytes() for p in sorted(base.rglob("*.crt")) if p.is_file()}


def _slim(rootfs: Path) -> None:
    """Make a fresh debootstrap rootfs look like the official slim image (docs, caches, host files)."""
    for rel, (text, mode) in _IMAGE_FILES.items():
        path = rootfs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        path.chmod(mode)
    for pattern in SLIM_EXCLUDES:
        top = rootfs / pattern.lstrip("/").removesuffix("/*")
        if not top.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(top, topdown=False):
            for name in filenames + [d for d in dirnames if (Path(dirpath) / d).is_symlink()]:
                full = Path(dirpath) / name
                virtual = "/" + str(full.relative_to(rootfs))
                if not any(fnmatch.fnmatch(virtual, inc) for inc in SLIM_INCLUDES):
                    full.unlink()
            for name in dirnames:
                full = Path(dirpath) / name
                if full.is_dir() and not full.is_symlink() and not any(full.iterdir()):
                    full.rmdir()
    # Host leftovers and caches; apt sources are written per host when the image is assembled.
    for rel in ("etc/resolv.conf", "etc/hostname", "etc/apt/sources.list", "var/log/bootstrap.log"):
        with contextlib.suppress(FileNotFoundError):
            (rootfs / rel).unlink()
    for pattern in ("var/lib/apt/lists/*", "var/cache/apt/*.bin", "var/cache/apt/archives/*.deb"):
        for p in rootfs.glob(pattern):
            if p.is_file() or p.is_symlink():
                p.unlink()


def _mounts_under(path: Path) -> list[str]:
    prefix = str(path.resolve()).rstrip("/") + "/"
    found = []
    with open("/proc/self/mountinfo") as fh:
        for line in fh:
            mnt = line.split()[4].replace("\\040", " ")
            if (mnt + "/").startswith(prefix):
                found.append(mnt)
    return found


def _remove_tree(path: Path) -> None:
    """Delete a debootstrap target safely: unmount anything left under it, never cross filesystems."""
    if not path.exists():
        return
    for mnt in sorted(_mounts_under(path), key=len, reverse=True):
        proc.run(["umount", "-l", mnt], timeout=SHORT_TIMEOUT, check=False)
    if _mounts_under(path):
        raise BuildError(f"refusing to delete {path}: still has mounts {_mounts_under(path)}")
    proc.run(["rm", "-rf", "--one-file-system", str(path)], timeout=SHORT_TIMEOUT * 5)


def _rootfs_tarball(cache_dir: Path, suite: str, mirror: str, include: Sequence[str]) -> Path:
    """Cached, slimmed ``debootstrap --variant=minbase`` rootfs as a tar (host config not included)."""
    key = hashlib.sha256(json.dumps([RECIPE_VERSION, suite, mirror, sorted(include)]).encode()).hexdigest()[:16]
    tarball = cache_dir / "rootfs" / f"debian-{suite}-minbase-{key}.tar"
    if tarball.is_file():
        return tarball
    tarball.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="debootstrap-", dir=tarball.parent))
    try:
        rootfs = work / "rootfs"
        argv = ["debootstrap", "--variant=minbase"]
        if include:
            argv.append("--include=" + ",".join(include))
        argv += [suite, str(rootfs), mirror]
        proc.run(argv, timeout=DEBOOTSTRAP_TIMEOUT, merge_stderr=True, what="debootstrap")
        _slim(rootfs)
        partial = work / "rootfs.tar"
        proc.run(
            [
                "tar", "--numeric-owner", "--xattrs", "--xattrs-include=*", "-C", str(rootfs),
                "--exclude=./dev/*", "--exclude=./proc/*", "--exclude=./sys/*", "--exclude=./run/*",
                "--exclude=./tmp/*", "-cf", str(partial), ".",
            ],
            timeout=SHORT_TIMEOUT * 5,
            what="tar rootfs",
        )  # fmt: skip
        os.replace(partial, tarball)
    finally:
        _remove_tree(work)
    return tarball


def ensure_base_image(
    builder: BuildahBuilder,
    tag: str = DEFAULT_BASE_TAG,
    *,
    aliases: Sequence[str] = DEFAULT_BASE_ALIASES,
    suite: str = "bookworm",
    include: Sequence[str] = (),
    rebuild: bool = False,
) -> str:
    """Make sure ``tag`` (a Debian ``suite`` slim image) and ``aliases`` are in local storage.

    Built from a cached debootstrap minbase rootfs (first run: ~30 s of debootstrap; later runs
    reuse the rootfs tarball cached under ``builder.cache_dir``), slimmed like the official image, plus the host's
    apt sources, local apt.conf.d settings and extra CA certificates.  ``ca-certificates`` is
    not preinstalled (the real slim image lacks it too); the extra CAs sit in
    /usr/local/share/ca-certificates, so a Dockerfile that installs ca-certificates trusts them.
    ``include`` adds packages to the debootstrap run.  Returns ``tag``.
    """
    ensure_tools(builder)
    cache_dir = builder.cache_dir or Path(tempfile.gettempdir()) / "dockmod-stand-in"
    with proc.file_lock(cache_dir, "base-image"):
        recipe = _image_recipe(suite, include)
        if not rebuild and _is_current(builder, tag, recipe):
            _tag_aliases(builder, tag, aliases)
            return tag
        old = builder.inspect_raw(tag)
        mirror = _debian_mirror(suite)
        tarball = _rootfs_tarball(cache_dir, suite, mirror, include)
        _assemble_image(builder, tarball, tag, suite, mirror)
        _tag_aliases(builder, tag, aliases)
        _mark_current(builder, tag, recipe)
        if old is not None:  # drop the superseded image unless something still uses it
            builder.buildah("rmi", old["FromImageID"], check=False)
    return tag


def _image_recipe(suite: str, include: Sequence[str]) -> str:
    host = json.dumps([_sources_file(suite, "-"), _host_apt_conf_files(), sorted(_host_ca_certs())])
    return f"{RECIPE_VERSION}:{suite}:{','.join(sorted(include))}:{hashlib.sha256(host.encode()).hexdigest()[:12]}"


def _tag_aliases(builder: BuildahBuilder, tag: str, aliases: Sequence[str]) -> None:
    names = [a for a in aliases if a != tag]
    if names:
        builder.buildah("tag", tag, *names)


def _assemble_image(builder: BuildahBuilder, tarball: Path, tag: str, suite: str, mirror: str) -> None:
    buildah = builder.buildah
    ctr = buildah("from", *builder.policy_args(), "--pull=never", "scratch").strip()
    try:
        buildah("add", ctr, str(tarball), "/", timeout=SHORT_TIMEOUT * 5)
        mnt = Path(buildah("mount", ctr).strip())
        try:
            (mnt / "etc/apt/sources.list.d").mkdir(parents=True, exist_ok=True)
            (mnt / "etc/apt/sources.list.d/debian.sources").write_text(_sources_file(suite, mirror))
            for name, text in _host_apt_conf_files().items():
                (mnt / "etc/apt/apt.conf.d" / name).write_text(text)
            ca_dir = mnt / "usr/local/share/ca-certificates"
            for rel, data in _host_ca_certs().items():
                (ca_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                (ca_dir / rel).write_bytes(data)
                (ca_dir / rel).chmod(0o644)
        finally:
            buildah("umount", ctr)
        # Only does something if ca-certificates is in the image (e.g. include=["ca-certificates"]).
        proc.run(
            [
                *builder.argv(), "run", "--isolation", "chroot", "--network", "host", ctr, "--",
                "sh", "-c", "if command -v update-ca-certificates >/dev/null; then update-ca-certificates; fi",
            ],
            timeout=RUN_TIMEOUT,
            env=builder.env(),
            what="update-ca-certificates in base image",
        )  # fmt: skip
        config_args = ["--env", f"PATH={IMAGE_PATH}", "--cmd", '["bash"]', "--os", "linux", "--arch", _oci_arch()]
        buildah("config", *config_args, ctr)
        buildah("commit", *builder.policy_args(), "--format", "docker", "--rm", ctr, tag,
                timeout=SHORT_TIMEOUT * 5)  # fmt: skip
        ctr = ""
    finally:
        if ctr:
            buildah("rm", ctr, check=False)


def _oci_arch() -> str:
    machine = platform.machine()
    return {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm"}.get(machine, machine)



# --------------------------------------------------------------------------------------------
# language images on top of the Debian stand-in


@dataclass(frozen=True)
class StandIn:
    """A local image named like an official tag, built from the Debian stand-in with Debian's packages."""

    tag: str
    aliases: tuple[str, ...]
    dockerfile: str  # FROM the Debian stand-in
    files: tuple[tuple[str, str], ...] = ()  # (context path, text) the Dockerfile COPYs; scripts are made executable

    @property
    def refs(self) -> tuple[str, ...]:
        return (self.tag, *self.aliases)


# python:3.11-slim (docker-library/python, bookworm/slim): PATH=/usr/local/bin:…, LANG=C.UTF-8, CMD ["python3"],
# ca-certificates, netbase and tzdata installed, headers under the interpreter's include dir, pip on PATH.
# Debian's python3 (3.11) lives in /usr/bin: python/pip are linked into /usr/local/bin and EXTERNALLY-MANAGED
# is removed so that ``pip install`` behaves like the official image's.
PYTHON_DOCKERFILE = f"""\
FROM {DEFAULT_BASE_TAG}
ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates netbase tzdata python3 python3-pip python3-venv \\
        python3-dev \\
 && rm -rf /var/lib/apt/lists/* \\
 && rm -f /usr/lib/python3.*/EXTERNALLY-MANAGED \\
 && for tool in python:python3 python3:python3 pip:pip3 pip3:pip3; do \\
        ln -sf "/usr/bin/${{tool#*:}}" "/usr/local/bin/${{tool%%:*}}"; done
CMD ["python3"]
"""

# buildpack-deps:bookworm (docker-library/buildpack-deps, bookworm/{curl,scm,}/Dockerfile), the base of the full
# (non-slim) python, node and golang images: curl/wget/gnupg, git and friends, then gcc/g++/make/autoconf and the
# usual -dev headers. Left out to keep the cold build short: imagemagick/libmagick*-dev, libglib2.0-dev,
# libwebp-dev, libmaxminddb-dev, mercurial and subversion (the largest, rarely what a fixture compiles against).
BUILDPACK_DEPS = (
    "ca-certificates curl gnupg netbase wget git openssh-client procps "
    "autoconf automake bzip2 dpkg-dev file g++ gcc libbz2-dev libc6-dev libcurl4-openssl-dev libdb-dev libevent-dev "
    "libffi-dev libgdbm-dev libgmp-dev libjpeg-dev libkrb5-dev liblzma-dev libncurses-dev libpng-dev libpq-dev "
    "libreadline-dev libsqlite3-dev libssl-dev libtool libxml2-dev libxslt1-dev libyaml-dev default-libmysqlclient-dev "
    "make patch pkg-config unzip xz-utils zlib1g-dev"
)

# python:3.11 (docker-library/python, bookworm/Dockerfile: FROM buildpack-deps:bookworm): the full image, same
# interpreter as the slim stand-in (/usr/bin/python3.11, linked into /usr/local/bin) so that a venv built here runs
# in python:3.11-slim, plus the buildpack-deps toolchain and headers (official: ~1 GB vs ~130 MB slim).
PYTHON_FULL_DOCKERFILE = PYTHON_DOCKERFILE.replace(
    "        python3-dev \\\n", f"        python3-dev {BUILDPACK_DEPS} \\\n")

# node:18-slim (nodejs/docker-node, 18/bookworm-slim): user and group ``node`` (1000), CMD ["node"]. Debian's
# nodejs is 18.x; its npm pulls the node-* packages, so this stand-in is larger than the official image.
# NODE_EXTRA_CA_CERTS lets npm trust the host's extra CAs (builds may reach npm through an intercepting proxy).
NODE_DOCKERFILE = f"""\
FROM {DEFAULT_BASE_TAG}
RUN groupadd --gid 1000 node \\
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\
 && apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates nodejs npm \\
 && rm -rf /var/lib/apt/lists/*
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
"""

# node:18 (nodejs/docker-node, 18/bookworm/Dockerfile: FROM buildpack-deps:bookworm): the slim stand-in plus the
# buildpack-deps toolchain, headers and git, and python3 for node-gyp. Debian's npm makes both ~250 MB larger than
# the official ones, so the full/slim gap (official ~1 GB vs ~200 MB) is smaller here than on Docker Hub.
NODE_FULL_DOCKERFILE = NODE_DOCKERFILE.replace(
    "ca-certificates nodejs npm \\\n", f"nodejs npm python3 {BUILDPACK_DEPS} \\\n")

# golang:1.19 (docker-library/golang, on buildpack-deps:scm): curl, wget, git, gcc, libc6-dev, make, pkg-config;
# GOPATH=/go with /go/src and /go/bin world-writable (1777), PATH=/go/bin:…, WORKDIR /go. Debian's golang-go is
# 1.19 (no toolchain download offline).
GOLANG_DOCKERFILE = f"""\
FROM {DEFAULT_BASE_TAG}
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates curl wget git gcc libc6-dev make pkg-config \\
        golang-go \\
 && rm -rf /var/lib/apt/lists/* \\
 && mkdir -p /go/src /go/bin && chmod -R 1777 /go
ENV GOPATH=/go PATH=/go/bin:/usr/lib/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /go
"""

# nginx (nginxinc/docker-nginx, mainline/debian/Dockerfile): system user/group nginx (101), nginx plus gettext-base
# and curl, logs linked to /dev/stdout and /dev/stderr, the official nginx.conf (``user nginx``, pid in /var/run,
# ``include /etc/nginx/conf.d/*.conf``) and conf.d/default.conf serving /usr/share/nginx/html on port 80,
# /docker-entrypoint.sh running /docker-entrypoint.d/*.sh, EXPOSE 80, STOPSIGNAL SIGQUIT,
# CMD ["nginx", "-g", "daemon off;"]. Debian's nginx (1.22) replaces nginx.org's packages; its sites-* are removed.
# nginx.org's packages keep their temp files (client_temp, proxy_temp…) under /var/cache/nginx, which a master running
# as nginx (nginxinc/docker-nginx-unprivileged: ``chown -R $UID:0 /var/cache/nginx``) must own; Debian's build puts
# them under /var/lib/nginx, so that is a link to /var/cache/nginx here.
NGINX_DOCKERFILE = f"""\
FROM {DEFAULT_BASE_TAG}
RUN groupadd --system --gid 101 nginx \\
 && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false \\
        --uid 101 nginx \\
 && apt-get update \\
 && apt-get install -y --no-install-recommends --no-install-suggests ca-certificates nginx gettext-base curl \\
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled /etc/nginx/sites-available /var/www/html \\
 && mkdir -p /usr/share/nginx/html /etc/nginx/conf.d /var/cache/nginx /docker-entrypoint.d \\
 && rm -rf /var/lib/nginx && ln -s /var/cache/nginx /var/lib/nginx \\
 && ln -sf /dev/stdout /var/log/nginx/access.log \\
 && ln -sf /dev/stderr /var/log/nginx/error.log
COPY nginx.conf /etc/nginx/nginx.conf
COPY default.conf /etc/nginx/conf.d/default.conf
COPY index.html 50x.html /usr/share/nginx/html/
COPY docker-entrypoint.sh /
ENTRYPOINT ["/docker-entrypoint.sh"]
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
"""
NGINX_FILES = (
    # the official image's config, as refactor/knowledge/web_servers.py records it for the non-root pass
    ("nginx.conf", NGINX_CONF),
    ("default.conf", NGINX_DEFAULT_CONF),
    ("index.html", "<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head>\n"
                   "<body><h1>Welcome to nginx!</h1></body></html>\n"),
    ("50x.html", "<!DOCTYPE html>\n<html><head><title>Error</title></head>\n"
                 "<body><h1>An error occurred.</h1></body></html>\n"),
    ("docker-entrypoint.sh", """\
#!/bin/sh
# Like nginx's official entrypoint: run /docker-entrypoint.d/*.sh before starting nginx.
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    for f in /docker-entrypoint.d/*.sh; do
        [ -x "$f" ] && "$f"
    done
fi
exec "$@"
"""),
)

# php:8.2-apache (docker-library/php, 8.2/bookworm/apache/Dockerfile): Debian's apache2 + libapache2-mod-php8.2 +
# php8.2-cli (mpm_prefork, as the official image switches to), the official image's ca-certificates curl xz-utils,
# /usr/local/bin/php, APACHE_CONFDIR/APACHE_ENVVARS with envvars overridable from the environment, lock/run/log
# dirs owned by www-data and 1777, logs linked to stdout/stderr, docker-php.conf (PHP handler, DirectoryIndex,
# AllowOverride All), an empty /var/www/html (www-data, 1777), docker-php-entrypoint and apache2-foreground,
# STOPSIGNAL SIGWINCH, EXPOSE 80. Not here: the docker-php-ext-* helpers and $PHPIZE_DEPS (no PHP source tree).
# debian:bookworm-slim has /run/lock (1777), where /var/lock links; the debootstrap base here does not, so it is made
# first: APACHE_LOCK_DIR (/var/lock/apache2) must exist for a non-root apache2-foreground (docker-library/php#743).
PHP_APACHE_DOCKERFILE = f"""\
FROM {DEFAULT_BASE_TAG}
ENV APACHE_CONFDIR=/etc/apache2 APACHE_ENVVARS=/etc/apache2/envvars PHP_INI_DIR=/usr/local/etc/php
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates curl xz-utils apache2 libapache2-mod-php8.2 \\
        php8.2-cli php8.2-curl php8.2-mbstring php8.2-xml php8.2-sqlite3 php8.2-readline \\
 && rm -rf /var/lib/apt/lists/* \\
 && ln -s /usr/bin/php /usr/local/bin/php && mkdir -p "$PHP_INI_DIR/conf.d" \\
 && sed -ri 's/^export ([^=]+)=(.*)$/: ${{\\1:=\\2}}\\nexport \\1/' "$APACHE_ENVVARS" \\
 && . "$APACHE_ENVVARS" \\
 && mkdir -p /run/lock && chmod 1777 /run/lock \\
 && for dir in "$APACHE_LOCK_DIR" "$APACHE_RUN_DIR" "$APACHE_LOG_DIR" "$APACHE_RUN_DIR/socks"; do \\
        rm -rf "$dir" && mkdir -p "$dir" && chown "$APACHE_RUN_USER:$APACHE_RUN_GROUP" "$dir" && chmod 1777 "$dir" \\
        || exit 1; \\
    done \\
 && ln -sfT /dev/stderr "$APACHE_LOG_DIR/error.log" \\
 && ln -sfT /dev/stdout "$APACHE_LOG_DIR/access.log" \\
 && ln -sfT /dev/stdout "$APACHE_LOG_DIR/other_vhosts_access.log" \\
 && chown -R --no-dereference "$APACHE_RUN_USER:$APACHE_RUN_GROUP" "$APACHE_LOG_DIR" \\
 && rm -rf /var/www/html && mkdir -p /var/www/html && chown www-data:www-data /var/www/html \\
 && chmod 1777 /var/www/html
COPY docker-php.conf /etc/apache2/conf-available/docker-php.conf
COPY docker-php-entrypoint apache2-foreground /usr/local/bin/
RUN a2enconf docker-php
ENTRYPOINT ["docker-php-entrypoint"]
WORKDIR /var/www/html
STOPSIGNAL SIGWINCH
EXPOSE 80
CMD ["apache2-foreground"]
"""
PHP_APACHE_FILES = (
    ("docker-php.conf", """\
<FilesMatch \\.php$>
	SetHandler application/x-httpd-php
</FilesMatch>

DirectoryIndex disabled
DirectoryIndex index.php index.html

<Directory /var/www/>
	Options -Indexes
	AllowOverride All
</Directory>
"""),
    ("docker-php-entrypoint", """\
#!/bin/sh
set -e
# first arg is `-f` or `--some-option`
if [ "${1#-}" != "$1" ]; then
	set -- apache2-foreground "$@"
fi
exec "$@"
"""),
    ("apache2-foreground", """\
#!/bin/bash
set -e
# As php's official apache2-foreground: load envvars, drop a stale pid file, create the APACHE_*_DIR dirs.
: "${APACHE_CONFDIR:=/etc/apache2}"
: "${APACHE_ENVVARS:=$APACHE_CONFDIR/envvars}"
if test -f "$APACHE_ENVVARS"; then
	. "$APACHE_ENVVARS"
fi
: "${APACHE_RUN_DIR:=/var/run/apache2}"
: "${APACHE_PID_FILE:=$APACHE_RUN_DIR/apache2.pid}"
rm -f "$APACHE_PID_FILE"
for e in "${!APACHE_@}"; do
	if [[ "$e" == *_DIR ]] && [[ "${!e}" == /* ]]; then
		# /var/lock -> /run/lock: make a symlinked parent's target first, or mkdir -p fails on the link
		dir="${!e}"
		while [ "$dir" != "$(dirname "$dir")" ]; do
			dir="$(dirname "$dir")"
			if [ -d "$dir" ]; then
				break
			fi
			absDir="$(readlink -f "$dir" 2>/dev/null || :)"
			if [ -n "$absDir" ]; then
				mkdir -p "$absDir"
			fi
		done
		mkdir -p "${!e}"
	fi
done
exec apache2 -DFOREGROUND "$@"
"""),
)

# composer:2 (composer/docker, 2.x/Dockerfile, on php:8-alpine): /usr/bin/composer as a self-contained phar (so the
# common ``COPY --from=composer:2 /usr/bin/composer /usr/bin/composer`` works), git/unzip/zip/patch/make,
# COMPOSER_ALLOW_SUPERUSER=1, COMPOSER_HOME=/tmp, WORKDIR /app, /docker-entrypoint.sh, CMD ["composer"]. Debian's
# composer (2.5) is a script over /usr/share/php: that tree is packed into the phar here; php8.2-cli runs it.
COMPOSER_DOCKERFILE = f"""\
FROM {DEFAULT_BASE_TAG}
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates curl git unzip zip patch make openssh-client \\
        php8.2-cli php8.2-curl php8.2-mbstring php8.2-xml php8.2-zip composer \\
 && rm -rf /var/lib/apt/lists/*
COPY make-phar.php docker-entrypoint.sh /
RUN php -d phar.readonly=0 /make-phar.php /usr/bin/composer /usr/share/php /tmp/composer.phar \\
 && mv /tmp/composer.phar /usr/bin/composer && chmod 755 /usr/bin/composer && rm /make-phar.php \\
 && ln -s /usr/bin/php /usr/local/bin/php \\
 && composer --version
ENV COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_HOME=/tmp COMPOSER_CACHE_DIR=/tmp/cache
WORKDIR /app
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["composer"]
"""
COMPOSER_FILES = (
    ("make-phar.php", """\
<?php
// make-phar.php SCRIPT TREE OUT: pack Debian's composer script and its /usr/share/php tree into one phar.
[, $script, $tree, $out] = $argv;
$phar = new Phar($out, 0, 'composer.phar');
// Files, not buildFromDirectory: the tree has symlinks out of it (CaBundle's cacert.pem -> /etc/ssl/certs).
$files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($tree, FilesystemIterator::SKIP_DOTS));
foreach ($files as $path => $info) {
    if ($info->isFile()) {
        $phar->addFromString(substr($path, strlen($tree) + 1), file_get_contents($path));
    }
}
$body = preg_replace('/^#!.*\\n/', '', file_get_contents($script));
$phar->addFromString('bin/composer', str_replace("__DIR__ . '/../share/php/", "'phar://composer.phar/", $body));
$phar->setStub("#!/usr/bin/env php\\n<?php\\nPhar::mapPhar('composer.phar');\\n"
    . "require 'phar://composer.phar/bin/composer';\\n__HALT_COMPILER();\\n");
"""),
    ("docker-entrypoint.sh", """\
#!/bin/sh
# As composer's official entrypoint: options or a composer command go to composer.
isCommand() {
  [ "$1" = "sh" ] && return 1
  composer help --no-interaction "$1" > /dev/null 2>&1
}
if [ "${1#-}" != "$1" ] || isCommand "$1"; then
  set -- composer "$@"
fi
exec "$@"
"""),
)

# gcr.io/distroless/static-debian12 (GoogleContainerTools/distroless, base/README.md): no shell, no package manager;
# ca-certificates, tzdata, /etc/passwd and /etc/group with root, nobody and nonroot (65532), /etc/nsswitch.conf,
# /etc/os-release, /tmp (1777), /home/nonroot; its config: PATH=/usr/local/sbin:…, SSL_CERT_FILE. :latest runs as root,
# :nonroot as 65532 with WORKDIR /home/nonroot (same files).
DISTROLESS_DOCKERFILE = f"""\
FROM {DEFAULT_BASE_TAG} AS files
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates tzdata \\
 && rm -rf /var/lib/apt/lists/* \\
 && mkdir -p /out/etc/ssl/certs /out/usr/share /out/tmp /out/home/nonroot /out/root \\
 && cp /etc/ssl/certs/ca-certificates.crt /out/etc/ssl/certs/ \\
 && cp -a /usr/share/zoneinfo /out/usr/share/ \\
 && cp /etc/os-release /out/etc/os-release \\
 && printf 'root:x:0:0:root:/root:/sbin/nologin\\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\\n%s\\n' \\
        'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > /out/etc/passwd \\
 && printf 'root:x:0:\\nnobody:x:65534:\\nnonroot:x:65532:\\n' > /out/etc/group \\
 && printf 'hosts: files dns\\n' > /out/etc/nsswitch.conf \\
 && chmod 1777 /out/tmp && chmod 700 /out/root && chown 65532:65532 /out/home/nonroot
FROM scratch
COPY --from=files /out/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
"""

STAND_INS: dict[str, StandIn] = {
    "python": StandIn("docker.io/library/python:3.11-slim", ("docker.io/library/python:3.11-slim-bookworm",),
                      PYTHON_DOCKERFILE),
    "python-full": StandIn("docker.io/library/python:3.11", ("docker.io/library/python:3.11-bookworm",),
                           PYTHON_FULL_DOCKERFILE),
    "node": StandIn("docker.io/library/node:18-slim", ("docker.io/library/node:18-bookworm-slim",), NODE_DOCKERFILE),
    "node-full": StandIn("docker.io/library/node:18", ("docker.io/library/node:18-bookworm",), NODE_FULL_DOCKERFILE),
    "golang": StandIn("docker.io/library/golang:1.19", ("docker.io/library/golang:1.19-bookworm",), GOLANG_DOCKERFILE),
    "nginx": StandIn("docker.io/library/nginx:latest", ("docker.io/library/nginx:bookworm",), NGINX_DOCKERFILE,
                     NGINX_FILES),
    "php-apache": StandIn("docker.io/library/php:8.2-apache", ("docker.io/library/php:8.2-apache-bookworm",),
                          PHP_APACHE_DOCKERFILE, PHP_APACHE_FILES),
    "composer": StandIn("docker.io/library/composer:2", ("docker.io/library/composer:latest",), COMPOSER_DOCKERFILE,
                        COMPOSER_FILES),
    "distroless-static": StandIn("gcr.io/distroless/static-debian12:latest", (), DISTROLESS_DOCKERFILE),
    "distroless-static-nonroot": StandIn("gcr.io/distroless/static-debian12:nonroot", (),
                                         DISTROLESS_DOCKERFILE + "USER 65532:65532\nWORKDIR /home/nonroot\n"),
}


def ensure_stand_in(builder: BuildahBuilder, name: str) -> str:
    """Make sure the ``name`` stand-in (see :data:`STAND_INS`) is current in local storage; returns its tag."""
    spec = STAND_INS[name]
    ensure_base_image(builder)
    base_id = (builder.inspect(DEFAULT_BASE_TAG) or ImageConfig()).image_id
    recipe = json.dumps([spec.dockerfile, spec.files, base_id])
    cache_dir = builder.cache_dir or Path(tempfile.gettempdir()) / "dockmod-stand-in"
    with proc.file_lock(cache_dir, f"stand-in-{name}"):
        old = None
        if not _is_current(builder, spec.tag, recipe):
            old = builder.inspect(spec.tag)
            with tempfile.TemporaryDirectory(prefix=f"dockmod-stand-in-{name}-") as tmp:
                Path(tmp, "Dockerfile").write_text(spec.dockerfile)
                for rel, text in spec.files:
                    Path(tmp, rel).write_text(text)
                    Path(tmp, rel).chmod(0o755 if text.startswith("#!") else 0o644)
                result = builder.build(tmp, "Dockerfile", spec.tag, layers=False, timeout=DEBOOTSTRAP_TIMEOUT)
            if not result.ok:
                raise BuildError(f"stand-in {spec.tag} does not build:\n{result.log_tail}")
            _mark_current(builder, spec.tag, recipe)
        _tag_aliases(builder, spec.tag, spec.aliases)
        if old is not None and old.image_id != result.image_id:  # superseded, unless something still uses it
            builder.buildah("rmi", old.image_id, check=False)
    return spec.tag


def normalize_ref(ref: str) -> str:
    """``node:18`` → ``docker.io/library/node:18``; ``nginx`` → ``docker.io/library/nginx:latest`` (as Docker does)."""
    name, _, digest = ref.partition("@")
    last = name.rsplit("/", 1)[-1]
    if ":" not in last and not digest:
        name += ":latest"
    first = name.split("/", 1)[0]
    if "/" not in name:
        name = "docker.io/library/" + name
    elif not ("." in first or ":" in first or first == "localhost"):
        name = "docker.io/" + name
    return name


def stand_in_for(ref: str) -> str | None:
    """The :data:`STAND_INS` key whose tag or alias is the image ``ref``, or ``None`` (Debian base: see ``aliases``)."""
    full = normalize_ref(ref)
    return next((key for key, spec in STAND_INS.items() if full in spec.refs), None)


def is_debian_base(ref: str) -> bool:
    return normalize_ref(ref) in (DEFAULT_BASE_TAG, *DEFAULT_BASE_ALIASES)
