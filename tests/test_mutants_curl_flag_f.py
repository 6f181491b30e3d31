"""curl-use-flag-f (transforms/curl_use_flag_f.py) on shapes its golden cases do not pin down: the pass id and
safety of what it reports, a pipe skip followed by another download, a file without FROM, --fail-with-body."""

from __future__ import annotations

from refactor.applier import transform
from refactor.edits import Fix, Safety
from refactor.passes import Context
from transforms.curl_use_flag_f import FLAG_F


def _run(text: str):
    out = transform(text, [FLAG_F], Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


def test_a_pipe_skip_does_not_stop_the_next_download() -> None:
    out = _run("FROM debian:bookworm\nRUN curl -sL https://deb.nodesource.com/setup_20.x | bash -\n"
               "RUN curl -sSL -o /tmp/a.tgz https://example.com/a.tgz\n")
    [finding] = out.findings
    assert finding.line == 2 and finding.item.pass_id == FLAG_F.id
    [fix] = out.fixes
    assert fix.line == 3 and isinstance(fix.item, Fix)
    assert fix.item.pass_id == FLAG_F.id and fix.item.safety is Safety.REVIEW
    assert out.text.endswith("RUN curl -fsSL -o /tmp/a.tgz https://example.com/a.tgz\n")


def test_a_curl_whose_status_decides_nothing_does_not_stop_the_next() -> None:
    out = _run("FROM debian:bookworm\nRUN curl -sS https://ifconfig.me; echo\n"
               "RUN curl -sSL -o /tmp/a.tgz https://example.com/a.tgz\n")
    assert [f.line for f in out.fixes] == [3] and not out.findings


def test_no_from_never_raises() -> None:
    out = _run("RUN curl -sL https://example.com/install.sh | sh\n")
    assert [f.line for f in out.findings] == [1] and not out.fixes


def test_fail_with_body_already_fails() -> None:
    text = "FROM debian:bookworm\nRUN curl --fail-with-body -sSL -o /tmp/a.tgz https://example.com/a.tgz\n"
    out = _run(text)
    assert out.text == text and not out.fixes and not out.findings


def test_bash_pipe_of_stdout_and_stderr_is_a_pipe() -> None:
    out = _run('FROM debian:bookworm\nSHELL ["/bin/bash", "-c"]\n'
               'RUN curl -sSL https://example.com/install.sh |& tee /tmp/install.log\n')
    [finding] = out.findings
    assert finding.line == 3 and "curl feeds tee" in finding.item.message and not out.fixes
