"""The multi-stage pass's runtime bases, and how its split composes with the other passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.document import parse
from refactor.knowledge.runtime_bases import go_runtime, interpreter_runtime, rust_runtime
from refactor.passes import Context
from refactor.project import Project
from refactor.runner import process_file
from tests.golden import Case, cases, run_case
from transforms import PASSES

BY_ID = {p.id: p for p in PASSES}

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "multi-stage"


@pytest.mark.parametrize(("builder", "runtime"), [
    ("python:3.12", "python:3.12-slim"),
    ("python:3.11-bookworm", "python:3.11-slim-bookworm"),
    ("python:3", "python:3-slim"),
    ("python", "python:slim"),
    ("docker.io/library/python:3.13", "docker.io/library/python:3.13-slim"),
    ("node:20", "node:20-slim"),
    ("node:20.11.1-bookworm", "node:20.11.1-bookworm-slim"),
    ("node:lts", "node:lts-slim"),
])
def test_interpreter_runtime_is_the_slim_tag_of_the_same_version(builder: str, runtime: str) -> None:
    found = interpreter_runtime(builder, builder.rsplit("/", 1)[-1].split(":")[0])
    assert found is not None and found.image == runtime and not found.same_image


@pytest.mark.parametrize("builder", ["python:3.13-alpine3.21", "python:3.12-slim@sha256:" + "a" * 64, "node:20-alpine"])
def test_slim_and_alpine_builders_run_as_they_are(builder: str) -> None:
    found = interpreter_runtime(builder, builder.split(":")[0])
    assert found is not None and found.same_image and found.image == builder


@pytest.mark.parametrize("builder", ["myorg/python:3.12", "ghcr.io/acme/node:20", "registry.local:5000/python:3",
                                     "myorg/golang:1.22", "quay.io/team/rust:1.80"])
def test_another_namespace_s_image_gets_no_runtime(builder: str) -> None:
    # its -slim tag may not exist and its base is not the official image's
    name = builder.rsplit("/", 1)[-1].split(":")[0]
    if name == "golang":
        assert go_runtime(builder, static=True) is None and go_runtime(builder, static=False) is None
    elif name == "rust":
        assert rust_runtime(builder) is None
    else:
        assert interpreter_runtime(builder, name) is None


def test_a_pinned_full_builder_says_the_runtime_tag_is_not_pinned() -> None:
    found = interpreter_runtime("python:3.12@sha256:" + "b" * 64, "python")
    assert found is not None and found.image == "python:3.12-slim" and "not pinned" in found.reason


@pytest.mark.parametrize(("builder", "static", "choice", "runtime"), [
    ("golang:1.22", True, "auto", "gcr.io/distroless/static-debian12"),
    ("golang:1.22", False, "auto", "debian:bookworm-slim"),
    ("golang:1.25", False, "auto", "debian:trixie-slim"),
    ("golang:1.18", False, "auto", "debian:bullseye-slim"),
    ("golang:1.21-bullseye", False, "auto", "debian:bullseye-slim"),
    ("golang:1.22-alpine3.19", False, "auto", "alpine:3.19"),
    ("golang:1.22-alpine", False, "auto", "alpine:3"),
    ("golang:1.22", True, "scratch", "scratch"),
    ("golang:1.22", True, "debian", "debian:bookworm-slim"),
])
def test_go_runtime(builder: str, static: bool, choice: str, runtime: str) -> None:
    found = go_runtime(builder, static, choice)
    assert found is not None and found.image == runtime


@pytest.mark.parametrize(("builder", "static", "choice"), [
    ("golang:1.22", False, "scratch"),  # a cgo binary needs a C library
    ("golang:1.22", False, "distroless"),
    ("golang:1.22-windowsservercore", False, "auto"),
    ("golang:${GO_VERSION}", True, "auto"),
])
def test_go_runtime_refuses(builder: str, static: bool, choice: str) -> None:
    assert go_runtime(builder, static, choice) is None


def test_the_other_passes_act_on_the_runtime_stage_after_the_split() -> None:
    """Seed 003: split, then non-root and a health check in the runtime stage, the builder left alone."""
    path = GOLDEN / "seed-003-django-alpine" / "seed-003-django-alpine.in.Dockerfile"
    result = process_file(path, PASSES, Context(project=Project()))
    assert result.changed and not result.internal_errors
    doc = parse(result.new)
    assert len(doc.stages) == 2
    build, runtime = doc.stages
    assert not any(i.name in ("USER", "HEALTHCHECK") for i in build.instructions)
    assert {i.name for i in runtime.instructions} >= {"USER", "HEALTHCHECK", "CMD"}
    assert next(r.item.pass_id for r in result.fixes) == "multi-stage"


@pytest.mark.parametrize(("builder", "runtime"), [
    ("rust:1.79", "debian:bookworm-slim"),
    ("rust:1.90", "debian:trixie-slim"),
    ("rust:1.75-bullseye", "debian:bullseye-slim"),
    ("rust:1.82-slim-bookworm", "debian:bookworm-slim"),
    ("rust:1.80-alpine3.20", "alpine:3.20"),
])
def test_rust_runtime(builder: str, runtime: str) -> None:

    found = rust_runtime(builder)
    assert found is not None and found.image == runtime


def test_the_composer_stage_gets_the_platform_flags_in_a_later_round() -> None:
    """Seed 000: the split puts composer install on composer:2, which lacks sockets and pcntl; the
    composer-platform-req pass then ignores exactly those (the runtime compiles them in), as the seed did by hand."""
    path = GOLDEN / "seed-000-php-composer" / "seed-000-php-composer.in.Dockerfile"
    result = process_file(path, PASSES, Context(project=Project()))
    assert result.changed and not result.internal_errors
    vendor, runtime = parse(result.new).stages
    assert vendor.base_image == "composer:2" and runtime.base_image == "php:8.2-fpm-alpine"
    install = next(i for i in vendor.instructions if i.name == "RUN")
    assert "--ignore-platform-req=ext-sockets" in install.args and "--ignore-platform-req=ext-pcntl" in install.args
    assert "--ignore-platform-req=ext-pdo_pgsql" not in install.args  # composer.lock does not need it
    assert not any("composer" in i.args for i in runtime.instructions if i.name in ("RUN", "COPY")
                   and "--from=vendor" not in i.args and "composer.json" not in i.args)
    passes = [r.item.pass_id for r in result.fixes]
    assert passes.index("multi-stage") < passes.index("composer-platform-req")


SKIP_CASES = [c for c in cases() if c.pass_id == "multi-stage" and c.companion(".findings.txt").exists()]


@pytest.mark.parametrize("case", SKIP_CASES, ids=[c.name for c in SKIP_CASES])
def test_skip_reasons_survive_the_other_passes(case: Case) -> None:
    """Every multi-stage skip is still reported when all passes run. The applier reports a first-round finding
    only when the same message holds after the other passes' fixes, so a reason quoting words they edit in the
    same round (curl's -f in skip-system-change and skip-runtime-run-download) used to vanish."""
    result = run_case(case, list(PASSES))
    assert not result.internal_errors
    got = [f"{r.line}: {r.item.level.value}: {r.item.message}" for r in result.findings
           if r.item.pass_id == "multi-stage"]
    assert got == case.companion(".findings.txt").read_text().splitlines()


MANIFESTS_FIRST = {
    "node-sources-first": "package*.json copied before the install at line 4 and the sources' COPY (line 3) moved",
    "node-sources-before-workdir": "package*.json copied before the install at line 4 and the sources' COPY (line 2)",
    "node-sources-first-lowercase-crlf": "package*.json copied before the install at line 6",
    "node-sources-first-subfolder": "package*.json, frontend/package*.json copied before the install at line 9",
    "node-yarn-sources-first": "package.json yarn.lock copied before the install at line 4",
    "node-pnpm-sources-first": "package.json pnpm-lock.yaml .npmrc copied before the install at line 5",
    "node-postinstall-script": "still follows the COPY of the sources (line 3): package.json's postinstall script",
    "node-prepare-script": "still follows the COPY of the sources (line 3): package.json's prepare script",
    "node-local-dependency": "the dependencies entry @orders/shared is a local package of the sources",
    "node-workspaces": "package*.json and the package.json of 1 workspace package copied before the install",
    "node-pnpm-workspace-sources-first": "pnpm-workspace.yaml and the package.json of 1 workspace package copied",
    "node-workspace-prepare": "the workspace package packages/shared runs prepare on install with its sources",
    "node-no-dockerignore": "no .dockerignore leaves out node_modules",
    "node-install-build-one-run": "the install shares its RUN with the build (npm run build at line 4)",
    "node-run-between": "line 4 runs cp between them, which may read the sources",
    "python-sources-first": "requirements.txt copied before the install at line 6 and the sources' COPY (line 5)",
    "python-nested-requirements": "prod.txt base.txt copied before the install at line 5",
    "python-editable-project": "requirements.txt line 4 is an editable install of the sources",
    "python-install-project": "pip install . builds the project from its sources",
    "python-venv-in-sources": "no .dockerignore leaves out .venv",
    "python-command-in-install-run": "its RUN at line 4 also runs python, which may read the sources",
    # PHP: composer's download tools leave the runtime only when nothing else there runs them.
    "php-apache-composer": "composer's download tools dropped from the runtime: git (line 3), unzip (line 3)",
    "php-fpm-copy-all": "dropped from the runtime: git (line 3), unzip (line 3); no other RUN of the stage runs",
    "php-entrypoint-calls-git": "git kept at line 3: docker-entrypoint.sh calls it",
    "php-laravel-assets": "git kept at line 3: line 15 runs npm, which may fetch git dependencies",
    "php-run-uses-unzip": "unzip kept at line 3: line 15 runs unzip",
    "php-installer": "unzip kept at line 3: the install would be left empty",
}
MANIFEST_CASES = [c for c in cases() if c.pass_id == "multi-stage" and c.source.parent.name in MANIFESTS_FIRST]


@pytest.mark.parametrize("case", MANIFEST_CASES, ids=[c.name for c in MANIFEST_CASES])
def test_the_split_says_what_it_moved_and_left(case: Case) -> None:
    """Each manifests-first reorder and each dropped fetch tool, and each reason one was not made, is in the
    split's message (the golden output shows the layout)."""
    result = run_case(case, [BY_ID["multi-stage"]])
    (fix,) = [r.item for r in result.fixes]
    assert MANIFESTS_FIRST[case.source.parent.name] in fix.message
