"""Reading a ``composer install``/``update`` command: its working directory, ``--no-dev`` and the platform
requirements it already ignores."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

from refactor.commands import strip_wrappers
from refactor.knowledge.clis import COMPOSER_SUBCOMMANDS
from refactor.knowledge.ecosystems.php import COMPOSER_VALUE_OPTIONS
from refactor.project import shell_cwd
from refactor.shell import ShellCommand, ShellScript, ShellWord

BLANKET = "--ignore-platform-reqs"
ONE = "--ignore-platform-req"


@dataclass
class Invocation:
    cmd: ShellCommand
    sub: ShellWord  # the install/update word
    kind: str  # install | update
    workdir: str | None
    no_dev: bool
    blanket: ShellWord | None
    ignored: list[str] = field(default_factory=list)  # values of --ignore-platform-req


def invocation(script: ShellScript, cmd: ShellCommand, cwd: str | None) -> Invocation | None:
    words, _ = strip_wrappers(cmd)  # sudo -u www-data, env X=1, exec… (refactor.commands)
    if not words:
        return None
    first = words[0].value.rsplit("/", 1)[-1]
    if first in ("composer", "composer.phar"):
        rest = words[1:]
    elif re.fullmatch(r"php[\d.]*", first):
        at = next((i for i, w in enumerate(words[1:], 1)
                   if w.value.rsplit("/", 1)[-1] in ("composer", "composer.phar")), None)
        if at is None:
            return None
        rest = words[at + 1:]
    else:
        return None
    workdir = shell_cwd(script.commands, cmd, cwd)
    sub: ShellWord | None = None
    i = 0
    while i < len(rest):
        v = rest[i].value
        if v in COMPOSER_VALUE_OPTIONS and i + 1 < len(rest):
            workdir = chdir(workdir, rest[i + 1].value)
            i += 2
            continue
        if v.startswith("--working-dir="):
            workdir = chdir(workdir, v.split("=", 1)[1])
        elif v.startswith("-d") and len(v) > 2 and not v.startswith("--"):
            workdir = chdir(workdir, v[2:])
        elif not v.startswith("-"):
            sub = rest[i]
            break
        i += 1
    if sub is None or sub.value not in COMPOSER_SUBCOMMANDS:
        return None
    inv = Invocation(cmd, sub, COMPOSER_SUBCOMMANDS[sub.value], workdir, False, None)
    after = rest[i + 1:]
    for k, w in enumerate(after):
        v = w.value
        if v == "--":
            break
        if v in ("--no-dev", "--update-no-dev"):
            inv.no_dev = True
        elif v == BLANKET:
            inv.blanket = w
        elif v.startswith(ONE + "="):
            inv.ignored.append(v.split("=", 1)[1])
        elif v == ONE and k + 1 < len(after):
            inv.ignored.append(after[k + 1].value)
    for v in after:
        if v.value in COMPOSER_VALUE_OPTIONS or v.value.startswith("--working-dir="):
            inv.workdir = None  # options after the command: keep it simple, do not guess
    return inv


def chdir(cwd: str | None, value: str) -> str | None:
    import posixpath

    if "$" in value or "`" in value:
        return None
    if value.startswith("/"):
        return posixpath.normpath(value)
    return posixpath.normpath(posixpath.join(cwd, value)) if cwd else None


def already_ignored(inv: Invocation, name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern.rstrip("+").lower()) for pattern in inv.ignored)

