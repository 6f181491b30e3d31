"""Configuration files and up-front option checks: discovery, selection, overrides, and one-line errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from refactor.config import ConfigError, Settings, load_config
from tests.paths import write_tree
from tests.test_cli import dockmod
from transforms import PASSES

MONOREPO = Path(__file__).resolve().parent / "fixtures" / "monorepo"
API = (MONOREPO / "services" / "api" / "Dockerfile").read_text()


def _resolve(root: Path, rel: str, **kw: object) -> tuple[frozenset[str], dict[str, dict[str, str]]]:
    return Settings(PASSES, **kw).resolve(root / rel)  # type: ignore[arg-type]


def test_nearest_config_wins_and_dockmod_toml_beats_pyproject(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "pyproject.toml": '[tool.dockmod]\nselect = ["healthcheck"]\n',
        "a/Dockerfile": API,
        "b/pyproject.toml": '[tool.dockmod]\nselect = ["non-root-user"]\n',
        "b/.dockmod.toml": 'select = ["pip-use-no-cache-dir"]\n',
        "b/Dockerfile": API,
        "c/pyproject.toml": '[project]\nname = "c"\n',  # no [tool.dockmod]: looked through
        "c/Dockerfile": API,
    })
    assert _resolve(root, "a/Dockerfile")[0] == {"healthcheck"}
    assert _resolve(root, "b/Dockerfile")[0] == {"pip-use-no-cache-dir"}
    assert _resolve(root, "c/Dockerfile")[0] == {"healthcheck"}
    assert len(_resolve(root, "a/Dockerfile", isolated=True)[0]) == len(PASSES)
    fixed = _resolve(root, "b/Dockerfile", config=root / "pyproject.toml")
    assert fixed[0] == {"healthcheck"}


def test_selection_layers_like_ruff(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "pyproject.toml": '[tool.dockmod]\nselect = ["healthcheck", "non-root-user"]\n'
                          'extend-select = ["apk-no-cache"]\nignore = ["non-root-user"]\n'
                          '[[tool.dockmod.overrides]]\npaths = ["workers/**"]\nignore = ["healthcheck"]\n'
                          'extend-select = ["pip-use-no-cache-dir"]\n',
    })
    assert _resolve(root, "api/Dockerfile")[0] == {"healthcheck", "apk-no-cache"}
    assert _resolve(root, "workers/mail/Dockerfile")[0] == {"apk-no-cache", "pip-use-no-cache-dir"}
    # --select replaces the config's selection; an override's ignore and --ignore still remove
    assert _resolve(root, "api/Dockerfile", select=["non-root-user"])[0] == {"non-root-user"}
    assert _resolve(root, "workers/x/Dockerfile", select=["healthcheck", "add-to-copy"],
                    ignore=["add-to-copy"])[0] == {"pip-use-no-cache-dir"}


def test_options_layer_and_gid_follows_uid(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "pyproject.toml": '[tool.dockmod.pass.non-root-user]\nuid = 2000\ngid = 3000\n'
                          '[tool.dockmod.pass.healthcheck]\npath = "/health"\n'
                          '[[tool.dockmod.overrides]]\npaths = ["billing/"]\n'
                          '[tool.dockmod.overrides.pass.non-root-user]\nuid = 4000\n'
                          '[tool.dockmod.overrides.pass.healthcheck]\nport = 9091\n',
    })
    _, plain = _resolve(root, "api/Dockerfile")
    assert plain["non-root-user"] == {"uid": "2000", "gid": "3000"}
    _, billing = _resolve(root, "billing/Dockerfile")
    assert billing["non-root-user"] == {"uid": "4000", "gid": "4000"}  # uid alone moves gid with it
    assert billing["healthcheck"] == {"path": "/health", "port": "9091"}
    _, cli = _resolve(root, "billing/Dockerfile", options={"healthcheck": {"path": "/live"}})
    assert cli["healthcheck"] == {"path": "/live", "port": "9091"}


@pytest.mark.parametrize(("toml", "message"), [
    ('[tool.dockmod]\nselekt = ["healthcheck"]\n', "tool.dockmod.selekt: unknown key"),
    ('[tool.dockmod]\nselect = ["no-such-pass"]\n', "tool.dockmod.select: unknown pass id 'no-such-pass'"),
    ('[tool.dockmod]\nselect = "healthcheck"\n', "tool.dockmod.select: expected a list of pass ids"),
    ('[tool.dockmod.pass.no-such-pass]\nx = 1\n', "tool.dockmod.pass.no-such-pass: unknown pass id"),
    ('[tool.dockmod.pass.healthcheck]\npth = "/x"\n', "tool.dockmod.pass.healthcheck.pth: unknown option"),
    ('[tool.dockmod.pass.non-root-user]\nuid = 0\n', "tool.dockmod.pass.non-root-user.uid: 0 is root"),
    ('[tool.dockmod.pass.non-root-user]\ngid = -5\n', "non-root-user.gid: '-5' is not an integer id"),
    ('[tool.dockmod.pass.non-root-user]\nuser = "App"\n', "non-root-user.user: 'App' is not a user"),
    ('[tool.dockmod.pass.healthcheck]\nport = 65536\n', "healthcheck.port: '65536' is not a port (1-65535)"),
    ('[tool.dockmod.pass.healthcheck]\ninterval = "30"\n', "healthcheck.interval: '30' is not a duration"),
    ('[tool.dockmod.pass.healthcheck]\nretries = [3]\n', "healthcheck.retries: expected a string or a number"),
    ('[[tool.dockmod.overrides]]\nselect = ["healthcheck"]\n', "tool.dockmod.overrides[0].paths: missing"),
    ('[[tool.dockmod.overrides]]\npaths = ["a/"]\nexclude = ["b"]\n', "overrides[0].exclude: unknown key"),
    ('[tool.dockmod\n', "invalid TOML"),
])
def test_bad_config_is_one_error_line(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(toml)
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / "pyproject.toml", PASSES)
    assert message in str(exc.value) and "pyproject.toml" in str(exc.value)
    assert "\n" not in str(exc.value)


def test_broken_pyproject_of_another_tool_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.poetry\n")
    assert load_config(tmp_path / "pyproject.toml", PASSES) is None


def test_cli_config_error_exits_2_before_any_file_is_written(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"svc/Dockerfile": API, "svc/deep/Dockerfile": API,
                                 "svc/deep/.dockmod.toml": '[pass.healthcheck]\nport = "http"\n'})
    out = dockmod("apply", str(root))
    assert out.returncode == 2
    assert out.stderr.decode().splitlines() == [
        f"dockmod: {root / 'svc/deep/.dockmod.toml'}: pass.healthcheck.port: 'http' is not a port"]
    assert (root / "svc/Dockerfile").read_text() == API  # the good file before it was not touched either


@pytest.mark.parametrize(("args", "message"), [
    (["--set", "non-root-user.uid=0"], "bad --set 'non-root-user.uid=0': 0 is root"),
    (["--set", "healthcheck.port=0"], "bad --set 'healthcheck.port=0': '0' is not a port (1-65535)"),
    (["--set", "healthcheck.timeout=5"], "bad --set 'healthcheck.timeout=5': '5' is not a duration"),
    (["--set", "non-root-user.group=1app"], "bad --set 'non-root-user.group=1app': '1app' is not a user"),
    (["--set", "healthcheck.nope=1"], "bad --set 'healthcheck.nope=1': expected PASS.KEY=VALUE"),
    (["--context", "no/such/folder"], "--context no/such/folder: no such folder"),
    (["--config", "no-such.toml"], "no-such.toml: cannot read"),
])
def test_bad_options_are_one_line_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    target = write_tree(tmp_path, {"Dockerfile": API}) / "Dockerfile"
    out = dockmod("apply", str(target), *args, cwd=tmp_path)
    assert out.returncode == 2
    lines = out.stderr.decode().splitlines()
    assert len(lines) == 1 and message in lines[0], lines
    assert target.read_text() == API


def test_set_uid_alone_moves_gid_and_select_repeats(tmp_path: Path) -> None:
    target = write_tree(tmp_path, {"Dockerfile": API}) / "Dockerfile"
    out = dockmod("diff", str(target), "--select", "non-root-user", "--select", "pip-use-no-cache-dir",
                  "--set", "non-root-user.uid=2000", cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    added = [ln for ln in out.stdout.decode().splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    assert any("2000:2000" in ln for ln in added) and any("--no-cache-dir" in ln for ln in added)
    assert not any("HEALTHCHECK" in ln for ln in added)


def _diff_files(diff: str) -> dict[str, str]:
    """Changed file → its added lines, from a unified diff."""
    out: dict[str, str] = {}
    name = ""
    for ln in diff.splitlines():
        if ln.startswith("+++ "):
            name = ln[4:].removeprefix("b/")
            out[name] = ""
        elif ln.startswith("+") and name:
            out[name] += ln[1:] + "\n"
    return out


def test_monorepo_diff_honours_config_per_service(tmp_path: Path) -> None:
    repo = tmp_path / "shop"
    shutil.copytree(MONOREPO, repo)
    out = dockmod("diff", ".", cwd=repo)
    assert out.returncode == 1, out.stderr
    files = _diff_files(out.stdout.decode())
    assert not any(f.startswith("legacy/") for f in files)  # extend-exclude
    assert len(files) == 20
    assert "http://127.0.0.1:9091/status" in files["services/billing/Dockerfile"]  # its override
    assert "--interval=15s" in files["services/api/Dockerfile"]
    assert "http://127.0.0.1:8000/health" in files["services/api/Dockerfile"]
    assert "10001:10001" in files["services/api/Dockerfile"]  # uid alone: gid follows
    for worker in ("worker-index", "worker-mail"):
        assert "HEALTHCHECK" not in files[f"services/{worker}/Dockerfile"]  # override ignores healthcheck
        assert "10001" in files[f"services/{worker}/Dockerfile"]
    search = files["services/search/Dockerfile"]  # its own .dockmod.toml, nothing merged from above
    assert "/_cluster/health" in search and "--interval=30s" in search and "USER" not in search
    assert "--no-install-recommends" not in files["services/payments/Dockerfile"]  # hadolint ignore=DL3015
    assert "npm cache clean" not in files["services/web/Dockerfile"]  # dockmod: ignore[…]
    assert "npm cache clean" in files["services/auth/Dockerfile"]
    # the same diff from the fixture's root applies with git, and equals dockmod apply
    applied = tmp_path / "applied"
    shutil.copytree(MONOREPO, applied)
    subprocess.run(["git", "apply", "-"], input=out.stdout, cwd=repo, check=True, capture_output=True)
    assert dockmod("apply", ".", cwd=applied).returncode == 0
    for path in sorted(MONOREPO.rglob("Dockerfile")):
        rel = path.relative_to(MONOREPO)
        assert (repo / rel).read_bytes() == (applied / rel).read_bytes(), rel
    assert dockmod("diff", "--isolated", "legacy", cwd=repo).returncode == 1  # a folder walk without config


def test_named_file_is_not_excluded(tmp_path: Path) -> None:
    repo = tmp_path / "shop"
    shutil.copytree(MONOREPO, repo)
    assert dockmod("diff", "legacy", cwd=repo).returncode == 0  # excluded in a folder walk
    assert dockmod("diff", "legacy/old-admin/Dockerfile", cwd=repo).returncode == 1  # named: checked, as ruff
