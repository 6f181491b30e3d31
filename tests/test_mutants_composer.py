"""composer-platform-req's helpers (transforms/composer/) on shapes its golden cases do not pin down: Composer
version constraints against a PHP minor version, reading a ``composer install`` command, and where its flags go.
Every run of the pass asserts that it raised nothing (the applier turns a raising pass into an internal error)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refactor.applier import transform
from refactor.document import parse as parse_dockerfile
from refactor.knowledge import php_extensions as phpx
from refactor.passes import Context
from refactor.project import Project
from refactor.shell import shell_of
from transforms.composer.constraints import atom, cmp, parse, satisfied
from transforms.composer.invocation import already_ignored, chdir, invocation
from transforms.composer.php_view import PhpView, php_of, runtime_stages, runtime_verdict
from transforms.composer_platform_req import PASS

# -- constraints (getcomposer.org/doc/articles/versions.md) ------------------------------------------------------


@pytest.mark.parametrize(("constraint", "version", "ok"), [
    ("^8.1", (8, 2), True), ("^8.1", (8, 1), True), ("^8.1", (8, 0), False), ("^8.1", (9, 0), False),
    ("^8", (8, 3), True), ("^8", (7, 4), False),
    ("^0.3", (0, 3), True), ("^0.3", (0, 4), False),  # below 1.0 the caret keeps the minor
    ("^1.2", (1, 5), True), ("^1.2", (2, 0), False),
    (">8.1.0", (8, 1), False), ("<8.1.1000", (8, 1), True),  # every patch release: 8.1.0 up to 8.1.999
    ("~8.1", (8, 3), True), ("~8.1", (9, 0), False), ("~8.1", (8, 0), False),
    ("~8.1.0", (8, 1), True), ("~8.1.0", (8, 2), False),  # three parts: only patch releases
    ("~8.1@dev", (8, 3), True),
    (">=8.1", (8, 2), True), (">=8.1", (8, 1), True), (">=8.1", (8, 0), False), (">= 8.1", (8, 2), True),
    (">8.0", (8, 1), True), (">8.1", (8, 1), False),
    ("<8.3", (8, 2), True), ("<8.3", (8, 3), False), ("<=8.3.0", (8, 3), False), ("<=8.4", (8, 3), True),
    ("<=8.2", (8, 2), False),  # <=8.2 is <=8.2.0: 8.2.5 does not meet it
    (">=8.1 <8.3", (8, 2), True), (">=8.1 <8.3", (8, 3), False), (">=8.1,<8.2", (8, 1), True),
    (">=8.1, <8.2", (8, 2), False),
    ("8.1.*", (8, 1), True), ("8.1.*", (8, 2), False), ("8.*", (8, 3), True), ("8.*", (7, 4), False),
    ("8.1.x", (8, 1), True), ("8.x", (8, 1), True), ("8.1.X", (8, 2), False),
    # an exact version is one release (Composer normalizes 8.1 to 8.1.0.0): not every 8.1.x meets it
    ("8.1", (8, 1), False), ("8.1", (8, 2), False), ("8", (8, 2), False), ("8.1.5", (8, 1), False),
    ("=8.2", (8, 2), False), ("==8.2", (8, 2), False), ("=8.2.*", (8, 2), True), ("==8.2.*", (8, 3), False),
    ("!=8.1.*", (8, 1), False), ("!=8.1.*", (8, 2), True), (">=8.1.*", (8, 2), True), ("<8.2.*", (8, 2), False),
    ("8.1 - 8.3", (8, 2), True), ("8.1 - 8.3", (8, 3), True), ("8.1 - 8.3", (8, 4), False),
    ("8.1 - 8.3", (8, 0), False), ("8.1 -  8.3", (8, 2), True), ("8.1 - 8.3", (8, 1), True),
    ("==8.2.*", (8, 2), True),
    ("^7.4 || ^8.0", (8, 2), True), ("^7.4 || ^8.0", (7, 4), True), ("^7.4|^8.0", (8, 2), True),
    ("^7.4 || ^8.0", (7, 3), False), ("^7.2 || ~8.0.0", (8, 1), False),
    ("*", (8, 2), True), ("", (8, 2), True),
    (">=8.1-dev", (8, 1), True), (">=8.2-RC1", (8, 2), True), (">=8.2-beta2", (8, 2), True),
    (">=8.2-alpha", (8, 1), False), (">=v8.1", (8, 2), True), ("^8.1@stable", (8, 2), True),
    ("dev-master", (8, 2), False), ("@stable", (8, 2), False), (">=8.1 foo", (8, 2), False),
])
def test_satisfied(constraint: str, version: tuple[int, int], ok: bool) -> None:
    assert satisfied(constraint, version) is ok


@pytest.mark.parametrize(("text", "high", "parsed"), [
    ("8.1", False, (8, 1, 0)), ("8.1", True, (8, 1, 999)), ("8", False, (8, 0, 0)), ("8", True, (8, 999, 999)),
    ("8.x", False, (8, 0, 0)), ("8.X", True, (8, 999, 999)), ("8.1.*", True, (8, 1, 999)),
    ("8.1.2.3", False, (8, 1, 2)), ("v8.1.2", False, (8, 1, 2)), ("8.1.2@dev", False, (8, 1, 2)),
    ("8.2.0-RC3", False, (8, 2, 0)), ("8.2.0-rc1", False, (8, 2, 0)), ("8.2-beta", False, (8, 2, 0)),
    ("8.2-alpha1", False, (8, 2, 0)), ("8.2-dev", False, (8, 2, 0)),
])
def test_parse(text: str, high: bool, parsed: tuple[int, ...]) -> None:
    assert parse(text, high=high) == parsed


@pytest.mark.parametrize("text", ["*", "x", "8.1a", "8.1-patch1", "", "dev-main"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse(text)


def test_atom_any() -> None:
    assert atom("*", (1, 0, 0)) and atom("", (1, 0, 0))


@pytest.mark.parametrize(("constraint", "version", "ok"), [
    # the upper bounds are exclusive and end at .0
    ("^8.1", (9, 0, 0), False), ("^8.1", (8, 99, 999), True), ("^0.3", (0, 4, 0), False),
    ("^0.3", (0, 3, 999), True), ("~8.1", (9, 0, 0), False), ("~8.1.0", (8, 2, 0), False),
    ("~8.1.0", (8, 1, 999), True),
])
def test_atom_upper_bounds(constraint: str, version: tuple[int, int, int], ok: bool) -> None:
    assert atom(constraint, version) is ok


@pytest.mark.parametrize(("op", "results"), [
    ("", (False, True, False)), ("=", (False, True, False)), ("==", (False, True, False)),
    (">=", (False, True, True)), ("<=", (True, True, False)), (">", (False, False, True)), ("<", (True, False, False)),
    ("!=", (True, False, True)),
])
def test_cmp(op: str, results: tuple[bool, bool, bool]) -> None:
    x = (8, 1, 0)
    assert tuple(cmp(op, v, x) for v in ((8, 0, 9), (8, 1, 0), (8, 1, 1))) == results


# -- reading the command (transforms.composer.invocation) --------------------------------------------------------


def _invocation(run: str, cwd: str | None = "/app"):
    doc = parse_dockerfile(f"FROM composer:2\n{run}\n")
    script = shell_of(doc.instructions[-1])
    assert script is not None
    found = [inv for cmd in script.commands if (inv := invocation(script, cmd, cwd)) is not None]
    return found[0] if found else None


@pytest.mark.parametrize(("run", "kind", "workdir", "no_dev", "blanket", "ignored"), [
    ("RUN composer install", "install", "/app", False, False, []),
    ("RUN composer i --no-dev", "install", "/app", True, False, []),
    ("RUN composer update --update-no-dev", "update", "/app", True, False, []),
    ("RUN composer u", "update", "/app", False, False, []),
    ("RUN composer upgrade", "update", "/app", False, False, []),
    ("RUN /usr/bin/composer.phar install", "install", "/app", False, False, []),
    ("RUN php composer.phar install", "install", "/app", False, False, []),
    ("RUN php8.2 /usr/local/bin/composer install", "install", "/app", False, False, []),
    ("RUN php -d memory_limit=-1 /usr/bin/composer install", "install", "/app", False, False, []),
    ("RUN sudo -u www-data composer install", "install", "/app", False, False, []),
    ("RUN composer --no-interaction install --ignore-platform-reqs", "install", "/app", False, True, []),
    ("RUN composer install --ignore-platform-req=ext-gd --ignore-platform-req ext-intl", "install", "/app", False,
     False, ["ext-gd", "ext-intl"]),
    ("RUN composer install --ignore-platform-req", "install", "/app", False, False, []),  # no value: nothing
    ("RUN composer install -- --no-dev --ignore-platform-reqs", "install", "/app", False, False, []),
    ("RUN composer -d /srv/app install", "install", "/srv/app", False, False, []),
    ("RUN composer -d backend install", "install", "/app/backend", False, False, []),
    ("RUN composer --working-dir backend install", "install", "/app/backend", False, False, []),
    ("RUN composer --working-dir=/srv/app install", "install", "/srv/app", False, False, []),
    ("RUN composer -d/srv/app install", "install", "/srv/app", False, False, []),
    ("RUN composer -d $APP install", "install", None, False, False, []),
    ("RUN composer -d `pwd` install", "install", None, False, False, []),
    ("RUN cd api && composer install", "install", "/app/api", False, False, []),
    ("RUN composer install --working-dir=/srv/app", "install", None, False, False, []),  # options after it
    ("RUN composer install -d /srv/app", "install", None, False, False, []),
    # the value of an attached -d or --working-dir= is relative to the RUN's directory, and is all of the word
    # after the option (a folder name may hold "=")
    ("RUN composer -dbackend install", "install", "/app/backend", False, False, []),
    ("RUN composer -da install", "install", "/app/a", False, False, []),
    ("RUN composer --working-dir=backend install", "install", "/app/backend", False, False, []),
    ("RUN composer --working-dir=/srv/a=b install", "install", "/srv/a=b", False, False, []),
    # several global options before the command, the working directory among them
    ("RUN composer -d /srv/app --no-interaction install", "install", "/srv/app", False, False, []),
    ("RUN composer --no-interaction -d /srv/app install", "install", "/srv/app", False, False, []),
    ("RUN composer --no-interaction --ansi -q install", "install", "/app", False, False, []),
    # a cd after the command does not move it
    ("RUN composer install && cd /tmp", "install", "/app", False, False, []),
    ("RUN cd api && composer install && cd /tmp", "install", "/app/api", False, False, []),
    ("RUN composer install --ignore-platform-req=ext-a=b", "install", "/app", False, False, ["ext-a=b"]),
])
def test_invocation(run: str, kind: str, workdir: str | None, no_dev: bool, blanket: bool,
                    ignored: list[str]) -> None:
    inv = _invocation(run)
    assert inv is not None
    assert (inv.kind, inv.workdir, inv.no_dev, inv.blanket is not None, inv.ignored) == (kind, workdir, no_dev,
                                                                                         blanket, ignored)
    assert inv.sub.value in ("install", "i", "update", "u", "upgrade")
    if blanket:
        assert inv.blanket is not None and inv.blanket.value == "--ignore-platform-reqs"


@pytest.mark.parametrize("run", [
    "RUN composer require monolog/monolog", "RUN composer dump-autoload --optimize", "RUN composer",
    "RUN php artisan install", "RUN php -r 'copy(\"https://getcomposer.org/installer\", \"setup.php\");'",
    "RUN npm install", "RUN composer --working-dir", "RUN env",
    "RUN composer -d install",  # "install" is -d's value: no command follows
])
def test_not_an_invocation(run: str) -> None:
    assert _invocation(run) is None


def test_relative_working_dir_needs_a_known_cwd() -> None:
    inv = _invocation("RUN composer -d backend install", cwd=None)
    assert inv is not None and inv.workdir is None
    assert chdir(None, "/srv") == "/srv" and chdir("/app", "../srv/") == "/srv" and chdir(None, "srv") is None


@pytest.mark.parametrize(("ignored", "name", "hit"), [
    (["ext-gd"], "ext-gd", True), (["ext-gd"], "ext-intl", False), (["ext-*"], "ext-intl", True),
    (["EXT-GD"], "ext-gd", True), (["php+"], "php", True), (["php"], "php-64bit", False), ([], "php", False),
    (["EXT-SPHINX"], "ext-sphinx", True), (["EXT-SPHINX+"], "ext-sphinx", True),
])
def test_already_ignored(ignored: list[str], name: str, hit: bool) -> None:
    inv = _invocation("RUN composer install")
    assert inv is not None
    inv.ignored = ignored
    assert already_ignored(inv, name) is hit


# -- the whole pass (transforms/composer_platform_req.py with php_view.py and edits.py) ------------------------

_VENDOR = "FROM composer:2 AS vendor\nWORKDIR /app\nCOPY composer.json composer.lock ./\n"
_RUNTIME = ("FROM php:8.2-fpm-alpine\nRUN docker-php-ext-install sockets\n"
            "COPY --from=vendor /app/vendor /var/www/vendor\n")
_COMPOSER_IMAGE = ("image composer:2: the official composer image loads php:8-alpine's default extensions plus bz2 and "
                   "zip (refactor/knowledge/php_extensions.py)")
_IGNORE_SOCKETS = ("ignore ext-sockets in the composer stage only: ext-sockets is required by acme/app; stage vendor "
                   f"lacks it ({_COMPOSER_IMAGE}, and the stage does not install it); the runtime stage 1 has it "
                   "(ext-sockets: docker-php-ext-install at line 7)")


def _composer(tmp_path: Path, dockerfile: str, require: dict[str, str] | None = None, lock: object = None,
              **manifest: object):
    """The pass over ``dockerfile`` in a build context with composer.json (name acme/app, ``require``, the other
    ``manifest`` keys; ``require_dev`` is require-dev) and, when given, ``lock`` as composer.lock."""
    data: dict[str, object] = {"name": "acme/app", "require": require or {"php": "^8.2", "ext-sockets": "*"}}
    if "require_dev" in manifest:
        data["require-dev"] = manifest.pop("require_dev")
    data.update(manifest)
    (tmp_path / "composer.json").write_text(json.dumps(data))
    if lock is not None:
        (tmp_path / "composer.lock").write_text(json.dumps(lock))
    (tmp_path / "Dockerfile").write_text(dockerfile)
    out = transform(dockerfile, [PASS], Context(path=tmp_path / "Dockerfile", project=Project()))
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


def _reports(out) -> list[tuple[int, str, str]]:
    return ([(r.line, r.item.safety.value, r.item.message) for r in out.fixes]
            + [(r.line, r.item.level.value, r.item.message) for r in out.findings])


@pytest.mark.parametrize(("dockerfile", "new_run", "reports", "kw"), [
    (_VENDOR + "RUN composer install --no-dev\n\n" + _RUNTIME,
     "RUN composer install --no-dev --ignore-platform-req=ext-sockets", [(4, "safe", _IGNORE_SOCKETS)], {}),
    (_VENDOR + "RUN COMPOSER_NO_DEV=1 composer install\n\n" + _RUNTIME,
     "RUN COMPOSER_NO_DEV=1 composer install --ignore-platform-req=ext-sockets", [(4, "safe", _IGNORE_SOCKETS)],
     {"require_dev": {"ext-xdebug": "*"}}),
    (_VENDOR + "ENV COMPOSER_NO_DEV=0\nRUN composer install\n\n" + _RUNTIME, None,
     [(5, "error", "ext-xdebug (required by acme/app) is missing from the runtime stage 1 too: the image would "
                   "fail at run time; install it there (docker-php-ext-install xdebug) instead of ignoring the "
                   "requirement")],
     {"require_dev": {"ext-xdebug": "*"}, "require": {"ext-json": "*"}}),
    (_VENDOR + "RUN composer install --no-dev\n\nFROM php:8.2-fpm-alpine\nCOPY --from=vendor /app/vendor /srv/vendor\n",
     None, [(4, "error", "ext-sockets (required by acme/app) is missing from the runtime stage 1 too: the image would "
                         "fail at run time; install it there (docker-php-ext-install sockets) instead of ignoring the "
                         "requirement")], {}),
    (_VENDOR + "RUN composer install --no-dev\n\nFROM php:8.2-fpm-alpine\nRUN docker-php-ext-install $EXTS\n"
               "COPY --from=vendor /app/vendor /srv/vendor\n",
     None, [(4, "skip", "composer install: ext-sockets is missing here, but the runtime stage 1 installs extensions "
                        "named by variables; not ignoring it")], {}),
    (_VENDOR + "RUN composer install --no-dev\n\nFROM nginx:1.25 AS web\nCOPY --from=vendor /app/vendor /srv/vendor\n",
     None, [(4, "skip", "composer install: ext-sockets is missing here, but the runtime stage web uses an image whose "
                        "extensions are not known; not ignoring it")], {}),
    (_VENDOR + "RUN composer install --no-dev\n", None,
     [(4, "error", "ext-sockets (required by acme/app) is not installed in stage vendor: composer install fails "
                   "there, and the app needs it at run time; install it (docker-php-ext-install sockets)")], {}),
    (_VENDOR + "RUN composer install --no-dev --ignore-platform-reqs\n\n" + _RUNTIME, None,
     [(4, "skip", "--ignore-platform-reqs kept: composer.lock is not copied into this stage, so the ext-* "
                  "requirements of the dependencies are unknown; composer.json alone needs ext-sockets, missing in "
                  "this stage and provided by the runtime stage 1")], {}),
    (_VENDOR + "RUN composer update --ignore-platform-reqs\n\n" + _RUNTIME, None,
     [(4, "skip", "--ignore-platform-reqs kept: composer update resolves new versions, so the ext-* requirements of "
                  "the dependencies are unknown; composer.json alone needs ext-sockets, missing in this stage and "
                  "provided by the runtime stage 1")], {"lock": {"packages": []}}),
    (_VENDOR + "RUN composer update --ignore-platform-reqs\n\n" + _RUNTIME, None,
     [(4, "skip", "--ignore-platform-reqs kept: composer update resolves new versions, so the ext-* requirements of "
                  "the dependencies are unknown")], {"require": {"php": "^8.2"}}),
    (_VENDOR + "ENV COMPOSER_IGNORE_PLATFORM_REQS=1\nRUN composer install\n\n" + _RUNTIME, None,
     [(5, "skip", "composer install: left alone, platform checks are set through COMPOSER_* environment variables")],
     {}),
    (_VENDOR + "RUN COMPOSER_IGNORE_PLATFORM_REQ=ext-sockets composer install\n\n" + _RUNTIME, None,
     [(4, "skip", "composer install: left alone, platform checks are set through COMPOSER_* environment variables")],
     {}),
    (_VENDOR + "RUN COMPOSER=composer-prod.json composer install\n\n" + _RUNTIME, None,
     [(4, "skip", "composer install: left alone, platform checks are set through COMPOSER_* environment variables")],
     {}),
    (_VENDOR + "RUN composer install --ignore-platform-req=ext-sockets\n\n" + _RUNTIME, None, [], {}),
    (_VENDOR + "RUN composer install\n\n" + _RUNTIME, None, [],
     {"config": {"platform": {"ext-sockets": "8.2.0"}}}),  # config.platform claims it: composer does not check
    ("FROM composer:2 AS vendor\nWORKDIR $APP\nCOPY composer.json ./\nRUN composer install\n\n" + _RUNTIME, None,
     [(4, "skip", "composer install: left alone, its working directory is not known")], {}),
    ("FROM composer:2 AS vendor\nWORKDIR /app\nRUN composer install\n\n" + _RUNTIME, None,
     [(3, "skip", "composer install: left alone, the required extensions are unknown: composer.json in /app is not "
                  "known (it is not copied from the build context)")], {}),
    ("FROM composer:2 AS vendor\nWORKDIR /app\nCOPY composer.json ./\nRUN composer install --no-dev\n\n"
     "FROM php:8.2-fpm-alpine\nRUN docker-php-ext-install sockets\nCOPY --from=vendor /app/public /srv/public\n", None,
     [(4, "skip", "composer install: left alone, no later stage receives /app/vendor, so the runtime's extensions are "
                  "unknown (missing here: ext-sockets)")], {}),
    ("FROM composer:2 AS vendor\nWORKDIR /app\nCOPY composer.json ./\nRUN composer install --no-dev\n\n"
     "FROM php:8.2-fpm-alpine\nCOPY --from=vendor /app/public /srv/public\n", None, [], {"require": {"php": "^8.2"}}),
    ("FROM alpine:3.19 AS vendor\nWORKDIR /app\nCOPY composer.json ./\nRUN composer install --no-dev\n", None,
     [(4, "skip", "composer install: left alone, the extensions of image alpine:3.19 are not known")], {}),
    ("FROM alpine:3.19 AS vendor\nWORKDIR /app\nCOPY composer.json ./\nRUN composer install --no-dev\n", None, [],
     {"require": {"php": "^8.2"}}),
])
def test_pass(tmp_path: Path, dockerfile: str, new_run: str | None, reports: list[tuple[int, str, str]],
              kw: dict[str, object]) -> None:
    out = _composer(tmp_path, dockerfile, **kw)
    changed = [line for line in out.text.splitlines() if line not in dockerfile.splitlines()]
    assert changed == ([] if new_run is None else [new_run])
    assert _reports(out) == reports
    assert all(r.item.pass_id == PASS.id for r in out.fixes + out.findings)


def test_narrow_the_blanket_flag_with_the_lock(tmp_path: Path) -> None:
    lock = {"packages": [{"name": "a/b", "require": {"ext-sockets": "*", "lib-pcre": "*", "php": ">=7.4"}},
                         "not a package"],
            "packages-dev": [{"name": "d/e", "require": {"ext-xdebug": "*"}}]}
    out = _composer(tmp_path, _VENDOR + "RUN composer install --no-dev --ignore-platform-reqs\n\n" + _RUNTIME,
                    lock=lock)
    assert out.text.splitlines()[3] == ("RUN composer install --no-dev --ignore-platform-req=ext-sockets "
                                        "--ignore-platform-req=php --ignore-platform-req=lib-pcre")
    assert _reports(out) == [(4, "review", (
        "narrow --ignore-platform-reqs to --ignore-platform-req=ext-sockets --ignore-platform-req=php "
        "--ignore-platform-req=lib-pcre: checked composer.json and the copied composer.lock; ext-sockets is required "
        f"by a/b, acme/app; stage vendor lacks it ({_COMPOSER_IMAGE}, and the stage does not install it); the runtime "
        "stage 1 has it (ext-sockets: docker-php-ext-install at line 7); php >=7.4, ^8.2 kept ignored: the composer "
        "stage's PHP version is not known from its image tag; lib-* requirements (lib-pcre) are not checked here"))]


def test_drop_the_blanket_flag_when_nothing_is_missing(tmp_path: Path) -> None:
    text = ("FROM php:8.3-cli-alpine AS vendor\nWORKDIR /app\nCOPY composer.json composer.lock ./\n"
            "RUN composer install --no-dev --ignore-platform-reqs --no-scripts\n\n" + _RUNTIME)
    out = _composer(tmp_path, text, require={"php": "^8.2", "ext-json": "*"}, lock={"packages": []})
    assert out.text.splitlines()[3] == "RUN composer install --no-dev --no-scripts"
    assert _reports(out) == [(4, "review", (
        "drop --ignore-platform-reqs: stage vendor meets every platform requirement of composer.json and the copied "
        "composer.lock (image php:8.3-cli-alpine: the official php image loads PHP's default extensions and those it "
        "configures (refactor/knowledge/php_extensions.py), plus what the stage installs)"))]


def test_narrow_keeps_what_is_already_ignored(tmp_path: Path) -> None:
    text = (_VENDOR + "RUN composer install --ignore-platform-reqs --ignore-platform-req=php "
            "--ignore-platform-req=lib-*\n\n" + _RUNTIME)
    out = _composer(tmp_path, text, lock={"packages": [{"name": "a/b", "require": {"lib-icu": ">=60"}}]})
    assert out.text.splitlines()[3] == ("RUN composer install --ignore-platform-req=ext-sockets "
                                        "--ignore-platform-req=php --ignore-platform-req=lib-*")
    [fix] = out.fixes
    assert fix.item.message.endswith("(ext-sockets: docker-php-ext-install at line 7)")


_RUNTIME_HAS = "the runtime stage {stage} has it (ext-sockets: {source})"
_VARIABLES = ("composer install: ext-sockets is missing here, but the runtime stage 1 installs extensions named by "
              "variables; not ignoring it")
_MISSING_TOO = ("ext-sockets (required by acme/app) is missing from the runtime stage 1 too: the image would fail at "
                "run time; install it there (docker-php-ext-install sockets) instead of ignoring the requirement")
_FPM = "FROM php:8.2-fpm-alpine\n"
_TO_RUNTIME = "COPY --from=vendor /app/vendor /var/www/vendor\n"
_INSTALL = "RUN composer install --no-dev\n\n"


@pytest.mark.parametrize(("dockerfile", "outcome"), [
    # what a runtime stage loads (php_view.php_of / installs)
    (_VENDOR + _INSTALL + _FPM + "COPY --from=ext /usr/local/lib/php/extensions /usr/local/lib/php/extensions\n"
     + _TO_RUNTIME, ("skip", _VARIABLES)),
    (_VENDOR + _INSTALL + _FPM + "COPY --from=ext /usr/local/etc/php/conf.d /usr/local/etc/php/conf.d\n"
     + _TO_RUNTIME, ("skip", _VARIABLES)),
    (_VENDOR + _INSTALL + _FPM + "COPY --from=ext /opt/x /opt/x\n" + _TO_RUNTIME, ("error", _MISSING_TOO)),
    (_VENDOR + _INSTALL + _FPM + "COPY ext.ini /usr/local/etc/php/conf.d/\n" + _TO_RUNTIME, ("error", _MISSING_TOO)),
    (_VENDOR + _INSTALL + _FPM + "RUN install-php-extensions @composer sockets-3.1 'gd'\n" + _TO_RUNTIME,
     ("safe", _RUNTIME_HAS.format(stage="1", source="install-php-extensions at line 7"))),
    (_VENDOR + _INSTALL + _FPM + "RUN install-php-extensions -v sockets@stable\n" + _TO_RUNTIME,
     ("safe", _RUNTIME_HAS.format(stage="1", source="install-php-extensions at line 7"))),
    (_VENDOR + _INSTALL + _FPM + "RUN install-php-extensions $EXT\n" + _TO_RUNTIME, ("skip", _VARIABLES)),
    (_VENDOR + _INSTALL + _FPM + "RUN install-php-extensions gd-`cat v`\n" + _TO_RUNTIME, ("skip", _VARIABLES)),
    (_VENDOR + _INSTALL + _FPM + 'RUN docker-php-ext-install -j$(nproc) "sockets"\n' + _TO_RUNTIME,
     ("safe", _RUNTIME_HAS.format(stage="1", source="docker-php-ext-install at line 7"))),
    (_VENDOR + _INSTALL + _FPM + "RUN docker-php-ext-install `cat exts`\n" + _TO_RUNTIME, ("skip", _VARIABLES)),
    (_VENDOR + _INSTALL + _FPM + "RUN pecl install redis && docker-php-ext-enable sockets\n" + _TO_RUNTIME,
     ("safe", _RUNTIME_HAS.format(stage="1", source="docker-php-ext-enable at line 7"))),
    (_VENDOR + _INSTALL + _FPM + 'RUN ["docker-php-ext-install", "sockets"]\n' + _TO_RUNTIME, ("skip", _VARIABLES)),
    (_VENDOR + _INSTALL + _FPM + 'RUN ["echo", "sockets"]\n' + _TO_RUNTIME, ("error", _MISSING_TOO)),
    (_VENDOR + _INSTALL + "FROM php:8.2-fpm-alpine AS base\nRUN docker-php-ext-install sockets\nFROM base\n"
     + _TO_RUNTIME, ("safe", _RUNTIME_HAS.format(stage="2", source="docker-php-ext-install at line 7"))),
    (_VENDOR + _INSTALL + "FROM php:8.2-fpm-alpine AS base\nRUN docker-php-ext-install sockets\nFROM base\n"
     + _TO_RUNTIME + "RUN docker-php-ext-install sockets\n",
     ("safe", _RUNTIME_HAS.format(stage="2", source="docker-php-ext-install at line 7"))),
    (_VENDOR + _INSTALL + _FPM + _TO_RUNTIME + "RUN docker-php-ext-install sockets\n",
     ("safe", _RUNTIME_HAS.format(stage="1", source="docker-php-ext-install at line 8"))),
    # the composer stage's own PHP: installs before composer in the same RUN count, later ones do not
    ("FROM php:8.2-cli AS vendor\nWORKDIR /app\nCOPY composer.json composer.lock ./\n"
     "RUN docker-php-ext-install sockets && composer install --no-dev\n", None),
    ("FROM php:8.2-cli AS vendor\nWORKDIR /app\nCOPY composer.json composer.lock ./\n"
     "RUN docker-php-ext-enable sockets\nRUN composer install --no-dev\n", None),
    ("FROM php:8.2-cli AS vendor\nWORKDIR /app\nCOPY composer.json composer.lock ./\n"
     "RUN composer install --no-dev && docker-php-ext-install sockets\n",
     ("safe", _RUNTIME_HAS.format(stage="vendor", source="docker-php-ext-install at line 4"))),
    # which stages receive vendor/ (php_view.runtime_stages)
    (_VENDOR + _INSTALL + "FROM vendor AS app\nRUN echo\n" + _FPM + "RUN docker-php-ext-install sockets\n"
     "COPY --from=vendor /app /var/www\n",
     ("safe", _RUNTIME_HAS.format(stage="2", source="docker-php-ext-install at line 9"))),
    (_VENDOR + _INSTALL + "FROM php:8.2-fpm-alpine AS test\nCOPY --from=vendor / /\n" + _FPM
     + "RUN docker-php-ext-install sockets\nCOPY --from=0 /app/vendor/ /var/www/vendor\n",
     ("safe", _RUNTIME_HAS.format(stage="2", source="docker-php-ext-install at line 9"))),
    (_VENDOR + _INSTALL + _FPM + "RUN docker-php-ext-install sockets\nCOPY --from=vendor . /var/www\n",
     ("safe", _RUNTIME_HAS.format(stage="1", source="docker-php-ext-install at line 7"))),
    (_VENDOR + _INSTALL + "FROM php:8.2-fpm-alpine AS app\nCOPY --from=vendor /app/vendor /srv/vendor\n"
     "FROM php:8.2-fpm-alpine AS worker\nRUN docker-php-ext-install sockets\n"
     "COPY --from=vendor /app/vendor /srv/vendor\n", ("safe", "the runtime stage worker has it (ext-sockets: "
                                                     "docker-php-ext-install at line 9)")),
    (_VENDOR + _INSTALL + "FROM php:8.2-fpm-alpine AS app\nRUN docker-php-ext-install sockets\n"
     "COPY --from=vendor /app/vendor /srv/vendor\nFROM app AS final\nCOPY --from=vendor /app/vendor /srv/v2\n",
     ("safe", "the runtime stage app has it (ext-sockets: docker-php-ext-install at line 7); the runtime stage final "
              "has it (ext-sockets: docker-php-ext-install at line 7)")),
    (_VENDOR + _INSTALL + _FPM + "RUN docker-php-ext-install sockets\nCOPY --from=other /app/vendor /srv/vendor\n"
     "FROM composer:2 AS other\n", ("skip", "composer install: left alone, no later stage receives /app/vendor, so "
                                            "the runtime's extensions are unknown (missing here: ext-sockets)")),
])
def test_php_view(tmp_path: Path, dockerfile: str, outcome: tuple[str, str] | None) -> None:
    out = _composer(tmp_path, dockerfile)
    reports = _reports(out)
    if outcome is None:
        assert reports == [] and out.text == dockerfile
        return
    [(line, kind, message)] = reports
    assert line == 4 and kind == outcome[0]
    if kind == "safe":
        assert message.endswith(outcome[1])
        assert out.text.splitlines()[3].endswith("--no-dev --ignore-platform-req=ext-sockets") or \
            "--no-dev --ignore-platform-req=ext-sockets &&" in out.text.splitlines()[3]
    else:
        assert message == outcome[1] and out.text == dockerfile


@pytest.mark.parametrize(("run", "new"), [
    # flags go after the last word, on their own continuation lines when the options have their own
    ("RUN composer install \\\n    --no-dev \\\n    --prefer-dist\n",
     "RUN composer install \\\n    --no-dev \\\n    --prefer-dist \\\n    --ignore-platform-req=ext-sockets\n"),
    ("RUN composer install \\\n\t--no-dev\n",
     "RUN composer install \\\n\t--no-dev \\\n\t--ignore-platform-req=ext-sockets\n"),
    ("RUN composer install \\\n    --no-dev --prefer-dist\n",
     "RUN composer install \\\n    --no-dev --prefer-dist --ignore-platform-req=ext-sockets\n"),
    ("RUN composer \\\n    install\n", "RUN composer \\\n    install --ignore-platform-req=ext-sockets\n"),
    ("RUN composer install -- --no-dev\n", "RUN composer install --ignore-platform-req=ext-sockets -- --no-dev\n"),
    ("RUN composer install \\\n--no-dev\n",
     "RUN composer install \\\n--no-dev \\\n--ignore-platform-req=ext-sockets\n"),
    ("RUN composer install \\\n    -- --no-dev\n",
     "RUN composer install --ignore-platform-req=ext-sockets \\\n    -- --no-dev\n"),
])
def test_flag_layout(tmp_path: Path, run: str, new: str) -> None:
    out = _composer(tmp_path, _VENDOR + run + "\n" + _RUNTIME)
    assert out.text == _VENDOR + new + "\n" + _RUNTIME


@pytest.mark.parametrize(("run", "new"), [
    ("RUN composer install \\\n    --ignore-platform-reqs \\\n    --no-dev\n",
     "RUN composer install \\\n    --ignore-platform-req=ext-sockets \\\n    --ignore-platform-req=php \\\n"
     "    --ignore-platform-req=lib-pcre \\\n    --no-dev\n"),
    ("RUN composer install \\\n    --no-dev --ignore-platform-reqs\n",
     "RUN composer install \\\n    --no-dev --ignore-platform-req=ext-sockets --ignore-platform-req=php "
     "--ignore-platform-req=lib-pcre\n"),
    ("RUN composer install \\\n--ignore-platform-reqs \\\n--no-dev\n",
     "RUN composer install \\\n--ignore-platform-req=ext-sockets \\\n--ignore-platform-req=php \\\n"
     "--ignore-platform-req=lib-pcre \\\n--no-dev\n"),
    ("RUN composer install --ignore-platform-reqs \\\n    --no-dev\n",
     "RUN composer install --ignore-platform-req=ext-sockets --ignore-platform-req=php --ignore-platform-req=lib-pcre "
     "\\\n    --no-dev\n"),
])
def test_blanket_layout(tmp_path: Path, run: str, new: str) -> None:
    lock = {"packages": [{"name": "a/b", "require": {"lib-pcre": "*"}}]}
    out = _composer(tmp_path, _VENDOR + run + "\n" + _RUNTIME, lock=lock)
    assert out.text == _VENDOR + new + "\n" + _RUNTIME


# -- what a stage loads and who receives vendor/, read directly (transforms/composer/php_view.py) -------------

def _added(view: PhpView, version: tuple[int, int] | None = (8, 2)) -> set[str]:
    return view.exts - phpx.php_image_defaults(version)


def test_installs_read_by_path_after_options_and_quotes() -> None:
    # an assignment-only command before the install, the tool named by its path, its options and the arguments
    # on the next line; an install in a parent stage counts, each extension's source names the command's own line
    doc = parse_dockerfile("FROM php:8.2-cli AS base\nRUN A=1 && /usr/local/bin/docker-php-ext-install \\\n"
                           "    -j4 'sockets'\nFROM base AS b\n"
                           "RUN /usr/bin/install-php-extensions -v \"gd\" @composer\n")
    view = php_of(doc.stages[1], None)
    assert _added(view) == {"sockets", "gd"} and not view.open and not view.unknown
    assert view.where == {"sockets": "docker-php-ext-install at line 2", "gd": "install-php-extensions at line 5"}
    assert view.source("sockets") == "docker-php-ext-install at line 2"
    assert view.source("ctype") == "its image loads it" and view.source("nope") == "its image loads it"


def test_options_before_extensions_are_skipped_not_the_end() -> None:
    doc = parse_dockerfile("FROM php:8.2-cli\nRUN docker-php-ext-install -j4 sockets && docker-php-ext-enable -q "
                           "intl\nRUN install-php-extensions -v @composer gd-3.1 redis@stable\n")
    assert _added(php_of(doc.stages[0], None)) == {"sockets", "intl", "gd", "redis"}


def test_a_variable_opens_the_view_and_the_named_extensions_still_count() -> None:
    doc = parse_dockerfile("FROM php:8.2-cli\nRUN docker-php-ext-install $EXTS sockets\n"
                           "RUN install-php-extensions `cat list` gd\n")
    view = php_of(doc.stages[0], None)
    assert view.open and _added(view) == {"sockets", "gd"}


def test_a_child_stage_adds_to_its_parents_installs() -> None:
    doc = parse_dockerfile("FROM php:8.2-cli AS base\nRUN docker-php-ext-install gd\nFROM base\n"
                           "RUN docker-php-ext-install sockets\nRUN composer install\n")
    child = doc.stages[1]
    assert _added(php_of(child, None)) == {"gd", "sockets"}
    assert _added(php_of(child, child.body()[0])) == {"gd"}  # installs from ``before`` on are not counted


def test_before_without_a_script_is_not_read() -> None:
    doc = parse_dockerfile("FROM php:8.2-cli\nRUN docker-php-ext-install sockets\n")
    run = doc.stages[0].body()[0]
    view = php_of(doc.stages[0], run)
    assert _added(view) == set() and not view.open


@pytest.mark.parametrize(("copy", "opens"), [
    ("COPY --from=ext /opt/a /usr/local/lib/php/b /opt/dest/", False),  # the destination is the last word
    ("COPY --from=ext /opt/a /opt/b /usr/local/lib/php/extensions/", True),
    ('COPY --from=ext ["/opt/a", "/opt/b", "/usr/local/etc/php/conf.d/"]', True),
    ('COPY --from=ext ["/usr/local/etc/php/conf.d/", "/opt/b", "/opt/c"]', False),
])
def test_copied_extension_folders(copy: str, opens: bool) -> None:
    doc = parse_dockerfile(f"FROM php:8.2-cli\n{copy}\n")
    assert php_of(doc.stages[0], None).open is opens


@pytest.mark.parametrize(("image", "version", "has_random"), [
    ("php:8.1-cli", (8, 1), False), ("php:8.2-cli", (8, 2), True), ("php:8-cli", None, True),
])
def test_php_image_version(image: str, version: tuple[int, int] | None, has_random: bool) -> None:
    view = php_of(parse_dockerfile(f"FROM {image}\n").stages[0], None)
    assert view.version == version and ("random" in view.exts) is has_random
    assert view.exts == set(phpx.php_image_defaults(version))


@pytest.mark.parametrize("image", ["composer:2", "composer/composer:2-bin", "composer/composer:latest"])
def test_composer_images(image: str) -> None:
    view = php_of(parse_dockerfile(f"FROM {image}\n").stages[0], None)
    assert view.exts == set(phpx.composer_image_defaults()) and view.version is None and not view.unknown
    assert view.image.startswith(f"image {image}: the official composer image")


def test_unknown_image_loads_nothing_known() -> None:
    view = php_of(parse_dockerfile("FROM alpine:3.19\n").stages[0], None)
    assert view.exts == set() and view.unknown == "the extensions of image alpine:3.19 are not known"


def _stages(text: str, workdir: str = "/app") -> list[str]:
    doc = parse_dockerfile(text)
    return [s.name or str(s.index) for s in runtime_stages(doc, doc.stages[0], workdir)]


_V = "FROM composer:2 AS vendor\nRUN composer install\n"


@pytest.mark.parametrize(("rest", "workdir", "stages"), [
    ("FROM vendor AS app\nRUN echo\n", "/app", ["app"]),  # builds on it directly
    ("FROM vendor AS mid\nFROM mid AS app\n", "/app", ["mid", "app"]),
    # two copies of vendor/ into one stage: the stage once
    ("FROM php:8.2-fpm AS rt\nCOPY --from=vendor /app/vendor /srv/vendor\nCOPY --from=vendor /app/vendor /srv/v2\n",
     "/app", ["rt"]),
    # the copied folder is any source but the destination
    ("FROM php:8.2-fpm AS rt\nCOPY --from=vendor /app/public /app/vendor /srv/\n", "/app", ["rt"]),
    ('FROM php:8.2-fpm AS rt\nCOPY --from=vendor ["/app/public", "/app/vendor", "/srv/"]\n', "/app", ["rt"]),
    ('FROM php:8.2-fpm AS rt\nCOPY --from=vendor ["/app/vendor", "/srv/vendor"]\n', "/app", ["rt"]),
    ('FROM php:8.2-fpm AS rt\nCOPY --from=vendor ["/app/public", "/srv/vendor"]\n', "/app", []),
    ("FROM php:8.2-fpm AS rt\nCOPY --from=vendor ./ /srv/\n", "/app", ["rt"]),
    ("FROM php:8.2-fpm AS rt\nCOPY --from=vendor /X /srv/\n", "/app", []),
    ("FROM php:8.2-fpm AS rt\nCOPY --from=vendor /srv/BOX /srv/\n", "/srv/BOX", ["rt"]),
    ("FROM php:8.2-fpm AS rt\nCOPY --from=vendor /app/vendor /srv/vendor\n", "/app/", ["rt"]),
    # after a stage that receives it, one whose first copy from vendor is not vendor/ but a later one is
    ("FROM php:8.2-fpm AS a\nCOPY --from=vendor /app/vendor /srv/vendor\nFROM a AS b\n"
     "COPY --from=vendor /app/public /srv/public\nCOPY --from=vendor /app/vendor /srv/vendor\n", "/app", ["a", "b"]),
])
def test_runtime_stages(rest: str, workdir: str, stages: list[str]) -> None:
    assert _stages(_V + rest, workdir) == stages


def test_runtime_verdict_checks_every_runtime() -> None:
    doc = parse_dockerfile(_V + "FROM php:8.2-fpm AS a\nRUN docker-php-ext-install sockets\nFROM php:8.2-fpm AS b\n")
    a, b = doc.stages[1], doc.stages[2]
    assert runtime_verdict("sockets", [a, b], doc.stages[0]) == "missing:b"
    assert runtime_verdict("sockets", [a], doc.stages[0]) == "provided"
    assert runtime_verdict("ctype", [a, b], doc.stages[0]) == "provided"


def test_invalid_composer_json_is_named(tmp_path: Path) -> None:
    (tmp_path / "composer.json").write_text("{not json")
    text = _VENDOR + "RUN composer install --no-dev\n\n" + _RUNTIME
    (tmp_path / "Dockerfile").write_text(text)
    out = transform(text, [PASS], Context(path=tmp_path / "Dockerfile", project=Project()))
    assert out.error is None and out.internal_errors == [] and out.text == text
    assert _reports(out) == [(4, "skip", "composer install: left alone, composer.json is not valid JSON")]
    assert [f.item.pass_id for f in out.findings] == [PASS.id]


def test_dev_packages_of_the_lock_count_without_no_dev(tmp_path: Path) -> None:
    lock = {"packages": [], "packages-dev": [{"name": "d/e", "require": {"ext-sockets": "*"}}, {"require": {}}]}
    out = _composer(tmp_path, _VENDOR + "RUN composer install --ignore-platform-reqs\n\n" + _RUNTIME,
                    require={"php": "^8.2"}, lock=lock)
    [fix] = out.fixes
    assert fix.item.pass_id == PASS.id and fix.item.safety.value == "review"
    assert "ext-sockets is required by d/e;" in fix.item.message


def test_requirers_without_a_name(tmp_path: Path) -> None:
    out = _composer(tmp_path, _VENDOR + "RUN composer install --no-dev\n\n" + _RUNTIME, name=None)
    [fix] = out.fixes
    assert "ext-sockets is required by composer.json;" in fix.item.message
    lock = {"packages": [{"require": {"ext-sockets": "*"}}]}
    out = _composer(tmp_path, _VENDOR + "RUN composer install --no-dev --ignore-platform-reqs\n\n" + _RUNTIME,
                    require={"php": "^8.2"}, lock=lock)
    [fix] = out.fixes
    assert "ext-sockets is required by ?;" in fix.item.message
