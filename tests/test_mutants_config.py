"""Configuration files (refactor/config.py), in process: the gaps bench/mutation.py found (the CLI tests of
tests/test_config.py run in a subprocess, which mutmut cannot attribute)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refactor.config import ConfigError, Settings, _shown, follow, load_config, parse_config
from refactor.passes import Context
from tests.paths import write_tree
from transforms import PASSES

BY_ID = {p.id: p for p in PASSES}


def _error(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / name, PASSES)
    return str(exc.value)


def test_exclude_and_extend_exclude_are_relative_to_the_config(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".dockmod.toml": 'exclude = ["legacy/"]\nextend-exclude = ["*.old"]\n'})
    settings = Settings(PASSES)
    assert settings.excluded(root / "legacy" / "admin" / "Dockerfile")
    assert settings.excluded(root / "api" / "Dockerfile.old")
    assert not settings.excluded(root / "api" / "Dockerfile")
    cfg = settings.config_for(root / "api" / "Dockerfile")
    assert cfg is not None and cfg.root == root and cfg.file == root / ".dockmod.toml"
    assert cfg.relative(root / "api" / "Dockerfile") == "api/Dockerfile"
    assert cfg.relative(root.parent / "elsewhere" / "Dockerfile") is None
    assert not cfg.excluded(root.parent / "legacy" / "Dockerfile")  # outside the root: no glob applies


def test_without_exclude_nothing_is_excluded(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".dockmod.toml": 'select = ["healthcheck"]\n'})
    cfg = load_config(root / ".dockmod.toml", PASSES)
    assert cfg is not None and cfg.exclude is None and not cfg.excluded(root / "legacy" / "Dockerfile")
    assert Settings(PASSES, isolated=True).excluded(root / "x" / "Dockerfile") is False


def test_overrides_match_by_path_and_not_for_stdin(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        ".dockmod.toml": '[[overrides]]\npaths = ["workers/**"]\nignore = ["healthcheck"]\n'
                         '[[overrides]]\npaths = ["workers/mail/"]\nselect = ["apk-no-cache"]\n'})
    cfg = load_config(root / ".dockmod.toml", PASSES)
    assert cfg is not None
    assert [o.paths for o in cfg.overrides_for(root / "workers" / "mail" / "Dockerfile")] == [
        ("workers/**",), ("workers/mail/",)]
    assert cfg.overrides_for(root / "api" / "Dockerfile") == []
    assert cfg.overrides_for(None) == []
    assert cfg.overrides_for(root.parent / "x" / "Dockerfile") == []
    enabled, _ = Settings(PASSES).resolve(root / "workers" / "mail" / "Dockerfile")
    assert enabled == {"apk-no-cache"}  # a later override's select replaces
    enabled, _ = Settings(PASSES, select=["healthcheck", "add-to-copy"]).resolve(
        root / "workers" / "mail" / "Dockerfile")
    assert enabled == {"add-to-copy"}  # --select wins over an override's select; its ignore still removes


def test_checker_messages_name_file_and_key(tmp_path: Path) -> None:
    assert _error(tmp_path, ".dockmod.toml", 'exclude = "legacy/"\n').endswith(
        ".dockmod.toml: exclude: expected a list of glob patterns, e.g. [\"legacy/\"]")
    assert _error(tmp_path, ".dockmod.toml", "extend-exclude = [1]\n").endswith(
        "extend-exclude: expected a list of glob patterns, e.g. [\"legacy/\"]")
    assert _error(tmp_path, ".dockmod.toml", 'select = ["healthcheck", 3]\n').endswith(
        "select: expected a list of pass ids, e.g. [\"healthcheck\"]")
    assert _error(tmp_path, ".dockmod.toml", 'extend-select = ["nope"]\n').endswith(
        ".dockmod.toml: extend-select: unknown pass id 'nope' (see 'dockmod list')")
    assert _error(tmp_path, ".dockmod.toml", 'ignore = ["nope"]\n').endswith(
        "ignore: unknown pass id 'nope' (see 'dockmod list')")
    assert _error(tmp_path, ".dockmod.toml", 'pass = "x"\n').endswith(
        "pass: expected a table [pass.PASS-ID] of options")
    assert _error(tmp_path, ".dockmod.toml", '[pass]\nhealthcheck = 3\n').endswith(
        "pass.healthcheck: expected a table of options")
    assert _error(tmp_path, ".dockmod.toml", '[pass.nope]\nx = 1\n').endswith(
        "pass.nope: unknown pass id (see 'dockmod list')")
    assert _error(tmp_path, ".dockmod.toml", '[pass.apk-no-cache]\nx = 1\n').endswith(
        "pass.apk-no-cache.x: unknown option of apk-no-cache (its options: none)")
    msg = _error(tmp_path, ".dockmod.toml", '[pass.healthcheck]\npth = 1\n')
    assert "(its options: " + ", ".join(BY_ID["healthcheck"].options) + ")" in msg
    assert _error(tmp_path, ".dockmod.toml", '[pass.healthcheck]\nretries = 1.5\n').endswith(
        "pass.healthcheck.retries: expected a string or a number, not float")
    assert _error(tmp_path, ".dockmod.toml", 'overrides = {paths = ["a"]}\n').endswith(
        "overrides: expected an array of tables [[overrides]]")
    assert _error(tmp_path, ".dockmod.toml", 'overrides = [1]\n').endswith("overrides[0]: expected a table")
    assert _error(tmp_path, ".dockmod.toml", '[[overrides]]\npaths = ["a/"]\n[[overrides]]\nselekt = []\n').endswith(
        "overrides[1].selekt: unknown key (known: extend-select, ignore, pass, paths, select)")
    assert _error(tmp_path, ".dockmod.toml", 'selekt = []\n').endswith(
        "selekt: unknown key (known: exclude, extend-exclude, extend-select, ignore, overrides, pass, select)")
    assert _error(tmp_path, ".dockmod.toml", '[[overrides]]\npaths = "a/"\n').endswith(
        "overrides[0].paths: expected a list of glob patterns, e.g. [\"legacy/\"]")


def test_top_level_that_is_no_table(tmp_path: Path) -> None:
    assert _error(tmp_path, "pyproject.toml", '[tool]\ndockmod = 3\n').endswith("tool.dockmod: expected a table")


def test_invalid_toml_of_our_own_file_is_an_error(tmp_path: Path) -> None:
    assert "invalid TOML" in _error(tmp_path, ".dockmod.toml", "select = [\n")
    assert "invalid TOML" in _error(tmp_path, "pyproject.toml", "[tool.dockmod]\nselect = [\n")


def test_unreadable_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".dockmod.toml").write_bytes(b"select = ['\xff']\n")
    with pytest.raises(ConfigError, match=r"\.dockmod\.toml: cannot read: "):
        load_config(tmp_path / ".dockmod.toml", PASSES)
    with pytest.raises(ConfigError, match=r"missing\.toml: cannot read: No such file or directory$"):
        load_config(tmp_path / "missing.toml", PASSES)


def test_option_values_are_strings_bools_lowercase(tmp_path: Path) -> None:
    cfg = parse_config({"pass": {"healthcheck": {"port": 8080, "path": "/live"}}}, tmp_path / "x.toml", tmp_path,
                       PASSES)
    assert cfg.rules.options == {"healthcheck": {"port": "8080", "path": "/live"}}
    # a TOML boolean is read as the word the command line would give (``--set PASS.KEY=true``)
    for value, text in ((True, "true"), (False, "false")):
        got = parse_config({"pass": {"curl-use-https-url": {"hosts": value}}}, tmp_path / "x.toml", tmp_path, PASSES)
        assert got.rules.options == {"curl-use-https-url": {"hosts": text}}


def test_options_by_alias_land_under_the_pass_id(tmp_path: Path) -> None:
    p = next(p for p in PASSES if p.aliases and p.options)
    name, default = next(iter(p.options.items()))
    value = str(default).lower() if isinstance(default, bool) else str(default)
    cfg = parse_config({"pass": {p.aliases[0]: {name: default}}, "select": [p.aliases[0]]}, tmp_path / "x.toml",
                       tmp_path, PASSES)
    assert cfg.rules.options == {p.id: {name: value}} and cfg.rules.select == (p.id,)


def test_follow_only_when_the_follower_is_not_set() -> None:
    nr = [BY_ID["non-root-user"]]
    assert follow({"non-root-user": {"uid": "2000"}}, nr) == {"non-root-user": {"uid": "2000", "gid": "2000"}}
    assert follow({"non-root-user": {"uid": "2000", "gid": "7"}}, nr)["non-root-user"]["gid"] == "7"
    assert follow({"non-root-user": {"user": "app"}}, nr) == {"non-root-user": {"user": "app"}}
    assert follow({}, nr) == {}


def test_cli_options_follow_config_layers(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".dockmod.toml": '[pass.non-root-user]\nuid = 2000\n'})
    _, options = Settings(PASSES, options={"healthcheck": {"path": "/x"}}).resolve(root / "Dockerfile")
    assert options == {"non-root-user": {"uid": "2000", "gid": "2000"}, "healthcheck": {"path": "/x"}}


def test_a_config_named_on_the_command_line_applies_everywhere(tmp_path: Path, monkeypatch) -> None:
    root = write_tree(tmp_path, {"ci/dockmod.toml": 'select = ["healthcheck"]\n',
                                 "svc/.dockmod.toml": 'select = ["apk-no-cache"]\n'})
    monkeypatch.chdir(root)
    settings = Settings(PASSES, config=root / "ci" / "dockmod.toml")
    assert settings.resolve(root / "svc" / "Dockerfile")[0] == {"healthcheck"}
    assert settings.config_for(None) is settings.fixed and settings.fixed.root == root
    assert Settings(PASSES).resolve(root / "svc" / "Dockerfile")[0] == {"apk-no-cache"}
    assert Settings(PASSES).resolve(None)[0] == frozenset(p.id for p in PASSES)  # stdin: the current folder
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"^pyproject\.toml: no \[tool\.dockmod\] table$"):
        Settings(PASSES, config=root / "pyproject.toml")


def test_isolated_reads_nothing(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".dockmod.toml": 'select = ["healthcheck"]\n'})
    settings = Settings(PASSES, isolated=True)
    assert settings.config_for(root / "Dockerfile") is None
    assert len(settings.resolve(root / "Dockerfile")[0]) == len(PASSES)


def test_nearest_folder_is_cached_and_parents_are_searched(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"pyproject.toml": '[tool.dockmod]\nselect = ["healthcheck"]\n',
                                 "a/b/c/Dockerfile": "FROM alpine\n"})
    settings = Settings(PASSES)
    first = settings.config_for(root / "a" / "b" / "c" / "Dockerfile")
    assert first is not None and first.file == root / "pyproject.toml"
    (root / "a" / ".dockmod.toml").write_text('select = ["apk-no-cache"]\n')
    assert settings.config_for(root / "a" / "b" / "c" / "Dockerfile") is first  # kept for the run
    write_tree(root, {"d/.dockmod.toml": 'select = ["apk-no-cache"]\n'})
    assert settings.config_for(root / "d" / "Dockerfile").file == root / "d" / ".dockmod.toml"


def test_preload_unions_the_enabled_passes(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"a/.dockmod.toml": 'select = ["healthcheck"]\n',
                                 "b/.dockmod.toml": 'select = ["apk-no-cache"]\n'})
    settings = Settings(PASSES)
    assert settings.preload([root / "a" / "Dockerfile", root / "b" / "Dockerfile"]) == {"healthcheck",
                                                                                          "apk-no-cache"}
    assert settings.preload([]) == set()


def test_apply_narrows_the_passes_and_sets_the_options(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {".dockmod.toml": 'select = ["healthcheck", "apk-no-cache"]\n'
                                                  '[pass.healthcheck]\npath = "/live"\n'})
    settings = Settings(PASSES)
    ctx = Context(path=root / "Dockerfile", settings=settings)
    passes, new = settings.apply(ctx, PASSES)
    assert [p.id for p in passes] == [p.id for p in PASSES if p.id in ("healthcheck", "apk-no-cache")]
    assert new.options == {"healthcheck": {"path": "/live"}} and new.settings is None and new.path == ctx.path


def test_shown_is_relative_inside_the_current_folder(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert _shown(tmp_path / "sub" / "x" / "pyproject.toml") == "x/pyproject.toml"
    assert _shown(tmp_path / "other.toml") == (tmp_path / "other.toml").as_posix()
    assert os.path.isabs(_shown(tmp_path / "other.toml"))


def test_parse_config_names_keys_without_a_prefix_by_default(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"^x\.toml: selekt: unknown key"):
        parse_config({"selekt": []}, tmp_path / "x.toml", tmp_path, PASSES)
