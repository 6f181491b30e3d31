"""A lossless model of a Dockerfile: every piece knows its exact span in the source text.

The scanner follows BuildKit's parser (``frontend/dockerfile/parser``): parser directives at the top,
``\\`` (or the ``# escape=`` character) continues a line, comment and empty lines inside a continuation
are dropped, and RUN/COPY/ADD may carry heredocs whose bodies follow the instruction. The model never
prints itself: edits are made against ``Document.text`` and everything else is copied as is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from refactor.logical import LogicalLine
from refactor.source import BOM, InputError, Line, newline_of, split_lines
from refactor.words import BLANKS, expand, split_words, unquote

INSTRUCTIONS = frozenset({
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
    "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
})
HEREDOC_INSTRUCTIONS = frozenset({"ADD", "COPY", "RUN"})
JSON_INSTRUCTIONS = frozenset({"ADD", "CMD", "COPY", "ENTRYPOINT", "RUN", "SHELL", "VOLUME"})
FLAG_INSTRUCTIONS = frozenset({"ADD", "COPY", "FROM", "HEALTHCHECK", "ONBUILD", "RUN"})

# BuildKit's directive pattern: leading blanks allowed (its scanner strips them), a name of letters and
# digits, and a non-empty value. Anything else ends the directive block.
_DIRECTIVE = re.compile(r"^[ \t]*#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$")
_KNOWN_DIRECTIVES = frozenset({"syntax", "escape", "check"})
_HEREDOC = re.compile(r"^(\d*)<<(-?)([^<]*)$")
_FLAG = re.compile(r"--([A-Za-z][A-Za-z0-9_-]*)(?:=(.*))?$", re.S)
# BuildKit splits the command name off at the first of these (``reWhitespace``), so ``RUN["a"]`` and
# ``FROM\<newline>alpine`` are one unknown word, not a RUN or a FROM.
_KEYWORD = re.compile(r"[^ \t\v\f\r]+")
_NAME_VAL_INSTRUCTIONS = frozenset({"ENV", "LABEL"})


@dataclass(frozen=True, slots=True)
class Word:
    """A word of an instruction's arguments: ``raw`` as written, ``value`` unquoted."""

    raw: str
    value: str
    start: int  # source offsets
    end: int
    lstart: int  # logical offsets
    lend: int


@dataclass(frozen=True, slots=True)
class Flag:
    """A builder flag such as ``--from=build``; ``value`` is None for a bare ``--link``."""

    name: str
    value: str | None
    word: Word


@dataclass(frozen=True, slots=True)
class Heredoc:
    """A heredoc: ``<<[-]NAME`` marker plus its body lines ``text[body_start:body_end]``."""

    name: str
    chomp: bool
    quoted: bool
    marker: Word
    body_start: int
    body_end: int
    terminator: Line

    def body(self, text: str) -> str:
        return text[self.body_start:self.body_end]


@dataclass(frozen=True, slots=True)
class Directive:
    name: str
    value: str
    line: Line


@dataclass(eq=False)
class Instruction:
    """One instruction with every physical line it spans, its flags, arguments and heredocs."""

    doc: Document = field(repr=False)
    index: int
    keyword: str
    start: int  # first character of the keyword
    lines: list[Line]  # physical lines of the instruction itself (code, comments, blanks)
    logical: LogicalLine = field(repr=False)
    heredocs: list[Heredoc]
    stage_index: int = -1
    # Views other modules derive from the instruction (``shell.shell_of``); its own are cached properties.
    memo: dict[object, object] = field(default_factory=dict, repr=False)

    @cached_property
    def name(self) -> str:  # asked ~800 times per file: computed once
        return self.keyword.upper()

    @property
    def line_start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        """End of the instruction's last character (heredoc terminator included), before the newline."""
        if self.heredocs:
            return self.heredocs[-1].terminator.end
        return self.lines[-1].end

    @property
    def stop(self) -> int:
        """Offset after the instruction's final line break."""
        if self.heredocs:
            return self.heredocs[-1].terminator.stop
        return self.lines[-1].stop

    @property
    def lineno(self) -> int:
        return self.doc.line_number(self.start)

    @property
    def indent(self) -> str:
        return self.doc.text[self.line_start:self.start]

    @cached_property
    def _parsed(self) -> tuple[list[Flag], int]:
        text = self.logical.text
        after = len(self.keyword)
        if self.name not in FLAG_INSTRUCTIONS or not text[after:].lstrip(BLANKS).startswith("--"):
            return [], _skip_space(text, after)  # the first word is no flag (most RUNs): no need to split them all
        flags: list[Flag] = []
        pos = after
        # BuildKit's ``extractBuilderFlags`` always lexes flags with ``\\``, whatever ``# escape=`` says.
        for word in self._words_from(after, "\\"):
            if not word.raw.startswith("--") or word.raw == "--":
                break
            m = _FLAG.match(word.raw)
            if not m:
                break
            value = unquote(m.group(2), "\\") if m.group(2) is not None else None
            if value and (len(word.raw) - len(word.raw.rstrip("\\"))) % 2:
                value = value[:-1]  # a lone trailing escape escapes nothing, and BuildKit drops it
            flags.append(Flag(m.group(1).lower(), value, word))
            pos = word.lend
        return flags, _skip_space(text, pos)

    @property
    def flags(self) -> list[Flag]:
        return self._parsed[0]

    def flag(self, name: str) -> Flag | None:
        return next((f for f in self.flags if f.name == name), None)

    @property
    def args_offset(self) -> int:
        """Logical offset where the arguments start (after keyword and flags)."""
        return self._parsed[1]

    @property
    def args(self) -> str:
        return self.logical.text[self.args_offset:]

    @cached_property
    def json_args(self) -> list[str] | None:
        """The exec-form array, or None for shell form."""
        if self.name not in JSON_INSTRUCTIONS:
            return None
        value = _json_array(self.args)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        return None

    @property
    def is_json(self) -> bool:
        return self.json_args is not None

    def _words_from(self, offset: int, escape: str | None = None) -> list[Word]:
        text = self.logical.text[offset:]
        words = []
        for a, b in split_words(text, escape or self.doc.escape):
            la, lb = a + offset, b + offset
            raw = self.logical.text[la:lb]
            words.append(Word(raw, unquote(raw, self.doc.escape), self.logical.source_start(la),
                              self.logical.source_end(lb), la, lb))
        return words

    @cached_property
    def words(self) -> list[Word]:
        """Argument words (after flags), for shell-form and non-shell instructions."""
        return self._words_from(self.args_offset)

    @property
    def source(self) -> str:
        return self.doc.text[self.start:self.end]

    def comment_lines(self) -> list[Line]:
        """Comment lines embedded between continuation lines."""
        return [ln for ln in self.lines if _is_comment(self.doc.text, ln)]


@dataclass(eq=False)
class Stage:
    """A build stage: its FROM, the instructions up to the next FROM, and its name and base."""

    index: int
    from_: Instruction
    instructions: list[Instruction]
    name: str | None
    image: str  # as written (variables unexpanded)
    platform: str | None
    doc: Document = field(repr=False)

    @property
    def is_final(self) -> bool:
        return self.index == len(self.doc.stages) - 1

    @cached_property
    def base_image(self) -> str:
        """The base image with ARG defaults substituted (as written when unresolvable)."""
        return expand(self.image, self.doc.global_args) or self.image

    @cached_property
    def parent(self) -> Stage | None:  # asked for every lineage walk (~50 times per file): computed once
        """The earlier stage this one builds on (``FROM builder``), if any."""
        return self.doc.stage(self.base_image, before=self.index)

    def lineage(self) -> list[Stage]:
        """This stage and the stages it builds on, nearest first."""
        out: list[Stage] = [self]
        while (p := out[-1].parent) is not None and p not in out:
            out.append(p)
        return out

    def root_image(self) -> str:
        """The external image at the bottom of this stage's lineage."""
        return self.lineage()[-1].base_image

    def body(self) -> list[Instruction]:
        """Instructions after FROM."""
        return self.instructions[1:]

    def copy_sources(self) -> list[str]:
        """``COPY --from`` references made by this stage (stage names, indexes or images)."""
        return [f.value for i in self.instructions if i.name in ("COPY", "ADD")
                for f in i.flags if f.name == "from" and f.value]

    def env(self) -> dict[str, str]:
        """ARG/ENV defaults visible at the end of this stage and its parents (best effort)."""
        return dict(self._env)

    @cached_property
    def _env(self) -> dict[str, str]:  # several passes ask, each round: worked out once, handed out as copies
        env: dict[str, str] = {}
        for stage in reversed(self.lineage()):
            for ins in stage.body():
                if ins.name in ("ARG", "ENV"):
                    env.update(_assignments(ins, {**self.doc.global_args, **env}))
        return env


@dataclass(eq=False)
class Document:
    """A parsed Dockerfile. ``text`` is the exact decoded source, BOM included."""

    text: str
    escape: str
    directives: list[Directive]
    instructions: list[Instruction]
    stages: list[Stage]
    global_args: dict[str, str]
    _line_starts: list[int] = field(repr=False)
    # Views other modules derive from the whole text (``shells.non_posix_runs``); the model's own are cached
    # properties. Either way computed once: a Document never changes.
    memo: dict[object, object] = field(default_factory=dict, repr=False)

    @property
    def bom(self) -> bool:
        return self.text.startswith(BOM)

    @property
    def newline(self) -> str:
        return newline_of(self.text)

    @property
    def final_newline(self) -> bool:
        return self.text.endswith("\n")

    @property
    def lowercase_keywords(self) -> bool:
        """True when most keywords are written in lower case; inserted ones follow suit."""
        lower = sum(1 for i in self.instructions if i.keyword.islower())
        return lower * 2 > len(self.instructions)

    def keyword(self, name: str) -> str:
        return name.lower() if self.lowercase_keywords else name.upper()

    def line_number(self, offset: int) -> int:
        import bisect

        return bisect.bisect_right(self._line_starts, offset)

    def stage(self, ref: str, before: int | None = None) -> Stage | None:
        """The stage named ``ref`` (case-insensitive) or with that index, declared before ``before``."""
        limit = len(self.stages) if before is None else before
        for stage in self.stages[:limit]:
            if (stage.name and stage.name == ref.lower()) or (ref.isdigit() and int(ref) == stage.index):
                return stage
        return None

    @property
    def final_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    @cached_property
    def search_text(self) -> str:
        """The text and each instruction's logical line, lower case, without quotes, escapes and line
        continuations: whatever a shell word's value spells (``a\\pk``, ``'ap'k``, ``ap\\`` newline ``k`` for
        ``apk``) is a substring of it. A pass's ``triggers`` are looked up here (``Pass.may_act``)."""
        raw = "\n".join([self.text, *(i.logical.text for i in self.instructions)])
        raw = raw.replace("\\\r\n", "").replace("\\\n", "")  # a heredoc body's shell continues lines too
        return raw.translate(_UNQUOTE).lower()

    @cached_property
    def _comments(self) -> tuple[str, ...]:  # validation asks for both texts' comments; the text never changes
        return tuple(self.text[ln.start:ln.end].strip() for ln in split_lines(self.text) if _is_comment(self.text, ln))

    def comments(self) -> list[str]:
        """Every comment line of the file, stripped, in order (directives included)."""
        return list(self._comments)


_UNQUOTE = str.maketrans("", "", "\\'\"`")  # quotes and both escape characters bind, never spell, a word


def _is_comment(text: str, line: Line) -> bool:
    return text[line.start:line.end].lstrip(" \t").startswith("#")


def _is_blank(text: str, line: Line) -> bool:
    return not text[line.start:line.end].strip(" \t\r\f\v")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _reject_constant(name: str) -> object:
    raise ValueError(name)  # Go's JSON has no NaN/Infinity


def _json_array(args: str) -> list[object] | None:
    """The JSON array at the start of ``args`` as BuildKit reads it, or None for shell form.

    BuildKit decodes the first JSON value and ignores whatever follows it (``CMD ["a"] b`` is the exec
    form ``["a"]``), so a trailing remainder does not turn the instruction into shell form."""
    raw = args.lstrip()
    if not raw.startswith("["):
        return None
    try:
        value, _ = json.JSONDecoder(parse_constant=_reject_constant).raw_decode(raw)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def _strip_flags(args: str, escape: str) -> str:
    """``args`` without the leading ``--flag`` words, which BuildKit takes off every instruction."""
    rest = args.lstrip(BLANKS)
    if not rest.startswith("--"):  # no flag (most instructions): no need to split every word of a long RUN
        return args[len(args) - len(rest):] if rest else args.lstrip(" \t")
    pos = 0
    for a, b in split_words(args, escape):
        word = args[a:b]
        if not word.startswith("--"):
            return args[a:]
        pos = b
        if word == "--":
            break
    return args[pos:].lstrip(" \t")


def _argument_error(name: str, args: str, escape: str) -> str | None:
    """The error BuildKit's parser raises for instruction ``name`` with ``args``, or None.

    Mirrors the checks its line parsers make while parsing (not the later build-time checks): ENV and
    LABEL need ``name=value`` pairs (or the legacy ``NAME value``), an exec-form array holds only
    strings, and ONBUILD applies the same rules to the instruction it wraps."""
    rest = _strip_flags(args, escape).strip(" \t\v\f\r")
    if name == "ONBUILD":
        m = _KEYWORD.match(rest)
        return _argument_error(m.group(0).upper(), rest[m.end():], escape) if m else None
    if name == "HEALTHCHECK":
        m = _KEYWORD.match(rest)
        if not m or m.group(0).upper() != "CMD":
            return None
        name, rest = "CMD", rest[m.end():]
    if name in _NAME_VAL_INSTRUCTIONS:
        words = [rest[a:b] for a, b in split_words(rest, escape)]
        if not words:
            return None
        if "=" not in words[0]:
            return None if len(re.split(r"[ \t\v\f\r]+", rest, maxsplit=1)) == 2 else f"{name} must have two arguments"
        bad = next((w for w in words if "=" not in w), None)
        return None if bad is None else f"Syntax error - can't find = in {bad!r}. Must be of the form: name=value"
    if name in JSON_INSTRUCTIONS:
        value = _json_array(rest)
        if value is not None and not all(isinstance(v, str) for v in value):
            return "when using JSON array syntax, arrays must be comprised of strings only"
    return None


def _continues(text: str, line: Line, escape: str) -> tuple[bool, int]:
    """Whether the line ends with the escape character; and where its content ends without it."""
    end = line.end
    while end > line.start and text[end - 1] in " \t":
        end -= 1
    # BuildKit's continuation pattern is ``(^|[^E])E[ \t]*$``: an escaped escape (``\\`` at the end
    # of a line) does not continue the line.
    if end > line.start and text[end - 1] == escape and not (end - 2 >= line.start and text[end - 2] == escape):
        return True, end - 1
    return False, line.end


def _assignments(ins: Instruction, env: dict[str, str]) -> dict[str, str]:
    """``NAME=value`` pairs (and the legacy ``ENV NAME value``) declared by ARG/ENV."""
    out: dict[str, str] = {}
    words = ins.words
    if ins.name == "ENV" and words and "=" not in words[0].raw:
        name = words[0].value
        rest = ins.args[len(words[0].raw):].strip()
        out[name] = expand(unquote(rest, ins.doc.escape), {**env, **out}) or unquote(rest, ins.doc.escape)
        return out
    for w in words:
        name, eq, value = w.value.partition("=")
        if eq:
            out[name] = expand(value, {**env, **out}) or value
        elif ins.name == "ARG" and name in env:
            out[name] = env[name]
    return out


# -- one file's processing parses the same texts several times (the runner, each applier round, validation);
# inside ``reuse_parses()`` each text is parsed once. Everything a Document caches is derived from its text
# alone (never from the path or the options), so sharing one between those callers changes no result.
_T = TypeVar("_T")
_K = TypeVar("_K", bound=Hashable)
_REUSE: dict[tuple[str, Hashable], object] | None = None


@contextmanager
def reuse_parses() -> Iterator[None]:
    """Within this block ``parse`` (and ``memoized``) return the same result for the same text; nested blocks
    share the outer one. Leaving the outermost one drops everything, so memory stays flat across files."""
    global _REUSE
    if _REUSE is not None:
        yield
        return
    _REUSE = {}
    try:
        yield
    finally:
        _REUSE = None


def memoized(kind: str, key: _K, compute: Callable[[_K], _T]) -> _T:
    """``compute(key)``, computed once per ``kind`` and key inside ``reuse_parses()`` (an exception is not
    kept: it is raised again by the next call). ``compute`` must depend on nothing but ``key`` and files on
    disk, which do not change while one file is processed."""
    if _REUSE is None:
        return compute(key)
    slot = (kind, key)
    if slot not in _REUSE:
        _REUSE[slot] = compute(key)
    return _REUSE[slot]  # type: ignore[return-value]


def parse(text: str) -> Document:
    """Parse ``text`` (decoded, BOM kept) into a Document. Raises InputError on an unterminated heredoc.

    Inside ``reuse_parses()`` the same text gives the same Document."""
    return memoized("parse", text, _parse)


def _parse(text: str) -> Document:
    begin = 1 if text.startswith(BOM) else 0
    lines = split_lines(text, begin)
    escape = "\\"
    directives: list[Directive] = []
    i = 0
    while i < len(lines):
        m = _DIRECTIVE.match(text[lines[i].start:lines[i].end])
        if not m or m.group(1).lower() not in _KNOWN_DIRECTIVES:
            break
        name, value = m.group(1).lower(), m.group(2)
        # BuildKit rejects a repeated directive and an escape other than ` or \ (the build fails).
        if any(d.name == name for d in directives):
            raise InputError(f"only one {name} parser directive can be used (line {i + 1})")
        if name == "escape" and value not in ("`", "\\"):
            raise InputError(f"invalid escape token {value!r} does not match ` or \\")
        directives.append(Directive(name, value, lines[i]))
        if name == "escape":
            escape = value
        i += 1

    starts = [0] + [ln.stop for ln in (lines if begin == 0 else split_lines(text))]
    doc = Document(text, escape, directives, [], [], {}, starts)
    while i < len(lines):
        line = lines[i]
        if _is_comment(text, line) or _is_blank(text, line):
            i += 1
            continue
        own = [line]
        start = line.start + len(text[line.start:line.end]) - len(text[line.start:line.end].lstrip(" \t"))
        logical = LogicalLine()
        more, content_end = _continues(text, line, escape)
        logical.add(text, start, content_end)
        i += 1
        while more and i < len(lines):
            nxt = lines[i]
            own.append(nxt)
            i += 1
            if _is_comment(text, nxt) or _is_blank(text, nxt):
                continue
            more, content_end = _continues(text, nxt, escape)
            logical.add(text, nxt.start, content_end)
        m = _KEYWORD.match(logical.text)
        keyword = m.group(0) if m else logical.text
        ins = Instruction(doc, len(doc.instructions), keyword, start, own, logical, [])
        error = _argument_error(ins.name, logical.text[len(keyword):], escape)
        if error:
            raise InputError(f"{error} (line {ins.lineno})")
        if _can_have_heredocs(ins):
            i = _read_heredocs(ins, lines, i)
        doc.instructions.append(ins)
    if not doc.instructions:
        raise InputError("file with no instructions")
    _build_stages(doc)
    return doc


def _can_have_heredocs(ins: Instruction) -> bool:
    """RUN/COPY/ADD in shell form, also when wrapped in ONBUILD (BuildKit's ``canContainHeredoc``)."""
    if ins.name == "ONBUILD":
        rest = _strip_flags(ins.logical.text[len(ins.keyword):], ins.doc.escape).lstrip(" \t")
        m = _KEYWORD.match(rest)
        if not m or m.group(0).upper() not in HEREDOC_INSTRUCTIONS:
            return False
        value = _json_array(_strip_flags(rest[m.end():], ins.doc.escape))
        return value is None
    return ins.name in HEREDOC_INSTRUCTIONS and not ins.is_json


def _read_heredocs(ins: Instruction, lines: list[Line], i: int) -> int:
    text = ins.doc.text
    if "<<" not in ins.logical.text:
        return i  # a heredoc marker is a word starting ``<<``: none here (the common case, and no lexing needed)
    if not _lexes(ins.logical.text):
        return i  # BuildKit's lexer fails on the line, and it then finds no heredoc in it at all
    # BuildKit finds heredoc markers with a ``\`` lexer whatever the escape directive says, so
    # ``"a \" b" <<EOF`` opens a heredoc even in a file with ``# escape=` ``.
    for word in ins._words_from(len(ins.keyword), "\\"):
        m = _HEREDOC.match(word.raw)
        if not m or not m.group(3):
            continue
        name = unquote(m.group(3), "\\")
        if not name or len(split_words(m.group(3))) != 1:
            continue
        chomp = m.group(2) == "-"
        body_start = lines[i].start if i < len(lines) else len(text)
        while True:
            if i >= len(lines):
                raise InputError(f"unterminated heredoc <<{name} (line {ins.lineno})")
            ln = lines[i]
            i += 1
            candidate = text[ln.start:ln.end]
            if chomp:
                candidate = candidate.lstrip("\t")
            if candidate == name:
                ins.heredocs.append(Heredoc(name, chomp, m.group(3) != name, word, body_start, ln.start, ln))
                break
    return i


_PARAM = re.compile(r"[A-Za-z0-9_]+")


def _lexes(text: str) -> bool:
    """False where BuildKit's shell lexer (``shell.Lex`` with a ``\\`` escape) fails on ``text``: an
    unterminated quote, or a ``${…}`` that is unterminated, empty or uses an operator it lacks."""
    try:
        _lex_until(text, 0, "")
    except ValueError:
        return False
    return True


def _lex_until(text: str, i: int, stop: str) -> int:
    """Scan unquoted text from ``i`` to just after the unquoted ``stop`` (to the end when empty)."""
    while i < len(text):
        ch = text[i]
        if stop and ch == stop:
            return i + 1
        if ch == "\\":
            i += 2
        elif ch == "'":
            i = text.index("'", i + 1) + 1  # ValueError when unterminated
        elif ch == '"':
            i = _lex_double(text, i + 1)
        elif ch == "$":
            i = _lex_dollar(text, i + 1)
        else:
            i += 1
    if stop:
        raise ValueError(f"missing {stop}")
    return i


def _lex_double(text: str, i: int) -> int:
    while i < len(text):
        ch = text[i]
        if ch == '"':
            return i + 1
        if ch == "\\":
            i += 2
        elif ch == "$":
            i = _lex_dollar(text, i + 1)
        else:
            i += 1
    raise ValueError("unterminated double quote")


def _lex_dollar(text: str, i: int) -> int:
    if i >= len(text) or text[i] != "{":
        return i
    m = _PARAM.match(text, i + 1)
    if not m or m.end() >= len(text):
        raise ValueError("bad substitution")
    i = m.end()
    if text[i] == "}":
        return i + 1
    if text[i] not in ":-+?":
        raise ValueError("unsupported modifier")
    return _lex_until(text, i + 1, "}")


def _build_stages(doc: Document) -> None:
    current: Stage | None = None
    for ins in doc.instructions:
        if ins.name == "FROM":
            words = [w.value for w in ins.words]
            image = words[0] if words else ""
            name = words[2].lower() if len(words) >= 3 and words[1].lower() == "as" else None
            platform = ins.flag("platform")
            current = Stage(len(doc.stages), ins, [ins], name, image,
                            platform.value if platform else None, doc)
            doc.stages.append(current)
        elif current is None:
            if ins.name == "ARG":
                doc.global_args.update(_assignments(ins, doc.global_args))
            continue
        else:
            current.instructions.append(ins)
        ins.stage_index = current.index
