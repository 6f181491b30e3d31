"""Health conventions as data: how gRPC servers and web apps are told apart, where health routes live.

Each table says where it comes from. The healthcheck pass and ``refactor.health_evidence`` read them; nothing
else decides what a health probe may assume.
"""

from __future__ import annotations

import re

from refactor import lazy_re

# Manifests beside the Dockerfile (or in its build context): a gRPC server dependency and no web framework
# make the app a gRPC server, whose port answers an HTTP/1 probe with a protocol error. (Pinned Python
# requirements list grpcio for every Google client library: a web framework next to it means HTTP.)
# Each row: (file glob, gRPC dependency, web framework dependency) — package names from PyPI, npm, Maven
# Central, NuGet and crates.io.
_PY_WEB = r"^\s*(flask|fastapi|django|starlette|aiohttp|tornado|gunicorn|uvicorn|bottle|sanic|falcon|quart|gradio)\b"
GRPC_MANIFESTS = (
    ("requirements*.txt", lazy_re.compile(r"^\s*grpcio(-health-checking)?\b", re.M | re.I),
     lazy_re.compile(_PY_WEB, re.M | re.I)),
    ("pyproject.toml", lazy_re.compile(r"[\"']grpcio\b", re.I),
     lazy_re.compile(r"[\"'](flask|fastapi|django|starlette|aiohttp|uvicorn|gunicorn)\b", re.I)),
    ("package.json", lazy_re.compile(r"\"(@grpc/grpc-js|grpc)\"\s*:"),
     lazy_re.compile(r"\"(express|fastify|koa|next|@hapi/hapi|@nestjs/core|hono|restify)\"\s*:")),
    ("build.gradle*", lazy_re.compile(r"io\.grpc:grpc-(netty|services|okhttp)"),
     lazy_re.compile(r"spring-boot-starter-web|ktor-server|micronaut-http-server|quarkus-resteasy|javalin|sparkjava")),
    ("pom.xml", lazy_re.compile(r"<groupId>io\.grpc</groupId>"),
     lazy_re.compile(r"spring-boot-starter-web|micronaut-http-server|quarkus-resteasy|javalin")),
    ("*.csproj", lazy_re.compile(r"Include=\"Grpc\.AspNetCore\b", re.I),
     lazy_re.compile(r"Include=\"(Swashbuckle|Microsoft\.AspNetCore\.Mvc)", re.I)),
    ("Cargo.toml", lazy_re.compile(r"^\s*tonic\s*=", re.M),
     lazy_re.compile(r"^\s*(axum|actix-web|warp|rocket|hyper)\s*=", re.M)),
)

# -- where a health endpoint is, by convention --------------------------------------------------------

# Route paths that are health endpoints by convention, most specific first: Kubernetes' own components
# (/healthz, /livez, /readyz: kubernetes.io "Kubernetes API health endpoints"), and the names frameworks'
# docs and generators use (/health: Spring Boot 1.x, NestJS terminus examples, ASP.NET MapHealthChecks
# examples; /ping: gin's README example; /status, /ready, /live).
HEALTH_ROUTES = ("/health", "/healthz", "/healthcheck", "/livez", "/readyz", "/ready", "/live", "/ping", "/status")

# A route registered in source code for a literal path. ``{path}`` is replaced by the alternation of the
# paths looked for. Forms: decorators/attributes (Flask/FastAPI ``@app.get``/``@app.route``, Spring
# ``@GetMapping``, NestJS ``@Get``, actix ``#[get]``); a registration call with a handler argument after
# the path (Express/Koa/Fastify ``app.get(p, h)``, gin/echo/chi/fiber ``r.GET(p, h)``, net/http
# ``HandleFunc("GET /p", h)``, axum ``.route(p, get(h))``, Laravel ``Route::get``, Slim ``$app->get``,
# ASP.NET ``MapGet(p, h)``/``MapHealthChecks(p)``); Sinatra/Rails ``get "/p"``; nginx ``location = /p``
# answering with ``return 2xx``. Clients (``requests.get``, ``axios.get``…) are excluded by name.
ROUTE_FORMS = (
    r"[@#]\[?[\w.]*\b(?:get|route|api_route|GetMapping|RequestMapping|Get|Head)\(\s*(?:(?:value|path)\s*=\s*)?"
    r"[\"'](?:GET\s+)?(?P<path>{path})[\"']",
    r"(?<!requests)(?<!axios)(?<!client)(?<!session)(?<!httpx)(?<!request)(?<!http)(?:\.|::|->)"
    r"(?:get|GET|Get|route|Route|HandleFunc|Handle|handle|HEAD|head|Any|all|MapGet|add_url_rule|add_api_route|"
    r"add_route)\(\s*[\"'`](?:GET\s+)?(?P<path>{path})[\"'`]\s*,",
    r"\bhttp\.(?:HandleFunc|Handle)\(\s*\"(?:GET\s+)?(?P<path>{path})\"\s*,",
    r"\.MapHealthChecks\(\s*\"(?P<path>{path})\"",
    r"(?m)^\s*get\s+[\"'](?P<path>{path})[\"']",
    r"\blocation\s+=?\s*(?P<path>{path})\s*\{{[^}}]*\breturn\s+2\d\d\b",
)
# Go's net/http patterns "/" and "/x/" match a whole subtree (a catch-all, often a 404 handler), so a "/"
# registration there is no evidence that "/" answers 2xx; neither is a mount (``app.use``).
GO_SUBTREE_ROOT = lazy_re.compile(r"\b(?:HandleFunc|Handle)\(\s*\"/\"")
# Constructs that mount routes under a prefix: with one of these in the source, a route literal may not be
# the URL it serves (Express/Koa ``app.use('/api', r)``, gin ``Group``, chi ``Route``/``Mount``, gorilla
# ``PathPrefix``, FastAPI/Fastify ``prefix=``, Flask ``url_prefix``, Django ``include``, Spring class
# ``@RequestMapping`` and ``context-path``, NestJS controller paths and ``setGlobalPrefix``, ASP.NET
# ``MapGroup``/``UsePathBase``, Rails ``scope``/``namespace``).
PREFIX_FORMS = lazy_re.compile(
    r"\.use\(\s*[\"'`]/\w|\.Group\(\s*\"/\w|\.(?:Route|Mount)\(\s*\"/\w|PathPrefix\(|StripPrefix\(|"
    r"\bprefix\s*[:=]\s*[\"'`]/\w|url_prefix\s*=|\bpath\([^)]*\binclude\(|@RequestMapping\(|context-path|"
    r"contextPath|@Controller\(\s*(?:[\"'`]\w|\{)|setGlobalPrefix\(|MapGroup\(|UsePathBase\(|root_path\s*=|"
    r"(?m:^\s*(?:scope|namespace)\s+[\"':/])")
# Django URLconfs: ``path("health/", view)`` serves ``/health/`` (no leading slash in Django's patterns).
DJANGO_ROUTE = r"\b(?:re_)?path\(\s*r?[\"']\^?(?P<path>{path})\$?[\"']\s*,"

# Spring Boot Actuator (docs.spring.io/spring-boot/reference/actuator/endpoints.html): with
# spring-boot-starter-actuator the health endpoint is ``/actuator/health`` (``/health`` in Boot 1.x), under
# ``management.endpoints.web.base-path``, served on ``management.server.port`` when set (else ``server.port``
# under ``server.servlet.context-path``). Spring Security's default config permits it; a custom
# SecurityFilterChain may not.
ACTUATOR_DEPENDENCY = lazy_re.compile(r"spring-boot-starter-actuator")
SPRING_BOOT_1 = lazy_re.compile(r"<artifactId>spring-boot-starter-parent</artifactId>\s*<version>1\.|"
                           r"org\.springframework\.boot[\"']?\s*version\s*[\"']1\.|spring-boot-gradle-plugin:1\.")
SPRING_SECURITY = lazy_re.compile(r"spring-boot-starter-security")
SPRING_CUSTOM_SECURITY = lazy_re.compile(r"\bSecurityFilterChain\b|\bWebSecurityConfigurerAdapter\b")
SPRING_SECURITY_ACTUATOR = lazy_re.compile(r"EndpointRequest|actuator")
SPRING_PROPERTIES = ("application.properties", "application.yml", "application.yaml")

# NestJS terminus (docs.nestjs.com/recipes/terminus): a controller whose handler carries ``@HealthCheck()``;
# its URL is the global prefix (``app.setGlobalPrefix``) + the controller path + the ``@Get`` path. URI
# versioning (``enableVersioning``) adds a version segment we do not resolve.
TERMINUS_DEPENDENCY = lazy_re.compile(r"\"@nestjs/terminus\"\s*:")

# Known APIs that are not health-checked at "/": the Docker Engine API answers ``GET /_ping`` with "OK"
# (docs.docker.com/reference/api/engine: "Ping"); dockerd listens on 2375 without TLS and on 2376 with TLS
# (client certificates), and docker:dind's dockerd-entrypoint.sh uses 2376 unless DOCKER_TLS_CERTDIR is empty.
DOCKER_ENGINE_PING = "/_ping"
DOCKER_ENGINE_PLAIN_PORT, DOCKER_ENGINE_TLS_PORT = 2375, 2376

# Servers whose unmodified default config answers "/" with 200: the official nginx image's default.conf
# serves /usr/share/nginx/html/index.html on port 80 (nginxinc/nginx-unprivileged: 8080); the official
# httpd image's httpd.conf serves htdocs/index.html ("It works!") on 80. (docker-library/nginx and
# docker-library/httpd Dockerfiles and configs.) Each: (config folders, document root, port).
STATIC_DEFAULTS = {
    "nginx": (("/etc/nginx",), "/usr/share/nginx/html", 80),
    "nginx-unprivileged": (("/etc/nginx",), "/usr/share/nginx/html", 8080),
    "httpd": (("/usr/local/apache2/conf",), "/usr/local/apache2/htdocs", 80),
}
# ``python -m http.server [PORT]`` lists the directory at "/" (200); its default port is 8000 (Python docs,
# http.server); so does a server built on SimpleHTTPRequestHandler that does not override do_GET.
PY_HTTP_SERVER_PORT = 8000
PY_FILE_HANDLER = lazy_re.compile(r"\bSimpleHTTPRequestHandler\b")
PY_OWN_GET = lazy_re.compile(r"\bdef\s+do_GET\b")

# Frameworks that reject requests whose Host header they do not know: the probe sends ``Host: 127.0.0.1``.
# Django (docs: settings ALLOWED_HOSTS; CommonMiddleware calls get_host() on every request, 400 otherwise);
# Rails ActionDispatch::HostAuthorization with ``config.hosts`` set (guides: "Configuring Rails Applications").
DJANGO_ALLOWED_HOSTS = lazy_re.compile(r"^\s*ALLOWED_HOSTS\s*=\s*(?P<value>.+)$", re.M)
DJANGO_ACCEPTS = frozenset({"*", "127.0.0.1"})
RAILS_HOSTS = lazy_re.compile(r"^\s*config\.hosts\s*(?:<<|\+=|=(?!\s*nil)|\.push|\.concat)", re.M)

# -- how to probe -------------------------------------------------------------------------------------------

# TCP-connect probes (exit 0 when the port accepts a connection), per what the image has:
# - BusyBox nc with ``-z`` (CONFIG_NC_110_COMPAT, on in BusyBox's defconfig and in Alpine's busybox config,
#   alpinelinux/aports main/busybox/busyboxconfig), ``-w`` the connect timeout;
# - bash's ``/dev/tcp`` redirection (bash manual, "Redirections"), Essential in Debian/Ubuntu and in
#   RHEL-family bases (not in ubi-micro);
# - node's net.connect and python's socket.create_connection where the runtime is the image's.
NC_FAMILIES = frozenset({"alpine", "busybox"})
BASH_FAMILIES = frozenset({"debian", "rhel"})
BASH_FREE_IMAGES = lazy_re.compile(r"ubi\d*-micro|(^|/)micro$")

# Source files read when looking for routes, and the bounds of that scan.
SOURCE_SUFFIXES = frozenset({".go", ".py", ".js", ".mjs", ".cjs", ".ts", ".java", ".kt", ".rb", ".php", ".rs",
                             ".cs", ".ex", ".exs", ".conf"})
MANIFEST_NAMES = frozenset({"package.json", "pom.xml", "build.gradle", "build.gradle.kts", "requirements.txt",
                            "pyproject.toml", "Pipfile", "manage.py", *SPRING_PROPERTIES})
SKIP_DIRS = frozenset({"node_modules", "vendor", ".git", "dist", "build", "target", "test", "tests", "__tests__",
                       "spec", "__pycache__", ".venv", "venv", "coverage", "docs", "examples", "e2e", "testdata",
                       "fixtures", "migrations", "static", "public", "assets"})
TEST_FILE = lazy_re.compile(r"(_test\.go|\.(spec|test)\.[jt]sx?|_spec\.rb|^test_.*\.py|_test\.py|\.d\.ts|\.min\.js)$")
MAX_FILES_READ, MAX_FILE_BYTES, MAX_DEPTH, MAX_ENTRIES = 400, 256 * 1024, 8, 5000

# -- a program that probes itself ---------------------------------------------------------------------------

# On an image without a probe program (distroless, scratch) the HEALTHCHECK can only run the service's own
# binary. Go services do this with a health mode that requests their own endpoint and exits 0/1: a flag
# (``-healthcheck``: go flag package, "One or two dashes may be used"; pflag/cobra flags need ``--``), an
# ``os.Args[1] == "healthcheck"`` subcommand, or a cobra command ``Use: "healthcheck"`` (Traefik's
# ``traefik healthcheck``, cmd/healthcheck in traefik/traefik). Names that mean "check my own health":
SELF_PROBE_NAMES = ("healthcheck", "health-check", "health", "healthz", "probe")
# A Go statement that ends the process with a failure status: ``os.Exit`` with a non-zero literal, or
# ``log.Fatal*`` (pkg.go.dev/log: "Fatal is equivalent to Print() followed by a call to os.Exit(1)").
GO_FAILURE_EXIT = lazy_re.compile(r"\bos\.Exit\(\s*[1-9]\d*\s*\)|\blog\.Fatal(?:f|ln)?\(")
# cobra's ``Execute`` returns the RunE error; a main that exits 1 on it (or ``cobra.CheckErr``, which exits 1:
# pkg.go.dev/github.com/spf13/cobra#CheckErr) makes an erroring command exit non-zero.
COBRA_EXIT_ON_ERROR = lazy_re.compile(r"cobra\.CheckErr\([^)]*Execute|\.Execute(?:C|Context)?\([^)]*\)"
                                      r"\s*(?:;\s*err\s*)?!=\s*nil\s*\{[^}]*?(?:os\.Exit\(\s*[1-9]|log\.Fatal)")

# Programs with a built-in health subcommand, keyed by the name the image runs. Each: the subcommand argv, the
# start-command flag or environment variable that must turn on what it checks, what to tell the user when neither
# is there, and whether the subcommand needs the start command's flags again. Traefik (doc.traefik.io, "CLI &
# Ping"): ``traefik healthcheck`` calls /ping and exits 0 if healthy, 1 otherwise; /ping is enabled by ``--ping``
# (``[ping]`` in the file, ``TRAEFIK_PING=true``), and the command reads the same static configuration.
CLI_HEALTH_COMMANDS: dict[str, tuple[tuple[str, ...], re.Pattern[str], str, str, bool]] = {
    "traefik": (("healthcheck",), lazy_re.compile(r"--ping(?:=true|\.\w+=.+)?", re.I), "TRAEFIK_PING",
                "it calls /ping, which is off unless --ping (or TRAEFIK_PING=true) is set", True),
}
