"""The suite runs without ../shared/corpus (as the README promises): corpus tests skip, with a message."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.paths import REPO

CORPUS_USERS = ["tests/test_document.py", "tests/test_shell.py", "tests/test_context_corpus.py",
                "tests/test_php_official_unchanged.py", "tests/test_corpus.py"]


def test_corpus_tests_skip_when_the_corpus_is_absent(tmp_path) -> None:
    env = {**os.environ, "DOCKMOD_CORPUS": str(tmp_path / "no-corpus"), "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *CORPUS_USERS],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout[-3000:]
    assert "shared corpus not found" in out.stdout
