"""
What it does
    Adds ``--batch`` right after ``gpg``/``gpg2`` in a RUN when neither ``--batch`` nor ``--no-batch`` is
    given (``gpg --version`` alone is left alone, and so is a gpg whose answers are scripted with
    ``--command-fd``).

Why
    A build has no terminal. Without ``--batch`` gpg may try to ask a question (overwrite a keyring,
    trust a key, a passphrase) and fail with "cannot open '/dev/tty'", or hang. With ``--batch`` it
    never prompts and fails cleanly. (binnacle/Parfum rule ``gpgUseBatchFlag``.)

Example
    Before::

        RUN gpg --keyserver keyserver.ubuntu.com --recv-keys "$KEY"

    After::

        RUN gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$KEY"

Fix safety
    safe: every answer gpg could prompt for cannot be given in a build anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

from refactor.commands import run_commands
from refactor.document import Document
from refactor.edits import Fix, Safety
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word
from transforms._gpg import gpg_words


def run_batch(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for _ins, _script, cmd in run_commands(doc):
        words = gpg_words(cmd)
        values = [w.value for w in words[1:]]
        if not words or not values or values in (["--version"], ["--help"]):
            continue
        if "--batch" in values or "--no-batch" in values:
            continue
        if any(v.split("=", 1)[0] == "--command-fd" for v in values):
            continue  # answers are scripted on a file descriptor: --batch would change how they are read
        yield Fix(BATCH.id, "gpg without --batch may try to prompt on a terminal the build does not have",
                  (insert_after_word(words[0], "--batch"),), Safety.SAFE)


BATCH = Pass("gpg-use-batch-flag", "Run gpg with --batch in builds", Safety.SAFE,
             run_batch, __doc__ or "",
             aliases=("gpgUseBatchFlag",), cmd_ok=True, triggers=("gpg",))


PASSES = (BATCH,)
