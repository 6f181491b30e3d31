"""What the base images a Dockerfile starts FROM are known to contain, as one table with its sources.

``IMAGES`` is the one table of image facts. An entry names the images it describes by

- ``name``: a Docker Hub library name (``node``, without ``library/``) or a namespaced one
  (``oven/bun``, matched exactly). The *build* facts of a library entry (``family``, ``workdir``)
  belong to the official image alone — ``bitnami/node`` is built on another OS. Its *content* facts
  (runtime, tools, users, how it runs, service) also describe same-named images in other namespaces,
  which are repackagings of the same software (``circleci/python`` has python). A ``distro`` entry
  is a distribution itself: any namespace's ``alpine`` is Alpine.
- ``pattern``: a regular expression searched in the normalised name (registry and namespace kept);
- ``tag``: a regular expression searched in the tag (the entry then applies to those tags only), and
  ``since``: the tag's leading number must be at least this (``.NET 8+``).

Where several entries give one fact, the first wins, except the OS family, where the most specific
family wins (``SPECIFICITY``: a ``-alpine`` tag beats the Debian default of ``node``).

``FAMILIES`` holds what follows from an OS family alone (shell, package manager, how users are created,
the system users and their ids), for stages whose family is known only from the package manager they run.

Sources are given per entry: the image's official Dockerfile (docker-library/<image>, vendor repos) or
its docs. Entries marked "as dockmod had it" record what earlier versions assumed without a source;
they are kept so that output does not change, and listed for review.
"""

from __future__ import annotations

import re
from typing import NamedTuple

ALPINE, DEBIAN, RHEL, BUSYBOX, SCRATCH, DISTROLESS, UNKNOWN = (
    "alpine", "debian", "rhel", "busybox", "scratch", "distroless", "unknown")
# The more specific family first: a tag or namespace naming one beats the library default.
SPECIFICITY = (SCRATCH, DISTROLESS, ALPINE, BUSYBOX, RHEL, DEBIAN)

# How an image treats root (``runs_as``).
ROOT_ONLY = "root-only"  # its job needs root (Docker-in-Docker, image builders)
DROPS_ROOT = "drops-root"  # starts as root on purpose: binds port 80/443 or drops privileges in its entrypoint
NON_ROOT = "non-root"  # already runs as a non-root user

CURL_WGET = frozenset({"curl", "wget"})


class Family(NamedTuple):
    """What an OS family gives every image of it."""

    shell: str | None  # /bin/sh is …
    package_manager: str | None
    user_tool: str | None  # ``busybox``: addgroup/adduser -S; ``shadow``: groupadd/useradd
    system_users: tuple[tuple[str, str], ...] = ()  # (name, uid:gid) the base system ships
    tools: frozenset[str] = frozenset()  # programs every image of the family has


FAMILIES: dict[str, Family] = {
    # alpine: /bin/sh is BusyBox ash, adduser/addgroup are BusyBox applets (no useradd); nobody is
    # 65534:65534 and the php images' www-data is 82:82 (alpine-baselayout /etc/passwd; docker-library/php
    # alpine Dockerfiles: "82 is the standard uid/gid for www-data in Alpine").
    # BusyBox's wget applet stays even when GNU wget is deleted (busybox's trigger restores the link).
    ALPINE: Family("busybox ash", "apk", "busybox", (("nobody", "65534:65534"), ("www-data", "82:82")),
                   frozenset({"wget"})),
    # busybox: one static binary with the sh, adduser and addgroup applets; /etc/passwd has nobody 65534.
    BUSYBOX: Family("busybox ash", None, "busybox", (("nobody", "65534:65534"),), frozenset({"wget"})),
    # Debian/Ubuntu: dash, apt-get, passwd's groupadd/useradd; base-passwd fixes www-data 33:33 and
    # nobody 65534 (group nogroup, also 65534).
    DEBIAN: Family("dash", "apt-get", "shadow", (("nobody", "65534:65534"), ("www-data", "33:33"))),
    # RHEL/UBI/Fedora/CentOS: bash, dnf or yum (microdnf on -minimal), shadow-utils' useradd.
    RHEL: Family("bash", "dnf", "shadow"),
    SCRATCH: Family(None, None, None),
    DISTROLESS: Family(None, None, None),  # only the :debug tags have a (BusyBox) shell
}


class Image(NamedTuple):
    """Facts about the images an entry names (see the module doc for how entries match)."""

    name: str | None = None
    pattern: str | None = None
    tag: str | None = None
    since: int | None = None
    family: str | None = None
    distro: bool = False
    shell: str | None = None  # overrides the family's (a shell where the family has none)
    user: str | None = None  # non-root user the image creates
    ids: str | None = None  # that user's uid:gid
    workdir: str | None = None  # the WORKDIR the image sets
    runs_as: str | None = None  # ROOT_ONLY | DROPS_ROOT | NON_ROOT
    tools: frozenset[str] = frozenset()  # programs in every tag
    full_tools: frozenset[str] = frozenset()  # programs only in the full (non-slim) Debian tags
    runtime: str | None = None  # language runtime it bundles
    interpreter: str | None = None  # where that runtime's interpreter lives
    service: str | None = None  # the non-HTTP protocol it serves
    no_useradd: bool = False  # no useradd/adduser at all
    windows: bool = False  # a Windows container image
    docker_cli: bool = False  # ships the docker CLI

    def matches(self, name: str, tag: str, build_fact: bool = False) -> bool:
        """Whether the entry describes ``name:tag`` (normalised); ``build_fact`` for family/WORKDIR."""
        # the name first: most entries name another image, and their tag patterns then need no compiling
        if self.pattern is not None:
            if not re.search(self.pattern, name):
                return False
        elif self.name is not None:
            own = name if "/" in self.name or (build_fact and not self.distro) else name.rsplit("/", 1)[-1]
            if own != self.name:
                return False
        if self.tag is not None and not re.search(self.tag, tag):
            return False
        if self.since is not None:
            major = re.match(r"\d+", tag)
            if not major or int(major.group()) < self.since:
                return False
        return True


_NODE = "/usr/local/bin/node"
_PYTHON = "/usr/local/bin/python"

IMAGES: tuple[Image, ...] = (
    # -- distributions (the name is the OS) -------------------------------------------------------------
    Image("scratch", family=SCRATCH),  # Docker's reserved empty image
    # GoogleContainerTools/distroless (README "Debug images": ``:debug`` adds a BusyBox shell at
    # /busybox/sh); Chainguard's static image is the same idea (images.chainguard.dev/directory/image/static).
    Image(pattern=r"distroless|^chainguard/static", family=DISTROLESS),
    Image(pattern=r"distroless|^chainguard/static", tag=r"debug$", shell="/busybox/sh"),
    # distroless nodejs: ENTRYPOINT ["/nodejs/bin/node"] (distroless nodejs/BUILD); python3: /usr/bin/python3.
    Image(pattern=r"distroless/nodejs", runtime="node", interpreter="/nodejs/bin/node"),
    Image(pattern=r"distroless/python3", runtime="python", interpreter="/usr/bin/python3"),
    Image("alpine", family=ALPINE, distro=True),
    Image(tag=r"alpine", family=ALPINE),  # node:20-alpine, python:3.12-alpine3.20 (docker-library tags)
    Image(pattern=r"-alpine$", family=ALPINE),  # nginxinc/nginx-unprivileged-alpine style names
    Image("busybox", family=BUSYBOX, distro=True),
    # Red Hat family: the distributions' own images and UBI (catalog.redhat.com, ubi8/ubi9 and their
    # -minimal/-micro variants); a tag with a ``ubi`` part is UBI too. (eclipse-temurin's ``21-ubi9-minimal``
    # tags are UBI as well but do not match: as dockmod had it.)
    Image(pattern=r"(^|/)(centos|fedora|rockylinux|almalinux|amazonlinux|oraclelinux|ubi\d*(-\w+)?|rhel\d*)$",
          family=RHEL),
    Image(tag=r"(^|-)ubi(-|$)", family=RHEL),
    # ubi-minimal/-micro have microdnf and no shadow-utils (UBI docs, "Using the UBI minimal images").
    Image(pattern=r"ubi\d*-(minimal|micro)|-minimal$|-micro$", no_useradd=True),
    # Debian and Ubuntu release code names in a tag (python:3.12-slim-bookworm, eclipse-temurin:21-jammy).
    Image(tag=r"bookworm|bullseye|buster|stretch|trixie|jammy|focal|noble|bionic|xenial", family=DEBIAN),
    # Windows containers: nanoserver, servercore and .NET's *-nanoserver-*/*-windowsservercore-* tags
    # (mcr.microsoft.com/windows; learn.microsoft.com "Windows container base images").
    Image(pattern=r"(^|/)windows(/|$)|(^|/)(nanoserver|servercore|windowsservercore)$", windows=True),
    Image(tag=r"nanoserver|servercore|ltsc\d{4}|(^|-)(1809|1903|1909|2004|20h2)(-|$)", windows=True),

    # -- images that run as root on purpose, or already as a user --------------------------------------
    # docker:dind needs --privileged and root (docker-library/docker, dockerd-entrypoint.sh); the docker
    # image is also where ``COPY --from=docker`` takes the CLI from, whose socket needs root or the docker
    # group. kaniko's executor and BuildKit's rootful buildkitd run as root (their READMEs).
    Image(pattern=r"(^|/)docker$", runs_as=ROOT_ONLY, docker_cli=True),
    Image(pattern=r"dind|(^|/)(kaniko|buildkit)", runs_as=ROOT_ONLY),
    Image(tag=r"dind", runs_as=ROOT_ONLY),
    # Already non-root: Bitnami images (USER 1001, docs "Non-root containers"), nginxinc/*-unprivileged
    # (USER 101), jenkins/jenkins (USER jenkins), grafana/grafana (USER 472), sonarqube (USER sonarqube),
    # Elastic's images (USER 1000), Chainguard (cgr.dev, nonroot 65532); distroless ``:nonroot`` tags
    # (USER 65532); .NET 8+ chiseled images (USER $APP_UID, dotnet-docker docs "Non-root").
    Image(pattern=r"(^|/)bitnami/|-unprivileged$|(^|/)jenkins/|(^|/)grafana/grafana|sonarqube|"
                  r"elasticsearch|kibana|logstash|^docker\.elastic\.co/|^cgr\.dev/|chainguard/", runs_as=NON_ROOT),
    Image(tag=r"nonroot", runs_as=NON_ROOT),
    Image(pattern=r"^mcr\.microsoft\.com/dotnet/", tag=r"chiseled", since=8, runs_as=NON_ROOT),
    # .NET 8+ images create ``app`` with uid/gid 1654 ($APP_UID) (dotnet-docker, src/runtime-deps/8.0/*).
    Image(pattern=r"^mcr\.microsoft\.com/dotnet/", since=8, user="app", ids="1654:1654"),
    # Start as root on purpose (DROPS_ROOT): the master binds :80 and its workers switch user (nginx, httpd,
    # caddy, traefik, haproxy before 2.4), or docker-entrypoint.sh drops to the service user with gosu or
    # su-exec (docker-library postgres, mysql, mariadb, redis, mongo, rabbitmq, couchdb, cassandra, ghost,
    # wordpress, drupal, joomla, nextcloud); php's apache variants bind :80 (apache2-foreground);
    # phusion/baseimage runs my_init and linuxserver images s6-overlay with PUID/PGID. tomcat and percona: as
    # dockmod had it (tomcat runs catalina.sh as root without dropping; it writes logs/ and work/ there).
    Image("php", tag=r"apache", runs_as=DROPS_ROOT),
    Image(pattern=r"^linuxserver/", runs_as=DROPS_ROOT),
    *(Image(n, runs_as=DROPS_ROOT) for n in (
        "caddy", "traefik", "haproxy", "drupal", "joomla", "nextcloud", "couchdb", "phusion/baseimage", "linuxserver")),

    # -- language images: docker-library/<name>, full tags FROM buildpack-deps (curl, wget), -slim tags
    # FROM debian:*-slim ---------------------------------------------------------------------------------
    # node: ``groupadd --gid 1000 node && useradd --uid 1000 --gid node … node`` (docker-library/node).
    Image("node", family=DEBIAN, runtime="node", interpreter=_NODE, user="node", ids="1000:1000",
          full_tools=CURL_WGET),
    Image("python", family=DEBIAN, runtime="python", interpreter=_PYTHON, full_tools=CURL_WGET),
    Image("pypy", family=DEBIAN, runtime="python", interpreter="/opt/pypy/bin/pypy3", full_tools=CURL_WGET),
    # php: WORKDIR /var/www/html; every variant installs curl (docker-library/php, "persistent deps").
    Image("php", family=DEBIAN, runtime="php", interpreter="/usr/local/bin/php", workdir="/var/www/html",
          tools=frozenset({"curl"})),
    # composer (Docker Hub ``composer`` and ``composer/composer``, both built from composer/docker):
    # ``FROM php:8-alpine``, ``install-php-extensions bz2 zip``, ``WORKDIR /app`` (latest/Dockerfile, 2.x/Dockerfile).
    Image("composer", family=ALPINE, runtime="php", interpreter="/usr/local/bin/php", workdir="/app"),
    Image("composer/composer", family=ALPINE, workdir="/app"),
    Image("ruby", family=DEBIAN, runtime="ruby", interpreter="/usr/local/bin/ruby", full_tools=CURL_WGET),
    # golang: ENV GOPATH /go … WORKDIR $GOPATH (docker-library/golang)
    Image("golang", family=DEBIAN, runtime="go", interpreter="/usr/local/go/bin/go", workdir="/go",
          full_tools=CURL_WGET),
    # openjdk (deprecated): JAVA_HOME /usr/local/openjdk-*; eclipse-temurin: /opt/java/openjdk.
    Image("openjdk", family=DEBIAN, runtime="java", interpreter="/usr/local/openjdk/bin/java",
          full_tools=CURL_WGET),
    Image("eclipse-temurin", family=DEBIAN, runtime="java", interpreter="/opt/java/openjdk/bin/java"),
    *(Image(n, family=DEBIAN, full_tools=CURL_WGET) for n in ("buildpack-deps", "perl", "rust", "gcc")),
    # oven/bun: ``groupadd bun --gid 1000 && useradd bun --uid 1000 --gid bun`` (oven-sh/bun dockerhub/*).
    Image("oven/bun", user="bun", ids="1000:1000"),
    # denoland/deno: ``useradd --uid 1993 --user-group deno`` (denoland/deno_docker).
    Image("denoland/deno", user="deno", ids="1993:1993"),

    # -- servers (docker-library/<name>; Debian-based unless noted) ---------------------------------------
    Image("nginx", family=DEBIAN, runs_as=DROPS_ROOT),
    Image("httpd", family=DEBIAN, runs_as=DROPS_ROOT),
    Image("wordpress", family=DEBIAN, runs_as=DROPS_ROOT),
    Image("ghost", family=DEBIAN, runs_as=DROPS_ROOT),
    Image("tomcat", family=DEBIAN, runs_as=DROPS_ROOT),
    Image("postgres", family=DEBIAN, runs_as=DROPS_ROOT, service="PostgreSQL"),
    # mysql: ``FROM oraclelinux:8-slim`` (9-slim for 8.4+) with microdnf, ``useradd --uid 999 mysql`` and gosu
    # (docker-library/mysql 8.0/Dockerfile.oracle); 5.7 too since 2022. Only the ``-debian`` tags (8.0-debian,
    # 5.7-debian: 8.0/Dockerfile.debian) and the old 5.5/5.6 images are Debian. The RHEL entry leaves those
    # tags out: the more specific family would win otherwise.
    Image("mysql", tag=r"debian|^5\.[56]\b", family=DEBIAN, runs_as=DROPS_ROOT, service="MySQL"),
    Image("mysql", tag=r"^(?!.*debian)(?!5\.[56]\b)", family=RHEL, runs_as=DROPS_ROOT, service="MySQL"),
    Image("mariadb", family=DEBIAN, runs_as=DROPS_ROOT, service="MySQL"),
    Image("percona", runs_as=DROPS_ROOT, service="MySQL"),
    Image("redis", family=DEBIAN, runs_as=DROPS_ROOT, service="RESP"),
    Image("mongo", family=DEBIAN, runs_as=DROPS_ROOT, service="MongoDB wire protocol"),
    Image("rabbitmq", family=DEBIAN, runs_as=DROPS_ROOT, service="AMQP"),
    # memcached: ``useradd --system --gid memcache --uid 11211 memcache`` and ``USER memcache``
    # (docker-library/memcached 1/debian/Dockerfile, FROM debian:bookworm-slim; 1/alpine likewise).
    Image("memcached", family=DEBIAN, runs_as=NON_ROOT, user="memcache", ids="11211:11211", service="memcache"),
    Image("cassandra", runs_as=DROPS_ROOT, service="CQL"),
    *(Image(n, service=p) for n, p in (
        ("valkey", "RESP"), ("keydb", "RESP"), ("zookeeper", "ZooKeeper"), ("eclipse-mosquitto", "MQTT"),
        ("nats", "NATS"), ("influxdb", "InfluxDB line protocol"), ("bind9", "DNS"))),
    # Other official images built FROM debian/ubuntu/buildpack-deps (kong: ubuntu).
    *(Image(n, family=DEBIAN) for n in (
        "debian", "ubuntu", "haskell", "elixir", "erlang", "julia", "r-base", "maven", "gradle", "swift", "dart",
        "clojure", "groovy", "kong", "jetty")),
)
