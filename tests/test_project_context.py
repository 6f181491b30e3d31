"""Build-context resolution, the manifest cache, and a monorepo run over the pnpm fixture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from refactor.cli import app
from refactor.passes import Context
from refactor.project import Project
from refactor.runner import process_file
from transforms import PASSES

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
PNPM = GOLDEN / "pnpm-directory-filter"
COMPOSER = GOLDEN / "composer-platform-req"
BY_ID = {p.id: p for p in PASSES}


def test_context_from_compose_file() -> None:
    found = Project().resolve_context(PNPM / "services" / "auth" / "Dockerfile")
    assert (found.path, found.how) == (PNPM.resolve(), "compose")


def test_explicit_context_wins(tmp_path: Path) -> None:
    assert Project().build_context(PNPM / "services" / "auth" / "Dockerfile", tmp_path) == tmp_path.resolve()


def test_context_from_manifests_then_checked_against_copy_sources(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "src" / "quote").mkdir(parents=True)
    (repo / "src" / "quote" / "composer.json").write_text("{}")
    df = repo / "src" / "quote" / "Dockerfile"
    df.write_text("FROM composer:2\nCOPY composer.json ./\n")
    assert Project().resolve_context(df).how == "manifests"
    df.write_text("FROM composer:2\nCOPY ./src/quote/composer.json composer.json\n")
    assert Project().build_context(df) == repo.resolve()  # the sources only exist from the repo root


def test_context_falls_back_to_the_dockerfile_folder(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    df = tmp_path / "app" / "Dockerfile"
    df.write_text("FROM alpine\nCOPY run.sh /\n")
    (tmp_path / "app" / "run.sh").write_text("")
    assert Project().resolve_context(df).path == (tmp_path / "app").resolve()


def test_workspace_globs_and_exclusions() -> None:
    ws = Project().pnpm_workspace(PNPM)
    assert ws is not None
    dirs = {p.dir: p.name for p in ws.packages}
    assert dirs["services/auth"] == "@vextrus/auth-service"
    assert "services/legacy" not in dirs  # "!services/legacy"
    assert ws.named("kernel")[0].dir == "shared/kernel"  # pnpm's unscoped fallback


def test_diff_rewrites_every_service_dockerfile_in_one_run_loading_each_manifest_once(tmp_path: Path) -> None:
    root = tmp_path / "mono"
    shutil.copytree(PNPM, root, ignore=shutil.ignore_patterns("*.in.Dockerfile", "*.out.Dockerfile",
                                                               "*.findings.txt"))
    services = sorted(root.glob("services/*/Dockerfile"))
    assert len(services) >= 2
    project = Project()
    ctx = Context(project=project)
    results = [process_file(df, [BY_ID["pnpm-directory-filter"]], ctx) for df in services]
    assert all(r.changed for r in results), [r.display for r in results if not r.changed]
    assert all("@vextrus/" not in r.new for r in results)
    assert project.loads, "manifests are read through the project cache"
    assert max(project.loads.values()) == 1, {str(k): v for k, v in project.loads.items() if v > 1}
    assert root.resolve() / "pnpm-workspace.yaml" in project.loads
    out = CliRunner().invoke(app, ["diff", str(root), "--select", "pnpm-directory-filter"])
    assert out.exit_code == 1
    for df in services:
        assert df.relative_to(tmp_path).as_posix() in out.stdout or df.name in out.stdout
    assert out.stdout.count("+++ b/") == len(services)


def test_findings_printed_by_check_with_pass_id_and_in_json() -> None:
    case = COMPOSER / "error-runtime-lacks.in.Dockerfile"
    out = CliRunner().invoke(app, ["check", str(case), "--select", "composer-platform-req"])
    assert out.exit_code == 1
    assert ":3: composer-platform-req: error: ext-sockets" in out.stdout
    unknown = CliRunner().invoke(app, ["check", str(PNPM / "error-unknown-name.in.Dockerfile"),
                                       "--select", "pnpm-directory-filter", "--format", "json"])
    findings = json.loads(unknown.stdout)["files"][0]["findings"]
    assert {f["pass"] for f in findings} == {"pnpm-directory-filter"}
    assert any("@vextrus/billing-service" in f["message"] and f["level"] == "error" for f in findings)
