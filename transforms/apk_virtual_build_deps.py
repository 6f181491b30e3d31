"""apk-virtual-build-deps: install Alpine build dependencies as a virtual group and delete it in the same RUN.

What it does
    In a RUN of the final image whose ``apk add`` installs build-only packages (toolchains,
    ``build-base``, ``*-dev`` headers, autotools, ``pkgconf``, ``$PHPIZE_DEPS``, ``git`` used only to
    fetch, ``python3`` for node-gyp in a Node image) and whose later commands compile (``pip``/``npm``/
    ``yarn``/``pnpm install``, ``docker-php-ext-install``, ``pecl install``, ``make``, ``go build``,
    ``cargo build``, ``gem install``, ``./configure``…), the build-only packages move to
    ``apk add --no-cache --virtual .build-deps …`` and the RUN ends with
    ``apk del --no-network .build-deps``. Runtime packages stay in the plain ``apk add``, joined by the
    runtime library each removed ``-dev`` package leaves behind (``postgresql-dev`` → ``libpq``), and by
    ``libstdc++`` when a C++ compiler (``build-base``, ``g++``, ``$PHPIZE_DEPS``) goes (not in node images,
    which keep it anyway): C++ code built in the RUN links it.
    An ``apk del`` of some of those packages already in the RUN becomes the group's ``apk del``.

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
    Safe. Only stages that end up in the final image are changed. A package stays installed when a later
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

import re
from collections.abc import Iterator
from itertools import pairwise

from refactor.document import Document, Instruction
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.images import ALPINE, runtime_of, stage_family
from refactor.passes import Context, Pass
from refactor.rewrite import replace_word
from refactor.shell import ShellCommand, ShellScript, ShellWord, shell_of
from refactor.stages import final_lineage, later_instructions
from transforms._apk import (
    UPDATE_FLAGS,
    ApkCall,
    alone_on_line,
    apk_call,
    append_to_run,
    cache_mounted,
    command_insert_after,
    command_insert_before,
    delete_word,
    free_virtual_name,
    has_comment_between,
    insert_words_after,
    joiner,
    line_of,
    run_scripts,
    words_used,
)
from transforms._packages import (
    FETCH_ONLY,
    PHPIZE_DEPS_ALPINE,
    binaries_of,
    compiles,
    cxx_runtime_for,
    first_compiling_run,
    is_build_only,
    package_name,
    runtime_for,
    variable_name,
)

PASS_ID = "apk-virtual-build-deps"
_NODE_INSTALL = (("npm", "install"), ("npm", "i"), ("npm", "ci"), ("yarn",), ("pnpm", "install"),
                 ("pnpm", "i"), ("npm", "rebuild"))
_NODE_GYP_TOOLS = frozenset({"python3", "py3-setuptools"})


# Programs that install (and on musl often compile) language packages each time the container starts, so
# the toolchain and headers are runtime needs. Home Assistant Core pip-installs every integration's
# requirements at start-up (homeassistant/requirements.py; the Core install docs list build-essential,
# python3-dev, libffi-dev, libssl-dev as prerequisites for that reason).
_RUNTIME_INSTALLERS = {"hass": "Home Assistant pip-installs integration requirements at start-up"}
_START_SPLIT = re.compile(r"[\s;&|()]+")


def _runtime_build(later: list[Instruction]) -> str | None:
    """Why the container's start command needs a toolchain (it installs or compiles at run time), or None."""
    for ins in later:
        if ins.name not in ("CMD", "ENTRYPOINT"):
            continue
        argv = ins.json_args if ins.is_json else [w.value for w in ins.words]
        tokens = [t for a in argv or [] for t in _START_SPLIT.split(a) if t]
        for j, token in enumerate(tokens):
            prog = token.rsplit("/", 1)[-1]
            if prog in _RUNTIME_INSTALLERS:
                return f"{ins.name} at line {ins.lineno} runs {prog} ({_RUNTIME_INSTALLERS[prog]})"
            if not token.startswith("-") and compiles(tokens[j:]):
                return f"{ins.name} at line {ins.lineno} runs {' '.join(tokens[j:j + 2])}"
    return None


def _is_node_install(cmd: ShellCommand) -> bool:
    argv = [a for a in cmd.argv if not a.startswith("-")]
    return any(tuple(argv[:len(p)]) == p for p in _NODE_INSTALL)


def _runs_python(cmd: ShellCommand) -> bool:
    """``python3 …``, ``pip3 install …``, ``pipx …``: the command needs Python, not just node-gyp."""
    words = [w.value for w in cmd.words if w.value not in ("sudo", "env", "exec", "command")]
    return bool(words) and re.fullmatch(r"(python|pip|pipx)[0-9.]*", words[0].rsplit("/", 1)[-1]) is not None



class _Plan:
    """What to do with one RUN: which words go to the group, which runtime packages join the plain add."""

    def __init__(self, ins: Instruction, script: ShellScript, add: ApkCall, index: int, runtime: str | None):
        self.ins = ins
        self.script = script
        self.add = add
        self.index = index
        self.after = script.commands[index + 1:]
        self.runtime = runtime
        self.strict_ok = True  # False: only toolchains and headers (the user chose what to delete)

    def build_only(self, word: ShellWord, scope: list[ShellCommand], used: set[str]) -> bool:
        raw, value = word.raw, word.value
        if "$(" in raw or "`" in raw:
            return False
        if value.startswith("$"):
            if variable_name(value) == "PHPIZE_DEPS":
                return not any(set(binaries_of(p, ALPINE)) & used for p in PHPIZE_DEPS_ALPINE)
            return False  # unknown variable: could hold anything, keep it
        name = package_name(value)
        if name in FETCH_ONLY:
            # Only a tool the RUN itself calls (git clone …) counts as fetch-only: a program may
            # shell out to git at runtime (errbot plugins, GitPython).
            if not self.strict_ok or not any(c.is_(name) for c in scope):
                return False
        elif name in _NODE_GYP_TOOLS:
            if not self.strict_ok or self.runtime != "node" or not any(_is_node_install(c) for c in scope):
                return False
            if any(_runs_python(c) for c in scope):
                return False  # the RUN installs or runs Python code itself: not only node-gyp's
        elif not is_build_only(name, ALPINE):
            return False
        if _stem_used(name, used):
            return False
        return not set(binaries_of(name, ALPINE)) & used

    def runtime_needed(self, words: list[ShellWord]) -> list[str]:
        out: list[str] = []
        for w in words:
            name = package_name(w.value)
            if name == "python3-dev" and self.runtime == "python":
                continue  # the image's own Python lives in /usr/local
            rt = runtime_for(name, ALPINE)
            if rt and rt not in out:
                out.append(rt)
        # The official node images already keep libstdc++ (node links it); elsewhere a C++ build
        # (a pip/pecl extension, a cmake project) would lose it with the compiler.
        for w in words:
            cxx = cxx_runtime_for(w.value, ALPINE) if self.runtime != "node" else None
            if cxx and cxx not in out:
                out.append(cxx)
        return out


def _stem_used(name: str, used: set[str]) -> bool:
    """True when a later instruction runs a command named after a ``-dev`` package's project
    (``avahi-daemon`` for ``avahi-dev``): the -dev package may be what installed it."""
    if not name.endswith("-dev"):
        return False
    stem = name[:-len("-dev")]
    if runtime_for(name, ALPINE) == stem:
        return False  # python3-dev → python3: the runtime package stays anyway
    return any(u == stem or u.startswith(stem + "-") for u in used)


def _rewrite(ins: Instruction, script: ShellScript, runtime: str | None, base: str) -> Iterator[Fix | Finding]:
    calls = [(k, a) for k, c in enumerate(script.commands) if (a := apk_call(c, "add")) is not None]
    plain = [(k, a) for k, a in calls if a.virtual is None and a.packages]
    if len(plain) != 1:
        return
    index, add = plain[0]
    plan = _Plan(ins, script, add, index, runtime)
    after = plan.after
    if not add.understood or add.cmd.depth != 0 or add.cmd.op_before not in ("", "&&", ";"):
        return
    if not any(compiles(c.argv) for c in after):
        later = first_compiling_run(later_instructions(ins))
        runnable = any(i.name in ("CMD", "ENTRYPOINT") for i in later_instructions(ins))
        if later is not None and later.stage_index == ins.stage_index and runnable:
            build = [w.value for w in add.packages if is_build_only(w.value, ALPINE)
                     and package_name(w.value) not in FETCH_ONLY]
            if build:
                yield Finding(PASS_ID, f"build-only packages ({' '.join(build)}) stay in the image: the RUN at "
                              f"line {later.lineno} compiles with them; install, build and delete them in one "
                              "RUN (or a builder stage)", ins.start)
        return
    if after[0].op_before not in ("&&", ";"):
        return
    if has_comment_between(ins.doc, add.cmd.words[0].start, add.cmd.words[-1].end):
        if any(plan.build_only(w, after, set()) for w in add.packages):
            yield Finding(PASS_ID, "build-only packages kept: comment lines inside the apk add list would "
                          "end up next to the wrong packages; move them above the RUN", ins.start)
        return
    virtuals = {a.virtual for _, a in calls if a.virtual}
    by_name = {package_name(w.value): w for w in add.packages}
    dels: list[tuple[int, ApkCall]] = []
    for k, c in enumerate(after):
        d = apk_call(c, "del")
        if d is None:
            continue
        names = {package_name(n) for n in d.names}
        if names <= virtuals:
            continue
        if not names & by_name.keys():
            return  # deletes something this RUN did not add: not ours to restructure
        if not d.understood or c.depth != 0 or not names <= by_name.keys() | virtuals:
            return
        dels.append((k, d))
    if len(dels) > 1:
        return

    later = later_instructions(ins)
    used = words_used(later)
    later_compile = first_compiling_run(later)
    if dels:
        k_del, existing = dels[0]
        user_names = {package_name(n) for n in existing.names}
        chosen = [w for w in add.packages if package_name(w.value) in user_names]
        tail = after[k_del + 1:]
        extras: list[ShellWord] = []
        plan.strict_ok = False
        if later_compile is None and not any(compiles(c.argv) for c in tail):
            tail_used = {w.value.rsplit("/", 1)[-1] for c in tail for w in c.words}
            extras = [w for w in add.packages if w not in chosen
                      and plan.build_only(w, after[:k_del], used | tail_used)]
    else:
        existing = None
        if later_compile is not None:
            candidates = [w for w in add.packages if plan.build_only(w, after, used)]
            if candidates:
                yield Finding(PASS_ID, f"build-only packages kept: the RUN at line {later_compile.lineno} "
                              "compiles too; move that build into this RUN to delete them", ins.start)
            return
        chosen = []
        extras = [w for w in add.packages if plan.build_only(w, after, used)]
        runtime_build = _runtime_build(later) if extras else None
        if runtime_build is not None:
            yield Finding(PASS_ID, f"build-only packages kept: {runtime_build}: the container needs "
                          "them at run time", ins.start)
            return
    extra_runtime = plan.runtime_needed(extras)
    group = chosen + extras
    group_names = {package_name(w.value) for w in group}
    # A runtime library that is itself in the group simply stays in the plain add.
    group = [w for w in group if package_name(w.value) not in extra_runtime]
    keep = [w for w in add.packages if w not in group]
    keep_names = {package_name(w.value) for w in keep}
    additions = [r for r in extra_runtime if r not in keep_names and r not in group_names]
    if not group:
        return
    name = free_virtual_name(script, base)
    mounted = cache_mounted(ins)
    edits: list[Edit] = []
    if not keep and not additions:
        edits += _convert_in_place(add, name, mounted)
    else:
        edits += _split(ins, script, add, group, keep, additions, name, mounted, after[0].op_before)
    if existing is not None:
        edits += _rewrite_del(ins, existing, group_names & {package_name(n) for n in existing.names}, name)
    else:
        tail_edit = append_to_run(script, f"apk del --no-network {name}", joiner(script))
        if tail_edit is None:
            return
        edits.append(tail_edit)
    listed = " ".join(w.value for w in group)
    message = f"build-only packages ({listed}) go into virtual group {name}, deleted in the same RUN"
    if additions:
        message += f"; keeps runtime {' '.join(additions)}"
    yield Fix(PASS_ID, message, tuple(edits), Safety.SAFE, offset=add.cmd.words[0].start)


def _no_cache_edits(add: ApkCall, mounted: bool) -> tuple[list[Edit], str]:
    """Edits that give ``add`` ``--no-cache`` (replacing ``-U``), and text to put after the anchor."""
    if mounted or "--no-cache" in add.flag_values:
        return [], ""
    update = next((w for w in add.options if w.value in UPDATE_FLAGS), None)
    if update is not None:
        return [replace_word(update, "--no-cache")], ""
    return [], " --no-cache"


def _convert_in_place(add: ApkCall, name: str, mounted: bool) -> list[Edit]:
    edits, flag = _no_cache_edits(add, mounted)
    edits.append(Edit.insert(add.anchor().end, f"{flag} --virtual {name}"))
    return edits


def _split(ins: Instruction, script: ShellScript, add: ApkCall, group: list[ShellWord], keep: list[ShellWord],
           additions: list[str], name: str, mounted: bool, op: str) -> list[Edit]:
    edits = _delete_words(ins, list(add.cmd.words), group)
    if additions:
        anchor = keep[-1] if keep else add.anchor()
        edits.append(insert_words_after(ins, anchor, additions, tuple(edits)))
    sudo = "sudo " if add.cmd.words[0].value == "sudo" else ""
    flag = "" if mounted else " --no-cache"
    head = f"{sudo}apk add{flag} --virtual {name}"
    edits.append(command_insert_before(script, add.cmd, head + _package_list(ins, add, group, head), op))
    return edits


def _delete_words(ins: Instruction, words: list[ShellWord], targets: list[ShellWord]) -> list[Edit]:
    """Edits deleting ``targets`` (words of one command). A word alone on its line goes with its line, any
    other with the separator before it; where those two ways meet in a run of neighbouring words
    (``libffi-dev \\`` alone, then ``postgresql-dev && \\``) they would overlap, so the run goes as one span
    from the end of the word before it."""
    index = sorted(words.index(w) for w in targets)
    runs: list[list[int]] = []
    for i in index:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    edits: list[Edit] = []
    for run in runs:
        each = sorted(delete_word(ins, words, i) for i in run)
        if all(a.end <= b.start for a, b in pairwise(each)) or run[0] == 0:
            edits += each
        else:
            edits.append(Edit.delete(words[run[0] - 1].end, words[run[-1]].end))
    return edits


def _package_list(ins: Instruction, add: ApkCall, group: list[ShellWord], head: str) -> str:
    """The group's words, laid out like the original list: one per line when they stood one per line."""
    lonely = [w for w in group if alone_on_line(ins, w)]
    if not lonely:
        return "".join(" " + w.raw for w in group)
    esc = ins.doc.escape
    nl = ins.doc.newline
    start, end, _ = line_of(ins, lonely[0].start)
    body = ins.doc.text[start:end]
    indent = body[:len(body) - len(body.lstrip(" \t"))]
    first = add.packages[0]
    first_line = line_of(ins, first.start)[0]
    first_inline = first_line == line_of(ins, add.verb.start)[0]
    if first_inline and indent == " " * (first.start - first_line):
        # names aligned under the first one: align them under the new command's first name
        indent = " " * (add.cmd.words[0].start - line_of(ins, add.cmd.words[0].start)[0] + len(head) + 1)
    out = ""
    for k, w in enumerate(group):
        out += f" {w.raw}" if k == 0 and first_inline else f" {esc}{nl}{indent}{w.raw}"
    return out


def _rewrite_del(ins: Instruction, d: ApkCall, names: set[str], group: str) -> list[Edit]:
    words = list(d.cmd.words)
    targets = [w for w in d.packages if package_name(w.value) in names]
    flag = "" if "--no-network" in d.flag_values else " --no-network"
    last_option = max(d.options, key=lambda w: w.end) if d.options else d.verb
    trailing = [w for w in words if w.start > last_option.end]
    if trailing == targets and not has_comment_between(ins.doc, last_option.end, targets[-1].end):
        # `apk del [opts] a b c` → `apk del --no-network [opts] .build-deps`, one line
        edits = [Edit(last_option.end, targets[-1].end, f" {group}")]
    else:
        edits = [replace_word(targets[0], group)]
        edits += _delete_words(ins, words, targets[1:])
    if flag:
        edits.append(Edit.insert(d.verb.end, flag))
    return edits


def _run(doc: Document, ctx: Context) -> Iterator[Fix | Finding]:
    base = ctx.option(PASS, "name")
    scope = final_lineage(doc)
    for stage in doc.stages:
        if stage.index not in scope or stage_family(stage) != ALPINE:
            continue
        runtime = runtime_of(stage)
        for ins, script in run_scripts(stage):
            yield from _rewrite(ins, script, runtime, base)


PASS = Pass(
    id=PASS_ID,
    summary="Alpine build dependencies go into apk add --virtual .build-deps, deleted in the same RUN",
    safety=Safety.SAFE,
    run=_run,
    doc=__doc__ or "",
    options={"name": ".build-deps"},
)


SOCKETS_DOC = """php-sockets-linux-headers: linux-headers in the build deps of docker-php-ext-install sockets (Alpine).

What it does
    When an Alpine stage runs ``docker-php-ext-install … sockets …`` and nothing before it installs
    ``linux-headers``, the package is added to the ``apk add --virtual`` group that precedes the command
    in the same RUN. Without such a group, the command is wrapped:
    ``apk add --no-cache --virtual .sockets-build-deps linux-headers && docker-php-ext-install … &&
    apk del --no-network .sockets-build-deps``.

Why
    PHP's ``sockets`` extension includes ``linux/sock_diag.h``; musl images do not ship kernel headers,
    so the build fails with ``fatal error: linux/sock_diag.h: No such file or directory``.

Example
    Before::

        RUN apk add --no-cache --virtual .build-deps $PHPIZE_DEPS \\
            && docker-php-ext-install sockets \\
            && apk del --no-network .build-deps

    After::

        RUN apk add --no-cache --virtual .build-deps $PHPIZE_DEPS linux-headers \\
            && docker-php-ext-install sockets \\
            && apk del --no-network .build-deps

Fix safety
    Safe: the headers are only present while the extension compiles and are deleted with the group.
    Nothing changes when ``linux-headers`` is already named before the command in the stage.
"""

SOCKETS_ID = "php-sockets-linux-headers"
_SOCKETS_GROUP = ".sockets-build-deps"


def _headers_named_before(stage_instructions: list[Instruction], ins: Instruction, at: int) -> bool:
    for other in stage_instructions:
        if other.index > ins.index:
            break
        script = shell_of(other) if other.name == "RUN" else None
        if script is None:
            if other.index < ins.index and "linux-headers" in other.logical.text:
                return True
            continue
        for c in script.commands:
            if other is ins and c.lstart >= at:
                break
            if apk_call(c, "del") is None and "linux-headers" in c.argv:
                return True
    return False


def _group_before(script: ShellScript, cmd: ShellCommand) -> ApkCall | None:
    """The nearest ``apk add --virtual`` before ``cmd`` whose group is still installed at ``cmd``."""
    found: ApkCall | None = None
    for c in script.commands:
        if c is cmd:
            break
        a = apk_call(c, "add")
        if a is not None and a.virtual and c.depth == 0:
            found = a
        d = apk_call(c, "del")
        if d is not None and found is not None and found.virtual in d.names:
            found = None
    return found


def _sockets_fix(ins: Instruction, script: ShellScript, cmd: ShellCommand) -> Fix | None:
    group = _group_before(script, cmd)
    if group is not None:
        anchor = group.packages[-1] if group.packages else group.options[-1]
        return Fix(SOCKETS_ID, f"linux-headers added to {group.virtual}: docker-php-ext-install sockets "
                   "needs linux/sock_diag.h", (insert_words_after(ins, anchor, ["linux-headers"]),),
                   Safety.SAFE, offset=cmd.words[0].start)
    k = script.commands.index(cmd)
    nxt = script.commands[k + 1] if k + 1 < len(script.commands) else None
    if cmd.depth != 0 or cmd.op_before not in ("", "&&", ";") or (nxt is not None and nxt.op_before != "&&"
                                                                     and nxt.op_before != ";"):
        return None
    op = joiner(script)
    flag = "" if cache_mounted(ins) else " --no-cache"
    before = command_insert_before(script, cmd, f"apk add{flag} --virtual {_SOCKETS_GROUP} linux-headers", op)
    after = command_insert_after(script, cmd, f"apk del --no-network {_SOCKETS_GROUP}", op)
    if after is None:
        return None
    return Fix(SOCKETS_ID, "docker-php-ext-install sockets needs linux-headers (linux/sock_diag.h): "
               "installed for the build and deleted after", (before, after), Safety.SAFE,
               offset=cmd.words[0].start)


def _run_sockets(doc: Document, ctx: Context) -> Iterator[Fix]:
    del ctx
    for stage in doc.stages:
        if stage_family(stage) != ALPINE:
            continue
        lineage_ins = [i for s in reversed(stage.lineage()) for i in s.body()]
        for ins, script in run_scripts(stage):
            for cmd in script.commands:
                argv = cmd.argv
                if not cmd.is_("docker-php-ext-install") or "sockets" not in argv[1:]:
                    continue
                if _headers_named_before(lineage_ins, ins, cmd.lstart):
                    continue
                fix = _sockets_fix(ins, script, cmd)
                if fix is not None:
                    yield fix
                break


SOCKETS = Pass(
    id=SOCKETS_ID,
    summary="docker-php-ext-install sockets on Alpine gets linux-headers in its build deps",
    safety=Safety.SAFE,
    run=_run_sockets,
    doc=SOCKETS_DOC,
)

PASSES = (PASS, SOCKETS)
