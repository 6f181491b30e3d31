"""The speed-ups keep every output: parses shared within one file, and passes skipped by their ``triggers``.

A pass with triggers is skipped on a file none of them occurs in (``Document.search_text``); these tests run such
a pass anyway, without the applier, on every golden input (and the corpus) that lacks its triggers, and require
that it reports nothing there — so a trigger that would hide a fix or a finding fails here.
"""

from __future__ import annotations

import pytest

from refactor import document
from refactor.document import parse, reuse_parses
from refactor.passes import Context, Pass
from refactor.project import Project
from refactor.source import InputError, decode
from refactor.validate import buildkit_parse
from tests.golden import cases
from tests.paths import corpus_files, need_corpus
from transforms import PASSES

TRIGGERED: list[Pass] = [p for p in PASSES if p.triggers is not None]


def test_some_passes_declare_triggers_in_lower_case() -> None:
    assert TRIGGERED
    for p in TRIGGERED:
        assert p.triggers and all(t == t.lower() and t.strip() == t for t in p.triggers), p.id


@pytest.mark.parametrize("text", [
    "FROM alpine\nRUN a\\pk add curl\n",  # an escaped letter: the shell runs apk
    "FROM alpine\nRUN 'ap'k add curl\n",  # quotes bind the word
    'FROM alpine\nRUN "/sbin/AP"K add curl\n',
    "FROM alpine\nRUN ap\\\n  # a comment inside the continuation\nk add curl\n",  # BuildKit joins the lines
    "FROM alpine\nRUN ap\\\r\nk add curl\r\n",
    "# escape=`\nFROM alpine\nRUN ap`\nk add curl\n",
    "FROM alpine\nRUN <<EOF\nap\\\nk add curl\nEOF\n",  # the shell joins a heredoc body's lines
])
def test_search_text_spells_the_words_the_shell_reads(text: str) -> None:
    assert "apk" in parse(text).search_text
    assert next(p for p in PASSES if p.id == "apk-no-cache").may_act(parse(text))


def test_a_file_without_the_tool_is_not_given_to_its_pass() -> None:
    doc = parse("FROM debian\nRUN apt-get install -y curl\n")
    apk = next(p for p in PASSES if p.id == "apk-no-cache")
    apt = next(p for p in PASSES if p.id == "apt-get-install-use-y")
    assert not apk.may_act(doc) and apt.may_act(doc)


def _silent_without_triggers(text: str, ctx: Context) -> list[str]:
    """Passes that report something on ``text`` although none of their triggers occurs in it."""
    try:
        doc = parse(text)
    except InputError:
        return []
    wrong = []
    for p in TRIGGERED:
        if p.may_act(doc):
            continue
        results = list(p(doc, ctx))
        if results:
            wrong.append(f"{p.id}: {results[0]}")
    return wrong


def test_triggered_passes_report_nothing_on_golden_inputs_without_their_triggers() -> None:
    wrong = []
    for case in cases():
        ctx = Context(path=case.source, options=case.context().options, project=Project())
        wrong += [f"{case.name}: {w}" for w in _silent_without_triggers(decode(case.source.read_bytes()), ctx)]
    assert not wrong


@pytest.mark.corpus
def test_triggered_passes_report_nothing_on_corpus_files_without_their_triggers() -> None:
    need_corpus()
    project = Project()
    wrong = []
    for path in corpus_files():
        ctx = Context(path=path, project=project)
        wrong += [f"{path}: {w}" for w in _silent_without_triggers(decode(path.read_bytes()), ctx)]
    assert not wrong


def test_parses_are_shared_only_inside_reuse_parses() -> None:
    text = "FROM alpine\nRUN echo hi\n"
    assert parse(text) is not parse(text)  # outside: every call parses (a caller may rely on a fresh one)
    with reuse_parses():
        first = parse(text)
        assert parse(text) is first
        with reuse_parses():  # nested: the outer block's cache
            assert parse(text) is first
        shared = buildkit_parse(text)
        assert [line for _, line, _ in shared] == [1, 2]
        shared.clear()  # each caller gets its own list
        assert len(buildkit_parse(text)) == 2
        other = parse(text + "RUN true\n")
        assert other is not first
    assert document._REUSE is None  # nothing is kept once the file is done
    assert parse(text) is not first


def test_a_failed_parse_is_not_kept() -> None:
    with reuse_parses():
        for _ in range(2):
            with pytest.raises(InputError):
                parse("FROM alpine\nRUN <<EOF\nno end\n")
