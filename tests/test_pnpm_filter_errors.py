"""A pnpm --filter name that no workspace package has fails ``dockmod check`` (exit 1), even with nothing to fix."""

from __future__ import annotations

from typer.testing import CliRunner

from refactor.cli import app
from tests.paths import REPO

CASES = REPO / "golden" / "pnpm-directory-filter"


def test_unknown_name_is_an_error_that_check_reports() -> None:
    res = CliRunner().invoke(app, ["check", str(CASES / "error-unknown-name-location-unknown.in.Dockerfile"),
                                   "--select", "pnpm-directory-filter"])
    assert res.exit_code == 1, res.output
    assert "error: --filter @vextrus/auth:" in res.output
    assert "@vextrus/auth-service in ./services/auth" in res.output


def test_resolved_name_has_no_error() -> None:
    res = CliRunner().invoke(app, ["check", str(CASES / "skip-unknown-root.in.Dockerfile"),
                                   "--select", "pnpm-directory-filter"])
    assert "error:" not in res.output, res.output
