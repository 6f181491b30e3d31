"""curl downloads in RUN: fail on HTTP errors (``-f``) and follow redirects (``-L``).

Two rules share this module; each Pass carries its own documentation below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from refactor.commands import run_commands, strip_wrappers, tool_name
from refactor.document import Document, Instruction
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.knowledge.clis import CURL_NOT_A_DOWNLOAD, CURL_VALUE_LONG, CURL_VALUE_SHORT, STDIN_RUNNERS
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word
from refactor.shell import ShellCommand, ShellScript, ShellWord
from refactor.stages import lineage_instructions
from transforms._hygiene import source_matches

_URL = re.compile(r"^[\"']?(?:https?://|\$)")
_SCHEME = re.compile(r"^[\"']?([A-Za-z][A-Za-z0-9+.-]*)://")


def short_flags(value: str) -> tuple[str, str | None]:
    """The flag letters of a short cluster (``-fsSLo`` → ``fsSLo``) and the value-taking letter, if any."""
    letters = ""
    for ch in value[1:]:
        letters += ch
        if ch in CURL_VALUE_SHORT:
            return letters, ch
    return letters, None


def is_cluster(value: str) -> bool:
    return re.fullmatch(r"-[A-Za-z0-9#:]+", value) is not None and not value.startswith("--")


def options_and_operands(words: list[ShellWord]) -> tuple[list[ShellWord], list[ShellWord]]:
    """curl's option words and operand (URL) words, skipping option values."""
    opts: list[ShellWord] = []
    operands: list[ShellWord] = []
    expect_value = False
    for w in words:
        v = w.value
        if expect_value:
            expect_value = False
            continue
        if v.startswith("--") and len(v) > 2:
            opts.append(w)
            expect_value = "=" not in v and v in CURL_VALUE_LONG
        elif v.startswith("-") and len(v) > 1:
            opts.append(w)
            letters, value_letter = short_flags(v)
            expect_value = value_letter is not None and letters.endswith(value_letter)
        else:
            operands.append(w)
    return opts, operands


def has_flag(opts: list[ShellWord], letter: str, longs: tuple[str, ...]) -> bool:
    for w in opts:
        v = w.value
        if v.startswith("--"):
            if v.split("=", 1)[0] in longs:
                return True
        elif is_cluster(v) and letter in short_flags(v)[0]:
            return True
    return False


def is_probe(opts: list[ShellWord]) -> bool:
    for w in opts:
        v = w.value
        if v.startswith("--"):
            if v.split("=", 1)[0] in CURL_NOT_A_DOWNLOAD:
                return True
        elif any(f"-{ch}" in CURL_NOT_A_DOWNLOAD for ch in short_flags(v)[0]):
            return True
    return False


def downloads(cmd: ShellCommand) -> tuple[ShellWord, list[ShellWord]] | None:
    """For a plain HTTP(S) download ``curl … URL``: the ``curl`` word and its option words."""
    words, _ = strip_wrappers(cmd)
    if not words or tool_name(words[0].value) != "curl":
        return None
    opts, operands = options_and_operands(list(words[1:]))
    if not operands or is_probe(opts):
        return None
    for w in operands:
        m = _SCHEME.match(w.raw)
        if m and m.group(1).lower() not in ("http", "https"):
            return None  # ftp://, file://: -f and -L mean nothing there
    if not any(_URL.match(w.raw) for w in operands):
        return None
    return words[0], opts


def add_flag(script: ShellScript, curl: ShellWord, opts: list[ShellWord], letter: str) -> Edit | None:
    """Add ``-<letter>`` to curl: into its first short cluster when it has one, else as a new word."""
    ins = script.instruction
    first = next((w for w in opts if is_cluster(w.value)), None)
    if first is not None and source_matches(ins, first) and first.raw == first.value:
        letters, value_letter = short_flags(first.value)
        if letter == "f":
            return Edit.insert(first.start + 1, letter)  # -sSL -> -fsSL
        if value_letter is None:
            return Edit.insert(first.end, letter)  # -fsS -> -fsSL
        return Edit.insert(first.start + 1 + letters.index(value_letter), letter)  # -so -> -sLo
    return insert_after_word(curl, f"-{letter}")


def _without(doc: Document, letter: str, longs: tuple[str, ...]
             ) -> Iterator[tuple[Instruction, ShellScript, ShellCommand, ShellWord, list[ShellWord]]]:
    """Every curl download of the RUNs that lacks ``-<letter>`` (or one of ``longs``): its RUN, shell view,
    command, ``curl`` word and option words."""
    for ins, script, cmd in run_commands(doc):
        found = downloads(cmd)
        if found is not None and not has_flag(found[1], letter, longs):
            yield ins, script, cmd, *found


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
    for ins, script, cmd, curl, opts in _without(doc, "f", ("--fail", "--fail-with-body")):
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


def run_location(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    message = "curl without -L saves a redirect response instead of the file; add -L to follow redirects"
    for _ins, script, _cmd, curl, opts in _without(doc, "L", ("--location", "--location-trusted")):
        edit = add_flag(script, curl, opts, "L")
        if edit is not None:
            yield Fix(FLAG_L.id, message, (edit,), Safety.REVIEW)


DOC_F = """
What it does
    Adds ``-f`` (``--fail``) to every ``curl`` in a RUN that downloads an http(s) URL without it. A short
    option cluster gets the letter in front (``-sSL`` becomes ``-fsSL``); otherwise ``-f`` is inserted
    right after ``curl``, only where curl's exit status decides the RUN: it writes a file (``-o FILE``,
    ``-O``, ``> FILE``), ``&&`` follows it, it is the last command, ``set -e`` is in effect, or it feeds a
    pipe with ``pipefail`` set (``SHELL ["/bin/bash", "-o", "pipefail", "-c"]`` or ``set -o pipefail``
    earlier in the RUN). The message names that evidence.

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

DOC_L = """
What it does
    Adds ``-L`` (``--location``) to every ``curl`` in a RUN that downloads an http(s) URL without it.
    A short option cluster gets the letter (``-fsS`` becomes ``-fsSL``; before a value-taking letter:
    ``-so`` becomes ``-sLo``); otherwise ``-L`` is inserted right after ``curl``. Probes and API calls
    (``-I``, ``-w``, ``-X``, ``-d``, ``-F``, ``-T``, ``--json``, ``-K``) are left alone.

Why
    Download hosts (GitHub releases, CDNs, mirrors) answer with redirects. Without ``-L`` curl saves the
    small redirect body instead of the file, and the next step fails or installs garbage.
    (binnacle/Parfum rule ``curlUseFlagL``.)

Example
    Before::

        RUN curl -o /tmp/tool.tgz https://github.com/org/tool/releases/download/v1/tool.tgz

    After::

        RUN curl -L -o /tmp/tool.tgz https://github.com/org/tool/releases/download/v1/tool.tgz

Fix safety
    review: curl now fetches what the redirect points to, possibly on another host. That is what the
    build means almost always, but the downloaded bytes can differ, so a person should look.
"""

FLAG_F = Pass("curl-use-flag-f", "Add -f to curl downloads so HTTP errors stop the build", Safety.REVIEW,
              run_fail, DOC_F, aliases=("curlUseFlagF",), cmd_ok=True)
FLAG_L = Pass("curl-use-flag-l", "Add -L to curl downloads so redirects are followed", Safety.REVIEW,
              run_location, DOC_L, aliases=("curlUseFlagL",), cmd_ok=True)

PASSES = (FLAG_F, FLAG_L)
