"""Filesystem conventions: the system trees an app does not own, and how images name the app's data dirs.

Sources: the Filesystem Hierarchy Standard 3.0 (/usr, /etc, /var, /opt, /srv…); the ENV and option names
are the ones real images use (``DATA_DIR``, ``*_LOG_DIR``, ``--data-dir``, ``--datadir``, ``--userDir``).
"""

from __future__ import annotations

import re

from refactor import lazy_re

# Directories (and trees) that are not an app's own and must stay root-owned.
SYSTEM_TREES = ("/etc", "/bin", "/sbin", "/lib", "/lib64", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/libexec",
                "/usr/share", "/usr/include", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib",
                "/usr/local/share", "/proc", "/sys", "/dev", "/boot", "/root")
SYSTEM_DIRS = frozenset({
    "/", "/bin", "/sbin", "/etc", "/lib", "/lib64", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib",
    "/usr/local", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib", "/usr/share", "/var", "/var/lib",
    "/var/log", "/var/run", "/run", "/opt", "/home", "/tmp", "/mnt", "/media", "/proc", "/sys", "/usr/src",
    "/usr/local/src", "/var/cache", "/var/spool", "/var/tmp",
    "/dev", "/boot", "/root",
})
# Trees a VOLUME there never makes the app's own.
VOLUME_NEVER = ("/bin", "/sbin", "/lib", "/lib64", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/libexec", "/proc",
                "/sys", "/dev", "/boot", "/root")

# ENV names of directories the app writes (``DATA_DIR``, ``LUIGI_LOG_DIR``, ``OTR_STORAGEDIR``); ``*_PATH``
# and ``*_HOME`` are left out: they name files and install trees as often as data.
DATA_ENV = lazy_re.compile(r"(^|_)(DATA|STATE|LOGS?|STORAGE|CONTENT|UPLOADS?|CACHE|SPOOL)_?(DIR|ROOT)?$")
# Command-line options that name a directory the app writes (``--data-dir``, ``--datadir=``, ``--userDir``).
DIR_OPTION = lazy_re.compile(r"^--?[a-z][a-z0-9_-]*dir(ectory)?$", re.I)


# Package-manager caches, by the kind of command that fills them: apk's /var/cache/apk (apk(8)), apt's lists
# and archives (apt-get(8) FILES), npm's ~/.npm/_cacache (npm-cache(5)), pip's ~/.cache/pip (pip docs
# "Caching"), yarn 1's /usr/local/share/.cache/yarn (``yarn cache dir`` as root in the node images).
CACHE_DIRS = (
    (lazy_re.compile(r"^/var/cache/apk(/\*?)?$"), "apk-cache"),
    (lazy_re.compile(r"^/var/lib/apt/lists(/\*?)?$"), "apt-update"),
    (lazy_re.compile(r"^/var/cache/apt(/archives)?(/\*?)?$"), "apt-install"),
    (lazy_re.compile(r"^(/root|~|\$HOME)/\.npm(/_cacache)?(/\*?)?$"), "npm"),
    (lazy_re.compile(r"^(/root|~|\$HOME)/\.cache/pip(/\*?)?$"), "pip"),
    (lazy_re.compile(r"^/usr/local/share/\.cache/yarn(/\*?)?$"), "yarn"),
)
