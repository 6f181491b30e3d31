"""
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

        RUN mkdir -p /usr/src/redis \
            && tar -xzf /tmp/redis.tgz -C /usr/src/redis --strip-components=1 \
            && make -C /usr/src/redis install

    After::

        RUN mkdir -p /usr/src/redis \
            && tar -xzf /tmp/redis.tgz -C /usr/src/redis --strip-components=1 \
            && make -C /usr/src/redis install \
            && rm -rf /usr/src/redis

Fix safety
    review: files are removed from the image. An installed program may still read files from its build
    tree (plugins, data, a Makefile run later by hand), which a Dockerfile alone cannot show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor import lazy_re
from refactor.commands import run_scripts, strip_wrappers, tool_name
from refactor.document import Document, Instruction
from refactor.edits import Finding, Safety
from refactor.knowledge.ecosystems.node import NPM_LINK
from refactor.knowledge.ecosystems.python import PIP_INSTALL
from refactor.passes import Context, Pass, Result
from refactor.shell import ShellCommand, ShellScript, ShellWord
from transforms._hygiene import cleanup_at_end, other_text, plain_path, removes

_BUILD = lazy_re.compile(r"\bmake\b[^&;|]*\binstall\b|\bninja\b[^&;|]*\binstall\b|\bcmake\s+--install\b"
                    r"|\bsetup\.py\s+install\b|\bcheckinstall\b")


def _keeps_links(script: ShellScript) -> bool:
    """True when a command leaves links into the build tree: ``ln -s``, ``npm link``, an editable ``pip install
    -e`` (pip-install(1): ``-e``/``--editable``), ``setup.py develop`` (``python -u /usr/src/x/setup.py develop``,
    ``./setup.py develop`` too)."""
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
        setup = next((i for i, v in enumerate(values) if tool_name(v) == "setup.py"), None)
        if NPM_LINK.matches(cmd) or (setup is not None and "develop" in values[setup + 1:]):
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
    build = _BUILD.search(text)
    if build is None:
        yield Finding(USR_SRC.id, f"{path} holds no build this RUN installs from (no 'make install'); kept",
                      word.start)
        return
    if _keeps_links(script):
        yield Finding(USR_SRC.id, f"the RUN links or installs in place from {path}; kept", word.start)
        return
    step = " ".join(w for w in build.group().split() if w != "\\")
    message = (f"the build tree {path} stays in the layer after '{step}'; remove it (checked: no other instruction "
               "names it, and nothing links or installs in place from it)")
    yield cleanup_at_end(USR_SRC.id, script, f"rm -rf {path}", message, Safety.REVIEW, word.start)


USR_SRC = Pass("mkdir-usr-src-then-remove", "Remove /usr/src build trees after make install", Safety.REVIEW,
               run_usr_src, __doc__ or "", aliases=("mkdirUsrSrcThenRemove",))


PASSES = (USR_SRC,)
