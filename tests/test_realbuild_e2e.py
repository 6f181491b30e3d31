"""Real build, end to end: every registered pass at once on a hand-grown Debian Dockerfile.

The product promise is that the rewritten Dockerfile still builds and runs. The fixture
(``fixtures/realbuild/e2e``) is the kind of Dockerfile that grows in real repositories: a separate
``RUN apt-get update`` and ``RUN apt-get install`` without ``-y`` or ``--no-install-recommends``
(the build only gets through apt's prompt thanks to an ``Assume-Yes`` apt.conf line), curl,
python3 and a C toolchain that compiles a small helper, an HTTP app served from the WORKDIR on
8080, no USER and no HEALTHCHECK.

The test runs ``dockmod apply`` on a temporary copy exactly as a user would (all passes, no
``--select``), checks from dockmod's own JSON report and the rewritten file that it added a
non-root USER, a HEALTHCHECK and the apt hygiene fixes, then builds both Dockerfiles with buildah.
Both must build; the rewritten image must not be bigger; in it the process runs as the non-root
uid, the compiled helper still runs, the app can write to its WORKDIR, and the HEALTHCHECK's own
exec array (parsed from the rewritten Dockerfile and cross-checked against the built image's
config) exits 0 while the app serves and non-zero before it starts and after it stops.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from refactor.document import Instruction, parse
from tests import realbuild
from tests.realbuild import TagMaker

pytestmark = pytest.mark.realbuild

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "realbuild" / "e2e"
APP_PORT = 8080  # EXPOSEd by the fixture; the app and the probe use the host network
HELPER_OUTPUT = "helper ok 86438\n"  # what ``helper app`` prints (see helper.c)

# Runs inside the after image, as the image's USER, with the probe's argv as "$@":
# probe with no app, start the app, probe until it answers (at most ~10 s, like a start period),
# stop the app, probe again; then the helper and the identity/WORKDIR checks.
PROBE_SCRIPT = r"""
"$@" >/dev/null 2>&1; echo "probe-before-start=$?"
python3 app.py >/tmp/app.log 2>&1 &
app=$!
i=0
while :; do
    "$@" >/dev/null 2>&1; rc=$?
    [ "$rc" -eq 0 ] && break
    i=$((i + 1)); [ "$i" -ge 100 ] && break
    kill -0 "$app" 2>/dev/null || break
    sleep 0.1
done
echo "probe-running=$rc"
kill "$app"; wait "$app" 2>/dev/null
"$@" >/dev/null 2>&1; echo "probe-after-stop=$?"
echo "uid=$(id -u)"
echo "gid=$(id -g)"
echo "workdir=$(pwd)"
echo "status=$(cat status.txt 2>&1)"
touch written-by-test && echo "workdir-writable=yes" || echo "workdir-writable=no"
echo "helper=$(helper app 2>&1)"
echo "--- app log"; cat /tmp/app.log
"""


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _dockmod_apply(path: Path) -> dict:
    """``dockmod apply --format json PATH`` with every registered pass, as a user runs it."""
    proc = subprocess.run([sys.executable, "-m", "refactor", "apply", "--format", "json", str(path)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    [report] = json.loads(proc.stdout)["files"]
    return report


def _final(text: str, name: str) -> list[Instruction]:
    return [ins for ins in parse(text).final_stage.body() if ins.name == name]


def _healthcheck_argv(ins: Instruction) -> list[str]:
    match = re.fullmatch(r"CMD\s+(\[.*\])\s*", ins.args, re.S | re.I)
    assert match, f"HEALTHCHECK is not in exec form: {ins.args!r}"
    argv = json.loads(match.group(1))
    assert argv and all(isinstance(a, str) for a in argv)
    return argv


def _image_config(tag: str) -> dict:
    data = json.loads(realbuild.buildah("inspect", "--type", "image", tag))
    return data["Docker"]["config"]


def _report_lines(out: str) -> dict[str, str]:
    head = out.split("--- app log", 1)[0]
    return dict(line.split("=", 1) for line in head.splitlines() if "=" in line)


def test_all_passes_result_builds_and_runs(base_image: str, image_tags: TagMaker, tmp_path: Path) -> None:
    tags = image_tags("e2e-before", "e2e-after")
    del base_image
    before_tag, after_tag = tags
    before_dir, after_dir = tmp_path / "before", tmp_path / "after"
    shutil.copytree(FIXTURE, before_dir)
    shutil.copytree(FIXTURE, after_dir)
    original = (FIXTURE / "Dockerfile").read_text()
    assert not _final(original, "USER") and not _final(original, "HEALTHCHECK")

    # --- the rewrite, through the CLI with all passes
    report = _dockmod_apply(after_dir / "Dockerfile")
    rewritten = (after_dir / "Dockerfile").read_text()
    assert report["status"] == "changed", report
    assert report["reason"] is None, report
    applied = {fix["pass"] for fix in report["fixes"]}
    assert {
        "non-root-user",
        "healthcheck",
        "apt-get-install-use-y",
        "apt-get-install-use-no-rec",
        "apt-get-install-rm-apt-lists",
        "apt-get-update-precedes-install",
    } <= applied, applied
    assert (before_dir / "Dockerfile").read_text() == original
    assert _dockmod_apply(after_dir / "Dockerfile")["status"] == "unchanged"  # idempotent

    [user] = _final(rewritten, "USER")
    uid = user.args.strip().split(":")[0]
    assert uid == "1001", user.args  # non-root-user's default uid
    [healthcheck] = _final(rewritten, "HEALTHCHECK")
    probe = _healthcheck_argv(healthcheck)
    assert f":{APP_PORT}" in " ".join(probe), probe
    installs = [ins for ins in _final(rewritten, "RUN") if "apt-get install" in ins.logical.text]
    assert installs and all(
        re.search(r"(?<!\S)-y(?!\S)", ins.logical.text) and "--no-install-recommends" in ins.logical.text
        and "rm -rf /var/lib/apt/lists/*" in ins.logical.text and "apt-get update" in ins.logical.text
        for ins in installs
    ), rewritten

    # --- both build (in parallel: they share only the read-only base image)
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=2) as pool:
        before_job = pool.submit(realbuild.build, before_dir, "Dockerfile", before_tag)
        after_job = pool.submit(realbuild.build, after_dir, "Dockerfile", after_tag)
        before, after = before_job.result(), after_job.result()
    t_build = time.monotonic() - t0
    assert before.ok, before.log_tail
    assert after.ok, f"the rewritten Dockerfile does not build:\n{rewritten}\n{after.log_tail}"
    print(f"\ne2e realbuild: before {before.size_bytes / 1e6:.1f} MB ({before.duration_s:.0f}s), "
          f"after {after.size_bytes / 1e6:.1f} MB ({after.duration_s:.0f}s), builds {t_build:.0f}s wall")
    assert after.size_bytes <= before.size_bytes, (before.size_bytes, after.size_bytes)

    # --- the built image carries what the Dockerfile says
    config = _image_config(after_tag)
    assert config.get("User") == user.args.strip(), config.get("User")
    assert config["Healthcheck"]["Test"] == ["CMD", *probe], config["Healthcheck"]
    workdir = config.get("WorkingDir")

    # --- the original runs (the helper was compiled and works) -- sanity for the comparison
    assert realbuild.run_in_image(before_tag, ["helper", "app"]) == (0, HELPER_OUTPUT)

    # --- the rewritten image runs as the non-root user and its HEALTHCHECK tells up from down
    if _port_in_use(APP_PORT):
        pytest.skip(f"port {APP_PORT} is in use on this host (builds and runs share the host network)")
    rc, out = realbuild.run_in_image(after_tag, ["sh", "-c", PROBE_SCRIPT, "sh", *probe], merge_stderr=True)
    assert rc == 0, out
    seen = _report_lines(out)
    assert seen.get("uid") == uid, out
    assert seen.get("workdir") == workdir, out
    assert seen.get("helper") == HELPER_OUTPUT.strip(), out
    assert seen.get("status") == HELPER_OUTPUT.strip(), out  # the app itself wrote into WORKDIR
    assert seen.get("workdir-writable") == "yes", out
    assert seen.get("probe-before-start") not in (None, "0"), out
    assert seen.get("probe-running") == "0", out
    assert seen.get("probe-after-stop") not in (None, "0"), out
