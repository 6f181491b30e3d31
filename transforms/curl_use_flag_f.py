"""
What it does
    Adds ``-f`` (``--fail``) to every ``curl`` in a RUN that downloads an http(s) URL without it. A short
    option cluster gets the letter in front (``-sSL`` becomes ``-fsSL``); otherwise ``-f`` is inserted
    right after ``curl``, only where curl's exit status decides the RUN: it writes a file (``-o FILE``,
    ``-sSLo/FILE`` with the value attached, ``-O``, ``> FILE``), ``&&`` follows it, it is the last
    command, ``set -e`` is in effect, or it feeds a pipe with ``pipefail`` set (``SHELL ["/bin/bash", "-o",
    "pipefail", "-c"]`` or ``set -o pipefail`` earlier in the RUN). The message names that evidence.

Skips
    curl used as an API client or probe (``-I``, ``-w``, ``-X``, ``-d``, ``-F``, ``-T``, ``--json``,
    ``-K``) and non-HTTP URLs (``ftp://``, ``file://``). curl feeding a pipe without pipefail
    (``curl URL | sh``, ``| tar x``) is reported, not changed: the reader's status decides the RUN, and a
    ``sh``/``python`` fed nothing (what ``-f`` sends on a 404) exits 0 where an HTML error page fails
    loudly. Set pipefail or download to a file first. A curl printing to the build log whose status is
    ignored (``curl URL || true``) is left alone.

Why
    Without ``-f``, curl exits 0 on a 404 or 500 and writes the server's error page to the output file
    or the pipe: ``curl URL | tar x`` or ``curl -o app.tgz URL`` then fail later with a confusing error,
    or worse, an HTML page ends up in the image. (binnacle/Parfum rule ``curlUseFlagF``.)

Example
    Before::

        RUN curl -sSL -o /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /usr/local/bin

    After::

        RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /usr/local/bin

Fix safety
    review: a build that silently downloaded an error page now stops at that step. That is the point,
    but a build that passed before can fail, so a person should look.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor.commands import strip_wrappers, tool_name
from refactor.document import Document, Instruction
from refactor.edits import Finding, Fix, Safety
from refactor.knowledge.clis import STDIN_RUNNERS
from refactor.passes import Context, Pass, Result
from refactor.shell import ShellCommand, ShellScript, ShellWord
from refactor.stages import lineage_instructions
from transforms._curl import (
    add_flag,
    downloads_without,
    is_cluster,
    short_flags,
)


def _pipefail_option(argv: list[str]) -> bool:
    """``-o pipefail`` among shell options (``-o pipefail``, ``-eo pipefail``, ``-euxo pipefail``)."""
    return any(a == "pipefail" and k > 0 and re.fullmatch(r"-[a-zA-Z]*o", argv[k - 1]) is not None
               for k, a in enumerate(argv))


def _pipefail(ins: Instruction, script: ShellScript, cmd: ShellCommand) -> str | None:
    """Where pipefail is set for ``cmd``: an earlier ``set -o pipefail`` of the RUN, or the SHELL in effect."""
    for c in script.commands:
        if c.lstart < cmd.lstart and c.name == "set" and _pipefail_option(c.argv):
            return f"set -o pipefail earlier in this RUN (line {ins.doc.line_number(c.words[0].start)})"
    stage = ins.doc.stages[ins.stage_index] if 0 <= ins.stage_index < len(ins.doc.stages) else None
    shell: Instruction | None = None
    for i in lineage_instructions(stage) if stage is not None else []:
        if i.name == "SHELL" and i.index < ins.index:
            shell = i
    if shell is not None and shell.json_args and _pipefail_option(shell.json_args):
        return f"pipefail set by SHELL at line {shell.lineno}"
    return None


def _errexit(script: ShellScript, cmd: ShellCommand) -> bool:
    return any(c.lstart < cmd.lstart and c.name == "set" and any(
        re.fullmatch(r"-[a-zA-Z]*e[a-zA-Z]*", a) or a == "errexit" for a in c.argv[1:]) for c in script.commands)


def _output_file(script: ShellScript, cmd: ShellCommand, opts: list[ShellWord]) -> str | None:
    """The file curl writes (``-o FILE``, ``-O``, ``> FILE``), or None when it writes to stdout."""
    words = list(cmd.words)
    for k, w in enumerate(words):
        v = w.value
        if v in ("-O", "--remote-name", "--remote-name-all") or (is_cluster(v) and w in opts and "O" in
                                                               short_flags(v)[0]):
            return "the file the URL names (-O)"
        value = None
        if v == "--output" or (is_cluster(v) and w in opts and short_flags(v)[1] == "o"):
            letters, _ = short_flags(v)
            rest = v[1 + len(letters):] if not v.startswith("--") else ""
            value = rest or (words[k + 1].value if k + 1 < len(words) else None)
        elif v.startswith("--output="):
            value = v.split("=", 1)[1]
        if value and value != "-":
            return value
    # A stdout redirection sits in the command's text outside its words (``curl URL > FILE``).
    text = script.text
    spans = sorted((w.lstart - script.lstart, w.lend - script.lstart) for w in cmd.words)
    pos = cmd.lstart - script.lstart
    rest_text = []
    for a, b in spans:
        rest_text.append(text[pos:a])
        pos = max(pos, b)
    rest_text.append(text[pos:cmd.lend - script.lstart])
    m = re.search(r"(?:^|[^0-9&])>>?\s*(\S+)", " ".join(rest_text))
    return m.group(1) if m else None


def _next(script: ShellScript, cmd: ShellCommand) -> ShellCommand | None:
    later = [c for c in script.commands if c.lstart >= cmd.lend]
    return later[0] if later else None


def run_fail(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    message = "curl without -f saves an HTTP error page as the download; add -f so the build stops on 4xx/5xx"
    for ins, script, cmd, curl, opts in downloads_without(doc, "f", ("--fail", "--fail-with-body")):
        nxt = _next(script, cmd)
        pipefail = _pipefail(ins, script, cmd)
        if nxt is not None and nxt.op_before in ("|", "|&"):
            if pipefail is None:
                yield Finding(FLAG_F.id, _pipe_reason(nxt), curl.start)
                continue
            evidence = pipefail
        else:
            out = _output_file(script, cmd, opts)
            if out is not None:
                evidence = f"curl writes {out}"
            elif nxt is None:
                evidence = "curl is the last command of the RUN"
            elif nxt.op_before.startswith("&&"):
                evidence = "'&&' follows curl"
            elif _errexit(script, cmd) and not nxt.op_before.startswith("||"):
                evidence = "set -e is in effect"
            else:
                continue  # curl prints to the build log and its status decides nothing: -f would change nothing
        edit = add_flag(script, curl, opts, "f")
        if edit is not None:
            yield Fix(FLAG_F.id, f"{message} (its exit status decides the RUN: {evidence})", (edit,), Safety.REVIEW)


def _pipe_reason(reader: ShellCommand) -> str:
    words, _ = strip_wrappers(reader)
    name = tool_name(words[0].value) if words else reader.name
    fix = ("set SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] (or 'set -o pipefail' first in this RUN), "
           "or download to a file first (curl -fsSLo FILE URL && ...)")
    if name in STDIN_RUNNERS:
        return (f"curl feeds {name} and the RUN has no pipefail: today an HTTP error page fed to {name} fails "
                f"loudly; with -f {name} would read an empty script and exit 0, silently skipping the step. "
                f"Not added: {fix}")
    return (f"curl feeds {name} and the RUN has no pipefail, so {name}'s exit status decides the RUN, not curl's "
            f"(which is what -f changes). Not added: {fix}")


FLAG_F = Pass("curl-use-flag-f", "Add -f to curl downloads so HTTP errors stop the build", Safety.REVIEW,
              run_fail, __doc__ or "", aliases=("curlUseFlagF",), cmd_ok=True, triggers=("curl",))


PASSES = (FLAG_F,)
