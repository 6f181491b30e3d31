"""
What it does
    Adds ``--no-install-recommends`` to ``apt-get install`` (after ``install`` and the options that follow
    it) unless the command already decides about recommends (``--no-install-recommends``,
    ``--install-recommends``, ``-o APT::Install-Recommends=…``). When the command installs a TLS client
    (``curl``, ``wget``, ``git``, ``gnupg``, ``apt-transport-https``…) and nothing in the stage installs
    ``ca-certificates``, ``ca-certificates`` is added to the list: it only came in as a Recommends, and
    without it every https download fails. The same holds for every program a later step runs (later
    commands of the RUN, later RUNs of the stage and of stages built on it, CMD/ENTRYPOINT): ``cc``/``gcc``
    (``make`` and ``./configure`` compile with it), ``g++``, ``make``, ``python``/``python3``, ``php``,
    ``git``, ``gpg``, ``ssh``… When such a program came only as a Recommends of a package installed here
    (gcc of ``libc6-dev`` and of the -dev packages depending on it on Debian ≤ 11 / Ubuntu ≤ 22.04,
    ``php5-cli`` of ``libapache2-mod-php5``, ``python3`` of ``clang``, ``build-essential`` of
    ``python3-pip``, ``gnupg`` of ``dirmngr``; see ``refactor.knowledge.debian_recommends``), its package is
    added to the list; the message names the program, its line and the package that recommended it.

Skips
    A call whose later steps run one of those programs when no package installed by name provides it and the
    base image is not known to ship it (it may come from a Recommends this pass cannot see, or from a
    dependency it does not know): name the providing package in the install and the pass applies. Programs
    a tool runs behind the scenes (``pip install`` compiling a C extension needs ``gcc``) are not visible.

Why
    apt installs the Recommends of every package by default: tens to hundreds of megabytes that the image
    rarely uses (``python3-pip`` alone recommends ``build-essential``). (binnacle/Parfum
    ``aptGetInstallUseNoRec``, hadolint DL3015.)

Example
    Before::

        RUN apt-get update && apt-get install -y curl \
            && rm -rf /var/lib/apt/lists/*

    After::

        RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \
            && rm -rf /var/lib/apt/lists/*

Fix safety
    review: a program may rely on a package that only came in as a Recommends (``python3-pip`` building a
    native wheel needs the recommended ``build-essential``/``python3-dev``; ``git`` over ssh needs
    ``openssh-client``). ca-certificates and the programs later steps run visibly are kept; build and run the
    image and name any other package it turns out to need.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor.document import Document, Instruction
from refactor.edits import Finding, Fix, Safety
from refactor.images import installed_packages
from refactor.installed import kept_packages
from refactor.knowledge.debian_recommends import (
    IMPLIES,
    SOFT_IMPLIES,
    TLS_CLIENTS_NEEDING_CA,
    base_ships,
    program_of,
    provides,
    recommended_provider,
)
from refactor.knowledge.distros import release_of_image
from refactor.knowledge.programs import COMMAND_RUNNERS
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word, insert_words_after
from refactor.shell import ShellScript, shell_of
from refactor.stages import later_instructions
from refactor.words import expand
from transforms._apt import AptCall, apt_call, apt_calls

_RECOMMENDS_CONFIG = re.compile(r"^APT::Install-Recommends=", re.I)


def _recommends_decided(call: AptCall) -> bool:
    vals = call.option_values
    for k, v in enumerate(vals):
        if v.split("=", 1)[0] in ("--no-install-recommends", "--install-recommends"):
            return True
        if v in ("-o", "--option") and k + 1 < len(vals) and _RECOMMENDS_CONFIG.match(vals[k + 1]):
            return True
        if v.startswith("--option=") and _RECOMMENDS_CONFIG.match(v.split("=", 1)[1]):
            return True
    return False


def _needs_ca(doc: Document, ins: Instruction, script: ShellScript, call: AptCall) -> bool:
    env = doc.stages[ins.stage_index].env()
    # a package list in an ARG/ENV (``apt-get install -y $DANTE_DEPS``) counts with its default value
    values = [w for a in call.args for w in ((expand(a.value, env) or "") if "$" in a.value else a.value).split()]
    names = {v.split("=", 1)[0].split(":", 1)[0] for v in values}
    if not names & TLS_CLIENTS_NEEDING_CA:
        return False
    for c in script.commands:
        other = apt_call(c)
        if other is not None and other.verb.value == "install" and any(
                a.value.startswith("ca-certificates") for a in other.args):
            return False
    stage = doc.stages[ins.stage_index]
    return "ca-certificates" not in installed_packages(stage)


def _package_names(call: AptCall) -> tuple[set[str], bool]:
    """Names of the packages the call installs, and whether some are hidden behind a variable."""
    names = {re.split(r"[=<>~]", a.value, maxsplit=1)[0].split(":", 1)[0] for a in call.args if "$" not in a.value}
    return names, any("$" in a.value for a in call.args)


SOFT = "?"  # marks a program needed only if an installed package brings it as a Recommends


def _command_programs(words: list[str]) -> list[str]:
    """The programs a command line runs that --no-install-recommends could take away (``make`` runs cc too)."""
    k = 0
    while k < len(words) and (words[k].rsplit("/", 1)[-1] in COMMAND_RUNNERS
                              or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[k])
                              or (k > 0 and words[k].startswith("-"))):  # a wrapper's options (env -i, tini --)
        k += 1
    if k >= len(words):
        return []
    name = words[k].rsplit("/", 1)[-1]
    program = program_of(name)
    hard = list(IMPLIES[name]) if name in IMPLIES else [program] if program else []
    pip = re.sub(r"^(pip3?)(\.\d+)*$", r"\1", name)
    soft = [p for (cmd, verb), v in SOFT_IMPLIES.items() if cmd == pip and (not verb or verb in words[k + 1:])
            for p in v]
    return hard + [SOFT + p for p in soft]


def _later_programs(doc: Document, ins: Instruction, script: ShellScript, call: AptCall
                    ) -> list[tuple[str, Instruction, int]]:
    """``(program, instruction, offset)`` for every program a later command of the RUN, a later RUN of the stage
    or of a stage built on it, or a CMD/ENTRYPOINT there, runs."""
    out: list[tuple[str, Instruction, int]] = []
    for c in script.commands:
        if c.lstart >= call.cmd.lend and c.words:
            out += [(p, ins, c.words[0].start) for p in _command_programs(c.argv)]
    for later in later_instructions(ins):
        if later.name == "RUN":
            sub = shell_of(later)
            if sub is not None:
                for c in sub.commands:
                    if c.words:
                        out += [(p, later, c.words[0].start) for p in _command_programs(c.argv)]
            elif later.is_json and later.json_args:
                out += [(p, later, later.start) for p in _command_programs(later.json_args)]
        elif later.name in ("CMD", "ENTRYPOINT"):
            argv = later.json_args if later.is_json else [w.value for w in later.words]
            out += [(p, later, later.start) for p in _command_programs(argv or [])]
    return out


def _kept_programs(doc: Document, ins: Instruction, script: ShellScript, call: AptCall
                   ) -> tuple[dict[str, tuple[str, int, str]], list[str], tuple[str, int, str] | None]:
    """What --no-install-recommends would take from the programs later steps run:
    ``({package to name: (program, line, recommender)}, programs checked, (program, line, why) undetermined)``."""
    names, hidden = _package_names(call)
    add: dict[str, tuple[str, int, str]] = {}
    checked: list[str] = []
    unknown: tuple[str, int, str] | None = None
    by_stage: dict[int, set[str]] = {}
    for marked, where, offset in _later_programs(doc, ins, script, call):
        program, soft = marked.removeprefix(SOFT), marked.startswith(SOFT)
        stage = doc.stages[where.stage_index]
        if stage.index not in by_stage:  # installed by name at some point, even if purged later
            by_stage[stage.index] = set().union(*kept_packages(stage))
        named = names | by_stage[stage.index]
        line = doc.line_number(offset)
        if any(provides(p, program) for p in named) or base_ships(stage.root_image(), program):
            if program not in checked and not soft:
                checked.append(program)
            continue
        release = release_of_image(stage.root_image())
        recommender = next((p for p in sorted(names) if recommended_provider(p, program, release)), None)
        if recommender is not None:
            package = recommended_provider(recommender, program, release) or ""
            # gcc through libc6-dev (a release-dependent Recommends) unless the package recommends it itself
            # (dpkg-dev, cmake: the same on every release)
            chain = package == "gcc" and recommender != "libc6-dev" and \
                recommended_provider(recommender, program) is None
            via = f"libc6-dev on {release.label}, a dependency of {recommender}" if chain and release else recommender
            add.setdefault(package, (program, line, via))
            continue
        if any(recommended_provider(p, program, release) for p in named):
            continue  # another install of the stage brings it as a Recommends; that install names it
        if unknown is None and not soft:
            image = stage.root_image()
            where_from = "a package hidden behind a variable here, " if hidden else ""
            known_base = base_ships(image, program) is not None
            if not known_base:
                where_from += f"the base image {image}, "
            why = (f"is not installed by name and {image} does not ship it: it may come from {where_from}a "
                   "dependency this pass does not know, or a Recommends" if known_base
                   else f"is not installed by name: it may come from {where_from}or a Recommends")
            unknown = (program, line, why)
    return add, checked, unknown


def run_no_rec(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for ins, script, call in apt_calls(doc):
        if call.verb.value != "install" or _recommends_decided(call):
            continue
        add, checked, unknown = _kept_programs(doc, ins, script, call)
        if unknown is not None:
            program, line, why = unknown
            yield Finding(NO_REC.id, f"--no-install-recommends not added: {program} (run at line {line}) {why}; "
                          f"name the package that provides {program} in this install, then this pass can add it",
                          call.tool.start)
            continue
        edits = [insert_after_word(call.anchor(), "--no-install-recommends")]
        message = "install only what is named: add --no-install-recommends"
        packages = [a for a in call.args if not a.value.startswith("$")] or list(call.args)
        extra: list[str] = []
        if _needs_ca(doc, ins, script, call):
            extra.append("ca-certificates")
            message += "; ca-certificates (a Recommends of the TLS client installed here) is now named"
        for package, (program, line, recommender) in add.items():
            extra.append(package)
            what = {"python-headers": "Python.h, which pip install compiles against at line",
                    "python3-headers": "Python.h, which pip3 install compiles against at line",
                    "flex-headers": "FlexLexer.h, for a C++ flex scanner the build at line"}.get(
                        program, f"{program}, run at line")
            message += (f"; {package} is now named ({what} {line}, came only as a Recommends "
                        f"of {recommender})")
        if extra:
            edits.append(insert_words_after(ins, packages[-1], extra, tuple(edits)))
        kept = [p for p in checked if p not in {a[0] for a in add.values()}]
        if kept:
            message += (f"; checked the programs later steps run: {', '.join(kept)} installed by name or shipped "
                        "with the image")
        elif add:
            message += "; checked: no other program later steps run came only as a Recommends"
        else:
            message += "; checked: no later step (this RUN, later RUNs, CMD) runs a program only a Recommends brings"
        yield Fix(NO_REC.id, message, tuple(edits), Safety.REVIEW, offset=call.tool.start)


NO_REC = Pass("apt-get-install-use-no-rec", "Add --no-install-recommends to apt-get install", Safety.REVIEW,
              run_no_rec, __doc__ or "", aliases=("aptGetInstallUseNoRec",), cmd_ok=True,
              hadolint=("DL3015",), triggers=("apt",))

PASSES = (NO_REC,)
