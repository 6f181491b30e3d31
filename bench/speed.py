"""Print how fast dockmod is as a user runs it: files/s and CPU ms per file (serial and --jobs), peak memory,
the cold start of ``dockmod diff`` on one file, the same on a generated monorepo, and tally's CPU per file.

usage: python bench/speed.py [--files N] [--jobs N] [--repeat N] [--no-tally]

Everything runs on copies in a temporary folder (the corpus is read-only; ``tally lint --fix`` writes).
Each command is a child process measured with ``wait4``: user+system CPU of it and the workers it forks,
its peak RSS (the largest of them). The cold start runs with compiled bytecode, as an installed dockmod does, and
is broken down into its phases. Targets (issue 10): ≥ 20× less CPU per file than tally, ≤ 150 ms cold
start for one file, memory flat as the file count grows. No timed assertions: it prints the numbers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.paths import CORPUS, corpus_files  # noqa: E402

DOCKMOD = [sys.executable, "-m", "refactor"]


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mib: float
    code: int


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Wall time, CPU (user+system, children included) and peak RSS of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env or {**os.environ, "PYTHONPATH": str(ROOT)})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def best(cmd: list[str], cwd: Path, repeat: int, env: dict[str, str] | None = None) -> Run:
    runs = [measure(cmd, cwd, env) for _ in range(repeat)]
    return min(runs, key=lambda r: r.cpu)


def installed_env(pycache: Path) -> dict[str, str]:
    """The environment of an installed dockmod: its bytecode compiled once (pip does it at install), here into
    ``pycache``; without it (PYTHONDONTWRITEBYTECODE=1) every start compiles ~200 modules from source."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# Where a one-file start spends its CPU, measured inside the process (ms of process time per phase).
_PHASES = """
import os, sys, time
t = [time.process_time()]
import refactor.cli; t.append(time.process_time())
import transforms; t.append(time.process_time())
from refactor.bashlex_tables import load; load(); t.append(time.process_time())
sys.argv = ["dockmod", "diff", "Dockerfile"]
sys.stdout = open(os.devnull, "w")
try:
    refactor.cli.main()
except SystemExit:
    pass
t.append(time.process_time())
sys.stderr.write(" ".join(f"{(b - a) * 1000:.1f}" for a, b in zip(t, t[1:])))
"""


def breakdown(cwd: Path, env: dict[str, str], repeat: int) -> str:
    runs = []
    for _ in range(repeat):
        res = subprocess.run([sys.executable, "-c", _PHASES], cwd=cwd, env=env, capture_output=True, text=True)
        runs.append([float(x) for x in res.stderr.split()] if res.returncode == 0 else [])
    runs = [r for r in runs if len(r) == 4]
    if not runs:
        return "cold start breakdown: failed"
    cli, passes, bashlex, run = (min(r[i] for r in runs) for i in range(4))
    return (f"{'cold start breakdown (ms CPU)':<34} refactor.cli {cli:.0f}, passes {passes:.0f}, "
            f"bashlex {bashlex:.0f}, diff of the file {run:.0f}")


def copy_corpus(dest: Path) -> list[Path]:
    out = []
    for p in corpus_files():
        target = dest / p.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, target)
        out.append(target)
    return out


def monorepo(dest: Path, sources: list[Path], n: int) -> list[Path]:
    """``n`` services, each a corpus Dockerfile (round robin) in its own folder: a big repo of small contexts."""
    out = []
    for i in range(n):
        target = dest / f"svc-{i // 100:03d}" / f"s{i:05d}" / "Dockerfile"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sources[i % len(sources)], target)
        out.append(target)
    return out


def row(label: str, files: int, r: Run) -> str:
    return (f"{label:<34} {files / r.wall:8.1f} files/s  {r.cpu * 1000 / files:7.2f} ms CPU/file  "
            f"{r.wall:7.2f} s wall  {r.rss_mib:6.1f} MiB peak  (exit {r.code})")


def dockmod_rows(name: str, folder: Path, files: int, jobs: int) -> dict[str, Run]:
    check = [*DOCKMOD, "check", ".", "--exit-zero", "-q"]
    out = {"serial": measure([*check, "--jobs", "1"], folder), "jobs": measure([*check, "--jobs", str(jobs)], folder)}
    print(row(f"dockmod check {name} --jobs 1", files, out["serial"]))
    print(row(f"dockmod check {name} --jobs {jobs}", files, out["jobs"]))
    return out


def tally(folder: Path, files: list[Path]) -> Run | None:
    exe = shutil.which("tally") or str(Path(sys.executable).parent / "tally")
    if not Path(exe).exists():
        print("tally: not installed (pip install tally-cli) — column skipped")
        return None
    rels = [str(p.relative_to(folder)) for p in files]
    return measure([exe, "lint", "--fix", "--no-config", "--no-color", "--slow-checks", "off",
                    "--fail-level", "none", "-o", os.devnull, *rels], folder)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=10_000, help="Dockerfiles in the generated monorepo")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=5, help="cold-start runs (best is printed)")
    ap.add_argument("--no-tally", action="store_true")
    args = ap.parse_args()
    if not corpus_files():
        sys.exit(f"no corpus at {CORPUS}")
    with tempfile.TemporaryDirectory(prefix="dockmod-speed-") as tmp:
        work = Path(tmp)
        corpus = copy_corpus(work / "corpus")
        print(f"corpus copy: {len(corpus)} files; monorepo: {args.files} files; {args.jobs} jobs; "
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        one = work / "one"
        one.mkdir()
        shutil.copyfile(CORPUS / "docker+awesome-compose" / "nginx-flask-mysql" / "backend" / "Dockerfile",
                        one / "Dockerfile")
        env = installed_env(work / "pycache")
        measure([*DOCKMOD, "diff", "Dockerfile"], one, env)  # compiles the bytecode once, as pip install does
        cold = best([*DOCKMOD, "diff", "Dockerfile"], one, args.repeat, env)
        bare = best([sys.executable, "-c", "pass"], one, args.repeat, env)
        print(f"{'cold start: dockmod diff (1 file)':<34} {cold.wall * 1000:8.0f} ms wall  "
              f"{cold.cpu * 1000:7.0f} ms CPU  (python -c pass: {bare.cpu * 1000:.0f} ms CPU)  target ≤ 150 ms")
        print(breakdown(one, env, args.repeat))
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            source = best([*DOCKMOD, "diff", "Dockerfile"], one, args.repeat)
            print(f"{'  same, no bytecode (this env)':<34} {source.wall * 1000:8.0f} ms wall  "
                  f"{source.cpu * 1000:7.0f} ms CPU  (PYTHONDONTWRITEBYTECODE=1: sources compiled at every start)")
        small = dockmod_rows("corpus", work / "corpus", len(corpus), args.jobs)
        big_files = monorepo(work / "mono", corpus, args.files)
        big = dockmod_rows(f"monorepo ({args.files})", work / "mono", len(big_files), args.jobs)
        grow = big["serial"].rss_mib / small["serial"].rss_mib
        print(f"memory: peak RSS ×{grow:.2f} for ×{len(big_files) / len(corpus):.1f} files (flat ≈ ×1)")
        if args.no_tally:
            return
        tally_dir = work / "tally"
        shutil.copytree(work / "corpus", tally_dir)
        t = tally(tally_dir, [tally_dir / p.relative_to(work / "corpus") for p in corpus])
        if t is None:
            return
        print(row("tally lint --fix corpus", len(corpus), t))
        ratio = (t.cpu / len(corpus)) / (small["serial"].cpu / len(corpus))
        print(f"CPU per file, tally ÷ dockmod (serial): {ratio:.1f}×  (target ≥ 20×)")


if __name__ == "__main__":
    main()
