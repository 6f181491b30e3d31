#!/bin/sh
# write the runtime config from the environment, then start nginx
echo "window.API_URL=\"$API_URL\";" > /usr/share/nginx/html/config.js
exec "$@"
