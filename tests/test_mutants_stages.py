"""Stage-graph queries (refactor/stages.py): the gaps bench/mutation.py found (it had no focused tests)."""

from __future__ import annotations

from refactor.document import parse
from refactor.stages import (
    cache_mount_targets,
    descendants,
    final_lineage,
    later_instructions,
    lineage_instructions,
    mounts,
    shipped_stages,
    start_command,
)

# A builder, a test stage on it, an unrelated tools stage, and the final stage on the builder.
MULTI = """\
FROM golang:1.22 AS build
RUN go build -o /app .
RUN go vet ./...
FROM build AS test
RUN go test ./...
FROM alpine:3.20 AS tools
RUN apk add --no-cache curl
FROM build AS final
COPY --from=tools /usr/bin/curl /usr/bin/curl
CMD ["/app"]
"""


def test_descendants_are_the_later_stages_built_on_a_stage_directly_or_not() -> None:
    doc = parse(MULTI + "FROM final AS extra\nRUN true\n")
    build, test, tools, final, extra = doc.stages
    assert descendants(doc, build) == [test, final, extra]
    assert descendants(doc, final) == [extra]  # not the stage itself
    assert descendants(doc, tools) == []
    assert descendants(doc, extra) == []


def test_a_stage_named_like_a_later_one_is_not_its_own_descendant() -> None:
    # "FROM base" in stage 0 names the image, not the later stage called base
    doc = parse("FROM base\nRUN a\nFROM alpine AS base\nRUN b\n")
    assert descendants(doc, doc.stages[0]) == []


def test_later_instructions_follow_the_stage_and_every_stage_built_on_it() -> None:
    doc = parse(MULTI)
    build, test, tools, final = doc.stages
    first_run = build.instructions[1]
    later = later_instructions(first_run)
    assert [i.args for i in later] == ["go vet ./...", "go test ./...",
                                       "/usr/bin/curl /usr/bin/curl", '["/app"]']
    assert later_instructions(build.instructions[2])[0] is test.instructions[1]
    assert later_instructions(tools.instructions[1]) == []
    assert later_instructions(final.instructions[-1]) == []
    assert later_instructions(build.from_)[0] is first_run  # FROM itself is not "later"


def test_lineage_instructions_are_oldest_first_and_a_copy() -> None:
    doc = parse(MULTI)
    final = doc.stages[3]
    got = lineage_instructions(final)
    assert [i.name for i in got] == ["RUN", "RUN", "COPY", "CMD"]
    got.clear()
    assert len(lineage_instructions(final)) == 4


def test_final_lineage_and_shipped_stages() -> None:
    doc = parse(MULTI)
    assert final_lineage(doc) == {3, 0}
    assert shipped_stages(doc) == {0, 3}  # test (1) and tools (2) are base of nothing
    doc = parse("FROM alpine AS a\nRUN x\nFROM a AS b\nRUN y\nFROM debian AS c\nRUN z\n")
    assert final_lineage(doc) == {2}
    assert shipped_stages(doc) == {0, 2}  # a is the base of b: someone may run b
    assert final_lineage(parse("RUN apk add curl\n")) == set()
    assert shipped_stages(parse("RUN apk add curl\n")) == set()


def test_mounts_split_fields_and_bare_keys() -> None:
    doc = parse("FROM alpine\n"
                "RUN --mount=type=cache,target=/root/.cache,sharing=locked --mount=type=secret,id=tok,required "
                "--network=none true\n"
                "RUN --mount= true\n")
    run = doc.stages[0].instructions[1]
    assert mounts(run) == [{"type": "cache", "target": "/root/.cache", "sharing": "locked"},
                           {"type": "secret", "id": "tok", "required": ""}]
    assert mounts(doc.stages[0].instructions[2]) == []  # an empty value is no mount
    assert mounts(parse("FROM a\nRUN --mount=src=a=b true\n").stages[0].instructions[1]) == [{"src": "a=b"}]


def test_cache_mount_targets_any_spelling_without_trailing_slash() -> None:
    doc = parse("FROM python:3.12\n"
                "RUN --mount=type=cache,target=/root/.cache/pip/ --mount=type=cache,dst=/var/cache/apt "
                "--mount=type=cache,destination=/tmp/x --mount=type=bind,target=/src "
                "--mount=type=cache,target=/ --mount=type=cache,id=x pip install .\n")
    run = doc.stages[0].instructions[1]
    assert cache_mount_targets(run) == ["/root/.cache/pip", "/var/cache/apt", "/tmp/x", "/", ""]


def test_cache_mount_target_strips_only_slashes() -> None:
    # a TeX Live cache (texmf-var/TeX) ends in X: only the trailing slash goes
    doc = parse("FROM texlive/texlive\nRUN --mount=type=cache,target=/var/cache/TeX/ mktexlsr\n")
    assert cache_mount_targets(doc.stages[0].instructions[1]) == ["/var/cache/TeX"]


def test_cache_mount_target_wins_over_dst() -> None:
    doc = parse("FROM a\nRUN --mount=type=cache,dst=/b,target=/a --mount=type=cache,destination=/d,dst=/c true\n")
    assert cache_mount_targets(doc.stages[0].instructions[1]) == ["/a", "/c"]


def test_start_command_is_a_copy_of_the_models() -> None:
    doc = parse('FROM node:20\nENTRYPOINT ["tini", "--"]\nCMD ["node", "server.js"]\n')
    got = start_command(doc.stages[0])
    assert got == [["tini", "--"], ["node", "server.js"]]
    got[0].append("x")
    got.append(["y"])
    assert start_command(doc.stages[0]) == [["tini", "--"], ["node", "server.js"]]
