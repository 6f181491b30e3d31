"""curl-use-https-url and wget-use-https-url (transforms/https_urls.py) on shapes their golden cases do not pin
down: every reason a host keeps http, which words are download URLs, the hosts option, and the fix itself."""

from __future__ import annotations

import pytest

from refactor.applier import transform
from refactor.document import parse
from refactor.edits import Safety
from refactor.passes import Context
from refactor.shell import shell_of
from transforms.https_urls import CURL, WGET, _host_reason, http_words

_REDIS = "download.redis.io"
_REDIS_SOURCE = "Homebrew's redis formula: url \"https://download.redis.io/releases/redis-<v>.tar.gz\""


def _run(text: str, pass_=CURL, hosts: str | None = None):
    options = {pass_.id: {"hosts": hosts}} if hosts is not None else {}
    out = transform(text, [pass_], Context(options=options))
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


@pytest.mark.parametrize(("host", "reason"), [
    ("$MIRROR", "the host comes from a variable"),
    ("${MIRROR}", "the host comes from a variable"),
    ("{{mirror}}", "the host comes from a variable"),
    ("example.com:8080", "example.com:8080 names an explicit port, which serves plain HTTP"),
    ("user@Example.com:8080", "example.com:8080 names an explicit port, which serves plain HTTP"),
    ("10.0.0.5", "10.0.0.5 is an IP address (no certificate to check)"),
    ("backend", "backend is a local or in-cluster name"),
    ("LOCALHOST", "localhost is a local or in-cluster name"),
    ("printer.local", "printer.local is a local or in-cluster name"),
    ("api.svc.internal", "api.svc.internal is a local or in-cluster name"),
    ("nas.lan", "nas.lan is a local or in-cluster name"),
    ("app.localhost", "app.localhost is a local or in-cluster name"),
    ("archive.ubuntu.com", "archive.ubuntu.com serves plain HTTP only"),
    ("de.archive.ubuntu.com", "de.archive.ubuntu.com serves plain HTTP only"),
    ("vault.centos.org", "vault.centos.org serves plain HTTP only"),
    ("myarchive.ubuntu.com.example.org", None),
    ("notarchive.ubuntu.com", None),
    ("download.redis.io", None),
    ("me@download.redis.io", None),
])
def test_host_reason(host: str, reason: str | None) -> None:
    assert _host_reason(host) == reason


@pytest.mark.parametrize(("run", "urls"), [
    ("RUN curl -fsSL http://download.redis.io/a.tgz", ["http://download.redis.io/a.tgz"]),
    ("RUN curl -H http://download.redis.io/h -e http://download.redis.io/r http://download.redis.io/a",
     ["http://download.redis.io/a"]),
    ("RUN curl --header http://x.io/h --referer http://x.io/r -x http://proxy.io:3128 --proxy http://p.io "
     "--noproxy http://n.io --proxy-user http://u.io -U http://u2.io --user-agent http://ua.io http://x.io/a",
     ["http://x.io/a"]),
    ("RUN curl -o /tmp/a 'http://download.redis.io/a' \"HTTP://download.redis.io/b\"",
     ["'http://download.redis.io/a'", '"HTTP://download.redis.io/b"']),
    ("RUN sudo curl http://download.redis.io/a", ["http://download.redis.io/a"]),
    ("RUN curl https://download.redis.io/a ftp://download.redis.io/b", []),
    ("RUN wget http://download.redis.io/a", []),
    ("RUN echo curl http://download.redis.io/a", []),
])
def test_http_words(run: str, urls: list[str]) -> None:
    doc = parse(f"FROM debian:bookworm-slim\n{run}\n")
    script = shell_of(doc.instructions[-1])
    assert script is not None
    assert [w.raw for c in script.commands for w in http_words(c, "curl")] == urls


@pytest.mark.parametrize(("pass_", "run", "new"), [
    (CURL, "RUN curl -fsSLO http://download.redis.io/releases/redis-7.2.4.tar.gz",
     "RUN curl -fsSLO https://download.redis.io/releases/redis-7.2.4.tar.gz"),
    (CURL, "RUN curl -fsSLO 'http://download.redis.io/releases/redis-7.2.4.tar.gz'",
     "RUN curl -fsSLO 'https://download.redis.io/releases/redis-7.2.4.tar.gz'"),
    (WGET, "RUN wget -q http://download.redis.io/releases/redis-7.2.4.tar.gz",
     "RUN wget -q https://download.redis.io/releases/redis-7.2.4.tar.gz"),
])
def test_fix(pass_, run: str, new: str) -> None:
    tool = "curl" if pass_ is CURL else "wget"
    out = _run(f"FROM debian:bookworm-slim\n{run}\n", pass_)
    assert out.text == f"FROM debian:bookworm-slim\n{new}\n"
    [fix] = out.fixes
    assert fix.line == 2 and fix.item.pass_id == pass_.id and fix.item.safety is Safety.REVIEW
    assert fix.item.message == (f"{tool} downloads over plain HTTP; use https://{_REDIS} ({_REDIS} serves https: "
                                f"{_REDIS_SOURCE})")


def test_every_url_of_every_stage() -> None:
    text = ("FROM debian:bookworm-slim AS a\nRUN curl -O http://download.redis.io/a -O http://nodejs.org/b\n"
            "FROM debian:bookworm-slim\nRUN curl -O http://download.redis.io/c\n")
    out = _run(text)
    assert out.text == text.replace("http://", "https://")
    assert [f.line for f in out.fixes] == [2, 2, 4]


@pytest.mark.parametrize(("hosts", "fixed"), [
    ("repo.owntracks.org", True), (" Repo.Owntracks.org , other.example ", True), ("other.example", False),
    (",", False), ("", False), ("other.example,repo.owntracks.org", True),
])
def test_hosts_option(hosts: str, fixed: bool) -> None:
    text = "FROM debian:bookworm-slim\nRUN curl -fsSL http://repo.owntracks.org/key.gpg -o /tmp/key.gpg\n"
    out = _run(text, hosts=hosts)
    if fixed:
        assert out.text == text.replace("http://", "https://") and not out.findings
        assert out.fixes[0].item.message == ("curl downloads over plain HTTP; use https://repo.owntracks.org "
                                             "(repo.owntracks.org is in curl-use-https-url.hosts)")
    else:
        assert out.text == text and not out.fixes
        assert [f.item.message for f in out.findings] == [
            "curl keeps http://repo.owntracks.org: repo.owntracks.org is not known to serve https; if it does, add "
            "it with --set curl-use-https-url.hosts=repo.owntracks.org"]


def test_a_vouched_host_on_an_old_base_is_still_fixed() -> None:
    text = "FROM debian:jessie\nRUN curl -fsSL http://repo.owntracks.org/key.gpg -o /tmp/key.gpg\n"
    out = _run(text, hosts="repo.owntracks.org")
    assert out.text == text.replace("http://", "https://")


def test_old_tls_base_keeps_http() -> None:
    text = "FROM debian:jessie\nRUN curl -fsSLO http://download.redis.io/a.tgz\n"
    out = _run(text)
    assert out.text == text and not out.fixes
    [finding] = out.findings
    assert finding.line == 2 and finding.item.pass_id == CURL.id
    assert finding.item.message == ("curl keeps http://download.redis.io: Debian 8 (jessie) has an OpenSSL older than "
                                    "1.1 whose CA bundle cannot verify today's certificate chains, so https may fail "
                                    "where http works; change the base or the URL by hand")



_REDIS_FIX = f"curl downloads over plain HTTP; use https://{{host}} ({_REDIS} serves https: {_REDIS_SOURCE})"


@pytest.mark.parametrize(("url", "shown"), [
    # user info before the host: the evidence is looked up for the host after the last "@"
    ("http://deploy@download.redis.io/a.tgz", f"deploy@{_REDIS}"),
    ("http://a@b@download.redis.io/a.tgz", f"a@b@{_REDIS}"),
])
def test_user_info_before_the_host(url: str, shown: str) -> None:
    text = f"FROM debian:bookworm-slim\nRUN curl -fsSLO {url}\n"
    out = _run(text)
    assert out.text == text.replace("http://", "https://") and not out.findings
    assert [f.item.message for f in out.fixes] == [_REDIS_FIX.format(host=shown)]


def test_user_info_is_not_part_of_the_local_name() -> None:
    assert _host_reason("a@b@backend") == "backend is a local or in-cluster name"


@pytest.mark.parametrize(("run", "new", "findings"), [
    # every URL of the command is looked at, after one that keeps http or straddles a line continuation
    (f"RUN curl http://backend/a http://{_REDIS}/b", f"RUN curl http://backend/a https://{_REDIS}/b",
     ["curl keeps http://backend: backend is a local or in-cluster name"]),
    (f"RUN curl -O http://{_REDIS}/a\\\n.tgz -O http://{_REDIS}/c",
     f"RUN curl -O http://{_REDIS}/a\\\n.tgz -O https://{_REDIS}/c", []),
])
def test_every_url_of_a_command(run: str, new: str, findings: list[str]) -> None:
    out = _run(f"FROM debian:bookworm-slim\n{run}\n")
    assert out.text == f"FROM debian:bookworm-slim\n{new}\n"
    assert len(out.fixes) == 1 and [f.item.message for f in out.findings] == findings
