"""Which packages a stage's final image still has: installs minus every way a Dockerfile removes them."""

from __future__ import annotations

import re
import shlex

from refactor.commands import tool_name, unwrap
from refactor.document import Instruction, Stage
from refactor.knowledge.packages import INSTALL_VERBS, PACKAGE_TOOLS, package_call
from refactor.shell import shell_of
from refactor.stages import lineage_instructions

_ASSIGNMENT = re.compile(r"""(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=(?:'([^']*)'|"([^"]*)"|([^\s;&|)]*))""")
_VARIABLE = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")


def _package_call(argv: list[str]) -> tuple[str, str, list[str], str | None] | None:
    """``(tool, verb, package names, virtual group)`` of an install/remove command line, or None."""
    k = unwrap(argv)
    if k >= len(argv) or tool_name(argv[k]) not in PACKAGE_TOOLS:
        return None
    tool = tool_name(argv[k])
    m = package_call(tool).match(argv)
    if m is None:
        return None
    # apk's ``-t NAME`` / ``--virtual NAME`` / ``-t=NAME`` / ``--virtual=NAME`` (apk-add(8)); no other tool has one.
    virtual = m.option_value("-t", "--virtual") if tool == "apk" else None
    return tool, argv[m.verb[0]], [argv[i] for i in m.args], virtual


def _expand_names(names: list[str], variables: dict[str, str]) -> list[str]:
    out: list[str] = []
    for name in names:
        m = _VARIABLE.match(name)
        if m:
            out += variables.get(m.group(1), "").split()
        elif "$" not in name:
            out.append(re.split(r"[=<>~]", name, maxsplit=1)[0].split(":", 1)[0])
    return out


def _script_argvs(ins: Instruction) -> list[list[str]] | None:
    script = shell_of(ins)
    if script is not None:
        return [cmd.argv for cmd in script.commands]
    if not ins.heredocs:
        return None
    out: list[list[str]] = []
    for heredoc in ins.heredocs:
        for line in heredoc.body(ins.doc.text).splitlines():
            try:
                out.append(shlex.split(line, comments=True))
            except ValueError:
                continue
    return out


def kept_packages(stage: Stage) -> tuple[set[str], set[str]]:
    """``(installed, removed)``: packages the stage's lineage installs and still has at the end, and
    packages it removes. It follows ``apk del`` of a
    ``--virtual`` group, ``apt``/``aptitude``/``dpkg`` removals, package lists held in shell variables
    (``fetchDeps='wget'; … apt-get purge $fetchDeps``) and the ``apt-mark auto '.*'`` … ``apt-get purge
    --auto-remove`` idiom (everything the RUN installed and did not mark manual again is purged)."""
    installed: set[str] = set()
    removed: set[str] = set()
    groups: dict[str, set[str]] = {}
    for ins in lineage_instructions(stage):
        if ins.name != "RUN":
            continue
        argvs = _script_argvs(ins)
        if argvs is None:
            continue
        text = ins.logical.text + "".join(h.body(ins.doc.text) for h in ins.heredocs)
        variables = {**stage.env(), **{m.group(1): next(g for g in m.groups()[1:] if g is not None)
                                       for m in _ASSIGNMENT.finditer(text)}}
        this_run: set[str] = set()
        manual: set[str] = set()
        auto_all = autoremove = False
        for argv in argvs:
            words = argv[unwrap(argv):]  # ``apt-mark manual sudo`` keeps its package ``sudo``
            if words[:2] == ["apt-mark", "auto"]:
                auto_all = True
            elif words[:2] == ["apt-mark", "manual"]:
                manual.update(_expand_names([w for w in words[2:] if not w.startswith("-")], {}))
            call = _package_call(argv)
            if call is None:
                continue
            tool, verb, names, virtual = call
            pkgs = _expand_names(names, variables)
            if verb in INSTALL_VERBS.get(tool, ()):
                installed.update(pkgs)
                removed.difference_update(pkgs)
                this_run.update(pkgs)
                if virtual:
                    groups.setdefault(virtual, set()).update(pkgs)
                continue
            if "--auto-remove" in argv or "--autoremove" in argv:
                autoremove = True
            for name in pkgs:
                gone = groups.pop(name, {name})
                installed.difference_update(gone)
                removed.update(gone)
        if auto_all and autoremove:
            gone = this_run - manual
            installed.difference_update(gone)
            removed.update(gone)
    return installed, removed
