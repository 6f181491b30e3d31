"""
What it does
    After ``tar -x … -f ARCHIVE`` (``tar xzf``, ``--extract --file``) in a RUN with no later ``rm`` of the
    archive (or of a folder holding it), appends ``rm -f ARCHIVE`` to that RUN. Left alone, with a
    finding: an archive that comes from a COPY/ADD layer (removing it saves nothing), a relative path
    when the RUN changes folder afterwards, an archive extracted in a loop under a variable name, and an
    archive another instruction mentions. Reading from stdin (``-f -``) is not concerned.

Why
    Once extracted, the compressed archive is a second copy of the same content in the layer.
    (binnacle/Parfum rule ``tarSomethingRmTheSomething``.)

Example
    Before::

        RUN curl -fsSLo /tmp/go.tgz "$GO_URL" && tar -xzf /tmp/go.tgz -C /usr/local

    After::

        RUN curl -fsSLo /tmp/go.tgz "$GO_URL" && tar -xzf /tmp/go.tgz -C /usr/local && rm -f /tmp/go.tgz

Fix safety
    safe: the removal runs at the end of the same RUN, after the extraction, and no other instruction
    refers to the archive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor import lazy_re
from refactor.commands import run_scripts, strip_wrappers, tool_name
from refactor.document import Document
from refactor.edits import Finding, Safety
from refactor.passes import Context, Pass, Result
from refactor.shell import ShellCommand, ShellWord
from transforms._hygiene import cd_between, cleanup_at_end, other_text, plain_path, quote, removes

_ARCHIVE = lazy_re.compile(r"\.(tar(\.[A-Za-z0-9]+)?|tgz|tbz2?|txz|tzst|tlz)$", re.I)


def tar_archive(cmd: ShellCommand) -> ShellWord | None:
    """The archive word of a ``tar`` that extracts from a file (``tar -xzf X``, ``tar xf X``, ``--file=X``)."""
    words, _ = strip_wrappers(cmd)
    if not words or tool_name(words[0].value) != "tar":
        return None
    args = list(words[1:])
    extract = False
    archive: ShellWord | None = None
    for k, w in enumerate(args):
        v = w.value
        if v in ("--extract", "--get"):
            extract = True
        elif v == "--file" and k + 1 < len(args):
            archive = args[k + 1]
        elif v.startswith("--file="):
            return None  # the path sits inside the option word; rare enough to leave to a person
        elif (v.startswith("-") and not v.startswith("--")) or (k == 0 and re.fullmatch(r"[A-Za-z]+", v)):
            letters = v.lstrip("-")
            if "x" in letters:
                extract = True
            if "f" in letters:
                if not letters.endswith("f") or k + 1 >= len(args):
                    return None
                archive = args[k + 1]
    if not extract or archive is None or archive.value == "-":
        return None
    return archive


def run_tar(doc: Document, ctx: Context) -> Iterable[Result]:
    for ins, script in run_scripts(doc):
        # only a COPY/ADD before the RUN can be where the archive came from (a later one uses it)
        copied = " ".join(w.value for i in doc.instructions[:ins.index] if i.name in ("COPY", "ADD")
                          for w in i.words)
        for cmd in script.commands:
            arc = tar_archive(cmd)
            if arc is None:
                continue
            path = arc.raw.strip('"\'') if "$" in arc.raw else arc.value
            if not _ARCHIVE.search(path) or not plain_path(path) or removes(script, cmd, path):
                continue
            base = path.rsplit("/", 1)[-1]
            if "$" not in base and base in copied:
                yield Finding(TAR.id, f"{base} comes from a COPY/ADD layer; removing it in a RUN saves nothing",
                              arc.start)
                continue
            if cmd.depth > 0 and "$" in path:
                yield Finding(TAR.id, f"{path} is extracted inside a loop or branch; remove it there", arc.start)
                continue
            if not path.startswith(("/", "$")) and cd_between(script, cmd):
                yield Finding(TAR.id, f"the RUN changes folder after extracting {path}; remove it by hand",
                              arc.start)
                continue
            if "$" not in base and base in other_text(doc, ins):
                yield Finding(TAR.id, f"{base} is used by another instruction; kept", arc.start)
                continue
            yield cleanup_at_end(TAR.id, script, f"rm -f {quote(path)}",
                                 f"the archive {base} stays in the layer next to what was extracted; remove it",
                                 Safety.SAFE, arc.start, shown=f"rm -f {path}")


TAR = Pass("tar-something-rm-the-something", "Remove a tar archive after extracting it", Safety.SAFE,
           run_tar,
           __doc__ or "", aliases=("tarSomethingRmTheSomething",))


PASSES = (TAR,)
