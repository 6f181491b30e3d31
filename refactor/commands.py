"""The one command matcher: a shell command's argv normalised, then matched against ``CommandPattern``\\ s.

Normalising drops the words that only run another command (``sudo -E``, ``env X=1``, ``exec``, ``nice -n 5``,
``command``), reduces a path to its basename (``/usr/bin/pip3``) and a versioned name to its tool
(``pip3.11`` → ``pip``, ``python3 -m pip`` → ``pip``). A ``CommandPattern`` then names a tool, its subcommand
and their aliases (npm's ``i``/``isnt``/``add``/``ci``), and the options that take a value, so that the
subcommand and the positional arguments are found where the tool itself would find them.

Old copies of this logic disagreed (one knew ``sudo -E``, another only a bare ``sudo``); a caller that must
keep its old behaviour says so with ``Unwrap`` and the pattern's fields, and the disagreement is a bug to fix
separately, not silently.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Generic, TypeVar

from refactor.shell import ShellCommand, ShellScript, ShellWord, shell_of

if TYPE_CHECKING:
    from refactor.document import Document, Instruction, Stage

W = TypeVar("W", str, ShellWord)


# ------------------------------------------------------------------------------------------------ wrappers

@dataclass(frozen=True)
class Wrapper:
    """A command that runs the command after it, with the options it takes before that command."""

    value_options: frozenset[str] = frozenset()  # options taking the next word as their value
    assignments: bool = False  # ``NAME=value`` words before the command (env)
    stop_options: frozenset[str] = frozenset()  # options that make it not run a command (``command -v``)


# sudo(8), env(1), nice(1) of coreutils, bash's ``exec`` and ``command`` builtins. (sudo's ``-h`` is ``--help``
# alone and ``--host`` with a value: read as taking none, so ``sudo -h apk add`` never loses its tool.)
WRAPPERS: dict[str, Wrapper] = {
    "sudo": Wrapper(frozenset({"-u", "--user", "-g", "--group", "-C", "--close-from", "-D", "--chdir",
                               "-p", "--prompt", "-r", "--role", "-t", "--type", "-T", "--command-timeout",
                               "-U", "--other-user", "--host"}),
                    stop_options=frozenset({"-l", "--list", "-v", "--validate", "-k", "-K", "-V", "--version"})),
    "env": Wrapper(frozenset({"-u", "--unset", "-C", "--chdir", "-S", "--split-string"}), assignments=True),
    "exec": Wrapper(frozenset({"-a"})),
    "nice": Wrapper(frozenset({"-n", "--adjustment"})),
    "command": Wrapper(stop_options=frozenset({"-v", "-V"})),
}


@dataclass(frozen=True)
class Unwrap:
    """Which wrapper words to drop before the tool: ``options=False`` drops the bare words only (exact
    values, no options, no paths), the way the older copies did."""

    names: frozenset[str] = frozenset(WRAPPERS)
    options: bool = True


FULL = Unwrap()
# The older copies' bare-word sets, kept where a caller's output depends on them (see the module docstring).
BARE_SUDO_COMMAND = Unwrap(frozenset({"sudo", "command"}), options=False)
BARE_SUDO_COMMAND_EXEC = Unwrap(frozenset({"sudo", "command", "exec"}), options=False)
BARE_SUDO_ENV_EXEC_COMMAND = Unwrap(frozenset({"sudo", "env", "exec", "command"}), options=False)
BARE_SUDO = Unwrap(frozenset({"sudo"}), options=False)


def unwrap(values: Sequence[str], how: Unwrap = FULL) -> int:
    """Index of the first word after the wrappers (``len(values)`` when nothing is left)."""
    k = 0
    n = len(values)
    while k < n:
        if not how.options:
            if values[k] not in how.names:
                return k
            k += 1
            continue
        name = tool_name(values[k])
        wrapper = WRAPPERS.get(name) if name in how.names else None
        if wrapper is None:
            return k
        j = k + 1
        while j < n:
            v = values[j]
            if v in wrapper.stop_options:
                return k  # ``command -v pip``: the wrapper is the command
            if v == "--":
                j += 1
                break
            if v.startswith("-") and v != "-":
                j += 2 if v in wrapper.value_options else 1
            elif wrapper.assignments and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", v, re.S):
                j += 1
            else:
                break
        if j >= n:
            return k  # nothing runs under the wrapper: it is the command itself
        k = j
    return k


# ------------------------------------------------------------------------------------------------ tools

def tool_name(value: str) -> str:
    """The command word without its directory (``/usr/bin/pip3`` → ``pip3``)."""
    return value.rsplit("/", 1)[-1]


# Versioned names of one tool (``pip3``, ``pip3.11``, ``python3.12``).
_ALIASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"pip[0-9.]*"), "pip"),
    (re.compile(r"python[0-9.]*"), "python"),
)
# ``python -m MODULE`` runs these tools (pip's and venv's docs; ``python -m poetry`` / ``uv`` work too).
PYTHON_MODULE_TOOLS = frozenset({"pip", "venv", "poetry", "uv", "pipenv"})


def canonical_tool(value: str) -> str:
    """The tool a command word runs: basename, version suffix dropped (``pip3.11`` → ``pip``)."""
    name = tool_name(value)
    for rx, tool in _ALIASES:
        if rx.fullmatch(name):
            return tool
    return name


@dataclass(frozen=True)
class Normalized:
    """Where the tool sits in an argv: ``argv[at]`` is the tool word, ``argv[rest:]`` its arguments."""

    tool: str  # canonical name (``pip`` for ``python3 -m pip``)
    at: int
    rest: int


def normalize(values: Sequence[str], how: Unwrap = FULL, modules: bool = True) -> Normalized | None:
    """The tool of a command line and where its arguments start, or None for an empty command.

    With ``modules``, ``python -m pip`` (any python version) is the tool ``pip``."""
    k = unwrap(values, how)
    if k >= len(values):
        return None
    tool = canonical_tool(values[k])
    if modules and tool == "python" and k + 2 < len(values) and values[k + 1] == "-m" \
            and values[k + 2] in PYTHON_MODULE_TOOLS:
        return Normalized(values[k + 2], k, k + 3)
    return Normalized(tool, k, k + 1)


@lru_cache(maxsize=16384)
def _normalized(values: tuple[str, ...], how: Unwrap, modules: bool) -> Normalized | None:
    """``normalize``, once per command line: every pattern of every pass asks it of each command."""
    return normalize(values, how, modules)


def strip_wrappers(cmd: ShellCommand, how: Unwrap = FULL) -> tuple[list[ShellWord], int]:
    """The command's words from its tool on (wrappers dropped), and how many were dropped."""
    k = unwrap([w.value for w in cmd.words], how)
    return list(cmd.words[k:]), k


# ------------------------------------------------------------------------------------------------ patterns

@dataclass(frozen=True)
class CommandPattern:
    """A tool and subcommand to recognise: ``CommandPattern("npm", verbs=NPM_INSTALL_VERBS)``.

    ``verbs`` are the accepted subcommands (a space joins a two-word one: ``"cache clean"``); None accepts any
    subcommand (the first positional word); an empty set means the tool has none (``python -m venv DIR``).
    The subcommand is the first positional word after the tool; options before it are skipped, and
    ``global_value_options`` there take the next word as their value. After it, ``value_options`` take a
    value, so ``args`` are the real positional arguments. ``verb_anywhere`` takes the first listed verb
    wherever it stands (options too: ``dpkg -r``). ``bare`` also accepts the tool with no subcommand at all
    (``yarn``), unless one of ``bare_unless`` is given (``yarn --version``).
    ``examples`` are command lines it must match, checked by the tests.
    """

    tools: frozenset[str]
    verbs: frozenset[str] | None = None
    value_options: frozenset[str] = frozenset()
    global_value_options: frozenset[str] = frozenset()
    bare: bool = False
    bare_unless: frozenset[str] = frozenset()
    verb_anywhere: bool = False
    unwrap: Unwrap = FULL
    modules: bool = True  # ``python -m pip`` counts as pip
    canonical: bool = True  # compare canonical tool names (``pip3`` is ``pip``), else basenames
    examples: tuple[str, ...] = field(default=(), compare=False)
    counterexamples: tuple[str, ...] = field(default=(), compare=False)

    def match(self, cmd: ShellCommand | Sequence[str]) -> CommandMatch | None:
        return match(self, cmd)

    def matches(self, cmd: ShellCommand | Sequence[str] | str) -> bool:
        return match(self, split_command(cmd) if isinstance(cmd, str) else cmd) is not None


def split_command(line: str) -> list[str]:
    """The words of one simple command written as a shell line, without its ``NAME=value`` prefixes
    (a ``ShellCommand`` keeps those apart as its assignments)."""
    words = shlex.split(line)
    k = 0
    while k < len(words) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[k], re.S):
        k += 1
    return words[k:]


def pattern(tools: str | Sequence[str], verbs: Sequence[str] | None = None, **kw) -> CommandPattern:
    """``CommandPattern`` with plain sequences: ``pattern("npm", ("install", "i"))``."""
    names = frozenset((tools,) if isinstance(tools, str) else tools)
    return CommandPattern(names, None if verbs is None else frozenset(verbs), **kw)


@dataclass(frozen=True)
class CommandMatch(Generic[W]):
    """A matched command: its words and the indexes of its parts."""

    words: tuple[W, ...]
    tool: str  # canonical tool name
    at: int  # index of the tool word
    verb: tuple[int, ...]  # indexes of the subcommand's words (empty when bare)
    options: tuple[int, ...]  # option words and their values, before and after the subcommand
    args: tuple[int, ...]  # positional arguments after the subcommand
    valued: tuple[int, ...] = ()  # options that took the next word (``options``' next index) as their value

    @property
    def tool_word(self) -> W:
        return self.words[self.at]

    @property
    def verb_words(self) -> tuple[W, ...]:
        return tuple(self.words[i] for i in self.verb)

    @property
    def verb_word(self) -> W | None:
        """The (last) word of the subcommand, or None for a bare tool."""
        return self.words[self.verb[-1]] if self.verb else None

    @property
    def subcommand(self) -> str:
        return " ".join(_value(self.words[i]) for i in self.verb)

    @property
    def option_words(self) -> tuple[W, ...]:
        return tuple(self.words[i] for i in self.options)

    @property
    def arg_words(self) -> tuple[W, ...]:
        return tuple(self.words[i] for i in self.args)

    def option_value(self, *names: str) -> str | None:
        """The value of the last of ``names`` given (``-t NAME`` or ``--virtual=NAME``), or None."""
        found: str | None = None
        values_at = {i + 1 for i in self.valued}
        for i in self.options:
            if i in values_at:
                continue
            v = _value(self.words[i])
            if i in self.valued and v in names:
                found = _value(self.words[i + 1])
            elif v.split("=", 1)[0] in names and "=" in v:
                found = v.split("=", 1)[1]
        return found

    @property
    def wrapped(self) -> tuple[W, ...]:
        """The wrapper words before the tool (``sudo``)."""
        return self.words[:self.at]


def _value(word: str | ShellWord) -> str:
    return word if isinstance(word, str) else word.value


def _is_option(value: str) -> bool:
    return value.startswith("-") and value != "-"


def match(pat: CommandPattern, cmd: ShellCommand | Sequence[str]) -> CommandMatch | None:
    """The parts of ``cmd`` when it runs ``pat``'s tool and subcommand, else None."""
    words: tuple
    if isinstance(cmd, ShellCommand):
        words, values = cmd.words, cmd.values
    else:
        words = tuple(cmd)
        values = words if all(w.__class__ is str for w in words) else tuple(_value(w) for w in words)
    norm = _normalized(values, pat.unwrap, pat.modules)  # most commands fail here: another tool
    if norm is None:
        return None
    tool = norm.tool if pat.canonical else tool_name(values[norm.at])
    if tool not in pat.tools:
        return None
    if pat.verb_anywhere:
        return _match_anywhere(pat, words, values, norm, tool)
    options: list[int] = []
    valued: list[int] = []
    k = norm.rest
    n = len(values)
    while k < n and _is_option(values[k]):  # global options before the subcommand
        options.append(k)
        if values[k] in pat.global_value_options and k + 1 < n:
            valued.append(k)
            options.append(k + 1)
            k += 1
        k += 1
    verb: list[int] = []
    positional: list[int] = []
    while k < n:
        if _is_option(values[k]):
            options.append(k)
            if values[k] in pat.value_options and k + 1 < n:
                valued.append(k)
                options.append(k + 1)
                k += 1
        else:
            positional.append(k)
        k += 1
    if pat.verbs is not None and not pat.verbs:
        pass  # a tool without subcommands: every positional word is an argument
    elif pat.verbs is None:
        if positional:
            verb, positional = positional[:1], positional[1:]
        elif not pat.bare:
            return None
    else:
        for parts in _verb_parts(pat.verbs):
            if [values[i] for i in positional[:len(parts)]] == parts:
                verb, positional = positional[:len(parts)], positional[len(parts):]
                break
        else:
            if positional or not pat.bare or any(values[i] in pat.bare_unless for i in options):
                return None
    return CommandMatch(words, tool, norm.at, tuple(verb), tuple(options), tuple(positional), tuple(valued))


@lru_cache(maxsize=1024)
def _verb_parts(verbs: frozenset[str]) -> list[list[str]]:
    """``verbs`` split into their words, the longest first (``cache clean`` before ``cache``)."""
    return [v.split(" ") for v in sorted(verbs, key=lambda s: -s.count(" "))]


def _match_anywhere(pat: CommandPattern, words: tuple, values: Sequence[str], norm: Normalized,
                    tool: str) -> CommandMatch | None:
    verbs = pat.verbs or frozenset()
    verb: int | None = None
    options: list[int] = []
    valued: list[int] = []
    args: list[int] = []
    k = norm.rest
    while k < len(values):
        v = values[k]
        if verb is None and v in verbs:
            verb = k
        elif _is_option(v):
            options.append(k)
            if v in pat.value_options and k + 1 < len(values):
                valued.append(k)
                options.append(k + 1)
                k += 1
        elif verb is not None:
            args.append(k)
        k += 1
    if verb is None:
        return None
    return CommandMatch(words, tool, norm.at, (verb,), tuple(options), tuple(args), tuple(valued))


# ------------------------------------------------------------------------------------------------ scripts

def run_scripts(where: Document | Stage) -> Iterator[tuple[Instruction, ShellScript]]:
    """Every shell-form RUN of a document (or of a stage, after its FROM) that parses, with its shell view."""
    instructions = where.body() if hasattr(where, "body") else where.instructions
    for ins in instructions:
        if ins.name == "RUN":
            script = shell_of(ins)
            if script is not None:
                yield ins, script


def run_commands(where: Document | Stage) -> Iterator[tuple[Instruction, ShellScript, ShellCommand]]:
    """Every command of every RUN ``run_scripts`` yields, with its RUN and shell view, in document order."""
    for ins, script in run_scripts(where):
        for cmd in script.commands:
            yield ins, script, cmd


_SET_E = re.compile(r"-[a-zA-Z]*e[a-zA-Z]*")


def sets_errexit(commands: Sequence[ShellCommand]) -> bool:
    """True when one of the commands is ``set -e`` (or ``set -eux``…)."""
    return any(c.name == "set" and any(_SET_E.fullmatch(a) for a in c.argv[1:]) for c in commands)


def semicolon_style(script: ShellScript) -> bool:
    """True when the script joins most of its top-level commands with ``;`` rather than ``&&``."""
    ops = [c.op_before for c in script.commands[1:] if c.depth == 0]
    return bool(ops) and ops.count(";") > ops.count("&&")


def joiner(script: ShellScript) -> str:
    """The operator a new command joins the script with: ``;`` when most top-level operators are ``;`` and a
    top-level ``set -e`` makes a failure stop the RUN anyway; ``&&`` otherwise (without ``set -e``, ``a; b``
    would ignore ``a``'s failure, and an appended ``; clean`` would hide the last command's). ``set -e`` in a
    subshell or a compound is not counted: ``&&`` is always safe."""
    return ";" if semicolon_style(script) and sets_errexit(script.top_level) else "&&"
