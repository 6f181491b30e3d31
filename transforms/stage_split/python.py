"""Python: pip installs into a virtualenv (``/opt/venv``, created in the build just before the first pip) that the
runtime stage copies with the application folder; the runtime is the same Python on a slim tag (alpine stays
alpine), plus the runtime libraries of the build's ``-dev`` packages and of the requirements that link them."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from refactor.edits import Edit, Finding
from refactor.knowledge.ecosystems.python import NATIVE_RUNTIME_LIBS, PIP_INSTALL, VENV_CREATE
from refactor.knowledge.ecosystems.python import SPLIT_BUILD_ONLY_ENV as BUILD_ONLY_ENV
from refactor.knowledge.ecosystems.python import SPLIT_TOOLCHAIN as TOOLCHAIN
from refactor.knowledge.ecosystems.python import SPLIT_TOOLS as TOOLS
from refactor.knowledge.packages import is_build_only
from refactor.knowledge.runtime_bases import RuntimeChoice, interpreter_runtime
from refactor.rewrite import insert_command_before, insert_lines_above_comments
from transforms.stage_split import manifests
from transforms.stage_split.common import (
    context_file,
    copy_destinations,
    inside,
    probe_tools,
    runtime_packages,
)
from transforms.stage_split.gate import finding, system_change
from transforms.stage_split.layout import Plan
from transforms.stage_split.subject import Command, Subject

VENV = "/opt/venv"
OUTSIDE_VENV = ("--user", "-t", "--target", "--prefix", "--root")


def detect(s: Subject) -> list[Command]:
    return [c for c in s.commands if c.runs(PIP_INSTALL)]


def _requirement_names(path: Path, depth: int = 0) -> list[str] | None:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return None
    out: list[str] = []
    for line in lines:
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        nested = re.match(r"^(?:-r|--requirement)[\s=]+(\S+)", line)
        if nested:
            if depth > 4:
                return None
            more = _requirement_names(path.parent / nested.group(1), depth + 1)
            if more is None:
                return None
            out += more
        elif not line.startswith("-"):
            out.append(line)
    return out


def _project_names(path: Path) -> list[str] | None:
    import tomllib  # here, not at the top: only a pyproject.toml in the context needs it

    try:
        data = tomllib.loads(path.read_text(errors="replace"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    deps = data.get("project", {}).get("dependencies")
    return [d for d in deps if isinstance(d, str)] if isinstance(deps, list) else None


def _installed_names(s: Subject, pips: list[Command]) -> tuple[list[str], str | None]:
    """The requirement specs the pip commands install, or (partial, what could not be read)."""
    names: list[str] = []
    for c in pips:
        m = PIP_INSTALL.match(list(c.argv))
        if m is None:
            continue
        req = [c.argv[i + 1] for i in m.valued if c.argv[i] in ("-r", "--requirement")]
        req += [c.argv[i].split("=", 1)[1] for i in m.options if c.argv[i].startswith("--requirement=")]
        for r in req:
            at = s.absolute(c, r)
            local = context_file(s, at, c.ins) if at else None
            found = _requirement_names(local) if local else None
            if found is None:
                return names, f"{r} (line {c.ins.lineno})"
            names += found
        for i in m.args:
            arg = c.argv[i]
            if arg in (".", "./") or arg.startswith(("/", "./")):
                at = s.absolute(c, posixpath.join(arg, "pyproject.toml"))
                local = context_file(s, at, c.ins) if at else None
                found = _project_names(local) if local else None
                if found is None:
                    return names, f"the project {arg} (line {c.ins.lineno})"
                names += found
            else:
                names.append(arg)
    return names, None


def _native_libs(names: list[str], family: str) -> list[str]:
    out = []
    for spec in names:
        name = re.split(r"[\s\[=<>~!;@]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")
        lib = NATIVE_RUNTIME_LIBS.get(name, {}).get(family)
        if lib:
            out.append(lib)
    return out


def _runtime(s: Subject) -> RuntimeChoice | None:
    base = s.stage.base_image
    found = interpreter_runtime(base, "python")
    if found is not None:
        return found
    if s.family == "alpine" and "python3" in s.model.installed_packages:
        return RuntimeChoice(base, f"{base} itself with its python3 package (the venv's interpreter), without the "
                             "build packages", same_image=True)
    return None


def plan(s: Subject) -> Plan | Finding:
    changed = system_change(s, TOOLS)
    if changed:
        return finding(changed[0], f"build changes the image: RUN at {changed[1]}; cannot tell whether the "
                       "runtime stage needs what it changes")
    pips = s.build
    venvs = [c for c in s.commands if VENV_CREATE.matches(list(c.argv)) and c.ins.index <= s.build_end.index]
    venv_dirs = [d for d in (s.absolute(v, v.argv[-1]) for v in venvs) if d]
    for c in pips:
        bad = next((a for a in c.argv if a.split("=", 1)[0] in OUTSIDE_VENV), None)
        if bad or (c.argv[0].startswith("/") and not any(c.argv[0].startswith(d + "/") for d in venv_dirs)):
            return finding(c.ins, f"pip outside a virtualenv: pip at line {c.ins.lineno} installs with "
                           f"{bad or c.argv[0]}; the runtime stage would not get its packages")
    if re.match(r"python:2(?:[.-]|$)", s.stage.base_image.rsplit("/", 1)[-1]):
        return finding(s.stage.from_, f"Python 2: {s.stage.base_image} has no venv module to install into")
    runtime = _runtime(s)
    if runtime is None:
        return finding(s.stage.from_, f"no runtime base known: {s.stage.base_image}; a venv needs the same "
                       "interpreter in the runtime (an official python image, or Alpine's python3 package)")
    official = not runtime.same_image or runtime.image.split("@")[0].rsplit("/", 1)[-1].startswith("python:")
    build_only = sorted(p for p in s.model.installed_packages if is_build_only(p, s.family))
    if runtime.same_image and not build_only:
        return finding(s.stage.from_, f"no toolchain or full base to drop: {s.stage.base_image} is already "
                       "slim and no build package stays installed")
    absolute = next((w for w in s.start_words if w.startswith(("/usr/local/bin/", "/usr/bin/python",
                                                              "/usr/local/lib/python"))), None)
    if absolute:
        return finding(s.stage.from_, f"absolute interpreter path: the start command runs {absolute}; the "
                       "packages move to a virtualenv")
    evidence = [f"pip install at line {pips[0].ins.lineno}"]
    builder_edits = []
    env_lines: list[str] = []
    if venvs:
        venv = venv_dirs[0] if venv_dirs else None
        if venv is None:
            return finding(venvs[0].ins, f"artifact unknown: the venv of line {venvs[0].ins.lineno} has no "
                           "known path")
        evidence.append(f"into the virtualenv {venv} the build creates (line {venvs[0].ins.lineno})")
    else:
        first = pips[0]
        if first.cmd.depth != 0 or first.cmd.op_before not in ("", "&&", ";"):
            return finding(first.ins, f"pip inside a compound command: line {first.ins.lineno}; the "
                           "virtualenv cannot be created before it")
        venv = VENV
        kw = s.doc.keyword
        builder_edits = [insert_lines_above_comments(first.ins, [f'{kw("ENV")} PATH="{VENV}/bin:$PATH"']),
                         insert_command_before(first.script, first.cmd, f"python3 -m venv {VENV}", "&&")]
        env_lines = [f'PATH="{VENV}/bin:$PATH"']
        evidence.append(f"into a virtualenv {VENV} created just before it (same interpreter path in both stages)")
    builder_tail: list[str] = []
    reorder = manifests.first(s, pips, lambda c: _requirements_file(s, c),
                              lambda c, folder: _install_reads(s, c, venv), single_dest=".")
    if isinstance(reorder, manifests.Reorder):
        builder_edits = _merged([*reorder.edits, *builder_edits])
        evidence.append(reorder.evidence)
        if reorder.after_build is not None:
            builder_tail = [reorder.after_build.rstrip("\r\n").lstrip(" \t")]
    elif reorder is not None:
        evidence.append(reorder)
    packages = runtime_packages(s, TOOLCHAIN, keep_python=not official)
    if not runtime.same_image:
        names, unread = _installed_names(s, pips)
        option = s.ctx.option(_pass(), "runtime-packages").strip()
        if option:
            packages += [] if option == "none" else option.replace(",", " ").split()
            evidence.append(f"runtime packages from multi-stage.runtime-packages={option}")
        elif unread:
            return finding(pips[0].ins, f"requirements unknown: cannot read {unread} in the build context; "
                           f"which runtime libraries its packages link in {s.stage.base_image} is unknown; set "
                           "multi-stage.runtime-packages (or =none)")
        else:
            libs = _native_libs(names, s.family)
            packages += libs
            if libs:
                evidence.append(f"the requirements need {', '.join(libs)} at run time")
        packages += [t for t in probe_tools(s) if t not in packages]
    packages = list(dict.fromkeys(packages))
    if build_only:
        evidence.append(f"build packages left behind: {', '.join(build_only)}")
    workdir = s.model.workdir_at(s.tail[0] if s.tail else None) or "/"
    copies = [(venv, venv)]
    dests = copy_destinations(s, s.builder_part)
    if workdir != "/" and any(d and inside(d, workdir) for _, d in dests) and not inside(venv, workdir):
        copies.append((workdir, workdir))
    elif workdir != "/" and any(d and inside(d, workdir) for _, d in dests):
        copies = [(workdir, workdir)]
    for ins, dest in dests:
        if dest is None:
            return finding(ins, f"artifact unknown: COPY at line {ins.lineno}; cannot tell which files it adds "
                           "for the runtime")
        if workdir != "/" and inside(dest, workdir):
            continue
        if (dest, dest) not in copies:
            copies.append((dest, dest))
    return Plan(s, "python, pip", runtime, copies, evidence, packages=packages, env_lines=env_lines,
                builder_edits=builder_edits, build_only_env=BUILD_ONLY_ENV, builder_tail=builder_tail)


def _merged(edits: list[Edit]) -> list[Edit]:
    """Inserts at one offset joined in list order (the manifests' COPY above the venv's ENV PATH)."""
    out: list[Edit] = []
    for e in edits:
        same = next((k for k, o in enumerate(out) if o.start == o.end == e.start == e.end), None)
        if same is None:
            out.append(e)
        else:
            out[same] = Edit.insert(e.start, out[same].content + e.content)
    return out


def _requirements_file(s: Subject, c: Command) -> str | None:
    """The first requirements file ``pip install -r`` reads, in the image."""
    m = PIP_INSTALL.match(list(c.argv))
    if m is None:
        return None
    req = [c.argv[i + 1] for i in m.valued if c.argv[i] in ("-r", "--requirement")]
    req += [c.argv[i].split("=", 1)[1] for i in m.options if c.argv[i].startswith("--requirement=")]
    return s.absolute(c, req[0]) if req else None


def _local(spec: str) -> bool:
    """A requirement naming a file or folder instead of an index package."""
    return spec in (".", "..") or spec.startswith(("./", "../", "/", "file:", "~")) or "@ file:" in spec \
        or spec.endswith((".whl", ".tar.gz", ".zip"))


def _install_reads(s: Subject, c: Command, venv: str) -> manifests.Needs | str:
    """The requirements and constraints files ``c`` reads (nested ``-r``/``-c`` too), or why it reads the
    sources: an editable or local project, wheels found in a folder of the context."""
    argv = list(c.argv)
    m = PIP_INSTALL.match(argv)
    if m is None:
        return "pip's command line cannot be read"
    for i in m.options:
        if argv[i] in ("-e", "--editable") or argv[i].startswith("--editable="):
            return "pip install -e installs the project from its sources"
    for i in m.valued:
        if argv[i] in ("-f", "--find-links") and "://" not in argv[i + 1]:
            return f"pip finds packages in {argv[i + 1]}, a folder of the sources"
    local = next((argv[i] for i in m.args if _local(argv[i])), None)
    if local is not None:
        return f"pip install {local} builds the project from its sources"
    files: list[tuple[str, str]] = []
    roots = [argv[i + 1] for i in m.valued if argv[i] in ("-r", "--requirement", "-c", "--constraint")]
    roots += [argv[i].split("=", 1)[1] for i in m.options if argv[i].startswith(("--requirement=", "--constraint="))]
    for value in roots:
        image = s.absolute(c, value)
        found = context_file(s, image, c.ins) if image else None
        if image is None or found is None:
            return f"{value} is not readable in the build context"
        problem = _walk(s, found, image, files, 0)
        if problem:
            return problem
    names = " ".join(dict.fromkeys(posixpath.basename(f) for f, _ in files))
    return manifests.Needs(files, names, writes=[venv])


def _walk(s: Subject, local: Path, image: str, files: list[tuple[str, str]], depth: int) -> str | None:
    rel = manifests.context_rel(s, local)
    if rel is None or depth > 4:
        return f"{posixpath.basename(image)} is outside the build context"
    if (rel, posixpath.dirname(image)) in files:
        return None
    files.append((rel, posixpath.dirname(image)))
    try:
        lines = local.read_text(errors="replace").splitlines()
    except OSError:
        return f"{rel} is not readable"
    for k, line in enumerate(lines, 1):
        line = line.split(" #", 1)[0].strip()
        nested = re.match(r"^(-r|--requirement|-c|--constraint)[\s=]+(\S+)", line)
        if nested:
            problem = _walk(s, local.parent / nested.group(2), posixpath.join(posixpath.dirname(image),
                                                                                 nested.group(2)), files, depth + 1)
            if problem:
                return problem
        elif re.match(r"^(-e|--editable)\b", line):
            return f"{rel} line {k} is an editable install of the sources"
        elif (m := re.match(r"^(-f|--find-links)[\s=]+(\S+)", line)) and "://" not in m.group(2):
            return f"{rel} line {k} finds packages in {m.group(2)}, a folder of the sources"
        elif line and not line.startswith("-") and _local(line):
            return f"{rel} line {k} installs the local path {line[:40]}"
    return None


def _pass():
    from transforms.multi_stage import PASS

    return PASS
