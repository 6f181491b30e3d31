"""The healthcheck probe programs (transforms/_health_probe.py) on inputs its golden cases do not reach: Go
durations with several parts or milliseconds, a sub-millisecond-rounding timeout, a path option with quotes."""

from __future__ import annotations

import pytest

from refactor.document import Stage, parse
from transforms._health_probe import http_probe, seconds, tcp_probe


def _stage(text: str) -> Stage:
    stage = parse(text).final_stage
    assert stage is not None
    return stage


@pytest.mark.parametrize("value, expected", [
    ("30s", 30.0), ("1m30s", 90.0), ("1h2m3s", 3723.0), ("500ms", 0.5), ("1.5s", 1.5),
    ("", None), ("30", None), ("s30s", None), ("30s ", None), ("1m 30s", None),
])
def test_seconds_reads_go_durations(value: str, expected: float | None) -> None:
    assert seconds(value) == expected


def test_a_one_millisecond_timeout_stays_one_millisecond_in_node() -> None:
    # node treats a timeout of 0 as none at all; 1ms must stay 1ms (Docker accepts --timeout=1ms)
    stage = _stage('FROM gcr.io/distroless/nodejs20-debian12\nCOPY . /app\nCMD ["/app/main.js"]\n')
    tcp = tcp_probe(stage, 3000, 0.001)
    http = http_probe(stage, 3000, "/health", 0.001)
    assert tcp is not None and "timeout: 1}" in tcp[2]
    assert http is not None and "timeout: 1}" in http[2]


def test_a_path_with_quotes_and_backslashes_is_escaped_in_the_script() -> None:
    # the path option allows any non-blank characters; the script literal must still be the same path
    node = http_probe(_stage('FROM node:20-slim\nCMD ["node", "a.js"]\n'), 3000, "/it's\\ok", 5)
    assert node is not None and "path: '/it\\'s\\\\ok'," in node[2]
    py = http_probe(_stage('FROM gcr.io/distroless/python3-debian12\nCMD ["a.py"]\n'), 8000, "/it's\\ok", 5)
    assert py == ["python3", "-c", "import urllib.request; "
                  "urllib.request.urlopen('http://127.0.0.1:8000/it\\'s\\\\ok', timeout=5)"]
