"""Which words of an ``apk add`` are build-only, which runtime libraries they leave behind, and whether the
container's start command needs a toolchain."""

from __future__ import annotations

import re

from refactor import lazy_re
from refactor.commands import strip_wrappers, tool_name
from refactor.document import Instruction
from refactor.images import ALPINE
from refactor.knowledge.clis import NODE_INSTALL_COMMANDS
from refactor.knowledge.packages import (
    FETCH_ONLY,
    NODE_GYP_TOOLS,
    PHPIZE_DEPS_ALPINE,
    binaries_of,
    compiles,
    cxx_runtime_for,
    is_build_only,
    package_name,
    runtime_for,
    variable_name,
)
from refactor.knowledge.programs import RUNTIME_INSTALLERS
from refactor.shell import ShellCommand, ShellWord

_START_SPLIT = lazy_re.compile(r"[\s;&|()]+")


def runtime_build(later: list[Instruction]) -> str | None:
    """Why the container's start command needs a toolchain (it installs or compiles at run time), or None."""
    for ins in later:
        if ins.name not in ("CMD", "ENTRYPOINT"):
            continue
        argv = ins.json_args if ins.is_json else [w.value for w in ins.words]
        tokens = [t for a in argv or [] for t in _START_SPLIT.split(a) if t]
        for j, token in enumerate(tokens):
            prog = token.rsplit("/", 1)[-1]
            if prog in RUNTIME_INSTALLERS:
                return f"{ins.name} at line {ins.lineno} runs {prog} ({RUNTIME_INSTALLERS[prog]})"
            if not token.startswith("-") and compiles(tokens[j:]):
                return f"{ins.name} at line {ins.lineno} runs {' '.join(tokens[j:j + 2])}"
    return None


def _is_node_install(cmd: ShellCommand) -> bool:
    argv = [a for a in cmd.argv if not a.startswith("-")]
    return any(tuple(argv[:len(p)]) == p for p in NODE_INSTALL_COMMANDS)


def _runs_python(cmd: ShellCommand) -> bool:
    """``python3 …``, ``pip3 install …``, ``pipx …``: the command needs Python, not just node-gyp."""
    words, _ = strip_wrappers(cmd)  # sudo -H, env X=1, exec… as refactor.commands reads them
    return bool(words) and re.fullmatch(r"(python|pip|pipx)[0-9.]*", tool_name(words[0].value)) is not None


def build_only(word: ShellWord, scope: list[ShellCommand], used: set[str], runtime: str | None,
               strict: bool = True) -> bool:
    """True when ``word`` of the apk add names a package only the build needs: nothing later (``used``: the
    words of later instructions) runs it. ``scope``: the RUN's commands that may use it. ``strict`` False
    (the user chose what to delete): only toolchains and headers, no fetch tools or node-gyp's Python."""
    raw, value = word.raw, word.value
    if "$(" in raw or "`" in raw:
        return False
    if value.startswith("$"):
        if variable_name(value) == "PHPIZE_DEPS":
            return not any(set(binaries_of(p, ALPINE)) & used for p in PHPIZE_DEPS_ALPINE)
        return False  # unknown variable: could hold anything, keep it
    name = package_name(value)
    if name in FETCH_ONLY:
        # Only a tool the RUN itself calls (git clone …) counts as fetch-only: a program may
        # shell out to git at runtime (errbot plugins, GitPython).
        if not strict or not any(c.is_(name) for c in scope):
            return False
    elif name in NODE_GYP_TOOLS:
        if not strict or runtime != "node" or not any(_is_node_install(c) for c in scope):
            return False
        if any(_runs_python(c) for c in scope):
            return False  # the RUN installs or runs Python code itself: not only node-gyp's
    elif not is_build_only(name, ALPINE):
        return False
    if _stem_used(name, used):
        return False
    return not set(binaries_of(name, ALPINE)) & used


def runtime_needed(words: list[ShellWord], runtime: str | None) -> list[str]:
    """The runtime packages that must stay when ``words`` are deleted (``postgresql-dev`` → ``libpq``)."""
    out: list[str] = []
    for w in words:
        name = package_name(w.value)
        if name == "python3-dev" and runtime == "python":
            continue  # the image's own Python lives in /usr/local
        rt = runtime_for(name, ALPINE)
        if rt and rt not in out:
            out.append(rt)
    # The official node images already keep libstdc++ (node links it); elsewhere a C++ build
    # (a pip/pecl extension, a cmake project) would lose it with the compiler.
    for w in words:
        cxx = cxx_runtime_for(w.value, ALPINE) if runtime != "node" else None
        if cxx and cxx not in out:
            out.append(cxx)
    return out


def _stem_used(name: str, used: set[str]) -> bool:
    """True when a later instruction runs a command named after a ``-dev`` package's project
    (``avahi-daemon`` for ``avahi-dev``): the -dev package may be what installed it."""
    if not name.endswith("-dev"):
        return False
    stem = name[:-len("-dev")]
    if runtime_for(name, ALPINE) == stem:
        return False  # python3-dev → python3: the runtime package stays anyway
    return any(u == stem or u.startswith(stem + "-") for u in used)
