"""curl downloads in RUN: fail on HTTP errors (``-f``) and follow redirects (``-L``).

Two rules share this module; each Pass carries its own documentation below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor.document import Document
from refactor.edits import Edit, Fix, Safety
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word
from refactor.shell import ShellCommand, ShellScript, ShellWord
from transforms._hygiene import base_argv, run_scripts, source_matches, tool_name

# Short options of curl that take a value: in a cluster, everything after one of them is its value.
VALUE_SHORT = frozenset("AbcCdDeEFHKmoPQrtTuUwxXyYz")
VALUE_LONG = frozenset({
    "--output", "--header", "--user", "--user-agent", "--referer", "--cookie", "--cookie-jar", "--data",
    "--data-raw", "--data-binary", "--data-urlencode", "--form", "--max-time", "--connect-timeout",
    "--retry", "--retry-delay", "--retry-max-time", "--proxy", "--cacert", "--capath", "--cert", "--key",
    "--config", "--request", "--write-out", "--upload-file", "--range", "--output-dir", "--proto",
    "--proto-redir", "--resolve", "--interface", "--limit-rate", "--max-filesize", "--dump-header",
    "--time-cond", "--continue-at", "--url", "--tlsv", "--ciphers", "--netrc-file", "--oauth2-bearer",
    "--unix-socket", "--json", "--variable", "--expand-url", "--create-file-mode", "--stderr", "--trace",
    "--trace-ascii", "--speed-limit", "--speed-time", "--keepalive-time", "--dns-servers", "--noproxy",
})
# Options that make curl an API client or a probe rather than a downloader: leave those alone.
NOT_A_DOWNLOAD = ("-I", "--head", "-w", "--write-out", "-X", "--request", "-d", "--data", "-F", "--form",
                  "-T", "--upload-file", "--json", "-K", "--config", "--unix-socket", "-V", "--version",
                  "-h", "--help")
_URL = re.compile(r"^[\"']?(?:https?://|\$)")
_SCHEME = re.compile(r"^[\"']?([A-Za-z][A-Za-z0-9+.-]*)://")


def short_flags(value: str) -> tuple[str, str | None]:
    """The flag letters of a short cluster (``-fsSLo`` → ``fsSLo``) and the value-taking letter, if any."""
    letters = ""
    for ch in value[1:]:
        letters += ch
        if ch in VALUE_SHORT:
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
            expect_value = "=" not in v and v in VALUE_LONG
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
            if v.split("=", 1)[0] in NOT_A_DOWNLOAD:
                return True
        elif any(f"-{ch}" in NOT_A_DOWNLOAD for ch in short_flags(v)[0]):
            return True
    return False


def downloads(cmd: ShellCommand) -> tuple[ShellWord, list[ShellWord]] | None:
    """For a plain HTTP(S) download ``curl … URL``: the ``curl`` word and its option words."""
    words, _ = base_argv(cmd)
    if not words or tool_name(words[0]) != "curl":
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


def _run(doc: Document, pass_id: str, letter: str, longs: tuple[str, ...], message: str) -> Iterable[Result]:
    for _ins, script in run_scripts(doc):
        for cmd in script.commands:
            found = downloads(cmd)
            if found is None:
                continue
            curl, opts = found
            if has_flag(opts, letter, longs):
                continue
            edit = add_flag(script, curl, opts, letter)
            if edit is not None:
                yield Fix(pass_id, message, (edit,), Safety.REVIEW)


def run_fail(doc: Document, ctx: Context) -> Iterable[Result]:
    return _run(doc, FLAG_F.id, "f", ("--fail", "--fail-with-body"),
                "curl without -f saves an HTTP error page as the download; add -f so the build stops on 4xx/5xx")


def run_location(doc: Document, ctx: Context) -> Iterable[Result]:
    return _run(doc, FLAG_L.id, "L", ("--location", "--location-trusted"),
                "curl without -L saves a redirect response instead of the file; add -L to follow redirects")


DOC_F = """
What it does
    Adds ``-f`` (``--fail``) to every ``curl`` in a RUN that downloads an http(s) URL without it. A short
    option cluster gets the letter in front (``-sSL`` becomes ``-fsSL``); otherwise ``-f`` is inserted
    right after ``curl``. curl used as an API client or probe (``-I``, ``-w``, ``-X``, ``-d``, ``-F``,
    ``-T``, ``--json``, ``-K``) and non-HTTP URLs (``ftp://``, ``file://``) are left alone.

Why
    Without ``-f``, curl exits 0 on a 404 or 500 and writes the server's error page to the output file
    or the pipe: ``curl URL | tar x`` or ``curl -o app.tgz URL`` then fail later with a confusing error,
    or worse, an HTML page ends up in the image. (binnacle/Parfum rule ``curlUseFlagF``.)

Example
    Before::

        RUN curl -sSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin

    After::

        RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin

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
