"""The ecosystem records' functions (refactor/knowledge/ecosystems/__init__.py): the gaps bench/mutation.py found."""

from __future__ import annotations

from refactor.document import parse
from refactor.knowledge.ecosystems import BuildCommand, Ecosystem
from refactor.knowledge.ecosystems.go import GO
from refactor.knowledge.ecosystems.node import PNPM
from refactor.knowledge.ecosystems.python import PIP
from refactor.shell import shell_of


def _build(eco: Ecosystem, line: str) -> BuildCommand:
    (build,) = [b for b in eco.builds if b.pattern.matches(line)]
    return build


def test_an_output_option_value_keeps_its_own_equals_signs() -> None:
    line = "go build -o=/out/app=v2 ./cmd/app"
    assert _build(GO, line).output_of(line) == "/out/app=v2"


def test_a_build_without_its_output_argument_names_none() -> None:
    line = "pnpm --filter=api deploy"
    assert _build(PNPM, line).output_of(line) is None
    line = "python3 -m venv"
    assert _build(PIP, line).output_of(line) is None


def test_output_of_a_shell_command_and_an_argv() -> None:
    script = parse("FROM golang:1.22\nRUN CGO_ENABLED=0 go build -o /out/server ./cmd/server\n").stages[0]
    view = shell_of(script.instructions[1])
    assert view is not None
    (cmd,) = view.commands
    build = _build(GO, "go build -o /out/server ./cmd/server")
    got = build.output_of(cmd)
    assert got == "/out/server" and isinstance(got, str)
    assert build.output_of(["go", "build", "-o", "/bin/app", "."]) == "/bin/app"
    assert build.output_of(["go", "vet", "./..."]) is None
