"""``--format sarif``: SARIF 2.1.0 (docs.oasis-open.org/sarif/sarif/v2.1.0), one run, one rule per pass.

Each fix is a result with a SARIF ``fix`` whose replacements are its edits in the original file; a fix made
on top of another fix (a later applier round) has no edits on the original, so it is reported without one.
Files that could not be processed are ``toolExecutionNotifications``. Columns count Unicode code points.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import quote

from refactor.applier import Reported
from refactor.edits import Fix, Level, Safety
from refactor.passes import Pass
from refactor.reports.json import shown_findings, tool_version
from refactor.reports.positions import Lines, Position, edits_on_original, span
from refactor.reports.summary import Entry
from refactor.suppressions import UNKNOWN_ID

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Level.ERROR: "error", Level.SKIP: "warning", Level.INFO: "note"}


def _region(start: Position, end: Position) -> dict[str, int]:
    return {"startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column}


def _uri(path: str) -> str:
    """Relative to the work tree's top (or the current folder); an absolute path as a file URI."""
    return "file://" + quote(path, safe="/") if path.startswith("/") else quote(path, safe="/")


def _result(r: Reported, uri: str, lines: Lines, rule_index: dict[str, int]) -> dict[str, object]:
    x = r.item
    start, end = span(r, lines)
    location = {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": _region(start, end)}}
    out: dict[str, object] = {"ruleId": x.pass_id, "ruleIndex": rule_index[x.pass_id], "message": {"text": x.message},
                              "locations": [location]}
    if isinstance(x, Fix):
        out["level"] = "warning"
        out["properties"] = {"safety": x.safety.value}
        edits = edits_on_original(r, lines.text)
        if edits:
            replacements = [{"deletedRegion": _region(lines.at(e.start), lines.at(e.end)),
                             **({"insertedContent": {"text": e.content}} if e.content else {})} for e in edits]
            out["fixes"] = [{"description": {"text": x.message + (" (review)" if x.safety is Safety.REVIEW else "")},
                             "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}]}]
    else:
        out["level"] = _LEVEL[x.level]
    return out


def render(entries: Sequence[Entry], passes: Sequence[Pass], verbose: bool) -> str:
    rules = [{"id": p.id, "name": p.id, "shortDescription": {"text": p.summary},
              "fullDescription": {"text": p.doc.strip().split("\n\n")[0]},
              "properties": {"safety": p.safety.value}} for p in passes]
    rule_index = {p.id: i for i, p in enumerate(passes)}
    if any(r.item.pass_id == UNKNOWN_ID for e in entries for r in e.result.findings):
        rule_index[UNKNOWN_ID] = len(rules)
        rules.append({"id": UNKNOWN_ID, "name": UNKNOWN_ID,
                      "shortDescription": {"text": "a '# dockmod: ignore[...]' names an unknown pass id"},
                      "fullDescription": {"text": "The id is no registered pass or alias, so it suppresses "
                                                  "nothing; see 'dockmod list'."}})
    results: list[dict[str, object]] = []
    notes: list[dict[str, object]] = []
    for e in entries:
        r = e.result
        uri = _uri(e.repo_path)
        lines = Lines(r.original)
        for x in (r.fixes if r.changed else []) + shown_findings(e, verbose):
            if x.item.pass_id in rule_index:
                results.append(_result(x, uri, lines, rule_index))
        problems = ([e.write_error or r.reason] if e.failed or r.reason else []) + list(r.internal_errors)
        for message in problems:
            notes.append({"level": "error" if e.failed or message in r.internal_errors else "warning",
                          "message": {"text": f"{r.display}: {message}"},
                          "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
    invocation = {"executionSuccessful": not any(n["level"] == "error" for n in notes),
                  "toolExecutionNotifications": notes}
    log = {"$schema": SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "dockmod", "version": tool_version(),
                                         "rules": rules}},
                     "columnKind": "unicodeCodePoints", "invocations": [invocation], "results": results}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
