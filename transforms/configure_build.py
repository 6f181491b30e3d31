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
    The message names the configure's line and the options it was seen with, and where the triplet comes
    from (the variable's line, or the line installing dpkg-dev). review: the triplet can differ from what
    config.guess chose (``x86_64-linux-gnu`` versus ``x86_64-pc-linux-gnu``), which can change install
    paths, and a hand-written ``configure`` that is not autoconf may reject the option.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor import lazy_re
from refactor.commands import run_scripts
from refactor.document import Document
from refactor.edits import Finding, Fix, Safety
from refactor.images import installed_packages
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word, still_parses
from refactor.shell import ShellCommand, ShellScript

_ARCH_VAR = lazy_re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=[\"']?\$\(\s*dpkg-architecture\s+(--query\s+|-q\s*)"
                       r"DEB_BUILD_GNU_TYPE\s*\)[\"']?$")
BUILD_TYPE = '"$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"'


def is_configure(cmd: ShellCommand) -> bool:
    return bool(cmd.words) and (cmd.words[0].value == "./configure" or cmd.words[0].value.endswith("/configure"))


def arch_variable(script: ShellScript, before: ShellCommand) -> str | None:
    found = _arch_assignment(script, before)
    return found[0] if found else None


def _arch_assignment(script: ShellScript, before: ShellCommand) -> tuple[str, int] | None:
    """The variable set from ``dpkg-architecture --query DEB_BUILD_GNU_TYPE`` before ``before``, and the
    offset of that assignment."""
    for c in script.commands:
        if c.lstart >= before.lstart:
            break
        for w in [*c.assignments, *c.words[1:]] if c.name in ("export", "") else c.assignments:
            m = _ARCH_VAR.match(w.raw)
            if m:
                return m.group(1), w.start
    return None


def _dpkg_dev(doc: Document, script: ShellScript) -> int | None:
    """The offset of the install of dpkg-dev (this RUN, or an earlier one of the stage or its parents that
    is not undone), or None when dpkg-architecture is not known to be there."""
    ins = script.instruction
    for c in script.commands:
        if "dpkg-dev" in c.argv:
            return c.words[0].start if c.words else ins.start
    stage = doc.stages[ins.stage_index] if 0 <= ins.stage_index < len(doc.stages) else None
    if stage is None or "dpkg-dev" not in installed_packages(stage):
        return None
    for s in stage.lineage():
        for other in s.body():
            if other.name == "RUN" and re.search(r"(?<![\w.-])dpkg-dev(?![\w.-])", other.logical.text):
                return other.start
    return ins.start


def _seen(cmd: ShellCommand) -> str:
    """The options configure was run with, as the message shows them."""
    options = [a for a in cmd.argv[1:] if a.startswith("-")]
    if not options:
        return "run with no options"
    return "options seen: " + " ".join(options[:4]) + (" …" if len(options) > 4 else "")


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    for ins, script in run_scripts(doc):
        for cmd in script.commands:
            if not is_configure(cmd) or any(a.startswith("--build") for a in cmd.argv):
                continue
            if any(a in ("--help", "-h", "--version", "-V") for a in cmd.argv):
                continue
            arch = _arch_assignment(script, cmd)
            dpkg_dev = _dpkg_dev(doc, script) if arch is None else None
            line = doc.line_number(cmd.words[0].start)
            if arch is not None:
                value = f'"${arch[0]}"'
                source = (f"the triplet is ${arch[0]}, set from dpkg-architecture --query DEB_BUILD_GNU_TYPE at "
                          f"line {doc.line_number(arch[1])}")
            elif dpkg_dev is not None:
                value = BUILD_TYPE
                source = (f"the triplet comes from dpkg-architecture, of dpkg-dev installed at line "
                          f"{doc.line_number(dpkg_dev)}")
            else:
                yield Finding(PASS.id, "configure has no --build, and dpkg-architecture (dpkg-dev) is not installed "
                              "here to compute it; add --build=<triplet> by hand", cmd.words[0].start)
                continue
            edit = insert_after_word(cmd.words[0], f"--build={value}")
            if still_parses(ins, [edit]):
                yield Fix(PASS.id, f"pass --build to the configure at line {line} ({_seen(cmd)}, no --build): "
                          f"without it config.guess guesses the build platform from the kernel; {source}",
                          (edit,), Safety.REVIEW)


PASS = Pass("configure-should-use-build-flag", "Pass --build to ./configure", Safety.REVIEW,
            run, __doc__,
            aliases=("configureShouldUseBuildFlag",))

PASSES = (PASS,)
