"""Image benchmark: ``dockmod verify`` and ``dockmod apply`` on every fixture app in tests/apps/.

Each app is a small service with the hand-grown single-stage Dockerfile people write, plus a
``bench.json`` (``port`` to probe, ``smoke`` command run in both containers, ``expect_split`` for
the fixtures a multi-stage split should apply to). Base images are local stand-ins named like the
official tags (refactor/build/stand_in.py: debootstrap Debian, and python/node/nginx/php/composer
images made from it with Debian's packages), built once and cached in the tests' private buildah
store; the stand-ins both the original and the rewrite use are made before the app's builds. Per
app: verify builds and runs the original and the rewrite; apply writes the rewrite into a copy and
must be idempotent. Prints one row per app (``split``: the rewrite has more stages than the
original) and the totals: built before/after, runs, healthy (and failing with the app stopped),
non-root, median size ratio, and the median after/before ratio over the apps that were split
(target ≤ 0.5), then the seconds each stand-in took to build in this run.

    sudo .venv/bin/python bench/images.py [APP …] [--format json] [--budget SECONDS]

``--budget``: apps not started within SECONDS of the start are skipped with a message (a cold run
builds the stand-ins first, minutes each; see the stand-in times printed at the end). Needs root
and buildah (tests/realbuild.py installs it).
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
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from refactor import verify  # noqa: E402
from refactor.build import stand_in  # noqa: E402
from refactor.document import parse  # noqa: E402
from refactor.passes import Context  # noqa: E402
from refactor.project import Project  # noqa: E402
from refactor.runner import process_file  # noqa: E402
from tests import realbuild  # noqa: E402
from transforms import PASSES  # noqa: E402

APPS = REPO / "tests" / "apps"
SPLIT_TARGET = 0.5  # issue 9: median after/before size ratio over the split fixtures
# Seconds each stand-in took to make in this run (~0 when it was already current).
STAND_IN_SECONDS: dict[str, float] = {}


def apps(names: list[str]) -> list[Path]:
    found = sorted(p.parent for p in APPS.glob("*/Dockerfile"))
    return [p for p in found if not names or p.name in names]


def external_images(text: str) -> list[str]:
    """Images a Dockerfile pulls: FROM bases and ``COPY --from`` references that are not stages."""
    doc = parse(text)
    refs = [s.base_image for s in doc.stages if s.parent is None]
    refs += [ref for s in doc.stages for ref in s.copy_sources() if doc.stage(ref, before=s.index) is None
             and not ref.isdigit()]
    return list(dict.fromkeys(refs))


def ensure_bases(texts: list[str]) -> None:
    """Make the stand-ins every image in ``texts`` (original and rewrite) builds on, timing each first build."""
    realbuild.ensure_tools()
    _timed("debian", realbuild.ensure_base_image)
    for ref in dict.fromkeys(r for t in texts for r in external_images(t)):
        name = stand_in.stand_in_for(ref)
        if name is not None:
            _timed(name, lambda n=name: stand_in.ensure_stand_in(realbuild.builder(), n))


def _timed(name: str, make: Callable[[], object]) -> None:
    t0 = time.monotonic()
    make()
    if name not in STAND_IN_SECONDS:
        STAND_IN_SECONDS[name] = round(time.monotonic() - t0, 1)


def stage_count(text: str) -> int:
    return len(parse(text).stages)


def run_app(app: Path) -> dict[str, object]:
    meta = json.loads((app / "bench.json").read_text()) if (app / "bench.json").is_file() else {}
    with tempfile.TemporaryDirectory(prefix=f"dockmod-bench-{app.name}-") as tmp:
        copy = Path(tmp) / app.name
        shutil.copytree(app, copy)
        ctx = Context(project=Project())
        result = process_file(copy / "Dockerfile", PASSES, ctx, f"tests/apps/{app.name}/Dockerfile")
        t_bases = time.monotonic()
        ensure_bases([result.original, result.new or result.original])
        t0 = time.monotonic()
        opts = verify.Options(smoke=meta.get("smoke"), port=meta.get("port"), progress=sys.stderr.isatty())
        report = verify.verify_paths([str(copy / "Dockerfile")], PASSES, ctx, opts, builder=realbuild.builder())
        [v] = report.verdicts
        applied = _apply(copy) if v.status != "unchanged" else "unchanged"
        again = _apply(copy)
    row: dict[str, object] = {
        "app": app.name, "status": v.status, "failures": v.failures, "apply": applied,
        "expect_split": bool(meta.get("expect_split")),
        "split": bool(result.new) and stage_count(result.new) > stage_count(result.original),
        "idempotent": again == "unchanged",
        "built_before": v.before.built, "built_after": v.after.built, "runs": v.after.runs == "up",
        "healthy": v.after.health == "healthy", "fails_when_stopped": v.after.health_when_stopped == "fails",
        "uid_before": v.before.uid, "uid_after": v.after.uid, "non_root": v.after.uid not in (None, 0),
        "size_before": v.before.size_bytes, "size_after": v.after.size_bytes,
        "ratio": round(v.after.size_bytes / v.before.size_bytes, 3) if v.before.size_bytes and v.after.size_bytes
        else None,
        "seconds": round(time.monotonic() - t0, 1), "bases_seconds": round(t0 - t_bases, 1),
        "logs": str(report.workdir) if report.workdir else None,
    }
    return row


def _apply(path: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "refactor", "apply", "--format", "json", str(path / "Dockerfile")],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        return f"error: {proc.stderr.strip()}"
    [item] = json.loads(proc.stdout)["files"]
    return str(item["status"])


def summary(rows: list[dict[str, object]]) -> dict[str, object]:
    n = len(rows)
    ratios = [r["ratio"] for r in rows if isinstance(r["ratio"], float)]
    split_ratios = [r["ratio"] for r in rows if r.get("split") and isinstance(r["ratio"], float)]
    expected = [r for r in rows if r.get("expect_split")]

    def count(key: str) -> str:
        return f"{sum(1 for r in rows if r[key])}/{n}"

    return {"apps": n, "built_before": count("built_before"), "built_after": count("built_after"),
            "runs": count("runs"), "healthy": count("healthy"), "fails_when_stopped": count("fails_when_stopped"),
            "non_root": count("non_root"), "verified": f"{sum(1 for r in rows if r['status'] == 'verified')}/{n}",
            "median_size_ratio": round(statistics.median(ratios), 3) if ratios else None,
            "split": f"{sum(1 for r in expected if r.get('split'))}/{len(expected)}",
            "split_unexpected": sum(1 for r in rows if r.get("split") and not r.get("expect_split")),
            "median_split_ratio": round(statistics.median(split_ratios), 3) if split_ratios else None,
            "split_target": SPLIT_TARGET}


def render(rows: list[dict[str, object]], skipped: Sequence[str] = (),
           stand_ins: dict[str, float] | None = None) -> str:
    head = ("app", "verify", "split", "before", "after", "ratio", "runs", "healthy", "down fails", "uid", "apply",
            "s")
    table = [head] + [(
        str(r["app"]), str(r["status"]), _split(r), _mb(r["size_before"]), _mb(r["size_after"]),
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
    met = "" if s["median_split_ratio"] is None else (
        " (met)" if s["median_split_ratio"] <= SPLIT_TARGET else " (NOT met)")  # type: ignore[operator]
    lines.append(f"split {s['split']} of the fixtures that expect it (and {s['split_unexpected']} others); "
                 f"median size ratio of the split apps {s['median_split_ratio']}, target <= {SPLIT_TARGET}{met}")
    if skipped:
        lines.append(f"skipped, the --budget was spent: {', '.join(skipped)}")
    if stand_ins:
        lines.append("stand-ins made in this run (s): " + ", ".join(f"{k} {v}" for k, v in stand_ins.items()))
    return "\n".join(lines) + "\n"


def _split(row: dict[str, object]) -> str:
    if row.get("split"):
        return "yes"
    return "NO" if row.get("expect_split") else "-"


def _mb(value: object) -> str:
    return f"{int(value) / 1e6:.1f} MB"  # type: ignore[call-overload]


def _yes(value: object) -> str:
    return "yes" if value else "NO"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("apps", nargs="*", help="app folder names under tests/apps (default: all)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--budget", type=float, default=None, metavar="SECONDS",
                        help="start no app after SECONDS (the rest are skipped with a message)")
    args = parser.parse_args()
    reason = realbuild.unavailable_reason()
    if reason:
        print(f"bench/images.py: skipped: {reason}", file=sys.stderr)
        return 0
    start = time.monotonic()
    rows: list[dict[str, object]] = []
    skipped: list[str] = []
    for app in apps(args.apps):
        if args.budget is not None and time.monotonic() - start >= args.budget:
            skipped.append(app.name)
            continue
        rows.append(run_app(app))
        print(f"bench/images.py: {app.name}: {rows[-1]['status']} in {rows[-1]['seconds']} s "
              f"(+{rows[-1]['bases_seconds']} s stand-ins)", file=sys.stderr, flush=True)
    if skipped:
        print(f"bench/images.py: --budget {args.budget:g} s spent after {len(rows)} apps; skipped: "
              f"{', '.join(skipped)}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps({"apps": rows, "skipped": skipped, "stand_in_seconds": STAND_IN_SECONDS,
                          "summary": summary(rows)}, indent=2))
    else:
        print(render(rows, skipped, STAND_IN_SECONDS), end="")
    return 0 if all(r["status"] in ("verified", "unchanged") for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
