"""Image benchmark: ``dockmod verify`` and ``dockmod apply`` on every fixture app in tests/apps/.

Each app is a small service with the hand-grown single-stage Dockerfile people write, plus a
``bench.json`` (``port`` to probe, ``smoke`` command run in both containers). Base images are local
stand-ins named like the official tags (refactor/build/stand_in.py: debootstrap Debian, and
python/node images made from it with Debian's packages), built once and cached in the tests'
private buildah store. Per app: verify builds and runs the original and the rewrite; apply writes
the rewrite into a copy and must be idempotent. Prints one row per app and the totals: built
before/after, runs, healthy (and failing with the app stopped), non-root, median size ratio.

    sudo .venv/bin/python bench/images.py [APP …] [--format json]

Needs root and buildah (tests/realbuild.py installs it); takes minutes per app on a cold cache.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from refactor import verify  # noqa: E402
from refactor.build import stand_in  # noqa: E402
from refactor.document import parse  # noqa: E402
from refactor.passes import Context  # noqa: E402
from refactor.project import Project  # noqa: E402
from tests import realbuild  # noqa: E402
from transforms import PASSES  # noqa: E402

APPS = REPO / "tests" / "apps"
# Which stand-in provides a base image, by the image name before the tag.
STAND_IN_FOR = {"python": "python", "node": "node", "golang": "golang"}


def apps(names: list[str]) -> list[Path]:
    found = sorted(p.parent for p in APPS.glob("*/Dockerfile"))
    return [p for p in found if not names or p.name in names]


def ensure_bases(app: Path) -> None:
    realbuild.ensure_tools()
    realbuild.ensure_base_image()
    for stage in parse((app / "Dockerfile").read_text()).stages:
        name = stage.base_image.split(":")[0].rsplit("/", 1)[-1]
        if name in STAND_IN_FOR:
            stand_in.ensure_stand_in(realbuild.builder(), STAND_IN_FOR[name])


def run_app(app: Path) -> dict[str, object]:
    meta = json.loads((app / "bench.json").read_text()) if (app / "bench.json").is_file() else {}
    t0 = time.monotonic()
    ensure_bases(app)
    with tempfile.TemporaryDirectory(prefix=f"dockmod-bench-{app.name}-") as tmp:
        copy = Path(tmp) / app.name
        shutil.copytree(app, copy)
        opts = verify.Options(smoke=meta.get("smoke"), port=meta.get("port"), progress=sys.stderr.isatty())
        report = verify.verify_paths([str(copy / "Dockerfile")], PASSES, Context(project=Project()), opts,
                                     builder=realbuild.builder())
        [v] = report.verdicts
        applied = _apply(copy) if v.status != "unchanged" else "unchanged"
        again = _apply(copy)
    row: dict[str, object] = {
        "app": app.name, "status": v.status, "failures": v.failures, "apply": applied,
        "idempotent": again == "unchanged",
        "built_before": v.before.built, "built_after": v.after.built, "runs": v.after.runs == "up",
        "healthy": v.after.health == "healthy", "fails_when_stopped": v.after.health_when_stopped == "fails",
        "uid_before": v.before.uid, "uid_after": v.after.uid, "non_root": v.after.uid not in (None, 0),
        "size_before": v.before.size_bytes, "size_after": v.after.size_bytes,
        "ratio": round(v.after.size_bytes / v.before.size_bytes, 3) if v.before.size_bytes and v.after.size_bytes
        else None,
        "seconds": round(time.monotonic() - t0, 1), "logs": str(report.workdir) if report.workdir else None,
    }
    return row


def _apply(path: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "refactor", "apply", "--format", "json", str(path / "Dockerfile")],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        return f"error: {proc.stderr.strip()}"
    [item] = json.loads(proc.stdout)
    return str(item["status"])


def summary(rows: list[dict[str, object]]) -> dict[str, object]:
    n = len(rows)
    ratios = [r["ratio"] for r in rows if isinstance(r["ratio"], float)]

    def count(key: str) -> str:
        return f"{sum(1 for r in rows if r[key])}/{n}"

    return {"apps": n, "built_before": count("built_before"), "built_after": count("built_after"),
            "runs": count("runs"), "healthy": count("healthy"), "fails_when_stopped": count("fails_when_stopped"),
            "non_root": count("non_root"), "verified": f"{sum(1 for r in rows if r['status'] == 'verified')}/{n}",
            "median_size_ratio": round(statistics.median(ratios), 3) if ratios else None}


def render(rows: list[dict[str, object]]) -> str:
    head = ("app", "verify", "before", "after", "ratio", "runs", "healthy", "down fails", "uid", "apply", "s")
    table = [head] + [(
        str(r["app"]), str(r["status"]), _mb(r["size_before"]), _mb(r["size_after"]),
        str(r["ratio"]), _yes(r["runs"]), _yes(r["healthy"]), _yes(r["fails_when_stopped"]),
        f"{r['uid_before']}→{r['uid_after']}", str(r["apply"]) + ("" if r["idempotent"] else " (not idempotent)"),
        str(r["seconds"])) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table]
    for r in rows:
        lines += [f"{r['app']}: {f}" for f in r["failures"]]  # type: ignore[union-attr]
    s = summary(rows)
    lines.append(f"built before {s['built_before']}, after {s['built_after']}; runs {s['runs']}; "
                 f"healthy {s['healthy']} (fails with the app stopped {s['fails_when_stopped']}); "
                 f"non-root {s['non_root']}; verified {s['verified']}; median size ratio {s['median_size_ratio']}")
    return "\n".join(lines) + "\n"


def _mb(value: object) -> str:
    return f"{int(value) / 1e6:.1f} MB"  # type: ignore[call-overload]


def _yes(value: object) -> str:
    return "yes" if value else "NO"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("apps", nargs="*", help="app folder names under tests/apps (default: all)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    reason = realbuild.unavailable_reason()
    if reason:
        print(f"bench/images.py: skipped: {reason}", file=sys.stderr)
        return 0
    rows = [run_app(app) for app in apps(args.apps)]
    if args.format == "json":
        print(json.dumps({"apps": rows, "summary": summary(rows)}, indent=2))
    else:
        print(render(rows), end="")
    return 0 if all(r["status"] in ("verified", "unchanged") for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
