"""Users a stage creates (``useradd``/``adduser``), hands its files to (``--chown``, ``chown``) or switches
to, and the numeric ids a USER can name them by."""

from __future__ import annotations

import shlex

from refactor.document import Instruction, Stage
from refactor.images import DISTROLESS, bundled_user_ids, image_user
from refactor.knowledge.programs import USER_OPTS_WITH_VALUE
from refactor.model import model_of
from refactor.shell import shell_of


def user_part(value: str) -> str:
    return value.split(":", 1)[0]


def is_root(value: str) -> bool:
    return user_part(value) in ("root", "0")


def commented(ins: Instruction) -> bool:
    """True when a comment line sits directly above the instruction."""
    lines = ins.doc.text[:ins.line_start].splitlines()
    return bool(lines) and lines[-1].strip().startswith("#")


def created_user(argv: list[str]) -> str | None:
    """The login name a ``useradd``/``adduser`` command line creates, or None."""
    if argv and argv[0] == "sudo":
        argv = argv[1:]
    if not argv or argv[0].rsplit("/", 1)[-1] not in ("useradd", "adduser"):
        return None
    skip = False
    for arg in argv[1:]:
        if skip:
            skip = False
            continue
        if arg.startswith("-"):
            skip = arg in USER_OPTS_WITH_VALUE
            continue
        return arg
    return None


def created_uid(argv: list[str]) -> str | None:
    """The fixed uid a ``useradd -u N`` / ``adduser -u N`` command line gives, or None."""
    for k, arg in enumerate(argv[:-1]):
        if arg in ("-u", "--uid") and argv[k + 1].isdigit():
            return argv[k + 1]
    for arg in argv:
        if arg.startswith("--uid=") and arg[6:].isdigit():
            return arg[6:]
    return None


def numeric_id(stage: Stage, name: str) -> str | None:
    """A numeric USER value for ``name``: itself when numeric, the uid the official image gives its bundled
    user, or the uid its creating command fixes. Kubernetes' runAsNonRoot (and hadolint DL3066) can only
    verify a numeric user."""
    if user_part(name).isdigit():
        return name
    if ids := bundled_user_ids(name):
        return ids
    # the same commands created_users reads: a heredoc's ``useradd -u 999 worker`` fixes the uid too
    return next((uid for _, argv in _run_argvs(stage)
                 if _created_name(stage, argv) == name and (uid := created_uid(argv))), None)


def _run_argvs(stage: Stage) -> list[tuple[Instruction, list[str]]]:
    """The command lines of the RUNs of the stage's lineage (shell form and heredoc scripts), in order."""
    out: list[tuple[Instruction, list[str]]] = []
    for ins in model_of(stage).lineage_instructions:
        if ins.name != "RUN":
            continue
        script = shell_of(ins)
        out += [(ins, cmd.argv) for cmd in script.commands] if script else []
        for heredoc in ins.heredocs:
            for line in heredoc.body(ins.doc.text).splitlines():
                try:
                    out.append((ins, shlex.split(line, comments=True)))
                except ValueError:
                    continue
    return out


def _created_name(stage: Stage, argv: list[str]) -> str | None:
    """The user ``argv`` creates, with the stage's ARG/ENV defaults substituted (``useradd "$APP_USER"`` after
    ``ARG APP_USER=app`` creates app); None when there is none or a name stays unknown."""
    name = created_user(argv)
    return model_of(stage).resolve(name) if name and "$" in name else name


def created_users(stage: Stage) -> list[tuple[Instruction, str]]:
    """Users created by the RUNs of the stage's lineage (shell form and heredoc scripts), in order."""
    return [(ins, name) for ins, argv in _run_argvs(stage)
            if (name := _created_name(stage, argv)) and name != "root" and "$" not in name]


def chowned_owner(stage: Stage, before: int) -> tuple[Instruction, str] | None:
    """The one non-root owner the final stage hands its files to (``COPY --chown=nobody:root``,
    ``RUN chown nobody /app``) before ``before``, as written; None when there is none or several."""
    owners: list[tuple[Instruction, str]] = []
    for ins in stage.body():
        if ins.start >= before:
            break
        flag = ins.flag("chown") if ins.name in ("COPY", "ADD") else None
        if flag is not None and flag.value:
            owners.append((ins, flag.value))
        script = shell_of(ins) if ins.name == "RUN" else None
        for cmd in script.commands if script else []:
            if cmd.name == "chown":
                args = [a for a in cmd.argv[1:] if not a.startswith("-")]
                if len(args) >= 2:
                    owners.append((ins, args[0]))
    users = {user_part(owner) for _, owner in owners}
    if len(users) != 1 or any("$" in u or u in ("", "root", "0") for u in users):
        return None
    return owners[0][0], user_part(owners[0][1])


# Commands that only root can run: the first one before any USER shows that the image's default user is root.
_ROOT_COMMANDS = (("apt-get", "install"), ("apt", "install"), ("apk", "add"), ("yum", "install"),
                  ("dnf", "install"), ("microdnf", "install"), ("useradd",), ("groupadd",), ("adduser",),
                  ("addgroup",), ("dpkg", "-i"))


def image_label(stage: Stage) -> str:
    """The stage's base image as a message names it: ``name:tag``, no digest, no ``docker.io/library/``."""
    ref = model_of(stage).image
    return f"{ref.name}:{ref.tag}" if ref.tag else ref.name


def root_evidence(stage: Stage) -> tuple[str, bool]:
    """Why the stage's default user is root, for a fix message: the base image's known facts (an official
    image or a distribution that sets no USER, scratch, distroless' default tags, an image whose user is known
    but not switched to) or a RUN that only root can run with no USER before it; and whether the image's own
    facts are known (then the table says which non-root user it ships, if any)."""
    m = model_of(stage)
    ref, image = m.image, image_label(stage)
    if ref.name == "scratch":
        return "no USER in this file, and scratch starts as uid 0", True
    if m.family == DISTROLESS:
        return f"no USER in this file, and {image} runs as uid 0 (only distroless' :nonroot tags set 65532)", True
    if (entry := image_user(ref)) is not None:
        return f"no USER in this file, and {image} creates {entry.user} but does not switch to it", True
    if any(e.name and (e.distro or e.family) for e in ref.facts(build_fact=True)):
        return f"no USER in this file, and {image} sets none (its official Dockerfile)", True
    for ins in m.lineage_instructions:
        if ins.name == "USER":
            break
        script = shell_of(ins) if ins.name == "RUN" else None
        for cmd in script.commands if script else []:
            if any(cmd.is_(*c) for c in _ROOT_COMMANDS):
                run = " ".join(cmd.argv[:2])
                return f"no USER in this file, and line {ins.lineno} runs {run} (needs root) as the default user", False
    return f"no USER in this file, and {image} is not known to set one", False
