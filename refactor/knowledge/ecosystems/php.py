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
