"""curl-use-flag-l (transforms/curl_use_flag_l.py) on shapes its golden cases do not pin down: the evidence of a
later URL, a wrapper before curl, several downloads in one RUN, and what the fix is (pass id, safety)."""

from __future__ import annotations

import pytest

from refactor.applier import transform
from refactor.document import parse
from refactor.edits import Safety
from refactor.passes import Context
from refactor.shell import shell_of
from transforms.curl_use_flag_l import FLAG_L, words_after

_RELEASE = "https://github.com/cli/cli/releases/download/v2.44.1/gh_2.44.1_linux_amd64.tar.gz"
_REDIRECTS = ("this URL redirects: GitHub release downloads answer 302 to objects.githubusercontent.com (GitHub docs, "
              "Linking to releases)")
_UNKNOWN = "no redirect is known for this URL: -L only changes a 3xx answer, a 200 is fetched as before"


def _run(text: str):
    out = transform(text, [FLAG_L], Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


def _message(evidence: str) -> str:
    return f"curl without -L saves a redirect response instead of the file; add -L to follow redirects ({evidence})"


@pytest.mark.parametrize(("run", "new", "evidence"), [
    (f"RUN curl -fsS -o /tmp/gh.tgz {_RELEASE}", f"RUN curl -fsSL -o /tmp/gh.tgz {_RELEASE}", _REDIRECTS),
    # the evidence may come from any URL of the command, not only the first
    (f"RUN curl -fsS -O https://example.com/a.txt -O {_RELEASE}",
     f"RUN curl -fsSL -O https://example.com/a.txt -O {_RELEASE}", _REDIRECTS),
    # the words after a wrapper's curl
    (f"RUN sudo -E curl -fsS -o /tmp/gh.tgz {_RELEASE}", f"RUN sudo -E curl -fsSL -o /tmp/gh.tgz {_RELEASE}",
     _REDIRECTS),
    # an -o value that looks like a redirecting URL is not a URL curl fetches
    (f"RUN curl -fsS -o {_RELEASE} https://example.com/a", f"RUN curl -fsSL -o {_RELEASE} https://example.com/a",
     _UNKNOWN),
    ("RUN curl -fsS https://example.com/a", "RUN curl -fsSL https://example.com/a", _UNKNOWN),
])
def test_evidence(run: str, new: str, evidence: str) -> None:
    out = _run(f"FROM debian:bookworm-slim\n{run}\n")
    assert out.text == f"FROM debian:bookworm-slim\n{new}\n"
    [fix] = out.fixes
    assert fix.line == 2 and fix.item.message == _message(evidence)
    assert fix.item.pass_id == FLAG_L.id and fix.item.safety is Safety.REVIEW and not out.findings


def test_each_download_of_a_run_gets_its_own_fix() -> None:
    out = _run(f"FROM debian:bookworm-slim\nRUN curl -fsS https://example.com/a && curl -fsS -O {_RELEASE}\n")
    assert out.text.endswith(f"RUN curl -fsSL https://example.com/a && curl -fsSL -O {_RELEASE}\n")
    assert [f.item.message for f in out.fixes] == [_message(_UNKNOWN), _message(_REDIRECTS)]


@pytest.mark.parametrize("run", [
    f"RUN curl -fsSL -o /tmp/gh.tgz {_RELEASE}", f"RUN curl --location -fsS {_RELEASE}",
    f"RUN curl --location-trusted -fsS {_RELEASE}", "RUN curl -fsS -I https://example.com/",
    "RUN curl -fsS ftp://ftp.example.com/a.tgz", "RUN wget https://example.com/a",
])
def test_left_alone(run: str) -> None:
    text = f"FROM debian:bookworm-slim\n{run}\n"
    out = _run(text)
    assert out.text == text and not out.fixes and not out.findings


def test_words_after() -> None:
    doc = parse(f"FROM debian:bookworm-slim\nRUN sudo curl -fsS {_RELEASE} && curl -fsS https://example.com/a\n")
    script = shell_of(doc.instructions[-1])
    assert script is not None
    first, second = script.commands
    assert [w.value for w in words_after(first, first.words[1])] == ["-fsS", _RELEASE]
    assert words_after(first, second.words[0]) == []  # a curl word of another command: nothing
