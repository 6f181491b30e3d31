"""``dockmod verify`` without building: config attribution, verdicts over a scripted builder, exit 2, branch.

The scripted builder answers like a real one would for the fixture app (tests/apps/py-http): it
"builds" each Dockerfile into the config its instructions declare and "runs" it by the rules a
scenario sets (the app dies, the health check fails, the image grows). The real thing, with
buildah, is tests/test_realbuild_verify.py.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from refactor import verify
from refactor.build.base import Builder, BuildResult, Container, ExecResult, HealthCheck, ImageConfig
from refactor.document import parse
from refactor.passes import Context
from refactor.project import Project
from refactor.runner import process_file
from tests.paths import REPO
from tests.test_cli import dockmod
from transforms import PASSES

APP = REPO / "tests" / "apps" / "py-http"


class ScriptedBuilder(Builder):
    """Builds by reading USER/HEALTHCHECK/CMD from the Dockerfile; runs by the scenario's rules."""

    name = "scripted"

    def __init__(self, *, after_fails_build: bool = False, app_dies: bool = False, health_ok: bool = True,
                 health_ok_when_down: bool = False, growth: int = -1000, smoke_codes: Mapping[str, int] = {},
                 slow_start: int = 0) -> None:
        self.after_fails_build, self.app_dies, self.health_ok = after_fails_build, app_dies, health_ok
        self.health_ok_when_down, self.growth, self.smoke_codes = health_ok_when_down, growth, dict(smoke_codes)
        self.images: dict[str, ImageConfig] = {}
        self.has_bases = True
        self.unhealthy: set[str] = set()
        self.slow_start = slow_start  # probes that fail before the app listens
        self.probes: dict[str, int] = {}
        self.removed: list[str] = []
        self.stopped: list[str] = []

    def problem(self) -> str | None:
        return None

    def build(self, context, dockerfile, tag, *, build_args=None, target=None, layers=True, timeout=0) -> BuildResult:
        side = Path(dockerfile).suffix.lstrip(".")
        if side == "after" and self.after_fails_build:
            return BuildResult(False, 100, tag, None, 0, log="E: Unable to locate package pyhton3\n")
        text = Path(dockerfile).read_text()
        doc = parse(text)
        cfg = ImageConfig(env={"PATH": "/usr/bin"}, size_bytes=150_000_000 + (self.growth if side == "after" else 0),
                          layers=4)
        for ins in doc.final_stage.body():
            if ins.name == "USER":
                cfg.user = ins.args.strip()
            elif ins.name == "CMD":
                cfg.cmd = ins.json_args or ["/bin/sh", "-c", ins.args]
            elif ins.name == "HEALTHCHECK":
                cfg.healthcheck = HealthCheck(("CMD", *json.loads(ins.args[ins.args.index("["):])), 30, 5, 0, 1)
        self.images[tag] = cfg
        if "# test: the app does not answer" in text:
            self.unhealthy.add(tag)
        return BuildResult(True, 0, tag, "sha256:" + side, cfg.size_bytes, [cfg.size_bytes] * 4, 1.0, "ok\n")

    def inspect(self, ref: str) -> ImageConfig | None:
        return self.images.get(ref)

    def image_exists(self, ref: str) -> bool:
        return ref in self.images or self.has_bases

    def remove_image(self, ref: str) -> None:
        self.removed.append(ref)

    def start(self, ref: str, *, log_path: Path | None = None, publish: Sequence[int] = ()) -> Container:
        return Container(ref, ref, self.images[ref], log_path, "after" if "after" in ref else "before")

    def exec(self, ctr, argv, *, user=None, timeout=0) -> ExecResult:
        listening = self.probes.get(ctr.id, 0) >= self.slow_start
        if argv[:2] == ["/bin/sh", "-c"] and argv[2] == "smoke":
            return ExecResult(self.smoke_codes.get(ctr.handle, 0) if listening else 7, "")
        self.probes[ctr.id] = self.probes.get(ctr.id, 0) + 1
        return ExecResult(0 if listening and self.health_ok and ctr.image not in self.unhealthy else 7, "")

    def exit_code(self, ctr) -> int | None:
        return 127 if self.app_dies and ctr.handle == "after" else None

    def main_uid(self, ctr) -> int | None:
        return 1001 if ctr.config.user else 0

    def port_open(self, ctr, port: int) -> bool:
        return self.exit_code(ctr) is None

    def logs(self, ctr) -> str:
        return ""

    def stop(self, ctr, grace: float = 10) -> None:
        self.stopped.append(ctr.id)

    def run(self, ref, argv, *, user=None, env=None, workdir=None, isolated=True, timeout=0) -> ExecResult:
        return ExecResult(0 if self.health_ok_when_down else 7, "")


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify, "SETTLE_S", 0.0)
    monkeypatch.setattr(verify, "HEALTH_CAP_S", 0.0)
    monkeypatch.setattr(verify.time, "sleep", lambda _s: None)


def _verdict(builder: Builder, tmp_path: Path, **opts) -> verify.Verdict:
    ctx = Context(project=Project())
    result = process_file(APP / "Dockerfile", PASSES, ctx, "tests/apps/py-http/Dockerfile")
    return verify.verify_result(builder, result, APP / "Dockerfile", ctx, verify.Options(**opts), tmp_path)


def test_good_rewrite_is_verified(tmp_path: Path) -> None:
    builder = ScriptedBuilder()
    v = _verdict(builder, tmp_path, smoke="smoke", port=8000)
    assert v.status == "verified" and v.ok, v.failures
    assert (v.before.uid, v.after.uid) == (0, 1001)
    assert (v.before.health, v.after.health, v.after.health_when_stopped) == ("-", "healthy", "fails")
    assert (v.before.smoke, v.after.smoke, v.after.port) == (0, 0, "open")
    changes = {c.setting: c.passes for c in v.changes}
    assert changes == {"USER": ["non-root-user"], "HEALTHCHECK": ["healthcheck"]}
    assert sorted(builder.removed) == sorted([v.before.tag, v.after.tag])  # no images left behind
    assert sorted(builder.stopped) == sorted([v.before.tag, v.after.tag])  # no containers left behind
    text = verify.render_text(verify.Report([v], "scripted"))
    assert "tests/apps/py-http/Dockerfile: verified" in text
    assert "config USER: \"\" → \"1001:1001\"  (non-root-user)" in text
    md = verify.render_markdown(verify.Report([v], "scripted"))
    assert "| `tests/apps/py-http/Dockerfile` | ✅ verified | 150.0 MB → 150.0 MB | 4 → 4 | 0 → 1001 | healthy |" in md


@pytest.mark.parametrize(("scenario", "step"), [
    ({"after_fails_build": True}, "build: the rewrite does not build (exit 100"),
    ({"app_dies": True}, "run: the rewrite's container exited 127 while the original's keeps running"),
    ({"health_ok": False}, "health: the rewrite's HEALTHCHECK never passed"),
    ({"health_ok_when_down": True}, "health: the rewrite's HEALTHCHECK passes with the app stopped"),
    ({"growth": 5_000_000}, "size: the rewrite is larger (150.0 MB → 155.0 MB)"),
    ({"smoke_codes": {"after": 1}}, "smoke: exit code 1 (original: 0)"),
])
def test_failing_rewrite_names_the_step(tmp_path: Path, scenario: dict, step: str) -> None:
    v = _verdict(ScriptedBuilder(**scenario), tmp_path, smoke="smoke")
    assert v.status == "failed" and not v.ok
    assert any(f.startswith(step) for f in v.failures), v.failures
    assert verify.Report([v], "scripted").exit_code == 1
    assert "FAILED " + step in verify.render_text(verify.Report([v], "scripted"))


def test_original_without_healthcheck_waits_for_the_rewrites_check(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify, "HEALTH_CAP_S", 30.0)
    builder = ScriptedBuilder(slow_start=3)
    v = _verdict(builder, tmp_path, smoke="smoke")
    assert v.ok, v.failures
    assert (v.before.health, v.before.smoke, v.after.health, v.after.smoke) == ("-", 0, "healthy", 0)
    assert builder.probes == {v.before.tag: 4, v.after.tag: 4}  # probed until listening, then once ok


def test_a_few_kilobytes_for_the_user_layer_are_not_larger(tmp_path: Path) -> None:
    v = _verdict(ScriptedBuilder(growth=40_000), tmp_path)
    assert v.ok, v.failures


def test_unexplained_config_change_fails(tmp_path: Path) -> None:
    ctx = Context(project=Project())
    result = process_file(APP / "Dockerfile", PASSES, ctx, "x")
    before = ImageConfig(env={"PATH": "/usr/bin"}, cmd=["python3", "server.py"])
    after = ImageConfig(env={"PATH": "/usr/bin", "PYTHONDONTWRITEBYTECODE": "1"}, cmd=["python3", "server.py"],
                        user="1001:1001")
    changes = verify.compare_configs(before, after, result)
    assert [(c.setting, c.passes) for c in changes] == [("USER", ["non-root-user"]),
                                                        ("ENV PYTHONDONTWRITEBYTECODE", [])]


def test_unchanged_file_is_not_built(tmp_path: Path) -> None:
    ctx = Context(project=Project())
    (tmp_path / "Dockerfile").write_text(process_file(APP / "Dockerfile", PASSES, ctx).new)  # already rewritten
    builder = ScriptedBuilder()
    result = process_file(tmp_path / "Dockerfile", PASSES, ctx, "Dockerfile")
    v = verify.verify_result(builder, result, tmp_path / "Dockerfile", ctx, verify.Options(), tmp_path)
    assert v.status == "unchanged" and v.ok and not builder.images


def test_missing_base_image_is_exit_2(tmp_path: Path) -> None:
    builder = ScriptedBuilder()
    builder.has_bases = False
    with pytest.raises(verify.VerifyUnavailable, match="base image debian:bookworm-slim is not in scripted's local"):
        _verdict(builder, tmp_path)
    builder.has_bases = True
    v = _verdict(builder, tmp_path)
    assert v.ok, v.failures


def _fake_docker(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    docker = bin_dir / "docker"
    docker.write_text('#!/bin/sh\necho "Cannot connect to the Docker daemon at unix:///var/run/docker.sock." >&2\n'
                      "exit 1\n")
    docker.chmod(docker.stat().st_mode | stat.S_IXUSR)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def test_cli_unreachable_daemon_exits_2_with_one_line(tmp_path: Path) -> None:
    env = _fake_docker(tmp_path)
    for args in (["verify", "--builder", "docker", str(APP)],
                 ["apply", "--verified-only", "--builder", "docker", str(APP)]):
        res = subprocess.run([sys.executable, "-m", "refactor", *args], cwd=REPO, env=env, capture_output=True,
                             text=True, timeout=120)
        assert res.returncode == 2, res.stderr
        assert res.stderr == ("dockmod: docker daemon not reachable: Cannot connect to the Docker daemon at "
                              "unix:///var/run/docker.sock.\n")
    assert res.stdout == ""


def test_cli_help_lists_verify() -> None:
    res = dockmod("verify", "--help")
    assert res.returncode == 0
    out = res.stdout.decode()
    for flag in ("--context", "--builder", "--smoke", "--port", "--target", "--keep", "--format", "--build-arg"):
        assert flag in out
    assert "--verified-only" in dockmod("apply", "--help").stdout.decode()
    assert "--verify" in dockmod("branch", "--help").stdout.decode()


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@e", *args], cwd=cwd, check=True,
                          capture_output=True, text=True).stdout


def test_branch_leaves_out_excluded_files_and_adds_sections(tmp_path: Path) -> None:
    from refactor.gitout import make_branch

    repo = tmp_path / "mono"
    for name in ("good", "bad"):
        (repo / name).mkdir(parents=True)
        (repo / name / "Dockerfile").write_text((APP / "Dockerfile").read_text())
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "init")
    report = make_branch([str(repo)], PASSES, Context(project=Project()), "dockmod/v", exclude={repo / "bad" /
                                                                                             "Dockerfile"},
                         sections=["### Verified\n\n| file |\n"])
    changed = set(_git(repo, "diff", "--name-only", "main", "dockmod/v").split())
    assert changed == {"good/Dockerfile"}
    body = report.pr_body()
    assert "### Verified\n\n| file |\n" in body and body.index("### Verified") < body.index("Base: ")
    assert "bad/Dockerfile" not in body


def test_low_port_as_non_root_is_a_note() -> None:
    cfg = ImageConfig(user="1001:1001", exposed_ports=["443/tcp", "80/tcp", "8080/tcp"])
    [note] = verify._notes(verify.Side(uid=1001), cfg)
    assert note.startswith("runs as uid 1001 and exposes port 80: binding it works under Docker >= 20.10")
    assert verify._notes(verify.Side(uid=0), cfg) == []
    assert verify._notes(verify.Side(uid=1001), ImageConfig(exposed_ports=["8080/tcp"])) == []


def _two_apps(root: Path) -> tuple[Path, Path]:
    good, bad = root / "good" / "Dockerfile", root / "bad" / "Dockerfile"
    for path in (good, bad):
        path.parent.mkdir(parents=True)
        shutil.copy(APP / "server.py", path.parent)
    good.write_text((APP / "Dockerfile").read_text())
    bad.write_text("# test: the app does not answer\n" + (APP / "Dockerfile").read_text())
    return good, bad


def test_apply_verified_only_and_branch_verify(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from refactor.build import select
    from refactor.cli import app

    builder = ScriptedBuilder()
    monkeypatch.setattr(select, "choose", lambda name=None, pull=False: builder)
    monkeypatch.setattr(verify.tempfile, "tempdir", str(tmp_path))  # logs kept for the failing file land here
    repo = tmp_path / "mono"
    good, bad = _two_apps(repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "init")
    original = bad.read_text()
    monkeypatch.chdir(repo)

    res = CliRunner().invoke(app, ["branch", ".", "--branch", "dockmod/v", "--verify", "--builder", "scripted"])
    assert res.exit_code == 0, res.output
    assert set(_git(repo, "diff", "--name-only", "main", "dockmod/v").split()) == {"good/Dockerfile"}
    assert "| `good/Dockerfile` | ✅ verified | 150.0 MB → 150.0 MB | 4 → 4 | 0 → 1001 | healthy |" in res.stdout
    assert ("| `bad/Dockerfile` | ❌ left out: health: the rewrite's HEALTHCHECK never passed | 150.0 MB → "
            "150.0 MB | 4 → 4 | 0 → 1001 | unhealthy |") in res.stdout

    res = CliRunner().invoke(app, ["apply", "--verified-only", "--builder", "scripted", "."])
    assert res.exit_code == 0, res.output
    assert bad.read_text() == original and "USER 1001:1001" in good.read_text()
    assert "bad/Dockerfile: left out: health: the rewrite's HEALTHCHECK never passed" in res.stderr


def test_unreadable_inputs_are_one_line_each_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from refactor.build import select
    from refactor.cli import app

    monkeypatch.setattr(select, "choose", lambda name=None, pull=False: ScriptedBuilder())
    (tmp_path / "bin.Dockerfile").write_bytes(b"\x00\x01")
    res = CliRunner().invoke(app, ["verify", str(tmp_path / "missing"), str(tmp_path / "bin.Dockerfile"), "-"])
    assert res.exit_code == 2
    assert res.stderr.splitlines() == [f"{tmp_path / 'missing'}: error: no such file or directory",
                                       f"{tmp_path / 'bin.Dockerfile'}: error: binary file (contains NUL bytes)",
                                       "-: error: verify needs a file and its build context, not stdin"]
