"""The one applier: run passes, apply non-overlapping fixes, repeat until stable, then validate."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from refactor.document import Document, parse
from refactor.edits import Edit, Finding, Fix, apply_edits
from refactor.passes import Context, Pass
from refactor.validate import check_rewrite

MAX_ROUNDS = 10


@dataclass
class Reported:
    """A fix or finding with the line it concerns, in the text of the round that produced it."""

    item: Fix | Finding
    line: int
    text: str = ""  # for a fix: the text of its round, which its edits' offsets refer to


@dataclass
class Outcome:
    text: str
    fixes: list[Reported] = field(default_factory=list)
    findings: list[Reported] = field(default_factory=list)
    error: str | None = None  # set when the rewrite failed validation; ``text`` is then the original

    @property
    def changed(self) -> bool:
        return bool(self.fixes) and self.error is None


def select_fixes(fixes: Sequence[Fix]) -> list[Fix]:
    """Fixes in source order (ties in pass order), skipping any that overlaps or touches one already chosen."""
    chosen: list[Fix] = []
    last_end = -1
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):  # stable: ties keep pass order
        if not fix.edits or fix.start <= last_end:
            continue
        chosen.append(fix)
        last_end = fix.end
    return chosen


def run_passes(doc: Document, passes: Sequence[Pass], ctx: Context) -> tuple[list[Fix], list[Finding]]:
    fixes: list[Fix] = []
    findings: list[Finding] = []
    for p in passes:
        for result in p(doc, ctx):
            (fixes if isinstance(result, Fix) else findings).append(result)
    return fixes, findings


def transform(text: str, passes: Sequence[Pass], ctx: Context) -> Outcome:
    """Apply ``passes`` to ``text`` until nothing changes (at most MAX_ROUNDS rounds).

    Every reported line is a line of the original text. Findings are those of the first round that
    still hold once the fixes are in (a skip that a later round's fix resolved is not reported).
    """
    outcome = Outcome(text)
    original = parse(text)
    current = text
    rounds: list[list[Edit]] = []  # the edits applied in each round, in order

    def line(offset: int) -> int:
        for edits in reversed(rounds):
            offset = map_back(offset, edits)
        return original.line_number(offset)

    first: list[Finding] = []
    findings: list[Finding] = []
    for round_ in range(MAX_ROUNDS + 1):
        doc = original if round_ == 0 else parse(current)
        fixes, findings = run_passes(doc, passes, ctx)
        if round_ == 0:
            first = findings
        chosen = select_fixes(fixes) if round_ < MAX_ROUNDS else []
        if not chosen:
            break
        outcome.fixes += [Reported(f, line(f.offset), current) for f in chosen]
        edits = sorted(e for f in chosen for e in f.edits)
        current = apply_edits(current, edits)
        rounds.append(edits)
    still = {_gist(f) for f in findings}
    outcome.findings = [Reported(f, original.line_number(f.offset)) for f in first if _gist(f) in still]
    if current == text:
        outcome.fixes = []
        return outcome
    outcome.error = check_rewrite(text, current)
    outcome.text = text if outcome.error else current
    return outcome


def map_back(offset: int, edits: Sequence[Edit]) -> int:
    """The offset in the text before ``edits`` of ``offset`` in the text after them; inserted text maps
    to where it was inserted."""
    delta = 0
    for e in edits:
        start = e.start + delta
        if offset < start:
            break
        if offset < start + len(e.content):
            return e.start
        delta += len(e.content) - (e.end - e.start)
    return offset - delta


def _gist(finding: Finding) -> tuple[str, str]:
    """A finding's identity across rounds: line numbers in its message may shift as lines are added."""
    return finding.pass_id, re.sub(r"\d+", "#", finding.message)
