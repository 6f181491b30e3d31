"""Why a non-root user would break an image: ``SKIP_RULES``, a list of ``(find, message)`` rules.

``find(stage)`` returns the evidence (a port, a program, an instruction…) or None; ``message(stage,
evidence)`` says why and what to do. The first rule that finds something decides. Each rule has a golden
case in ``golden/non-root-user/``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from refactor.document import Instruction, Stage
from refactor.images import drops_root, must_run_as_root, ships_docker_cli
from refactor.knowledge.programs import (
    COMPILES_AT_START,
    CWD_DATA,
    DEVICE_PROGRAMS,
    DOCKER_BINARIES,
    DOCKER_CLIENTS,
    DOCKER_DOWNLOAD,
    DOCKER_LIBRARY_HEADER,
    DOCKER_SOCKET,
    HOME_INSTALLS,
    HOME_WRITERS,
    IN_PLACE_WRITERS,
    INIT_SHIMS,
    INTERACTIVE,
    LIBVIRT_SYSTEM_URI,
    PID_UNDER_RUN,
    PRIVILEGE_DROP,
    ROOT_PACKAGES,
    ROOT_PROGRAMS,
    ROOT_RUN_NOTES,
    ROOT_RUN_OPTIONS,
    ROOT_SOURCES,
    SELF_SWITCHING,
)
from refactor.knowledge.writable_dirs import WRITES_CODE_AT_START
from refactor.model import model_of
from refactor.passes import Context
from refactor.project import project_context
from refactor.shell import shell_of
from refactor.shells import windows_stage
from transforms.non_root.beside import beside_reason
from transforms.non_root.dirs import inside
from transforms.non_root.web_servers import server_of, starts_server, verdict


def _windows(stage: Stage) -> bool | None:
    return windows_stage(stage) or None


def _root_only(stage: Stage) -> bool | None:
    return must_run_as_root(stage) or None


def _root_service(stage: Stage) -> bool | None:
    """Starts as root on purpose; official nginx and php's apache tags are judged by their config instead
    (``web_servers``), when the container starts their own server."""
    server = server_of(stage)
    if server is not None and starts_server(stage, server):
        return None
    return drops_root(model_of(stage).image) or None


def _docker_library(stage: Stage) -> bool | None:
    return bool(DOCKER_LIBRARY_HEADER.search(stage.doc.text)) or None


def _interactive(stage: Stage) -> str | None:
    """The shell or REPL the container starts with no script (``CMD ["bash"]``, ``CMD python3``), ``""`` when
    the file sets no CMD/ENTRYPOINT at all (the base's default runs), else None."""
    argv = [part for cmd in model_of(stage).start_command for a in cmd for part in a.split()]
    if not argv:
        return None if server_of(stage) is not None else ""  # a web server image's own CMD serves
    while argv and argv[0].rsplit("/", 1)[-1] in (*INIT_SHIMS, "--"):
        argv = argv[1:]
    prog = argv[0].rsplit("/", 1)[-1] if argv else ""
    if INTERACTIVE.match(prog) and all(a.startswith("-") and a != "-c" for a in argv[1:]):
        return prog
    return None


def _interactive_message(stage: Stage, prog: str) -> str:
    what = f"the container starts {prog} with no script" if prog else "the file sets no CMD or ENTRYPOINT"
    return (f"{what}: an interactive, development or base image, run or extended by someone who picks the user; "
            "set USER by hand in the image that runs the app")


def _compiles_at_start(stage: Stage) -> str | None:
    text = " ".join(a for argv in model_of(stage).start_command for a in argv)
    m = COMPILES_AT_START.search(text)
    return " ".join(m.group(0).split()) if m else None


def _writes_code_at_start(stage: Stage) -> str | None:
    text = " ".join(a for argv in model_of(stage).start_command for a in argv)
    m = WRITES_CODE_AT_START.search(text)
    return " ".join(m.group(0).split()) if m else None


def _privileged_port(stage: Stage) -> int | None:
    return next((p.number for p in model_of(stage).ports if p.number is not None and 0 < p.number < 1024), None)


def _root_program(stage: Stage) -> str | None:
    server = server_of(stage)
    own = server.programs if server is not None and starts_server(stage, server) else frozenset()
    return next((p for p in model_of(stage).start_words if (p in ROOT_PROGRAMS or p in SELF_SWITCHING)
                 and p not in own), None)


def _root_program_message(stage: Stage, prog: str) -> str:
    if prog in ROOT_PROGRAMS:
        return f"the container starts {prog}, which needs root"
    return (f"the container starts {prog}, whose packaged config switches to its own user "
            f"({SELF_SWITCHING[prog]}) and keeps its files readable by that user only; set USER to "
            "that user's uid by hand")


def _daemon_client(stage: Stage) -> str | None:
    """The start command is a Docker client (watchtower, docker-compose) or names libvirt's system socket."""
    m = model_of(stage)
    if any(LIBVIRT_SYSTEM_URI in a for argv in m.start_command for a in argv):
        return f"-c {LIBVIRT_SYSTEM_URI}"
    return next((p for p in m.start_words if p in DOCKER_CLIENTS), None)


def _daemon_client_message(stage: Stage, what: str) -> str:
    if what.startswith("-c "):
        return (f"the container starts a libvirt client with {what}: libvirt's system socket is root:libvirt; run "
                "it with --user and --group-add by hand")
    return (f"the container starts {what}, which talks to the Docker daemon ({DOCKER_SOCKET}): that needs root or "
            "the docker group")


def _device_program(stage: Stage) -> str | None:
    return next((p for p in model_of(stage).start_words if p in DEVICE_PROGRAMS), None)


def _pid_under_run(stage: Stage) -> tuple[Instruction, str] | None:
    """A pid file configured under /run or /var/run by ENV, RUN or the start command."""
    for ins in model_of(stage).lineage_instructions:
        m = PID_UNDER_RUN.search(ins.logical.text) if ins.name in ("ENV", "RUN", "CMD", "ENTRYPOINT") else None
        if m:
            return ins, m.group(1)
    return None


def _data_in_cwd(stage: Stage) -> str | None:
    """A program that keeps its data in the working directory, started without the option that moves it, in a
    stage with no WORKDIR (the working directory is /, root-owned)."""
    m = model_of(stage)
    if m.declared_workdir:
        return None
    args = [a for argv in m.start_command for a in argv]
    prog = next((p for p in m.start_words if p in CWD_DATA), None)
    if prog is None or any(a.split("=", 1)[0] == CWD_DATA[prog] for a in args):
        return None
    return prog


def _in_place_writer(stage: Stage) -> str | None:
    """An installed package or a RUN'd installer whose program writes files the build made root-owned."""
    m = model_of(stage)
    pkg = next((p for p in sorted(m.installed_packages) if IN_PLACE_WRITERS.match(p)), None)
    if pkg:
        return f"the image installs {pkg}, whose emulators open the disk images the build made (root-owned) read-write"
    for ins in m.lineage_instructions:
        hit = IN_PLACE_WRITERS.search(ins.logical.text) if ins.name == "RUN" else None
        if hit and hit.group(2):
            return (f"line {ins.lineno} runs {hit.group(2).split('/')[-1]}'s installer, which creates the app's "
                    "data and log directories root-owned")
    return None


def _root_source(stage: Stage) -> tuple[Instruction, re.Match[str]] | None:
    for ins in model_of(stage).lineage_instructions:
        m = ROOT_SOURCES.search(ins.logical.text) if ins.name == "RUN" else None
        if m:
            return ins, m
    return None


def _docker_cli(stage: Stage) -> tuple[Instruction, str] | None:
    """A COPY --from the docker image, directly or through a stage built on it (``FROM docker:cli AS cli``)."""
    for ins in model_of(stage).lineage_instructions:
        src = ins.flag("from") if ins.name in ("COPY", "ADD") else None
        if not (src and src.value):
            continue
        named = stage.doc.stage(src.value, before=ins.stage_index)
        image = named.root_image() if named is not None else src.value
        if ships_docker_cli(image):
            return ins, src.value if named is None else f"{src.value} ({image})"
    return None


def _docker_binary(stage: Stage) -> Instruction | None:
    """A COPY/ADD of a docker/dockerd binary, or a RUN that downloads Docker's static binaries."""
    for ins in model_of(stage).lineage_instructions:
        if ins.name == "RUN" and DOCKER_DOWNLOAD.search(ins.logical.text):
            return ins
        if ins.name not in ("COPY", "ADD"):
            continue  # only a copy's words name a binary: splitting every RUN into words cost ~1 ms per file
        words = (ins.json_args or []) if ins.is_json else [w.value for w in ins.words]
        if any(w.rstrip("/").rsplit("/", 1)[-1] in DOCKER_BINARIES for w in words):
            return ins
    return None


def _socket_mention(stage: Stage) -> str | None:
    """Where the Docker socket is named: the Dockerfile itself (VOLUME, LABEL, a comment)."""
    hit = next((ins for ins in model_of(stage).lineage_instructions if DOCKER_SOCKET in ins.logical.text), None)
    if hit is not None:
        return f"line {hit.lineno}"
    return None


def _documented_run(stage: Stage) -> tuple[int, str] | None:
    """A ``docker run`` line in the Dockerfile's comments (jessfraz/dockerfiles' headers) with an option that
    only a root process can use: ``--device``, ``--cap-add``, ``--privileged``, a mount under /root; or a note
    that the host's /etc/shadow is mounted or a user is created at start (``-e NEWUSER=$USER``)."""
    lines = stage.doc.text.splitlines()
    comments = [(n, line) for n, line in enumerate(lines, 1) if line.lstrip().startswith("#")]
    note = next(((n, m.group(0)) for n, line in comments for m in [ROOT_RUN_NOTES.search(line)] if m), None)
    if note is not None or not any("docker run" in line for _, line in comments):
        return note
    return next(((n, m.group(0)) for n, line in comments for m in [ROOT_RUN_OPTIONS.search(line)] if m), None)


def _documented_run_message(stage: Stage, hit: tuple[int, str]) -> str:
    line, option = hit
    if option == "/etc/shadow" or option.startswith("-e"):
        what = "the host's /etc/shadow (root-only)" if option == "/etc/shadow" else f"{option}, a user created at start"
        return (f"line {line}: the documented run needs {what}: that needs root; run it with --user by hand")
    if ":/root" in option:
        return (f"line {line}: the documented docker run uses {option}: the container's config lives in root's "
                "home, which a non-root user cannot enter; move it (and HOME) first")
    return (f"line {line}: the documented docker run uses {option}: a non-root process gets neither the host "
            "device's group nor added capabilities; run it with --user and --group-add by hand")


def _root_package(stage: Stage) -> str | None:
    return next(iter(sorted(model_of(stage).installed_packages & ROOT_PACKAGES)), None)


def _privilege_drop(stage: Stage) -> tuple[Instruction, re.Match[str]] | None:
    for ins in model_of(stage).lineage_instructions:
        if ins.name in ("RUN", "ENTRYPOINT", "CMD"):
            m = PRIVILEGE_DROP.search(ins.logical.text)
            if m:
                return ins, m
    return None


def _workdir_under_root(stage: Stage) -> str | None:
    wd = model_of(stage).declared_workdir
    return wd if wd and inside(wd, "/root") else None


def _data_under_root(stage: Stage) -> str | None:
    """``VOLUME /root/…`` or ``ENV X=/root/…`` (a config or data home the app writes), as written, or None."""
    m = model_of(stage)
    for ins in m.lineage_instructions:
        if ins.name == "VOLUME":
            values = ins.json_args if ins.is_json else [w.value for w in ins.words]
            for v in values or []:
                path = model_of(stage.doc.stages[ins.stage_index]).resolve(v) or v
                if inside(posixpath.normpath(path), "/root"):
                    return f"VOLUME {v} (line {ins.lineno})"
    for name, value in m.defaults.items():
        paths = [p for p in re.split(r"[:\s]+", value) if p.startswith("/root")]
        if name != "PATH" and any(inside(posixpath.normpath(p), "/root") for p in paths):
            return f"ENV {name}={value}"
    return None


def _home_path(word: str, home_is_root: bool) -> bool:
    word = word.strip("\"'")
    if word == "/root" or word.startswith("/root/"):
        return True
    return home_is_root and (word in ("~", "$HOME", "${HOME}") or word.startswith(("~/", "$HOME/", "${HOME}/")))


def _state_under_root(stage: Stage) -> str | None:
    """A RUN or COPY that writes under /root or ~ (root's home): ``COPY cfg /root/.app/``, ``cd ~ && git
    clone``, ``helm plugin install``; deleting there (``rm -rf /root/.cache``) does not count."""
    m = model_of(stage)
    home_is_root = inside(posixpath.normpath(m.defaults.get("HOME", "/root") or "/root"), "/root")
    for ins in m.lineage_instructions:
        if ins.name in ("COPY", "ADD") and len(ins.json_args or ins.words) >= 2:
            dest = (ins.json_args or [""])[-1] if ins.is_json else ins.words[-1].value
            resolved = model_of(stage.doc.stages[ins.stage_index]).resolve(dest) or dest
            if _home_path(resolved, False):
                return f"line {ins.lineno} copies into {dest}"
        script = shell_of(ins) if ins.name == "RUN" else None
        if script is None:
            continue
        hit = HOME_WRITERS.search(ins.logical.text) if home_is_root else None
        if hit:
            return f"line {ins.lineno} runs {' '.join(hit.group(0).split())}, which keeps its state in ~"
        for cmd in script.commands:
            if cmd.name in ("rm", "unlink"):
                continue
            path = next((a for a in cmd.argv[1:] if _home_path(a, home_is_root)), None)
            if path is not None:
                return f"line {ins.lineno} writes under {path}"
    return None


def _installs_under_root(stage: Stage) -> str | None:
    """Why the image's programs live under /root (``cabal install``, ``pip install --user``, ``ENV
    PATH=/root/…``), or None."""
    m = model_of(stage)
    roots = [p for p in m.defaults.get("PATH", "").split(":") if inside(posixpath.normpath(p or "."), "/root")]
    if roots:
        return f"ENV PATH runs the image's programs from {roots[0]}, which a non-root user cannot enter"
    pipx_moved = "PIPX_BIN_DIR" in m.defaults or "PIPX_HOME" in m.defaults
    for ins in m.lineage_instructions:
        script = shell_of(ins) if ins.name == "RUN" else None
        for cmd in script.commands if script else []:
            for tool, verb, option, where in HOME_INSTALLS:
                if not cmd.is_(tool, verb):
                    continue
                moved = any(a.split("=", 1)[0] == option for a in cmd.argv) if option else pipx_moved
                if (option == "--user") == moved:
                    return (f"line {ins.lineno}: {tool} {verb} puts programs in {where}, which a non-root "
                            "user cannot enter")
    return None


SkipRule = tuple[Callable[[Stage], Any], Callable[[Stage, Any], str]]

SKIP_RULES: tuple[SkipRule, ...] = (
    (_windows, lambda s, _: f"{s.root_image()} is a Windows image: it has no uid/gid, chown or useradd; nanoserver "
                            "already runs as ContainerUser, on servercore set USER ContainerUser by hand"),
    (_root_only, lambda s, _: f"base image {s.root_image()} must run as root"),
    (_root_service, lambda s, _: f"base image {s.root_image()} starts as root (it binds a privileged port or "
                                 "drops privileges in its entrypoint); configure it for a non-root user by hand"),
    (lambda s: model_of(s).extension_base_reason, lambda s, why: f"{why}; set USER in the images built from it"),
    (_docker_library, lambda s, _: "generated by docker-library's templates: this builds an official base image "
                                   "meant to be extended; set USER in the images built from it"),
    (_interactive, _interactive_message),
    (_privileged_port, lambda s, port: f"privileged port {port} exposed: a non-root user cannot bind it"),
    (_root_program, _root_program_message),
    (_daemon_client, _daemon_client_message),
    (_device_program, lambda s, prog: f"the container starts {prog}, whose job is the host's {DEVICE_PROGRAMS[prog]} "
                                      "(passed with --device, root:audio/video on the host): a non-root user outside "
                                      "that group cannot open it; run it with --user and --group-add by hand"),
    (_pid_under_run, lambda s, hit: f"line {hit[0].lineno} puts the pid file at {hit[1]}: /run is root-owned; "
                                    "move it to a directory the user owns first"),
    (_data_in_cwd, lambda s, prog: f"the container starts {prog} without {CWD_DATA[prog]} and no WORKDIR: it writes "
                                   "its data into /, which a non-root user cannot write; set a data directory first"),
    (_in_place_writer, lambda s, why: f"{why}; chown them to the user first"),
    (_root_source, lambda s, hit: f"line {hit[0].lineno} builds {hit[1].group(1) or 'the WireGuard kernel module'}, "
                                  "which needs root"),
    (_docker_cli, lambda s, hit: f"line {hit[0].lineno} copies the docker CLI from {hit[1]}: reaching the daemon "
                                 "socket needs root or the docker group"),
    (_compiles_at_start, lambda s, what: f"the start command runs {what}, which compiles into root-owned "
                                         "directories (dist/, build/, the home's caches) when the container "
                                         "starts; build in a RUN step, then start the output as a non-root user"),
    (_writes_code_at_start, lambda s, what: f"the start command runs {what}, which writes into the app's code "
                                            "when the container starts; the code stays root-owned (only the "
                                            "directories the app writes are chowned), so it would fail as a non-root "
                                            "user: do it in a RUN step, or chown what it writes by hand"),
    (_docker_binary, lambda s, ins: f"line {ins.lineno} puts the docker client in the image: reaching the daemon "
                                    "socket needs root or the docker group"),
    (_socket_mention, lambda s, where: f"{where} names the Docker socket ({DOCKER_SOCKET}): talking to the daemon "
                                       "needs root or the docker group"),
    (_documented_run, _documented_run_message),
    (_root_package, lambda s, pkg: f"the image installs {pkg}, which needs root to do its job"),
    (_privilege_drop, lambda s, hit: f"line {hit[0].lineno} uses {hit[1].group(1)}: the entrypoint starts as root "
                                     "and drops privileges itself"),
    (_workdir_under_root, lambda s, wd: "the app lives " + ("in /root" if wd == "/root" else f"in {wd}, under /root,")
                                        + " which a non-root user cannot enter"),
    (_data_under_root, lambda s, what: f"{what} keeps the app's data under /root, which a non-root user cannot enter"),
    (_installs_under_root, lambda s, why: why),
    (_state_under_root, lambda s, what: f"{what}: the image keeps state in root's home, which a non-root user "
                                        "cannot enter; move it (and HOME) to the app's directory first"),
)


def build_context(stage: Stage, ctx: Context | None) -> Path | None:
    found = project_context(stage.doc, ctx.path, ctx.context_dir, ctx.project) if ctx is not None else None
    return found[1] if found else None


def skip_reason(stage: Stage, ctx: Context | None = None) -> str | None:
    """Why a non-root user would break this image (the first rule that finds evidence), or None. ``ctx``
    gives the Dockerfile's path, whose folder may hold compose files and docs that say how the image runs
    (``transforms/non_root/beside.py``) and the build context, whose config files say which ports an official
    nginx or php apache image listens on (``transforms/non_root/web_servers.py``; no such image is Windows or
    root-only, so this comes first)."""
    web = verdict(stage, build_context(stage, ctx))
    if isinstance(web, str):
        return web
    for find, message in SKIP_RULES:
        evidence = find(stage)
        if evidence is not None:
            return message(stage, evidence)
    return beside_reason(stage, ctx.path, ctx.project) if ctx is not None and ctx.path is not None else None
