"""Reports: the versioned JSON schema, SARIF 2.1.0 validated against the official schema, GitHub annotations."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests.paths import REPO
from tests.test_cli import dockmod

SCHEMA = REPO / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
# Re-typed from the corpus's shapes: an apk install without --no-cache, root final stage, a later-round fix.
TEXT = "FROM alpine:3.20\nRUN apk add curl\nWORKDIR /app\nCOPY . .\nEXPOSE 8080\nCMD [\"./app\"]\n"
RUNN = "FROM alpine:3.20\nRUNN apk add curl\n"


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "Dockerfile").write_text(TEXT)
    (tmp_path / "bad.Dockerfile").write_text(RUNN)
    return tmp_path


def test_json_report_is_versioned_with_positions_and_a_summary(tmp_path: Path) -> None:
    res = dockmod("check", ".", "--format", "json", cwd=_tree(tmp_path))
    assert res.returncode == 2
    doc = json.loads(res.stdout)
    assert doc["version"] == 1 and doc["command"] == "check" and doc["tool"]["name"] == "dockmod"
    bad, svc = doc["files"]
    assert (bad["path"], bad["status"], bad["reason"]) == ("bad.Dockerfile", "failed",
                                                            "unknown instruction 'RUNN' at line 2")
    apk = next(f for f in svc["fixes"] if f["pass"] == "apk-no-cache")
    # "RUN apk add curl": the fix inserts " --no-cache" after "apk add", line 2 column 12
    assert apk["start"] == apk["end"] == {"line": 2, "column": 12} and apk["exact"] is True
    assert apk["kind"] == "fix" and apk["safety"] == "safe" and apk["line"] == 2
    summary = doc["summary"]
    assert (summary["files"], summary["failed"], summary["changed"]) == (2, 1, 1)
    assert summary["fixes"] == len(svc["fixes"]) and summary["review_fixes"] >= 1


def test_json_report_includes_info_findings_only_with_verbose(tmp_path: Path) -> None:
    # the official PHP image shape: non-root-user reports why it leaves it alone at info level
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nUSER nobody\nHEALTHCHECK NONE\nCMD [\"sh\"]\n")
    quiet = json.loads(dockmod("check", "Dockerfile", "--format", "json", cwd=tmp_path).stdout)
    loud = json.loads(dockmod("check", "Dockerfile", "--format", "json", "-v", cwd=tmp_path).stdout)
    levels = [f["level"] for f in loud["files"][0]["findings"]]
    assert "info" in levels
    assert [f["level"] for f in quiet["files"][0]["findings"]] == [x for x in levels if x != "info"]


def test_sarif_validates_against_the_official_schema_and_carries_fixes(tmp_path: Path) -> None:
    res = dockmod("check", ".", "--format", "sarif", "-v", cwd=_tree(tmp_path))
    log = json.loads(res.stdout)
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    run = log["runs"][0]
    apk = next(r for r in run["results"] if r["ruleId"] == "apk-no-cache")
    change = apk["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "svc/Dockerfile"
    assert change["replacements"] == [{"deletedRegion": {"startLine": 2, "startColumn": 12, "endLine": 2,
                                                         "endColumn": 12}, "insertedContent": {"text": " --no-cache"}}]
    assert run["tool"]["driver"]["rules"][apk["ruleIndex"]]["id"] == "apk-no-cache"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == ["bad.Dockerfile: unknown instruction 'RUNN' at line 2"]
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_fixes_rebuild_the_applied_file(tmp_path: Path) -> None:
    """Every replacement is on the original text: applied together they give what first-round fixes give."""
    _tree(tmp_path)
    log = json.loads(dockmod("check", "svc", "--format", "sarif", "--select", "apk-no-cache", cwd=tmp_path).stdout)
    lines = TEXT.splitlines(keepends=True)
    edits = [(r["deletedRegion"], r.get("insertedContent", {}).get("text", ""))
             for res in log["runs"][0]["results"] for f in res.get("fixes", [])
             for c in f["artifactChanges"] for r in c["replacements"]]

    def offset(line: int, column: int) -> int:
        return sum(len(x) for x in lines[:line - 1]) + column - 1

    text = TEXT
    for region, content in sorted(edits, key=lambda e: (e[0]["startLine"], e[0]["startColumn"]), reverse=True):
        start = offset(region["startLine"], region["startColumn"])
        text = text[:start] + content + text[offset(region["endLine"], region["endColumn"]):]
    assert dockmod("apply", "-", "--select", "apk-no-cache", stdin=TEXT.encode()).stdout.decode() == text


def test_github_annotations(tmp_path: Path) -> None:
    res = dockmod("check", ".", "--format", "github", cwd=_tree(tmp_path))
    lines = res.stdout.decode().splitlines()
    assert "::error file=bad.Dockerfile,title=dockmod::unknown instruction 'RUNN' at line 2" in lines
    assert ("::warning file=svc/Dockerfile,line=2,col=12,endLine=2,endColumn=12,title=dockmod apk-no-cache::"
            "apk add gets --no-cache") in lines
    assert any(line.startswith("::warning file=svc/Dockerfile,") and "[review]" in line for line in lines)
