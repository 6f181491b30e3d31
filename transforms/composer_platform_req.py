"""Ignore exactly the PHP extensions a composer stage lacks and the runtime provides.

What it does
    For each ``composer install``/``update`` it collects the ``ext-*`` that ``composer.json`` and a copied
    ``composer.lock`` require, and adds ``--ignore-platform-req=ext-X`` for each one the composer stage's PHP
    lacks and the runtime stage that receives ``vendor/`` loads; a blanket ``--ignore-platform-reqs`` is
    narrowed to those flags (plus ``php`` and ``lib-*`` where needed). An extension the runtime lacks too is
    reported as an error.

Skips
    The extensions a stage loads come from the official ``composer`` and ``php`` images (see
    ``refactor/knowledge/php_extensions.py`` for the sources) plus ``docker-php-ext-install``,
    ``docker-php-ext-enable`` and ``install-php-extensions`` in the stage and its parents; requirements are
    the root ``require`` and each locked package's (dev ones unless ``--no-dev``/``COMPOSER_NO_DEV``). Left
    alone, with a reason: platform checks set through ``COMPOSER_IGNORE_PLATFORM_REQ(S)``/``COMPOSER``; a
    working directory or ``composer.json`` not known from the build context (or not valid JSON); a stage
    whose image's extensions are unknown; no later stage receiving ``vendor/``; a runtime installing
    extensions named by variables; and a blanket ``--ignore-platform-reqs`` when ``composer.lock`` is not
    copied (or for ``update``), since the dependencies' requirements are then unknown. ``php`` is added to
    the narrowed flags when the composer stage's PHP version cannot be shown to satisfy the constraints.

Why
    ``composer:2`` has only PHP's default extensions plus bz2 and zip, so ``composer install`` of a
    Laravel app whose lock needs ``ext-sockets`` fails with "requires ext-sockets * -> it is missing
    from your system", although the runtime image compiles sockets in. Ignoring every platform
    requirement instead hides the day the runtime really lacks one: the app then fails at run time.

Example
    Before::

        FROM composer:2 AS vendor
        COPY composer.json composer.lock ./
        RUN composer install --no-dev --prefer-dist

        FROM php:8.2-fpm-alpine
        RUN docker-php-ext-install sockets
        COPY --from=vendor /app/vendor /var/www/vendor

    After::

        RUN composer install --no-dev --prefer-dist --ignore-platform-req=ext-sockets

Fix safety
    Adding a precise flag is safe: only a requirement that the runtime satisfies is skipped in the
    build stage. Narrowing ``--ignore-platform-reqs`` is review: the build now checks the requirements it
    used to skip, which is the point, but it can newly fail where our view of the images is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from refactor.document import Document, Instruction, Stage
from refactor.edits import Edit, Finding, Fix, Level, Safety
from refactor.knowledge import php_extensions as phpx
from refactor.model import model_of
from refactor.passes import Context, Pass
from refactor.project import Project, commands_in_context, image_origin
from refactor.rewrite import remove_word
from refactor.shell import ShellScript
from transforms.composer.constraints import satisfied
from transforms.composer.edits import insert_flags, own_lines
from transforms.composer.invocation import BLANKET, ONE, Invocation, already_ignored, invocation
from transforms.composer.php_view import PhpView, php_of, runtime_stages, runtime_verdict, stage_name

PASS_ID = "composer-platform-req"


def run(doc: Document, ctx: Context) -> Iterator[Fix | Finding]:
    for project, context, stage, ins, script, cmd in commands_in_context(doc, ctx.path, ctx.context_dir,
                                                                          ctx.project):
        inv = invocation(script, cmd, model_of(stage).workdir_at(ins))
        if inv is not None:
            yield from _check(doc, stage, ins, script, inv, context, project)


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
    builder = php_of(stage, ins, script, inv.cmd)
    if builder.unknown:
        if required["ext"]:
            yield _skip(f"{what}: left alone, {builder.unknown}", at)
        return
    missing = {x: who for x, who in required["ext"].items()
               if x not in builder.exts and x not in provided_by_config}
    runtimes = runtime_stages(doc, stage, inv.workdir)
    deps_known = lock is not None
    if not runtimes:
        if missing:
            yield _skip(f"{what}: left alone, no later stage receives {inv.workdir}/vendor, so the runtime's "
                        f"extensions are unknown (missing here: {_names(missing)})", at)
        return
    flags: list[str] = []
    problems = False
    for ext in sorted(missing):
        if already_ignored(inv, f"ext-{ext}"):
            continue
        verdict = runtime_verdict(ext, runtimes, stage)
        who = ", ".join(sorted(missing[ext])[:3])
        if verdict == "provided":
            flags.append(f"{ONE}=ext-{ext}")
        elif verdict.startswith("missing:"):
            problems = True
            name = verdict.split(":", 1)[1]
            if name == stage_name(stage):
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
            exts = [f.split("=", 1)[1].removeprefix("ext-") for f in flags]
            yield Fix(PASS_ID, f"ignore {', '.join(f'ext-{x}' for x in exts)} in the composer stage only: "
                      f"{_evidence(exts, missing, stage, builder, runtimes)}", (insert_flags(ins, inv, flags),),
                      Safety.SAFE)
        return
    if problems:
        return
    if not deps_known:
        reason = ("composer.lock is not copied into this stage" if inv.kind == "install"
                  else "composer update resolves new versions")
        own = (f"; composer.json alone needs {', '.join(f.split('=', 1)[1] for f in flags)}, missing in this "
               f"stage and provided by the runtime stage {', '.join(stage_name(r) for r in runtimes)}"
               if flags else "")
        yield _skip(f"{BLANKET} kept: {reason}, so the ext-* requirements of the dependencies are unknown"
                    f"{own}", inv.blanket.start)
        return
    exts = [f.split("=", 1)[1].removeprefix("ext-") for f in flags]
    php = _php_flags(required, builder, inv)
    libs = [f"{ONE}={lib}" for lib in sorted(required["lib"]) if not already_ignored(inv, lib)]
    flags += php + libs
    text = " ".join(flags)
    edit = Edit(inv.blanket.start, inv.blanket.end, own_lines(ins, inv.blanket, flags)) if flags \
        else remove_word(ins, inv.blanket)
    why = ["checked composer.json and the copied composer.lock"]
    if exts:
        why.append(_evidence(exts, missing, stage, builder, runtimes))
    if php:
        why.append(_php_reason(required, builder))
    if libs:
        why.append(f"lib-* requirements ({', '.join(sorted(required['lib']))}) are not checked here")
    msg = (f"narrow {BLANKET} to {text}: {'; '.join(why)}" if flags
           else f"drop {BLANKET}: stage {stage_name(stage)} meets every platform requirement of composer.json and "
                f"the copied composer.lock ({builder.image}, plus what the stage installs)")
    yield Fix(PASS_ID, msg, (edit,), Safety.REVIEW)


def _evidence(exts: list[str], missing: dict[str, set[str]], stage: Stage, builder: PhpView,
              runtimes: list[Stage]) -> str:
    """Why ignoring ``exts`` in the composer stage is right: who requires each, that the composer stage's PHP
    lacks them (and where that fact comes from), and where each runtime stage gets them."""
    required = "; ".join(f"ext-{x} is required by {', '.join(sorted(missing[x])[:3])}" for x in exts)
    them = "it" if len(exts) == 1 else "them"
    installs = "does not install it" if len(exts) == 1 else "installs none of them"
    parts = [required, f"stage {stage_name(stage)} lacks {them} ({builder.image}, and the stage {installs})"]
    for rt in runtimes:
        view = php_of(rt, None)
        by_source: dict[str, list[str]] = {}
        for x in exts:
            by_source.setdefault(view.source(x), []).append(f"ext-{x}")
        where = "; ".join(f"{', '.join(names)}: {src}" for src, names in by_source.items())
        parts.append(f"the runtime stage {stage_name(rt)} has {them} ({where})")
    return "; ".join(parts)


def _php_reason(required: dict[str, dict[str, set[str]]], builder: PhpView) -> str:
    constraints = ", ".join(sorted(required["php"]))
    if builder.version is None:
        return f"php {constraints} kept ignored: the composer stage's PHP version is not known from its image tag"
    return f"php {constraints} kept ignored: PHP {builder.version[0]}.{builder.version[1]} may not satisfy it"


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


# -- PHP of a stage ------------------------------------------------------------------------------------


# -- runtime -------------------------------------------------------------------------------------------


# -- php version -----------------------------------------------------------------------------------------


def _php_flags(required: dict[str, dict[str, set[str]]], builder: PhpView, inv: Invocation) -> list[str]:
    """``--ignore-platform-req=php`` when the composer stage's PHP may not satisfy the constraints."""
    if not required["php"] or already_ignored(inv, "php"):
        return []
    if builder.version is not None and all(satisfied(c, builder.version) for c in required["php"]):
        return []
    return [f"{ONE}=php"]


# -- edits -----------------------------------------------------------------------------------------------


PASS = Pass(PASS_ID,
            "Add --ignore-platform-req=ext-X for extensions only the runtime stage has; narrow --ignore-platform-reqs",
            Safety.REVIEW, run, __doc__ or "", cmd_ok=True, triggers=("composer",))

PASSES = (PASS,)
