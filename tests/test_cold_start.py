"""Cold start: the plain diff/check/apply path runs without typer, rich, git or tree-sitter, reads its arguments as
typer would, and bashlex comes up with its stored parser tables (refactor/bashlex_tables.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from refactor import cli
from tests.paths import REPO
from transforms import PASSES, _lazy

# a shape every pass looks at: apt-get in a RUN, a COPY, a CMD; the second RUN's backticks are left to bashlex
# (refactor/shell_fast.py takes the first)
PLAIN = ("FROM python:3.12-slim\nWORKDIR /app\nRUN apt-get update && apt-get install -y curl\n"
         "COPY . .\nCMD [\"python\", \"app.py\"]\n")
DOCKERFILE = PLAIN.replace("COPY", "RUN echo `date` > /built\nCOPY")
HEAVY = ("typer", "click", "pydantic", "rich", "git", "tree_sitter", "tree_sitter_bash", "concurrent.futures")


def _python(code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


_LOADED = """
import atexit, json, sys
def report():
    loaded = "bashlex.parser" in sys.modules
    import bashlex.parser
    stored = not bashlex.parser.yaccparser.productions[1].lr_items  # built tables keep their LR items
    info = {"modules": sorted(sys.modules), "stored_tables": stored, "bashlex": loaded}
    sys.stderr.write("\\nLOADED " + json.dumps(info) + "\\n")
atexit.register(report)
sys.argv = ["dockmod", *sys.argv[1:]]
from refactor.cli import main
main()
"""


@pytest.mark.parametrize("args", [["diff", "Dockerfile"], ["check", "-v", "--format", "json", "Dockerfile"],
                                  ["apply", "--select", "apt-get-install-use-no-rec", "Dockerfile", "-j", "1"]])
def test_plain_commands_load_no_typer_and_stored_bashlex_tables(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    res = _python(_LOADED, *args, cwd=tmp_path)
    assert res.returncode in (0, 1), res.stderr
    loaded = json.loads(res.stderr.rpartition("\nLOADED ")[2])
    assert [m for m in loaded["modules"] if m.split(".")[0] in HEAVY or m in HEAVY] == []
    assert loaded["bashlex"], "the backtick RUN should have needed bashlex"
    assert loaded["stored_tables"], "bashlex rebuilt its tables: run python -m refactor.bashlex_tables"
    if args[0] == "apply":
        assert "--no-install-recommends" in (tmp_path / "Dockerfile").read_text()
    # a module of passes with triggers is imported only for a file naming one of them (transforms/_lazy.py)
    text = DOCKERFILE.lower()
    chosen = [p for p in PASSES if args[0] != "apply" or p.id == "apt-get-install-use-no-rec"]
    wanted = {_lazy.MODULE_OF[p.id] for p in chosen if p.id in _lazy.MODULE_OF and any(t in text for t in p.triggers)}
    assert {m.removeprefix("transforms.") for m in loaded["modules"] if m.removeprefix("transforms.") in
            _lazy.MODULES} == wanted


def test_plain_runs_do_not_load_bashlex(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(PLAIN)
    res = _python(_LOADED, "diff", "Dockerfile", cwd=tmp_path)
    assert res.returncode in (0, 1), res.stderr
    assert json.loads(res.stderr.rpartition("\nLOADED ")[2])["bashlex"] is False


def test_other_commands_still_go_through_typer(tmp_path: Path) -> None:
    code = ("import sys; sys.argv = ['dockmod', *sys.argv[1:]]\nfrom refactor.cli import main\ntry:\n    main()\n"
            "finally:\n    print('TYPER' if 'typer' in sys.modules else 'NO TYPER')")
    res = _python(code, "diff", "--help", cwd=tmp_path)
    assert res.returncode == 0 and "Usage:" in res.stdout and res.stdout.endswith("TYPER\n")
    assert not res.stdout.endswith("NO TYPER\n")


@pytest.mark.parametrize(("argv", "expected"), [
    (["diff", "Dockerfile"], ("diff", {"paths": ["Dockerfile"]})),
    (["check", "--select=a,b", "x", "--select", "c", "-j4", "--format", "sarif", "-v", "--exit-zero"],
     ("check", {"paths": ["x"], "select": ["a,b", "c"], "jobs": 4, "fmt": cli.Format.sarif, "verbose": True,
                "exit_zero": True})),
    (["apply", "-q", "--context", "ctx", "--config=pyproject.toml", "--set", "healthcheck.path=/h", "-", "a"],
     ("apply", {"paths": ["-", "a"], "quiet": True, "context": Path("ctx"), "config": Path("pyproject.toml"),
                "set_": ["healthcheck.path=/h"]})),
    (["diff", "--jobs", "2", "--", "-odd-name", "--select"], ("diff", {"paths": ["-odd-name", "--select"], "jobs": 2})),
    (["diff", "x", "--"], ("diff", {"paths": ["x"]})),
])
def test_plain_args_reads_what_typer_reads(argv: list[str], expected: tuple) -> None:
    assert cli.plain_args(argv) == expected


@pytest.mark.parametrize("argv", [
    [], ["diff"], ["--version"], ["-h"], ["diff", "--help", "x"], ["diff", "-h", "x"], ["list"], ["explain", "x"],
    ["branch", "x"], ["verify", "x"], ["diff", "-vq", "x"], ["diff", "--quiet=1", "x"], ["diff", "--jobs", "0", "x"],
    ["diff", "--jobs", "two", "x"], ["diff", "-j", "x"], ["diff", "--format", "xml", "x"],
    ["diff", "--format", "JSON", "x"],
    ["diff", "--select", "--ignore", "x"], ["diff", "--select=", "x"], ["diff", "x", "--select"],
    ["apply", "--exit-zero", "x"], ["apply", "--verified-only", "x"], ["apply", "--builder", "docker", "x"],
    ["check", "--no-such-option", "x"], ["check", "-x", "x"],
])
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert cli.plain_args(argv) is None


def test_completion_requests_are_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_DOCKMOD_COMPLETE", "bash_source")
    assert cli.plain_args(["diff", "x"]) is None


def test_fast_path_table_matches_typer_commands() -> None:
    import typer

    from refactor.cli_app import app

    group = typer.main.get_command(app)
    for command, handled in cli._PLAIN.items():
        params = {p.name: p for p in group.commands[command].params if p.param_type_name == "option"}
        fast = {name: dest for name, (dest, _) in cli._OPTIONS.items() if dest in handled}
        typer_names = {opt: p.name for p in params.values() for opt in p.opts}
        assert {o: d for o, d in typer_names.items() if d in handled} == fast, command
        # what the fast path leaves to typer: apply's build options (and --help, which typer adds)
        assert set(params) - handled == ({"verified_only", "builder"} if command == "apply" else set())
        for name, (dest, kind) in cli._OPTIONS.items():
            if dest in handled:
                p = params[dest]
                assert (kind == "flag") == p.is_flag and (kind == "list") == p.multiple, (command, name)


@pytest.mark.parametrize("args", [
    ["diff", "Dockerfile", "other/Dockerfile", "--statistics"],
    ["check", "-v", "--format", "json", "Dockerfile"],
    ["check", "--select", "apt-get-install-use-no-rec,healthcheck", "--set", "healthcheck.port=8000", "Dockerfile"],
    ["check", "--select", "no-such-pass", "Dockerfile"],
    ["diff", "--set", "healthcheck.port=0", "Dockerfile"],
    ["check", "missing/Dockerfile", "Dockerfile", "--format", "github"],
    ["diff", "--context", "nowhere", "Dockerfile"],
])
def test_fast_path_prints_what_typer_prints(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "Dockerfile").write_text("FROM alpine:3.20\nRUN apk add curl\n")
    run = "import sys; sys.argv = ['dockmod', *sys.argv[1:]]; from refactor.cli import main; main()"
    fast = _python(run, *args, cwd=tmp_path)
    typer_ = _python("from refactor.cli_app import app; app(prog_name='dockmod')", *args, cwd=tmp_path)
    assert (fast.returncode, fast.stdout, fast.stderr) == (typer_.returncode, typer_.stdout, typer_.stderr)


def test_stored_bashlex_tables_are_the_ones_bashlex_builds(tmp_path: Path) -> None:
    """A bashlex upgrade that changes its grammar or table generator fails here: run
    ``python -m refactor.bashlex_tables`` (until then dockmod still works, bashlex builds its tables)."""
    res = _python("import json; from refactor import bashlex_tables; print(json.dumps(bashlex_tables.fresh()))",
                  cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    from refactor.bashlex_tables_data import TABLES

    fresh, stored = json.loads(res.stdout), json.loads(TABLES)
    assert fresh["key"] == stored["key"], "bashlex's grammar changed: run python -m refactor.bashlex_tables"
    assert fresh == stored


def test_lazy_pattern_compiles_on_first_use_and_answers_as_re() -> None:
    import re

    from refactor import lazy_re

    p = lazy_re.compile(r"^\s*(?P<name>grpcio)(-health-checking)?\b", re.M | re.I)
    with pytest.raises(AttributeError):
        type(p).search.__get__(p)  # nothing compiled yet
    real = re.compile(r"^\s*(?P<name>grpcio)(-health-checking)?\b", re.M | re.I)
    text = "flask==3\nGRPCIO-health-checking==1.6\n"
    assert p.search(text).span() == real.search(text).span() and p.search(text).group("name") == "GRPCIO"
    assert (p.pattern, p.flags, p.groupindex) == (real.pattern, real.flags, real.groupindex)
    assert p.sub("x", text) == real.sub("x", text) and p.findall(text) == real.findall(text)
    assert type(p).search.__get__(p) == real.search  # the pattern's own method from now on


# bench/speed.py's one file, re-typed minimal: already two stages, the docker CLI copied in, a port to probe with nc
BENCH_SHAPE = ("FROM python:3.10-alpine AS builder\nWORKDIR /code\nCOPY requirements.txt /code\n"
               "RUN pip3 install -r requirements.txt\nCOPY . .\nEXPOSE 8000\nCMD [\"flask\", \"run\"]\n\n"
               "FROM builder AS dev-envs\nCOPY --from=gloursdocker/docker / /\nCMD [\"flask\", \"run\"]\n")
# what such a file never needs: the split planners, the non-root strategies, the program's own health mode
DEFERRED = ("transforms.stage_split.go", "transforms.stage_split.python", "transforms.stage_split.layout",
            "transforms.non_root.strategies", "transforms._health_self_probe", "transforms._health_go_source")


def test_parts_of_passes_a_file_does_not_reach_are_not_imported(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(BENCH_SHAPE)
    res = _python(_LOADED, "check", "-v", "Dockerfile", cwd=tmp_path)
    assert res.returncode == 1, res.stderr
    assert "multi-stage: info: already multi-stage" in res.stdout
    assert "non-root-user: skip: line 10 copies the docker CLI" in res.stdout
    assert "healthcheck: [review] no HEALTHCHECK: TCP connect to 127.0.0.1:8000 with nc" in res.stdout
    loaded = json.loads(res.stderr.rpartition("\nLOADED ")[2])["modules"]
    assert [m for m in DEFERRED if m in loaded] == []
