"""gpg in RUN: non-interactive (``--batch``), and no leftover ``.asc`` signatures after verifying.

Two rules share this module; each Pass carries its own documentation below.
"""

from __future__ import annotations

from collections.abc import Iterable

from refactor.commands import run_commands, strip_wrappers, tool_name
from refactor.document import Document
from refactor.edits import Finding, Fix, Safety
from refactor.knowledge.clis import GPG_TOOLS
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word
from refactor.shell import ShellCommand, ShellWord
from transforms._hygiene import cd_between, cleanup_at_end, later_text, plain_path, quote, removes


def _gpg_words(cmd: ShellCommand) -> list[ShellWord]:
    words, _ = strip_wrappers(cmd)
    return words if words and tool_name(words[0].value) in GPG_TOOLS else []


def verified_signature(cmd: ShellCommand) -> tuple[ShellWord, str] | None:
    """The ``.asc`` operand of ``gpg --verify X.asc [file]`` and the path of the signed file."""
    words = _gpg_words(cmd)
    values = [w.value for w in words]
    if "--verify" not in values:
        return None
    operands = [w for w in words[values.index("--verify") + 1:] if not w.value.startswith("-")]
    if not operands or not operands[0].raw.strip('"\'').endswith(".asc"):
        return None
    sig = operands[0]
    if len(operands) > 1:
        return sig, _path(operands[1])
    return sig, _path(sig)[: -len(".asc")]


def _path(word: ShellWord) -> str:
    return word.raw.strip('"\'') if "$" in word.raw else word.value


def run_rm_asc(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for ins, script, cmd in run_commands(doc):
        found = verified_signature(cmd)
        if found is None:
            continue
        sig, data = found
        path = _path(sig)
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


def run_batch(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for _ins, _script, cmd in run_commands(doc):
        words = _gpg_words(cmd)
        values = [w.value for w in words[1:]]
        if not words or not values or values in (["--version"], ["--help"]):
            continue
        if "--batch" in values or "--no-batch" in values:
            continue
        if any(v.split("=", 1)[0] == "--command-fd" for v in values):
            continue  # answers are scripted on a file descriptor: --batch would change how they are read
        yield Fix(BATCH.id, "gpg without --batch may try to prompt on a terminal the build does not have",
                  (insert_after_word(words[0], "--batch"),), Safety.SAFE)


DOC_RM_ASC = """
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

        RUN gpg --batch --verify node.tar.xz.asc node.tar.xz \\
            && tar -xJf node.tar.xz -C /usr/local && rm node.tar.xz

    After::

        RUN gpg --batch --verify node.tar.xz.asc node.tar.xz \\
            && tar -xJf node.tar.xz -C /usr/local && rm node.tar.xz \\
            && rm -f node.tar.xz.asc

Fix safety
    safe: the removal runs at the end of the same RUN, after the verification, and nothing later in the
    Dockerfile refers to the file.
"""

DOC_BATCH = """
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

RM_ASC = Pass("gpg-verify-asc-rm-asc", "Remove the .asc signature after gpg --verify", Safety.SAFE,
              run_rm_asc,
              DOC_RM_ASC, aliases=("gpgVerifyAscRmAsc",))
BATCH = Pass("gpg-use-batch-flag", "Run gpg with --batch in builds", Safety.SAFE,
             run_batch, DOC_BATCH,
             aliases=("gpgUseBatchFlag",), cmd_ok=True)

PASSES = (RM_ASC, BATCH)
