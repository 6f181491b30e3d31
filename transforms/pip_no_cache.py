"""
What it does
    Adds ``--no-cache-dir`` to every ``pip install`` in a RUN (``pip``, ``pip3``, ``pip3.12``, a venv's
    ``/opt/venv/bin/pip``, ``python -m pip``). It leaves alone a pip that already has ``--no-cache-dir``
    (or its prefix ``--no-cache``) or an explicit ``--cache-dir``, a RUN whose BuildKit cache mount holds
    pip's cache (``--mount=type=cache,target=/root/.cache/pip``), and a stage that sets
    ``PIP_NO_CACHE_DIR``. ``pip download``, ``pip wheel`` and ``uv pip`` are not touched.

Why
    pip keeps every downloaded wheel and sdist under ``~/.cache/pip``; in an image layer that is dead
    weight, often tens or hundreds of megabytes. hadolint DL3042; binnacle/Parfum rule
    ``pipUseNoCacheDir``. With a cache mount the cache lives outside the image and speeds up rebuilds, so
    adding the flag there would only make builds slower.

Example
    Before::

        RUN pip install -r requirements.txt

    After::

        RUN pip install --no-cache-dir -r requirements.txt

Fix safety
    safe: pip installs exactly the same packages; only the download cache is not written.
"""

from __future__ import annotations

from collections.abc import Iterable

from refactor.document import Document
from refactor.edits import Fix, Safety
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word, replace_word
from refactor.shell import ShellCommand, ShellWord
from transforms._hygiene import has_cache_mount, pip_install_word, run_scripts


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


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    env_cache: dict[int, bool] = {}
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
            yield Fix(PASS.id, "pip install keeps its download cache in the image; add --no-cache-dir",
                      (insert_after_word(word, "--no-cache-dir"),), Safety.SAFE)


PASS = Pass("pip-use-no-cache-dir", "Add --no-cache-dir to pip install", Safety.SAFE,
            run, __doc__, aliases=("pipUseNoCacheDir",), cmd_ok=True)

PASSES = (PASS,)
