"""Tests that kill surviving mutants of the multi-stage pass (transforms/multi_stage.py, transforms/stage_split/)."""

from __future__ import annotations
