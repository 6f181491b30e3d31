"""``--format github``: GitHub Actions workflow commands, one annotation per fix, finding or problem
(docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-a-warning-message)."""

from __future__ import annotations

from collections.abc import Sequence

from refactor.edits import Fix, Level, Safety
from refactor.reports.json import shown_findings
from refactor.reports.positions import Lines, span
from refactor.reports.summary import Entry

_COMMAND = {Level.ERROR: "error", Level.SKIP: "warning", Level.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(entries: Sequence[Entry], verbose: bool) -> str:
    out: list[str] = []
    for e in entries:
        r = e.result
        path = _prop(e.repo_path)
        lines = Lines(r.original)
        for x in sorted((r.fixes if r.changed else []) + shown_findings(e, verbose), key=lambda x: x.line):
            item = x.item
            start, end = span(x, lines)
            if isinstance(item, Fix):
                command = "warning"
                title = f"dockmod {item.pass_id}" + (" [review]" if item.safety is Safety.REVIEW else "")
            else:
                command, title = _COMMAND[item.level], f"dockmod {item.pass_id} ({item.level.value})"
            out.append(f"::{command} file={path},line={start.line},col={start.column},endLine={end.line},"
                       f"endColumn={end.column},title={_prop(title)}::{_data(item.message)}\n")
        problems = ([e.write_error or r.reason] if e.failed or r.reason else []) + list(r.internal_errors)
        for message in problems:
            command = "error" if e.failed or message in r.internal_errors else "warning"
            out.append(f"::{command} file={path},title=dockmod::{_data(message)}\n")
    return "".join(out)
