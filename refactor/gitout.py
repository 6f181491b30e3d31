"""Git output for bot-opened pull requests: a branch with one commit per pass, and a PR body.

The work happens in a temporary worktree, so the user's checkout, index and stash are never touched.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from refactor.discovery import discover
from refactor.edits import Finding, Fix
from refactor.passes import Context, Pass
from refactor.project import Project
from refactor.runner import Status, process_file, write_atomic


class GitError(Exception):
    """A one-line reason the branch could not be made."""


@dataclass
class PassCommit:
    pass_: Pass
    sha: str
    files: list[str]
    messages: list[str]


@dataclass
class BranchReport:
    branch: str
    base: str
    commits: list[PassCommit] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    held: int = 0  # review fixes held back by --safe-only
    sections: list[str] = field(default_factory=list)  # extra Markdown, e.g. the ``--verify`` table

    def pr_body(self) -> str:
        """Markdown for the pull request: what changed per pass, what needs review, what was left alone."""
        lines = ["## dockmod: Dockerfile migration", ""]
        if not self.commits:
            lines += ["Nothing to change.", ""]
        for c in self.commits:
            tag = "⚠️ review" if c.pass_.safety.value == "review" else "safe"
            lines.append(f"### `{c.pass_.id}` ({tag}) — {c.pass_.summary}")
            lines.append("")
            lines += [f"- `{f}`" for f in c.files]
            lines.append("")
        if any(c.pass_.safety.value == "review" for c in self.commits):
            lines += ["Commits marked **review** change runtime behaviour (user, health probe, …): "
                      "please check them against how the images are run.", ""]
        if self.held:
            lines += [f"{self.held} review fix{'es' * (self.held != 1)} held back (`--safe-only`): run "
                      "`dockmod check -v --safe-only` to see them.", ""]
        if self.findings:
            lines += ["### Left alone, with reasons", ""] + [f"- {f}" for f in self.findings] + [""]
        if self.problems:
            lines += ["### Files dockmod could not process", ""] + [f"- {p}" for p in self.problems] + [""]
        lines += [s.rstrip("\n") + "\n" for s in self.sections]
        lines.append(f"Base: `{self.base[:12]}` · run `dockmod explain PASS-ID` for what each pass does.")
        return "\n".join(lines) + "\n"


def make_branch(paths: Sequence[str], passes: Sequence[Pass], ctx: Context, branch: str,
                base: str = "HEAD", safe_only: bool = False, exclude: Collection[Path] = (),
                sections: Sequence[str] = ()) -> BranchReport:
    """Create ``branch`` from ``base`` with one commit per pass that changes something (only safe fixes
    with ``safe_only``; the review fixes held back are counted).

    Files in ``exclude`` (absolute paths in the user's checkout) are left out; ``sections`` go in the PR body.
    """
    import git

    first = Path(paths[0]).resolve()
    try:
        repo = git.Repo(first if first.is_dir() else first.parent, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(f"{paths[0]}: not inside a git repository") from None
    top = Path(repo.working_tree_dir or ".").resolve()
    if branch in repo.heads:
        raise GitError(f"branch {branch!r} already exists")
    try:
        base_sha = repo.commit(base).hexsha
    except (git.BadName, ValueError):
        raise GitError(f"unknown base revision {base!r}") from None
    rel = [Path(p).resolve().relative_to(top) for p in paths]
    tmp = Path(tempfile.mkdtemp(prefix="dockmod-branch-"))
    tree = tmp / "tree"
    repo.git.worktree("add", "-b", branch, str(tree), base_sha)
    report = BranchReport(branch, base_sha, sections=list(sections))
    left_out = {p.resolve() for p in exclude}
    done = False
    try:
        wt = git.Repo(tree)
        targets = [str(tree / r) for r in rel]
        seen: set[str] = set()
        for p in passes:
            project = Project()
            changed, messages = [], []
            for found in discover(targets):
                shown = str(found.path.relative_to(tree)) if found.path.is_relative_to(tree) else str(found.path)
                if found.error:
                    _once(report.problems, seen, f"`{shown}`: {found.error}")
                    continue
                if found.path.is_relative_to(tree) and (top / found.path.relative_to(tree)).resolve() in left_out:
                    continue
                result = process_file(found.path, [p], Context(found.path, ctx.options, project, ctx.context_dir,
                                                                 settings=ctx.settings),
                                      shown, safe_only)
                report.held += len(result.held)
                for message in result.internal_errors:
                    _once(report.problems, seen, f"`{shown}`: {message}")
                for r in result.findings:
                    if isinstance(r.item, Finding):
                        _once(report.findings, seen, f"`{shown}:{r.line}` {r.item.pass_id}: {r.item.message}")
                if result.status in (Status.FAILED, Status.SKIPPED) and result.reason:
                    _once(report.problems, seen, f"`{shown}`: {result.reason}")
                if result.changed:
                    write_atomic(found.path, result.new)
                    changed.append(shown)
                    messages += [r.item.message for r in result.fixes if isinstance(r.item, Fix)]
            if changed:
                wt.index.add(changed)
                body = "\n".join(f"- {m}" for m in dict.fromkeys(messages))
                commit = wt.index.commit(f"dockmod: {p.id} ({len(changed)} file{'s' * (len(changed) != 1)})"
                                         f"\n\n{p.summary}\n\n{body}\n")
                report.commits.append(PassCommit(p, commit.hexsha, changed, messages))
        done = True
    finally:
        repo.git.worktree("remove", "--force", str(tree))
        shutil.rmtree(tmp, ignore_errors=True)
        if not done:  # leave no half-made branch behind
            repo.git.branch("-D", branch)
    return report


def _once(items: list[str], seen: set[str], line: str) -> None:
    if line not in seen:
        seen.add(line)
        items.append(line)
