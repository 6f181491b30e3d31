"""The report writers (refactor/reports/), in-process so mutation testing sees them: the exact 1-based line and
column of every offset (first line, after CRLF, after a BOM, past the last line break, in code points), each
span kind, the whole JSON document, the whole SARIF 2.1.0 log (rules, results, levels, regions, fixes and their
replacements, notifications), the exact GitHub workflow-command lines with their escaping, and the summary's
counts and sentences. Expected values come from the formats (SARIF 2.1.0: 1-based lines and columns, exclusive
ends, ``columnKind`` ``unicodeCodePoints``; GitHub: ``%``, CR, LF escaped in data, ``:`` and ``,`` also in
properties), README.md's "Reports" section and the modules' docstrings."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import FrozenInstanceError
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import pytest

from refactor.applier import Reported
from refactor.edits import Edit, Finding, Fix, Level, Safety
from refactor.passes import Context, Pass
from refactor.reports import github, sarif
from refactor.reports import json as jsonreport
from refactor.reports.positions import Lines, Position, edits_on_original, on_original, span
from refactor.reports.summary import Entry, Summary
from refactor.runner import FileResult, Status, process_text
from refactor.suppressions import UNKNOWN_ID
from tests.paths import REPO

VERSION = version("dockmod")
SARIF_SCHEMA = REPO / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"

# line 1 is offsets 0-15 and its "\n" 16; line 2 "RUN apk add curl" is 17-32, its "\n" 33; 34 characters
TEXT = "FROM alpine:3.20\nRUN apk add curl\n"
NEW = "FROM alpine:3.20\nRUN apk add --no-cache curl\n"


def _fix(pass_id: str, message: str, *edits: Edit, safety: Safety = Safety.SAFE) -> Fix:
    return Fix(pass_id, message, edits, safety)


def _found(pass_id: str, message: str, offset: int, line: int, level: Level = Level.SKIP) -> Reported:
    return Reported(Finding(pass_id, message, offset, level), line)


def _pass(pass_id: str, safety: Safety = Safety.SAFE) -> Pass:
    return Pass(pass_id, f"{pass_id} in short", safety, lambda doc, ctx: (),
                f"\n  {pass_id}: the first paragraph\n  of two lines.\n\nWhat it does\n    More.\n")


def _pos(line: int, column: int) -> dict[str, int]:
    return {"line": line, "column": column}


def _region(start_line: int, start_column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}


# a first-round fix (its edits are on TEXT), a review fix of a later round (on another text) and findings
APK = Reported(_fix("apk-no-cache", "apk add gets --no-cache", Edit.insert(28, " --no-cache")), 2, TEXT)
LATER = Reported(_fix("curl-use-flag-f", "curl gets -f", Edit.insert(5, " -f"), safety=Safety.REVIEW), 2, NEW)
SKIP = _found("healthcheck", "no HEALTHCHECK", 0, 1)
ERROR = _found("boom", "msg 100% done\r\nnext", 5, 1, Level.ERROR)
INFO = _found("hint", "é hint", 21, 2, Level.INFO)


# ---------------------------------------------------------------------------------------------- positions

@pytest.mark.parametrize(("text", "offset", "line", "column"), [
    ("ab\ncd", 0, 1, 1),  # the first character is line 1, column 1
    ("ab\ncd", 1, 1, 2),
    ("ab\ncd", 2, 1, 3),  # the line break itself is on its line, after the last character
    ("ab\ncd", 3, 2, 1),  # the first offset after a line break starts the next line
    ("ab\ncd", 4, 2, 2),
    ("ab\ncd", 5, 2, 3),  # the end of a text without a final line break
    ("ab\ncd\n", 6, 3, 1),  # the end of a text with one: the empty line after it
    ("", 0, 1, 1),
    ("\n\n", 0, 1, 1),
    ("\n\n", 1, 2, 1),
    ("\n\n", 2, 3, 1),
    ("ab\r\ncd\r\n", 2, 1, 3),  # CRLF: the CR is the line's last column
    ("ab\r\ncd\r\n", 3, 1, 4),
    ("ab\r\ncd\r\n", 4, 2, 1),  # after CRLF: next line, column 1
    ("ab\r\ncd\r\n", 5, 2, 2),
    ("ab\r\ncd\r\n", 8, 3, 1),
    ("a\rb", 2, 1, 3),  # a lone CR ends no line, as for BuildKit's line scanner and refactor/source.py
    ("\ufeffFROM x\n", 0, 1, 1),
    ("\ufeffFROM x\n", 1, 1, 2),  # the BOM is a code point of the decoded text: "F" is column 2
    ("\ufeffFROM x\nRUN y\n", 8, 2, 1),  # and only shifts line 1
    ("é€😀x\nZ", 3, 1, 4),  # columns count code points: "😀" is one (two UTF-16 units, four bytes)
    ("é€😀x\nZ", 5, 2, 1),
    ("x\ny\nz\nw", 6, 4, 1),
    ("x\ny\nz\nw", 5, 3, 2),
])
def test_lines_at(text: str, offset: int, line: int, column: int) -> None:
    assert Lines(text).at(offset) == Position(line, column)


@pytest.mark.parametrize(("text", "line", "column"), [
    ("ab\ncd", 1, 3),  # just before the line break: an exclusive end covering the line
    ("ab\ncd", 2, 3),  # the last line without a line break ends at the end of the text
    ("ab\r\ncd\r\n", 1, 3),  # before CRLF's CR
    ("ab\r\ncd\r\n", 2, 3),
    ("ab\r\ncd\r\n", 3, 1),  # the empty line after the last line break
    ("\r\n", 1, 1),  # a line of only CRLF is empty
    ("a\r", 1, 2),  # a CR at the end of the text is no part of the line either
    ("ab\r\r\n", 1, 4),  # only the CR of the line break goes
    ("\nabc", 1, 1),  # an empty first line
    ("\nx\r", 1, 1),  # an empty first line never looks before it (the text's last character is a CR)
    ("\nx\r", 2, 2),
    ("é😀\nz", 1, 3),  # code points
    ("", 1, 1),
])
def test_lines_line_end(text: str, line: int, column: int) -> None:
    assert Lines(text).line_end(line) == Position(line, column)


def test_lines_keeps_its_text_and_position_as_dict() -> None:
    assert Lines(TEXT).text == TEXT
    assert Position(3, 7).as_dict() == {"line": 3, "column": 7}
    with pytest.raises(FrozenInstanceError):
        Position(3, 7).line = 4  # type: ignore[misc]


@pytest.mark.parametrize(("text", "expected"), [
    ("", True),  # findings carry no text
    (TEXT, True),  # a first-round fix
    (NEW, False),  # a later round's fix
])
def test_on_original(text: str, expected: bool) -> None:
    assert on_original(Reported(APK.item, 2, text), TEXT) is expected


MULTI = _fix("apk-no-cache", "m", Edit.insert(28, " --no-cache"), Edit.delete(3, 6), Edit(10, 17, "x"))


@pytest.mark.parametrize(("reported", "start", "end"), [
    (APK, Position(2, 12), Position(2, 12)),  # an insertion: an empty span
    (Reported(MULTI, 1, TEXT), Position(1, 4), Position(2, 12)),  # from the first edit to the last, over lines
    (Reported(MULTI, 1, ""), Position(1, 4), Position(2, 12)),  # no text: taken as the original
    (Reported(_fix("x", "m", Edit.delete(17, 34)), 2, TEXT), Position(2, 1), Position(3, 1)),  # a whole line
    (Reported(_fix("x", "m", Edit.delete(0, 1)), 1, TEXT), Position(1, 1), Position(1, 2)),
    (LATER, Position(2, 1), Position(2, 17)),  # a later round's fix: its reported line, whatever its edits say
    (Reported(_fix("x", "m", Edit.insert(0, "y")), 1, NEW), Position(1, 1), Position(1, 17)),
    (Reported(Fix("x", "m", ()), 2, TEXT), Position(2, 1), Position(2, 17)),  # a fix without edits, likewise
    (SKIP, Position(1, 1), Position(1, 17)),  # a finding: its offset to its line's end
    (ERROR, Position(1, 6), Position(1, 17)),
    (INFO, Position(2, 5), Position(2, 17)),
    (_found("x", "m", 34, 3), Position(3, 1), Position(3, 1)),  # at the very end: the empty last line
])
def test_span(reported: Reported, start: Position, end: Position) -> None:
    assert span(reported, Lines(TEXT)) == (start, end)


def test_span_of_a_finding_on_a_crlf_line_after_a_bom_ends_before_the_cr() -> None:
    text = "\ufeffFROM a\r\nRUN b c\r\n"
    lines = Lines(text)
    assert span(_found("x", "m", 1, 1), lines) == (Position(1, 2), Position(1, 8))
    assert span(_found("x", "m", 13, 2), lines) == (Position(2, 5), Position(2, 8))
    # a fix replacing the CRLF: from the CR to the next line's start
    assert span(Reported(_fix("x", "m", Edit(7, 9, "\n")), 1, text), lines) == (Position(1, 8), Position(2, 1))


def test_edits_on_original() -> None:
    assert edits_on_original(APK, TEXT) == (Edit(28, 28, " --no-cache"),)
    assert edits_on_original(Reported(MULTI, 1, ""), TEXT) == (Edit(3, 6, ""), Edit(10, 17, "x"),
                                                               Edit(28, 28, " --no-cache"))
    assert edits_on_original(LATER, TEXT) == ()
    assert edits_on_original(SKIP, TEXT) == ()  # a finding has none (and no text, which is no reason to look)


# ------------------------------------------------------------------------------------------------ summary

def _result(status: Status, fixes: list[Reported] | None = None, findings: list[Reported] | None = None,
            **kw: Any) -> FileResult:
    return FileResult("D", status, TEXT, NEW if status is Status.CHANGED else TEXT, fixes or [], findings or [], **kw)


@pytest.mark.parametrize(("status", "write_error", "failed", "changed"), [
    (Status.CHANGED, None, False, True),
    (Status.CHANGED, "read-only file", True, False),  # not written: failed, and not changed
    (Status.UNCHANGED, None, False, False),
    (Status.SKIPPED, None, False, False),
    (Status.FAILED, None, True, False),
    (Status.UNCHANGED, "x", True, False),
])
def test_entry_failed_and_changed(status: Status, write_error: str | None, failed: bool, changed: bool) -> None:
    entry = Entry(_result(status), "p", write_error=write_error)
    assert (entry.failed, entry.changed) == (failed, changed)


def test_entry_defaults() -> None:
    entry = Entry(_result(Status.UNCHANGED), "p")
    assert (entry.repo_path, entry.diff, entry.write_error) == ("p", None, None)


EMPTY_SUMMARY = {"files": 0, "changed": 0, "unchanged": 0, "skipped": 0, "failed": 0, "fixes": 0, "review_fixes": 0,
                 "held_back": 0, "findings": {"error": 0, "skip": 0, "info": 0}}


def test_an_empty_summary() -> None:
    s = Summary()
    assert s.as_dict() == EMPTY_SUMMARY
    assert (s.findings, s.per_pass) == (Counter(), Counter())
    assert s.applied_line() == "0 files changed, 0 fixes (0 review), 0 skipped, 0 failed"
    assert s.statistics() == []


def _entries_for_summary() -> list[Entry]:
    review = Reported(_fix("curl-use-flag-f", "f", Edit.insert(1, "x"), safety=Safety.REVIEW), 1, TEXT)
    return [
        Entry(_result(Status.CHANGED, [APK, LATER, review], [SKIP, ERROR, INFO], held=[review]), "a"),
        Entry(_result(Status.CHANGED, [APK], [SKIP], held=[review, review]), "b", write_error="read-only file"),
        Entry(_result(Status.UNCHANGED, findings=[INFO]), "c"),
        Entry(_result(Status.SKIPPED, findings=[SKIP], reason="left unchanged: x"), "d"),
        Entry(_result(Status.SKIPPED), "e"),
        Entry(_result(Status.FAILED, reason="bad"), "f"),
        Entry(_result(Status.CHANGED, [APK]), "g"),
    ]


def test_summary_counts_files_fixes_and_findings() -> None:
    s = Summary()
    for entry in _entries_for_summary():
        s.add(entry)
    # a file not written is failed and its fixes are not counted; its held-back fixes and findings are;
    # findings of every level are counted, info ones too (the JSON "findings" lists show them only with -v)
    assert s.as_dict() == {"files": 7, "changed": 2, "unchanged": 1, "skipped": 2, "failed": 2, "fixes": 4,
                           "review_fixes": 2, "held_back": 3, "findings": {"error": 1, "skip": 3, "info": 2}}
    assert s.per_pass == Counter({"apk-no-cache": 2, "curl-use-flag-f": 2})
    assert s.applied_line() == "2 files changed, 4 fixes (2 review), 2 skipped, 2 failed"
    assert s.statistics() == ["2  apk-no-cache", "2  curl-use-flag-f"]


def test_summary_of_one_changed_file_is_singular() -> None:
    s = Summary()
    s.add(Entry(_result(Status.CHANGED, [APK]), "a"))
    assert s.as_dict() == {**EMPTY_SUMMARY, "files": 1, "changed": 1, "fixes": 1}
    assert s.applied_line() == "1 file changed, 1 fix (0 review), 0 skipped, 0 failed"
    assert s.statistics() == ["1  apk-no-cache"]


@pytest.mark.parametrize(("changed", "fixes", "review", "skipped", "failed", "line"), [
    (0, 0, 0, 0, 0, "0 files changed, 0 fixes (0 review), 0 skipped, 0 failed"),
    (1, 1, 1, 1, 1, "1 file changed, 1 fix (1 review), 1 skipped, 1 failed"),
    (2, 2, 0, 0, 0, "2 files changed, 2 fixes (0 review), 0 skipped, 0 failed"),
    (12, 35, 9, 3, 0, "12 files changed, 35 fixes (9 review), 3 skipped, 0 failed"),  # the docstring's example
])
def test_applied_line(changed: int, fixes: int, review: int, skipped: int, failed: int, line: str) -> None:
    s = Summary(changed=changed, fixes=fixes, review_fixes=review, skipped=skipped, failed=failed)
    assert s.applied_line() == line


@pytest.mark.parametrize(("per_pass", "lines"), [
    ({}, []),
    ({"b": 1, "a": 1}, ["1  a", "1  b"]),  # ties by id
    ({"few": 3, "many": 12, "aa": 3, "one": 1}, ["12  many", " 3  aa", " 3  few", " 1  one"]),  # most first
    ({"x": 100, "y": 9}, ["100  x", "  9  y"]),  # right-aligned to the widest count
])
def test_statistics(per_pass: dict[str, int], lines: list[str]) -> None:
    assert Summary(per_pass=Counter(per_pass)).statistics() == lines


# --------------------------------------------------------------------------------------------------- JSON

def test_tool_version_is_the_installed_distributions(monkeypatch: pytest.MonkeyPatch) -> None:
    assert jsonreport.tool_version() == VERSION != "0+unknown"

    def missing(name: str) -> str:
        raise PackageNotFoundError(name)

    monkeypatch.setattr(jsonreport, "version", missing)
    assert jsonreport.tool_version() == "0+unknown"


def test_schema_version() -> None:
    assert jsonreport.SCHEMA_VERSION == 1


@pytest.mark.parametrize("verbose", [False, True])
def test_shown_findings_hide_info_unless_verbose(verbose: bool) -> None:
    entry = Entry(_result(Status.UNCHANGED, findings=[INFO, SKIP, INFO, ERROR]), "p")
    shown = [INFO, SKIP, INFO, ERROR] if verbose else [SKIP, ERROR]
    assert jsonreport.shown_findings(entry, verbose) == shown


HELD = Reported(_fix("curl-use-flag-l", "curl gets -L", Edit(21, 24, "apk2"), safety=Safety.REVIEW), 2, TEXT)
SUPPRESSED = Reported(_fix("apk-no-cache", "suppressed", Edit.insert(30, "x")), 2, NEW)


def _json_entries() -> list[Entry]:
    changed = FileResult("svc/Dockerfile", Status.CHANGED, TEXT, NEW, [APK, LATER], [SKIP, INFO, ERROR],
                         held=[HELD], suppressed=[SUPPRESSED])
    failed = FileResult("bad.Dockerfile", Status.FAILED, "FROM a\nRUNN b\n", "FROM a\nRUNN b\n",
                        reason="unknown instruction 'RUNN' at line 2", internal_errors=["internal error in p: boom"])
    skipped = FileResult("s/Dockerfile", Status.SKIPPED, TEXT, TEXT, findings=[SKIP],
                         reason="left unchanged: rewrite does not parse: x")
    unchanged = FileResult("u/Dockerfile", Status.UNCHANGED, TEXT, TEXT)
    return [Entry(changed, "services/svc/Dockerfile", diff="diff --git a/services/svc/Dockerfile …"),
            Entry(failed, "bad.Dockerfile"), Entry(skipped, "s/Dockerfile"), Entry(unchanged, "u/Dockerfile", diff="")]


APK_JSON = {"kind": "fix", "pass": "apk-no-cache", "line": 2, "start": _pos(2, 12), "end": _pos(2, 12),
            "message": "apk add gets --no-cache", "safety": "safe", "exact": True}
LATER_JSON = {"kind": "fix", "pass": "curl-use-flag-f", "line": 2, "start": _pos(2, 1), "end": _pos(2, 17),
              "message": "curl gets -f", "safety": "review", "exact": False}
SKIP_JSON = {"kind": "finding", "pass": "healthcheck", "line": 1, "start": _pos(1, 1), "end": _pos(1, 17),
             "message": "no HEALTHCHECK", "level": "skip"}
INFO_JSON = {"kind": "finding", "pass": "hint", "line": 2, "start": _pos(2, 5), "end": _pos(2, 17),
             "message": "é hint", "level": "info"}
ERROR_JSON = {"kind": "finding", "pass": "boom", "line": 1, "start": _pos(1, 6), "end": _pos(1, 17),
              "message": "msg 100% done\r\nnext", "level": "error"}


@pytest.mark.parametrize("verbose", [False, True])
def test_json_document(verbose: bool) -> None:
    entries = _json_entries()
    s = Summary()
    for e in entries:
        s.add(e)
    out = jsonreport.render(entries, "check", s, verbose)
    assert json.loads(out) == {
        "version": 1, "tool": {"name": "dockmod", "version": VERSION}, "command": "check",
        "files": [
            {"path": "svc/Dockerfile", "repo_path": "services/svc/Dockerfile", "status": "changed", "reason": None,
             "fixes": [APK_JSON, LATER_JSON],
             "held_back": [{"kind": "fix", "pass": "curl-use-flag-l", "line": 2, "start": _pos(2, 5),
                            "end": _pos(2, 8), "message": "curl gets -L", "safety": "review", "exact": True}],
             "suppressed": [{"kind": "fix", "pass": "apk-no-cache", "line": 2, "start": _pos(2, 1),
                             "end": _pos(2, 17), "message": "suppressed", "safety": "safe", "exact": False}],
             "findings": [SKIP_JSON, INFO_JSON, ERROR_JSON] if verbose else [SKIP_JSON, ERROR_JSON],
             "internal_errors": [], "diff": "diff --git a/services/svc/Dockerfile …"},
            {"path": "bad.Dockerfile", "repo_path": "bad.Dockerfile", "status": "failed",
             "reason": "unknown instruction 'RUNN' at line 2", "fixes": [], "held_back": [], "suppressed": [],
             "findings": [], "internal_errors": ["internal error in p: boom"]},
            {"path": "s/Dockerfile", "repo_path": "s/Dockerfile", "status": "skipped",
             "reason": "left unchanged: rewrite does not parse: x", "fixes": [], "held_back": [], "suppressed": [],
             "findings": [SKIP_JSON], "internal_errors": []},
            {"path": "u/Dockerfile", "repo_path": "u/Dockerfile", "status": "unchanged", "reason": None, "fixes": [],
             "held_back": [], "suppressed": [], "findings": [], "internal_errors": [], "diff": ""}],
        "summary": {"files": 4, "changed": 1, "unchanged": 1, "skipped": 1, "failed": 1, "fixes": 2,
                    "review_fixes": 1, "held_back": 1, "findings": {"error": 1, "skip": 2, "info": 1}}}


def test_json_text_is_indented_unescaped_and_ends_with_a_newline() -> None:
    out = jsonreport.render(_json_entries()[:1], "diff", Summary(), True)
    assert out.startswith('{\n  "version": 1,\n  "tool": {\n    "name": "dockmod",\n')
    assert out.endswith("\n}\n") and not out.endswith("\n\n")
    assert '"message": "é hint"' in out  # UTF-8 as is, not \u00e9


def test_json_of_no_files() -> None:
    assert json.loads(jsonreport.render([], "apply", Summary(), False)) == {
        "version": 1, "tool": {"name": "dockmod", "version": VERSION}, "command": "apply", "files": [],
        "summary": EMPTY_SUMMARY}


def _unwritten() -> Entry:
    return Entry(FileResult("ro/Dockerfile", Status.CHANGED, TEXT, NEW, [APK], reason=None), "ro/Dockerfile",
                 write_error="read-only file, not changed (make it writable to apply)")


def test_json_of_a_file_apply_could_not_write() -> None:
    d = json.loads(jsonreport.render([_unwritten()], "apply", Summary(), False))["files"][0]
    assert d == {"path": "ro/Dockerfile", "repo_path": "ro/Dockerfile", "status": "failed",
                 "reason": "read-only file, not changed (make it writable to apply)", "fixes": [], "held_back": [],
                 "suppressed": [], "findings": [], "internal_errors": []}


# README: "fixes" are those applied; the summary (Entry.changed) counts none for a file apply could not write
def test_json_fixes_of_a_file_apply_could_not_write_are_none() -> None:
    s = Summary()
    s.add(_unwritten())
    doc = json.loads(jsonreport.render([_unwritten()], "apply", s, False))
    assert doc["summary"]["fixes"] == 0
    assert doc["files"][0]["fixes"] == []


# -------------------------------------------------------------------------------------------------- SARIF

@pytest.mark.parametrize(("path", "uri"), [
    ("svc/Dockerfile", "svc/Dockerfile"),  # relative: a relative reference, "/" kept
    ("Dockerfile", "Dockerfile"),
    ("a b/Docker#file?", "a%20b/Docker%23file%3F"),
    ("c:d/é", "c%3Ad/%C3%A9"),  # never mistaken for a scheme; UTF-8 percent-encoded
    ("/abs/x y/Dockerfile", "file:///abs/x%20y/Dockerfile"),  # absolute: a file URI
])
def test_sarif_uri(path: str, uri: str) -> None:
    assert sarif._uri(path) == uri


def test_sarif_region_and_constants() -> None:
    assert sarif._region(Position(1, 2), Position(3, 4)) == _region(1, 2, 3, 4)
    assert sarif.SCHEMA == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


# line 2 "RUN apk update && apk add curl" is offsets 17-46 and the text ends there, without a line break
S_TEXT = "FROM alpine:3.20\nRUN apk update && apk add curl"
S_NEW = "FROM alpine:3.20\nRUN apk add --no-cache curl"
S_APK = Reported(_fix("apk-no-cache", "apk add gets --no-cache; apk update no longer needed",
                      Edit.delete(21, 35), Edit.insert(42, " --no-cache")), 2, S_TEXT)
S_REVIEW = Reported(_fix("curl-use-flag-f", "FROM gets lower case", Edit(0, 4, "from"), safety=Safety.REVIEW), 1,
                    S_TEXT)
S_LATER = Reported(_fix("apk-no-cache", "a later round", Edit.insert(3, "x")), 2, S_NEW)
S_FINDINGS = [_found("healthcheck", "no HEALTHCHECK", 5, 1), _found("boom", "broken", 17, 2, Level.ERROR),
              _found("hint", "an info", 0, 1, Level.INFO), _found("gone", "not a pass of the run", 0, 1),
              _found(UNKNOWN_ID, "unknown pass id 'x'", 0, 1)]
PASSES = [_pass("apk-no-cache"), _pass("curl-use-flag-f", Safety.REVIEW), _pass("healthcheck"), _pass("boom"),
          _pass("hint")]


def _sarif_entries() -> list[Entry]:
    changed = FileResult("svc/Dock file", Status.CHANGED, S_TEXT, S_NEW, [S_APK, S_REVIEW, S_LATER], S_FINDINGS)
    failed = FileResult("../bad", Status.FAILED, "FROM a\nRUNN b\n", "FROM a\nRUNN b\n",
                        reason="unknown instruction 'RUNN' at line 2", internal_errors=["internal error in p: boom"])
    skipped = FileResult("skip", Status.SKIPPED, S_TEXT, S_TEXT, reason="left unchanged: x")
    return [Entry(changed, "svc/Dock file"), Entry(failed, "/abs/bad"), Entry(skipped, "skip")]


def _rule(pass_id: str, safety: str) -> dict[str, object]:
    return {"id": pass_id, "name": pass_id, "shortDescription": {"text": f"{pass_id} in short"},
            "fullDescription": {"text": f"{pass_id}: the first paragraph\n  of two lines."},
            "properties": {"safety": safety}}


UNKNOWN_RULE = {"id": UNKNOWN_ID, "name": UNKNOWN_ID,
                "shortDescription": {"text": "a '# dockmod: ignore[...]' names an unknown pass id"},
                "fullDescription": {"text": "The id is no registered pass or alias, so it suppresses nothing; "
                                            "see 'dockmod list'."}}


def _loc(uri: str, region: dict[str, int]) -> list[dict[str, object]]:
    return [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}]


def _finding_result(rule: str, index: int, text: str, level: str, region: dict[str, int]) -> dict[str, object]:
    return {"ruleId": rule, "ruleIndex": index, "message": {"text": text}, "locations": _loc("svc/Dock%20file", region),
            "level": level}


def _sarif_expected(verbose: bool) -> dict[str, object]:
    uri = "svc/Dock%20file"
    apk = {"ruleId": "apk-no-cache", "ruleIndex": 0,
           "message": {"text": "apk add gets --no-cache; apk update no longer needed"},
           "locations": _loc(uri, _region(2, 5, 2, 26)), "level": "warning", "properties": {"safety": "safe"},
           "fixes": [{"description": {"text": "apk add gets --no-cache; apk update no longer needed"},
                      "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [
                          {"deletedRegion": _region(2, 5, 2, 19)},  # a deletion has no insertedContent
                          {"deletedRegion": _region(2, 26, 2, 26), "insertedContent": {"text": " --no-cache"}}]}]}]}
    review = {"ruleId": "curl-use-flag-f", "ruleIndex": 1, "message": {"text": "FROM gets lower case"},
              "locations": _loc(uri, _region(1, 1, 1, 5)), "level": "warning", "properties": {"safety": "review"},
              "fixes": [{"description": {"text": "FROM gets lower case (review)"},
                         "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [
                             {"deletedRegion": _region(1, 1, 1, 5), "insertedContent": {"text": "from"}}]}]}]}
    later = {"ruleId": "apk-no-cache", "ruleIndex": 0, "message": {"text": "a later round"},
             "locations": _loc(uri, _region(2, 1, 2, 31)), "level": "warning", "properties": {"safety": "safe"}}
    findings = [_finding_result("healthcheck", 2, "no HEALTHCHECK", "warning", _region(1, 6, 1, 17)),
                _finding_result("boom", 3, "broken", "error", _region(2, 1, 2, 31))]
    if verbose:
        findings.append(_finding_result("hint", 4, "an info", "note", _region(1, 1, 1, 17)))
    findings.append(_finding_result(UNKNOWN_ID, 5, "unknown pass id 'x'", "warning", _region(1, 1, 1, 17)))
    bad = [{"physicalLocation": {"artifactLocation": {"uri": "file:///abs/bad"}}}]
    notes = [{"level": "error", "message": {"text": "../bad: unknown instruction 'RUNN' at line 2"}, "locations": bad},
             {"level": "error", "message": {"text": "../bad: internal error in p: boom"}, "locations": bad},
             {"level": "warning", "message": {"text": "skip: left unchanged: x"},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": "skip"}}}]}]
    rules = [_rule("apk-no-cache", "safe"), _rule("curl-use-flag-f", "review"), _rule("healthcheck", "safe"),
             _rule("boom", "safe"), _rule("hint", "safe"), UNKNOWN_RULE]
    return {"$schema": sarif.SCHEMA, "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "dockmod", "version": VERSION, "rules": rules}},
                      "columnKind": "unicodeCodePoints",
                      "invocations": [{"executionSuccessful": False, "toolExecutionNotifications": notes}],
                      "results": [apk, review, later, *findings]}]}


@pytest.mark.parametrize("verbose", [False, True])
def test_sarif_log(verbose: bool) -> None:
    assert json.loads(sarif.render(_sarif_entries(), PASSES, verbose)) == _sarif_expected(verbose)


def test_sarif_log_validates_against_the_official_schema() -> None:
    import jsonschema  # here: importing it takes longer than this file's other tests

    log = json.loads(sarif.render(_sarif_entries(), PASSES, True))
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker()).validate(log)


def test_sarif_text_is_indented_unescaped_and_ends_with_a_newline() -> None:
    entry = Entry(FileResult("D", Status.UNCHANGED, TEXT, TEXT, findings=[INFO]), "D")
    out = sarif.render([entry], [_pass("hint")], True)
    assert out.startswith('{\n  "$schema": "https://docs.oasis-open.org/')
    assert out.endswith("\n}\n") and not out.endswith("\n\n")
    assert '"text": "é hint"' in out
    # findings, but none about an unknown pass id: no rule for those
    assert json.loads(out)["runs"][0]["tool"]["driver"]["rules"] == [_rule("hint", "safe")]


def test_sarif_of_no_files_and_no_passes() -> None:
    assert json.loads(sarif.render([], [], False)) == {
        "$schema": sarif.SCHEMA, "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "dockmod", "version": VERSION, "rules": []}},
                  "columnKind": "unicodeCodePoints",
                  "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": []}], "results": []}]}


def test_sarif_a_skipped_file_is_a_warning_and_the_run_still_succeeds() -> None:
    skipped = FileResult("s", Status.SKIPPED, TEXT, TEXT, reason="left unchanged: x")
    run = json.loads(sarif.render([Entry(skipped, "s")], [], False))["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [
        {"level": "warning", "message": {"text": "s: left unchanged: x"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": "s"}}}]}]}]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == []  # no unknown-id rule without such a finding


def test_sarif_internal_errors_of_a_skipped_file_and_a_write_error() -> None:
    skipped = FileResult("s", Status.SKIPPED, TEXT, TEXT, reason="left unchanged: x", internal_errors=["ie"])
    unwritten = Entry(FileResult("w", Status.CHANGED, TEXT, NEW, reason="ignored"), "w", write_error="read-only")
    run = json.loads(sarif.render([Entry(skipped, "s"), unwritten], [], False))["runs"][0]
    assert [(n["level"], n["message"]["text"]) for n in run["invocations"][0]["toolExecutionNotifications"]] == [
        ("warning", "s: left unchanged: x"), ("error", "s: ie"), ("error", "w: read-only")]
    assert run["invocations"][0]["executionSuccessful"] is False


# ------------------------------------------------------------------------------------------------- GitHub

@pytest.mark.parametrize(("text", "data", "prop"), [
    ("plain text", "plain text", "plain text"),
    ("100%", "100%25", "100%25"),
    ("a\r\nb\nc\r", "a%0D%0Ab%0Ac%0D", "a%0D%0Ab%0Ac%0D"),
    ("%0A", "%250A", "%250A"),  # "%" first, so an escape in the text stays text
    ("a:b,c", "a:b,c", "a%3Ab%2Cc"),  # ":" and "," only in properties
    ("%3A:", "%253A:", "%253A%3A"),
    ("é::,,", "é::,,", "é%3A%3A%2C%2C"),
])
def test_github_escaping(text: str, data: str, prop: str) -> None:
    assert (github._data(text), github._prop(text)) == (data, prop)


GH_PATH = "a%2Cb%3Ac/Dockerfile"


def _gh(command: str, line: int, col: int, end_line: int, end_col: int, title: str, message: str) -> str:
    return (f"::{command} file={GH_PATH},line={line},col={col},endLine={end_line},endColumn={end_col},"
            f"title={title}::{message}\n")


def _github_entries() -> list[Entry]:
    odd = _found("odd,id:x", "odd", 26, 2)
    changed = FileResult("svc/Dockerfile", Status.CHANGED, TEXT, NEW, [APK, LATER], [SKIP, INFO, ERROR, odd],
                         held=[HELD], suppressed=[SUPPRESSED])
    failed = FileResult("bad", Status.FAILED, "x", "x", reason="unknown instruction 'RUNN' at line 2",
                        internal_errors=["internal error in p:\nboom"])
    skipped = FileResult("s", Status.SKIPPED, TEXT, TEXT, reason="left unchanged: 50%", internal_errors=["ie"])
    unchanged = FileResult("u", Status.UNCHANGED, TEXT, TEXT)
    return [Entry(changed, "a,b:c/Dockerfile"), Entry(failed, "bad"), Entry(skipped, "s"), Entry(unchanged, "u")]


@pytest.mark.parametrize("verbose", [False, True])
def test_github_annotations(verbose: bool) -> None:
    # by line, ties in the order fixes then findings; held-back and suppressed fixes are no annotations
    expected = [
        _gh("warning", 1, 1, 1, 17, "dockmod healthcheck (skip)", "no HEALTHCHECK"),
        _gh("error", 1, 6, 1, 17, "dockmod boom (error)", "msg 100%25 done%0D%0Anext"),
        _gh("warning", 2, 12, 2, 12, "dockmod apk-no-cache", "apk add gets --no-cache"),
        _gh("warning", 2, 1, 2, 17, "dockmod curl-use-flag-f [review]", "curl gets -f"),
        *([_gh("notice", 2, 5, 2, 17, "dockmod hint (info)", "é hint")] if verbose else []),
        _gh("warning", 2, 10, 2, 17, "dockmod odd%2Cid%3Ax (skip)", "odd"),
        "::error file=bad,title=dockmod::unknown instruction 'RUNN' at line 2\n",
        "::error file=bad,title=dockmod::internal error in p:%0Aboom\n",
        "::warning file=s,title=dockmod::left unchanged: 50%25\n",
        "::error file=s,title=dockmod::ie\n",
    ]
    assert github.render(_github_entries(), verbose) == "".join(expected)


def test_github_of_nothing() -> None:
    assert github.render([], True) == ""
    assert github.render([Entry(FileResult("u", Status.UNCHANGED, TEXT, TEXT), "u")], True) == ""


def test_github_a_file_apply_could_not_write_is_an_error() -> None:
    unwritten = Entry(FileResult("w", Status.CHANGED, TEXT, NEW, reason="not this"), "w,1", write_error="read-only")
    assert github.render([unwritten], False) == "::error file=w%2C1,title=dockmod::read-only\n"


def test_github_commands_by_level() -> None:
    assert github._COMMAND == {Level.ERROR: "error", Level.SKIP: "warning", Level.INFO: "notice"}


# ------------------------------------------------- the real engine, in-process: positions of real fixes


def _apk_pass() -> list[Pass]:
    from transforms import PASSES as ALL

    return [p for p in ALL if p.id == "apk-no-cache"]


def _apply_sarif(text: str, replacements: list[dict[str, Any]]) -> str:
    """The SARIF replacements applied to ``text``, by the spec: 1-based lines ended by LF (CRLF ends in one),
    1-based columns in code points, exclusive ends."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    for r in sorted(replacements, key=lambda r: (r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]),
                    reverse=True):
        d = r["deletedRegion"]
        start, end = offset(d["startLine"], d["startColumn"]), offset(d["endLine"], d["endColumn"])
        text = text[:start] + r.get("insertedContent", {}).get("text", "") + text[end:]
    return text


@pytest.mark.parametrize(("text", "start", "end", "regions"), [
    # BOM and CRLF: line 2 is unaffected by either
    ("\ufeffFROM alpine:3.20\r\nRUN apk add curl\r\n", (2, 12), (2, 12), [(2, 12, 2, 12, " --no-cache")]),
    # a deletion over a continuation line
    ("FROM alpine:3.20\nRUN apk update \\\n && apk add curl\n", (2, 5), (3, 12),
     [(2, 5, 3, 5, None), (3, 12, 3, 12, " --no-cache")]),
    # code points: "😀" is one column
    ('FROM alpine:3.20\nRUN echo "é😀" && apk add curl\n', (2, 25), (2, 25), [(2, 25, 2, 25, " --no-cache")]),
    # a deletion over a CRLF line break, to just before the next CR
    ("FROM alpine:3.20\nRUN apk add curl \\\r\n && rm -rf /var/cache/apk/*\r\n", (2, 12), (3, 28),
     [(2, 12, 2, 12, " --no-cache"), (2, 17, 3, 28, None)]),
    # no final line break
    (S_TEXT, (2, 5), (2, 26), [(2, 5, 2, 19, None), (2, 26, 2, 26, " --no-cache")]),
])
def test_real_fixes_positions_in_every_format(text: str, start: tuple[int, int], end: tuple[int, int],
                                              regions: list[tuple[int, int, int, int, str | None]]) -> None:
    result = process_text(text, "D", _apk_pass(), Context())
    assert result.status is Status.CHANGED and len(result.fixes) == 1
    entry = Entry(result, "D")
    item = json.loads(jsonreport.render([entry], "check", Summary(), False))["files"][0]["fixes"][0]
    assert (item["start"], item["end"], item["exact"]) == (_pos(*start), _pos(*end), True)
    res = json.loads(sarif.render([entry], _apk_pass(), False))["runs"][0]["results"][0]
    assert res["locations"][0]["physicalLocation"]["region"] == _region(*start, *end)
    replacements = res["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacements == [{"deletedRegion": _region(*r[:4]), **({"insertedContent": {"text": r[4]}} if r[4] else {})}
                            for r in regions]
    assert _apply_sarif(text, replacements) == result.new  # the replacements rebuild the fixed file
    message = result.fixes[0].item.message
    assert github.render([entry], False) == (f"::warning file=D,line={start[0]},col={start[1]},endLine={end[0]},"
                                             f"endColumn={end[1]},title=dockmod apk-no-cache::{message}\n")
