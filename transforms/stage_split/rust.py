"""Rust: the binary ``cargo build`` writes (``target/release/<name>``, the name from ``--bin`` or Cargo.toml) is
copied into the builder's Debian release, slim, with CA certificates (or Alpine for an alpine builder)."""

from __future__ import annotations

import posixpath

from refactor.edits import Finding
from refactor.knowledge.ecosystems.rust import CARGO_BUILD
from refactor.knowledge.runtime_bases import DEBIAN_LIBSSL, rust_runtime
from transforms.stage_split.common import context_file, moved_to, probe_tools, runtime_packages, start_paths
from transforms.stage_split.gate import finding, system_change
from transforms.stage_split.layout import Plan
from transforms.stage_split.subject import Command, Subject

TOOLS = frozenset({"cargo", "rustup", "rustc", "git"})
TOOLCHAIN = frozenset({"rust", "cargo", "rustc", "git", "gcc", "musl-dev", "build-base", "make", "pkg-config",
                       "pkgconf"})
BUILD_ONLY_ENV = frozenset({"CARGO_HOME", "RUSTUP_HOME", "CARGO_TARGET_DIR", "RUSTFLAGS", "CARGO_INCREMENTAL",
                            "CARGO_NET_GIT_FETCH_WITH_CLI", "CARGO_REGISTRIES_CRATES_IO_PROTOCOL"})


def detect(s: Subject) -> list[Command]:
    return [c for c in s.commands if c.runs(CARGO_BUILD)]


def _crate_name(s: Subject, c: Command, cwd: str) -> str | None:
    """The one binary of Cargo.toml: ``[[bin]] name`` when there is one, else ``[package] name``."""
    local = context_file(s, posixpath.join(cwd, "Cargo.toml"), c.ins)
    if local is None:
        return None
    import tomllib  # here, not at the top: only a Cargo.toml in the context needs it

    try:
        data = tomllib.loads(local.read_text(errors="replace"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    bins = data.get("bin")
    if isinstance(bins, list):
        names = [b.get("name") for b in bins if isinstance(b, dict)]
        return names[0] if len(names) == 1 and isinstance(names[0], str) else None
    name = (data.get("package") or {}).get("name")
    return name if isinstance(name, str) and "workspace" not in data else None


def _output(s: Subject, c: Command) -> tuple[str | None, str]:
    m = CARGO_BUILD.match(list(c.argv))
    cwd = s.cwd_of(c)
    if m is None or cwd is None or m.subcommand == "install":
        return None, ""
    argv = list(c.argv)
    name = m.option_value("--bin")
    how = f"--bin {name}" if name else "the package name in Cargo.toml"
    if name is None:
        name = _crate_name(s, c, cwd)
    if name is None:
        return None, ""
    profile = "release" if "--release" in argv or "-r" in argv else m.option_value("--profile") or "debug"
    target_dir = m.option_value("--target-dir") or "target"
    triple = m.option_value("--target")
    folder = posixpath.join(target_dir, *( [triple] if triple else []), profile)
    out = s.absolute(c, posixpath.join(folder, name))
    return out, f"cargo build at line {c.ins.lineno} writes {posixpath.join(folder, name)} ({how})"


def plan(s: Subject) -> Plan | Finding:
    changed = system_change(s, TOOLS)
    if changed:
        return finding(changed[0], f"build changes the image: RUN at {changed[1]}; cannot tell whether the "
                       "runtime stage needs what it changes")
    outputs = []
    for c in s.build:
        out, how = _output(s, c)
        if out is None:
            return finding(c.ins, f"artifact unknown: cargo at line {c.ins.lineno}: the binary's name cannot be "
                           "read (no --bin, Cargo.toml not in the build context or with several binaries)")
        outputs.append((moved_to(s, out), how))
    binaries = {o for o, _ in outputs}
    program = next(iter(s.model.start_programs), None)
    if not binaries & set(start_paths(s)) and not any(
            posixpath.basename(o) == program and posixpath.dirname(o) in ("/usr/local/bin", "/usr/bin", "/bin")
            for o in binaries):
        return finding(s.build_end, f"artifact unknown: the start command runs {program or 'nothing'}, not the "
                       f"binary the build writes ({', '.join(sorted(binaries))})")
    runtime = rust_runtime(s.stage.base_image)
    if runtime is None:
        return finding(s.stage.from_, f"no runtime base known: {s.stage.base_image} is not an official rust image")
    packages = runtime_packages(s, TOOLCHAIN)
    evidence = [how for _, how in outputs]
    if runtime.image.startswith("debian:"):
        # rust is a full Debian image with OpenSSL: crates that use native TLS (openssl-sys) link libssl.
        libssl = DEBIAN_LIBSSL[runtime.image.split(":")[1].split("-")[0]]
        packages = ["ca-certificates", libssl, *packages]
        evidence.append(f"{libssl} installed: the rust image ships OpenSSL and native-TLS crates link it")
    packages += [t for t in probe_tools(s) if t not in packages and not runtime.image.startswith("alpine")]
    return Plan(s, "rust, cargo", runtime, [(o, o) for o in sorted(binaries)], evidence,
                packages=list(dict.fromkeys(packages)), build_only_env=BUILD_ONLY_ENV)
