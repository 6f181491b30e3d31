#!/bin/sh
set -e
git config --global --add safe.directory /var/www
php artisan migrate --force
exec docker-php-entrypoint "$@"
