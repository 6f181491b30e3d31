"""The ecosystem records are consistent with their own examples (refactor/knowledge/ecosystems)."""

from __future__ import annotations

import pytest

from refactor.knowledge.ecosystems import Ecosystem, all_ecosystems
from refactor.knowledge.ecosystems.go import GO
from refactor.knowledge.ecosystems.java import GRADLE, MAVEN
from refactor.knowledge.ecosystems.node import NPM, PNPM, YARN
from refactor.knowledge.ecosystems.php import COMPOSER
from refactor.knowledge.ecosystems.python import PIP, POETRY, UV
from refactor.knowledge.ecosystems.rust import CARGO

ECOSYSTEMS = all_ecosystems()
IDS = [e.name for e in ECOSYSTEMS]


def test_names_are_unique() -> None:
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("eco", ECOSYSTEMS, ids=IDS)
def test_every_pattern_matches_its_examples_and_not_its_counterexamples(eco: Ecosystem) -> None:
    patterns = [*eco.install, *(b.pattern for b in eco.builds)]
    assert eco.install, "an ecosystem without an install command"
    for pat in patterns:
        assert pat.examples, f"{sorted(pat.tools)} has no examples"
        for line in pat.examples:
            assert pat.matches(line), line
        for line in pat.counterexamples:
            assert not pat.matches(line), line


@pytest.mark.parametrize("eco", ECOSYSTEMS, ids=IDS)
def test_the_production_install_is_an_install(eco: Ecosystem) -> None:
    if eco.production_install is not None:
        assert eco.installs(eco.production_install)


@pytest.mark.parametrize("eco", ECOSYSTEMS, ids=IDS)
def test_build_commands_match_their_examples_and_name_an_output(eco: Ecosystem) -> None:
    for build in eco.builds:
        assert build.examples
        for line in build.examples:
            assert build.pattern.matches(line), line
            named = build.output_of(line)
            if build.output_option is None and build.output_arg is None:
                assert named is None
                assert build.outputs, "a build whose output is nowhere"
            else:
                assert named, f"{line!r} names its output with {build.output_option or build.output_arg}"


@pytest.mark.parametrize("eco", ECOSYSTEMS, ids=IDS)
def test_files_and_folders_are_well_formed(eco: Ecosystem) -> None:
    assert eco.manifests
    for name in (*eco.manifests, *eco.lockfiles):
        assert "/" not in name and name == name.strip()
    assert not set(eco.manifests) & set(eco.lockfiles)
    for path in eco.cache_dirs:
        assert path.startswith("/") and not path.endswith("/")
    for path in eco.dependency_dirs:
        assert not path.startswith("/") and path.endswith("/")


@pytest.mark.parametrize("eco", [e for e in ECOSYSTEMS if e.runtime_bases], ids=lambda e: e.name)
def test_runtime_bases_give_their_examples(eco: Ecosystem) -> None:
    for base in eco.runtime_bases:
        assert base.examples
        for builder, runtime in base.examples:
            assert base.runtime_for(builder) == runtime
            assert runtime != builder
    first = eco.runtime_bases[0].examples[0]
    assert eco.runtime_for(first[0]) == first[1]


@pytest.mark.parametrize(("eco", "image"), [(NPM, "ubuntu:22.04"), (PIP, "python:3.12-slim"), (GO, "golang"),
                                            (MAVEN, "openjdk:17"), (CARGO, "rust:1.79-alpine")])
def test_runtime_bases_do_not_guess(eco: Ecosystem, image: str) -> None:
    assert eco.runtime_for(image) is None


@pytest.mark.parametrize(("eco", "line"), [
    (NPM, "npm ci --omit=dev"), (NPM, "npm isnt"), (NPM, "sudo -E /usr/bin/npm i"),
    (YARN, "yarn"), (YARN, "yarn install --production --frozen-lockfile"),
    (PNPM, "pnpm install --prod --frozen-lockfile"), (PIP, "python3.12 -m pip install -r req.txt"),
    (PIP, "env PIP_NO_CACHE_DIR=1 pip3.11 install x"), (UV, "uv sync --frozen --no-dev"),
    (POETRY, "poetry install --only main"), (COMPOSER, "composer install --no-dev --optimize-autoloader"),
    (GO, "go mod download"), (CARGO, "cargo fetch"), (MAVEN, "mvn dependency:go-offline"),
    (GRADLE, "./gradlew dependencies"),
])
def test_known_install_lines(eco: Ecosystem, line: str) -> None:
    assert eco.installs(line)
    others = [e for e in ECOSYSTEMS if e.language != eco.language]
    assert not any(o.installs(line) for o in others)


@pytest.mark.parametrize(("eco", "line", "output"), [
    (GO, "go build -o /out/server ./cmd/server", "/out/server"),
    (GO, "go build -o=/bin/app .", "/bin/app"),
    (CARGO, "cargo build --release --target-dir=/build", "/build"),
    (PNPM, "pnpm --filter=api --prod deploy /prod/api", "/prod/api"),
    (PIP, "python -m venv --copies /opt/venv", "/opt/venv"),
])
def test_named_outputs(eco: Ecosystem, line: str, output: str) -> None:
    assert [b.output_of(line) for b in eco.builds if b.pattern.matches(line)] == [output]
