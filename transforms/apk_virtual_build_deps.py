"""apk-virtual-build-deps: install Alpine build dependencies as a virtual group and delete it in the same RUN.

What it does
    In a RUN of the final image whose ``apk add`` installs build-only packages and whose later commands
    compile, those packages move to ``apk add --no-cache --virtual .build-deps …`` and the RUN ends with
    ``apk del --no-network .build-deps`` (or the RUN's own ``apk del`` of them becomes the group's).

Skips
    Silently, a RUN that is not one it restructures: no single plain ``apk add`` with packages (all
    ``--virtual``, or several), unknown apk options, an ``apk add`` inside ``if``/``( )`` or after
    ``||``/``|``, ``||``/``|`` right after the ``apk add``, nothing compiled in the RUN, an ``apk del`` of
    packages the RUN did not add or several ``apk del``s, no build-only package, nowhere to append the
    ``apk del``. With a finding: a later RUN of the stage compiles with the packages, comment lines inside
    the package list, a start command that installs or compiles at run time.

Why
    Compilers and headers are tens to hundreds of megabytes that the running container never uses.
    Deleting them in the same RUN keeps them out of every layer; a virtual group deletes exactly what
    was added for the build (never a package an earlier layer installed) and its orphaned dependencies.

Example
    Before::

        RUN apk add --no-cache gcc musl-dev postgresql-dev \\
            && pip install --no-cache-dir -r requirements.txt

    After::

        RUN apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev && apk add --no-cache libpq \\
            && pip install --no-cache-dir -r requirements.txt \\
            && apk del --no-network .build-deps

Fix safety
    Safe. Build-only: toolchains, ``build-base``, ``*-dev`` headers, autotools, ``pkgconf``, ``$PHPIZE_DEPS``,
    ``git`` used only to fetch, ``python3`` for node-gyp in a Node image; compiling: ``pip``/``npm``/``yarn``/
    ``pnpm install``, ``docker-php-ext-install``, ``pecl install``, ``make``, ``go build``, ``cargo build``,
    ``gem install``, ``./configure``…. Runtime packages stay in the plain ``apk add``, joined by the runtime
    library each removed ``-dev`` package leaves behind (``postgresql-dev`` → ``libpq``; not ``python3`` for
    ``python3-dev`` in the python images, whose Python lives in /usr/local), and by ``libstdc++`` when a C++
    compiler (``build-base``, ``g++``, ``$PHPIZE_DEPS``) goes (not in node images, which keep it anyway).
    Only stages that end up in the final image are changed. A package stays installed when a later
    instruction, CMD, ENTRYPOINT or HEALTHCHECK of the stage (or a stage built on it) names it or one of its
    commands (or, for a ``-dev`` package, a command named after its project, such as ``avahi-daemon`` for
    ``avahi-dev``), when a later RUN compiles again, or when it is given through a variable other than
    ``$PHPIZE_DEPS``. No group is added to a RUN that deletes nothing when the start command installs or
    compiles at run time (``pip install`` in CMD, Home Assistant's ``hass``, which pip-installs integration
    requirements at start-up). Unknown ``-dev`` packages, pinned versions (kept as written) and RUNs that
    already use ``--virtual`` for the same packages are left alone. The group name never clashes with another
    ``--virtual`` of the RUN (``.build-deps-2`` then).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, NamedTuple

from refactor.commands import joiner, run_scripts
from refactor.document import Document, Instruction
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.images import ALPINE, runtime_of, stage_family
from refactor.knowledge.packages import FETCH_ONLY, compiles, is_build_only, package_name
from refactor.passes import Context, Pass, package_word
from refactor.rewrite import append_command_to_run
from refactor.shell import ShellCommand, ShellScript, ShellWord
from refactor.stages import final_lineage, later_instructions
from transforms._apk import (
    ApkCall,
    apk_call,
    cache_mounted,
    free_virtual_name,
    has_comment_between,
    words_used,
)
from transforms._packages import first_compiling_run
from transforms.apk_build_deps.edits import convert_in_place, rewrite_del, split
from transforms.apk_build_deps.packages import build_only, runtime_build, runtime_needed

PASS_ID = "apk-virtual-build-deps"


class Subject:
    """One RUN of a final-image Alpine stage and what analysis derives from it, each computed when a rule or
    the plan first asks."""

    def __init__(self, ins: Instruction, script: ShellScript, runtime: str | None):
        self.ins = ins
        self.script = script
        self.runtime = runtime
        self.calls = [(k, a) for k, c in enumerate(script.commands) if (a := apk_call(c, "add")) is not None]
        self.plain = [(k, a) for k, a in self.calls if a.virtual is None and a.packages]

    @property
    def add(self) -> ApkCall:
        return self.plain[0][1]

    @property
    def after(self) -> list[ShellCommand]:
        return self.script.commands[self.plain[0][0] + 1:]

    @cached_property
    def later(self) -> list[Instruction]:
        return later_instructions(self.ins)

    @cached_property
    def used(self) -> set[str]:
        return words_used(self.later)

    @cached_property
    def later_compile(self) -> Instruction | None:
        return first_compiling_run(self.later)

    @cached_property
    def dels(self) -> list[tuple[int, ApkCall]] | None:
        """The RUN's ``apk del``s of packages this add installed (index in ``after``), or None when one deletes
        something else or is not understood: not ours to restructure."""
        virtuals = {a.virtual for _, a in self.calls if a.virtual}
        added = {package_name(w.value) for w in self.add.packages}
        out: list[tuple[int, ApkCall]] = []
        for k, c in enumerate(self.after):
            d = apk_call(c, "del")
            if d is None:
                continue
            names = {package_name(n) for n in d.names}
            if names <= virtuals:
                continue
            if not names & added or not d.understood or c.depth != 0 or not names <= added | virtuals:
                return None
            out.append((k, d))
        return out

    @property
    def existing(self) -> ApkCall | None:
        """The ``apk del`` the user wrote, which becomes the group's."""
        return self.dels[0][1] if self.dels else None

    @cached_property
    def chosen(self) -> list[ShellWord]:
        """The words the user's ``apk del`` deletes."""
        if self.existing is None:
            return []
        user_names = {package_name(n) for n in self.existing.names}
        return [w for w in self.add.packages if package_name(w.value) in user_names]

    @cached_property
    def extras(self) -> list[ShellWord]:
        """The other build-only words (with the user's own ``apk del``: only when nothing compiles after it)."""
        if self.dels:
            k_del = self.dels[0][0]
            tail = self.after[k_del + 1:]
            if self.later_compile is not None or any(compiles(c.argv) for c in tail):
                return []
            tail_used = {w.value.rsplit("/", 1)[-1] for c in tail for w in c.words}
            return [w for w in self.add.packages if w not in self.chosen
                    and build_only(w, self.after[:k_del], self.used | tail_used, self.runtime, strict=False)]
        return [w for w in self.add.packages if build_only(w, self.after, self.used, self.runtime)]

    @cached_property
    def extra_runtime(self) -> list[str]:
        return runtime_needed(self.extras, self.runtime)

    @cached_property
    def group(self) -> list[ShellWord]:
        # A runtime library that is itself in the group simply stays in the plain add.
        return [w for w in self.chosen + self.extras if package_name(w.value) not in self.extra_runtime]

    def tail_edit(self, name: str) -> Edit | None:
        return append_command_to_run(self.script, f"apk del --no-network {name}", joiner(self.script))


def _later_run_builds(s: Subject) -> tuple[Instruction, str] | None:
    """Nothing compiles in this RUN, but a later RUN of the stage does (and the image runs something)."""
    if any(compiles(c.argv) for c in s.after):
        return None
    later = first_compiling_run(s.later)
    runnable = any(i.name in ("CMD", "ENTRYPOINT") for i in s.later)
    if later is None or later.stage_index != s.ins.stage_index or not runnable:
        return None
    build = [w.value for w in s.add.packages
             if is_build_only(w.value, ALPINE) and package_name(w.value) not in FETCH_ONLY]
    return (later, " ".join(build)) if build else None


def _comments_in_list(s: Subject) -> bool:
    return has_comment_between(s.ins.doc, s.add.cmd.words[0].start, s.add.cmd.words[-1].end)


def _no_own_del(s: Subject) -> bool:
    return s.existing is None


# Skip rules, in order: ``find(subject)`` returns the evidence or None/False; ``message(subject, evidence)``
# is the finding's text, or None for a RUN this pass silently leaves alone. The first rule that finds decides.
# Each rule has a golden case in golden/apk-virtual-build-deps/ (skip-*).
Message = Callable[[Subject, Any], str] | None
SKIP_RULES: tuple[tuple[Callable[[Subject], Any], Message], ...] = (
    (lambda s: len(s.plain) != 1, None),  # no plain apk add with packages, or several
    (lambda s: not s.add.understood, None),  # unknown apk options
    (lambda s: s.add.cmd.depth != 0 or s.add.cmd.op_before not in ("", "&&", ";"), None),  # in if/( ), after ||/|
    (_later_run_builds, lambda s, hit: f"build-only packages ({hit[1]}) stay in the image: the RUN at line "
                                       f"{hit[0].lineno} compiles with them; install, build and delete them in "
                                       "one RUN (or a builder stage)"),
    (lambda s: not any(compiles(c.argv) for c in s.after), None),  # nothing compiles in the RUN
    (lambda s: s.after[0].op_before not in ("&&", ";"), None),  # `apk add … || true`, `apk add … | tee`
    (lambda s: _comments_in_list(s) and any(build_only(w, s.after, set(), s.runtime) for w in s.add.packages),
     lambda s, _: "build-only packages kept: comment lines inside the apk add list would end up next to the "
                  "wrong packages; move them above the RUN"),
    (_comments_in_list, None),
    (lambda s: s.dels is None, None),  # an apk del of packages this RUN did not add
    (lambda s: len(s.dels) > 1, None),  # several apk dels: which one is the group's?
    (lambda s: _no_own_del(s) and s.later_compile is not None and s.extras,
     lambda s, _: f"build-only packages kept: the RUN at line {s.later_compile.lineno} compiles too; move that "
                  "build into this RUN to delete them"),
    (lambda s: _no_own_del(s) and s.later_compile is not None, None),
    (lambda s: runtime_build(s.later) if _no_own_del(s) and s.extras else None,
     lambda s, why: f"build-only packages kept: {why}: the container needs them at run time"),
    (lambda s: not s.group, None),  # no build-only package
)


class Plan(NamedTuple):
    """What to do with one RUN: the apk add, the words that go to the virtual group ``name``, the words that
    stay, the runtime packages that join them, and where the group's ``apk del`` goes (the user's own
    ``existing`` one, or ``tail`` appended to the RUN)."""

    ins: Instruction
    script: ShellScript
    add: ApkCall
    group: list[ShellWord]
    keep: list[ShellWord]
    additions: list[str]
    name: str
    mounted: bool
    op: str  # the operator after the apk add
    existing: ApkCall | None
    del_names: set[str]
    tail: Edit | None


def analyze(ins: Instruction, script: ShellScript, runtime: str | None, base: str) -> Plan | Finding | None:
    """The plan for one RUN, the finding that says why there is none, or None for a RUN this pass leaves alone."""
    s = Subject(ins, script, runtime)
    for find, message in SKIP_RULES:
        hit = find(s)
        if hit is not None and hit is not False and hit != "" and hit != []:
            return None if message is None else Finding(PASS_ID, message(s, hit), ins.start)
    group_names = {package_name(w.value) for w in s.chosen + s.extras}
    keep = [w for w in s.add.packages if w not in s.group]
    keep_names = {package_name(w.value) for w in keep}
    additions = [r for r in s.extra_runtime if r not in keep_names and r not in group_names]
    name = free_virtual_name(script, base)
    existing = s.existing
    tail = s.tail_edit(name) if existing is None else None
    if existing is None and tail is None:
        return None  # nowhere to append the apk del
    del_names = group_names & {package_name(n) for n in existing.names} if existing is not None else set()
    return Plan(ins, script, s.add, s.group, keep, additions, name, cache_mounted(ins), s.after[0].op_before,
                existing, del_names, tail)


def render(plan: Plan) -> Fix:
    """The fix that moves ``plan``'s group into ``apk add --virtual`` and deletes it at the end of the RUN."""
    add = plan.add
    if not plan.keep and not plan.additions:
        edits = convert_in_place(add, plan.name, plan.mounted)
    else:
        edits = split(plan.ins, plan.script, add, plan.group, plan.keep, plan.additions, plan.name, plan.mounted,
                      plan.op)
    if plan.existing is not None:
        edits += rewrite_del(plan.ins, plan.existing, plan.del_names, plan.name)
    else:
        assert plan.tail is not None
        edits.append(plan.tail)
    listed = " ".join(w.value for w in plan.group)
    message = f"build-only packages ({listed}) go into virtual group {plan.name}, deleted in the same RUN"
    if plan.additions:
        message += f"; keeps runtime {' '.join(plan.additions)}"
    return Fix(PASS_ID, message, tuple(edits), Safety.SAFE, offset=add.cmd.words[0].start)


def _run(doc: Document, ctx: Context) -> Iterator[Fix | Finding]:
    base = ctx.option(PASS, "name")
    scope = final_lineage(doc)
    for stage in doc.stages:
        if stage.index not in scope or stage_family(stage) != ALPINE:
            continue
        runtime = runtime_of(stage)
        for ins, script in run_scripts(stage):
            result = analyze(ins, script, runtime, base)
            if result is not None:
                yield render(result) if isinstance(result, Plan) else result


PASS = Pass(
    id=PASS_ID,
    summary="Alpine build dependencies go into apk add --virtual .build-deps, deleted in the same RUN",
    safety=Safety.SAFE,
    run=_run,
    doc=__doc__ or "",
    options={"name": ".build-deps"},
    checks={"name": package_word},
    triggers=("apk",),  # it acts on apk add only
)

PASSES = (PASS,)
