"""Plain ``http://`` downloads by curl and wget in RUN, switched to ``https://``.

Two rules share this module; each Pass carries its own documentation below.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable

from refactor.commands import BARE_SUDO_COMMAND_EXEC, run_scripts, strip_wrappers, tool_name
from refactor.document import Document
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.knowledge.distros import Release, release_of_image
from refactor.knowledge.https_hosts import https_provenance, old_tls
from refactor.passes import Context, Pass, Result
from refactor.shell import ShellCommand, ShellWord
from transforms._hygiene import source_matches

_HTTP = re.compile(r"^([\"']?)http://([^/\"'?#]*)", re.I)
# Hosts known to serve their content over plain HTTP only (package mirrors that rely on signatures).
HTTP_ONLY = ("archive.ubuntu.com", "security.ubuntu.com", "ports.ubuntu.com", "old-releases.ubuntu.com",
             "ppa.launchpad.net", "download.opensuse.org", "mirror.centos.org", "vault.centos.org")
# Options whose value is not a download URL (headers, referers, proxies).
NOT_A_URL_OPTION = frozenset({"-H", "--header", "-e", "--referer", "-x", "--proxy", "--noproxy",
                              "--proxy-user", "-U", "--user-agent"})


def _host_reason(host: str) -> str | None:
    """Why ``host`` must keep http, or None when https is worth proposing."""
    name = host.rsplit("@", 1)[-1].lower()
    if "$" in name or "{" in name:
        return "the host comes from a variable"
    if ":" in name:
        return f"{name} names an explicit port, which serves plain HTTP"
    try:
        ipaddress.ip_address(name)
        return f"{name} is an IP address (no certificate to check)"
    except ValueError:
        pass
    if "." not in name or name.endswith((".local", ".internal", ".lan", ".localhost")) or name == "localhost":
        return f"{name} is a local or in-cluster name"
    if any(name == h or name.endswith("." + h) for h in HTTP_ONLY):
        return f"{name} serves plain HTTP only"
    return None


def http_words(cmd: ShellCommand, tool: str) -> list[ShellWord]:
    words, _ = strip_wrappers(cmd, BARE_SUDO_COMMAND_EXEC)
    if not words or tool_name(words[0].value) != tool:
        return []
    out: list[ShellWord] = []
    prev = ""
    for w in words[1:]:
        if prev not in NOT_A_URL_OPTION and _HTTP.match(w.raw):
            out.append(w)
        prev = w.value
    return out


def _evidence(host: str, vouched: frozenset[str], release: Release | None, pass_id: str
              ) -> tuple[str | None, str | None]:
    """(why ``host`` serves https, None) for a host known to, else (None, why the URL stays http)."""
    name = host.rsplit("@", 1)[-1].lower()
    if name in vouched:
        return f"{name} is in {pass_id}.hosts", None
    source = https_provenance(name)
    if source is None:
        return None, (f"{name} is not known to serve https; if it does, add it with --set {pass_id}.hosts={name}")
    if old_tls(release):
        assert release is not None
        return None, (f"{release.label} has an OpenSSL older than 1.1 whose CA bundle cannot verify today's "
                      "certificate chains, so https may fail where http works; change the base or the URL by hand")
    return f"{name} serves https: {source}", None


def _run(doc: Document, ctx: Context, pass_: Pass, tool: str) -> Iterable[Result]:
    vouched = frozenset(h.strip().lower() for h in str(ctx.option(pass_, "hosts")).split(",") if h.strip())
    for stage in doc.stages:
        release = release_of_image(stage.root_image())
        for ins, script in run_scripts(stage):
            for cmd in script.commands:
                for w in http_words(cmd, tool):
                    m = _HTTP.match(w.raw)
                    assert m is not None
                    host = m.group(2)
                    reason = _host_reason(host)
                    evidence = None
                    if reason is None:
                        evidence, reason = _evidence(host, vouched, release, pass_.id)
                    if reason:
                        yield Finding(pass_.id, f"{tool} keeps http://{host}: {reason}", w.start)
                        continue
                    if not source_matches(ins, w):
                        continue
                    at = w.start + len(m.group(1)) + len("http")
                    yield Fix(pass_.id, f"{tool} downloads over plain HTTP; use https://{host} ({evidence})",
                              (Edit.insert(at, "s"),), Safety.REVIEW)


def run_curl(doc: Document, ctx: Context) -> Iterable[Result]:
    return _run(doc, ctx, CURL, "curl")


def run_wget(doc: Document, ctx: Context) -> Iterable[Result]:
    return _run(doc, ctx, WGET, "wget")


_DOC = """
What it does
    Rewrites ``http://`` to ``https://`` in the URLs a ``{tool}`` command downloads in a RUN, for hosts known
    to serve https (``refactor/knowledge/https_hosts.py``, each with where its https URLs are used) or named
    in the ``hosts`` option. Header, referer and proxy values are not touched.

Skips
    With a finding: a host that is not known to serve https (add it with ``--set {pass_id}.hosts=HOST,…``),
    a variable, an IP address, a local or in-cluster name (no dot, ``.local``, ``.internal``), an explicit
    port, a mirror known to serve plain HTTP only (``archive.ubuntu.com``…), and bases whose OpenSSL is older
    than 1.1 (Debian 8 jessie, Ubuntu 16.04 and older), which cannot verify today's certificate chains.

Why
    A download over plain HTTP can be read and replaced on the way: anyone between the build machine
    and the server can inject code into the image. (binnacle/Parfum rule ``{alias}``.)

Example
    Before::

        RUN {tool} http://download.redis.io/releases/redis-7.2.4.tar.gz

    After::

        RUN {tool} https://download.redis.io/releases/redis-7.2.4.tar.gz

Fix safety
    review: the fix message names the evidence that the host serves https. The image needs CA certificates
    for the TLS check (``ca-certificates``; ``--no-install-recommends`` leaves them out), and a host may
    move; build it once and keep the change only if the download still works.
"""

CURL = Pass("curl-use-https-url", "Download over https:// instead of http:// with curl", Safety.REVIEW,
            run_curl,
            _DOC.format(tool="curl", alias="curlUseHttpsUrl", pass_id="curl-use-https-url"),
            options={"hosts": ""}, aliases=("curlUseHttpsUrl",), cmd_ok=True, triggers=("curl",))
WGET = Pass("wget-use-https-url", "Download over https:// instead of http:// with wget", Safety.REVIEW,
            run_wget,
            _DOC.format(tool="wget", alias="wgetUseHttpsUrl", pass_id="wget-use-https-url"),
            options={"hosts": ""}, aliases=("wgetUseHttpsUrl",), cmd_ok=True, triggers=("wget",))

PASSES = (CURL, WGET)
