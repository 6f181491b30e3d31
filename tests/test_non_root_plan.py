"""non-root-user's analyze() is pure: a Plan (what to insert) or a Finding, testable without edits."""

from __future__ import annotations

from pathlib import Path

from refactor.document import parse
from refactor.edits import Finding
from refactor.passes import Context
from transforms.non_root.dirs import Owned, _read, copies_into, describe, dir_commands
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
    assert plan.chown == ()  # the app's code stays root-owned
    assert "the app's code stays root-owned" in plan.message
    fix = render(plan)
    assert len(fix.edits) == 1 and fix.offset == plan.offset


def test_a_copy_into_a_volume_keeps_its_chown_and_says_why() -> None:
    plan = _analyze('FROM node:20\nWORKDIR /app\nCOPY . .\nCOPY seed.json /data/\nVOLUME /data\n'
                    'CMD ["node", "server.js"]\n')
    assert isinstance(plan, Plan)
    assert [ins.lineno for ins in plan.chown] == [4] and plan.owner == "node:node"
    assert plan.commands == ("mkdir -p /data", "chown node:node /app /data")
    assert "COPY at line 4 keeps --chown" in plan.message and "/data (VOLUME, line 5)" in plan.message
    assert len(render(plan).edits) == 2


def test_framework_dirs_are_chowned_recursively_after_the_flat_ones() -> None:
    owned = [Owned("/app", "WORKDIR"), Owned("/app/tmp", "Rails, named in Gemfile", recursive=True),
             Owned("/app/log", "Rails, named in Gemfile", recursive=True), Owned("/data", "VOLUME, line 4"),
             Owned("/app/db.sqlite3", "SQLite database copied in", file=True)]
    assert dir_commands("app:app", owned) == [
        "mkdir -p /app/tmp /app/log /data", "chown app:app /app /data /app/db.sqlite3",
        "chown -R app:app /app/tmp /app/log"]
    assert describe(owned[:3]) == "/app (WORKDIR), /app/tmp /app/log (Rails, named in Gemfile)"


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


def test_a_mkdir_after_cd_is_not_resolved_against_the_workdir() -> None:
    plan = _analyze('FROM alpine:3\nWORKDIR /opt/app\nRUN mkdir -p log src && cd src && mkdir -p data\n'
                    'CMD ["/opt/app/bin/server"]\n')
    assert isinstance(plan, Plan)
    assert plan.commands[2:] == ("mkdir -p /opt/app/log", "chown app:app /opt/app /opt/app/log")


def test_a_log_file_env_names_its_folder_unless_that_is_a_system_dir() -> None:
    plan = _analyze('FROM python:3.12-slim\nWORKDIR /srv\nENV LOG_PATH=/srv/logs/app.log\nCMD ["python", "app.py"]\n')
    assert isinstance(plan, Plan) and plan.commands[2:] == ("mkdir -p /srv/logs", "chown app:app /srv /srv/logs")
    plan = _analyze('FROM python:3.12-slim\nWORKDIR /srv\nENV LOG_PATH=/var/log/app.log\nCMD ["python", "app.py"]\n')
    assert isinstance(plan, Plan) and plan.commands[2:] == ("chown app:app /srv",)


def _lines(text: str, directory: str, before: int | None = None) -> list[int]:
    stage = parse(text).final_stage
    assert stage is not None
    return [ins.lineno for ins in copies_into(stage, directory, len(text) if before is None else before)]


def test_copies_into_follows_workdir_changes_and_the_parent_stages_workdir() -> None:
    text = ("FROM node:20 AS base\nWORKDIR /data\n"
            "FROM base\nCOPY seed.json .\nWORKDIR /app\nCOPY . .\nWORKDIR sub\n"
            'COPY ["a.json", "b.json", "../x/"]\n')
    assert _lines(text, "/data") == [4]
    assert _lines(text, "/app") == [6, 8]
    assert _lines(text, "/app/x") == [8]


def test_copies_into_leaves_out_owned_later_unresolved_and_one_word_copies() -> None:
    text = ("FROM alpine:3\nARG DEST\nCOPY --chown=app a /data/\nCOPY b ${DEST}\nCOPY c\nADD d.tgz /data/d\n"
            "COPY e /data/e\n")
    offset_of_last = text.index("COPY e")
    assert _lines(text, "/data") == [6, 7]
    assert _lines(text, "/data", offset_of_last) == [6]
    assert _lines(text, "/dat") == []  # a sibling whose name starts the same is not inside


def test_a_manifest_is_read_leniently_and_a_folder_or_missing_file_reads_empty(tmp_path: Path) -> None:
    gemfile = tmp_path / "Gemfile"
    gemfile.write_bytes(b'# \xff latin-1 comment\ngem "rails"\n')
    assert _read(gemfile).endswith('gem "rails"\n')
    assert _read(tmp_path) == "" and _read(tmp_path / "missing") == "" and _read(None) == ""


def test_a_volume_that_is_a_system_dir_or_in_a_program_tree_is_not_chowned() -> None:
    plan = _analyze('FROM python:3.12-slim\nWORKDIR /app\nVOLUME /var/lib /usr/lib/app /var/lib/app\n'
                    'CMD ["python", "app.py"]\n')
    assert isinstance(plan, Plan)
    assert plan.commands[2:] == ("mkdir -p /var/lib/app", "chown app:app /app /var/lib/app")
