"""
What it does
    Splits a single-stage Dockerfile that builds its program into a builder stage (the original stage, named
    ``build``, its lines kept) and a runtime stage on a smaller base that copies only what the program needs:
    Go's and Rust's binary; Python's virtualenv (``/opt/venv``) with the application folder; Node's build output or app
    folder with ``node_modules`` pruned to production (npm, Yarn 1, a pnpm workspace); a static site built with
    Node into the official nginx image. Runtime settings written among the build steps (CMD, EXPOSE, LABEL …)
    move into the runtime stage with their comments; ENV is repeated. PHP is the other way round: ``composer
    install`` moves into a ``composer:2`` stage (manifests first, ``--no-dev --prefer-dist
    --optimize-autoloader --no-scripts --no-interaction`` unless the user's flags say it or stricter) and the
    php image stays the runtime, without composer (and without git/unzip, composer's download tools, when nothing
    else there runs them), ``vendor/`` copied in. Java: the jar ``java -jar`` runs, from ``mvn package`` or
    ``gradle build``/``bootJar``, onto the same JDK's eclipse-temurin ``-jre``. When ``COPY . .`` comes before a
    Node or pip dependency install, the builder copies the manifests (``package*.json``, the lockfile,
    requirements files) first and the sources after the install, so the dependency layer caches.

Skips
    Each with an info finding (``transforms/stage_split/gate.py`` and the planners, one golden case per rule):
    already multi-stage; a Windows image; a base from a build argument; SHELL or ONBUILD; nothing built; an
    unknown ecosystem; a start command that builds (``go run``, ``tsc``, ``npm install``); no CMD/ENTRYPOINT;
    USER before the build or a named USER the runtime would lack; a script or unreadable RUN in the build; a
    build path from a build argument; a builder RUN outside the ecosystem's tools, package installs and file
    operations (what it changes may be needed at run time); a RUN after the build that may need the build
    tools; no toolchain or full base to drop; the artifact unknown (no ``-o`` and no go.mod, a start command
    that runs something else); pip installing outside a venv (``--user``, ``--target``, an absolute pip path);
    requirements it cannot read on a full base (which runtime libraries they link is unknown); Python 2 (no
    venv); a Node start program the runtime may lack, a global tool installed with other commands, no WORKDIR;
    nginx configured by hand; for PHP, composer.json not in the build context, composer scripts the install
    ran (``post-install-cmd``, ``post-autoload-dump`` …), dev dependencies the image runs (``vendor/bin/``), an
    extension the composer image lacks and the runtime does not show, composer in a RUN with other commands or
    with another verb than install/dump-autoload, USER before it, composer settings from a build argument,
    composer not installed by the file; for Java, a base that names no eclipse-temurin JDK, system packages
    installed, a start command that is not ``java -jar`` of a literal jar in ``target/`` or ``build/libs/``, a
    build file not in the context or not showing a self-contained jar (Spring Boot, shade, Shadow, an assembly
    with dependencies; ``copy-dependencies`` means files beside it). The manifests stay after the sources (the
    split's message says why) when the install may read the sources: install scripts (``postinstall``,
    ``prepare``, ``binding.gyp``), local or workspace packages, Yarn 2+, ``pip install .``/``-e``, local paths in
    the requirements; or when a RUN or COPY stands between, the install shares its RUN with other commands, or
    no .dockerignore leaves out ``node_modules`` (a venv inside the sources). git/unzip stay when a RUN, a node
    install or a script the stage runs may use them.

Why
    The toolchain, headers and caches a build needs are most of a single-stage image (a ``golang`` image is
    ~800 MB, ``python:3.12`` ~1 GB against ~130 MB slim); a multi-stage build ships only the result. Docker's
    "Multi-stage builds" guide, hadolint/tally ``prefer-multi-stage-build``. The runtime is the same family's
    slim or alpine tag of the same version (refactor/knowledge/runtime_bases.py), so a copied venv finds its
    interpreter at the same path; a static Go binary runs on distroless ``static``.

Example
    Before::

        FROM golang:1.22
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server
        EXPOSE 8080
        CMD ["/out/server"]

    After::

        FROM golang:1.22 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

        FROM gcr.io/distroless/static-debian12 AS runtime
        WORKDIR /src
        COPY --from=build /out/server /out/server
        EXPOSE 8080
        CMD ["/out/server"]

Fix safety
    review: the image's base changes, and only what is copied reaches it; a file the program reads at run time
    that the pass did not see (outside the assets folders it knows) is missing. Options: ``go-runtime``
    (``auto``; ``distroless``, ``scratch``, ``debian``, ``alpine``), ``runtime-packages`` (runtime libraries for
    a Python build whose requirements cannot be read; ``none`` for none).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from refactor.document import Document
from refactor.edits import Finding, Fix, Safety
from refactor.passes import Context, Pass, Result
from transforms.stage_split import PASS_ID
from transforms.stage_split.gate import COMMON_RULES, PRE_RULES, check, finding, nothing_built
from transforms.stage_split.subject import Subject

if TYPE_CHECKING:
    from transforms.stage_split.layout import Plan

# Node before Python: a Node image often pip-installs a tool it runs (yt-dlp), a Python one rarely builds with npm.
# PHP first: it only acts on php images, whose front-end build (npm run build for Laravel's assets) stays in the
# runtime stage of a PHP split.
PLANNERS = ("php", "go", "rust", "node", "python", "java")  # modules of transforms/stage_split/


def analyze(doc: Document, ctx: Context) -> Plan | Fix | Finding | None:
    """A plan for the split, or the finding that says why not."""
    stage = doc.final_stage
    if stage is None:
        return None
    s = Subject(doc, stage, ctx)
    found = check(s, PRE_RULES)
    if found is not None:
        return found
    # the planners are imported only for a file the rules above let through (cold start)
    for planner in (importlib.import_module(f"transforms.stage_split.{name}") for name in PLANNERS):
        build = planner.detect(s)
        if not build:
            continue
        s.build = build
        if not s.start_argvs and getattr(planner, "NEEDS_START", True):
            return finding(stage.from_, "no CMD or ENTRYPOINT: an image used as a tool or a base, nothing to "
                           "run in a runtime stage")
        return check(s, getattr(planner, "RULES", COMMON_RULES)) or planner.plan(s)
    return nothing_built(s)


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    result = analyze(doc, ctx)
    if isinstance(result, (Fix, Finding)):
        yield result
    elif result is not None:  # a Plan, from a planner (which imported transforms/stage_split/layout.py)
        from transforms.stage_split.layout import render

        yield render(result)


PASS = Pass(PASS_ID, "Split a single-stage build into a builder and a slim runtime stage", Safety.REVIEW, run,
            __doc__, options={"go-runtime": "auto", "runtime-packages": ""})

PASSES = (PASS,)
