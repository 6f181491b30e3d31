"""non-root-user's analyze() is pure: a Plan (what to insert) or a Finding, testable without edits."""

from __future__ import annotations

from refactor.document import parse
from refactor.edits import Finding
from refactor.passes import Context
from transforms.non_root.strategies import Plan
from transforms.non_root_user import analyze, render


def _analyze(text: str) -> Plan | Finding | None:
    return analyze(parse(text), Context())


def test_plan_for_a_debian_app_creates_the_user_and_owns_the_workdir() -> None:
    plan = _analyze('FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n')
    assert isinstance(plan, Plan)
    assert plan.user == "1001:1001" and plan.owner == "1001:1001"
    assert plan.commands[0].startswith("groupadd --system --gid 1001 app")
    assert plan.commands[-1] == "chown app:app /app"
    assert [ins.lineno for ins in plan.chown] == [3]
    fix = render(plan)
    assert len(fix.edits) == 2 and fix.offset == plan.offset


def test_options_change_the_created_user() -> None:
    ctx = Context(options={"non-root-user": {"uid": "2000", "user": "svc"}})
    plan = analyze(parse("FROM alpine:3.20\nCOPY app /app\nCMD [\"/app\"]\n"), ctx)
    assert isinstance(plan, Plan) and plan.user == "2000:2000"  # uid alone moves gid with it (issue 10)
    assert plan.commands == ("addgroup -S -g 2000 app", "adduser -S -D -u 2000 -G app svc")
    both = Context(options={"non-root-user": {"uid": "2000", "gid": "3000"}})
    assert analyze(parse("FROM alpine:3.20\nCOPY app /app\nCMD [\"/app\"]\n"), both).user == "2000:3000"


def test_a_skip_rule_gives_a_finding_and_no_plan() -> None:
    result = _analyze("FROM node:20\nEXPOSE 443\nCMD [\"node\", \"server.js\"]\n")
    assert isinstance(result, Finding) and "privileged port 443" in result.message


def test_nothing_to_do_when_the_stage_already_runs_as_a_user() -> None:
    assert _analyze("FROM node:20\nUSER node\nCMD [\"node\", \"server.js\"]\n") is None
