"""A mistake in the arguments is one line on stderr, ``dockmod: what (see 'dockmod CMD --help')``, exit 2, with
nothing on stdout and no usage block or traceback: through ``python -m refactor`` (whose fast path hands such
command lines to typer) and through the typer app itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refactor.cli_app import app
from tests.paths import REPO

# (arguments, the one line): each shape click reports, as it reads them
SHAPES = [
    (["diff", "--jobs", "0", "Dockerfile"],
     "dockmod: invalid value for '--jobs' / '-j': Input should be greater than or equal to 1 "
     "(see 'dockmod diff --help')"),
    (["check", "--format", "xml", "Dockerfile"],
     "dockmod: invalid value for '--format': 'xml' is not one of 'text', 'json', 'sarif', 'github' "
     "(see 'dockmod check --help')"),
    (["diff", "--nope", "Dockerfile"],
     "dockmod: no such option: --nope (Possible options: --ignore) (see 'dockmod diff --help')"),
    (["--nope"], "dockmod: no such option: --nope (see 'dockmod --help')"),
    (["diff"], "dockmod: missing argument 'paths' (see 'dockmod diff --help')"),
    (["explain"], "dockmod: missing argument 'pass_id' (see 'dockmod explain --help')"),
    (["diff", "Dockerfile", "-j"], "dockmod: option '-j' requires an argument (see 'dockmod diff --help')"),
    (["apply", "Dockerfile", "--builder"],
     "dockmod: option '--builder' requires an argument (see 'dockmod apply --help')"),
    (["check", "--quiet=1", "Dockerfile"],
     "dockmod: option '--quiet' does not take a value (see 'dockmod check --help')"),
    (["lint", "Dockerfile"], "dockmod: no such command 'lint'. Did you mean 'list'? (see 'dockmod --help')"),
]


@pytest.mark.parametrize(("args", "line"), SHAPES, ids=[" ".join(a) for a, _ in SHAPES])
def test_usage_error_is_one_line_from_the_command(tmp_path: Path, args: list[str], line: str) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    res = subprocess.run([sys.executable, "-m", "refactor", *args], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert (res.returncode, res.stdout, res.stderr) == (2, "", line + "\n")


@pytest.mark.parametrize(("args", "line"), SHAPES, ids=[" ".join(a) for a, _ in SHAPES])
def test_usage_error_is_one_line_from_the_typer_app(args: list[str], line: str) -> None:
    res = CliRunner().invoke(app, args, prog_name="dockmod")
    assert (res.exit_code, res.stdout, res.stderr) == (2, "", line + "\n")


def test_dockmod_alone_still_prints_the_help() -> None:
    res = CliRunner().invoke(app, [], prog_name="dockmod")
    assert res.exit_code == 2 and res.stderr.startswith("Usage: dockmod [OPTIONS] COMMAND") and "diff" in res.stderr


def test_help_and_version_exit_zero() -> None:
    assert CliRunner().invoke(app, ["diff", "--help"], prog_name="dockmod").exit_code == 0
    version = CliRunner().invoke(app, ["--version"], prog_name="dockmod")
    assert version.exit_code == 0 and version.stdout.startswith("dockmod ")


def test_a_command_exit_code_passes_through(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nRUN apk add curl\n")
    res = CliRunner().invoke(app, ["check", str(tmp_path / "Dockerfile"), "--select", "apk-no-cache"],
                             prog_name="dockmod")
    assert res.exit_code == 1 and "apk-no-cache" in res.stdout
