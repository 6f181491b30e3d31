"""Rust: Cargo."""

from __future__ import annotations

from refactor.commands import pattern
from refactor.knowledge.ecosystems import BuildCommand, Ecosystem, RuntimeBase

# doc.rust-lang.org/cargo/commands/cargo-build.html: options that take a value.
CARGO_VALUE_OPTIONS = frozenset({"--bin", "-p", "--package", "--target", "--features", "-F", "-j", "--jobs",
                                 "--manifest-path", "--target-dir", "--profile", "--example"})
CARGO_FETCH = pattern("cargo", ("fetch",), value_options=CARGO_VALUE_OPTIONS,
                      examples=("cargo fetch", "cargo fetch --locked"), counterexamples=("cargo build",))
CARGO_BUILD = pattern("cargo", ("build", "b", "install"), value_options=CARGO_VALUE_OPTIONS,
                      examples=("cargo build --release", "cargo build --release --bin server --locked",
                                "cargo install --path ."),
                      counterexamples=("cargo test", "cargo fetch"))

# The rust image is Debian (docker-library/rust: ``rust:<v>-bookworm``); its binaries need that libc.
RUST_RUNTIME = RuntimeBase(r"rust:(?P<version>[\w.]+?)(?:-(?:slim-)?(?P<os>bookworm|bullseye))?",
                           "debian:{os}-slim", defaults=(("os", "bookworm"),),
                           examples=(("rust:1.79", "debian:bookworm-slim"),
                                     ("rust:1.75-bullseye", "debian:bullseye-slim")))

CARGO = Ecosystem(
    "cargo", "rust",
    manifests=("Cargo.toml",), lockfiles=("Cargo.lock",),
    install=(CARGO_FETCH,),
    # The rust image sets CARGO_HOME=/usr/local/cargo: registry downloads under it; build output in target/.
    cache_dirs=("/usr/local/cargo/registry", "/usr/local/cargo/git"),
    # doc.rust-lang.org/cargo/guide/build-cache.html: ``target/release/<bin>`` for --release builds,
    # ``target/debug/<bin>`` otherwise; ``cargo install`` writes to $CARGO_HOME/bin.
    builds=(BuildCommand(CARGO_BUILD, ("target/release/", "target/debug/", "/usr/local/cargo/bin/"),
                         output_option="--target-dir", examples=("cargo build --release --target-dir /out",)),),
    production_install=None,  # the binary holds its dependencies
    runtime_bases=(RUST_RUNTIME,),
)

ECOSYSTEMS = (CARGO,)
