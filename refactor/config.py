"""Configuration files: ``[tool.dockmod]`` in pyproject.toml or a ``.dockmod.toml``, found from each file upwards.

Discovery is ruff's: the nearest folder (from the Dockerfile's own folder upwards) holding a ``.dockmod.toml``,
or a ``pyproject.toml`` with a ``[tool.dockmod]`` table, gives the file's settings — ``.dockmod.toml`` first in
the same folder; nothing is merged from folders further up. ``--config FILE`` is used for every file instead
(its globs then relative to the current folder, as ruff does); ``--isolated`` reads no file. Every key and
value is checked when a file is loaded, with each pass's own option checks (``Pass.checks``); a problem is one
ConfigError naming the file and the key.

A file's passes: the config's ``select`` (default: all) plus ``extend-select`` minus ``ignore``; then a
``--select`` on the command line replaces that; then each matching ``[[overrides]]`` entry (``select``
replaces unless ``--select`` was given, ``extend-select`` adds, ``ignore`` removes); then ``--ignore``
removes. Options: the config's ``[pass.ID]`` tables, then the matching overrides', then ``--set``; in each
layer an option that ``follows`` another (``gid`` follows ``uid``) takes its value when only that one is set.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refactor.passes import Context, Pass

CONFIG_NAMES = (".dockmod.toml", "pyproject.toml")
_RULE_KEYS = ("select", "extend-select", "ignore")
TOP_KEYS = frozenset({*_RULE_KEYS, "exclude", "extend-exclude", "pass", "overrides"})
OVERRIDE_KEYS = frozenset({*_RULE_KEYS, "paths", "pass"})

Options = dict[str, dict[str, str]]


class ConfigError(Exception):
    """A configuration file or option that cannot be used; the message is one line naming file and key."""


@dataclass(frozen=True)
class Rules:
    """One layer of settings: pass selection and pass options."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    options: Options = field(default_factory=dict)


@dataclass(frozen=True)
class Override:
    paths: tuple[str, ...]
    spec: Any  # pathspec.GitIgnoreSpec over ``paths``
    rules: Rules


@dataclass(frozen=True)
class Config:
    file: Path
    root: Path  # the folder its globs are relative to
    rules: Rules
    exclude: Any | None  # pathspec.GitIgnoreSpec, or None
    overrides: tuple[Override, ...] = ()

    def relative(self, path: Path) -> str | None:
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return None

    def excluded(self, path: Path) -> bool:
        rel = self.relative(path)
        return self.exclude is not None and rel is not None and bool(self.exclude.match_file(rel))

    def overrides_for(self, path: Path | None) -> list[Override]:
        rel = self.relative(path) if path is not None else None
        return [o for o in self.overrides if rel is not None and o.spec.match_file(rel)]


class _Checker:
    """Turns raw TOML (or ``--set``) values into checked settings, naming ``where`` in every error."""

    def __init__(self, passes: Sequence[Pass], where: str):
        self.by_id = {p.id: p for p in passes} | {a: p for p in passes for a in p.aliases}
        self.where = where

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.where}: {key}: {message}")

    def pass_ids(self, key: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "expected a list of pass ids, e.g. [\"healthcheck\"]")
        for name in value:
            if name not in self.by_id:
                raise self.fail(key, f"unknown pass id {name!r} (see 'dockmod list')")
        return tuple(self.by_id[name].id for name in value)

    def globs(self, key: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "expected a list of glob patterns, e.g. [\"legacy/\"]")
        return tuple(value)

    def options(self, key: str, value: object) -> Options:
        if not isinstance(value, dict):
            raise self.fail(key, "expected a table [pass.PASS-ID] of options")
        out: Options = {}
        for pass_id, table in value.items():
            p = self.by_id.get(pass_id)
            if p is None:
                raise self.fail(f"{key}.{pass_id}", "unknown pass id (see 'dockmod list')")
            if not isinstance(table, dict):
                raise self.fail(f"{key}.{pass_id}", "expected a table of options")
            for name, raw in table.items():
                out.setdefault(p.id, {})[name] = self.option(p, name, raw, f"{key}.{pass_id}.{name}")
        return follow(out, self.by_id.values())

    def option(self, p: Pass, name: str, raw: object, key: str) -> str:
        if name not in p.options:
            known = ", ".join(p.options) or "none"
            raise self.fail(key, f"unknown option of {p.id} (its options: {known})")
        if isinstance(raw, bool):
            text = "true" if raw else "false"
        elif isinstance(raw, int | str):
            text = str(raw)
        else:
            raise self.fail(key, f"expected a string or a number, not {type(raw).__name__}")
        try:
            return p.check_option(name, text)
        except ValueError as exc:
            raise self.fail(key, str(exc)) from None

    def rules(self, table: Mapping[str, Any], prefix: str) -> Rules:
        return Rules(select=self.pass_ids(prefix + "select", table["select"]) if "select" in table else None,
                     extend_select=self.pass_ids(prefix + "extend-select", table.get("extend-select", [])),
                     ignore=self.pass_ids(prefix + "ignore", table.get("ignore", [])),
                     options=self.options(prefix + "pass", table.get("pass", {})))


def follow(options: Options, passes: Iterable[Pass]) -> Options:
    """``options`` where an option that follows another takes its value when only the other is set."""
    for p in passes:
        given = options.get(p.id)
        for follower, leader in p.follows.items():
            if given and leader in given and follower not in given:
                given[follower] = given[leader]
    return options


def parse_config(data: Mapping[str, Any], file: Path, root: Path, passes: Sequence[Pass], prefix: str = "") -> Config:
    """The checked settings of one file's ``[tool.dockmod]`` table (``prefix`` is how its keys are named)."""
    import pathspec

    check = _Checker(passes, str(_shown(file)))
    for key in data:
        if key not in TOP_KEYS:
            raise check.fail(prefix + key, f"unknown key (known: {', '.join(sorted(TOP_KEYS))})")
    patterns = check.globs(prefix + "exclude", data.get("exclude", []))
    patterns += check.globs(prefix + "extend-exclude", data.get("extend-exclude", []))
    overrides = []
    raw_overrides = data.get("overrides", [])
    if not isinstance(raw_overrides, list):
        raise check.fail(prefix + "overrides", "expected an array of tables [[overrides]]")
    for i, entry in enumerate(raw_overrides):
        at = f"{prefix}overrides[{i}]."
        if not isinstance(entry, dict):
            raise check.fail(at[:-1], "expected a table")
        for key in entry:
            if key not in OVERRIDE_KEYS:
                raise check.fail(at + key, f"unknown key (known: {', '.join(sorted(OVERRIDE_KEYS))})")
        if "paths" not in entry:
            raise check.fail(at + "paths", "missing: the globs this override applies to")
        paths = check.globs(at + "paths", entry["paths"])
        overrides.append(Override(paths, pathspec.GitIgnoreSpec.from_lines(paths), check.rules(entry, at)))
    return Config(file, Path(os.path.abspath(root)), check.rules(data, prefix),
                  pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None, tuple(overrides))


def load_config(file: Path, passes: Sequence[Pass], root: Path | None = None) -> Config | None:
    """The settings in ``file``; None for a pyproject.toml without ``[tool.dockmod]``."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{_shown(file)}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    import tomllib  # here, not at the top: most runs find no configuration file

    is_pyproject = file.name == "pyproject.toml"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if is_pyproject and "tool.dockmod" not in text:
            return None  # someone else's broken file: not ours to judge
        raise ConfigError(f"{_shown(file)}: invalid TOML: {exc}") from None
    if is_pyproject:
        table = data.get("tool", {}).get("dockmod")
        if table is None:
            return None
        prefix = "tool.dockmod."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{_shown(file)}: {prefix.rstrip('.') or 'top level'}: expected a table")
    return parse_config(table, file, root or file.parent, passes, prefix)


def _shown(path: Path) -> str:
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


class Settings:
    """Per-file passes and options from configuration files and the command line (see the module doc)."""

    def __init__(self, passes: Sequence[Pass], select: Sequence[str] | None = None, ignore: Sequence[str] = (),
                 options: Options | None = None, config: Path | None = None, isolated: bool = False):
        self.passes = tuple(passes)
        self.select = tuple(select) if select else None
        self.ignore = tuple(ignore)
        self.cli_options = options or {}
        self.isolated = isolated
        self.fixed = load_config(config, passes, Path.cwd()) if config is not None else None
        if config is not None and self.fixed is None:
            raise ConfigError(f"{_shown(config)}: no [tool.dockmod] table")
        self._nearest: dict[Path, Config | None] = {}

    def config_for(self, path: Path | None) -> Config | None:
        """The settings that apply to ``path`` (None: the current folder, as for stdin)."""
        if self.fixed is not None or self.isolated:
            return self.fixed
        folder = Path(os.path.abspath(path.parent if path is not None else Path.cwd()))
        return self._find(folder)

    def _find(self, folder: Path) -> Config | None:
        if folder in self._nearest:
            return self._nearest[folder]
        found: Config | None = None
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                found = load_config(candidate, self.passes)
                if found is not None:
                    break
        if found is None and folder.parent != folder:
            found = self._find(folder.parent)
        self._nearest[folder] = found
        return found

    def preload(self, files: Iterable[Path | None]) -> set[str]:
        """Load (and so check) every configuration ``files`` use, before any of them is read; the ids of the
        passes enabled for at least one of them (None: standard input)."""
        enabled: set[str] = set()
        for path in files:
            enabled |= self.resolve(path)[0]
        return enabled

    def excluded(self, path: Path) -> bool:
        cfg = self.config_for(path)
        return cfg is not None and cfg.excluded(path)

    def resolve(self, path: Path | None) -> tuple[frozenset[str], Options]:
        """The ids of the passes to run on ``path`` and their options."""
        cfg = self.config_for(path)
        layers = [cfg.rules, *(o.rules for o in cfg.overrides_for(path))] if cfg else []
        enabled = [p.id for p in self.passes]
        options: Options = {}
        if layers:
            base = layers[0]
            enabled = list(base.select) if base.select is not None else enabled
            enabled = [i for i in [*enabled, *base.extend_select] if i not in base.ignore]
        if self.select is not None:
            enabled = list(self.select)
        for layer in layers:
            if layer is not layers[0]:
                if layer.select is not None and self.select is None:
                    enabled = list(layer.select)
                enabled = [i for i in [*enabled, *layer.extend_select] if i not in layer.ignore]
            _merge(options, layer.options)
        _merge(options, self.cli_options)
        return frozenset(i for i in enabled if i not in self.ignore), options

    def apply(self, ctx: Context, passes: Sequence[Pass]) -> tuple[list[Pass], Context]:
        """``passes`` narrowed to those enabled for ``ctx.path``, and a context with that file's options."""
        enabled, options = self.resolve(ctx.path)
        return [p for p in passes if p.id in enabled], replace(ctx, options=options, settings=None)


def _merge(into: Options, layer: Options) -> None:
    for pass_id, values in layer.items():
        into.setdefault(pass_id, {}).update(values)
