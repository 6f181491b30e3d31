"""bench/mutation.py counts a mutmut timeout as killed only when its direct re-run really hangs or fails: the
classification of re-run outcomes, the score arithmetic, the kept verdicts, and a real re-run of a fake
mutmut work dir (a passing, a failing and a hanging mutant)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import mutation
from bench.mutation import Mutant, Recheck, Score, classify, recheck_timeouts


@pytest.mark.parametrize(("returncode", "timed_out", "verdict"), [
    (None, True, "hung"),  # still running at the wall limit, killed by the bench
    (1, False, "failed"),  # a test failed
    (3, False, "failed"),  # pytest internal error: mutmut counts it as killed too
    (-11, False, "failed"),  # the mutant crashed the interpreter
    (0, False, "passed"),  # every test passed: the timeout was the fork/load, not the mutant
    (5, False, "no tests"),
    (2, False, "error"),  # interrupted
    (4, False, "error"),  # usage error: the bench's command line, not the mutant
    (None, False, "error"),
])
def test_classify(returncode: int | None, timed_out: bool, verdict: str) -> None:
    assert classify(returncode, timed_out) == verdict


def test_wall_limit_is_generous_and_has_a_floor() -> None:
    assert mutation.wall_limit(1.0) == mutation.RECHECK_MIN_SECONDS
    assert mutation.wall_limit(100.0) == 100.0 * mutation.RECHECK_FACTOR
    assert mutation.RECHECK_FACTOR >= 3


# Outcomes recorded by this bench on 2026-12-01 (transforms/apt_get_no_recommends.py, mutmut's fork isolation,
# wall limit 44 s): mutmut's exit code for the worker (-24: SIGXCPU), then the direct re-run's exit code (None:
# still running at the wall limit) and its seconds. Three of the four "timeouts" passed in 10-15 s.
RECORDED = [
    # ``k <= len(words)``: only an all-wrapper command line would index past the end; the tests pass
    ("transforms.apt_get_no_recommends.x__command_programs__mutmut_4", -24, 0, False, 15.0, False),
    # ``rsplit("/", )``: the same last field (an equivalent mutant)
    ("transforms.apt_get_no_recommends.x__command_programs__mutmut_10", -24, 0, False, 14.6, False),
    ("transforms.apt_get_no_recommends.x__command_programs__mutmut_13", -24, 0, False, 10.2, False),
    # ``k = 1`` instead of ``k += 1``: the wrapper loop never advances past two wrapper words
    ("transforms.apt_get_no_recommends.x__command_programs__mutmut_29", -24, None, True, 120.5, True),
    # pnpm/location.py, ``folder == "XX/XX"``: the walk up from the working directory never stops at /
    ("transforms.pnpm.location.x_workspace_in_image__mutmut_50", -24, None, True, 120.0, True),
]


@pytest.mark.parametrize(("name", "mutmut_code", "rc", "timed_out", "seconds", "killed"), RECORDED)
def test_recorded_outcomes(name: str, mutmut_code: int, rc: int | None, timed_out: bool, seconds: float,
                           killed: bool) -> None:
    # mutmut's own table (the ``mutation`` extra, not ``test``): skip where it is not installed
    status_by_exit_code = pytest.importorskip("mutmut.stats", reason="needs the mutation extra").status_by_exit_code
    m = Mutant(name, status_by_exit_code[mutmut_code])
    assert m.status == "timeout" and not m.killed  # a timeout not re-run is never counted as killed
    m.recheck = Recheck(classify(rc, timed_out), rc, seconds, 120.0)
    assert m.killed is killed
    s = Score("transforms/apt_get_no_recommends.py", mutants=[m])
    assert s.row()[3:5] == [1, int(killed)]


def test_score_counts_only_confirmed_timeouts_as_killed() -> None:
    s = Score("m.py", mutants=[
        Mutant("a", "killed"), Mutant("b", "survived"), Mutant("c", "no tests"),
        Mutant("d", "timeout", recheck=Recheck("hung", None, 120.0, 120.0)),
        Mutant("e", "timeout", recheck=Recheck("failed", 1, 3.0, 120.0)),
        Mutant("f", "timeout", recheck=Recheck("passed", 0, 30.0, 120.0)),
        Mutant("g", "timeout"),
    ], equivalent=[(Mutant("h", "survived"), "same")])
    assert s.row() == [8, 1, 1, 4, 2, 1, 1, 0]
    # survivors: b, c, f (passed when re-run), g (not re-run) out of 7 scored
    assert mutation._pct(s.row()) == f"{100 * 4 / 7:.1f}%"


def test_a_stopped_run_scores_only_the_mutants_it_checked() -> None:
    s = Score("m.py", mutants=[Mutant("a", "killed"), Mutant("b", "survived"), Mutant("c", "killed"),
                               Mutant("d", "not checked"), Mutant("e", "not checked")])
    assert s.row() == [5, 2, 1, 0, 0, 0, 0, 2]
    assert mutation._pct(s.row()) == f"{100 * 1 / 3:.1f}%"
    assert mutation._pct(Score("m.py", mutants=[Mutant("d", "not checked")]).row()) == "-"


def _fake_work(tmp_path: Path, names: list[str]) -> Path:
    """A mutmut work dir whose one test passes unmutated and passes, fails or hangs per active mutant."""
    work = tmp_path / "work"
    tests = work / "mutants" / "tests"
    tests.mkdir(parents=True)
    (work / "mutants" / "pytest.ini").write_text("[pytest]\n")
    (tests / "test_fake.py").write_text(
        "import os, time\n\n"
        "def test_it():\n"
        "    active = os.environ['MUTANT_UNDER_TEST']\n"
        "    if active.endswith('_fails'):\n"
        "        assert False\n"
        "    if active.endswith('_hangs'):\n"
        "        time.sleep(600)\n")
    functions = {n.partition("__mutmut_")[0]: ["tests/test_fake.py::test_it"] for n in names}
    (work / "mutants" / "mutmut-stats.json").write_text(json.dumps({"tests_by_mangled_function_name": functions}))
    (work / "pyproject.toml").write_text('[tool.mutmut]\npytest_add_cli_args = ["-p", "no:cacheprovider"]\n')
    return work


def test_recheck_runs_each_timeout_directly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a short limit keeps the hanging case quick; it is still several times the unmutated run
    monkeypatch.setattr(mutation, "wall_limit", lambda clean: 3 * clean + 5)
    names = ["m.x_f__mutmut_1_passes", "m.x_g__mutmut_2_fails", "m.x_h__mutmut_3_hangs", "m.x_k__mutmut_4"]
    work = _fake_work(tmp_path, names[:3])
    timeouts = [Mutant(n, "timeout") for n in names]
    recheck_timeouts(work, timeouts)
    verdicts = [m.recheck.verdict if m.recheck else None for m in timeouts]
    assert verdicts == ["passed", "failed", "hung", "no tests"]
    assert [m.killed for m in timeouts] == [False, True, True, False]
    kept = json.loads((work / "recheck.json").read_text())
    assert kept[names[2]]["returncode"] is None and kept[names[0]]["returncode"] == 0


def test_kept_kills_stay_and_other_verdicts_are_re_run(tmp_path: Path) -> None:
    work = _fake_work(tmp_path, [])
    kept = {"m.x_f__mutmut_1": Recheck("hung", None, 130.0, 120.0).__dict__,
            "m.x_g__mutmut_2": Recheck("passed", 0, 9.0, 120.0).__dict__}
    (work / "recheck.json").write_text(json.dumps(kept))
    # run=False (--no-run): both kept verdicts are shown as they were
    shown = [Mutant(n, "timeout") for n in kept]
    recheck_timeouts(work, shown, run=False)
    assert [m.recheck.verdict for m in shown if m.recheck] == ["hung", "passed"]
    # run=True: the kill is kept; the survivor is re-run (the stats now list no tests for it)
    again = [Mutant(n, "timeout") for n in kept]
    recheck_timeouts(work, again)
    assert [m.recheck.verdict for m in again if m.recheck] == ["hung", "no tests"]
