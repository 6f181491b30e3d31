"""apt hygiene on Debian/Ubuntu: apt-get not apt, -y, --no-install-recommends, update with install, no lists left.

Five rules share this module; each Pass carries its own documentation below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from refactor.commands import joiner, run_scripts
from refactor.document import Document, Instruction
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.images import installed_packages
from refactor.installed import kept_packages
from refactor.knowledge.debian_recommends import (
    IMPLIES,
    SOFT_IMPLIES,
    base_ships,
    program_of,
    provides,
    recommended_provider,
)
from refactor.knowledge.distros import release_of_image
from refactor.passes import Context, Pass, Result
from refactor.rewrite import append_cleanup, insert_after_word, insert_command_inline_before, insert_words_after
from refactor.shell import ShellCommand, ShellScript, shell_of
from refactor.stages import later_instructions, shipped_stages
from refactor.words import expand
from transforms._apt import (
    LISTS,
    AptCall,
    apt_cache_mounted,
    apt_call,
    debian_stages,
    is_update,
    op_ok,
    reads_lists,
)
from transforms._hygiene import removes

# ---------------------------------------------------------------------------------------------- apt → apt-get

# apt verbs with the same meaning in apt-get (``full-upgrade`` is apt-get's ``dist-upgrade``).
_APT_VERBS = {"install": "install", "update": "update", "remove": "remove", "purge": "purge",
              "autoremove": "autoremove", "clean": "clean", "autoclean": "autoclean", "build-dep": "build-dep",
              "source": "source", "download": "download", "satisfy": "satisfy", "upgrade": "upgrade",
              "full-upgrade": "dist-upgrade", "dist-upgrade": "dist-upgrade"}


def _apt_calls(doc: Document) -> Iterator[tuple[Instruction, ShellScript, AptCall]]:
    for stage in debian_stages(doc):
        for ins, script in run_scripts(stage):
            for cmd in script.commands:
                call = apt_call(cmd)
                if call is not None:
                    yield ins, script, call


def run_apt_to_apt_get(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for _ins, _script, call in _apt_calls(doc):
        tool = call.tool
        if tool.value.rsplit("/", 1)[-1] != "apt" or tool.raw != tool.value:
            continue
        verb = call.verb.value
        if verb not in _APT_VERBS:
            continue
        edits = [Edit(tool.start, tool.end, tool.value[:-3] + "apt-get")]
        target = _APT_VERBS[verb]
        if target != verb:
            edits.append(Edit(call.verb.start, call.verb.end, target))
        if verb == "upgrade" and "--with-new-pkgs" not in call.option_values:
            # apt's upgrade installs new dependencies; apt-get's needs --with-new-pkgs to do the same.
            edits.append(Edit.insert(call.verb.end, " --with-new-pkgs"))
        yield Fix(APT_TO_APT_GET.id, f"'apt {verb}' is meant for people (no stable CLI); use 'apt-get {target}'",
                  tuple(edits), Safety.SAFE, offset=tool.start)


DOC_APT_TO_APT_GET = """
What it does
    Rewrites ``apt <verb>`` to ``apt-get <verb>`` in RUN for the verbs both tools share (``install``,
    ``update``, ``remove``, ``purge``, ``autoremove``, ``clean``, ``build-dep``, ``source``…);
    ``apt full-upgrade`` becomes ``apt-get dist-upgrade`` and ``apt upgrade`` becomes
    ``apt-get upgrade --with-new-pkgs`` (what apt does). ``apt search``/``show``/``list`` are left alone.

Why
    apt is the interactive front end: its output is for people and it warns "apt does not have a stable
    CLI interface. Use with caution in scripts." apt-get is the scripting interface. (hadolint DL3027.)

Example
    Before::

        RUN apt update && apt install -y curl

    After::

        RUN apt-get update && apt-get install -y curl

Fix safety
    safe: the same packages are installed with the same options. The one difference, apt deleting the
    downloaded .deb files where apt-get keeps them, is void in images built on the official debian and
    ubuntu images, whose ``docker-clean`` apt setting deletes them after every install.
"""

# ---------------------------------------------------------------------------------------------- -y

_YES_CONFIG = re.compile(r"^APT::Get::Assume-Yes=(1|true|yes)$", re.I)


def _assumes_yes(call: AptCall) -> bool:
    quiet = 0
    vals = call.option_values
    for k, v in enumerate(vals):
        if v in ("-y", "--yes", "--assume-yes", "--assume-no", "-qq", "-q=2", "--quiet=2", "--trivial-only"):
            return True
        if v.startswith("-") and not v.startswith("--") and "=" not in v:
            if "y" in v[1:] and set(v[1:]) <= set("yqsdfmbuV"):
                return True
            quiet += v[1:].count("q")
        elif v == "--quiet":
            quiet += 1
        if v in ("-o", "--option") and k + 1 < len(vals) and _YES_CONFIG.match(vals[k + 1]):
            return True
        if v.startswith("--option=") and _YES_CONFIG.match(v.split("=", 1)[1]):
            return True
    return quiet >= 2  # -qq implies -y


def run_use_y(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for _ins, _script, call in _apt_calls(doc):
        if call.verb.value != "install" or _assumes_yes(call) or call.verb.raw != call.verb.value:
            continue
        tool = call.tool.value.rsplit("/", 1)[-1]
        yield Fix(USE_Y.id, f"{tool} install without -y stops at its 'Do you want to continue?' prompt; add -y",
                  (insert_after_word(call.verb, "-y"),), Safety.SAFE, offset=call.tool.start)


DOC_USE_Y = """
What it does
    Adds ``-y`` after ``install`` in ``apt-get install`` (and ``apt install``) when no assume-yes option is
    given (``-y``, ``--yes``, ``--assume-yes``, ``-qq``, ``-q=2``, ``-o APT::Get::Assume-Yes=true``, or
    ``--assume-no``/``--trivial-only``, which answer the prompt the other way).

Why
    apt-get asks "Do you want to continue? [Y/n]" whenever it installs more than was named; a build has no
    terminal, apt-get reads end of input and aborts. (binnacle/Parfum ``aptGetInstallUseY``, hadolint DL3014.)

Example
    Before::

        RUN apt-get update && apt-get install curl

    After::

        RUN apt-get update && apt-get install -y curl

Fix safety
    safe: where apt-get would have prompted the build failed; where it would not, ``-y`` changes nothing.
"""

# ---------------------------------------------------------------------------------------------- --no-install-recommends

_RECOMMENDS_CONFIG = re.compile(r"^APT::Install-Recommends=", re.I)
# Tools that reach https servers and only get CA certificates through a Recommends.
_TLS_CLIENTS_NEEDING_CA = frozenset({"curl", "wget", "git", "wget2", "aria2", "httpie", "apt-transport-https",
                                     "dirmngr", "gnupg", "gnupg2", "subversion", "mercurial", "lftp"})


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
    if not names & _TLS_CLIENTS_NEEDING_CA:
        return False
    for c in script.commands:
        other = apt_call(c)
        if other is not None and other.verb.value == "install" and any(
                a.value.startswith("ca-certificates") for a in other.args):
            return False
    stage = doc.stages[ins.stage_index]
    return "ca-certificates" not in installed_packages(stage)


# Wrappers that run the next word as the command (``sudo make``, ``env CC=gcc make``).
_WRAPPERS = frozenset({"sudo", "command", "exec", "env", "nohup", "time", "xargs", "nice", "dumb-init", "tini"})


def _package_names(call: AptCall) -> tuple[set[str], bool]:
    """Names of the packages the call installs, and whether some are hidden behind a variable."""
    names = {re.split(r"[=<>~]", a.value, maxsplit=1)[0].split(":", 1)[0] for a in call.args if "$" not in a.value}
    return names, any("$" in a.value for a in call.args)


SOFT = "?"  # marks a program needed only if an installed package brings it as a Recommends


def _command_programs(words: list[str]) -> list[str]:
    """The programs a command line runs that --no-install-recommends could take away (``make`` runs cc too)."""
    k = 0
    while k < len(words) and (words[k].rsplit("/", 1)[-1] in _WRAPPERS
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
            via = recommender if package != "gcc" or recommender == "libc6-dev" else \
                f"libc6-dev on {release.label if release else ''}, a dependency of {recommender}"
            add.setdefault(package, (program, line, via))
            continue
        if any(recommended_provider(p, program, release) for p in named):
            continue  # another install of the stage brings it as a Recommends; that install names it
        if unknown is None and not soft:
            image = stage.root_image()
            where_from = "a package hidden behind a variable here, " if hidden else ""
            if base_ships(image, program) is None:
                where_from += f"the base image {image}, "
            why = (f"is not installed by name and {image} does not ship it: it may come from {where_from}a "
                   "dependency this pass does not know, or a Recommends" if not where_from.startswith("the base")
                   else f"is not installed by name: it may come from {where_from}or a Recommends")
            unknown = (program, line, why)
    return add, checked, unknown


def run_no_rec(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for ins, script, call in _apt_calls(doc):
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
            message += f" (later steps run {', '.join(kept)}: installed by name or shipped with the image)"
        yield Fix(NO_REC.id, message, tuple(edits), Safety.REVIEW, offset=call.tool.start)


DOC_NO_REC = """
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

        RUN apt-get update && apt-get install -y curl \\
            && rm -rf /var/lib/apt/lists/*

    After::

        RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\
            && rm -rf /var/lib/apt/lists/*

Fix safety
    review: a program may rely on a package that only came in as a Recommends (``python3-pip`` building a
    native wheel needs the recommended ``build-essential``/``python3-dev``; ``git`` over ssh needs
    ``openssh-client``). ca-certificates and the programs later steps run visibly are kept; build and run the
    image and name any other package it turns out to need.
"""

# ---------------------------------------------------------------------------------------------- update + install

_UPDATE_NEEDED = frozenset({"install", "build-dep", "source", "download", "satisfy"})


def _needs_lists(call: AptCall) -> bool:
    if call.verb.value not in _UPDATE_NEEDED:
        return False
    if call.verb.value == "install":
        return bool(call.args) and not all(a.value.endswith(".deb") and "/" in a.value for a in call.args)
    return True


def run_update_precedes(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for stage in debian_stages(doc):
        for _ins, script in run_scripts(stage):
            for cmd in script.commands:
                if is_update(cmd):
                    break
                call = apt_call(cmd)
                if call is None or not _needs_lists(call):
                    continue
                if not op_ok(cmd) or call.tool.raw != call.tool.value:
                    yield Finding(UPDATE.id, "apt-get install without apt-get update before it in the RUN; "
                                  "not rewritten here (inside a condition or pipe): add 'apt-get update' by hand",
                                  cmd.words[0].start)
                    break
                sudo = "sudo " if cmd.words[0].value == "sudo" else ""
                op = joiner(script) if cmd.op_before == ";" else "&&"
                yield Fix(UPDATE.id, "apt-get install in a RUN without apt-get update reads the lists of an "
                          "earlier layer (stale: 404s) or none; update in the same RUN",
                          (insert_command_inline_before(cmd, f"{sudo}apt-get update", op),), Safety.SAFE,
                          offset=cmd.words[0].start)
                break


DOC_UPDATE = """
What it does
    In a RUN whose first ``apt-get install`` (also ``build-dep``, ``source``, ``download``, ``satisfy``, and
    the same through ``apt``) has no ``apt-get update`` before it in the same RUN, inserts
    ``apt-get update &&`` right before that command (``;`` in a ``set -e; …;`` script), after any
    repository the RUN sets up first. An install of local ``.deb`` files only is left alone; a command
    inside a condition or a pipe is reported, not rewritten.

Why
    Package lists downloaded by an earlier ``RUN apt-get update`` are frozen in that layer's cache: when the
    install line changes, the build reuses lists weeks old and fails with 404s, or installs outdated
    versions; a base image such as debian:*-slim ships no lists at all. (binnacle/Parfum
    ``aptGetUpdatePrecedesInstall``.)

Example
    Before::

        RUN apt-get update
        RUN apt-get install -y curl

    After::

        RUN apt-get update
        RUN apt-get update && apt-get install -y curl

Fix safety
    safe: the same packages are installed, from current lists instead of possibly stale ones.
"""

# ---------------------------------------------------------------------------------------------- rm lists

_READER_TEXT = re.compile(r"\b(apt-get|apt|aptitude)\s+(\S+\s+)*?(install|upgrade|dist-upgrade|source|build-dep|"
                          r"download)\b|\bapt-cache\b|\bapt-file\b")


def _consumer(later: list[Instruction]) -> Instruction | None:
    """A later instruction that reads the package lists without refreshing them first."""
    for ins in later:
        if ins.name not in ("RUN", "ONBUILD"):
            continue
        script = shell_of(ins) if ins.name == "RUN" else None
        if script is None:
            text = ins.logical.text + "".join(h.body(ins.doc.text) for h in ins.heredocs)
            m = _READER_TEXT.search(text)
            if m and "update" not in text[:m.start()]:
                return ins
            continue
        for cmd in script.commands:
            if is_update(cmd):
                break
            if reads_lists(cmd):
                return ins
    return None


def run_rm_lists(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    shipped = shipped_stages(doc)
    for stage in debian_stages(doc):
        if stage.index not in shipped:
            continue
        for ins, script in run_scripts(stage):
            updates = [c for c in script.commands if is_update(c)]
            if not updates or apt_cache_mounted(ins):
                continue
            last = max((c for c in script.commands if is_update(c) or reads_lists(c)), key=lambda c: c.lstart)
            if removes(script, last, f"{LISTS}/*") or _removed_by_find(script, last):
                continue
            consumer = _consumer(later_instructions(ins))
            if consumer is not None:
                yield Finding(RM_LISTS.id, f"package lists kept: line {consumer.lineno} installs without its own "
                              "'apt-get update' (apt-get-update-precedes-install fixes that)",
                              updates[0].words[0].start)
                continue
            if all(is_update(c) for c in script.commands) and not ins.comment_lines():
                # Nothing reads these lists any more: the layer is pure weight.
                yield Fix(RM_LISTS.id, "this RUN only downloads package lists that no later step reads; remove it",
                          (Edit.delete(ins.line_start, ins.stop),), Safety.SAFE, offset=ins.start)
                continue
            edit = append_cleanup(script, f"rm -rf {LISTS}/*")
            if edit is None:
                yield Finding(RM_LISTS.id, f"cannot append 'rm -rf {LISTS}/*' to this RUN safely (it ends in "
                              "exit/exec, a comment or a background job); add it by hand", updates[0].words[0].start)
                continue
            yield Fix(RM_LISTS.id, f"apt-get update leaves ~20-50 MB of package lists in {LISTS}; remove them "
                      "at the end of the RUN", (edit,), Safety.SAFE, offset=updates[0].words[0].start)


def _removed_by_find(script: ShellScript, after: ShellCommand) -> bool:
    """``find /var/lib/apt/lists … -delete`` or ``apt-get dist-clean`` (apt 2.7+: lists and cache) after ``after``."""
    for c in script.commands:
        if c.lstart <= after.lstart:
            continue
        if c.name == "find" and any(w.value.startswith(LISTS) for w in c.words) and "-delete" in c.argv:
            return True
        call = apt_call(c)
        if call is not None and call.verb.value == "dist-clean":
            return True
    return False


DOC_RM_LISTS = """
What it does
    Appends ``rm -rf /var/lib/apt/lists/*`` to a RUN that runs ``apt-get update`` and does not already
    remove the lists after its last apt command (``rm``, ``find … -delete`` or apt 2.7's
    ``apt-get dist-clean``), in stages that end up in an image (the final stage, the
    stages it builds on, and any stage another stage is built ``FROM``). The command follows the RUN's
    style: ``\\`` + newline + indentation, leading or trailing ``&&``, ``;`` in ``set -e; …;`` scripts.
    Left alone: a RUN whose BuildKit cache mount holds ``/var/lib/apt`` or ``/var/cache/apt``, and a RUN
    followed (in its stage or a stage built on it) by an install that does not run ``apt-get update`` itself
    (reported; ``apt-get-update-precedes-install`` fixes that, after which this rule applies).

Why
    The lists are tens of megabytes of metadata only apt-get needs; left in a layer they stay in the image
    for ever. The official images all end their apt RUNs this way. (binnacle/Parfum
    ``aptGetInstallThenRemoveAptLists``, hadolint DL3009.)

Example
    Before::

        RUN apt-get update && apt-get install -y --no-install-recommends curl

    After::

        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*

Fix safety
    safe: every later apt command of the Dockerfile refreshes the lists first (checked). A container that
    runs ``apt-get install`` at start-up without ``apt-get update`` would need the update too.
"""

APT_TO_APT_GET = Pass("apt-to-apt-get", "Use apt-get, not apt, in RUN", Safety.SAFE,
                      run_apt_to_apt_get,
                      DOC_APT_TO_APT_GET, hadolint=("DL3027",))
USE_Y = Pass("apt-get-install-use-y", "Add -y to apt-get install", Safety.SAFE,
             run_use_y, DOC_USE_Y, aliases=("aptGetInstallUseY",), cmd_ok=True,
             hadolint=("DL3014",))
NO_REC = Pass("apt-get-install-use-no-rec", "Add --no-install-recommends to apt-get install", Safety.REVIEW,
              run_no_rec, DOC_NO_REC, aliases=("aptGetInstallUseNoRec",), cmd_ok=True,
              hadolint=("DL3015",))
UPDATE = Pass("apt-get-update-precedes-install", "Run apt-get update in the same RUN as apt-get install",
              Safety.SAFE, run_update_precedes, DOC_UPDATE, aliases=("aptGetUpdatePrecedesInstall",))
RM_LISTS = Pass("apt-get-install-rm-apt-lists", "Remove /var/lib/apt/lists/* at the end of an apt RUN", Safety.SAFE,
                run_rm_lists, DOC_RM_LISTS, aliases=("aptGetInstallThenRemoveAptLists",),
                hadolint=("DL3009",))

PASSES = (APT_TO_APT_GET, USE_Y, NO_REC, UPDATE, RM_LISTS)
