"""``--format json``: one document per run, schema version 1 (documented in README.md, "JSON report")."""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from refactor.applier import Reported
from refactor.edits import Finding, Fix, Level
from refactor.reports.positions import Lines, on_original, span
from refactor.reports.summary import Entry, Summary

SCHEMA_VERSION = 1


def tool_version() -> str:
    try:
        return version("dockmod")
    except PackageNotFoundError:
        return "0+unknown"


def _item(r: Reported, lines: Lines) -> dict[str, object]:
    x = r.item
    start, end = span(r, lines)
    d: dict[str, object] = {"kind": "fix" if isinstance(x, Fix) else "finding", "pass": x.pass_id,
                            "line": r.line, "start": start.as_dict(), "end": end.as_dict(), "message": x.message}
    if isinstance(x, Fix):
        d["safety"] = x.safety.value
        d["exact"] = on_original(r, lines.text)  # start/end cover its edits in the original text
    else:
        d["level"] = x.level.value
    return d


def shown_findings(entry: Entry, verbose: bool) -> list[Reported]:
    """Findings as text output shows them: info findings only with ``--verbose``."""
    return [r for r in entry.result.findings
            if verbose or not (isinstance(r.item, Finding) and r.item.level is Level.INFO)]


def render(entries: Sequence[Entry], command: str, summary: Summary, verbose: bool) -> str:
    files = []
    for e in entries:
        r = e.result
        lines = Lines(r.original)
        d: dict[str, object] = {
            "path": r.display, "repo_path": e.repo_path, "status": "failed" if e.failed else r.status.value,
            "reason": e.write_error or r.reason,
            "fixes": [_item(x, lines) for x in r.fixes] if e.changed else [],  # none when apply could not write
            "held_back": [_item(x, lines) for x in r.held],
            "suppressed": [_item(x, lines) for x in r.suppressed],
            "findings": [_item(x, lines) for x in shown_findings(e, verbose)],
            "internal_errors": list(r.internal_errors)}
        if e.diff is not None:
            d["diff"] = e.diff
        files.append(d)
    doc = {"version": SCHEMA_VERSION, "tool": {"name": "dockmod", "version": tool_version()}, "command": command,
           "files": files, "summary": summary.as_dict()}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
