"""The multi-stage pass's parts (the pass itself is transforms/multi_stage.py): the benefit gate, the subject it
reads, the layout of the split, and one planner per ecosystem."""

PASS_ID = "multi-stage"
