"""The one command matcher (refactor/commands.py) and the package-manager patterns built on it."""

from __future__ import annotations

import pytest

from refactor.commands import (
    BARE_SUDO_COMMAND,
    BARE_SUDO_COMMAND_EXEC,
    FULL,
    canonical_tool,
    joiner,
    normalize,
    pattern,
    semicolon_style,
    split_command,
    unwrap,
)
from refactor.document import parse
from refactor.knowledge import packages
from refactor.knowledge.ecosystems.node import NPM_LINK
from refactor.shell import shell_of


@pytest.mark.parametrize(("line", "tool"), [
    ("pip install x", "pip"), ("pip3 install x", "pip"), ("pip3.11 install x", "pip"),
    ("/usr/bin/pip3 install x", "pip"), ("python -m pip install x", "pip"), ("python3 -m pip install x", "pip"),
    ("python3.12 -m venv /v", "venv"), ("python3 app.py", "python"), ("sudo -E npm i", "npm"),
    ("sudo -u app -H npm i", "npm"), ("env X=1 Y=2 npm ci", "npm"), ("env -u HOME npm ci", "npm"),
    ("exec nice -n 5 gunicorn app", "gunicorn"), ("command apk add x", "apk"), ("command -v pip", "command"),
    ("sudo", "sudo"), ("env", "env"), ("/sbin/apk add x", "apk"), ("sudo -h npm i", "npm"),
])
def test_normalize_finds_the_tool(line: str, tool: str) -> None:
    norm = normalize(split_command(line))
    assert norm is not None and norm.tool == tool


def test_normalize_of_nothing() -> None:
    assert normalize([]) is None


@pytest.mark.parametrize(("argv", "how", "k"), [
    (["sudo", "-E", "apk", "add"], FULL, 2), (["sudo", "-E", "apk", "add"], BARE_SUDO_COMMAND, 1),
    (["exec", "apk"], BARE_SUDO_COMMAND, 0), (["exec", "apk"], BARE_SUDO_COMMAND_EXEC, 1),
    (["/usr/bin/sudo", "apk"], FULL, 1), (["/usr/bin/sudo", "apk"], BARE_SUDO_COMMAND_EXEC, 0),
    (["sudo", "--", "apk"], FULL, 2),
])
def test_unwrap_full_and_bare(argv: list[str], how, k: int) -> None:
    assert unwrap(argv, how) == k


def test_canonical_tool_keeps_other_names() -> None:
    assert [canonical_tool(n) for n in ("pipx", "pip-compile", "python3-config", "/opt/bin/node")] == \
        ["pipx", "pip-compile", "python3-config", "node"]


def test_value_options_find_the_positional_arguments() -> None:
    pat = pattern("apk", ("add",), value_options=frozenset({"-t", "-X"}))
    m = pat.match(split_command("apk add -t .deps -X https://x gcc musl-dev"))
    assert m is not None
    assert [m.words[i] for i in m.args] == ["gcc", "musl-dev"]
    assert m.option_value("-t") == ".deps"
    without = pattern("apk", ("add",)).match(split_command("apk add -t .deps gcc"))
    assert without is not None and [without.words[i] for i in without.args] == [".deps", "gcc"]


def test_global_value_options_stand_before_the_subcommand() -> None:
    full = pattern("npm", ("install",), global_value_options=frozenset({"--prefix"}))
    assert full.matches("npm --prefix /app install")
    assert not pattern("npm", ("install",)).matches("npm --prefix /app install")


def test_two_word_subcommands_bare_tools_and_verb_anywhere() -> None:
    clean = pattern("npm", ("cache clean",))
    assert clean.matches("npm cache clean --force") and not clean.matches("npm cache verify")
    yarn = pattern("yarn", ("install",), bare=True, bare_unless=frozenset({"--version"}))
    assert yarn.matches("yarn") and yarn.matches("yarn --production") and not yarn.matches("yarn --version")
    assert not yarn.matches("yarn build")
    dpkg = pattern("dpkg", ("-r", "--purge"), verb_anywhere=True)
    m = dpkg.match(split_command("dpkg --force-all -r foo"))
    assert m is not None and m.subcommand == "-r" and [m.words[i] for i in m.args] == ["foo"]


def test_a_tool_without_subcommands() -> None:
    venv = pattern("venv", ())
    m = venv.match(split_command("python3 -m venv --copies /opt/venv"))
    assert m is not None and m.verb == () and [m.words[i] for i in m.args] == ["/opt/venv"]


def test_split_command_drops_assignments() -> None:
    assert split_command("CGO_ENABLED=0 GOOS=linux go build .") == ["go", "build", "."]


@pytest.mark.parametrize("pat", [packages.APK_ADD, packages.APK_DEL, packages.APT, packages.YUM_INSTALL,
                                 packages.GEM, NPM_LINK], ids=["apk-add", "apk-del", "apt", "yum-install", "gem",
                                                               "npm-link"])
def test_package_manager_patterns_match_their_examples(pat) -> None:
    assert pat.examples
    for line in pat.examples:
        assert pat.matches(line), line
    for line in pat.counterexamples:
        assert not pat.matches(line), line


def test_installed_package_calls_cover_every_verb_table() -> None:
    assert set(packages.INSTALL_VERBS) | set(packages.REMOVE_VERBS) == packages.PACKAGE_TOOLS
    m = packages.package_call("apt-get").match(split_command("apt-get -o X=1 install -y curl"))
    assert m is not None and [m.words[i] for i in m.args] == ["curl"]


def test_yum_repository_options_take_their_value() -> None:
    m = packages.YUM_INSTALL.match(split_command("yum install -y --enablerepo epel nginx"))
    assert m is not None and [m.words[i] for i in m.args] == ["nginx"]


def _script(line: str):
    ins = parse(line + "\n").instructions[0]
    script = shell_of(ins)
    assert script is not None
    return script


@pytest.mark.parametrize(("run", "op"), [
    ("RUN set -eux; apk add x; make", ";"),
    ("RUN apk add x; make", "&&"),  # no set -e: '; clean' would hide make's failure
    ("RUN set -e && a; b", "&&"),  # one ';' against one '&&': not a ';' style
    ("RUN set -e && a && b; c", "&&"),
    ("RUN set -e; a; b && c", ";"),  # most operators are ';' (the last one is not)
    ("RUN if true; then set -e; fi; a; b", "&&"),  # set -e inside a compound is not counted
    ("RUN (set -e; a); b; c", "&&"),  # nor in a subshell, where it does not apply to b and c
])
def test_joiner(run: str, op: str) -> None:
    assert joiner(_script(run)) == op


def test_semicolon_style_counts_top_level_operators() -> None:
    assert semicolon_style(_script("RUN a; b; c && d"))
    assert not semicolon_style(_script("RUN a && b; c"))
