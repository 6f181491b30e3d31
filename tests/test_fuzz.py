"""Property-based robustness of the lossless engine, with BuildKit's own parser as the oracle.

Dockerfiles come from a grammar-ish strategy that mixes what real files do and what trips parsers:
parser directives (``# syntax=``, ``# escape=``), upper/lower/mixed-case keywords, flags, JSON and shell
forms, ``\\``/backtick continuations with trailing blanks, comment and empty lines inside continuations,
heredocs (``<<EOF``, ``<<-EOF``, quoted names, two per instruction, ``COPY <<EOF``), LF/CRLF/mixed line
endings, a BOM, tabs, a missing final newline and non-ASCII text. The properties:

(a) ``parse`` raises nothing but ``InputError``, and does so exactly when BuildKit's parser rejects the file;
(b) instruction names, first/last lines, heredoc counts, flags and JSON-ness agree with BuildKit;
(c) every ``Word``/``Flag`` source span holds the word's raw text once continuations are taken out;
(d) ``insert_line_before/after``, ``append_command`` and ``remove_word`` at random places give text that
    BuildKit parses with the expected number of instructions and that keeps every comment line;
(e) the shell view's words land on the right physical characters.

Each property runs a fixed, derandomized set of examples so CI is deterministic. The regression tests at
the bottom pin every engine bug these properties found.
"""

from __future__ import annotations

import os
import re
from collections import Counter

import dockerfile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refactor.document import Document, Instruction, parse
from refactor.edits import apply_edits
from refactor.rewrite import append_command, insert_line_after, insert_line_before, remove_word
from refactor.shell import shell_of
from refactor.source import BOM, InputError, split_lines

# ``DOCKMOD_FUZZ_EXAMPLES=5000`` runs a longer local hunt; CI runs the default, deterministically.
FUZZ = settings(max_examples=int(os.environ.get("DOCKMOD_FUZZ_EXAMPLES", "200")), deadline=None,
                derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ---------------------------------------------------------------------------------------------------
# The Dockerfile strategy
# ---------------------------------------------------------------------------------------------------

SHELL_WORDS = ["a\\ b", "${#A}", "${A", "x\\\\", "x`", "--", "\f",
               "echo", "apk", "add", "--no-cache", "curl", "&&", "||", ";", "|", "make", "-j2", "'a b'",
               '"x y"', '"q \\" q"', "$HOME", "${A:-b}", "ü", "日本語", "x=1", "#nc", "C:\\dir", "a`b", "☃"]
FLAGS = {
    "FROM": ["--platform=linux/amd64", "--platform=$BUILDPLATFORM"],
    "RUN": ["--mount=type=cache,target=/root/.cache", "--network=none", "--security=sandbox"],
    "COPY": ["--from=build", "--chown=1:1", "--link", "--chmod=755"],
    "ADD": ["--chown=app", "--link", "--checksum=sha256:abc"],
    "HEALTHCHECK": ["--interval=5s", "--retries=3"],
}
HEREDOC_BODY = ["echo hi", "\techo tab", "  spaced", "", "# not a comment", "apk add curl \\", "EOF ",
                "xEOF", "ünï", "a `", "\t"]


def _case(draw, word: str) -> str:
    mode = draw(st.sampled_from(["upper", "upper", "lower", "mixed"]))
    if mode == "upper":
        return word.upper()
    if mode == "lower":
        return word.lower()
    return "".join(c.upper() if draw(st.booleans()) else c.lower() for c in word)


def _json(draw) -> str:
    items = draw(st.lists(st.sampled_from(["sh", "-c", "echo hi", "/bin/ü", "a\\\\b", "x y"]),
                          min_size=1, max_size=3))
    sep = draw(st.sampled_from([", ", ",", " , "]))
    inner = sep.join(f'"{i}"' for i in items)
    return draw(st.sampled_from([f"[{inner}]", f"[ {inner} ]", f"[{inner}]  ", f"[{inner}, oops]",
                                 f"[{inner}] trailing", f"[{inner}, 1]", "[NaN]"]))


def _heredoc_marker(draw) -> tuple[str, str, bool]:
    name = draw(st.sampled_from(["EOF", "EOT", "END_1"]))
    chomp = draw(st.booleans())
    quote = draw(st.sampled_from(["", "", "'", '"']))
    close = quote if draw(st.integers(0, 9)) else ""  # now and then an unbalanced quote
    return f"<<{'-' if chomp else ''}{quote}{name}{close}", name, chomp


def _tokens(draw, name: str) -> tuple[list[str], list[tuple[str, bool]]]:
    """Argument tokens for instruction ``name`` and the heredocs (name, chomp) they open."""
    toks: list[str] = []
    heredocs: list[tuple[str, bool]] = []
    if name in FLAGS:
        toks += draw(st.lists(st.sampled_from(FLAGS[name]), max_size=2))
    if name == "FROM":
        toks.append(draw(st.sampled_from(["alpine:3.20", "debian", "${BASE}", "build"])))
        if draw(st.booleans()):
            toks += [draw(st.sampled_from(["AS", "as"])), draw(st.sampled_from(["build", "Run2"]))]
    elif name in ("RUN", "COPY", "ADD", "CMD", "ENTRYPOINT", "SHELL", "VOLUME") and draw(st.integers(0, 3)) == 0:
        toks.append(_json(draw))
    elif name in ("RUN", "COPY", "ADD"):
        words = draw(st.lists(st.sampled_from(SHELL_WORDS), min_size=1, max_size=7))
        if name != "RUN":
            words = draw(st.lists(st.sampled_from(["/src", "ü.txt", "a b", "./", "'q'"]), min_size=1, max_size=3))
            words = [w for w in words if " " not in w] + ["/dest/"]
        for _ in range(draw(st.integers(0, 2))):
            marker, hname, chomp = _heredoc_marker(draw)
            words.insert(draw(st.integers(0, len(words))), marker)
            heredocs.append((hname, chomp))
        toks += words
    elif name in ("ENV", "LABEL") and draw(st.integers(0, 9)) == 0:
        toks += draw(st.sampled_from([["A"], ["A=1", "B"], ["--x", "A"], ["'A", "B'"]]))  # BuildKit rejects most
    elif name == "ENV":
        if draw(st.booleans()):
            toks += ["LEGACY", *draw(st.lists(st.sampled_from(["a", "b c", "ü"]), min_size=1, max_size=3))]
        else:
            toks += draw(st.lists(st.sampled_from(["A=1", "B='x y'", 'C="ü"', "D=${A}"]), min_size=1, max_size=3))
    elif name == "ARG":
        toks.append(draw(st.sampled_from(["BASE=alpine", "V", "X=1"])))
    elif name == "LABEL":
        toks += draw(st.lists(st.sampled_from(["a=b", 'c="d e"', "ü=ö"]), min_size=1, max_size=3))
    elif name == "HEALTHCHECK":
        toks += draw(st.sampled_from([["NONE"], ["CMD", "curl", "-f", "http://x/"], ["CMD", '["true"]']]))
    elif name == "ONBUILD":
        toks += draw(st.sampled_from([["RUN", "echo", "later"], ["COPY", "<<EOF", "/x"], ["ENV", "A=1"],
                                      ["CMD", '["x"]']]))
        if toks[-2:] == ["<<EOF", "/x"]:
            heredocs.append(("EOF", False))
    else:
        toks += draw(st.lists(st.sampled_from(["app", "1000:1000", "/srv", "80/tcp", "SIGTERM", "x"]),
                              min_size=1, max_size=2))
    return toks, heredocs


def _instruction(draw, esc: str) -> list[str]:
    """Physical lines (without line breaks) of one instruction, heredoc bodies included."""
    name = draw(st.sampled_from(["FROM", "RUN", "RUN", "RUN", "COPY", "ADD", "ENV", "ARG", "LABEL", "USER",
                                 "WORKDIR", "CMD", "ENTRYPOINT", "EXPOSE", "VOLUME", "SHELL", "HEALTHCHECK",
                                 "STOPSIGNAL", "ONBUILD", "MAINTAINER"]))
    toks, heredocs = _tokens(draw, name)
    lines: list[str] = []
    cur = draw(st.sampled_from(["", "", "  ", "\t"])) + _case(draw, name)
    for tok in toks:
        kind = draw(st.sampled_from(["space", "space", "space", "tab", "cont", "cont_glued"]))
        if kind in ("space", "tab"):
            cur += " " if kind == "space" else "\t"
        else:
            cur += ("" if kind == "cont_glued" else " ") + esc + draw(st.sampled_from(["", "", " ", " \t"]))
            lines.append(cur)
            lines += draw(st.lists(st.sampled_from(["# inside", "  # indented comment", "", "   ", "\t",
                                                    f"# ends with escape {esc}"]), max_size=2))
            cur = draw(st.sampled_from(["", "    ", "\t", "  "]))
        cur += tok
    if draw(st.integers(0, 9)) == 0:  # a dangling continuation
        cur += " " + esc
    lines.append(cur + draw(st.sampled_from(["", "", " ", "\t"])))
    for hname, chomp in heredocs:
        lines += draw(st.lists(st.sampled_from(HEREDOC_BODY), max_size=3))
        if draw(st.integers(0, 19)) == 0:
            continue  # unterminated: BuildKit must reject it, and so must we
        lines.append(("\t" * draw(st.integers(0, 2)) if chomp else "") + hname)
    return lines


@st.composite
def dockerfiles(draw) -> str:
    esc = draw(st.sampled_from(["\\", "\\", "`"]))
    head: list[str] = []
    if draw(st.booleans()):
        head.append(draw(st.sampled_from(["# syntax=docker/dockerfile:1", "#syntax=docker/dockerfile:1.7"])))
    if esc == "`" or draw(st.integers(0, 3)) == 0:
        head.insert(draw(st.integers(0, len(head))),
                    draw(st.sampled_from(["# escape=", "#escape=", "# escape = ", "# ESCAPE=", "  # escape="])) + esc)
    if draw(st.integers(0, 9)) == 0:  # a directive that ends the block, is repeated or is invalid
        head.insert(draw(st.integers(0, len(head))),
                    draw(st.sampled_from(["# syntax=", "# escape=x", "# syntax=a", "# foo=bar", "#", "# esc_ape=`"])))
    lines = list(head)
    for _ in range(draw(st.integers(0 if draw(st.integers(0, 19)) == 0 else 1, 6))):
        lines += draw(st.lists(st.sampled_from(["", "# a comment", "  # indented", "\t", "# ü ☃", "\f", " \v"]),
                              max_size=2))
        lines += _instruction(draw, esc)
    mode = draw(st.sampled_from(["lf", "lf", "crlf", "mixed"]))
    out = []
    for k, line in enumerate(lines):
        out.append(line)
        if k < len(lines) - 1 or draw(st.integers(0, 3)):
            nl = {"lf": "\n", "crlf": "\r\n"}.get(mode) or draw(st.sampled_from(["\n", "\r\n"]))
            out.append(nl)
    text = "".join(out)
    if draw(st.integers(0, 4)) == 0:
        text = BOM + text
    return text


# ---------------------------------------------------------------------------------------------------
# Oracles and checks
# ---------------------------------------------------------------------------------------------------

def _oracle(text: str) -> list[dockerfile.Command] | None:
    try:
        return list(dockerfile.parse_string(text))
    except dockerfile.GoParseError:
        return None


def _mine(doc: Document) -> list[tuple[str, int, int, int]]:
    # The ``dockerfile`` package reports no heredocs for ONBUILD (it reads them but lists none).
    return [(i.name, i.lineno, doc.line_number(i.end - 1), 0 if i.name == "ONBUILD" else len(i.heredocs))
            for i in doc.instructions]


def _theirs(cmds: list[dockerfile.Command]) -> list[tuple[str, int, int, int]]:
    return [(c.cmd.upper(), c.start_line, c.end_line, len(c.heredocs)) for c in cmds]


def _parse_both(text: str) -> tuple[Document | None, list[dockerfile.Command] | None]:
    """Both parsers on ``text``; asserts property (a): they reject exactly the same files."""
    cmds = _oracle(text)
    try:
        doc = parse(text)
    except InputError:
        doc = None
    assert (doc is None) == (cmds is None), f"parse {'rejected' if doc is None else 'accepted'} what BuildKit " \
                                            f"{'accepted' if doc is None else 'rejected'}: {text!r}"
    return doc, cmds


def _joined(doc: Document, start: int, end: int) -> str:
    """``text[start:end]`` with BuildKit's joins undone: an escape, the blanks after it and the line
    break go, and so do whole comment and blank lines after a continuation. Written independently of
    ``LogicalLine`` so that it can check it."""
    text, esc = doc.text, re.escape(doc.escape)
    out: list[str] = []
    first = True
    for ln in split_lines(text):
        if ln.stop <= start or ln.start >= end:
            continue
        piece = text[max(start, ln.start):min(end, ln.end)]
        if not first and ln.start >= start and not text[ln.start:ln.end].strip(" \t\r\f\v"):
            continue
        if not first and ln.start >= start and text[ln.start:ln.end].lstrip(" \t").startswith("#"):
            continue
        if end > ln.end:  # the span goes on past this line's break: the line must continue
            m = re.search(esc + r"[ \t]*$", piece)
            assert m, f"span {start}:{end} crosses a line break without a continuation: {text!r}"
            piece = piece[:m.start()]
        out.append(piece)
        first = False
    return "".join(out)


def _check_span(doc: Document, raw: str, lstart: int, lend: int, start: int, end: int, logical: str) -> None:
    assert logical[lstart:lend] == raw
    assert start < end and doc.text[start] == raw[0] and doc.text[end - 1] == raw[-1], (raw, doc.text[start:end])
    assert _joined(doc, start, end) == raw, (raw, doc.text[start:end])


# ---------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------

@FUZZ
@given(dockerfiles())
def test_parse_agrees_with_buildkit(text: str) -> None:
    """(a) + (b): same files rejected; same instructions, lines, heredocs, flags and forms."""
    doc, cmds = _parse_both(text)
    if doc is None:
        return
    assert _mine(doc) == _theirs(cmds), text
    for ins, cmd in zip(doc.instructions, cmds, strict=True):
        if ins.name in ("COPY", "ADD", "RUN", "FROM"):
            # BuildKit's flag lexer walks bytes, not runes: non-ASCII in a flag comes out as Latin-1.
            assert tuple(f"--{f.name}" + ("" if f.value is None else "=" + f.value.encode().decode("latin-1"))
                         for f in ins.flags) == tuple(f.lower() if "=" not in f else f for f in cmd.flags), text
        if ins.name not in ("HEALTHCHECK", "ONBUILD"):
            assert ins.is_json == cmd.json, text
        if not ins.heredocs:
            # BuildKit's ``original`` is the joined line; ours is the same text.
            assert ins.logical.text.rstrip(" \t") == cmd.original.rstrip(" \t"), text


@FUZZ
@given(dockerfiles())
def test_word_and_flag_spans(text: str) -> None:
    """(c): every word and flag maps back to its own characters in the source."""
    doc, _ = _parse_both(text)
    if doc is None:
        return
    for ins in doc.instructions:
        for w in [*ins.words, *(f.word for f in ins.flags)]:
            _check_span(doc, w.raw, w.lstart, w.lend, w.start, w.end, ins.logical.text)
        for h in ins.heredocs:
            assert doc.text[h.terminator.start:h.terminator.end].lstrip("\t") == h.name


@FUZZ
@given(dockerfiles())
def test_shell_word_spans(text: str) -> None:
    """(e): the shell view's words land on the right physical characters (heredoc scripts too)."""
    doc, _ = _parse_both(text)
    if doc is None:
        return
    for ins in doc.instructions:
        script = shell_of(ins, heredoc=True)
        if script is None:
            continue
        for cmd in script.commands:
            for w in (*cmd.assignments, *cmd.words):
                if script.heredoc:
                    assert doc.text[w.start:w.end] == w.raw
                else:
                    _check_span(doc, w.raw, w.lstart, w.lend, w.start, w.end, script.logical.text)


def _comments(text: str) -> Counter[str]:
    return Counter(parse(text).comments())


def _rewrite(draw, doc: Document) -> tuple[str, int] | None:
    """A random rewrite of ``doc``: the new text and how many instructions it must then have."""
    n = len(doc.instructions)
    ins: Instruction = doc.instructions[draw(st.integers(0, n - 1))]
    op = draw(st.sampled_from(["before", "after", "append", "remove", "remove_shell"]))
    line = doc.keyword("LABEL") + " fuzz=1"
    if op == "before":
        return apply_edits(doc.text, [insert_line_before(ins, line)]), n + 1
    if op == "after":
        return apply_edits(doc.text, [insert_line_after(ins, line)]), n + 1
    script = shell_of(ins)
    if op == "append":
        if script is None:
            return None
        return apply_edits(doc.text, [append_command(script, "echo fuzz")]), n
    if ins.name not in ("RUN", "COPY", "ADD") or ins.is_json or ins.heredocs:
        return None
    shell_words = [w for c in script.commands for w in c.words] if script else []
    words = ins.words if op == "remove" else shell_words
    if len(words) < 2:
        return None
    word = words[draw(st.integers(0, len(words) - 1))]
    return apply_edits(doc.text, [remove_word(ins, word)]), n


@FUZZ
@given(dockerfiles(), st.data())
def test_rewrites_keep_structure_and_comments(text: str, data: st.DataObject) -> None:
    """(d): the edit builders never merge, split or lose instructions, and never drop a comment."""
    doc, _ = _parse_both(text)
    if doc is None or not doc.instructions:
        return
    done = _rewrite(data.draw, doc)
    if done is None:
        return
    new, count = done
    cmds = _oracle(new)
    assert cmds is not None, f"rewrite does not parse: {text!r} -> {new!r}"
    assert len(cmds) == count, f"{text!r} -> {new!r}"
    assert not _comments(text) - _comments(new), f"{text!r} -> {new!r}"
    assert new.startswith(BOM) == text.startswith(BOM)


# ---------------------------------------------------------------------------------------------------
# Regression tests for the bugs the properties found
# ---------------------------------------------------------------------------------------------------

# Each text below once made ``parse`` disagree with BuildKit; the oracle decides what is right.
AGREEMENT_REGRESSIONS = {
    "directive_after_blanks": "  # escape=`\nRUN a `\n b\n",
    "empty_directive_ends_block": "# syntax=\n# escape=`\nRUN a `\n b\n",
    "json_with_trailing_text": 'RUN ["sh"] \\\nFROM alpine:3.20 \\',
    "nan_is_not_json": "CMD [NaN]\n",
    "keyword_ends_at_whitespace": "FROM alpine\nFROM\\\nalpine:3.20\n",
    "keyword_with_bracket": 'FROM a\nRUN["a"]\n',
    "onbuild_heredoc": "FROM a\nONBUILD COPY <<EOF /x\nhi\nEOF\n",
    "heredoc_marker_lexed_with_backslash": '# escape=`\nFROM a\nRUN echo "q \\" q" <<EOF\nx\nEOF\n',
    "unbalanced_quote_disables_heredocs": "RUN <<EOF <<'EOF a\\ b \\",
    "bad_substitution_disables_heredocs": "RUN <<EOF echo ${A\nx\nEOF\n",
    "escaped_escape_ends_line": "# escape=`\nRUN a x``\nb\n",
    "escaped_backslash_ends_line": "RUN a x\\\\\nb\n",
    "flag_lexed_with_backslash": "# escape=`\nRUN --mount=type=cache,target=/c`\na\\ b <<EOF\nEOF\n",
    "flag_trailing_lone_escape": "RUN --mount=type=cache,target=/cx\\\\\\\n",
}


@pytest.mark.parametrize("name", sorted(AGREEMENT_REGRESSIONS))
def test_agreement_regressions(name: str) -> None:
    text = AGREEMENT_REGRESSIONS[name]
    doc, cmds = _parse_both(text)
    assert doc is not None and _mine(doc) == _theirs(cmds)
    for ins, cmd in zip(doc.instructions, cmds, strict=True):
        if ins.name in ("COPY", "ADD", "RUN", "FROM"):
            assert tuple(f"--{f.name}={f.value}" for f in ins.flags) == cmd.flags
        if ins.name not in ("HEALTHCHECK", "ONBUILD"):
            assert ins.is_json == cmd.json


@pytest.mark.parametrize("text,reason", [
    ("# escape=`\n# escape=`\nFROM a\n", "only one escape"),
    ("# syntax=a\n# syntax=b\nFROM a\n", "only one syntax"),
    ("# escape=x\nFROM a\n", "invalid escape"),
    ("FROM a\nENV A\n", "ENV must have two arguments"),
    ("FROM a\nLABEL --x=1 a\n", "LABEL must have two arguments"),
    ("FROM a\nENV a=1 b\n", "can't find ="),
    ("FROM a\nONBUILD ENV a=b c\n", "can't find ="),
    ("FROM a\nCMD [1]\n", "strings only"),
    ("FROM a\nHEALTHCHECK --interval=5s CMD [1]\n", "strings only"),
    ("FROM a\nONBUILD RUN [1]\n", "strings only"),
    ("# only a comment\n", "no instructions"),
    ("# escape=`\nRUN <<EOF a\\ b \f`\n<<EOF `\necho hi\nEOF", "unterminated heredoc"),  # \f splits words
])
def test_rejected_like_buildkit(text: str, reason: str) -> None:
    assert _oracle(text) is None
    with pytest.raises(InputError, match=reason):
        parse(text)


def test_line_after_a_dangling_continuation_is_not_joined() -> None:
    text = "FROM alpine \\\n# tail\n"
    doc = parse(text)
    new = apply_edits(text, [insert_line_after(doc.instructions[0], "USER app")])
    assert new == "FROM alpine \n# tail\nUSER app\n"
    assert [c.cmd for c in dockerfile.parse_string(new)] == ["FROM", "USER"]


def test_line_after_a_dangling_backtick_without_final_newline() -> None:
    text = "# escape=`\r\nFROM alpine `"
    doc = parse(text)
    new = apply_edits(text, [insert_line_after(doc.instructions[0], "USER app")])
    assert new == "# escape=`\r\nFROM alpine \r\nUSER app"
    assert [c.cmd for c in dockerfile.parse_string(new)] == ["FROM", "USER"]


def test_removing_a_glued_word_keeps_its_comment_lines() -> None:
    text = "FROM a\nRUN echo x a\\\n# inside\nb\nUSER u\n"
    doc = parse(text)
    run = doc.instructions[1]
    assert [w.raw for w in run.words] == ["echo", "x", "ab"]
    new = apply_edits(text, [remove_word(run, run.words[-1])])
    assert new == "FROM a\nRUN echo x\n# inside\n\nUSER u\n"
    assert [c.cmd for c in dockerfile.parse_string(new)] == ["FROM", "RUN", "USER"]


def test_removing_a_glued_word_mid_instruction_keeps_the_continuation() -> None:
    text = "FROM a\nRUN echo a\\\n  # inside\nb c \\\n  d\n"
    doc = parse(text)
    run = doc.instructions[1]
    new = apply_edits(text, [remove_word(run, run.words[1])])
    assert new == "FROM a\nRUN echo\\\n  # inside\n c \\\n  d\n"
    assert [c.original for c in dockerfile.parse_string(new)][1] == "RUN echo c   d"
