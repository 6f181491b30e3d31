"""The benefit gate: the files a split would not help or the pass cannot see through, each with the reason.

Every rule is ``(predicate, message)``: the predicate answers ``(instruction, detail)`` when the rule applies
(the finding is reported at that instruction, ``{detail}`` filled into the message), else None. One golden case
per rule in ``golden/multi-stage/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from refactor.document import Document, Instruction
from refactor.edits import Finding, Level
from refactor.images import is_windows_image
from refactor.knowledge.packages import compiles
from transforms.stage_split import PASS_ID
from transforms.stage_split.subject import Command, Subject

Hit = tuple[Instruction, str] | None
Rule = tuple[Callable[[Subject], Hit], str]

# Commands the builder may run besides the ecosystem's own: package installs and cleanups, and file operations
# inside the build (their results reach the runtime only through what it copies).
# apt-mark: the apt-mark showmanual/auto/manual idiom that purges build-only packages (official images,
# the apt-purge-build-deps pass) is part of the package install.
PACKAGE_TOOLS = frozenset({"apk", "apt-get", "apt", "apt-mark"})
FILE_TOOLS = frozenset({"rm", "mkdir", "cd", "cp", "mv", "set", "true", "echo", "export", ":", "chmod", "test", "[",
                        "ls", "pwd", "which"})
# What a RUN after the build may do in the runtime stage: it runs there, with the runtime's shell and packages.
TAIL_TOOLS = FILE_TOOLS | PACKAGE_TOOLS | frozenset({"chown", "ln", "touch", "addgroup", "adduser", "groupadd",
                                                      "useradd"})
SCRIPT_TOOLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "make", "gmake", "cmake", "source", "."})
# A start command that builds or installs when the container starts needs the toolchain at run time.
BUILDS_AT_START: tuple[tuple[str, ...], ...] = (
    ("go", "run"), ("go", "build"), ("cargo", "run"), ("npm", "run", "build"), ("npm", "install"), ("npm", "ci"),
    ("yarn", "build"), ("yarn", "install"), ("pnpm", "install"), ("pnpm", "build"), ("tsc",), ("nest", "start"),
    ("ng", "serve"), ("vite",), ("pip", "install"), ("pip3", "install"), ("mvn",), ("gradle",), ("./gradlew",),
    ("composer", "install"), ("ts-node",), ("nodemon",),
)


def program(c: Command) -> str:
    """The program a command runs, as the file writes it: what a skip reason quotes. Not the command's words:
    other passes edit those (``curl -f``, ``--no-cache-dir``, https URLs) in the same applier round, and the
    applier reports a first-round finding only when the same message still holds after their fixes."""
    return c.argv[0]


def _find(doc: Document, names: Sequence[str]) -> Instruction | None:
    return next((i for i in doc.instructions if i.name in names), None)


# -- before any ecosystem is looked for ------------------------------------------------------------------------

def _multi_stage(s: Subject) -> Hit:
    if len(s.doc.stages) > 1:
        return s.doc.stages[-1].from_, str(len(s.doc.stages))
    return None


def _windows(s: Subject) -> Hit:
    return (s.stage.from_, s.stage.base_image) if is_windows_image(s.stage.base_image) else None


def _shell_or_onbuild(s: Subject) -> Hit:
    ins = _find(s.doc, ("SHELL", "ONBUILD"))
    return (ins, f"{ins.name} at line {ins.lineno}") if ins else None


def _variable_base(s: Subject) -> Hit:
    return (s.stage.from_, s.stage.image) if "$" in s.stage.image else None


PRE_RULES: tuple[Rule, ...] = (
    (_multi_stage, "already multi-stage: {detail} stages, nothing to split"),
    (_windows, "Windows image: {detail}; the split is written for Linux images only"),
    (_variable_base, "base image from a build argument: {detail}; the runtime base cannot be chosen"),
    (_shell_or_onbuild, "SHELL or ONBUILD: {detail}; a changed shell or a base meant to be extended is split by hand"),
)


def nothing_built(s: Subject) -> Finding:
    """No planner found a build: an unknown ecosystem when something compiles, else nothing built."""
    for c in s.commands:
        eco = _installer(c.argv)
        if eco is not None:
            return finding(c.ins, f"nothing built: line {c.ins.lineno} only installs {eco} dependencies, "
                           "no build step to leave behind")
    for c in s.commands:
        if _compiles(tuple(c.cmd.argv)):
            return finding(c.ins, f"unknown ecosystem: RUN at line {c.ins.lineno} builds with {c.tool}; the pass "
                           "knows no layout or artifact for it")
    return finding(s.stage.from_, "nothing built: no build step (go build, pip install, npm run build …) to "
                   "leave behind in a builder stage")


# Both depend on the command's words alone; each applier round, and many files, ask them of the same commands.
@lru_cache(maxsize=1024)
def _installer(argv: tuple[str, ...]) -> str | None:
    """The name of the first ecosystem whose dependencies ``argv`` installs, or None."""
    from refactor.knowledge.ecosystems import all_ecosystems

    return next((e.name for e in all_ecosystems() if e.installs(list(argv))), None)


@lru_cache(maxsize=1024)
def _compiles(argv: tuple[str, ...]) -> bool:
    return compiles(list(argv))


# -- once the build commands are known -------------------------------------------------------------------------

def _builds_at_start(s: Subject) -> Hit:
    words = [w.rsplit("/", 1)[-1] if not w.startswith("./") else w for w in s.start_words]
    for k in range(len(words)):
        for p in BUILDS_AT_START:
            if tuple(words[k:k + len(p)]) == p:
                where = next(i for i in reversed(s.stage.body()) if i.name in ("CMD", "ENTRYPOINT"))
                return where, " ".join(p)
    return None


def _user_in_build(s: Subject) -> Hit:
    ins = next((i for i in s.builder_part if i.name == "USER"), None)
    return (ins, f"USER {ins.args.strip()} at line {ins.lineno}") if ins else None


def _named_user(s: Subject) -> Hit:
    for ins in s.tail:
        if ins.name != "USER" or not ins.words:
            continue
        name = ins.words[0].value.split(":", 1)[0]
        if not re.fullmatch(r"\d+|root", name):
            return ins, name
    return None


def _script(s: Subject) -> Hit:
    for ins in s.unparsed_runs:
        if ins.index <= s.build_end.index:
            return ins, f"line {ins.lineno}: a RUN the shell parser cannot read"
    for c in s.commands_of(s.builder_part):
        if c.tool in SCRIPT_TOOLS or c.argv[0].startswith("./") or c.argv[0].endswith(".sh"):
            return c.ins, f"line {c.ins.lineno} runs {program(c)}"
    return None


def _arg_paths(s: Subject) -> Hit:
    args = {w.value.split("=", 1)[0] for i in s.stage.body() if i.name == "ARG" for w in i.words}
    for c in s.build:
        for word in c.argv:
            for name in re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", word):
                if name in args or name not in s.model.env_at(c.ins):
                    return c.ins, f"${name} at line {c.ins.lineno}"
    for ins in s.builder_part:
        if ins.name == "WORKDIR" and s.model.workdir_at(s.stage.body()[-1]) is None:
            return ins, f"WORKDIR {ins.args.strip()} at line {ins.lineno}"
    return None


def system_change(s: Subject, allowed: frozenset[str]) -> Hit:
    """A builder command outside the ecosystem's tools, package installs and file operations."""
    for c in s.commands_of(s.builder_part):
        if c.tool not in allowed and c.tool not in PACKAGE_TOOLS and c.tool not in FILE_TOOLS:
            return c.ins, f"line {c.ins.lineno} runs {program(c)}"
    return None


def _tail_run(s: Subject) -> Hit:
    for ins in s.tail:
        if ins.name == "RUN" and ins in s.unparsed_runs:
            return ins, f"line {ins.lineno}: a RUN the shell parser cannot read"
    for c in s.commands_of(s.tail):
        if c.tool not in TAIL_TOOLS:
            return c.ins, f"line {c.ins.lineno} runs {program(c)}"
    return None


def _custom_repository(s: Subject) -> Hit:
    for c in s.commands_of(s.builder_part):
        if c.tool == "apk" and any(a.split("=", 1)[0] in ("-X", "--repository", "--repositories-file") for a in c.argv):
            return c.ins, f"line {c.ins.lineno}"
    return None


COMMON_RULES: tuple[Rule, ...] = (
    (_builds_at_start, "start command builds: {detail} runs when the container starts, so the toolchain must stay"),
    (_user_in_build, "USER before the build: {detail} runs the build as another user; split by hand"),
    (_named_user, "named user: USER {detail} is a user the build stage creates; the runtime stage would not have it"),
    (_script, "build too dynamic to see through: {detail}; what it builds and installs is unknown"),
    (_arg_paths, "build too dynamic to see through: a path from a build argument or unknown variable, {detail}"),
    (_custom_repository, "packages from another repository: {detail} installs with --repository, which the "
                         "runtime stage's install would need too; split by hand"),
    (_tail_run, "runtime RUN needs the build: after the build, {detail}, which may need the build tools; "
                "split by hand"),
)


def finding(ins: Instruction, message: str) -> Finding:
    """The pass's info finding at ``ins``: why the stage is left as it is."""
    return Finding(PASS_ID, message, ins.start, Level.INFO)


def check(s: Subject, rules: Sequence[Rule]) -> Finding | None:
    """The first rule that applies, as an info finding."""
    for predicate, message in rules:
        hit = predicate(s)
        if hit is not None:
            ins, detail = hit
            return finding(ins, message.format(detail=detail))
    return None


def uses(commands: list[Command], tool: str) -> bool:
    return any(c.tool == tool for c in commands)
