"""php-sockets-linux-headers: linux-headers in the build deps of docker-php-ext-install sockets (Alpine).

What it does
    When an Alpine stage runs ``docker-php-ext-install … sockets …`` and nothing before it installs
    ``linux-headers``, the package is added to the ``apk add --virtual`` group that precedes the command
    in the same RUN. Without such a group, the command is wrapped:
    ``apk add --no-cache --virtual .sockets-build-deps linux-headers && docker-php-ext-install … &&
    apk del --no-network .sockets-build-deps``.

Skips
    Stages that are not Alpine; a command after which ``linux-headers`` is already named in the stage (or its
    base stages); without a group to join, a command inside ``if``/``( )``, after or before ``||``/``|``.

Why
    PHP's ``sockets`` extension includes ``linux/sock_diag.h``; musl images do not ship kernel headers,
    so the build fails with ``fatal error: linux/sock_diag.h: No such file or directory``.

Example
    Before::

        RUN apk add --no-cache --virtual .build-deps $PHPIZE_DEPS \\
            && docker-php-ext-install sockets \\
            && apk del --no-network .build-deps

    After::

        RUN apk add --no-cache --virtual .build-deps $PHPIZE_DEPS linux-headers \\
            && docker-php-ext-install sockets \\
            && apk del --no-network .build-deps

Fix safety
    Safe: the headers are only present while the extension compiles and are deleted with the group.
    Nothing changes when ``linux-headers`` is already named before the command in the stage.
"""

from __future__ import annotations

from collections.abc import Iterator

from refactor.commands import joiner, run_scripts
from refactor.document import Document, Instruction
from refactor.edits import Fix, Safety
from refactor.images import ALPINE, stage_family
from refactor.passes import Context, Pass
from refactor.rewrite import insert_command_after, insert_command_before, insert_words_after
from refactor.shell import ShellCommand, ShellScript, shell_of
from transforms._apk import (
    ApkCall,
    apk_call,
    cache_mounted,
)

SOCKETS_ID = "php-sockets-linux-headers"
_SOCKETS_GROUP = ".sockets-build-deps"


def _headers_named_before(stage_instructions: list[Instruction], ins: Instruction, at: int) -> bool:
    for other in stage_instructions:
        if other.index > ins.index:
            break
        script = shell_of(other) if other.name == "RUN" else None
        if script is None:
            if other.index < ins.index and "linux-headers" in other.logical.text:
                return True
            continue
        for c in script.commands:
            if other is ins and c.lstart >= at:
                break
            if apk_call(c, "del") is None and "linux-headers" in c.argv:
                return True
    return False


def _group_before(script: ShellScript, cmd: ShellCommand) -> ApkCall | None:
    """The nearest ``apk add --virtual`` before ``cmd`` whose group is still installed at ``cmd``."""
    found: ApkCall | None = None
    for c in script.commands:
        if c is cmd:
            break
        a = apk_call(c, "add")
        if a is not None and a.virtual and c.depth == 0:
            found = a
        d = apk_call(c, "del")
        if d is not None and found is not None and found.virtual in d.names:
            found = None
    return found


def _sockets_fix(ins: Instruction, script: ShellScript, cmd: ShellCommand) -> Fix | None:
    group = _group_before(script, cmd)
    if group is not None:
        anchor = group.packages[-1] if group.packages else group.options[-1]
        return Fix(SOCKETS_ID, f"linux-headers added to {group.virtual}: docker-php-ext-install sockets "
                   "needs linux/sock_diag.h", (insert_words_after(ins, anchor, ["linux-headers"]),),
                   Safety.SAFE, offset=cmd.words[0].start)
    k = script.commands.index(cmd)
    nxt = script.commands[k + 1] if k + 1 < len(script.commands) else None
    if cmd.depth != 0 or cmd.op_before not in ("", "&&", ";") or (nxt is not None and nxt.op_before != "&&"
                                                                     and nxt.op_before != ";"):
        return None
    op = joiner(script)
    flag = "" if cache_mounted(ins) else " --no-cache"
    before = insert_command_before(script, cmd, f"apk add{flag} --virtual {_SOCKETS_GROUP} linux-headers", op)
    after = insert_command_after(script, cmd, f"apk del --no-network {_SOCKETS_GROUP}", op, inline=False)
    if after is None:
        return None
    return Fix(SOCKETS_ID, "docker-php-ext-install sockets needs linux-headers (linux/sock_diag.h): "
               "installed for the build and deleted after", (before, after), Safety.SAFE,
               offset=cmd.words[0].start)


def _run_sockets(doc: Document, ctx: Context) -> Iterator[Fix]:
    del ctx
    for stage in doc.stages:
        if stage_family(stage) != ALPINE:
            continue
        lineage_ins = [i for s in reversed(stage.lineage()) for i in s.body()]
        for ins, script in run_scripts(stage):
            for cmd in script.commands:
                argv = cmd.argv
                if not cmd.is_("docker-php-ext-install") or "sockets" not in argv[1:]:
                    continue
                if _headers_named_before(lineage_ins, ins, cmd.lstart):
                    continue
                fix = _sockets_fix(ins, script, cmd)
                if fix is not None:
                    yield fix
                break


SOCKETS = Pass(
    id=SOCKETS_ID,
    summary="docker-php-ext-install sockets on Alpine gets linux-headers in its build deps",
    safety=Safety.SAFE,
    run=_run_sockets,
    doc=__doc__ or "",
    triggers=("docker-php-ext-install",),
)

PASSES = (SOCKETS,)
