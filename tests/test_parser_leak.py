"""BuildKit's parser (PyPI ``dockerfile``) leaks every object of every parse; validate gives it back."""

from __future__ import annotations

import gc
import tracemalloc
from collections import namedtuple

import dockerfile

from refactor import validate
from refactor.validate import _ParserLeak

_TEXT = ("FROM python:3.12 AS build\nRUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt\n"
         "COPY <<EOF /etc/app.conf\nport=8080\nEOF\nEXPOSE 8080\n" + "RUN echo step\n" * 200)


def _growth(parse, times: int) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(times):
            parse(_TEXT)
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_the_installed_parser_leaks_without_the_release():
    # what the workaround is for: 100 raw parses keep megabytes alive
    assert _growth(dockerfile.parse_string, 100) > 1_000_000


def test_repeated_parses_keep_memory_flat(monkeypatch):
    monkeypatch.setattr(validate, "_LEAK", _ParserLeak())
    for i in range(_ParserLeak.START):  # past the start-up parses, which are not released
        validate._buildkit_parse(_TEXT + "#" * i)
    assert validate._LEAK.leaked
    assert _growth(validate._buildkit_parse, 100) < 50_000


def test_the_parse_result_is_intact_after_the_release(monkeypatch):
    monkeypatch.setattr(validate, "_LEAK", _ParserLeak())
    expected = validate._buildkit_parse(_TEXT)
    for _ in range(_ParserLeak.START + 5):
        got = validate._buildkit_parse(_TEXT)
    assert got == expected
    assert got[:4] == (("FROM", 1, 1), ("RUN", 2, 2), ("COPY", 3, 5), ("EXPOSE", 6, 6))
    gc.collect()
    assert [c.cmd for c in dockerfile.parse_string(_TEXT)][:3] == ["FROM", "RUN", "COPY"]


def test_a_parser_that_does_not_leak_gets_nothing_dropped(monkeypatch):
    command = namedtuple("Command", "cmd sub_cmd json original start_line end_line flags value heredocs")

    def honest(text: str):
        return tuple(command("FROM", None, False, line, n, n, (), tuple(line.split()[1:]), ())
                     for n, line in enumerate(text.splitlines(), 1))

    monkeypatch.setattr(dockerfile, "parse_string", honest)
    leak = _ParserLeak()
    leak.parses = _ParserLeak.START
    cmds = honest("FROM a-long-image-name\nFROM another-image\n")
    leak.release(cmds)
    assert leak.leaked == 0 and leak.decref is None
    assert cmds[0].original == "FROM a-long-image-name"


def test_nothing_is_imported_or_released_before_the_start(monkeypatch):
    leak = _ParserLeak()
    monkeypatch.setattr(validate, "_LEAK", leak)
    for _ in range(_ParserLeak.START - 1):
        validate._buildkit_parse("FROM scratch\n")
    assert leak.leaked is None and leak.decref is None
    validate._buildkit_parse("FROM scratch\n")
    assert leak.leaked is not None
