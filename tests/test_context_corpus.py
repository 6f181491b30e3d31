"""The real opentelemetry-demo quote service: a composer stage and a PHP runtime, judged against its manifests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from refactor.passes import Context
from refactor.project import Project
from refactor.runner import Status, process_file, process_text
from tests.paths import CORPUS
from transforms import PASSES

OTEL = CORPUS / "open-telemetry+opentelemetry-demo"
QUOTE = OTEL / "src" / "quote" / "Dockerfile"
PASS = {p.id: p for p in PASSES}["composer-platform-req"]


@pytest.fixture
def quote() -> Path:
    if not QUOTE.is_file():
        pytest.skip(f"shared corpus not found: {QUOTE} is missing")
    return QUOTE


def test_quote_context_is_the_repository_root(quote: Path) -> None:
    assert Project().build_context(quote) == OTEL.resolve()


def test_quote_keeps_blanket_flag_and_says_why(quote: Path) -> None:
    # Only composer.json is copied (no lock): the dependencies' ext-* needs (open-telemetry's auto
    # instrumentation needs ext-opentelemetry) are unknown, so narrowing to ext-pcntl could break the build.
    result = process_file(quote, [PASS], Context(project=Project()))
    assert result.status is Status.UNCHANGED
    messages = [(r.line, r.item.message) for r in result.findings]
    assert len(messages) == 1
    line, message = messages[0]
    assert line == 14
    assert "--ignore-platform-reqs kept" in message and "composer.lock is not copied" in message
    assert "ext-pcntl" in message  # composer.json's own need: missing in composer, installed in runtime


def test_quote_with_a_lock_narrows_to_the_exact_flags(quote: Path, tmp_path: Path) -> None:
    """The same service with a lock copied in: pcntl (composer.json) and opentelemetry (a dependency)
    are missing in the composer image and installed in the runtime; protobuf is only suggested."""
    repo = tmp_path / "otel"
    (repo / "src" / "quote").mkdir(parents=True)
    shutil.copy(OTEL / "src" / "quote" / "composer.json", repo / "src" / "quote" / "composer.json")
    lock = {"packages": [
        {"name": "open-telemetry/opentelemetry-auto-slim", "require": {"php": "^8.2", "ext-opentelemetry": "*"}},
        {"name": "open-telemetry/exporter-otlp", "require": {"php": "^8.1", "ext-json": "*"}},
        {"name": "react/http", "require": {"php": ">=5.3.0"}},
    ]}
    (repo / "src" / "quote" / "composer.lock").write_text(json.dumps(lock))
    text = quote.read_text().replace("COPY ./src/quote/composer.json composer.json",
                                     "COPY ./src/quote/composer.json ./src/quote/composer.lock ./")
    df = repo / "src" / "quote" / "Dockerfile"
    df.write_text(text)
    result = process_text(text, str(df), [PASS], Context(df, project=Project()))
    assert result.status is Status.CHANGED
    changed = [ln.strip() for ln in result.new.splitlines() if "ignore-platform" in ln]
    # composer:2.10.2's PHP minor version is not knowable from the tag, and composer.json wants php >= 8.5
    assert changed == ["--ignore-platform-req=ext-opentelemetry \\", "--ignore-platform-req=ext-pcntl \\",
                       "--ignore-platform-req=php \\"]
