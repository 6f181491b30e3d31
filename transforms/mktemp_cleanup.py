"""
What it does
    For ``VAR="$(mktemp -d)"`` (also ``export VAR=…``) in a RUN with no later ``rm`` of ``$VAR``,
    appends ``rm -rf "$VAR"`` to the end of that RUN. A folder created inside a loop, branch or
    subshell is reported, not changed, and so is one the RUN still points to afterwards (``ln -s
    "$VAR/bin/x"``, ``pip install -e "$VAR"``, its path written into a file). A ``GNUPGHOME`` that a
    ``gpg`` command of the RUN used is only removed after a ``gpgconf --kill``; without one it is reported.

Why
    A temporary folder (a GnuPG home, a download or build folder) is only needed during the RUN; left in
    the layer it costs space and may hold keys or sources. (binnacle/Parfum rule
    ``rmRecursiveAfterMktempD``.)

Example
    Before::

        RUN export GNUPGHOME="$(mktemp -d)" \
            && gpg --batch --recv-keys "$KEY" && gpg --batch --verify x.asc x \
            && gpgconf --kill all

    After::

        RUN export GNUPGHOME="$(mktemp -d)" \
            && gpg --batch --recv-keys "$KEY" && gpg --batch --verify x.asc x \
            && gpgconf --kill all \
            && rm -rf "$GNUPGHOME"

Fix safety
    safe for ordinary folders: the path exists only in that shell, so no later instruction can use it.
    The message names the line of the ``mktemp -d``. ``GNUPGHOME``: gpg 2 starts gpg-agent and dirmngr,
    which keep sockets in it, and ``rm -rf`` racing with them fails the build now and then ("cannot
    remove '…/S.gpg-agent.browser'", fixed in docker-library, nginx, matomo images by ``gpgconf --kill
    all`` first). So: after a ``gpgconf --kill`` that follows the last gpg, safe; with no gpg command in
    the RUN, review (a script could still run gpg); after a gpg with no ``gpgconf --kill``, no fix, a
    finding that says what to add.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor import lazy_re
from refactor.commands import run_scripts, strip_wrappers, tool_name
from refactor.document import Document
from refactor.edits import Finding, Safety
from refactor.passes import Context, Pass, Result
from refactor.shell import ShellCommand, ShellScript
from transforms._hygiene import cleanup_at_end, later_commands

_MKTEMP = lazy_re.compile(r"""^([A-Za-z_][A-Za-z0-9_]*)=["']?(?:\$\(|`)\s*mktemp\s+([^)`]*)(?:\)|`)["']?$""")


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
               r"\bsed\s+[^&;]*-i[^&;]*" + var)  # '|' too: it is sed's usual delimiter for paths (s|a|$d|)
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
                at = (cmd.words or cmd.assignments)[0].start
                made = f"the mktemp -d folder made at line {doc.line_number(at)}"
                msg = (f"remove ${name} at the end of the RUN: {made} stays in the layer, and no later command of "
                       "the RUN removes, links to or records it")
                safety = Safety.SAFE
                if name == "GNUPGHOME":
                    gpg, kill = _gpg_daemons(script, cmd)
                    if gpg is not None and kill is None:
                        yield Finding(MKTEMP.id, f"${name} ({made}) stays in the layer, left alone: gpg, last run at "
                                      f"line {doc.line_number(gpg.words[0].start)}, may have started gpg-agent and "
                                      "dirmngr there, and rm -rf races with their sockets (a build that fails now and "
                                      f"then); end the RUN with 'gpgconf --kill all' and then 'rm -rf \"${name}\"'", at)
                        continue
                    if kill is not None:
                        msg += (f"; gpgconf --kill at line {doc.line_number(kill.words[0].start)} stops gpg's "
                                "daemons first")
                    else:
                        safety = Safety.REVIEW
                        msg += ("; no gpg command in this RUN starts gpg-agent there (if a script does, stop it with "
                                "'gpgconf --kill all' before the rm)")
                yield cleanup_at_end(MKTEMP.id, script, f'rm -rf "${name}"', msg, safety, at)


def _gpg_daemons(script: ShellScript, after: ShellCommand) -> tuple[ShellCommand | None, ShellCommand | None]:
    """The last ``gpg`` command after ``after`` (gpg 2 starts gpg-agent and dirmngr in ``GNUPGHOME``; gpgv
    starts none), and a ``gpgconf --kill`` that runs after it (None when there is no such command)."""
    last_gpg: ShellCommand | None = None
    kill: ShellCommand | None = None
    for c in later_commands(script, after):
        words, _ = strip_wrappers(c)
        tool = tool_name(words[0].value) if words else ""
        if tool in ("gpg", "gpg2"):
            last_gpg, kill = c, None
        elif tool == "gpgconf" and any(w.value.startswith("--kill") for w in words[1:]):
            kill = c
    return last_gpg, kill


MKTEMP = Pass("rm-recursive-after-mktemp-d", "Remove mktemp -d folders at the end of their RUN", Safety.REVIEW,
              run_mktemp, __doc__ or "", aliases=("rmRecursiveAfterMktempD",))


PASSES = (MKTEMP,)
