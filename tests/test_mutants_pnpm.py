"""pnpm-directory-filter's helpers (transforms/pnpm/) on shapes the golden cases do not pin down: which COPY
destinations with a variable part may write a given path (transforms.pnpm.location.may_write), the closest
package and the left-out folder an error names (transforms.pnpm.missing). Every run of the pass asserts that it
raised nothing (the applier turns a raising pass into an internal error, which a test must look at)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refactor.applier import transform
from refactor.document import parse
from refactor.edits import Level, Safety
from refactor.passes import Context
from refactor.project import Project, Workspace
from refactor.shell import shell_of
from transforms.pnpm.location import may_write
from transforms.pnpm.missing import closest, excluded_with_name
from transforms.pnpm.selectors import filter_selectors, replace, split, unsupported
from transforms.pnpm_directory_filter import PASS as PNPM


def _copy(text: str):
    doc = parse(text)
    return [i for i in doc.instructions if i.name in ("COPY", "ADD")][-1]


@pytest.mark.parametrize(("dockerfile", "path", "writes"), [
    # seed 002's template: the variable sits below ./services, so the workspace root is not written
    ("FROM node:20\nWORKDIR /app\nCOPY services/${SERVICE} ./services/${SERVICE}\n", "/app/pnpm-workspace.yaml",
     False),
    ("FROM node:20\nWORKDIR /app\nCOPY services/${SERVICE} ./services/${SERVICE}\n",
     "/app/services/auth/package.json", True),
    ("FROM node:20\nWORKDIR /app\nCOPY services/${SERVICE} ./services/${SERVICE}\n", "/app/services", True),
    ('FROM node:20\nCOPY ["services/${SERVICE}", "/srv/services/${SERVICE}"]\n', "/srv/pnpm-workspace.yaml", False),
    ('FROM node:20\nCOPY ["services/${SERVICE}", "/srv/services/${SERVICE}"]\n', "/srv/services/a/x.json", True),
    # the variable is the first segment: it may name any folder
    ("FROM node:20\nWORKDIR /app\nCOPY . ${APP_DIR}/\n", "/app/pnpm-workspace.yaml", True),
    # an unknown WORKDIR: a relative destination may be anywhere, an absolute one is still bounded
    ("FROM node:20\nWORKDIR $HOME\nCOPY services/${S} services/${S}\n", "/app/pnpm-workspace.yaml", True),
    ("FROM node:20\nWORKDIR $HOME\nCOPY services/${S} /opt/services/${S}\n", "/opt/pnpm-workspace.yaml", False),
    ("FROM node:20\nWORKDIR $HOME\nCOPY services/${S} /opt/services/${S}\n", "/opt/services/a/b", True),
    # ``..`` climbs out of the fixed folder
    ("FROM node:20\nWORKDIR /app/web\nCOPY shared/${LIB} ../shared/${LIB}\n", "/app/pnpm-workspace.yaml", True),
    ("FROM node:20\nWORKDIR /app\nCOPY --chown=node:node services/${SERVICE} /app/services/${SERVICE}\n",
     "/app/pnpm-workspace.yaml", False),
    # several sources: the destination is the last word
    ("FROM node:20\nWORKDIR /app\nCOPY services/${S}/package.json services/${S}/src ./services/${S}/\n",
     "/app/pnpm-workspace.yaml", False),
    ("FROM node:20\nWORKDIR /app\nCOPY ${SERVICE}/package.json ${SERVICE}/tsconfig.json ./services/${SERVICE}/\n",
     "/app/pnpm-workspace.yaml", False),
    # two variables: the fixed part ends at the first
    ("FROM node:20\nCOPY packages/${SCOPE}/${PKG} /app/packages/${SCOPE}/${PKG}\n", "/app/packages/a/b/c.json", True),
    # a partial last segment (svc-${NAME}) leaves its whole folder possible
    ("FROM node:20\nWORKDIR /app\nCOPY svc/${NAME} ./svc-${NAME}\n", "/app/pnpm-workspace.yaml", True),
    # the WORKDIR in effect at the COPY, not a later one
    ("FROM node:20\nWORKDIR /app\nCOPY services/${S} ./services/${S}\nWORKDIR /srv\n", "/app/services/a/b", True),
    # an absolute destination whose first segment is the variable may write anywhere, not just below WORKDIR
    ("FROM node:20\nWORKDIR /app\nCOPY . /${APP_DIR}\n", "/srv/pnpm-workspace.yaml", True),
    ('FROM node:20\nWORKDIR /app\nCOPY [".", "/${APP_DIR}/"]\n', "/srv/pnpm-workspace.yaml", True),
    # relative to / (no WORKDIR): every path is below
    ("FROM node:20\nCOPY apps/${APP} ./${APP}\n", "/apps/web/package.json", True),
])
def test_may_write(dockerfile: str, path: str, writes: bool) -> None:
    assert may_write(_copy(dockerfile), path) is writes


# -- the "no such package" error (transforms.pnpm.missing) and whole runs of the pass ---------------------------


def _workspace(root: Path, packages: dict[str, str | None], globs: tuple[str, ...] = ("services/*",),
               root_name: str | None = "monorepo") -> None:
    """A pnpm workspace: ``pnpm-workspace.yaml`` with ``globs``, the root package.json, and one package.json
    per folder of ``packages`` (folder -> name; None: a package.json without a name)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pnpm-workspace.yaml").write_text("packages:\n" + "".join(f'  - "{g}"\n' for g in globs))
    (root / "package.json").write_text(json.dumps({"name": root_name} if root_name else {"private": True}))
    for folder, name in packages.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "package.json").write_text(json.dumps({"name": name} if name else {"version": "1.0.0"}))


def _ws(root: Path) -> Workspace:
    ws = Project().pnpm_workspace(root)
    assert ws is not None
    return ws


def _run(tmp_path: Path, dockerfile: str):
    """The pass over ``dockerfile`` written at the root of the build context ``tmp_path``."""
    path = tmp_path / "Dockerfile"
    path.write_text(dockerfile)
    out = transform(dockerfile, [PNPM], Context(path=path, project=Project()))
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


def test_closest_prefers_a_longer_name_over_the_root_package(tmp_path: Path) -> None:
    # the root project (dir ".") is never proposed: a directory selector for it would pick every package
    _workspace(tmp_path, {"services/auth": "@vextrus/auth-service"}, root_name="@vextrus/auth-all")
    found = closest(_ws(tmp_path), "@vextrus/auth")
    assert found is not None and found.dir == "services/auth"


def test_closest_skips_packages_without_a_name(tmp_path: Path) -> None:
    _workspace(tmp_path, {"services/auth": None, "services/billing": "@acme/billing-service"})
    found = closest(_ws(tmp_path), "@acme/auth")
    assert found is None


def test_closest_by_similarity_when_no_name_is_longer(tmp_path: Path) -> None:
    # a typo: no name starts with it, but one is close (ratio 0.97)
    _workspace(tmp_path, {"services/billing": "@acme/billing-service", "services/web": "@acme/web"})
    found = closest(_ws(tmp_path), "@acme/billing-servce")
    assert found is not None and found.name == "@acme/billing-service"


def test_closest_similarity_bound_is_inclusive(tmp_path: Path) -> None:
    # 'auth' against 'oath': SequenceMatcher ratio exactly 0.75
    _workspace(tmp_path, {"services/oath": "@acme/oath"})
    found = closest(_ws(tmp_path), "@acme/auth")
    assert found is not None and found.name == "@acme/oath"


def test_closest_compares_without_the_scope(tmp_path: Path) -> None:
    # 'web' and 'admin' share nothing; with the scope '@acme/' they would look 60% alike
    _workspace(tmp_path, {"apps/admin": "@acme/admin"}, globs=("apps/*",))
    assert closest(_ws(tmp_path), "@acme/web") is None


def test_closest_of_a_workspace_with_only_its_root(tmp_path: Path) -> None:
    _workspace(tmp_path, {})
    assert closest(_ws(tmp_path), "@acme/web") is None


def test_closest_takes_the_best_longer_name(tmp_path: Path) -> None:
    _workspace(tmp_path, {"services/a": "@acme/auth-service-legacy-v1", "services/b": "@acme/auth-service",
                          "services/c": "@acme/auth-worker-queue"})
    found = closest(_ws(tmp_path), "@acme/auth")
    assert found is not None and found.dir == "services/b"


def test_excluded_with_name_finds_the_folder_the_globs_leave_out(tmp_path: Path) -> None:
    _workspace(tmp_path, {"services/auth": "@acme/auth", "tools/seed": "@acme/seed"})
    assert excluded_with_name(_ws(tmp_path), "@acme/seed") == "tools/seed"
    assert excluded_with_name(_ws(tmp_path), "@acme/auth") is None  # a member: not left out
    assert excluded_with_name(_ws(tmp_path), "monorepo") is None  # the root package.json is the workspace's own


def test_excluded_with_name_ignores_node_modules_dot_folders_and_deep_folders(tmp_path: Path) -> None:
    _workspace(tmp_path, {"node_modules/@acme/seed": "@acme/seed", ".cache/seed": "@acme/cache",
                          "a/b/c/d/e/f": "@acme/deep", "a/b/c/d/e": "@acme/five"})
    ws = _ws(tmp_path)
    assert excluded_with_name(ws, "@acme/seed") is None
    assert excluded_with_name(ws, "@acme/cache") is None
    assert excluded_with_name(ws, "@acme/deep") is None
    assert excluded_with_name(ws, "@acme/five") == "a/b/c/d/e"  # the walk stops below the fifth level


def test_excluded_with_name_reads_past_broken_and_odd_manifests(tmp_path: Path) -> None:
    _workspace(tmp_path, {"tools/z-seed": "@acme/seed"})
    (tmp_path / "tools" / "a-broken").mkdir()
    (tmp_path / "tools" / "a-broken" / "package.json").write_text("{ not json")
    (tmp_path / "tools" / "b-list").mkdir()
    (tmp_path / "tools" / "b-list" / "package.json").write_text('["@acme/seed"]')
    assert excluded_with_name(_ws(tmp_path), "@acme/seed") == "tools/z-seed"


def test_excluded_with_name_walks_in_sorted_order(tmp_path: Path) -> None:
    _workspace(tmp_path, {"tools/b": "@acme/seed", "tools/a": "@acme/seed"})
    assert excluded_with_name(_ws(tmp_path), "@acme/seed") == "tools/a"


def test_no_such_package_is_an_error_at_the_selector(tmp_path: Path) -> None:
    _workspace(tmp_path, {"services/auth": "@vextrus/auth-service"})
    out = _run(tmp_path, "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN pnpm --filter @vextrus/auth build\n")
    [finding] = out.findings
    assert finding.line == 4 and finding.item.level is Level.ERROR and finding.item.pass_id == PNPM.id
    assert finding.item.message == (
        "--filter @vextrus/auth: no package of the workspace at /app is named '@vextrus/auth': pnpm selects "
        "nothing and exits 0, so the build goes on without it; the closest package is @vextrus/auth-service in "
        "./services/auth (--filter @vextrus/auth-service or --filter ./services/auth)")
    assert not out.fixes


# -- which words pnpm reads as selectors (transforms.pnpm.selectors) ---------------------------------------------


def _command(run: str):
    doc = parse(f"FROM node:20\n{run}\n")
    script = shell_of(doc.instructions[-1])
    assert script is not None
    return doc, script.commands[0]


@pytest.mark.parametrize(("run", "selectors", "chdir"), [
    ("RUN pnpm --filter @acme/api build", [("@acme/api", 0)], False),
    ("RUN pnpm -F @acme/api build", [("@acme/api", 0)], False),
    ("RUN pnpm --filter=@acme/api build", [("@acme/api", 9)], False),
    ("RUN pnpm --filter=./tools/key=value build", [("./tools/key=value", 9)], False),  # '=' in a folder name
    ("RUN pnpm --filter-prod=@acme/api... install", [("@acme/api...", 14)], False),
    ("RUN pnpm --filter-prod @acme/api install", [("@acme/api", 0)], False),
    ("RUN pnpm --filter @acme/api --filter @acme/web build", [("@acme/api", 0), ("@acme/web", 0)], False),
    ("RUN corepack pnpm --filter @acme/api build", [("@acme/api", 0)], False),
    ("RUN /usr/local/bin/corepack pnpm --filter @acme/api build", [("@acme/api", 0)], False),
    ("RUN pnpm --reporter=append-only --filter @acme/api build", [("@acme/api", 0)], False),
    ("RUN pnpm --recursive --filter @acme/api build", [("@acme/api", 0)], False),
    ("RUN /usr/local/bin/pnpm --filter @acme/api build", [("@acme/api", 0)], False),
    ("RUN sudo -E pnpm --filter @acme/api build", [("@acme/api", 0)], False),
    ("RUN corepack enable", [], False),
    ("RUN npm --filter @acme/api run build", [], False),
    ("RUN npx turbo run build --filter=@acme/api", [], False),
    ("RUN pnpm --filter", [], False),  # no value: nothing to read, nothing raised
    ("RUN pnpm -- --filter @acme/api", [], False),  # after --, the words are arguments
    ("RUN pnpm build --filter @acme/api", [], False),  # a script name: its arguments are the script's
    ("RUN pnpm run build --filter @acme/api", [], False),
    ("RUN pnpm exec tsc --filter @acme/api", [], False),
    ("RUN pnpm run --filter @acme/api build", [("@acme/api", 0)], False),
    ("RUN pnpm install --frozen-lockfile --filter @acme/api", [("@acme/api", 0)], False),
    ("RUN pnpm recursive run build --filter @acme/api", [("@acme/api", 0)], False),
    ("RUN pnpm -C services/api --filter @acme/api build", [("@acme/api", 0)], True),
    ("RUN pnpm --dir services/api --filter @acme/api build", [("@acme/api", 0)], True),
    ("RUN pnpm --dir=services/api --filter @acme/api build", [("@acme/api", 0)], True),
    ("RUN pnpm -Cservices/api --filter @acme/api build", [("@acme/api", 0)], True),
    ("RUN pnpm --filter @acme/api -C services/api build", [("@acme/api", 0)], True),
    ("RUN pnpm --filter @acme/api build -C services/api", [("@acme/api", 0)], False),
])
def test_filter_selectors(run: str, selectors: list[tuple[str, int]], chdir: bool) -> None:
    _, cmd = _command(run)
    found, changes_dir = filter_selectors(cmd)
    assert [(s.text, s.offset) for s in found] == selectors
    assert changes_dir is chdir


def test_a_selector_is_the_word_after_the_option() -> None:
    _, cmd = _command("RUN pnpm --filter @acme/api build")
    [sel] = filter_selectors(cmd)[0]
    assert sel.word.value == "@acme/api"


@pytest.mark.parametrize(("word", "reason"), [
    ("@acme/${SERVICE}", "it uses a variable"),
    ('"@acme/$SERVICE"', "it uses a variable"),
    ("@acme/`cat name`", "it uses a variable"),
    ("!", "it names no package"),
    ("...", "it names no package"),
    ("./services/api", "it is already a directory selector"),
    ("{services/api}...", "it is already a directory selector"),
    ("{./services/api}", "it is already a directory selector"),
    ("@acme/api}", "it is already a directory selector"),
    ("{services/api", "it is already a directory selector"),
    ("[origin/main]", "a changed-since selector ([ref]) is not a package name"),
    ("@acme/*", "it is a name pattern (glob)"),
    ("@acme/api-?", "it is a name pattern (glob)"),
    ("@acme/api", ""),
    ("@acme/XML-parser", ""),
    ("!@acme/api...", ""),
])
def test_unsupported(word: str, reason: str) -> None:
    _, cmd = _command(f"RUN pnpm --filter {word} build")
    [sel] = filter_selectors(cmd)[0]
    assert unsupported(sel) == reason


@pytest.mark.parametrize(("text", "parts"), [
    ("@acme/api", (False, "", "@acme/api", "")),
    ("!@acme/api", (True, "", "@acme/api", "")),
    ("@acme/api...", (False, "", "@acme/api", "...")),
    ("@acme/api^...", (False, "", "@acme/api", "^...")),
    ("...@acme/api", (False, "...", "@acme/api", "")),
    ("...^@acme/api", (False, "...^", "@acme/api", "")),
    ("!...^@acme/api^...", (True, "...^", "@acme/api", "^...")),
    ("...", (False, "", "", "...")),
])
def test_split(text: str, parts: tuple[bool, str, str, str]) -> None:
    assert split(text) == parts


@pytest.mark.parametrize(("run", "new", "edited"), [
    ("RUN pnpm --filter @acme/api build", "./services/api", "RUN pnpm --filter ./services/api build"),
    ('RUN pnpm --filter "@acme/api" build', "./services/api", 'RUN pnpm --filter "./services/api" build'),
    ("RUN pnpm --filter=@acme/api build", "./services/api", "RUN pnpm --filter=./services/api build"),
    ("RUN pnpm '--filter=@acme/api' build", "./services/api", "RUN pnpm '--filter=./services/api' build"),
    ("RUN pnpm --filter=filter build", "./filter", None),  # the text twice in the word: which one is unclear
    ("RUN pnpm --filter @acme/\\api build", "./services/api", None),  # an escape inside: the text is not raw
])
def test_replace(run: str, new: str, edited: str | None) -> None:
    doc, cmd = _command(run)
    [sel] = filter_selectors(cmd)[0]
    edit = replace(doc, sel, new)
    if edited is None:
        assert edit is None
    else:
        assert edit is not None
        assert doc.text[:edit.start] + edit.content + doc.text[edit.end:] == f"FROM node:20\n{edited}\n"


def test_closest_keeps_a_longer_name_over_a_more_similar_one(tmp_path: Path) -> None:
    # '@acme/oauth' looks more like '@acme/auth' (0.89), but only a name starting with it is what was meant
    _workspace(tmp_path, {"services/auth": "@acme/auth-service-worker", "services/oauth": "@acme/oauth"})
    found = closest(_ws(tmp_path), "@acme/auth")
    assert found is not None and found.name == "@acme/auth-service-worker"


# -- variable selectors (transforms.pnpm.variables) --------------------------------------------------------------

_HEAD = "FROM node:20-alpine\nARG SERVICE\nWORKDIR /app\nCOPY pnpm-workspace.yaml package.json ./\n"
_COPY = "COPY services/${SERVICE} ./services/${SERVICE}\n"
_SERVICES = {"services/auth": "@acme/auth-service", "services/billing": "@acme/billing"}
_SAME = "every package there is named @acme/<directory>, so the selection is the same"
_NOTHING = "by name it selects nothing for auth is @acme/auth-service"
_SHOWN = ("line 5 copies services/${SERVICE} to the workspace's services/, every directory under the packages glob "
          "services/* has a package")
_LEFT = "--filter @acme/${SERVICE}: left alone, it uses a variable"
_NO_COPY = f"{_LEFT}; no COPY <folder>/${{SERVICE}} <folder>/${{SERVICE}} shows that it names a workspace directory"


def _fixed(new: str, why: str = _NOTHING, shown: str = _SHOWN) -> str:
    return f"select the project in services/${{SERVICE}} by its directory: --filter {new} ({shown}; {why})"


@pytest.mark.parametrize(("tail", "new_run", "message"), [
    (_COPY + "RUN pnpm --filter @acme/${SERVICE} build\n", 'RUN pnpm --filter "./services/${SERVICE}" build',
     _fixed('"./services/${SERVICE}"')),
    (_COPY + "RUN pnpm --filter ...@acme/${SERVICE} build\n", 'RUN pnpm --filter "...{./services/${SERVICE}}" build',
     _fixed('"...{./services/${SERVICE}}"')),
    (_COPY + "RUN pnpm --filter ...^@acme/${SERVICE} build\n",
     'RUN pnpm --filter "...^{./services/${SERVICE}}" build', _fixed('"...^{./services/${SERVICE}}"')),
    (_COPY + "RUN pnpm --filter @acme/${SERVICE}^... build\n",
     'RUN pnpm --filter "{./services/${SERVICE}}^..." build', _fixed('"{./services/${SERVICE}}^..."')),
    (_COPY + 'RUN pnpm --filter "!@acme/${SERVICE}" build\n', 'RUN pnpm --filter "!./services/${SERVICE}" build',
     _fixed('"!./services/${SERVICE}"')),
    (_COPY + 'RUN pnpm --filter "@acme/${SERVICE}" build\n', 'RUN pnpm --filter "./services/${SERVICE}" build',
     _fixed('"./services/${SERVICE}"')),
    # the directory is written relative to the RUN's working directory
    (_COPY + "WORKDIR /app/web\nRUN pnpm --filter @acme/${SERVICE} build\n",
     'RUN pnpm --filter "../services/${SERVICE}" build', _fixed('"../services/${SERVICE}"')),
    ('COPY ["services/${SERVICE}", "./services/${SERVICE}"]\nRUN pnpm --filter @acme/${SERVICE} build\n',
     'RUN pnpm --filter "./services/${SERVICE}" build', _fixed('"./services/${SERVICE}"')),
    # $SERVICE and ${SERVICE} are the same variable
    ("COPY services/$SERVICE ./services/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n",
     'RUN pnpm --filter "./services/${SERVICE}" build', _fixed('"./services/${SERVICE}"')),
    ("COPY services/${SERVICE} ./services/$SERVICE\nRUN pnpm --filter @acme/$SERVICE build\n",
     'RUN pnpm --filter "./services/$SERVICE" build',
     _fixed('"./services/$SERVICE"', shown=_SHOWN.replace("${SERVICE}", "$SERVICE")).replace("${SERVICE}",
                                                                                              "$SERVICE")),
    (_COPY + "RUN pnpm --filter @acme/${SERVICE} build\n".replace("@acme/${SERVICE}", "@acme/${SERVICE}..."),
     'RUN pnpm --filter "{./services/${SERVICE}}..." build', _fixed('"{./services/${SERVICE}}..."')),
    # what does not show that SERVICE names a workspace directory
    ("COPY --from=deps /app/services/${SERVICE} ./services/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n",
     None, _NO_COPY),
    ("COPY services/${SERVICE} tsconfig.json ./services/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n",
     None, _NO_COPY),
    ("COPY /services/${SERVICE} ./services/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n", None, _NO_COPY),
    ("COPY ../services/${SERVICE} ./services/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n", None,
     _NO_COPY),
    ("COPY ${DIR}/${SERVICE} ./services/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n", None, _NO_COPY),
    ("COPY services/${SERVICE} ./apps/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n", None, _NO_COPY),
    ("COPY services/${OTHER} ./services/${OTHER}\nRUN pnpm --filter @acme/${SERVICE} build\n", None, _NO_COPY),
    ("COPY services/${SERVICE}/package.json ./services/${SERVICE}/\nRUN pnpm --filter @acme/${SERVICE} build\n",
     None, _NO_COPY),
    ("RUN pnpm --filter @acme/${SERVICE} build\n" + _COPY, None, _NO_COPY),  # a later COPY shows nothing
    ("COPY --from=deps services/${SERVICE} ./services/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n", None,
     _NO_COPY),  # another stage's folder, not the build context's
    ("ADD services/${SERVICE} ./services/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n", None, _NO_COPY),
    ("COPY apps/${KIND}/${SERVICE} ./apps/${KIND}/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n", None,
     _NO_COPY),  # the folder has a variable of its own
    ("COPY services/x${SERVICE} ./services/${SERVICE}\nRUN pnpm --filter @acme/${SERVICE} build\n", None, _NO_COPY),
    # earlier COPYs that show nothing do not stop the search
    ("COPY --from=deps /app/node_modules ./node_modules\nCOPY package.json pnpm-lock.yaml ./\nCOPY tsconfig.json ./\n"
     "COPY apps/${KIND}/${SERVICE} ./apps/${KIND}/${SERVICE}\n" + _COPY + "RUN pnpm --filter @acme/${SERVICE} build\n",
     'RUN pnpm --filter "./services/${SERVICE}" build',
     _fixed('"./services/${SERVICE}"', shown=_SHOWN.replace("line 5", "line 9"))),
    # selectors that are not @scope/${VAR}
    (_COPY + "RUN pnpm --filter @acme/`echo $SERVICE` build\n", None,
     "--filter @acme/`echo $SERVICE`: left alone, it uses a variable"),
    (_COPY + "RUN pnpm --filter @acme/${SERVICE}-service build\n", None,
     "--filter @acme/${SERVICE}-service: left alone, it uses a variable"),
    (_COPY + "RUN pnpm --filter '!@acme/${SERVICE}' build\n", None,
     "--filter !@acme/${SERVICE}: left alone, it uses a variable"),
    (_COPY + 'RUN pnpm --filter @acme/"${SERVICE}" build\n', None, f"{_LEFT}; its quoting is too complex to edit"),
])
def test_variable_selector(tmp_path: Path, tail: str, new_run: str | None, message: str) -> None:
    _workspace(tmp_path, _SERVICES)
    text = _HEAD + tail
    out = _run(tmp_path, text)
    run_line = next(n for n, line in enumerate(text.splitlines(), 1) if "pnpm --filter" in line)
    [reported] = out.fixes + out.findings
    assert (reported.line, reported.item.message) == (run_line, message)
    assert reported.item.pass_id == PNPM.id
    if new_run is None:
        assert out.text == text and reported.item.level is Level.SKIP
    else:
        assert out.text.splitlines()[run_line - 1] == new_run and out.findings == []
        assert reported.item.safety is Safety.REVIEW and reported.item.pass_id == PNPM.id


def test_variable_selector_names_already_match_their_folders(tmp_path: Path) -> None:
    _workspace(tmp_path, {"services/auth": "@acme/auth", "services/billing": "@acme/billing"})
    out = _run(tmp_path, _HEAD + _COPY + "RUN pnpm --filter @acme/${SERVICE} build\n")
    [fix] = out.fixes
    assert fix.item.message == _fixed('"./services/${SERVICE}"', why=_SAME)


def test_variable_selector_names_every_folder_whose_name_differs(tmp_path: Path) -> None:
    _workspace(tmp_path, {"services/auth": "@acme/auth-service", "services/billing": "@acme/billing-api",
                          "services/web": "@acme/web"})
    out = _run(tmp_path, _HEAD + _COPY + "RUN pnpm --filter @acme/${SERVICE} build\n")
    [fix] = out.fixes
    assert fix.item.message == _fixed('"./services/${SERVICE}"', why="by name it selects nothing for auth is "
                                      "@acme/auth-service; billing is @acme/billing-api")


def test_variable_selector_leaves_out_a_folder_the_workspace_excludes(tmp_path: Path) -> None:
    _workspace(tmp_path, {**_SERVICES, "services/legacy": "@old/legacy"}, globs=("services/*", "!services/legacy"))
    out = _run(tmp_path, _HEAD + _COPY + "RUN pnpm --filter @acme/${SERVICE} build\n")
    [fix] = out.fixes
    assert fix.item.message == _fixed('"./services/${SERVICE}"')


def test_variable_selector_in_a_child_stage_uses_the_parent_copy(tmp_path: Path) -> None:
    _workspace(tmp_path, _SERVICES)
    head = _HEAD.replace("FROM node:20-alpine", "FROM node:20-alpine AS base")
    out = _run(tmp_path, head + _COPY + "FROM base AS build\nRUN pnpm --filter @acme/${SERVICE} build\n")
    [fix] = out.fixes
    assert fix.line == 7 and fix.item.message == _fixed('"./services/${SERVICE}"')


@pytest.mark.parametrize(("globs", "message"), [
    (("services/**",), f"{_LEFT}; services/* is not a packages glob of pnpm-workspace.yaml"),
    (("apps/*",), f"{_LEFT}; services/* is not a packages glob of pnpm-workspace.yaml"),
    (("./services/*/",), None),  # the same glob, written with ./ and a trailing slash
])
def test_variable_selector_needs_the_folder_glob(tmp_path: Path, globs: tuple[str, ...], message: str | None) -> None:
    _workspace(tmp_path, _SERVICES, globs=globs)
    out = _run(tmp_path, _HEAD + _COPY + "RUN pnpm --filter @acme/${SERVICE} build\n")
    if message is None:
        assert [f.line for f in out.fixes] == [6]
    else:
        assert [(f.line, f.item.level, f.item.pass_id, f.item.message) for f in out.findings] == [
            (6, Level.SKIP, PNPM.id, message)] and not out.fixes


def test_variable_selector_needs_a_package_in_every_folder(tmp_path: Path) -> None:
    _workspace(tmp_path, _SERVICES)
    (tmp_path / "services" / "docs").mkdir()
    (tmp_path / "services" / ".cache").mkdir()  # hidden folders are not projects
    (tmp_path / "services" / "README.md").write_text("# services\n")  # nor are files
    out = _run(tmp_path, _HEAD + _COPY + "RUN pnpm --filter @acme/${SERVICE} build\n")
    assert [(f.line, f.item.level, f.item.pass_id, f.item.message) for f in out.findings] == [
        (6, Level.SKIP, PNPM.id, f"{_LEFT}; services/docs has no package.json, so a directory selector and the name "
                                 "would not pick the same projects")]


def test_variable_selector_without_the_folder(tmp_path: Path) -> None:
    _workspace(tmp_path, {"apps/web": "@acme/web"}, globs=("services/*", "apps/*"))
    out = _run(tmp_path, _HEAD + _COPY + "RUN pnpm --filter @acme/${SERVICE} build\n")
    assert [(f.line, f.item.message) for f in out.findings] == [
        (6, f"{_LEFT}; services/ has no package.json, so a directory selector and the name would not pick the "
            "same projects")]


def test_variable_selector_where_the_workspace_lands_is_unknown(tmp_path: Path) -> None:
    _workspace(tmp_path, _SERVICES)
    text = _HEAD.replace("WORKDIR /app", "WORKDIR $HOME") + _COPY + "RUN pnpm --filter @acme/${SERVICE} build\n"
    out = _run(tmp_path, text)
    assert [(f.line, f.item.level, f.item.pass_id, f.item.message) for f in out.findings] == [
        (6, Level.SKIP, PNPM.id, f"{_LEFT} and where the workspace lands in the image is not known")]


def test_variable_selector_copied_to_the_root_by_an_absolute_source(tmp_path: Path) -> None:
    # COPY's source /services is the build context's services/, but the pass only follows a relative source
    _workspace(tmp_path, _SERVICES)
    text = (_HEAD.replace("WORKDIR /app", "WORKDIR /") + "COPY /services/${SERVICE} /services/${SERVICE}\n"
            "RUN pnpm --filter @acme/${SERVICE} build\n")
    out = _run(tmp_path, text)
    assert [(f.line, f.item.message) for f in out.findings] == [(6, _NO_COPY)] and not out.fixes


# -- name selectors (transforms/pnpm_directory_filter.py) --------------------------------------------------------

_MONOREPO = {"services/auth": "@acme/auth-service", "services/billing": "@acme/billing", "shared/ui": "@acme/ui",
             "shared/ui/icons": "@acme/ui-icons", "tools/a": "@acme/tool", "tools/b": "@acme/tool"}
_GLOBS = ("services/*", "shared/*", "shared/ui/*", "tools/*")


@pytest.mark.parametrize(("run", "new_run", "reports"), [
    ("RUN pnpm --filter @acme/auth-service... --filter !@acme/billing build",
     "RUN pnpm --filter {./services/auth}... --filter !./services/billing build",
     [(Safety.SAFE, "select @acme/auth-service by its directory: --filter {./services/auth}..."),
      (Safety.SAFE, "select @acme/billing by its directory: --filter !./services/billing")]),
    ("RUN pnpm --filter ...@acme/billing --filter=...^@acme/auth-service^... build",
     "RUN pnpm --filter ...{./services/billing} --filter=...^{./services/auth}^... build",
     [(Safety.SAFE, "select @acme/billing by its directory: --filter ...{./services/billing}"),
      (Safety.SAFE, "select @acme/auth-service by its directory: --filter ...^{./services/auth}^...")]),
    ("RUN cd services && pnpm --filter @acme/auth-service build",
     "RUN cd services && pnpm --filter ./auth build",
     [(Safety.SAFE, "select @acme/auth-service by its directory: --filter ./auth")]),
    ("RUN cd shared/ui && pnpm --filter @acme/billing build",
     "RUN cd shared/ui && pnpm --filter ../../services/billing build",
     [(Safety.SAFE, "select @acme/billing by its directory: --filter ../../services/billing")]),
    # a cd after the pnpm command does not change where pnpm runs
    ("RUN pnpm --filter @acme/billing build && cd /tmp", "RUN pnpm --filter ./services/billing build && cd /tmp",
     [(Safety.SAFE, "select @acme/billing by its directory: --filter ./services/billing")]),
    ("RUN pnpm --filter auth-service build", "RUN pnpm --filter ./services/auth build",
     [(Safety.SAFE, "select @acme/auth-service by its directory: --filter ./services/auth")]),
    ("RUN pnpm -C services/auth --filter @acme/auth-service build", None,
     [(Level.SKIP, "--filter @acme/auth-service: left alone, the command changes directory (-C/--dir)")]),
    ("RUN pnpm --filter @acme/* build", None,
     [(Level.SKIP, "--filter @acme/*: left alone, it is a name pattern (glob)")]),
    ("RUN pnpm --filter @acme/tool build", None,
     [(Level.SKIP, "--filter @acme/tool: left alone, several packages match '@acme/tool' (tools/a, tools/b)")]),
    ("RUN pnpm --filter @acme/ui build", None,
     [(Level.SKIP, "--filter @acme/ui: left alone, a directory selector for shared/ui would also pick the packages "
                   "below it (shared/ui/icons)")]),
    ("RUN pnpm --filter @acme/auth-servic\\e build", None,
     [(Level.SKIP, "--filter @acme/auth-service: left alone, its quoting is too complex to edit")]),
    ("RUN pnpm --filter @acme/auth-\\\nservice build", None,  # a word over a line continuation
     [(Level.SKIP, "--filter @acme/auth-service: left alone, its quoting is too complex to edit")]),
    ("RUN pnpm --filter @acme/nope --filter @acme/billing build",
     "RUN pnpm --filter @acme/nope --filter ./services/billing build",
     [(Level.ERROR, "--filter @acme/nope: no package of the workspace at /app is named '@acme/nope': pnpm selects "
                    "nothing and exits 0, so the build goes on without it"),
      (Safety.SAFE, "select @acme/billing by its directory: --filter ./services/billing")]),
])
def test_name_selector(tmp_path: Path, run: str, new_run: str | None, reports: list[tuple[object, str]]) -> None:
    _workspace(tmp_path, _MONOREPO, globs=_GLOBS)
    text = f"FROM node:20-alpine\nWORKDIR /app\nCOPY . .\n{run}\n"
    out = _run(tmp_path, text)
    assert out.text == (text if new_run is None else text.replace(run, new_run))
    got = [(r.item.safety, r.item.message) for r in out.fixes] + [(r.item.level, r.item.message) for r in out.findings]
    assert sorted(got, key=lambda r: r[1]) == sorted(reports, key=lambda r: r[1])
    assert all(r.line == 4 and r.item.pass_id == PNPM.id for r in out.fixes + out.findings)


def test_the_root_project_of_a_workspace_without_packages(tmp_path: Path) -> None:
    _workspace(tmp_path, {})
    out = _run(tmp_path, "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN pnpm --filter monorepo build\n")
    assert [(f.line, f.item.message) for f in out.findings] == [
        (4, "--filter monorepo: left alone, a directory selector for . would also pick the packages below it "
            "(every package)")]


def test_location_unknown_and_the_name_exists(tmp_path: Path) -> None:
    _workspace(tmp_path, _MONOREPO, globs=_GLOBS)
    out = _run(tmp_path, "FROM node:20-alpine\nWORKDIR $APP\nCOPY . .\nRUN pnpm --filter @acme/billing build\n")
    assert [(f.line, f.item.level, f.item.pass_id, f.item.message) for f in out.findings] == [
        (4, Level.SKIP, PNPM.id, "--filter @acme/billing: left alone, the RUN's working directory is not known "
                                 "(WORKDIR uses a variable)")]


def test_location_unknown_and_no_workspace_in_the_context(tmp_path: Path) -> None:
    out = _run(tmp_path, "FROM node:20-alpine\nWORKDIR $APP\nCOPY . .\nRUN pnpm --filter @acme/nope build\n")
    assert [f.item.level for f in out.findings] == [Level.SKIP]


def test_location_unknown_and_no_such_name_in_the_context(tmp_path: Path) -> None:
    _workspace(tmp_path, _MONOREPO, globs=_GLOBS)
    out = _run(tmp_path, "FROM node:20-alpine\nWORKDIR $APP\nCOPY . .\nRUN pnpm --filter @acme/billing-api build\n")
    assert [(f.line, f.item.level, f.item.message) for f in out.findings] == [
        (4, Level.ERROR, "--filter @acme/billing-api: no package of the workspace of the build context is named "
                         "'@acme/billing-api': pnpm selects nothing and exits 0, so the build goes on without it; "
                         "the closest package is @acme/billing in ./services/billing (--filter @acme/billing or "
                         "--filter ./services/billing)")]


def test_variable_selector_with_packages_nested_below_the_folder(tmp_path: Path) -> None:
    _workspace(tmp_path, {**_SERVICES, "services/auth/plugins/a": "@acme/auth-a", "services/auth/plugins/b": None},
               globs=("services/*", "services/*/plugins/*"))
    out = _run(tmp_path, _HEAD + _COPY + "RUN pnpm --filter @acme/${SERVICE} build\n")
    assert [(f.line, f.item.level, f.item.pass_id, f.item.message) for f in out.findings] == [
        (6, Level.SKIP, PNPM.id, f"{_LEFT}; a directory selector would also pick the packages nested below services/* "
                                 "(services/auth/plugins/a, services/auth/plugins/b)")]


def test_variable_selector_over_a_line_continuation(tmp_path: Path) -> None:
    _workspace(tmp_path, _SERVICES)
    out = _run(tmp_path, _HEAD + _COPY + "RUN pnpm --filter @acme/\\\n${SERVICE} build\n")
    assert [(f.line, f.item.level, f.item.pass_id, f.item.message) for f in out.findings] == [
        (6, Level.SKIP, PNPM.id, f"{_LEFT}; its quoting is too complex to edit")]
    assert not out.fixes


def test_variable_selector_with_a_workspace_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    _workspace(tmp_path, _SERVICES)
    (tmp_path / "pnpm-workspace.yaml").write_text("- services/*\n")
    out = _run(tmp_path, _HEAD + _COPY + "RUN pnpm --filter @acme/${SERVICE} build\n")
    assert [(f.line, f.item.message) for f in out.findings] == [
        (6, f"{_LEFT}; services/* is not a packages glob of pnpm-workspace.yaml")]


def test_closest_of_unscoped_names(tmp_path: Path) -> None:
    _workspace(tmp_path, {"apps/web": "web-app", "apps/api": "api"}, globs=("apps/*",))
    found = closest(_ws(tmp_path), "web")
    assert found is not None and found.name == "web-app"


def test_closest_compares_the_last_segment_of_a_path_like_selector(tmp_path: Path) -> None:
    # '--filter @acme/ui/icons' (a folder path typed as a name): its last part 'icons' is @acme/icons exactly
    _workspace(tmp_path, {"shared/icons": "@acme/icons", "shared/ui-icons": "@acme/ui-icons"}, globs=("shared/*",))
    found = closest(_ws(tmp_path), "@acme/ui/icons")
    assert found is not None and found.name == "@acme/icons"


@pytest.mark.parametrize("first", [
    "-C services/auth --filter @acme/auth-service", "--filter @acme/*", "--filter @acme/tool", "--filter @acme/ui",
    "--filter @acme/nope", "--filter @acme/${SERVICE}", "--filter @acme/auth-servic\\e",
])
def test_a_left_alone_selector_does_not_stop_the_next_one(tmp_path: Path, first: str) -> None:
    # every selector is reported on its own: the one after a skipped or wrong one is still rewritten
    _workspace(tmp_path, _MONOREPO, globs=_GLOBS)
    chdir = first.startswith("-C")
    text = f"FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN pnpm {first} --filter @acme/billing build\n"
    out = _run(tmp_path, text)
    assert len(out.findings) == (2 if chdir else 1)
    assert [f.item.message for f in out.fixes] == ([] if chdir else [
        "select @acme/billing by its directory: --filter ./services/billing"])


def test_several_nested_packages_are_named(tmp_path: Path) -> None:
    _workspace(tmp_path, {"shared/ui": "@acme/ui", "shared/ui/icons": "@acme/ui-icons",
                          "shared/ui/buttons": "@acme/ui-buttons"}, globs=("shared/*", "shared/ui/*"))
    out = _run(tmp_path, "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN pnpm --filter @acme/ui build\n")
    assert [f.item.message for f in out.findings] == [
        "--filter @acme/ui: left alone, a directory selector for shared/ui would also pick the packages below it "
        "(shared/ui/buttons, shared/ui/icons)"]


def test_the_build_context_given_by_the_user(tmp_path: Path) -> None:
    # the Dockerfile lives in docker/, the build context (--context) is the repository root with the workspace
    _workspace(tmp_path, _MONOREPO, globs=_GLOBS)
    (tmp_path / "docker").mkdir()
    path = tmp_path / "docker" / "Dockerfile"
    text = "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN pnpm --filter @acme/billing build\n"
    path.write_text(text)
    out = transform(text, [PNPM], Context(path=path, project=Project(), context_dir=tmp_path))
    assert out.internal_errors == [] and out.text == text.replace("@acme/billing", "./services/billing")


@pytest.mark.parametrize("first", ["@acme/nope", "@acme/billing"])
def test_location_unknown_reports_every_selector(tmp_path: Path, first: str) -> None:
    _workspace(tmp_path, _MONOREPO, globs=_GLOBS)
    text = f"FROM node:20-alpine\nWORKDIR $APP\nCOPY . .\nRUN pnpm --filter {first} --filter @acme/web build\n"
    out = _run(tmp_path, text)
    assert [f.item.message.split(":")[0] for f in out.findings] == [f"--filter {first}", "--filter @acme/web"]
