"""The reviewed ledger of corpus fixes (bench/semantic.py): well-formed, and no breaking fix comes back."""

from __future__ import annotations

import json

import pytest

from bench.semantic import BREAKING, LEDGER, VERDICTS, Record, corpus_records, fix_key, own_diff, table
from refactor.edits import Edit, Fix
from tests.paths import CORPUS


def _entries() -> list[dict]:
    return [json.loads(line) for line in LEDGER.read_text().splitlines() if line.strip()]


def test_ledger_parses_with_known_verdicts_and_unique_keys() -> None:
    entries = _entries()
    assert entries, "the ledger is empty"
    keys = [e["key"] for e in entries]
    assert len(keys) == len(set(keys)), "duplicate keys"
    for e in entries:
        assert e["verdict"] in VERDICTS, e
        assert e["path"] and e["pass"] and e["reason"].strip(), e
        assert "\n" not in e["reason"], e
    order = [(e["path"], e["pass"], e["key"]) for e in entries]
    assert order == sorted(order), "ledger not sorted by path, pass, key"


def test_diff_has_no_line_numbers_so_an_earlier_edit_keeps_the_key() -> None:
    text = "FROM debian\nENV A=1\nRUN apt update\n"
    earlier = "# syntax=docker/dockerfile:1\nFROM debian\nENV A=1\nRUN apt update\n"
    at = text.index("apt update")
    diff = own_diff(text, Fix("apt-to-apt-get", "m", (Edit(at, at + 3, "apt-get"),)))
    assert diff == "@@\n ENV A=1\n-RUN apt update\n+RUN apt-get update"
    at2 = earlier.index("apt update")
    diff2 = own_diff(earlier, Fix("apt-to-apt-get", "m", (Edit(at2, at2 + 3, "apt-get"),)))
    assert fix_key("a/Dockerfile", "apt-to-apt-get", diff2) == fix_key("a/Dockerfile", "apt-to-apt-get", diff)
    assert fix_key("b/Dockerfile", "apt-to-apt-get", diff) != fix_key("a/Dockerfile", "apt-to-apt-get", diff)


@pytest.mark.corpus
def test_no_breaking_fix_is_produced_again() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}; the ledger's breaking verdicts cannot be checked")
    breaking = {e["key"]: e for e in _entries() if e["verdict"] in BREAKING}
    back = [breaking[r.key] for r in corpus_records() if r.key in breaking]
    assert not back, "fixes reviewed as breaking are produced again:\n" + "\n".join(
        f"{e['path']} {e['pass']}: {e['verdict']}: {e['reason']}" for e in back)


def test_table_counts_verdicts_breaking_files_unreviewed_and_stale() -> None:
    records = [Record("a/Dockerfile", "p1", "safe", "m", "@@\n-x\n+y"),
               Record("a/Dockerfile", "p2", "safe", "m", "@@\n-u\n+v"),
               Record("b/Dockerfile", "p1", "safe", "m", "@@\n-x\n+z"),
               Record("c/Dockerfile", "p1", "safe", "m", "@@\n-q\n+r"),
               Record("e/Dockerfile", "p1", "safe", "m", "@@\n-q\n+r"),
               Record("e/Dockerfile", "p2", "safe", "m", "@@\n-s\n+t")]
    ledger = [{"key": records[0].key, "path": "a/Dockerfile", "pass": "p1", "verdict": "correct", "reason": "r"},
              {"key": records[1].key, "path": "a/Dockerfile", "pass": "p2", "verdict": "breaks-build", "reason": "r"},
              {"key": records[2].key, "path": "b/Dockerfile", "pass": "p1", "verdict": "pointless", "reason": "r"},
              {"key": records[5].key, "path": "e/Dockerfile", "pass": "p2", "verdict": "breaks-runtime", "reason": "r"},
              {"key": "0000000000000000", "path": "d/Dockerfile", "pass": "p1", "verdict": "concern", "reason": "r"}]
    out = table(records, ledger)
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:4]}
    assert rows["p1"] == ["4", "1", "1", "0", "0", "0", "2"]
    assert rows["p2"] == ["2", "0", "0", "0", "1", "1", "0"]
    assert rows["total"] == ["6", "1", "1", "0", "1", "1", "2"]
    # c is not judged (its only fix is unreviewed); e is, because one of its fixes is known to break it
    assert "changed files: 4; judged: 3; with a breaking fix: 2 (66.7% of judged)" in out
    assert "unreviewed fixes: 2" in out
    assert "stale ledger entries: 1\n  0000000000000000 d/Dockerfile p1 concern" in out
