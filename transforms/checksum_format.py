"""
What it does
    In ``echo "HASH FILE" | sha256sum -c`` (also ``sha1sum``, ``sha512sum``, ``md5sum``… with ``-c`` or
    ``--check``), puts two spaces between the hash and the file name when there is one:
    ``"$SHA256 node.tgz"`` becomes ``"$SHA256  node.tgz"``. The binary-mode form ``"HASH *FILE"`` is
    already right and is left alone. ``echo $SHA node.tgz`` (two unquoted words, which echo joins with one
    space) becomes ``echo "$SHA  node.tgz"``.

Why
    The check-file format is ``HASH``, one space, a mode character (space for text, ``*`` for binary),
    then the name. GNU coreutils also accepts a single space, but BusyBox (Alpine) rejects it with
    "invalid format" and the build fails; the same line then works on Debian and breaks on Alpine.
    binnacle/Parfum call this rule ``sha256sumEchoOneSpaces``; Parfum's repair turns two spaces into
    one, which is exactly what BusyBox rejects, so dockmod goes the other way and writes the form every
    implementation accepts.

Example
    Before::

        RUN echo "$NODE_SHA256 node.tar.xz" | sha256sum -c -

    After::

        RUN echo "$NODE_SHA256  node.tar.xz" | sha256sum -c -

Fix safety
    safe: GNU sha256sum reads both forms the same way, and BusyBox now accepts the line too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor import lazy_re
from refactor.commands import run_scripts, tool_name
from refactor.document import Document
from refactor.edits import Edit, Fix, Safety
from refactor.passes import Context, Pass, Result
from refactor.shell import ShellCommand, ShellScript
from transforms._hygiene import source_matches

SUMS = frozenset({"sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "md5sum", "b2sum"})
_HASH = r"(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|[0-9a-fA-F]{32,128})"
_ONE_WORD = lazy_re.compile(r"^([\"'])(" + _HASH + r") ([^ *\"'][^\"']*)\1$")
_PLAIN = lazy_re.compile(r"^[A-Za-z0-9_./${}+-]+$")


def _checks(cmd: ShellCommand) -> bool:
    argv = cmd.argv
    return bool(argv) and tool_name(cmd.words[0].value) in SUMS and \
        any(a in ("-c", "--check") or re.fullmatch(r"-[a-z]*c[a-z]*", a) is not None for a in argv[1:])


def _fix(script: ShellScript, echo: ShellCommand) -> Edit | None:
    ins = script.instruction
    args = list(echo.words[1:])
    if not args or args[0].value.startswith("-"):
        return None
    if len(args) == 1:
        w = args[0]
        m = _ONE_WORD.match(w.raw)
        if m is None or not source_matches(ins, w):
            return None
        at = w.start + 1 + len(m.group(2))
        return Edit.insert(at, " ")
    if len(args) == 2 and all(_PLAIN.match(w.raw) for w in args) and re.fullmatch(_HASH, args[0].raw):
        a, b = args
        if ins.doc.text[a.start:b.end] != ins.logical.text[a.lstart:b.lend]:
            return None  # the two words sit on different lines
        return Edit(a.start, b.end, f'"{a.raw}  {b.raw}"')
    return None


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    for _ins, script in run_scripts(doc):
        cmds = script.commands
        for k in range(len(cmds) - 1):
            echo, check = cmds[k], cmds[k + 1]
            if echo.name != "echo" or check.op_before != "|" or not _checks(check):
                continue
            edit = _fix(script, echo)
            if edit is not None:
                yield Fix(PASS.id, f"{tool_name(check.words[0].value)} -c needs two spaces between hash and file name "
                          "(BusyBox rejects one)", (edit,), Safety.SAFE)


PASS = Pass("sha256sum-check-two-spaces", "Write checksum lines as 'HASH  FILE' so BusyBox accepts them",
            Safety.SAFE, run, __doc__, aliases=("sha256sumEchoOneSpaces",))

PASSES = (PASS,)
