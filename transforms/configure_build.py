"""
What it does
    Adds ``--build=…`` to an autoconf ``./configure`` in a RUN that has none. When the RUN already
    computes the GNU build type (``gnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"``) that
    variable is used (``--build="$gnuArch"``); otherwise ``--build="$(dpkg-architecture --query
    DEB_BUILD_GNU_TYPE)"`` is added, but only where ``dpkg-architecture`` exists: the stage (or this RUN)
    installs ``dpkg-dev``. Elsewhere the pass reports a skip and changes nothing.

Why
    Without ``--build``, config.guess inspects the kernel: a 32-bit image built on a 64-bit host (or
    under emulation) is detected as the wrong platform and the build picks wrong flags or fails.
    Passing the distribution's own build triplet makes the result independent of the machine that
    builds it. (binnacle/Parfum rule ``configureShouldUseBuildFlag``, from docker-library/ruby.)

Example
    Before::

        RUN apt-get install -y --no-install-recommends dpkg-dev gcc make \\
            && ./configure --prefix=/usr/local && make install

    After::

        RUN apt-get install -y --no-install-recommends dpkg-dev gcc make \\
            && ./configure --build="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)" --prefix=/usr/local \\
            && make install

Fix safety
    review: the triplet can differ from what config.guess chose (``x86_64-linux-gnu`` versus
    ``x86_64-pc-linux-gnu``), which can change install paths, and a hand-written ``configure`` that is
    not autoconf may reject the option.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor.commands import run_scripts
from refactor.document import Document
from refactor.edits import Finding, Fix, Safety
from refactor.images import installed_packages
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word, still_parses
from refactor.shell import ShellCommand, ShellScript

_ARCH_VAR = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=[\"']?\$\(\s*dpkg-architecture\s+(--query\s+|-q\s*)"
                       r"DEB_BUILD_GNU_TYPE\s*\)[\"']?$")
BUILD_TYPE = '"$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"'


def is_configure(cmd: ShellCommand) -> bool:
    return bool(cmd.words) and (cmd.words[0].value == "./configure" or cmd.words[0].value.endswith("/configure"))


def arch_variable(script: ShellScript, before: ShellCommand) -> str | None:
    for c in script.commands:
        if c.lstart >= before.lstart:
            break
        for w in [*c.assignments, *c.words[1:]] if c.name in ("export", "") else c.assignments:
            m = _ARCH_VAR.match(w.raw)
            if m:
                return m.group(1)
    return None


def _dpkg_dev(doc: Document, script: ShellScript) -> bool:
    ins = script.instruction
    if any("dpkg-dev" in c.argv for c in script.commands):
        return True
    stage = doc.stages[ins.stage_index] if 0 <= ins.stage_index < len(doc.stages) else None
    return stage is not None and "dpkg-dev" in installed_packages(stage)


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    for ins, script in run_scripts(doc):
        for cmd in script.commands:
            if not is_configure(cmd) or any(a.startswith("--build") for a in cmd.argv):
                continue
            if any(a in ("--help", "-h", "--version", "-V") for a in cmd.argv):
                continue
            var = arch_variable(script, cmd)
            if var is not None:
                value = f'"${var}"'
            elif _dpkg_dev(doc, script):
                value = BUILD_TYPE
            else:
                yield Finding(PASS.id, "configure has no --build, and dpkg-architecture (dpkg-dev) is not installed "
                              "here to compute it; add --build=<triplet> by hand", cmd.words[0].start)
                continue
            edit = insert_after_word(cmd.words[0], f"--build={value}")
            if still_parses(ins, [edit]):
                yield Fix(PASS.id, "configure guesses the build platform; pass --build explicitly", (edit,),
                          Safety.REVIEW)


PASS = Pass("configure-should-use-build-flag", "Pass --build to ./configure", Safety.REVIEW,
            run, __doc__,
            aliases=("configureShouldUseBuildFlag",))

PASSES = (PASS,)
