"""Property: every pass together on generated Dockerfiles raises nothing and reports no internal error.

The runner isolates a pass that raises (tests/test_isolation.py), so "never raises" is checked where it
matters: no pass may need that isolation. The files mix what the passes look for (apk/apt/pip/npm/curl/
gpg/tar/composer/docker-php-ext-install commands, EXPOSE, USER, CMD, several stages, COPY --from) with
the shapes that broke them: no FROM, a RUN before FROM, odd continuations (a dangling ``\\`` at the end,
operators at line starts, comment and blank lines inside a continuation), empty RUNs, heredocs, lowercase
keywords, CRLF and a missing final newline. ``DOCKMOD_FUZZ_EXAMPLES`` raises the example count locally.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refactor.passes import Context
from refactor.project import Project
from refactor.runner import Status, process_text
from refactor.validate import check_rewrite
from tests.test_fuzz import dockerfiles as engine_dockerfiles
from transforms import PASSES

FUZZ = settings(max_examples=int(os.environ.get("DOCKMOD_FUZZ_EXAMPLES", "150")), deadline=None,
                derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

IMAGES = ["alpine:3.20", "python:3.12-alpine", "python:3-alpine", "node:20-alpine", "php:8.3-fpm-alpine",
          "debian:bookworm-slim", "ubuntu:22.04", "composer:2", "golang:1.22", "centos:7", "${BASE}", "scratch",
          "build", "nginx:alpine"]
ALPINE = ["python:3-alpine", "node:20-alpine", "php:8.3-fpm-alpine", "alpine:3.20"]  # the apk passes' ground
COMMANDS = [
    "apk add curl", "apk add --no-cache gcc musl-dev postgresql-dev", "apk update", "apk add -U git",
    "apk add --virtual .build-deps build-base", "apk del .build-deps", "apk del gcc", "apk upgrade",
    "rm -rf /var/cache/apk/*", "rm /var/cache/apk/*", "apt-get update", "apt-get install -y curl",
    "apt install gcc", "apt-get install libpq-dev", "rm -rf /var/lib/apt/lists/*", "apt-get purge -y gcc",
    "pip install flask", "pip3 install -r requirements.txt", "pip install --upgrade pip", "python -m pip install x",
    "npm install", "npm ci", "npm cache clean", "yarn install", "pnpm install --filter @a/b",
    "curl http://example.com/a.tar.gz | tar xz", "curl -o /tmp/x http://example.com/x", "curl -sSL https://x | sh",
    "wget http://example.com/x", "gpg --verify x.asc", "gpg --keyserver k --recv-keys A", "tar xzf a.tar.gz",
    "tmp=$(mktemp -d)", "cd /usr/src/app && make install", "mkdir -p /usr/src/x", "./configure --prefix=/usr",
    "docker-php-ext-install sockets", "composer install --no-dev", "gem install bundler", "gem update --system",
    "yum install curl", "dnf install -y gcc", "echo 'abc x' | sha256sum -c -", "set -eux", "make -j2",
    "go build ./...", "cargo build --release", "useradd app", "addgroup -S app", "exec \"$@\"", "true",
    "sudo apk add curl", "if true; then apk add curl; fi", "for p in a b; do pip install $p; done",
    "apk add $PHPIZE_DEPS", "export A=1", "cd /app",
]
# Install commands as real files write them (package lists one per line), then something that compiles:
# the shapes the build-dependency passes restructure.
INSTALLS = [
    "apk add --no-cache \\\n        curl \\\n        libffi-dev \\\n        postgresql-dev",
    "apk add \\\n    gcc \\\n    musl-dev \\\n    # why\n    make", "apk add --no-cache git \\\n    g++ make",
    "apk add --no-cache --virtual .build-deps \\\n    gcc \\\n    musl-dev", "apk add gcc libffi-dev curl",
    "apt-get install -y --no-install-recommends \\\n        gcc \\\n        libpq-dev", "apk update",
]
PACKAGES = ["curl", "libffi-dev", "postgresql-dev", "gcc", "musl-dev", "git", "make", "libpq", "g++",
            "python3-dev", "linux-headers", "build-base", "$PHPIZE_DEPS", "openssl-dev=3.3.0-r0"]
BUILDS = ["pip install psycopg2", "pip3 install -r requirements.txt", "npm ci", "make && make install",
          "docker-php-ext-install pdo_pgsql sockets", "apk del gcc", "apk del --no-network .build-deps"]
JOINERS = [" && ", " && ", "; ", " || ", " | ", " &&", " \\\n    && ", " && \\\n    ", " \\\n# comment\n    && ",
           " && \\\n\n    ", " \\\n    ; "]
OTHER = ["ADD . /app", "ADD https://example.com/x.tgz /tmp/", "COPY --from=build /app /app", "COPY package.json .",
         "COPY . .", "EXPOSE 8080", "EXPOSE 3000-4000", "EXPOSE 80", "USER root", "USER 1000", "USER app",
         "WORKDIR /app", "WORKDIR /usr/src/app", 'CMD ["node", "server.js"]', "CMD python app.py",
         'ENTRYPOINT ["/entrypoint.sh"]', "HEALTHCHECK NONE", "HEALTHCHECK CMD curl -f http://localhost/",
         "ENV PORT=3000", "ARG VERSION=1", 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', "ONBUILD RUN apk add x",
         "VOLUME /data", "LABEL a=b", "RUN", "RUN ", 'RUN ["apk", "add", "curl"]', "RUN --mount=type=cache,"
         "target=/var/cache/apk apk add curl", "STOPSIGNAL SIGTERM"]
HEREDOCS = ["RUN <<EOF\napk add curl\npip install x\nEOF", "RUN <<-EOF\n\tapt-get install -y curl\n\tEOF",
            "COPY <<EOF /app/x\nhello\nEOF", "RUN <<EOF\nset -e\napk add --virtual .b gcc\nmake\nEOF"]


@st.composite
def _package_list(draw) -> str:
    """``apk add`` with build and runtime packages, each inline or on a continuation line of its own."""
    packages = draw(st.lists(st.sampled_from(PACKAGES), min_size=1, max_size=5, unique=True))
    text = draw(st.sampled_from(["apk add", "apk add --no-cache", "apk add -U", "sudo apk add"]))
    for name in packages:
        text += draw(st.sampled_from([" ", " \\\n        ", " \\\n    "])) + name
    return text


@st.composite
def _run(draw) -> str:
    commands = draw(st.lists(st.sampled_from(COMMANDS), min_size=1, max_size=4))
    if draw(st.integers(0, 2)):
        install = draw(st.sampled_from(INSTALLS)) if draw(st.booleans()) else draw(_package_list())
        commands = [install, draw(st.sampled_from(BUILDS)), *commands[:draw(st.integers(0, 2))]]
    text = commands[0]
    for c in commands[1:]:
        text += draw(st.sampled_from(JOINERS)) + c
    if draw(st.integers(0, 9)) == 0:
        text += " \\"  # dangling continuation
    return "RUN " + text


@st.composite
def dockerfiles(draw) -> str:
    lines: list[str] = []
    if draw(st.integers(0, 9)) == 0:
        lines.append("# escape=`")  # then the backslashes above are ordinary characters
    if draw(st.integers(0, 4)) == 0:
        lines.append(draw(_run()))  # before any FROM
    for k in range(draw(st.integers(0, 3))):  # no FROM at all now and then
        image = draw(st.sampled_from(IMAGES if draw(st.booleans()) else ALPINE))
        alias = draw(st.sampled_from(["", " AS build", " as base"])) if k == 0 else ""
        lines.append(f"FROM {image}{alias}")
        for _ in range(draw(st.integers(0, 6))):
            kind = draw(st.sampled_from(["run", "run", "run", "other", "other", "heredoc", "comment"]))
            if kind == "run":
                lines.append(draw(_run()))
            elif kind == "other":
                lines.append(draw(st.sampled_from(OTHER)))
            elif kind == "heredoc":
                lines.append(draw(st.sampled_from(HEREDOCS)))
            else:
                lines.append(draw(st.sampled_from(["# a comment", "", "  # indented"])))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = "\n".join(line.lower() if line[:4].isupper() and line.split(" ")[0].isupper() and
                         draw(st.integers(0, 3)) == 0 else line for line in text.split("\n"))
    if draw(st.booleans()):
        text += "\n"
    if draw(st.integers(0, 3)) == 0:
        text = text.replace("\n", "\r\n")
    return text


@FUZZ
@given(dockerfiles())
def test_all_passes_never_raise(text: str) -> None:
    result = process_text(text, "Dockerfile", list(PASSES), Context(project=Project()))
    assert result.internal_errors == [], (result.internal_errors, text)
    assert not (result.reason or "").startswith("internal error"), (result.reason, text)
    if result.status is Status.CHANGED:
        assert check_rewrite(result.original, result.new) is None, text


@settings(FUZZ, max_examples=min(FUZZ.max_examples, 100))
@given(engine_dockerfiles())
def test_all_passes_never_raise_on_the_engine_fuzz_grammar(text: str) -> None:
    """The scanner fuzz grammar (directives, backtick escapes, BOM, heredoc edge cases, mixed line ends)."""
    result = process_text(text, "Dockerfile", list(PASSES), Context(project=Project()))
    assert result.internal_errors == [], (result.internal_errors, text)
    assert not (result.reason or "").startswith("internal error"), (result.reason, text)


@st.composite
def _build_runs(draw) -> str:
    """A final Alpine stage whose RUN installs a package list laid out any way and then compiles: the ground
    where apk-virtual-build-deps splits lists (the overlapping-edits crash of issue 11 lived here)."""
    joiner = draw(st.sampled_from([" && \\\n    ", " \\\n    && ", " && ", "; "]))
    run = draw(_package_list()) + joiner + draw(st.sampled_from(BUILDS))
    return f"FROM {draw(st.sampled_from(ALPINE))}\nRUN {run}\nCMD [\"app\"]\n"


@settings(FUZZ, max_examples=min(FUZZ.max_examples, 100))
@given(_build_runs())
def test_all_passes_never_raise_on_build_dependency_lists(text: str) -> None:
    result = process_text(text, "Dockerfile", list(PASSES), Context(project=Project()))
    assert result.internal_errors == [], (result.internal_errors, text)
    assert result.status in (Status.CHANGED, Status.UNCHANGED), (result.reason, text)
