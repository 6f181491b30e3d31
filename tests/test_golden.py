"""Every golden case, checked for exact bytes, validity, idempotence and round-trip by the harness, and
for what the pass's declaration promises: no internal error, and only safe fixes from a pass declared safe."""

from __future__ import annotations

import pytest

from refactor.document import parse
from refactor.validate import check_rewrite
from tests.golden import Case, Status, cases, findings_lines, rerun, run_case, trust_problems
from transforms import PASSES

BY_ID = {p.id: p for p in PASSES}
CASES = cases()


def _pass(case: Case):
    assert case.pass_id in BY_ID, f"golden/{case.pass_id} names no registered pass"
    return BY_ID[case.pass_id]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Case) -> None:
    p = _pass(case)
    result = run_case(case, [p])
    assert result.status in (Status.CHANGED, Status.UNCHANGED), result.reason
    assert trust_problems(p, result) == []
    assert result.new.encode("utf-8") == case.expected
    if result.changed:
        assert check_rewrite(result.original, result.new) is None
    again = rerun(case, [p], result.new)
    assert again.status is Status.UNCHANGED, f"not idempotent: second run changed it ({again.reason})"
    expected_findings = case.companion(".findings.txt")
    if expected_findings.exists():
        assert findings_lines(result) == expected_findings.read_text().splitlines()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_round_trip(case: Case) -> None:
    text = case.source.read_bytes().decode("utf-8")
    result = run_case(case, [])
    assert result.status is Status.UNCHANGED
    assert result.new == text
    parse(text)


def test_every_pass_has_golden_cases() -> None:
    covered = {c.pass_id for c in CASES}
    missing = sorted(set(BY_ID) - covered)
    assert not missing, f"passes without golden cases: {missing}"
