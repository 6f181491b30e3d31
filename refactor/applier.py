"""The one applier: run passes, apply non-overlapping fixes, repeat until stable, then validate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from refactor.document import Document, parse
from refactor.edits import Finding, Fix, apply_edits
from refactor.passes import Context, Pass
from refactor.validate import check_rewrite

MAX_ROUNDS = 10


@dataclass
class Reported:
    """A fix or finding with the line it concerns, in the text of the round that produced it."""

    item: Fix | Finding
    line: int


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
    """Apply ``passes`` to ``text`` until nothing changes (at most MAX_ROUNDS rounds)."""
    outcome = Outcome(text)
    current = text
    for round_ in range(MAX_ROUNDS):
        doc = parse(current)
        fixes, findings = run_passes(doc, passes, ctx)
        if round_ == 0:  # findings describe the file as the user wrote it
            outcome.findings = [Reported(f, doc.line_number(f.offset)) for f in findings]
        chosen = select_fixes(fixes)
        if not chosen:
            break
        outcome.fixes += [Reported(f, doc.line_number(f.offset)) for f in chosen]
        current = apply_edits(current, [e for f in chosen for e in f.edits])
    if current == text:
        outcome.fixes = []
        return outcome
    outcome.error = check_rewrite(text, current)
    outcome.text = text if outcome.error else current
    return outcome
