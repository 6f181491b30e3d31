"""Review fixes state their evidence (issue 11): a golden case may pin its fix messages in ``<case>.fixes.txt``,
one ``LINE: MESSAGE`` per review fix, in the order the pass reports them."""

from __future__ import annotations

import pytest

from refactor.edits import Safety
from tests.golden import Case, cases, run_case
from transforms import PASSES

BY_ID = {p.id: p for p in PASSES}
PINNED = [c for c in cases() if c.companion(".fixes.txt").exists()]


def fix_lines(case: Case) -> list[str]:
    result = run_case(case, [BY_ID[case.pass_id]])
    return [f"{r.line}: {r.item.message}" for r in result.fixes if r.item.safety is Safety.REVIEW]


@pytest.mark.parametrize("case", PINNED, ids=[c.name for c in PINNED])
def test_review_fix_messages(case: Case) -> None:
    assert fix_lines(case) == case.companion(".fixes.txt").read_text().splitlines()


def test_messages_are_pinned_for_the_evidence_passes() -> None:
    pinned = {c.pass_id for c in PINNED}
    assert {"non-root-user", "apt-get-install-use-no-rec", "curl-use-flag-l", "mkdir-usr-src-then-remove"} <= pinned
