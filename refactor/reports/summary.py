"""What a run did, counted once for every output format: files by status, fixes, review fixes, per pass."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from refactor.edits import Finding, Level, Safety
from refactor.runner import FileResult, Status


@dataclass
class Entry:
    """One file of a run: its result, its path as ``git diff`` names it, the diff (``diff`` only), and why
    writing it failed (``apply`` only)."""

    result: FileResult
    repo_path: str
    diff: str | None = None
    write_error: str | None = None

    @property
    def failed(self) -> bool:
        return self.result.status is Status.FAILED or self.write_error is not None

    @property
    def changed(self) -> bool:
        return self.result.changed and self.write_error is None


@dataclass
class Summary:
    files: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    fixes: int = 0
    review_fixes: int = 0
    held_back: int = 0
    findings: Counter[str] = field(default_factory=Counter)  # by level
    per_pass: Counter[str] = field(default_factory=Counter)  # fixes made (or pending) by each pass

    def add(self, entry: Entry) -> None:
        r = entry.result
        self.files += 1
        if entry.failed:
            self.failed += 1
        elif entry.changed:
            self.changed += 1
        elif r.status is Status.SKIPPED:
            self.skipped += 1
        else:
            self.unchanged += 1
        self.held_back += len(r.held)
        for f in r.findings:
            if isinstance(f.item, Finding):
                self.findings[f.item.level.value] += 1
        if entry.changed:
            for f in r.fixes:
                self.fixes += 1
                self.review_fixes += f.item.safety is Safety.REVIEW  # type: ignore[union-attr]
                self.per_pass[f.item.pass_id] += 1

    def as_dict(self) -> dict[str, object]:
        return {"files": self.files, "changed": self.changed, "unchanged": self.unchanged, "skipped": self.skipped,
                "failed": self.failed, "fixes": self.fixes, "review_fixes": self.review_fixes,
                "held_back": self.held_back,
                "findings": {level.value: self.findings[level.value] for level in Level}}

    def applied_line(self) -> str:
        """``12 files changed, 35 fixes (9 review), 3 skipped, 0 failed`` — what ``apply`` did."""
        return (f"{self.changed} file{'s' * (self.changed != 1)} changed, {self.fixes} fix{'es' * (self.fixes != 1)}"
                f" ({self.review_fixes} review), {self.skipped} skipped, {self.failed} failed")

    def statistics(self) -> list[str]:
        """Fixes per pass, most first (``--statistics``)."""
        width = len(str(max(self.per_pass.values(), default=0)))
        return [f"{n:>{width}}  {pass_id}" for pass_id, n in sorted(self.per_pass.items(), key=lambda x: (-x[1], x[0]))]
