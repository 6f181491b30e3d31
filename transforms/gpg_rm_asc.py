"""
What it does
    After ``gpg --verify X.asc FILE`` in a RUN that removes FILE once it is used (extracted, installed)
    but not the signature, appends ``rm -f X.asc`` to that RUN (removal means ``rm`` of the file, a glob
    matching it, or a folder holding it). Left alone, with a finding: a signature whose signed file stays
    in the image (docker-library/php keeps ``php.tar.xz`` and its ``.asc`` on purpose, so the source can be
    checked again), a relative path when the RUN changes folder afterwards, a signature verified inside
    a loop with a variable name, and a signature a later instruction uses.

Why
    The detached signature is only needed for the check; kept in the layer it is clutter.
    (binnacle/Parfum rule ``gpgVerifyAscRmAsc``, from docker-library/php.)

Example
    Before::

        RUN gpg --batch --verify node.tar.xz.asc node.tar.xz \
            && tar -xJf node.tar.xz -C /usr/local && rm node.tar.xz

    After::

        RUN gpg --batch --verify node.tar.xz.asc node.tar.xz \
            && tar -xJf node.tar.xz -C /usr/local && rm node.tar.xz \
            && rm -f node.tar.xz.asc

Fix safety
    safe: the removal runs at the end of the same RUN, after the verification, and nothing later in the
    Dockerfile refers to the file.
"""

from __future__ import annotations

from collections.abc import Iterable

from refactor.commands import run_commands
from refactor.document import Document
from refactor.edits import Finding, Safety
from refactor.passes import Context, Pass, Result
from transforms._gpg import verified_signature, word_path
from transforms._hygiene import cd_between, cleanup_at_end, later_text, plain_path, quote, removes


def run_rm_asc(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for ins, script, cmd in run_commands(doc):
        found = verified_signature(cmd)
        if found is None:
            continue
        sig, data = found
        path = word_path(sig)
        if not plain_path(path) or removes(script, cmd, path):
            continue
        base = path.rsplit("/", 1)[-1]
        if not removes(script, cmd, data):
            continue  # the signed file stays in the image: its signature stays next to it, by design
        if cmd.depth > 0 and "$" in path:
            yield Finding(RM_ASC.id, f"{path} is verified inside a loop or branch; remove it there by hand", sig.start)
        elif not path.startswith(("/", "$")) and cd_between(script, cmd):
            yield Finding(RM_ASC.id, f"the RUN changes folder after verifying {path}; remove it by hand", sig.start)
        elif base in later_text(doc, ins):
            yield Finding(RM_ASC.id, f"{base} is used by a later instruction; kept", sig.start)
        else:
            yield cleanup_at_end(RM_ASC.id, script, f"rm -f {quote(path)}",
                                 f"the signature {base} is only needed to verify; remove it", Safety.SAFE, sig.start,
                                 shown=f"rm -f {path}")


RM_ASC = Pass("gpg-verify-asc-rm-asc", "Remove the .asc signature after gpg --verify", Safety.SAFE,
              run_rm_asc,
              __doc__ or "", aliases=("gpgVerifyAscRmAsc",), triggers=("gpg",))


PASSES = (RM_ASC,)
