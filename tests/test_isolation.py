"""No bug stops a run: a pass that raises (or returns unusable edits) is an internal error of that pass for
that one file, every other file and every other pass still runs; passes that never settle fail the file;
validation rejects a rewrite whose instruction boundaries are not the original's plus what fixes inserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refactor import cli
from refactor.applier import MAX_ROUNDS, transform
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.passes import Context, Pass
from refactor.project import Project
from refactor.rewrite import insert_line_after
from refactor.runner import Status, process_text
from refactor.validate import check_rewrite
from transforms import PASSES

DOC = "What it does\nWhy\nExample\nFix safety"


def _pass(fn, pid: str, safety: Safety = Safety.SAFE) -> Pass:
    return Pass(pid, "test", safety, fn, DOC)


def _boom_on_marker(doc, ctx):
    if "boom" in doc.text:
        raise KeyError("no such stage")
    return []


BOOM = _pass(_boom_on_marker, "boom-pass")


def _all_with(monkeypatch: pytest.MonkeyPatch, *extra: Pass) -> None:
    monkeypatch.setattr(cli, "_all_passes", lambda: (*extra, *PASSES))


def test_apply_dir_finishes_every_other_file_and_names_the_pass(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    _all_with(monkeypatch, BOOM)
    files = {name: f"FROM alpine:3.20\n{label}RUN apk add curl\n"
             for name, label in (("a", ""), ("b", "LABEL note=boom\n"), ("c", ""))}
    for name, text in files.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "Dockerfile").write_text(text)
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli.app, ["apply", ".", "--select", "boom-pass,apk-no-cache"])
    assert res.exit_code == 2
    line = _boom_on_marker.__code__.co_firstlineno + 2
    assert res.stderr.splitlines() == [f"b/Dockerfile: error: internal error in boom-pass: KeyError: 'no such stage' "
                                       f"(at tests/test_isolation.py:{line})"]
    assert "Traceback" not in res.stdout + res.stderr
    for name, text in files.items():  # every file got the other pass's fix, the faulty one too
        assert (tmp_path / name / "Dockerfile").read_text() == text.replace("apk add", "apk add --no-cache")


def test_check_and_json_report_the_internal_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _all_with(monkeypatch, BOOM)
    (tmp_path / "Dockerfile").write_text("FROM alpine\n# boom\nUSER nobody\n")
    res = CliRunner().invoke(cli.app, ["check", str(tmp_path / "Dockerfile"), "--select", "boom-pass",
                                       "--format", "json"])
    assert res.exit_code == 2
    errors = json.loads(res.stdout)["files"][0]["internal_errors"]
    assert len(errors) == 1 and errors[0].startswith("internal error in boom-pass: KeyError")


def test_pass_error_drops_only_that_pass() -> None:
    def user(doc, ctx):
        if not any(i.name == "USER" for i in doc.instructions):
            yield Finding("user", "would add USER", doc.instructions[-1].start)
            yield Fix("user", "add USER", (insert_line_after(doc.instructions[-1], "USER app"),))

    def late_boom(doc, ctx):  # fails only on the text another pass produced (a later round)
        if "USER app" in doc.text:
            raise ValueError("round two")
        yield Finding("late-boom", "seen", 0)

    result = process_text("FROM a\n", "Dockerfile", [_pass(late_boom, "late-boom"), _pass(user, "user")], Context())
    assert result.status is Status.CHANGED and result.new == "FROM a\nUSER app\n"
    assert [r.item.pass_id for r in result.fixes] == ["user"]
    assert result.findings == []  # the faulty pass's findings go with it; the user pass's skip was resolved
    line = late_boom.__code__.co_firstlineno + 2
    assert result.internal_errors == [f"internal error in late-boom: ValueError: round two "
                                      f"(at tests/test_isolation.py:{line})"]


@pytest.mark.parametrize("edits, problem", [
    ((Edit(8, 12, "x"), Edit.insert(10, "y")), "overlapping edits at offset 10"),
    ((Edit(8, 12, ""), Edit(11, 14, "")), "overlapping edits at offset 11"),
    ((Edit.insert(99, "x"),), "outside the text (0:19)"),
])
def test_a_fix_whose_own_edits_overlap_is_an_internal_error(edits, problem) -> None:
    bad = _pass(lambda doc, ctx: [Fix("bad", "bad fix", edits)], "bad")
    good = _pass(lambda doc, ctx: [Fix("good", "g", (Edit(0, 4, "from"),))] if doc.text.startswith("FROM") else [],
                 "good")
    out = transform("FROM a\nRUN apk add\n", [bad, good], Context())
    assert out.text == "from a\nRUN apk add\n"  # the other pass still applies
    assert len(out.internal_errors) == 1
    assert out.internal_errors[0].startswith("internal error in bad: fix 'bad fix' has ")
    assert out.internal_errors[0].endswith(problem)


def test_a_pass_returning_garbage_is_an_internal_error() -> None:
    out = transform("FROM a\n", [_pass(lambda doc, ctx: ["not a fix"], "junk")], Context())
    assert out.internal_errors == ["internal error in junk: returned str, not a Fix or Finding"]


def test_passes_that_do_not_converge_fail_the_file() -> None:
    def grow(doc, ctx):  # never satisfied: one more LABEL every round
        yield Fix("grow", "more", (insert_line_after(doc.instructions[-1], "LABEL x=1"),))

    text = "FROM a\n"
    out = transform(text, [_pass(grow, "grow")], Context())
    assert out.failure == f"passes do not converge: grow still changing the file after {MAX_ROUNDS} rounds"
    assert out.text == text and out.fixes == []
    result = process_text(text, "Dockerfile", [_pass(grow, "grow")], Context())
    assert result.status is Status.FAILED and result.new == text
    assert result.reason.startswith("passes do not converge")


def test_one_round_short_of_the_limit_still_converges() -> None:
    def grow(doc, ctx):
        if sum(i.name == "LABEL" for i in doc.instructions) < MAX_ROUNDS:
            yield Fix("grow", "more", (insert_line_after(doc.instructions[-1], "LABEL x=1"),))

    out = transform("FROM a\n", [_pass(grow, "grow")], Context())
    assert out.failure is None and out.error is None
    assert out.text.count("LABEL") == MAX_ROUNDS


# --- structure: the swallowed insert and its relatives --------------------------------------------------

def _raw_insert(line: str):
    """A synthetic pass that appends ``line`` at the end of the file the naive way (no dangling-escape
    handling), like the bug of issue 7 item 6: the line joins a RUN that ends in a continuation."""
    def run(doc, ctx):
        if line.split()[0] not in {i.name for i in doc.instructions}:
            yield Fix("raw", "insert", (Edit.insert(len(doc.text), line + "\n"),))
    return _pass(run, "raw")


def test_insert_swallowed_by_a_dangling_continuation_is_rejected() -> None:
    text = "FROM python:3.12\nRUN pip install x \\\n"
    out = transform(text, [_raw_insert("USER app")], Context())
    # BuildKit accepts "RUN pip install x USER app": only the structure check can tell
    assert out.error == "the instruction a fix inserted at line 3 joins the one before it"
    assert out.text == text
    result = process_text(text, "Dockerfile", [_raw_insert("USER app")], Context())
    assert result.status is Status.SKIPPED and result.new == text


def test_the_same_insert_after_a_closed_instruction_is_accepted() -> None:
    text = "FROM python:3.12\nRUN pip install x\n"
    out = transform(text, [_raw_insert("USER app")], Context())
    assert out.error is None and out.text == text + "USER app\n"


def test_an_original_instruction_joined_to_the_previous_is_rejected() -> None:
    # appending " \" to the RUN joins the following USER into it; every parse is fine
    def join(doc, ctx):
        run = doc.instructions[1]
        if not doc.text[run.start:run.end].endswith("\\"):
            yield Fix("join", "join", (Edit.insert(run.end, " \\"),))

    text = "FROM a\nRUN make\nUSER app\n"
    out = transform(text, [_pass(join, "join")], Context())
    assert out.error == "rewrite joins the instruction of line 3 to the one before it"


def test_an_instruction_split_off_a_continuation_is_rejected() -> None:
    # dropping "&& \" turns the continuation line "user app" into an instruction of its own
    def split(doc, ctx):
        i = doc.text.find(" && \\")
        if i >= 0:
            yield Fix("split", "split", (Edit.delete(i, i + 5),))

    text = "FROM a\nRUN echo && \\\n  user app\n"
    out = transform(text, [_pass(split, "split")], Context())
    assert out.error == "rewrite starts an instruction at line 3 that no fix inserted"


def test_structure_follows_edits_over_several_rounds_and_deletions() -> None:
    original = "FROM a\nRUN rm -rf /x\nCMD x\n"
    round1 = [Edit.delete(7, 21)]  # the RUN goes
    after1 = "FROM a\nCMD x\n"
    round2 = [Edit.insert(7, "USER app\n")]
    new = "FROM a\nUSER app\nCMD x\n"
    assert check_rewrite(original, new, [round1, round2]) is None
    assert check_rewrite(original, after1, [round1]) is None
    assert check_rewrite(original, new, [round1]) == "rewrite starts an instruction at line 3 that no fix inserted"


def test_all_passes_over_several_rounds_pass_the_structure_check() -> None:
    """Inserted lines (a USER block, a HEALTHCHECK with its ``CMD`` continuation line), a replaced keyword
    (ADD → COPY) and deletions (``apk update``) over several rounds: all accepted."""
    text = ("FROM python:3.12-alpine\nRUN apk update && apk add gcc musl-dev postgresql-dev \\\n"
            "    && pip install psycopg2\nADD app.py /app/\nEXPOSE 8000\nCMD [\"python\", \"/app/app.py\"]\n")
    result = process_text(text, "Dockerfile", list(PASSES), Context(project=Project()))
    assert result.status is Status.CHANGED, result.reason
    assert result.internal_errors == []
