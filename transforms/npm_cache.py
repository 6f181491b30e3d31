"""npm and yarn package caches left in image layers.

Three rules share this module; each Pass carries its own documentation below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor.commands import run_scripts, tool_name
from refactor.document import Document, Instruction
from refactor.edits import Finding, Fix, Safety
from refactor.knowledge.ecosystems import node
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word, insert_cleanup_after
from refactor.shell import ShellCommand, ShellScript
from refactor.shipping import cache_never_ships
from transforms._hygiene import has_cache_mount, later_commands, later_text

_NPM_INSTALL = node.NPM_INSTALL
_NPM_CACHE_CLEAN = node.NPM_CACHE_CLEAN
_YARN_INSTALL = node.YARN_INSTALL
_YARN_CACHE_CLEAN = node.YARN_CACHE_CLEAN
_OFFLINE = re.compile(r"--(prefer-)?offline\b")
# A removed path that holds npm's cache: ``~/.npm``, ``/root/.npm/*``, ``~/.npm*``, ``_cacache`` (not ``~/.npmrc``,
# the auth file a RUN often deletes right after installing)
_NPM_CACHE_PATH = re.compile(r"/\.npm(?:[/*]|$)|_cacache")
_YARN_CACHE_PATH = re.compile(r"\.cache/yarn|yarn-cache")
# Signs of Yarn 2+ ("berry"), whose ``yarn cache clean`` can empty a project's own .yarn/cache.
_BERRY = re.compile(r"corepack|yarn set version|\.yarnrc\.yml|yarnPath|--immutable|yarn workspaces focus"
                    r"|yarn@[2-9]|yarn@berry|yarn@stable")


def is_npm_install(cmd: ShellCommand) -> bool:
    return _NPM_INSTALL.matches(cmd)


def is_npm_cache_clean(cmd: ShellCommand) -> bool:
    return _NPM_CACHE_CLEAN.matches(cmd)


def is_yarn_install(cmd: ShellCommand) -> bool:
    return _YARN_INSTALL.matches(cmd)


def is_yarn_cache_clean(cmd: ShellCommand) -> bool:
    return _YARN_CACHE_CLEAN.matches(cmd)


def _removes(script: ShellScript, cmd: ShellCommand, cache: re.Pattern[str]) -> bool:
    for c in later_commands(script, cmd):
        if c.words and tool_name(c.words[0].value) == "rm" and \
                any(cache.search(w.value) or cache.search(w.raw) for w in c.words[1:]):
            return True
    return False


def _offline_later(doc: Document, ins: Instruction, tool: str) -> bool:
    text = later_text(doc, ins)
    named = re.compile(rf"(?<![\w.-]){tool}\b")  # npm, not pnpm: pnpm --offline reads its own store
    return any(named.search(line) and _OFFLINE.search(line) for line in text.splitlines())


def run_npm_clean(doc: Document, ctx: Context) -> Iterable[Result]:
    for ins, script in run_scripts(doc):
        installs = [c for c in script.commands if is_npm_install(c)]
        if not installs or has_cache_mount(ins, "npm"):
            continue
        last = installs[-1]
        if any(is_npm_cache_clean(c) for c in later_commands(script, last)) or \
                _removes(script, last, _NPM_CACHE_PATH):
            continue
        if any(a.split("=", 1)[0] == "--cache" for c in installs for a in c.argv):  # not --cache-min
            yield Finding(NPM_CLEAN.id, "npm install uses its own --cache folder; remove that folder yourself",
                          last.words[0].start)
            continue
        if _offline_later(doc, ins, "npm"):
            yield Finding(NPM_CLEAN.id, "a later npm step installs --offline from this cache; kept",
                          last.words[0].start)
            continue
        unshipped = cache_never_ships(ins, node.NPM.cache_dirs)
        if unshipped:
            yield Finding(NPM_CLEAN.id, unshipped, last.words[0].start)
            continue
        edit = insert_cleanup_after(script, last, "npm cache clean --force")
        if edit is None:
            yield Finding(NPM_CLEAN.id, "cannot add 'npm cache clean --force' after this npm command safely "
                          "(pipe, redirection, ||); add it by hand",
                          last.words[0].start)
            continue
        yield Fix(NPM_CLEAN.id, "npm install leaves its cache (~/.npm) in the layer; add npm cache clean --force",
                  (edit,), Safety.SAFE)


def run_npm_force(doc: Document, ctx: Context) -> Iterable[Result]:
    for _ins, script in run_scripts(doc):
        for cmd in script.commands:
            if not is_npm_cache_clean(cmd) or any(a in ("--force", "-f") for a in cmd.argv):
                continue
            clean = next(w for w in cmd.words if w.value == "clean")
            yield Fix(NPM_FORCE.id, "npm cache clean fails without --force since npm 5; add --force",
                      (insert_after_word(clean, "--force"),), Safety.SAFE)


def run_yarn_clean(doc: Document, ctx: Context) -> Iterable[Result]:
    for ins, script in run_scripts(doc):
        installs = [c for c in script.commands if is_yarn_install(c)]
        if not installs or has_cache_mount(ins, "yarn"):
            continue
        last = installs[-1]
        if any(is_yarn_cache_clean(c) for c in later_commands(script, last)) or \
                _removes(script, last, _YARN_CACHE_PATH):
            continue
        if _BERRY.search(doc.text):
            yield Finding(YARN_CLEAN.id, "Yarn 2+ here: 'yarn cache clean' may empty the project's .yarn/cache; kept",
                          last.words[0].start)
            continue
        if any(a.split("=", 1)[0] == "--cache-folder" for c in installs for a in c.argv):
            yield Finding(YARN_CLEAN.id, "yarn uses its own --cache-folder; remove that folder yourself",
                          last.words[0].start)
            continue
        if _offline_later(doc, ins, "yarn"):
            yield Finding(YARN_CLEAN.id, "a later yarn step installs --offline from this cache; kept",
                          last.words[0].start)
            continue
        unshipped = cache_never_ships(ins, node.YARN.cache_dirs)
        if unshipped:
            yield Finding(YARN_CLEAN.id, unshipped, last.words[0].start)
            continue
        edit = insert_cleanup_after(script, last, "yarn cache clean")
        if edit is None:
            yield Finding(YARN_CLEAN.id, "cannot add 'yarn cache clean' after this yarn command safely "
                          "(pipe, redirection, ||); add it by hand",
                          last.words[0].start)
            continue
        yield Fix(YARN_CLEAN.id, "yarn install leaves its cache in the layer; add yarn cache clean (checked: this file "
                  "shows no Yarn 2+, no corepack, .yarnrc.yml, yarn set version or --immutable, and no later "
                  "--offline install reads the cache)", (edit,), Safety.REVIEW)


DOC_NPM_CLEAN = """
What it does
    Adds ``&& npm cache clean --force`` right after the last ``npm install``/``npm ci``/``npm i`` (also
    ``-g``) of a RUN that does not clean the cache afterwards (``npm cache clean`` or ``rm -rf ~/.npm``); in a
    RUN written one command per line it gets a line of its own, in the RUN's ``&&`` style. Left
    alone: a RUN whose BuildKit cache mount holds the npm cache (``--mount=type=cache,target=/root/.npm``),
    a RUN with a custom ``--cache`` folder, a file where a later step installs ``--offline`` or
    ``--prefer-offline`` from that cache, and a builder stage whose cache never ships (later stages only
    ``COPY --from`` paths outside it, e.g. ``/app/dist``).

Why
    npm keeps a copy of every tarball it fetched under ``~/.npm/_cacache``; in an image layer that only
    adds size. (binnacle/Parfum rule ``npmCacheCleanAfterInstall``.)

Example
    Before::

        RUN npm ci --omit=dev

    After::

        RUN npm ci --omit=dev && npm cache clean --force

Fix safety
    safe: the installed node_modules are the same; only the download cache is removed, in the same RUN
    and right after the install (so a later ``apk del`` of npm cannot come first).
"""

DOC_NPM_FORCE = """
What it does
    Adds ``--force`` to ``npm cache clean`` when it is missing.

Why
    Since npm 5 the cache verifies itself and ``npm cache clean`` without ``--force`` refuses to run
    ("As of npm@5, the npm cache self-heals…") and exits non-zero, so the cache stays in the layer or the
    build fails. (binnacle/Parfum rule ``npmCacheCleanUseForce``.)

Example
    Before::

        RUN npm install && npm cache clean

    After::

        RUN npm install && npm cache clean --force

Fix safety
    safe: with ``--force`` the command does what it was written to do; older npm versions accept the flag.
"""

DOC_YARN_CLEAN = """
What it does
    Adds ``&& yarn cache clean`` right after the last ``yarn``, ``yarn install``, ``yarn add`` or
    ``yarn global add`` of a RUN that does not clean the cache afterwards. Left alone: a RUN whose BuildKit cache
    mount holds the yarn cache (``--mount=type=cache,target=/usr/local/share/.cache/yarn``), a custom
    ``--cache-folder``, a later ``--offline`` install, files that show Yarn 2+ (corepack,
    ``.yarnrc.yml``, ``yarn set version``, ``--immutable``), and a builder stage whose cache never ships.

Why
    Yarn 1 keeps every package it fetched under ``/usr/local/share/.cache/yarn`` (root) or
    ``~/.cache/yarn``; in an image layer that only adds size. hadolint DL3060; Parfum rule
    ``yarnCacheCleanAfterInstall``.

Example
    Before::

        RUN yarn install --frozen-lockfile

    After::

        RUN yarn install --frozen-lockfile && yarn cache clean

Fix safety
    review: with Yarn 1 only the download cache goes. With Yarn 2+ in Plug'n'Play mode the project's
    ``.yarn/cache`` holds the packages the app loads at run time, and cleaning it breaks the app; the
    pass skips files that show Yarn 2+, but a Dockerfile cannot always tell, so a person should look.
"""

NPM_CLEAN = Pass("npm-cache-clean-after-install", "Clean the npm cache in the RUN that installs packages",
                 Safety.SAFE, run_npm_clean,
                 DOC_NPM_CLEAN, aliases=("npmCacheCleanAfterInstall",), cmd_ok=True, triggers=("npm",))
NPM_FORCE = Pass("npm-cache-clean-use-force", "Add --force to npm cache clean", Safety.SAFE,
                 run_npm_force,
                 DOC_NPM_FORCE, aliases=("npmCacheCleanUseForce",), cmd_ok=True, triggers=("npm",))
YARN_CLEAN = Pass("yarn-cache-clean-after-install", "Clean the yarn cache in the RUN that installs packages",
                  Safety.REVIEW, run_yarn_clean, DOC_YARN_CLEAN,
                  aliases=("yarnCacheCleanAfterInstall",), cmd_ok=True, hadolint=("DL3060",),
                  triggers=("yarn",))

PASSES = (NPM_CLEAN, NPM_FORCE, YARN_CLEAN)
