"""Package knowledge for the build-deps passes: ``refactor.knowledge.packages`` (re-exported here for the
passes that import it from this module), and the one query that needs a document, ``first_compiling_run``."""

from __future__ import annotations

from refactor.document import Instruction
from refactor.knowledge.packages import (
    ALPINE,
    BUILD_VARIABLES,
    COMPILE_COMMANDS,
    CXX_RUNTIME,
    CXX_TOOLCHAINS,
    DEBIAN,
    FETCH_COMMANDS,
    FETCH_ONLY,
    PHPIZE_DEPS_ALPINE,
    binaries_of,
    compiles,
    cxx_runtime_for,
    fetches,
    is_build_only,
    is_variable,
    package_name,
    runtime_for,
    variable_name,
)
from refactor.shell import shell_of

__all__ = [
    "ALPINE", "BUILD_VARIABLES", "COMPILE_COMMANDS", "CXX_RUNTIME", "CXX_TOOLCHAINS", "DEBIAN", "FETCH_COMMANDS",
    "FETCH_ONLY", "PHPIZE_DEPS_ALPINE", "binaries_of", "compiles", "cxx_runtime_for", "fetches",
    "first_compiling_run", "is_build_only", "is_variable", "package_name", "runtime_for", "variable_name",
]


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
