"""Inline suppressions: every golden ``suppressed_*`` case is changed once its pragmas are removed (so the
pragma is what keeps it), and ``check -v`` reports what was suppressed."""

from __future__ import annotations

import re

import pytest

from refactor.document import parse
from refactor.edits import Edit, Finding, Fix
from refactor.passes import Context
from refactor.project import Project
from refactor.runner import Status, process_text
from refactor.suppressions import rules, split
from tests.golden import cases
from tests.test_cli import dockmod
from tests.test_config import MONOREPO
from transforms import PASSES

BY_ID = {p.id: p for p in PASSES}
SUPPRESSED = [c for c in cases() if c.name.split("/")[-1].startswith("suppressed_")]
PRAGMA = re.compile(r"^\s*#\s*(dockmod:|hadolint ).*\n", re.M)


def test_there_are_suppression_cases() -> None:
    assert len(SUPPRESSED) >= 6


@pytest.mark.parametrize("case", SUPPRESSED, ids=[c.name for c in SUPPRESSED])
def test_without_its_pragma_the_pass_fixes_it(case) -> None:
    text = case.source.read_text()
    assert PRAGMA.search(text)
    result = process_text(PRAGMA.sub("", text), case.name, [BY_ID[case.pass_id]], Context(project=Project()))
    assert result.status is Status.CHANGED
    kept = process_text(text, case.name, [BY_ID[case.pass_id]], Context(project=Project()))
    assert kept.new.encode() == case.expected  # unchanged, or changed only where no pragma stands
    assert result.new != kept.new and [r.item.pass_id for r in kept.suppressed] == [case.pass_id]


TWO_RUNS = "FROM alpine:3.19\n# note\n# dockmod: ignore[apk-no-cache]\n# why\nRUN apk add git\nRUN apk add curl\n"


def test_rule_covers_its_comment_block_and_instruction_only() -> None:
    doc = parse(TWO_RUNS)
    (rule,) = rules(doc, PASSES)
    first, second = doc.instructions[1], doc.instructions[2]
    assert rule.start == TWO_RUNS.index("# note") and rule.stop == first.stop
    edit_in_first = Fix("apk-no-cache", "m", (Edit.insert(first.start + 8, "--no-cache "),))
    edit_in_second = Fix("apk-no-cache", "m", (Edit.insert(second.start + 8, "--no-cache "),))
    other_pass = Fix("apk-virtual-build-deps", "m", (Edit.insert(first.start + 8, "-t x "),))
    skip = Finding("apk-no-cache", "left alone", first.start)
    kept, findings, suppressed = split(doc, PASSES, [edit_in_first, edit_in_second, other_pass], [skip])
    assert kept == [edit_in_second, other_pass] and suppressed == [edit_in_first] and findings == []


def test_pragma_separated_by_a_blank_line_does_nothing() -> None:
    doc = parse("FROM alpine:3.19\n# dockmod: ignore\n\nRUN apk add git\n")
    assert rules(doc, PASSES) == []


def test_unknown_ids_and_unmapped_hadolint_codes_suppress_nothing() -> None:
    doc = parse("FROM alpine:3.19\n# dockmod: ignore[no-such-pass]\n# hadolint ignore=DL3018\nRUN apk add git\n")
    assert all(r.passes == frozenset() for r in rules(doc, PASSES))


def test_check_lists_suppressed_fixes_only_when_verbose() -> None:
    web = str(MONOREPO / "services" / "web" / "Dockerfile")
    quiet = dockmod("check", web).stdout.decode()
    assert "npm-cache-clean-after-install" not in quiet and "suppressed" not in quiet
    verbose = dockmod("check", "-v", web).stdout.decode()
    assert ":6: npm-cache-clean-after-install: [suppressed] npm install leaves its cache" in verbose


def test_explain_lists_the_suppression_syntax() -> None:
    out = dockmod("explain", "apt-get-install-use-no-rec").stdout.decode()
    assert "# dockmod: ignore[apt-get-install-use-no-rec]" in out
    assert "# hadolint ignore=DL3015" in out and "# dockmod: skip-file" in out


def test_hadolint_codes_are_unique_per_pass() -> None:
    codes = [c for p in PASSES for c in p.hadolint]
    assert len(codes) == len(set(codes)) and all(re.fullmatch(r"DL\d{4}", c) for c in codes)
