"""npm-cache-clean-after-install, npm-cache-clean-use-force and yarn-cache-clean-after-install
(transforms/npm_cache.py) on shapes their golden cases do not pin down: which later commands already clean the
cache, which flags and later steps keep it, and what each fix and finding is (pass id, line, safety)."""

from __future__ import annotations

import pytest

from refactor.applier import transform
from refactor.edits import Safety
from refactor.passes import Context
from transforms.npm_cache import NPM_CLEAN, NPM_FORCE, YARN_CLEAN

_NPM_FIX = "npm install leaves its cache (~/.npm) in the layer; add npm cache clean --force"
_YARN_FIX = ("yarn install leaves its cache in the layer; add yarn cache clean (checked: this file shows no Yarn 2+, "
             "no corepack, .yarnrc.yml, yarn set version or --immutable, and no later --offline install reads the "
             "cache)")


def _run(text: str, *passes):
    out = transform(text, list(passes), Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


def _findings(out) -> list[tuple[int, str, str]]:
    return [(f.line, f.item.pass_id, f.item.message) for f in out.findings]


# -- npm cache clean -------------------------------------------------------------------------------------------


def test_npm_fix_is_safe_and_names_the_cache() -> None:
    out = _run("FROM node:20\nRUN npm ci --omit=dev\n", NPM_CLEAN)
    assert out.text == "FROM node:20\nRUN npm ci --omit=dev && npm cache clean --force\n"
    [fix] = out.fixes
    assert (fix.line, fix.item.pass_id, fix.item.message, fix.item.safety) == (2, NPM_CLEAN.id, _NPM_FIX, Safety.SAFE)
    assert not out.findings


def test_npm_clean_goes_after_the_last_install_of_the_run() -> None:
    out = _run("FROM node:20\nRUN npm install -g pnpm && npm ci && echo done\n", NPM_CLEAN)
    assert out.text == "FROM node:20\nRUN npm install -g pnpm && npm ci && npm cache clean --force && echo done\n"


@pytest.mark.parametrize("later", [
    "npm cache clean --force",
    "rm -rf ~/.npm",
    "rm -rf /root/.npm/",
    "rm -rf /root/.npm/*",
    "rm -rf $HOME/.npm",
    "rm -rf ~/.npm*",
    "rm -rf /tmp/x/_cacache",
])
def test_npm_cache_already_cleaned(later: str) -> None:
    text = f"FROM node:20\nRUN npm ci && {later}\n"
    out = _run(text, NPM_CLEAN)
    assert out.text == text and not out.fixes and not out.findings


@pytest.mark.parametrize("later", [
    "rm -f ~/.npmrc",  # the auth file, not the cache
    "rm -f /root/.npmrc /app/.npmignore",
    "rm -rf /app/.npm-packages",
    "echo ~/.npm",  # not a removal
])
def test_npm_cache_not_cleaned_by_other_paths(later: str) -> None:
    out = _run(f"FROM node:20\nRUN npm ci && {later}\n", NPM_CLEAN)
    assert out.text == f"FROM node:20\nRUN npm ci && npm cache clean --force && {later}\n"


def test_npm_clean_before_the_install_does_not_count() -> None:
    out = _run("FROM node:20\nRUN rm -rf ~/.npm && npm cache clean --force && npm ci\n", NPM_CLEAN)
    assert out.text == ("FROM node:20\nRUN rm -rf ~/.npm && npm cache clean --force && npm ci"
                        " && npm cache clean --force\n")


def test_npm_cache_mount_keeps_the_cache_out_of_the_layer() -> None:
    text = "FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n"
    assert _run(text, NPM_CLEAN).text == text


@pytest.mark.parametrize("flag", ["--cache /tmp/npm-cache", "--cache=/tmp/npm-cache"])
def test_npm_custom_cache_folder(flag: str) -> None:
    text = f"FROM node:20\nRUN npm ci {flag}\n"
    out = _run(text, NPM_CLEAN)
    assert out.text == text
    assert _findings(out) == [(2, NPM_CLEAN.id, "npm install uses its own --cache folder; remove that folder "
                                                "yourself")]


def test_npm_cache_min_is_not_a_cache_folder() -> None:
    # --cache-min only makes npm prefer what is cached: the cache is still ~/.npm, cleaned as usual
    out = _run("FROM node:20\nRUN npm install --cache-min 9999999\n", NPM_CLEAN)
    assert out.text == "FROM node:20\nRUN npm install --cache-min 9999999 && npm cache clean --force\n"
    assert not out.findings


def test_npm_custom_cache_on_an_earlier_install() -> None:
    out = _run("FROM node:20\nRUN npm install -g pnpm --cache=/c && npm ci\n", NPM_CLEAN)
    assert [f.item.pass_id for f in out.findings] == [NPM_CLEAN.id] and not out.fixes


@pytest.mark.parametrize("later", ["RUN npm ci --offline", "RUN npm install --prefer-offline",
                                   "RUN cd /app && npm ci --offline"])
def test_npm_later_offline_install_keeps_the_cache(later: str) -> None:
    text = f"FROM node:20\nRUN npm install -g npm@10\n{later}\n"
    out = _run(text, NPM_CLEAN)
    assert out.text.startswith("FROM node:20\nRUN npm install -g npm@10\n")
    assert _findings(out)[0] == (2, NPM_CLEAN.id, "a later npm step installs --offline from this cache; kept")


@pytest.mark.parametrize("later", ["RUN pnpm install --offline", "RUN yarn install --offline",
                                   "RUN npm ci --offlinemode", "RUN npm ci\nRUN echo --offline"])
def test_npm_later_offline_of_another_tool_or_line(later: str) -> None:
    out = _run(f"FROM node:20\nRUN npm install -g pnpm\n{later}\n", NPM_CLEAN)
    assert out.text.startswith("FROM node:20\nRUN npm install -g pnpm && npm cache clean --force\n")


def test_npm_offline_before_the_install_does_not_count() -> None:
    out = _run("FROM node:20\nRUN npm ci --offline || true\nRUN npm ci\n", NPM_CLEAN)
    assert out.text.endswith("RUN npm ci && npm cache clean --force\n")


def test_npm_cache_of_a_builder_that_never_ships() -> None:
    text = ("FROM node:20 AS build\nWORKDIR /app\nRUN npm ci && npm run build\n"
            "FROM nginx:alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n")
    out = _run(text, NPM_CLEAN)
    assert out.text == text
    [(line, pass_id, message)] = _findings(out)
    assert (line, pass_id) == (3, NPM_CLEAN.id)
    assert message.endswith("; the cache never reaches the image that runs")


def test_npm_clean_that_cannot_be_added_safely() -> None:
    text = "FROM node:20\nRUN npm ci | tee /tmp/log\n"
    out = _run(text, NPM_CLEAN)
    assert out.text == text
    assert _findings(out) == [(2, NPM_CLEAN.id, "cannot add 'npm cache clean --force' after this npm command safely "
                                                "(pipe, redirection, ||); add it by hand")]


def test_npm_without_an_install() -> None:
    text = "FROM node:20\nRUN npm run build\n"
    assert not _run(text, NPM_CLEAN).fixes


def test_each_run_is_judged_alone() -> None:
    out = _run("FROM node:20\nRUN npm ci && npm cache clean --force\nRUN npm install -g serve\n", NPM_CLEAN)
    assert out.text == ("FROM node:20\nRUN npm ci && npm cache clean --force\n"
                        "RUN npm install -g serve && npm cache clean --force\n")
    assert [f.line for f in out.fixes] == [3]


# -- npm cache clean --force -----------------------------------------------------------------------------------


def test_force_is_added_after_clean() -> None:
    out = _run("FROM node:20\nRUN npm cache clean && echo ok\n", NPM_FORCE)
    assert out.text == "FROM node:20\nRUN npm cache clean --force && echo ok\n"
    [fix] = out.fixes
    assert (fix.line, fix.item.pass_id, fix.item.safety) == (2, NPM_FORCE.id, Safety.SAFE)
    assert fix.item.message == "npm cache clean fails without --force since npm 5; add --force"


@pytest.mark.parametrize("cmd", ["npm cache clean --force", "npm cache clean -f", "npm cache verify"])
def test_force_already_there_or_no_clean(cmd: str) -> None:
    text = f"FROM node:20\nRUN {cmd}\n"
    out = _run(text, NPM_FORCE)
    assert out.text == text and not out.fixes


def test_force_for_every_clean_of_the_run() -> None:
    out = _run("FROM node:20\nRUN npm cache clean; npm ci; npm cache clean\n", NPM_FORCE)
    assert out.text == "FROM node:20\nRUN npm cache clean --force; npm ci; npm cache clean --force\n"


# -- yarn cache clean ------------------------------------------------------------------------------------------


def test_yarn_fix_is_a_review_fix_with_its_checks() -> None:
    out = _run("FROM node:20\nRUN yarn install --frozen-lockfile\n", YARN_CLEAN)
    assert out.text == "FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n"
    [fix] = out.fixes
    assert (fix.line, fix.item.pass_id, fix.item.message, fix.item.safety) == (2, YARN_CLEAN.id, _YARN_FIX,
                                                                                Safety.REVIEW)


def test_yarn_clean_goes_after_the_last_install() -> None:
    out = _run("FROM node:20\nRUN yarn global add serve && yarn && yarn build\n", YARN_CLEAN)
    assert out.text == "FROM node:20\nRUN yarn global add serve && yarn && yarn cache clean && yarn build\n"


@pytest.mark.parametrize("later", [
    "yarn cache clean",
    "rm -rf /usr/local/share/.cache/yarn",
    "rm -rf ~/.cache/yarn/v6",
    "rm -rf /tmp/.yarn-cache",
    "rm -rf /tmp/yarn-cache",
])
def test_yarn_cache_already_cleaned(later: str) -> None:
    text = f"FROM node:20\nRUN yarn install && {later}\n"
    out = _run(text, YARN_CLEAN)
    assert out.text == text and not out.fixes and not out.findings


def test_yarn_cache_not_cleaned_by_removing_npms() -> None:
    out = _run("FROM node:20\nRUN yarn install && rm -rf ~/.npm\n", YARN_CLEAN)
    assert out.text == "FROM node:20\nRUN yarn install && yarn cache clean && rm -rf ~/.npm\n"


def test_yarn_cache_mount() -> None:
    text = "FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n"
    assert _run(text, YARN_CLEAN).text == text


@pytest.mark.parametrize("sign", ["RUN corepack enable", "RUN yarn set version stable", "COPY .yarnrc.yml .",
                                  "RUN npm i -g yarn@3", "RUN yarn workspaces focus --production"])
def test_yarn_berry_anywhere_in_the_file(sign: str) -> None:
    text = f"FROM node:20\nRUN yarn install\n{sign}\n"
    out = _run(text, YARN_CLEAN)
    assert out.text == text
    assert _findings(out) == [(2, YARN_CLEAN.id, "Yarn 2+ here: 'yarn cache clean' may empty the project's "
                                                 ".yarn/cache; kept")]


@pytest.mark.parametrize("flag", ["--cache-folder /tmp/yc", "--cache-folder=/tmp/yc"])
def test_yarn_custom_cache_folder(flag: str) -> None:
    text = f"FROM node:20\nRUN yarn install {flag}\n"
    out = _run(text, YARN_CLEAN)
    assert out.text == text
    assert _findings(out) == [(2, YARN_CLEAN.id, "yarn uses its own --cache-folder; remove that folder yourself")]


def test_yarn_later_offline_install() -> None:
    text = "FROM node:20\nRUN yarn install\nRUN yarn install --offline\n"
    out = _run(text, YARN_CLEAN)
    assert _findings(out)[0] == (2, YARN_CLEAN.id, "a later yarn step installs --offline from this cache; kept")


def test_yarn_later_npm_offline_is_not_yarns() -> None:
    out = _run("FROM node:20\nRUN yarn install\nRUN npm ci --offline\n", YARN_CLEAN)
    assert out.text.startswith("FROM node:20\nRUN yarn install && yarn cache clean\n")


def test_yarn_cache_of_a_builder_that_never_ships() -> None:
    text = ("FROM node:20 AS build\nWORKDIR /app\nRUN yarn install && yarn build\n"
            "FROM nginx:alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n")
    out = _run(text, YARN_CLEAN)
    assert out.text == text
    [(line, pass_id, message)] = _findings(out)
    assert (line, pass_id) == (3, YARN_CLEAN.id) and message.endswith("the cache never reaches the image that runs")


def test_yarn_clean_that_cannot_be_added_safely() -> None:
    text = "FROM node:20\nRUN yarn install | tee /tmp/log\n"
    out = _run(text, YARN_CLEAN)
    assert out.text == text
    assert _findings(out) == [(2, YARN_CLEAN.id, "cannot add 'yarn cache clean' after this yarn command safely "
                                                 "(pipe, redirection, ||); add it by hand")]


def test_yarn_without_an_install() -> None:
    text = "FROM node:20\nRUN yarn build\n"
    assert not _run(text, YARN_CLEAN).fixes
