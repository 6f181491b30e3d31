"""Health conventions as data: which services do not speak HTTP, how gRPC servers and web apps are told apart.

Each table says where it comes from. The healthcheck pass and ``refactor.health_evidence`` read them; nothing
else decides what a health probe may assume.
"""

from __future__ import annotations

import re

# Ports web servers are commonly started on (framework defaults: 3000 Express/Rails/Next, 5000 Flask,
# 8000 Django/uvicorn, 8080 Spring Boot/Tomcat/Go examples, 8888 Jupyter, 9090 Prometheus).
WEB_PORTS = frozenset({80, 3000, 5000, 8000, 8008, 8080, 8081, 8088, 8888, 9090})

# Programs that serve something other than HTTP on their port (their own man pages / docs: SSH, SQL wire
# protocols, DNS, SOCKS and forward proxies, VPNs, game and chat servers).
NON_HTTP_PROGRAMS = frozenset({
    "php-fpm", "sshd", "dropbear", "postgres", "mysqld", "mongod", "redis-server", "memcached", "dnsmasq",
    "named", "unbound", "openvpn", "tor", "squid", "privoxy", "postfix", "dovecot", "vsftpd", "pure-ftpd",
    "proftpd", "mosquitto", "ircd", "ngircd", "murmurd", "teamspeak", "minecraft", "rsync", "samba", "smbd",
    "coredns", "haproxy", "stunnel", "socat", "sslh", "shadowsocks", "ss-server", "ss-local", "kcptun",
    "frps", "frpc", "ssserver", "sslocal", "v2ray", "xray", "trojan", "brook", "gost", "3proxy", "dante",
    "sockd", "danted", "polipo", "iodined", "wireguard", "xl2tpd", "ipsec", "strongswan",
    # forward proxies answer a plain GET / with an error page; custom protocols on a TCP port
    "tinyproxy", "mitmproxy", "mitmdump", "mitmweb", "sniproxy", "cntlm", "microsocks", "alpaca",
    "proxydetox", "delegated", "piknik", "taskd", "pihole-FTL", "aiosmtpd", "live555MediaServer", "cmus",
    "mpd", "icecast-kh", "tor-relay",
})

# Packages whose daemon owns these ports without speaking HTTP there (tor's ORPort is TLS; the others are
# the defaults of their Debian/Alpine packages' shipped configs).
NON_HTTP_PACKAGES = {"tor": (9001, 9050), "tinyproxy": (8888,), "sniproxy": (80, 443), "privoxy": (8118,),
                     "squid": (3128,), "dante-server": (1080,)}

# Manifests beside the Dockerfile (or in its build context): a gRPC server dependency and no web framework
# make the app a gRPC server, whose port answers an HTTP/1 probe with a protocol error. (Pinned Python
# requirements list grpcio for every Google client library: a web framework next to it means HTTP.)
# Each row: (file glob, gRPC dependency, web framework dependency) — package names from PyPI, npm, Maven
# Central, NuGet and crates.io.
_PY_WEB = r"^\s*(flask|fastapi|django|starlette|aiohttp|tornado|gunicorn|uvicorn|bottle|sanic|falcon|quart|gradio)\b"
GRPC_MANIFESTS = (
    ("requirements*.txt", re.compile(r"^\s*grpcio(-health-checking)?\b", re.M | re.I),
     re.compile(_PY_WEB, re.M | re.I)),
    ("pyproject.toml", re.compile(r"[\"']grpcio\b", re.I),
     re.compile(r"[\"'](flask|fastapi|django|starlette|aiohttp|uvicorn|gunicorn)\b", re.I)),
    ("package.json", re.compile(r"\"(@grpc/grpc-js|grpc)\"\s*:"),
     re.compile(r"\"(express|fastify|koa|next|@hapi/hapi|@nestjs/core|hono|restify)\"\s*:")),
    ("build.gradle*", re.compile(r"io\.grpc:grpc-(netty|services|okhttp)"),
     re.compile(r"spring-boot-starter-web|ktor-server|micronaut-http-server|quarkus-resteasy|javalin|sparkjava")),
    ("pom.xml", re.compile(r"<groupId>io\.grpc</groupId>"),
     re.compile(r"spring-boot-starter-web|micronaut-http-server|quarkus-resteasy|javalin")),
    ("*.csproj", re.compile(r"Include=\"Grpc\.AspNetCore\b", re.I),
     re.compile(r"Include=\"(Swashbuckle|Microsoft\.AspNetCore\.Mvc)", re.I)),
    ("Cargo.toml", re.compile(r"^\s*tonic\s*=", re.M),
     re.compile(r"^\s*(axum|actix-web|warp|rocket|hyper)\s*=", re.M)),
)
