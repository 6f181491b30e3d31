"""The stand-ins for official images have the facts the fixtures and the passes rely on (real images here).

Each claim in refactor/build/stand_in.py's provenance comments that a rewrite can depend on is checked in
the built image: the full python/node images carry a compiler and are several times their slim
siblings; python full and slim share one interpreter path (a venv copied between them runs); nginx and
php:8.2-apache have the official config (user, CMD/ENTRYPOINT, STOPSIGNAL, WORKDIR, logs to stdout);
composer:2's /usr/bin/composer is one self-contained file (``COPY --from=composer:2 /usr/bin/composer``
works); distroless static has no shell and a nonroot user.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.build import stand_in
from tests import realbuild
from tests.realbuild import TagMaker

pytestmark = pytest.mark.realbuild


def _make(name: str) -> str:
    return stand_in.ensure_stand_in(realbuild.builder(), name)


def _sh(tag: str, script: str, user: str | None = None) -> tuple[int, str]:
    return realbuild.run_in_image(tag, ["sh", "-c", script], user=user, merge_stderr=True)


@pytest.mark.parametrize(("full", "slim", "most"), [("python-full", "python", 0.5), ("node-full", "node", 0.6)])
def test_full_images_carry_the_toolchain_and_are_much_bigger(base_image: str, full: str, slim: str,
                                                              most: float) -> None:
    del base_image
    full_tag, slim_tag = _make(full), _make(slim)
    assert realbuild.image_size(slim_tag) < most * realbuild.image_size(full_tag)
    toolchain = "gcc --version && make --version && git --version && test -f /usr/include/postgresql/libpq-fe.h"
    assert _sh(full_tag, toolchain)[0] == 0
    assert _sh(slim_tag, "command -v gcc || command -v make || echo none")[1].strip() == "none"


def test_python_full_and_slim_share_the_interpreter(base_image: str) -> None:
    del base_image
    script = "readlink -f \"$(command -v python)\" && python -c 'import sys; print(sys.version_info[:2])'"
    outs = {_sh(_make(name), script) for name in ("python-full", "python")}
    assert len(outs) == 1 and next(iter(outs))[0] == 0, outs


def test_nginx_has_the_official_layout(base_image: str) -> None:
    del base_image
    tag = _make("nginx")
    cfg = realbuild.builder().inspect(tag)
    assert cfg is not None
    assert (cfg.cmd, cfg.entrypoint, cfg.stop_signal) == (["nginx", "-g", "daemon off;"], ["/docker-entrypoint.sh"],
                                                          "SIGQUIT")
    assert "80/tcp" in cfg.exposed_ports
    code, out = _sh(tag, "nginx -t && id -u nginx && readlink /var/log/nginx/access.log && "
                    "test -f /usr/share/nginx/html/index.html && test -f /etc/nginx/conf.d/default.conf && "
                    "command -v curl")
    assert code == 0, out
    assert "101\n/dev/stdout\n" in out


def test_php_apache_has_the_official_layout_and_runs_php(base_image: str) -> None:
    del base_image
    tag = _make("php-apache")
    cfg = realbuild.builder().inspect(tag)
    assert cfg is not None
    assert (cfg.cmd, cfg.entrypoint, cfg.workdir, cfg.stop_signal) == (
        ["apache2-foreground"], ["docker-php-entrypoint"], "/var/www/html", "SIGWINCH")
    code, out = _sh(tag, "test -z \"$(ls -A /var/www/html)\" && readlink /var/log/apache2/error.log && "
                    "/usr/local/bin/php -r 'echo mb_strtoupper(\"ok\"), PHP_EOL;' && "
                    ". \"$APACHE_ENVVARS\" && apache2 -t 2>&1 && apache2 -M | grep -E 'php_module|mpm_prefork'")
    assert code == 0, out
    assert "/dev/stderr" in out and "OK\n" in out and "Syntax OK" in out
    assert "php_module" in out and "mpm_prefork_module" in out


COPY_COMPOSER = """\
FROM php:8.2-apache
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /srv/app
COPY composer.json ./
RUN test ! -e /usr/share/php/Composer && composer install --no-interaction && test -f vendor/autoload.php
"""


def test_composer_phar_works_alone_on_php_apache(base_image: str, image_tags: TagMaker, tmp_path: Path) -> None:
    del base_image
    composer = _make("composer")
    _make("php-apache")
    cfg = realbuild.builder().inspect(composer)
    assert cfg is not None and cfg.workdir == "/app" and cfg.cmd == ["composer"]
    # the one file COPY --from=composer:2 takes runs in an image without Debian's composer tree
    (tmp_path / "composer.json").write_text('{"autoload": {"psr-4": {"App\\\\": "src/"}}}\n')
    (tmp_path / "Dockerfile").write_text(COPY_COMPOSER)
    (tag,) = image_tags("composer-copy")
    result = realbuild.build(tmp_path, "Dockerfile", tag)
    assert result.ok, result.log_tail


def test_distroless_static_has_no_shell_and_a_nonroot_user(base_image: str) -> None:
    del base_image
    latest, nonroot = _make("distroless-static"), _make("distroless-static-nonroot")
    assert realbuild.image_size(latest) < 10_000_000
    code, _ = realbuild.run_in_image(latest, ["/bin/sh", "-c", "true"])
    assert code != 0
    cfg = realbuild.builder().inspect(nonroot)
    assert cfg is not None and cfg.user == "65532:65532" and cfg.workdir == "/home/nonroot"
