"""Which PHP extensions the official images load, named the way Composer names them (``ext-<name>``).

Sources (checked by hand; update together with the images):

* Official ``php`` images (docker-library/php, ``8.x/<distro>/<variant>/Dockerfile``; copies of
  8.2–8.6-rc are in the corpus, ``docker-library+php``). Every variant (cli, fpm, apache, zts,
  Alpine and Debian) runs the same ``./configure``: PHP's default-on extensions (Core, ctype, date, dom,
  fileinfo, filter, hash, json, libxml, pcre, PDO, pdo_sqlite, Phar, posix, random (8.2+),
  Reflection, session, SimpleXML, SPL, sqlite3, standard, tokenizer, xml, xmlreader, xmlwriter) plus
  ``--enable-mbstring --enable-mysqlnd --with-curl --with-iconv --with-openssl --with-readline
  --with-zlib --with-sodium=shared`` (then ``docker-php-ext-enable sodium``). That is ``php -m`` of
  ``php:8.x-cli``. OPcache: built in from PHP 8.5 (RFC "make opcache required"); the 8.2–8.4 images now
  run ``docker-php-ext-enable opcache`` too. Older tags (7.x, 8.0, 8.1) were frozen before that change
  and do not load it. PHP 8.5 also always builds ``lexbor`` and ``uri``.
* Official ``composer`` image (composer/docker, ``latest/Dockerfile``, ``2.x/Dockerfile``):
  ``FROM php:8-alpine`` plus ``install-php-extensions bz2 zip``. Its PHP minor version follows
  ``php:8-alpine`` when the tag was built, so it is unknown from the tag alone.
"""

from __future__ import annotations

import re

_BASE = frozenset({
    "core", "ctype", "curl", "date", "dom", "fileinfo", "filter", "hash", "iconv", "json", "libxml",
    "mbstring", "mysqlnd", "openssl", "pcre", "pdo", "pdo_sqlite", "phar", "posix", "readline",
    "reflection", "session", "simplexml", "sodium", "spl", "sqlite3", "standard", "tokenizer", "xml",
    "xmlreader", "xmlwriter", "zlib",
})
COMPOSER_IMAGE_EXTRAS = frozenset({"bz2", "zip"})
# Composer's platform name differs from the extension's short name for these.
_ALIASES = {"opcache": "zend-opcache", "zend_opcache": "zend-opcache", "zendopcache": "zend-opcache"}


def canonical(name: str) -> str:
    """Composer's name for an extension (``opcache`` → ``zend-opcache``), lower case, no ``ext-``."""
    name = name.strip().lower().removeprefix("ext-")
    return _ALIASES.get(name, name)


def php_image_defaults(version: tuple[int, int] | None) -> frozenset[str]:
    """Extensions loaded by an official ``php:<version>-*`` image; ``version`` None means the newest 8.x."""
    exts = set(_BASE)
    if version is None or version >= (8, 2):
        exts |= {"random", "zend-opcache"}
    if version is None or version >= (8, 5):
        exts |= {"lexbor", "uri"}
    return frozenset(exts)


def composer_image_defaults() -> frozenset[str]:
    """Extensions loaded by the official ``composer`` image (``php:8-alpine`` + bz2, zip).

    OPcache is left out: composer tags built before the php images enabled it do not load it, and
    treating it as missing in a build stage only costs one harmless ``--ignore-platform-req``."""
    return _BASE | {"random"} | COMPOSER_IMAGE_EXTRAS


_TAG_VERSION = re.compile(r"^(\d+)\.(\d+)")


def php_tag_version(tag: str) -> tuple[int, int] | None:
    """``8.2-fpm-alpine`` → (8, 2); None for ``8``, ``latest``, ``fpm`` (a moving minor version)."""
    m = _TAG_VERSION.match(tag)
    return (int(m.group(1)), int(m.group(2))) if m else None
