"""Real builds through ``dockmod verify``: the fixture app's rewrite is proven, a broken rewrite is caught.

``tests/apps/py-http`` is a hand-grown single-stage Dockerfile (separate ``apt-get update``, no
``--no-install-recommends``, no USER, no HEALTHCHECK) for a small python3 HTTP service. The first
test runs ``dockmod verify`` on it exactly as a user would (every pass, buildah on the local
Debian stand-in) and reads the JSON table: both images build, the rewrite is not larger, its main
process runs as the non-root uid, its inserted HEALTHCHECK passes with the app up and fails with it
stopped, the smoke request answers in both, and the only config changes are USER and HEALTHCHECK,
each named with its pass. The second injects a bad fix in-process — one that drops ``python3``
from the install line, the package the app needs — and checks that verify fails it and names the
failing steps (the container exits, the health check never passes).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from refactor import verify
from refactor.edits import Edit, Fix, Safety
from refactor.passes import Context, Pass
from refactor.project import Project
from refactor.runner import process_file
from tests import realbuild
from transforms import PASSES

pytestmark = pytest.mark.realbuild

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "tests" / "apps" / "py-http"
SMOKE = "curl -fsS http://127.0.0.1:8000/ | grep -q '\"ok\": true'"


def test_verify_proves_the_rewrite_of_the_fixture_app(base_image: str) -> None:
    del base_image
    proc = subprocess.run(
        [sys.executable, "-m", "refactor", "verify", "--builder", "buildah", "--format", "json", "--port", "8000",
         "--smoke", SMOKE, str(APP)],
        cwd=REPO, env=realbuild.cli_env(), capture_output=True, text=True, timeout=900)  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["builder"] == "buildah" and report["workdir"] is None  # nothing kept when all verified
    [item] = report["files"]
    before, after = item["before"], item["after"]
    assert item["status"] == "verified" and item["failures"] == [], item
    assert before["built"] and after["built"]
    assert 0 < after["size_bytes"] <= before["size_bytes"]
    assert before["uid"] == 0 and after["uid"] == 1001  # non-root-user's default uid
    assert (before["runs"], after["runs"]) == ("up", "up")
    assert after["health"] == "healthy" and after["health_when_stopped"] == "fails"
    assert before["smoke"] == 0 and after["smoke"] == 0
    assert before["port"] == after["port"] == "open"
    changes = {c["setting"]: c["passes"] for c in item["changes"]}
    assert changes == {"USER": ["non-root-user"], "HEALTHCHECK": ["healthcheck"]}, item["changes"]
    # the build left nothing behind: no working containers, no verify images
    assert "dockmod-verify" not in realbuild.buildah("images") + realbuild.buildah("containers")


def _drop_python3(doc, ctx):  # a deliberately wrong "fix": removes the package the app runs on
    match = re.search(r"python3 (?=curl)", doc.text)
    if match:
        yield Fix("drop-python3", "remove python3 (test: a bad rewrite)", (Edit.delete(match.start(), match.end()),),
                  Safety.REVIEW)


BAD = Pass("drop-python3", "test only", Safety.REVIEW, _drop_python3, "A broken rewrite for the verify test.")


def test_verify_fails_a_rewrite_that_removes_a_needed_package(base_image: str, tmp_path: Path) -> None:
    del base_image
    ctx = Context(project=Project())
    result = process_file(APP / "Dockerfile", [*PASSES, BAD], ctx, "tests/apps/py-http/Dockerfile")
    assert "drop-python3" in {r.item.pass_id for r in result.fixes} and "python3 curl" not in result.new
    verdict = verify.verify_result(realbuild.builder(), result, APP / "Dockerfile", ctx, verify.Options(), tmp_path)
    assert verdict.status == "failed"
    assert verdict.before.built and verdict.after.built  # it builds: only running it shows the damage
    assert verdict.after.runs.startswith("exited") and verdict.before.runs == "up"
    steps = [f.split(":", 1)[0] for f in verdict.failures]
    assert steps[:2] == ["run", "health"], verdict.failures
    assert "python3" in Path(verdict.after.run_log).read_text()  # the log says why
    report = verify.Report([verdict], "buildah")
    assert report.exit_code == 1  # what ``dockmod verify`` exits with
    assert "FAILED run: the rewrite's container exited" in verify.render_text(report)
