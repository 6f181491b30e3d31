"""Which directories an app writes at run time, so that a non-root user owns those and nothing else: the
subfolders each framework writes into below the app's code, the names of state directories, the ENV names
and file names that point at the app's data.

The app's code stays root-owned (least privilege: a compromised process must not rewrite its own code; CIS
Docker Benchmark 4.1's rationale, OWASP Docker Security Cheat Sheet rule 2); only these directories are
handed to the user.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from refactor import lazy_re


class FrameworkDirs(NamedTuple):
    """A framework recognised by a manifest in the app's directory, and the subfolders it writes."""

    name: str
    marker: str  # file relative to the app's directory (the WORKDIR) whose text names the framework
    pattern: re.Pattern[str]  # what the marker's text must contain
    dirs: tuple[str, ...]  # relative to the app's directory; chowned recursively (they hold runtime files)


FRAMEWORK_DIRS: tuple[FrameworkDirs, ...] = (
    # Rails' generated Dockerfile (rails new, 7.1+: railties/lib/rails/generators/rails/app/templates/
    # Dockerfile.tt): ``useradd rails … && chown -R rails:rails db log storage tmp`` then ``USER 1000:1000``.
    FrameworkDirs("Rails", "Gemfile", lazy_re.compile(r"""^\s*gem\s+["'](rails|railties)["']""", re.M),
                  ("db", "log", "storage", "tmp")),
    # Laravel docs, Installation → Directory Permissions: "the storage and the bootstrap/cache directories
    # should be writable by your web server".
    FrameworkDirs("Laravel", "composer.json", lazy_re.compile(r'"laravel/framework"\s*:'),
                  ("storage", "bootstrap/cache")),
    # Next.js' with-docker example (vercel/next.js examples/with-docker/Dockerfile): "Set the correct
    # permission for prerender cache" — ``mkdir .next && chown nextjs:nodejs .next``; the image optimizer
    # and ISR write .next/cache at run time (nextjs.org/docs/app/building-your-application/deploying).
    FrameworkDirs("Next.js", "package.json", lazy_re.compile(r'"next"\s*:'), (".next/cache",)),
)

# Django's ``MEDIA_ROOT`` (docs.djangoproject.com/en/stable/ref/settings/#media-root): where uploaded files
# are written. Recognised forms: ``BASE_DIR / "media"``, ``os.path.join(BASE_DIR, "media")``, an absolute
# string. BASE_DIR is the folder of manage.py in the project layout ``django-admin startproject`` creates.
DJANGO_MARKER = "manage.py"
DJANGO_SETTINGS = lazy_re.compile(r"(^|/)settings(/[\w]+)?\.py$")
DJANGO_MEDIA_ROOT = lazy_re.compile(
    r"""^MEDIA_ROOT\s*=\s*(?:BASE_DIR\s*/\s*["']([\w./-]+)["']|os\.path\.join\(\s*BASE_DIR\s*,\s*["']([\w./-]+)["']\s*\)"""
    r"""|["'](/[\w./-]+)["'])\s*$""", re.M)

# Names of directories an app writes into (FHS's var/, log, run, spool, cache, tmp; the usual data/db), as
# opposed to etc/, models/, bin/ that it only reads. A RUN that ``mkdir``s one of these makes it for the app.
STATE_DIR_NAMES = frozenset({"var", "log", "logs", "run", "spool", "cache", "tmp", "data", "db", "state",
                             "uploads", "storage"})

# ENV names ending in _PATH that name the app's data (``DATA_PATH``, ``LOG_PATH``, ``UPLOAD_PATH``);
# other ``*_PATH`` names (PYTHONPATH, CONFIG_PATH) name code and config, read only.
DATA_PATH_ENV = lazy_re.compile(r"(^|_)(DATA|STATE|LOGS?|STORAGE|UPLOADS?|MEDIA|DB|DATABASE|SQLITE)_PATH$")

# A SQLite database file (sqlite.org/tempfiles.html: the journal/WAL is created beside it, so its directory
# must be writable too), and a SQLAlchemy/Django-style URL of one (``sqlite:////data/app.db``).
SQLITE_FILE = lazy_re.compile(r"^/?[\w./-]*\.(db|sqlite3?)$")
SQLITE_URL = lazy_re.compile(r"^sqlite3?:///(/[\w./-]+)$")  # four slashes: an absolute path

# Start commands that write into the app's code tree in ways no list of folders covers: an install at start
# (npm/yarn/pnpm install write node_modules/ and the lockfile in the cwd, docs.npmjs.com/cli/commands/npm-install;
# pip install into site-packages; bundle/composer install into vendor/), ``sed -i`` (GNU sed manual, --in-place:
# writes a temporary file in the edited file's folder and renames it over the file).
WRITES_CODE_AT_START = lazy_re.compile(
    r"\b((npm|yarn|pnpm)\s+(install|i|ci|add)\b|pip3?\s+install|bundle\s+install|composer\s+(install|update|require)"
    r"|sed\s+(-[a-zA-Z]*\s+)*-[a-zA-Z]*i)")
