"""apt-purge-build-deps: purge Debian build dependencies in the RUN that used them, with the official apt-mark idiom.

What it does
    In a RUN of the final image (Debian/Ubuntu) whose single ``apt-get install`` names build-only packages
    (compilers, ``build-essential``, ``make``, ``pkg-config``, autotools, headers such as ``libc6-dev``,
    ``git`` when the RUN itself clones with it) and whose later commands compile (``gcc``, ``make``,
    ``./configure``, ``pip install``, ``npm install``, ``go build``…), the RUN records the manually
    installed packages before its first apt-get command and ends with the idiom of the official images::

        savedAptMark="$(apt-mark showmanual)" && apt-get update && apt-get install … \\
            && <build> \\
            && apt-mark auto '.*' > /dev/null \\
            && apt-mark manual $savedAptMark <packages of this install that are not build-only> \\
            && apt-get purge -y --auto-remove

    Everything the RUN installed that no kept package needs is purged; the packages the image had before
    and the non-build-only packages named by the install stay, with all they depend on or recommend.

Why
    Compilers and headers are a hundred megabytes and more that the running container never uses.
    Purging them in the same RUN keeps them out of every layer; the apt-mark idiom removes exactly what
    the RUN added (never a package an earlier layer installed) together with the dependencies it pulled.

Example
    Before::

        RUN apt-get update && apt-get install -y gcc libc6-dev \\
            && gcc -O2 -o /usr/local/bin/hello /src/hello.c \\
            && rm -rf /var/lib/apt/lists/*

    After::

        RUN savedAptMark="$(apt-mark showmanual)" && apt-get update && apt-get install -y gcc libc6-dev \\
            && gcc -O2 -o /usr/local/bin/hello /src/hello.c \\
            && rm -rf /var/lib/apt/lists/* \\
            && apt-mark auto '.*' > /dev/null && apt-mark manual $savedAptMark && apt-get purge -y --auto-remove

Fix safety
    safe. Only stages that end up in the final image are changed, and only packages whose runtime part
    every Debian base already has: a ``-dev`` package whose library the built program links against
    (``libpq-dev`` → ``libpq5``, and ``libssl-dev``, whose ``libssl3`` slim images lack) stays installed,
    and so does any package given through a variable (``$buildDeps``). The RUN is left alone when it
    already purges or removes packages or uses ``apt-mark``, when a later instruction (or a stage built on
    this one) names a purged package or one of its commands or compiles again (reported), or when the
    build uses OpenMP/Fortran/libatomic (``-fopenmp``, ``gfortran``, ``-latomic``), whose runtime libraries
    come with the compiler.

Skips
    When a kept package Recommends a purged one (``python3-pip`` → ``build-essential``), ``--auto-remove``
    would keep it (APT::AutoRemove::RecommendsImportant). The purge then gets ``-o
    APT::AutoRemove::RecommendsImportant=false``, as docker-library/php, python and ruby do, only where that
    purges nothing else: the install uses ``--no-install-recommends``, no earlier RUN of the stage installs
    with Recommends, and the base is Debian, Ubuntu or a docker-library image built on them. Otherwise the
    RUN is left alone with a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from refactor.commands import joiner
from refactor.document import Document, Instruction
from refactor.edits import Finding, Fix, Safety
from refactor.images import ImageRef
from refactor.knowledge.debian_recommends import RECOMMENDED
from refactor.knowledge.packages import (
    FETCH_ONLY,
    binaries_of,
    compiles,
    is_build_only,
    package_name,
    runtime_for,
)
from refactor.passes import Context, Pass
from refactor.rewrite import append_cleanup, insert_command_inline_before
from refactor.shell import ShellScript, ShellWord, shell_of
from refactor.stages import later_instructions
from transforms._apk import words_used
from transforms._apt import (
    AptCall,
    apt_call,
    debian_stages,
    is_plain_package,
    op_ok,
)
from transforms._packages import first_compiling_run

PASS_ID = "apt-purge-build-deps"
DEBIAN = "debian"
VAR = "savedAptMark"
# -dev packages whose library is missing from slim bases although _packages calls them headers-only.
_LIBRARY_NOT_IN_BASE = frozenset({"libssl-dev"})
# Build flags whose runtime libraries come with gcc itself (libgomp1, libgfortran5, libatomic1…).
_COMPILER_RUNTIME = re.compile(r"-fopenmp|openmp|gfortran|-latomic|-lquadmath|-fsanitize")
# Programs that build-only packages pull in as dependencies (or Recommends), which a later step may call.
_PULLED_IN = {"git": ("perl", "ssh", "scp"), "dpkg-dev": ("perl",), "build-essential": ("perl", "cpp"),
              "autoconf": ("perl", "m4"), "automake": ("perl",), "libtool": ("perl",), "gcc": ("cpp",),
              "g++": ("cpp",)}


# ``apt-get purge --auto-remove`` keeps what a kept package Recommends (APT::AutoRemove::RecommendsImportant is
# true by default); the official images that purge after --no-install-recommends turn that off:
# docker-library/php, python and ruby end their build RUN with
# ``apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false``.
NO_KEEP_RECOMMENDS = "-o APT::AutoRemove::RecommendsImportant=false"
# Bases with no package that only a Recommends keeps: Debian and Ubuntu images are debootstrap --variant=minbase
# root filesystems (debootstrap installs no Recommends), and the docker-library images built on them install
# everything with --no-install-recommends.
_NO_RECOMMENDS_BASES = frozenset({"debian", "ubuntu", "buildpack-deps", "python", "ruby", "php", "golang", "node"})


def _purgeable(name: str, script: ShellScript) -> bool:
    """Build-only with nothing the built program could need at run time."""
    if not is_build_only(name, DEBIAN) or name in _LIBRARY_NOT_IN_BASE:
        return False
    if runtime_for(name, DEBIAN) is not None:
        return False  # its library must stay: keep the -dev package rather than guess the library's name
    if name in FETCH_ONLY:
        return any(c.is_(name) for c in script.commands)  # only a tool this RUN itself calls
    return True



def _untouchable(script: ShellScript) -> bool:
    """The RUN already manages its packages (purge/remove/apt-mark) or uses the variable name."""
    for c in script.commands:
        a = apt_call(c)
        if a is not None and a.verb.value in ("purge", "remove", "autoremove"):
            return True
        if c.is_("apt-mark") or c.is_("dpkg", "--purge") or c.is_("dpkg", "-P") or c.is_("dpkg", "-r"):
            return True
    return VAR in script.text


def _rewrite(ins: Instruction, script: ShellScript) -> Iterator[Fix | Finding]:
    installs = [(k, a) for k, c in enumerate(script.commands)
                if (a := apt_call(c)) is not None and a.verb.value == "install"]
    if len(installs) != 1 or _untouchable(script):
        return
    index, install = installs[0]
    after = script.commands[index + 1:]
    if not after or not any(compiles(c.argv) for c in after):
        yield from _built_later(ins, script, install)
        return
    if not script.is_simple_list or install.tool.raw != install.tool.value:
        return
    purge = [a for a in install.args if is_plain_package(a.value) and _purgeable(package_name(a.value), script)]
    if not purge:
        return
    if any(not is_plain_package(a.value) for a in install.args):
        return  # a variable or a local .deb: we cannot name what to keep
    doc = ins.doc
    if _COMPILER_RUNTIME.search(doc.text):
        yield Finding(PASS_ID, "build deps kept: the build uses OpenMP/Fortran/libatomic, whose runtime "
                      "libraries come with the compiler; purge them by hand and keep those libraries", ins.start)
        return
    later = later_instructions(ins)
    again = first_compiling_run(later)
    if again is not None:
        yield Finding(PASS_ID, f"build deps kept: the RUN at line {again.lineno} compiles too; move that build "
                      "into this RUN to purge them", install.tool.start)
        return
    used = words_used(later)
    for a in purge:
        name = package_name(a.value)
        if set(binaries_of(name, DEBIAN)) & used or set(_PULLED_IN.get(name, ())) & used:
            return
    recommended = _recommended_by_kept(install, purge)
    if recommended:
        why = _keeps_recommends(ins, install)
        if why is not None:
            pairs = ", ".join(f"{k} Recommends {p}" for p, k in recommended.items())
            yield Finding(PASS_ID, f"build deps kept: {pairs}, and apt's autoremove keeps what a kept package "
                          f"recommends; {why}", install.tool.start)
            return
    yield from _fix(ins, script, install, purge, recommended)


def _recommended_by_kept(install: AptCall, purge: list[ShellWord]) -> dict[str, str]:
    """Purged package -> the kept package of this install that Recommends it (debian_recommends.RECOMMENDED)."""
    purged = {package_name(a.value) for a in purge}
    out: dict[str, str] = {}
    for a in install.args:
        name = package_name(a.value)
        if a in purge:
            continue
        for pattern, programs in RECOMMENDED.items():
            if re.fullmatch(pattern, name):
                for package in programs.values():
                    if package in purged:
                        out.setdefault(package, name)
    return out


def _keeps_recommends(ins: Instruction, install: AptCall) -> str | None:
    """Why turning off RecommendsImportant is not safe here (it would also purge what an earlier layer got only
    as a Recommends), or None when the official images' option applies."""
    if "--no-install-recommends" not in install.option_values:
        return "install them with --no-install-recommends to purge them"
    stage = next(s for s in ins.doc.stages if ins in s.instructions)
    root = ImageRef.parse(stage.root_image()).name
    if root not in _NO_RECOMMENDS_BASES:
        return (f"the base {root} may have packages only a Recommends keeps, which "
                f"{NO_KEEP_RECOMMENDS} would purge too; purge by hand")
    for s in stage.lineage():
        for earlier in s.body():
            if earlier.start >= ins.start or earlier.name != "RUN" or (sh := shell_of(earlier)) is None:
                continue
            for c in sh.commands:
                a = apt_call(c)
                if a is not None and a.verb.value == "install" and "--no-install-recommends" not in a.option_values:
                    return (f"the RUN at line {earlier.lineno} installs with Recommends, which {NO_KEEP_RECOMMENDS} "
                            "would purge too; purge by hand")
    return None


def _built_later(ins: Instruction, script: ShellScript, install: AptCall) -> Iterator[Finding]:
    """Toolchain installed here and used by a later RUN: it stays in the image; say so."""
    tools = [a.value for a in install.args if is_plain_package(a.value)
             and package_name(a.value) not in FETCH_ONLY and _purgeable(package_name(a.value), script)]
    builder = first_compiling_run(later_instructions(ins)) if tools else None
    if builder is not None and builder.name == "RUN" and shell_of(builder) is not None:
        yield Finding(PASS_ID, f"build-only packages ({' '.join(tools)}) stay in the image: the RUN at line "
                      f"{builder.lineno} compiles with them; install, build and purge in one RUN (or use a "
                      "builder stage)", install.tool.start)


def _fix(ins: Instruction, script: ShellScript, install: AptCall, purge: list[ShellWord],
         recommended: dict[str, str]) -> Iterator[Fix | Finding]:
    first = next(c for c in script.commands if apt_call(c) is not None)
    if not op_ok(first):
        return
    keep = [package_name(a.value) for a in install.args if a not in purge]
    op = joiner(script)
    sudo = "sudo " if install.cmd.words[0].value == "sudo" else ""
    record = insert_command_inline_before(first, f'{VAR}="$({sudo}apt-mark showmanual)"', op)
    manual = " ".join([f"${VAR}", *keep])
    option = f" {NO_KEEP_RECOMMENDS}" if recommended else ""
    tail = (f"{sudo}apt-mark auto '.*' > /dev/null && {sudo}apt-mark manual {manual} && "
            f"{sudo}apt-get purge -y --auto-remove{option}")
    end = append_cleanup(script, tail)
    if end is None:
        yield Finding(PASS_ID, "cannot append the purge to this RUN safely; add it by hand", install.tool.start)
        return
    names = " ".join(a.value for a in purge)
    also = ""
    if recommended:
        pairs = ", ".join(f"{k} Recommends {p}" for p, k in recommended.items())
        also = f"; {NO_KEEP_RECOMMENDS} as in the official php/python/ruby images, since {pairs}"
    yield Fix(PASS_ID, f"build-only packages ({names}) are purged at the end of the RUN (apt-mark idiom){also}",
              (record, end), Safety.SAFE, offset=install.tool.start)


def _run(doc: Document, ctx: Context) -> Iterator[Fix | Finding]:
    del ctx
    final = doc.final_stage
    scope = {s.index for s in final.lineage()} if final else set()
    for stage in debian_stages(doc):
        if stage.index not in scope:
            continue
        for ins in stage.body():
            script = shell_of(ins) if ins.name == "RUN" else None
            if script is not None:
                yield from _rewrite(ins, script)


PASS = Pass(
    id=PASS_ID,
    summary="Debian build dependencies are purged in the RUN that used them (savedAptMark / apt-mark idiom)",
    safety=Safety.SAFE,
    run=_run,
    doc=__doc__ or "",
    triggers=("apt",),  # it acts on RUNs with an apt-get install only
)

PASSES = (PASS,)
