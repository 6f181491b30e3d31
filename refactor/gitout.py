"""Git output for bot-opened pull requests: a branch with one commit per pass, and a PR body.

Every file is transformed once with all passes (the bytes ``dockmod apply`` writes); that change is then
split into per-pass commits: the text after pass *k*'s commit is the file transformed by the passes up to *k*
(the last commit always holds the final text). The work happens in a temporary detached worktree, committed
with the ``git`` command itself (so the repository's hooks run and ``commit.gpgsign`` signs), and the branch
is set only once every commit is made: the user's checkout, index and stash are never touched, and a failure
leaves no branch and no temporary folder behind. Which files and passes, with which options, is decided as
``apply`` decides it, for the file's path in the user's checkout: exclude globs leave out what a folder walk
finds (a file named on the command line always runs), and per-path overrides and ``--config`` globs match.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from refactor.config import ConfigError
from refactor.discovery import discover
from refactor.edits import Finding, Fix, Level, Safety
from refactor.passes import Context, Pass
from refactor.project import Project
from refactor.runner import FileResult, Status, process_file, process_text, write_atomic

_AUTHOR = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<email>[^<>\s]+)>\s*$")
MAX_FILES_PER_SKIP = 3  # files named under one grouped skip in the PR body


class GitError(Exception):
    """A one-line reason the branch could not be made."""


@dataclass
class PassCommit:
    pass_: Pass
    sha: str
    files: list[str]
    messages: list[str]


@dataclass
class ReviewFix:
    """A review fix as the PR body lists it: where, which pass, and its message (the evidence it acted on)."""

    path: str
    line: int
    pass_id: str
    message: str


@dataclass
class BranchReport:
    branch: str
    base: str
    commits: list[PassCommit] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # "`path:line` pass-id: message", in file order
    skips: list[tuple[str, str, str]] = field(default_factory=list)  # (pass id, message, "path:line")
    reviews: list[ReviewFix] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. uncommitted edits in a file the branch changes
    held: int = 0  # review fixes held back by --safe-only
    pushed: str | None = None  # the remote the branch was pushed to
    sections: list[str] = field(default_factory=list)  # extra Markdown, e.g. the ``--verify`` table

    def pr_body(self) -> str:
        """Markdown for the pull request: what changed per pass, each review fix with its evidence, and the
        skips grouped by reason."""
        lines = ["## dockmod: Dockerfile migration", ""]
        if not self.commits:
            lines += ["Nothing to change.", ""]
        for c in self.commits:
            tag = "⚠️ review" if c.pass_.safety is Safety.REVIEW else "safe"
            lines.append(f"### `{c.pass_.id}` ({tag}) — {c.pass_.summary}")
            lines.append("")
            lines += [f"- `{f}`" for f in c.files]
            lines.append("")
        if self.reviews:
            lines += ["### Review fixes and their evidence", "",
                      "These change runtime behaviour (user, health probe, download URL, …); each line says what "
                      "the fix did and what it relied on. Please check them against how the images are run.", ""]
            by_file: dict[str, list[ReviewFix]] = {}
            for r in self.reviews:
                by_file.setdefault(r.path, []).append(r)
            for path, fixes in by_file.items():
                lines.append(f"- `{path}`")
                lines += [f"  - line {r.line}, `{r.pass_id}`: {r.message}" for r in fixes]
            lines.append("")
        if self.held:
            lines += [f"{self.held} review fix{'es' * (self.held != 1)} held back (`--safe-only`): run "
                      "`dockmod check -v --safe-only` to see them.", ""]
        if self.skips:
            lines += [f"### Left alone, with reasons ({len(self.skips)})", "", *_grouped_skips(self.skips), ""]
        if self.problems:
            lines += ["### Files dockmod could not process", ""] + [f"- {p}" for p in self.problems] + [""]
        lines += [s.rstrip("\n") + "\n" for s in self.sections]
        lines.append(f"Base: `{self.base[:12]}` · run `dockmod explain PASS-ID` for what each pass does.")
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict[str, object]:
        """``branch --format json``: the branch, its commits with their files, and what went wrong."""
        return {"branch": self.branch, "base": self.base, "pushed": self.pushed,
                "commits": [{"sha": c.sha, "pass": c.pass_.id, "safety": c.pass_.safety.value, "files": c.files,
                             "messages": list(dict.fromkeys(c.messages))} for c in self.commits],
                "review_fixes": [{"path": r.path, "line": r.line, "pass": r.pass_id, "message": r.message}
                                 for r in self.reviews],
                "skips": [{"pass": p, "message": m, "where": w} for p, m, w in self.skips],
                "held_back": self.held, "warnings": self.warnings, "problems": self.problems}


def _grouped_skips(skips: Sequence[tuple[str, str, str]]) -> list[str]:
    """One line per reason (pass id and message, numbers ignored), most frequent first, naming a few files."""
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for pass_id, message, where in skips:
        groups.setdefault((pass_id, re.sub(r"\d+", "#", message)), []).append((message, where))
    out = []
    for (pass_id, _), items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        places = ", ".join(f"`{w}`" for _, w in items[:MAX_FILES_PER_SKIP])
        more = f" and {len(items) - MAX_FILES_PER_SKIP} more" if len(items) > MAX_FILES_PER_SKIP else ""
        out.append(f"- **{len(items)}×** `{pass_id}`: {items[0][0]} — {places}{more}")
    return out


@dataclass(frozen=True)
class CommitOptions:
    """How the commits are made: hooks (``no_verify`` skips them), ``--signoff``, an explicit author."""

    no_verify: bool = False
    signoff: bool = False
    author: str | None = None  # "Name <email>"


@dataclass
class _Planned:
    rel: str  # path relative to the repository root
    result: FileResult
    texts: dict[str, str]  # pass id -> the file's text once that pass's commit is made


def make_branch(paths: Sequence[str], passes: Sequence[Pass], ctx: Context, branch: str,
                base: str = "HEAD", safe_only: bool = False, exclude: Collection[Path] = (),
                sections: Sequence[str] = (), force: bool = False, commit: CommitOptions | None = None,
                push: str | None = None) -> BranchReport:
    """Create ``branch`` from ``base`` with one commit per pass that changes something (only safe fixes
    with ``safe_only``; the review fixes held back are counted).

    Files in ``exclude`` (absolute paths in the user's checkout) are left out; ``sections`` go in the PR body.
    ``force`` rebuilds an existing branch; ``push`` names a remote to push the branch to. Raises GitError
    (one line) for bad input, before anything is created.
    """
    commit = commit or CommitOptions()
    top, base_sha, rel, exists, env = _validate(paths, branch, base, force, commit.author, push)
    report = BranchReport(branch, base_sha, sections=list(sections))
    tmp = Path(tempfile.mkdtemp(prefix="dockmod-branch-"))
    tree = tmp / "tree"
    try:
        _git(top, "worktree", "add", "--quiet", "--detach", str(tree), base_sha)
        planned = _plan(tree, rel, passes, ctx, safe_only, {p.resolve() for p in exclude}, top, report)
        report.warnings += _uncommitted(top, [p.rel for p in planned])
        head = _commit_all(tree, passes, planned, commit, env, report)
        _git(top, "branch", *(["--force"] if exists else []), branch, head or base_sha)
    finally:
        _git_or_none(top, "worktree", "remove", "--force", str(tree))
        shutil.rmtree(tmp, ignore_errors=True)
        _git_or_none(top, "worktree", "prune")
    if push is not None:
        args = ["push", "--quiet", *(["--no-verify"] if commit.no_verify else []), *(["--force"] if force else []),
                push, f"refs/heads/{branch}:refs/heads/{branch}"]
        try:
            _git(top, *args, env=env)
        except GitError as exc:
            raise GitError(f"branch {branch!r} made, but pushing it to {push!r} failed: {exc}") from None
        report.pushed = push
    return report


def check_branch_args(paths: Sequence[str], branch: str, base: str = "HEAD", force: bool = False,
                      author: str | None = None, push: str | None = None) -> None:
    """Raise GitError (one line) when ``make_branch`` would refuse these arguments; creates nothing."""
    _validate(paths, branch, base, force, author, push)


def _validate(paths: Sequence[str], branch: str, base: str, force: bool, author: str | None,
              push: str | None) -> tuple[Path, str, list[str], bool, dict[str, str]]:
    """The repository root, the base commit, the paths relative to the root, whether the branch exists, and
    the environment for git commit."""
    if not paths:
        raise GitError("no paths given")
    if "-" in paths:
        raise GitError("branch commits files of the repository; '-' (stdin) cannot be committed")
    first = Path(paths[0]).resolve()
    while not first.is_dir() and first != first.parent:  # a file, or a path that does not exist (yet)
        first = first.parent
    top_raw = _git_or_none(first, "rev-parse", "--show-toplevel")
    if top_raw is None:
        raise GitError(f"{paths[0]}: not inside a git repository")
    top = Path(top_raw).resolve()
    if _git_or_none(top, "check-ref-format", "--branch", branch) is None or branch.startswith("-"):
        raise GitError(f"{branch!r} is not a valid branch name")
    exists = _git_or_none(top, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}") is not None
    if exists and not force:
        raise GitError(f"branch {branch!r} already exists (use --force to rebuild it)")
    if exists and _checked_out(top, branch):
        raise GitError(f"branch {branch!r} is checked out in a worktree; switch away from it first")
    base_sha = _git_or_none(top, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    if base_sha is None:
        raise GitError(f"unknown base revision {base!r}")
    rel = [_inside(top, p) for p in paths]
    for raw, r in zip(paths, rel, strict=True):
        if r and _git_or_none(top, "cat-file", "-e", f"{base_sha}:{r}") is None:
            raise GitError(f"{raw}: not in {base} (only committed files can go on a branch)")
    env = _identity(top, author)
    if push is not None and _git_or_none(top, "remote", "get-url", push) is None:
        raise GitError(f"unknown remote {push!r}")

    return top, base_sha, rel, exists, env


def _plan(tree: Path, rel: Sequence[str], passes: Sequence[Pass], ctx: Context, safe_only: bool,
          left_out: set[Path], top: Path, report: BranchReport) -> list[_Planned]:
    """Transform every file once; record its findings, review fixes and the per-pass texts of its change."""
    planned: list[_Planned] = []
    seen: set[str] = set()
    project = ctx.project or Project()
    named = {tree / r for r in rel if r}
    for found in discover([str(tree / r) if r else str(tree) for r in rel]):
        shown = found.path.relative_to(tree).as_posix() if found.path.is_relative_to(tree) else str(found.path)
        if found.error:
            _once(report.problems, seen, f"`{shown}`: {found.error}")
            continue
        if shown in seen or (top / shown).resolve() in left_out:
            continue
        seen.add(shown)
        try:
            chosen = _settings_of(top / shown, found.path in named, passes, ctx)
        except ConfigError as exc:
            _once(report.problems, seen, f"`{shown}`: {exc}")
            continue
        if chosen is None:
            continue
        file_passes, options = chosen
        file_ctx = Context(found.path, options, project, ctx.context_dir)
        result = process_file(found.path, file_passes, file_ctx, shown, safe_only)
        report.held += len(result.held)
        for message in result.internal_errors:
            _once(report.problems, seen, f"`{shown}`: {message}")
        for r in result.findings:
            if isinstance(r.item, Finding) and r.item.level is not Level.INFO:
                report.findings.append(f"`{shown}:{r.line}` {r.item.pass_id}: {r.item.message}")
                report.skips.append((r.item.pass_id, r.item.message, f"{shown}:{r.line}"))
        if result.status in (Status.FAILED, Status.SKIPPED) and result.reason:
            _once(report.problems, seen, f"`{shown}`: {result.reason}")
        if not result.changed:
            continue
        report.reviews += [ReviewFix(shown, r.line, r.item.pass_id, r.item.message) for r in result.fixes
                           if isinstance(r.item, Fix) and r.item.safety is Safety.REVIEW]
        planned.append(_Planned(shown, result, _split(result, file_passes, file_ctx, safe_only)))
    return planned


def _settings_of(checkout_path: Path, named: bool, passes: Sequence[Pass],
                 ctx: Context) -> tuple[list[Pass], dict[str, dict[str, str]]] | None:
    """The passes and options ``apply`` would use for the file at ``checkout_path``, or None when a folder walk
    leaves it out (an exclude glob; a file named on the command line always runs, as for ``apply``).

    Settings come from the user's checkout, not the temporary worktree: that is where ``apply`` looks, where
    ``--config``'s globs are relative to, and what was checked before any file was read."""
    settings = ctx.settings
    if settings is None:
        return list(passes), ctx.options
    if not named and settings.excluded(checkout_path):
        return None
    enabled, options = settings.resolve(checkout_path)
    return [p for p in passes if p.id in enabled], options


def _split(result: FileResult, passes: Sequence[Pass], ctx: Context, safe_only: bool) -> dict[str, str]:
    """The file's text after each pass's commit: the passes up to that one applied together (the last pass that
    fixed something gets the final text, so the branch ends exactly where ``apply`` does)."""
    fixed = [p for p in passes if any(r.item.pass_id == p.id for r in result.fixes)]
    texts: dict[str, str] = {}
    previous = result.original
    for k, p in enumerate(fixed):
        if k == len(fixed) - 1:
            text = result.new
        else:
            partial = process_text(result.original, result.display, fixed[:k + 1], ctx, safe_only)
            text = partial.new if partial.status in (Status.CHANGED, Status.UNCHANGED) else previous
        if text != previous:
            texts[p.id] = text
            previous = text
    return texts


def _commit_all(tree: Path, passes: Sequence[Pass], planned: Sequence[_Planned], commit: CommitOptions,
                env: Mapping[str, str], report: BranchReport) -> str | None:
    """One commit per pass in pass order; returns the last commit, or None when nothing changed."""
    head = None
    for p in passes:
        files = [f for f in planned if p.id in f.texts]
        if not files:
            continue
        for f in files:
            write_atomic(tree / f.rel, f.texts[p.id])
        changed = [f.rel for f in files]
        messages = [r.item.message for f in files for r in f.result.fixes
                    if isinstance(r.item, Fix) and r.item.pass_id == p.id]
        _git(tree, "add", "--", *changed)
        body = "\n".join(f"- {m}" for m in dict.fromkeys(messages))
        text = f"dockmod: {p.id} ({len(changed)} file{'s' * (len(changed) != 1)})\n\n{p.summary}\n\n{body}\n"
        args = ["commit", "--quiet", "--file", "-", *(["--no-verify"] if commit.no_verify else []),
                *(["--signoff"] if commit.signoff else []), *(["--author", commit.author] if commit.author else [])]
        try:
            _git(tree, *args, env=env, stdin=text)
        except GitError as exc:
            raise GitError(f"committing {p.id} failed (a commit hook? --no-verify skips them): {exc}") from None
        head = _git(tree, "rev-parse", "HEAD")
        report.commits.append(PassCommit(p, head, changed, messages))
    return head


def _identity(top: Path, author: str | None) -> dict[str, str]:
    """The environment for ``git commit``: refuse with no configured identity unless ``author`` is given."""
    env = dict(os.environ)
    if author is not None:
        m = _AUTHOR.match(author)
        if not m or not m.group("name"):
            raise GitError(f"bad --author {author!r}: expected 'Name <email>'")
    configured = all(_git_or_none(top, "config", "--get", f"user.{k}") or os.environ.get(f"GIT_COMMITTER_{k.upper()}")
                     for k in ("name", "email"))
    if configured:
        return env
    if author is None:
        raise GitError("no git identity: set user.name and user.email (git config), or pass --author 'Name <email>'")
    m = _AUTHOR.match(author)
    assert m is not None
    env |= {"GIT_COMMITTER_NAME": m.group("name"), "GIT_COMMITTER_EMAIL": m.group("email")}
    return env


def _uncommitted(top: Path, rel: Sequence[str]) -> list[str]:
    """A warning per file the branch changes whose working copy differs from HEAD (those edits are not on it)."""
    if not rel:
        return []
    out = _git_or_none(top, "status", "--porcelain", "--untracked-files=no", "--", *rel) or ""
    dirty = [line[3:] for line in out.splitlines() if line.strip()]
    return [f"{p}: has uncommitted edits; the branch is made from the committed version" for p in dirty]


def _inside(top: Path, raw: str) -> str:
    """``raw`` relative to the repository root (forward slashes, "" for the root), or a GitError."""
    path = Path(raw).resolve()
    try:
        r = path.relative_to(top).as_posix()
    except ValueError:
        raise GitError(f"{raw}: outside the repository {top}") from None
    return "" if r == "." else r


def _checked_out(top: Path, branch: str) -> bool:
    listing = _git_or_none(top, "worktree", "list", "--porcelain") or ""
    return f"branch refs/heads/{branch}" in listing.splitlines()


def _git(cwd: Path, *args: str, env: Mapping[str, str] | None = None, stdin: str | None = None) -> str:
    """Run git; its output without the final newline, or a GitError with git's last line of complaint."""
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, input=stdin,
                          env=dict(env) if env is not None else None)
    if proc.returncode != 0:
        said = [line.strip() for line in (proc.stderr or proc.stdout).splitlines() if line.strip()]
        raise GitError(said[-1] if said else f"git {args[0]} exited with {proc.returncode}")
    return proc.stdout.rstrip("\n")


def _git_or_none(cwd: Path, *args: str) -> str | None:
    try:
        return _git(cwd, *args)
    except (GitError, OSError):
        return None


def _once(items: list[str], seen: set[str], line: str) -> None:
    if line not in seen:
        seen.add(line)
        items.append(line)

