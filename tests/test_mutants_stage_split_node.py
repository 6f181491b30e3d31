"""Mutation tests for transforms/stage_split/node.py: the files ``npm ci``/``yarn install``/``pnpm install`` read
(for the manifests-first reorder) and the workspace packages they link. Each test asserts behaviour a surviving
mutant changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.commands import CommandPattern
from refactor.document import parse
from refactor.edits import Finding
from refactor.knowledge.ecosystems import Ecosystem
from refactor.knowledge.ecosystems.node import NPM, NPM_INSTALL, PNPM, PNPM_INSTALL, YARN, YARN_INSTALL
from refactor.passes import Context
from refactor.project import Project
from transforms.multi_stage import analyze
from transforms.stage_split import node
from transforms.stage_split.layout import Plan
from transforms.stage_split.manifests import Needs
from transforms.stage_split.subject import Subject

ECOSYSTEMS: dict[str, tuple[Ecosystem, CommandPattern]] = {
    "npm": (NPM, NPM_INSTALL), "yarn": (YARN, YARN_INSTALL), "pnpm": (PNPM, PNPM_INSTALL)}
APP = "WORKDIR /app\nCOPY . .\n"
PKG = {"package.json": "{}"}
NPM_NEEDS = ([("package*.json", "/app")], "package*.json", ["/app/node_modules"])
UNREADABLE = "package.json is not readable in the build context, so its install scripts cannot be checked"
UNLISTED = "a workspace whose package folders cannot be listed"


def write(context: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        (context / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (context / name).write_bytes(content)
        else:
            (context / name).write_text(content)


def subject(context: Path, text: str, project: Project | None = None) -> Subject:
    doc = parse(text)
    ctx = Context(path=context / "Dockerfile", project=project, context_dir=context)
    assert doc.final_stage is not None
    return Subject(doc, doc.final_stage, ctx)


def reads(context: Path, run: str = "npm ci", files: dict[str, str | bytes] | None = None, before: str = APP,
          after: str = "") -> object:
    """_install_reads of the first command of ``run`` (its tool's ecosystem) in a node:20 stage: the reason, or
    (files, shown, writes)."""
    write(context, files if files is not None else PKG)
    s = subject(context, f"FROM node:20\n{before}RUN {run}\n{after}CMD [\"node\", \"dist/main.js\"]\n", Project())
    c = s.commands[0]
    eco, install = ECOSYSTEMS[c.tool]
    found = node._install_reads(s, eco, install, c, "/app")
    return (found.files, found.shown, found.writes) if isinstance(found, Needs) else found


# -- _install_reads: the command line ------------------------------------------------------------------------

@pytest.mark.parametrize(("run", "expected"), [
    ("npm install express", "it installs named packages (express), which rewrites package.json"),
    ("yarn add express cors", "it installs named packages (express cors), which rewrites package.json"),
    # the names are cut at 40 characters
    ("npm install @nestjs/platform-express @nestjs/swagger rxjs",
     "it installs named packages (@nestjs/platform-express @nestjs/swagger), which rewrites package.json"),
    ("npm ci", NPM_NEEDS),
    ("npm ci --prefer-offline=true", NPM_NEEDS),
])
def test_install_reads_the_command_line(tmp_path: Path, run: str, expected: object) -> None:
    assert reads(tmp_path, run) == expected


def test_install_reads_a_command_the_install_pattern_does_not_match(tmp_path: Path) -> None:
    """No named packages without a match (the planner only passes installs, but the function stands alone)."""
    assert reads(tmp_path, "npm run build") == NPM_NEEDS


# -- _install_reads: package.json as the install sees it -------------------------------------------------------

def test_install_reads_the_package_json_at_the_install_not_a_later_one(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"package.json": "{}", "other/package.json": '{"scripts": {"postinstall": "x"}}'}
    assert reads(tmp_path, files=files, before="WORKDIR /app\nCOPY package.json .\n",
                 after="COPY other/package.json package.json\n") == NPM_NEEDS


def test_install_reads_at_the_root_when_the_folder_is_unknown(tmp_path: Path) -> None:
    assert reads(tmp_path, before="ARG D\nWORKDIR $D\nCOPY . /\n") == (
        [("package*.json", "/")], "package*.json", ["/node_modules"])


@pytest.mark.parametrize(("files", "expected"), [
    ({"package.json": "{"}, UNREADABLE),
    ({"package.json": "[]"}, UNREADABLE),
    ({}, UNREADABLE),
    ({"package.json": '{"scripts": "node x.js"}'}, NPM_NEEDS),  # not a table of scripts
    ({"package.json": '{"scripts": {"build": "tsc"}}'}, NPM_NEEDS),
    ({"package.json": '{"scripts": {"postinstall": "node x.js"}}'},
     "package.json's postinstall script runs on install and may need the sources"),
    ({"package.json": "{}", "binding.gyp": "{}"},
     "binding.gyp: the install builds the package's native addon from the sources"),
    ({"package.json": "{}", ".yarnrc.yml": "nodeLinker: node-modules\n"},
     "Yarn 2+ (.yarnrc.yml) installs with files of .yarn/ (its release, plugins, patches)"),
    ({"package.json": '{"pnpm": {"patchedDependencies": {"a@1.0.0": "patches/a.patch"}}}'},
     "pnpm patchedDependencies apply patch files of the sources"),
    ({"package.json": '{"pnpm": {"patchedDependencies": {}}}'}, NPM_NEEDS),
    ({"package.json": '{"pnpm": ["x"]}'}, NPM_NEEDS),
])
def test_install_reads_package_json(tmp_path: Path, files: dict[str, str | bytes], expected: object) -> None:
    assert reads(tmp_path, files=files) == expected


@pytest.mark.parametrize("files", [
    {"package.json": '{"scripts": {"postinstall": "node x.js"}}'},
    {"package.json": "{}", "binding.gyp": "{}"},
])
def test_install_reads_no_scripts_with_ignore_scripts(tmp_path: Path, files: dict[str, str | bytes]) -> None:
    assert reads(tmp_path, "npm ci --ignore-scripts", files) == NPM_NEEDS


@pytest.mark.parametrize(("section", "spec", "shown"), [
    ("dependencies", "file:vendor/a", "file:vendor/a"),
    ("devDependencies", "link:../a", "link:../a"),
    ("optionalDependencies", "./vendor/a", "./vendor/a"),
    ("dependencies", "file:" + "v" * 50, "file:" + "v" * 35),  # cut at 40 characters
])
def test_install_reads_a_local_dependency(tmp_path: Path, section: str, spec: str, shown: str) -> None:
    files: dict[str, str | bytes] = {"package.json": f'{{"{section}": {{"a": "{spec}"}}}}'}
    assert reads(tmp_path, files=files) == f"the {section} entry a is a local package of the sources ({shown})"


def test_install_reads_a_registry_dependency(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"package.json": '{"dependencies": {"a": "^1.0.0"}, "devDependencies": '
                                                     '{"b": "2"}, "optionalDependencies": {"c": "3"}}'}
    assert reads(tmp_path, files=files) == NPM_NEEDS


@pytest.mark.parametrize(("files", "expected"), [
    ({"package.json": "{}", "package-lock.json": "{}"}, NPM_NEEDS),
    ({"package.json": "{}", "npm-shrinkwrap.json": "{}"},
     ([("package.json", "/app"), ("npm-shrinkwrap.json", "/app")], "package.json npm-shrinkwrap.json",
      ["/app/node_modules"])),
    ({"package.json": "{}", ".npmrc": "x"},
     ([("package*.json", "/app"), (".npmrc", "/app")], "package*.json .npmrc", ["/app/node_modules"])),
    ({"package.json": "{}", ".npmrc": "x", "Dockerfile.dockerignore": ".npmrc\n"}, NPM_NEEDS),  # its own ignore file
    ({"package.json": b'{"name": "caf\xe9"}'}, NPM_NEEDS),  # not UTF-8: read anyway
])
def test_install_reads_the_files_beside_package_json(tmp_path: Path, files: dict[str, str | bytes],
                                                      expected: object) -> None:
    assert reads(tmp_path, files=files) == expected


def test_install_reads_a_subfolder_of_the_context(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"web/package.json": "{}", "web/.npmrc": "x"}
    assert reads(tmp_path, files=files, before="WORKDIR /app\nCOPY web/ .\n") == (
        [("web/package*.json", "/app"), ("web/.npmrc", "/app")], "web/package*.json web/.npmrc",
        ["/app/node_modules"])


def test_install_reads_a_package_json_outside_the_context(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, PKG)
    (tmp_path / "ctx").mkdir()
    (tmp_path / "ctx" / "web").symlink_to(outside, target_is_directory=True)
    found = reads(tmp_path / "ctx", files={}, before="WORKDIR /app\nCOPY web/ .\n")
    assert found == "package.json is outside the build context"


# -- _install_reads: workspace packages ------------------------------------------------------------------------

WS = '{"workspaces": ["packages/*"]}'
WS_NEEDS = ([("package*.json", "/app"), ("packages/a/package.json", "/app/packages/a")],
            "package*.json and the package.json of 1 workspace package",
            ["/app/node_modules", "/app/packages/a/node_modules"])


@pytest.mark.parametrize(("run", "files", "expected"), [
    ("npm ci", {"package.json": WS, "packages/a/package.json": "{}"}, WS_NEEDS),
    ("npm ci", {"package.json": '{"workspaces": {"packages": ["packages/*"]}}', "packages/a/package.json": "{}"},
     WS_NEEDS),
    ("npm ci", {"package.json": '{"workspaces": {"nohoist": ["**"]}}', "packages/a/package.json": "{}"}, NPM_NEEDS),
    ("npm ci", {"package.json": WS, "packages/a/package.json": '{"scripts": {"prepare": "tsc"}}'},
     "the workspace package packages/a runs prepare on install with its sources"),
    ("npm ci --ignore-scripts", {"package.json": WS, "packages/a/package.json": '{"scripts": {"prepare": "tsc"}}'},
     WS_NEEDS),
    ("npm ci", {"package.json": WS, "packages/a/package.json": "{}", "packages/a/binding.gyp": "{}"},
     "the workspace package packages/a runs node-gyp on install with its sources"),
    ("npm ci --ignore-scripts", {"package.json": WS, "packages/a/package.json": "{}", "packages/a/binding.gyp": "{}"},
     WS_NEEDS),
    # the root package's scripts are checked once, and only without --ignore-scripts
    ("npm ci --ignore-scripts", {"package.json": '{"workspaces": ["packages/*"], "scripts": {"prepare": "husky"}}',
                                 "packages/a/package.json": "{}"}, WS_NEEDS),
    ("npm ci", {"package.json": WS, "packages/a/package.json": '{"bin": {"a": "cli.js"}}'},
     "the workspace package packages/a links its bin files, which come with the sources"),
    ("npm ci", {"package.json": '{"workspaces": ["packages/*"], "bin": "cli.js"}', "packages/a/package.json": "{}"},
     WS_NEEDS),  # the root's own bin is linked from the sources of a later COPY anyway
    ("npm ci", {"package.json": WS, "packages/a/package.json": '{"dependencies": {"b": "file:../b"}}'},
     "the dependencies entry b of packages/a/package.json is a local package of the sources (file:../b)"),
    ("npm ci", {"package.json": '{"workspaces": ["packages/*"], "dependencies": {"b": "file:vendor/b"}}',
                "packages/a/package.json": "{}"},
     "the dependencies entry b is a local package of the sources (file:vendor/b)"),
    # a workspace: spec names a member, which the install links from its copied package.json
    ("npm ci", {"package.json": '{"workspaces": ["packages/*"], "dependencies": {"a": "workspace:*"}}',
                "packages/a/package.json": "{}"}, WS_NEEDS),
    ("npm ci", {"package.json": '{"dependencies": {"a": "workspace:*"}}'},
     "the dependencies entry a is a local package of the sources (workspace:*)"),
    ("npm ci", {"package.json": '{"workspaces": "packages"}', "packages/package.json": "{}"}, UNLISTED),
    ("npm ci", {"package.json": WS, "packages/a/package.json": "{}", "packages/b/package.json": "{}"},
     ([("package*.json", "/app"), ("packages/a/package.json", "/app/packages/a"),
       ("packages/b/package.json", "/app/packages/b")], "package*.json and the package.json of 2 workspace packages",
      ["/app/node_modules", "/app/packages/a/node_modules", "/app/packages/b/node_modules"])),
])
def test_install_reads_workspaces(tmp_path: Path, run: str, files: dict[str, str | bytes], expected: object) -> None:
    assert reads(tmp_path, run, files) == expected


# -- _workspace_members ----------------------------------------------------------------------------------------

def members(context: Path, globs: object, files: dict[str, str | bytes] | None = None) -> object:
    write(context, {"package.json": "{}", **(files or {})})
    s = subject(context, "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n", Project())
    return node._workspace_members(s, NPM, {"workspaces": globs}, context)


A = {"packages/a/package.json": '{"name": "a"}'}


@pytest.mark.parametrize(("globs", "files", "expected"), [
    (["packages/*"], A, [("packages/a", {"name": "a"})]),
    (["/packages/*/"], A, [("packages/a", {"name": "a"})]),  # slashes around a glob do not count
    (["X"], {"X/package.json": "{}"}, [("X", {})]),
    ([], A, []),
    ("packages", {"packages/package.json": "{}"}, UNLISTED),  # a string, not a list
    (5, A, UNLISTED),
    ([5], A, UNLISTED),
    (["/"], A, UNLISTED),
    (["!packages/a"], A, UNLISTED),
    (["../shared"], A, UNLISTED),
    (["packages/a**"], A, UNLISTED),  # not a glob pathlib reads
])
def test_workspace_members_of_package_json(tmp_path: Path, globs: object, files: dict[str, str | bytes],
                                           expected: object) -> None:
    assert members(tmp_path, globs, files) == expected


@pytest.mark.parametrize(("content", "expected"), [
    (b'{"name": "caf\xe9"}', [("packages/a", {"name": "caf\ufffd"})]),  # not UTF-8: read anyway
    ("{", "the workspace package.json of packages/a is not readable"),
    ("[1]", "the workspace package.json of packages/a is not readable"),
])
def test_workspace_members_read_each_package_json(tmp_path: Path, content: str | bytes, expected: object) -> None:
    assert members(tmp_path, ["packages/*"], {"packages/a/package.json": content}) == expected


def test_workspace_members_of_pnpm_without_a_project(tmp_path: Path) -> None:
    write(tmp_path, {"package.json": "{}", "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n", **A})
    s = subject(tmp_path, "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN pnpm install\nCMD [\"node\", \"a.js\"]\n")
    assert node._workspace_members(s, PNPM, {}, tmp_path) == [("packages/a", {"name": "a"})]


# -- _json, _package_json, _start_file, _output_dirs: the files as the build sees them -------------------------

def node_subject(context: Path, text: str, files: dict[str, str | bytes]) -> Subject:
    write(context, files)
    s = subject(context, text, Project())
    s.build = node.detect(s)
    return s


def test_json_without_a_path_is_none(tmp_path: Path) -> None:
    s = node_subject(tmp_path, "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n", PKG)
    assert node._json(s, None, s.stage.body()[-1]) is None


def test_package_json_of_an_install_in_an_unknown_folder(tmp_path: Path) -> None:
    s = node_subject(tmp_path, "FROM node:20\nARG D\nWORKDIR $D\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n", PKG)
    assert node._package_json(s, s.commands[0]) is None


LATER = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\nCOPY later/ .\nCMD {cmd}\n"


def test_start_file_reads_package_json_as_the_build_left_it(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"package.json": '{"scripts": {"start": "node dist/main.js"}}',
                                     "later/package.json": '{"scripts": {"start": "node build/other.js"}}'}
    s = node_subject(tmp_path, LATER.format(cmd='["npm", "start"]'), files)
    assert node._start_file(s, "/app") == ("dist/main.js", "package.json scripts.start")


def test_output_dirs_read_the_configs_as_the_build_left_them(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"package.json": "{}", "later/nest-cli.json": "{}",
                                     "later/tsconfig.json": '{"compilerOptions": {"outDir": "out2"}}'}
    s = node_subject(tmp_path, LATER.format(cmd='["node", "dist/main.js"]'), files)
    found = node._output_dirs(s, "/app")
    assert found == {d: "the build output folder" for d in ("dist", "build", ".next", "out", "lib")}
    assert list(found) == ["dist", "build", ".next", "out", "lib"]


# -- plan ------------------------------------------------------------------------------------------------------

HEAD = "FROM node:20\nWORKDIR /app\nCOPY . .\n"


def verdict(context: Path, text: str, files: dict[str, str | bytes] | None = None) -> object:
    """The plan's ecosystem, setup lines and evidence, or ``LINE: message`` of the finding."""
    write(context, files if files is not None else PKG)
    found = analyze(parse(text), Context(path=context / "Dockerfile", project=Project(), context_dir=context))
    if isinstance(found, Plan):
        return found.ecosystem, [i.lineno for i in found.setup], found.evidence
    assert isinstance(found, Finding), found
    return f"{text.count(chr(10), 0, found.offset) + 1}: {found.message}"


SCRIPT = "the start command runs a script (not a build output beside package.json and node_modules): the whole " \
         "pruned /app is copied"
FOLLOWS = "the install at line {} still follows the COPY of the sources (line 3): no .dockerignore leaves out " \
          "node_modules, so the sources' COPY after the install could write a local node_modules over the installed one"


@pytest.mark.parametrize(("body", "cmd", "expected"), [
    ("RUN npm ci\nRUN sed -i s/a/b/ src/config.js\nRUN npm run build\n", '["node", "dist/main.js"]',
     "5: build changes the image: RUN at line 5 runs sed; cannot tell whether the runtime stage needs what it "
     "changes"),
    ("RUN npm run build\n", '["node", "dist/main.js"]',
     "4: artifact unknown: no dependency install before the build, so no node_modules to prune"),
    # a global pnpm tool does not make the project a pnpm one
    ("RUN pnpm add -g serve\nRUN npm ci\nRUN npm run build\n", '["node", "dist/main.js"]',
     ("npm", [], ["npm run build at line 6",
                  "node_modules pruned to the production dependencies (npm prune --omit=dev)",
                  "the start file dist/main.js (from CMD/ENTRYPOINT) is in dist/ (the build output folder): only it, "
                  "package.json and node_modules are copied", FOLLOWS.format(5)])),
    # a global tool the program is: its RUN is repeated in the runtime stage, and it is not the project's install
    ("RUN yarn global add serve\nRUN yarn install\nRUN yarn build\n", '["serve", "-s", "dist"]',
     ("yarn", [4], ["yarn build at line 6", "node_modules pruned to the production dependencies (yarn install "
                    "--production --frozen-lockfile --ignore-scripts --prefer-offline)", SCRIPT, FOLLOWS.format(5),
                    "RUNs installing what the program runs repeated: line 4"])),
    ("RUN npm install --global serve\nRUN npm ci\nRUN npm run build\n", '["serve", "-s", "dist"]',
     ("npm", [4], ["npm run build at line 6",
                   "node_modules pruned to the production dependencies (npm prune --omit=dev)", SCRIPT,
                   FOLLOWS.format(5), "RUNs installing what the program runs repeated: line 4"])),
    # a local install of the program is not a global one
    ("RUN npm ci\nRUN npm install next\nRUN npm run build\n", '["next", "start"]',
     "1: artifact unknown: the start command runs next, which the runtime stage may not have"),
    ("RUN npm ci\nRUN git config --global url.x.insteadOf serve\nRUN npm run build\n", '["serve", "-s", "dist"]',
     "1: artifact unknown: the start command runs serve, which the runtime stage may not have"),
])
def test_plan(tmp_path: Path, body: str, cmd: str, expected: object) -> None:
    assert verdict(tmp_path, f"{HEAD}{body}CMD {cmd}\n") == expected


def test_plan_without_a_start_command(tmp_path: Path) -> None:
    """analyze stops before the planner without CMD; the planner itself says the program is unknown."""
    s = node_subject(tmp_path, HEAD + "RUN npm ci\nRUN npm run build\n", PKG)
    found = node.plan(s)
    assert isinstance(found, Finding)
    assert found.message == "artifact unknown: the start command runs , which the runtime stage may not have"


@pytest.mark.parametrize(("run", "option"), [
    ("npm ci --prefix=/opt/app", "--prefix"),
    ("npm ci --prefix=/opt/a=b", "--prefix"),  # the value may hold another "="
    ("npm ci -C /opt/app", "-C"),
    ("npm ci --dir=/opt/app", "--dir"),
    ("pnpm install --dir /opt/app", "--dir"),
    ("yarn install --cwd=/opt/app", "--cwd"),
    ("yarn install --modules-folder /opt/modules", "--modules-folder"),
])
def test_an_install_into_another_folder_is_not_split(tmp_path: Path, run: str, option: str) -> None:
    """node_modules is not in the install's folder, where the runtime stage would copy it from."""
    text = f"FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN {run}\nCOPY . .\nRUN npm run build\n" \
           'CMD ["node", "dist/main.js"]\n'
    pkg = {"package.json": '{"scripts": {"build": "tsc"}}'}
    assert verdict(tmp_path, text, pkg) == f"4: artifact unknown: line 4 installs into another folder ({option})"
