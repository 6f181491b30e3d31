"""Mutation tests for transforms/stage_split/go.py: the Go planner of the multi-stage pass (the binary, the base it
runs on, and the files copied along). Each test asserts behaviour a surviving mutant changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.document import parse
from refactor.edits import Finding
from refactor.knowledge.runtime_bases import RuntimeChoice
from refactor.passes import Context
from refactor.project import Project
from transforms.multi_stage import analyze
from transforms.stage_split import go
from transforms.stage_split.layout import Plan
from transforms.stage_split.subject import Command, Subject

SRC = "WORKDIR /src\nCOPY . .\n"
STATIC_BUILD = "RUN CGO_ENABLED=0 go build -o /out/app .\n"
DIGEST = "sha256:" + "a" * 64
DISTROLESS = RuntimeChoice("gcr.io/distroless/static-debian12", "distroless static (CGO_ENABLED=0: a static binary; it "
                           "ships CA certificates, tzdata and a nonroot user)")
BOOKWORM = RuntimeChoice("debian:bookworm-slim", "debian:bookworm-slim, the Debian release golang:1.22 is built on (a "
                         "cgo binary needs the same glibc or a newer one)")


def subject(text: str, context: Path | None = None) -> Subject:
    """The final stage of ``text``, its Go builds as the build (as ``analyze`` sets them)."""
    doc = parse(text)
    ctx = Context(path=context / "Dockerfile" if context else None, project=Project(), context_dir=context)
    assert doc.final_stage is not None
    s = Subject(doc, doc.final_stage, ctx)
    s.build = go.detect(s)
    return s


def context(tmp_path: Path, gomod: str | bytes | None = "module example.com/api\n",
            dirs: tuple[str, ...] = ()) -> Path:
    if isinstance(gomod, bytes):
        (tmp_path / "go.mod").write_bytes(gomod)
    elif gomod is not None:
        (tmp_path / "go.mod").write_text(gomod)
    (tmp_path / "main.go").write_text("package main\n")
    for d in dirs:
        (tmp_path / d).mkdir(parents=True)
    return tmp_path


def verdict(tmp_path: Path, text: str) -> object:
    """The plan's runtime, copies and packages, or ``LINE: message`` of the finding."""
    ctx = Context(path=tmp_path / "Dockerfile", project=Project(), context_dir=context(tmp_path))
    found = analyze(parse(text), ctx)
    if isinstance(found, Plan):
        return found.runtime, found.copies, found.packages
    assert isinstance(found, Finding), found
    return f"{text.count(chr(10), 0, found.offset) + 1}: {found.message}"


def command(s: Subject, tool: str = "go") -> Command:
    return next(c for c in s.commands if c.tool == tool)


# -- inside ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "folder", "expected"), [
    ("/src", "/src", True),
    ("/src/a", "/src/", True),  # a folder written with its trailing slash
    ("/src/a", "/src", True),
    ("/srcX/a", "/src", False),
    ("/src/a", "/srcX", False),
])
def test_inside(path: str, folder: str, expected: bool) -> None:
    assert go.inside(path, folder) is expected


# -- _copied_into ------------------------------------------------------------------------------------------------

def test_copied_into_lists_the_destinations_of_the_builds_copies_from_the_context() -> None:
    s = subject("FROM golang:1.22\nARG D\nWORKDIR $D\n"
                "COPY . app\n"  # the WORKDIR is unknown: against the root
                "WORKDIR /src\n"
                "COPY --from=golang:1.21 /usr/local/go /opt/go\n"  # not from the build context
                "COPY a.txt b.txt /dest\n"  # the destination is the last word
                "COPY . .\n"
                "ADD vendor.tgz vendor\n"
                "COPY . $DEST\n"  # unknown
                "RUN go build -o /out/app .\n"
                "COPY late.txt /late\n"  # after the build
                "WORKDIR /other\n"  # the COPYs' own WORKDIR counts, not this one
                "CMD [\"/out/app\"]\n")
    assert go._copied_into(s) == ["/app", "/dest", "/src", "/src/vendor"]


# -- _assets -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # the build's folder, not the last WORKDIR
    (SRC + STATIC_BUILD + "WORKDIR /app\nCMD [\"/out/app\"]\n", ["/src/templates"]),
    # what the build saw, not what a later COPY puts there
    (SRC + STATIC_BUILD + "COPY other /src\nCMD [\"/out/app\"]\n", ["/src/templates"]),
    # the sources at the root: nothing to pick out
    ("WORKDIR /\nCOPY . .\n" + STATIC_BUILD + "CMD [\"/out/app\"]\n", []),
])
def test_assets_are_the_folders_the_build_saw(tmp_path: Path, text: str, expected: list[str]) -> None:
    ctx = context(tmp_path, dirs=("templates", "other/x"))
    assert go._assets(subject("FROM golang:1.22\n" + text, ctx)) == expected


# -- _module_name ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("gomod", "expected"), [
    ("// Package tool.\nmodule example.com/tool\n", "tool"),  # the module line need not come first
    (b"// caf\xe9\nmodule example.com/tool\n", "tool"),  # not UTF-8: read anyway
    ("module example.com/toolX\n", "toolX"),
    ('module "example.com/tool"\n', "tool"),
    ("module example.com/v2\n", "example.com"),  # a major version suffix is not the name
    ("module v2\n", "v2"),  # unless it is the whole path
])
def test_module_name(tmp_path: Path, gomod: str | bytes, expected: str) -> None:
    s = subject("FROM golang:1.22\n" + SRC + "RUN go build .\nCMD [\"/src/x\"]\n", context(tmp_path, gomod))
    assert go._module_name(s, command(s), "/src") == expected


def test_module_name_is_read_from_the_go_mod_the_build_sees(tmp_path: Path) -> None:
    ctx = context(tmp_path, "module example.com/first\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "go.mod").write_text("module example.com/second\n")
    s = subject("FROM golang:1.22\n" + SRC + "RUN go build .\nCOPY sub/go.mod go.mod\nCMD [\"/src/first\"]\n", ctx)
    assert go._module_name(s, command(s), "/src") == "first"


# -- _output -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("run", "expected"), [
    ("go build ./cmd/toolX/", ("/src/toolX", "go build at line 4 names it after the package folder ./cmd/toolX/")),
    ("go build ./cmd/a ./cmd/b", (None, "")),  # several packages
    ("go build ./...", (None, "")),
    ("go build example.com/api", (None, "")),  # an import path
])
def test_output(tmp_path: Path, run: str, expected: tuple[str | None, str]) -> None:
    s = subject(f"FROM golang:1.22\n{SRC}RUN {run}\nCMD [\"/src/x\"]\n", context(tmp_path))
    assert go._output(s, command(s)) == expected


def test_output_without_go_mod(tmp_path: Path) -> None:
    s = subject(f"FROM golang:1.22\n{SRC}RUN go build .\nCMD [\"/src/x\"]\n", context(tmp_path, None))
    assert go._output(s, command(s)) == (None, "")


def test_output_of_a_command_that_is_not_a_build_names_the_module(tmp_path: Path) -> None:
    """A command GO_BUILD does not match reads as ``go build`` of the current folder."""
    s = subject(f"FROM golang:1.22\n{SRC}RUN go vet .\nCMD [\"/src/x\"]\n", context(tmp_path))
    assert go._output(s, command(s)) == ("/src/api", "go build at line 4 names it after the module path in go.mod")


# -- _static -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "expected"), [
    ("RUN export CGO_ENABLED=0 && go build -o /out/app .\n", True),
    ("RUN export GOFLAGS=-mod=vendor && go build -o /out/app .\n", False),  # another export
    ("ENV CGO_ENABLED=0\nRUN go build -o /out/app .\n", True),
    ("RUN go build -o /out/app .\nENV CGO_ENABLED=0\n", False),  # set only after the build
])
def test_static(body: str, expected: bool) -> None:
    s = subject(f"FROM golang:1.22\nWORKDIR /src\n{body}CMD [\"/out/app\"]\n")
    assert go._static(s, command(s)) is expected


# -- plan --------------------------------------------------------------------------------------------------------

def test_a_shell_form_entrypoint_needs_a_shell(tmp_path: Path) -> None:
    text = f"FROM golang:1.22\n{SRC}{STATIC_BUILD}ENTRYPOINT /out/app\n"
    assert verdict(tmp_path, text) == (BOOKWORM, [("/out/app", "/out/app")], ["ca-certificates"])


@pytest.mark.parametrize("base", [f"golang:1.22@{DIGEST}", f"golang@{DIGEST}", "golang@a@b"])
def test_a_golang_base_with_a_digest_is_golang(tmp_path: Path, base: str) -> None:
    text = f"FROM {base}\n{SRC}{STATIC_BUILD}CMD [\"/out/app\"]\n"
    assert verdict(tmp_path, text) == (DISTROLESS, [("/out/app", "/out/app")], [])


def test_a_base_that_installs_golang_is_its_own_runtime(tmp_path: Path) -> None:
    text = f"FROM debian:12\nRUN apt-get update && apt-get install -y golang\n{SRC}{STATIC_BUILD}CMD [\"/out/app\"]\n"
    assert verdict(tmp_path, text) == (
        RuntimeChoice("debian:12", "debian:12 itself, without the go toolchain the build installs", True),
        [("/out/app", "/out/app")], ["ca-certificates"])


LACKS = ("1: runtime base lacks a shell: {} has no shell or package manager, which the image needs ({}); set "
         "multi-stage.go-runtime=debian")


@pytest.mark.parametrize(("base", "packages", "tail", "expected"), [
    ("gcr.io/distroless/static-debian12", "", "CMD /out/app\n",
     LACKS.format("gcr.io/distroless/static-debian12", "a shell")),
    ("scratch", "", "CMD /out/app\n", LACKS.format("scratch", "a shell")),
    ("gcr.io/distroless/static-debian12", " tzdata", "CMD [\"/out/app\"]\n",
     LACKS.format("gcr.io/distroless/static-debian12", "tzdata")),
    ("gcr.io/distroless/static-debian12", " tzdata", "HEALTHCHECK CMD curl -f http://x/\nCMD [\"/out/app\"]\n",
     LACKS.format("gcr.io/distroless/static-debian12", "tzdata, curl")),
])
def test_a_base_without_a_shell_cannot_run_what_needs_one(tmp_path: Path, base: str, packages: str, tail: str,
                                                         expected: str) -> None:
    text = f"FROM {base}\nRUN apk add --no-cache go{packages}\n{SRC}{STATIC_BUILD}{tail}"
    assert verdict(tmp_path, text) == expected


def test_wget_is_installed_on_debian(tmp_path: Path) -> None:
    text = (f"FROM golang:1.22\n{SRC}RUN go build -o /out/app .\nHEALTHCHECK CMD wget -qO- http://x/\n"
            "CMD [\"/out/app\"]\n")
    assert verdict(tmp_path, text) == (BOOKWORM, [("/out/app", "/out/app")], ["ca-certificates", "wget"])


@pytest.mark.parametrize(("body", "cmd", "expected"), [
    (STATIC_BUILD, '["--help"]',
     "4: artifact unknown: the start command runs nothing, not the binary the build writes (/out/app)"),
    ("RUN go build -o /out/a . && go build -o /out/b .\n", '["/out/c"]',
     "4: artifact unknown: the start command runs c, not the binary the build writes (/out/a, /out/b)"),
])
def test_a_start_command_that_runs_another_program(tmp_path: Path, body: str, cmd: str, expected: str) -> None:
    assert verdict(tmp_path, f"FROM golang:1.22\n{SRC}{body}CMD {cmd}\n") == expected


@pytest.mark.parametrize("folder", ["/usr/bin", "/bin"])
def test_a_binary_on_the_path_of_every_base(tmp_path: Path, folder: str) -> None:
    text = f"FROM golang:1.22\n{SRC}RUN CGO_ENABLED=0 go build -o {folder}/app .\nCMD [\"app\"]\n"
    assert verdict(tmp_path, text) == (DISTROLESS, [(f"{folder}/app", f"{folder}/app")], [])
