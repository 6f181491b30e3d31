"""Mutation tests for refactor/shipping.py: which copies out of a stage carry a cache (path containment both
ways, the root, trailing slashes), what else makes a stage's files ship (a mount from a later stage, a stage built
FROM it), and which user and cache variables move the cache, as the RUN sees them."""

from __future__ import annotations

import pytest

from refactor.document import parse
from refactor.shipping import _covers, cache_never_ships

NPM = ("/root/.npm",)
BUILD = "FROM node:20 AS b\nRUN npm ci\n"
NGINX = "FROM nginx\n"


def _run(text: str):
    doc = parse(text)
    return next(i for i in doc.stages[0].body() if i.name == "RUN")


def _reason(text: str) -> str | None:
    return cache_never_ships(_run(text), NPM)


def _narrow(sources: str) -> str:
    return f"stage b: only {sources} is copied out of it; the cache never reaches the image that runs"


@pytest.mark.parametrize(("src", "path", "covers"), [
    ("/app", "/app", True), ("/app/", "/app", True), ("/app", "/app/", True), ("/", "/root/.npm", True),
    ("/root", "/root/.npm", True), ("/root/.npm/x", "/root/.npm", True), ("/app/", "/app/x", True),
    ("/app/x", "/app/", True), ("/x", "/", True), ("/rootfs", "/root", False), ("/root", "/rootfs", False),
    ("/homeX", "/home", False), ("/home", "/homeX", False), ("/app/dist", "/root/.npm", False),
])
def test_covers_both_ways(src: str, path: str, covers: bool) -> None:
    assert _covers(src, path) is covers


def test_a_later_mount_of_the_stage_may_ship_anything() -> None:
    copy = "COPY --from=b /app/dist /x\n"
    mount = "RUN --mount=from=b,source=/root,target=/r cp -r /r /y\n"
    assert _reason(BUILD + NGINX + copy + mount) is None
    assert _reason(BUILD + NGINX + copy + "RUN --mount=type=cache,target=/c make\n") == _narrow("/app/dist")
    # a middle stage mounts it; the last one only copies a folder out
    assert _reason(BUILD + "FROM debian AS mid\n" + mount + NGINX + copy) is None


@pytest.mark.parametrize(("build", "expected"), [
    ("ARG npm_config_cache\nRUN npm ci\n", None),  # set to a value not known here
    ("ENV npm_config_cache=/c\nARG X\nRUN npm ci\n", _narrow("/app/dist")),  # known, not under /app/dist
    ("ARG npm_config_cache\nENV X=1\nRUN npm ci\n", None),
    ("RUN npm ci\nARG npm_config_cache\n", _narrow("/app/dist")),  # declared after the RUN
    ("RUN npm ci\nENV npm_config_cache=/app/dist/.npm\n", _narrow("/app/dist")),
    ("ENV npm_config_cache=/app/dist/.npm\nRUN npm ci\n", None),
])
def test_cache_variables_as_the_run_sees_them(build: str, expected: str | None) -> None:
    assert _reason("FROM node:20 AS b\n" + build + NGINX + "COPY --from=b /app/dist /x\n") == expected


@pytest.mark.parametrize(("user", "home"), [
    ("", False), ("USER 0\n", False), ("USER 0:0\n", False), ("USER root:root\n", False), ("USER root\n", False),
    ("USER node\n", True), ("USER 1000:1000\n", True),
])
def test_another_user_caches_under_home(user: str, home: bool) -> None:
    text = "FROM node:20 AS b\n" + user + "RUN npm ci\n" + NGINX + "COPY --from=b /home/node/app /x\n"
    assert _reason(text) == (None if home else _narrow("/home/node/app"))


def test_the_user_is_the_one_the_run_runs_as() -> None:
    text = BUILD + "USER node\n" + NGINX + "COPY --from=b /home/node/app /x\n"
    assert _reason(text) == _narrow("/home/node/app")


@pytest.mark.parametrize(("copies", "expected"), [
    ("COPY --from=b /a /root/.npm /x/\n", None),  # every source counts, not only the first
    ("COPY --from=b /app/X.js /x\n", _narrow("/app/X.js")),
    ("COPY --from=b /app/a.js /app/b.js /x/\n", _narrow("/app/a.js, /app/b.js")),
    ("COPY --from=b [\"/app/a b\", \"/x\"]\n", _narrow("/app/a b")),
    ("COPY --from=b /x\n", None),  # no destination: nothing to tell
    ("COPY --from=b /app/*.js /x/\n", None),
    ("COPY --from=b /app/{a,b} /x/\n", None),
])
def test_copied_sources(copies: str, expected: str | None) -> None:
    assert _reason(BUILD + NGINX + copies) == expected


def test_an_unnamed_stage_is_named_by_its_index() -> None:
    assert _reason("FROM node:20\nRUN npm ci\n" + NGINX + "COPY --from=0 /app/dist /x\n") == (
        "stage 0: only /app/dist is copied out of it; the cache never reaches the image that runs")
