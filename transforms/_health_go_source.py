"""A Go program's own health mode, read from its source: a ``-healthcheck`` flag, an ``os.Args[1] ==
"healthcheck"`` subcommand or a cobra ``healthcheck`` command, and whether that mode exits non-zero on failure.

Plain text reading with fixed patterns (``refactor.knowledge.health``): a mode counts only with an ``os.Exit(1)``
(or ``log.Fatal``) in its branch or in a function the branch calls; without one it is reported, not used.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from refactor import lazy_re
from refactor.health_source import Sources
from refactor.knowledge import health as k

_NAMES = "|".join(re.escape(n) for n in k.SELF_PROBE_NAMES)
# ``hc := flag.Bool("healthcheck", …)``, ``var hc = fs.BoolP("health", …)``, ``cmd.Flags().String("probe", …)``
_FLAG = lazy_re.compile(rf"(?P<var>\w+)\s*:?=\s*(?P<via>[\w.()]+?)\.(?P<kind>Bool|String)P?\(\s*\"(?P<name>{_NAMES})\"")
# ``flag.BoolVar(&cfg.Health, "health", …)``
_FLAG_VAR = lazy_re.compile(rf"(?P<via>[\w.()]+?)\.(?P<kind>Bool|String)VarP?\(\s*&(?P<var>[\w.]+)\s*,\s*"
                       rf"\"(?P<name>{_NAMES})\"")
# ``os.Args[1] == "healthcheck"``, ``flag.Arg(0) == "health"``
_ARG = lazy_re.compile(rf"(?:os\.Args\[1\]|flag\.Arg\(0\))\s*==\s*\"(?P<name>{_NAMES})\"")
# ``switch os.Args[1] {`` … ``case "healthcheck":``
_SWITCH = lazy_re.compile(r"switch\s+(?:os\.Args\[1\]|flag\.Arg\(0\))\s*\{")
_CASE = lazy_re.compile(rf"\bcase\s+(?:\"\w[\w-]*\"\s*,\s*)*\"(?P<name>{_NAMES})\"[^:]*:")
_COBRA_USE = lazy_re.compile(rf"\bUse:\s*\"(?P<name>{_NAMES})\b[^\"]*\"")
_STDLIB_FLAG = lazy_re.compile(r"^\s*(?:import\s+)?\"flag\"\s*$", re.M)  # imported as itself, not pflag aliased
# ``flag.Bool("health", true, …)``, ``BoolP("health", "H", true, …)``: the default after the name
_DEFAULT_ON = lazy_re.compile(r"\s*,\s*(?:\"[^\"]*\"\s*,\s*)?true\b")
_SERVE = lazy_re.compile(r"\bListenAndServe(?:TLS)?\(|\.Serve\(|\bnet\.Listen\(")
_CALL = lazy_re.compile(r"(?<![\w.])(?:\w+\.)?(?P<fn>[A-Za-z_]\w*)\(")
_NOT_CALLS = frozenset({"if", "for", "switch", "func", "return", "make", "len", "append", "panic", "print", "println"})


@dataclass(frozen=True)
class Mode:
    """A health mode of a Go program: its arguments, what it is, where it is defined, how it reports failure."""

    args: tuple[str, ...]  # after the binary: ("-healthcheck",), ("healthcheck",)
    what: str  # "flag -healthcheck", "subcommand healthcheck", "cobra command healthcheck"
    where: str  # "cmd/api/main.go:21"
    package: str  # the folder of the file ("" at the context root)
    exits: str | None  # "os.Exit(1) at cmd/api/main.go:27", None: no failure exit seen
    takes_value: bool = False  # a string flag: its value is unknown
    flag: bool = False  # parsed with the start command's flags (which then keep their meaning)


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def go_files(sources: Sources) -> list[tuple[str, str]]:
    return [(p, t) for p, t in sources.code() if p.endswith(".go")]


def main_packages(sources: Sources) -> list[str]:
    """The folders holding a ``package main`` (each a program ``go build`` can make), sorted."""
    return sorted({posixpath.dirname(p) for p, t in go_files(sources) if re.search(r"^package\s+main\b", t, re.M)})


def modes(sources: Sources) -> list[Mode]:
    """Every health mode the Go source defines, in file order."""
    files = go_files(sources)
    found: list[Mode] = []
    for path, text in files:
        main = re.search(r"^package\s+main\b", text, re.M) is not None
        if main:
            found += _flags(path, text, files) + _subcommands(path, text, files)
        found += _cobra(path, text, files)
    return found


def _flags(path: str, text: str, files: list[tuple[str, str]]) -> list[Mode]:
    out = []
    # ``flag.Bool`` returns a pointer (the branch reads ``*hc``); ``flag.BoolVar`` fills a variable
    found = [*((True, m) for m in _FLAG.finditer(text)), *((False, m) for m in _FLAG_VAR.finditer(text))]
    for pointer, m in found:
        var, name = m.group("var"), m.group("name")
        # the flag package takes -name and --name; pflag (cobra, FlagSets of unknown kind) only --name
        dash = "-" if m.group("via") == "flag" and _STDLIB_FLAG.search(text) else "--"
        if m.group("kind") == "Bool" and _DEFAULT_ON.match(text, m.end()):
            continue  # on by default: a setting (serve /health), not a mode the check turns on
        ref = ("\\*" if pointer else "") + re.escape(var)
        branch = re.search(rf"\bif\s+(?:[^{{;\n]*&&\s*)?{ref}\b(?:\s*!=\s*\"\")?\s*\{{", text)
        if branch and _serves(text, branch.end() - 1, _close(text, branch.end() - 1)):
            continue
        exits = _exit_in(path, text, branch.end() - 1, files) if branch else None
        out.append(Mode((dash + name,), f"flag {dash}{name}", f"{path}:{line_of(text, m.start())}",
                        posixpath.dirname(path), exits, m.group("kind") == "String", flag=True))
    return out


def _subcommands(path: str, text: str, files: list[tuple[str, str]]) -> list[Mode]:
    out = []
    for m in _ARG.finditer(text):
        brace = text.find("{", m.end())
        if brace >= 0 and _serves(text, brace, _close(text, brace)):
            continue
        exits = _exit_in(path, text, brace, files) if brace >= 0 and "\n" not in text[m.end():brace] else None
        out.append(Mode((m.group("name"),), f"subcommand {m.group('name')}", f"{path}:{line_of(text, m.start())}",
                        posixpath.dirname(path), exits))
    for sw in _SWITCH.finditer(text):
        body_end = _close(text, sw.end() - 1)
        for m in _CASE.finditer(text, sw.end(), body_end):
            nxt = re.compile(r"\n\s*(?:case\b|default:)").search(text, m.end(), body_end)
            end = nxt.start() if nxt else body_end
            if _serves(text, m.end(), end):
                continue
            exits = _exit_text(path, text, m.end(), end, files)
            out.append(Mode((m.group("name"),), f"subcommand {m.group('name')}",
                            f"{path}:{line_of(text, m.start())}", posixpath.dirname(path), exits))
    return out


def _cobra(path: str, text: str, files: list[tuple[str, str]]) -> list[Mode]:
    out = []
    for m in _COBRA_USE.finditer(text):
        start = text.rfind("cobra.Command{", 0, m.start())
        if start < 0:
            continue
        brace = start + len("cobra.Command")
        if _close(text, brace) < m.start():
            continue  # the Use belongs to a later literal
        end = _close(text, brace)
        if _serves(text, brace, end):
            continue
        exits = _exit_text(path, text, brace, end, files)
        if exits is None and re.search(r"\bRunE:", text[brace:end]):
            main = next(((p, t, e) for p, t in files for e in [k.COBRA_EXIT_ON_ERROR.search(t)] if e), None)
            if main is not None:
                exits = f"RunE's error exits 1 at {main[0]}:{line_of(main[1], main[2].start())}"
        out.append(Mode((m.group("name"),), f"cobra command {m.group('name')}", f"{path}:{line_of(text, m.start())}",
                        posixpath.dirname(path), exits))
    return out


def _serves(text: str, start: int, end: int) -> bool:
    """The branch starts a server (a health *endpoint* mode, which would fail to bind next to the running one)."""
    return _SERVE.search(text, start, end) is not None


def _close(text: str, brace: int) -> int:
    """The index of the brace closing the one at ``brace`` (string and rune literals and comments skipped)."""
    depth, i, n = 0, brace, len(text)
    while i < n:
        c = text[i]
        if c in "\"'`":
            end = text.find(c, i + 1) if c == "`" else _string_end(text, i)
            i = n if end < 0 else end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return n


def _string_end(text: str, start: int) -> int:
    i, quote = start + 1, text[start]
    while i < len(text) and text[i] not in (quote, "\n"):
        i += 2 if text[i] == "\\" else 1
    return i


def _exit_in(path: str, text: str, brace: int, files: list[tuple[str, str]]) -> str | None:
    return _exit_text(path, text, brace, _close(text, brace), files)


def _exit_text(path: str, text: str, start: int, end: int, files: list[tuple[str, str]],
               follow: bool = True) -> str | None:
    """Where ``text[start:end]`` (or a function it calls, one level deep) exits with a failure status."""
    m = k.GO_FAILURE_EXIT.search(text, start, end)
    if m:
        return f"{m.group(0).rstrip('(')} at {path}:{line_of(text, m.start())}"
    if not follow:
        return None
    for call in _CALL.finditer(text, start, end):
        fn = call.group("fn")
        if fn in _NOT_CALLS:
            continue
        for other, body in files:
            d = re.search(rf"^func\s+(?:\([^)]*\)\s*)?{re.escape(fn)}\s*\(", body, re.M)
            if d is None:
                continue
            brace = body.find("{", d.end())
            if brace < 0:
                continue
            found = _exit_text(other, body, brace, _close(body, brace), files, follow=False)
            wraps = re.search(rf"os\.Exit\(\s*(?:\w+\.)?{re.escape(fn)}\(", text[start:end]) is not None
            if found is None and wraps:
                r = re.compile(r"\breturn\s+[1-9]\d*\b").search(body, brace, _close(body, brace))
                found = f"returns {r.group(0).split()[-1]} to os.Exit at {other}:{line_of(body, r.start())}" \
                    if r else None
            if found is not None:
                return found
    return None
