"""Download URLs known to answer with an HTTP redirect, so that curl without ``-L`` saves the redirect body.

``curl-use-flag-l`` names the matching entry in its fix message as the evidence that following redirects is
needed. Each entry is ``(host, path pattern, where it redirects, provenance)``: the path pattern is a regular
expression searched from the start of the URL's path; the provenance names the documentation of the service.
A URL no entry matches still gets ``-L`` (it only changes a 3xx answer), and the message says so.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

REDIRECTS: tuple[tuple[str, str, str, str], ...] = (
    # GitHub docs, "Linking to releases" and REST "Get a release asset" (302 to the asset's storage host).
    ("github.com", r"/[^/]+/[^/]+/releases/(latest/)?download/", "objects.githubusercontent.com",
     "GitHub release downloads answer 302 to objects.githubusercontent.com (GitHub docs, Linking to releases)"),
    # GitHub docs, "Downloading source code archives": archive URLs answer 302 to codeload.github.com.
    ("github.com", r"/[^/]+/[^/]+/archive/", "codeload.github.com",
     "GitHub source archives answer 302 to codeload.github.com (GitHub docs, Downloading source code archives)"),
    # GitHub REST docs, "Download a repository archive (tar/zip)": "returns a 302 redirect".
    ("api.github.com", r"/repos/[^/]+/[^/]+/(tarball|zipball)", "codeload.github.com",
     "the repository archive endpoint returns a 302 (GitHub REST docs, Download a repository archive)"),
    # SourceForge docs, "Downloading files": /download URLs and downloads.sourceforge.net pick a mirror by 302.
    ("sourceforge.net", r"/projects/.+/download$", "a mirror",
     "SourceForge download links redirect to a mirror (SourceForge docs, Downloading files)"),
    ("downloads.sourceforge.net", r"/", "a mirror",
     "SourceForge download links redirect to a mirror (SourceForge docs, Downloading files)"),
    # go.dev/dl download links (golang.org/dl redirects to go.dev/dl, which redirects to dl.google.com/go).
    ("golang.org", r"/dl/", "go.dev, then dl.google.com", "golang.org/dl/ moved to go.dev/dl/ (Go's download page)"),
    ("go.dev", r"/dl/go", "dl.google.com", "go.dev/dl/ file links redirect to dl.google.com/go/ (Go's download page)"),
)


def redirect_of(url: str) -> tuple[str, str] | None:
    """``(where it redirects, provenance)`` for a URL known to answer with a redirect, or None."""
    try:
        parts = urlsplit(url.strip("\"'"))
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    for known, pattern, target, source in REDIRECTS:
        if host == known and re.match(pattern, parts.path or "/"):
            return target, source
    return None
