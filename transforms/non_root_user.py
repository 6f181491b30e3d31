"""
What it does
    Makes the final stage (the image ``docker build`` produces by default) run as a non-root user when it
    has no USER or ends as root. It reuses a user that already exists — the official ``node`` images'
    ``node``, the .NET 8+ images' ``app`` (uid 1654; their chiseled variants already run as it), a user
    an earlier ``USER`` switched to, or one a RUN creates but never switches to; on
    ``scratch`` and distroless it uses the numeric ``65532:65532``; when the stage already hands its files
    to one user with ``COPY --chown``/``chown`` (``nobody``: ``65534:65534``, or a uid) it switches to that
    user; otherwise it creates a system user
    and group (``app``, uid/gid 1001) with the tool of the base's family — ``addgroup -S``/``adduser -S``
    on Alpine and BusyBox, ``groupadd --system``/``useradd --system --no-log-init`` on Debian, Ubuntu
    and RHEL/UBI. The family comes from the image name, the package manager the stage uses, or the
    parent stage. The app directory stays writable without a ``chown -R`` layer: COPY/ADD into the
    WORKDIR get ``--chown``, and the WORKDIR itself, the VOLUMEs declared before, the data directories an
    ENV names (``DATA_DIR``, ``*_LOG_DIR``, ``*_STORAGEDIR``) and the ``--*-dir``/``--datadir`` options of
    the CMD/ENTRYPOINT name are created (``mkdir -p``: BuildKit does not create VOLUME paths) and chowned,
    non-recursively, in the RUN that creates the user. The user RUN and ``USER`` go after the last
    RUN/COPY/ADD, just before CMD/ENTRYPOINT.

    It skips, with the reason, an image that would break as non-root: a privileged port (< 1024)
    exposed, a base that must run as root (``docker:dind``, kaniko) or starts as root and drops
    privileges itself (nginx, postgres, an entrypoint with gosu/su-exec), a process manager or daemon
    that needs root (supervisord, sshd, cron, s6 ``/init``), a base image meant to be extended (ONBUILD,
    official ``docker-*-entrypoint`` images), an app (WORKDIR, VOLUME or an ENV path) under ``/root``,
    packet capture, firewall, tracing and NFS/VPN tools, supervisors and system daemons (monit,
    dbus-daemon, avahi, salt), daemons whose packaged config switches to their own user (radiusd, mpd),
    programs installed under /root (``cabal install``, ``pip install --user``, ``pipx``, ``ENV
    PATH=/root/…``), bcc/WireGuard-module source builds, a Windows image (nanoserver, servercore, .NET's
    ``*-nanoserver-*`` tags: no uid, chown or useradd there), and a ``USER root`` that the
    author explains with a comment directly above it.

Why
    A process running as root in a container is root on the host's kernel: a container escape or a
    writable host mount gives full control. CIS Docker Benchmark 4.1, hadolint DL3002, Kubernetes'
    ``runAsNonRoot``. A created user is switched to by numeric ``uid:gid`` so that ``runAsNonRoot``
    can verify it; ``COPY --chown`` uses the numbers too because the user is created after the COPYs.

Example
    Before::

        FROM python:3.12-slim
        WORKDIR /app
        COPY . .
        CMD ["python", "app.py"]

    After::

        FROM python:3.12-slim
        WORKDIR /app
        COPY --chown=1001:1001 . .
        RUN groupadd --system --gid 1001 app \\
            && useradd --system --no-log-init --uid 1001 --gid app app \\
            && chown app:app /app
        USER 1001:1001
        CMD ["python", "app.py"]

Fix safety
    review: the process loses root. Anything it writes outside the app directory and its volumes
    (``/var/run``, ``/etc``, a root-owned file RUN created in the WORKDIR) now fails with EACCES, and
    volumes created by older containers keep root ownership. Options: ``uid``, ``gid`` (1001),
    ``user``, ``group`` (``app``).
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Iterable

from refactor.document import Document, Instruction, Stage
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.images import (
    ALPINE,
    BUSYBOX,
    DEBIAN,
    DISTROLESS,
    RHEL,
    SCRATCH,
    ImageRef,
    bundled_user,
    has_shell,
    installed_packages,
    must_run_as_root,
    stage_family,
)
from refactor.passes import Context, Pass, Result
from refactor.shell import shell_of
from refactor.shells import windows_stage
from refactor.stages import lineage_instructions, start_command
from transforms._ports import (
    command_programs,
    command_words,
    continued,
    entry_point,
    exposed_ports,
    extension_base_reason,
    image_ref,
    insert_lines,
    resolve,
)

NUMERIC_NONROOT = "65532:65532"  # distroless ``nonroot``; numeric so scratch needs no /etc/passwd

# Bases that already run as a non-root user: nothing to do.
_NONROOT_BASE = re.compile(r"(^|/)bitnami/|-unprivileged$|(^|/)jenkins/|(^|/)grafana/grafana|sonarqube|"
                           r"elasticsearch|kibana|logstash|^docker\.elastic\.co/|^cgr\.dev/|chainguard/")
# Bases that start as root on purpose: they bind port 80/443 or drop privileges in their entrypoint.
_ROOT_SERVICE_BASES = frozenset({
    "nginx", "httpd", "caddy", "traefik", "haproxy", "wordpress", "drupal", "joomla", "nextcloud",
    "postgres", "mysql", "mariadb", "percona", "redis", "mongo", "rabbitmq", "ghost", "cassandra",
    "couchdb", "memcached", "tomcat", "phusion/baseimage", "linuxserver",
})
# Programs that need root to do their job.
_ROOT_PROGRAMS = frozenset({
    "supervisord", "init", "systemd", "s6-svscan", "runsvdir", "my_init", "cron", "crond", "sshd",
    "dockerd", "openvpn", "iptables", "xinetd", "inetd", "rsyslogd", "syslog-ng", "dnsmasq", "named",
    "postfix", "dovecot", "squid", "privoxy", "tor", "nginx", "httpd", "apache2-foreground",
    "apache2ctl", "apachectl", "php-fpm", "mysqld", "postgres", "redis-server", "wg-quick", "openconnect",
    # raw sockets, packet capture, tunnels and VPNs need root or CAP_NET_RAW/NET_ADMIN
    "tcpdump", "tshark", "nmap", "masscan", "zmap", "bro", "zeek", "hans", "iodine", "iodined", "ettercap",
    "arpspoof", "dsniff", "urlsnarf", "aircrack-ng", "airodump-ng", "kismet", "hostapd", "pptpd", "xl2tpd",
    "ipsec", "charon", "ocserv", "vpnserver", "tincd", "zerotier-one", "edge", "supernode", "fail2ban-server",
    "bettercap", "sslsplit", "tun2socks", "badvpn-tun2socks", "vpnc", "wireguard-go", "boringtun",
    # packet capture and IDS, firewalls, eBPF/ptrace tracers, disks and chroots, NFS, cgroup readers
    "snort", "suricata", "passivedns", "dnsmonster", "ntopng", "ipfm", "p0f", "arpwatch", "arp-scan", "iftop",
    "nethogs", "ferm", "shorewall", "ufw", "nft", "bpftrace", "perf", "sysdig", "ltrace", "gparted", "parted",
    "fdisk", "debootstrap", "ganesha.nfsd", "rpc.nfsd", "rpcbind", "cadvisor", "pppd", "pptp", "lkp",
    # process supervisors and system daemons that manage the machine; WireGuard and kernel modules
    "monit", "dbus-daemon", "avahi-daemon", "salt-master", "salt-minion", "ambari-server", "ambari-agent",
    "wg", "modprobe", "insmod",
})
# Daemons whose packaged config switches to the package's own user (``user = radius``); as another
# non-root user that switch fails and their files (``root:radius 0640``) are unreadable.
_SELF_SWITCHING = {"radiusd": "radius", "freeradius": "freerad", "mpd": "mpd"}
# Sources built in the image whose tools need root: eBPF tracers, WireGuard's kernel module.
_ROOT_SOURCES = re.compile(r"iovisor/(bcc|bpftrace|kubectl-trace)\b|wireguard-linux-compat")
# Packages whose presence means the image's job needs root (daemons that switch users, network admin).
_ROOT_PACKAGES = frozenset({
    "iptables", "ip6tables", "nftables", "openvpn", "wireguard-tools", "strongswan", "libreswan", "xl2tpd",
    "pptpd", "dsniff", "tcpdump", "nmap", "masscan", "aircrack-ng", "ettercap", "hostapd", "dnsmasq", "bind",
    "bind9", "unbound", "kismet", "tinc", "n2n", "ocserv", "iodine", "openconnect", "vpnc", "supervisor",
    "cron", "cronie", "openssh-server", "openssh", "dropbear", "docker", "docker-ce", "systemd", "s6",
    "runit", "fail2ban", "zeek", "bro", "tshark", "wireshark", "pure-ftpd", "vsftpd", "proftpd", "samba",
    "nfs-utils", "nfs-kernel-server", "postfix", "dovecot", "exim", "exim4", "squid", "privoxy", "tor",
    "docker-cli", "docker-ce-cli", "docker.io", "docker-compose",
    "nfs-ganesha", "ppp", "pptpclient", "pptp-linux", "bcc", "bcc-tools", "bpfcc-tools", "bpftrace", "snort",
    "snort3", "suricata", "ntopng", "passivedns", "ipfm", "ferm", "shorewall", "arpwatch", "p0f", "sysdig",
    "libvirt-clients", "libvirt-daemon", "qemu-kvm", "parted", "gparted", "debootstrap",
    "monit", "avahi", "avahi-daemon", "freeradius",
})
# ``COPY --from=<image>`` of the docker CLI: talking to the daemon socket needs root or the docker group.
_DOCKER_CLI_IMAGE = re.compile(r"(^|/)docker(:|$)")
# Tools an entrypoint uses to drop root itself; a USER before them breaks the drop.
_PRIVILEGE_DROP = re.compile(r"\b(gosu|su-exec|setpriv|chpst|s6-setuidgid|runuser|setuser|suexec)\b")
_BUNDLED = {"oven/bun": "bun", "denoland/deno": "deno"}
# .NET 8+ images (mcr.microsoft.com/dotnet/*) create the user and group ``app`` with uid/gid 1654 ($APP_UID):
# creating another ``app`` fails the build; their chiseled variants already run as it.
_DOTNET = re.compile(r"^mcr\.microsoft\.com/dotnet/")
_DOTNET_APP_IDS = "1654:1654"
# uid:gid of system users the distributions ship (Debian's nobody is in nogroup, 65534 too).
_SYSTEM_USER_IDS = {("nobody", ALPINE): "65534:65534", ("nobody", BUSYBOX): "65534:65534",
                    ("nobody", DEBIAN): "65534:65534", ("www-data", DEBIAN): "33:33", ("www-data", ALPINE): "82:82"}
# uid:gid of the users the official images create (node and bun: 1000, deno: 1993).
_BUNDLED_IDS = {"node": "1000:1000", "bun": "1000:1000", "deno": "1993:1993"}
# Directories (and trees) that are not an app's own and must stay root-owned.
_SYSTEM_TREES = ("/etc", "/bin", "/sbin", "/lib", "/lib64", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/libexec",
                 "/usr/share", "/usr/include", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib",
                 "/usr/local/share", "/proc", "/sys", "/dev", "/boot", "/root")
_SYSTEM_DIRS = frozenset({
    "/", "/bin", "/sbin", "/etc", "/lib", "/lib64", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib",
    "/usr/local", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib", "/usr/share", "/var", "/var/lib",
    "/var/log", "/var/run", "/run", "/opt", "/home", "/tmp", "/mnt", "/media", "/proc", "/sys", "/usr/src",
    "/usr/local/src", "/var/cache", "/var/spool", "/var/tmp",
    "/dev", "/boot", "/root",
})
# Trees a VOLUME there never makes the app's own.
_VOLUME_NEVER = ("/bin", "/sbin", "/lib", "/lib64", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/libexec", "/proc",
                 "/sys", "/dev", "/boot", "/root")
# Options of useradd/adduser (shadow, BusyBox, Debian) that take a value.
_USER_OPTS_WITH_VALUE = frozenset({
    "-b", "-c", "-d", "-e", "-f", "-g", "-G", "-k", "-K", "-p", "-s", "-u", "-Z", "-h", "-R", "-P",
    "--base-dir", "--comment", "--home-dir", "--home", "--expiredate", "--inactive", "--gid", "--groups",
    "--skel", "--key", "--password", "--shell", "--uid", "--root", "--prefix", "--selinux-user",
    "--gecos", "--ingroup", "--firstuid", "--lastuid", "--firstgid", "--lastgid", "--conf",
})


def _dotnet_app_user(img: ImageRef) -> bool:
    major = re.match(r"\d+", img.tag)
    return bool(_DOTNET.search(img.name) and major and int(major.group()) >= 8)


def _chiseled(img: ImageRef) -> bool:
    return "chiseled" in img.tag and _dotnet_app_user(img)


def _user_part(value: str) -> str:
    return value.split(":", 1)[0]


def _is_root(value: str) -> bool:
    return _user_part(value) in ("root", "0")


def _stage_of(doc: Document, ins: Instruction) -> Stage:
    return doc.stages[ins.stage_index]


def _commented(ins: Instruction) -> bool:
    """True when a comment line sits directly above the instruction."""
    lines = ins.doc.text[:ins.line_start].splitlines()
    return bool(lines) and lines[-1].strip().startswith("#")


def _created_user(argv: list[str]) -> str | None:
    """The login name a ``useradd``/``adduser`` command line creates, or None."""
    if argv and argv[0] == "sudo":
        argv = argv[1:]
    if not argv or argv[0].rsplit("/", 1)[-1] not in ("useradd", "adduser"):
        return None
    skip = False
    for arg in argv[1:]:
        if skip:
            skip = False
            continue
        if arg.startswith("-"):
            skip = arg in _USER_OPTS_WITH_VALUE
            continue
        return arg
    return None


def _created_uid(argv: list[str]) -> str | None:
    """The fixed uid a ``useradd -u N`` / ``adduser -u N`` command line gives, or None."""
    for k, arg in enumerate(argv[:-1]):
        if arg in ("-u", "--uid") and argv[k + 1].isdigit():
            return argv[k + 1]
    for arg in argv:
        if arg.startswith("--uid=") and arg[6:].isdigit():
            return arg[6:]
    return None


def _numeric_id(stage: Stage, name: str) -> str | None:
    """A numeric USER value for ``name``: itself when numeric, the uid its creating command fixes, or
    the uid the official image gives its bundled user. Kubernetes' runAsNonRoot (and hadolint DL3066)
    can only verify a numeric user."""
    if _user_part(name).isdigit():
        return name
    if name in _BUNDLED_IDS:
        return _BUNDLED_IDS[name]
    for ins in lineage_instructions(stage):
        script = shell_of(ins) if ins.name == "RUN" else None
        for cmd in script.commands if script else []:
            if _created_user(cmd.argv) == name and (uid := _created_uid(cmd.argv)):
                return uid
    return None


def _no_fixed_uid(stage: Stage, name: str, offset: int) -> Finding:
    return Finding(PASS.id, f"the user {name} has no fixed uid: create it with -u UID and set USER to that "
                   "number", offset)


def _created_users(stage: Stage) -> list[tuple[Instruction, str]]:
    """Users created by the RUNs of the stage's lineage (shell form and heredoc scripts), in order."""
    out: list[tuple[Instruction, str]] = []
    for ins in lineage_instructions(stage):
        if ins.name != "RUN":
            continue
        script = shell_of(ins)
        argvs = [cmd.argv for cmd in script.commands] if script else []
        for heredoc in ins.heredocs:
            for line in heredoc.body(ins.doc.text).splitlines():
                try:
                    argvs.append(shlex.split(line, comments=True))
                except ValueError:
                    continue
        out += [(ins, name) for argv in argvs
                if (name := _created_user(argv)) and name != "root" and "$" not in name]
    return out


def _workdir_of(stage: Stage) -> str | None:
    """The WORKDIR in effect at the end of the stage, or None when no WORKDIR sets one."""
    wd: str | None = None
    for ins in lineage_instructions(stage):
        if ins.name == "WORKDIR" and ins.words:
            value = resolve(ins.args.strip(), _stage_of(stage.doc, ins))
            if value is None:
                return None
            wd = posixpath.normpath(posixpath.join(wd or "/", value.strip('"')))
    return wd


def _app_dir(workdir: str | None) -> str | None:
    if not workdir or workdir in _SYSTEM_DIRS or any(_inside(workdir, t) for t in _SYSTEM_TREES):
        return None
    return workdir


def _volume_dir(path: str) -> bool:
    """A VOLUME is the app's data (``/etc/hass``, ``/var/lib/app``) unless it is a system directory itself
    or lies in a tree of programs and kernel files."""
    return path not in _SYSTEM_DIRS and not any(_inside(path, t) for t in _VOLUME_NEVER)


def _inside(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def _chown_copies(stage: Stage, app_dir: str, owner: str, before: int) -> list[Edit]:
    """``--chown=owner`` on the stage's COPY/ADD (before ``before``) whose destination is in the app dir."""
    edits: list[Edit] = []
    inherited = stage.parent
    wd = (_workdir_of(inherited) if inherited else None) or "/"
    for ins in stage.body():
        if ins.start >= before:
            break
        if ins.name == "WORKDIR" and ins.words:
            value = resolve(ins.args.strip(), stage)
            wd = posixpath.normpath(posixpath.join(wd, value.strip('"'))) if value else wd
            continue
        if ins.name not in ("COPY", "ADD") or ins.flag("chown") or not ins.words:
            continue
        dest_raw = ins.json_args[-1] if ins.is_json and ins.json_args else ins.words[-1].value
        dest = resolve(dest_raw, stage)
        if dest is None or len(ins.json_args or ins.words) < 2:
            continue
        dest = posixpath.normpath(posixpath.join(wd, dest))
        if _inside(dest, app_dir):
            edits.append(Edit.insert(ins.words[0].start, f"--chown={owner} "))
    return edits


def _volumes(stage: Stage, before: int) -> list[str]:
    """Absolute VOLUME paths of the stage's lineage declared before ``before`` (app data lives there)."""
    out: list[str] = []
    for ins in lineage_instructions(stage):
        if ins.name != "VOLUME" or (ins.stage_index == stage.index and ins.start >= before):
            continue
        values = ins.json_args if ins.is_json else [w.value for w in ins.words]
        for v in values or []:
            path = resolve(v, _stage_of(stage.doc, ins))
            if path and path.startswith("/") and _volume_dir(posixpath.normpath(path)):
                out.append(posixpath.normpath(path))
    return out


# ENV names of directories the app writes (``DATA_DIR``, ``LUIGI_LOG_DIR``, ``OTR_STORAGEDIR``); ``*_PATH``
# and ``*_HOME`` are left out: they name files and install trees as often as data.
_DATA_ENV = re.compile(r"(^|_)(DATA|STATE|LOGS?|STORAGE|CONTENT|UPLOADS?|CACHE|SPOOL)_?(DIR|ROOT)?$")
# Command-line options that name a directory the app writes (``--data-dir``, ``--datadir=``, ``--userDir``).
_DIR_OPTION = re.compile(r"^--?[a-z][a-z0-9_-]*dir(ectory)?$", re.I)


def _app_path(path: str | None) -> str | None:
    """``path`` normalised when it is a directory of the app's own (not a system tree), else None."""
    if not path or not path.startswith("/") or "$" in path:
        return None
    path = posixpath.normpath(path)
    if path in _SYSTEM_DIRS or any(_inside(path, t) for t in _SYSTEM_TREES):
        return None
    return path


def _named_dirs(stage: Stage) -> list[str]:
    """Directories the image names as the app's data: ``ENV DATA_DIR=/var/lib/x`` and ``--data-dir /x``
    style options of the ENTRYPOINT/CMD in effect (variables expanded)."""
    out: list[str] = []
    env = stage.env()
    for name, value in env.items():
        if _DATA_ENV.search(name.upper()) and (path := _app_path(value.strip())):
            out.append(path)
    for argv in start_command(stage):
        words = [part for a in argv for part in a.split()]
        for k, word in enumerate(words):
            option, eq, value = word.partition("=")
            if not _DIR_OPTION.match(option):
                continue
            if not eq:
                value = words[k + 1] if k + 1 < len(words) else ""
            path = _app_path(resolve(value.strip("\"'"), stage))
            if path:
                out.append(path)
    return out


def _dir_commands(owner: str, app_dir: str | None, dirs: list[str]) -> list[str]:
    """``mkdir -p`` for the directories no WORKDIR created (BuildKit does not create VOLUME paths) and one
    non-recursive ``chown`` of them all."""
    dirs = list(dict.fromkeys(d for d in dirs if d != app_dir))
    cmds = [f"mkdir -p {' '.join(map(shlex.quote, dirs))}"] if dirs else []
    every = ([app_dir] if app_dir else []) + dirs
    if every:
        cmds.append(f"chown {owner} {' '.join(map(shlex.quote, every))}")
    return cmds


def _create_commands(family: str, user: str, group: str, uid: int, gid: int) -> list[str]:
    if family in (ALPINE, BUSYBOX):
        return [f"addgroup -S -g {gid} {group}", f"adduser -S -D -u {uid} -G {group} {user}"]
    return [f"groupadd --system --gid {gid} {group}",
            f"useradd --system --no-log-init --create-home --uid {uid} --gid {group} {user}"]


def _skip_reason(stage: Stage) -> str | None:
    """Why a non-root user would break this image, or None."""
    img = image_ref(stage)
    name = img.name
    if windows_stage(stage):
        return (f"{stage.root_image()} is a Windows image: it has no uid/gid, chown or useradd; nanoserver "
                "already runs as ContainerUser, on servercore set USER ContainerUser by hand")
    if must_run_as_root(stage):
        return f"base image {stage.root_image()} must run as root"
    if name in _ROOT_SERVICE_BASES or img.short in _ROOT_SERVICE_BASES or name.startswith("linuxserver/") \
            or (img.short == "php" and "apache" in img.tag):
        return (f"base image {stage.root_image()} starts as root (it binds a privileged port or drops "
                "privileges in its entrypoint); configure it for a non-root user by hand")
    base = extension_base_reason(stage)
    if base:
        return f"{base}; set USER in the images built from it"
    for port in exposed_ports(stage):
        if port.number is not None and 0 < port.number < 1024:
            return f"privileged port {port.number} exposed: a non-root user cannot bind it"
    for prog in command_words(stage):
        if prog in _ROOT_PROGRAMS:
            return f"the container starts {prog}, which needs root"
        if prog in _SELF_SWITCHING:
            return (f"the container starts {prog}, whose packaged config switches to its own user "
                    f"({_SELF_SWITCHING[prog]}) and keeps its files readable by that user only; set USER to "
                    "that user's uid by hand")
    for ins in lineage_instructions(stage):
        m = _ROOT_SOURCES.search(ins.logical.text) if ins.name == "RUN" else None
        if m:
            return f"line {ins.lineno} builds {m.group(1) or 'the WireGuard kernel module'}, which needs root"
    for ins in lineage_instructions(stage):
        src = ins.flag("from") if ins.name in ("COPY", "ADD") else None
        if src and src.value and _DOCKER_CLI_IMAGE.search(src.value):
            return (f"line {ins.lineno} copies the docker CLI from {src.value}: reaching the daemon socket needs "
                    "root or the docker group")
    needs_root = sorted(installed_packages(stage) & _ROOT_PACKAGES)
    if needs_root:
        return f"the image installs {needs_root[0]}, which needs root to do its job"
    for ins in lineage_instructions(stage):
        if ins.name in ("RUN", "ENTRYPOINT", "CMD"):
            m = _PRIVILEGE_DROP.search(ins.logical.text)
            if m:
                return (f"line {ins.lineno} uses {m.group(1)}: the entrypoint starts as root and drops "
                        "privileges itself")
    wd = _workdir_of(stage)
    if wd and _inside(wd, "/root"):
        where = "in /root" if wd == "/root" else f"in {wd}, under /root,"
        return f"the app lives {where} which a non-root user cannot enter"
    under_root = _data_under_root(stage)
    if under_root:
        return f"{under_root} keeps the app's data under /root, which a non-root user cannot enter"
    return _installs_under_root(stage)


# Installers that put programs in root's home unless told otherwise: (command, verb, option that moves them).
_HOME_INSTALLS = (("cabal", "install", "--install-method", "/root/.cabal"),
                  ("stack", "install", "--local-bin-path", "/root/.local/bin"),
                  ("pip", "install", "--user", "/root/.local"), ("pip3", "install", "--user", "/root/.local"),
                  ("pipx", "install", None, "/root/.local"))


def _installs_under_root(stage: Stage) -> str | None:
    """Why the image's programs live under /root (``cabal install``, ``pip install --user``, ``ENV
    PATH=/root/…``), or None."""
    roots = [p for p in stage.env().get("PATH", "").split(":") if _inside(posixpath.normpath(p or "."), "/root")]
    if roots:
        return f"ENV PATH runs the image's programs from {roots[0]}, which a non-root user cannot enter"
    pipx_moved = "PIPX_BIN_DIR" in stage.env() or "PIPX_HOME" in stage.env()
    for ins in lineage_instructions(stage):
        script = shell_of(ins) if ins.name == "RUN" else None
        for cmd in script.commands if script else []:
            for tool, verb, option, where in _HOME_INSTALLS:
                if not cmd.is_(tool, verb):
                    continue
                moved = any(a.split("=", 1)[0] == option for a in cmd.argv) if option else pipx_moved
                if (option == "--user") == moved:
                    return (f"line {ins.lineno}: {tool} {verb} puts programs in {where}, which a non-root "
                            "user cannot enter")
    return None


def _data_under_root(stage: Stage) -> str | None:
    """``VOLUME /root/…`` or ``ENV X=/root/…`` (a config or data home the app writes), as written, or None."""
    for ins in lineage_instructions(stage):
        if ins.name == "VOLUME":
            values = ins.json_args if ins.is_json else [w.value for w in ins.words]
            for v in values or []:
                path = resolve(v, _stage_of(stage.doc, ins)) or v
                if _inside(posixpath.normpath(path), "/root"):
                    return f"VOLUME {v} (line {ins.lineno})"
    for name, value in stage.env().items():
        paths = [p for p in re.split(r"[:\s]+", value) if p.startswith("/root")]
        if name != "PATH" and any(_inside(posixpath.normpath(p), "/root") for p in paths):
            return f"ENV {name}={value}"
    return None


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    stage = doc.final_stage
    if stage is None:
        return
    img = image_ref(stage)
    last_user: Instruction | None = None
    earlier: str | None = None
    for ins in lineage_instructions(stage):
        if ins.name != "USER" or not ins.words:
            continue
        value = resolve(ins.words[0].value, _stage_of(doc, ins))
        if value is None:
            return  # set from a build argument without a default: the author decides at build time
        if not _is_root(value):
            earlier = value
        last_user = ins
    if last_user is None and (_NONROOT_BASE.search(img.name) or "nonroot" in img.tag or _chiseled(img)):
        return  # the base image already runs as a non-root user
    anchor, before = entry_point(stage)
    at = anchor.line_start if before else anchor.stop
    if last_user is not None:
        value = resolve(last_user.words[0].value, _stage_of(doc, last_user)) or ""
        if not _is_root(value):
            return
        if _commented(last_user):
            yield Finding(PASS.id, f"USER root set deliberately at line {last_user.lineno}", last_user.start)
            return
        if earlier is None:
            yield Finding(PASS.id, f"USER root at line {last_user.lineno} switches away from the base image's "
                          "user: switch back to it after the steps that need root", last_user.start)
            return
        if last_user.start >= at:
            yield Finding(PASS.id, f"USER root at line {last_user.lineno} comes after CMD/ENTRYPOINT: move it "
                          "before them", last_user.start)
            return
    reason = _skip_reason(stage)
    if reason:
        yield Finding(PASS.id, reason, (last_user or stage.from_).start)
        return
    kw = doc.keyword
    if earlier is not None:
        # The author already names this user in USER; the same spelling is fine when no uid is known.
        value = _numeric_id(stage, earlier) or earlier
        yield Fix(PASS.id, f"final stage ends as root; switch back to {earlier}",
                  (insert_lines(stage, [f"{kw('USER')} {value}"]),), Safety.REVIEW, offset=at)
        return
    yield from _add_user(doc, ctx, stage, at)


def _chowned_owner(stage: Stage, before: int) -> tuple[Instruction, str] | None:
    """The one non-root owner the final stage hands its files to (``COPY --chown=nobody:root``,
    ``RUN chown nobody /app``) before ``before``, as written; None when there is none or several."""
    owners: list[tuple[Instruction, str]] = []
    for ins in stage.body():
        if ins.start >= before:
            break
        flag = ins.flag("chown") if ins.name in ("COPY", "ADD") else None
        if flag is not None and flag.value:
            owners.append((ins, flag.value))
        script = shell_of(ins) if ins.name == "RUN" else None
        for cmd in script.commands if script else []:
            if cmd.name == "chown":
                args = [a for a in cmd.argv[1:] if not a.startswith("-")]
                if len(args) >= 2:
                    owners.append((ins, args[0]))
    users = {_user_part(owner) for _, owner in owners}
    if len(users) != 1 or any("$" in u or u in ("", "root", "0") for u in users):
        return None
    return owners[0][0], _user_part(owners[0][1])


def _add_user(doc: Document, ctx: Context, stage: Stage, at: int) -> Iterable[Result]:
    kw = doc.keyword
    owned = _chowned_owner(stage, at)
    if owned is not None and not _created_users(stage):
        ins, name = owned
        family = stage_family(stage)
        numeric = name if name.isdigit() else _SYSTEM_USER_IDS.get((name, family))
        if numeric is not None:
            yield Fix(PASS.id, f"final stage runs as root; line {ins.lineno} hands the app's files to {name}: "
                      f"switch to it ({numeric})", (insert_lines(stage, [f"{kw('USER')} {numeric}"]),),
                      Safety.REVIEW, offset=at)
            return
        if name not in _BUNDLED_IDS and name != (bundled_user(stage) or "app"):
            yield Finding(PASS.id, f"line {ins.lineno} hands the app's files to {name}, whose uid is not known "
                          f"here: add USER {name} (by its uid) by hand", ins.start)
            return
    created = _created_users(stage)
    if created:
        ins, name = created[-1]
        script = next((p for p in command_programs(stage) if p.endswith(".sh") or "entrypoint" in p), None)
        if script:
            yield Finding(PASS.id, f"line {ins.lineno} creates the user {name} and {script} starts the container: "
                          f"it probably switches to {name} itself (gosu/su-exec); check it, then add USER {name}",
                          stage.from_.start)
            return
        numeric = _numeric_id(stage, name)
        if numeric is None:
            yield _no_fixed_uid(stage, name, ins.start)
            return
        yield Fix(PASS.id, f"final stage runs as root; switch to the user {name} ({numeric}) that line "
                  f"{ins.lineno} creates", (insert_lines(stage, [f"{kw('USER')} {numeric}"]),), Safety.REVIEW,
                  offset=at)
        return
    family = stage_family(stage)
    app_dir = _app_dir(_workdir_of(stage))
    img = image_ref(stage)
    bundled = bundled_user(stage) or _BUNDLED.get(img.name) or ("app" if _dotnet_app_user(img) else None)
    if family in (SCRATCH, DISTROLESS) or not has_shell(stage):
        edits = _chown_copies(stage, app_dir, NUMERIC_NONROOT, at) if app_dir else []
        lines = [f"{kw('USER')} {NUMERIC_NONROOT}"]
        message = f"final stage runs as root; run as the numeric non-root user {NUMERIC_NONROOT}"
    elif bundled:
        owner = f"{bundled}:{bundled}"
        dotnet = _dotnet_app_user(img) and bundled == "app"
        numeric = _DOTNET_APP_IDS if dotnet else _BUNDLED_IDS.get(bundled, bundled)
        edits = _chown_copies(stage, app_dir, numeric if dotnet else owner, at) if app_dir else []
        cmds = _dir_commands(owner, app_dir, _volumes(stage, at) + _named_dirs(stage))
        lines = [f"{kw('RUN')} {continued(doc, cmds[0], cmds[1:])}"] if cmds else []
        lines.append(f"{kw('USER')} {numeric}")
        message = f"final stage runs as root; switch to the base image's {bundled} user ({numeric})"
    elif family in (ALPINE, BUSYBOX, DEBIAN, RHEL):
        if family == RHEL and re.search(r"ubi\d*-(minimal|micro)|-minimal$|-micro$", img.name):
            yield Finding(PASS.id, f"{stage.root_image()} has no useradd: install shadow-utils and create a "
                          "user, or set a numeric USER by hand", stage.from_.start)
            return
        user, group = ctx.option(PASS, "user"), ctx.option(PASS, "group")
        uid, gid = ctx.option(PASS, "uid"), ctx.option(PASS, "gid")
        ids = f"{uid}:{gid}"
        edits = _chown_copies(stage, app_dir, ids, at) if app_dir else []
        cmds = _create_commands(family, user, group, uid, gid)
        cmds += _dir_commands(f"{user}:{group}", app_dir, _volumes(stage, at) + _named_dirs(stage))
        lines = [f"{kw('RUN')} {continued(doc, cmds[0], cmds[1:])}", f"{kw('USER')} {ids}"]
        message = f"final stage runs as root; create the system user {user} ({ids}) and switch to it"
    else:
        yield Finding(PASS.id, f"cannot tell how to create a user in {stage.root_image()}: add a USER by hand",
                      stage.from_.start)
        return
    yield Fix(PASS.id, message, (*edits, insert_lines(stage, lines)), Safety.REVIEW, offset=at)


PASS = Pass("non-root-user", "Run the final stage as a non-root user", Safety.REVIEW, run, __doc__,
            options={"uid": 1001, "gid": 1001, "user": "app", "group": "app"})

PASSES = (PASS,)
