"""non-root-user's web server config (transforms/non_root/web_servers.py): the RUN commands it follows (``rm``,
``sed -i``, ``echo``/``printf`` of inert lines), the sed scripts it translates, and the nginx statements it
reads, on the shapes the golden cases do not pin down."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refactor.document import Instruction, parse
from refactor.knowledge.web_servers import APACHE, NGINX, NGINX_DEFAULT_CONF, WebServer
from transforms.non_root import web_servers
from transforms.non_root.web_servers import ConfFile, Listen

_DEFAULT = "/etc/nginx/conf.d/default.conf"
_SITE = "/etc/apache2/sites-available/000-default.conf"


def _stock(server: WebServer) -> dict[str, ConfFile]:
    return {path: ConfFile(text, f"{path} (the image's stock file)") for path, text in server.stock}


def _ins(line: str, server: WebServer = NGINX) -> Instruction:
    image = "nginx:1.27" if server is NGINX else "php:8.3-apache"
    stage = parse(f"FROM {image}\n{line}\n").final_stage
    assert stage is not None
    return stage.body()[0]


def _run(line: str, server: WebServer = NGINX) -> tuple[str | None, dict[str, ConfFile]]:
    """What ``_run`` makes of the RUN at line 2 on the stock config: its reason, and the files after it."""
    files = _stock(server)
    return web_servers._run(_ins(line, server), server, files), files


def _written(line: int = 2) -> str:
    return f"line {line} writes the nginx config: cannot tell which ports it listens on"


# -- _run: which commands it follows --------------------------------------------------------------------


def test_an_exec_form_run_naming_the_config_cannot_be_followed() -> None:
    why, _ = _run('RUN ["sed", "-i", "s/80/8080/", "/etc/nginx/conf.d/default.conf"]')
    assert why == "line 2 changes the nginx config in a way this pass cannot follow"


def test_rm_by_path_follows_the_program_name_after_its_folder() -> None:
    why, files = _run("RUN /bin/rm /etc/nginx/conf.d/default.conf")
    assert why is None and _DEFAULT not in files


def test_rm_of_a_folder_removes_what_is_in_it() -> None:
    why, files = _run("RUN rm -rf /etc/nginx/conf.d")
    assert why is None and list(files) == ["/etc/nginx/nginx.conf"]


def test_rm_of_a_sibling_folder_keeps_the_files() -> None:
    why, files = _run("RUN rm -rf /etc/nginx/conf.dX")
    assert why is None and _DEFAULT in files


def test_rm_of_the_enabled_apache_site_removes_the_available_one_it_links_to() -> None:
    why, files = _run("RUN rm /etc/apache2/sites-enabled/000-default.conf", APACHE)
    assert why is None and list(files) == ["/etc/apache2/ports.conf"]


def test_a_command_that_may_rewrite_the_config_is_a_reason() -> None:
    why, files = _run("RUN cp /tmp/site.conf /etc/nginx/conf.d/default.conf")
    assert why == "line 2 changes the nginx config with cp: cannot tell which ports it listens on"
    assert files[_DEFAULT].text == NGINX_DEFAULT_CONF


def test_harmless_commands_naming_the_config_change_nothing() -> None:
    why, files = _run("RUN chmod 644 /etc/nginx/conf.d/default.conf && ls /etc/nginx")
    assert why is None and files == _stock(NGINX)


def test_every_naming_of_the_config_counts_beside_an_unrelated_command() -> None:
    """Two commands naming the config, one that names none: nothing is written through a redirection."""
    why, files = _run("RUN apt-get update && rm /etc/nginx/conf.d/default.conf && chmod 600 /etc/nginx/nginx.conf")
    assert why is None and list(files) == ["/etc/nginx/nginx.conf"]


def test_one_followed_command_beside_an_unrelated_one_writes_nothing() -> None:
    why, files = _run("RUN apt-get update && rm /etc/nginx/conf.d/default.conf")
    assert why is None and list(files) == ["/etc/nginx/nginx.conf"]


# -- _inert_write: a redirection into the config ---------------------------------------------------------


@pytest.mark.parametrize("line", [
    "RUN printf 'gzip on;\\n' >> /etc/nginx/conf.d/gzip.conf",
    "RUN /usr/bin/printf 'gzip on;\\n' >> /etc/nginx/conf.d/gzip.conf",
    "RUN mkdir -p /srv/cache && echo 'gzip on;' > /etc/nginx/conf.d/gzip.conf",
    "RUN rm /etc/nginx/conf.d/default.conf && echo 'gzip on;' > /etc/nginx/conf.d/gzip.conf",
    "RUN /bin/rm /etc/nginx/conf.d/default.conf && echo 'gzip on;' > /etc/nginx/conf.d/gzip.conf",
    "RUN sed -i 's/localhost/example.com/' /etc/nginx/conf.d/default.conf && echo 'gzip on;' "
    "> /etc/nginx/conf.d/gzip.conf",
])
def test_an_inert_line_written_into_the_config_is_no_reason(line: str) -> None:
    why, _ = _run(line)
    assert why is None


@pytest.mark.parametrize("line", [
    "RUN echo 'listen 80;' > /etc/nginx/conf.d/extra.conf",
    "RUN printf 'listen 80;' > /etc/nginx/conf.d/extra.conf",
    'RUN echo "gzip $GZIP;" > /etc/nginx/conf.d/gzip.conf',
    'RUN echo "gzip `cat /tmp/gzip`;" > /etc/nginx/conf.d/gzip.conf',
    "RUN echo 'gzip on;' > /etc/nginx/conf.d/gzip.conf && rm -rf /var/lib/apt/lists/*",
    "RUN echo 'gzip on;' > /etc/nginx/conf.d/gzip.conf && sed -i 's/a/b/' /srv/app.ini",
    "RUN apt-get update && echo 'gzip on;' > /etc/nginx/conf.d/gzip.conf",
])
def test_a_write_it_cannot_judge_is_a_reason(line: str) -> None:
    why, _ = _run(line)
    assert why == _written()


# -- _sed ---------------------------------------------------------------------------------------------------


class _Line3:
    lineno = 3


def _sed(*args: str, files: dict[str, ConfFile] | None = None, server: WebServer = NGINX) -> tuple[str | None, dict]:
    files = _stock(server) if files is None else files
    return web_servers._sed(_Line3(), ["sed", *args], server, files), files  # type: ignore[arg-type]


def _listens(files: dict[str, ConfFile], path: str = _DEFAULT) -> list[str]:
    return re.findall(r"listen\s+(\S+);", files[path].text)


@pytest.mark.parametrize("flags", [["-i"], ["--in-place"], ["-i.bak"], ["-ie"], ["-i", "-e"]])
def test_sed_in_place_forms(flags: list[str]) -> None:
    why, files = _sed(*flags, "s/80/8080/", _DEFAULT)
    assert why is None
    assert _listens(files) == ["8080", "[::]:8080"]
    assert files[_DEFAULT].label == f"{_DEFAULT} (after the sed at line 3)"


def test_sed_script_after_the_file() -> None:
    why, files = _sed("-i", _DEFAULT, "-e", "s/80/8080/")
    assert why is None and _listens(files) == ["8080", "[::]:8080"]


def test_sed_with_a_relative_file_after_the_script() -> None:
    why, files = _sed("-i", "s/80/8080/", _DEFAULT, "conf.d/other.conf")
    assert why is None and _listens(files) == ["8080", "[::]:8080"]


def test_sed_without_in_place_is_a_reason() -> None:
    why, files = _sed("s/80/8080/", _DEFAULT)
    assert why == "line 3 runs sed on the nginx config without -i: cannot follow it"
    assert files == _stock(NGINX)


def test_sed_in_place_without_a_script_is_a_reason() -> None:
    why, files = _sed("-i", _DEFAULT)
    assert why == "line 3 runs sed on the nginx config without -i: cannot follow it"
    assert files == _stock(NGINX)


def test_sed_with_a_quote_glued_to_its_in_place_flag() -> None:
    why, _ = _sed("-i's/80/8080/'", _DEFAULT)
    assert why == "line 3 edits the nginx config with sed -i's/80/8080/': cannot follow it"


@pytest.mark.parametrize("flag", ["-n", "-r", "-E", "-s", "--posix"])
def test_sed_with_another_option_is_a_reason(flag: str) -> None:
    why, files = _sed(flag, "-i", "s/80/8080/", _DEFAULT)
    assert why == f"line 3 edits the nginx config with sed {flag}: cannot follow it"
    assert files == _stock(NGINX)


def test_sed_with_a_dangling_e_is_a_reason() -> None:
    why, _ = _sed("-i", _DEFAULT, "-e")
    assert why == "line 3 edits the nginx config with sed '': cannot follow it"


def test_sed_on_an_unknown_file_of_the_config_is_a_reason() -> None:
    why, _ = _sed("-i", "s/a/b/", "/etc/nginx/conf.d/site.conf")
    assert why == "line 3 edits /etc/nginx/conf.d/site.conf, which this pass does not know"


def test_sed_skips_a_file_outside_the_config_and_edits_the_next() -> None:
    why, files = _sed("-i", "s/80/8080/", "/srv/app.ini", _DEFAULT)
    assert why is None and _listens(files) == ["8080", "[::]:8080"]


def test_sed_skips_an_inert_stock_file_and_edits_the_next() -> None:
    why, files = _sed("-i", "s/80/8080/", "/etc/nginx/mime.types", _DEFAULT)
    assert why is None and _listens(files) == ["8080", "[::]:8080"]


@pytest.mark.parametrize(("script", "text"), [
    ("s/aa/b/", "b aa\nb\nb aa aa"),
    ("s/aa/b/g", "b b\nb\nb b b"),
])
def test_sed_replaces_the_first_match_of_each_line_or_every_one_with_g(script: str, text: str) -> None:
    files = {_DEFAULT: ConfFile("aa aa\naa\naa aa aa", "x")}
    why, _ = _sed("-i", script, _DEFAULT, files=files)
    assert why is None and files[_DEFAULT].text == text


# -- _basic_regex and _replacement -------------------------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\w", "\\W", "\\s", "\\S", "\\b", "\\B", "\\(", "\\+", "\\1", "\\<"])
def test_gnu_and_extended_escapes_are_not_followed(escape: str) -> None:
    assert web_servers._basic_regex(f"listen{escape}80") is None


@pytest.mark.parametrize(("a", "hit", "miss"), [
    ("a+b", "xa+b", "aab"),
    ("a?b", "a?b", "b"),
    ("(a)", "(a)", "a"),
    ("a{2}", "a{2}", "aa"),
    ("a|b", "a|b", "b"),
    ("a\\/b", "a/b", "ab"),
    ("^listen 80;$", "listen 80;", " listen 80;"),
])
def test_basic_regex_specials_are_literals(a: str, hit: str, miss: str) -> None:
    pattern = web_servers._basic_regex(a)
    assert pattern is not None
    assert pattern.search(hit) and not pattern.search(miss)


@pytest.mark.parametrize(("b", "out"), [
    ("&0", "800"),  # & is the whole match
    ("x&\\/y", "x80/y"),
    ("a\\/b", "a/b"),
    ("a\\,b", "a,b"),  # the delimiter of s,…,…,
    ("\\&", "&"),
    ("a\\\\b", "a\\b"),
    ("\\&\\\\&", "&\\80"),
    ("a\\nb", "a\nb"),
    ("a\\tb", "a\tb"),
    ("a\\\nb", "a\nb"),  # an escaped newline
    ("8080", "8080"),
    ("", ""),
])
def test_sed_replacement(b: str, out: str) -> None:
    repl = web_servers._replacement(b)
    assert repl is not None and re.sub("80", repl, "80") == out


@pytest.mark.parametrize("b", ["\\1", "a\\U&", "\\L&\\E", "ab\\", "a\\x41"])
def test_sed_replacement_it_cannot_follow(b: str) -> None:
    assert web_servers._replacement(b) is None


def test_basic_regex_escaped_backslash_before_a_slash() -> None:
    """``s,a\\\\/b,…,`` matches a backslash and a slash: only ``\\/`` is a slash."""
    pattern = web_servers._basic_regex("a\\\\/b")
    assert pattern is not None and pattern.search("a\\/b") and not pattern.search("a/b")


def test_sed_with_a_replacement_it_cannot_follow_is_a_reason() -> None:
    why, files = _sed("-i", "s/localhost/\\U&/", _DEFAULT)
    assert why == "line 3 edits the nginx config with sed 's/localhost/\\U&/': cannot follow it"
    assert files == _stock(NGINX)


# -- nginx statements -------------------------------------------------------------------------------------


def test_statements_lines_names_and_quotes() -> None:
    text = 'user nginx;\n\n# a comment\nlisten\n  "8080";\n;\nserver_name "XX" \'a b\';\n{ }\n'
    out = web_servers._statements(text)
    assert [(name, end) for name, _, _, end in out] == [("user", ";"), ("listen", ";"), ("", ";"),
                                                         ("server_name", ";"), ("", "{"), ("", "}")]
    assert [(name, args, line) for name, args, line, _ in out if name] == [
        ("user", ["nginx"], 1), ("listen", ["8080"], 4), ("server_name", ["XX", "a b"], 7)]


def test_statements_count_the_lines_of_a_quoted_string() -> None:
    text = "log_format main '$remote_addr\n    $status';\nlisten 8080;\n"
    assert [(name, line) for name, _, line, _ in web_servers._statements(text)] == [("log_format", 1), ("listen", 3)]


def _walk(files: dict[str, ConfFile], main: str = "/etc/nginx/nginx.conf") -> web_servers._Nginx:
    out = web_servers._Nginx([], [], writes=[])
    web_servers._walk(files, main, [], out)
    return out


def test_walk_names_a_file_by_its_label_up_to_the_origin() -> None:
    label = "my site/nginx.conf (COPY at line 2 to /etc/nginx/nginx.conf)"
    out = _walk({"/etc/nginx/nginx.conf": ConfFile("pid /tmp/nginx.pid;\nlisten 8080;\n", label)})
    assert out.listens == [Listen(8080, "my site/nginx.conf:2", "listen 8080;",
                                  "COPY at line 2 to /etc/nginx/nginx.conf")]
    assert out.pid == ("/tmp/nginx.pid", "my site/nginx.conf:1", "/etc/nginx/nginx.conf")


def test_walk_collects_the_paths_nginx_writes() -> None:
    text = "error_log /var/log/app/error.log;\nhttp {\n  proxy_temp_path /srv/tmp;\n}\n"
    out = _walk({"/etc/nginx/nginx.conf": ConfFile(text, "/etc/nginx/nginx.conf (stock)")})
    assert out.writes == [("/var/log/app/error.log", "/etc/nginx/nginx.conf:1"),
                          ("/srv/tmp", "/etc/nginx/nginx.conf:3")]


def _chain(n: int) -> dict[str, ConfFile]:
    """nginx.conf including inc1.conf, which includes inc2.conf … up to inc``n``.conf."""
    files = {"/etc/nginx/nginx.conf": ConfFile("include inc1.conf;\n", "nginx.conf")}
    for i in range(1, n + 1):
        body = f"include inc{i + 1}.conf;\n" if i < n else "listen 8080;\n"
        files[f"/etc/nginx/inc{i}.conf"] = ConfFile(body, f"inc{i}.conf")
    return files


def test_walk_follows_nine_nested_includes() -> None:
    out = _walk(_chain(9))
    assert out.problem is None and [li.where for li in out.listens] == ["inc9.conf:1"]


def test_walk_stops_at_ten_nested_includes() -> None:
    out = _walk(_chain(10))
    assert out.problem == "inc9.conf:1 includes inc10.conf, which this pass cannot resolve" and out.listens == []


# -- small helpers ----------------------------------------------------------------------------------------


def test_blocked_is_below_1024() -> None:
    assert web_servers._blocked([Listen(1024, "a:1", "listen 1024;")]) is None
    low = Listen(1023, "a:2", "listen 1023;")
    assert web_servers._blocked([Listen(1024, "a:1", "listen 1024;"), low]) == low


def test_inside() -> None:
    assert web_servers._inside("/etc/nginx/conf.d/default.conf", "/etc/nginx/")
    assert web_servers._inside("/etc/nginx", "/etc/nginx")
    assert not web_servers._inside("/etc/nginx/conf.d/default.conf", "/etc/nginx/conf.dX")
    assert not web_servers._inside("/etc/nginxX", "/etc/nginx")


def test_norm_maps_only_apache_links() -> None:
    enabled = "/etc/apache2/sites-enabled/000-default.conf"
    assert web_servers._norm(APACHE, enabled) == _SITE
    assert web_servers._norm(NGINX, enabled) == enabled


def test_under(tmp_path: Path) -> None:
    (tmp_path / "ctx").mkdir()
    assert web_servers._under(tmp_path / "ctx" / "nginx.conf", tmp_path / "ctx")
    assert not web_servers._under(tmp_path / "elsewhere" / "nginx.conf", tmp_path / "ctx")
