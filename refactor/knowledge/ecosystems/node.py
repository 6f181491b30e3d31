"""Node.js: npm, Yarn (1, "classic"), pnpm."""

from __future__ import annotations

from refactor.commands import pattern
from refactor.knowledge.ecosystems import BuildCommand, Ecosystem, RuntimeBase

# npm-install(1) aliases "add, i, in, ins, inst, insta, instal, isnt, isnta, isntal, isntall" and npm-ci(1)
# aliases "clean-install, ic, install-clean, isntall-clean" (docs.npmjs.com/cli/v10/commands/npm-install, npm-ci).
NPM_INSTALL_VERBS = frozenset({"install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal",
                               "isntall", "add", "ci", "clean-install", "ic", "install-clean", "isntall-clean"})
# npm's options that take a value (docs.npmjs.com/cli/v10/using-npm/config): ``--prefix DIR`` before or after
# the command, ``--omit dev`` / ``--include dev`` / ``-w WORKSPACE`` after it.
NPM_GLOBAL_VALUE_OPTIONS = frozenset({"--prefix", "-C", "--cache", "--registry", "--userconfig", "--loglevel",
                                      "-w", "--workspace"})
NPM_VALUE_OPTIONS = NPM_GLOBAL_VALUE_OPTIONS | {"--omit", "--include", "--install-strategy", "--tag"}
NPM_INSTALL = pattern("npm", NPM_INSTALL_VERBS, value_options=NPM_VALUE_OPTIONS,
                      global_value_options=NPM_GLOBAL_VALUE_OPTIONS,
                      examples=("npm install", "npm i -g pm2", "npm ci --omit=dev", "npm isnt", "npm add lodash",
                                "sudo -E npm install", "/usr/local/bin/npm ci", "npm --prefix /app install",
                                "npm clean-install"),
                      counterexamples=("npm run build", "npm cache clean --force", "npm", "npx install"))
NPM_CACHE_CLEAN = pattern("npm", ("cache clean",), examples=("npm cache clean --force",),
                          counterexamples=("npm cache verify",))
# ``npm link`` (npm-link(1), alias ``ln``): symlinks a package folder into node_modules or the global prefix.
NPM_LINK = pattern("npm", ("link", "ln"), value_options=NPM_VALUE_OPTIONS,
                   global_value_options=NPM_GLOBAL_VALUE_OPTIONS,
                   examples=("npm link", "npm ln ../lib", "sudo npm --prefix /usr/local link"),
                   counterexamples=("npm install", "npm run link"))
# ``npm run build`` / ``npm run-script build`` (npm-run-script(1) aliases: run, rum, urn).
NPM_BUILD = pattern("npm", ("run build", "run-script build", "rum build", "urn build"),
                    value_options=NPM_VALUE_OPTIONS, global_value_options=NPM_GLOBAL_VALUE_OPTIONS,
                    examples=("npm run build", "npm run-script build -- --prod"))

# Yarn 1: ``yarn`` alone is ``yarn install`` (classic.yarnpkg.com/en/docs/cli/install; cli/add; cli/global).
YARN_INSTALL = pattern("yarn", ("install", "add", "global add"), bare=True,
                       bare_unless=frozenset({"--version", "-v", "--help", "-h"}),
                       value_options=frozenset({"--cache-folder", "--modules-folder", "--network-timeout",
                                                "--mutex"}),
                       examples=("yarn", "yarn install --frozen-lockfile", "yarn add react", "yarn global add serve",
                                 "yarn --production"),
                       counterexamples=("yarn --version", "yarn build", "yarn cache clean"))
YARN_CACHE_CLEAN = pattern("yarn", ("cache clean",), examples=("yarn cache clean",),
                           counterexamples=("yarn cache dir",))
YARN_BUILD = pattern("yarn", ("build", "run build"), examples=("yarn build", "yarn run build"))

# pnpm-install (alias ``i``) and pnpm-add (pnpm.io/cli/install, pnpm.io/cli/add); ``--filter``/``-C`` take values.
PNPM_GLOBAL_VALUE_OPTIONS = frozenset({"--filter", "-F", "-C", "--dir", "--store-dir", "--reporter"})
PNPM_INSTALL = pattern("pnpm", ("install", "i", "add"), value_options=PNPM_GLOBAL_VALUE_OPTIONS,
                       global_value_options=PNPM_GLOBAL_VALUE_OPTIONS,
                       examples=("pnpm install --frozen-lockfile", "pnpm i", "pnpm add -g pnpm",
                                 "pnpm --filter api install --prod"),
                       counterexamples=("pnpm run build", "pnpm deploy out", "pnpm store prune"))
PNPM_BUILD = pattern("pnpm", ("build", "run build"), value_options=PNPM_GLOBAL_VALUE_OPTIONS,
                     global_value_options=PNPM_GLOBAL_VALUE_OPTIONS,
                     examples=("pnpm build", "pnpm --filter web run build"))
# ``pnpm --filter=<project> --prod deploy <dir>``: the project and only its production dependencies, in a
# folder to copy into the runtime stage (pnpm.io/cli/deploy, its "Usage in a Docker image" example).
PNPM_DEPLOY = pattern("pnpm", ("deploy",), value_options=PNPM_GLOBAL_VALUE_OPTIONS,
                      global_value_options=PNPM_GLOBAL_VALUE_OPTIONS,
                      examples=("pnpm --filter=api --prod deploy /prod/api", "pnpm deploy --filter web out"))

# Common output folders of ``build`` scripts: Vite and tsc ``dist``, Create React App ``build``, Next.js ``.next``.
_BUILD_OUTPUTS = ("dist/", "build/", ".next/")

# The official node images: ``node:<version>`` (Debian) and ``node:<version>-slim`` / ``-alpine``
# (docker-library/official-images library/node; github.com/nodejs/docker-node).
NODE_RUNTIME = RuntimeBase(r"node:(?P<version>\d+(?:\.\d+)*|lts|current)(?P<os>-(?:bookworm|bullseye|buster))?",
                           "node:{version}{os}-slim",
                           examples=(("node:20", "node:20-slim"),
                                     ("node:20.11.1-bookworm", "node:20.11.1-bookworm-slim"),
                                     ("node:lts", "node:lts-slim")))

NPM = Ecosystem(
    "npm", "node",
    manifests=("package.json",), lockfiles=("package-lock.json", "npm-shrinkwrap.json"),
    install=(NPM_INSTALL,),
    # npm's cache is ``~/.npm`` (docs.npmjs.com/cli/v10/commands/npm-cache); the node image runs as root.
    cache_dirs=("/root/.npm",),
    builds=(BuildCommand(NPM_BUILD, _BUILD_OUTPUTS, examples=("npm run build",)),),
    # npm-ci(1): ``--omit=dev`` leaves devDependencies out (``--production`` is its deprecated spelling).
    production_install="npm ci --omit=dev",
    dependency_dirs=("node_modules/",),
    # docs.npmjs.com/cli/v10/commands/npm-prune: "--omit=dev" removes devDependencies from node_modules (npm 7+).
    prune="npm prune --omit=dev",
    runtime_bases=(NODE_RUNTIME,),
)
YARN = Ecosystem(
    "yarn", "node",
    manifests=("package.json",), lockfiles=("yarn.lock",),
    install=(YARN_INSTALL,),
    # ``yarn cache dir`` as root in the node image (classic.yarnpkg.com/en/docs/cli/cache).
    cache_dirs=("/usr/local/share/.cache/yarn",),
    builds=(BuildCommand(YARN_BUILD, _BUILD_OUTPUTS, examples=("yarn build",)),),
    # classic.yarnpkg.com/en/docs/cli/install: ``--production`` skips devDependencies, ``--frozen-lockfile``
    # fails instead of updating yarn.lock.
    production_install="yarn install --production --frozen-lockfile",
    dependency_dirs=("node_modules/",),
    # Yarn 1 has no prune: an install with ``--production`` removes what it would not install (extraneous
    # packages), ``--ignore-scripts`` does not rebuild, ``--prefer-offline`` reuses the cache of the first install.
    prune="yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline",
    runtime_bases=(NODE_RUNTIME,),
)
PNPM = Ecosystem(
    "pnpm", "node",
    manifests=("package.json", "pnpm-workspace.yaml"), lockfiles=("pnpm-lock.yaml",),
    install=(PNPM_INSTALL,),
    # pnpm's content-addressable store (pnpm.io/npmrc#store-dir: ``$PNPM_HOME/store`` or ``~/.local/share/pnpm/store``).
    cache_dirs=("/root/.local/share/pnpm/store", "/pnpm/store"),
    builds=(BuildCommand(PNPM_BUILD, _BUILD_OUTPUTS, examples=("pnpm build",)),
            BuildCommand(PNPM_DEPLOY, (), output_arg=0, examples=("pnpm --filter=api --prod deploy /prod/api",))),
    # pnpm.io/cli/install: ``--prod`` skips devDependencies, ``--frozen-lockfile`` never updates the lockfile.
    production_install="pnpm install --prod --frozen-lockfile",
    dependency_dirs=("node_modules/",),
    # pnpm.io/cli/prune: ``--prod`` removes the devDependencies.
    prune="pnpm prune --prod",
    runtime_bases=(NODE_RUNTIME,),
)

ECOSYSTEMS = (NPM, YARN, PNPM)

# What the multi-stage split (transforms/stage_split/) needs to know about Node: the programs a build of it
# runs, the packages that are only its toolchain, and the ENV only its build reads.
SPLIT_TOOLS = frozenset({"npm", "npx", "yarn", "pnpm", "node", "corepack", "pip", "git"})
# What node-gyp needs to compile native modules (github.com/nodejs/node-gyp README: Python, make, a C++ compiler).
SPLIT_NODE_GYP = frozenset({"python3", "python-is-python3", "python3-minimal", "python3-dev"})
SPLIT_TOOLCHAIN = frozenset({"nodejs", "npm", "yarn", "git"})
SPLIT_BUILD_ONLY_ENV = frozenset({"NPM_CONFIG_LOGLEVEL", "npm_config_loglevel", "YARN_CACHE_FOLDER", "NPM_CONFIG_CACHE",
                                  "npm_config_cache", "NEXT_TELEMETRY_DISABLED"})
# ``npx <tool> build``-style builds, and the tools that write a build output themselves.
SPLIT_NPX_BUILDS = (("tsc",), ("vite", "build"), ("nest", "build"), ("ng", "build"), ("next", "build"))
# The package.json scripts an install runs for the project itself, which may read its sources: npm
# (docs.npmjs.com/cli/v10/using-npm/scripts, "npm ci"/"npm install": preinstall, install, postinstall, prepublish,
# preprepare, prepare, postprepare), Yarn 1 (classic.yarnpkg.com/lang/en/docs/package-json/#toc-scripts), pnpm
# (pnpm.io/cli/install runs the root's lifecycle scripts). A ``binding.gyp`` beside package.json makes
# ``node-gyp rebuild`` the default install script (docs.npmjs.com/cli/v10/configuring-npm/package-json#scripts).
SPLIT_INSTALL_SCRIPTS = ("preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare")
# Dependency specs that name a folder of the sources instead of a registry package (package-json "Local Paths",
# ``file:``/``link:`` in Yarn and pnpm, ``portal:`` in Yarn 2+, ``workspace:`` in pnpm and Yarn).
SPLIT_LOCAL_SPECS = ("file:", "link:", "portal:", "workspace:", "./", "../", "/", "~/")
# Files beside package.json the install reads as well: the project .npmrc (docs.npmjs.com/cli/v10/configuring-npm/
# npmrc, per-project config), Yarn 1's .yarnrc (classic.yarnpkg.com/lang/en/docs/yarnrc/), pnpm's .pnpmfile.cjs
# hooks (pnpm.io/pnpmfile) and pnpm-workspace.yaml settings.
SPLIT_INSTALL_CONFIG = {"npm": (".npmrc",), "yarn": (".npmrc", ".yarnrc"),
                        "pnpm": (".npmrc", ".pnpmfile.cjs", "pnpm-workspace.yaml")}
