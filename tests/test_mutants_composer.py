"""composer-platform-req's helpers (transforms/composer/) on shapes its golden cases do not pin down: Composer
version constraints against a PHP minor version, reading a ``composer install`` command, and where its flags go.
Every run of the pass asserts that it raised nothing (the applier turns a raising pass into an internal error)."""

from __future__ import annotations

import pytest

from refactor.document import parse as parse_dockerfile
from refactor.shell import shell_of
from transforms.composer.constraints import atom, cmp, parse, satisfied
from transforms.composer.invocation import already_ignored, chdir, invocation

# -- constraints (getcomposer.org/doc/articles/versions.md) ------------------------------------------------------


@pytest.mark.parametrize(("constraint", "version", "ok"), [
    ("^8.1", (8, 2), True), ("^8.1", (8, 1), True), ("^8.1", (8, 0), False), ("^8.1", (9, 0), False),
    ("^8", (8, 3), True), ("^8", (7, 4), False),
    ("^0.3", (0, 3), True), ("^0.3", (0, 4), False),  # below 1.0 the caret keeps the minor
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
    ("8.1 - 8.3", (8, 0), False), ("8.1 -  8.3", (8, 2), True),
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
])
def test_already_ignored(ignored: list[str], name: str, hit: bool) -> None:
    inv = _invocation("RUN composer install")
    assert inv is not None
    inv.ignored = ignored
    assert already_ignored(inv, name) is hit
