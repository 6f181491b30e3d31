"""Build Dockerfiles for real on a machine with no Docker daemon and no registry access.

The pieces:

* :func:`ensure_tools` installs ``buildah`` and ``debootstrap`` with apt-get if they are missing,
  writes a private containers config (registries.conf, policy.json, storage.conf) and picks a
  storage driver (``overlay`` if it really mounts here, else ``vfs``).
* :func:`ensure_base_image` makes ``docker.io/library/debian:bookworm-slim`` (plus aliases) in
  buildah's local storage from a ``debootstrap --variant=minbase`` rootfs, slimmed the way the
  official image is, with the host's Debian mirror, local apt settings and extra CA certificates
  baked in so that ``apt-get`` inside a build reaches the mirror.  Nothing is ever pulled.
* :func:`build` runs ``buildah bud`` (chroot isolation, host network, ``--pull=never``) and
  returns a :class:`BuildResult` with the outcome, the log and the image size in bytes.
* :func:`run_in_image` runs a command in an image (``buildah from`` + ``run`` + ``rm``).
* :func:`cleanup` removes an image.

Everything needs root on Linux.  Storage lives under ``/var/lib/dockmod-tests`` and caches under
``/var/cache/dockmod-tests``, so the machine's default buildah/podman storage is left alone; set
``DOCKMOD_REALBUILD_STATE`` / ``DOCKMOD_REALBUILD_CACHE`` to move them and
``DOCKMOD_STORAGE_DRIVER`` to force a driver.  To poke at the storage by hand, run
``buildah`` with the environment from :func:`buildah_env` (or the flags from :func:`buildah_argv`).
"""

from __future__ import annotations

import contextlib
import fcntl
import fnmatch
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# ``image_tags`` fixture (tests/conftest.py): ``image_tags("before", "after")`` -> unique local tags.
TagMaker = Callable[..., tuple[str, ...]]

__all__ = [
    "DEFAULT_BASE_ALIASES",
    "DEFAULT_BASE_TAG",
    "BuildResult",
    "RealBuildError",
    "build",
    "buildah",
    "buildah_argv",
    "buildah_env",
    "cleanup",
    "ensure_base_image",
    "ensure_tools",
    "image_exists",
    "image_size",
    "run_in_image",
    "unavailable_reason",
]

CACHE_DIR = Path(os.environ.get("DOCKMOD_REALBUILD_CACHE", "/var/cache/dockmod-tests"))
STATE_DIR = Path(os.environ.get("DOCKMOD_REALBUILD_STATE", "/var/lib/dockmod-tests"))
RUN_DIR = Path(os.environ.get("DOCKMOD_REALBUILD_RUN", "/run/dockmod-tests"))
CONFIG_DIR = CACHE_DIR / "containers"

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
# makes ensure_base_image() rebuild images made by an older recipe.
RECIPE_VERSION = "1"
RECIPE_LABEL = "dockmod.realbuild.recipe"

# Timeouts, in seconds.
APT_TIMEOUT = 900
DEBOOTSTRAP_TIMEOUT = 1200
BUILD_TIMEOUT = 1800
RUN_TIMEOUT = 300
SHORT_TIMEOUT = 120

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


class RealBuildError(RuntimeError):
    """A step of the real-build machinery failed; the message says which and why."""


# --------------------------------------------------------------------------------------------
# subprocesses


@dataclass
class _Proc:
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str
    duration: float


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def _run(
    argv: Sequence[str],
    *,
    timeout: float,
    check: bool = True,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    merge_stderr: bool = False,
    what: str | None = None,
) -> _Proc:
    """Run ``argv`` in its own process group; kill the whole group on timeout.

    Raises :class:`RealBuildError` on timeout, on a missing executable, and (with ``check``) on
    a non-zero exit, quoting the tail of the output.
    """
    argv = [str(a) for a in argv]
    label = what or " ".join(argv[:3])
    start = time.monotonic()
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            text=True,
            errors="replace",
            start_new_session=True,
        )
    except FileNotFoundError as exc:
        raise RealBuildError(f"{label}: executable not found: {argv[0]}") from exc
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, err = proc.communicate()
        raise RealBuildError(
            f"{label}: timed out after {timeout:.0f}s: {' '.join(argv)}\n{_tail((out or '') + (err or ''))}"
        ) from None
    except BaseException:  # e.g. KeyboardInterrupt: leave no stray processes behind
        _kill_group(proc)
        proc.wait()
        raise
    result = _Proc(argv, proc.returncode, out or "", err or "", time.monotonic() - start)
    if check and proc.returncode != 0:
        raise RealBuildError(
            f"{label}: exit code {proc.returncode}: {' '.join(argv)}\n{_tail(result.stdout + result.stderr)}"
        )
    return result


def _kill_group(proc: subprocess.Popen[str]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def _lock(name: str) -> Iterator[None]:
    """Inter-process lock (pytest-xdist workers, parallel CI jobs on one machine)."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with open(CACHE_DIR / f".{name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# --------------------------------------------------------------------------------------------
# tools and configuration


@dataclass(frozen=True)
class _Config:
    driver: str
    root: Path
    runroot: Path
    policy: Path
    env: dict[str, str]


_CONFIG: _Config | None = None


def unavailable_reason() -> str | None:
    """Why real builds cannot run on this machine at all (``None`` if they may)."""
    if os.environ.get("DOCKMOD_SKIP_REALBUILD"):
        return "DOCKMOD_SKIP_REALBUILD is set"
    if not sys.platform.startswith("linux"):
        return "real builds need Linux"
    if os.geteuid() != 0:
        return "real builds need root (buildah with chroot isolation, debootstrap)"
    if shutil.which("buildah") is None and shutil.which("apt-get") is None:
        return "neither buildah nor apt-get is available"
    return None


def ensure_tools() -> None:
    """Install buildah/debootstrap if missing, write the private config, choose the storage driver.

    Idempotent and cheap after the first call in a process.
    """
    global _CONFIG
    if _CONFIG is not None:
        return
    reason = unavailable_reason()
    if reason:
        raise RealBuildError(reason)
    with _lock("tools"):
        missing = [tool for tool in ("buildah", "debootstrap") if shutil.which(tool) is None]
        if missing:
            apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            _run(["apt-get", "update", "-qq"], timeout=APT_TIMEOUT, env=apt_env, merge_stderr=True)
            _run(
                ["apt-get", "install", "-y", "-qq", *missing],
                timeout=APT_TIMEOUT,
                env=apt_env,
                merge_stderr=True,
                what=f"apt-get install {' '.join(missing)}",
            )
            still = [tool for tool in missing if shutil.which(tool) is None]
            if still:
                raise RealBuildError(f"apt-get install finished but {still} still not on PATH")
        CONFIG_DIR.mkdir(parents=True, exist_ok=True)
        _write_if_changed(
            CONFIG_DIR / "registries.conf",
            "# Written by tests/realbuild.py.  Nothing is pulled: builds use --pull=never.\n"
            'unqualified-search-registries = ["docker.io"]\n'
            'short-name-mode = "permissive"\n',
        )
        policy = CONFIG_DIR / "policy.json"
        _write_if_changed(policy, json.dumps({"default": [{"type": "insecureAcceptAnything"}]}, indent=2) + "\n")
        forced = os.environ.get("DOCKMOD_STORAGE_DRIVER")
        candidates = [forced] if forced else ["overlay", "vfs"]
        errors: list[str] = []
        for driver in candidates:
            cfg = _make_config(driver, policy)
            problem = _probe_driver(cfg)
            if problem is None:
                _CONFIG = cfg
                return
            errors.append(f"{driver}: {problem}")
        raise RealBuildError("no usable buildah storage driver:\n" + "\n".join(errors))


def _make_config(driver: str, policy: Path) -> _Config:
    # One storage root per driver: containers/storage refuses to open a root made by another driver.
    root = STATE_DIR / f"storage-{driver}"
    runroot = RUN_DIR / f"storage-{driver}"
    storage_conf = CONFIG_DIR / f"storage-{driver}.conf"
    _write_if_changed(
        storage_conf,
        "# Written by tests/realbuild.py.\n"
        f'[storage]\ndriver = "{driver}"\ngraphroot = "{root}"\nrunroot = "{runroot}"\n',
    )
    env = {
        **os.environ,
        "CONTAINERS_REGISTRIES_CONF": str(CONFIG_DIR / "registries.conf"),
        "CONTAINERS_STORAGE_CONF": str(storage_conf),
        "BUILDAH_ISOLATION": "chroot",
    }
    env.pop("STORAGE_DRIVER", None)
    env.pop("STORAGE_OPTS", None)
    return _Config(driver=driver, root=root, runroot=runroot, policy=policy, env=env)


def _probe_driver(cfg: _Config) -> str | None:
    """Return ``None`` if a scratch container can be created and mounted with ``cfg``'s driver."""
    base = ["buildah", "--root", str(cfg.root), "--runroot", str(cfg.runroot), "--storage-driver", cfg.driver]
    try:
        ctr = _run(
            [*base, "from", "--signature-policy", str(cfg.policy), "--pull=never", "scratch"],
            timeout=SHORT_TIMEOUT,
            env=cfg.env,
        ).stdout.strip()
    except RealBuildError as exc:
        return str(exc)
    try:
        mnt = _run([*base, "mount", ctr], timeout=SHORT_TIMEOUT, env=cfg.env).stdout.strip()
        probe = Path(mnt) / "probe"
        probe.write_text("ok")
        probe.unlink()
        _run([*base, "umount", ctr], timeout=SHORT_TIMEOUT, env=cfg.env)
        return None
    except (RealBuildError, OSError) as exc:
        return str(exc)
    finally:
        _run([*base, "rm", ctr], timeout=SHORT_TIMEOUT, env=cfg.env, check=False)


def _config() -> _Config:
    ensure_tools()
    assert _CONFIG is not None
    return _CONFIG


def buildah_argv() -> list[str]:
    """``buildah`` plus the global flags that select this module's storage."""
    cfg = _config()
    return ["buildah", "--root", str(cfg.root), "--runroot", str(cfg.runroot), "--storage-driver", cfg.driver]


def buildah_env() -> dict[str, str]:
    """Environment for running buildah against this module's config and storage."""
    return dict(_config().env)


def storage_driver() -> str:
    """The storage driver in use (``overlay`` or ``vfs``)."""
    return _config().driver


def buildah(*args: str, timeout: float = SHORT_TIMEOUT, check: bool = True) -> str:
    """Run ``buildah ARGS`` against this module's storage and return its stdout."""
    return _run([*buildah_argv(), *args], timeout=timeout, env=buildah_env(), check=check).stdout


def _write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text() == text:
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------------
# images


def _inspect_image(ref: str) -> dict | None:
    proc = _run(
        [*buildah_argv(), "inspect", "--type", "image", ref], timeout=SHORT_TIMEOUT, env=buildah_env(), check=False
    )
    if proc.returncode != 0:
        return None
    return json.loads(proc.stdout)


def image_exists(ref: str) -> bool:
    """Whether ``ref`` (name or ID) is in local storage."""
    return _inspect_image(ref) is not None


def image_size(ref: str) -> int:
    """Uncompressed size in bytes of ``ref``: the sum of its layers (what ``docker images`` shows)."""
    return sum(_layer_sizes(ref))


def _layer_sizes(ref: str) -> list[int]:
    data = _inspect_image(ref)
    if data is None:
        raise RealBuildError(f"image not found in local storage: {ref}")
    manifest = json.loads(data["Manifest"])
    # Images committed to containers-storage record uncompressed layer sizes in the manifest.
    return [int(layer["size"]) for layer in manifest.get("layers", [])]


def _image_labels(ref: str) -> dict[str, str]:
    data = _inspect_image(ref) or {}
    return (data.get("OCIv1", {}).get("config", {}) or {}).get("Labels") or {}


def cleanup(tag: str, *, prune: bool = False) -> None:
    """Remove image ``tag`` (no error if absent); with ``prune``, also remove dangling images."""
    _run([*buildah_argv(), "rmi", "-f", tag], timeout=SHORT_TIMEOUT, env=buildah_env(), check=False)
    if prune:
        _run([*buildah_argv(), "rmi", "--prune"], timeout=SHORT_TIMEOUT, env=buildah_env(), check=False)


# --------------------------------------------------------------------------------------------
# base image


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
    raise RealBuildError(
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
    proc = _run(["dpkg-query", "-S", *map(str, paths)], timeout=SHORT_TIMEOUT, check=False)
    for line in proc.stdout.splitlines():
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
        _run(["umount", "-l", mnt], timeout=SHORT_TIMEOUT, check=False)
    if _mounts_under(path):
        raise RealBuildError(f"refusing to delete {path}: still has mounts {_mounts_under(path)}")
    _run(["rm", "-rf", "--one-file-system", str(path)], timeout=SHORT_TIMEOUT * 5)


def _rootfs_tarball(suite: str, mirror: str, include: Sequence[str]) -> Path:
    """Cached, slimmed ``debootstrap --variant=minbase`` rootfs as a tar (host config not included)."""
    key = hashlib.sha256(json.dumps([RECIPE_VERSION, suite, mirror, sorted(include)]).encode()).hexdigest()[:16]
    tarball = CACHE_DIR / "rootfs" / f"debian-{suite}-minbase-{key}.tar"
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
        _run(argv, timeout=DEBOOTSTRAP_TIMEOUT, merge_stderr=True, what="debootstrap")
        _slim(rootfs)
        partial = work / "rootfs.tar"
        _run(
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
    tag: str = DEFAULT_BASE_TAG,
    *,
    aliases: Sequence[str] = DEFAULT_BASE_ALIASES,
    suite: str = "bookworm",
    include: Sequence[str] = (),
    rebuild: bool = False,
) -> str:
    """Make sure ``tag`` (a Debian ``suite`` slim image) and ``aliases`` are in local storage.

    Built from a cached debootstrap minbase rootfs (first run: ~30 s of debootstrap; later runs
    reuse ``/var/cache/dockmod-tests/rootfs``), slimmed like the official image, plus the host's
    apt sources, local apt.conf.d settings and extra CA certificates.  ``ca-certificates`` is
    not preinstalled (the real slim image lacks it too); the extra CAs sit in
    /usr/local/share/ca-certificates, so a Dockerfile that installs ca-certificates trusts them.
    ``include`` adds packages to the debootstrap run.  Returns ``tag``.
    """
    _config()
    with _lock("base-image"):
        wanted = {RECIPE_LABEL: _image_recipe(suite, include)}
        if not rebuild and image_exists(tag) and all(_image_labels(tag).get(k) == v for k, v in wanted.items()):
            _tag_aliases(tag, aliases)
            return tag
        old = _inspect_image(tag)
        mirror = _debian_mirror(suite)
        tarball = _rootfs_tarball(suite, mirror, include)
        _assemble_image(tarball, tag, suite, mirror, wanted)
        _tag_aliases(tag, aliases)
        if old is not None:  # drop the superseded image unless something still uses it
            buildah("rmi", old["FromImageID"], check=False)
    return tag


def _image_recipe(suite: str, include: Sequence[str]) -> str:
    host = json.dumps([_sources_file(suite, "-"), _host_apt_conf_files(), sorted(_host_ca_certs())])
    return f"{RECIPE_VERSION}:{suite}:{','.join(sorted(include))}:{hashlib.sha256(host.encode()).hexdigest()[:12]}"


def _tag_aliases(tag: str, aliases: Sequence[str]) -> None:
    names = [a for a in aliases if a != tag]
    if names:
        buildah("tag", tag, *names)


def _assemble_image(tarball: Path, tag: str, suite: str, mirror: str, labels: Mapping[str, str]) -> None:
    cfg = _config()
    ctr = buildah("from", "--signature-policy", str(cfg.policy), "--pull=never", "scratch").strip()
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
        _run(
            [
                *buildah_argv(), "run", "--isolation", "chroot", "--network", "host", ctr, "--",
                "sh", "-c", "if command -v update-ca-certificates >/dev/null; then update-ca-certificates; fi",
            ],
            timeout=RUN_TIMEOUT,
            env=cfg.env,
            what="update-ca-certificates in base image",
        )  # fmt: skip
        config_args = ["--env", f"PATH={IMAGE_PATH}", "--cmd", '["bash"]', "--os", "linux", "--arch", _oci_arch()]
        for k, v in labels.items():
            config_args += ["--label", f"{k}={v}"]
        buildah("config", *config_args, ctr)
        buildah("commit", "--signature-policy", str(cfg.policy), "--format", "docker", "--rm", ctr, tag,
                timeout=SHORT_TIMEOUT * 5)  # fmt: skip
        ctr = ""
    finally:
        if ctr:
            buildah("rm", ctr, check=False)


def _oci_arch() -> str:
    machine = platform.machine()
    return {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm"}.get(machine, machine)


# --------------------------------------------------------------------------------------------
# build and run


@dataclass
class BuildResult:
    """Outcome of :func:`build`."""

    ok: bool
    returncode: int
    tag: str
    image_id: str | None
    size_bytes: int
    layer_sizes: list[int] = field(default_factory=list)
    duration_s: float = 0.0
    log: str = ""

    @property
    def log_tail(self) -> str:
        """The last 40 lines of the build log."""
        return _tail(self.log, 40)


def build(
    context_dir: str | os.PathLike[str],
    dockerfile: str | os.PathLike[str] = "Dockerfile",
    tag: str = "localhost/dockmod-realbuild:latest",
    *,
    build_args: Mapping[str, str] | None = None,
    target: str | None = None,
    layers: bool = False,
    extra_args: Sequence[str] = (),
    timeout: float = BUILD_TIMEOUT,
) -> BuildResult:
    """Build ``dockerfile`` (relative to ``context_dir`` unless absolute) as ``tag`` with buildah.

    Never pulls: every ``FROM`` must already be in local storage (see :func:`ensure_base_image`).
    ``RUN`` steps use chroot isolation and the host network.  A failed build returns
    ``ok=False`` with the log; only infrastructure problems (timeout, missing buildah) raise.
    ``layers=True`` caches intermediate layers like ``docker build`` does (faster reruns).
    """
    cfg = _config()
    context = Path(context_dir)
    df = Path(dockerfile)
    if not df.is_absolute():
        df = context / df
    if not df.is_file():
        raise RealBuildError(f"Dockerfile not found: {df}")
    with tempfile.TemporaryDirectory(prefix="dockmod-iid-") as tmp:
        iidfile = Path(tmp) / "iid"
        argv = [
            *buildah_argv(), "bud",
            "--isolation", "chroot",
            "--network", "host",
            "--pull=never",
            "--format", "docker",
            "--signature-policy", str(cfg.policy),
            "--force-rm",
            f"--layers={'true' if layers else 'false'}",
            "--iidfile", str(iidfile),
            "-f", str(df),
            "-t", tag,
        ]  # fmt: skip
        for k, v in (build_args or {}).items():
            argv += ["--build-arg", f"{k}={v}"]
        if target:
            argv += ["--target", target]
        argv += [*extra_args, str(context)]
        proc = _run(argv, timeout=timeout, env=cfg.env, check=False, merge_stderr=True, what=f"build {tag}")
        image_id = iidfile.read_text().strip() if iidfile.is_file() else None
    ok = proc.returncode == 0 and image_id is not None
    sizes = _layer_sizes(tag) if ok else []
    return BuildResult(
        ok=ok,
        returncode=proc.returncode,
        tag=tag,
        image_id=image_id,
        size_bytes=sum(sizes),
        layer_sizes=sizes,
        duration_s=proc.duration,
        log=proc.stdout,
    )


def run_in_image(
    tag: str,
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    user: str | None = None,
    workdir: str | None = None,
    merge_stderr: bool = False,
    timeout: float = RUN_TIMEOUT,
) -> tuple[int, str]:
    """Run ``argv`` in a throwaway container of image ``tag``; return ``(exit code, stdout)``.

    The image's ENTRYPOINT/CMD are not used: ``argv`` is run directly (with the image's ENV,
    USER and WORKDIR unless overridden).  Uses chroot isolation and the host network.
    """
    cfg = _config()
    ctr = buildah("from", "--signature-policy", str(cfg.policy), "--pull=never", tag).strip()
    try:
        cmd = [*buildah_argv(), "run", "--isolation", "chroot", "--network", "host"]
        for k, v in (env or {}).items():
            cmd += ["--env", f"{k}={v}"]
        if user:
            cmd += ["--user", user]
        if workdir:
            cmd += ["--workingdir", workdir]
        proc = _run([*cmd, ctr, "--", *argv], timeout=timeout, env=cfg.env, check=False, merge_stderr=merge_stderr)
        return proc.returncode, proc.stdout
    finally:
        buildah("rm", ctr, check=False)
