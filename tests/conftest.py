"""Fixtures shared by the real-build tests (buildah on a locally made Debian base)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest

from tests import realbuild


@pytest.fixture(scope="session")
def base_image() -> str:
    """The local debian:bookworm-slim stand-in (built once per machine, then cached)."""
    reason = realbuild.unavailable_reason()
    if reason:
        pytest.skip(reason)
    realbuild.ensure_tools()
    return realbuild.ensure_base_image()


@pytest.fixture
def image_tags() -> Iterator[Callable[..., tuple[str, ...]]]:
    """``image_tags("before", "after")`` gives unique local tags, removed again after the test."""
    made: list[str] = []

    def make(*names: str) -> tuple[str, ...]:
        run = uuid.uuid4().hex[:12]
        tags = tuple(f"localhost/dockmod-{name}:{run}" for name in names)
        made.extend(tags)
        return tags

    yield make
    for tag in made:
        realbuild.cleanup(tag)
