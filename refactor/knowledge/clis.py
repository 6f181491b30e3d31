"""The command-line grammars dockmod reads that are not a package manager's: curl's options, pnpm's and
composer's commands, the shapes of a Node install, the interpreters that run what they read.

Sources: curl(1) of curl 8 (its "OPTIONS" section: which options take a value; ``-I``/``-w``/``-X``/``-d``
make a request other than a download); pnpm.io/cli (the built-in commands, ``pnpm run``/``exec``/``test``/
``start``, ``--filter``/``--filter-prod``); getcomposer.org/doc/03-cli.md (``install``/``i``,
``update``/``u``/``upgrade``).
"""

from __future__ import annotations

# ------------------------------------------------------------------------------------------------ curl
# Short options of curl that take a value: in a cluster, everything after one of them is its value.
CURL_VALUE_SHORT = frozenset("AbcCdDeEFHKmoPQrtTuUwxXyYz")
CURL_VALUE_LONG = frozenset({
    "--output", "--header", "--user", "--user-agent", "--referer", "--cookie", "--cookie-jar", "--data",
    "--data-raw", "--data-binary", "--data-urlencode", "--form", "--max-time", "--connect-timeout",
    "--retry", "--retry-delay", "--retry-max-time", "--proxy", "--cacert", "--capath", "--cert", "--key",
    "--config", "--request", "--write-out", "--upload-file", "--range", "--output-dir", "--proto",
    "--proto-redir", "--resolve", "--interface", "--limit-rate", "--max-filesize", "--dump-header",
    "--time-cond", "--continue-at", "--url", "--tlsv", "--ciphers", "--netrc-file", "--oauth2-bearer",
    "--unix-socket", "--json", "--variable", "--expand-url", "--create-file-mode", "--stderr", "--trace",
    "--trace-ascii", "--speed-limit", "--speed-time", "--keepalive-time", "--dns-servers", "--noproxy",
})
# Options that make curl an API client or a probe rather than a downloader.
CURL_NOT_A_DOWNLOAD = ("-I", "--head", "-w", "--write-out", "-X", "--request", "-d", "--data", "-F", "--form",
                       "-T", "--upload-file", "--json", "-K", "--config", "--unix-socket", "-V", "--version",
                       "-h", "--help")

# ------------------------------------------------------------------------------------------------ pipes
# Pipe readers that run what they read (``curl URL | sh``): shells (sh(1) reads commands from stdin) and
# interpreters that read a script from stdin when given none (python(1), node, php, perl, ruby).
STDIN_RUNNERS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "busybox", "python", "python2", "python3",
                           "node", "php", "perl", "ruby"})

# ------------------------------------------------------------------------------------------------ gpg
GPG_TOOLS = ("gpg", "gpg2")

# ------------------------------------------------------------------------------------------------ pnpm
PNPM_FILTER_OPTIONS = ("--filter", "--filter-prod")
# Built-in pnpm commands whose later options are pnpm's own; after a script name (``pnpm build``,
# ``pnpm run build``, ``pnpm exec tsc``) the remaining arguments belong to the script.
PNPM_BUILTINS = frozenset({
    "install", "i", "add", "update", "up", "upgrade", "remove", "rm", "uninstall", "un", "deploy", "list",
    "ls", "why", "fetch", "rebuild", "rb", "prune", "outdated", "audit", "publish", "pack", "licenses",
    "import", "install-test", "it", "link", "ln", "unlink", "recursive", "multi", "m", "store",
})
PNPM_RUNNERS = frozenset({"run", "run-script", "exec", "test", "t", "start"})

# ------------------------------------------------------------------------------------------------ node
# Commands that install (and may compile, through node-gyp) a project's Node dependencies, by their
# non-option words (docs.npmjs.com/cli/install, /ci, /rebuild; yarn's bare ``yarn``; pnpm install).
NODE_INSTALL_COMMANDS = (("npm", "install"), ("npm", "i"), ("npm", "ci"), ("yarn",), ("pnpm", "install"),
                         ("pnpm", "i"), ("npm", "rebuild"))

# ------------------------------------------------------------------------------------------------ composer
# composer's install/update commands and their aliases, by the command they are.
COMPOSER_SUBCOMMANDS = {"install": "install", "i": "install", "update": "update", "u": "update",
                        "upgrade": "update"}
