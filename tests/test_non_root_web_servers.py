"""The parts of non-root-user's web server rule that golden cases show only through a message: listen
addresses, Apache's Listen, the sed it follows, and the stand-ins matching the official stock config it reads."""

from __future__ import annotations

import re

import pytest

from refactor.build import stand_in
from refactor.knowledge.web_servers import NGINX_CONF, NGINX_DEFAULT_CONF, PORTS_CONF
from transforms.non_root import web_servers


@pytest.mark.parametrize(("addr", "port"), [
    ("8080", 8080), ("*:8080", 8080), ("[::]:8080", 8080), ("127.0.0.1:8080", 8080), ("localhost:8443", 8443),
    ("80", 80), ("127.0.0.1", 80), ("[::1]", 80), ("unix:/tmp/nginx.sock", None), ("$PORT", None),
])
def test_nginx_listen_addresses(addr: str, port: int | None) -> None:
    assert web_servers._nginx_port(addr) == port


@pytest.mark.parametrize(("addr", "port"), [
    ("8080", 8080), ("0.0.0.0:8080", 8080), ("[::]:8000", 8000), ("443", 443), ("${PORT}", None),
])
def test_apache_listen_addresses(addr: str, port: int | None) -> None:
    assert web_servers._apache_port(addr) == port


def test_sed_substitution_follows_sed_semantics() -> None:
    files = {"/etc/apache2/ports.conf": web_servers.ConfFile(PORTS_CONF, "stock")}
    argv = ["sed", "-i", "s/Listen 80/Listen 8080/", "/etc/apache2/ports.conf"]
    assert web_servers._sed(_Ins(), argv, web_servers.APACHE, files) is None
    text = files["/etc/apache2/ports.conf"].text
    assert re.findall(r"Listen \d+", text) == ["Listen 8080", "Listen 443", "Listen 443"]


@pytest.mark.parametrize("script", ["s/\\(80\\)/8080/", "s/80/8080/w out", "y/8/9/"])
def test_sed_it_cannot_follow_is_a_reason(script: str) -> None:
    files = {"/etc/apache2/ports.conf": web_servers.ConfFile(PORTS_CONF, "stock")}
    assert web_servers._sed(_Ins(), ["sed", "-i", script, "/etc/apache2/ports.conf"], web_servers.APACHE, files)
    assert files["/etc/apache2/ports.conf"].text == PORTS_CONF


def test_nginx_stand_in_ships_the_stock_config_the_pass_reads() -> None:
    shipped = dict(stand_in.NGINX_FILES)

    def directives(text: str) -> list[str]:
        return [line.split("#")[0].strip() for line in text.splitlines()
                if re.match(r"\s*(listen|pid|include|user)\s", line)]

    assert directives(shipped["default.conf"]) == directives(NGINX_DEFAULT_CONF)
    assert directives(shipped["nginx.conf"]) == directives(NGINX_CONF)


class _Ins:
    lineno = 3
