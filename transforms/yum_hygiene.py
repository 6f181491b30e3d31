"""yum (and dnf) in RUN: answer yes non-interactively, and drop the package cache.

Two rules share this module; each Pass carries its own documentation below.
"""

from __future__ import annotations

from collections.abc import Iterable

from refactor.commands import run_scripts, tool_name
from refactor.document import Document
from refactor.edits import Finding, Fix, Safety
from refactor.knowledge.packages import YUM_INSTALL
from refactor.passes import Context, Pass, Result
from refactor.rewrite import append_cleanup, insert_after_word
from refactor.shell import ShellCommand, ShellWord
from transforms._hygiene import has_cache_mount, removes


def install_word(cmd: ShellCommand) -> tuple[str, ShellWord] | None:
    """``(tool, install word)`` for ``yum install``/``dnf install`` (options may precede the verb)."""
    m = YUM_INSTALL.match(cmd)
    if m is None or m.verb_word is None:
        return None
    return tool_name(m.tool_word.value), m.verb_word


def _assumes_yes(argv: list[str]) -> bool:
    for a in argv:
        if a in ("--assumeyes", "-y") or (a.startswith("-") and not a.startswith("--") and "y" in a[1:]
                                           and not a.startswith(("-c", "-d", "-e", "-x", "-R"))):
            return True
        if a.startswith("--setopt=assumeyes=") or a == "--assumeno":
            return True
    return False


def run_force_yes(doc: Document, ctx: Context) -> Iterable[Result]:
    for _ins, script in run_scripts(doc):
        for cmd in script.commands:
            found = install_word(cmd)
            if found is None or _assumes_yes(cmd.argv):
                continue
            tool, word = found
            yield Fix(FORCE_YES.id, f"{tool} {word.value} without -y stops at its confirmation prompt; add -y",
                      (insert_after_word(word, "-y"),), Safety.SAFE)


def run_rm_cache(doc: Document, ctx: Context) -> Iterable[Result]:
    for ins, script in run_scripts(doc):
        found = [(c, f[0]) for c in script.commands if (f := install_word(c))]
        if not found:
            continue
        last, tool = found[-1]
        cache = f"/var/cache/{tool}"
        if has_cache_mount(ins, cache) or removes(script, last, cache):
            continue
        if any(a in ("-C", "--cacheonly") for i in doc.instructions[ins.index + 1:]
               for a in i.logical.text.split()):
            yield Finding(RM_CACHE.id, f"a later step installs from the {tool} cache (-C); kept", last.words[0].start)
            continue
        # yum 4 (EL8+, Fedora) is dnf underneath and keeps its cache in /var/cache/dnf.
        paths = f"{cache} /var/cache/dnf" if tool == "yum" else cache
        edit = append_cleanup(script, f"rm -rf {paths}")
        if edit is None:
            yield Finding(RM_CACHE.id, f"cannot append 'rm -rf {cache}' to this RUN safely; add it by hand",
                          last.words[0].start)
            continue
        yield Fix(RM_CACHE.id, f"{tool} install leaves metadata and packages in {cache}; remove it",
                  (edit,), Safety.SAFE)


DOC_FORCE_YES = """
What it does
    Adds ``-y`` after ``install`` (also ``localinstall``, ``groupinstall``, ``reinstall``) for ``yum``
    and ``dnf`` in a RUN when no assume-yes option (``-y``, ``--assumeyes``, ``--setopt=assumeyes=1``,
    or ``--assumeno``) is given.

Why
    Without ``-y`` yum asks "Is this ok [y/N]" and, with no terminal in a build, reads end of input and
    exits with "Operation aborted". (binnacle/Parfum rule ``yumInstallForceYes``.)

Example
    Before::

        RUN yum install httpd && yum clean all

    After::

        RUN yum install -y httpd && yum clean all

Fix safety
    safe: the install could not succeed without an answer; the same packages are installed.
"""

DOC_RM_CACHE = """
What it does
    Appends ``rm -rf /var/cache/yum /var/cache/dnf`` (only ``/var/cache/dnf`` for dnf) to a RUN that
    installs packages with yum and does not remove that folder; yum 4 (CentOS/RHEL 8 and later, Fedora)
    is dnf underneath and caches in ``/var/cache/dnf``. Left alone: a RUN whose BuildKit cache mount holds the cache,
    and files where a later step installs from the cache only (``-C``/``--cacheonly``).

Why
    yum keeps repository metadata and, depending on ``keepcache``, the downloaded RPMs in
    ``/var/cache/yum``; ``yum clean all`` leaves part of it behind. In a layer it is dead weight.
    (binnacle/Parfum rule ``yumInstallRmVarCacheYum``.)

Example
    Before::

        RUN yum install -y httpd && yum clean all

    After::

        RUN yum install -y httpd && yum clean all && rm -rf /var/cache/yum /var/cache/dnf

Fix safety
    safe: the next yum command downloads fresh metadata when the cache is gone.
"""

FORCE_YES = Pass("yum-install-force-yes", "Add -y to yum/dnf install", Safety.SAFE,
                 run_force_yes, DOC_FORCE_YES,
                 aliases=("yumInstallForceYes",), cmd_ok=True, hadolint=("DL3030", "DL3038"),
                 triggers=("yum", "dnf"))
RM_CACHE = Pass("yum-install-rm-var-cache-yum", "Remove /var/cache/yum after yum install", Safety.SAFE,
                run_rm_cache, DOC_RM_CACHE, aliases=("yumInstallRmVarCacheYum",),
                hadolint=("DL3032",), triggers=("yum", "dnf"))

PASSES = (FORCE_YES, RM_CACHE)
