"""The semantic benchmark: every fix dockmod makes on the shared corpus, against a reviewed ledger of verdicts.

Usage: ``python bench/semantic.py [--pass ID] [--unreviewed FILE] [--merge FILE]``.

Every file of ``tests.paths.CORPUS`` goes once through all passes. Each fix becomes a record: the file's
corpus-relative path, the pass id, its safety and message, and the fix's OWN diff (the text of the round it
was applied in against that text with only this fix's edits applied), shown as changed lines with one line of
context and no line numbers, so an unrelated edit elsewhere in the file does not change it. The record's key
is a short sha256 of (path, pass id, diff): when a pass's output changes, the fix is unreviewed again instead
of inheriting the old verdict.

The ledger (``tests/semantic_ledger.jsonl``) holds one reviewed verdict per key: correct, pointless (no
effect), concern (probably fine, a reviewer should know why), breaks-build or breaks-runtime, each with a
one-line reason. The script prints a per-pass table, the fraction of changed files with a breaking fix
(among the judged files: all fixes reviewed, or one known to break), the unreviewed count and the stale
ledger keys (no longer produced). ``--unreviewed FILE`` writes the unreviewed records (diff, message,
original file) as JSONL for reviewers; ``--merge FILE`` adds reviewed JSONL lines (key, path, pass,
verdict, reason[, note]) to the ledger, replacing entries with the same key, and keeps it sorted.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from refactor.applier import Reported  # noqa: E402
from refactor.edits import Fix, apply_edits  # noqa: E402
from refactor.passes import Context  # noqa: E402
from refactor.project import Project  # noqa: E402
from refactor.runner import process_file  # noqa: E402
from tests.paths import CORPUS, corpus_files  # noqa: E402
from transforms import PASSES  # noqa: E402

LEDGER = ROOT / "tests" / "semantic_ledger.jsonl"
VERDICTS = ("correct", "pointless", "concern", "breaks-build", "breaks-runtime")
BREAKING = frozenset({"breaks-build", "breaks-runtime"})
CONTEXT_LINES = 1


@dataclass(frozen=True)
class Record:
    path: str  # relative to the corpus
    pass_id: str
    safety: str
    message: str
    diff: str

    @property
    def key(self) -> str:
        return fix_key(self.path, self.pass_id, self.diff)


def fix_key(path: str, pass_id: str, diff: str) -> str:
    return hashlib.sha256(f"{path}\0{pass_id}\0{diff}".encode("utf-8", "surrogateescape")).hexdigest()[:16]


def own_diff(text: str, fix: Fix) -> str:
    """The fix's own change to ``text``: changed lines with context, hunks separated by ``@@`` alone."""
    new = apply_edits(text, list(fix.edits))
    lines = difflib.unified_diff(text.splitlines(), new.splitlines(), n=CONTEXT_LINES, lineterm="")
    out = []
    for line in lines:
        if line.startswith(("---", "+++")) and not out:
            continue  # the two file headers
        out.append("@@" if line.startswith("@@") else line)
    return "\n".join(out)


def record(path: str, reported: Reported) -> Record:
    fix = reported.item
    assert isinstance(fix, Fix)
    return Record(path, fix.pass_id, fix.safety.value, fix.message, own_diff(reported.text, fix))


def corpus_records(pass_filter: str | None = None) -> list[Record]:
    """One transform of every corpus file with all passes; a record per fix that survived validation."""
    project = Project()
    records = []
    for path in corpus_files():
        result = process_file(path, PASSES, Context(project=project))
        if not result.changed:
            continue
        rel = path.relative_to(CORPUS).as_posix()
        records += [record(rel, r) for r in result.fixes if pass_filter in (None, r.item.pass_id)]
    return records


def load_ledger(path: Path = LEDGER) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_ledger(entries: Iterable[dict], path: Path = LEDGER) -> None:
    ordered = sorted(entries, key=lambda e: (e["path"], e["pass"], e["key"]))
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in ordered), encoding="utf-8")


def merge(reviewed: Path, ledger: Path = LEDGER) -> int:
    entries = {e["key"]: e for e in load_ledger(ledger)}
    added = 0
    for e in load_ledger(reviewed):
        if e.get("verdict") not in VERDICTS or not e.get("reason"):
            raise SystemExit(f"{reviewed}: entry {e.get('key')} needs a verdict in {VERDICTS} and a reason")
        keep = {k: e[k] for k in ("key", "path", "pass", "verdict", "reason", "note") if e.get(k)}
        added += keep["key"] not in entries
        entries[keep["key"]] = keep
    write_ledger(entries.values(), ledger)
    return added


def table(records: Sequence[Record], ledger: Sequence[dict], pass_filter: str | None = None) -> str:
    verdict = {e["key"]: e["verdict"] for e in ledger}
    rows: dict[str, Counter] = defaultdict(Counter)
    files: dict[str, set[str]] = defaultdict(set)  # path -> verdicts of its fixes ("" = unreviewed)
    for r in records:
        v = verdict.get(r.key, "unreviewed")
        rows[r.pass_id]["fixes"] += 1
        rows[r.pass_id][v] += 1
        files[r.path].add(v)
    cols = ("fixes", *VERDICTS, "unreviewed")
    width = max([len("pass"), len("total"), *map(len, rows)])
    out = [f"{'pass':<{width}} " + " ".join(f"{c:>14}" for c in cols)]
    total: Counter = Counter()
    for pass_id in sorted(rows):
        out.append(f"{pass_id:<{width}} " + " ".join(f"{rows[pass_id][c]:>14}" for c in cols))
        total.update(rows[pass_id])
    out.append(f"{'total':<{width}} " + " ".join(f"{total[c]:>14}" for c in cols))
    # A file is judged once all its fixes are reviewed, or as soon as one of them is known to break it.
    judged = [vs for vs in files.values() if "unreviewed" not in vs or vs & BREAKING]
    breaking = sum(1 for vs in judged if vs & BREAKING)
    out.append("")
    out.append(f"changed files: {len(files)}; judged: {len(judged)}; with a breaking fix: {breaking}"
               f" ({breaking / len(judged):.1%} of judged)" if judged else
               f"changed files: {len(files)}; judged: 0")
    out.append(f"unreviewed fixes: {total['unreviewed']}")
    produced = {r.key for r in records}
    stale = [e for e in ledger if e["key"] not in produced and pass_filter in (None, e["pass"])]
    out.append(f"stale ledger entries: {len(stale)}")
    out += [f"  {e['key']} {e['path']} {e['pass']} {e['verdict']}" for e in stale]
    return "\n".join(out)


def write_unreviewed(records: Sequence[Record], ledger: Sequence[dict], out: Path) -> int:
    known = {e["key"] for e in ledger}
    todo = sorted((r for r in records if r.key not in known), key=lambda r: (r.path, r.pass_id, r.key))
    with out.open("w", encoding="utf-8", errors="backslashreplace") as fh:  # a lone surrogate: a JSON \\u escape
        for r in todo:
            fh.write(json.dumps({"key": r.key, "path": r.path, "pass": r.pass_id, "safety": r.safety,
                                 "message": r.message, "original": str(CORPUS / r.path), "diff": r.diff},
                                ensure_ascii=False) + "\n")
    return len(todo)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pass", dest="pass_id", help="only this pass's fixes")
    parser.add_argument("--unreviewed", type=Path, help="write the unreviewed records here (JSONL)")
    parser.add_argument("--merge", type=Path, help="add the reviewed verdicts of this JSONL file to the ledger")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    if args.merge:
        print(f"{merge(args.merge)} new ledger entries from {args.merge}")
    records = corpus_records(args.pass_id)
    ledger = load_ledger()
    print(table(records, ledger, args.pass_id))
    if args.unreviewed:
        print(f"{write_unreviewed(records, ledger, args.unreviewed)} unreviewed records written to {args.unreviewed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
