"""
What it does
    Adds ``-L`` (``--location``) to every ``curl`` in a RUN that downloads an http(s) URL without it.
    A short option cluster gets the letter (``-fsS`` becomes ``-fsSL``; before a value-taking letter:
    ``-so`` becomes ``-sLo``); otherwise ``-L`` is inserted right after ``curl``. Probes and API calls
    (``-I``, ``-w``, ``-X``, ``-d``, ``-F``, ``-T``, ``--json``, ``-K``) are left alone.

Why
    Download hosts (GitHub releases, CDNs, mirrors) answer with redirects. Without ``-L`` curl saves the
    small redirect body instead of the file, and the next step fails or installs garbage.
    (binnacle/Parfum rule ``curlUseFlagL``.) The message names its evidence: the URL's host and path are
    known to redirect (``refactor.knowledge.redirects``: GitHub release and archive downloads, SourceForge,
    go.dev/dl), or else that ``-L`` changes only a 3xx answer (a 200 is fetched as before).

Example
    Before::

        RUN curl -o /tmp/tool.tgz https://github.com/org/tool/releases/download/v1/tool.tgz

    After::

        RUN curl -L -o /tmp/tool.tgz https://github.com/org/tool/releases/download/v1/tool.tgz

Fix safety
    review: curl now fetches what the redirect points to, possibly on another host. That is what the
    build means almost always, but the downloaded bytes can differ, so a person should look.
"""

from __future__ import annotations

from collections.abc import Iterable

from refactor.document import Document
from refactor.edits import Fix, Safety
from refactor.knowledge.redirects import redirect_of
from refactor.passes import Context, Pass, Result
from refactor.shell import ShellCommand, ShellWord
from transforms._curl import (
    add_flag,
    downloads_without,
    options_and_operands,
)


def words_after(cmd: ShellCommand, curl: ShellWord) -> list[ShellWord]:
    """The words of ``cmd`` after its ``curl`` word (wrappers before it skipped)."""
    words = list(cmd.words)
    return words[words.index(curl) + 1:] if curl in words else []


def _evidence(operands: list[ShellWord]) -> str:
    """Why following redirects is needed: a URL known to redirect (``refactor.knowledge.redirects``), else
    what -L changes (only a 3xx answer)."""
    for word in operands:
        found = redirect_of(word.value)
        if found is not None:
            return f"this URL redirects: {found[1]}"
    return "no redirect is known for this URL: -L only changes a 3xx answer, a 200 is fetched as before"


def run_location(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for _ins, script, cmd, curl, opts in downloads_without(doc, "L", ("--location", "--location-trusted")):
        edit = add_flag(script, curl, opts, "L")
        if edit is not None:
            _, operands = options_and_operands(words_after(cmd, curl))
            message = ("curl without -L saves a redirect response instead of the file; add -L to follow redirects "
                       f"({_evidence(operands)})")
            yield Fix(FLAG_L.id, message, (edit,), Safety.REVIEW)


FLAG_L = Pass("curl-use-flag-l", "Add -L to curl downloads so redirects are followed", Safety.REVIEW,
              run_location, __doc__ or "", aliases=("curlUseFlagL",), cmd_ok=True,
              triggers=("curl",))


PASSES = (FLAG_L,)
