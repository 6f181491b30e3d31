"""Focused tests for refactor/project.py (build context, manifests, workspace globs, image origins, deployment
files): each pins one rule that mutation testing showed only the golden cases reached, or nothing did."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from refactor import project as P
from refactor.commands import run_commands
from refactor.document import parse
from refactor.project import (
    BuildContext,
    Origin,
    Project,
    Workspace,
    WorkspacePackage,
    image_origin,
    literal_sources,
    project_context,
    shell_cwd,
)
from tests.paths import write_tree

# -- Workspace -------------------------------------------------------------------------------------------


def _ws(*pairs: tuple[str | None, str]) -> Workspace:
    return Workspace(Path("/w"), [WorkspacePackage(name, rel) for name, rel in pairs])


def test_named_exact_then_unique_scoped_fallback() -> None:
    ws = _ws((None, "."), ("@a/web", "apps/web"), ("api", "apps/api"), ("@a/lib", "l1"), ("@b/lib", "l2"))
    assert [p.dir for p in ws.named("api")] == ["apps/api"]
    assert [p.dir for p in ws.named("web")] == ["apps/web"]  # @*/web, unique
    assert ws.named("lib") == []  # two scopes: ambiguous
    assert ws.named("@a/web")[0].dir == "apps/web"
    assert ws.named("@c/web") == []  # scoped names never fall back
    assert ws.named("x/web") == []  # neither do names with a slash


def test_named_fallback_needs_a_scope_and_the_exact_rest() -> None:
    ws = _ws(("web", "a"), ("@s/web-x", "b"), ("x@s/web", "c"))
    assert [p.dir for p in ws.named("web")] == ["a"]  # the exact name wins over the scoped fallback
    ws = _ws(("@s/web-x", "b"), ("x@s/web", "c"), ("@t/other/web", "d"))
    assert ws.named("web") == []  # "x@s/web" does not start with "@"; "@t/other/web" splits once
    ws = _ws(("@t/other/web", "d"))
    assert ws.named("other/web") == []


def test_inside_selects_the_folder_and_below_only() -> None:
    ws = _ws(("r", "."), ("a", "services/a"), ("ab", "services/ab"), ("b", "services/a/b"))
    assert [p.name for p in ws.inside(".")] == ["r", "a", "ab", "b"]
    assert [p.name for p in ws.inside("services/a")] == ["a", "b"]
    assert ws.inside("services") == [ws.packages[1], ws.packages[2], ws.packages[3]]
    assert ws.inside("nope") == []


# -- file-system facts --------------------------------------------------------------------------------------


def test_kinds_of_paths_and_their_errors(tmp_path: Path) -> None:
    write_tree(tmp_path, {"f": "x", "d/g": ""})
    os.mkfifo(tmp_path / "fifo")
    pr = Project()
    assert pr._kind(tmp_path, "f") == "file"
    assert pr._kind(tmp_path, "d") == "dir"
    assert pr._kind(tmp_path, "fifo") == "other"
    assert pr._kind(tmp_path, "none") is None
    assert pr._kind(tmp_path, "f/under-a-file") is None  # ENOTDIR
    assert pr._kind(tmp_path, "a\0b") is None  # embedded NUL
    with pytest.raises(OSError):
        pr._kind(tmp_path, "x" * 5000)  # ENAMETOOLONG is not "absent"
    assert (pr.exists(tmp_path, "fifo"), pr.is_dir(tmp_path, "fifo"), pr.is_file(tmp_path, "fifo")) == (
        True, False, False)
    assert (pr.exists(tmp_path, "d"), pr.is_dir(tmp_path, "d"), pr.is_file(tmp_path, "d")) == (True, True, False)
    assert (pr.exists(tmp_path, "none"), pr.is_dir(tmp_path, "none"), pr.is_file(tmp_path, "none")) == (
        False, False, False)
    (tmp_path / "f").unlink()
    assert pr.is_file(tmp_path, "f")  # asked once per run
    assert Project().is_file(tmp_path, "f") is False


def test_facts_are_remembered_once_and_bounded(tmp_path: Path) -> None:
    pr = Project()
    calls: list[int] = []
    assert pr.folder_fact("k", tmp_path, lambda: calls.append(1) or 5) == 5
    assert pr.folder_fact("k", tmp_path, lambda: calls.append(1) or 6) == 5
    assert pr.folder_fact("other", tmp_path, lambda: 7) == 7
    assert calls == [1]
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "target")
    assert pr.real(link) == (tmp_path / "target").resolve()
    link.unlink()
    link.symlink_to(tmp_path / "elsewhere")
    assert pr.real(link) == (tmp_path / "target").resolve()  # remembered
    cache = {i: i for i in range(P._MAX_FACTS - 1)}
    P._bound(cache)
    assert len(cache) == P._MAX_FACTS - 1
    cache[-1] = -1
    P._bound(cache)
    assert cache == {}


def test_real_paths_are_bounded_too(tmp_path: Path) -> None:
    pr = Project()
    for i in range(P._MAX_FACTS + 5):
        pr.real(tmp_path / str(i))
    assert len(pr._real) <= P._MAX_FACTS
    assert pr.real(tmp_path / "1") == (tmp_path / "1").resolve()


def test_load_counts_real_reads_once_per_real_path(tmp_path: Path) -> None:
    write_tree(tmp_path, {"package.json": '{"name": "x"}', "a.yaml": "k: [1, 2]\n", "bad.json": "{",
                          "latin.json": ""})
    (tmp_path / "latin.json").write_bytes(b'{"n": "\xe9"}')
    (tmp_path / "alias.json").symlink_to(tmp_path / "package.json")
    pr = Project()
    assert pr.load(tmp_path / "package.json") == {"name": "x"}
    assert pr.load(tmp_path / "alias.json") == {"name": "x"}
    assert pr.loads[(tmp_path / "package.json").resolve()] == 1
    assert pr.load(tmp_path / "a.yaml") == {"k": [1, 2]}
    assert pr.load(tmp_path / "bad.json") is None
    assert pr.load(tmp_path / "latin.json") is None  # not UTF-8
    assert pr.load(tmp_path / "missing.json") is None
    assert (tmp_path / "missing.json").resolve() not in pr.loads  # nothing was read
    assert sum(pr.loads.values()) == 4


def test_load_yaml_by_suffix_and_json_otherwise(tmp_path: Path) -> None:
    write_tree(tmp_path, {"x.yml": "a: 1\n", "x.json": "a: 1\n", "y.yaml": "[1, 2]\n", "z.txt": "[1]"})
    assert P._load(tmp_path / "x.yml") == {"a": 1}
    assert P._load(tmp_path / "x.json") is None  # YAML text in a .json file is broken JSON
    assert P._load(tmp_path / "y.yaml") == [1, 2]
    assert P._load(tmp_path / "z.txt") == [1]
    assert P._load(tmp_path / "nope.yml") is None


# -- build context -----------------------------------------------------------------------------------------


def test_compose_builds_read_every_compose_name_and_the_env_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        ".env": "# c\n\nexport CTX = 'svc' \nDF=\"Alt.Dockerfile\"\nnoequals\n",
        "compose.yaml": "services:\n  a:\n    build: ./a\n  b:\n    build:\n      context: ${CTX}\n"
                        "      dockerfile: ${DF}\n  c:\n    image: nginx\n  d:\n    build:\n"
                        "      dockerfile: ${NOPE}\n  e:\n    build: https://github.com/x/y.git\n"
                        "  f:\n    build: git@github.com:x/y.git\n  g: null\n  h:\n    build:\n"
                        "      context: $$HOME\n  i:\n    build:\n      context: .\n      dockerfile: 3\n",
        "docker-compose.prod.yml": "services:\n  p:\n    build: .\n",
        "compose.override.yaml": "services: [1]\n",
        "compose.txt": "services:\n  q:\n    build: .\n",
        "my-compose.yaml": "services:\n  q:\n    build: .\n",
    })
    got = Project()._compose_builds(tmp_path)
    root = tmp_path.resolve()
    rows = [(c.name, ctx, s, d) for c, ctx, s, d in got]
    assert rows == [
        ("compose.yaml", root / "a", "a", "Dockerfile"),
        ("compose.yaml", root / "svc", "b", "Alt.Dockerfile"),
        ("compose.yaml", root, "d", None),
        ("compose.yaml", root / "$HOME", "h", "Dockerfile"),
        ("compose.yaml", root, "i", None),
        ("docker-compose.prod.yml", root, "p", "Dockerfile"),
    ]


def test_compose_builds_of_an_unreadable_folder_and_a_cache(tmp_path: Path) -> None:
    pr = Project()
    assert pr._compose_builds(tmp_path / "missing") == []
    write_tree(tmp_path, {"compose.yml": "services:\n  a:\n    build: .\n"})
    assert len(pr._compose_builds(tmp_path)) == 1
    (tmp_path / "compose.yml").unlink()
    assert len(pr._compose_builds(tmp_path)) == 1  # once per run


def test_compose_context_names_the_file_and_service(tmp_path: Path) -> None:
    write_tree(tmp_path, {"compose.yaml": "services:\n  web:\n    build:\n      context: .\n"
                                          "      dockerfile: app/Dockerfile\n",
                          "app/Dockerfile": "FROM alpine\nCOPY nothing-here /\n"})
    found = Project().resolve_context(tmp_path / "app" / "Dockerfile")
    assert found == BuildContext(tmp_path.resolve(), "compose", "compose.yaml service 'web'")
    other = write_tree(tmp_path / "o", {"app/Dockerfile": "FROM alpine\n",
                                        "compose.yaml": "services:\n  web:\n    build: app\n"
                                                    "  x:\n    build:\n      dockerfile: ${U}\n"})
    assert Project().resolve_context(other / "app" / "Dockerfile").how == "compose"


def test_context_candidates_in_order_and_the_best_partial_match(tmp_path: Path) -> None:
    repo = write_tree(tmp_path, {".git/HEAD": "", "a.txt": "", "svc/package.json": '{"workspaces": ["x"]}',
                                 "svc/app/b.txt": "", "svc/app/Dockerfile": ""})
    df = repo / "svc" / "app" / "Dockerfile"
    pr = Project()
    assert pr.resolve_context(df, sources=[]) == BuildContext((repo / "svc").resolve(), "manifests")
    assert pr.resolve_context(df, sources=["b.txt"]) == BuildContext((repo / "svc/app").resolve(), "folder")
    assert pr.resolve_context(df, sources=["a.txt"]) == BuildContext(repo.resolve(), "ancestor")
    assert pr.resolve_context(df, sources=["b.txt", "zzz"]) == BuildContext(
        (repo / "svc/app").resolve(), "folder", "1 of 2 COPY sources found")
    assert pr.resolve_context(df, sources=["zzz"]) == BuildContext(
        (repo / "svc").resolve(), "manifests", "0 of 1 COPY sources found")
    assert pr.build_context(df, tmp_path / "svc") == (tmp_path / "svc").resolve()
    assert pr.resolve_context(df, tmp_path / "svc").how == "--context"


def test_context_without_manifests_is_the_folder_first(tmp_path: Path) -> None:
    repo = write_tree(tmp_path, {".git/HEAD": "", "app/Dockerfile": "FROM alpine\n"})
    assert Project().resolve_context(repo / "app" / "Dockerfile") == BuildContext(
        (repo / "app").resolve(), "folder")


def test_context_where_the_manifests_sit_beside_the_dockerfile(tmp_path: Path) -> None:
    repo = write_tree(tmp_path, {".git/HEAD": "", "app/composer.json": "{}", "app/Dockerfile": "FROM php\n",
                                 "top.txt": ""})
    df = repo / "app" / "Dockerfile"
    pr = Project()
    assert pr.resolve_context(df, sources=["zz"]).how == "manifests"  # not listed twice as "folder"
    assert pr.resolve_context(df, sources=["top.txt"]) == BuildContext(repo.resolve(), "ancestor")


def test_context_reads_the_dockerfiles_own_sources(tmp_path: Path) -> None:
    repo = write_tree(tmp_path, {".git/HEAD": "", "x.txt": "", "app/Dockerfile": "FROM alpine\nCOPY x.txt /\n"})
    assert Project().resolve_context(repo / "app" / "Dockerfile").how == "ancestor"
    (repo / "app" / "Dockerfile").write_bytes(b"FROM alpine\nCOPY \xff /\n")
    assert P._literal_sources_of_file(repo / "app" / "Dockerfile") == []
    assert P._literal_sources_of_file(repo / "nope") == []


def test_contexts_are_remembered_per_dockerfile_and_sources(tmp_path: Path) -> None:
    repo = write_tree(tmp_path, {".git/HEAD": "", "a": "", "app/Dockerfile": ""})
    df = repo / "app" / "Dockerfile"
    pr = Project()
    first = pr.resolve_context(df, sources=["a"])
    (repo / "a").unlink()
    assert pr.resolve_context(df, sources=["a"]) == first
    assert pr.resolve_context(df, sources=["b"]).how == "folder"


def test_manifests_that_mark_a_context(tmp_path: Path) -> None:
    write_tree(tmp_path, {"w/pnpm-workspace.yaml": "", "c/composer.json": "", "y/package.json": '{"workspaces": []}',
                          "n/package.json": '{"name": "x"}', "l/package.json": "[1]", "d/composer.json/x": ""})
    pr = Project()
    assert [P._holds_manifests(pr, tmp_path / d) for d in ("w", "c", "y", "n", "l", "d", "missing")] == [
        True, True, True, False, False, False, False]
    assert P._has_manifests(pr, tmp_path / "w")


def test_ancestors_stop_at_the_repository_root_or_the_limit(tmp_path: Path) -> None:
    deep = tmp_path / "r" / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "r" / ".git").mkdir()
    assert list(P._ancestors(deep)) == [deep, tmp_path / "r" / "a", tmp_path / "r"]
    assert list(P._ancestors(deep, Project())) == [deep, tmp_path / "r" / "a", tmp_path / "r"]
    long = tmp_path.joinpath(*["d"] * 20)
    long.mkdir(parents=True)
    found = list(P._ancestors(long))
    assert len(found) == P._MAX_UP
    assert found[0] == long and found[-1] == long.parents[P._MAX_UP - 2]


def test_same_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a": ""})
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert P._same_file(tmp_path / "a", tmp_path / "b")
    assert P._same_file(tmp_path / "a", tmp_path / "b", Project())
    assert not P._same_file(tmp_path / "a", tmp_path / "c", Project())
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert P._same_file(tmp_path / "loop", tmp_path / "a") is False  # resolve raises: not the same


def test_dotenv_and_substitution(tmp_path: Path) -> None:
    write_tree(tmp_path, {".env": "A=1\n  # B=2\nexport C = \"x y\"\nD='z'\nE=\nF==g\n"})
    assert P._dotenv(tmp_path / ".env") == {"A": "1", "C": "x y", "D": "z", "E": "", "F": "=g"}
    assert P._dotenv(tmp_path / "none") == {}
    (tmp_path / "bin").write_bytes(b"A=\xff\n")
    assert P._dotenv(tmp_path / "bin") == {}
    assert P._substitute("${A}/$$B", {"A": "x"}) == "x/$B"
    assert P._substitute("${A:-d}", {}) == "d"
    assert P._substitute("${NOPE}", {}) is None
    assert P._substitute("", {}) is None


def test_literal_sources_skip_stages_urls_variables_and_heredocs() -> None:
    doc = parse("FROM alpine AS a\nCOPY a b /dst/\nADD https://x/y /\nCOPY --from=a /x /y\n"
                "COPY $V /\nCOPY git@github.com:x/y.git /\nCOPY [\"j1\", \"j2\", \"/\"]\nRUN true\n"
                "COPY <<EOF /f\nhi\nEOF\nADD only\nADD vendor.tar /opt/\n")
    assert literal_sources(doc) == ["a", "b", "j1", "j2", "vendor.tar"]


def test_project_context_and_commands_need_a_path(tmp_path: Path) -> None:
    doc = parse("FROM alpine\nRUN a && b\nRUN c\n")
    assert project_context(doc, None, None, None) is None
    assert list(P.commands_in_context(doc, None, None, None)) == []
    write_tree(tmp_path, {"Dockerfile": "FROM alpine\n"})
    pr = Project()
    got = project_context(doc, tmp_path / "Dockerfile", None, pr)
    assert got == (pr, tmp_path.resolve())
    fresh = project_context(doc, tmp_path / "Dockerfile", None, None)
    assert fresh is not None and isinstance(fresh[0], Project) and fresh[0] is not pr
    rows = list(P.commands_in_context(doc, tmp_path / "Dockerfile", None, pr))
    assert [(r[0], r[1], r[5].name) for r in rows] == [(pr, tmp_path.resolve(), n) for n in ("a", "b", "c")]


# -- pnpm workspace ------------------------------------------------------------------------------------------


def test_workspace_packages_by_glob_with_pnpm_ignores(tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "pnpm-workspace.yaml": "packages:\n  - './apps/*'\n  - 'libs/**'\n  - '!libs/old'\n  - 7\n  - ' tools/ '\n",
        "package.json": '{"name": "root"}',
        "apps/web/package.json": '{"name": "web"}',
        "apps/web/deep/package.json": '{"name": "deep"}',
        "apps/noname/package.json": '{"version": "1"}',
        "libs/a/package.json": '{"name": 3}',
        "libs/a/b/package.json": '{"name": "b"}',
        "libs/old/package.json": '{"name": "old"}',
        "libs/test/package.json": '{"name": "t"}',
        "libs/x/tests/y/package.json": '{"name": "ty"}',
        "libs/node_modules/m/package.json": '{"name": "m"}',
        "libs/.hidden/package.json": '{"name": "h"}',
        "tools/package.json": '{"name": "tools"}',
        "other/package.json": '{"name": "other"}',
    })
    ws = Project().pnpm_workspace(tmp_path)
    assert ws is not None and ws.root == tmp_path.resolve()
    assert [(p.name, p.dir) for p in ws.packages] == [
        ("root", "."), (None, "apps/noname"), ("web", "apps/web"), (None, "libs/a"), ("b", "libs/a/b"),
        ("tools", "tools")]


def test_workspace_absent_or_without_packages(tmp_path: Path) -> None:
    pr = Project()
    assert pr.pnpm_workspace(tmp_path) is None
    (tmp_path / "pnpm-workspace.yaml").write_text("packages: apps/*\n")
    assert pr.pnpm_workspace(tmp_path) is None  # remembered for the run
    ws = Project().pnpm_workspace(tmp_path)
    assert ws is not None and [p.dir for p in ws.packages] == ["."]
    (tmp_path / "pnpm-workspace.yaml").write_text("- a\n")
    assert [p.dir for p in Project().pnpm_workspace(tmp_path).packages] == ["."]  # type: ignore[union-attr]


def test_package_dirs_walk_sorted_and_skip_vendored_folders(tmp_path: Path) -> None:
    write_tree(tmp_path, {"package.json": "", "b/package.json": "", "a/package.json": "", "a/c/package.json": "",
                          "vendor/v/package.json": "", ".venv/x/package.json": "", ".cache/package.json": "",
                          "d/readme": ""})
    assert P._package_dirs(tmp_path) == ["a", "a/c", "b"]


@pytest.mark.parametrize(("pattern", "cleaned"), [
    ("./apps/*", "apps/*"), ("././x/", "x"), (" y/ ", "y"), ("./", "."), ("", "."), ("/", "."), ("a//", "a"),
])
def test_clean_glob(pattern: str, cleaned: str) -> None:
    assert P._clean_glob(pattern) == cleaned


@pytest.mark.parametrize(("pattern", "yes", "no"), [
    ("apps/*", ["apps/a", "apps/"], ["apps/a/b", "apps", "xapps/a"]),
    ("**/a", ["a", "x/a", "x/y/a"], ["xa", "a/b"]),
    ("apps/**", ["apps", "apps/a", "apps/a/b"], ["appsx", "app"]),
    ("a**b", ["ab", "a/x/b"], ["a/x/c"]),
    ("a/**/b", ["a/b", "a/x/b", "a/x/y/b"], ["a/xb", "ab"]),
    ("p?", ["p1", "pa"], ["p", "p/", "p12"]),
    ("{a,b/*}", ["a", "b/c"], ["b", "c", "a/x"]),
    ("{a", ["{a"], ["a"]),
    ("x}{", ["x}{"], ["x"]),
    ("[ab]c", ["ac", "bc"], ["cc", "[ab]c"]),
    ("[!a]c", ["bc"], ["ac"]),
    ("[c", ["[c"], ["c"]),
    ("a.b+", ["a.b+"], ["axb", "a.bb"]),
    ("ab**", ["ab", "abc/d"], ["a"]),  # ``**`` inside a pattern goes on after it
    ("{a,b}/{c,d}", ["a/c", "b/d"], ["a", "{a,b}/c"]),
    ("{a,b}x", ["ax", "bx"], ["a", "b", "axx"]),
    ("}{a,b}", ["}a", "}b"], ["a"]),
    ("[ab]x[cd]", ["axc", "bxd"], ["ax", "axe"]),
    ("]x[ab]", ["]xa"], ["xa", "]x"]),
])
def test_glob_regex(pattern: str, yes: list[str], no: list[str]) -> None:
    regex = P._glob_regex(pattern)
    assert [s for s in yes if not regex.fullmatch(s)] == []
    assert [s for s in no if regex.fullmatch(s)] == []


# -- image origins -----------------------------------------------------------------------------------------


def _origin(tmp_path: Path, dockerfile: str, path: str, stage: int = -1, before: int | None = None) -> Origin:
    doc = parse(dockerfile)
    st = doc.stages[stage]
    ins = st.instructions[before] if before is not None else None
    return image_origin(st, path, tmp_path, ins)


def test_origin_of_files_folders_and_the_latest_copy(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app/main.py": "", "app/sub/x.py": "", "cfg.ini": "", "other.ini": ""})
    df = "FROM python\nWORKDIR /srv\nCOPY app/ ./\nCOPY cfg.ini /etc/app.ini\nCOPY other.ini /etc/\n"
    assert _origin(tmp_path, df, "/srv/main.py") == Origin("context", (tmp_path / "app/main.py").resolve())
    assert _origin(tmp_path, df, "/srv/sub/../main.py").path == (tmp_path / "app/main.py").resolve()
    assert _origin(tmp_path, df, "/srv") == Origin("context", (tmp_path / "app").resolve())
    assert _origin(tmp_path, df, "/srv/sub").path == (tmp_path / "app/sub").resolve()
    assert _origin(tmp_path, df, "/srv/missing.py") == Origin("absent")  # a folder copy brings what it has
    assert _origin(tmp_path, df, "/etc/app.ini").path == (tmp_path / "cfg.ini").resolve()
    assert _origin(tmp_path, df, "/etc/other.ini").path == (tmp_path / "other.ini").resolve()
    assert _origin(tmp_path, df, "/etc/cfg.ini") == Origin("absent")
    assert _origin(tmp_path, df, "/srv/main.py", before=2) == Origin("absent")  # before the COPY
    later = df + "COPY cfg.ini /srv/main.py\n"
    assert _origin(tmp_path, later, "/srv/main.py").path == (tmp_path / "cfg.ini").resolve()  # latest wins


def test_origin_destination_forms(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a": "", "b": ""})
    assert _origin(tmp_path, "FROM x\nWORKDIR /w\nCOPY a .\n", "/w/a").path == (tmp_path / "a").resolve()
    assert _origin(tmp_path, "FROM x\nWORKDIR /w\nCOPY a ./\n", "/w/a").path == (tmp_path / "a").resolve()
    assert _origin(tmp_path, "FROM x\nWORKDIR /w\nCOPY a /w\n", "/w/a").path == (tmp_path / "a").resolve()
    assert _origin(tmp_path, "FROM x\nCOPY a b /d\n", "/d/b").path == (tmp_path / "b").resolve()
    assert _origin(tmp_path, "FROM x\nCOPY a /d\n", "/d").path == (tmp_path / "a").resolve()
    assert _origin(tmp_path, "FROM x\nCOPY a /d\n", "/d/a") == Origin("absent")
    assert _origin(tmp_path, "FROM x\nCOPY [\"a\", \"/j/\"]\n", "/j/a").path == (tmp_path / "a").resolve()
    assert _origin(tmp_path, "FROM x\nCOPY a\n", "/a") == Origin("absent")  # one word: no destination
    assert _origin(tmp_path, "FROM x\nENV D=/e\nCOPY a $D/\n", "/e/a").path == (tmp_path / "a").resolve()


def test_origin_unknown_for_variables_heredocs_urls_and_archives(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a": "", "x.tar.gz": "", "d/f": ""})
    got = _origin(tmp_path, "FROM x\nCOPY a $NOPE/\n", "/e/a")
    assert (got.kind, got.reason) == ("unknown", "the destination of line 2 is not known ($NOPE/)")
    got = _origin(tmp_path, "FROM x\nCOPY <<EOF /etc/f\nhi\nEOF\n", "/etc/f")
    assert (got.kind, got.reason) == ("unknown", "line 2 writes it from a heredoc")
    assert _origin(tmp_path, "FROM x\nCOPY <<EOF /etc/f\nhi\nEOF\n", "/srv/f") == Origin("absent")
    assert _origin(tmp_path, "FROM x\nCOPY <<EOF $NOPE\nhi\nEOF\n", "/srv/f").kind == "unknown"
    got = _origin(tmp_path, "FROM x\nADD https://e.com/f /opt/\n", "/opt/f")
    assert (got.kind, got.reason) == ("unknown", "line 2 downloads https://e.com/f")
    assert _origin(tmp_path, "FROM x\nADD https://e.com/f /opt/\n", "/srv/f") == Origin("absent")
    assert _origin(tmp_path, "FROM x\nADD git@github.com:x/y.git /src/\n", "/src/y").reason.startswith(
        "line 2 downloads git@")
    got = _origin(tmp_path, "FROM x\nCOPY ${SRC} /opt/\n", "/opt/f")
    assert (got.kind, got.reason) == ("unknown", "line 2 copies a variable path (${SRC})")
    got = _origin(tmp_path, "FROM x\nADD x.tar.gz /opt/\n", "/opt/pkg/bin")
    assert (got.kind, got.reason) == ("unknown", "line 2 unpacks the archive x.tar.gz")
    assert _origin(tmp_path, "FROM x\nCOPY x.tar.gz /opt/\n", "/opt/pkg/bin") == Origin("absent")
    assert _origin(tmp_path, "FROM x\nADD x.tar.gz /opt/\n", "/srv/x") == Origin("absent")
    got = _origin(tmp_path, "FROM x\nADD d /opt/\n", "/opt/f")
    assert got.path == (tmp_path / "d/f").resolve()


@pytest.mark.parametrize("name", ["x.gz", "x.tgz", "x.tar", "x.xz", "x.bz2", "x.zst"])
def test_origin_of_what_an_added_archive_unpacks_is_unknown(tmp_path: Path, name: str) -> None:
    write_tree(tmp_path, {name: ""})
    got = _origin(tmp_path, f"FROM x\nADD {name} /opt/\n", "/opt/pkg/bin")
    assert (got.kind, got.reason) == ("unknown", f"line 2 unpacks the archive {name}")
    assert _origin(tmp_path, f"FROM x\nADD {name} /opt/{name}\n", "/opt/pkg").kind == "absent"


def test_origin_through_other_stages(tmp_path: Path) -> None:
    write_tree(tmp_path, {"src/app.js": "", "pkg.json": ""})
    df = ("FROM node AS build\nWORKDIR /app\nCOPY src/ ./src/\nCOPY pkg.json ./\n"
          "FROM nginx\nCOPY --from=build /app /site\nCOPY --from=build /app/pkg.json /meta.json\n"
          "COPY --from=nginx:alpine /etc/nginx /etc/nginx\nCOPY --from=build $V /v/\n")
    assert _origin(tmp_path, df, "/site/src/app.js").path == (tmp_path / "src/app.js").resolve()
    assert _origin(tmp_path, df, "/meta.json").path == (tmp_path / "pkg.json").resolve()
    assert _origin(tmp_path, df, "/site/nothing") == Origin("absent")
    got = _origin(tmp_path, df, "/etc/nginx/nginx.conf")
    assert (got.kind, got.reason) == ("unknown", "line 8 copies from the image nginx:alpine")
    got = _origin(tmp_path, df, "/v/x")
    assert (got.kind, got.reason) == ("unknown", "line 9 copies a variable path ($V)")
    parent = "FROM node AS base\nCOPY pkg.json /p/\nFROM base\nRUN true\n"
    assert _origin(tmp_path, parent, "/p/pkg.json").path == (tmp_path / "pkg.json").resolve()  # the parent stage
    into_dir = "FROM node AS b\nCOPY pkg.json /p/pkg.json\nFROM x\nCOPY --from=b /p/pkg.json /d/\n"
    assert _origin(tmp_path, into_dir, "/d/pkg.json").path == (tmp_path / "pkg.json").resolve()
    assert _origin(tmp_path, into_dir, "/d/other") == Origin("absent")


def test_origin_chains_of_stages_stop_when_too_deep(tmp_path: Path) -> None:
    write_tree(tmp_path, {"f": ""})
    lines = ["FROM x AS s0", "COPY f /f"]
    for i in range(1, 12):
        lines += [f"FROM x AS s{i}", f"COPY --from=s{i - 1} /f /f"]
    df = "\n".join(lines) + "\n"
    assert _origin(tmp_path, df, "/f").reason == "COPY --from chain too deep"
    short = "\n".join(lines[:2 + 2 * 9]) + "\n"  # s0…s9: a chain of 9 is followed
    assert _origin(tmp_path, short, "/f").path == (tmp_path / "f").resolve()
    assert _origin(tmp_path, "\n".join(lines[:2 + 2 * 10]) + "\n", "/f").kind == "unknown"


def test_stage_candidates_and_landing(tmp_path: Path) -> None:
    assert list(P._stage_candidates("/app/dist", "/site", True, "/site/dist")) == ["/app/dist", "/app/dist/dist"]
    assert list(P._stage_candidates("/app/dist", "/site", False, "/site")) == ["/app/dist", "/app/dist"]
    assert list(P._stage_candidates("/app/dist", "/site", False, "/site/a/b")) == ["/app/dist/a/b"]
    assert list(P._stage_candidates("/a", "/site", True, "/other")) == []
    write_tree(tmp_path, {"f.txt": "", "d/x": ""})
    assert P._landing(tmp_path / "d", tmp_path, "/dst", True) == "/dst"
    assert P._landing(tmp_path / "f.txt", tmp_path, "/dst", True) == "/dst/f.txt"
    assert P._landing(tmp_path / "f.txt", tmp_path, "/dst", False) == "/dst"
    assert P._landing(tmp_path / "none", tmp_path, "/dst", True) is None


def test_expand_source_stays_in_the_context(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.txt": "", "b.txt": "", "d/c.txt": ""})
    assert P._expand_source(tmp_path, "a.txt") == [tmp_path / "a.txt"]
    assert P._expand_source(tmp_path, "/a.txt") == [tmp_path / "a.txt"]
    assert P._expand_source(tmp_path, "../../a.txt") == [tmp_path / "a.txt"]
    assert P._expand_source(tmp_path, "..") == [tmp_path / "."]
    assert P._expand_source(tmp_path, "/") == [tmp_path / "."]
    assert P._expand_source(tmp_path, "*.txt") == [tmp_path / "a.txt", tmp_path / "b.txt"]
    assert P._expand_source(tmp_path, "d/?.txt") == [tmp_path / "d/c.txt"]
    assert P._expand_source(tmp_path, "[ab].txt") == [tmp_path / "a.txt", tmp_path / "b.txt"]
    assert P._expand_source(tmp_path, "none") == []
    assert P._context_has(tmp_path, "d") and not P._context_has(tmp_path, "e")


def test_covers() -> None:
    assert P._covers("/", "/anything")
    assert P._covers("/a", "/a") and P._covers("/a", "/a/b")
    assert not P._covers("/a", "/ab") and not P._covers("/a/b", "/a")


def test_workdir_at_asks_the_stage_model() -> None:
    st = parse("FROM x\nWORKDIR /a\nRUN true\nWORKDIR b\n").stages[0]
    assert P.workdir_at(st) == "/a/b"
    assert P.workdir_at(st, st.instructions[2]) == "/a"


# -- cd in a RUN ---------------------------------------------------------------------------------------------


def _cwd(script: str, upto: str, start: str | None = "/w") -> str | None:
    doc = parse(f"FROM x\nRUN {script}\n")
    cmds = [cmd for _ins, _script, cmd in run_commands(doc.stages[0])]
    target = next(c for c in cmds if c.name == upto)
    return shell_cwd(cmds, target, start)


@pytest.mark.parametrize(("script", "cwd"), [
    ("cd /src && make", "/src"),
    ("cd src; make", "/w/src"),
    ("cd -P src && make", "/w/src"),
    ("cd a && cd ../b && make", "/w/b"),
    ("make && cd /x", "/w"),
    ("cd $D && make", None),
    ("cd `pwd` && make", None),
    ("cd - && make", None),
    ("cd ~ && make", None),
    ("cd ~/x && make", None),
    ("cd a b && make", None),
    ("cd && make", None),
    ("true || cd /x && make", None),
    ("true | cd /x && make", None),
    ("(cd /x) && make", None),
    ("if true; then cd /x; fi && make", None),
    ("cd /x && cd $Y && cd /z && make", "/z"),
    ("true; cd /x; make", "/x"),
])
def test_shell_cwd(script: str, cwd: str | None) -> None:
    assert _cwd(script, "make") == cwd


def test_shell_cwd_from_an_unknown_start() -> None:
    assert _cwd("cd src && make", "make", None) is None
    assert _cwd("cd /src && make", "make", None) == "/src"
    assert _cwd("make", "make", None) is None
    doc = parse("FROM x\nRUN cd /a && make\n")
    cmds = [cmd for _i, _s, cmd in run_commands(doc.stages[0])]
    assert shell_cwd(cmds, object(), "/w") == "/a"  # not among them: the cwd after all of them


# -- deployment files ---------------------------------------------------------------------------------------


def test_compose_services_building_this_dockerfile(tmp_path: Path) -> None:
    repo = write_tree(tmp_path, {".git/HEAD": "", "app/Dockerfile": "FROM x\n", "other/Dockerfile": "FROM x\n",
                                 "compose.yaml": "services:\n  web:\n    build: app\n    ports: ['80']\n"
                                             "  job:\n    build: other\n  dyn:\n    build:\n"
                                             "      context: app\n      dockerfile: ${NOPE}\n",
                                 "app/compose.yml": "services:\n  local:\n    build: .\n"})
    got = P.compose_services_building(Project(), repo / "app" / "Dockerfile")
    assert [(c.relative_to(repo).as_posix(), s, spec.get("ports")) for c, s, spec in got] == [
        ("app/compose.yml", "local", None), ("compose.yaml", "web", ["80"])]


def _k8s(kind: str, containers: object, api: str = "apps/v1") -> str:
    spec = {"containers": containers}
    body = {"Pod": {"spec": spec}, "CronJob": {"spec": {"jobTemplate": {"spec": {"template": {"spec": spec}}}}}}
    obj = {"apiVersion": api, "kind": kind, **body.get(kind, {"spec": {"template": {"spec": spec}}})}
    return json.dumps(obj)


def test_containers_of_each_workload_kind() -> None:
    c = [{"name": "a"}, "junk", {"name": "b"}]
    for kind in ("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob",
                 "ReplicationController"):
        assert [x["name"] for x in P._containers(json.loads(_k8s(kind, c)))] == ["a", "b"], kind
    assert P._containers(json.loads(_k8s("Service", c))) == []
    assert P._containers(json.loads(_k8s("Deployment", {"name": "x"}))) == []
    assert P._containers({"kind": 5}) == []
    assert P._containers("Pod") == []
    assert P._containers({"kind": "Deployment", "spec": []}) == []
    items = {"kind": "List", "items": [json.loads(_k8s("Pod", [{"name": "p"}])), json.loads(_k8s("Job", [{}]))]}
    assert P._containers(items) == [{"name": "p"}, {}]
    assert P._containers({"kind": "List", "items": {}}) == []
    pod_as_deploy = {"kind": "Pod", "spec": {"template": {"spec": {"containers": [{"name": "x"}]}}}}
    assert P._containers(pod_as_deploy) == []


def test_kubernetes_containers_beside_and_in_manifest_folders(tmp_path: Path) -> None:
    repo = write_tree(tmp_path, {
        ".git/HEAD": "",
        "svc/Dockerfile": "FROM x\n",
        "svc/pod.yaml": _k8s("Pod", [{"name": "beside"}]),
        "svc/sub/ignored.yaml": _k8s("Pod", [{"name": "not-beside"}]),
        "k8s/a/b/c/deep.yml": _k8s("Deployment", [{"name": "deep3"}]),
        "k8s/a/b/c/d/deeper.yml": _k8s("Deployment", [{"name": "deep4"}]),
        "k8s/multi.yaml": "kind: Pod\nspec:\n  containers: [{name: m1}]\n---\n---\nkind: Job\nspec:\n"
                          "  template:\n    spec:\n      containers: [{name: m2}]\n",
        "k8s/node_modules/x.yaml": _k8s("Pod", [{"name": "nm"}]),
        "k8s/.hidden/x.yaml": _k8s("Pod", [{"name": "hid"}]),
        "k8s/notes.txt": _k8s("Pod", [{"name": "txt"}]),
        "k8s/broken.yaml": "kind: [\n",
        "deploy/x.yaml": _k8s("CronJob", [{"name": "cron"}]),
        "elsewhere/x.yaml": _k8s("Pod", [{"name": "no"}]),
    })
    got = P.kubernetes_containers(repo / "svc" / "Dockerfile")
    assert [c["name"] for _p, c in got] == ["beside", "deep3", "m1", "m2", "cron"]  # k8s/ before deploy/
    assert [c["name"] for _p, c in P.kubernetes_containers(repo / "svc" / "Dockerfile", Project())] == [
        "beside", "deep3", "m1", "m2", "cron"]


def test_kubernetes_manifests_are_searched_a_few_levels_up(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c" / "d" / "e" / "f"
    write_tree(tmp_path, {"a/b/k8s/x.yaml": _k8s("Pod", [{"name": "up4"}]),
                          "a/k8s/x.yaml": _k8s("Pod", [{"name": "up5"}]),
                          "a/b/c/d/e/f/Dockerfile": "FROM x\n"})
    assert deep.exists()
    assert [c["name"] for _p, c in P.kubernetes_containers(deep / "Dockerfile")] == ["up4"]


def test_yaml_files_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {f"{i:02}.yaml": "" for i in range(6)})
    write_tree(tmp_path, {"z/a.yml": "", "x.json": ""})
    assert [p.name for p in P._yaml_files(tmp_path, 1)] == [f"{i:02}.yaml" for i in range(6)] + ["a.yml"]
    assert [p.name for p in P._yaml_files(tmp_path, 0)] == [f"{i:02}.yaml" for i in range(6)]
    monkeypatch.setattr(P, "_K8S_MAX_FILES", 3)
    assert [p.name for p in P._yaml_files(tmp_path, 1)] == ["00.yaml", "01.yaml", "02.yaml"]
    assert P._yaml_files(tmp_path / "missing", 2) == []


def test_kubernetes_files_read_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {f"k8s/{i}.yaml": _k8s("Pod", [{"name": f"c{i}"}]) for i in range(4)}
    files["k8s/0.yaml"] = _k8s("Pod", [{"name": "c0"}])
    repo = write_tree(tmp_path, {".git/HEAD": "", "Dockerfile": "", **files})
    monkeypatch.setattr(P, "_K8S_MAX_FILES", 2)
    assert [c["name"] for _p, c in P.kubernetes_containers(repo / "Dockerfile")] == ["c0", "c1"]


def test_yaml_documents(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.yaml": "a: 1\n---\n---\nb: 2\n", "t.yaml": "{{ .Values }}: [\n"})
    assert P._yaml_documents(tmp_path / "a.yaml") == [{"a": 1}, {"b": 2}]
    assert P._yaml_documents(tmp_path / "t.yaml") == []
    assert P._yaml_documents(tmp_path / "none.yaml") == []
    (tmp_path / "big.yaml").write_text("a: 1\n" + "#" * (1 << 20))
    assert P._yaml_documents(tmp_path / "big.yaml") == []
    (tmp_path / "edge.yaml").write_text("a: 1\n" + "#" * ((1 << 20) - 5))
    assert (tmp_path / "edge.yaml").stat().st_size == 1 << 20
    assert P._yaml_documents(tmp_path / "edge.yaml") == [{"a": 1}]
    (tmp_path / "bin.yaml").write_bytes(b"a: \xff\n")
    assert P._yaml_documents(tmp_path / "bin.yaml") == []


def test_skaffold_images_built_from_this_dockerfile(tmp_path: Path) -> None:
    repo = write_tree(tmp_path, {
        ".git/HEAD": "",
        "svc/Dockerfile": "FROM x\n",
        "svc/Alt": "FROM x\n",
        "skaffold.yaml": "build:\n  artifacts:\n  - image: svc\n    context: svc\n  - image: alt\n"
                         "    context: svc\n    docker:\n      dockerfile: Alt\n  - image: other\n"
                         "    context: other\n  - image: 5\n    context: svc\n  - junk\n  - context: svc\n"
                         "  - image: odd\n    context: svc\n    docker: []\n  - image: num\n    context: svc\n"
                         "    docker:\n      dockerfile: 7\n---\nbuild: []\n---\nbuild:\n  artifacts: {}\n",
        "svc/skaffold.yaml": "build:\n  artifacts:\n  - image: near\n",
    })
    assert P.skaffold_images(repo / "svc" / "Dockerfile") == ["near", "svc", "odd"]
    assert P.skaffold_images(repo / "svc" / "Alt", Project()) == ["alt"]


def test_project_context_honours_the_explicit_context_and_the_sources(tmp_path: Path) -> None:
    write_tree(tmp_path, {".git/HEAD": "", "svc/Dockerfile": "", "svc/svc/x": "", "other/a": "", "svc/app.py": ""})
    dockerfile = tmp_path / "svc" / "Dockerfile"
    here = parse("FROM alpine\nCOPY app.py /app/\n")
    up = parse("FROM alpine\nCOPY svc/app.py /app/\n")
    pr = Project()
    assert project_context(here, dockerfile, tmp_path / "other", pr) == (pr, (tmp_path / "other").resolve())
    rows = list(P.commands_in_context(parse("FROM a\nRUN c\n"), dockerfile, tmp_path / "other", pr))
    assert [r[1] for r in rows] == [(tmp_path / "other").resolve()]
    assert project_context(here, dockerfile, None, Project())[1] == (tmp_path / "svc").resolve()
    assert project_context(up, dockerfile, None, Project())[1] == tmp_path.resolve()
