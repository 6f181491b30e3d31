"""Mutation tests for multi-stage part 1 (issue 11): transforms/stage_split/manifests.py, multi_stage.py, and the
go, static_site, java and rust planners. Each test asserts behaviour a surviving mutant changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.document import parse
from refactor.passes import Context
from refactor.project import Project
from transforms.stage_split import manifests
from transforms.stage_split.subject import Command, Subject


def subject(text: str, context: Path | None = None) -> Subject:
    doc = parse(text)
    ctx = Context(path=context / "Dockerfile" if context else None, project=Project(), context_dir=context)
    assert doc.final_stage is not None
    return Subject(doc, doc.final_stage, ctx)


def command(run: str) -> Command:
    s = subject(f"FROM node:20\nWORKDIR /app\nRUN {run}\nCMD [\"node\", \"x.js\"]\n")
    assert len(s.commands) == 1, s.commands
    return s.commands[0]


# -- manifests.reads_no_sources ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("run", "expected"), [
    ("apt-get install -y curl", True),
    ("apt-get install -y ./debs/", False),  # a local path: from the build context
    ("apt-get install -y ../tools", False),
    ("apt-get install -y /app/vendor/tool.deb", False),  # a package file, wherever it lies
    ("apk add --allow-untrusted /app/vendor/tool.apk", False),
    ("apk add --no-cache curl", True),
    ("pnpm add -g typescript", True),  # a global tool
    ("pnpm add --global typescript", True),
    ("pnpm add typescript", False),
    ("yarn global add serve", True),
    ("yarn add serve", False),
    ("pnpm config set store-dir /pnpm", True),
    ("yarn config set network-timeout 600000", True),
    ("pnpm run config", False),
    ("cd /app", True),
    ("rm -rf /app", False),  # the sources themselves
    ("rm -rf /app/node_modules", False),
    ("rm -rf /", False),  # above them
    ("rm -rf /*", False),
    ("rm -rf /ap /application", True),  # beside them
    ("rm -rf node_modules", False),  # relative: in the sources' folder
    ("rm /app/.env", False),  # no flag before it
    ("pip install --upgrade pip setuptools", True),
    ("pip install -U h5py", True),
    ("pip install -e .", False),
    # a name from the index beside a file of the context
    ("pip install -e ./lib wheel", False),
    ("pip install --editable ./lib wheel", False),
    ("pip install -r requirements.txt wheel", False),
    ("pip install --requirement requirements.txt wheel", False),
    ("pip install -c constraints.txt wheel", False),
    ("pip install --constraint constraints.txt wheel", False),
    ("pip install 3to2", False),  # not a name from the index
    ("pip install git+https://example.com/x.git", False),
])
def test_what_reads_no_sources(run: str, expected: bool) -> None:
    assert manifests.reads_no_sources(command(run), "/app") is expected


def test_sources_default_to_the_whole_image() -> None:
    """Without ``sources`` every absolute path may be theirs: an ``rm`` outside the home folder reads them."""
    assert not manifests.reads_no_sources(command("rm -rf /tmp/x"))
    assert manifests.reads_no_sources(command("rm -rf ~/.cache"))
    assert manifests.reads_no_sources(command("rm -rf /tmp/x"), "/app")


@pytest.mark.parametrize(("run", "sources", "expected"), [
    ("rm -rf /app/cache", "/appX", True),  # only the sources' own folder and what is below or above it
    ("rm -rf /appX", "/app/web", True),
    ("rm -rf /app", "/app/web", False),
    ("rm -rf /app/web/dist", "/app/web", False),
])
def test_what_rm_removes_of_the_sources(run: str, sources: str, expected: bool) -> None:
    assert manifests.reads_no_sources(command(run), sources) is expected


# -- manifests._may_write ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("copy", "path", "expected"), [
    ("COPY --from=deps /x /y $DEST", "/app/package.json", True),  # the destination (the last word) is unknown
    ("COPY --from=deps /x /y /srv/", "/app/package.json", False),  # the destination is the last word
    ("COPY --from=deps /x /y /app/", "/app/package.json", True),
    ("COPY --from=deps /x /app", "/app/web/package.json", True),  # deeper below the destination
    ("COPY --from=deps /x /appX", "/app/package.json", False),
])
def test_may_write_names_its_destination_by_the_last_word(copy: str, path: str, expected: bool) -> None:
    s = subject(f"FROM node:20\nWORKDIR /app\n{copy}\nCMD [\"node\", \"x.js\"]\n")
    assert manifests._may_write(s, s.stage.body()[1], path) is expected


def test_may_write_resolves_against_the_workdir_of_the_copy() -> None:
    s = subject("FROM node:20\nWORKDIR /app\nCOPY --from=deps /x .\nWORKDIR /srv\nCMD [\"node\", \"x.js\"]\n")
    assert manifests._may_write(s, s.stage.body()[1], "/app/package.json")
    assert not manifests._may_write(s, s.stage.body()[1], "/srv/package.json")


# -- manifests._overwritten --------------------------------------------------------------------------------------

def _local(rel: str) -> str:
    return (f"no .dockerignore leaves out {rel}, so the sources' COPY after the install could write a local "
            f"{rel.rsplit('/', 1)[-1]} over the installed one")


@pytest.mark.parametrize(("body", "writes", "expected"), [
    # the COPY's own WORKDIR, not the final one
    ("WORKDIR /app\nCOPY web .\nWORKDIR /srv\n", ["/app/node_modules"], _local("web/node_modules")),
    ("COPY web .\n", ["/node_modules"], _local("web/node_modules")),  # no WORKDIR: the root
    ("COPY web /\n", ["/node_modules"], _local("web/node_modules")),
    ("COPY web other /app\n", ["/app/node_modules"], _local("web/node_modules")),  # the last word is the folder
    ("COPY web /appX\n", ["/app/node_modules"], None),  # beside the sources' folder
    ("ARG D\nWORKDIR $D\nCOPY web app\n", ["/app/node_modules"], _local("web/node_modules")),  # unknown: the root
])
def test_overwritten_under_the_sources_folder(tmp_path: Path, body: str, writes: list[str], expected: object
                                              ) -> None:
    s = subject(f"FROM node:20\n{body}RUN npm ci\nCMD [\"node\", \"x.js\"]\n", tmp_path)
    copy = next(i for i in s.stage.body() if i.name == "COPY")
    assert manifests._overwritten(s, copy, "web", writes) == expected


def test_overwritten_reads_the_dockerfiles_own_ignore_file(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile.dockerignore").write_text("web/node_modules\n")
    s = subject("FROM node:20\nCOPY web /app\nRUN npm ci\nCMD [\"node\", \"x.js\"]\n", tmp_path)
    assert manifests._overwritten(s, s.stage.body()[0], "web", ["/app/node_modules"]) is None


# -- manifests._writer -------------------------------------------------------------------------------------------

def _writer_of(tmp_path: Path | None, body: str, path: str) -> tuple[int, str | None] | None:
    if tmp_path is not None:
        for name in ("package.json", "tsconfig.json", "Xapp/package.json", "app/package.json", "web/index.js"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text("{}\n")
    s = subject(f"FROM node:20\nWORKDIR /app\n{body}RUN npm ci\nCMD [\"node\", \"x.js\"]\n", tmp_path)
    install = next(i for i in s.stage.body() if i.name == "RUN")
    found = manifests._writer(s, path, install)
    return None if found is None else (found[0].lineno, found[1])


@pytest.mark.parametrize(("body", "path", "expected"), [
    ("COPY . .\nCOPY package.json\n", "/app/package.json", (4, None)),  # no destination: it may write anything
    ("COPY . .\nWORKDIR /srv\n", "/app/package.json", (3, ".")),  # the COPY's own WORKDIR
    ("WORKDIR /srv\nCOPY . .\nWORKDIR /app\n", "/app/package.json", None),
    ("COPY tsconfig.json package.json ./\n", "/app/package.json", (3, None)),  # every source but the last word
    ("COPY Xapp /app/web\n", "/app/web/package.json", (3, "Xapp")),
    ("COPY / /app/\n", "/app/package.json", (3, ".")),  # the context root written as /
    ("COPY . .\nCOPY --from=deps /x /app/node_modules\n", "/app/package.json", (3, ".")),  # past what cannot write it
    ("COPY web . /app/\n", "/app/package.json", (3, ".")),  # web holds no package.json: the next source does
    ("COPY Xapp /app/x\n", "/app/package.json", None),  # the folder goes below: it cannot write the manifest
    ("COPY Xapp /appX\n", "/app/package.json", None),  # beside it
    ("COPY missing.json /app/package.json\n", "/app/package.json", None),  # not in the context: copies nothing
    ("COPY package.json .\n", "/app/package.json", (3, None)),  # into the folder
    ("COPY tsconfig.json package.json /app\n", "/app/package.json", (3, None)),  # several sources: a folder
    ("COPY Xapp/package.json /app/package.json\n", "/app/package.json", (3, None)),  # a file onto its name
    ('COPY [".", "."]\n', "/app/package.json", (3, ".")),  # the JSON form
])
def test_writer_with_the_context(tmp_path: Path, body: str, path: str, expected: object) -> None:
    assert _writer_of(tmp_path, body, path) == expected


@pytest.mark.parametrize(("body", "path", "expected"), [
    ("COPY / /app/\n", "/app/package.json", (3, ".")),
    ("COPY . .\nWORKDIR /srv\n", "/app/package.json", (3, ".")),
    ("COPY . /\n", "/app/package.json", (3, ".")),
    ("COPY . /appX\n", "/app/package.json", None),
    ("COPY src . /app/\n", "/app/package.json", (3, ".")),  # only the context root is surely a folder
    ("COPY . .\nCOPY --from=deps /x /app/node_modules\n", "/app/package.json", (3, ".")),
])
def test_writer_without_the_context(body: str, path: str, expected: object) -> None:
    assert _writer_of(None, body, path) == expected


# -- manifests.first ---------------------------------------------------------------------------------------------

def test_first_copies_a_single_manifest_into_the_folder_by_default(tmp_path: Path) -> None:
    from refactor.edits import apply_edits

    (tmp_path / "package.json").write_text("{}\n")
    (tmp_path / ".dockerignore").write_text("**/node_modules\n")
    text = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\nRUN npm run build\nCMD [\"node\", \"x.js\"]\n"
    s = subject(text, tmp_path)
    installs = [c for c in s.commands if c.argv[:2] == ("npm", "install")]
    s.build = [c for c in s.commands if c.argv[:3] == ("npm", "run", "build")]
    found = manifests.first(s, installs, lambda c: "/app/package.json",
                            lambda c, folder: manifests.Needs([("package.json", "/app")], "package.json"))
    assert isinstance(found, manifests.Reorder), found
    assert apply_edits(text, list(found.edits)) == (
        "FROM node:20\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\n"
        "CMD [\"node\", \"x.js\"]\n")
