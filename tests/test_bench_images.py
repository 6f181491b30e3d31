"""bench/images.py's totals and table, from rows shaped like a real run (no build here)."""

from __future__ import annotations

from bench import images


def _row(app: str, status: str = "verified", *, healthy: bool = True, uid: int = 1001, before: int = 200_000_000,
         after: int = 180_000_000) -> dict[str, object]:
    return {"app": app, "status": status, "failures": [] if status == "verified" else ["health: never passed"],
            "apply": "changed", "idempotent": True, "built_before": True, "built_after": True, "runs": True,
            "healthy": healthy, "fails_when_stopped": healthy, "uid_before": 0, "uid_after": uid,
            "non_root": uid != 0, "size_before": before, "size_after": after, "ratio": round(after / before, 3),
            "seconds": 60.0, "logs": None}


def test_summary_counts_and_median_ratio() -> None:
    rows = [_row("a"), _row("b", after=100_000_000), _row("c", "failed", healthy=False, uid=0, after=200_000_000)]
    assert images.summary(rows) == {
        "apps": 3, "built_before": "3/3", "built_after": "3/3", "runs": "3/3", "healthy": "2/3",
        "fails_when_stopped": "2/3", "non_root": "2/3", "verified": "2/3", "median_size_ratio": 0.9}


def test_table_lists_each_app_its_failures_and_the_totals() -> None:
    text = images.render([_row("py-http"), _row("node-express", "failed", healthy=False)])
    lines = text.splitlines()
    assert lines[0].split() == ["app", "verify", "before", "after", "ratio", "runs", "healthy", "down", "fails",
                                "uid", "apply", "s"]
    assert lines[1].split()[:6] == ["py-http", "verified", "200.0", "MB", "180.0", "MB"]
    assert "node-express: health: never passed" in lines
    assert lines[-1].startswith("built before 2/2, after 2/2; runs 2/2; healthy 1/2")
    assert lines[-1].endswith("median size ratio 0.9")


def test_every_fixture_app_has_a_dockerfile_and_bench_settings() -> None:
    apps = images.apps([])
    assert {a.name for a in apps} >= {"py-http", "py-gunicorn", "node-express", "django-site", "go-http"}
    for app in apps:
        assert (app / "bench.json").is_file(), app
