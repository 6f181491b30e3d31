r"""
What it does
    Appends ``rm -rf /var/lib/apt/lists/*`` to a RUN that runs ``apt-get update`` and does not already
    remove the lists after its last apt command (``rm``, ``find … -delete`` or apt 2.7's
    ``apt-get dist-clean``), in stages that end up in an image (the final stage, the
    stages it builds on, and any stage another stage is built ``FROM``). The command follows the RUN's
    style: ``\`` + newline + indentation, leading or trailing ``&&``, ``;`` in ``set -e; …;`` scripts.
    Left alone: a RUN whose BuildKit cache mount holds ``/var/lib/apt`` or ``/var/cache/apt``, and a RUN
    followed (in its stage or a stage built on it) by an install that does not run ``apt-get update`` itself
    (reported; ``apt-get-update-precedes-install`` fixes that, after which this rule applies).

Why
    The lists are tens of megabytes of metadata only apt-get needs; left in a layer they stay in the image
    for ever. The official images all end their apt RUNs this way. (binnacle/Parfum
    ``aptGetInstallThenRemoveAptLists``, hadolint DL3009.)

Example
    Before::

        RUN apt-get update && apt-get install -y --no-install-recommends curl

    After::

        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*

Fix safety
    safe: every later apt command of the Dockerfile refreshes the lists first (checked). A container that
    runs ``apt-get install`` at start-up without ``apt-get update`` would need the update too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor.commands import run_scripts
from refactor.document import Document, Instruction
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.passes import Context, Pass, Result
from refactor.rewrite import append_cleanup
from refactor.shell import ShellCommand, ShellScript, shell_of
from refactor.stages import later_instructions, shipped_stages
from transforms._apt import LISTS, apt_cache_mounted, apt_call, debian_stages, is_update, reads_lists
from transforms._hygiene import removes

_READER_TEXT = re.compile(r"\b(apt-get|apt|aptitude)\s+(\S+\s+)*?(install|upgrade|dist-upgrade|source|build-dep|"
                          r"download)\b|\bapt-cache\b|\bapt-file\b")


def _consumer(later: list[Instruction]) -> Instruction | None:
    """A later instruction that reads the package lists without refreshing them first."""
    for ins in later:
        if ins.name not in ("RUN", "ONBUILD"):
            continue
        script = shell_of(ins) if ins.name == "RUN" else None
        if script is None:
            text = ins.logical.text + "".join(h.body(ins.doc.text) for h in ins.heredocs)
            m = _READER_TEXT.search(text)
            if m and "update" not in text[:m.start()]:
                return ins
            continue
        for cmd in script.commands:
            if is_update(cmd):
                break
            if reads_lists(cmd):
                return ins
    return None


def run_rm_lists(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    shipped = shipped_stages(doc)
    for stage in debian_stages(doc):
        if stage.index not in shipped:
            continue
        for ins, script in run_scripts(stage):
            updates = [c for c in script.commands if is_update(c)]
            if not updates or apt_cache_mounted(ins):
                continue
            last = max((c for c in script.commands if is_update(c) or reads_lists(c)), key=lambda c: c.lstart)
            if removes(script, last, f"{LISTS}/*") or _removed_by_find(script, last):
                continue
            consumer = _consumer(later_instructions(ins))
            if consumer is not None:
                yield Finding(RM_LISTS.id, f"package lists kept: line {consumer.lineno} installs without its own "
                              "'apt-get update' (apt-get-update-precedes-install fixes that)",
                              updates[0].words[0].start)
                continue
            if all(is_update(c) for c in script.commands) and not ins.comment_lines():
                # Nothing reads these lists any more: the layer is pure weight.
                yield Fix(RM_LISTS.id, "this RUN only downloads package lists that no later step reads; remove it",
                          (Edit.delete(ins.line_start, ins.stop),), Safety.SAFE, offset=ins.start)
                continue
            edit = append_cleanup(script, f"rm -rf {LISTS}/*")
            if edit is None:
                yield Finding(RM_LISTS.id, f"cannot append 'rm -rf {LISTS}/*' to this RUN safely (it ends in "
                              "exit/exec, a comment or a background job); add it by hand", updates[0].words[0].start)
                continue
            yield Fix(RM_LISTS.id, f"apt-get update leaves ~20-50 MB of package lists in {LISTS}; remove them "
                      "at the end of the RUN", (edit,), Safety.SAFE, offset=updates[0].words[0].start)


def _removed_by_find(script: ShellScript, after: ShellCommand) -> bool:
    """``find /var/lib/apt/lists … -delete`` or ``apt-get dist-clean`` (apt 2.7+: lists and cache) after ``after``."""
    for c in script.commands:
        if c.lstart <= after.lstart:
            continue
        if c.name == "find" and any(w.value.startswith(LISTS) for w in c.words) and "-delete" in c.argv:
            return True
        call = apt_call(c)
        if call is not None and call.verb.value == "dist-clean":
            return True
    return False


RM_LISTS = Pass("apt-get-install-rm-apt-lists", "Remove /var/lib/apt/lists/* at the end of an apt RUN", Safety.SAFE,
                run_rm_lists, __doc__ or "", aliases=("aptGetInstallThenRemoveAptLists",),
                hadolint=("DL3009",), triggers=("apt",))

PASSES = (RM_LISTS,)
