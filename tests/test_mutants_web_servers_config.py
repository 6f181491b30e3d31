"""The non-root pass's reading of the nginx / php-apache config (transforms/non_root/web_servers.py) on shapes the
golden cases do not pin down: which COPY/ADD lands where in the config folder (exec form, variables, WORKDIR,
folders, globs, ``COPY --from``, files the context cannot give), nginx includes, logs and pid, Apache's
``<IfModule>``, Include and logs, ``a2enmod``, and the messages that name them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from refactor.document import Stage, parse
from refactor.knowledge.web_servers import APACHE, NGINX
from transforms.non_root import web_servers
from transforms.non_root.web_servers import ConfFile, Listen, Verdict, evidence, server_of, starts_server, verdict

LISTEN_8080 = "server {\n    listen 8080;\n}\n"
ROOT_NGINX = "; base image nginx:1.27 starts as root: configure it for a non-root user by hand"
ROOT_APACHE = "; base image php:8.2-apache starts as root: configure it for a non-root user by hand"
STOCK_80 = "nginx listens on privileged port 80 (/etc/nginx/conf.d/default.conf:2 `listen 80;`"


def _stage(text: str) -> Stage:
    stage = parse(text).final_stage
    assert stage is not None
    return stage


def _verdict(text: str, context: Path | None, files: dict[str, str | bytes] | None = None) -> Verdict | str | None:
    """The verdict on ``text`` with ``files`` written into the build context first."""
    for name, body in (files or {}).items():
        assert context is not None
        path = context / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return verdict(_stage(text), context)


def _ports(v: Verdict | str | None) -> list[int | None]:
    assert isinstance(v, Verdict), v
    return [li.port for li in v.listens]


# -- which images, and whether they start their own server --------------------------------------------------


def test_only_php_apache_tags_are_apache() -> None:
    assert server_of(_stage("FROM php:8.2-apache\n")) is APACHE
    assert server_of(_stage("FROM wordpress:6-apache\n")) is None  # an apache tag of another image
    assert server_of(_stage("FROM php:8.2-fpm\n")) is None


@pytest.mark.parametrize(("text", "starts"), [
    ("FROM nginx:1.27\nRUN chmod +x /docker-entrypoint.d/30-tune.sh\n", True),  # a RUN naming it copies nothing
    ("FROM nginx:1.27\nADD docker-entrypoint.sh /docker-entrypoint.sh\n", False),
    ("FROM nginx:1.27\nCOPY 10-a.sh 20-b.sh /docker-entrypoint.d/\n", False),  # the destination is the last word
    ("FROM nginx:1.27\nCMD [\"sh\", \"-c\", \"nginx -g 'daemon off;'\"]\n", False),
    ("FROM nginx:1.27\nCMD [\"nginx-debug\", \"-g\", \"daemon off;\"]\n", True),
])
def test_starts_server(text: str, starts: bool) -> None:
    assert starts_server(_stage(text), NGINX) is starts


def test_the_root_message_names_an_untagged_image_without_a_colon() -> None:
    v = _verdict('FROM nginx\nCMD ["nginx", "-c", "/srv/nginx.conf", "-g", "daemon off;"]\n', None)
    assert v == ("the start command names its own nginx config file; base image nginx starts as root: configure it "
                 "for a non-root user by hand")


def test_apache_started_with_its_own_config_file() -> None:
    v = _verdict('FROM php:8.2-apache\nCMD ["apache2-foreground", "-f", "/srv/httpd.conf"]\n', None)
    assert v == "the start command names its own Apache config file" + ROOT_APACHE


# -- what COPY/ADD bring into the config folder -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "FROM nginx:1.27\nADD nginx/default.conf /etc/nginx/conf.d/default.conf\n",
    'FROM nginx:1.27\nCOPY ["nginx/default.conf", "/etc/nginx/conf.d/default.conf"]\n',
    "FROM nginx:1.27\nENV CONF_D=/etc/nginx/conf.d SITE=nginx/default.conf\nCOPY $SITE $CONF_D/default.conf\n",
    "FROM nginx:1.27\nWORKDIR /etc/nginx/conf.d\nCOPY nginx/default.conf default.conf\n",
    "FROM nginx:1.27\nCOPY nginx/default.conf /etc/nginx/conf.d\n",  # a folder of the config: lands inside it
    "FROM nginx:1.27\nCOPY /nginx/default.conf /etc/nginx/conf.d/default.conf\n",  # relative to the context
    "FROM nginx:1.27\nCOPY nginx/*.conf /etc/nginx/conf.d/\n",
    "FROM nginx:1.27\nCOPY site/ ${WEB_ROOT}/\nCOPY nginx/default.conf /etc/nginx/conf.d/\n",  # elsewhere, unknown
    "FROM nginx:1.27\nLABEL conf=/etc/nginx/conf.d\nCOPY nginx/default.conf /etc/nginx/conf.d/\n",
])
def test_copies_that_replace_the_default_site(tmp_path: Path, text: str) -> None:
    assert _ports(_verdict(text, tmp_path, {"nginx/default.conf": LISTEN_8080})) == [8080]


def test_a_source_starting_with_x(tmp_path: Path) -> None:
    text = "FROM nginx:1.27\nCOPY /Xnginx/default.conf /etc/nginx/conf.d/default.conf\n"
    assert _ports(_verdict(text, tmp_path, {"Xnginx/default.conf": LISTEN_8080})) == [8080]


def test_the_whole_context_as_the_source(tmp_path: Path) -> None:
    text = "FROM nginx:1.27\nCOPY / /etc/nginx/conf.d/\n"
    assert _ports(_verdict(text, tmp_path, {"default.conf": LISTEN_8080})) == [8080]


def test_a_source_outside_the_context(tmp_path: Path) -> None:
    (tmp_path / "default.conf").write_text(LISTEN_8080, encoding="utf-8")
    context = tmp_path / "ctx"
    context.mkdir()
    v = _verdict("FROM nginx:1.27\nCOPY ../default.conf /etc/nginx/conf.d/default.conf\n", context)
    assert v == ("line 2 copies ../default.conf into /etc/nginx/conf.d/default.conf: ../default.conf is not in the "
                 "build context" + ROOT_NGINX)


def test_a_file_and_a_folder_in_one_copy(tmp_path: Path) -> None:
    text = "FROM nginx:1.27\nCOPY nginx/default.conf extra/ /etc/nginx/conf.d/\n"
    files = {"nginx/default.conf": LISTEN_8080, "extra/status.conf": "server {\n    listen 8081;\n}\n"}
    assert _ports(_verdict(text, tmp_path, files)) == [8080, 8081]


def test_a_folder_copied_to_etc_brings_the_config_after_other_files(tmp_path: Path) -> None:
    files = {"etc/hostname": "web\n", "etc/nginx/conf.d/default.conf": LISTEN_8080}
    assert _ports(_verdict("FROM nginx:1.27\nCOPY etc/ /etc/\n", tmp_path, files)) == [8080]


@pytest.mark.parametrize("text", [
    "FROM nginx:1.27\nCOPY rootfs/ /\n",
    "FROM nginx:1.27\nENV ROOTFS=rootfs\nCOPY start.sh $ROOTFS/ /\n",
])
def test_a_root_filesystem_folder_copied_to_the_root(tmp_path: Path, text: str) -> None:
    files = {"rootfs/etc/nginx/conf.d/default.conf": LISTEN_8080, "start.sh": "exec nginx\n"}
    assert _ports(_verdict(text, tmp_path, files)) == [8080]


def test_a_root_filesystem_folder_of_apache(tmp_path: Path) -> None:
    v = _verdict("FROM php:8.2-apache\nCOPY rootfs/ /\n", tmp_path, {"rootfs/etc/apache2/ports.conf": "Listen 8080\n"})
    assert _ports(v) == [8080]


@pytest.mark.parametrize("copy", [
    "COPY start.sh missing.sh /",  # files, or nothing the context has: no config
    "COPY rootfs/etc/ /",  # a folder without nginx/ at its top
    "COPY ${NOPE}/ /",
    "COPY --from=build /out/app.js /",  # a file of another stage lands beside the config
])
def test_other_copies_to_the_root_bring_no_config(tmp_path: Path, copy: str) -> None:
    text = f"FROM alpine:3 AS build\nRUN mkdir /out\n\nFROM nginx:1.27\n{copy}\n"
    v = _verdict(text, tmp_path, {"rootfs/etc/nginx/conf.d/default.conf": LISTEN_8080, "start.sh": "exec nginx\n"})
    assert isinstance(v, str) and v.startswith(STOCK_80)


def test_a_root_filesystem_copy_without_a_known_context() -> None:
    v = _verdict("FROM nginx:1.27\nCOPY rootfs/ /\n", None)
    assert isinstance(v, str) and v.startswith(STOCK_80)


def test_a_one_word_copy_is_ignored() -> None:
    v = _verdict("FROM nginx:1.27\nCOPY /etc/nginx/conf.d/\n", None)
    assert isinstance(v, str) and v.startswith(STOCK_80)


def test_an_unknown_destination_in_the_config_folder(tmp_path: Path) -> None:
    text = "FROM nginx:1.27\nARG SITE\nCOPY nginx/default.conf /etc/nginx/conf.d/${SITE}\n"
    v = _verdict(text, tmp_path, {"nginx/default.conf": LISTEN_8080})
    assert v == "line 3 copies to /etc/nginx/conf.d/${SITE}, not known here" + ROOT_NGINX


def test_sources_named_when_no_context_is_known() -> None:
    v = _verdict("FROM nginx:1.27\nCOPY nginx/a.conf nginx/b.conf /etc/nginx/conf.d/\n", None)
    assert v == ("line 2 copies nginx/a.conf nginx/b.conf into /etc/nginx/conf.d, and no build context is known to "
                 "read it" + ROOT_NGINX)


def test_a_download_cannot_be_read(tmp_path: Path) -> None:
    url = "https://example.com/nginx/default.conf"
    v = _verdict(f"FROM nginx:1.27\nADD {url} /etc/nginx/conf.d/default.conf\n", tmp_path)
    assert v == f"line 2 copies {url} into /etc/nginx/conf.d/default.conf: cannot read {url}" + ROOT_NGINX


@pytest.mark.parametrize(("copy", "lands"), [
    ("/etc/nginx/nginx.conf /etc/nginx/custom/", "/etc/nginx/custom/nginx.conf"),  # into a folder
    ("/etc/nginx/nginx.conf /etc/nginx/custom.conf", "/etc/nginx/custom.conf"),  # as a file
    # two sources make the destination a folder, with or without its slash (Docker asks for one)
    ("/etc/nginx/nginx.conf /etc/nginx/mime.types /etc/nginx/custom", "/etc/nginx/custom/nginx.conf"),
])
def test_copy_from_an_image_names_where_it_lands(tmp_path: Path, copy: str, lands: str) -> None:
    v = _verdict(f"FROM nginx:1.27\nCOPY --from=nginx:1.27 {copy}\n", tmp_path)
    srcs, dest = copy.rsplit(" ", 1)
    assert v == (f"line 2 copies {srcs} into {dest.rstrip('/')}: cannot read {lands} (line 2 copies from the image "
                 "nginx:1.27)" + ROOT_NGINX)


_CONF_STAGE = "FROM alpine:3 AS conf\nCOPY nginx/ /conf/\n\nFROM nginx:1.27\n"


def test_copy_from_a_stage_reads_each_file(tmp_path: Path) -> None:
    text = _CONF_STAGE + "COPY --from=conf /conf/default.conf /conf/missing.conf /etc/nginx/conf.d/\n"
    v = _verdict(text, tmp_path, {"nginx/default.conf": LISTEN_8080})
    assert v == ("line 5 copies /conf/default.conf /conf/missing.conf into /etc/nginx/conf.d: cannot read "
                 "/etc/nginx/conf.d/missing.conf (no build-context file of stage conf that this pass can read)"
                 + ROOT_NGINX)
    ok = _verdict(_CONF_STAGE + "COPY --from=conf /conf/default.conf /etc/nginx/conf.d/\n", tmp_path)
    assert _ports(ok) == [8080]


def test_copy_from_a_stage_of_a_folder(tmp_path: Path) -> None:
    v = _verdict(_CONF_STAGE + "COPY --from=conf /conf /etc/nginx/conf.d/\n", tmp_path, {"nginx/default.conf": ""})
    assert v == ("line 5 copies /conf into /etc/nginx/conf.d: cannot read /etc/nginx/conf.d/conf (no build-context "
                 "file of stage conf that this pass can read)" + ROOT_NGINX)


def test_a_context_file_linked_from_outside_is_named_by_its_path(tmp_path: Path) -> None:
    outside = tmp_path / "shared.conf"
    outside.write_text(LISTEN_8080, encoding="utf-8")
    context = tmp_path / "ctx"
    (context / "nginx").mkdir(parents=True)
    (context / "nginx" / "default.conf").symlink_to(outside)
    v = _verdict("FROM nginx:1.27\nCOPY nginx/default.conf /etc/nginx/conf.d/\n", context)
    assert isinstance(v, Verdict)
    assert [li.where for li in v.listens] == [f"{context}/nginx/default.conf:2"]


def test_a_config_that_is_not_utf8_is_read_with_replacements(tmp_path: Path) -> None:
    body = b"# caf\xe9\nserver {\n    listen 8080;\n}\n"
    assert _ports(_verdict("FROM nginx:1.27\nCOPY nginx/ /etc/nginx/conf.d/\n", tmp_path,
                           {"nginx/default.conf": body})) == [8080]


def test_a_config_is_read_as_utf8_whatever_the_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Latin-1 locale (``io.text_encoding`` gives the locale's codec to a read without one) changes nothing."""
    monkeypatch.setattr(io, "text_encoding", lambda encoding, stacklevel=2: encoding or "cp1252")
    body = "server {\n    listen 8080;\n    access_log /var/log/café/access.log;\n}\n"
    v = _verdict("FROM nginx:1.27\nCOPY nginx/ /etc/nginx/conf.d/\n", tmp_path, {"nginx/default.conf": body})
    assert isinstance(v, str) and v.startswith("nginx/default.conf:3 writes /var/log/café/access.log,")


def test_a_copy_to_the_enabled_default_site_is_the_available_one(tmp_path: Path) -> None:
    text = ("FROM php:8.2-apache\nCOPY apache/vhost.conf /etc/apache2/sites-enabled/000-default.conf\n"
            "RUN sed -i 's/80/8080/' /etc/apache2/ports.conf /etc/apache2/sites-available/000-default.conf\n")
    files = {"apache/vhost.conf": "Listen 80\n<VirtualHost *:80>\n    DocumentRoot /var/www/html\n</VirtualHost>\n"}
    assert _ports(_verdict(text, tmp_path, files)) == [8080, 8080]


# -- CMD / ENTRYPOINT that write the config ------------------------------------------------------------------


@pytest.mark.parametrize(("start", "line"), [
    ('CMD ["nginx", "-g", "daemon off; error_log /etc/nginx/error.log;"]\n', 3),
    ('ENTRYPOINT ["nginx", "-p", "/etc/nginx/"]\nCMD ["-g", "daemon off;"]\n', 3),
    ('CMD envsubst < /tmp/site.template > /tmp/site.conf\nCMD ["nginx", "-g", "daemon off;"]\n', 3),
])
def test_a_start_command_that_writes_the_config(tmp_path: Path, start: str, line: int) -> None:
    text = "FROM nginx:1.27\nCOPY nginx/default.conf /etc/nginx/conf.d/\n" + start
    v = _verdict(text, tmp_path, {"nginx/default.conf": LISTEN_8080})
    assert v == f"line {line} writes the nginx config when the container starts" + ROOT_NGINX


# -- nginx ----------------------------------------------------------------------------------------------------


def _nginx_conf(http: str, top: str = "pid /tmp/nginx.pid;\n") -> str:
    return f"{top}events {{}}\nhttp {{\n{http}}}\n"


def test_a_variable_include(tmp_path: Path) -> None:
    body = "server {\n    listen 8080;\n    include /etc/nginx/sites/$host.conf;\n}\n"
    v = _verdict("FROM nginx:1.27\nCOPY nginx/ /etc/nginx/conf.d/\n", tmp_path, {"nginx/default.conf": body})
    assert v == "nginx/default.conf:3 includes /etc/nginx/sites/$host.conf, which this pass cannot resolve" + ROOT_NGINX


def _chain(tmp_path: Path, last: int) -> Verdict | str | None:
    """nginx.conf includes chain/1.conf, which includes chain/2.conf, ... up to chain/``last``.conf, which serves."""
    files = {"nginx/nginx.conf": _nginx_conf("    include chain/1.conf;\n")}
    for i in range(1, last):
        files[f"nginx/chain/{i}.conf"] = f"include /etc/nginx/chain/{i + 1}.conf;\n"
    files[f"nginx/chain/{last}.conf"] = LISTEN_8080
    return _verdict("FROM nginx:1.27\nCOPY nginx/ /etc/nginx/\n", tmp_path, files)


def test_includes_are_followed_nine_deep(tmp_path: Path) -> None:
    assert _ports(_chain(tmp_path, 9)) == [8080]


def test_includes_ten_deep_are_too_deep(tmp_path: Path) -> None:
    assert _chain(tmp_path, 10) == ("nginx/chain/9.conf:1 includes /etc/nginx/chain/10.conf, which this pass "
                                    "cannot resolve" + ROOT_NGINX)


def test_no_listen_at_all(tmp_path: Path) -> None:
    conf = {"nginx/nginx.conf": _nginx_conf("")}
    v = _verdict("FROM nginx:1.27\nCOPY nginx/nginx.conf /etc/nginx/\n", tmp_path, conf)
    assert v == "the nginx config has no listen directive: cannot tell which ports it serves" + ROOT_NGINX


def test_a_log_the_nginx_user_cannot_write(tmp_path: Path) -> None:
    body = "server {\n    listen 8080;\n    access_log /var/log/app/access.log;\n}\n"
    v = _verdict("FROM nginx:1.27\nCOPY nginx/ /etc/nginx/conf.d/\n", tmp_path, {"nginx/default.conf": body})
    assert v == ("nginx/default.conf:3 writes /var/log/app/access.log, which the nginx user cannot create (only "
                 "/tmp, /var/cache/nginx and the stdout/stderr logs are its own): move it under /tmp first"
                 + ROOT_NGINX)


def test_logs_the_nginx_user_can_write(tmp_path: Path) -> None:
    body = ("server {\n    listen 8080;\n    access_log off;\n    error_log stderr;\n"
            "    access_log syslog:server=unix:/dev/log;\n    error_log memory:32m;\n"
            "    access_log /var/log/nginx/access.log main;\n    error_log /tmp/error.log;\n}\n")
    v = _verdict("FROM nginx:1.27\nCOPY nginx/ /etc/nginx/conf.d/\n", tmp_path, {"nginx/default.conf": body})
    assert _ports(v) == [8080]


def test_a_main_config_without_pid_is_named(tmp_path: Path) -> None:
    text = 'FROM nginx:1.27\nCOPY ["my conf/nginx.conf", "/etc/nginx/nginx.conf"]\n'
    v = _verdict(text, tmp_path, {"my conf/nginx.conf": _nginx_conf(LISTEN_8080, top="")})
    assert v == ("my conf/nginx.conf sets no pid: nginx then writes the compiled-in /var/run/nginx.pid, which only "
                 "root may create; add `pid /tmp/nginx.pid;` to it" + ROOT_NGINX)


def test_a_pid_in_an_included_file_cannot_be_moved_by_the_fix(tmp_path: Path) -> None:
    files = {"nginx/nginx.conf": _nginx_conf(LISTEN_8080, top="include /etc/nginx/main.d/*.conf;\n"),
             "nginx/main.d/pid.conf": "pid /run/nginx.pid;\n"}
    v = _verdict("FROM nginx:1.27\nCOPY nginx/ /etc/nginx/\n", tmp_path, files)
    assert v == ("nginx/main.d/pid.conf:1 puts the pid file at /run/nginx.pid, which only root may create: move it "
                 "to /tmp/nginx.pid" + ROOT_NGINX)


def test_a_copied_main_config_with_its_pid_and_user(tmp_path: Path) -> None:
    conf = _nginx_conf(LISTEN_8080, top="pid /var/run/nginx.pid;\nuser nginx;\n")
    v = _verdict("FROM nginx:1.27\nCOPY nginx/nginx.conf /etc/nginx/\n", tmp_path, {"nginx/nginx.conf": conf})
    assert isinstance(v, Verdict)
    assert v.commands == ("sed -i 's,^pid .*,pid /tmp/nginx.pid;,' /etc/nginx/nginx.conf",
                          "chown -R nginx:nginx /var/cache/nginx")
    assert v.notes == ("the pid file moves from /var/run/nginx.pid (nginx/nginx.conf:1) to /tmp/nginx.pid",
                       "nginx owns its temp files in /var/cache/nginx, as nginxinc/nginx-unprivileged does",
                       "its `user` directive is then ignored with a warning")


@pytest.mark.parametrize(("addr", "port"), [
    ("unix:8080", None),  # a socket file named 8080, not a port
    ("localhost:http", None),  # nginx wants a number
    ("[::]:", None),
])
def test_nginx_listen_addresses_that_are_no_port(addr: str, port: int | None) -> None:
    assert web_servers._nginx_port(addr) == port


@pytest.mark.parametrize("addr", ["[::1", "example]8080"])
def test_a_malformed_listen_keeps_nginx_root(tmp_path: Path, addr: str) -> None:
    body = f"server {{\n    listen {addr};\n}}\n"
    v = _verdict("FROM nginx:1.27\nCOPY nginx/ /etc/nginx/conf.d/\n", tmp_path, {"nginx/default.conf": body})
    assert isinstance(v, str)


def test_a_listen_copied_to_a_file_with_parentheses_in_its_name(tmp_path: Path) -> None:
    text = ('FROM nginx:1.27\nCOPY ["nginx/default.conf", "/etc/nginx/conf.d/default (1).conf"]\n'
            "RUN rm /etc/nginx/conf.d/default.conf\n")
    v = _verdict(text, tmp_path, {"nginx/default.conf": LISTEN_8080})
    assert isinstance(v, Verdict)
    assert evidence(v) == ("nginx/default.conf:2 `listen 8080;`, COPY at line 2 to "
                           "/etc/nginx/conf.d/default (1).conf")


@pytest.mark.parametrize(("label", "origin"), [
    ("stock", ""),
    ("conf/INDEX (COPY at line 2 to /etc/apache2/conf-enabled/INDEX)",  # an origin ending in X
     "COPY at line 2 to /etc/apache2/conf-enabled/INDEX"),
])
def test_origin_of_a_label(label: str, origin: str) -> None:
    assert web_servers._origin(ConfFile("", label)) == origin


def test_evidence_of_a_listen_without_origin() -> None:
    v = Verdict(NGINX, (Listen(8080, "a.conf:2", "listen 8080;"), Listen(8081, "b.conf:1", "listen 8081;", "x")),
                (), ())
    assert evidence(v) == "a.conf:2 `listen 8080;`; b.conf:1 `listen 8081;`, x"


# -- Apache ---------------------------------------------------------------------------------------------------


_PORTS = "<IfModule ssl_module>\n    Listen 443\n</ifmodule>\n# Listen 80\nListen 8080\n"


def test_apache_ports_after_an_ifmodule_closed_in_lower_case(tmp_path: Path) -> None:
    text = ('FROM php:8.2-apache\nCOPY ["apache conf/ports.conf", "/etc/apache2/ports.conf"]\n'
            "COPY apache/app.conf /etc/apache2/conf-enabled/\n")
    files = {"apache conf/ports.conf": _PORTS, "apache/app.conf": "ServerName localhost\nDocumentRoot /srv/www\n"}
    v = _verdict(text, tmp_path, files)
    assert isinstance(v, Verdict)
    assert v.listens == (Listen(8080, "apache conf/ports.conf:5", "Listen 8080",
                                "COPY at line 2 to /etc/apache2/ports.conf"),)
    assert v.commands == ()


def test_apache_include_in_a_copied_file(tmp_path: Path) -> None:
    text = "FROM php:8.2-apache\nCOPY apache/app.conf /etc/apache2/conf-enabled/\n"
    v = _verdict(text, tmp_path, {"apache/app.conf": "ServerName localhost\nInclude /srv/app/apache.conf\n"})
    assert v == "apache/app.conf:2 includes /srv/app/apache.conf, which this pass cannot resolve" + ROOT_APACHE


def test_apache_log_www_data_cannot_write(tmp_path: Path) -> None:
    text = "FROM php:8.2-apache\nCOPY apache/app.conf /etc/apache2/conf-enabled/\n"
    v = _verdict(text, tmp_path, {"apache/app.conf": "ErrorLog /var/log/app/error.log\n"})
    assert v == ("apache/app.conf:1 writes /var/log/app/error.log, which www-data cannot create (the image gives it "
                 "only ${APACHE_LOG_DIR}, the run and lock dirs): move it there first" + ROOT_APACHE)


def test_apache_without_listen() -> None:
    v = _verdict("FROM php:8.2-apache\nRUN rm /etc/apache2/ports.conf\n", None)
    assert v == "the Apache config has no Listen directive: cannot tell which ports it serves" + ROOT_APACHE


@pytest.mark.parametrize("enable", ["/usr/sbin/a2enmod ssl", "a2enmod ssl && a2enmod rewrite"])
def test_a2enmod_ssl_makes_its_listen_count(enable: str) -> None:
    text = f"FROM php:8.2-apache\nRUN {enable}\nRUN sed -i 's/Listen 80/Listen 8080/' /etc/apache2/ports.conf\n"
    v = _verdict(text, None)
    assert isinstance(v, str) and v.startswith("Apache listens on privileged port 443 (/etc/apache2/ports.conf:8 ")
    assert _ports(_verdict(text.replace("ssl", "headers"), None)) == [8080]


@pytest.mark.parametrize("copy", ["COPY --from=build /out/ /", "COPY --from=build /rootfs /"])
def test_a_folder_of_another_stage_copied_to_the_root_may_hold_the_config(tmp_path: Path, copy: str) -> None:
    text = f"FROM alpine:3 AS build\nRUN mkdir /out\n\nFROM nginx:1.27\n{copy}\n"
    src = copy.split()[2]
    assert _verdict(text, tmp_path) == (f"line 5 copies {src} of build into /, which may hold /etc/nginx: cannot see it"
                                        + ROOT_NGINX)


def _tar(path: Path, members: dict[str, str], mode: str = "w:gz") -> None:
    import io
    import tarfile

    with tarfile.open(path, mode) as tar:
        for name, body in members.items():
            data = body.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize("add, members, hit", [
    ("ADD conf.tar.gz /etc/nginx/", {"conf.d/default.conf": "server { listen 80; }\n"}, "conf.d/default.conf"),
    ("ADD conf.tar.gz /", {"etc/nginx/nginx.conf": "x\n", "srv/app.js": ""}, "etc/nginx/nginx.conf"),
    ("ADD conf.tar.gz /etc", {"./nginx/conf.d/a.conf": "x\n"}, "./nginx/conf.d/a.conf"),
])
def test_an_archive_add_unpacks_into_the_config(tmp_path: Path, add: str, members: dict[str, str], hit: str) -> None:
    _tar(tmp_path / "conf.tar.gz", members)
    dest = add.split()[2].rstrip("/") or "/"
    assert _verdict(f"FROM nginx:1.27\n{add}\n", tmp_path) == (
        f"line 2 unpacks conf.tar.gz into {dest}, and its {hit} lands in the nginx config: cannot follow it"
        + ROOT_NGINX)


def test_an_archive_add_elsewhere_or_from_a_url_brings_no_config(tmp_path: Path) -> None:
    _tar(tmp_path / "app.tar", {"srv/app.js": "", "etc/hosts.d/x": ""}, "w")
    text = "FROM nginx:1.27\nADD app.tar /\nADD https://example.com/x.tar.gz /\nADD app.tar /srv/\n"
    v = _verdict(text, tmp_path)
    assert isinstance(v, str) and v.startswith(STOCK_80)


def test_an_archive_that_cannot_be_listed_is_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tarfile

    _tar(tmp_path / "conf.tar", {"etc/nginx/nginx.conf": ""}, "w")

    def broken(self: tarfile.TarFile) -> list[str]:
        raise tarfile.ReadError("unexpected end of data")

    monkeypatch.setattr(tarfile.TarFile, "getnames", broken)
    assert _verdict("FROM nginx:1.27\nADD conf.tar /\n", tmp_path) == (
        "line 2 unpacks conf.tar into /: cannot list the archive" + ROOT_NGINX)


def _conf_tar(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _tar(path, {"conf.d/default.conf": "server { listen 80; }\n"})


def test_only_add_unpacks_and_not_from_another_stage(tmp_path: Path) -> None:
    _conf_tar(tmp_path / "conf.tar.gz")
    _conf_tar(tmp_path / "out" / "conf.tar.gz")
    v = _verdict("FROM nginx:1.27\nCOPY conf.tar.gz /etc/nginx/\n", tmp_path)
    assert isinstance(v, str) and v.startswith(STOCK_80)  # the archive lands as a file no include names
    v = _verdict("FROM alpine:3 AS build\nFROM nginx:1.27\nADD --from=build /out/conf.tar.gz /etc/nginx/\n", tmp_path)
    assert isinstance(v, str) and "unpacks" not in v and v.startswith("line 3 copies /out/conf.tar.gz into /etc/nginx")


def test_the_archive_named_by_a_variable_among_other_sources(tmp_path: Path) -> None:
    _conf_tar(tmp_path / "conf.tar.gz")
    (tmp_path / "start.sh").write_text("exec nginx\n")
    for text, src in (("ENV A=conf.tar.gz\nADD $A /etc/nginx/", "$A"),
                      ("ADD start.sh conf.tar.gz /etc/nginx/", "conf.tar.gz")):
        assert _verdict(f"FROM nginx:1.27\n{text}\n", tmp_path) == (
            f"line {text.count(chr(10)) + 2} unpacks {src} into /etc/nginx, and its conf.d/default.conf lands in the "
            "nginx config: cannot follow it" + ROOT_NGINX)


def test_an_unknown_or_remote_archive_is_not_listed(tmp_path: Path) -> None:
    _conf_tar(tmp_path / "https:" / "example.com" / "conf.tar.gz")  # what the URL would name as a context path
    for src in ("${NOPE}", "https://example.com/conf.tar.gz"):
        v = _verdict(f"FROM nginx:1.27\nADD {src} /etc/nginx/\n", tmp_path)
        assert v == f"line 2 copies {src} into /etc/nginx: cannot read {src}" + ROOT_NGINX


def test_a_folder_of_another_stage_copied_below_the_root_is_read_as_before(tmp_path: Path) -> None:
    v = _verdict("FROM alpine:3 AS build\nFROM nginx:1.27\nCOPY --from=build /out/ /etc/\n", tmp_path)
    assert isinstance(v, str) and v.startswith(STOCK_80)


def test_a_glob_looks_past_files_that_are_no_archive(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("notes\n")
    _conf_tar(tmp_path / "b.tar.gz")
    assert _verdict("FROM nginx:1.27\nADD ?.t* /etc/nginx/\n", tmp_path) == (
        "line 2 unpacks ?.t* into /etc/nginx, and its conf.d/default.conf lands in the nginx config: cannot follow it"
        + ROOT_NGINX)
