"""The split as edits: the original stage becomes the builder (``AS build`` added, its lines kept), and a runtime
stage is inserted where the runtime configuration starts. Runtime instructions written among the build steps
(CMD, EXPOSE, LABEL …) are moved there as their original text, with the comments above them; ENV and the ARGs it
needs are repeated as written; new lines follow the file's keyword case, newline and escape character."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from refactor.document import Instruction
from refactor.edits import Edit, Fix, Safety
from refactor.images import default_workdir
from refactor.knowledge.runtime_bases import RuntimeChoice
from refactor.rewrite import command_list, comment_block_start, insert_lines_after
from transforms.stage_split import PASS_ID
from transforms.stage_split.subject import RUNTIME_INSTRUCTIONS, Subject

RUNTIME_NAME = "runtime"


@dataclass
class Plan:
    """Everything the split needs; ``evidence`` says what was found and how (the fix message)."""

    subject: Subject
    ecosystem: str
    runtime: RuntimeChoice
    copies: list[tuple[str, str]]  # (path in the build stage, path in the runtime stage)
    evidence: list[str]
    packages: list[str] = field(default_factory=list)  # runtime packages to install
    env_lines: list[str] = field(default_factory=list)  # new ENV values after the copies (``PATH`` of a venv)
    builder_edits: list[Edit] = field(default_factory=list)
    build_only_env: frozenset[str] = frozenset()  # ENV names only the build reads: not repeated in the runtime
    builder_tail: list[str] = field(default_factory=list)  # new instructions that end the builder (a prune)
    setup: list[Instruction] = field(default_factory=list)  # builder RUNs repeated as written in the runtime
    builder_name: str = "build"


def _quoted(*paths: str) -> str:
    if any(re.search(r"\s", p) for p in paths):
        return json.dumps(list(paths))
    return " ".join(paths)


def _env_names(ins: Instruction) -> set[str]:
    words = ins.words
    if words and "=" not in words[0].raw:
        return {words[0].value}
    return {w.value.split("=", 1)[0] for w in words}


def _text(ins: Instruction, comments: bool) -> str:
    doc = ins.doc
    start = comment_block_start(ins) if comments else ins.line_start
    text = doc.text[start:ins.stop]
    return text if text.endswith("\n") else text + doc.newline


def builder_name(s: Subject) -> str:
    return s.stage.name or "build"


def render(plan: Plan) -> Fix:
    s = plan.subject
    doc = s.doc
    kw = doc.keyword
    nl = doc.newline
    edits: list[Edit] = list(plan.builder_edits)
    name = builder_name(s)
    if s.stage.name is None:
        edits.append(Edit.insert(s.stage.from_.words[0].end, f" {kw('AS')} {name}"))
    part = s.builder_part
    moved = [i for i in part if i.name in RUNTIME_INSTRUCTIONS]
    envs = [i for i in part if i.name == "ENV" and not _env_names(i) <= plan.build_only_env]
    runtime_text = "".join(doc.text[i.start:i.stop] for i in [*moved, *envs, *s.tail])
    args = [i for i in part if i.name == "ARG"
            and any(re.search(r"\$\{?" + re.escape(w.value.split("=", 1)[0]) + r"\b", runtime_text) for w in i.words)]

    lines = [f"{kw('FROM')} {plan.runtime.image} {kw('AS')} {RUNTIME_NAME}"]
    block = [ln + nl for ln in lines] + [_text(i, False) for i in (*args, *envs)]
    block += [_text(i, False) for i in plan.setup]
    new: list[str] = []
    if plan.packages:
        if s.family == "alpine":
            new.append(f"{kw('RUN')} apk add --no-cache {' '.join(plan.packages)}")
        else:
            new.append(f"{kw('RUN')} " + command_list(doc, "apt-get update", [
                f"apt-get install -y --no-install-recommends {' '.join(plan.packages)}",
                "rm -rf /var/lib/apt/lists/*"]))
    workdir = s.model.workdir_at(s.tail[0] if s.tail else None)
    # the builder's WORKDIR, written in the stage or set by its image (golang's /go) when the runtime image
    # does not set the same one: the program runs where it did and finds its relative files there
    if workdir and workdir != "/" and (any(i.name == "WORKDIR" for i in part)
                                       or default_workdir(plan.runtime.image) != workdir):
        new.append(f"{kw('WORKDIR')} {workdir}")
    new += [f"{kw('COPY')} --from={name} {_quoted(src, dest)}" for src, dest in plan.copies]
    new += [f"{kw('ENV')} {line}" for line in plan.env_lines]
    block += [ln + nl for ln in new]
    block += [_text(i, True) for i in moved]
    for ins in moved:
        edits.append(Edit.delete(comment_block_start(ins), ins.stop))

    at = comment_block_start(s.tail[0]) if s.tail else len(doc.text)
    before = doc.text[:at]
    content = "".join(block)
    tail = "".join(ln + nl for ln in plan.builder_tail)
    if tail and s.build_end.stop < at:  # right after the build step, the file's blank lines kept after it
        edits.append(insert_lines_after(s.build_end, plan.builder_tail))
        tail = ""
    if not s.tail and not before.endswith("\n"):
        content = nl + tail + nl + content.rstrip("\r\n")  # keep a missing final newline missing
    elif tail:  # the new builder lines, then a blank line before the runtime stage
        content = tail + nl + content
    elif not re.search(r"\n[ \t]*\r?\n$", before):
        content = nl + content
    edits.append(Edit.insert(at, content))
    # The split spans the whole stage: the applier then applies no other pass's fix of this round with it (they
    # were computed on the single stage), and the passes act on the runtime stage in the next round.
    edits.append(Edit.insert(len(doc.text), ""))
    message = (f"split into a {name} stage and a {RUNTIME_NAME} stage on {plan.runtime.image} ({plan.ecosystem}): "
               + "; ".join(plan.evidence) + f"; runtime base: {plan.runtime.reason}")
    return Fix(PASS_ID, message, tuple(edits), Safety.REVIEW, offset=s.stage.from_.start)
