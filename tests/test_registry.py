"""The registry's passes imported on first use: the generated table matches their modules, a module is imported only
when one of its passes runs, and every module that could be listed that way is."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

from refactor.docs import FIELDS, TABLE, later_modules, table_source
from refactor.document import parse
from refactor.passes import Context
from tests.paths import REPO
from transforms import PASSES, _lazy, loaded


def test_table_is_generated_from_the_modules() -> None:
    assert TABLE.read_text(encoding="utf-8") == table_source(later_modules()), "run: python -m refactor.docs README.md"


def test_table_passes_are_the_modules_passes_but_for_run() -> None:
    real = loaded()
    assert [p.id for p in real] == [p.id for p in PASSES]
    for listed, own in zip(PASSES, real, strict=True):
        assert {f: getattr(listed, f) for f in FIELDS} == {f: getattr(own, f) for f in FIELDS}, listed.id
        assert (listed is own) == (listed.id not in _lazy.MODULE_OF)


def test_a_module_is_listed_later_exactly_when_all_its_passes_have_triggers() -> None:
    """A pass without triggers runs on every file, so its module is imported at start anyway; one whose passes all
    have triggers belongs in the table (cold start)."""
    for name in sorted({p.run.__module__ for p in loaded()}):
        module = importlib.import_module(name)
        short = name.removeprefix("transforms.")
        assert (short in _lazy.MODULES) == all(p.triggers for p in module.PASSES), short


_FIRST_USE = """
import sys
from refactor.document import parse
from refactor.passes import Context
from transforms import PASSES
before = "transforms.apt_get_use_y" in sys.modules
p = next(p for p in PASSES if p.id == "apt-get-install-use-y")
fixes = p(parse("FROM debian:12\\nRUN apt-get install curl\\n"), Context())
print(before, "transforms.apt_get_use_y" in sys.modules, [f.message for f in fixes])
"""


def test_a_module_is_imported_when_one_of_its_passes_first_runs() -> None:
    res = subprocess.run([sys.executable, "-c", _FIRST_USE], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert res.returncode == 0, res.stderr
    before, after, messages = res.stdout.split(" ", 2)
    assert (before, after) == ("False", "True")
    assert "-y" in messages


def test_a_listed_pass_reports_what_its_module_reports() -> None:
    doc = parse("FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc && make && apk del .build-deps\n"
                "RUN apk add curl\n")
    for listed, own in zip(PASSES, loaded(), strict=True):
        if listed.id in _lazy.MODULE_OF and "apk" in listed.triggers:
            assert listed(doc, Context()) == own(doc, Context()), listed.id
