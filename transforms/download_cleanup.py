"""Leftovers of download-and-build RUNs: mktemp folders, /usr/src build trees, extracted tarballs.

Three rules share this module; each Pass carries its own documentation below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor.commands import run_scripts, strip_wrappers, tool_name
from refactor.document import Document, Instruction
from refactor.edits import Finding, Safety
from refactor.knowledge.ecosystems.node import NPM_LINK
from refactor.knowledge.ecosystems.python import PIP_INSTALL
from refactor.passes import Context, Pass, Result
from refactor.shell import ShellCommand, ShellScript, ShellWord
from transforms._hygiene import cd_between, cleanup_at_end, later_commands, other_text, plain_path, quote, removes

_MKTEMP = re.compile(r"""^([A-Za-z_][A-Za-z0-9_]*)=["']?(?:\$\(|`)\s*mktemp\s+([^)`]*)(?:\)|`)["']?$""")
_ARCHIVE = re.compile(r"\.(tar(\.[A-Za-z0-9]+)?|tgz|tbz2?|txz|tzst|tlz)$", re.I)


# -- rm-recursive-after-mktemp-d -------------------------------------------------------------------

def mktemp_dirs(cmd: ShellCommand) -> list[str]:
    """Variables assigned a ``mktemp -d`` folder by this command (``d=$(mktemp -d)``, ``export d=…``)."""
    words, _ = strip_wrappers(cmd)
    candidates = list(cmd.assignments)
    if words and words[0].value in ("export", "local", "readonly", "declare"):
        candidates += [w for w in words[1:] if "=" in w.raw]
    out = []
    for w in candidates:
        m = _MKTEMP.match(w.raw)
        if m and re.search(r"(^|\s)(-[A-Za-z]*d[A-Za-z]*|--directory)(\s|$)", m.group(2)):
            out.append(m.group(1))
    return out


def _uses_var(script: ShellScript, after: ShellCommand, name: str) -> bool:
    pattern = re.compile(r"\$(\{)?" + name + r"(?(1)\})(?![A-Za-z0-9_])")
    for c in later_commands(script, after):
        if c.words and tool_name(c.words[0].value) == "rm" and any(pattern.search(w.raw) for w in c.words[1:]):
            return True
    return False


def _keeps_reference(script: ShellScript, name: str) -> bool:
    """True when something outliving the RUN points into the folder: a symlink, an editable install, or
    the path written into a file (``echo "$d" > /etc/x``, ``sed -i "s|…|$d|" conf``)."""
    var = r"\$\{?" + name + r"\b"
    persist = (r"\bln\s+(-[a-zA-Z]*\s+)*-[a-zA-Z]*s[^&;|]*" + var,
               r"(pip[0-9.]*\s+install\s+[^&;|]*(-e|--editable)|setup\.py\s+develop|npm\s+link)[^&;|]*" + var,
               r"\b(echo|printf)\b[^&;|]*" + var + r"[^&;|]*>",
               r"\bsed\s+[^&;|]*-i[^&;|]*" + var)
    return any(re.search(p, script.text) for p in persist)


def run_mktemp(doc: Document, ctx: Context) -> Iterable[Result]:
    for _ins, script in run_scripts(doc):
        seen: set[str] = set()
        for cmd in script.commands:
            for name in mktemp_dirs(cmd):
                if name in seen or _uses_var(script, cmd, name):
                    continue
                seen.add(name)
                if _keeps_reference(script, name):
                    yield Finding(MKTEMP.id, f"the RUN links to or records ${name} (ln -s, pip install -e, "
                                  "a file written with its path); kept", (cmd.words or cmd.assignments)[0].start)
                    continue
                if cmd.depth > 0:
                    yield Finding(MKTEMP.id, f"${name} is created inside a loop, branch or subshell; remove it there",
                                  (cmd.words or cmd.assignments)[0].start)
                    continue
                gpg = name == "GNUPGHOME"
                msg = f"the temporary folder ${name} stays in the layer; remove it at the end of the RUN"
                if gpg:
                    msg += " (stop gpg-agent first with 'gpgconf --kill all' if it is running)"
                yield cleanup_at_end(MKTEMP.id, script, f'rm -rf "${name}"', msg, Safety.REVIEW if gpg else Safety.SAFE,
                                     (cmd.words or cmd.assignments)[0].start)


# -- mkdir-usr-src-then-remove ---------------------------------------------------------------------

_BUILD = re.compile(r"\bmake\b[^&;|]*\binstall\b|\bninja\b[^&;|]*\binstall\b|\bcmake\s+--install\b"
                    r"|\bsetup\.py\s+install\b|\bcheckinstall\b")


def _keeps_links(script: ShellScript) -> bool:
    """True when a command leaves links into the build tree: ``ln -s``, ``npm link``, an editable ``pip install
    -e`` (pip-install(1): ``-e``/``--editable``), ``python setup.py develop``."""
    for cmd in script.commands:
        words, _ = strip_wrappers(cmd)
        values = [w.value for w in words]
        if not values:
            continue
        if tool_name(values[0]) == "ln" and any(re.fullmatch(r"-[a-zA-Z]*s[a-zA-Z]*|--symbolic", v)
                                                for v in values[1:]):
            return True
        pip = PIP_INSTALL.match(cmd)
        if pip is not None and any(w.value.split("=", 1)[0] in ("-e", "--editable") for w in pip.option_words):
            return True
        if NPM_LINK.matches(cmd) or ("setup.py" in values[1:2] and "develop" in values[2:]):
            return True
    return False


def run_usr_src(doc: Document, ctx: Context) -> Iterable[Result]:
    for ins, script in run_scripts(doc):
        for cmd in script.commands:
            if not cmd.words or tool_name(cmd.words[0].value) != "mkdir":
                continue
            for w in cmd.words[1:]:
                path = w.value.rstrip("/")
                if w.value.startswith("-") or not path.startswith("/usr/src/") or not plain_path(path) \
                        or "$" in path or removes(script, cmd, path):
                    continue
                yield from _usr_src(doc, ins, script, cmd, w, path)


def _usr_src(doc: Document, ins: Instruction, script: ShellScript, cmd: ShellCommand, word: ShellWord,
             path: str) -> Iterable[Result]:
    if path in other_text(doc, ins):
        yield Finding(USR_SRC.id, f"{path} is used by another instruction (the app or a later build); kept",
                      word.start)
        return
    text = script.text
    if not _BUILD.search(text):
        yield Finding(USR_SRC.id, f"{path} holds no build this RUN installs from (no 'make install'); kept",
                      word.start)
        return
    if _keeps_links(script):
        yield Finding(USR_SRC.id, f"the RUN links or installs in place from {path}; kept", word.start)
        return
    yield cleanup_at_end(USR_SRC.id, script, f"rm -rf {path}",
                         f"the build tree {path} stays in the layer after 'make install'; remove it", Safety.REVIEW,
                         word.start)


# -- tar-something-rm-the-something ------------------------------------------------------------------

def tar_archive(cmd: ShellCommand) -> ShellWord | None:
    """The archive word of a ``tar`` that extracts from a file (``tar -xzf X``, ``tar xf X``, ``--file=X``)."""
    words, _ = strip_wrappers(cmd)
    if not words or tool_name(words[0].value) != "tar":
        return None
    args = list(words[1:])
    extract = False
    archive: ShellWord | None = None
    for k, w in enumerate(args):
        v = w.value
        if v in ("--extract", "--get"):
            extract = True
        elif v == "--file" and k + 1 < len(args):
            archive = args[k + 1]
        elif v.startswith("--file="):
            return None  # the path sits inside the option word; rare enough to leave to a person
        elif (v.startswith("-") and not v.startswith("--")) or (k == 0 and re.fullmatch(r"[A-Za-z]+", v)):
            letters = v.lstrip("-")
            if "x" in letters:
                extract = True
            if "f" in letters:
                if not letters.endswith("f") or k + 1 >= len(args):
                    return None
                archive = args[k + 1]
    if not extract or archive is None or archive.value == "-":
        return None
    return archive


def run_tar(doc: Document, ctx: Context) -> Iterable[Result]:
    for ins, script in run_scripts(doc):
        # only a COPY/ADD before the RUN can be where the archive came from (a later one uses it)
        copied = " ".join(w.value for i in doc.instructions[:ins.index] if i.name in ("COPY", "ADD")
                          for w in i.words)
        for cmd in script.commands:
            arc = tar_archive(cmd)
            if arc is None:
                continue
            path = arc.raw.strip('"\'') if "$" in arc.raw else arc.value
            if not _ARCHIVE.search(path) or not plain_path(path) or removes(script, cmd, path):
                continue
            base = path.rsplit("/", 1)[-1]
            if "$" not in base and base in copied:
                yield Finding(TAR.id, f"{base} comes from a COPY/ADD layer; removing it in a RUN saves nothing",
                              arc.start)
                continue
            if cmd.depth > 0 and "$" in path:
                yield Finding(TAR.id, f"{path} is extracted inside a loop or branch; remove it there", arc.start)
                continue
            if not path.startswith(("/", "$")) and cd_between(script, cmd):
                yield Finding(TAR.id, f"the RUN changes folder after extracting {path}; remove it by hand",
                              arc.start)
                continue
            if "$" not in base and base in other_text(doc, ins):
                yield Finding(TAR.id, f"{base} is used by another instruction; kept", arc.start)
                continue
            yield cleanup_at_end(TAR.id, script, f"rm -f {quote(path)}",
                                 f"the archive {base} stays in the layer next to what was extracted; remove it",
                                 Safety.SAFE, arc.start, shown=f"rm -f {path}")


DOC_MKTEMP = """
What it does
    For ``VAR="$(mktemp -d)"`` (also ``export VAR=…``) in a RUN with no later ``rm`` of ``$VAR``,
    appends ``rm -rf "$VAR"`` to the end of that RUN. A folder created inside a loop, branch or
    subshell is reported, not changed, and so is one the RUN still points to afterwards (``ln -s
    "$VAR/bin/x"``, ``pip install -e "$VAR"``, its path written into a file).

Why
    A temporary folder (a GnuPG home, a download or build folder) is only needed during the RUN; left in
    the layer it costs space and may hold keys or sources. (binnacle/Parfum rule
    ``rmRecursiveAfterMktempD``.)

Example
    Before::

        RUN export GNUPGHOME="$(mktemp -d)" \\
            && gpg --batch --recv-keys "$KEY" && gpg --batch --verify x.asc x

    After::

        RUN export GNUPGHOME="$(mktemp -d)" \\
            && gpg --batch --recv-keys "$KEY" && gpg --batch --verify x.asc x \\
            && rm -rf "$GNUPGHOME"

Fix safety
    safe for ordinary folders: the path exists only in that shell, so no later instruction can use it.
    review for ``GNUPGHOME``: a gpg-agent still running may be writing its sockets there; docker-library
    images run ``gpgconf --kill all`` first.
"""

DOC_USR_SRC = """
What it does
    For ``mkdir /usr/src/NAME`` in a RUN that builds and installs from it (``make install``, ``ninja
    install``, ``cmake --install``, ``setup.py install``) and never removes it, appends
    ``rm -rf /usr/src/NAME``. Left alone, with a finding: ``/usr/src`` itself, a folder any other
    instruction mentions (``WORKDIR /usr/src/app``, ``COPY … /usr/src/app``), a RUN without an install
    step, and a RUN that links or installs in place from the folder (``ln -s``, ``pip install -e``).

Why
    The sources and object files of a compiled dependency are not needed once it is installed; they
    often weigh more than the result. (binnacle/Parfum rule ``mkdirUsrSrcThenRemove``, from
    docker-library/python.)

Example
    Before::

        RUN mkdir -p /usr/src/redis \\
            && tar -xzf /tmp/redis.tgz -C /usr/src/redis --strip-components=1 \\
            && make -C /usr/src/redis install

    After::

        RUN mkdir -p /usr/src/redis \\
            && tar -xzf /tmp/redis.tgz -C /usr/src/redis --strip-components=1 \\
            && make -C /usr/src/redis install \\
            && rm -rf /usr/src/redis

Fix safety
    review: files are removed from the image. An installed program may still read files from its build
    tree (plugins, data, a Makefile run later by hand), which a Dockerfile alone cannot show.
"""

DOC_TAR = """
What it does
    After ``tar -x … -f ARCHIVE`` (``tar xzf``, ``--extract --file``) in a RUN with no later ``rm`` of the
    archive (or of a folder holding it), appends ``rm -f ARCHIVE`` to that RUN. Left alone, with a
    finding: an archive that comes from a COPY/ADD layer (removing it saves nothing), a relative path
    when the RUN changes folder afterwards, an archive extracted in a loop under a variable name, and an
    archive another instruction mentions. Reading from stdin (``-f -``) is not concerned.

Why
    Once extracted, the compressed archive is a second copy of the same content in the layer.
    (binnacle/Parfum rule ``tarSomethingRmTheSomething``.)

Example
    Before::

        RUN curl -fsSLo /tmp/go.tgz "$GO_URL" && tar -xzf /tmp/go.tgz -C /usr/local

    After::

        RUN curl -fsSLo /tmp/go.tgz "$GO_URL" && tar -xzf /tmp/go.tgz -C /usr/local && rm -f /tmp/go.tgz

Fix safety
    safe: the removal runs at the end of the same RUN, after the extraction, and no other instruction
    refers to the archive.
"""

MKTEMP = Pass("rm-recursive-after-mktemp-d", "Remove mktemp -d folders at the end of their RUN", Safety.REVIEW,
              run_mktemp, DOC_MKTEMP, aliases=("rmRecursiveAfterMktempD",))
USR_SRC = Pass("mkdir-usr-src-then-remove", "Remove /usr/src build trees after make install", Safety.REVIEW,
               run_usr_src, DOC_USR_SRC, aliases=("mkdirUsrSrcThenRemove",))
TAR = Pass("tar-something-rm-the-something", "Remove a tar archive after extracting it", Safety.SAFE,
           run_tar,
           DOC_TAR, aliases=("tarSomethingRmTheSomething",))

PASSES = (MKTEMP, USR_SRC, TAR)
