"""The one package query of the build-deps passes that needs a document: ``first_compiling_run`` (the package
facts themselves are in ``refactor.knowledge.packages``)."""

from __future__ import annotations

from refactor.document import Instruction
from refactor.knowledge.packages import compiles
from refactor.shell import shell_of


def first_compiling_run(instructions: list[Instruction]) -> Instruction | None:
    """The first RUN among ``instructions`` that compiles; a RUN we cannot parse counts when it looks
    like a build (``make``, ``install``, ``build``, ``gcc``): assume the worst."""
    for ins in instructions:
        if ins.name != "RUN":
            continue
        script = shell_of(ins)
        if script is None:
            if any(w in ins.logical.text for w in ("make", "install", "build", "gcc")):
                return ins
            continue
        if any(compiles(c.argv) for c in script.commands):
            return ins
    return None
