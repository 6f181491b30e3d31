"""``dockmod branch`` reads the same configuration as ``apply``: exclude globs, overrides, ``--config``.

Issue 10's acceptance: on a monorepo with a ``pyproject.toml`` config, the branch's files equal what
``dockmod apply`` writes, byte for byte; an excluded folder stays as it is on both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.test_config import MONOREPO
from tests.test_gitout import Git, _applied, _branch_files


def _monorepo(tmp_path: Path) -> Git:
    files = {p.relative_to(MONOREPO).as_posix(): p.read_text() for p in MONOREPO.rglob("*") if p.is_file()}
    return Git(tmp_path, files)


def test_branch_honours_exclude_and_overrides_and_equals_apply(tmp_path: Path) -> None:
    git = _monorepo(tmp_path)
    res = git.dockmod("branch", ".", "--format", "json")
    assert res.returncode == 0, res.stderr
    branch = _branch_files(git, "dockmod/migrate")
    applied = _applied(git)
    assert branch["legacy/old-admin/Dockerfile"] == (MONOREPO / "legacy/old-admin/Dockerfile").read_bytes()
    assert b"http://127.0.0.1:9091/status" in branch["services/billing/Dockerfile"]  # its override
    assert branch == applied
    assert git("status", "--porcelain") == ""


def test_branch_from_a_subfolder_with_a_fixed_config_equals_apply(tmp_path: Path) -> None:
    git = _monorepo(tmp_path)
    services = git.root / "services"
    config = tmp_path / "shared.toml"  # outside the repository: its globs are relative to the current folder
    config.write_text('extend-exclude = ["search/"]\n[pass.non-root-user]\nuid = 4242\n'
                      '[[overrides]]\npaths = ["web/**"]\nignore = ["non-root-user"]\n')
    res = git.dockmod("branch", ".", "--config", str(config), cwd=services)
    assert res.returncode == 0, res.stderr
    branch = _branch_files(git, "dockmod/migrate")
    assert branch["services/search/Dockerfile"] == (MONOREPO / "services/search/Dockerfile").read_bytes()
    assert b"4242" not in branch["services/web/Dockerfile"]
    assert b"4242:4242" in branch["services/api/Dockerfile"]
    copy = tmp_path / "applied"
    shutil.copytree(git.root, copy)
    assert git.dockmod("apply", ".", "--config", str(config), cwd=copy / "services").returncode == 0
    for name, data in branch.items():
        assert (copy / name).read_bytes() == data, name


def test_named_excluded_file_is_changed_on_the_branch_as_by_apply(tmp_path: Path) -> None:
    git = _monorepo(tmp_path)
    assert git.dockmod("branch", "legacy/old-admin/Dockerfile").returncode == 0
    branch = _branch_files(git, "dockmod/migrate")
    assert branch["legacy/old-admin/Dockerfile"] != (MONOREPO / "legacy/old-admin/Dockerfile").read_bytes()
    copy = tmp_path / "applied"
    shutil.copytree(git.root, copy)
    assert git.dockmod("apply", "legacy/old-admin/Dockerfile", cwd=copy).returncode == 0
    assert branch["legacy/old-admin/Dockerfile"] == (copy / "legacy/old-admin/Dockerfile").read_bytes()
    assert branch["services/api/Dockerfile"] == (MONOREPO / "services/api/Dockerfile").read_bytes()
