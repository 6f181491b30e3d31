"""Golden cases: ``golden/<pass>/<case>.in.Dockerfile`` with an optional ``.out.Dockerfile``.

A case without ``.out`` must come out unchanged. Optional companions next to the input:
``<case>.findings.txt`` — the exact findings, one ``LINE: LEVEL: MESSAGE`` per line;
``<case>.options`` — ``KEY=VALUE`` lines for the pass under test (like ``--set PASS.KEY=VALUE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from refactor.edits import Safety
from refactor.passes import Context, Pass
from refactor.project import Project
from refactor.runner import FileResult, Status, process_file, process_text

ROOT = Path(__file__).resolve().parent.parent / "golden"
SUFFIX = ".in.Dockerfile"


@dataclass(frozen=True)
class Case:
    pass_id: str
    source: Path

    @property
    def name(self) -> str:
        return str(self.source.relative_to(ROOT))[: -len(SUFFIX)]

    def companion(self, suffix: str) -> Path:
        return self.source.with_name(self.source.name[: -len(SUFFIX)] + suffix)

    @property
    def expected(self) -> bytes:
        out = self.companion(".out.Dockerfile")
        return out.read_bytes() if out.exists() else self.source.read_bytes()

    def context(self) -> Context:
        opts: dict[str, str] = {}
        path = self.companion(".options")
        if path.exists():
            for line in path.read_text().splitlines():
                if line.strip() and not line.startswith("#"):
                    k, _, v = line.partition("=")
                    opts[k.strip()] = v.strip()
        return Context(options={self.pass_id: opts}, project=Project())


def cases() -> list[Case]:
    return [Case(p.relative_to(ROOT).parts[0], p) for p in sorted(ROOT.rglob("*" + SUFFIX))]


def run_case(case: Case, passes: list[Pass]) -> FileResult:
    return process_file(case.source, passes, case.context())


def rerun(case: Case, passes: list[Pass], text: str) -> FileResult:
    """Run again on ``text`` as if it were the file (same path, so the same project context)."""
    ctx = case.context()
    ctx.path = case.source
    return process_text(text, case.name, passes, ctx)


def trust_problems(pass_: Pass, result: FileResult) -> list[str]:
    """What a run of ``pass_`` did that its declaration does not allow: an internal error (the runner
    isolates a raising pass, so a test must look), or a review fix from a pass declared safe."""
    out = list(result.internal_errors)
    if pass_.safety is Safety.SAFE:
        out += [f"line {r.line}: {pass_.id} is declared safe but "
                f"emits a review fix: {r.item.message}" for r in result.fixes if r.item.safety is not Safety.SAFE]
    return out


def findings_lines(result: FileResult) -> list[str]:
    return [f"{r.line}: {r.item.level.value}: {r.item.message}" for r in result.findings]


__all__ = ["Case", "Status", "cases", "findings_lines", "rerun", "run_case", "trust_problems"]
