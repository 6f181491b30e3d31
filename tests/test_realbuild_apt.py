"""Real build: a Debian image that compiles a C program, before and after dockmod's apt passes.

The after Dockerfile is produced by the apt passes in the test (never written by hand). Both are built
with buildah on a local debootstrap base; after must be smaller, its program must still run, and the
compiler must be gone.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from refactor.applier import transform
from refactor.passes import Context
from tests import realbuild
from tests.realbuild import TagMaker
from transforms import PASSES

pytestmark = pytest.mark.realbuild

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "realbuild" / "apt"
APT_PASSES = [p for p in PASSES if p.id.startswith("apt")]
EXPECTED = "sum of squares 1..100 = 338350\n"


def test_apt_passes_shrink_image_and_program_still_runs(base_image: str, image_tags: TagMaker,
                                                         tmp_path: Path) -> None:
    tags = image_tags("apt-before", "apt-after")
    del base_image
    before_tag, after_tag = tags
    shutil.copy(FIXTURE / "hello.c", tmp_path / "hello.c")
    original = (FIXTURE / "Dockerfile").read_text()
    outcome = transform(original, APT_PASSES, Context(path=FIXTURE / "Dockerfile"))
    assert outcome.error is None and outcome.changed, outcome.error
    applied = {r.item.pass_id for r in outcome.fixes}
    assert {"apt-purge-build-deps", "apt-get-install-rm-apt-lists", "apt-get-install-use-no-rec"} <= applied
    (tmp_path / "Dockerfile.before").write_text(original)
    (tmp_path / "Dockerfile.after").write_text(outcome.text)

    t0 = time.monotonic()
    before = realbuild.build(tmp_path, "Dockerfile.before", before_tag)
    assert before.ok, before.log_tail
    t1 = time.monotonic()
    after = realbuild.build(tmp_path, "Dockerfile.after", after_tag)
    assert after.ok, after.log_tail
    t2 = time.monotonic()

    assert realbuild.run_in_image(before_tag, ["hello"]) == (0, EXPECTED)
    assert realbuild.run_in_image(after_tag, ["hello"]) == (0, EXPECTED)
    rc, _ = realbuild.run_in_image(after_tag, ["sh", "-c", "command -v gcc"])
    assert rc != 0, "gcc should have been purged"
    rc, out = realbuild.run_in_image(after_tag, ["sh", "-c", "ls /var/lib/apt/lists | wc -l"])
    assert rc == 0 and int(out) <= 2  # only lock/partial may remain
    print(f"\napt realbuild: before {before.size_bytes / 1e6:.1f} MB ({t1 - t0:.0f}s), "
          f"after {after.size_bytes / 1e6:.1f} MB ({t2 - t1:.0f}s)")
    assert after.size_bytes < before.size_bytes * 0.6, (before.size_bytes, after.size_bytes)
