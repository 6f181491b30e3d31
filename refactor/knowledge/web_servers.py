"""What the official web server images ship and what their server needs to run as a non-root user.

nginx (Docker Hub ``nginx``, built by nginxinc/docker-nginx from nginx.org's packages, Debian and Alpine tags alike):
the ``nginx`` user and group are 101:101 (``groupadd --system --gid 101 nginx``, ``adduser -S -D -H -u 101``); the
package's /etc/nginx/nginx.conf runs workers as ``user nginx``, writes its pid to /var/run/nginx.pid (/run/nginx.pid
in newer packages) and includes /etc/nginx/conf.d/*.conf, whose default.conf listens on 80; temp files
(client_temp, proxy_temp…) live in /var/cache/nginx; access.log and error.log in /var/log/nginx link to
/dev/stdout and /dev/stderr. nginxinc/docker-nginx-unprivileged (mainline/debian/Dockerfile, "implement changes
required to run NGINX as an unprivileged user") moves the pid to /tmp/nginx.pid and makes the nginx user own
/var/cache/nginx; its ``user`` directive then only warns ("makes sense only if the master process runs with
super-user privileges, ignored"). nginx's docs (ngx_http_core_module ``listen``): a server block without
``listen`` listens on *:80 as root and on *:8000 otherwise; a bare address listens on 80.

Apache in php's ``*-apache`` tags (docker-library/php, 8.2/bookworm/apache/Dockerfile): Debian's apache2, whose
/etc/apache2/ports.conf holds ``Listen 80`` (and ``Listen 443`` inside ``<IfModule ssl_module>``/``mod_gnutls.c``,
live only after ``a2enmod ssl``); the image makes APACHE_LOCK_DIR, APACHE_RUN_DIR and APACHE_LOG_DIR owned by
www-data and 1777 ("allow running as an arbitrary user", docker-library/php#743), links the logs to
/dev/stdout and /dev/stderr and starts ``apache2-foreground``. www-data is 33:33 (Debian's base-passwd).
"""

from __future__ import annotations

from typing import NamedTuple

PRIVILEGED_BELOW = 1024  # net.ipv4.ip_unprivileged_port_start outside Docker >= 20.10 (Kubernetes, Podman, older)


class WebServer(NamedTuple):
    """One official web server image: its config folder, the files it ships there, and how it runs non-root."""

    name: str  # as messages name it
    user: str
    ids: str
    conf_dir: str
    stock: tuple[tuple[str, str], ...]  # (path, text) of the shipped files that can hold a listen
    inert: tuple[str, ...]  # shipped files (globs) that hold no listen
    programs: frozenset[str]  # the image's own server program (CMD)
    writable: tuple[str, ...]  # paths the user may write to (logs, pid, temp files) once the fix is applied
    # Words of the directives the pass judges (ports, included files, pid, logs): a line written into the config
    # without any of them cannot change its verdict (``echo "ServerName localhost" >> apache2.conf``).
    keywords: tuple[str, ...] = ()
    dirs: tuple[str, ...] = ()  # folders of the config dir (a COPY to them without a trailing / lands inside)


NGINX_CONF = """\
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
"""

NGINX_DEFAULT_CONF = """\
server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
"""

NGINX = WebServer(
    "nginx", "nginx", "101:101", "/etc/nginx",
    (("/etc/nginx/nginx.conf", NGINX_CONF), ("/etc/nginx/conf.d/default.conf", NGINX_DEFAULT_CONF)),
    ("/etc/nginx/mime.types", "/etc/nginx/*_params", "/etc/nginx/fastcgi.conf", "/etc/nginx/koi-*",
     "/etc/nginx/win-utf", "/etc/nginx/modules/*"),
    frozenset({"nginx", "nginx-debug"}),
    ("/tmp/", "/var/cache/nginx/", "/var/log/nginx/access.log", "/var/log/nginx/error.log", "/dev/stdout",
     "/dev/stderr", "/proc/self/fd/"),
    ("listen", "server", "include", "pid", "_log", "_path", "user"),
    ("/etc/nginx/conf.d", "/etc/nginx/templates"),
)
NGINX_PID = "/tmp/nginx.pid"  # nginxinc/docker-nginx-unprivileged
NGINX_TEMP = "/var/cache/nginx"
NGINX_TEMPLATES = "/etc/nginx/templates"  # rendered into conf.d by the entrypoint's 20-envsubst-on-templates.sh

PORTS_CONF = """\
# If you just change the port or add more ports here, you will likely also
# have to change the VirtualHost statement in
# /etc/apache2/sites-enabled/000-default.conf

Listen 80

<IfModule ssl_module>
\tListen 443
</IfModule>

<IfModule mod_gnutls.c>
\tListen 443
</IfModule>
"""

DEFAULT_SITE = """\
<VirtualHost *:80>
\tServerAdmin webmaster@localhost
\tDocumentRoot /var/www/html

\tErrorLog ${APACHE_LOG_DIR}/error.log
\tCustomLog ${APACHE_LOG_DIR}/access.log combined
</VirtualHost>
"""

APACHE = WebServer(
    "Apache", "www-data", "33:33", "/etc/apache2",
    (("/etc/apache2/ports.conf", PORTS_CONF), ("/etc/apache2/sites-available/000-default.conf", DEFAULT_SITE)),
    ("/etc/apache2/apache2.conf", "/etc/apache2/envvars", "/etc/apache2/mods-*/*", "/etc/apache2/conf-*/*",
     "/etc/apache2/sites-available/*", "/etc/apache2/magic"),
    frozenset({"apache2-foreground"}),
    ("${APACHE_LOG_DIR}/", "/var/log/apache2/", "/dev/stdout", "/dev/stderr", "/proc/self/fd/", "|"),
    ("listen", "include", "log", "pidfile", "virtualhost"),
    tuple(f"/etc/apache2/{d}-{s}" for d in ("sites", "conf", "mods") for s in ("available", "enabled")),
)
# The official images' entrypoint scripts, which exec the CMD (nginx's runs /docker-entrypoint.d/*.sh first).
ENTRYPOINTS = frozenset({"docker-entrypoint.sh", "docker-php-entrypoint"})
# sites-enabled/000-default.conf is a link to sites-available/000-default.conf (a2ensite 000-default).
APACHE_LINKS = {"/etc/apache2/sites-enabled/000-default.conf": "/etc/apache2/sites-available/000-default.conf"}
# Modules whose <IfModule> Listen lines count only once ``a2enmod`` enables them (not in the stock image).
APACHE_OPTIONAL_MODULES = {"ssl_module": "ssl", "mod_ssl.c": "ssl", "mod_gnutls.c": "gnutls"}
