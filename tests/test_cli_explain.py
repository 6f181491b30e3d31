"""Every pass is registered once, documented with the four sections, and reachable by id and alias."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from refactor.cli import app
from transforms import PASSES, loaded

SECTIONS = ("What it does", "Why", "Example", "Fix safety")
TRANSFORMS = Path(__file__).resolve().parent.parent / "transforms"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
runner = CliRunner()


def _heading(line: str) -> str | None:
    """The section a line opens (``What it does``, ``## Why``, ``Example:``), or None. Headings are not indented."""
    if line.startswith((" ", "\t")):
        return None
    name = line.strip().lstrip("#").strip().rstrip(":").strip()
    return name if name in SECTIONS else None


def _headings(doc: str) -> list[str]:
    return [h for line in doc.splitlines() if (h := _heading(line))]


def _sections(doc: str) -> dict[str, str]:
    out: dict[str, str] = {}
    current = None
    for line in doc.splitlines():
        if h := _heading(line):
            current = h
            out[h] = ""
        elif current:
            out[current] += line + "\n"
    return out


def _modules() -> list[str]:
    return sorted(p.stem for p in TRANSFORMS.glob("*.py") if not p.stem.startswith("_"))


def _registered_modules() -> list[str]:
    """Module names named by ``from transforms import x`` or ``later("x")`` in the registry, as written (duplicates
    kept)."""
    tree = ast.parse((TRANSFORMS / "__init__.py").read_text(encoding="utf-8"))
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "transforms":
            out += [a.name for a in node.names]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "later":
            out += [a.value for a in node.args if isinstance(a, ast.Constant)]
    return out


@pytest.mark.parametrize("p", PASSES, ids=[p.id for p in PASSES])
def test_doc_has_the_four_sections_in_order(p) -> None:
    assert _headings(p.doc) == list(SECTIONS), f"{p.id}: doc headings are {_headings(p.doc)}"
    for section, body in _sections(p.doc).items():
        assert body.strip(), f"{p.id}: section {section!r} is empty"
    assert p.summary.strip(), f"{p.id}: no summary"


def test_ids_and_aliases_are_unique() -> None:
    names = [p.id for p in PASSES] + [a for p in PASSES for a in p.aliases]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert not dupes, f"ids/aliases used twice: {dupes}"
    bad = [p.id for p in PASSES if not ID.match(p.id)]
    assert not bad, f"ids that are not kebab-case: {bad}"


def test_every_module_is_registered_exactly_once() -> None:
    registered = _registered_modules()
    twice = sorted({m for m in registered if registered.count(m) > 1})
    assert not twice, f"modules imported twice in the registry: {twice}"
    unregistered = sorted(set(_modules()) - set(registered))
    assert not unregistered, f"modules under transforms/ missing from the registry: {unregistered}"
    unknown = sorted(set(registered) - set(_modules()))
    assert not unknown, f"registry imports with no module under transforms/: {unknown}"
    listed = [id(p) for p in loaded()]  # the passes as their modules define them
    assert len(set(listed)) == len(listed), "a pass is listed twice in PASSES"
    for name in _modules():
        module = importlib.import_module(f"transforms.{name}")
        own = getattr(module, "PASSES", ())
        assert own, f"transforms/{name}.py defines no PASSES"
        for p in own:
            assert listed.count(id(p)) == 1, f"{p.id} from transforms/{name}.py is not in the registry once"


def test_list_documents_every_pass() -> None:
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0, result.output
    for p in PASSES:
        line = next((ln for ln in result.output.splitlines() if ln.split()[:1] == [p.id]), None)
        assert line is not None, f"{p.id} missing from 'dockmod list'"
        assert p.safety.value in line and p.summary in line
        for alias in p.aliases:
            assert alias in line


@pytest.mark.parametrize("name", [n for p in PASSES for n in (p.id, *p.aliases)])
def test_explain_by_id_or_alias(name: str) -> None:
    p = next(p for p in PASSES if name == p.id or name in p.aliases)
    result = runner.invoke(app, ["explain", name])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{p.id} ({p.safety.value}): {p.summary}")
    assert _headings(result.output) == list(SECTIONS)


def test_explain_unknown_id_fails() -> None:
    result = runner.invoke(app, ["explain", "no-such-pass"])
    assert result.exit_code == 2
