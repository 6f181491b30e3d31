"""refactor/commands.py, pinned where its first mutation run showed the suite blind: the exact index each
wrapper stops at, where a match puts each word (tool, subcommand, options, their values, arguments), the
option values it reads, and which scripts count as ``set -e`` or ``;`` style."""

from __future__ import annotations

import pytest

from refactor.commands import (
    BARE_SUDO,
    BARE_SUDO_COMMAND,
    Normalized,
    Unwrap,
    canonical_tool,
    normalize,
    pattern,
    run_commands,
    run_scripts,
    semicolon_style,
    sets_errexit,
    split_command,
    strip_wrappers,
    tool_name,
    unwrap,
)
from refactor.document import parse
from refactor.shell import shell_of


def _w(line: str) -> list[str]:
    return line.split(" ") if line else []


# ------------------------------------------------------------------------------------------------ unwrap

@pytest.mark.parametrize(("line", "k"), [
    ("sudo pip", 1),
    ("/usr/bin/sudo pip", 1),  # a wrapper is known by its basename
    ("sudo -u app pip", 3),  # -u takes a value
    ("sudo -u app -H pip", 4),
    ("sudo -E pip", 2),  # -E takes none
    ("sudo -- pip install", 2),  # -- ends the wrapper's options, the next word is the tool
    ("env -- X=1", 2),  # after --, even a NAME=value word is the command
    ("env - pip", 1),  # a lone "-" is not an option: it is the command
    ("env X=1 pip", 2),
    ("env X=1 _y= Z=a=b pip", 4),
    ("env 1X=1 pip", 1),  # not a name: the command
    ("sudo X=1 pip", 1),  # sudo's words are not read as assignments
    ("env -u HOME X=1 pip", 4),
    ("sudo -l", 0),  # a stop option: sudo itself is the command
    ("sudo -u app -l pip", 0),
    ("command -v pip", 0),
    ("command pip", 1),
    ("sudo -E", 0),  # nothing runs under the wrapper
    ("env X=1", 0),
    ("sudo", 0),
    ("sudo env X=1 nice -n 5 pip", 6),
    ("exec -a name gunicorn", 3),
    ("pip install", 0),
    ("", 0),
])
def test_unwrap_full_stops_at_the_tool(line: str, k: int) -> None:
    assert unwrap(_w(line)) == k


def test_unwrap_reads_multiline_assignments() -> None:
    assert unwrap(["env", "X=a\nb", "pip"]) == 2


@pytest.mark.parametrize(("line", "how", "k"), [
    ("sudo command pip", BARE_SUDO_COMMAND, 2),
    ("sudo -E pip", BARE_SUDO, 1),  # bare words only: -E is the "tool"
    ("/usr/bin/sudo pip", BARE_SUDO, 0),  # exact values: no paths
    ("sudo sudo", BARE_SUDO, 2),  # nothing left
    ("sudo", BARE_SUDO, 1),
    ("env X=1 pip", Unwrap(frozenset({"sudo"})), 0),  # a wrapper the caller does not drop
    ("sudo env X=1 pip", Unwrap(frozenset({"sudo"})), 1),
])
def test_unwrap_with_a_narrower_set(line: str, how: Unwrap, k: int) -> None:
    assert unwrap(_w(line), how) == k


# ------------------------------------------------------------------------------------------------ tools

def test_tool_name_and_canonical_tool() -> None:
    assert tool_name("/a/b/pip3") == "pip3"
    assert tool_name("pip3") == "pip3"
    assert canonical_tool("/usr/local/bin/python3.12") == "python"
    assert canonical_tool("pip3.11") == "pip"
    assert canonical_tool("pipx") == "pipx"  # the whole name must be a versioned pip
    assert canonical_tool("python3-config") == "python3-config"
    assert canonical_tool("mypip") == "mypip"


@pytest.mark.parametrize(("line", "modules", "norm"), [
    ("sudo python3 -m pip install x", True, Normalized("pip", 1, 4)),
    ("python -m pip", True, Normalized("pip", 0, 3)),
    ("python -m pip", False, Normalized("python", 0, 1)),
    ("python -m", True, Normalized("python", 0, 1)),
    ("python -c pip", True, Normalized("python", 0, 1)),
    ("python -m flask run", True, Normalized("python", 0, 1)),
    ("pip3 -m pip", True, Normalized("pip", 0, 1)),  # only python runs modules
    ("env X=1 npm ci", True, Normalized("npm", 2, 3)),
])
def test_normalize_positions(line: str, modules: bool, norm: Normalized) -> None:
    assert normalize(_w(line), modules=modules) == norm


def test_normalize_of_wrappers_only_is_the_wrapper() -> None:
    assert normalize(["sudo"]) == Normalized("sudo", 0, 1)
    assert normalize(["sudo"], BARE_SUDO) is None


def _cmd(run: str, index: int = 0):
    script = shell_of(parse(f"RUN {run}\n").instructions[0])
    assert script is not None
    return script.commands[index]


def test_strip_wrappers_returns_the_words_from_the_tool() -> None:
    words, k = strip_wrappers(_cmd("sudo -u app pip install x"))
    assert k == 3 and [w.value for w in words] == ["pip", "install", "x"]
    words, k = strip_wrappers(_cmd("sudo -E pip install"), BARE_SUDO)
    assert k == 1 and [w.value for w in words] == ["-E", "pip", "install"]


@pytest.mark.parametrize(("line", "words"), [
    ("X=1 pip install", ["pip", "install"]),
    ("A=1 B=2 pip x", ["pip", "x"]),
    ("pip X=1", ["pip", "X=1"]),  # only a prefix is an assignment
    ("1A=2 pip", ["1A=2", "pip"]),
    ("X='a b' pip", ["pip"]),
    ("X=1", []),
])
def test_split_command(line: str, words: list[str]) -> None:
    assert split_command(line) == words


def test_pattern_takes_a_name_or_names() -> None:
    one = pattern("npm", ("ci",))
    assert one.tools == frozenset({"npm"}) and one.verbs == frozenset({"ci"})
    many = pattern(["npm", "yarn"])
    assert many.tools == frozenset({"npm", "yarn"}) and many.verbs is None
    assert pattern("venv", ()).verbs == frozenset()


# ------------------------------------------------------------------------------------------------ match

APK_ADD = pattern("apk", ("add",), value_options=frozenset({"-t", "--virtual", "-X"}))


def _parts(m) -> tuple:
    return (m.at, m.verb, m.options, m.args, m.valued)


def test_match_places_every_word() -> None:
    m = APK_ADD.match(_w("sudo apk -q add -t .deps --no-cache curl -X http://r git"))
    assert m is not None
    assert m.tool == "apk" and m.tool_word == "apk"
    assert _parts(m) == (1, (3,), (2, 4, 5, 6, 8, 9), (7, 10), (4, 8))
    assert m.verb_words == ("add",) and m.verb_word == "add" and m.subcommand == "add"
    assert m.option_words == ("-q", "-t", ".deps", "--no-cache", "-X", "http://r")
    assert m.arg_words == ("curl", "git")
    assert m.wrapped == ("sudo",)


def test_match_of_shell_words_keeps_the_words() -> None:
    cmd = _cmd("sudo apk add -t .deps curl")
    m = APK_ADD.match(cmd)
    assert m is not None
    assert m.words == cmd.words and m.tool_word is cmd.words[1]
    assert [w.value for w in m.arg_words] == ["curl"] and m.option_value("-t") == ".deps"
    same = APK_ADD.match(list(cmd.words))  # a sequence of ShellWords reads their values
    assert same is not None and same.args == m.args and same.words == cmd.words


def test_match_refuses_other_tools_and_verbs() -> None:
    assert APK_ADD.match(_w("apk del curl")) is None
    assert APK_ADD.match(_w("apt add curl")) is None
    assert APK_ADD.match([]) is None
    assert APK_ADD.match(["sudo"]) is None
    assert not APK_ADD.matches("apk")
    assert APK_ADD.matches("/sbin/apk add x")


def test_canonical_or_basename() -> None:
    exact = pattern("pip3", ("install",), canonical=False)
    assert exact.matches("/usr/bin/pip3 install x")
    assert not exact.matches("pip install x")
    assert not pattern("pip3", ("install",)).matches("pip3 install x")  # canonical: it is "pip"
    assert pattern("pip", ("install",)).matches("pip3.11 install x")
    assert not pattern("pip", ("install",), modules=False).matches("python -m pip install x")
    assert pattern("pip", ("install",)).matches("python -m pip install x")


@pytest.mark.parametrize(("line", "parts"), [
    ("npm --prefix /app install x", (0, (3,), (1, 2), (4,), (1,))),
    ("npm --prefix", None),  # no subcommand, not bare
    ("npm --loglevel warn install", (0, (2,), (1,), (3,), ())),  # not a global value option: "warn" is the verb
])
def test_global_value_options(line: str, parts) -> None:
    pat = pattern("npm", None, global_value_options=frozenset({"--prefix"}))
    m = pat.match(_w(line))
    if parts is None:
        assert m is None
    else:
        assert m is not None and _parts(m) == parts


def test_a_trailing_value_option_takes_nothing() -> None:
    m = APK_ADD.match(_w("apk add curl -t"))
    assert m is not None and _parts(m) == (0, (1,), (3,), (2,), ())
    assert m.option_value("-t") is None
    pat = pattern("npm", ("install",), global_value_options=frozenset({"--prefix"}), bare=True)
    m = pat.match(_w("npm --prefix"))
    assert m is not None and m.options == (1,) and m.valued == ()


def test_any_subcommand_and_bare() -> None:
    any_verb = pattern("git")
    m = any_verb.match(_w("git -C /r clone url"))
    assert m is not None and m.subcommand == "/r" and m.args == (3, 4)  # -C is no value option here
    assert any_verb.match(_w("git --version")) is None
    bare = pattern("yarn", None, bare=True)
    m = bare.match(_w("yarn --frozen-lockfile"))
    assert m is not None and m.verb == () and m.verb_word is None and m.subcommand == ""
    m = bare.match(_w("yarn add x"))
    assert m is not None and m.subcommand == "add" and m.args == (2,)


def test_listed_subcommands_bare_unless_and_no_subcommands() -> None:
    yarn = pattern("yarn", ("install", "cache clean", "cache"), bare=True, bare_unless=frozenset({"--version"}))
    m = yarn.match(_w("yarn cache clean --all x"))
    assert m is not None and m.verb == (1, 2) and m.subcommand == "cache clean" and m.verb_word == "clean"
    assert m.verb_words == ("cache", "clean") and m.args == (4,)
    m = yarn.match(_w("yarn cache list"))
    assert m is not None and m.subcommand == "cache" and m.args == (2,)
    m = yarn.match(_w("yarn --silent"))
    assert m is not None and m.verb == ()
    assert yarn.match(_w("yarn --version")) is None
    assert yarn.match(_w("yarn add x")) is None  # a positional word that is no listed subcommand
    assert pattern("yarn", ("install",)).match(_w("yarn")) is None  # not bare
    venv = pattern("virtualenv", ())
    m = venv.match(_w("virtualenv -p py3 /v"))
    assert m is not None and m.verb == () and m.options == (1,) and m.args == (2, 3)


def test_value_options_after_the_subcommand() -> None:
    apt = pattern("apt-get", ("install",), value_options=frozenset({"-t"}))
    m = apt.match(_w("apt-get install -t bookworm curl"))
    assert m is not None and m.args == (4,) and m.valued == (2,) and m.options == (2, 3)
    plain = pattern("apt-get", ("install",))
    m = plain.match(_w("apt-get install -t bookworm curl"))
    assert m is not None and m.args == (3, 4) and m.valued == ()


@pytest.mark.parametrize(("line", "parts"), [
    ("dpkg -r pkg", (0, (1,), (), (2,), ())),
    ("dpkg --force-all -r a b", (0, (2,), (1,), (3, 4), ())),
    ("dpkg x -r y", (0, (2,), (), (3,), ())),  # positional words before the verb are not its arguments
    ("dpkg --admindir /d -r x", (0, (3,), (1, 2), (4,), (1,))),
    ("dpkg -r a -r b", (0, (1,), (3,), (2, 4), ())),  # the first is the verb, a second one an option
    ("dpkg -r a --admindir", (0, (1,), (3,), (2,), ())),
    ("sudo dpkg -r a", (1, (2,), (), (3,), ())),
    ("dpkg -i a", None),
])
def test_verb_anywhere(line: str, parts) -> None:
    pat = pattern("dpkg", ("-r", "--remove"), verb_anywhere=True, value_options=frozenset({"--admindir"}))
    m = pat.match(_w(line))
    if parts is None:
        assert m is None
    else:
        assert m is not None and _parts(m) == parts and m.tool == "dpkg"


def test_verb_anywhere_without_verbs_matches_nothing() -> None:
    assert pattern("dpkg", None, verb_anywhere=True).match(_w("dpkg -r a")) is None


@pytest.mark.parametrize(("line", "names", "value"), [
    ("apk add -t a --virtual=b x", ("-t", "--virtual"), "b"),  # the last one given wins
    ("apk add --virtual=b -t a x", ("-t", "--virtual"), "a"),
    ("apk add --virtual=a=b x", ("--virtual",), "a=b"),
    ("apk add -X --virtual=z x", ("--virtual",), None),  # the value word of -X is no option
    ("apk add --no-cache x", ("--no-cache",), None),  # a flag has no value
    ("apk add --virtual x", ("-t",), None),
    ("apk add -t a x", ("--virtual",), None),
    ("apk add --repository=r x", ("--virtual",), None),
])
def test_option_value(line: str, names: tuple[str, ...], value) -> None:
    m = APK_ADD.match(_w(line))
    assert m is not None and m.option_value(*names) == value


def test_option_value_needs_the_equals_sign_when_not_valued() -> None:
    m = pattern("apk", ("add",)).match(_w("apk add --virtual b"))
    assert m is not None and m.option_value("--virtual") is None


# ------------------------------------------------------------------------------------------------ scripts

DOC = """FROM a AS one
RUN echo one && echo two
RUN ["echo", "exec"]
FROM b
RUN echo three
"""


def test_run_scripts_and_commands_of_a_document_and_a_stage() -> None:
    doc = parse(DOC)
    assert [ins.index for ins, _ in run_scripts(doc)] == [1, 4]
    assert [c.argv for _, _, c in run_commands(doc)] == [["echo", "one"], ["echo", "two"], ["echo", "three"]]
    second = doc.stages[1]
    assert [c.argv for _, _, c in run_commands(second)] == [["echo", "three"]]
    first = doc.stages[0]
    triples = list(run_commands(first))
    assert [(ins.index, c.argv[1]) for ins, _, c in triples] == [(1, "one"), (1, "two")]
    assert triples[0][1] is triples[1][1]  # one script per RUN


@pytest.mark.parametrize(("run", "expected"), [
    ("set -e; a", True),
    ("set -eux; a", True),
    ("set -xe; a", True),
    ("set -o pipefail -e; a", True),
    ("set +e; a", False),
    ("set -x; a", False),
    ("echo -e x; a", False),
    ("set; a", False),
    ("set e; a", False),
])
def test_sets_errexit(run: str, expected: bool) -> None:
    script = shell_of(parse(f"RUN {run}\n").instructions[0])
    assert script is not None
    assert sets_errexit(script.commands) is expected


def test_semicolon_style_edges() -> None:
    def style(run: str) -> bool:
        script = shell_of(parse(f"RUN {run}\n").instructions[0])
        assert script is not None
        return semicolon_style(script)

    assert not style("a")  # no operator at all
    assert not style("a; b && c")  # a tie is not ';' style
    assert style("a; b")
    assert not style("a && (b; c; d)")  # the subshell's operators are not top level
    assert style("a; b; (c && d && e)")


# ----------------------------------------------------------------------------- second mutation run's survivors

def test_a_value_option_takes_the_last_word_as_its_value() -> None:
    apt = pattern("apt-get", ("install",), value_options=frozenset({"-t"}))
    m = apt.match(_w("apt-get install -t bookworm"))
    assert m is not None and m.valued == (2,) and m.options == (2, 3) and m.args == ()
    npm = pattern("npm", ("install",), global_value_options=frozenset({"--prefix"}), bare=True)
    m = npm.match(_w("npm --prefix /app"))
    assert m is not None and m.valued == (1,) and m.options == (1, 2) and m.verb == ()
    dpkg = pattern("dpkg", ("-r",), verb_anywhere=True, value_options=frozenset({"--admindir"}))
    m = dpkg.match(_w("dpkg -r a --admindir /d"))
    assert m is not None and _parts(m) == (0, (1,), (3, 4), (2,), (3,))


def test_verb_anywhere_goes_on_after_a_later_value_option() -> None:
    dpkg = pattern("dpkg", ("-r",), verb_anywhere=True, value_options=frozenset({"--admindir"}))
    m = dpkg.match(_w("dpkg -r a --admindir /d b"))
    assert m is not None and _parts(m) == (0, (1,), (3, 4), (2, 5), (3,))


def test_a_lone_dash_is_a_positional_word() -> None:
    assert pattern("docker", ("run",)).match(_w("docker - run")) is None
    m = pattern("cat", None).match(_w("cat - x"))
    assert m is not None and m.subcommand == "-" and m.options == ()


def test_split_command_skips_every_assignment_spelling() -> None:
    assert split_command("foo=1 _x=2 pip install") == ["pip", "install"]
    assert split_command('A="x\ny" pip') == ["pip"]  # a value over two lines is still an assignment
    assert split_command("1A=2 pip") == ["1A=2", "pip"]


def test_matches_takes_words_and_lines() -> None:
    pip = pattern("pip", ("install",))
    assert pip.matches(["pip", "install", "x"]) and pip.matches(("pip", "install"))
    assert pip.matches("X=1 pip install x") and not pip.matches("pip show x")
