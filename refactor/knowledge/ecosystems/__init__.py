"""What dockmod knows about each language ecosystem, one module per language, each entry an ``Ecosystem``.

An ``Ecosystem`` is one package manager's conventions: the files that declare and lock dependencies, the
commands that install them (``CommandPattern``\\ s of ``refactor.commands``, abbreviations included), where it
caches downloads, the commands that build and what they write, the install that leaves development
dependencies out, and the slimmer images a built program can run on. The multi-stage pass reads them;
``tests/test_knowledge_ecosystems.py`` checks that every record is consistent with its own examples.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from refactor.commands import CommandPattern, split_command
from refactor.shell import ShellCommand


class BuildCommand(NamedTuple):
    """A command that builds, and where its output goes (relative to the WORKDIR unless absolute)."""

    pattern: CommandPattern
    outputs: tuple[str, ...]  # where the output lands by default (a trailing ``/`` marks a folder)
    output_option: str | None = None  # the option that names the output instead (``go build -o app``)
    output_arg: int | None = None  # or the positional argument that does (``python -m venv /opt/venv``)
    examples: tuple[str, ...] = ()

    def output_of(self, cmd: ShellCommand | Sequence[str] | str) -> str | None:
        """Where ``cmd`` (a match of ``pattern``) writes its output when the command line names it, else None."""
        m = self.pattern.match(split_command(cmd) if isinstance(cmd, str) else cmd)
        if m is None:
            return None
        values = [w if isinstance(w, str) else w.value for w in m.words]
        if self.output_option is not None:
            for i in m.valued:
                if values[i] == self.output_option:
                    return values[i + 1]
            for i in m.options:
                if values[i].startswith(self.output_option + "="):
                    return values[i].split("=", 1)[1]
        if self.output_arg is not None and self.output_arg < len(m.args):
            return values[m.args[self.output_arg]]
        return None


class RuntimeBase(NamedTuple):
    """A builder image and the smaller image its output runs on: ``node:20`` → ``node:20-slim``."""

    image: str  # regular expression over ``name:tag``, named groups used by ``runtime``
    runtime: str  # ``str.format`` template over the groups (a group that did not match is ``defaults[g]``)
    defaults: tuple[tuple[str, str], ...] = ()
    condition: str = ""  # when this runtime fits (``a static binary: CGO_ENABLED=0``); empty: always
    examples: tuple[tuple[str, str], ...] = ()  # (builder, runtime) pairs it must produce

    def runtime_for(self, image: str) -> str | None:
        """The runtime image for ``image`` (``name:tag``), or None when this rule does not apply."""
        m = re.fullmatch(self.image, image)
        if m is None:
            return None
        groups = {**dict(self.defaults), **{k: v for k, v in m.groupdict().items() if v is not None}}
        groups = {k: groups.get(k, "") for k in re.findall(r"\{(\w+)\}", self.runtime)}
        return self.runtime.format(**groups)


class Ecosystem(NamedTuple):
    """One package manager's conventions (``npm``, ``poetry``, ``cargo``…)."""

    name: str
    language: str
    manifests: tuple[str, ...]  # files that declare the dependencies
    lockfiles: tuple[str, ...]  # files that pin them
    install: tuple[CommandPattern, ...]  # commands that install the dependencies
    cache_dirs: tuple[str, ...]  # where downloads are cached, as the official images set it up
    builds: tuple[BuildCommand, ...] = ()
    production_install: str | None = None  # the install without development dependencies (None: no such split)
    dependency_dirs: tuple[str, ...] = ()  # where the installed dependencies land (relative to WORKDIR)
    prune: str | None = None  # drops the development dependencies from an installed tree in place
    runtime_bases: tuple[RuntimeBase, ...] = ()

    def installs(self, cmd) -> bool:
        """True when ``cmd`` (a ``ShellCommand``, argv or shell line) installs this ecosystem's dependencies."""
        return any(p.matches(cmd) for p in self.install)

    def runtime_for(self, image: str) -> str | None:
        """The first runtime base that fits the builder ``image`` (``name:tag``), or None."""
        for base in self.runtime_bases:
            found = base.runtime_for(image)
            if found is not None:
                return found
        return None


def all_ecosystems() -> tuple[Ecosystem, ...]:
    """Every known ecosystem, in a stable order."""
    from refactor.knowledge.ecosystems import go, java, node, php, python, rust

    return (*node.ECOSYSTEMS, *python.ECOSYSTEMS, *php.ECOSYSTEMS, *go.ECOSYSTEMS, *rust.ECOSYSTEMS,
            *java.ECOSYSTEMS)
