"""Inline suppressions (refactor/suppressions.py): the gaps bench/mutation.py found."""

from __future__ import annotations

from refactor.document import parse
from refactor.edits import Edit, Finding, Fix, Safety
from refactor.passes import Pass
from refactor.suppressions import UNKNOWN_ID, Rule, _names, _pragma, _pragma_lines, rules, split, unknown_ids
from transforms import PASSES

BY_NAME, BY_CODE = _names(PASSES)
# two stages: a pragma above the first FROM covers only that stage; a file-wide one both
TWO_STAGES = "FROM alpine:3.20 AS build\nRUN apk add gcc\nRUN make\nFROM alpine:3.20\nRUN apk add curl\n"


def test_rule_covers_bounds() -> None:
    rule = Rule(10, 20, None)
    assert rule.covers("any", 10, 10) and rule.covers("any", 20, 20)  # an insertion at either end
    assert not rule.covers("any", 9, 9) and not rule.covers("any", 21, 21)
    assert rule.covers("any", 19, 25) and rule.covers("any", 5, 11) and rule.covers("any", 12, 14)
    assert not rule.covers("any", 20, 25) and not rule.covers("any", 5, 10)  # touching, not overlapping
    assert not rule.covers("any", 25, 30) and not rule.covers("any", 0, 5)
    only = Rule(0, 50, frozenset({"apk-no-cache"}))
    assert only.covers("apk-no-cache", 3, 4) and not only.covers("healthcheck", 3, 4)


def test_pragma_scopes() -> None:
    assert _pragma("# dockmod: skip-file", BY_NAME, BY_CODE) == ("skip-file", None)
    assert _pragma("# dockmod: ignore", BY_NAME, BY_CODE) == ("line", None)
    assert _pragma("# dockmod: ignore[apkAddUseNoCache, nope]", BY_NAME, BY_CODE) == (
        "line", frozenset({"apk-no-cache"}))
    assert _pragma("# hadolint ignore=DL3019", BY_NAME, BY_CODE) == ("line", frozenset({"apk-no-cache"}))
    assert _pragma("# hadolint global ignore=dl3019", BY_NAME, BY_CODE) == ("file", frozenset({"apk-no-cache"}))
    assert _pragma("# just a comment", BY_NAME, BY_CODE) == ("", None)


def test_skip_file_covers_every_stage() -> None:
    text = "# dockmod: skip-file\n" + TWO_STAGES
    assert rules(parse(text), PASSES) == [Rule(0, len(text), None)]


def test_hadolint_global_ignore_covers_every_stage_for_its_codes_only() -> None:
    text = "# hadolint global ignore=DL3019\n" + TWO_STAGES  # (seen as leading comment and above FROM: twice)
    assert set(rules(parse(text), PASSES)) == {Rule(0, len(text), frozenset({"apk-no-cache"}))}
    # lower down, above an instruction, it is still file-wide
    text = TWO_STAGES.replace("RUN apk add curl", "# hadolint global ignore=DL3019\nRUN apk add curl")
    assert rules(parse(text), PASSES) == [Rule(0, len(text), frozenset({"apk-no-cache"}))]


def test_leading_comments_without_a_pragma_make_no_rule() -> None:
    text = "# built by the hadolint-checked pipeline\n" + TWO_STAGES
    assert rules(parse(text), PASSES) == []


def test_a_pragma_above_the_first_from_covers_its_stage_only() -> None:
    text = "# dockmod: ignore[apk-no-cache]\n" + TWO_STAGES
    doc = parse(text)
    assert rules(doc, PASSES) == [Rule(0, doc.stages[0].instructions[-1].stop, frozenset({"apk-no-cache"}))]
    text = TWO_STAGES.replace("FROM alpine:3.20\n", "# dockmod: ignore\nFROM alpine:3.20\n")
    doc = parse(text)
    assert rules(doc, PASSES) == [Rule(text.index("# dockmod"), len(text), None)]


def test_split_knows_the_ids_of_the_passes_it_is_given() -> None:
    # a plugin pass that is not in the registry: its own id in a pragma is not "unknown"
    plugin = Pass("site-policy", "test", Safety.SAFE, lambda doc, ctx: [], "What it does\nWhy\nExample\nFix safety")
    text = "FROM alpine:3.20\n# dockmod: ignore[site-policy]\nRUN apk add curl\n"
    doc = parse(text)
    fix = Fix("site-policy", "m", (Edit.insert(doc.instructions[1].start, "x"),))
    kept, findings, suppressed = split(doc, [plugin], [fix], [])
    assert kept == [] and suppressed == [fix] and findings == []
    kept, findings, suppressed = split(doc, [], [fix], [])
    assert kept == [fix] and [f.pass_id for f in findings] == [UNKNOWN_ID]


def test_split_without_rules_keeps_everything_and_adds_unknown_ids() -> None:
    doc = parse("FROM alpine:3.20\n# dockmod: ignore[no-such-pass]\nRUN apk add curl\n")
    fix = Fix("apk-no-cache", "m", (Edit.insert(doc.instructions[1].start, "x"),))
    finding = Finding("healthcheck", "why", 0)
    kept, findings, suppressed = split(doc, PASSES, [fix], [finding])
    assert kept == [fix] and suppressed == [] and findings[0] == finding and len(findings) == 2


def test_pragma_lines_are_the_leading_comments_and_each_block_above_an_instruction() -> None:
    text = "# top\nFROM alpine:3.20\n\n# one\n  # two\nRUN apk add curl\nRUN true\n"
    doc = parse(text)
    got = [(ins.lineno if ins else None, at, comment) for ins, at, comment in _pragma_lines(doc)]
    assert got == [(None, 0, "# top"), (2, 0, "# top"), (6, text.index("  # two"), "# two"),
                   (6, text.index("# one"), "# one")]


def test_skip_file_below_the_first_instruction_covers_only_the_next_one() -> None:
    text = "FROM alpine:3.20\n# dockmod: skip-file\nRUN apk add curl\nRUN apk add git\n"
    doc = parse(text)
    assert rules(doc, PASSES) == [Rule(text.index("# dockmod"), doc.instructions[1].stop, None)]


def test_unknown_id_messages() -> None:
    doc = parse("FROM alpine:3.20\n# dockmod: ignore[apk-no-cach]\nRUN apk add curl\n"
                "# dockmod: ignore[a, b, a]\nRUN apk add git\n")
    one, two = unknown_ids(doc)
    assert one == Finding(UNKNOWN_ID, "unknown pass id 'apk-no-cach' in '# dockmod: ignore[...]': nothing is "
                          "suppressed for it (see 'dockmod list' for ids and aliases)", doc.text.index("# dockmod"))
    assert two.message == ("unknown pass ids 'a', 'b' in '# dockmod: ignore[...]': nothing is suppressed for them "
                           "(see 'dockmod list' for ids and aliases)")


def test_a_file_wide_pragma_in_the_leading_comments_counts_even_apart_from_the_first_instruction() -> None:
    text = "# hadolint global ignore=DL3019\n\n" + TWO_STAGES
    assert rules(parse(text), PASSES) == [Rule(0, len(text), frozenset({"apk-no-cache"}))]
