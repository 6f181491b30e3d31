"""Every pass over every real Dockerfile in ../shared/corpus: no crash, lossless, valid, idempotent."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from refactor.passes import Context
from refactor.project import Project
from refactor.runner import Status, process_file, process_text
from refactor.validate import check_rewrite
from tests.golden import trust_problems
from tests.paths import CORPUS, VALIDITY, corpus_files, need_corpus
from transforms import PASSES

pytestmark = pytest.mark.corpus


def test_round_trip_every_file_byte_for_byte() -> None:
    need_corpus()
    files = corpus_files()
    assert len(files) >= 600
    for path in files:
        data = path.read_bytes()
        result = process_file(path, [], Context(project=Project()))
        assert result.status is not Status.FAILED, (path, result.reason)
        assert result.new.encode("utf-8") == data, path


@pytest.mark.parametrize("pass_", PASSES, ids=[p.id for p in PASSES])
def test_pass_over_corpus(pass_) -> None:
    need_corpus()
    project = Project()
    changed = 0
    for path in corpus_files():
        result = process_file(path, [pass_], Context(project=project))
        assert result.status is not Status.FAILED, (path, result.reason)
        assert trust_problems(pass_, result) == [], path
        assert result.status is not Status.SKIPPED, \
            (path, result.reason)
        if result.changed:
            changed += 1
            assert check_rewrite(result.original, result.new) is None, path
            again = process_text(result.new, str(path), [pass_], Context(path, project=project))
            assert again.status is Status.UNCHANGED, (path, "not idempotent")
    print(f"{pass_.id}: {changed} files changed")


def _dockmod(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "refactor", *args], cwd=cwd, capture_output=True, timeout=900)


def test_apply_all_passes_then_validity_diff_and_git_apply(tmp_path: Path) -> None:
    need_corpus()
    for name in ("orig", "new", "patched"):
        shutil.copytree(CORPUS, tmp_path / name / "corpus", copy_function=shutil.copyfile)  # writable copies
    diff = _dockmod("diff", "corpus", cwd=tmp_path / "new")
    assert diff.returncode in (0, 1), diff.stderr.decode()[-2000:]
    applied = _dockmod("apply", "corpus", cwd=tmp_path / "new")
    assert applied.returncode == 0, applied.stderr.decode()[-2000:]
    report = subprocess.run([sys.executable, str(VALIDITY), str(tmp_path / "orig" / "corpus"),
                             str(tmp_path / "new" / "corpus")], capture_output=True, text=True, check=True)
    print(report.stdout)
    assert "broken=0 " in report.stdout and "lost_comment=0" in report.stdout, report.stdout
    again = _dockmod("diff", "corpus", cwd=tmp_path / "new")
    assert again.returncode == 0, again.stdout.decode()[:3000]
    if diff.stdout:
        subprocess.run(["git", "apply", "--whitespace=nowarn", "-"], cwd=tmp_path / "patched", input=diff.stdout,
                       check=True)
    cmp = filecmp.dircmp(tmp_path / "new" / "corpus", tmp_path / "patched" / "corpus")
    mismatched = _deep_diff(cmp)
    assert not mismatched, mismatched[:5]


def _deep_diff(cmp: filecmp.dircmp) -> list[str]:
    out = [f"{cmp.left}/{n}" for n in cmp.diff_files + cmp.left_only + cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
    out += [f"{cmp.left}/{n}" for n in mismatch + errors]
    for sub in cmp.subdirs.values():
        out += _deep_diff(sub)
    return sorted(set(out))
