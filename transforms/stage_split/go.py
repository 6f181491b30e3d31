"""Go: the binary ``go build`` writes (``-o``, else the module's name from go.mod) is copied into distroless static
when ``CGO_ENABLED=0`` is written down, else into the builder's own Debian release or Alpine, slim."""

from __future__ import annotations

import posixpath
import re

from refactor.edits import Finding
from refactor.knowledge.ecosystems.go import GO, GO_BUILD
from refactor.knowledge.ecosystems.go import SPLIT_ASSET_DIRS as ASSET_DIRS
from refactor.knowledge.ecosystems.go import SPLIT_BUILD_ONLY_ENV as BUILD_ONLY_ENV
from refactor.knowledge.ecosystems.go import SPLIT_TOOLCHAIN as TOOLCHAIN
from refactor.knowledge.ecosystems.go import SPLIT_TOOLS as TOOLS
from refactor.knowledge.runtime_bases import RuntimeChoice, go_runtime
from transforms.stage_split.common import (
    context_file,
    context_folder,
    moved_to,
    probe_tools,
    runtime_packages,
    start_paths,
)
from transforms.stage_split.gate import finding, system_change
from transforms.stage_split.layout import Plan
from transforms.stage_split.subject import Command, Subject


def detect(s: Subject) -> list[Command]:
    return [c for c in s.commands if c.runs(GO_BUILD)]


def _static(s: Subject, c: Command) -> bool:
    if c.assignments.get("CGO_ENABLED") == "0":
        return True
    before = [x for x in c.script.commands if x.lend <= c.cmd.lstart]
    if any(x.name == "export" and "CGO_ENABLED=0" in x.argv for x in before):
        return True
    return s.model.env_at(c.ins).get("CGO_ENABLED") == "0"


def _module_name(s: Subject, c: Command, cwd: str) -> str | None:
    """The last element of go.mod's module path (``github.com/a/b/v2`` → ``b``), from the build context."""
    path = context_file(s, posixpath.join(cwd, "go.mod"), c.ins)
    if path is None:
        return None
    try:
        m = re.search(r"^module\s+(\S+)", path.read_text(errors="replace"), re.M)
    except OSError:
        return None
    if not m:
        return None
    parts = m.group(1).strip('"').split("/")
    if len(parts) > 1 and re.fullmatch(r"v\d+", parts[-1]):
        parts = parts[:-1]
    return parts[-1]


def _output(s: Subject, c: Command) -> tuple[str | None, str]:
    """Where the binary lands, and how that was found."""
    build = GO.builds[0]
    named = build.output_of(list(c.argv))
    if named is not None:
        out = s.absolute(c, named)
        return out, f"`-o {named}` of go build at line {c.ins.lineno}"
    m = GO_BUILD.match(list(c.argv))
    packages = [c.argv[i] for i in m.args] if m else []
    cwd = s.cwd_of(c)
    if cwd is None or len(packages) > 1:
        return None, ""
    pkg = packages[0] if packages else "."
    if pkg.startswith("./") and pkg not in ("./", "./..."):
        name = posixpath.basename(pkg.rstrip("/"))
        how = f"the package folder {pkg}"
    elif pkg in (".", "./"):
        name = _module_name(s, c, cwd)
        how = "the module path in go.mod"
    else:
        return None, ""
    if name is None:
        return None, ""
    folder = "/go/bin" if m and m.subcommand == "install" else cwd
    verb = m.subcommand if m else "build"
    return posixpath.join(folder, name), f"go {verb} at line {c.ins.lineno} names it after {how}"


def plan(s: Subject) -> Plan | Finding:
    changed = system_change(s, TOOLS)
    if changed:
        return finding(changed[0], f"build changes the image: RUN at {changed[1]}; cannot tell whether the "
                       "runtime stage needs what it changes")
    builds = [c for c in s.build if GO_BUILD.match(list(c.argv)) and GO_BUILD.match(list(c.argv)).subcommand
              in ("build", "install")]
    outputs: list[tuple[str, str]] = []
    for c in builds:
        out, how = _output(s, c)
        if out is None:
            return finding(c.ins, f"artifact unknown: go at line {c.ins.lineno} gives no -o and its binary's name "
                           "cannot be read (go.mod not in the build context)")
        outputs.append((moved_to(s, out), how))
    wanted = start_paths(s)
    program = next(iter(s.model.start_programs), None)
    binaries = {o for o, _ in outputs}
    names = {posixpath.basename(o) for o in binaries}
    if not (binaries & set(wanted)) and program not in names:
        return finding(s.build_end, f"artifact unknown: the start command runs {program or 'nothing'}, not the "
                       f"binary the build writes ({', '.join(sorted(binaries))})")
    on_path = program in names and not binaries & set(wanted)  # the start command finds the binary on PATH
    if on_path:  # it must be on the runtime's PATH too
        path = next(o for o in binaries if posixpath.basename(o) == program)
        if posixpath.dirname(path) not in ("/usr/local/bin", "/usr/bin", "/bin", "/go/bin"):
            return finding(s.build_end, f"artifact unknown: the start command runs {program} from PATH")
    static = all(_static(s, c) for c in builds)
    shell = any(i.name == "RUN" for i in s.tail) or any(
        i.name in ("CMD", "ENTRYPOINT") and not i.is_json for i in s.stage.body()) or any(
        w.endswith(".sh") for w in wanted)
    packages = runtime_packages(s, TOOLCHAIN)
    probes = probe_tools(s)
    choice = s.ctx.option(_pass(), "go-runtime")
    base = s.stage.base_image
    if posixpath.basename(base.split(":", 1)[0].split("@", 1)[0]) == "golang":
        runtime = go_runtime(base, static and not (shell or packages or probes), choice)
    elif "go" in s.model.installed_packages or "golang" in s.model.installed_packages:
        runtime = RuntimeChoice(base, f"{base} itself, without the go toolchain the build installs", True)
    else:
        return finding(s.stage.from_, f"no toolchain or full base to drop: {base} is not golang and installs no "
                       "go package")
    if runtime is None:
        return finding(s.stage.from_, f"no runtime base known: {base} with multi-stage.go-runtime={choice}")
    distro = runtime.image.startswith("gcr.io/distroless") or runtime.image == "scratch"
    if distro and (shell or packages or probes):
        needs = ", ".join(packages + probes) or "a shell"
        return finding(s.stage.from_, f"runtime base lacks a shell: {runtime.image} has no shell or package "
                       f"manager, which the image needs ({needs}); set multi-stage.go-runtime=debian")
    if runtime.image.startswith("debian:"):
        packages = ["ca-certificates", *packages]  # golang has them; debian slim does not, and HTTPS needs them
    packages += [t for t in probes if t not in packages and not (runtime.image.startswith("alpine") and t == "wget")]
    evidence = [how for _, how in outputs]
    # golang puts /go/bin on PATH; a runtime base does not: a binary the start command finds there goes to
    # /usr/local/bin, which every runtime base has on PATH (docker-library/golang Dockerfile: ENV PATH /go/bin:…)
    copies = [(o, f"/usr/local/bin/{program}" if on_path and posixpath.dirname(o) == "/go/bin"
               and posixpath.basename(o) == program else o) for o, _ in outputs]
    if any(src != dest for src, dest in copies):
        evidence.append(f"{program} is found on golang's PATH in /go/bin; copied to /usr/local/bin, on the runtime's "
                        "PATH")
    if runtime.image == "scratch":
        copies.append(("/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs/ca-certificates.crt"))
    for path in wanted:  # a config file or script the start command names, copied in by the build
        if path not in binaries and any(inside(path, d) for d in _copied_into(s)):
            copies.append((path, path))
    assets = _assets(s)
    copies += [(a, a) for a in assets if (a, a) not in copies]
    evidence.append("CGO_ENABLED=0 written down: a static binary" if static else "cgo left on (the default)")
    if assets:
        evidence.append(f"the build context's {', '.join(posixpath.basename(a) + '/' for a in assets)} copied along "
                        "(files a Go program reads at run time)")
    return Plan(s, "go", runtime, copies, evidence, packages=packages, build_only_env=BUILD_ONLY_ENV)


def inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _copied_into(s: Subject) -> list[str]:
    out = []
    for ins in s.builder_part:
        if ins.name in ("COPY", "ADD") and ins.flag("from") is None and ins.words:
            dest = ins.words[-1].value
            cwd = s.model.workdir_at(ins) or "/"
            if "$" not in dest:
                out.append(posixpath.normpath(posixpath.join(cwd, dest)))
    return out


def _assets(s: Subject) -> list[str]:
    cwd = s.model.workdir_at(s.build_end)
    if not cwd or cwd == "/":
        return []
    folder = context_folder(s, cwd, s.build_end)
    if folder is None:
        return []
    return [posixpath.join(cwd, d) for d in ASSET_DIRS if (folder / d).is_dir()]


def _pass():
    from transforms.multi_stage import PASS

    return PASS
