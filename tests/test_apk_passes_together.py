"""All apk passes together on the seed 000 Dockerfiles: they converge on the intended result in any order."""

from __future__ import annotations

import itertools

import pytest

from refactor.passes import Context
from refactor.project import Project
from refactor.runner import Status, process_text
from tests.golden import ROOT
from transforms import PASSES

APK_PASSES = ("merge-cleanup-layer", "apk-virtual-build-deps", "php-sockets-linux-headers", "apk-no-cache")

# soketi: the three RUNs merge, then git becomes a virtual build dep deleted in the same layer.
SOKETI_OUT = r"""FROM node:22-alpine

WORKDIR /app

# Install curl and git (git needed for npm install)
RUN apk add --no-cache --virtual .build-deps git && \
    apk add --no-cache curl && \
# Install soketi globally
    npm install -g @soketi/soketi && npm cache clean --force && \
# Remove git after installation to reduce size
    apk del --no-network .build-deps

EXPOSE 6001 9601
CMD ["soketi", "start"]
"""

# backend: -dev packages move to a second group (.build-deps is taken), their runtime libraries stay,
# sockets gets linux-headers, and the rm of the (never written) apk cache goes.
BACKEND_OUT = r"""FROM php:8.2-fpm-alpine

WORKDIR /var/www/html

# Install system dependencies and PHP extensions
RUN apk add --no-cache --virtual .build-deps-2 \
    postgresql-dev \
    libzip-dev \
    libssh2-dev \
    linux-headers \
    && apk add --no-cache \
    bash \
    supervisor \
    postgresql-client \
    sudo \
    libpq \
    libzip \
    libssh2 \
    && docker-php-ext-install -j$(nproc) \
        pdo_pgsql \
        sockets \
        zip \
        opcache \
    && apk add --no-cache --virtual .build-deps \
        $PHPIZE_DEPS \
    && pecl install ssh2-1.4.1 redis \
    && docker-php-ext-enable ssh2 redis \
    && apk del .build-deps \
    && rm -rf /tmp/* \
    && apk del --no-network .build-deps-2

COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
CMD ["php-fpm"]
"""

CASES = [
    ("merge-cleanup-layer/soketi-seed.in.Dockerfile", SOKETI_OUT),
    ("apk-virtual-build-deps/php-backend-seed.in.Dockerfile", BACKEND_OUT),
]


def _run(text: str, order) -> str:
    result = process_text(text, "Dockerfile", list(order), Context(project=Project()))
    assert result.status in (Status.CHANGED, Status.UNCHANGED), result.reason
    return result.new


@pytest.mark.parametrize(("source", "expected"), CASES, ids=[c[0].split("/")[1] for c in CASES])
def test_all_apk_passes_in_every_order(source: str, expected: str) -> None:
    passes = [p for p in PASSES if p.id in APK_PASSES]
    assert len(passes) == len(APK_PASSES)
    text = (ROOT / source).read_text()
    for order in itertools.permutations(passes):
        out = _run(text, order)
        assert out == expected, [p.id for p in order]
        assert _run(out, order) == out  # idempotent
