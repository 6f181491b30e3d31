"""apk-no-cache: ``apk add`` uses ``--no-cache`` so the package index never lands in a layer.

What it does
    Gives every ``apk add`` without ``--no-cache`` that option (an ``-U``/``--update``/
    ``--update-cache`` option is replaced by it: ``--no-cache`` fetches a fresh index anyway). In the same
    RUN, an ``apk update`` that only fed those ``apk add`` commands is dropped, and so is an
    ``rm -rf /var/cache/apk/*`` that has nothing left to delete. Alias: ``apkAddUseNoCache`` (Parfum).

Why
    Without ``--no-cache``, apk stores its index (a few MB per repository) in ``/var/cache/apk`` and the
    layer keeps it. ``--no-cache`` downloads the index to memory only; the clean-up commands written to
    work around the cache become noise.

Example
    Before::

        RUN apk update && apk add curl && rm -rf /var/cache/apk/*

    After::

        RUN apk add --no-cache curl

Fix safety
    Safe. RUNs whose apk cache sits on a BuildKit cache mount
    (``--mount=type=cache,target=/var/cache/apk``) and commands with ``--cache-dir``/``--cache-max-age``
    are left alone. ``apk update`` stays when another apk command (``upgrade``, ``info``, ``search``…)
    of the stage could read the index it writes; ``rm -rf /var/cache/apk/*`` stays when an earlier RUN
    of the stage writes to the cache.
"""

from __future__ import annotations

from collections.abc import Iterator

from refactor import lazy_re
from refactor.commands import BARE_SUDO_COMMAND, tool_name, unwrap
from refactor.document import Document, Instruction
from refactor.edits import Edit, Fix, Safety
from refactor.knowledge.packages import APK_CACHE_OPTIONS, APK_UPDATE_OPTIONS
from refactor.passes import Context, Pass
from refactor.rewrite import replace_word
from refactor.shell import ShellCommand, ShellScript, shell_of
from refactor.stages import later_instructions
from transforms._apk import (
    apk_call,
    cache_mounted,
    delete_word,
    has_comment_between,
    remove_command,
)

PASS_ID = "apk-no-cache"
_FORCE = lazy_re.compile(r"^(-[a-zA-Z]*f[a-zA-Z]*|--force)$")
_APK_PATH = lazy_re.compile(r"^/var/cache/apk(/\*?)?$")


def _apk_argv(cmd: ShellCommand) -> list[str] | None:
    argv = cmd.argv
    argv = argv[unwrap(argv, BARE_SUDO_COMMAND):]
    if not argv or tool_name(argv[0]) != "apk":
        return None
    return argv


def _verb(argv: list[str]) -> str:
    return next((a for a in argv[1:] if not a.startswith("-")), "")


def _writes_cache(script: ShellScript) -> bool:
    """Whether a RUN (as written) leaves apk index files in /var/cache/apk."""
    for cmd in script.commands:
        argv = _apk_argv(cmd)
        if argv is None:
            continue
        verb = _verb(argv)
        if verb == "update":
            return True
        if verb in ("add", "upgrade", "fix") and "--no-cache" not in argv:
            return True
    return False


def _needs_index(cmd: ShellCommand) -> bool:
    """An apk command that would read an index left by ``apk update`` (add/del never do once fixed)."""
    argv = _apk_argv(cmd)
    if argv is None:
        return False
    verb = _verb(argv)
    if verb in ("add", "del", "update"):
        return False
    return "--no-cache" not in argv


def _fix_add(cmd: ShellCommand) -> list[Edit] | None:
    add = apk_call(cmd, "add")
    if add is None or "--no-cache" in add.flag_values or add.flag_values & APK_CACHE_OPTIONS:
        return None
    update = next((w for w in add.options if w.value in APK_UPDATE_OPTIONS), None)
    if update is not None:
        return [replace_word(update, "--no-cache")]
    return [Edit.insert(add.verb.end, " --no-cache")]


def _fixable_or_harmless(cmd: ShellCommand) -> bool:
    """An apk command that writes no cache once this pass is done (add, del, or the update it drops)."""
    add = apk_call(cmd, "add")
    if add is not None:
        return not add.flag_values & APK_CACHE_OPTIONS
    return _verb(_apk_argv(cmd) or []) == "del" or _is_update(cmd)


def _earlier_writes(ins: Instruction) -> bool:
    doc = ins.doc
    if ins.stage_index < 0:
        return False  # before any FROM: no earlier RUN of a stage
    stage = doc.stages[ins.stage_index]
    for s in stage.lineage():
        for other in s.body():
            if other.index >= ins.index or other.name != "RUN":
                continue
            script = shell_of(other)
            if script is None or cache_mounted(other) or _writes_cache(script):
                return True
    return False


def _later(ins: Instruction) -> list[Instruction]:
    """Instructions that could read what ``ins`` leaves behind. A RUN before any FROM (a fragment, or a
    file BuildKit would reject) belongs to no stage: only the RUNs after it, up to a FROM, follow it."""
    if ins.stage_index >= 0:
        return later_instructions(ins)
    out: list[Instruction] = []
    for other in ins.doc.instructions[ins.index + 1:]:
        if other.name == "FROM":
            break
        out.append(other)
    return out


def _is_update(cmd: ShellCommand) -> bool:
    argv = _apk_argv(cmd)
    return argv is not None and [a for a in argv[1:] if a not in ("-q", "--quiet", "--no-progress")] == ["update"]


def _cache_rm(cmd: ShellCommand) -> tuple[list[int], int] | None:
    """Indexes of the ``/var/cache/apk`` path words of an ``rm``, and how many paths it has."""
    argv = cmd.argv
    if not argv or argv[0].rsplit("/", 1)[-1] != "rm":
        return None
    paths = [k for k, a in enumerate(argv) if k > 0 and not a.startswith("-")]
    hits = [k for k in paths if _APK_PATH.match(cmd.argv[k])]
    return (hits, len(paths)) if hits else None


def _fix_run(ins: Instruction, script: ShellScript) -> Fix | None:
    edits: list[Edit] = []
    adds = 0
    for cmd in script.commands:
        e = _fix_add(cmd)
        if e:
            edits += e
            adds += 1
    pending = [c for c in script.commands if _apk_argv(c) is not None]
    all_no_cache = all(_fixable_or_harmless(c) for c in pending)
    removed: list[str] = []
    updates = [c for c in script.commands if _is_update(c)]
    later_ok = not any(_needs_index(c) or (i.name == "RUN" and cache_mounted(i))
                       for i in _later(ins) if i.name == "RUN"
                       for c in (shell_of(i).commands if shell_of(i) else []))
    if all_no_cache and len(updates) == 1 and later_ok and any(apk_call(c, "add") for c in pending):
        first_add = next(c for c in pending if apk_call(c, "add"))
        if script.commands.index(updates[0]) < script.commands.index(first_add):
            e = remove_command(script, updates[0])
            if e is not None:
                edits.append(e)
                removed.append("apk update")
                updates = []
    if all_no_cache and not updates and not _earlier_writes(ins):
        for cmd in script.commands:
            hit = _cache_rm(cmd)
            if hit is None:
                continue
            idx, total = hit
            if len(idx) == total:
                e = remove_command(script, cmd)
                if e is None and len(script.commands) == 1:
                    e = _remove_instruction(ins)
                if e is not None:
                    edits.append(e)
                    removed.append("rm -rf /var/cache/apk/*")
            elif len(idx) == 1:
                edits.append(delete_word(ins, list(cmd.words), idx[0]))
                removed.append("/var/cache/apk/*")
    if adds and _strict_rm_left(script, removed):
        return None  # `rm /var/cache/apk/*` without -f fails once the cache stays empty
    if not edits:
        return None
    parts = []
    if adds:
        parts.append("apk add gets --no-cache")
    if removed:
        parts.append(f"{' and '.join(removed)} no longer needed")
    return Fix(PASS_ID, "; ".join(parts), tuple(edits), Safety.SAFE)


def _strict_rm_left(script: ShellScript, removed: list[str]) -> bool:
    """True when an ``rm`` without ``-f`` of the apk cache remains in the RUN after this fix."""
    if any("/var/cache/apk" in r for r in removed):
        return False
    for cmd in script.commands:
        hit = _cache_rm(cmd)
        if hit is not None and not any(_FORCE.match(a) for a in cmd.argv[1:]):
            return True
    return False


def _remove_instruction(ins: Instruction) -> Edit | None:
    """Delete a whole RUN whose only command is redundant (no comment inside it)."""
    if has_comment_between(ins.doc, ins.line_start, ins.stop):
        return None
    return Edit.delete(ins.line_start, ins.stop)


def _run(doc: Document, ctx: Context) -> Iterator[Fix]:
    del ctx
    for ins in doc.instructions:
        if ins.name != "RUN" or cache_mounted(ins):
            continue
        script = shell_of(ins)
        if script is None:
            # A ``RUN <<EOF`` script: only add the flag; its lines are not an ``&&`` chain to reshape.
            body = shell_of(ins, heredoc=True)
            edits = [e for cmd in (body.commands if body else []) for e in _fix_add(cmd) or []]
            if edits:
                yield Fix(PASS_ID, "apk add gets --no-cache", tuple(edits), Safety.SAFE)
            continue
        fix = _fix_run(ins, script)
        if fix is not None:
            yield fix


PASS = Pass(
    id=PASS_ID,
    summary="apk add uses --no-cache; drops the apk update / rm -rf /var/cache/apk/* it makes redundant",
    safety=Safety.SAFE,
    run=_run,
    doc=__doc__ or "",
    aliases=("apkAddUseNoCache",),
    hadolint=("DL3019",),
    triggers=("apk",),  # it acts on apk add only
)

PASSES = (PASS,)
