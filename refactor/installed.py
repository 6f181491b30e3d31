"""Which packages a stage's final image still has: installs minus every way a Dockerfile removes them."""

from __future__ import annotations

import re
import shlex

from refactor.document import Instruction, Stage
from refactor.shell import shell_of
from refactor.stages import lineage_instructions

_INSTALL_VERBS = {"apk": ("add",), "apt-get": ("install",), "apt": ("install",), "aptitude": ("install",),
                  "yum": ("install",), "dnf": ("install",), "microdnf": ("install",)}
_REMOVE_VERBS = {"apk": ("del",), "apt-get": ("purge", "remove"), "apt": ("purge", "remove"),
                 "aptitude": ("purge", "remove"), "yum": ("remove", "erase"), "dnf": ("remove", "erase"),
                 "microdnf": ("remove",), "dpkg": ("-r", "-P", "--remove", "--purge")}
# Options of those tools that take a separate value (``apk add -X URL``, ``apt-get -o K=V``, ``--virtual NAME``).
_PM_VALUE_OPTIONS = frozenset({"-X", "--repository", "-t", "--virtual", "-o", "--option", "-c", "--config-file",
                               "--target-release", "--default-release", "-a", "--host-architecture",
                               "--enablerepo", "--disablerepo", "--setopt", "--root", "-p", "--arch"})
_ASSIGNMENT = re.compile(r"""(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=(?:'([^']*)'|"([^"]*)"|([^\s;&|)]*))""")
_VARIABLE = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")


def _package_call(argv: list[str]) -> tuple[str, str, list[str], str | None] | None:
    """``(tool, verb, package names, virtual group)`` of an install/remove command line, or None."""
    while argv and argv[0] in ("sudo", "command", "exec"):
        argv = argv[1:]
    if not argv:
        return None
    tool = argv[0].rsplit("/", 1)[-1]
    verbs = _INSTALL_VERBS.get(tool, ()) + _REMOVE_VERBS.get(tool, ())
    verb: str | None = None
    virtual: str | None = None
    names: list[str] = []
    k = 1
    while k < len(argv):
        arg = argv[k]
        if verb is None and arg in verbs:
            verb = arg
        elif arg.startswith("--virtual="):
            virtual = arg.split("=", 1)[1]
        elif arg.startswith("-") and arg != "-":
            if arg in _PM_VALUE_OPTIONS and k + 1 < len(argv):
                if tool == "apk" and arg in ("-t", "--virtual"):
                    virtual = argv[k + 1]
                k += 1
        elif verb is not None:
            names.append(arg)
        k += 1
    if verb is None:
        return None
    return tool, verb, names, virtual


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
            words = [a for a in argv if a not in ("sudo", "command", "exec")]
            if words[:2] == ["apt-mark", "auto"]:
                auto_all = True
            elif words[:2] == ["apt-mark", "manual"]:
                manual.update(_expand_names([w for w in words[2:] if not w.startswith("-")], {}))
            call = _package_call(argv)
            if call is None:
                continue
            tool, verb, names, virtual = call
            pkgs = _expand_names(names, variables)
            if verb in _INSTALL_VERBS.get(tool, ()):
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
