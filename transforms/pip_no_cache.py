"""
What it does
    Adds ``--no-cache-dir`` to every ``pip install`` in a RUN (``pip``, ``pip3``, ``pip3.12``, a venv's
    ``/opt/venv/bin/pip``, ``python -m pip``). It leaves alone a pip that already has ``--no-cache-dir``
    (or its prefix ``--no-cache``) or an explicit ``--cache-dir``, a RUN whose BuildKit cache mount holds
    pip's cache (``--mount=type=cache,target=/root/.cache/pip``), and a stage that sets
    ``PIP_NO_CACHE_DIR``. ``pip download``, ``pip wheel`` and ``uv pip`` are not touched.

Skips
    A pip older than 6.0, which has no ``--no-cache-dir``: on a base image whose tag names a Debian/Ubuntu
    release with such a ``python-pip`` (Debian 7/8, Ubuntu 12.04-15.10; see ``refactor.knowledge.distros``)
    the flag is added only when an earlier command replaced that pip (``pip install --upgrade pip``,
    ``get-pip.py``, ``ensurepip --upgrade``); the upgrade command itself still runs the old pip and is left
    alone. When the apt ``python-pip`` would run, or where pip came from is unknown (a virtualenv's pip), it
    reports a skip instead. The official ``python``/``pypy`` images bring their own modern pip.

Why
    pip keeps every downloaded wheel and sdist under ``~/.cache/pip``; in an image layer that is dead
    weight, often tens or hundreds of megabytes. hadolint DL3042; binnacle/Parfum rule
    ``pipUseNoCacheDir``. With a cache mount the cache lives outside the image and speeds up rebuilds, so
    adding the flag there would only make builds slower. On pip < 6 the flag stops the build with
    ``no such option: --no-cache-dir``.

Example
    Before::

        RUN pip install -r requirements.txt

    After::

        RUN pip install --no-cache-dir -r requirements.txt

Fix safety
    safe: pip installs exactly the same packages; only the download cache is not written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from refactor import lazy_re
from refactor.commands import run_scripts, strip_wrappers, tool_name
from refactor.document import Document, Stage
from refactor.edits import Finding, Fix, Safety
from refactor.images import ImageRef
from refactor.knowledge.distros import (
    IMAGES_WITH_OWN_PIP,
    PIP_NO_CACHE_DIR_SINCE,
    Release,
    release_of_image,
    version_tuple,
)
from refactor.knowledge.ecosystems import python
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word, replace_word
from refactor.shell import ShellCommand, ShellScript, ShellWord, shell_of
from refactor.shipping import cache_never_ships
from refactor.stages import lineage_instructions
from transforms._apt import apt_call
from transforms._hygiene import has_cache_mount, pip_install_word

_APT_PIP = lazy_re.compile(r"^python[23]?-pip(-whl)?$")
_PIP_REQ = lazy_re.compile(r"^pip(?=$|[<>=!~;\[ ])(.*)$")
_SYSTEM_BIN = ("/usr/bin/", "/usr/local/bin/", "/bin/")


def _abbreviated(cmd: ShellCommand) -> ShellWord | None:
    """The word of an abbreviated ``--no-cache`` (pip's option-prefix matching), which hadolint does not
    recognise; spelling it out keeps the meaning."""
    for w in cmd.words:
        name = w.value
        if name != "--no-cache-dir" and len(name) >= len("--no-c") and "--no-cache-dir".startswith(name):
            return w
    return None


def _has_option(argv: list[str]) -> bool:
    for a in argv:
        name = a.split("=", 1)[0]
        if name == "--cache-dir" or (len(name) >= len("--no-c") and "--no-cache-dir".startswith(name)):
            return True
    return False


class _Event(NamedTuple):
    """Something an earlier command did to pip: installed the distro's (``apt``) or replaced it (``keys``)."""

    pos: tuple[int, int]  # (instruction index, logical offset): document order
    line: int
    text: str
    keys: frozenset[str] = frozenset()  # the pip commands now modern: "pip", "2", "3" or a venv's path
    apt: bool = False


def _flavour(words: list[ShellWord]) -> str:
    """Which pip a command runs: a virtualenv's path, or "pip"/"2"/"3" for the system's ``pip``/``pip2``/``pip3``
    (``python -m pip`` is Python 2's on the old releases, where ``python`` is Python 2)."""
    head = words[0].value
    if "/" in head and not head.startswith(_SYSTEM_BIN):
        return head.rsplit("/", 1)[0] if tool_name(words[0].value).startswith("pip") else head
    name = tool_name(words[0].value)
    ver = name[3:] if name.startswith("pip") else name[6:]
    if name.startswith("pip") and not ver:
        return "pip"
    return "3" if ver.startswith("3") else "2"


_SINCE = (*PIP_NO_CACHE_DIR_SINCE, 0, 0, 0)[:3]


def _version(ver: str) -> tuple[int, ...]:
    """A release number as three numbers, so that ``6``, ``6.0`` and ``6.0.0`` compare equal."""
    return (*version_tuple(ver), 0, 0, 0)[:3]


def _modern_spec(spec: str) -> bool:
    """True when a requirement ``pip<spec>`` installs pip 6.0 or newer (``pip==1.5.6``, ``pip~=1.5``, ``pip<6`` and
    ``pip<6.0.0`` do not)."""
    for op, ver in re.findall(r"(==|<=|<|>=|>|~=|!=)\s*([0-9][0-9.]*)", spec):
        if op in ("==", "~=") and _version(ver) < _SINCE:
            return False
        if op in ("<", "<=") and _version(ver) <= _SINCE:
            return False
    return True


def _excludes_old(spec: str) -> bool:
    """True when a requirement ``pip<spec>`` rules out every pip older than 6.0 (``pip>=9``, ``pip==20.3``): only
    then does ``pip install`` without ``--upgrade`` replace the distro's pip (``pip>=1.5`` keeps pip 1.5.4)."""
    bounds = re.findall(r"(==|>=|>|~=)\s*([0-9][0-9.]*)", spec)
    return any(_version(ver) >= _SINCE for _, ver in bounds)


def _upgrade_keys(script: ShellScript, k: int) -> frozenset[str]:
    """The pips that command ``k`` of the script replaces with a modern one, if any."""
    cmd = script.commands[k]
    words, _ = strip_wrappers(cmd)  # sudo -H, env X=1, exec… as refactor.commands reads them
    if not words:
        return frozenset()
    name = tool_name(words[0].value)
    vals = [w.value for w in words]
    if re.match(r"^python[0-9.]*$", name):
        flavour = _flavour(words)
        fed_get_pip = cmd.op_before == "|" and k > 0 and any(
            "get-pip" in w.value for w in script.commands[k - 1].words)
        if fed_get_pip or any(v.endswith("get-pip.py") for v in vals[1:]) or (
                vals[1:3] == ["-m", "ensurepip"] and ("--upgrade" in vals or "-U" in vals)):
            return frozenset({flavour, "pip"} if "/" not in flavour else {flavour})
    install = pip_install_word(cmd)
    if install is None:
        return frozenset()
    after = [w.value for w in words if w.start > install.start]
    upgrade = any(v == "--upgrade" or (v.startswith("-") and not v.startswith("--") and "U" in v) for v in after)
    for v in after:
        m = _PIP_REQ.match(v)
        if m and (upgrade or _excludes_old(m.group(1))) and _modern_spec(m.group(1)):
            flavour = _flavour(words)
            return frozenset({flavour, "pip"} if "/" not in flavour else {flavour})
    return frozenset()


def _events(stage: Stage) -> list[_Event]:
    out: list[_Event] = []
    for ins in lineage_instructions(stage):
        script = shell_of(ins)
        if script is None:
            continue
        for k, cmd in enumerate(script.commands):
            pos = (ins.index, cmd.lstart)
            line = ins.doc.line_number(cmd.words[0].start) if cmd.words else ins.lineno
            call = apt_call(cmd)
            if call is not None and call.verb.value == "install" and any(
                    _APT_PIP.match(a.value.split("=", 1)[0]) for a in call.args):
                out.append(_Event(pos, line, "apt-get install python-pip", apt=True))
                continue
            keys = _upgrade_keys(script, k)
            if keys:
                text = " ".join(w.raw for w in cmd.words)
                if cmd.op_before == "|":
                    text = "... get-pip.py | " + text
                out.append(_Event(pos, line, text if len(text) <= 60 else text[:57] + "...", keys=keys))
    return out


def _old_pip(doc: Document, stage_idx: int, cache: dict[int, tuple[Release | None, list[_Event]]]
             ) -> tuple[Release | None, list[_Event]]:
    """The release whose python-pip predates --no-cache-dir, if the stage's image names one, and pip's history."""
    if stage_idx not in cache:
        stage = doc.stages[stage_idx]
        root = stage.root_image()
        release = release_of_image(root)
        if release is None or release.pip_has_no_cache_dir() or ImageRef.parse(root).short in IMAGES_WITH_OWN_PIP:
            cache[stage_idx] = (None, [])
        else:
            cache[stage_idx] = (release, _events(stage))
    return cache[stage_idx]


def _judge(release: Release, events: list[_Event], pos: tuple[int, int], words: list[ShellWord]
           ) -> tuple[_Event | None, str | None]:
    """(the upgrade that makes the flag valid, or None; else the reason for not adding it)."""
    flavour = _flavour(words)
    before = [e for e in events if e.pos < pos]
    for e in reversed(before):
        if flavour in e.keys:
            return e, None
    old = f"{release.label}'s python-pip is pip {release.python_pip}, which has no --no-cache-dir (pip 6.0 added it)"
    if "/" not in flavour and any(e.apt for e in before):
        return None, (f"{old} and stops the build with 'no such option'; not added. Upgrade pip in an earlier "
                      "command (pip install --upgrade 'pip<21' on Python 2) and add --no-cache-dir after it")
    return None, (f"which pip runs here is unknown on {release.label}, whose python-pip is pip "
                  f"{release.python_pip} (no --no-cache-dir before pip 6.0); not added. Add --no-cache-dir "
                  "by hand if this pip is 6.0 or newer")


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    env_cache: dict[int, bool] = {}
    old_cache: dict[int, tuple[Release | None, list[_Event]]] = {}
    for ins, script in run_scripts(doc):
        if has_cache_mount(ins, "pip", "/root/.cache", "/.cache"):
            continue
        stage_idx = ins.stage_index
        if stage_idx not in env_cache and 0 <= stage_idx < len(doc.stages):
            env_cache[stage_idx] = "PIP_NO_CACHE_DIR" in doc.stages[stage_idx].env()
        if env_cache.get(stage_idx):
            continue
        for cmd in script.commands:
            word = pip_install_word(cmd)
            if word is None:
                continue
            short = _abbreviated(cmd)
            if short is not None and short.raw == short.value:
                yield Fix(PASS.id, f"spell out pip's abbreviated {short.value} as --no-cache-dir",
                          (replace_word(short, "--no-cache-dir"),), Safety.SAFE)
                continue
            if _has_option(cmd.argv):
                continue
            if any(a.raw.startswith("PIP_NO_CACHE_DIR=") for a in cmd.assignments):
                continue
            unshipped = cache_never_ships(ins, python.PIP.cache_dirs)
            if unshipped:
                yield Finding(PASS.id, unshipped, cmd.words[0].start)
                continue
            message = "pip install keeps its download cache in the image; add --no-cache-dir"
            release, events = _old_pip(doc, stage_idx, old_cache) if 0 <= stage_idx < len(doc.stages) else (None, [])
            if release is not None:
                upgrade, reason = _judge(release, events, (ins.index, cmd.lstart), strip_wrappers(cmd)[0])
                if upgrade is None:
                    yield Finding(PASS.id, reason or "", cmd.words[0].start)
                    continue
                message += (f" (the pip here is 6.0 or newer: `{upgrade.text}` at line {upgrade.line} replaced "
                            f"{release.label}'s pip {release.python_pip})")
            yield Fix(PASS.id, message, (insert_after_word(word, "--no-cache-dir"),), Safety.SAFE)


PASS = Pass("pip-use-no-cache-dir", "Add --no-cache-dir to pip install", Safety.SAFE,
            run, __doc__, aliases=("pipUseNoCacheDir",), cmd_ok=True,
            hadolint=("DL3042",), triggers=("pip",))

PASSES = (PASS,)
