"""Queries over the stage graph that many passes ask: what comes later, what ships, what is cached."""

from __future__ import annotations

from refactor.document import Document, Instruction, Stage


def descendants(doc: Document, stage: Stage) -> list[Stage]:
    """Stages built ``FROM`` this one, directly or not."""
    return [s for s in doc.stages if s.index > stage.index and stage in s.lineage()[1:]]


def later_instructions(ins: Instruction) -> list[Instruction]:
    """Instructions after ``ins`` in its stage and in every stage built on that stage."""
    doc = ins.doc
    stage = doc.stages[ins.stage_index]
    out = [i for i in stage.instructions if i.index > ins.index]
    for s in descendants(doc, stage):
        out += s.body()
    return out


def lineage_instructions(stage: Stage) -> list[Instruction]:
    """Instructions after FROM of the stage and the stages it builds on, oldest first (the stage model's,
    computed once per parse; a copy)."""
    from refactor.model import model_of  # the model builds on this module

    return list(model_of(stage).lineage_instructions)


def final_lineage(doc: Document) -> set[int]:
    """Indexes of the stages whose layers end up in the final image."""
    final = doc.final_stage
    return {s.index for s in final.lineage()} if final else set()


def shipped_stages(doc: Document) -> set[int]:
    """Stages whose layers end up in an image someone runs: the final lineage and any stage used as a base."""
    return final_lineage(doc) | {s.parent.index for s in doc.stages if s.parent is not None}


def mounts(ins: Instruction) -> list[dict[str, str]]:
    """The fields of each ``RUN --mount=k=v,…`` of ``ins`` (a bare key maps to "")."""
    return [dict(p.split("=", 1) if "=" in p else (p, "") for p in flag.value.split(","))
            for flag in ins.flags if flag.name == "mount" and flag.value]


def cache_mount_targets(ins: Instruction) -> list[str]:
    """Targets of the ``RUN --mount=type=cache,…`` mounts, without a trailing slash."""
    out: list[str] = []
    for fields in mounts(ins):
        if fields.get("type") == "cache":
            target = fields.get("target") or fields.get("dst") or fields.get("destination") or ""
            out.append(target.rstrip("/") or target)
    return out


def start_command(stage: Stage) -> list[list[str]]:
    """The argv of the ENTRYPOINT and of the CMD in effect for the stage (inherited ones included), in
    that order; a new ENTRYPOINT resets an inherited CMD. Shell form gives its words. (The stage model's;
    a copy.)"""
    from refactor.model import model_of  # the model builds on this module

    return [list(argv) for argv in model_of(stage).start_command]
