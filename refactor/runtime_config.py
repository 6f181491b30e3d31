"""Where runtime configuration (USER, HEALTHCHECK) goes in a stage, and the edit that puts it there."""

from __future__ import annotations

from refactor.document import Instruction, Stage
from refactor.edits import Edit
from refactor.model import model_of
from refactor.rewrite import insert_lines_above_comments, insert_lines_after, insert_lines_before


def entry_point(stage: Stage) -> tuple[Instruction, bool]:
    """``(instruction, before)``: just before the first CMD/ENTRYPOINT that follows the stage's last
    RUN/COPY/ADD; after the stage's last instruction when there is none."""
    return model_of(stage).entry_point


def insert_runtime_config(stage: Stage, lines: list[str], above_comments: bool = False) -> Edit:
    """One edit that places ``lines`` (whole instructions) at the stage's entry point, with the
    ``refactor.rewrite`` builders (indentation, newline, a dangling final escape handled). ``above_comments``:
    before CMD/ENTRYPOINT, go above the comment lines that describe it."""
    anchor, before = entry_point(stage)
    if before:
        return (insert_lines_above_comments if above_comments else insert_lines_before)(anchor, lines)
    return insert_lines_after(anchor, lines)
