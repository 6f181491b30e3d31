"""
What it does
    Makes the final stage (the image ``docker build`` produces by default) run as a non-root user when it
    has no USER or ends as root: it switches back to a user an earlier USER named, to the one user the
    stage hands its files to, to a user a RUN creates, to the base image's own user (``node``, .NET's
    ``app``), to ``65532:65532`` on scratch/distroless, or else creates the system user ``app`` (1001)
    with the base's tool, and makes the directories the app writes its own; the app's code stays root-owned.
    Official nginx and php's apache tags run as their own user (nginx 101, www-data 33) when the config the image
    ends up with listens only on ports >= 1024.

Skips
    Each with its reason (``transforms/non_root/skips.py`` and ``beside.py``, one golden case per rule): a
    Windows image; a base that must run as root (``docker:dind``, kaniko) or starts as root and drops privileges
    itself (postgres, httpd); official nginx or php apache whose config (stock files, the build context's files
    COPY'd over them, ``rm`` and ``sed -i s///`` of them, nginx includes) listens below 1024, has a server with no
    ``listen``, includes a file not in the image, renders templates or is changed in a way the pass cannot follow,
    or names no writable pid or log path (``web_servers.py``); a base image meant to be extended (ONBUILD, official
    ``docker-*-entrypoint``, docker-library's generated header); an interactive, development or base image (no
    CMD/ENTRYPOINT, a shell or REPL started with no script, a compose service that bind-mounts the project onto
    the WORKDIR); a privileged port (< 1024) exposed; a start command that needs root (supervisord, sshd, cron,
    packet capture, VPNs, kubelet and other system daemons), whose packaged config switches to its own user
    (radiusd, mpd), that compiles when the container starts (``nest start``, ``tsc``, ``go run``) or writes into
    the code then (``npm install``, ``pip install``, ``sed -i``: only the old ``--chown`` of the code made that
    work); bcc/WireGuard-module source builds; a Docker client (watchtower, docker-compose) or libvirt's
    ``qemu:///system``; a program whose job is a host device (audacity, cheese); a pid file under /run; etcd
    writing into cwd /; simh disk images and Cronicle's installer; a documented ``docker run`` (the file's
    comments) with ``--device``, ``--cap-add``, ``--privileged``, a mount under /root, the host's /etc/shadow or
    ``-e NEWUSER``; Docker-socket tools (the docker CLI copied in from an image or a stage built on it, docker
    binaries downloaded, ``docker.sock`` named in the Dockerfile, a compose file or the README); a package that
    needs root installed; gosu/su-exec in RUN or the entrypoint; an app (WORKDIR, VOLUME, ENV path, a compose or
    README volume) under ``/root``; programs or state kept under ``/root`` or ``~`` (``cabal install``, ``pip
    install --user``, ``pipx``, ``ENV PATH=/root/…``, COPY into /root, helm plugins, Quicklisp). Also: a USER
    from a build argument without default, a base that already runs as non-root (bitnami, ``*-unprivileged``,
    ``:nonroot``, .NET chiseled), ``USER root`` with a comment above it, one that switches away from the base's
    user or comes after CMD, a created user without a fixed uid or with an entrypoint script that may switch
    itself, a file owner whose uid is unknown, UBI minimal/micro (no useradd) and a base whose family is
    unknown.

Why
    A process running as root in a container is root on the host's kernel: a container escape or a writable
    host mount gives full control. CIS Docker Benchmark 4.1, hadolint DL3002, Kubernetes' ``runAsNonRoot``. A
    created user is switched to by numeric ``uid:gid`` so that ``runAsNonRoot`` can verify it. The message
    states why the stage runs as root (no USER in the file and the base image's facts in
    ``refactor.knowledge.images``, or a RUN that only root can run such as ``apt-get install``) and why this
    user: the one the base creates, the one the file creates or hands its files to, ``65532`` where no shell
    or useradd exists, else a created ``app`` because the base ships no non-root user. Least privilege: the
    app's code stays root-owned (no ``COPY --chown`` of it), so a compromised process cannot rewrite it; the
    user owns only what the app writes, each named with its evidence in the message: the WORKDIR itself (not
    recursively: new files can be created there), earlier VOLUMEs, the data directories an ENV (``DATA_DIR``,
    ``*_LOG_DIR``, ``UPLOAD_PATH``) or a ``--*-dir`` option of the start command names, state dirs (log/,
    data/, tmp/…) a RUN ``mkdir``s, the folder of a SQLite file an ENV or the start command names, and the
    framework's writable folders when its manifest is copied into the WORKDIR (Rails ``db log storage tmp``,
    Laravel ``storage bootstrap/cache``, Next.js ``.next/cache``, recursively as their docs do; Django's
    ``MEDIA_ROOT``), from ``refactor.knowledge.writable_dirs``. They are created (``mkdir -p``: BuildKit does
    not create VOLUME paths) and chowned in the RUN that creates the user; a COPY into a VOLUME or data dir
    (data, not code) keeps ``--chown``, by number because the user is created after the COPYs. The user RUN
    and ``USER`` go after the last RUN/COPY/ADD, just before CMD/ENTRYPOINT and the comment lines that
    describe it. nginx and Apache bind their ports in the master process: below 1024 only root may, outside
    Docker >= 20.10's ``ip_unprivileged_port_start=0`` (Kubernetes, Podman, older engines), so a config on port 80
    stays root and the finding names the listen line. On unprivileged ports nginx runs as ``nginx`` the way
    nginxinc/nginx-unprivileged does: the pid moves to /tmp/nginx.pid (``sed`` of the ``pid`` line) and nginx owns
    /var/cache/nginx (its temp files); php's apache image already gives www-data its run, lock and log dirs. The
    message names each listen line (file:line, how it got there) and the user (``refactor.knowledge.web_servers``).

Example
    Before::

        FROM python:3.12-slim
        WORKDIR /app
        COPY . .
        CMD ["python", "app.py"]

    After::

        FROM python:3.12-slim
        WORKDIR /app
        COPY . .
        RUN groupadd --system --gid 1001 app \\
            && useradd --system --no-log-init --create-home --uid 1001 --gid app app \\
            && chown app:app /app
        USER 1001:1001
        CMD ["python", "app.py"]

Fix safety
    review: the process loses root. Anything it writes outside the app directory and its volumes (``/var/run``,
    ``/etc``, a file of its code, a subfolder of the code no evidence names) now fails with EACCES, and volumes
    created by older containers keep root ownership. Options: ``uid``, ``gid`` (1001), ``user``, ``group``
    (``app``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from refactor.document import Document
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.images import runs_non_root
from refactor.model import model_of
from refactor.passes import Context, Pass, Result, account_name, id_number
from refactor.project import project_context
from refactor.rewrite import command_list
from refactor.runtime_config import insert_runtime_config
from transforms.non_root import PASS_ID
from transforms.non_root.skips import skip_reason
from transforms.non_root.users import commented, is_root

if TYPE_CHECKING:
    from transforms.non_root.strategies import Plan


def analyze(doc: Document, ctx: Context) -> Plan | Finding | None:
    """What to do with the final stage: a plan, a finding saying why not, or None (nothing to do)."""
    stage = doc.final_stage
    if stage is None:
        return None
    m = model_of(stage)
    if any(value is None for _, value in m.users):
        return None  # set from a build argument without a default: the author decides at build time
    earlier = next((value for _, value in reversed(m.users) if value is not None and not is_root(value)), None)
    last_user = m.users[-1][0] if m.users else None
    if last_user is None and runs_non_root(m.image):
        return None  # the base image already runs as a non-root user
    anchor, before = m.entry_point
    at = anchor.line_start if before else anchor.stop
    if last_user is not None:
        if not is_root(m.users[-1][1] or ""):
            return None
        if commented(last_user):
            return Finding(PASS_ID, f"USER root set deliberately at line {last_user.lineno}", last_user.start)
        if earlier is None:
            return Finding(PASS_ID, f"USER root at line {last_user.lineno} switches away from the base image's "
                           "user: switch back to it after the steps that need root", last_user.start)
        if last_user.start >= at:
            return Finding(PASS_ID, f"USER root at line {last_user.lineno} comes after CMD/ENTRYPOINT: move it "
                           "before them", last_user.start)
    reason = skip_reason(stage, ctx)
    if reason:
        return Finding(PASS_ID, reason, (last_user or stage.from_).start)
    from transforms.non_root.strategies import STRATEGIES, Target  # here: only for a stage no rule skips

    found = project_context(doc, ctx.path, ctx.context_dir, ctx.project)
    target = Target(doc, stage, at, earlier, ctx.option(PASS, "user"), ctx.option(PASS, "group"),
                    ctx.option(PASS, "uid"), ctx.option(PASS, "gid"), found[1] if found else None)
    for strategy in STRATEGIES:
        result = strategy(target)
        if result is not None:
            return result
    return None


def render(plan: Plan) -> Fix:
    """The edits of a plan: ``--chown`` on the COPYs, then the user RUN (if any) and USER at the entry point."""
    doc = plan.stage.doc
    kw = doc.keyword
    lines = [f"{kw('RUN')} {command_list(doc, plan.commands[0], list(plan.commands[1:]))}"] if plan.commands else []
    lines.append(f"{kw('USER')} {plan.user}")
    chowns = [Edit.insert(ins.words[0].start, f"--chown={plan.owner} ") for ins in plan.chown]
    insert = insert_runtime_config(plan.stage, lines, above_comments=True)  # the CMD's comment stays with it
    return Fix(PASS_ID, plan.message, (*chowns, insert), Safety.REVIEW, offset=plan.offset)


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    result = analyze(doc, ctx)
    if isinstance(result, Finding):
        yield result
    elif result is not None:  # a Plan
        yield render(result)


PASS = Pass(PASS_ID, "Run the final stage as a non-root user", Safety.REVIEW, run, __doc__,
            options={"uid": 1001, "gid": 1001, "user": "app", "group": "app"},
            checks={"uid": id_number, "gid": id_number, "user": account_name, "group": account_name},
            follows={"gid": "uid"})  # --set non-root-user.uid=2000 alone gives 2000:2000

PASSES = (PASS,)
