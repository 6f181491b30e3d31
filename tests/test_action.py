"""``action.yml``: a composite action whose scripts run for real here — dockmod builds and pushes the branch to a
bare ``origin``, and a stand-in ``gh`` records the pull request it is asked to open, then to update."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.paths import REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text())
STEPS = {s.get("id") or s.get("name") or s.get("uses"): s for s in ACTION["runs"]["steps"]}
EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
APP = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nEXPOSE 3000\nCMD ["node", "server.js"]\n'
GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
case "$1 $2" in
  "pr list") [ -f "$GH_STATE" ] && cat "$GH_STATE"; exit 0 ;;
  "pr create") echo https://github.com/o/r/pull/7 | tee "$GH_STATE"; exit 0 ;;
  "pr edit") exit 0 ;;
esac
exit 1
"""


def test_action_is_composite_and_keeps_expressions_out_of_scripts() -> None:
    assert ACTION["runs"]["using"] == "composite"
    inputs = set(ACTION["inputs"])
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), f"{step.get('name')}: pass inputs through env, not into the script"
        for value in [*step.get("env", {}).values(), *step.get("with", {}).values(), step.get("if", "")]:
            for expr in EXPR.findall(str(value)):
                if expr.startswith("inputs."):
                    assert expr.removeprefix("inputs.") in inputs, expr


def _env(step: dict, inputs: dict[str, str], outputs: dict[str, str]) -> dict[str, str]:
    def resolve(value: str) -> str:
        def one(m: re.Match[str]) -> str:
            expr = m.group(1)
            if expr.startswith("inputs."):
                return inputs[expr.removeprefix("inputs.")]
            if expr.startswith("steps.branch.outputs."):
                return outputs.get(expr.removeprefix("steps.branch.outputs."), "")
            raise AssertionError(f"unexpected expression {expr}")
        return EXPR.sub(one, str(value))

    return {k: resolve(v) for k, v in step.get("env", {}).items()}


def _run_step(step: dict, cwd: Path, env: dict[str, str], inputs: dict[str, str], github_output: Path,
              outputs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    github_output.write_text("")
    res = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, capture_output=True, text=True, timeout=300,
                         env={**env, **_env(step, inputs, outputs), "GITHUB_OUTPUT": str(github_output)})
    outputs.update(line.split("=", 1) for line in github_output.read_text().splitlines() if "=" in line)
    return res


def test_action_pushes_the_branch_and_opens_then_updates_the_pull_request(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "dockmod").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m refactor "$@"\n')
    (bin_ / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (bin_ / "gh").write_text(GH)
    for tool in bin_.iterdir():
        tool.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "PATH": f"{bin_}:{os.environ['PATH']}", "PYTHONPATH": str(REPO), "HOME": str(home),
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"), "RUNNER_TEMP": str(tmp_path),
           "GH_LOG": str(tmp_path / "gh.log"), "GH_STATE": str(tmp_path / "gh.state")}
    for k in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        env.pop(k, None)
    repo = tmp_path / "repo"
    (repo / "api").mkdir(parents=True)
    (repo / "api" / "Dockerfile").write_text(APP)
    remote = tmp_path / "remote.git"

    def git(*args: str, cwd: Path = repo) -> str:
        return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=Seed", "-c", "user.email=seed@example.com", "commit", "-qm", "init")
    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    git("remote", "add", "origin", str(remote))
    inputs = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()} | {"token": "t", "paths": "api"}
    out = tmp_path / "github_output"

    for attempt in ("create", "edit"):
        outputs: dict[str, str] = {}
        built = _run_step(STEPS["branch"], repo, env, inputs, out, outputs)
        assert built.returncode == 0, built.stderr
        assert outputs["branch"] == "dockmod/migrate" and int(outputs["commits"]) >= 2
        assert git("rev-parse", "dockmod/migrate", cwd=remote) == git("rev-parse", "dockmod/migrate")
        author = git("log", "-1", "--format=%an", "dockmod/migrate").strip()
        assert author == "github-actions[bot]"  # no identity configured on the runner: the bot's
        opened = _run_step(STEPS["pr"], repo, env, inputs, out, outputs)
        assert opened.returncode == 0, opened.stderr
        assert outputs["url"] == "https://github.com/o/r/pull/7"
        calls = (tmp_path / "gh.log").read_text().splitlines()
        assert calls[-1].startswith(f"pr {attempt} ")
        assert "--body-file " + str(tmp_path / "dockmod" / "pr.md") in calls[-1]
        assert (tmp_path / "dockmod" / "pr.md").read_text().startswith("## dockmod: Dockerfile migration")
        git("-c", "user.name=Seed", "-c", "user.email=seed@example.com", "commit", "-q", "--allow-empty", "-m", "next")
    assert git("status", "--porcelain") == ""


def test_action_stops_with_dockmods_one_line_error(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "dockmod").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m refactor "$@"\n')
    (bin_ / "dockmod").chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_}:{os.environ['PATH']}", "PYTHONPATH": str(REPO), "RUNNER_TEMP": str(tmp_path)}
    (tmp_path / "repo").mkdir()
    subprocess.run(["git", "init", "-q"], cwd=tmp_path / "repo", check=True)
    inputs = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()} | {"branch": "bad..name"}
    outputs: dict[str, str] = {}
    res = _run_step(STEPS["branch"], tmp_path / "repo", env, inputs, tmp_path / "out", outputs)
    assert res.returncode == 2
    assert res.stderr.strip().splitlines()[-1].startswith("dockmod: ")
    assert "branch" not in outputs
