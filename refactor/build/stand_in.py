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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from refactor.build import proc
from refactor.build.base import SHORT_TIMEOUT, BuildError, ImageConfig
from refactor.build.buildah import BuildahBuilder

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
RECIPE_LABEL = "dockmod.realbuild.recipe"

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


def _image_labels(builder: BuildahBuilder, ref: str) -> dict[str, str]:
    data = builder.inspect_raw(ref) or {}
    return (data.get("OCIv1", {}).get("config", {}) or {}).get("Labels") or {}




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
        wanted = {RECIPE_LABEL: _image_recipe(suite, include)}
        labels = _image_labels(builder, tag)
        if not rebuild and builder.image_exists(tag) and all(labels.get(k) == v for k, v in wanted.items()):
            _tag_aliases(builder, tag, aliases)
            return tag
        old = builder.inspect_raw(tag)
        mirror = _debian_mirror(suite)
        tarball = _rootfs_tarball(cache_dir, suite, mirror, include)
        _assemble_image(builder, tarball, tag, suite, mirror, wanted)
        _tag_aliases(builder, tag, aliases)
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


def _assemble_image(builder: BuildahBuilder, tarball: Path, tag: str, suite: str, mirror: str,
                    labels: Mapping[str, str]) -> None:
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
        for k, v in labels.items():
            config_args += ["--label", f"{k}={v}"]
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

STAND_INS: dict[str, StandIn] = {
    "python": StandIn("docker.io/library/python:3.11-slim", ("docker.io/library/python:3.11-slim-bookworm",),
                      PYTHON_DOCKERFILE),
    "node": StandIn("docker.io/library/node:18-slim", ("docker.io/library/node:18-bookworm-slim",), NODE_DOCKERFILE),
    "golang": StandIn("docker.io/library/golang:1.19", ("docker.io/library/golang:1.19-bookworm",), GOLANG_DOCKERFILE),
}
STAND_IN_LABEL = "dockmod.stand-in.recipe"


def ensure_stand_in(builder: BuildahBuilder, name: str) -> str:
    """Make sure the ``name`` stand-in (see :data:`STAND_INS`) is current in local storage; returns its tag."""
    spec = STAND_INS[name]
    ensure_base_image(builder)
    base_id = (builder.inspect(DEFAULT_BASE_TAG) or ImageConfig()).image_id
    recipe = hashlib.sha256((spec.dockerfile + base_id).encode()).hexdigest()[:16]
    cache_dir = builder.cache_dir or Path(tempfile.gettempdir()) / "dockmod-stand-in"
    with proc.file_lock(cache_dir, f"stand-in-{name}"):
        if _image_labels(builder, spec.tag).get(STAND_IN_LABEL) != recipe:
            with tempfile.TemporaryDirectory(prefix=f"dockmod-stand-in-{name}-") as tmp:
                Path(tmp, "Dockerfile").write_text(spec.dockerfile + f'LABEL {STAND_IN_LABEL}="{recipe}"\n')
                result = builder.build(tmp, "Dockerfile", spec.tag, layers=False, timeout=DEBOOTSTRAP_TIMEOUT)
            if not result.ok:
                raise BuildError(f"stand-in {spec.tag} does not build:\n{result.log_tail}")
        _tag_aliases(builder, spec.tag, spec.aliases)
    return spec.tag
