"""The shell view: commands, words and operators mapped back to exact source offsets."""

from __future__ import annotations

import pytest

from refactor.document import parse
from refactor.shell import shell_of
from refactor.source import decode
from tests.paths import corpus_files, need_corpus


def _script(run: str):
    doc = parse("FROM alpine\n" + run)
    return doc.text, shell_of(doc.instructions[1])


def test_commands_and_operators_across_continuations_and_comments() -> None:
    text, s = _script("RUN FOO=1 apk add --no-cache \\\n    # compilers\n    gcc \\\n && make | tee log || true\n")
    assert s.parser == "bashlex"
    assert [c.argv for c in s.commands] == [["apk", "add", "--no-cache", "gcc"], ["make"], ["tee", "log"], ["true"]]
    assert [c.op_before for c in s.commands] == ["", "&&", "|", "||"]
    assert [w.raw for w in s.commands[0].assignments] == ["FOO=1"]
    for c in s.commands:
        for w in c.words:
            assert text[w.start:w.end] == w.raw
    assert s.commands[0].is_("apk", "add")


def test_quoted_words_keep_raw_and_unquote_value() -> None:
    text, s = _script("""RUN pnpm --filter "@scope/a" build && echo 'x y'\n""")
    filt = s.commands[0].words[2]
    assert filt.raw == '"@scope/a"' and filt.value == "@scope/a"
    assert text[filt.start:filt.end] == '"@scope/a"'


@pytest.mark.parametrize("run", [
    "RUN case $x in a) apk add gcc;; esac\n",
    "RUN echo $((1 + 2)) && apk add gcc\n",
    "RUN [[ -f /x ]] && apk add gcc\n",
    "RUN arr=(a b) && apk add gcc\n",
])
def test_tree_sitter_fallback_for_what_bashlex_rejects(run: str) -> None:
    text, s = _script(run)
    assert s is not None and s.parser == "tree-sitter"
    add = s.find("apk", "add")
    assert add and text[add[0].words[-1].start:add[0].words[-1].end] == "gcc"


def test_compound_commands_are_nested() -> None:
    _, s = _script("RUN if [ -f x ]; then apk add gcc; fi && make\n")
    assert [c.depth for c in s.find("apk", "add")] == [1]
    assert s.find("make")[0].depth == 0
    assert not s.is_simple_list


def test_no_shell_view_for_exec_form_or_heredoc() -> None:
    doc = parse('FROM a\nRUN ["apk", "add", "x"]\nRUN <<EOF\napk add x\nEOF\n')
    assert shell_of(doc.instructions[1]) is None
    assert shell_of(doc.instructions[2]) is None


def test_unparsable_shell_is_left_alone() -> None:
    _, s = _script("RUN echo 'unterminated\n")
    assert s is None


def test_every_corpus_run_maps_words_exactly() -> None:
    need_corpus()
    parsed = total = 0
    for path in corpus_files():
        text = decode(path.read_bytes())
        doc = parse(text)
        for ins in doc.instructions:
            if ins.name != "RUN" or ins.is_json or ins.heredocs:
                continue
            total += 1
            s = shell_of(ins)
            if s is None:
                continue
            parsed += 1
            for c in s.commands:
                for w in c.words:
                    # A word never spans a comment line; its source text is its raw text, modulo continuations.
                    src = text[w.start:w.end]
                    assert src == w.raw or doc.escape + "\n" in src or doc.escape + "\r\n" in src or "\\" in src
    assert total and parsed / total > 0.97, (parsed, total)


def test_heredoc_script_view_is_opt_in_and_maps_to_the_body() -> None:
    text = "FROM alpine\nRUN <<EOF\napk update\napk add git\nEOF\nRUN <<EOF cat > /x\nhi\nEOF\n"
    doc = parse(text)
    assert shell_of(doc.instructions[1]) is None
    s = shell_of(doc.instructions[1], heredoc=True)
    assert s.heredoc and [c.argv for c in s.commands] == [["apk", "update"], ["apk", "add", "git"]]
    git = s.commands[1].words[2]
    assert text[git.start:git.end] == "git"
    assert shell_of(doc.instructions[2], heredoc=True) is None  # the heredoc is data, not the script
