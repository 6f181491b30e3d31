"""Mutation tests for refactor/passes.py: the option checks (their bounds, normal forms and messages), the
check an option gets from its default, Context.option's coercion and ``follows``, and Pass.may_act/check_option.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from refactor import passes
from refactor.document import parse
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.passes import Context, Pass


def _error(check: passes.Check, raw: str) -> str:
    with pytest.raises(ValueError) as info:
        check(raw)
    return str(info.value)


@pytest.mark.parametrize(("raw", "out"), [("0", "0"), (" 7 ", "7"), ("007", "7"), ("-0", "0"), ("+3", "3")])
def test_integer_normalises(raw: str, out: str) -> None:
    assert passes.integer()(raw) == out


@pytest.mark.parametrize(("check", "raw", "message"), [
    (passes.integer(), "x", "'x' is not an integer"),
    (passes.integer(), "1.5", "'1.5' is not an integer"),
    (passes.integer(), "-1", "'-1' is not an integer (≥ 0)"),
    (passes.integer(2, 5, "a count"), "1", "'1' is not a count (2-5)"),
    (passes.integer(2, 5, "a count"), "6", "'6' is not a count (2-5)"),
    (passes.port, "0", "'0' is not a port (1-65535)"),
    (passes.port, "65536", "'65536' is not a port (1-65535)"),
    (passes.port, "http", "'http' is not a port"),
    (passes.id_number, "0", "0 is root; a non-root user needs an id ≥ 1"),
    (passes.id_number, " 0 ", "0 is root; a non-root user needs an id ≥ 1"),
    (passes.id_number, "-5", "'-5' is not an integer id (1-4294967294)"),
    (passes.id_number, "4294967295", "'4294967295' is not an integer id (1-4294967294)"),
    (passes.id_number, "abc", "'abc' is not an integer id"),
    (passes.duration, "30", "'30' is not a duration like 30s, 1m or 1m30s"),
    (passes.duration, "1d", "'1d' is not a duration like 30s, 1m or 1m30s"),
    (passes.duration, "s", "'s' is not a duration like 30s, 1m or 1m30s"),
    (passes.duration, "1.s", "'1.s' is not a duration like 30s, 1m or 1m30s"),
    (passes.account_name, "App", "'App' is not a user or group name (^[a-z_][a-z0-9_-]*$)"),
    (passes.account_name, "1app", "'1app' is not a user or group name (^[a-z_][a-z0-9_-]*$)"),
    (passes.account_name, "", "'' is not a user or group name (^[a-z_][a-z0-9_-]*$)"),
    (passes.account_name, "app user", "'app user' is not a user or group name (^[a-z_][a-z0-9_-]*$)"),
    (passes.http_path, "/a b", "'/a b' is not a URL path like /health"),
    (passes.http_path, "/a\tb", "'/a\\tb' is not a URL path like /health"),
    (passes.http_path, "http://x/health", "'http://x/health' is not a URL path like /health"),
    (passes.package_word, "a b", "'a b' is not a package name like .build-deps"),
    (passes.package_word, "", "'' is not a package name like .build-deps"),
    (passes.package_word, "$DEPS", "'$DEPS' is not a package name like .build-deps"),
    (passes.boolean, "maybe", "'maybe' is not true or false"),
    (passes.boolean, "", "'' is not true or false"),
])
def test_checks_refuse_with_a_message_saying_why(check: passes.Check, raw: str, message: str) -> None:
    assert _error(check, raw) == message


@pytest.mark.parametrize(("check", "raw", "out"), [
    (passes.port, "1", "1"), (passes.port, "65535", "65535"), (passes.port, "8080", "8080"),
    (passes.id_number, "1", "1"), (passes.id_number, "4294967294", "4294967294"), (passes.id_number, "10001", "10001"),
    (passes.integer(2, 5), "2", "2"), (passes.integer(2, 5), "5", "5"), (passes.integer(3), "99999", "99999"),
    (passes.duration, " 30s ", "30s"), (passes.duration, "1m30s", "1m30s"), (passes.duration, "1.5h", "1.5h"),
    (passes.duration, "100ms", "100ms"), (passes.duration, "10us", "10us"), (passes.duration, "10µs", "10µs"),
    (passes.duration, "5ns", "5ns"), (passes.duration, "2h45m", "2h45m"),
    (passes.account_name, "app", "app"), (passes.account_name, "_svc-1", "_svc-1"), (passes.account_name, "a_b", "a_b"),
    (passes.http_path, "/health", "/health"), (passes.http_path, "/api/v1/status?x=1", "/api/v1/status?x=1"),
    (passes.http_path, "", ""),
    (passes.package_word, ".build-deps", ".build-deps"), (passes.package_word, "g++", "g++"),
    (passes.package_word, "libc6_dev.2", "libc6_dev.2"), (passes.package_word, "A-Z", "A-Z"),
])
def test_checks_accept_and_normalise(check: passes.Check, raw: str, out: str) -> None:
    assert check(raw) == out


@pytest.mark.parametrize(("raw", "out"), [
    ("1", "true"), ("true", "true"), ("YES", "true"), (" on ", "true"), ("True", "true"),
    ("0", "false"), ("false", "false"), ("No", "false"), ("OFF ", "false"),
])
def test_boolean_spellings(raw: str, out: str) -> None:
    assert passes.boolean(raw) == out


def test_optional_lets_the_empty_value_through_and_checks_the_rest() -> None:
    check = passes.optional(passes.port)
    assert check("") == ""
    assert check("  ") == "  "
    assert check("80") == "80"
    assert _error(check, "0") == "'0' is not a port (1-65535)"


def test_default_check_follows_the_default_type() -> None:
    assert passes.default_check(True) is passes.boolean
    assert passes.default_check(False) is passes.boolean
    assert passes.default_check(3)("4") == "4"
    assert _error(passes.default_check(3), "-1") == "'-1' is not an integer (≥ 0)"
    assert passes.default_check("x") is str
    assert passes.default_check(None) is str


def _pass(**kw) -> Pass:
    kw.setdefault("run", lambda doc, ctx: [])
    return Pass(id="demo", summary="s", safety=Safety.SAFE, doc="d", **kw)


def test_context_option_coerces_to_the_default_type_and_follows() -> None:
    p = _pass(options={"uid": 10001, "gid": 10001, "user": "app", "on": False, "off": True},
              follows={"gid": "uid"})
    assert Context().option(p, "uid") == 10001
    assert Context(options={"demo": {"uid": "42"}}).option(p, "uid") == 42
    assert Context(options={"demo": {"uid": "42"}}).option(p, "gid") == 42  # gid follows uid
    assert Context(options={"demo": {"uid": "42", "gid": "7"}}).option(p, "gid") == 7
    assert Context(options={"demo": {"gid": "7"}}).option(p, "uid") == 10001  # not the other way round
    assert Context(options={"other": {"uid": "42"}}).option(p, "uid") == 10001
    assert Context(options={"demo": {"user": "web"}}).option(p, "user") == "web"
    for raw, value in (("1", True), ("TRUE", True), ("yes", True), ("On", True), ("0", False), ("no", False),
                       ("x", False)):
        assert Context(options={"demo": {"on": raw}}).option(p, "on") is value
    assert Context().option(p, "off") is True
    assert Context(options={"demo": {"off": "false"}}).option(p, "off") is False


def test_may_act_looks_for_a_trigger_word() -> None:
    doc = SimpleNamespace(search_text="run apk add curl")
    assert _pass().may_act(doc) is True
    assert _pass(triggers=("apk",)).may_act(doc) is True
    assert _pass(triggers=("pip", "apk")).may_act(doc) is True
    assert _pass(triggers=("pip", "npm")).may_act(doc) is False
    assert _pass(triggers=()).may_act(doc) is False


def test_check_option_uses_the_declared_check_else_the_default_type() -> None:
    p = _pass(options={"port": 8080, "path": "", "strict": False}, checks={"port": passes.port})
    assert p.check_option("port", " 80 ") == "80"
    assert _error(lambda raw: p.check_option("port", raw), "0") == "'0' is not a port (1-65535)"
    assert p.check_option("path", "/x y") == "/x y"  # no declared check: str
    assert p.check_option("strict", "yes") == "true"
    with pytest.raises(KeyError):
        p.check_option("nope", "1")


def test_pass_defaults() -> None:
    p = _pass()
    assert (p.options, p.aliases, p.cmd_ok, p.checks, p.follows, p.hadolint, p.triggers) == ({}, (), False, {}, {},
                                                                                              (), None)


def test_calling_a_pass_runs_it_on_the_document_and_guards_other_shells() -> None:
    seen: list[tuple[object, object]] = []

    def run(doc, ctx):
        seen.append((doc, ctx))
        ins = doc.instructions[-1]
        return iter([Fix("demo", "add -y", (Edit.insert(ins.end, " -y"),), Safety.SAFE)])

    text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["cmd", "/S", "/C"]\nRUN choco install x\n'
    doc, ctx = parse(text), Context()
    [blocked] = _pass(run=run)(doc, ctx)
    assert seen == [(doc, ctx)]
    assert isinstance(blocked, Finding) and blocked.message == (
        "line 3 runs under cmd, not a POSIX shell: RUN rewrites are sh syntax; change it by hand")
    [fix] = _pass(run=run, cmd_ok=True)(doc, ctx)
    assert isinstance(fix, Fix) and fix.message == "add -y"
    posix = parse("FROM debian\nRUN apt-get install x\n")
    assert [r.message for r in _pass(run=run)(posix, ctx)] == ["add -y"]
