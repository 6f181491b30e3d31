"""bench/images.py's totals, table, split column, --budget and base-image discovery (no build here)."""

from __future__ import annotations

import json

import pytest

from bench import images
from refactor.build import stand_in


def _row(app: str, status: str = "verified", *, healthy: bool = True, uid: int = 1001, before: int = 200_000_000,
         after: int = 180_000_000, split: bool = False, expect_split: bool = False) -> dict[str, object]:
    return {"app": app, "status": status, "failures": [] if status == "verified" else ["health: never passed"],
            "apply": "changed", "idempotent": True, "built_before": True, "built_after": True, "runs": True,
            "healthy": healthy, "fails_when_stopped": healthy, "uid_before": 0, "uid_after": uid,
            "non_root": uid != 0, "size_before": before, "size_after": after, "ratio": round(after / before, 3),
            "seconds": 60.0, "bases_seconds": 0.0, "logs": None, "split": split, "expect_split": expect_split}


def test_summary_counts_and_median_ratio() -> None:
    rows = [_row("a"), _row("b", after=100_000_000), _row("c", "failed", healthy=False, uid=0, after=200_000_000)]
    assert images.summary(rows) == {
        "apps": 3, "built_before": "3/3", "built_after": "3/3", "runs": "3/3", "healthy": "2/3",
        "fails_when_stopped": "2/3", "non_root": "2/3", "verified": "2/3", "median_size_ratio": 0.9,
        "split": "0/0", "split_unexpected": 0, "median_split_ratio": None, "split_target": 0.5}


def test_split_median_is_over_the_apps_that_were_split() -> None:
    rows = [_row("split-go", after=20_000_000, split=True, expect_split=True),
            _row("split-py", after=120_000_000, split=True, expect_split=True),
            _row("split-php", expect_split=True),  # expected but not split: not in the split median
            _row("go-http", after=40_000_000, split=True),  # split though not marked: counted apart
            _row("py-http")]
    s = images.summary(rows)
    assert (s["split"], s["split_unexpected"]) == ("2/3", 1)
    assert s["median_split_ratio"] == 0.2  # median of 0.1, 0.6, 0.2
    text = images.render(rows)
    assert "split 2/3 of the fixtures that expect it (and 1 others); median size ratio of the split apps 0.2, " \
           "target <= 0.5 (met)" in text
    cells = {line.split()[0]: line.split()[2] for line in text.splitlines()[1:6]}
    assert cells == {"split-go": "yes", "split-py": "yes", "split-php": "NO", "go-http": "yes", "py-http": "-"}


def test_split_target_missed_is_said() -> None:
    text = images.render([_row("split-node", after=150_000_000, split=True, expect_split=True)])
    assert "median size ratio of the split apps 0.75, target <= 0.5 (NOT met)" in text


def test_table_lists_each_app_its_failures_and_the_totals() -> None:
    text = images.render([_row("py-http"), _row("node-express", "failed", healthy=False)],
                         skipped=["vite-nginx"], stand_ins={"debian": 0.1, "node-full": 312.5})
    lines = text.splitlines()
    assert lines[0].split() == ["app", "verify", "split", "before", "after", "ratio", "runs", "healthy", "down",
                                "fails", "uid", "apply", "s"]
    assert lines[1].split()[:7] == ["py-http", "verified", "-", "200.0", "MB", "180.0", "MB"]
    assert "node-express: health: never passed" in lines
    assert any(line.startswith("built before 2/2, after 2/2; runs 2/2; healthy 1/2") for line in lines)
    assert "skipped, the --budget was spent: vite-nginx" in lines
    assert lines[-1] == "stand-ins made in this run (s): debian 0.1, node-full 312.5"


def test_budget_skips_the_apps_not_started_in_time(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    started: list[str] = []
    clock = iter([0.0, 0.0, 50.0, 130.0, 130.0])  # start, before app 1, before app 2, before app 3 ...

    def fake_run(app):  # each app "takes" the time the clock says
        started.append(app.name)
        return _row(app.name)

    monkeypatch.setattr(images.realbuild, "unavailable_reason", lambda: None)
    monkeypatch.setattr(images, "run_app", fake_run)
    monkeypatch.setattr(images.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr("sys.argv", ["images.py", "--budget", "100", "--format", "json", "node-express", "py-http",
                                     "go-http", "django-site"])
    assert images.main() == 0
    out = json.loads(capsys.readouterr().out)
    assert started == ["django-site", "go-http"]
    assert out["skipped"] == ["node-express", "py-http"]


def test_base_images_include_copy_from_images_and_not_stages() -> None:
    text = ("FROM node:18 AS build\nRUN npm ci\nFROM build AS test\nFROM nginx\n"
            "COPY --from=build /app/dist /usr/share/nginx/html\nCOPY --from=composer:2 /usr/bin/composer /c\n"
            "COPY --from=0 /x /y\n")
    assert images.external_images(text) == ["node:18", "nginx", "composer:2"]
    assert [stand_in.stand_in_for(r) for r in images.external_images(text)] == ["node-full", "nginx", "composer"]


@pytest.mark.parametrize(("ref", "full"), [
    ("nginx", "docker.io/library/nginx:latest"),
    ("node:18-slim", "docker.io/library/node:18-slim"),
    ("library/python:3.11", "docker.io/library/python:3.11"),
    ("gcr.io/distroless/static-debian12", "gcr.io/distroless/static-debian12:latest"),
    ("localhost:5000/app", "localhost:5000/app:latest"),
    ("acme/api:1", "docker.io/acme/api:1"),
])
def test_image_refs_are_normalized_like_docker(ref: str, full: str) -> None:
    assert stand_in.normalize_ref(ref) == full


def test_every_image_a_fixture_uses_has_a_stand_in() -> None:
    for app in images.apps([]):
        for ref in images.external_images((app / "Dockerfile").read_text()):
            assert stand_in.stand_in_for(ref) or stand_in.is_debian_base(ref), (app.name, ref)


def test_every_fixture_app_has_a_dockerfile_and_bench_settings() -> None:
    apps = images.apps([])
    assert {a.name for a in apps} >= {"py-http", "py-gunicorn", "node-express", "django-site", "go-http",
                                      "node-pnpm-workspace", "node-thumbnailer", "php-composer", "vite-nginx"}
    for app in apps:
        meta = json.loads((app / "bench.json").read_text())
        assert isinstance(meta.get("port"), int), app
        if app.name.startswith("split-"):  # written for the multi-stage pass
            assert meta.get("expect_split") is True, app
        if meta.get("expect_split"):  # a single stage that builds with a toolchain the runtime does not need
            assert len(images.parse((app / "Dockerfile").read_text()).stages) == 1, app
