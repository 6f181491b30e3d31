"""Node (npm, Yarn 1): after the build, the builder prunes ``node_modules`` to the production dependencies; the
runtime stage, the same Node version on a slim tag (alpine stays alpine), gets the build output with
``package.json`` and the pruned ``node_modules`` when the start command runs a file of the build output
(``node dist/main.js``, package.json ``main``/``scripts.start``, tsconfig ``outDir``, nest-cli.json), else the
whole pruned application folder. RUNs that install what the program runs (ffmpeg, yt-dlp) are repeated there."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from refactor.edits import Finding
from refactor.knowledge.ecosystems.node import (
    NPM,
    NPM_BUILD,
    NPM_INSTALL,
    PNPM,
    PNPM_BUILD,
    PNPM_INSTALL,
    YARN,
    YARN_BUILD,
    YARN_INSTALL,
)
from refactor.knowledge.ecosystems.node import SPLIT_BUILD_ONLY_ENV as BUILD_ONLY_ENV
from refactor.knowledge.ecosystems.node import SPLIT_INSTALL_CONFIG as INSTALL_CONFIG
from refactor.knowledge.ecosystems.node import SPLIT_INSTALL_SCRIPTS as INSTALL_SCRIPTS
from refactor.knowledge.ecosystems.node import SPLIT_LOCAL_SPECS as LOCAL_SPECS
from refactor.knowledge.ecosystems.node import SPLIT_NODE_GYP as NODE_GYP
from refactor.knowledge.ecosystems.node import SPLIT_NPX_BUILDS as NPX_BUILDS
from refactor.knowledge.ecosystems.node import SPLIT_TOOLCHAIN as TOOLCHAIN
from refactor.knowledge.ecosystems.node import SPLIT_TOOLS as TOOLS
from refactor.knowledge.packages import is_build_only
from refactor.knowledge.runtime_bases import interpreter_runtime
from refactor.project import Project
from transforms.stage_split import manifests, static_site
from transforms.stage_split.common import context_file, runtime_packages
from transforms.stage_split.dockerignore import ignored
from transforms.stage_split.gate import FILE_TOOLS, PACKAGE_TOOLS, finding, system_change
from transforms.stage_split.layout import Plan
from transforms.stage_split.subject import Command, Subject

OUTPUT_DIRS = ("dist", "build", ".next", "out", "lib")


def _is_build(c: Command) -> bool:
    if c.runs(NPM_BUILD) or c.runs(YARN_BUILD) or c.runs(PNPM_BUILD):
        return True
    rest = tuple(c.argv[1:]) if c.tool == "npx" else ()
    return any(rest[:len(p)] == p for p in NPX_BUILDS)


def detect(s: Subject) -> list[Command]:
    return [c for c in s.commands if _is_build(c)]


def _json(s: Subject, path: str | None, before) -> dict | None:
    local = context_file(s, path, before) if path else None
    if local is None:
        return None
    try:
        data = json.loads(re.sub(r"^\s*//.*$", "", local.read_text(errors="replace"), flags=re.M))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _start_file(s: Subject, workdir: str) -> tuple[str | None, str]:
    """The file ``node`` starts, relative to the WORKDIR, and how it was found."""
    argv = [w for a in s.start_argvs for w in a]
    how = "CMD/ENTRYPOINT"
    if argv[:1] in (["npm"], ["yarn"]) and len(argv) >= 2:
        script = "start" if argv[1] == "start" else (argv[2] if argv[1] == "run" and len(argv) > 2 else None)
        pkg = _json(s, posixpath.join(workdir, "package.json"), s.build_end)
        if script is None or pkg is None:
            return None, ""
        line = (pkg.get("scripts") or {}).get(script)
        if not isinstance(line, str) and script == "start" and isinstance(pkg.get("main"), str):
            line = f"node {pkg['main']}"
        if not isinstance(line, str):
            return None, ""
        argv, how = line.split(), f"package.json scripts.{script}"
    if argv[:1] != ["node"] or len(argv) < 2:
        return None, ""
    target = next((a for a in argv[1:] if not a.startswith("-")), None)
    return (posixpath.normpath(target) if target else None), how


def _output_dirs(s: Subject, workdir: str) -> dict[str, str]:
    """Folders the build writes, with how they were found: tsconfig ``outDir``, nest-cli.json ``sourceRoot``
    output (``dist``), else the usual names."""
    found: dict[str, str] = {}
    tsconfig = _json(s, posixpath.join(workdir, "tsconfig.json"), s.build_end)
    out = ((tsconfig or {}).get("compilerOptions") or {}).get("outDir")
    if isinstance(out, str):
        found[posixpath.normpath(out).split("/")[0]] = "tsconfig.json outDir"
    if _json(s, posixpath.join(workdir, "nest-cli.json"), s.build_end) is not None:
        found.setdefault("dist", "nest-cli.json (nest build writes dist/)")
    for d in OUTPUT_DIRS:
        found.setdefault(d, "the build output folder")
    return found


def plan(s: Subject) -> Plan | Finding:
    if static_site.serves_with_nginx(s):
        return static_site.plan(s)
    changed = system_change(s, TOOLS)
    if changed:
        return finding(changed[0], f"build changes the image: RUN at {changed[1]}; cannot tell whether the "
                       "runtime stage needs what it changes")
    yarn = any(YARN_INSTALL.matches(list(c.argv)) or YARN_BUILD.matches(list(c.argv)) for c in s.commands)
    pnpm = any(PNPM_INSTALL.matches(list(c.argv)) for c in s.commands_of(s.builder_part) if "-g" not in c.argv)
    eco, install = (PNPM, PNPM_INSTALL) if pnpm else (YARN, YARN_INSTALL) if yarn else (NPM, NPM_INSTALL)
    installs = [c for c in s.commands_of(s.builder_part)
                if install.matches(list(c.argv)) and "-g" not in c.argv
                and "--global" not in c.argv and not (yarn and "global" in c.argv)]
    if not installs:
        return finding(s.build_end, "artifact unknown: no dependency install before the build, so no "
                       "node_modules to prune")
    globals_ = [c for c in s.commands_of(s.builder_part) if c.tool in ("npm", "yarn") and
                ("-g" in c.argv or "--global" in c.argv or "global" in c.argv)]
    program = next(iter(s.model.start_programs), "")
    global_runs = []
    for c in globals_:
        names = [a.rsplit("/", 1)[-1].split("@")[0] for a in c.argv[2:] if not a.startswith("-")]
        used = next((n for n in names if n and program.startswith(n)), None)
        if used:
            if any(x.tool not in ("npm", "yarn") for x in s.commands_of([c.ins])):
                # The package's name, not the command's words, which other passes edit in the same round.
                return finding(c.ins, f"global install used at run time: line {c.ins.lineno} installs {used} "
                               "with other commands in one RUN; split by hand")
            global_runs.append(c.ins)
    if program not in ("node", "npm", "yarn", "npx") and not global_runs and not program.startswith("."):
        return finding(s.stage.from_, f"artifact unknown: the start command runs {program}, which the runtime "
                       "stage may not have")
    runtime = interpreter_runtime(s.stage.base_image, "node")
    if runtime is None:
        return finding(s.stage.from_, f"no runtime base known: {s.stage.base_image} is not an official node "
                       "image")
    workdir = s.model.workdir_at(s.tail[0] if s.tail else None)
    if not workdir or workdir == "/":
        return finding(s.stage.from_, "artifact unknown: no WORKDIR, so the application folder cannot be "
                       "told from the system")
    # RUNs that only install system packages or tools: the program may run them (ffmpeg, yt-dlp).
    setup = [i for i in s.builder_part if i.name == "RUN" and
             all(c.tool in PACKAGE_TOOLS | FILE_TOOLS | {"pip"} for c in s.commands_of([i]))
             and s.commands_of([i])]
    packages: list[str] = []
    if any(is_build_only(p, s.family) for p in s.model.installed_packages):
        if any(c.tool == "pip" for c in s.commands_of(setup)):
            return finding(setup[0], "setup mixes build and runtime: a RUN installs build packages and the "
                           "tools the program runs; split by hand")
        compiler = any(p in ("g++", "build-essential", "build-base", "make") for p in s.model.installed_packages)
        packages, setup = runtime_packages(s, TOOLCHAIN | (NODE_GYP if compiler else frozenset())), []
    setup += [i for i in global_runs if i not in setup]
    setup.sort(key=lambda i: i.index)
    dirs: list[str] = []
    for c in installs:
        moved = next((a for a in c.argv if a.split("=", 1)[0] in _ELSEWHERE), None)
        if moved is not None:  # node_modules is not where the runtime stage would copy it from
            return finding(c.ins, f"artifact unknown: line {c.ins.lineno} installs into another folder "
                           f"({moved.split('=', 1)[0]})")
        cwd = s.cwd_of(c)
        if cwd is None:
            return finding(c.ins, f"build too dynamic to see through: the folder of line {c.ins.lineno} is "
                           "unknown")
        rel = posixpath.relpath(cwd, workdir)
        if rel.startswith(".."):
            return finding(c.ins, f"artifact unknown: line {c.ins.lineno} installs outside the WORKDIR")
        dirs.append(rel)
    dirs = list(dict.fromkeys(dirs))
    prune = eco.prune or ""
    option = "--dir" if pnpm else "--cwd" if yarn else "--prefix"
    prunes = [prune if d == "." else f"{prune} {option} {d}" for d in dirs]
    kw = s.doc.keyword
    from refactor.rewrite import command_list

    pruned = any(c.tool in ("npm", "pnpm") and "prune" in c.argv for c in s.commands_of(s.builder_part)
                 if c.ins.index >= s.build[-1].ins.index)
    builder_tail = [] if pruned else [f"{kw('RUN')} {command_list(s.doc, prunes[0], prunes[1:])}"]
    start, how = _start_file(s, workdir)
    outputs = _output_dirs(s, workdir)
    evidence = [f"{s.build[-1].text} at line {s.build[-1].ins.lineno}",
                f"node_modules pruned to the production dependencies ({'by the build' if pruned else prune})"]
    top = start.split("/")[0] if start and "/" in start and not start.startswith("..") else None
    same_dir = s.model.workdir_at(None) == workdir  # the start file is read against the final WORKDIR
    # A workspace (pnpm's, or package.json ``workspaces``) links its packages' folders into node_modules.
    workspace = pnpm or bool((_json(s, posixpath.join(workdir, "package.json"), s.build_end) or {}).get("workspaces"))
    if top in outputs and "." in dirs and same_dir and not workspace:
        copies = [(posixpath.join(workdir, n), posixpath.join(workdir, n)) for n in ("package.json", "node_modules")]
        copies.append((posixpath.join(workdir, top), posixpath.join(workdir, top)))
        evidence.append(f"the start file {start} (from {how}) is in {top}/ ({outputs[top]}): only it, package.json "
                        "and node_modules are copied")
    else:
        copies = [(workdir, workdir)]
        why = "a workspace links its packages' folders into node_modules" if workspace and top in outputs else \
            "not a build output beside package.json and node_modules"
        evidence.append(f"the start command runs {start or 'a script'} ({why}): the whole pruned {workdir} is copied")
    reorder = manifests.first(s, installs, lambda c: _package_json(s, c),
                              lambda c, folder: _install_reads(s, eco, install, c, folder))
    builder_edits = []
    if isinstance(reorder, manifests.Reorder):
        builder_edits = reorder.edits
        evidence.append(reorder.evidence)
    elif reorder is not None:
        evidence.append(reorder)
    if setup:
        evidence.append("RUNs installing what the program runs repeated: line " +
                        ", ".join(str(i.lineno) for i in setup))
    return Plan(s, eco.name, runtime, copies, evidence, packages=packages, build_only_env=BUILD_ONLY_ENV,
                builder_tail=builder_tail, setup=setup, builder_edits=builder_edits)


# install options that put node_modules somewhere else than the command's folder
_ELSEWHERE = ("--prefix", "--dir", "-C", "--cwd", "--modules-folder")


def _package_json(s: Subject, c: Command) -> str | None:
    cwd = s.cwd_of(c)
    return posixpath.join(cwd, "package.json") if cwd else None


def _install_reads(s: Subject, eco, install, c: Command, folder: str) -> manifests.Needs | str:
    """The files the install ``c`` reads (package.json, the lockfile, the project's config), or why it may read
    the sources too."""
    argv = list(c.argv)
    m = install.match(argv)
    names = [argv[i] for i in m.args] if m else []
    if names:
        return f"it installs named packages ({' '.join(names)[:40]}), which rewrites package.json"
    cwd = s.cwd_of(c) or "/"
    local = context_file(s, posixpath.join(cwd, "package.json"), c.ins)
    pkg = _json(s, posixpath.join(cwd, "package.json"), c.ins)
    if local is None or pkg is None:
        return "package.json is not readable in the build context, so its install scripts cannot be checked"
    here = local.parent
    scripts = pkg.get("scripts") if isinstance(pkg.get("scripts"), dict) else {}
    if "--ignore-scripts" not in argv:
        script = next((n for n in INSTALL_SCRIPTS if scripts.get(n)), None)
        if script:
            return f"package.json's {script} script runs on install and may need the sources"
        if (here / "binding.gyp").is_file():
            return "binding.gyp: the install builds the package's native addon from the sources"
    members = _workspace_members(s, eco, pkg, here)
    if isinstance(members, str):
        return members
    for folder, manifest in [(".", pkg), *members]:
        where = "" if folder == "." else f" of {folder}/package.json"
        if folder != "." and "--ignore-scripts" not in argv:
            own = manifest.get("scripts") if isinstance(manifest.get("scripts"), dict) else {}
            script = next((n for n in INSTALL_SCRIPTS if own.get(n)), None)
            if script or (here / folder / "binding.gyp").is_file():
                return f"the workspace package {folder} runs {script or 'node-gyp'} on install with its sources"
        if folder != "." and manifest.get("bin"):
            return f"the workspace package {folder} links its bin files, which come with the sources"
        for section in ("dependencies", "devDependencies", "optionalDependencies"):
            deps = manifest.get(section) if isinstance(manifest.get(section), dict) else {}
            local_dep = next((n for n, spec in deps.items() if isinstance(spec, str) and spec.startswith(LOCAL_SPECS)
                              and not (members and spec.startswith("workspace:"))), None)
            if local_dep:
                return (f"the {section} entry {local_dep}{where} is a local package of the sources "
                        f"({deps[local_dep][:40]})")
    if (here / ".yarnrc.yml").is_file():
        return "Yarn 2+ (.yarnrc.yml) installs with files of .yarn/ (its release, plugins, patches)"
    if isinstance(pkg.get("pnpm"), dict) and pkg["pnpm"].get("patchedDependencies"):
        return "pnpm patchedDependencies apply patch files of the sources"
    rel = manifests.context_rel(s, here)
    if rel is None:
        return "package.json is outside the build context"

    def src(name: str) -> str:
        return name if rel == "." else posixpath.join(rel, name)

    def present(name: str) -> bool:
        return (here / name).is_file() and not ignored(s.context_dir, s.ctx.path, src(name))

    if eco is NPM and not (here / "npm-shrinkwrap.json").is_file():
        files = [src("package*.json")]
    else:
        files = [src(n) for n in ("package.json", *(n for n in eco.lockfiles if present(n)))]
    files += [src(n) for n in INSTALL_CONFIG[eco.name] if present(n) and src(n) not in files]
    shown = " ".join(files)
    needs = [(f, cwd) for f in files]
    for folder, _ in members:  # each workspace package's manifest in its own folder (seed 002's layout)
        needs.append((src(posixpath.join(folder, "package.json")), posixpath.join(cwd, folder)))
    if members:
        shown += f" and the package.json of {len(members)} workspace package{'s' if len(members) > 1 else ''}"
    return manifests.Needs(needs, shown, writes=[posixpath.join(cwd, "node_modules"),
                                                 *(posixpath.join(cwd, f, "node_modules") for f, _ in members)])


def _workspace_members(s: Subject, eco, pkg: dict, here: Path) -> list[tuple[str, dict]] | str:
    """``(folder, package.json)`` of each workspace package below ``here`` (package.json ``workspaces``, or
    pnpm-workspace.yaml's ``packages``), [] for a single package, or why they cannot all be listed."""
    if eco is PNPM:
        workspace = (s.ctx.project or Project()).pnpm_workspace(here)
        folders = [p.dir for p in workspace.packages if p.dir != "."] if workspace else []
    else:
        globs = pkg.get("workspaces")
        if isinstance(globs, dict):
            globs = globs.get("packages")
        if not globs:
            return []
        if not isinstance(globs, list) or not all(isinstance(g, str) and g.strip("/") and not g.startswith("!")
                                                  and ".." not in g for g in globs):
            return "a workspace whose package folders cannot be listed"
        try:
            found = {p.parent for g in globs for p in here.glob(posixpath.join(g.strip("/"), "package.json"))}
        except (ValueError, OSError):
            return "a workspace whose package folders cannot be listed"
        folders = sorted(p.relative_to(here).as_posix() for p in found if p != here)
    out: list[tuple[str, dict]] = []
    for folder in folders:
        try:
            data = json.loads((here / folder / "package.json").read_text(errors="replace"))
        except (OSError, ValueError):
            return f"the workspace package.json of {folder} is not readable"
        if not isinstance(data, dict):
            return f"the workspace package.json of {folder} is not readable"
        out.append((folder, data))
    return out
