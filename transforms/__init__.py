"""The registry of passes, in the order they run. Every module here is listed exactly once."""

from __future__ import annotations

from refactor.passes import Pass

# One import per pass module; each module exports PASSES (a tuple of the passes it defines).
# -- registry imports (keep one line per module) --
# -- end registry imports --

PASSES: tuple[Pass, ...] = (
    # -- registry entries (keep one line per module) --
    # -- end registry entries --
)
