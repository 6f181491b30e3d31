"""Running many files across processes, with results in the order a serial run gives them.

Workers are forked, so each starts with the passes already imported (nothing is pickled but the file
index going out and the FileResult coming back); ``imap`` keeps the input order and streams, so memory
stays flat however many files there are. Few files, one job, no ``fork``, or a process where forking is not
safe (``fork_is_safe``) run in this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from refactor.passes import Context, Pass
from refactor.runner import FileResult, process_file

MIN_FILES = 8  # below this a pool costs more than it saves
# A worker is replaced after this many chunks (~1,000 files): the caches of the per-folder project context grow
# with every build context seen, so recycling keeps a 10,000-file monorepo's memory flat. Forking is cheap.
CHUNKS_PER_WORKER = 64
_WORK: tuple[Sequence[Path], Sequence[Pass], Context, Callable[[Path], str], bool] | None = None


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_is_safe() -> bool:
    """Whether a worker forked from this process can validate: not once BuildKit's Go parser is loaded here.

    The ``dockerfile`` module is a Go library whose runtime starts OS threads on import; a forked child has
    none of them, and its first call into Go can deadlock (a 2-worker pool forked after a parse hung CI). The
    command line never loads it before its workers are forked; a library caller that validated something first
    runs serially instead.
    """
    import multiprocessing  # here, not at the top: a one-file run never needs it

    return "dockerfile" not in sys.modules and "fork" in multiprocessing.get_all_start_methods()


def _one(i: int) -> FileResult:
    assert _WORK is not None
    paths, passes, ctx, display, safe_only = _WORK
    return process_file(paths[i], passes, ctx, display(paths[i]), safe_only)


def process_files(paths: Sequence[Path], passes: Sequence[Pass], ctx: Context, display: Callable[[Path], str],
                  safe_only: bool = False, jobs: int = 1) -> Iterator[FileResult]:
    """``process_file`` for each of ``paths``, in order, on up to ``jobs`` processes."""
    global _WORK
    jobs = min(jobs, len(paths))
    if jobs <= 1 or len(paths) < MIN_FILES or not fork_is_safe():
        for p in paths:
            yield process_file(p, passes, ctx, display(p), safe_only)
        return
    import multiprocessing

    _WORK = (paths, passes, ctx, display, safe_only)
    pool = multiprocessing.get_context("fork").Pool(jobs, maxtasksperchild=CHUNKS_PER_WORKER)
    try:
        yield from pool.imap(_one, range(len(paths)), chunksize=max(1, min(16, len(paths) // (jobs * 8))))
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _WORK = None


def with_progress(results: Iterator[FileResult], total: int, enabled: bool) -> Iterator[FileResult]:
    """``results`` with a progress bar on stderr (rich, imported only here) when ``enabled``."""
    if not enabled:
        yield from results
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("dockmod"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("files", total=total)
        for result in results:
            bar.advance(task)
            yield result
