"""
What it does
    In a RUN whose first ``apt-get install`` (also ``build-dep``, ``source``, ``download``, ``satisfy``, and
    the same through ``apt``) has no ``apt-get update`` before it in the same RUN, inserts
    ``apt-get update &&`` right before that command (``;`` in a ``set -e; …;`` script), after any
    repository the RUN sets up first. An install of local ``.deb`` files only is left alone; a command
    inside a condition or a pipe is reported, not rewritten.

Why
    Package lists downloaded by an earlier ``RUN apt-get update`` are frozen in that layer's cache: when the
    install line changes, the build reuses lists weeks old and fails with 404s, or installs outdated
    versions; a base image such as debian:*-slim ships no lists at all. (binnacle/Parfum
    ``aptGetUpdatePrecedesInstall``.)

Example
    Before::

        RUN apt-get update
        RUN apt-get install -y curl

    After::

        RUN apt-get update
        RUN apt-get update && apt-get install -y curl

Fix safety
    safe: the same packages are installed, from current lists instead of possibly stale ones.
"""

from __future__ import annotations

from collections.abc import Iterable

from refactor.commands import joiner, run_scripts
from refactor.document import Document
from refactor.edits import Finding, Fix, Safety
from refactor.knowledge.packages import APT_FETCHING_VERBS
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_command_inline_before
from transforms._apt import AptCall, apt_call, debian_stages, is_update, op_ok


def _needs_lists(call: AptCall) -> bool:
    if call.verb.value not in APT_FETCHING_VERBS:
        return False
    if call.verb.value == "install":
        return bool(call.args) and not all(a.value.endswith(".deb") and "/" in a.value for a in call.args)
    return True


def run_update_precedes(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for stage in debian_stages(doc):
        for _ins, script in run_scripts(stage):
            for cmd in script.commands:
                if is_update(cmd):
                    break
                call = apt_call(cmd)
                if call is None or not _needs_lists(call):
                    continue
                if not op_ok(cmd) or call.tool.raw != call.tool.value:
                    yield Finding(UPDATE.id, "apt-get install without apt-get update before it in the RUN; "
                                  "not rewritten here (inside a condition or pipe): add 'apt-get update' by hand",
                                  cmd.words[0].start)
                    break
                sudo = "sudo " if cmd.words[0].value == "sudo" else ""
                op = joiner(script) if cmd.op_before == ";" else "&&"
                yield Fix(UPDATE.id, "apt-get install in a RUN without apt-get update reads the lists of an "
                          "earlier layer (stale: 404s) or none; update in the same RUN",
                          (insert_command_inline_before(cmd, f"{sudo}apt-get update", op),), Safety.SAFE,
                          offset=cmd.words[0].start)
                break


UPDATE = Pass("apt-get-update-precedes-install", "Run apt-get update in the same RUN as apt-get install",
              Safety.SAFE, run_update_precedes, __doc__ or "", aliases=("aptGetUpdatePrecedesInstall",),
              triggers=("apt",))

PASSES = (UPDATE,)
