"""merge-cleanup-layer: a RUN that only deletes what earlier RUNs installed joins them in one layer.

What it does
    A RUN made only of clean-up commands — ``apk del X``, ``apt-get purge|remove X``,
    ``apt-get autoremove``/``clean``, ``npm``/``yarn`` cache cleaning, ``pip cache purge``, or
    ``rm -rf`` of a package-manager cache (``/var/cache/apk/*``, ``/var/lib/apt/lists/*``, ``~/.npm``…)
    — that undoes an earlier RUN of the same stage is merged into that RUN, together with the RUNs in
    between (in order, joined with ``&&``), when only RUN instructions lie between them.

Why
    Deleting files in a later layer hides them but does not shrink the image: the bytes stay in the
    layer that added them. Only a delete in the same RUN keeps them out of the image.

Example
    Before::

        RUN apk add --no-cache curl git
        RUN npm install -g @soketi/soketi && npm cache clean --force
        RUN apk del git

    After::

        RUN apk add --no-cache curl git && \\
            npm install -g @soketi/soketi && npm cache clean --force && \\
            apk del git

Fix safety
    Safe. The merged script runs the same commands in the same order and stops at the first failure,
    like separate RUNs. Merging is skipped when a RUN changes the shell's state for the next one
    (``cd``, ``export``, ``source``, ``umask``, ``set`` other than ``-e``/``-x``…), when a later RUN uses
    ``;`` or ``||`` at top level (a failure before it would no longer stop the build), when a RUN has
    flags (``--mount``, ``--network``…), heredocs or exec form, when a ``SHELL`` instruction changes
    the shell, and in stages that do not end up in the final image.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from refactor import lazy_re
from refactor.commands import canonical_tool, tool_name, unwrap
from refactor.document import Document, Instruction
from refactor.edits import Edit, Fix, Safety
from refactor.knowledge.ecosystems.node import NPM_INSTALL
from refactor.knowledge.ecosystems.python import PIP_INSTALL
from refactor.knowledge.filesystem import CACHE_DIRS
from refactor.knowledge.packages import package_name
from refactor.passes import Context, Pass
from refactor.rewrite import continuation_indent, leading_operators, operator_indent
from refactor.shell import ShellCommand, ShellScript, shell_of
from refactor.stages import final_lineage
from transforms._apk import apk_call
from transforms._apt import AptCall, apt_call

PASS_ID = "merge-cleanup-layer"

_STATEFUL = frozenset({"cd", "pushd", "popd", "export", "source", ".", "umask", "alias", "unset", "exit",
                       "exec", "shopt", "trap", "ulimit", "declare", "typeset", "local", "readonly", "eval"})
_SAFE_SET = lazy_re.compile(r"-[ex]+|-o|pipefail|errexit|xtrace")
_RM_FLAGS = lazy_re.compile(r"-[rRfv]+|--recursive|--force")


def _tool(cmd: ShellCommand) -> list[str]:
    """The argv from the tool on, the tool as its basename."""
    argv = cmd.argv[unwrap(cmd.argv):]
    if argv:
        argv = [tool_name(argv[0]), *argv[1:]]
    return argv


def _apt_names(apt: AptCall) -> list[str]:
    return [package_name(w.value) for w in apt.args]


def _targets(cmd: ShellCommand) -> list[tuple[str, str]] | None:
    """What a clean-up command undoes, as ``(kind, name)`` pairs; None when it is not a clean-up."""
    argv = _tool(cmd)
    if not argv:
        return None
    d = apk_call(cmd, "del")
    if d is not None:
        if not d.understood or not d.packages or any(w.value.startswith("$") for w in d.packages):
            return None
        return [("apk", package_name(n)) for n in d.names]
    apt = apt_call(cmd)
    if apt is not None:
        verb = apt.verb.value
        if verb in ("purge", "remove"):
            names = _apt_names(apt)
            if not names or any(n.startswith("$") for n in names):
                return None
            return [("apt", n) for n in names]
        if verb == "autoremove":
            return [("apt-install", "")]
        if verb == "clean":
            return [("apt-install", "")]
        return None
    if argv[0] == "rm":
        paths = [a for a in argv[1:] if not _RM_FLAGS.fullmatch(a)]
        if not paths or any(a.startswith("-") for a in paths):
            return None
        out = []
        for p in paths:
            kind = next((k for rx, k in CACHE_DIRS if rx.match(p)), None)
            if kind is None:
                return None
            out.append((kind, ""))
        return out
    if argv[:3] == ["npm", "cache", "clean"]:
        return [("npm", "")]
    if argv[:3] == ["yarn", "cache", "clean"]:
        return [("yarn", "")]
    if len(argv) >= 3 and canonical_tool(argv[0]) == "pip" and argv[1:3] == ["cache", "purge"]:
        return [("pip", "")]
    return None


def _produces(script: ShellScript, kind: str, name: str) -> bool:
    """Whether the RUN installs ``name`` / fills the cache of ``kind``."""
    for cmd in script.commands:
        argv = _tool(cmd)
        if not argv:
            continue
        add = apk_call(cmd, "add")
        if kind == "apk" and add is not None and (name == add.virtual
                                                  or name in {package_name(n) for n in add.names}):
            return True
        if kind == "apk-cache":
            if add is not None and "--no-cache" not in add.flag_values:
                return True
            if argv[:2] in (["apk", "update"], ["apk", "upgrade"]) and "--no-cache" not in argv:
                return True
        apt = apt_call(cmd)
        if apt is not None:
            verb = apt.verb.value
            if kind == "apt" and verb == "install" and name in _apt_names(apt):
                return True
            if kind == "apt-install" and verb in ("install", "upgrade", "dist-upgrade"):
                return True
            if kind == "apt-update" and verb == "update":
                return True
        if kind == "npm" and NPM_INSTALL.matches(cmd):
            return True
        if kind == "yarn" and argv[0] == "yarn":
            return True
        if kind == "pip" and PIP_INSTALL.matches(cmd):
            return True
    return False


def _mergeable(ins: Instruction, script: ShellScript | None) -> bool:
    return (script is not None and not ins.flags and not ins.heredocs and bool(script.commands)
            and not ins.logical.text[script.commands[-1].lend:script.lend].strip())


def _changes_state(script: ShellScript) -> bool:
    for cmd in script.commands:
        if not cmd.words:
            return True  # bare VAR=value
        name = _tool(cmd)[0] if _tool(cmd) else ""
        if name in _STATEFUL:
            return True
        if name == "set" and not all(_SAFE_SET.fullmatch(a) for a in cmd.argv[1:]):
            return True
    return False


def _and_only(script: ShellScript) -> bool:
    """Only ``&&``/``|`` at top level, so a failure before it still stops everything."""
    return all(c.depth == 0 and c.op_before in ("", "&&", "|") for c in script.commands)


def _joiner(first: Instruction, between: str, doc: Document) -> str:
    esc = doc.escape
    nl = doc.newline
    comments = "".join(line.strip("\r") + nl for line in between.split("\n")[1:-1]
                       if line.lstrip(" \t").startswith("#"))
    if len(first.lines) > 1 and leading_operators(first):
        return f" {esc}{nl}{comments}{operator_indent(first)}&& "
    return f" && {esc}{nl}{comments}{continuation_indent(first)}"


def _merge(doc: Document, runs: list[tuple[Instruction, ShellScript]], cleanup: Instruction) -> Fix:
    first = runs[0][0]
    edits = []
    for (_, script), (nxt, _) in itertools.pairwise(runs):
        start = script.source_end()
        end = nxt.logical.source_start(nxt.args_offset)
        edits.append(Edit(start, end, _joiner(first, doc.text[start:end], doc)))
    lines = ", ".join(str(i.lineno) for i, _ in runs[1:])
    return Fix(PASS_ID, f"clean-up RUN merged into the RUN at line {first.lineno} (with lines {lines}) so "
               "the deleted files never reach a layer", tuple(edits), Safety.SAFE, offset=cleanup.start)


def _candidates(doc: Document) -> Iterator[Fix]:
    scope = final_lineage(doc)
    for stage in doc.stages:
        if stage.index not in scope:
            continue
        body = stage.instructions
        for j, ins in enumerate(body):
            if ins.name != "RUN":
                continue
            script = shell_of(ins)
            if not _mergeable(ins, script) or not _and_only(script):
                continue
            targets: list[tuple[str, str]] = []
            for cmd in script.commands:
                t = _targets(cmd)
                if t is None:
                    targets = []
                    break
                targets += t
            if not targets:
                continue
            window: list[tuple[Instruction, ShellScript]] = []
            k = j - 1
            while k > 0 and body[k].name == "RUN":
                prev = shell_of(body[k])
                if not _mergeable(body[k], prev):
                    break
                window.insert(0, (body[k], prev))
                k -= 1
            first = None
            for kind, name in targets:
                producer = next((n for n in range(len(window) - 1, -1, -1)
                                 if _produces(window[n][1], kind, name)), None)
                if producer is None:
                    first = None
                    break
                first = producer if first is None else min(first, producer)
            if first is None:
                continue
            runs = window[first:]
            if any(_changes_state(s) for _, s in runs) or not all(_and_only(s) for _, s in runs[1:]):
                continue
            yield _merge(doc, [*runs, (ins, script)], ins)


def _run(doc: Document, ctx: Context) -> Iterator[Fix]:
    del ctx
    if any(i.name == "SHELL" for i in doc.instructions):
        return
    yield from _candidates(doc)


PASS = Pass(
    id=PASS_ID,
    summary="A RUN that only deletes what earlier RUNs installed is merged into them (one layer)",
    safety=Safety.SAFE,
    run=_run,
    doc=__doc__ or "",
)

PASSES = (PASS,)
