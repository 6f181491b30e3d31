"""Smoke test for tests/realbuild.py: a real daemonless build that compiles and runs a C program."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import realbuild
from tests.realbuild import TagMaker

pytestmark = pytest.mark.realbuild

HELLO_C = r"""
#include <stdio.h>
int main(void) { printf("hello from dockmod realbuild %d\n", 6 * 7); return 0; }
"""

DOCKERFILE = """\
FROM debian:bookworm-slim
RUN apt-get update \\
 && apt-get install -y --no-install-recommends gcc libc6-dev \\
 && rm -rf /var/lib/apt/lists/*
COPY hello.c /src/hello.c
RUN gcc -O2 -o /usr/local/bin/hello /src/hello.c && hello
CMD ["hello"]
"""


def test_build_compile_and_run(base_image: str, image_tags: TagMaker, tmp_path: Path) -> None:
    (tag,) = image_tags("realbuild-smoke")
    (tmp_path / "hello.c").write_text(HELLO_C)
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)

    result = realbuild.build(tmp_path, "Dockerfile", tag)

    assert result.ok, f"build failed (exit {result.returncode}):\n{result.log_tail}"
    assert "hello from dockmod realbuild 42" in result.log
    base_size = realbuild.image_size(base_image)
    assert 0 < base_size < result.size_bytes
    assert len(result.layer_sizes) >= 2  # the base layer plus what the build added

    rc, out = realbuild.run_in_image(tag, ["hello"])
    assert (rc, out) == (0, "hello from dockmod realbuild 42\n")

    rc, _ = realbuild.run_in_image(tag, ["sh", "-c", "exit 3"])
    assert rc == 3


def test_failed_build_reports_log(base_image: str, image_tags: TagMaker, tmp_path: Path) -> None:
    (tag,) = image_tags("realbuild-smoke")
    (tmp_path / "Dockerfile").write_text("FROM debian:bookworm-slim\nRUN echo about-to-fail && false\n")

    result = realbuild.build(tmp_path, "Dockerfile", tag)

    assert not result.ok
    assert result.returncode != 0
    assert result.size_bytes == 0
    assert "about-to-fail" in result.log_tail
    assert not realbuild.image_exists(tag)
