"""hadolint before/after: copy the corpus, apply every registered pass, lint every changed file twice.

usage: python bench/hadolint_counts.py [CORPUS_DIR]

Prints, per hadolint code, the findings in the changed files before and after, then every file that
gained a finding it did not have (code and count), and the watched codes still present after.
"""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.paths import CORPUS, corpus_files  # noqa: E402

HADOLINT = REPO / ".venv" / "bin" / "hadolint"
# Codes the cache/apt passes must leave at zero in every file they change.
WATCHED = ("DL3009", "DL3015", "DL3019", "DL3042", "DL3060")


@dataclass
class Report:
    changed: int = 0
    before: collections.Counter[str] = field(default_factory=collections.Counter)
    after: collections.Counter[str] = field(default_factory=collections.Counter)
    gained: list[tuple[str, str, int, int]] = field(default_factory=list)  # file, code, before, after
    watched_left: list[tuple[str, str, int]] = field(default_factory=list)  # file, code, count
    dl3027_removed: dict[str, int] = field(default_factory=dict)  # file → DL3027 (apt → apt-get) findings gone


def hadolint_codes(path: Path) -> collections.Counter[str]:
    proc = subprocess.run([str(HADOLINT), "--no-fail", "-f", "json", str(path)], capture_output=True, text=True,
                          timeout=120)
    try:
        return collections.Counter(r["code"] for r in json.loads(proc.stdout or "[]"))
    except json.JSONDecodeError:
        return collections.Counter({"unparsable": 1})


def run(corpus: Path = CORPUS, select: str | None = None) -> Report:
    with tempfile.TemporaryDirectory(prefix="dockmod-hadolint-") as tmp:
        orig = Path(tmp) / "orig"
        new = Path(tmp) / "new"
        shutil.copytree(corpus, orig, copy_function=shutil.copyfile)  # writable: apply refuses read-only files
        shutil.copytree(corpus, new, copy_function=shutil.copyfile)
        argv = [sys.executable, "-m", "refactor", "apply", str(new)]
        if select:
            argv += ["--select", select]
        subprocess.run(argv, cwd=REPO, capture_output=True, timeout=1800, check=False)
        report = Report()
        for path in corpus_files():
            rel = path.relative_to(CORPUS)
            a, b = orig / rel, new / rel
            if a.read_bytes() == b.read_bytes():
                continue
            report.changed += 1
            before, after = hadolint_codes(a), hadolint_codes(b)
            report.before += before
            report.after += after
            if before["DL3027"] > after["DL3027"]:
                report.dl3027_removed[str(rel)] = before["DL3027"] - after["DL3027"]
            for code, n in after.items():
                if n > before.get(code, 0):
                    report.gained.append((str(rel), code, before.get(code, 0), n))
                if code in WATCHED:
                    report.watched_left.append((str(rel), code, n))
    return report


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    report = run(corpus)
    print(f"changed files: {report.changed}")
    print(f"{'code':<10}{'before':>8}{'after':>8}")
    for code in sorted(set(report.before) | set(report.after)):
        mark = "  *" if code in WATCHED else ""
        print(f"{code:<10}{report.before[code]:>8}{report.after[code]:>8}{mark}")
    print(f"\nfiles that gained a finding: {len(report.gained)}")
    for rel, code, b, a in report.gained:
        print(f"  {rel}: {code} {b} -> {a}")
    print(f"\nwatched codes left in changed files: {len(report.watched_left)}")
    for rel, code, n in report.watched_left:
        print(f"  {rel}: {code} x{n}")


if __name__ == "__main__":
    main()
