"""refactor.shipping: when what a stage writes can reach an image that runs."""

from __future__ import annotations

import pytest

from refactor.document import parse
from refactor.shipping import cache_never_ships, narrow_copy_reason

NPM = ("/root/.npm",)


def _run(text: str, stage: int = 0):
    doc = parse(text)
    return next(i for i in doc.stages[stage].body() if i.name == "RUN")


@pytest.mark.parametrize("text", [
    "FROM node:20\nRUN npm ci\n",  # the only stage ships
    "FROM node:20 AS dev\nRUN npm ci\nFROM node:20-slim\nCMD [\"node\"]\n",  # a leaf: may be a --target
    "FROM node:20 AS deps\nRUN npm ci\nFROM deps\nCMD [\"node\"]\n",  # built FROM it
    "FROM node:20 AS b\nRUN npm ci\nFROM node:20-slim\nRUN --mount=from=b,source=/app,target=/x cp -r /x /app\n",
    "FROM node:20 AS b\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b / /\n",
    "FROM node:20 AS b\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b /root /root\n",
    "FROM node:20 AS b\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b /root/.npm/_cacache/index-v5 /x\n",
    "FROM node:20 AS b\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b $APP_DIR /app\n",
    "FROM node:20 AS b\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b /app/*.js /app/\n",
    "FROM node:20 AS b\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b root/.npm /x\n",  # relative: from the root
])
def test_cache_may_ship(text: str) -> None:
    assert cache_never_ships(_run(text), NPM) is None


def test_narrow_copy_names_the_stage_and_what_leaves_it() -> None:
    text = ("FROM node:20 AS build\nWORKDIR /app\nRUN npm ci\n"
            "FROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n"
            "COPY --from=0 [\"/app/x.conf\", \"/etc/\"]\n")
    assert cache_never_ships(_run(text), NPM) == (
        "stage build: only /app/dist, /app/x.conf is copied out of it; the cache never reaches the image that runs")


def test_unnamed_stage_is_named_by_index() -> None:
    text = "FROM node:20\nRUN npm ci\nFROM nginx\nCOPY --from=0 /app/dist /html\n"
    assert narrow_copy_reason(parse(text).stages[0], NPM) == "stage 0: only /app/dist is copied out of it"


def test_a_non_root_user_caches_under_home() -> None:
    text = "FROM node:20 AS b\nUSER node\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b /home/node/app /app\n"
    assert cache_never_ships(_run(text), NPM) is None
    root = "FROM node:20 AS b\nUSER root\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b /home/node/app /app\n"
    assert cache_never_ships(_run(root), NPM) is not None


def test_a_cache_variable_moves_the_cache() -> None:
    moved = ("FROM node:20 AS b\nENV npm_config_cache=/app/.npm\nRUN npm ci\n"
             "FROM node:20-slim\nCOPY --from=b /app /app\n")
    assert cache_never_ships(_run(moved), NPM) is None
    unknown = "FROM node:20 AS b\nENV HOME=$X\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b /app/dist /app\n"
    assert cache_never_ships(_run(unknown), NPM) is None
    relative = "FROM node:20 AS b\nENV HOME=app\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b /srv /srv\n"
    assert cache_never_ships(_run(relative), NPM) is None
    elsewhere = "FROM node:20 AS b\nENV HOME=/work\nRUN npm ci\nFROM node:20-slim\nCOPY --from=b /app/dist /app\n"
    assert cache_never_ships(_run(elsewhere), NPM) is not None


def test_the_final_stage_of_several_ships() -> None:
    text = "FROM node:20 AS b\nRUN true\nFROM node:20-slim\nRUN npm ci\n"
    assert cache_never_ships(_run(text, 1), NPM) is None


def test_a_file_without_from_is_not_reasoned_about() -> None:
    doc = parse("RUN npm ci\n")
    assert cache_never_ships(doc.instructions[0], NPM) is None
