"""Write every output dockmod produces on the golden inputs and the corpus, to compare two versions byte for byte.

Usage: ``python bench/snapshot.py OUT_DIR`` (then ``diff -r OLD_DIR NEW_DIR``). For each golden case (its own
pass, with its options) and each corpus file (all passes, then each pass alone) it writes the new text and one
line per fix and finding (pass, line, level or safety, message). A restructure that must not change behaviour
leaves two snapshots identical; it prints how many files it wrote.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refactor.passes import Context  # noqa: E402
from refactor.project import Project  # noqa: E402
from refactor.runner import FileResult, process_file  # noqa: E402
from tests.golden import cases, run_case  # noqa: E402
from tests.paths import CORPUS, corpus_files  # noqa: E402
from transforms import PASSES  # noqa: E402


def _report(result: FileResult) -> str:
    lines = [f"status: {result.status.value} {result.reason or ''}".rstrip()]
    for r in result.fixes:
        lines.append(f"fix {r.item.pass_id} {r.line} {r.item.safety.value}: {r.item.message}")
    for r in result.findings:
        lines.append(f"finding {r.item.pass_id} {r.line} {r.item.level.value}: {r.item.message}")
    return "\n".join(lines) + "\n"


def _write(out: Path, name: str, result: FileResult) -> None:
    target = out / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.with_name(target.name + ".out").write_bytes(result.new.encode("utf-8", "surrogateescape"))
    target.with_name(target.name + ".report").write_text(_report(result))


def main(out: Path) -> int:
    by_id = {p.id: p for p in PASSES}
    written = 0
    for case in cases():
        _write(out / "golden", case.name, run_case(case, [by_id[case.pass_id]]))
        written += 1
    project = Project()
    for path in corpus_files():
        rel = path.relative_to(CORPUS).as_posix()
        _write(out / "corpus-all", rel, process_file(path, PASSES, Context(project=project)))
        written += 1
        for p in PASSES:
            result = process_file(path, [p], Context(project=project))
            if result.fixes or result.findings or result.reason:
                _write(out / "corpus-each" / p.id, rel, result)
                written += 1
    print(f"{written} outputs written to {out}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1])))
