"""Network services: which ports and programs speak something other than plain HTTP/1.

Sources: IANA's service name and port registry and each program's documentation (tor's ORPort 9001 is TLS,
tinyproxy 8888, privoxy 8118, squid 3128, dante 1080 are forward proxies that answer ``GET /`` with an error).
"""

from __future__ import annotations

# Ports whose service does not speak plain HTTP/1 (an HTTP probe there is wrong).
NON_HTTP_PORTS = frozenset({
    21, 22, 23, 25, 53, 110, 119, 123, 139, 143, 161, 389, 443, 445, 465, 514, 587, 636, 853, 873,
    993, 995, 1080, 1194, 1433, 1521, 1812, 1883, 2049, 2181, 3128, 3306, 3389, 3478, 4222, 4369,
    5060, 5222, 5432, 5671, 5672, 5900, 6000, 6379, 6443, 6667, 7000, 7001, 8333, 8443, 8883, 9042,
    9050, 9092, 9300, 9418, 11211, 25565, 27017, 30303, 50051, 51820,
    2003, 2004, 8125, 8126, 10389, 10636, 22222, 1900, 5353, 25672, 61616, 8009,
    500, 554, 655, 843, 1701, 1723, 1935, 4500, 4505, 4506, 5269, 5349, 6600, 6881, 7777, 8388, 27015,
    51413, 64738, 2888, 3888,
})
# Ports that usually serve a web app: preferred over a database port listed before them.
WEB_PORTS = frozenset({80, 3000, 5000, 8000, 8008, 8080, 8081, 8088, 8888, 9090})

# Programs that serve something other than HTTP on their port.
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
# Packages whose daemon owns these ports without speaking HTTP there (tor's ORPort is TLS).
NON_HTTP_PACKAGES = {"tor": (9001, 9050), "tinyproxy": (8888,), "sniproxy": (80, 443), "privoxy": (8118,),
                     "squid": (3128,), "dante-server": (1080,)}
