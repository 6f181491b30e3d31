"""The one applier: run passes, apply non-overlapping fixes, repeat until stable, then validate.

Nothing a pass does escapes from here: a pass that raises, or returns a fix whose own edits overlap or
fall outside the text, is an internal error of that pass. The file is then transformed again without
that pass, so the other passes' fixes and findings stand, and the error is reported with the outcome.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from refactor import suppressions
from refactor.document import Document, parse
from refactor.edits import Edit, Finding, Fix, Safety, apply_edits
from refactor.passes import Context, Pass
from refactor.source import InputError
from refactor.validate import check_rewrite

MAX_ROUNDS = 10


class PassError(Exception):
    """A pass raised or returned something the applier cannot use: a bug in that pass, not in the input."""

    def __init__(self, pass_id: str, message: str):
        super().__init__(f"internal error in {pass_id}: {message}")
        self.pass_id = pass_id


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
    failure: str | None = None  # set when the passes do not converge: the file failed, ``text`` is the original
    internal_errors: list[str] = field(default_factory=list)  # "internal error in PASS: …", that pass left out
    held: list[Reported] = field(default_factory=list)  # review fixes left out by ``safe_only``, on the final text
    suppressed: list[Reported] = field(default_factory=list)  # fixes an inline suppression keeps out, likewise

    @property
    def changed(self) -> bool:
        return bool(self.fixes) and self.error is None


def select_fixes(fixes: Sequence[Fix]) -> list[Fix]:
    """Fixes in source order (ties in pass order), skipping any that overlaps or touches one already chosen."""
    chosen: list[Fix] = []
    last_end = -1
    for fix in sorted((f for f in fixes if f.edits), key=lambda f: (f.start, f.end)):  # stable: ties keep pass order
        if fix.start <= last_end:
            continue
        chosen.append(fix)
        last_end = fix.end
    return chosen


def run_passes(doc: Document, passes: Sequence[Pass], ctx: Context) -> tuple[list[Fix], list[Finding]]:
    """Every pass's fixes and findings on ``doc``; raises PassError naming the first pass that fails."""
    fixes: list[Fix] = []
    findings: list[Finding] = []
    for p in passes:
        if not p.may_act(doc):  # none of its trigger words: it would report nothing
            continue
        try:
            results = list(p(doc, ctx))
        except Exception as exc:  # any bug in a pass is reported, never propagated
            raise PassError(p.id, describe(exc)) from exc
        for result in results:
            if isinstance(result, Fix):
                problem = fix_problem(result, len(doc.text))
                if problem:
                    raise PassError(p.id, problem)
                fixes.append(result)
            elif isinstance(result, Finding):
                findings.append(result)
            else:
                raise PassError(p.id, f"returned {type(result).__name__}, not a Fix or Finding")
    return fixes, findings


def fix_problem(fix: Fix, size: int) -> str | None:
    """Why the applier cannot apply ``fix`` on a text of ``size`` characters (its edits are sorted)."""
    pos = 0
    for e in fix.edits:
        if not 0 <= e.start <= e.end <= size:
            return f"fix {fix.message!r} has an edit {e.start}:{e.end} outside the text (0:{size})"
        if e.start < pos:
            return f"fix {fix.message!r} has overlapping edits at offset {e.start}"
        pos = e.end
    return None


def describe(exc: BaseException) -> str:
    """One line for an exception: type, first line of its message, and where it was raised."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    where = ""
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        path = Path(last.filename)
        short = "/".join(path.parts[-2:]) if len(path.parts) >= 2 else path.name
        where = f" (at {short}:{last.lineno})"
    return f"{type(exc).__name__}{': ' + message[:200] if message else ''}{where}"


def transform(text: str, passes: Sequence[Pass], ctx: Context, safe_only: bool = False) -> Outcome:
    """Apply ``passes`` to ``text`` until nothing changes (at most MAX_ROUNDS rounds).

    Every reported line is a line of the original text. Findings are those of the first round that
    still hold once the fixes are in (a skip that a later round's fix resolved is not reported).
    A pass with an internal error is left out and the file transformed again by the others; the error
    is in ``internal_errors``. Passes still changing the text after MAX_ROUNDS rounds fail the file.
    With ``safe_only`` review fixes are never applied; those that would still apply at the end are ``held``.
    """
    broken: dict[str, str] = {}
    while True:
        active = [p for p in passes if p.id not in broken]
        try:
            outcome = _transform(text, active, ctx, safe_only)
        except PassError as exc:  # the pass is left out from now on, so this loop ends
            broken[exc.pass_id] = str(exc)
            continue
        outcome.internal_errors = list(broken.values())
        return outcome


def _transform(text: str, passes: Sequence[Pass], ctx: Context, safe_only: bool) -> Outcome:
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
    held: list[Fix] = []
    suppressed: list[Fix] = []
    for round_ in range(MAX_ROUNDS + 1):
        try:
            doc = original if round_ == 0 else parse(current)
        except InputError as exc:  # a round's fixes together broke the file: validation's verdict
            outcome.fixes = []
            outcome.error = f"rewrite does not parse: {exc}"
            return outcome
        fixes, findings = run_passes(doc, passes, ctx)
        fixes, findings, suppressed = suppressions.split(doc, passes, fixes, findings)
        if safe_only:
            held = [f for f in fixes if f.safety is Safety.REVIEW]
            fixes = [f for f in fixes if f.safety is not Safety.REVIEW]
        if round_ == 0:
            first = findings
        chosen = select_fixes(fixes)
        if chosen and round_ == MAX_ROUNDS:
            changing = ", ".join(dict.fromkeys(f.pass_id for f in chosen))
            outcome.failure = (f"passes do not converge: {changing} still changing the file after "
                               f"{MAX_ROUNDS} rounds")
            outcome.fixes = []
            return outcome
        if not chosen:
            break
        outcome.fixes += [Reported(f, line(f.offset), current) for f in chosen]
        edits = sorted(e for f in chosen for e in f.edits)
        current = apply_edits(current, edits)
        rounds.append(edits)
    outcome.held = [Reported(f, line(f.offset), current) for f in held]
    outcome.suppressed = [Reported(f, line(f.offset), current) for f in suppressed]
    still = {_gist(f) for f in findings}
    outcome.findings = [Reported(f, original.line_number(f.offset)) for f in first if _gist(f) in still]
    if current == text:
        outcome.fixes = []
        return outcome
    outcome.error = check_rewrite(text, current, rounds)
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
