"""The app-source reader of the healthcheck evidence (refactor/health_source.py) on details its golden cases do not
pin down: what the scan reads, Spring Boot's and NestJS's health paths, route literals and host validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.health_source import Clue, Sources, _properties, _wanted, framework_clue, host_check, route_clue
from refactor.knowledge import health as k
from tests.paths import write_tree

# -- the scan ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, wanted", [
    ("main.go", True), ("app.py", True), ("server.ts", True), ("nginx.conf", True),
    ("package.json", True), ("pom.xml", True), ("manage.py", True), ("application.yml", True),
    ("requirements.txt", True), ("requirements-prod.txt", True), ("requirements.in", False),
    ("dev-requirements.txt", False), ("README.md", False), ("Makefile", False),
    ("main_test.go", False), ("app.spec.ts", False), ("test_app.py", False), ("app_test.py", False),
    ("types.d.ts", False), ("vendor.min.js", False),
])
def test_wanted_files(name: str, wanted: bool) -> None:
    assert _wanted(name) is wanted


def test_scan_reads_the_copied_files_relative_to_the_context(tmp_path: Path) -> None:
    write_tree(tmp_path, {"src/app.py": "A", "src/lib/util.py": "B", "src/README.md": "no", "other/x.py": "not copied",
                          "package.json": "{}"})
    found = Sources.scan(tmp_path, ["src", "package.json"], None)
    assert sorted(found.files) == [("package.json", "{}"), ("src/app.py", "A"), ("src/lib/util.py", "B")]


def test_scan_of_the_whole_context_and_a_leading_slash(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app.py": "A", "sub/b.py": "B"})
    assert sorted(Sources.scan(tmp_path, ["."], None).files) == [("app.py", "A"), ("sub/b.py", "B")]
    assert Sources.scan(tmp_path, ["/sub/*.py"], None).files == [("sub/b.py", "B")]


def test_scan_globs_and_reads_each_file_once(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "A", "b.py": "B", "c.txt": "C"})
    found = Sources.scan(tmp_path, ["*.py", "a.py", "?.py", "[ab].py"], None)
    assert found.files == [("a.py", "A"), ("b.py", "B")]


def test_scan_skips_a_pattern_pathlib_cannot_glob_and_missing_paths(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "A"})
    assert Sources.scan(tmp_path, ["**a*/**.py", "missing", "a.py"], None).files == [("a.py", "A")]


def test_scan_skips_dependency_test_and_hidden_folders(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app.js": "A", "node_modules/x/index.js": "dep", "tests/t.js": "t", ".cache/c.js": "c",
                          "lib/.hidden.js": "a hidden file is read", "static/s.js": "s"})
    found = dict(Sources.scan(tmp_path, ["."], None).files)
    assert sorted(found) == ["app.js", "lib/.hidden.js"]


def test_scan_skips_a_folder_of_another_service(tmp_path: Path) -> None:
    write_tree(tmp_path, {"Dockerfile": "FROM x", "app.py": "A", "worker/Dockerfile": "FROM y", "worker/w.py": "W",
                          "api/api.Dockerfile": "FROM z", "api/a.py": "P", "lib/l.py": "L"})
    found = dict(Sources.scan(tmp_path, ["."], (tmp_path / "Dockerfile").resolve()).files)
    assert sorted(found) == ["app.py", "lib/l.py"]


def test_scan_reads_the_folder_of_its_own_dockerfile(tmp_path: Path) -> None:
    write_tree(tmp_path, {"svc/Dockerfile": "FROM x", "svc/app.py": "A"})
    own = (tmp_path / "svc" / "Dockerfile").resolve()
    assert Sources.scan(tmp_path, ["."], own).files == [("svc/app.py", "A")]
    # copied itself (depth 0), a service folder is read whatever Dockerfile it holds
    assert Sources.scan(tmp_path, ["svc"], None).files == [("svc/app.py", "A")]


def test_scan_bounds_file_size_and_depth(tmp_path: Path) -> None:
    deep = "/".join(f"d{i}" for i in range(k.MAX_DEPTH + 1))
    write_tree(tmp_path, {"big.py": "x" * (k.MAX_FILE_BYTES + 1), "edge.py": "y" * k.MAX_FILE_BYTES,
                          f"{deep}/too_deep.py": "D", "d0/d1/ok.py": "O"})
    # the deepest folder read is MAX_DEPTH levels below a copied root
    write_tree(tmp_path, {"/".join(f"d{i}" for i in range(k.MAX_DEPTH)) + "/deepest.py": "E"})
    found = dict(Sources.scan(tmp_path, ["."], None).files)
    assert "big.py" not in found and "edge.py" in found
    assert f"{deep}/too_deep.py" not in found
    assert "/".join(f"d{i}" for i in range(k.MAX_DEPTH)) + "/deepest.py" in found
    assert "d0/d1/ok.py" in found


def test_scan_stops_after_the_file_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {f"f{i}.py": str(i) for i in range(5)})
    monkeypatch.setattr(k, "MAX_FILES_READ", 3)
    assert Sources.scan(tmp_path, ["."], None).files == [("f0.py", "0"), ("f1.py", "1"), ("f2.py", "2")]


def test_scan_stops_after_the_entry_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {f"f{i}.py": str(i) for i in range(5)})
    monkeypatch.setattr(k, "MAX_ENTRIES", 3)  # the root folder is one entry
    assert Sources.scan(tmp_path, ["."], None).files == [("f0.py", "0"), ("f1.py", "1")]


def test_scan_decodes_with_replacement(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_bytes(b"x = '\xff'\n")
    assert Sources.scan(tmp_path, ["a.py"], None).files == [("a.py", "x = '\ufffd'\n")]


def test_scan_reads_an_absolute_source_from_the_context(tmp_path: Path) -> None:
    # ``COPY /app /srv/app`` copies the context's app folder, as ``COPY app`` does: never the host's /app
    write_tree(tmp_path, {"ctx/app/main.py": "A", "ctx/lib.py": "L"})
    ctx = tmp_path / "ctx"
    assert Sources.scan(ctx, ["/app"], None).files == [("app/main.py", "A")]
    assert sorted(Sources.scan(ctx, ["/"], None).files) == [("app/main.py", "A"), ("lib.py", "L")]
    assert Sources.scan(ctx, [str(tmp_path / "ctx" / "lib.py")], None).files == []  # no host path either


def test_scan_of_a_source_outside_the_context_is_named_from_the_context(tmp_path: Path) -> None:
    # (docker refuses such a COPY; the scan still never names a path that is not relative to the context)
    write_tree(tmp_path, {"ctx/x": "", "out/app.py": "A"})
    assert Sources.scan(tmp_path / "ctx", ["../out/app.py"], None).files == [("../out/app.py", "A")]


def test_scan_a_folder_named_like_a_dockerfile_is_no_service(tmp_path: Path) -> None:
    write_tree(tmp_path, {"lib/Dockerfile/x.txt": "", "lib/l.py": "L"})
    assert Sources.scan(tmp_path, ["."], None).files == [("lib/l.py", "L")]


def test_scan_skips_only_folders_by_name(tmp_path: Path) -> None:
    write_tree(tmp_path, {"src/build": "a file named like a skipped folder", "src/.eslintrc.js": "E"})
    assert Sources.scan(tmp_path, ["src"], None).files == [("src/.eslintrc.js", "E")]


def test_named_and_code() -> None:
    s = Sources([("a/package.json", "1"), ("package.json.bak", "2"), ("b/app.ts", "3"), ("pom.xml", "4")])
    assert s.named("package.json") == [("a/package.json", "1")]
    assert s.named("pom.xml", "package.json") == [("a/package.json", "1"), ("pom.xml", "4")]
    assert s.code() == [("b/app.ts", "3")]


# -- Spring Boot actuator --------------------------------------------------------------------------------------

_POM = "<dependency><artifactId>spring-boot-starter-actuator</artifactId></dependency>"


def _spring(*files: tuple[str, str]) -> tuple[Clue | None, list[str]]:
    notes: list[str] = []
    return framework_clue(Sources([("pom.xml", _POM), *files]), notes), notes


def test_actuator_defaults() -> None:
    assert _spring() == (Clue("Spring Boot actuator in pom.xml", None, "/actuator/health"), [])


def test_actuator_needs_the_dependency() -> None:
    notes: list[str] = []
    assert framework_clue(Sources([("pom.xml", "<artifactId>spring-boot-starter-web</artifactId>")]), notes) is None
    assert notes == []


def test_actuator_in_a_gradle_build() -> None:
    clue = framework_clue(Sources([("app/build.gradle.kts", 'implementation("org.springframework.boot:'
                                                             'spring-boot-starter-actuator")')]), [])
    assert clue == Clue("Spring Boot actuator in app/build.gradle.kts", None, "/actuator/health")


def test_actuator_in_a_groovy_gradle_build() -> None:
    clue = framework_clue(Sources([("build.gradle", "implementation 'org.springframework.boot:spring-boot-starter-"
                                                    "actuator'")]), [])
    assert clue == Clue("Spring Boot actuator in build.gradle", None, "/actuator/health")


def test_actuator_properties_file() -> None:
    props = ("  # server.port=3\n# server.port=1\n! server.port=2\nserver.port = 8081\nserver.port=9999\n"
             "server.servlet.context-path=/api/\nmanagement.endpoints.web.base-path: /manage\n")
    assert _spring(("src/main/resources/application.properties", props))[0] == \
        Clue("Spring Boot actuator in pom.xml", 8081, "/api/manage/health")


def test_actuator_management_port_drops_the_context_path() -> None:
    props = "server.port=8080\nserver.servlet.context-path=/api\nmanagement.server.port=9090\n"
    assert _spring(("application.properties", props))[0] == Clue("Spring Boot actuator in pom.xml", 9090,
                                                                  "/actuator/health")


def test_actuator_old_management_port_key() -> None:
    assert _spring(("application.properties", "management.port=7070\n"))[0].port == 7070  # type: ignore[union-attr]


def test_actuator_yaml_with_a_placeholder_default() -> None:
    yml = "server:\n  port: ${PORT:8082}\nmanagement:\n  endpoints:\n    web:\n      base-path: /\n"
    assert _spring(("application.yml", yml))[0] == Clue("Spring Boot actuator in pom.xml", 8082, "/health")


def test_actuator_a_port_that_is_not_a_number() -> None:
    assert _spring(("application.yaml", "server:\n  port: ${PORT}\n"))[0].port is None  # type: ignore[union-attr]


def test_actuator_broken_yaml_gives_the_defaults() -> None:
    assert _spring(("application.yml", "server: [\n"))[0] == Clue("Spring Boot actuator in pom.xml", None,
                                                                   "/actuator/health")


def test_properties_first_value_wins_and_yaml_lists_are_kept_whole() -> None:
    props = _properties(Sources([("application.properties", "a=1\na=2\nb:3\nnoseparator\n c = x=y \n"),
                                 ("application.yml", "a: 9\nl: [1, 2]\nn: null\n---\nd:\n  e: 5\n")]))
    assert props == {"a": "1", "b": "3", "c": "x=y", "l": "[1, 2]", "d.e": "5"}


def test_properties_split_at_the_first_separator() -> None:
    assert _properties(Sources([("application.properties", "url:http://db:5432\n")])) == {"url": "http://db:5432"}


def test_properties_of_a_scalar_yaml_document() -> None:
    assert _properties(Sources([("application.yml", "just text\n")])) == {}


def test_actuator_spring_boot_1() -> None:
    pom = (_POM + "<parent><artifactId>spring-boot-starter-parent</artifactId>\n  <version>1.5.22</version></parent>")
    props = "management.context-path=/admin\nserver.context-path=/app\nserver.servlet.context-path=/new\n"
    assert framework_clue(Sources([("pom.xml", pom), ("application.properties", props)]), []) == \
        Clue("Spring Boot actuator in pom.xml", None, "/app/admin/health")
    assert framework_clue(Sources([("pom.xml", pom)]), []) == Clue("Spring Boot actuator in pom.xml", None, "/health")


def test_actuator_with_custom_security_that_does_not_permit_it() -> None:
    pom = _POM + "<artifactId>spring-boot-starter-security</artifactId>"
    code = ("src/Sec.java", "@Bean SecurityFilterChain chain(HttpSecurity http) { return http.build(); }")
    notes: list[str] = []
    assert framework_clue(Sources([("pom.xml", pom), code]), notes) is None
    assert notes == ["src/Sec.java configures Spring Security without permitting the actuator"]


def test_actuator_with_custom_security_that_permits_it() -> None:
    pom = _POM + "<artifactId>spring-boot-starter-security</artifactId>"
    code = ("src/Sec.java", "SecurityFilterChain c; http.securityMatcher(EndpointRequest.toAnyEndpoint());")
    other = ("src/Other.java", "class Other {}")
    notes: list[str] = []
    assert framework_clue(Sources([("pom.xml", pom), other, code]), notes) is not None
    assert notes == []


def test_actuator_permitted_only_in_the_custom_security_file_counts() -> None:
    pom = _POM + "<artifactId>spring-boot-starter-security</artifactId>"
    code = [("src/A.java", "SecurityFilterChain a;"), ("src/B.java", "WebSecurityConfigurerAdapter b;"),
            ("src/Docs.java", "// the actuator is documented elsewhere")]
    notes: list[str] = []
    assert framework_clue(Sources([("pom.xml", pom), *code]), notes) is None
    assert notes == ["src/A.java configures Spring Security without permitting the actuator"]


def test_actuator_with_the_default_security_config() -> None:
    pom = _POM + "<artifactId>spring-boot-starter-security</artifactId>"
    notes: list[str] = []
    assert framework_clue(Sources([("pom.xml", pom), ("src/App.java", "class App {}")]), notes) is not None
    assert notes == []


def test_custom_security_without_the_security_starter_is_not_checked() -> None:
    code = ("src/Sec.java", "SecurityFilterChain chain;")
    assert _spring(code) == (Clue("Spring Boot actuator in pom.xml", None, "/actuator/health"), [])


# -- NestJS terminus -------------------------------------------------------------------------------------------

_PKG = ("package.json", '{"dependencies": {"@nestjs/terminus": "^10"}}')
_CTRL = '@Controller("health")\nexport class HealthController {\n  @Get()\n  @HealthCheck()\n  check() {}\n}\n'


def _nest(*files: tuple[str, str]) -> tuple[Clue | None, list[str]]:
    notes: list[str] = []
    return framework_clue(Sources([_PKG, *files]), notes), notes


def test_terminus_controller_path() -> None:
    assert _nest(("src/health.controller.ts", _CTRL)) == (
        Clue("NestJS terminus @HealthCheck() in src/health.controller.ts:4", None, "/health"), [])


def test_terminus_needs_its_dependency() -> None:
    assert framework_clue(Sources([("package.json", '{"@nestjs/core": "1"}'), ("h.ts", _CTRL)]), []) is None


def test_terminus_reads_only_typescript() -> None:
    assert _nest(("src/health.controller.js", _CTRL)) == (None, [])


def test_terminus_get_path_and_object_controller() -> None:
    ctrl = _CTRL.replace('@Controller("health")', "@Controller({ path: 'status' })").replace("@Get()", "@Get('live')")
    assert _nest(("h.ts", ctrl))[0] == Clue("NestJS terminus @HealthCheck() in h.ts:4", None, "/status/live")


def test_terminus_root_controller() -> None:
    ctrl = _CTRL.replace('@Controller("health")', "@Controller()").replace("@Get()", "@Get('/healthz/')")
    assert _nest(("h.ts", ctrl))[0].path == "/healthz"  # type: ignore[union-attr]


def test_terminus_versioned_controller() -> None:
    ctrl = _CTRL.replace('@Controller("health")', "@Controller({ path: 'health', version: '1' })")
    assert _nest(("h.ts", ctrl)) == (None, ["h.ts is versioned: health path not resolved"])


def test_terminus_without_a_controller_or_the_decorator() -> None:
    assert _nest(("h.ts", _CTRL.replace("@HealthCheck()", "")), ("c.ts", "@HealthCheck()\n@Get()\n")) == (None, [])


def test_terminus_get_too_far_from_the_decorator() -> None:
    ctrl = '@Controller("health")\nclass C {\n  @Get()\n' + "  // pad\n" * 40 + "  @HealthCheck()\n  check() {}\n}\n"
    assert _nest(("h.ts", ctrl)) == (None, [])


@pytest.mark.parametrize("gap, found", [(200, True), (201, False)])
def test_terminus_get_at_most_200_characters_from_the_decorator(gap: int, found: bool) -> None:
    after = '@Controller("h")\nclass C {\n  @HealthCheck()' + " " * (gap - len("@HealthCheck()")) + "@Get()\n}\n"
    before = '@Controller("h")\nclass C {\n  @Get()' + " " * (gap - len("@Get()")) + "@HealthCheck()\n}\n"
    for ctrl in (after, before):
        assert (_nest(("h.ts", ctrl))[0] is not None) is found


def test_terminus_picks_the_get_nearest_the_decorator() -> None:
    ctrl = ('@Controller("h")\nclass C {\n  @Get("far")\n  a() {}\n' + "  // pad\n" * 5 +
            '  @Get("near")\n  @HealthCheck()\n  b() {}\n}\n')
    assert _nest(("h.ts", ctrl))[0].path == "/h/near"  # type: ignore[union-attr]


def test_terminus_global_prefix() -> None:
    main = ("src/main.ts", "const app = await NestFactory.create(AppModule);\napp.setGlobalPrefix('api');\n")
    assert _nest(("src/h.ts", _CTRL), main)[0] == Clue(
        "NestJS terminus @HealthCheck() in src/h.ts:4, global prefix 'api' in src/main.ts", None, "/api/health")


def test_terminus_global_prefix_excluding_health() -> None:
    main = ("src/main.ts", "app.setGlobalPrefix('api', { exclude: ['health'] });\n")
    assert _nest(("src/h.ts", _CTRL), main)[0] == Clue("NestJS terminus @HealthCheck() in src/h.ts:4", None,
                                                        "/health")


def test_terminus_exclude_of_another_path_keeps_the_prefix() -> None:
    main = ("src/main.ts", "app.setGlobalPrefix('api', { exclude: ['metrics'] });\n")
    assert _nest(("src/h.ts", _CTRL), main)[0].path == "/api/health"  # type: ignore[union-attr]


def test_terminus_root_controller_excluded_as_health() -> None:
    ctrl = _CTRL.replace('@Controller("health")', "@Controller()")
    main = ("src/main.ts", "app.setGlobalPrefix('api', { exclude: ['health'] });\n")
    assert _nest(("src/h.ts", ctrl), main)[0].path == "/"  # type: ignore[union-attr]


def test_terminus_computed_prefix_and_versioning() -> None:
    assert _nest(("h.ts", _CTRL), ("m.ts", "app.setGlobalPrefix(PREFIX);")) == (
        None, ["m.ts sets a computed global prefix: health path not resolved"])
    assert _nest(("h.ts", _CTRL), ("m.ts", "app.enableVersioning({ type: VersioningType.URI });")) == (
        None, ["m.ts enables API versioning: health path not resolved"])


def test_terminus_comes_after_the_actuator() -> None:
    clue = framework_clue(Sources([("pom.xml", _POM), _PKG, ("h.ts", _CTRL)]), [])
    assert clue is not None and clue.source == "Spring Boot actuator in pom.xml"


# -- route literals --------------------------------------------------------------------------------------------


def _route(*files: tuple[str, str]) -> tuple[Clue | None, list[str]]:
    notes: list[str] = []
    return route_clue(Sources(list(files)), notes), notes


def test_route_prefers_the_earlier_health_route_name() -> None:
    clue, _ = _route(("a.js", 'app.get("/ping", h)\n'), ("b.js", '\n\napp.get("/healthz", h)\n'))
    assert clue == Clue("route '/healthz' in b.js:3", None, "/healthz")


def test_route_in_a_prefix_mounted_app_is_uncertain() -> None:
    assert _route(("a.js", 'app.get("/health", h)'), ("r.js", "\n  router.use('/api', r)\n\n")) == (
        None, ["routes may be mounted under a prefix (\".use('/a\" in r.js:2)"])


def test_django_routes_have_no_leading_slash() -> None:
    assert _route(("site/urls.py", 'urlpatterns = [\n    path("healthz/", views.health),\n]'))[0] == \
        Clue("route '/healthz/' in site/urls.py:2", None, "/healthz/")
    # the same text outside urls.py is no Django route
    assert _route(("site/views.py", 'path("healthz/", views.health)'))[0] is None


def test_django_root_route() -> None:
    assert _route(("urls.py", 'urlpatterns = [path("", views.index)]'))[0] == Clue("route '/' in urls.py:1", None,
                                                                                   "/")


def test_a_python_file_server_answers_root() -> None:
    assert _route(("srv.py", "import http.server\n\nH = http.server.SimpleHTTPRequestHandler\n"))[0] == \
        Clue("srv.py:3 serves files with SimpleHTTPRequestHandler ('/' lists the directory)", None, "/")


def test_a_file_server_with_its_own_get_or_outside_python() -> None:
    own = "class H(SimpleHTTPRequestHandler):\n    def do_GET(self):\n        pass\n"
    assert _route(("srv.py", own))[0] is None
    assert _route(("srv.js", "SimpleHTTPRequestHandler"))[0] is None


def test_django_root_route_only_in_urls() -> None:
    assert _route(("views.py", 'path("", views.index)'))[0] is None


def test_root_route_forms() -> None:
    assert _route(("a.js", '\napp.get("/", h)'))[0] == Clue("route '/' in a.js:2", None, "/")
    assert _route(("a.go", 'r.Handle("/", h)'))[0] is None  # a catch-all subtree
    assert _route(("a.go", 'e.handle("/", h)'))[0] is None


def test_a_health_route_beats_a_root_route() -> None:
    assert _route(("a.js", 'app.get("/", h)\napp.get("/status", h)'))[0] == Clue("route '/status' in a.js:2",
                                                                                  None, "/status")


# -- host validation -------------------------------------------------------------------------------------------


def test_django_default_allowed_hosts() -> None:
    why = "Django's default ALLOWED_HOSTS is empty and rejects Host: 127.0.0.1"
    assert host_check(Sources([("manage.py", "import django")])) == why
    assert host_check(Sources([("requirements.txt", "flask\nDjango==5.0\n")])) == why
    # only a name at a line's start counts (a quoted PEP 621 entry is not seen)
    assert host_check(Sources([("pyproject.toml", 'dependencies = [\n  "django>=5",\n]')])) is None
    assert host_check(Sources([("requirements.txt", "django-environ\n")])) == why  # \b: still django's world
    assert host_check(Sources([("requirements.txt", "flask\n")])) is None


def test_django_allowed_hosts_in_a_tuple_over_lines() -> None:
    text = 'import os\nALLOWED_HOSTS = (\n    "localhost",\n)\n'
    assert host_check(Sources([("site/settings.py", text)])) == \
        "Django ALLOWED_HOSTS in site/settings.py:2 does not allow Host: 127.0.0.1"
    ok = 'ALLOWED_HOSTS = (\n    "127.0.0.1",\n)\n'
    assert host_check(Sources([("site/settings.py", ok)])) is None


def test_django_allowed_hosts_list_starting_on_the_first_line() -> None:
    text = 'ALLOWED_HOSTS = ["localhost",\n                 "127.0.0.1"]\n'
    assert host_check(Sources([("s.py", text)])) is None


@pytest.mark.parametrize("text", [
    'A = [1]\nALLOWED_HOSTS = [\n    "127.0.0.1",\n]\nB = [2]\n',  # the list's own closing bracket, not another's
    'ALLOWED_HOSTS = [\n    "127.0.0.1",\n]+EXTRA\n',  # up to the bracket, not past it
])
def test_django_allowed_hosts_over_lines_ends_at_its_bracket(text: str) -> None:
    assert host_check(Sources([("s.py", text)])) is None


def test_django_in_a_poetry_pyproject() -> None:
    text = '[tool.poetry.dependencies]\npython = "^3.12"\ndjango = "^5.0"\n'
    assert host_check(Sources([("pyproject.toml", text)])) == \
        "Django's default ALLOWED_HOSTS is empty and rejects Host: 127.0.0.1"


def test_django_allowed_hosts_unclosed_list() -> None:
    assert host_check(Sources([("s.py", 'ALLOWED_HOSTS = ["*",\n')])) is not None


def test_django_allowed_hosts_only_in_python() -> None:
    assert host_check(Sources([("s.rb", 'ALLOWED_HOSTS = ["localhost"]')])) is None


def test_django_every_setting_must_allow_the_probe() -> None:
    good, bad = ('ALLOWED_HOSTS = ["*"]', 'ALLOWED_HOSTS = ["x"]')
    assert host_check(Sources([("a.py", good), ("b.py", bad)])) == \
        "Django ALLOWED_HOSTS in b.py:1 does not allow Host: 127.0.0.1"


@pytest.mark.parametrize("path, found", [
    ("config/environments/production.rb", True),
    ("config/application.rb", True),
    ("app/config/initializers/hosts.rb", True),
    ("config/environments/development.rb", False),
    ("config/environments/test.rb", False),
    ("lib/hosts.rb", False),
    ("myconfig/hosts.rb", False),
    ("config/hosts.py", False),
])
def test_rails_hosts(path: str, found: bool) -> None:
    text = 'Rails.application.configure do\n  config.hosts << "example.com"\nend\n'
    why = host_check(Sources([(path, text)]))
    assert (why == f"Rails config.hosts in {path}:2 rejects Host: 127.0.0.1") is found
    assert (why is None) is not found


def test_a_root_route_after_a_catch_all_in_the_same_file() -> None:
    assert _route(("a.go", 'mux.Handle("/", fs)\nr.GET("/", index)'))[0] == Clue("route '/' in a.go:2", None, "/")


# -- details the first mutation run left open ---------------------------------------------------------------------


def test_terminus_uses_the_first_decorator_and_one_at_the_very_start() -> None:
    two = ('@Controller("h")\nclass C {\n  @Get("a")\n  @HealthCheck()\n  a() {}\n' + "  // pad\n" * 30
           + '  @Get("b")\n  @HealthCheck()\n  b() {}\n}\n')
    assert _nest(("h.ts", two))[0].path == "/h/a"  # type: ignore[union-attr]
    first = '@HealthCheck()\n@Get("up")\n@Controller("h")\nclass C {}\n'
    assert _nest(("h.ts", first))[0] == Clue("NestJS terminus @HealthCheck() in h.ts:1", None, "/h/up")


def test_terminus_looks_past_files_without_a_controller() -> None:
    assert _nest(("a.ts", "@HealthCheck()\n"), ("b.ts", "export const x = 1;\n"), ("h.ts", _CTRL))[0] == \
        Clue("NestJS terminus @HealthCheck() in h.ts:4", None, "/health")


def test_terminus_object_controller_without_a_path_and_a_prefix_excluding_it() -> None:
    ctrl = _CTRL.replace('@Controller("health")', "@Controller({ host: 'x' })").replace("@Get()", "@Get('health')")
    main = ("m.ts", "app.setGlobalPrefix('api', { exclude: ['health'] });\n")
    assert _nest(("h.ts", ctrl), main)[0].path == "/health"  # type: ignore[union-attr]
    named = _CTRL.replace('@Controller("health")', '@Controller("status")')
    assert _nest(("h.ts", named), main)[0].path == "/api/status"  # type: ignore[union-attr]


def test_actuator_and_terminus_paths_drop_empty_and_slash_only_parts() -> None:
    pom = "<artifactId>spring-boot-starter-actuator</artifactId>"
    props = ("application.properties", "server.servlet.context-path=/X/\nmanagement.endpoints.web.base-path=/\n")
    assert framework_clue(Sources([("pom.xml", pom), props]), []).path == "/X/health"  # type: ignore[union-attr]
    ctrl = _CTRL.replace('@Controller("health")', '@Controller("/X/")').replace("@Get()", "@Get('/')")
    assert _nest(("h.ts", ctrl))[0].path == "/X"  # type: ignore[union-attr]


def test_the_root_route_names_its_line() -> None:
    assert _route(("app.py", '\n\n@app.route("/")\ndef index(): ...\n'))[0] == Clue("route '/' in app.py:3", None, "/")


def test_scan_of_a_source_whose_name_starts_or_ends_with_x(tmp_path: Path) -> None:
    write_tree(tmp_path, {"Xapp/a.py": "A", "srcX/b.py": "B"})
    assert Sources.scan(tmp_path, ["/Xapp", "srcX/"], None).files == [("Xapp/a.py", "A"), ("srcX/b.py", "B")]


def test_terminus_looks_past_a_controller_without_a_get_near_the_decorator() -> None:
    assert _nest(("a.ts", '@Controller("a")\nclass A {\n  @HealthCheck()\n  a() {}\n}\n'), ("h.ts", _CTRL))[0] == \
        Clue("NestJS terminus @HealthCheck() in h.ts:4", None, "/health")
