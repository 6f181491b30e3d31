"""Inline suppressions: ``# dockmod: ignore[…]``, ``# dockmod: skip-file`` and hadolint's ``ignore=`` pragmas.

What it does: a comment block directly above an instruction that holds ``# dockmod: ignore[pass-id,…]`` (ids or
aliases), a bare ``# dockmod: ignore`` (every pass) or ``# hadolint ignore=DL3015,…`` (the passes whose
``Pass.hadolint`` codes are named) keeps those passes' fixes and findings off that instruction: a fix is
suppressed when one of its edits touches the instruction or the comment block above it (an insertion at either
end counts). Above a ``FROM`` it covers the whole stage. ``# dockmod: skip-file`` in the comments before the
first instruction, or ``# hadolint global ignore=…``, covers the whole file. The applier calls ``split`` on
every round, so no pass needs to know. A ``# dockmod: ignore[…]`` naming an id that is neither a registered
pass nor an alias suppresses nothing for it and is reported as a ``suppression`` finding on its line (ruff's
RUF102, "invalid rule code in noqa"); the applier keeps the first round's findings, so it is reported once.

Why: a reviewer who decided that a line stays as it is (``--no-install-recommends`` kept out on purpose) says
so once, next to the line, in the syntax ruff and hadolint users already write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from refactor import lazy_re
from refactor.document import Document, Instruction
from refactor.edits import Finding, Fix
from refactor.passes import Pass
from refactor.source import split_lines

_DOCKMOD = lazy_re.compile(r"#\s*dockmod:\s*(?P<kind>ignore|skip-file)(?:\[(?P<ids>[^\]]*)\])?\s*$")
UNKNOWN_ID = "suppression"  # the pass id of findings about the pragmas themselves (an unknown id)
_HADOLINT = lazy_re.compile(r"#\s*hadolint\s+(?P<glob>global\s+)?ignore\s*=\s*(?P<codes>[A-Za-z0-9_, \t-]+?)\s*$")


class Rule(NamedTuple):
    """Passes (None: every pass) suppressed on ``text[start:stop]``."""

    start: int
    stop: int
    passes: frozenset[str] | None

    def covers(self, pass_id: str, start: int, end: int) -> bool:
        if self.passes is not None and pass_id not in self.passes:
            return False
        if start == end:
            return self.start <= start <= self.stop
        return start < self.stop and end > self.start


def _names(passes: Sequence[Pass]) -> tuple[dict[str, str], dict[str, set[str]]]:
    by_name = {p.id: p.id for p in passes} | {a: p.id for p in passes for a in p.aliases}
    by_code: dict[str, set[str]] = {}
    for p in passes:
        for code in p.hadolint:
            by_code.setdefault(code.upper(), set()).add(p.id)
    return by_name, by_code


def _pragma(comment: str, by_name: dict[str, str], by_code: dict[str, set[str]]) -> tuple[str, frozenset[str] | None]:
    """``(scope, passes)`` of one comment line: scope "" (no pragma), "line", "file" or "skip-file"."""
    m = _DOCKMOD.search(comment)
    if m:
        if m["kind"] == "skip-file":
            return "skip-file", None
        if m["ids"] is None:
            return "line", None
        ids = {by_name[n] for n in (s.strip() for s in m["ids"].split(",")) if n in by_name}
        return "line", frozenset(ids)
    m = _HADOLINT.search(comment)
    if m:
        ids = {i for code in re.split(r"[,\s]+", m["codes"]) for i in by_code.get(code.upper(), ())}
        return ("file" if m["glob"] else "line"), frozenset(ids)
    return "", None


def _pragma_lines(doc: Document) -> Iterator[tuple[Instruction | None, int, str]]:
    """The comment lines a pragma may stand on, as ``(instruction, line start, comment)``: the leading comments
    (instruction None) and, bottom up, each comment block directly above an instruction."""
    text = doc.text
    lines = split_lines(text)
    first = doc.instructions[0].line_start if doc.instructions else len(text)
    for ln in lines:
        if ln.start >= first:
            break
        yield None, ln.start, text[ln.start:ln.end].strip()
    for ins in doc.instructions:
        above = doc.line_number(ins.line_start) - 2  # index of the line directly above
        while above >= 0 and text[lines[above].start:lines[above].end].lstrip(" \t").startswith("#"):
            yield ins, lines[above].start, text[lines[above].start:lines[above].end].strip()
            above -= 1


def rules(doc: Document, passes: Sequence[Pass]) -> list[Rule]:
    """Every suppression in ``doc``."""
    text = doc.text
    if "dockmod:" not in text and "hadolint" not in text:
        return []
    by_name, by_code = _names(passes)
    out: list[Rule] = []
    block_start: dict[int, int] = {}  # instruction start -> the top line of the comment block above it
    pragmas: dict[int, list[frozenset[str] | None]] = {}
    owners: dict[int, Instruction] = {}
    for ins, line_start, comment in _pragma_lines(doc):
        scope, ids = _pragma(comment, by_name, by_code)
        if ins is None:
            if scope == "skip-file":
                return [Rule(0, len(text), None)]
            if scope == "file":
                out.append(Rule(0, len(text), ids))
            continue
        block_start[ins.start] = line_start
        owners[ins.start] = ins
        if scope == "file":
            out.append(Rule(0, len(text), ids))
        elif scope:
            pragmas.setdefault(ins.start, []).append(ids)
    for key, found in pragmas.items():
        out += [Rule(block_start[key], _scope_end(owners[key]), ids) for ids in found]
    return out


def unknown_ids(doc: Document, passes: Sequence[Pass] = ()) -> list[Finding]:
    """A finding per pragma line whose ``ignore[…]`` names ids that are no registered pass or alias (nor one
    of ``passes``): those ids suppress nothing, most likely a typo."""
    if "dockmod:" not in doc.text:
        return []
    by_name, _ = _names([*_registry(), *passes])
    out: list[Finding] = []
    seen: set[int] = set()  # the leading comments are also the block above the first instruction
    for _, line_start, comment in _pragma_lines(doc):
        m = _DOCKMOD.search(comment)
        if not m or m["kind"] != "ignore" or m["ids"] is None or line_start in seen:
            continue
        seen.add(line_start)
        bad = [n for n in dict.fromkeys(s.strip() for s in m["ids"].split(",")) if n and n not in by_name]
        if bad:
            names = ", ".join(repr(n) for n in bad)
            many = len(bad) > 1
            out.append(Finding(UNKNOWN_ID, f"unknown pass id{'s' * many} {names} in '# dockmod: ignore[...]': "
                               f"nothing is suppressed for {'them' if many else 'it'} (see 'dockmod list' for ids "
                               "and aliases)", line_start))
    return out


def _registry() -> tuple[Pass, ...]:
    from transforms import PASSES  # here: transforms imports the engine, not the other way round

    return PASSES


def _scope_end(ins: Instruction) -> int:
    """Where a pragma above ``ins`` stops: its own end, or its stage's end above a FROM."""
    if ins.name == "FROM" and 0 <= ins.stage_index < len(ins.doc.stages):
        return ins.doc.stages[ins.stage_index].instructions[-1].stop
    return ins.stop


def split(doc: Document, passes: Sequence[Pass], fixes: list[Fix],
          findings: list[Finding]) -> tuple[list[Fix], list[Finding], list[Fix]]:
    """``(fixes kept, findings kept, fixes suppressed)`` under the suppressions in ``doc``."""
    found = rules(doc, passes)
    unknown = unknown_ids(doc, passes)
    if not found:
        return fixes, findings + unknown, []
    kept: list[Fix] = []
    suppressed: list[Fix] = []
    for fix in fixes:
        hit = any(r.covers(fix.pass_id, e.start, e.end) for r in found for e in fix.edits)
        (suppressed if hit else kept).append(fix)
    shown = [f for f in findings if not any(r.covers(f.pass_id, f.offset, f.offset) for r in found)]
    return kept, shown + unknown, suppressed
