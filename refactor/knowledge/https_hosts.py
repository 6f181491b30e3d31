"""Download hosts known to serve the same files over https, and base releases whose TLS stack cannot reach them.

``curl-use-https-url`` and ``wget-use-https-url`` switch ``http://`` to ``https://`` only for a host listed here:
an unknown host may have no certificate, a certificate for another name, or content only on plain HTTP (a
package mirror relying on signatures), and the build then fails where it worked. Each entry names where its
https URL is used by a maintained source; "ledger" means the corpus review in ``tests/semantic_ledger.jsonl``
checked it (the reason there says how).

A ``.suffix`` entry covers every name under it, for operators that serve one wildcard certificate for all of them.
"""

from __future__ import annotations

from refactor.knowledge.distros import Release

# host -> provenance of its https URLs
HTTPS_HOSTS: dict[str, str] = {
    # Official images (github.com/docker-library/*/Dockerfile) download from these over https.
    "download.redis.io": "Homebrew's redis formula: url \"https://download.redis.io/releases/redis-<v>.tar.gz\"",
    "nginx.org": "nginx official image (nginxinc/docker-nginx): https://nginx.org/keys/, https://nginx.org/packages/",
    "www.apache.org": "zookeeper official image (31z4/zookeeper-docker): wget https://www.apache.org/dist/zookeeper/",
    "downloads.apache.org": "docker-library/httpd and tomcat: https://downloads.apache.org/",
    "dlcdn.apache.org": "docker-library/httpd and tomcat: https://dlcdn.apache.org/",
    "archive.apache.org": "docker-library/httpd and tomcat fallbacks: https://archive.apache.org/dist/",
    "apache.osuosl.org": "maven official image: ARG BASE_URL=https://apache.osuosl.org/maven/maven-3/…; ledger",
    "nodejs.org": "nodejs/docker-node: https://nodejs.org/dist/v$NODE_VERSION/",
    "www.python.org": "docker-library/python: https://www.python.org/ftp/python/",
    "bootstrap.pypa.io": "docker-library/python (older tags): https://bootstrap.pypa.io/get-pip.py",
    "dl.google.com": "docker-library/golang: https://dl.google.com/go/",
    "go.dev": "docker-library/golang: https://go.dev/dl/",
    "cache.ruby-lang.org": "docker-library/ruby: https://cache.ruby-lang.org/pub/ruby/",
    "www.php.net": "docker-library/php: https://www.php.net/distributions/",
    "ftp.postgresql.org": "docker-library/postgres (alpine): https://ftp.postgresql.org/pub/source/",
    "www.openssl.org": "OpenSSL's download page: https://www.openssl.org/source/",
    "www.haproxy.org": "docker-library/haproxy: https://www.haproxy.org/download/",
    "github.com": "docker-library images fetch release assets from https://github.com/<org>/<repo>/releases/",
    "raw.githubusercontent.com": "docker-library images fetch scripts from https://raw.githubusercontent.com/",
    "objects.githubusercontent.com": "GitHub release downloads redirect here, over https only",
    "codeload.github.com": "GitHub archive downloads (https://codeload.github.com/<org>/<repo>/tar.gz/<ref>)",
    "dl-cdn.alpinelinux.org": "Alpine's docs and mirror list: https://dl-cdn.alpinelinux.org/alpine/",
    "ftp.gnu.org": "GNU's download page: https://ftp.gnu.org/gnu/; docker-library/gcc fetches its tarballs there",
    "ftpmirror.gnu.org": "GNU's mirror redirector, https://ftpmirror.gnu.org/ (docker-library/gcc)",
    "cdn.kernel.org": "kernel.org's own download links are https://cdn.kernel.org/pub/",
    "mirrors.kernel.org": "kernel.org mirrors, https://mirrors.kernel.org/",
    "repo1.maven.org": "Maven Central refuses plain HTTP since 2020-01-15 (https://repo1.maven.org/maven2/)",
    "repo.maven.apache.org": "Maven Central refuses plain HTTP since 2020-01-15",
    "download.docker.com": "docker-library/docker: https://download.docker.com/linux/static/",
    "get.docker.com": "Docker's install docs: curl -fsSL https://get.docker.com",
    "curl.se": "curl's own download page: https://curl.se/download/",
    "pypi.org": "PyPI serves https only",
    "files.pythonhosted.org": "PyPI's file host, https only",
    # Checked by the corpus review (ledger reason in brackets).
    "www.polishmywriting.com": "ledger [AtD clients call https://www.polishmywriting.com/proxy.php]",
    "courses.missouristate.edu": "ledger [Homebrew's mars cask downloads the MARS jar over https]",
    "update.sonarr.tv": "ledger [Sonarr's own update URLs are https://update.sonarr.tv/v2/...]",
    "znc.in": "ledger [znc.in serves its releases over https]",
    ".aliyuncs.com": "ledger [Aliyun OSS endpoints serve https for every bucket]",
    "download.dokuwiki.org": "ledger [download.dokuwiki.org serves https]",
    "www.live555.com": "ledger [build scripts fetch https://www.live555.com/liveMedia/public/]",
    "packages.ntop.org": "ledger [ntop's install docs use https://packages.ntop.org/apt-stable/]",
    "download.revive-adserver.com": "ledger [Revive's releases are linked as https]",
    "downloads.sourceforge.net": "ledger [redirects to https mirrors]",
    "taskwarrior.org": "ledger [Homebrew/Gentoo fetch https://taskwarrior.org/download/]",
    "download.nullsoft.com": "ledger [download.nullsoft.com serves https]",
}

# Releases whose OpenSSL is older than 1.1.0 (packages.debian.org / packages.ubuntu.com: wheezy 1.0.1e, jessie
# 1.0.1t, precise 1.0.1, trusty 1.0.1f, utopic/vivid/wily 1.0.1f-1.0.2d, xenial 1.0.2g). With the
# CA bundle they shipped, these fail to verify chains issued since the DST Root CA X3 expiry (Let's Encrypt,
# "DST Root CA X3 Expiration (September 2021)": OpenSSL < 1.1.0 rejects the cross-signed chain), so an https URL
# can fail on them where http works.
OLD_TLS_CODENAMES = frozenset({"wheezy", "jessie", "precise", "trusty", "utopic", "vivid", "wily", "xenial"})


def https_provenance(host: str) -> str | None:
    """Where ``host``'s https URLs come from, or None when the host is not known to serve https."""
    name = host.lower()
    if name in HTTPS_HOSTS:
        return HTTPS_HOSTS[name]
    for entry, source in HTTPS_HOSTS.items():
        if entry.startswith(".") and name.endswith(entry):
            return source
    return None


def old_tls(release: Release | None) -> bool:
    """True when the base release's TLS stack predates today's certificate chains."""
    return release is not None and release.codename in OLD_TLS_CODENAMES
