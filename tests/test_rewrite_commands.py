"""The command-level edit builders of refactor/rewrite.py keep the RUN's own layout."""

from __future__ import annotations

import pytest

from refactor.commands import joiner
from refactor.document import parse
from refactor.edits import apply_edits
from refactor.rewrite import (
    append_cleanup,
    append_command_to_run,
    insert_cleanup_after,
    insert_command_after,
    insert_command_before,
    insert_command_inline_before,
    insert_words_after,
)
from refactor.shell import shell_of


def _run(text: str):
    doc = parse(text)
    ins = doc.instructions[1]
    script = shell_of(ins)
    assert script is not None
    return doc, script


def _find(script, name: str):
    return next(c for c in script.commands if c.name == name)


@pytest.mark.parametrize(("src", "out"), [
    ("FROM a\nRUN apk add x && make\n", "FROM a\nRUN apk add x && make && apk del y\n"),
    ("FROM a\nRUN apk add x && \\\n    make\n", "FROM a\nRUN apk add x && \\\n    make && \\\n    apk del y\n"),
    ("FROM a\nRUN apk add x \\\n  && make\n", "FROM a\nRUN apk add x \\\n  && make \\\n  && apk del y\n"),
])
def test_append_command_to_run(src: str, out: str) -> None:
    doc, script = _run(src)
    edit = append_command_to_run(script, "apk del y", joiner(script))
    assert edit is not None and apply_edits(doc.text, [edit]) == out


def test_append_command_to_run_uses_semicolons_under_set_e() -> None:
    doc, script = _run("FROM a\nRUN set -eux; \\\n    apk add x; \\\n    make\n")
    edit = append_command_to_run(script, "apk del y", joiner(script))
    assert edit is not None
    assert apply_edits(doc.text, [edit]) == "FROM a\nRUN set -eux; \\\n    apk add x; \\\n    make; \\\n    apk del y\n"


def test_append_command_to_run_refuses_a_compound_end() -> None:
    _, script = _run("FROM a\nRUN if true; then make; fi\n")
    assert append_command_to_run(script, "apk del y", "&&") is None


def test_insert_command_before_and_after() -> None:
    doc, script = _run("FROM a\nRUN apk add x && \\\n    make && \\\n    make install\n")
    make = _find(script, "make")
    before = insert_command_before(script, make, "echo a", "&&")
    after = insert_command_after(script, make, "echo b", "&&")
    assert apply_edits(doc.text, [before, after]) == (
        "FROM a\nRUN apk add x && \\\n    echo a && \\\n    make && \\\n    echo b && \\\n    make install\n")


def test_insert_command_after_refuses_pipes_and_fallbacks() -> None:
    # one builder, the safe behaviour for every caller: 'a | tee' and 'a || b' take no command in between
    for run in ("FROM a\nRUN make | tee log && echo ok\n", "FROM a\nRUN make || true\n"):
        _, script = _run(run)
        assert insert_command_after(script, _find(script, "make"), "echo b", "&&") is None
        assert insert_command_after(script, _find(script, "make"), "echo b", "&&", inline=False) is None


def test_insert_command_after_layouts() -> None:
    doc, script = _run("FROM a\nRUN apk add x \\\n    && make && make install\n")
    make = _find(script, "make")
    inline = insert_command_after(script, make, "echo b")
    own = insert_command_after(script, make, "echo b", "&&", inline=False)
    assert inline is not None and own is not None
    assert apply_edits(doc.text, [inline]) == "FROM a\nRUN apk add x \\\n    && make && echo b && make install\n"
    assert apply_edits(doc.text, [own]) == (
        "FROM a\nRUN apk add x \\\n    && make \\\n    && echo b && make install\n")


def test_insert_command_inline_before() -> None:
    doc, script = _run("FROM a\nRUN X=1 apt-get install -y curl\n")
    edit = insert_command_inline_before(script.commands[0], "apt-mark showmanual", ";")
    assert apply_edits(doc.text, [edit]) == "FROM a\nRUN apt-mark showmanual; X=1 apt-get install -y curl\n"


def test_insert_words_after_one_per_line_when_alone() -> None:
    doc, script = _run("FROM a\nRUN apk add \\\n    gcc \\\n    make\n")
    gcc = next(w for w in script.commands[0].words if w.value == "gcc")
    edit = insert_words_after(doc.instructions[1], gcc, ["musl-dev"])
    assert apply_edits(doc.text, [edit]) == "FROM a\nRUN apk add \\\n    gcc \\\n    musl-dev \\\n    make\n"


def test_append_cleanup_and_insert_cleanup_after() -> None:
    doc, script = _run("FROM a\nRUN npm ci | tee log && echo ok\n")
    npm = _find(script, "npm")
    assert insert_cleanup_after(script, npm, "npm cache clean --force") is None  # feeds a pipe
    edit = append_cleanup(script, "rm -rf /tmp/x")
    assert edit is not None
    assert apply_edits(doc.text, [edit]) == "FROM a\nRUN npm ci | tee log && echo ok && rm -rf /tmp/x\n"
    doc, script = _run("FROM a\nRUN npm ci && node build.js\n")
    edit = insert_cleanup_after(script, _find(script, "npm"), "npm cache clean --force")
    assert edit is not None
    assert apply_edits(doc.text, [edit]) == "FROM a\nRUN npm ci && npm cache clean --force && node build.js\n"
