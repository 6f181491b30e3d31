"""What is known about programs and the packages that ship them: which need root, which drop it, which
launch another program, where installers put what they install.

Sources: each program's own documentation (man pages of sshd, cron, tcpdump…: root or CAP_NET_RAW/NET_ADMIN
for raw sockets and tunnels; gosu/su-exec/setpriv READMEs; pip's ``--user`` scheme, cabal's
``--install-method``, stack's ``--local-bin-path``, pipx's ``PIPX_HOME``/``PIPX_BIN_DIR``) and the packages'
default configurations (FreeRADIUS ``user = radius``/``freerad``, mpd ``user "mpd"``).
"""

from __future__ import annotations

import re

from refactor import lazy_re

# Programs that need root to do their job.
ROOT_PROGRAMS = frozenset({
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
    # Kubernetes node and storage daemons: they manage mounts, cgroups, iptables and devices of the host
    # (kubelet(8) and hyperkube run privileged; ceph's daemons drop to ``ceph`` themselves via --setuser)
    "kubelet", "hyperkube", "kube-proxy", "containerd", "ceph-osd", "ceph-mon", "ceph-mds", "ceph-mgr", "rbd-nbd",
    # certbot(1): --config-dir /etc/letsencrypt, --work-dir /var/lib/letsencrypt, --logs-dir /var/log/letsencrypt
    # and --standalone binds :80; CoreDNS without a Corefile serves :53 (coredns.io manual); Pomerium's
    # ``address`` defaults to :443 (pomerium.com reference); netdata starts as root and drops to ``run as user``
    # (netdata.conf), its collectors need root; Home Assistant pip-installs integration requirements into the
    # system site-packages at start when it runs in a container (homeassistant/util/package.py); qemu-system-*
    # opens its -drive images read-write and /dev/kvm (root:kvm)
    "certbot", "coredns", "pomerium", "netdata", "hass", "qemu-system-arm", "qemu-system-aarch64",
    "qemu-system-x86_64", "qemu-system-i386",
})
# Daemons whose packaged config switches to the package's own user (``user = radius``); as another
# non-root user that switch fails and their files (``root:radius 0640``) are unreadable.
# The grafana .deb's postinst makes /etc/grafana/* root:grafana 0640; Alpine's icecast package owns
# /var/log/icecast by ``icecast`` and icecast.xml logs there (icecast exits when its error log cannot open).
SELF_SWITCHING = {"radiusd": "radius", "freeradius": "freerad", "mpd": "mpd", "grafana-server": "grafana",
                  "icecast": "icecast"}
# Sources built in the image whose tools need root: eBPF tracers, WireGuard's kernel module.
ROOT_SOURCES = lazy_re.compile(r"iovisor/(bcc|bpftrace|kubectl-trace)\b|wireguard-linux-compat")
# Packages whose presence means the image's job needs root (daemons that switch users, network admin).
ROOT_PACKAGES = frozenset({
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
    # slapd's start scripts reconfigure the package (debconf, /etc/ldap/slapd.d) and it binds 389; Alpine names
    # libvirt's client package libvirt-client (virsh talks to the root:libvirt system socket)
    "slapd", "libvirt-client",
    "kubelet", "kubernetes-node", "ceph", "ceph-common", "ceph-osd", "ceph-mon", "glusterfs-server", "open-iscsi",
})
# Tools an entrypoint uses to drop root itself; a USER before them breaks the drop.
PRIVILEGE_DROP = lazy_re.compile(r"\b(gosu|su-exec|setpriv|chpst|s6-setuidgid|runuser|setuser|suexec)\b")
# Installers that put programs in root's home unless told otherwise: (command, verb, option that moves them).
HOME_INSTALLS = (("cabal", "install", "--install-method", "/root/.cabal"),
                 ("stack", "install", "--local-bin-path", "/root/.local/bin"),
                 ("pip", "install", "--user", "/root/.local"), ("pip3", "install", "--user", "/root/.local"),
                 ("pipx", "install", None, "/root/.local"))
# Options of useradd/adduser (shadow, BusyBox, Debian) that take a value.
USER_OPTS_WITH_VALUE = frozenset({
    "-b", "-c", "-d", "-e", "-f", "-g", "-G", "-k", "-K", "-p", "-s", "-u", "-Z", "-h", "-R", "-P",
    "--base-dir", "--comment", "--home-dir", "--home", "--expiredate", "--inactive", "--gid", "--groups",
    "--skel", "--key", "--password", "--shell", "--uid", "--root", "--prefix", "--selinux-user",
    "--gecos", "--ingroup", "--firstuid", "--lastuid", "--firstgid", "--lastgid", "--conf",
})
# Launchers that start the real program: ``tini --``, ``sh -c "exec …"``, ``env X=1 …``.
WRAPPERS = frozenset({"tini", "dumb-init", "exec", "sh", "bash", "ash", "env", "nice", "catatonit"})
# Commands that run the next word as the command (sudo(8), env(1), nohup(1), time(1), xargs(1), nice(1), the
# shell's ``command``/``exec``) and the init shims that exec their arguments (tini, dumb-init READMEs).
COMMAND_RUNNERS = frozenset({"sudo", "command", "exec", "env", "nohup", "time", "xargs", "nice", "dumb-init",
                             "tini"})
# Init shims a start command goes through before the real program (krallin/tini, Yelp/dumb-init,
# openSUSE/catatonit READMEs: ``tini -- prog``). transforms/non_root/skips.py has its own copy of this list.
INIT_SHIMS = ("tini", "dumb-init", "catatonit")
# Programs that install (and on musl often compile) language packages each time the container starts, so the
# toolchain and headers are runtime needs. Home Assistant Core pip-installs every integration's requirements
# at start-up (homeassistant/requirements.py; the Core install docs list build-essential, python3-dev,
# libffi-dev, libssl-dev as prerequisites for that reason).
RUNTIME_INSTALLERS = {"hass": "Home Assistant pip-installs integration requirements at start-up"}
# docker-library images start with docker-<name>-entrypoint (docker-php-entrypoint, docker-entrypoint.sh).
OFFICIAL_ENTRYPOINT = lazy_re.compile(r"^docker-[a-z0-9]+-entrypoint$")
# Programs that, given no script or command (only options), start an interactive shell or REPL
# (bash(1), python(1) "-i", node's REPL, irb, iex, ghci, jshell, php -a…): the container is then meant to be
# run interactively or extended, not an app.
INTERACTIVE = lazy_re.compile(r"^(sh|bash|ash|dash|zsh|fish|ksh|mksh|python[\d.]*|pypy3?|node|nodejs|irb|pry|ruby|php|"
                         r"iex|erl|ghci|jshell|R|julia|lua[\d.]*|perl|scala|clojure|deno|psysh|tclsh)$")
# The header the docker-library build scripts write into every generated Dockerfile (docker-library/php,
# python, node…: "NOTE: THIS DOCKERFILE IS GENERATED VIA "apply-templates.sh"" / "update.sh"): an official
# base image, built FROM by everyone else.
DOCKER_LIBRARY_HEADER = lazy_re.compile(r'^#\s*NOTE: THIS DOCKERFILE IS GENERATED VIA "(apply-templates|update)\.sh"',
                                   re.M)
# Start commands that compile before they serve, writing into the app directory or the home of the user
# (NestJS CLI docs: ``nest start`` runs tsc into dist/; ``tsc`` writes outDir; ``next build`` writes .next/;
# ``ng build``/``vite build``/``webpack`` write dist/; ``go run`` fills GOCACHE under ~/.cache; ``cargo run``
# target/; ``dotnet run`` bin/ and obj/; mvn/gradle target/, build/ and ~/.m2, ~/.gradle).
COMPILES_AT_START = lazy_re.compile(
    r"\b(nest\s+start|tsc|next\s+build|ng\s+(build|serve)|vite\s+build|webpack|(npm|yarn|pnpm)\s+(run\s+)?build|"
    r"go\s+(run|build)|cargo\s+(run|build)|dotnet\s+(run|build|watch)|mvnw?\s|gradlew?\s)")
# The Docker daemon's socket, and ways a Dockerfile puts the docker client in: Docker's static binaries and
# convenience script (docs.docker.com/engine/install/binaries/, get.docker.com).
DOCKER_SOCKET = "docker.sock"
DOCKER_DOWNLOAD = lazy_re.compile(r"download\.docker\.com/linux/static|get\.docker\.com")
DOCKER_BINARIES = frozenset({"docker", "dockerd"})
# Installers and tools that keep their programs or state in the invoking user's home (~ is /root for root):
# helm plugins and repositories (helm.sh docs: $HELM_DATA_HOME, ~/.local/share/helm), Quicklisp (~/quicklisp),
# rustup (~/.cargo, ~/.rustup), nvm (~/.nvm), SDKMAN! (~/.sdkman), pyenv (~/.pyenv), Poetry's installer
# (~/.local), bun's and deno's installers (~/.bun, ~/.deno), ``composer global`` ($COMPOSER_HOME, ~/.composer),
# Bazel's output base (bazel.build/remote/output-directories: ~/.cache/bazel; bazel-bin/bazel-out link there),
# jbundler's jars (jbundler README: ~/.m2/repository, resolved again by ``-r jbundler`` at start).
HOME_WRITERS = lazy_re.compile(r"helm\s+(plugin\s+install|repo\s+add)|quicklisp|sh\.rustup\.rs|nvm-sh/nvm|"
                          r"get\.sdkman\.io|pyenv\.run|install\.python-poetry\.org|bun\.sh/install|deno\.land/install|composer\s+global|"
                          r"\bbazel\s+(build|run|test)\b|\bjbundle\s+install")
# ``docker run`` options that only work for a root process (docs.docker.com/reference/cli/docker/container/run/):
# ``--device`` passes the host's node with the host's owner and mode (/dev/snd, /dev/video*, /dev/dri are
# root:audio/video 0660, so uid 1001 gets EACCES); ``--cap-add`` and ``--privileged`` raise the bounding set,
# which a non-root process does not get as effective capabilities (capabilities(7)); a mount under /root puts
# the user's config in root's home (``-v ~/.moprc:/root/.moprc``, jessfraz/dockerfiles headers).
ROOT_RUN_OPTIONS = lazy_re.compile(r"--device[ =]\S+|--privileged\b|--cap-add[ =]\S+|"
                              r"(?:-v|--volume|--mount)[ =]\S*:/root\b\S*")
# Programs whose job is talking to the Docker daemon through /var/run/docker.sock (root:docker 0660):
# watchtower (containrrr.dev/watchtower: "needs the docker socket mounted"), docker-compose.
DOCKER_CLIENTS = frozenset({"watchtower", "docker-compose", "docker"})
# Programs whose job is a host device passed with ``--device`` (root:audio/video 0660 on the host, so uid 1001
# outside those groups gets EACCES): audio editors, players and encoders on ALSA (/dev/snd), webcams (/dev/video*).
DEVICE_PROGRAMS = {"audacity": "/dev/snd", "darkice": "/dev/snd", "mpsyt": "/dev/snd", "mpv": "/dev/snd",
                   "mplayer": "/dev/snd", "cheese": "/dev/video*"}
# libvirt's system URI: virsh/virt-viewer -c qemu:///system talk to /var/run/libvirt/libvirt-sock, root:libvirt
# 0770 (libvirt.org/uri.html: "qemu:///system … requires root privileges or polkit/group access").
LIBVIRT_SYSTEM_URI = "qemu:///system"
# A pid file the image configures under /run or /var/run (root-owned 0755 in every base image; FHS 3.0 §3.15):
# ``ENV PIDFILE=/run/sockd.pid`` passed to sockd -p, ``taskd config pid.file /run/taskd.pid``.
PID_UNDER_RUN = lazy_re.compile(r"pid[._-]?file\b[\"']?\s*[=: ]\s*[\"']?(/(?:var/)?run/[^\s\"']+)", re.I)
# Programs that keep their data in the working directory unless told where (etcd: ./default.etcd, etcd.io
# configuration: --data-dir "${name}.etcd"), with the option that moves it.
CWD_DATA = {"etcd": "--data-dir"}
# What a Dockerfile's comments say the container is started with that only root can use: the host's
# /etc/shadow bind-mounted for a password check (shadow(5): root:shadow 0640), or a user the start script
# creates from ``-e NEWUSER=$USER`` (useradd needs root) (jessfraz/dockerfiles buttslock, sublime-text-3).
ROOT_RUN_NOTES = lazy_re.compile(r"/etc/shadow\b|-e\s+NEWUSER=\S+")
# Packages and installers whose programs write files the build made root-owned: simh's emulators open the
# disk images a build produced read-write (simh docs: ATTACH opens read-write unless -R); Cronicle's install.js
# creates /opt/cronicle/{data,logs,queue} as the installing user and control.sh writes its pid and logs there.
IN_PLACE_WRITERS = lazy_re.compile(r"^(simh)$|(jhuckaby/Cronicle)\b")
