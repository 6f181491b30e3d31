"""PHP: Composer. (PHP extensions are image-specific: see the image knowledge, not here.)"""

from __future__ import annotations

from refactor.commands import pattern
from refactor.knowledge.ecosystems import Ecosystem

# getcomposer.org/doc/03-cli.md: ``install`` (alias ``i``), ``update`` (``u``, ``upgrade``), ``require`` (``r``);
# ``-d``/``--working-dir`` take a value. ``composer.phar`` is the same program.
COMPOSER_VALUE_OPTIONS = frozenset({"-d", "--working-dir"})
COMPOSER_INSTALL = pattern(("composer", "composer.phar"), ("install", "i", "update", "u", "upgrade", "require", "r"),
                           value_options=COMPOSER_VALUE_OPTIONS, global_value_options=COMPOSER_VALUE_OPTIONS,
                           examples=("composer install --no-dev --optimize-autoloader", "composer i",
                                     "/usr/bin/composer.phar require monolog/monolog",
                                     "composer --working-dir=/app install", "composer -d /app install"),
                           counterexamples=("composer dump-autoload", "composer", "php artisan install"))

COMPOSER = Ecosystem(
    "composer", "php",
    manifests=("composer.json",), lockfiles=("composer.lock",),
    install=(COMPOSER_INSTALL,),
    # getcomposer.org/doc/03-cli.md#composer-cache-dir: ``$COMPOSER_HOME/cache``, ``~/.cache/composer`` on
    # Linux; the official composer image sets ``COMPOSER_HOME=/tmp`` (docker-library composer Dockerfile).
    cache_dirs=("/root/.cache/composer", "/root/.composer/cache", "/tmp/cache"),
    # getcomposer.org/doc/articles/autoloader-optimization.md and 03-cli.md#install: ``--no-dev`` skips
    # require-dev, ``--optimize-autoloader`` builds the class map once.
    production_install="composer install --no-dev --optimize-autoloader",
    dependency_dirs=("vendor/",),
    # No runtime base: the composer image only builds; the program runs on the project's own php image.
)

ECOSYSTEMS = (COMPOSER,)

# -- the multi-stage split (transforms/stage_split/php.py) ------------------------------------------------------

# The official composer image (hub.docker.com/_/composer, docker-library/composer Dockerfile: WORKDIR /app).
COMPOSER_IMAGE = "composer:2"
# The php image's runtime variants (hub.docker.com/_/php: ``<version>-cli``, ``-apache``, ``-fpm``, with the
# Debian or Alpine release after them); a bare version tag is the cli variant.
PHP_RUNTIME_VARIANTS = ("apache", "fpm", "cli")
# The composer stage's install flags (getcomposer.org/doc/03-cli.md#install-i), each with the user's flags that
# already say it or something stricter (``--classmap-authoritative`` implies ``--optimize-autoloader``;
# ``--no-autoloader`` leaves the autoloader to a later ``dump-autoload``; ``--prefer-source``/``--prefer-install``
# are the user's explicit choice of download).
COMPOSER_STAGE_FLAGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("--no-dev", ("--no-dev",)),
    ("--prefer-dist", ("--prefer-dist", "--prefer-source", "--prefer-install")),
    ("--optimize-autoloader", ("--optimize-autoloader", "-o", "--classmap-authoritative", "-a", "--no-autoloader")),
    ("--no-scripts", ("--no-scripts",)),
    ("--no-interaction", ("--no-interaction", "-n")),
)
# Root-package script events ``composer install`` fires (getcomposer.org/doc/articles/scripts.md#event-names);
# the autoload-dump ones also fire on ``composer dump-autoload``.
COMPOSER_SCRIPT_EVENTS = ("pre-install-cmd", "post-install-cmd", "pre-autoload-dump", "post-autoload-dump",
                          "post-root-package-install", "pre-package-install", "post-package-install")
# The installer (getcomposer.org/download): ``php -r "copy('https://getcomposer.org/installer', …)"`` or
# ``curl -sS https://getcomposer.org/installer | php``.
INSTALLER_MARKERS = ("getcomposer.org/installer", "composer-setup.php")
# The programs composer fetches and unpacks packages with (getcomposer.org/doc/00-intro.md#system-requirements:
# unzip (or 7z) for dist archives, git for source installs and VCS repositories): a php image installs them for
# composer; once composer runs in its own stage the runtime needs them only if something else runs them.
SPLIT_COMPOSER_FETCH_TOOLS = ("git", "unzip")
