"""An unknown id in ``# dockmod: ignore[…]`` is reported (ruff's RUF102), once per pragma line; ids and aliases
of registered passes are known whichever passes run."""

from __future__ import annotations

from refactor.document import parse
from refactor.passes import Context
from refactor.project import Project
from refactor.runner import process_text
from refactor.suppressions import UNKNOWN_ID, unknown_ids
from tests.test_cli import dockmod
from transforms import PASSES

BY_ID = {p.id: p for p in PASSES}
# docker-library's shape: the first pragma is a typo'd id, the second an alias and an id, above the FROM a mix.
TEXT = ("# dockmod: ignore[healthcheck, non-root-usr]\n"
        "FROM node:20-alpine\n"
        "# install the tools\n"
        "# dockmod: ignore[apkAddUseNoCache,apk-no-cache]\n"
        "RUN apk add curl\n"
        "# dockmod: ignore[npm-cache-clean, npmCacheCleanAfterInstal]\n"
        "RUN npm ci && npm install -g pnpm\n"
        'CMD ["node", "server.js"]\n')


def test_unknown_ids_are_found_per_line_and_aliases_are_known() -> None:
    found = unknown_ids(parse(TEXT))
    doc = parse(TEXT)
    assert [(doc.line_number(f.offset), f.pass_id) for f in found] == [(1, UNKNOWN_ID), (6, UNKNOWN_ID)]
    assert "'non-root-usr'" in found[0].message and "healthcheck" not in found[0].message
    assert "ids 'npm-cache-clean', 'npmCacheCleanAfterInstal'" in found[1].message
    assert "nothing is suppressed for them" in found[1].message


def test_reported_once_whatever_runs_and_whatever_changes() -> None:
    # apk-no-cache is suppressed (alias), npm-cache-clean-after-install is not (typo): it changes line 7 over
    # rounds, and the findings still come once each, on the pragma's own line
    chosen = [BY_ID["apk-no-cache"], BY_ID["npm-cache-clean-after-install"]]
    result = process_text(TEXT, "Dockerfile", chosen, Context(project=Project()))
    assert result.changed and [r.item.pass_id for r in result.suppressed] == ["apk-no-cache"]
    unknown = [r.line for r in result.findings if r.item.pass_id == UNKNOWN_ID]
    assert unknown == [1, 6]
    # the registry decides what is known, not the passes selected for this run
    assert [r.line for r in process_text(TEXT, "-", [], Context()).findings] == [1, 6]


def test_check_prints_one_line_per_pragma_and_exits_as_before(tmp_path) -> None:
    target = tmp_path / "Dockerfile"
    target.write_text(TEXT)
    out = dockmod("check", "Dockerfile", "--select", "apk-no-cache", cwd=tmp_path)
    assert out.returncode == 0, out.stderr  # a warning, not a pending fix or an error
    lines = out.stdout.decode().splitlines()
    assert lines == [
        "Dockerfile:1: suppression: skip: unknown pass id 'non-root-usr' in '# dockmod: ignore[...]': nothing "
        "is suppressed for it (see 'dockmod list' for ids and aliases)",
        "Dockerfile:6: suppression: skip: unknown pass ids 'npm-cache-clean', 'npmCacheCleanAfterInstal' in "
        "'# dockmod: ignore[...]': nothing is suppressed for them (see 'dockmod list' for ids and aliases)"]


def test_a_known_pragma_reports_nothing() -> None:
    text = "FROM alpine:3.20\n# dockmod: ignore[apkAddUseNoCache]\nRUN apk add curl\n"
    assert unknown_ids(parse(text)) == []
    assert unknown_ids(parse("FROM alpine:3.20\n# dockmod: ignore\n# dockmod: skip-file\nRUN apk add curl\n")) == []


def test_sarif_carries_the_finding_under_its_own_rule_and_validates(tmp_path) -> None:
    import json

    import jsonschema

    from tests.test_reports import SCHEMA

    (tmp_path / "Dockerfile").write_text(TEXT)
    log = json.loads(dockmod("check", "Dockerfile", "--format", "sarif", "--select", "apk-no-cache",
                             cwd=tmp_path).stdout)
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    run = log["runs"][0]
    found = [r for r in run["results"] if r["ruleId"] == UNKNOWN_ID]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in found] == [1, 6]
    assert {run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] for r in found} == {UNKNOWN_ID}
    assert all(r["level"] == "warning" for r in found)
