"""Passes listed before their module is imported: the registry's ``later`` (see transforms/__init__.py)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from refactor.passes import Pass
from transforms import _table

if TYPE_CHECKING:
    from refactor.document import Document
    from refactor.passes import Context, Result

MODULES: list[str] = []  # the modules listed with later, in registry order
MODULE_OF: dict[str, str] = {}  # pass id -> its module, for the passes made from the table


def real(module: str, pass_id: str) -> Pass:
    """The pass as its module defines it (the module is imported now if it was not yet)."""
    return next(p for p in importlib.import_module(f"transforms.{module}").PASSES if p.id == pass_id)


def _run_later(module: str, pass_id: str) -> Callable[[Document, Context], Iterable[Result]]:
    def run(doc: Document, ctx: Context) -> Iterable[Result]:
        return real(module, pass_id).run(doc, ctx)

    return run


def later(module: str) -> tuple[Pass, ...]:
    """The passes of transforms/<module>.py from the table, each importing the module when it first runs."""
    MODULES.append(module)
    fields = _table.PASSES.get(module)
    if fields is None:  # a module the table does not list yet (python -m refactor.docs): imported now
        return importlib.import_module(f"transforms.{module}").PASSES
    MODULE_OF.update((f["id"], module) for f in fields)
    return tuple(Pass(run=_run_later(module, f["id"]), **f) for f in fields)
