"""
What it does
    Replaces the keyword ``ADD`` with ``COPY`` when every source is a local file or folder of the build
    context, keeping the keyword's case (``add`` becomes ``copy``) and everything else byte for byte.
    Left alone: URLs and git sources, ``--checksum``/``--keep-git-dir``/``--unpack`` and other
    ADD-only options, sources that are (or may be) tar archives ADD would unpack (``.tar``, ``.tar.gz``,
    ``.tgz``, ``.tar.bz2``, ``.tar.xz``, ``.tar.zst``, ``.gz``, ``.bz2``, ``.xz``…, a build-context file
    with a tar or compression signature, a wildcard that could match one), and sources built from
    variables that do not resolve to a local path. Each left-alone ADD gets a skip finding with the reason.

Why
    ADD has hidden behaviours (downloads, auto-extraction); COPY does one thing. Using COPY for plain
    files says what happens and avoids surprises when a file later becomes an archive. hadolint DL3020;
    OpenRewrite's ``ReplaceAddWithCopy``.

Example
    Before::

        add requirements.txt /app/

    After::

        copy requirements.txt /app/

Fix safety
    safe: for local files and folders that are not archives, ADD and COPY produce the same layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from refactor import lazy_re
from refactor.document import Document, Instruction
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.passes import Context, Pass, Result
from refactor.words import expand
from transforms._hygiene import keyword_like

ADD_ONLY_FLAGS = frozenset({"checksum", "keep-git-dir", "unpack"})
_ARCHIVE = lazy_re.compile(r"\.(tar|tgz|taz|tbz|tbz2|tb2|txz|tlz|tzst|gz|bz2|xz|lz|lzma|zst|z)$", re.I)
_REMOTE = lazy_re.compile(r"^[a-z][a-z0-9+.-]*://|^git@|\.git(#.*)?$|^github\.com/", re.I)
# Magic numbers: gzip, bzip2, xz, zstd; "ustar" sits at offset 257 of a tar header.
_MAGIC = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd")


def _sources(ins: Instruction) -> list[str]:
    if ins.json_args is not None:
        return ins.json_args[:-1]
    if ins.heredocs:
        markers = {h.marker.raw for h in ins.heredocs}
        return [w.value for w in ins.words[:-1] if w.raw not in markers]
    return [w.value for w in ins.words[:-1]]


def _context(ctx: Context) -> Path | None:
    if ctx.context_dir is not None:
        return ctx.context_dir
    if ctx.path is not None:
        return ctx.path.resolve().parent
    return None


def _is_archive_file(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError:
        return False
    return head.startswith(_MAGIC) or head[257:262] == b"ustar"


def why_not(ins: Instruction, ctx: Context, env: dict[str, str]) -> str | None:
    """Why this ADD must stay an ADD, or None when COPY does the same."""
    for flag in ins.flags:
        if flag.name in ADD_ONLY_FLAGS:
            return f"--{flag.name} exists only for ADD"
    sources = _sources(ins)
    if not sources:
        return "no source to inspect"
    root = _context(ctx)
    for raw in sources:
        src = expand(raw, env) if "$" in raw else raw
        if src is None or "$" in src:
            return f"the source {raw} comes from a variable that does not resolve here"
        if _REMOTE.search(src):
            return f"{src} is a remote source, which COPY cannot fetch"
        if _ARCHIVE.search(src.rstrip("/")):
            return f"{src} may be an archive that ADD extracts"
        last = src.rstrip("/").rsplit("/", 1)[-1]
        if any(ch in last for ch in "*?[") and ("." not in last or last.endswith(("*", "]", "?"))):
            return f"the wildcard {src} may match archives that ADD extracts"
        if root is not None and "*" not in src and "?" not in src:
            candidate = root / src.lstrip("/")
            if candidate.is_file() and _is_archive_file(candidate):
                return f"{src} is an archive that ADD extracts"
    return None


def run(doc: Document, ctx: Context) -> Iterable[Result]:
    for ins in doc.instructions:
        if ins.name != "ADD":
            continue
        stage = doc.stages[ins.stage_index] if 0 <= ins.stage_index < len(doc.stages) else None
        env = {**doc.global_args, **(stage.env() if stage else {})}
        reason = why_not(ins, ctx, env)
        if reason:
            yield Finding(PASS.id, f"ADD kept: {reason}", ins.start)
            continue
        edit = Edit(ins.start, ins.start + len(ins.keyword), keyword_like(ins, "COPY"))
        yield Fix(PASS.id, "ADD of local files: use COPY, which does not download or unpack", (edit,),
                  Safety.SAFE)


PASS = Pass("add-to-copy", "Use COPY instead of ADD for local files", Safety.SAFE, run, __doc__,
            hadolint=("DL3020",))

PASSES = (PASS,)
