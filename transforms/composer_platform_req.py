"""Ignore exactly the PHP extensions a composer stage lacks and the runtime provides.

What it does:
    For each ``composer install``/``update`` it reads the project's ``composer.json`` and, when it is
    copied in too, ``composer.lock`` from the build context, and collects every ``ext-*`` they require
    (the root ``require`` and each locked package's ``require``; dev ones unless ``--no-dev``). It works
    out which extensions the stage's PHP loads (official ``composer`` and ``php`` images, plus
    ``docker-php-ext-install``, ``docker-php-ext-enable`` and ``install-php-extensions`` in the stage and
    its parents; see ``refactor/knowledge/php_extensions.py`` for the sources) and which the runtime stage that
    receives ``vendor/`` loads. For each extension missing in the composer stage but present in the
    runtime it adds ``--ignore-platform-req=ext-X``. A blanket ``--ignore-platform-reqs`` is narrowed to
    those flags (plus ``php`` when the composer stage's PHP version cannot be shown to satisfy the
    constraints, and any ``lib-*``). An extension that the runtime lacks too is reported as an error.

Why:
    ``composer:2`` has only PHP's default extensions plus bz2 and zip, so ``composer install`` of a
    Laravel app whose lock needs ``ext-sockets`` fails with "requires ext-sockets * -> it is missing
    from your system", although the runtime image compiles sockets in. Ignoring every platform
    requirement instead hides the day the runtime really lacks one: the app then fails at run time.

Example:
    Before::

        FROM composer:2 AS vendor
        COPY composer.json composer.lock ./
        RUN composer install --no-dev --prefer-dist

        FROM php:8.2-fpm-alpine
        RUN docker-php-ext-install sockets
        COPY --from=vendor /app/vendor /var/www/vendor

    After::

        RUN composer install --no-dev --prefer-dist --ignore-platform-req=ext-sockets

Fix safety:
    Adding a precise flag is safe: only a requirement that the runtime satisfies is skipped in the
    build stage. Narrowing ``--ignore-platform-reqs`` is review: the build now checks the requirements it
    used to skip, which is the point, but it can newly fail where our view of the images is wrong.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refactor.commands import strip_wrappers
from refactor.document import Document, Instruction, Stage
from refactor.edits import Edit, Finding, Fix, Level, Safety
from refactor.images import ImageRef
from refactor.knowledge import php_extensions as phpx
from refactor.knowledge.clis import COMPOSER_SUBCOMMANDS
from refactor.knowledge.ecosystems.php import COMPOSER_VALUE_OPTIONS
from refactor.passes import Context, Pass
from refactor.project import Project, image_origin, project_context, shell_cwd, workdir_at
from refactor.rewrite import remove_word
from refactor.shell import ShellCommand, ShellScript, ShellWord, shell_of

PASS_ID = "composer-platform-req"
_BLANKET = "--ignore-platform-reqs"
_ONE = "--ignore-platform-req"


@dataclass
class Invocation:
    cmd: ShellCommand
    sub: ShellWord  # the install/update word
    kind: str  # install | update
    workdir: str | None
    no_dev: bool
    blanket: ShellWord | None
    ignored: list[str] = field(default_factory=list)  # values of --ignore-platform-req


@dataclass
class PhpView:
    """The extensions a stage's PHP loads; ``open`` when some install could add ones we cannot name."""

    exts: set[str]
    version: tuple[int, int] | None
    open: bool = False
    unknown: str = ""  # why the stage's PHP is not known at all


def run(doc: Document, ctx: Context) -> Iterator[Fix | Finding]:
    resolved = project_context(doc, ctx.path, ctx.context_dir, ctx.project)
    if resolved is None:
        return
    project, context = resolved
    for stage in doc.stages:
        for ins in stage.body():
            script = shell_of(ins)
            if script is None:
                continue
            for cmd in script.commands:
                inv = _invocation(script, cmd, workdir_at(stage, ins))
                if inv is not None:
                    yield from _check(doc, stage, ins, script, inv, context, project)


def _invocation(script: ShellScript, cmd: ShellCommand, cwd: str | None) -> Invocation | None:
    words, _ = strip_wrappers(cmd)  # sudo -u www-data, env X=1, exec… (refactor.commands)
    if not words:
        return None
    first = words[0].value.rsplit("/", 1)[-1]
    if first in ("composer", "composer.phar"):
        rest = words[1:]
    elif re.fullmatch(r"php[\d.]*", first):
        at = next((i for i, w in enumerate(words[1:], 1)
                   if w.value.rsplit("/", 1)[-1] in ("composer", "composer.phar")), None)
        if at is None:
            return None
        rest = words[at + 1:]
    else:
        return None
    workdir = shell_cwd(script.commands, cmd, cwd)
    sub: ShellWord | None = None
    i = 0
    while i < len(rest):
        v = rest[i].value
        if v in COMPOSER_VALUE_OPTIONS and i + 1 < len(rest):
            workdir = _chdir(workdir, rest[i + 1].value)
            i += 2
            continue
        if v.startswith("--working-dir="):
            workdir = _chdir(workdir, v.split("=", 1)[1])
        elif v.startswith("-d") and len(v) > 2 and not v.startswith("--"):
            workdir = _chdir(workdir, v[2:])
        elif not v.startswith("-"):
            sub = rest[i]
            break
        i += 1
    if sub is None or sub.value not in COMPOSER_SUBCOMMANDS:
        return None
    inv = Invocation(cmd, sub, COMPOSER_SUBCOMMANDS[sub.value], workdir, False, None)
    after = rest[i + 1:]
    for k, w in enumerate(after):
        v = w.value
        if v == "--":
            break
        if v in ("--no-dev", "--update-no-dev"):
            inv.no_dev = True
        elif v == _BLANKET:
            inv.blanket = w
        elif v.startswith(_ONE + "="):
            inv.ignored.append(v.split("=", 1)[1])
        elif v == _ONE and k + 1 < len(after):
            inv.ignored.append(after[k + 1].value)
    for v in after:
        if v.value in COMPOSER_VALUE_OPTIONS or v.value.startswith("--working-dir="):
            inv.workdir = None  # options after the command: keep it simple, do not guess
    return inv


def _chdir(cwd: str | None, value: str) -> str | None:
    import posixpath

    if "$" in value or "`" in value:
        return None
    if value.startswith("/"):
        return posixpath.normpath(value)
    return posixpath.normpath(posixpath.join(cwd, value)) if cwd else None


# -- the check -------------------------------------------------------------------------------------------


def _check(doc: Document, stage: Stage, ins: Instruction, script: ShellScript, inv: Invocation,
           context: Path, project: Project) -> Iterator[Fix | Finding]:
    at = inv.sub.start
    what = f"composer {inv.kind}"
    env = {**stage.env(), **{a.value.split("=", 1)[0]: a.value.split("=", 1)[1] for a in inv.cmd.assignments
                              if "=" in a.value}}
    if "COMPOSER_IGNORE_PLATFORM_REQS" in env or "COMPOSER_IGNORE_PLATFORM_REQ" in env or "COMPOSER" in env:
        yield _skip(f"{what}: left alone, platform checks are set through COMPOSER_* environment variables", at)
        return
    inv.no_dev = inv.no_dev or env.get("COMPOSER_NO_DEV", "") not in ("", "0")
    if inv.workdir is None:
        yield _skip(f"{what}: left alone, its working directory is not known", at)
        return
    json_origin = image_origin(stage, f"{inv.workdir}/composer.json", context, ins)
    if json_origin.kind != "context" or json_origin.path is None:
        why = json_origin.reason or "it is not copied from the build context"
        yield _skip(f"{what}: left alone, the required extensions are unknown: composer.json in "
                    f"{inv.workdir} is not known ({why})", at)
        return
    manifest = project.load(json_origin.path)
    if not isinstance(manifest, dict):
        yield _skip(f"{what}: left alone, {_show(json_origin.path, context)} is not valid JSON", at)
        return
    lock: Any = None
    if inv.kind == "install":
        lock_origin = image_origin(stage, f"{inv.workdir}/composer.lock", context, ins)
        if lock_origin.kind == "context" and lock_origin.path is not None:
            lock = project.load(lock_origin.path)
    required = _required(manifest, lock, inv.no_dev)
    provided_by_config = {phpx.canonical(k) for k in _dict(_dict(manifest.get("config")).get("platform"))
                          if k.startswith("ext-")}
    builder = _php_of(stage, ins, script, inv.cmd)
    if builder.unknown:
        if required["ext"]:
            yield _skip(f"{what}: left alone, {builder.unknown}", at)
        return
    missing = {x: who for x, who in required["ext"].items()
               if x not in builder.exts and x not in provided_by_config}
    runtimes = _runtimes(doc, stage, inv.workdir)
    deps_known = lock is not None
    if not runtimes:
        if missing:
            yield _skip(f"{what}: left alone, no later stage receives {inv.workdir}/vendor, so the runtime's "
                        f"extensions are unknown (missing here: {_names(missing)})", at)
        return
    flags: list[str] = []
    problems = False
    for ext in sorted(missing):
        if _already_ignored(inv, f"ext-{ext}"):
            continue
        verdict = _runtime_verdict(ext, runtimes, stage)
        who = ", ".join(sorted(missing[ext])[:3])
        if verdict == "provided":
            flags.append(f"{_ONE}=ext-{ext}")
        elif verdict.startswith("missing:"):
            problems = True
            name = verdict.split(":", 1)[1]
            if name == _stage_name(stage):
                msg = (f"ext-{ext} (required by {who}) is not installed in stage {name}: {what} fails "
                       f"there, and the app needs it at run time; install it (docker-php-ext-install {ext})")
            else:
                msg = (f"ext-{ext} (required by {who}) is missing from the runtime stage {name} too: the "
                       f"image would fail at run time; install it there (docker-php-ext-install {ext}) "
                       f"instead of ignoring the requirement")
            yield Finding(PASS_ID, msg, at, Level.ERROR)
        else:
            problems = True
            yield _skip(f"{what}: ext-{ext} is missing here, but {verdict}; not ignoring it", at)
    if inv.blanket is None:
        if flags:
            provider = ", ".join(_stage_name(r) for r in runtimes)
            exts = ", ".join(f.split("=", 1)[1] for f in flags)
            yield Fix(PASS_ID, f"ignore {exts} in the composer stage only: it is missing there and the runtime "
                      f"stage {provider} provides it", (_insert_flags(ins, inv, flags),), Safety.SAFE)
        return
    if problems:
        return
    if not deps_known:
        reason = ("composer.lock is not copied into this stage" if inv.kind == "install"
                  else "composer update resolves new versions")
        own = (f"; composer.json alone needs {', '.join(f.split('=', 1)[1] for f in flags)}, missing in this "
               f"stage and provided by the runtime stage {', '.join(_stage_name(r) for r in runtimes)}"
               if flags else "")
        yield _skip(f"{_BLANKET} kept: {reason}, so the ext-* requirements of the dependencies are unknown"
                    f"{own}", inv.blanket.start)
        return
    flags += _php_flags(required, builder, inv)
    flags += [f"{_ONE}={lib}" for lib in sorted(required["lib"]) if not _already_ignored(inv, lib)]
    text = " ".join(flags)
    edit = Edit(inv.blanket.start, inv.blanket.end, _own_lines(ins, inv.blanket, flags)) if flags \
        else remove_word(ins, inv.blanket)
    msg = (f"narrow {_BLANKET} to {text}" if flags
           else f"drop {_BLANKET}: the composer stage meets every platform requirement")
    yield Fix(PASS_ID, msg, (edit,), Safety.REVIEW)


def _skip(message: str, offset: int) -> Finding:
    return Finding(PASS_ID, message, offset, Level.SKIP)


def _show(path: Path, context: Path) -> str:
    try:
        return path.relative_to(context).as_posix()
    except ValueError:
        return str(path)


def _names(exts: dict[str, set[str]]) -> str:
    return ", ".join(f"ext-{x}" for x in sorted(exts))


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _required(manifest: dict[str, Any], lock: Any, no_dev: bool) -> dict[str, dict[str, set[str]]]:
    """``{"ext": {name: requirers}, "php": {constraint: requirers}, "lib": {...}}``."""
    out: dict[str, dict[str, set[str]]] = {"ext": {}, "php": {}, "lib": {}}
    root = str(manifest.get("name") or "composer.json")

    def add(reqs: Any, who: str) -> None:
        for key, constraint in _dict(reqs).items():
            key = str(key).lower()
            if key.startswith("ext-"):
                out["ext"].setdefault(phpx.canonical(key), set()).add(who)
            elif key == "php":
                out["php"].setdefault(str(constraint), set()).add(who)
            elif key.startswith("lib-"):
                out["lib"].setdefault(key, set()).add(who)

    add(manifest.get("require"), root)
    if not no_dev:
        add(manifest.get("require-dev"), root)
    if isinstance(lock, dict):
        sections = ["packages"] if no_dev else ["packages", "packages-dev"]
        for section in sections:
            for pkg in lock.get(section) or []:
                if isinstance(pkg, dict):
                    add(pkg.get("require"), str(pkg.get("name") or "?"))
    return out


def _already_ignored(inv: Invocation, name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, pattern.rstrip("+").lower()) for pattern in inv.ignored)


# -- PHP of a stage ------------------------------------------------------------------------------------


def _php_of(stage: Stage, before: Instruction | None, script: ShellScript | None = None,
            upto: ShellCommand | None = None) -> PhpView:
    root = ImageRef.parse(stage.root_image())
    if root.name in ("composer", "composer/composer"):
        view = PhpView(set(phpx.composer_image_defaults()), None)
    elif root.name == "php":
        version = phpx.php_tag_version(root.tag)
        view = PhpView(set(phpx.php_image_defaults(version)), version)
    else:
        return PhpView(set(), None, unknown=f"the extensions of image {stage.root_image()} are not known")
    for s in reversed(stage.lineage()):
        for ins in s.body():
            if ins is before:
                break
            _installs(ins, shell_of(ins), None, view)
        else:
            continue
        break
    if before is not None and script is not None:
        _installs(before, script, upto, view)
    return view


def _installs(ins: Instruction, script: ShellScript | None, upto: ShellCommand | None, view: PhpView) -> None:
    if ins.name == "RUN" and script is None:
        if re.search(r"docker-php-ext-(install|enable)|install-php-extensions", ins.logical.text):
            view.open = True
        return
    if ins.name in ("COPY", "ADD") and ins.flag("from") is not None:
        dest = (ins.json_args or [w.value for w in ins.words] or [""])[-1]
        if "/usr/local/lib/php" in dest or "/usr/local/etc/php" in dest:
            view.open = True
        return
    if script is None:
        return
    for cmd in script.commands:
        if cmd is upto:
            return
        argv = [w.raw for w in cmd.words]
        name = cmd.name.rsplit("/", 1)[-1]
        if name in ("docker-php-ext-install", "docker-php-ext-enable"):
            for raw in argv[1:]:
                if raw.startswith("-"):
                    continue
                if "$" in raw or "`" in raw:
                    view.open = True
                    continue
                view.exts.add(phpx.canonical(raw.strip("'\"")))
        elif name == "install-php-extensions":
            for raw in argv[1:]:
                if raw.startswith(("-", "@")):
                    continue
                if "$" in raw or "`" in raw:
                    view.open = True
                    continue
                view.exts.add(phpx.canonical(re.split(r"@|-(?=[\d^~])", raw.strip("'\""))[0]))


# -- runtime -------------------------------------------------------------------------------------------


def _runtimes(doc: Document, stage: Stage, workdir: str) -> list[Stage]:
    """Stages that receive ``workdir/vendor`` from ``stage``: by ``COPY --from`` or by building on it."""
    vendor = f"{workdir.rstrip('/')}/vendor"
    out: list[Stage] = []
    for other in doc.stages[stage.index + 1:]:
        if stage in other.lineage()[1:]:
            out.append(other)
            continue
        for ins in other.body():
            ref = ins.flag("from") if ins.name in ("COPY", "ADD") else None
            if ref is None or not ref.value or doc.stage(ref.value, before=other.index) is not stage:
                continue
            words = ins.json_args if ins.is_json else [w.value for w in ins.words]
            for src in (words or [])[:-1]:
                src = "/" + src.strip("/") if src.strip("/") not in ("", ".") else "/"
                if src == "/" or vendor == src or vendor.startswith(src + "/"):
                    out.append(other)
                    break
            if out and out[-1] is other:
                break
    if not out and stage.is_final:
        return [stage]
    final = doc.final_stage
    in_final = [s for s in out if final is not None and s in final.lineage()]
    return in_final or out


def _runtime_verdict(ext: str, runtimes: list[Stage], builder: Stage) -> str:
    """``provided``, ``missing:<stage>``, or the reason the runtime cannot be judged."""
    for rt in runtimes:
        view = _php_of(rt, None)
        if view.unknown:
            return f"the runtime stage {_stage_name(rt)} uses an image whose extensions are not known"
        if ext in view.exts:
            continue
        if view.open:
            return f"the runtime stage {_stage_name(rt)} installs extensions named by variables"
        return f"missing:{_stage_name(rt)}"
    return "provided"


def _stage_name(stage: Stage) -> str:
    return stage.name or str(stage.index)


# -- php version -----------------------------------------------------------------------------------------


def _php_flags(required: dict[str, dict[str, set[str]]], builder: PhpView, inv: Invocation) -> list[str]:
    """``--ignore-platform-req=php`` when the composer stage's PHP may not satisfy the constraints."""
    if not required["php"] or _already_ignored(inv, "php"):
        return []
    if builder.version is not None and all(_satisfied(c, builder.version) for c in required["php"]):
        return []
    return [f"{_ONE}=php"]


def _satisfied(constraint: str, version: tuple[int, int]) -> bool:
    """True when every patch release of ``version`` meets Composer ``constraint``; unknown syntax → False."""
    lows, highs = (*version, 0), (*version, 999)
    try:
        return _matches(constraint, lows) and _matches(constraint, highs)
    except ValueError:
        return False


def _matches(constraint: str, v: tuple[int, ...]) -> bool:
    return any(_match_all(part.strip(), v) for part in re.split(r"\|\|?", constraint))


def _match_all(group: str, v: tuple[int, ...]) -> bool:
    group = re.sub(r"\s*-\s+", " - ", group)
    m = re.fullmatch(r"(\S+) - (\S+)", group)
    if m:
        return _parse(m.group(1)) <= v <= _parse(m.group(2), high=True)
    atoms = [a for a in re.split(r"\s*,\s*|\s+", group) if a]
    merged: list[str] = []
    for a in atoms:  # ">= 8.1" written with a space
        if merged and re.fullmatch(r"[<>=!~^]+", merged[-1]):
            merged[-1] += a
        else:
            merged.append(a)
    return all(_atom(a, v) for a in merged)


def _parse(text: str, high: bool = False) -> tuple[int, ...]:
    text = re.sub(r"@\w+$", "", text).lstrip("v")
    text = re.sub(r"-(dev|alpha\d*|beta\d*|rc\d*|RC\d*)$", "", text)
    parts = text.split(".")
    nums: list[int] = []
    for p in parts:
        if p in ("*", "x", "X"):
            break
        if not p.isdigit():
            raise ValueError(text)
        nums.append(int(p))
    if not nums:
        raise ValueError(text)
    fill = 999 if high else 0
    return tuple((nums + [fill] * 3)[:3])


def _atom(atom: str, v: tuple[int, ...]) -> bool:
    if atom in ("*", ""):
        return True
    m = re.fullmatch(r"(>=|<=|>|<|!=|==|=|\^|~)?(.+)", atom)
    if not m:
        raise ValueError(atom)
    op, ver = m.group(1) or "", m.group(2)
    if ver.endswith((".*", ".x")) or (op == "" and ver.count(".") < 2):
        low, high = _parse(ver), _parse(ver, high=True)
        return low <= v <= high if op in ("", "=", "==") else _cmp(op, v, low)
    x = _parse(ver)
    if op == "^":
        major = x[0]
        upper = (major + 1, 0, 0) if major > 0 else (0, x[1] + 1, 0)
        return x <= v < upper
    if op == "~":
        n = len(re.sub(r"@\w+$", "", ver).split("."))
        upper = (x[0] + 1, 0, 0) if n <= 2 else (x[0], x[1] + 1, 0)
        return x <= v < upper
    return _cmp(op, v, x)


def _cmp(op: str, v: tuple[int, ...], x: tuple[int, ...]) -> bool:
    return {"": v == x, "=": v == x, "==": v == x, ">=": v >= x, "<=": v <= x, ">": v > x, "<": v < x,
            "!=": v != x}[op]


# -- edits -----------------------------------------------------------------------------------------------


def _own_lines(ins: Instruction, word: ShellWord, flags: list[str]) -> str:
    """``flags`` joined as the replaced word was laid out: one per continuation line if it had its own."""
    text = ins.doc.text
    line = next((ln for ln in ins.lines if ln.start <= word.start <= ln.end), None)
    if line is None or line is ins.lines[0] or text[line.start:word.start].strip():
        return " ".join(flags)
    indent = text[line.start:word.start]
    return f" {ins.doc.escape}{ins.doc.newline}{indent}".join(flags)


def _insert_flags(ins: Instruction, inv: Invocation, flags: list[str]) -> Edit:
    """After the command's last word; on new continuation lines when its options are one per line."""
    words = list(inv.cmd.words)
    last = inv.sub if "--" in [w.value for w in words] else words[-1]
    text = ins.doc.text
    line = next((ln for ln in ins.lines if ln.start <= last.start <= ln.end), None)
    own_line = line is not None and line is not ins.lines[0] and not text[line.start:last.start].strip()
    if own_line and line is not None and last is not inv.sub:
        indent = text[line.start:last.start]
        sep = f" {ins.doc.escape}{ins.doc.newline}{indent}"
        return Edit.insert(last.end, "".join(sep + f for f in flags))
    return Edit.insert(last.end, "".join(" " + f for f in flags))


PASS = Pass(
    id=PASS_ID,
    summary="Add --ignore-platform-req=ext-X for extensions only the runtime stage has; narrow --ignore-platform-reqs",
    safety=Safety.REVIEW,
    run=run,
    doc=__doc__ or "", cmd_ok=True)

PASSES = (PASS,)
