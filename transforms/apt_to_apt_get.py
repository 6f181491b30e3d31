"""
What it does
    Rewrites ``apt <verb>`` to ``apt-get <verb>`` in RUN for the verbs both tools share (``install``,
    ``update``, ``remove``, ``purge``, ``autoremove``, ``clean``, ``build-dep``, ``source``…);
    ``apt full-upgrade`` becomes ``apt-get dist-upgrade`` and ``apt upgrade`` becomes
    ``apt-get upgrade --with-new-pkgs`` (what apt does). ``apt search``/``show``/``list`` are left alone.

Why
    apt is the interactive front end: its output is for people and it warns "apt does not have a stable
    CLI interface. Use with caution in scripts." apt-get is the scripting interface. (hadolint DL3027.)

Example
    Before::

        RUN apt update && apt install -y curl

    After::

        RUN apt-get update && apt-get install -y curl

Fix safety
    safe: the same packages are installed with the same options. The one difference, apt deleting the
    downloaded .deb files where apt-get keeps them, is void in images built on the official debian and
    ubuntu images, whose ``docker-clean`` apt setting deletes them after every install.
"""

from __future__ import annotations

from collections.abc import Iterable

from refactor.document import Document
from refactor.edits import Edit, Fix, Safety
from refactor.knowledge.packages import APT_GET_VERBS
from refactor.passes import Context, Pass, Result
from transforms._apt import apt_calls


def run_apt_to_apt_get(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for _ins, _script, call in apt_calls(doc):
        tool = call.tool
        if tool.value.rsplit("/", 1)[-1] != "apt" or tool.raw != tool.value:
            continue
        verb = call.verb.value
        if verb not in APT_GET_VERBS:
            continue
        edits = [Edit(tool.start, tool.end, tool.value[:-3] + "apt-get")]
        target = APT_GET_VERBS[verb]
        if target != verb:
            edits.append(Edit(call.verb.start, call.verb.end, target))
        if verb == "upgrade" and "--with-new-pkgs" not in call.option_values:
            # apt's upgrade installs new dependencies; apt-get's needs --with-new-pkgs to do the same.
            edits.append(Edit.insert(call.verb.end, " --with-new-pkgs"))
        yield Fix(APT_TO_APT_GET.id, f"'apt {verb}' is meant for people (no stable CLI); use 'apt-get {target}'",
                  tuple(edits), Safety.SAFE, offset=tool.start)


APT_TO_APT_GET = Pass("apt-to-apt-get", "Use apt-get, not apt, in RUN", Safety.SAFE,
                      run_apt_to_apt_get, __doc__ or "", hadolint=("DL3027",), triggers=("apt",))

PASSES = (APT_TO_APT_GET,)
