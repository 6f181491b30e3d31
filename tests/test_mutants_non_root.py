"""non-root-user (transforms/non_root_user.py and transforms/non_root/*.py) on the shapes the golden cases do
not pin down; each test here kills mutants that survived the golden cases."""

from __future__ import annotations
