"""Issue 10, acceptance: "Every bad-option and bad-input case above: one line, exit 2, no traceback, nothing
written." This walks the cases of its items 1 (configuration, ``--set``, ``--select``, ``--context``) and 7
(``dockmod branch``), each quoted from the issue, on a real repository in a temporary folder: the run must
print exactly one ``dockmod: …`` line on stderr and nothing on stdout, exit 2, and leave the files, the
branches and the temporary folder as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.test_gitout import APP, Git

DOCKERFILE = APP  # non-root-user, healthcheck and more would change it


@dataclass(frozen=True)
class Bad:
    issue: str  # the words of issue 10 the case comes from
    args: tuple[str, ...]
    message: str  # part of the one line
    files: dict[str, str] = field(default_factory=dict)  # extra files, committed with the Dockerfile
    identity: bool = True
    setup: tuple[tuple[str, ...], ...] = ()  # git commands run before dockmod
    untracked: dict[str, str] = field(default_factory=dict)  # files written after the commit


def _cfg(toml: str) -> dict[str, str]:
    return {"pyproject.toml": f"[project]\nname = \"svc\"\n\n{toml}"}


ITEM_1 = [
    Bad("unknown keys", ("apply", "."), "tool.dockmod.selekt: unknown key", _cfg('[tool.dockmod]\nselekt = []\n')),
    Bad("unknown keys (overrides)", ("apply", "."), "overrides[0].exclude: unknown key",
        _cfg('[[tool.dockmod.overrides]]\npaths = ["svc/"]\nexclude = ["x"]\n')),
    Bad("unknown pass ids", ("apply", "."), "tool.dockmod.select: unknown pass id 'healthchek'",
        _cfg('[tool.dockmod]\nselect = ["healthchek"]\n')),
    Bad("unknown pass ids (extend-select)", ("apply", "."), "extend-select: unknown pass id 'nope'",
        _cfg('[tool.dockmod]\nextend-select = ["nope"]\n')),
    Bad("unknown pass ids (pass options)", ("apply", "."), "tool.dockmod.pass.nope: unknown pass id",
        _cfg('[tool.dockmod.pass.nope]\nx = 1\n')),
    Bad("invalid values: unknown option", ("apply", "."), "pass.healthcheck.pth: unknown option",
        _cfg('[tool.dockmod.pass.healthcheck]\npth = "/x"\n')),
    Bad("invalid values: uid 0", ("apply", "."), "pass.non-root-user.uid: 0 is root",
        _cfg('[tool.dockmod.pass.non-root-user]\nuid = 0\n')),
    Bad("invalid values: port", ("apply", "."), "pass.healthcheck.port: '70000' is not a port",
        _cfg('[tool.dockmod.pass.healthcheck]\nport = 70000\n')),
    Bad("invalid values: duration", ("apply", "."), "pass.healthcheck.interval: '30' is not a duration",
        _cfg('[tool.dockmod.pass.healthcheck]\ninterval = "30"\n')),
    Bad("invalid values: user name", ("apply", "."), "pass.non-root-user.user: 'App' is not a user",
        _cfg('[tool.dockmod.pass.non-root-user]\nuser = "App"\n')),
    Bad("invalid values: globs", ("apply", "."), "tool.dockmod.exclude: expected a list of glob patterns",
        _cfg('[tool.dockmod]\nexclude = "legacy/"\n')),
    Bad("per-path overrides: paths", ("apply", "."), "overrides[0].paths: missing",
        _cfg('[[tool.dockmod.overrides]]\nignore = ["healthcheck"]\n')),
    Bad(".dockmod.toml: invalid TOML", ("apply", "."), ".dockmod.toml: invalid TOML",
        {".dockmod.toml": "select = [\n"}),
    Bad("unknown pass ids, before any file is read (branch)", ("branch", "."), "unknown pass id 'healthchek'",
        _cfg('[tool.dockmod]\nselect = ["healthchek"]\n')),
    Bad("--set: uid never 0", ("apply", ".", "--set", "non-root-user.uid=0"), "bad --set 'non-root-user.uid=0'"),
    Bad("--set: gid never 0", ("apply", ".", "--set", "non-root-user.gid=0"), "bad --set 'non-root-user.gid=0'"),
    Bad("--set: uid integer", ("apply", ".", "--set", "non-root-user.uid=app"), "'app' is not an integer id"),
    Bad("--set: uid >= 1", ("apply", ".", "--set", "non-root-user.uid=-5"), "'-5' is not an integer id"),
    Bad("--set: ports 1-65535 (0)", ("apply", ".", "--set", "healthcheck.port=0"), "'0' is not a port (1-65535)"),
    Bad("--set: ports 1-65535 (65536)", ("check", ".", "--set", "healthcheck.port=65536"),
        "'65536' is not a port (1-65535)"),
    Bad("--set: durations", ("diff", ".", "--set", "healthcheck.timeout=5"), "'5' is not a duration"),
    Bad("--set: durations (unit)", ("apply", ".", "--set", "healthcheck.start_period=10q"), "is not a duration"),
    Bad("--set: user names", ("apply", ".", "--set", "non-root-user.user=Web"), "'Web' is not a user"),
    Bad("--set: group names", ("apply", ".", "--set", "non-root-user.group=1app"), "'1app' is not a user"),
    Bad("--set: PASS.KEY=VALUE (no value)", ("apply", ".", "--set", "healthcheck.port"), "expected PASS.KEY=VALUE"),
    Bad("--set: unknown pass", ("apply", ".", "--set", "helthcheck.port=80"), "expected PASS.KEY=VALUE"),
    Bad("--set: unknown option", ("apply", ".", "--set", "healthcheck.nope=1"), "expected PASS.KEY=VALUE"),
    Bad("--set (branch)", ("branch", ".", "--set", "non-root-user.uid=0"), "0 is root"),
    Bad("--select: unknown id", ("apply", ".", "--select", "healthcheck,helthcheck"), "unknown pass id 'helthcheck'"),
    Bad("--select may be repeated: each checked", ("apply", ".", "--select", "healthcheck", "--select", "nope"),
        "unknown pass id 'nope'"),
    Bad("--ignore: unknown id", ("check", ".", "--ignore", "nope"), "unknown pass id 'nope'"),
    Bad("--context must be an existing folder", ("apply", ".", "--context", "no/such"), "--context no/such: no such"),
    Bad("--context must be a folder", ("apply", ".", "--context", "Dockerfile"), "--context Dockerfile: not a folder"),
    Bad("--config: unreadable", ("apply", ".", "--config", "missing.toml"), "missing.toml: cannot read"),
    Bad("--config: no table", ("apply", ".", "--config", "cfg/pyproject.toml"),
        "cfg/pyproject.toml: no [tool.dockmod] table", {"cfg/pyproject.toml": "[project]\nname = \"x\"\n"}),
    Bad("--config: unknown key", ("apply", ".", "--config", "ci.toml"), "ci.toml: project: unknown key",
        {"ci.toml": "[project]\nname = \"x\"\n"}),
    Bad("--stdin-filename without -", ("apply", ".", "--stdin-filename", "Dockerfile"), "- is not among the paths"),
]

ITEM_7 = [
    Bad("a bad branch name", ("branch", ".", "--branch", "bad..name"), "'bad..name' is not a valid branch name"),
    Bad("a bad branch name (option-like)", ("branch", ".", "--branch", "-f"), "is not a valid branch name"),
    Bad("a path outside the repo", ("branch", ".", "..")," outside the repository"),
    Bad("`-`", ("branch", "-"), "'-' (stdin) cannot be committed"),
    Bad("an untracked file (\"not in HEAD\")", ("branch", "new.Dockerfile"), "new.Dockerfile: not in HEAD",
        untracked={"new.Dockerfile": APP}),
    Bad("a path that does not exist", ("branch", "nowhere"), "nowhere: not in HEAD"),
    Bad("--force to rebuild an existing branch", ("branch", "."), "already exists (use --force to rebuild it)",
        setup=(("branch", "dockmod/migrate"),)),
    Bad("--force on the branch checked out", ("branch", ".", "--force", "--branch", "main"), "is checked out"),
    Bad("refuses to commit with no identity", ("branch", "."), "no git identity", identity=False),
    Bad("--author 'Name <email>'", ("branch", ".", "--author", "bot"), "bad --author 'bot'"),
    Bad("--push REMOTE", ("branch", ".", "--push", "origin"), "unknown remote 'origin'"),
    Bad("--base", ("branch", ".", "--base", "v9"), "unknown base revision 'v9'"),
]


@pytest.mark.parametrize("case", ITEM_1 + ITEM_7, ids=[c.issue for c in ITEM_1 + ITEM_7])
def test_bad_option_or_input_is_one_line_exit_2_and_writes_nothing(tmp_path: Path, case: Bad) -> None:
    git = Git(tmp_path, {"Dockerfile": DOCKERFILE, **case.files}, identity=case.identity)
    for command in case.setup:
        git(*command)
    for name, text in case.untracked.items():
        (git.root / name).write_text(text)
    branches, tree = git.branches(), git.tree()
    res = git.dockmod(*case.args)
    assert res.returncode == 2, (res.stdout, res.stderr)
    assert "Traceback" not in res.stderr
    assert len(res.stderr.splitlines()) == 1 and res.stderr.startswith("dockmod: "), res.stderr
    assert case.message in res.stderr, res.stderr
    assert res.stdout == ""
    assert git.tree() == tree
    assert git.branches() == branches
    assert git.leftovers() == []  # no temporary worktree left behind
