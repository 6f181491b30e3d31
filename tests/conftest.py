"""Fixtures shared by the tests: real builds (buildah on a locally made Debian base); a git identity."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest

from tests import realbuild

# Tests commit into throwaway repositories; a fresh CI machine has no git identity. (tests/test_gitout.py
# removes these again where it tests what happens without one.)
for _key, _value in (("GIT_AUTHOR_NAME", "dockmod tests"), ("GIT_AUTHOR_EMAIL", "tests@dockmod.invalid"),
                     ("GIT_COMMITTER_NAME", "dockmod tests"), ("GIT_COMMITTER_EMAIL", "tests@dockmod.invalid")):
    os.environ.setdefault(_key, _value)


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
