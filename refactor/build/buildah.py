"""The buildah backend: daemonless builds (``buildah bud``, chroot isolation) and runs (``buildah run``).

chroot isolation shares the host's network namespace, so every container started here runs under
``unshare --net --fork`` with its loopback up: apps listening on 80/3000/8080 never collide with
each other or the host, and probes reach ``127.0.0.1:PORT`` from inside that namespace (``nsenter``).

Two storage modes. By default buildah's own storage and configuration are used. With a
``state_dir`` (``DOCKMOD_BUILDAH_STATE`` for the command line; the tests use ``/var/lib/dockmod-tests``)
the backend keeps a private store there and writes its own registries.conf (short names resolve
to docker.io), policy.json and storage.conf under ``cache_dir``, picking ``overlay`` if it really
mounts here, else ``vfs`` (``DOCKMOD_STORAGE_DRIVER`` forces one), so parallel users of the
machine never share a store. Builds never pull unless ``pull=True``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from refactor.build import proc
from refactor.build.base import (
    BUILD_TIMEOUT,
    RUN_TIMEOUT,
    SHORT_TIMEOUT,
    Builder,
    BuildError,
    BuildResult,
    Container,
    ExecResult,
    ImageConfig,
    parse_proc_status_uid,
)

# Brings the new namespace's loopback up and, as Docker >= 20.10 does in every container, lets unprivileged
# processes bind ports below 1024 there (net.ipv4.ip_unprivileged_port_start=0); then execs the rest of argv.
_LO_UP = (
    "import contextlib, fcntl, os, socket, struct, sys\n"
    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
    "flags = struct.unpack('16sH22x', fcntl.ioctl(s, 0x8913, struct.pack('16sH22x', b'lo', 0)))[1]\n"
    "fcntl.ioctl(s, 0x8914, struct.pack('16sH22x', b'lo', flags | 1))\n"
    "with contextlib.suppress(OSError), open('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'w') as f:\n"
    "    f.write('0')\n"
    "os.execvp(sys.argv[1], sys.argv[1:])\n"
)
_PORT_PROBE = "import socket, sys\nsocket.create_connection(('127.0.0.1', int(sys.argv[1])), 2).close()\n"


@dataclass(frozen=True)
class _Storage:
    driver: str | None
    root: Path | None
    runroot: Path | None
    policy: Path | None
    env: dict[str, str]

    def argv(self) -> list[str]:
        if self.root is None:
            return ["buildah"]
        return ["buildah", "--root", str(self.root), "--runroot", str(self.runroot), "--storage-driver",
                str(self.driver)]


class BuildahBuilder(Builder):
    name = "buildah"

    def __init__(self, state_dir: Path | None = None, cache_dir: Path | None = None, run_dir: Path | None = None,
                 *, pull: bool = False) -> None:
        self.state_dir = state_dir
        self.cache_dir = cache_dir or (state_dir / "cache" if state_dir else None)
        self.run_dir = run_dir or (Path("/run") / f"dockmod-{state_dir.name}" if state_dir else None)
        self.pull = pull
        self._storage: _Storage | None = None

    @classmethod
    def from_env(cls, *, pull: bool = False) -> BuildahBuilder:
        """Private storage under ``$DOCKMOD_BUILDAH_STATE`` if set, else buildah's defaults."""
        state = os.environ.get("DOCKMOD_BUILDAH_STATE")
        if not state:
            return cls(pull=pull)
        cache = os.environ.get("DOCKMOD_BUILDAH_CACHE")
        run = os.environ.get("DOCKMOD_BUILDAH_RUN")
        return cls(Path(state), Path(cache) if cache else None, Path(run) if run else None, pull=pull)

    # ----------------------------------------------------------------------------------------
    # configuration

    def problem(self) -> str | None:
        if not sys.platform.startswith("linux"):
            return "buildah needs Linux"
        if shutil.which("buildah") is None:
            return "buildah not found on PATH"
        if shutil.which("unshare") is None or shutil.which("nsenter") is None:
            return "buildah runs need unshare and nsenter (util-linux)"
        if os.geteuid() != 0:
            return "buildah with chroot isolation needs root here"
        return None

    def storage(self) -> _Storage:
        """The storage in use; the first call in private mode writes the config and probes the driver."""
        if self._storage is not None:
            return self._storage
        problem = self.problem()
        if problem:
            raise BuildError(problem)
        if self.state_dir is None:
            self._storage = _Storage(None, None, None, None, {**os.environ, "BUILDAH_ISOLATION": "chroot"})
            return self._storage
        assert self.cache_dir is not None and self.run_dir is not None
        config_dir = self.cache_dir / "containers"
        with proc.file_lock(self.cache_dir, "tools"):
            config_dir.mkdir(parents=True, exist_ok=True)
            proc.write_if_changed(
                config_dir / "registries.conf",
                "# Written by dockmod (refactor/build/buildah.py).  Builds use --pull=never unless asked.\n"
                'unqualified-search-registries = ["docker.io"]\n'
                'short-name-mode = "permissive"\n',
            )
            policy = config_dir / "policy.json"
            policy_json = json.dumps({"default": [{"type": "insecureAcceptAnything"}]}, indent=2) + "\n"
            proc.write_if_changed(policy, policy_json)
            forced = os.environ.get("DOCKMOD_STORAGE_DRIVER")
            errors: list[str] = []
            for driver in [forced] if forced else ["overlay", "vfs"]:
                candidate = self._private(config_dir, driver, policy)
                problem = _probe_driver(candidate)
                if problem is None:
                    self._storage = candidate
                    return candidate
                errors.append(f"{driver}: {problem}")
        raise BuildError("no usable buildah storage driver:\n" + "\n".join(errors))

    def _private(self, config_dir: Path, driver: str, policy: Path) -> _Storage:
        assert self.state_dir is not None and self.run_dir is not None
        # One storage root per driver: containers/storage refuses to open a root made by another driver.
        root = self.state_dir / f"storage-{driver}"
        runroot = self.run_dir / f"storage-{driver}"
        conf = config_dir / f"storage-{driver}.conf"
        proc.write_if_changed(
            conf, "# Written by dockmod (refactor/build/buildah.py).\n"
            f'[storage]\ndriver = "{driver}"\ngraphroot = "{root}"\nrunroot = "{runroot}"\n',
        )
        env = {**os.environ, "CONTAINERS_REGISTRIES_CONF": str(config_dir / "registries.conf"),
               "CONTAINERS_STORAGE_CONF": str(conf), "BUILDAH_ISOLATION": "chroot"}
        env.pop("STORAGE_DRIVER", None)
        env.pop("STORAGE_OPTS", None)
        return _Storage(driver, root, runroot, policy, env)

    def argv(self) -> list[str]:
        """``buildah`` plus the global flags that select this builder's storage."""
        return self.storage().argv()

    def env(self) -> dict[str, str]:
        return dict(self.storage().env)

    def policy_args(self) -> list[str]:
        policy = self.storage().policy
        return ["--signature-policy", str(policy)] if policy else []

    def buildah(self, *args: str, timeout: float = SHORT_TIMEOUT, check: bool = True) -> str:
        """Run ``buildah ARGS`` against this builder's storage and return its stdout."""
        return proc.run([*self.argv(), *args], timeout=timeout, env=self.env(), check=check).stdout

    # ----------------------------------------------------------------------------------------
    # images

    def build(self, context: str | os.PathLike[str], dockerfile: str | os.PathLike[str], tag: str, *,
              build_args: Mapping[str, str] | None = None, target: str | None = None, layers: bool = True,
              timeout: float = BUILD_TIMEOUT, extra_args: Sequence[str] = ()) -> BuildResult:
        ctx = Path(context)
        df = Path(dockerfile)
        if not df.is_absolute():
            df = ctx / df
        if not df.is_file():
            raise BuildError(f"Dockerfile not found: {df}")
        with tempfile.TemporaryDirectory(prefix="dockmod-iid-") as tmp:
            iidfile = Path(tmp) / "iid"
            argv = [*self.argv(), *bud_args(df, tag, iidfile, build_args, target, layers, self.pull),
                    *self.policy_args(), *extra_args, str(ctx)]
            result = proc.run(argv, timeout=timeout, env=self.env(), check=False, merge_stderr=True,
                              what=f"build {tag}")
            image_id = iidfile.read_text().strip() if iidfile.is_file() else None
        ok = result.returncode == 0 and image_id is not None
        sizes = self.layer_sizes(tag) if ok else []
        return BuildResult(ok, result.returncode, tag, image_id, sum(sizes), sizes, result.duration, result.stdout)

    def inspect_raw(self, ref: str) -> dict | None:
        result = proc.run([*self.argv(), "inspect", "--type", "image", ref], timeout=SHORT_TIMEOUT, env=self.env(),
                          check=False)
        return json.loads(result.stdout) if result.returncode == 0 else None

    def inspect(self, ref: str) -> ImageConfig | None:
        data = self.inspect_raw(ref)
        return None if data is None else parse_inspect(data)

    def layer_sizes(self, ref: str) -> list[int]:
        data = self.inspect_raw(ref)
        if data is None:
            raise BuildError(f"image not found in local storage: {ref}")
        return _layer_sizes(data)

    def remove_image(self, ref: str) -> None:
        self.buildah("rmi", "-f", ref, check=False)

    def prune(self) -> None:
        self.buildah("rmi", "--prune", check=False)

    # ----------------------------------------------------------------------------------------
    # containers

    def _from(self, ref: str) -> str:
        name = f"dockmod-{uuid.uuid4().hex[:12]}"
        return self.buildah("from", *self.policy_args(), "--pull=never", "--name", name, ref).strip()

    def _run_argv(self, ctr: str, argv: Sequence[str], *, user: str | None = None, workdir: str | None = None,
                  env: Mapping[str, str] | None = None) -> list[str]:
        cmd = [*self.argv(), "run", "--isolation", "chroot", "--network", "host"]
        for k, v in (env or {}).items():
            cmd += ["--env", f"{k}={v}"]
        if user:
            cmd += ["--user", user]
        if workdir:
            cmd += ["--workingdir", workdir]
        return [*cmd, ctr, "--", *argv]

    def start(self, ref: str, *, log_path: Path | None = None, publish: Sequence[int] = ()) -> Container:
        del publish  # the container has a network namespace of its own; probes enter it
        config = self.inspect(ref)
        if config is None:
            raise BuildError(f"image not found in local storage: {ref}")
        if not config.argv:
            raise BuildError(f"{ref}: the image has neither ENTRYPOINT nor CMD")
        handed = self._stdio_handover(ref, config.user)
        ctr = self._from(ref)
        if handed is None:
            inner = self._run_argv(ctr, config.argv, user=config.user or None, workdir=config.workdir or None)
        else:
            inner = self._run_argv(ctr, ["/bin/sh", "-c", _HAND_STDIO, config.user, handed[1], *config.argv],
                                   user="0:0", workdir=config.workdir or None, env={"HOME": handed[0]})
        argv = ["unshare", "--net", "--fork", "--", sys.executable, "-c", _LO_UP, *inner]
        log = log_path or Path(tempfile.mkstemp(prefix="dockmod-ctr-", suffix=".log")[1])
        with open(log, "wb") as out:
            popen = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                     env=self.env(), start_new_session=True)
        return Container(ctr, ref, config, log, popen, temp_log=log_path is None)

    def _stdio_handover(self, ref: str, user: str) -> tuple[str, str] | None:
        """``(HOME, supplementary gids)`` a ``uid:gid`` user gets in ``ref``, when the image has the shell, chown and
        setpriv that hand the container's stdio to it (see ``_HAND_STDIO``); None for root or without them."""
        uid, _, gid = (user or "").partition(":")
        if not uid or not gid or uid in ("0", "root"):
            return None
        result = self.run(ref, ["/bin/sh", "-c", 'command -v setpriv chown >/dev/null && printf "%s\\n" "$HOME" '
                                "&& id -G | tr ' ' ,"], user=user, isolated=False, timeout=SHORT_TIMEOUT)
        lines = result.output.splitlines()
        return (lines[0], lines[1]) if result.returncode == 0 and len(lines) == 2 else None

    def _netns(self, ctr: Container) -> list[str]:
        return ["nsenter", f"--net=/proc/{ctr.handle.pid}/ns/net", "--"]

    def exec(self, ctr: Container, argv: Sequence[str], *, user: str | None = None,
             timeout: float = RUN_TIMEOUT) -> ExecResult:
        if self.exit_code(ctr) is not None:
            return ExecResult(-1, "container is not running")
        cmd = [*self._netns(ctr), *self._run_argv(ctr.id, argv, user=user or ctr.config.user or None)]
        try:
            result = proc.run(cmd, timeout=timeout, env=self.env(), check=False, merge_stderr=True, what="exec")
        except BuildError as exc:  # a probe that hangs past its timeout is a failed probe
            return ExecResult(-1, str(exc), timeout)
        return ExecResult(result.returncode, result.stdout, result.duration)

    def exit_code(self, ctr: Container) -> int | None:
        return ctr.handle.poll()

    def main_pid(self, ctr: Container, wait: float = 5) -> int | None:
        """The container's main process on the host: the top-most chrooted descendant of its namespace."""
        deadline = time.monotonic() + wait
        while True:
            pid = _chrooted_descendant(ctr.handle.pid)
            if pid is not None or time.monotonic() > deadline or self.exit_code(ctr) is not None:
                return pid
            time.sleep(0.2)

    def main_uid(self, ctr: Container) -> int | None:
        pid = self.main_pid(ctr)
        if pid is None:
            return None
        try:
            return parse_proc_status_uid(Path(f"/proc/{pid}/status").read_text())
        except OSError:
            return None

    def port_open(self, ctr: Container, port: int) -> bool:
        if self.exit_code(ctr) is not None:
            return False
        result = proc.run([*self._netns(ctr), sys.executable, "-c", _PORT_PROBE, str(port)], timeout=SHORT_TIMEOUT,
                          check=False)
        return result.returncode == 0

    def logs(self, ctr: Container) -> str:
        try:
            return Path(ctr.log_path).read_text(errors="replace") if ctr.log_path else ""
        except OSError:
            return ""

    def stop(self, ctr: Container, grace: float = 10) -> None:
        try:
            if self.exit_code(ctr) is None:
                pid = self.main_pid(ctr, wait=0)
                sig = _signal_number(ctr.config.stop_signal)
                if pid is not None:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(pid, sig)
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        ctr.handle.wait(timeout=grace)
                proc.kill_group(ctr.handle, grace=5)
        finally:
            self.buildah("rm", ctr.id, check=False)
            if ctr.temp_log and ctr.log_path:
                Path(ctr.log_path).unlink(missing_ok=True)

    def run(self, ref: str, argv: Sequence[str], *, user: str | None = None, env: Mapping[str, str] | None = None,
            workdir: str | None = None, isolated: bool = True, timeout: float = RUN_TIMEOUT,
            merge_stderr: bool = False) -> ExecResult:
        ctr = self._from(ref)
        try:
            cmd = self._run_argv(ctr, argv, user=user, workdir=workdir, env=env)
            if isolated:
                cmd = ["unshare", "--net", "--fork", "--", sys.executable, "-c", _LO_UP, *cmd]
            result = proc.run(cmd, timeout=timeout, env=self.env(), check=False, merge_stderr=merge_stderr)
            return ExecResult(result.returncode, result.stdout, result.duration)
        finally:
            self.buildah("rm", ctr, check=False)


# runc hands PID 1's stdio to the container's user (libcontainer ``fixStdioPermissions``); buildah's chroot isolation
# leaves its stdio pipes root's (0600), so a non-root nginx or Apache could not reopen /dev/stderr, the path its log
# links to. Start such a process as root, give it the pipes, then drop to the user (same HOME and groups).
_HAND_STDIO = ('chown "$0" /proc/self/fd/1 /proc/self/fd/2 && user="$0" groups="$1" && shift '
               '&& exec setpriv --reuid="${user%%:*}" --regid="${user#*:}" --groups="$groups" -- "$@"')


def bud_args(dockerfile: Path, tag: str, iidfile: Path, build_args: Mapping[str, str] | None, target: str | None,
             layers: bool, pull: bool) -> list[str]:
    """``buildah bud`` arguments (after the global storage flags, before the policy and the context)."""
    argv = ["bud", "--isolation", "chroot", "--network", "host", f"--pull={'missing' if pull else 'never'}",
            "--format", "docker", "--force-rm", f"--layers={'true' if layers else 'false'}", "--iidfile", str(iidfile),
            "-f", str(dockerfile), "-t", tag]
    for k, v in (build_args or {}).items():
        argv += ["--build-arg", f"{k}={v}"]
    if target:
        argv += ["--target", target]
    return argv


def parse_inspect(data: Mapping) -> ImageConfig:
    """An :class:`ImageConfig` from ``buildah inspect --type image`` JSON."""
    config = (data.get("Docker") or {}).get("config") or (data.get("OCIv1") or {}).get("config") or {}
    sizes = _layer_sizes(data)
    return ImageConfig.from_docker_config(config, size_bytes=sum(sizes), layers=len(sizes),
                                          image_id=data.get("FromImageID") or "")


def _layer_sizes(data: Mapping) -> list[int]:
    # Images committed to containers-storage record uncompressed layer sizes in the manifest.
    manifest = json.loads(data.get("Manifest") or "{}")
    return [int(layer["size"]) for layer in manifest.get("layers", []) if "size" in layer]


def _probe_driver(storage: _Storage) -> str | None:
    """``None`` if a scratch container can be created and mounted with ``storage``'s driver."""
    base = storage.argv()
    try:
        ctr = proc.run([*base, "from", "--signature-policy", str(storage.policy), "--pull=never", "scratch"],
                       timeout=SHORT_TIMEOUT, env=storage.env).stdout.strip()
    except BuildError as exc:
        return str(exc)
    try:
        mnt = proc.run([*base, "mount", ctr], timeout=SHORT_TIMEOUT, env=storage.env).stdout.strip()
        probe = Path(mnt) / "probe"
        probe.write_text("ok")
        probe.unlink()
        proc.run([*base, "umount", ctr], timeout=SHORT_TIMEOUT, env=storage.env)
        return None
    except (BuildError, OSError) as exc:
        return str(exc)
    finally:
        proc.run([*base, "rm", ctr], timeout=SHORT_TIMEOUT, env=storage.env, check=False)


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def _chrooted_descendant(top: int) -> int | None:
    """Breadth-first: the first descendant of ``top`` whose root is not the host's (chroot isolation)."""
    kids = _children()
    queue = sorted(kids.get(top, []))
    while queue:
        pid = queue.pop(0)
        try:
            # buildah-chroot-exec is chrooted too but only forks the command: skip the wrapper.
            if os.readlink(f"/proc/{pid}/root") != "/" and not _cmdline(pid).startswith("buildah-chroot"):
                return pid
        except OSError:
            continue
        queue += sorted(kids.get(pid, []))
    return None


def _cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")


def _signal_number(name: str) -> int:
    name = (name or "SIGTERM").upper()
    if name.isdigit():
        return int(name)
    try:
        return int(signal.Signals[name if name.startswith("SIG") else "SIG" + name])
    except KeyError:
        return int(signal.SIGTERM)
