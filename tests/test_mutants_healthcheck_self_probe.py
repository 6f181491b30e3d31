"""The healthcheck pass's self-probe (transforms/_health_self_probe.py) on shapes its golden cases do not pin down:
which start arguments a health flag may join, and a built-in CLI health command other than traefik's (the table
has one entry today; the mechanism is tested with a second one)."""

from __future__ import annotations

import re

import pytest

from refactor.document import parse
from refactor.knowledge import health
from transforms import _health_self_probe
from transforms._health_self_probe import SelfProbe, _only_flags


@pytest.mark.parametrize("args, only", [
    ([], True),
    (["-config", "/etc/app.yaml"], True),  # a flag and its value: the check reads the same config
    (["--listen=:8080", "-v"], True),
    (["--listen=:8080", "/data"], False),  # "=" carried the value: /data is an argument
    (["-config", "/etc/app.yaml", "serve"], False),  # a value takes one word, not two
    (["serve", "-v"], False),  # a subcommand first
    (["serve"], False),
])
def test_only_flags(args: list[str], only: bool) -> None:
    assert _only_flags(args) is only


_CLI = "minio-like"
_ENTRY = (("admin", "health"), re.compile(r"--health"), "APP_HEALTH", "it needs --health", False)


@pytest.fixture()
def cli_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(health.CLI_HEALTH_COMMANDS, _CLI, _ENTRY)


def _self_probe(text: str) -> SelfProbe | str | None:
    stage = parse(text).final_stage
    assert stage is not None
    return _health_self_probe.self_probe(stage, None)  # type: ignore[arg-type]  # a known CLI reads no evidence


@pytest.mark.usefixtures("cli_table")
def test_a_two_word_health_subcommand_without_the_start_arguments() -> None:
    found = _self_probe(f'FROM scratch\nCOPY {_CLI} /{_CLI}\nENTRYPOINT ["/{_CLI}", "serve", "--health"]\n')
    assert found == SelfProbe((f"/{_CLI}", "admin", "health"),
                              f"{_CLI}'s built-in `{_CLI} admin health` exits 1 when unhealthy, enabled by "
                              "`--health` in the start command")


@pytest.mark.usefixtures("cli_table")
def test_a_two_word_health_subcommand_not_enabled() -> None:
    found = _self_probe(f'FROM scratch\nCOPY {_CLI} /{_CLI}\nENTRYPOINT ["/{_CLI}", "serve"]\n')
    assert found == f"`{_CLI} admin health` is {_CLI}'s health check, but it needs --health"


@pytest.mark.usefixtures("cli_table")
@pytest.mark.parametrize("value, enabled", [("true", True), ("True", True), ("TRUE", True), ("1", False), ("", False)])
def test_the_enabling_variable_is_true_in_any_case(value: str, enabled: bool) -> None:
    found = _self_probe(f'FROM scratch\nCOPY {_CLI} /{_CLI}\nENV APP_HEALTH="{value}"\nENTRYPOINT ["/{_CLI}"]\n')
    assert isinstance(found, SelfProbe) is enabled
    if enabled:
        assert found.evidence.endswith("enabled by APP_HEALTH=true")  # type: ignore[union-attr]
