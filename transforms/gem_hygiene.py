"""RubyGems in RUN: no documentation, and no leftovers from ``gem update --system``.

Two rules share this module; each Pass carries its own documentation below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor.commands import run_scripts
from refactor.document import Document
from refactor.edits import Finding, Fix, Safety
from refactor.images import ImageRef
from refactor.knowledge.packages import GEM
from refactor.passes import Context, Pass, Result
from refactor.rewrite import append_cleanup, insert_after_word
from refactor.shell import ShellCommand, ShellWord
from transforms._hygiene import has_cache_mount, removes

NO_DOC = frozenset({"--no-document", "-N", "--no-doc", "--no-rdoc", "--no-ri", "--document="})
_GEMRC_NO_DOC = re.compile(r"gemrc|gem:\s*--no-(document|rdoc|ri)", re.I)
# GEM_HOME / GEM_PATH / BUNDLE_PATH pointing into root's home (``ENV GEM_HOME /root/.gem``, ``=$HOME/…``).
_GEMS_UNDER_ROOT = re.compile(r"\b(GEM_HOME|GEM_PATH|BUNDLE_PATH)[=\s]+[\"']?(/root\b|\$HOME\b|\$\{HOME\}|~)")


def gem_subcommand(cmd: ShellCommand) -> tuple[str, ShellWord | None]:
    m = GEM.match(cmd)
    if m is None or m.verb_word is None:
        return "", None
    return m.subcommand, m.verb_word


def run_no_document(doc: Document, ctx: Context) -> Iterable[Result]:
    if _GEMRC_NO_DOC.search(doc.text):
        return  # the file configures a gemrc itself
    for ins, script in run_scripts(doc):
        stage = doc.stages[ins.stage_index] if 0 <= ins.stage_index < len(doc.stages) else None
        if stage is not None and re.match(r"1\.|2\.0", ImageRef.parse(stage.root_image()).tag or "x"):
            continue  # RubyGems older than 2.0 has no --no-document
        for cmd in script.commands:
            sub, word = gem_subcommand(cmd)
            if sub not in ("install", "update") or word is None:
                continue
            if any(a in NO_DOC or a.startswith("--document") for a in cmd.argv):
                continue
            yield Fix(NO_DOCUMENT.id, f"gem {sub} also builds rdoc/ri documentation; add --no-document",
                      (insert_after_word(word, "--no-document"),), Safety.SAFE)


def run_rm_root_gem(doc: Document, ctx: Context) -> Iterable[Result]:
    for ins, script in run_scripts(doc):
        updates = [c for c in script.commands if gem_subcommand(c)[0] == "update" and "--system" in c.argv]
        if not updates or has_cache_mount(ins, "/root/.gem"):
            continue
        last = updates[-1]
        if removes(script, last, "/root/.gem"):
            continue
        if "--user-install" in doc.text or _GEMS_UNDER_ROOT.search(doc.text) or "/root/.gem/" in doc.text:
            yield Finding(RM_ROOT_GEM.id, "gems are installed under /root/.gem in this file; kept",
                          last.words[0].start)
            continue
        edit = append_cleanup(script, "rm -rf /root/.gem")
        if edit is None:
            yield Finding(RM_ROOT_GEM.id, "cannot append 'rm -rf /root/.gem' to this RUN safely; add it by hand",
                          last.words[0].start)
            continue
        yield Fix(RM_ROOT_GEM.id, "gem update --system leaves its download cache in /root/.gem; remove it",
                  (edit,), Safety.SAFE)


DOC_NO_DOCUMENT = """
What it does
    Adds ``--no-document`` to ``gem install`` and ``gem update`` in a RUN when they have no
    documentation option (``--no-document``, ``-N``, ``--no-rdoc``, ``--no-ri``, ``--document``). Files
    that set up a ``gemrc`` themselves and images older than Ruby 2.1 are left alone.

Why
    Without it RubyGems generates rdoc and ri documentation for every gem: slower builds and megabytes
    nobody reads inside a container. (binnacle/Parfum rule ``gemUpdateNoDocument``; Parfum writes a
    ``gemrc`` in a new RUN, dockmod adds the flag where the gem command is, which changes one line.)

Example
    Before::

        RUN gem install bundler -v 2.5.6

    After::

        RUN gem install --no-document bundler -v 2.5.6

Fix safety
    safe: the same gems are installed; only their documentation is not generated.
"""

DOC_RM_ROOT_GEM = """
What it does
    Appends ``rm -rf /root/.gem`` to a RUN that runs ``gem update --system`` and does not remove that
    folder. Files that install gems into ``/root/.gem`` (``--user-install``, ``GEM_HOME=/root…``) are
    left alone, with a finding.

Why
    ``gem update --system`` downloads the new RubyGems into root's spec and gem cache under
    ``/root/.gem``; the layer keeps that copy for nothing. (binnacle/Parfum rule
    ``gemUpdateSystemRmRootGem``, from docker-library/ruby.)

Example
    Before::

        RUN gem update --system 3.5.6

    After::

        RUN gem update --system 3.5.6 && rm -rf /root/.gem

Fix safety
    safe: the updated RubyGems lives in the Ruby installation; ``/root/.gem`` only holds caches here.
"""

NO_DOCUMENT = Pass("gem-update-no-document", "Add --no-document to gem install and gem update", Safety.SAFE,
                   run_no_document, DOC_NO_DOCUMENT, aliases=("gemUpdateNoDocument",), cmd_ok=True,
                   triggers=("gem",))
RM_ROOT_GEM = Pass("gem-update-system-rm-root-gem", "Remove /root/.gem after gem update --system", Safety.SAFE,
                   run_rm_root_gem, DOC_RM_ROOT_GEM, aliases=("gemUpdateSystemRmRootGem",), triggers=("gem",))

PASSES = (NO_DOCUMENT, RM_ROOT_GEM)
