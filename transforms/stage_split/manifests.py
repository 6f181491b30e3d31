"""The builder's dependency layer: when the sources are copied (``COPY . .``) before a dependency install that
reads only the manifests, the manifests are copied alone just before the install and the sources' COPY moves
right after it, so the install's layer is rebuilt only when a manifest changes (Docker's "Optimizing builds
with cache management" guide; seed 004's ``COPY package*.json ./`` / ``RUN npm ci`` / ``COPY . .``). The rest of
the builder stays as written. Each ecosystem (node.py, python.py) says which files an install reads and why it
may need the sources; when anything is uncertain nothing moves and the split's message says why.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from refactor.document import Instruction
from refactor.edits import Edit
from refactor.knowledge.ecosystems.node import NPM_CACHE_CLEAN, YARN_CACHE_CLEAN
from refactor.knowledge.ecosystems.python import PIP_INSTALL, VENV_CREATE
from refactor.rewrite import comment_block_start
from transforms.stage_split.dockerignore import ignored
from transforms.stage_split.gate import PACKAGE_TOOLS, program
from transforms.stage_split.subject import Command, Subject

# What may stand between the sources' COPY and the install: it reads no file of the build context.
PASSIVE = frozenset({"ENV", "ARG", "LABEL", "EXPOSE", "MAINTAINER", "STOPSIGNAL"})
# The COPY flags the manifests' COPY repeats (ownership and mode as the sources get them).
KEPT_FLAGS = ("chown", "chmod", "link")


@dataclass
class Needs:
    """What an install reads: ``(context path, image folder)`` of each file to copy, or a glob of them."""

    files: list[tuple[str, str]]
    shown: str  # how the evidence names them (``package*.json``)
    writes: list[str] = field(default_factory=list)  # image paths the install fills (``node_modules``, a venv)


@dataclass
class Reorder:
    edits: list[Edit]
    evidence: str
    after_build: str | None = None  # the sources' COPY when it follows the last build step (the builder's end)


Primary = Callable[[Command], str | None]  # the image path of the install's main manifest
Reads = Callable[[Command, str], "Needs | str"]  # (install, its context folder) → what it reads, or why unsure


def context_rel(s: Subject, local: Path) -> str | None:
    if s.context_dir is None:
        return None
    try:
        return local.resolve().relative_to(s.context_dir.resolve()).as_posix()
    except ValueError:
        return None


def _copy_words(ins: Instruction) -> list[str]:
    return ins.json_args if ins.is_json else [w.value for w in ins.words]


def _writer(s: Subject, path: str, before: Instruction) -> tuple[Instruction, str | None] | None:
    """The last COPY/ADD before ``before`` that writes ``path``, and the context folder it copies the file from
    (None: it copies the file itself, not a folder holding it)."""
    context = s.context_dir
    for ins in reversed([i for i in s.stage.body() if i.index < before.index and i.name in ("COPY", "ADD")]):
        words = _copy_words(ins)
        if ins.flag("from") is not None or ins.heredocs or len(words) < 2 or any("$" in w for w in words):
            if _may_write(s, ins, path):
                return ins, None
            continue
        cwd = s.model.workdir_at(ins) or "/"
        dest = posixpath.normpath(posixpath.join(cwd, words[-1]))
        for src in words[:-1]:
            rel = posixpath.normpath(src.lstrip("/") or ".")
            if context is None:  # only the context root is surely a folder; what it holds is unknown
                if rel == "." and (path == dest or path.startswith(dest.rstrip("/") + "/")):
                    return ins, rel
                continue
            local = context / rel if rel != "." else context
            if (src in (".", "./") or local.is_dir()) and (path == dest or path.startswith(dest.rstrip("/") + "/")):
                inner = posixpath.relpath(path, dest)
                if (local / inner).is_file():
                    return ins, rel
                continue
            if any(c in src for c in "*?["):
                try:
                    matches = [p for p in context.glob(rel) if p.is_file()]
                except (ValueError, OSError):  # a pattern Path.glob refuses: it brings nothing we can name
                    matches = []
            else:
                matches = [local] if local.is_file() else []
            dir_dest = words[-1].endswith("/") or len(words) > 2 or words[-1] in (".", "./")
            for m in matches:
                target = posixpath.join(dest, m.name) if dir_dest or any(c in src for c in "*?[") else dest
                if target == path:
                    return ins, None
    return None


def _may_write(s: Subject, ins: Instruction, path: str) -> bool:
    words = _copy_words(ins)
    if len(words) < 2 or "$" in words[-1]:
        return True
    dest = posixpath.normpath(posixpath.join(s.model.workdir_at(ins) or "/", words[-1]))
    return path == dest or path.startswith(dest.rstrip("/") + "/") or posixpath.dirname(path) == dest


def _overwritten(s: Subject, copy: Instruction, folder: str, writes: list[str]) -> str | None:
    """Why the sources' COPY, once after the install, could write over what the install wrote: the context may
    hold its own copy of it (a local ``node_modules``) unless .dockerignore leaves it out."""
    words = _copy_words(copy)
    dest = posixpath.normpath(posixpath.join(s.model.workdir_at(copy) or "/", words[-1]))
    for path in writes:
        if not (path == dest or path.startswith(dest.rstrip("/") + "/")):
            continue
        rel = posixpath.normpath(posixpath.join(folder, posixpath.relpath(path, dest)))
        if s.context_dir is None or not ignored(s.context_dir, s.ctx.path, rel):
            return (f"no .dockerignore leaves out {rel}, so the sources' COPY after the install could write a "
                    f"local {posixpath.basename(rel)} over the installed one")
    return None


def reads_no_sources(c: Command, sources: str = "/") -> bool:
    """Commands that read no file of the build context (copied to ``sources``): package installs, global tools,
    cache cleanups outside it."""
    argv = list(c.argv)
    if c.tool in PACKAGE_TOOLS:
        return not any(a.startswith(("./", "../")) or a.endswith((".deb", ".apk")) for a in argv[1:])
    if NPM_CACHE_CLEAN.matches(argv) or YARN_CACHE_CLEAN.matches(argv) or VENV_CREATE.matches(argv):
        return True
    if (c.tool in ("npm", "pnpm") and ("-g" in argv or "--global" in argv)) or argv[:3] == ["yarn", "global", "add"]:
        return True
    if (c.tool in ("npm", "yarn", "pnpm") and argv[1:2] == ["config"]) or c.tool == "corepack":
        return True
    if c.tool == "rm":  # removing a file the sources' COPY brings back once it moves after the install
        return all(a.startswith("-") or a.startswith("~/") or (a.startswith("/") and not (
            a == sources or a.startswith(sources.rstrip("/") + "/") or sources.startswith(a.rstrip("/*") + "/")))
            for a in argv[1:])
    if c.tool in ("set", "true", ":", "cd"):  # cd: into an install's folder, which its manifests' COPY makes
        return True
    m = PIP_INSTALL.match(argv)
    if m is not None:  # ``pip install --upgrade pip setuptools``: names from the index, no files
        names = [argv[i] for i in m.args]
        return bool(names) and not any(a in ("-r", "--requirement", "-c", "--constraint", "-e", "--editable")
                                       for a in argv) and all(n[:1].isalpha() and "/" not in n for n in names)
    return False


def first(s: Subject, installs: list[Command], primary: Primary, reads: Reads, single_dest: str = "./",
          ) -> Reorder | str | None:
    """Copy the manifests before ``installs`` that get them through a folder COPY; None when none does (the
    manifests are copied first already), else the edits or why nothing moves."""
    targets: list[tuple[Command, Instruction, str]] = []
    for c in installs:
        path = primary(c)
        if path is None:
            continue
        found = _writer(s, path, c.ins)
        if found is None:
            continue
        ins, folder = found
        if folder is None:
            if ins.flag("from") is not None or ins.heredocs or any("$" in w for w in _copy_words(ins)):
                return None  # not from the context as written: nothing to reorder
            continue
        targets.append((c, ins, folder))
    if not targets:
        return None
    copy = targets[0][1]
    runs = list(dict.fromkeys(c.ins for c, _, _ in targets))
    where = f"the install at line {runs[0].lineno} still follows the COPY of the sources (line {copy.lineno})"
    if any(ins is not copy for _, ins, _ in targets):
        other = next(ins for _, ins, _ in targets if ins is not copy)
        return f"{where}: the manifests arrive through two folder COPYs (lines {copy.lineno} and {other.lineno})"
    if copy.name != "COPY":
        return f"{where}: ADD at line {copy.lineno}, which may unpack or fetch"
    odd = next((f for f in copy.flags if f.name not in KEPT_FLAGS), None)
    if odd is not None:
        return f"{where}: its --{odd.name} flag"
    last = runs[-1]
    sources = posixpath.normpath(posixpath.join(s.model.workdir_at(copy) or "/", _copy_words(copy)[-1]))
    for ins in s.stage.body():
        if not copy.index < ins.index <= last.index or ins in runs or ins.name in PASSIVE:
            continue
        if ins.name == "RUN" and ins not in s.unparsed_runs:
            busy = next((c for c in s.commands_of([ins]) if not reads_no_sources(c, sources)), None)
            if busy is None:
                continue
            return f"{where}: line {ins.lineno} runs {program(busy)} between them, which may read the sources"
        if ins.name == "WORKDIR" and _copy_words(copy)[-1].startswith("/"):
            continue  # the sources' COPY names its folder: a WORKDIR before it does not move it
        return f"{where}: {ins.name} at line {ins.lineno} between them"
    targets_of = {id(c) for c, _, _ in targets}
    for run in runs:
        if run in s.unparsed_runs:
            return f"{where}: line {run.lineno} is a RUN the shell parser cannot read"
        build = next((b for b in s.build if b.ins is run and id(b) not in targets_of
                      and not reads_no_sources(b, sources)), None)
        if build is not None:
            return f"{where}: the install shares its RUN with the build ({build.text[:40]} at line {run.lineno})"
        other = next((c for c in s.commands_of([run]) if id(c) not in targets_of
                      and not reads_no_sources(c, sources)), None)
        if other is not None:
            return f"{where}: its RUN at line {run.lineno} also runs {program(other)}, which may read the sources"
    flags = " ".join(copy.doc.text[f.word.start:f.word.end] for f in copy.flags)
    kw = s.doc.keyword
    nl = s.doc.newline
    edits: list[Edit] = []
    inserts: dict[int, str] = {}
    done: set[str] = set()
    shown: list[str] = []
    for run in runs:
        cwd = s.model.workdir_at(run)
        if cwd is None:
            return f"{where}: the WORKDIR at line {run.lineno} is unknown"
        groups: dict[str, list[str]] = {}
        for c, _, folder in targets:
            if c.ins is not run:
                continue
            needs = reads(c, folder)
            if isinstance(needs, str):
                return f"{where}: {needs}"
            shown.append(needs.shown)
            clash = _overwritten(s, copy, folder, needs.writes)
            if clash:
                return f"{where}: {clash}"
            for src, image_dir in needs.files:
                if src not in done:
                    done.add(src)
                    groups.setdefault(image_dir, []).append(src)
        lines = []
        for image_dir, srcs in groups.items():
            rel = posixpath.relpath(image_dir, cwd)
            if rel == ".":
                dest = single_dest if len(srcs) == 1 and not any(c in srcs[0] for c in "*?[") else "./"
            elif rel.startswith(".."):
                dest = image_dir.rstrip("/") + "/"
            else:
                dest = rel + "/"
            lines.append(f"{run.indent}{kw('COPY')} {flags + ' ' if flags else ''}{' '.join(srcs)} {dest}{nl}")
        if lines:
            inserts[comment_block_start(run)] = "".join(lines)
    start = comment_block_start(copy)
    moved = s.doc.text[start:copy.stop]
    if not moved.endswith("\n"):
        return None  # the COPY ends the file: nothing after it to move it past
    edits.append(Edit.delete(start, copy.stop))
    edits += [Edit.insert(at, text) for at, text in inserts.items()]
    evidence = (f"{', '.join(dict.fromkeys(shown))} copied before the install at line {runs[0].lineno} and the "
                f"sources' COPY (line {copy.lineno}) moved after it, so the dependency layer caches")
    if last is s.build_end:
        return Reorder(edits, evidence, after_build=moved)
    edits.append(Edit.insert(last.stop, moved))
    return Reorder(edits, evidence)
