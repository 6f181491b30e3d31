"""What a pass is: a stable id, a safety, a summary, options, and a function from document to fixes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refactor.edits import Finding, Fix, Safety

if TYPE_CHECKING:
    from refactor.document import Document
    from refactor.project import Project


@dataclass
class Context:
    """What a pass may know beyond the Dockerfile: its path, the user's options, the project around it."""

    path: Path | None = None
    options: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    project: Project | None = None
    context_dir: Path | None = None  # --context given by the user

    def option(self, pass_: Pass, key: str) -> Any:
        """The user's value for ``pass_.id``'s option ``key``, coerced to the default's type."""
        default = pass_.options[key]
        raw = self.options.get(pass_.id, {}).get(key)
        if raw is None:
            return default
        if isinstance(default, bool):
            return raw.lower() in ("1", "true", "yes", "on")
        return type(default)(raw)


Result = Fix | Finding


@dataclass(frozen=True)
class Pass:
    """A transform. ``run`` returns fixes and findings; it never writes, prints or exits."""

    id: str
    summary: str
    safety: Safety
    run: Callable[[Document, Context], Iterable[Result]]
    doc: str
    options: Mapping[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    cmd_ok: bool = False  # its RUN edits are also valid under Windows ``cmd`` (never under PowerShell)

    def __call__(self, doc: Document, ctx: Context) -> list[Result]:
        from refactor.shells import guard_shells

        return list(guard_shells(doc, self.run(doc, ctx), self.cmd_ok))
