"""What a pass is: a stable id, a safety, a summary, options, and a function from document to fixes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from refactor import lazy_re
from refactor.edits import Finding, Fix, Safety

if TYPE_CHECKING:
    from refactor.config import Settings
    from refactor.document import Document
    from refactor.project import Project


# -- option checks: each takes the user's text and returns it normalised, or raises ValueError saying why --
Check = Callable[[str], str]

_NAME = lazy_re.compile(r"[a-z_][a-z0-9_-]*")
# Go's time.ParseDuration units, as Docker reads HEALTHCHECK --interval/--timeout/--start-period.
_DURATION = lazy_re.compile(r"(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+")


def integer(minimum: int = 0, maximum: int | None = None, what: str = "an integer") -> Check:
    def check(raw: str) -> str:
        try:
            value = int(raw.strip())
        except ValueError:
            raise ValueError(f"{raw!r} is not {what}") from None
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"{minimum}-{maximum}" if maximum is not None else f"≥ {minimum}"
            raise ValueError(f"{raw!r} is not {what} ({bounds})")
        return str(value)
    return check


def id_number(raw: str) -> str:
    """A uid or gid: an integer ≥ 1 (0 is root, which a non-root user must not be)."""
    if raw.strip() == "0":
        raise ValueError("0 is root; a non-root user needs an id ≥ 1")
    return integer(1, 2**32 - 2, "an integer id")(raw)


port = integer(1, 65535, "a port")


def optional(check: Check) -> Check:
    """``check``, but the empty string (the pass decides) is allowed."""
    return lambda raw: raw if raw.strip() == "" else check(raw)


def duration(raw: str) -> str:
    if not _DURATION.fullmatch(raw.strip()):
        raise ValueError(f"{raw!r} is not a duration like 30s, 1m or 1m30s")
    return raw.strip()


def account_name(raw: str) -> str:
    if not _NAME.fullmatch(raw):
        raise ValueError(f"{raw!r} is not a user or group name (^[a-z_][a-z0-9_-]*$)")
    return raw


def http_path(raw: str) -> str:
    if any(c.isspace() for c in raw) or "://" in raw:
        raise ValueError(f"{raw!r} is not a URL path like /health")
    return raw


def package_word(raw: str) -> str:
    """One shell word naming a package or virtual package (``.build-deps``)."""
    if not re.fullmatch(r"[A-Za-z0-9._+-]+", raw):
        raise ValueError(f"{raw!r} is not a package name like .build-deps")
    return raw


def boolean(raw: str) -> str:
    low = raw.strip().lower()
    if low in ("1", "true", "yes", "on"):
        return "true"
    if low in ("0", "false", "no", "off"):
        return "false"
    raise ValueError(f"{raw!r} is not true or false")


def default_check(default: Any) -> Check:
    """The check an option without a declared one gets, from its default's type."""
    if isinstance(default, bool):
        return boolean
    if isinstance(default, int):
        return integer()
    return str


@dataclass
class Context:
    """What a pass may know beyond the Dockerfile: its path, the user's options, the project around it."""

    path: Path | None = None
    options: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    project: Project | None = None
    context_dir: Path | None = None  # --context given by the user
    settings: Settings | None = None  # configuration files: per-file passes and options (refactor/config.py)

    def option(self, pass_: Pass, key: str) -> Any:
        """The user's value for ``pass_.id``'s option ``key``, coerced to the default's type.

        An option that ``follows`` another one takes that one's value when only the other is set.
        """
        default = pass_.options[key]
        given = self.options.get(pass_.id, {})
        raw = given.get(key)
        if raw is None and key in pass_.follows:
            raw = given.get(pass_.follows[key])
        if raw is None:
            return default
        if isinstance(default, bool):
            return raw.lower() in ("1", "true", "yes", "on")
        return type(default)(raw)


Result = Fix | Finding
_EMPTY: Mapping[str, Any] = MappingProxyType({})  # the default of a Pass's options, checks and follows


class Pass(NamedTuple):
    """A transform. ``run`` returns fixes and findings; it never writes, prints or exits.

    ``options`` are the defaults; ``checks`` validate the user's values for them (a key without a check
    gets one from its default's type); ``follows`` maps an option to the one whose value it takes when only
    that one is set (``gid`` follows ``uid``). ``hadolint``: the hadolint codes this pass fixes, so
    ``# hadolint ignore=CODE`` suppresses it too. ``triggers``: lower-case words one of which any file the pass
    reports on (a fix or a finding) contains, such as the tool it is about; a file with none of them is not
    given to it (a speed-up only: None, the default, runs it on every file).
    """

    id: str
    summary: str
    safety: Safety
    run: Callable[[Document, Context], Iterable[Result]]
    doc: str
    options: Mapping[str, Any] = _EMPTY
    aliases: tuple[str, ...] = ()
    cmd_ok: bool = False  # its RUN edits are also valid under Windows ``cmd`` (never under PowerShell)
    checks: Mapping[str, Check] = _EMPTY
    follows: Mapping[str, str] = _EMPTY
    hadolint: tuple[str, ...] = ()
    triggers: tuple[str, ...] | None = None

    def may_act(self, doc: Document) -> bool:
        """False when ``doc`` has none of the ``triggers``: the pass would report nothing on it."""
        return self.triggers is None or any(t in doc.search_text for t in self.triggers)

    def __call__(self, doc: Document, ctx: Context) -> list[Result]:
        from refactor.shells import guard_shells

        return list(guard_shells(doc, self.run(doc, ctx), self.cmd_ok))

    def check_option(self, key: str, raw: str) -> str:
        """``raw`` normalised for option ``key``; ValueError saying why it is not a valid value."""
        return self.checks.get(key, default_check(self.options[key]))(raw)
