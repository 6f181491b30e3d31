"""The official nginx and php ``*-apache`` images as non-root images: which ports the config the image ends up
with listens on, and what the server needs to run as the image's own user (``refactor.knowledge.web_servers``).

The config is the image's stock files, replaced or added to by the stage's COPY/ADD (files read from the build
context, following ``COPY --from`` stages), ``rm`` and ``sed -i 's/…/…/'`` of them; nginx's includes are followed.
``verdict`` gives None (not such an image), a reason it must stay root (a listen below 1024, something it cannot
see through), or a ``Verdict`` with the evidence and the commands that make the server run as its user.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from refactor import lazy_re
from refactor.document import Instruction, Stage
from refactor.knowledge.web_servers import (
    APACHE,
    APACHE_LINKS,
    APACHE_OPTIONAL_MODULES,
    ENTRYPOINTS,
    NGINX,
    NGINX_PID,
    NGINX_TEMP,
    NGINX_TEMPLATES,
    PRIVILEGED_BELOW,
    WebServer,
)
from refactor.model import join_path, model_of
from refactor.project import image_origin
from refactor.shell import shell_of
from refactor.words import expand

_GLOB = lazy_re.compile(r"[*?\[]")
_MAX_BYTES = 200_000
# Commands that may name the config folder without changing what is served from it.
_HARMLESS = frozenset({"mkdir", "chmod", "chown", "chgrp", "ls", "cat", "test", "[", "echo", "nginx", "apache2ctl",
                       "apachectl", "a2enmod", "a2dismod", "a2enconf", "a2disconf", "true"})
_DEFAULT_BLOCK = "the stock config"


class ConfFile(NamedTuple):
    text: str
    label: str  # how a message names it: ``nginx/default.conf (COPY at line 11)`` or the stock path


class Listen(NamedTuple):
    port: int | None  # None: not a TCP port (a unix socket) or not known
    where: str  # ``nginx/default.conf:2``
    text: str  # the directive as written
    origin: str = ""  # how the file got there: ``COPY at line 11 to /etc/nginx/conf.d/default.conf``


class Verdict(NamedTuple):
    """A web server image that may run as its user: the evidence and the RUN commands it needs first."""

    server: WebServer
    listens: tuple[Listen, ...]
    commands: tuple[str, ...]
    notes: tuple[str, ...]


def server_of(stage: Stage) -> WebServer | None:
    """The official web server image the stage runs (nginx, php's apache tags), or None."""
    ref = model_of(stage).image
    if ref.name == "nginx":
        return NGINX
    if ref.name == "php" and "apache" in ref.tag:
        return APACHE
    return None


def starts_server(stage: Stage, server: WebServer) -> bool:
    """The container starts the image's own server through the image's own entrypoint: no CMD/ENTRYPOINT of its
    own, or one naming the server (after the official entrypoint script, if no COPY replaces that)."""
    m = model_of(stage)
    if any(ins.name in ("COPY", "ADD") and ins.words and "entrypoint" in ins.words[-1].value
           for ins in m.lineage_instructions):
        return False  # its own entrypoint script, which may do what only root can
    words = [w for w in m.start_words if w not in ENTRYPOINTS]
    return not m.start_words or (bool(words) and words[0] in server.programs)


def verdict(stage: Stage, context: Path | None) -> Verdict | str | None:
    server = server_of(stage)
    if server is None:
        return None
    if not starts_server(stage, server):
        return None  # another program: the other rules judge it
    files = _config_files(stage, server, context)
    result = files if isinstance(files, str) else _nginx(stage, files) if server is NGINX else _apache(stage, files)
    if isinstance(result, str) and not result.startswith(f"{server.name} listens"):
        ref = model_of(stage).image
        label = f"{ref.name}:{ref.tag}" if ref.tag else ref.name
        result += f"; base image {label} starts as root: configure it for a non-root user by hand"
    return result


# -- the config files the image ends up with ----------------------------------------------------------------


def _config_files(stage: Stage, server: WebServer, context: Path | None) -> dict[str, ConfFile] | str:
    files = {path: ConfFile(text, f"{path} (the image's stock file)") for path, text in server.stock}
    m = model_of(stage)
    for ins, env, cwd in m.steps():
        if ins.name in ("COPY", "ADD"):
            problem = _copy(ins, env, cwd, server, context, stage, files)
        elif ins.name == "RUN":
            problem = _run(ins, server, files)
        elif ins.name in ("CMD", "ENTRYPOINT") and (server.conf_dir in ins.logical.text
                                                     or "envsubst" in ins.logical.text):
            problem = f"line {ins.lineno} writes the {server.name} config when the container starts"
        else:
            problem = None
        if problem:
            return problem
    if any(a in ("-c", "-f") for argv in m.start_command for a in argv):
        return f"the start command names its own {server.name} config file"
    return files


def _norm(server: WebServer, path: str) -> str:
    return APACHE_LINKS.get(path, path) if server is APACHE else path


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _copy(ins: Instruction, env: dict[str, str], cwd: str | None, server: WebServer, context: Path | None,
          stage: Stage, files: dict[str, ConfFile]) -> str | None:
    """Record what a COPY/ADD puts into the config folder; a reason when it cannot be read."""
    words = ins.json_args if ins.is_json else [w.value for w in ins.words]
    if not words or len(words) < 2:
        return None
    *srcs, raw_dest = words
    dest = join_path(cwd, raw_dest, env)
    if dest is None:
        return None if server.conf_dir not in raw_dest else f"line {ins.lineno} copies to {raw_dest}, not known here"
    dest = posixpath.normpath(dest)
    if (hidden := _unpacked(ins, srcs, env, dest, server, context) or _stage_tree(ins, srcs, dest, server)):
        return hidden
    parent = _inside(server.conf_dir, dest) and (dest != "/" or _brings_conf_dir(srcs, env, server, context))
    if not (_inside(dest, server.conf_dir) or parent):
        return None
    if ins.heredocs:
        return f"line {ins.lineno} writes the {server.name} config from a heredoc"
    dir_dest = raw_dest.endswith("/") or len(srcs) > 1 or dest in (server.conf_dir, *server.dirs, *_dirs_of(files))
    what = f"line {ins.lineno} copies {' '.join(srcs)} into {dest}"
    if context is None:
        return f"{what}, and no build context is known to read it"
    landed: list[tuple[str, str]] = []  # (image path, the context file it is read from; "" for COPY --from)
    from_flag = ins.flag("from")
    for src in srcs:
        value = expand(src, env)
        if value is None or "://" in value:
            return f"{what}: cannot read {src}"
        if from_flag is not None and from_flag.value:
            landed.append((posixpath.join(dest, posixpath.basename(value)) if dir_dest else dest, ""))
            continue
        found = _sources(context, value)
        if not found:
            return f"{what}: {src} is not in the build context"
        for local in found:
            if local.is_dir():
                landed += [(posixpath.join(dest, str(f.relative_to(local))), str(f)) for f in sorted(local.rglob("*"))
                           if f.is_file()]
            else:
                landed.append((posixpath.join(dest, local.name) if dir_dest else dest, str(local)))
    for path, local in landed:
        path = _norm(server, posixpath.normpath(path))
        if not _inside(path, server.conf_dir):
            continue
        if server is NGINX and _inside(path, NGINX_TEMPLATES):
            return (f"line {ins.lineno} copies a template into {NGINX_TEMPLATES}: the entrypoint renders it into "
                    "/etc/nginx/conf.d when the container starts, which the nginx user cannot write")
        if not local:  # COPY --from: the file of that stage, if it comes from the context
            origin = image_origin(stage, path, context)
            if origin.kind != "context" or origin.path is None or origin.path.is_dir():
                why = origin.reason or f"no build-context file of stage {from_flag.value} that this pass can read"
                return f"{what}: cannot read {path} ({why})"
            local = str(origin.path)
        text = _read(Path(local))
        if text is None:
            return f"{what}: cannot read {local}"
        rel = str(Path(local).resolve().relative_to(context.resolve())) if _under(Path(local), context) else local
        files[path] = ConfFile(text, f"{rel} (COPY at line {ins.lineno} to {path})")
    return None


def _brings_conf_dir(srcs: list[str], env: dict[str, str], server: WebServer, context: Path | None) -> bool:
    """A COPY/ADD to / of a build-context folder that holds the config folder (``COPY rootfs/ /``): read like a
    copy to /etc. Any other copy from the context to / is taken to bring no config (the app's files, a script);
    another stage's folder copied to / is ``_stage_tree``'s."""
    if context is None:
        return False
    sub = server.conf_dir.lstrip("/")
    for src in srcs:
        value = expand(src, env)
        if value is not None and any((p / sub).is_dir() for p in _sources(context, value)):
            return True
    return False


def _unpacked(ins: Instruction, srcs: list[str], env: dict[str, str], dest: str, server: WebServer,
              context: Path | None) -> str | None:
    """ADD unpacks a local tar archive (plain or compressed) into ``dest``: a reason when the archive puts files
    into the config folder (``ADD conf.tar.gz /etc/nginx/``, ``ADD rootfs.tar.xz /``) or cannot be listed."""
    if ins.name != "ADD" or context is None or ins.flag("from") is not None:
        return None
    import tarfile

    for src in srcs:
        value = expand(src, env)
        for local in _sources(context, value) if value is not None and "://" not in value else []:
            try:
                if not local.is_file() or not tarfile.is_tarfile(local):
                    continue
                with tarfile.open(local) as tar:
                    names = tar.getnames()
            except (tarfile.TarError, OSError, EOFError):
                return f"line {ins.lineno} unpacks {src} into {dest}: cannot list the archive"
            hit = next((n for n in names if _inside(posixpath.normpath(posixpath.join(dest, n)), server.conf_dir)),
                       None)
            if hit is not None:
                return (f"line {ins.lineno} unpacks {src} into {dest}, and its {hit} lands in the {server.name} "
                        "config: cannot follow it")
    return None


def _stage_tree(ins: Instruction, srcs: list[str], dest: str, server: WebServer) -> str | None:
    """``COPY --from=STAGE DIR/ /``: the folder's contents land at /, so it may hold the config folder, and what
    another stage or image holds there cannot be seen. A file (a name with a suffix) lands beside the config."""
    from_flag = ins.flag("from")
    if from_flag is None or not from_flag.value or dest != "/":
        return None
    tree = next((s for s in srcs if "." not in posixpath.basename(s)), None)  # ``dir/`` has an empty basename
    if tree is None:
        return None
    return (f"line {ins.lineno} copies {tree} of {from_flag.value} into /, which may hold {server.conf_dir}: "
            "cannot see it")


def _dirs_of(files: dict[str, ConfFile]) -> set[str]:
    return {posixpath.dirname(p) for p in files}


def _under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _sources(context: Path, src: str) -> list[Path]:
    rel = posixpath.normpath(src.lstrip("/") or ".")
    if rel.startswith(".."):
        return []
    if _GLOB.search(rel):
        return sorted(context.glob(rel))
    p = context / rel
    return [p] if p.exists() else []


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[:_MAX_BYTES]
    except OSError:
        return None


def _run(ins: Instruction, server: WebServer, files: dict[str, ConfFile]) -> str | None:
    """Apply a RUN's ``rm`` and ``sed -i s///`` of config files; a reason when it changes them otherwise."""
    text = ins.logical.text
    if server.conf_dir not in text:
        return None
    script = shell_of(ins)
    if script is None or ins.heredocs:
        return f"line {ins.lineno} changes the {server.name} config in a way this pass cannot follow"
    seen = 0
    for cmd in script.commands:
        named = [a for a in cmd.argv[1:] if server.conf_dir in a]
        if not named:
            continue
        seen += sum(a.count(server.conf_dir) for a in named)
        name = cmd.name.rsplit("/", 1)[-1]
        if name == "rm":
            for pattern in named:
                pattern = _norm(server, posixpath.normpath(pattern))
                for path in [p for p in files if fnmatch.fnmatch(p, pattern) or _inside(p, pattern)]:
                    del files[path]
        elif name == "sed":
            problem = _sed(ins, cmd.argv, server, files)
            if problem:
                return problem
        elif name not in _HARMLESS:
            return (f"line {ins.lineno} changes the {server.name} config with {name}: cannot tell which ports it "
                    "listens on")
    if seen < text.count(server.conf_dir) and not _inert_write(script.commands, server):
        # named in a redirection (echo … > /etc/nginx/…) or a string
        return f"line {ins.lineno} writes the {server.name} config: cannot tell which ports it listens on"
    return None


def _inert(text: str, server: WebServer) -> bool:
    """No word of a directive the pass judges, and nothing computed (``$(…)``, backquotes, a variable)."""
    low = text.lower()
    return not any(k in low for k in server.keywords) and not any(c in text for c in ("$", "`"))


def _inert_write(commands: list, server: WebServer) -> bool:
    """The config is written only by ``echo``/``printf`` of lines with no judged directive in them: every
    other command is harmless or an ``rm``/``sed -i`` the pass followed (naming the file itself)."""
    for cmd in commands:
        name = cmd.name.rsplit("/", 1)[-1]
        if name in ("echo", "printf"):
            if not _inert(" ".join(cmd.argv[1:]), server):
                return False
        elif name not in _HARMLESS and not (name in ("rm", "sed") and any(server.conf_dir in a for a in cmd.argv)):
            return False
    return True


_SUBST = lazy_re.compile(r"s(.)(?P<a>(?:\\.|(?!\1).)*)\1(?P<b>(?:\\.|(?!\1).)*)\1(?P<flags>g?)$")


def _sed(ins: Instruction, argv: list[str], server: WebServer, files: dict[str, ConfFile]) -> str | None:
    """``sed -i [-e] 's/A/B/[g]' FILE…`` on known files, A a plain string or a simple basic regex."""
    scripts: list[str] = []
    targets: list[str] = []
    in_place = False
    it = iter(argv[1:])
    for arg in it:
        if arg in ("-i", "--in-place") or (arg.startswith("-i") and len(arg) > 2 and not arg.startswith("-i'")):
            in_place = True
        elif arg == "-e":
            scripts.append(next(it, ""))
        elif arg in ("-r", "-E") or arg.startswith("-"):
            return f"line {ins.lineno} edits the {server.name} config with sed {arg}: cannot follow it"
        elif not scripts and not targets and not arg.startswith("/"):
            scripts.append(arg)
        else:
            targets.append(arg)
    if not in_place or not scripts:
        return f"line {ins.lineno} runs sed on the {server.name} config without -i: cannot follow it"
    subs = []
    for script in scripts:
        m = _SUBST.match(script.strip())
        pattern = _basic_regex(m.group("a")) if m else None
        repl = _replacement(m.group("b")) if m else None
        if m is None or pattern is None or repl is None:
            return f"line {ins.lineno} edits the {server.name} config with sed '{script}': cannot follow it"
        subs.append((pattern, repl, m.group("flags") == "g"))
    for target in targets:
        path = _norm(server, posixpath.normpath(target))
        if path not in files:
            if server.conf_dir not in target:
                continue
            if any(fnmatch.fnmatch(path, g) for g in server.inert) and all(_inert(r, server) for _, r, _ in subs):
                continue  # a stock file with no listen, and nothing the pass judges written into it
            return f"line {ins.lineno} edits {target}, which this pass does not know"
        new = files[path].text
        for pattern, repl, every in subs:
            new = "\n".join(pattern.sub(repl, line, count=0 if every else 1) for line in new.split("\n"))
        files[path] = ConfFile(new, f"{path} (after the sed at line {ins.lineno})")
    return None


def _basic_regex(a: str) -> re.Pattern[str] | None:
    """A POSIX basic regular expression of the simple kind (literals, ``.``, ``*``, ``^``, ``$``, classes) as a
    Python one; None for anything else (groups, intervals, GNU escapes)."""
    if re.search(r"\\[(){}+?|1-9wWsSbB<>]", a):
        return None
    out = re.sub(r"([+?(){}|])", r"\\\1", a)  # Python reads an escaped delimiter (``\/``) as the character
    try:
        return re.compile(out)
    except re.error:
        return None


_SED_REPL = lazy_re.compile(r"\\(.)|&|[^\\&]+|\\", re.DOTALL)


def _replacement(b: str) -> str | None:
    """sed's replacement as a Python one: ``&`` is the match, ``\\n`` and ``\\t`` a newline and a tab, an escaped
    ``&``, backslash or delimiter that character; None for other escapes (``\\1``, GNU's ``\\U``) and a lone
    trailing backslash."""
    out: list[str] = []
    for m in _SED_REPL.finditer(b):
        tok, esc = m.group(0), m.group(1)
        if tok == "&":
            out.append("\\g<0>")
        elif esc is None:
            if tok == "\\":
                return None
            out.append(tok)
        elif esc in ("n", "t"):
            out.append("\\" + esc)  # a newline, a tab: Python's escapes too
        elif esc.isalnum():
            return None
        else:
            out.append(esc.replace("\\", "\\\\"))
    return "".join(out)


# -- nginx ------------------------------------------------------------------------------------------------


@dataclass
class _Nginx:
    listens: list[Listen]
    bare_servers: list[str]  # server blocks with no listen (port 80 as root)
    pid: tuple[str, str, str] | None = None  # (value, where, file path)
    writes: list[tuple[str, str]] | None = None  # (path, where) of logs/temp paths
    problem: str | None = None


_TOKEN = lazy_re.compile(r"""\s+|#[^\n]*|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[{};]|[^\s{};"'#]+""")
_WRITES = lazy_re.compile(r"^(access_log|error_log|\w+_temp_path|\w+_cache_path)$")


def _statements(text: str) -> list[tuple[str, list[str], int, str]]:
    """nginx statements as ``(name, args, line, end)``, end being ``;``, ``{`` or ``}``."""
    out: list[tuple[str, list[str], int, str]] = []
    words: list[str] = []
    line = start = 1
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok[0].isspace() or tok[0] == "#":
            line += tok.count("\n")
            continue
        if tok in ("{", ";", "}"):
            out.append((words[0] if words else "", words[1:], start, tok))
            words = []
            continue
        if not words:
            start = line
        words.append(tok.strip("\"'") if tok[0] in "\"'" else tok)
        line += tok.count("\n")
    return out


def _walk(files: dict[str, ConfFile], path: str, ctx: list[str], out: _Nginx, depth: int = 0) -> None:
    """Collect the listens, pid and written paths of ``path`` and what it includes; ``ctx`` holds the blocks
    the include sits in (``http``, ``server``)."""
    conf = files[path]
    stack = ctx[:]
    opened: list[tuple[str, int, str]] = []  # (block, listens seen when it opened, where) of this file's blocks
    for name, args, line, end in _statements(conf.text):
        where = f"{conf.label.split(' (')[0]}:{line}"
        if end == "}":
            if opened:
                block, before, began = opened.pop()
                stack.pop()
                if block == "server" and "http" in stack and len(out.listens) == before:
                    out.bare_servers.append(began)
            continue
        if end == "{":
            opened.append((name, len(out.listens), where))
            stack.append(name)
            continue
        if name == "listen" and args:
            out.listens.append(Listen(_nginx_port(args[0]), where, " ".join(["listen", *args]) + ";", _origin(conf)))
        elif name == "pid" and args and not stack:
            out.pid = (args[0], where, path)
        elif _WRITES.match(name) and args and out.writes is not None:
            out.writes.append((args[0], where))
        elif name == "include" and args:
            problem = _include(files, args[0], stack, out, depth, where)
            if problem:
                out.problem = out.problem or problem


def _include(files: dict[str, ConfFile], pattern: str, stack: list[str], out: _Nginx, depth: int,
             where: str) -> str | None:
    full = posixpath.normpath(pattern if pattern.startswith("/") else posixpath.join(NGINX.conf_dir, pattern))
    if "$" in full or depth > 8:
        return f"{where} includes {pattern}, which this pass cannot resolve"
    found = sorted(p for p in files if fnmatch.fnmatch(p, full))
    if not found:
        if _GLOB.search(full) or any(fnmatch.fnmatch(full, g) for g in NGINX.inert):
            return None  # an empty glob is fine for nginx; the stock helper files hold no listen
        return f"{where} includes {pattern}, which this pass cannot find in the image"
    for inc in found:
        _walk(files, inc, stack, out, depth + 1)
    return None


def _nginx_port(addr: str) -> int | None:
    """The TCP port of a ``listen`` address: ``8080``, ``*:8080``, ``[::]:8080``, ``127.0.0.1:8080``, or an
    address alone (port 80); None for a unix socket or a variable."""
    if addr.startswith("unix:") or "$" in addr:
        return None
    tail = addr.rsplit("]", 1)[-1] if addr.startswith("[") else addr
    if ":" in tail:
        port = tail.rsplit(":", 1)[-1]
        return int(port) if port.isdigit() else None
    if tail.isdigit():
        return int(tail)
    return 80  # an address alone: nginx listens on port 80


def _nginx(stage: Stage, files: dict[str, ConfFile]) -> Verdict | str:
    main = f"{NGINX.conf_dir}/nginx.conf"
    if main not in files:
        return f"{main} is removed: cannot tell which config nginx runs"
    out = _Nginx([], [], writes=[])
    _walk(files, main, [], out)
    if out.problem:
        return out.problem
    blocked = _blocked(out.listens)
    if blocked is not None:
        return _blocked_message(NGINX, blocked, files)
    if out.bare_servers:
        return (f"the server block at {out.bare_servers[0]} has no listen, so nginx serves it on port 80 as root "
                "(and on 8000 as any other user): add `listen 8080;` to it to run nginx as its user")
    if not out.listens:
        return "the nginx config has no listen directive: cannot tell which ports it serves"
    for path, where in out.writes or []:
        if path not in ("off", "stderr") and not path.startswith(("syslog:", "memory:")) and \
                not any(path == w or path.startswith(w) for w in NGINX.writable):
            return (f"{where} writes {path}, which the nginx user cannot create (only /tmp, /var/cache/nginx and the "
                    "stdout/stderr logs are its own): move it under /tmp first")
    commands: list[str] = []
    notes: list[str] = []
    if out.pid is None:
        return (f"{files[main].label.split(' (')[0]} sets no pid: nginx then writes the compiled-in "
                f"/var/run/nginx.pid, which only root may create; add `pid {NGINX_PID};` to it")
    value, where, _ = out.pid
    if not value.startswith("/tmp/"):
        line = next((ln for ln in files[main].text.splitlines() if ln.split()[:1] == ["pid"]), None)
        if line is None or not line.startswith("pid"):
            return f"{where} puts the pid file at {value}, which only root may create: move it to {NGINX_PID}"
        commands.append(f"sed -i 's,^pid .*,pid {NGINX_PID};,' {main}")
        stock = files[main].label.endswith("(the image's stock file)")
        was = f"{value}, /run/nginx.pid in newer tags" if stock else value
        notes.append(f"the pid file moves from {was} ({where}) to {NGINX_PID}")
    commands.append(f"chown -R {NGINX.user}:{NGINX.user} {NGINX_TEMP}")
    notes.append(f"nginx owns its temp files in {NGINX_TEMP}, as nginxinc/nginx-unprivileged does")
    if re.search(r"^\s*user\s", files[main].text, re.MULTILINE):
        notes.append("its `user` directive is then ignored with a warning")
    return Verdict(NGINX, tuple(out.listens), tuple(commands), tuple(notes))


def _blocked(listens: list[Listen]) -> Listen | None:
    return next((li for li in listens if li.port is None or li.port < PRIVILEGED_BELOW), None)


def _blocked_message(server: WebServer, li: Listen, files: dict[str, ConfFile]) -> str:
    if li.port is None:
        return f"{li.where} `{li.text}` is not a TCP port this pass can judge: configure {server.name} by hand"
    return (f"{server.name} listens on privileged port {li.port} ({_listen(li)}): a non-root user cannot "
            f"bind it where ports below {PRIVILEGED_BELOW} are privileged (Kubernetes, Podman, Docker before 20.10); "
            f"listen on 8080 to run it as {server.user} ({server.ids})")


# -- Apache (php:*-apache) ----------------------------------------------------------------------------------


_LISTEN = lazy_re.compile(r"^\s*Listen\s+(\S+)", re.IGNORECASE | re.MULTILINE)
_IFMODULE = lazy_re.compile(r"^\s*<IfModule\s+!?([\w.]+)\s*>", re.IGNORECASE)
_LOGS = lazy_re.compile(r"^\s*(ErrorLog|CustomLog|TransferLog|PidFile)\s+\"?([^\s\"]+)", re.IGNORECASE)
_INCLUDE = lazy_re.compile(r"^\s*Include(Optional)?\s+(\S+)", re.IGNORECASE)


def _apache(stage: Stage, files: dict[str, ConfFile]) -> Verdict | str:
    enabled = _enabled_modules(stage)
    listens: list[Listen] = []
    for path in sorted(files):
        conf = files[path]
        name = conf.label.split(" (")[0]
        skipping: list[bool] = []
        for n, line in enumerate(conf.text.splitlines(), 1):
            m = _IFMODULE.match(line)
            if m:
                module = APACHE_OPTIONAL_MODULES.get(m.group(1))
                skipping.append(module is not None and module not in enabled)
                continue
            if re.match(r"^\s*</IfModule>", line, re.IGNORECASE):
                if skipping:
                    skipping.pop()
                continue
            if any(skipping) or line.lstrip().startswith("#"):
                continue
            if (inc := _INCLUDE.match(line)) and not path.startswith(tuple(p for p, _ in APACHE.stock)):
                return f"{name}:{n} includes {inc.group(2)}, which this pass cannot resolve"
            if (log := _LOGS.match(line)) and not log.group(2).startswith(APACHE.writable):
                return (f"{name}:{n} writes {log.group(2)}, which www-data cannot create (the image gives it only "
                        "${APACHE_LOG_DIR}, the run and lock dirs): move it there first")
            m = _LISTEN.match(line)
            if m:
                listens.append(Listen(_apache_port(m.group(1)), f"{name}:{n}", line.strip(), _origin(conf)))
    blocked = _blocked(listens)
    if blocked is not None:
        return _blocked_message(APACHE, blocked, files)
    if not listens:
        return "the Apache config has no Listen directive: cannot tell which ports it serves"
    notes = ("php's apache image already makes its lock, run and log dirs www-data's (docker-library/php: chown "
             "and chmod 1777 of APACHE_LOCK_DIR, APACHE_RUN_DIR, APACHE_LOG_DIR)",)
    return Verdict(APACHE, tuple(listens), (), notes)


def _apache_port(addr: str) -> int | None:
    port = addr.rsplit(":", 1)[-1] if ":" in addr.rsplit("]", 1)[-1] else addr
    return int(port) if port.isdigit() else None


def _enabled_modules(stage: Stage) -> set[str]:
    out: set[str] = set()
    for ins in model_of(stage).lineage_instructions:
        script = shell_of(ins) if ins.name == "RUN" else None
        for cmd in script.commands if script else []:
            if cmd.name.rsplit("/", 1)[-1] == "a2enmod":
                out |= {a for a in cmd.argv[1:] if not a.startswith("-")}
    return out


def _origin(conf: ConfFile) -> str:
    return conf.label.split(" (", 1)[1].rstrip(")") if " (" in conf.label else ""


def _listen(li: Listen) -> str:
    return f"{li.where} `{li.text}`" + (f", {li.origin}" if li.origin else "")


def evidence(v: Verdict) -> str:
    """The fix message's evidence: each listen (where, as written, how the file got there)."""
    return "; ".join(_listen(li) for li in v.listens)
