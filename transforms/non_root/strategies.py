"""How the final stage gets its non-root user: one strategy per way, tried in the order of ``STRATEGIES``.

A strategy returns a ``Plan`` (what to insert), a ``Finding`` (it applies but cannot act), or None (it does
not apply: try the next one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from refactor.document import Document, Instruction, Stage
from refactor.edits import Finding
from refactor.images import (
    DISTROLESS,
    RHEL,
    SCRATCH,
    bundled_user,
    bundled_user_ids,
    has_shell,
    image_user,
    lacks_useradd,
    stage_family,
    system_user_ids,
)
from refactor.knowledge.images import FAMILIES
from refactor.model import model_of
from transforms.non_root import PASS_ID
from transforms.non_root.dirs import describe, dir_commands, owned_dirs, seeding_copies
from transforms.non_root.users import chowned_owner, created_users, image_label, numeric_id, root_evidence
from transforms.non_root.web_servers import Verdict, evidence, verdict

NUMERIC_NONROOT = "65532:65532"  # distroless ``nonroot``; numeric so scratch needs no /etc/passwd


@dataclass(frozen=True)
class Target:
    """The final stage to change and what the pass already knows about it."""

    doc: Document
    stage: Stage
    at: int  # where the USER goes (offset)
    earlier: str | None  # a non-root user an earlier USER switched to
    user: str  # options: the user and group to create, and their ids
    group: str
    uid: int
    gid: int
    context: Path | None = None  # the build context, whose manifests name the framework (its writable dirs)


@dataclass(frozen=True)
class Plan:
    """What to insert: optionally a RUN of ``commands``, then ``USER user``; ``--chown=owner`` on ``chown``."""

    stage: Stage
    message: str
    user: str
    offset: int
    commands: tuple[str, ...] = ()
    owner: str = ""
    chown: tuple[Instruction, ...] = field(default=())


def _switch(t: Target, message: str, user: str) -> Plan:
    return Plan(t.stage, message, user, t.at)


def web_server(t: Target) -> Plan | None:
    """Official nginx or php apache whose config listens only on unprivileged ports: run as the image's user."""
    v = verdict(t.stage, t.context)
    if not isinstance(v, Verdict):
        return None
    message = (f"final stage runs as root: {root_evidence(t.stage)[0]}; {v.server.name} listens only on unprivileged "
               f"ports ({evidence(v)}), so run it as the image's {v.server.user} user ({v.server.ids}): "
               + "; ".join(v.notes))
    return Plan(t.stage, message, v.server.ids, t.at, v.commands)


def switch_back(t: Target) -> Plan | None:
    """An earlier USER switched to a non-root user and a later ``USER root`` stayed: switch back to it."""
    if t.earlier is None:
        return None
    # The author already names this user in USER; the same spelling is fine when no uid is known.
    users = model_of(t.stage).users
    last = users[-1][0]
    before = next(ins for ins, value in reversed(users) if value == t.earlier)
    message = (f"final stage ends as root: USER {users[-1][1]} at line {last.lineno} follows USER {t.earlier} at "
               f"line {before.lineno}; switch back to {t.earlier}")
    return _switch(t, message, numeric_id(t.stage, t.earlier) or t.earlier)


def chowned_to(t: Target) -> Plan | Finding | None:
    """The stage hands its files to one existing user (``COPY --chown=nobody``): switch to that user."""
    owned = chowned_owner(t.stage, t.at)
    if owned is None or created_users(t.stage):
        return None
    ins, name = owned
    numeric = name if name.isdigit() else system_user_ids(name, stage_family(t.stage))
    if numeric is not None:
        return _switch(t, f"final stage runs as root: {root_evidence(t.stage)[0]}; line {ins.lineno} hands the "
                       f"app's files to {name}: switch to it ({numeric})", numeric)
    if bundled_user_ids(name) is None and name != (bundled_user(t.stage) or "app"):
        return Finding(PASS_ID, f"line {ins.lineno} hands the app's files to {name}, whose uid is not known here: "
                       f"add USER {name} (by its uid) by hand", ins.start)
    return None


def created_by_run(t: Target) -> Plan | Finding | None:
    """A RUN creates a user but nothing switches to it: switch to it by its uid."""
    created = created_users(t.stage)
    if not created:
        return None
    ins, name = created[-1]
    script = next((p for p in model_of(t.stage).start_programs if p.endswith(".sh") or "entrypoint" in p), None)
    if script:
        return Finding(PASS_ID, f"line {ins.lineno} creates the user {name} and {script} starts the container: it "
                       f"probably switches to {name} itself (gosu/su-exec); check it, then add USER {name}",
                       t.stage.from_.start)
    numeric = numeric_id(t.stage, name)
    if numeric is None:
        return Finding(PASS_ID, f"the user {name} has no fixed uid: create it with -u UID and set USER to that "
                       "number", ins.start)
    return _switch(t, f"final stage runs as root: {root_evidence(t.stage)[0]}; switch to the user {name} "
                   f"({numeric}) that line {ins.lineno} creates", numeric)


def _seeded(copies: tuple[Instruction, ...]) -> str:
    if not copies:
        return ""
    lines = ", ".join(str(c.lineno) for c in copies)
    return f"; COPY at line {lines} keeps --chown: its files seed a volume or data directory the app writes"


def _with_dirs(t: Target, message: str, user: str, owner: str, copy_owner: str, create: list[str]) -> Plan:
    """A plan that also makes the directories the app writes its own (``mkdir -p`` + ``chown`` after
    ``create``: the WORKDIR non-recursively, VOLUMEs, named data dirs, framework dirs); the code stays root's."""
    owned = owned_dirs(t.stage, t.at, t.context)
    chown = tuple(seeding_copies(t.stage, owned, t.at))
    cmds = create + dir_commands(owner, owned)
    if owned:
        message += f"; it owns {describe(owned)}, the app's code stays root-owned"
    return Plan(t.stage, message + _seeded(chown), user, t.at, tuple(cmds), copy_owner, chown)


def numeric_nonroot(t: Target) -> Plan | None:
    """scratch, distroless, no shell: no user tools and maybe no /etc/passwd, so the numeric 65532."""
    if stage_family(t.stage) not in (SCRATCH, DISTROLESS) and has_shell(t.stage):
        return None
    owned = owned_dirs(t.stage, t.at, t.context)
    chown = tuple(seeding_copies(t.stage, owned, t.at))
    message = (f"final stage runs as root: {root_evidence(t.stage)[0]}; it has no shell or useradd to create a "
               f"user, so run as the numeric non-root user {NUMERIC_NONROOT} (distroless' nonroot uid, which needs "
               "no /etc/passwd entry)")
    if owned:
        message += (f"; no shell to chown {' '.join(o.path for o in owned)}: the app's code stays root-owned, "
                    "mount a volume where the app writes")
    return Plan(t.stage, message + _seeded(chown), NUMERIC_NONROOT, t.at, (), NUMERIC_NONROOT, chown)


def image_bundled(t: Target) -> Plan | None:
    """The base image creates a user (node, bun, deno, .NET 8+'s app): switch to it."""
    entry = image_user(t.stage)
    if entry is None or entry.user is None or entry.ids is None:
        return None
    owner = f"{entry.user}:{entry.user}"
    copy_owner = entry.ids if entry.user == "app" else owner  # .NET: by $APP_UID, as its docs do
    message = (f"final stage runs as root: {root_evidence(t.stage)[0]}; switch to that non-root user "
               f"{entry.user} ({entry.ids})")
    return _with_dirs(t, message, entry.ids, owner, copy_owner, [])


def create_system_user(t: Target) -> Plan | Finding | None:
    """Create a system user and group with the family's tool (BusyBox adduser, shadow useradd)."""
    family = stage_family(t.stage)
    tool = FAMILIES[family].user_tool if family in FAMILIES else None
    if tool is None:
        return None
    if family == RHEL and lacks_useradd(t.stage):
        return Finding(PASS_ID, f"{t.stage.root_image()} has no useradd: install shadow-utils and create a user, or "
                       "set a numeric USER by hand", t.stage.from_.start)
    ids = f"{t.uid}:{t.gid}"
    how = "adduser" if tool == "busybox" else "useradd"
    evidence, known = root_evidence(t.stage)
    none = "it ships no non-root user for the app" if known else f"no non-root user of {image_label(t.stage)} is known"
    message = (f"final stage runs as root: {evidence}; {none}, so create the system user {t.user} ({ids}; options "
               f"user, uid, gid) with {how} and switch to it")
    return _with_dirs(t, message, ids, f"{t.user}:{t.group}", ids, _create_commands(tool, t))


def _create_commands(tool: str, t: Target) -> list[str]:
    if tool == "busybox":
        return [f"addgroup -S -g {t.gid} {t.group}", f"adduser -S -D -u {t.uid} -G {t.group} {t.user}"]
    return [f"groupadd --system --gid {t.gid} {t.group}",
            f"useradd --system --no-log-init --create-home --uid {t.uid} --gid {t.group} {t.user}"]


def unknown_family(t: Target) -> Finding:
    return Finding(PASS_ID, f"cannot tell how to create a user in {t.stage.root_image()}: add a USER by hand",
                   t.stage.from_.start)


STRATEGIES: tuple[Callable[[Target], Plan | Finding | None], ...] = (
    web_server, switch_back, chowned_to, created_by_run, numeric_nonroot, image_bundled, create_system_user,
    unknown_family,
)
