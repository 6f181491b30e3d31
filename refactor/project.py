"""The project around a Dockerfile: its build context and manifests, each file loaded once per run.

``Project`` is shared by every file of one run. It resolves a Dockerfile's build context (``--context``,
else a compose file that builds it, else the nearest ancestor holding workspace/composer manifests, else
the Dockerfile's folder; the last two are checked against the Dockerfile's own COPY sources), reads
manifests through one cache (``loads`` counts real reads, so a monorepo run can prove each is read
once) and lists a pnpm workspace's packages. ``image_origin`` answers "which build-context file ends
up at this path of the image", following COPY/ADD, WORKDIR and ``COPY --from`` between stages.
"""

from __future__ import annotations

import errno
import fnmatch
import json
import os
import posixpath
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from refactor import yaml_docs
from refactor.model import join_path as _join
from refactor.model import model_of
from refactor.words import expand

if TYPE_CHECKING:
    from refactor.document import Document, Instruction, Stage
    from refactor.shell import ShellCommand, ShellScript

COMPOSE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
_COMPOSE_EXTRA = re.compile(r"^(docker-)?compose\.[\w.-]+\.ya?ml$")
# pnpm's find-packages ignores these folders when it expands the workspace globs.
_PNPM_IGNORE = ("**/node_modules/**", "**/bower_components/**", "**/test/**", "**/tests/**")
_WALK_SKIP = frozenset({"node_modules", "bower_components", ".git", ".hg", ".svn", "vendor", ".venv"})
_MAX_UP = 16  # ancestors searched for compose files and manifests
_GLOB = re.compile(r"[*?\[]")
# File-system facts (real paths, what a path is) a run keeps: every file asks about the same ancestors, compose
# and manifest names, each round again; past this many the facts are dropped and asked anew (memory stays flat).
_MAX_FACTS = 1024
_T = TypeVar("_T")
_ABSENT_ERRNOS = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})  # pathlib's "does not exist"


@dataclass(frozen=True)
class BuildContext:
    """A resolved build context and how it was found (``--context``, ``compose``, ``manifests``, ``folder``)."""

    path: Path
    how: str
    detail: str = ""


@dataclass(frozen=True)
class WorkspacePackage:
    name: str | None
    dir: str  # posix path relative to the workspace root ("." for the root project)


@dataclass
class Workspace:
    """A pnpm workspace: its root folder and every project its ``packages:`` globs select."""

    root: Path
    packages: list[WorkspacePackage]

    def named(self, name: str) -> list[WorkspacePackage]:
        """Projects that pnpm's name selector ``name`` picks (exact, else ``@*/name`` when unique)."""
        exact = [p for p in self.packages if p.name == name]
        if exact or name.startswith("@") or "/" in name:
            return exact
        scoped = [p for p in self.packages if p.name and p.name.startswith("@")
                  and p.name.split("/", 1)[-1] == name]
        return scoped if len(scoped) == 1 else []

    def inside(self, rel: str) -> list[WorkspacePackage]:
        """Projects whose folder is ``rel`` or below it (what pnpm's directory selector selects)."""
        if rel == ".":
            return list(self.packages)
        return [p for p in self.packages if p.dir == rel or p.dir.startswith(rel + "/")]


@dataclass(frozen=True)
class Origin:
    """Where an image path comes from: a build-context file, nowhere we can see, or unknown (why)."""

    kind: str  # "context" | "absent" | "unknown"
    path: Path | None = None
    reason: str = ""


class Project:
    """A cache of manifests shared by every file of one run (a monorepo loads each manifest once)."""

    def __init__(self) -> None:
        self._cache: dict[Path, Any] = {}
        self.loads: Counter[Path] = Counter()  # real reads per manifest (1 each when the cache works)
        self._contexts: dict[tuple[Path, Path | None, tuple[str, ...] | None], BuildContext] = {}
        self._compose: dict[Path, list[tuple[Path, Path, str, str | None]]] = {}
        self._workspaces: dict[Path, Workspace | None] = {}
        self._real: dict[Path, Path] = {}
        self._kinds: dict[tuple[Path, str], str | None] = {}
        self._folders: dict[tuple[str, Path], Any] = {}

    # -- file-system facts, each asked of the system once per run -------------------------------------------

    def real(self, path: Path) -> Path:
        """``path.resolve()``, remembered for the run (an error is raised again by the next call)."""
        found = self._real.get(path)
        if found is None:
            found = path.resolve()
            _bound(self._real)
            self._real[path] = found
        return found

    def _kind(self, folder: Path, name: str) -> str | None:
        """``dir``, ``file`` or ``other`` for what ``folder/name`` is (symlinks followed), None when absent —
        as ``Path.exists``/``is_dir``/``is_file`` see it, which raise on any other error (so does this)."""
        key = (folder, name)
        if key in self._kinds:
            return self._kinds[key]
        try:
            mode = os.stat(os.path.join(folder, name)).st_mode
        except OSError as exc:
            if exc.errno not in _ABSENT_ERRNOS:
                raise
            kind = None
        except ValueError:  # an embedded NUL: pathlib says it does not exist
            kind = None
        else:
            kind = "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"
        _bound(self._kinds)
        self._kinds[key] = kind
        return kind

    def folder_fact(self, kind: str, folder: Path, compute: Callable[[], _T]) -> _T:
        """``compute()``, what ``folder`` holds (its ancestors, its manifests…), once per run."""
        key = (kind, folder)
        if key not in self._folders:
            _bound(self._folders)
            self._folders[key] = compute()
        return self._folders[key]

    def exists(self, folder: Path, name: str) -> bool:
        return self._kind(folder, name) is not None

    def is_dir(self, folder: Path, name: str) -> bool:
        return self._kind(folder, name) == "dir"

    def is_file(self, folder: Path, name: str) -> bool:
        return self._kind(folder, name) == "file"

    def load(self, path: Path) -> Any:
        """Parsed JSON or YAML at ``path`` (None when absent or unreadable), cached by real path."""
        key = self.real(path)
        if key not in self._cache:
            if key.is_file():
                self.loads[key] += 1
            self._cache[key] = _load(key)
        return self._cache[key]

    # -- build context -------------------------------------------------------------------------------

    def build_context(self, dockerfile: Path, explicit: Path | None = None,
                      sources: Sequence[str] | None = None) -> Path:
        """The build context of ``dockerfile`` (see ``resolve_context``)."""
        return self.resolve_context(dockerfile, explicit, sources).path

    def resolve_context(self, dockerfile: Path, explicit: Path | None = None,
                        sources: Sequence[str] | None = None) -> BuildContext:
        """``--context``; else a compose service building this file; else the nearest ancestor with
        workspace/composer manifests, the Dockerfile's folder, then further ancestors — the first of
        these where the Dockerfile's literal COPY/ADD sources exist (most of them, if none has all)."""
        dockerfile = self.real(dockerfile)
        key = (dockerfile, self.real(explicit) if explicit else None, tuple(sources) if sources is not None else None)
        if key not in self._contexts:
            _bound(self._contexts)  # one entry per Dockerfile: a 10,000-file run must not keep them all
            self._contexts[key] = self._resolve(dockerfile, key[1], sources)
        return self._contexts[key]

    def _resolve(self, dockerfile: Path, explicit: Path | None, sources: Sequence[str] | None) -> BuildContext:
        if explicit is not None:
            return BuildContext(explicit, "--context")
        for folder in _ancestors(dockerfile.parent, self):
            for compose, context, service, name in self._compose_builds(folder):
                if name is not None and _same_file(context / name, dockerfile, self):
                    return BuildContext(context, "compose", f"{compose.name} service {service!r}")
        if sources is None:
            sources = _literal_sources_of_file(dockerfile)
        candidates: list[tuple[Path, str]] = []
        manifest_dir = next((d for d in _ancestors(dockerfile.parent, self) if _has_manifests(self, d)), None)
        if manifest_dir is not None:
            candidates.append((manifest_dir, "manifests"))
        if dockerfile.parent != manifest_dir:
            candidates.append((dockerfile.parent, "folder"))
        candidates += [(d, "ancestor") for d in _ancestors(dockerfile.parent, self)
                       if d not in {c for c, _ in candidates}]
        if not sources:
            path, how = candidates[0]
            return BuildContext(path, how)
        best, best_score = candidates[0], -1
        for cand in candidates:
            score = sum(1 for s in sources if _context_has(cand[0], s))
            if score == len(sources):
                return BuildContext(cand[0], cand[1])
            if score > best_score:
                best, best_score = cand, score
        return BuildContext(best[0], best[1], f"{best_score} of {len(sources)} COPY sources found")

    def _compose_builds(self, folder: Path) -> list[tuple[Path, Path, str, str | None]]:
        """``(compose file, context, service, dockerfile)`` per built service of ``folder``'s compose files;
        the dockerfile is None when its name uses a variable that ``.env`` does not define."""
        if folder not in self._compose:
            out: list[tuple[Path, Path, str, str | None]] = []
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                names = []
            for name in names:
                if name not in COMPOSE_NAMES and not _COMPOSE_EXTRA.match(name):
                    continue
                data = self.load(folder / name)
                services = data.get("services") if isinstance(data, dict) else None
                if not isinstance(services, dict):
                    continue
                env = _dotenv(folder / ".env")
                for service, spec in services.items():
                    build = spec.get("build") if isinstance(spec, dict) else None
                    raw = build if isinstance(build, str) else build.get("context", ".") \
                        if isinstance(build, dict) else None
                    if not isinstance(raw, str):
                        continue
                    ctx = _substitute(raw, env)
                    if ctx is None or "://" in ctx or ctx.startswith("git@"):
                        continue
                    raw_df = build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile"
                    df = _substitute(raw_df, env) if isinstance(raw_df, str) else None
                    out.append((folder / name, (folder / ctx).resolve(), str(service), df))
            _bound(self._compose)  # one entry per folder asked about (each Dockerfile's own, and its ancestors)
            self._compose[folder] = out
        return self._compose[folder]

    # -- pnpm workspace ------------------------------------------------------------------------------

    def pnpm_workspace(self, root: Path) -> Workspace | None:
        """The pnpm workspace rooted at ``root`` (None without ``pnpm-workspace.yaml``)."""
        root = root.resolve()
        if root not in self._workspaces:
            self._workspaces[root] = self._read_workspace(root)
        return self._workspaces[root]

    def _read_workspace(self, root: Path) -> Workspace | None:
        manifest = root / "pnpm-workspace.yaml"
        if not manifest.is_file():
            return None
        data = self.load(manifest)
        patterns = data.get("packages") if isinstance(data, dict) else None
        patterns = [p for p in patterns if isinstance(p, str)] if isinstance(patterns, list) else []
        include = [_glob_regex(_clean_glob(p)) for p in patterns if not p.startswith("!")]
        exclude = [_glob_regex(_clean_glob(p[1:])) for p in patterns if p.startswith("!")]
        exclude += [_glob_regex(p) for p in _PNPM_IGNORE]
        root_pkg = self.load(root / "package.json")
        packages = [WorkspacePackage(_name(root_pkg), ".")]
        for rel in _package_dirs(root):
            if any(r.fullmatch(rel) for r in include) and not any(r.fullmatch(rel) for r in exclude):
                packages.append(WorkspacePackage(_name(self.load(root / rel / "package.json")), rel))
        return Workspace(root, packages)


def _bound(cache: dict[Any, Any]) -> None:
    """Empty ``cache`` when it holds ``_MAX_FACTS`` entries: what it holds is asked anew (memory stays flat)."""
    if len(cache) >= _MAX_FACTS:
        cache.clear()


# -- image paths ---------------------------------------------------------------------------------------


def workdir_at(stage: Stage, before: Instruction | None = None) -> str | None:
    """The working directory in effect just before ``before`` (end of stage when None); None if unknown.
    Kept for its callers: the stage model answers it (``model_of(stage).workdir_at``)."""
    return model_of(stage).workdir_at(before)


def image_origin(stage: Stage, path: str, context: Path, before: Instruction | None = None,
                 _depth: int = 0) -> Origin:
    """Which build-context file (or folder) lands at absolute ``path`` of ``stage``'s image just before
    ``before``, following COPY/ADD (latest wins), WORKDIR, parent stages and ``COPY --from=stage``."""
    path = posixpath.normpath(path)
    for ins, env, cwd_then in reversed(list(model_of(stage).steps(before))):
        if ins.name not in ("COPY", "ADD"):
            continue
        origin = _copy_origin(ins, env, cwd_then, path, context, _depth)
        if origin is not None:
            return origin
    return Origin("absent")


def _copy_origin(ins: Instruction, env: dict[str, str], cwd: str | None, path: str, context: Path,
                 depth: int) -> Origin | None:
    """The origin of ``path`` if this COPY/ADD may write it, else None."""
    words = ins.json_args if ins.is_json else [w.value for w in ins.words]
    if not words or len(words) < 2:
        return None
    if ins.heredocs:
        dest = _join(cwd, words[-1], env)
        if dest is None or _covers(dest, path):
            return Origin("unknown", reason=f"line {ins.lineno} writes it from a heredoc")
        return None
    *srcs, raw_dest = words
    dest = _join(cwd, raw_dest, env)
    if dest is None:
        return Origin("unknown", reason=f"the destination of line {ins.lineno} is not known ({raw_dest})")
    dir_dest = raw_dest.endswith("/") or len(srcs) > 1 or raw_dest in (".", "./") or dest == cwd
    if not _covers(dest, path):
        return None
    from_flag = ins.flag("from")
    if from_flag is not None and from_flag.value:
        src_stage = ins.doc.stage(from_flag.value, before=ins.stage_index)
        if src_stage is None:
            return Origin("unknown", reason=f"line {ins.lineno} copies from the image {from_flag.value}")
        if depth > 8:
            return Origin("unknown", reason="COPY --from chain too deep")
        for src in srcs:
            src_abs = _join("/", src, env)
            if src_abs is None:
                return Origin("unknown", reason=f"line {ins.lineno} copies a variable path ({src})")
            for candidate in _stage_candidates(src_abs, dest, dir_dest, path):
                found = image_origin(src_stage, candidate, context, None, depth + 1)
                if found.kind != "absent":
                    return found
        return None
    for src in srcs:
        if "://" in src or src.startswith("git@"):
            if _covers(dest, path):
                return Origin("unknown", reason=f"line {ins.lineno} downloads {src}")
            continue
        value = expand(src, {})
        if value is None:
            return Origin("unknown", reason=f"line {ins.lineno} copies a variable path ({src})")
        for local in _expand_source(context, value):
            target = _landing(local, context, dest, dir_dest)
            if target is None:
                continue
            if local.is_dir():
                if _covers(target, path):
                    rel = posixpath.relpath(path, target)
                    found = local / rel if rel != "." else local
                    if found.exists():  # a folder copy brings only the files it has
                        return Origin("context", found.resolve())
            elif target == path:
                return Origin("context", local.resolve())
            if ins.name == "ADD" and local.suffix in (".gz", ".tgz", ".tar", ".xz", ".bz2", ".zst") \
                    and _covers(target if local.is_dir() else posixpath.dirname(target), path):
                return Origin("unknown", reason=f"line {ins.lineno} unpacks the archive {src}")
    return None


def _stage_candidates(src: str, dest: str, dir_dest: bool, path: str) -> Iterator[str]:
    """Paths in the source stage that may land at ``path`` (``src`` a folder, or a file)."""
    base = posixpath.join(dest, posixpath.basename(src)) if dir_dest else dest
    if path == base:
        yield src
    if _covers(dest, path):
        rel = posixpath.relpath(path, dest)
        yield posixpath.normpath(posixpath.join(src, rel)) if rel != "." else src


def _landing(local: Path, context: Path, dest: str, dir_dest: bool) -> str | None:
    """Where a context file lands (its own path), or where a context folder's contents land."""
    if local.is_dir():
        return dest
    if local.exists():
        return posixpath.join(dest, local.name) if dir_dest else dest
    return None


def _expand_source(context: Path, src: str) -> list[Path]:
    rel = posixpath.normpath(src.lstrip("/") or ".")
    while rel == ".." or rel.startswith("../"):  # a source cannot leave the context
        rel = rel[3:] or "."
    if not _GLOB.search(rel):
        p = context / rel
        return [p] if p.exists() else []
    return sorted(context.glob(rel))


def _covers(folder: str, path: str) -> bool:
    """True when ``path`` is ``folder`` or inside it."""
    return folder == "/" or path == folder or path.startswith(folder + "/")


# -- helpers -------------------------------------------------------------------------------------------


def _ancestors(folder: Path, project: Project | None = None) -> Iterator[Path]:
    """``folder`` and its parents, up to a repository root (a folder with ``.git``) or _MAX_UP levels (once per
    run with ``project``: each folder's ancestors are searchable, so checking them all at once raises nothing)."""
    if project is not None:
        yield from project.folder_fact("ancestors", folder, lambda: tuple(_ancestors(folder)))
        return
    for i, d in enumerate([folder, *folder.parents]):
        if i >= _MAX_UP:
            return
        yield d
        if (d / ".git").exists():
            return


def _has_manifests(project: Project, folder: Path) -> bool:
    return project.folder_fact("manifests", folder, lambda: _holds_manifests(project, folder))


def _holds_manifests(project: Project, folder: Path) -> bool:
    if project.is_file(folder, "pnpm-workspace.yaml") or project.is_file(folder, "composer.json"):
        return True
    if project.is_file(folder, "package.json"):
        data = project.load(folder / "package.json")
        return isinstance(data, dict) and "workspaces" in data
    return False


def _same_file(a: Path, b: Path, project: Project | None = None) -> bool:
    try:
        return project.real(a) == project.real(b) if project is not None else a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # RuntimeError: pathlib's "symlink loop" (Python < 3.13)
        return False


def _dotenv(path: Path) -> dict[str, str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    out: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        out[key.strip().removeprefix("export ").strip()] = value.strip().strip("'\"")
    return out


def _substitute(value: str, env: dict[str, str]) -> str | None:
    """Compose's ``${VAR}``/``${VAR:-default}`` interpolation from the ``.env`` file only."""
    value = expand(value.replace("$$", "\0"), env)
    return value.replace("\0", "$") if value else None


def _literal_sources_of_file(dockerfile: Path) -> list[str]:
    from refactor.document import parse

    try:
        doc = parse(dockerfile.read_text(encoding="utf-8"))
    except Exception:  # unreadable or unparsable: no sources to check
        return []
    return literal_sources(doc)


def project_context(doc: Document, path: Path | None, explicit: Path | None,
                    project: Project | None) -> tuple[Project, Path] | None:
    """The run's shared ``Project`` (a fresh one when there is none) and the build context of the
    Dockerfile at ``path``; None when the text has no path (stdin), so no context can be known."""
    if path is None:
        return None
    project = project or Project()
    return project, project.build_context(path, explicit, literal_sources(doc))


def commands_in_context(doc: Document, path: Path | None, explicit: Path | None, project: Project | None
                        ) -> Iterator[tuple[Project, Path, Stage, Instruction, ShellScript, ShellCommand]]:
    """Every RUN command of every stage with the project and build context it is judged against (see
    ``project_context``); nothing when the text has no path."""
    from refactor.commands import run_commands

    resolved = project_context(doc, path, explicit, project)
    if resolved is None:
        return
    for stage in doc.stages:
        for ins, script, cmd in run_commands(stage):
            yield (*resolved, stage, ins, script, cmd)


def literal_sources(doc: Document) -> list[str]:
    """Build-context sources of COPY/ADD without ``--from``, URLs or variables."""
    out: list[str] = []
    for ins in doc.instructions:
        if ins.name not in ("COPY", "ADD") or ins.flag("from") is not None or ins.heredocs:
            continue
        words = ins.json_args if ins.is_json else [w.value for w in ins.words]
        for src in (words or [])[:-1]:
            if "$" in src or "://" in src or src.startswith("git@"):
                continue
            out.append(src)
    return out


def _context_has(context: Path, src: str) -> bool:
    return bool(_expand_source(context, src))


def _name(manifest: Any) -> str | None:
    name = manifest.get("name") if isinstance(manifest, dict) else None
    return name if isinstance(name, str) else None


def _clean_glob(pattern: str) -> str:
    pattern = pattern.strip()
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern.rstrip("/") or "."


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A fast-glob pattern (``*``, ``**``, ``?``, ``{a,b}``, ``[..]``) as a regex over posix paths."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("(?:/.*)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "{":
            close = pattern.find("}", i)
            if close > i:
                alts = pattern[i + 1:close].split(",")
                out.append("(?:" + "|".join(_glob_regex(a).pattern for a in alts) + ")")
                i = close + 1
                continue
            out.append(re.escape(ch))
        elif ch == "[":
            close = pattern.find("]", i)
            if close > i:
                out.append(fnmatch.translate(pattern[i:close + 1])[4:-3])
                i = close + 1
                continue
            out.append(re.escape(ch))
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("".join(out))


def _package_dirs(root: Path) -> list[str]:
    """Posix paths (relative to ``root``) of folders below it that hold a package.json."""
    out: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _WALK_SKIP and not d.startswith("."))
        if "package.json" in files and Path(folder) != root:
            out.append(Path(folder).relative_to(root).as_posix())
    return out


def _load(path: Path) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        if path.suffix in (".yaml", ".yml"):
            return yaml_docs.load(raw)
        return json.loads(raw)
    except Exception:  # a broken manifest is treated as absent
        return None


__all__ = [
    "BuildContext",
    "Origin",
    "Project",
    "Workspace",
    "WorkspacePackage",
    "image_origin",
    "literal_sources",
    "project_context",
    "shell_cwd",
    "workdir_at",
]


def shell_cwd(commands: Sequence[Any], upto: Any, start: str | None) -> str | None:
    """The working directory of ``upto`` after the top-level ``cd`` commands before it in the same RUN
    (None when a ``cd`` is conditional, nested or uses an unknown path)."""
    cwd = start
    for cmd in commands:
        if cmd is upto:
            return cwd
        if cmd.name != "cd":
            continue
        args = [w for w in cmd.words[1:] if not w.value.startswith("-")]
        if cmd.depth != 0 or cmd.op_before not in ("", "&&", ";") or len(args) != 1 or "$" in args[0].raw \
                or "`" in args[0].raw or args[0].value in ("-", "~") or args[0].value.startswith("~"):
            cwd = None
            continue
        cwd = _join(cwd, args[0].value, {})
    return cwd


# -- deployment files around a Dockerfile (compose services, Kubernetes workloads, skaffold) -----------

# Folders that conventionally hold Kubernetes manifests, searched in the Dockerfile's folder and its ancestors.
_K8S_DIRS = ("k8s", "kubernetes", "kubernetes-manifests", "kube", "deploy", "deployment", "deployments",
             "manifests", ".k8s")
_K8S_MAX_FILES = 200  # YAML files read per search
_K8S_MAX_UP = 4  # ancestors searched (when no repository root is found sooner)
_WORKLOADS = frozenset({"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob",
                        "ReplicationController"})


def compose_services_building(project: Project, dockerfile: Path) -> list[tuple[Path, str, dict[str, Any]]]:
    """``(compose file, service name, service spec)`` of every compose service, in the Dockerfile's folder or
    its ancestors, whose ``build`` is this Dockerfile."""
    dockerfile = project.real(dockerfile)
    out: list[tuple[Path, str, dict[str, Any]]] = []
    for folder in _ancestors(dockerfile.parent, project):
        for compose, context, service, name in project._compose_builds(folder):
            if name is None or not _same_file(context / name, dockerfile, project):
                continue
            data = project.load(compose)
            spec = data.get("services", {}).get(service) if isinstance(data, dict) else None
            if isinstance(spec, dict):
                out.append((compose, service, spec))
    return out


def kubernetes_containers(dockerfile: Path, project: Project | None = None) -> list[tuple[Path, dict[str, Any]]]:
    """``(manifest, container spec)`` of every container of the Kubernetes workloads in the YAML files beside
    the Dockerfile and in the ``k8s/``, ``kubernetes/``, ``deploy/``… folders of its folder and ancestors
    (up to the repository root, at most a few levels up; a bounded number of files). ``project``: the run's
    file-system facts (every Dockerfile asks about the same ancestors)."""
    files: list[Path] = []
    facts = project or Project()
    folder = facts.real(dockerfile).parent
    files += sorted(p for p in _yaml_files(folder, 0))
    for i, d in enumerate(_ancestors(folder, facts)):
        if i > _K8S_MAX_UP:
            break
        for name in facts.folder_fact("k8s folders", d, lambda d=d: [n for n in _K8S_DIRS if facts.is_dir(d, n)]):
            files += _yaml_files(d / name, 3)
    out: list[tuple[Path, dict[str, Any]]] = []
    for path in list(dict.fromkeys(files))[:_K8S_MAX_FILES]:
        for obj in _yaml_documents(path):
            for container in _containers(obj):
                out.append((path, container))
    return out


def skaffold_images(dockerfile: Path, project: Project | None = None) -> list[str]:
    """Image names that a ``skaffold.yaml`` in the Dockerfile's folder or its ancestors builds from it
    (``project``: the run's file-system facts)."""
    facts = project or Project()
    dockerfile = facts.real(dockerfile)
    out: list[str] = []
    for folder in _ancestors(dockerfile.parent, facts):
        path = folder / "skaffold.yaml"
        if not facts.is_file(folder, "skaffold.yaml"):
            continue
        for doc in _yaml_documents(path):
            build = doc.get("build") if isinstance(doc, dict) else None
            artifacts = build.get("artifacts") if isinstance(build, dict) else None
            for art in artifacts if isinstance(artifacts, list) else []:
                if not isinstance(art, dict) or not isinstance(art.get("image"), str):
                    continue
                docker = art.get("docker") if isinstance(art.get("docker"), dict) else {}
                name = docker.get("dockerfile", "Dockerfile")
                context = folder / str(art.get("context", "."))
                if isinstance(name, str) and _same_file(context / name, dockerfile):
                    out.append(art["image"])
    return out


def _yaml_files(folder: Path, depth: int) -> list[Path]:
    out: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return out
    for entry in entries:
        if entry.is_file() and entry.name.endswith((".yaml", ".yml")):
            out.append(Path(entry.path))
        elif depth > 0 and entry.is_dir() and entry.name not in _WALK_SKIP and not entry.name.startswith("."):
            out += _yaml_files(Path(entry.path), depth - 1)
        if len(out) >= _K8S_MAX_FILES:
            break
    return out


def _yaml_documents(path: Path) -> list[Any]:
    """Every document of a (multi-document) YAML file; [] when unreadable or not YAML."""
    try:
        stat = path.stat()
    except OSError:
        return []
    return _yaml_documents_cached(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=512)  # parsed YAML stays in memory: bounded
def _yaml_documents_cached(path: Path, _mtime: int, size: int) -> list[Any]:
    if size > 1 << 20:
        return []
    try:
        return [d for d in yaml_docs.load_all(path.read_text(encoding="utf-8")) if d is not None]
    except Exception:  # not YAML (a Helm template, a broken file): no objects
        return []


def _containers(obj: Any) -> list[dict[str, Any]]:
    """Containers of one Kubernetes object (a workload, or a ``List`` of them)."""
    if not isinstance(obj, dict):
        return []
    if obj.get("kind") == "List" and isinstance(obj.get("items"), list):
        return [c for item in obj["items"] for c in _containers(item)]
    kind = obj.get("kind")
    if not isinstance(kind, str) or kind not in _WORKLOADS:
        return []
    keys = {"Pod": ("spec",), "CronJob": ("spec", "jobTemplate", "spec", "template", "spec")}.get(
        kind, ("spec", "template", "spec"))
    node: Any = obj
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    containers = node.get("containers") if isinstance(node, dict) else None
    return [c for c in containers if isinstance(c, dict)] if isinstance(containers, list) else []
