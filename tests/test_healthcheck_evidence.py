"""The healthcheck pass states the evidence it acted on, and ``analyze`` is a pure function of stage and evidence."""

from __future__ import annotations

import pytest

from refactor.document import parse
from refactor.edits import Finding
from refactor.health_evidence import Clue, Evidence, url_clue
from refactor.health_source import Sources, host_check, route_clue
from tests.golden import cases, run_case
from transforms import healthcheck
from transforms._health_subject import Options
from transforms.healthcheck import Plan, analyze

BY_NAME = {c.name: c for c in cases() if c.pass_id == "healthcheck"}

# golden case → what its fix message must say (the probe and the evidence behind it)
MESSAGES = {
    "healthcheck/nest_terminus_prefix/users": ("probe http://127.0.0.1:3000/api/v1/health with wget",
                                               "global prefix 'api/v1' in src/main.ts"),
    "healthcheck/spring_actuator/shop": ("probe http://127.0.0.1:8080/shop/actuator/health with curl",
                                         "Spring Boot actuator in pom.xml"),
    "healthcheck/compose_healthcheck/web": ("probe http://127.0.0.1:5000/healthz with python",
                                            "compose.yaml service 'web' healthcheck"),
    "healthcheck/k8s_liveness/orders": ("probe http://127.0.0.1:8081/internal/health with wget",
                                        "orders.yaml container 'server' livenessProbe httpGet"),
    "healthcheck/sibling_dockerfile/api": ("probe http://127.0.0.1:4000/_status/live", "HEALTHCHECK of api.in.dev"),
    "healthcheck/flask_health_route/app": ("probe http://127.0.0.1:8000/healthz with curl",
                                           "route '/healthz' in app/__init__.py"),
    "healthcheck/docker_engine_plain": ("probe http://127.0.0.1:2375/_ping", "Docker Engine API"),
    "healthcheck/docker_dind_tls": ("TCP connect to 127.0.0.1:2376 with nc", "TLS on 2376"),
    "healthcheck/go_bot_ping_id/bot": ("TCP connect to 127.0.0.1:8080 with nc", "set healthcheck.path"),
    "healthcheck/api_catch_all_404/api": ("TCP connect to 127.0.0.1:4000 with bash", "no health endpoint found"),
    "healthcheck/django_allowed_hosts/web": ("TCP connect to 127.0.0.1:8000 with nc",
                                             "ALLOWED_HOSTS in mysite/settings.py:5 does not allow"),
    "healthcheck/spring_no_actuator/catalog": ("TCP connect to 127.0.0.1:8080 with bash", "no health endpoint"),
    "healthcheck/nginx_default": ("probe http://127.0.0.1:80/ with wget", "nginx's default config"),
    "healthcheck/nginx_custom_conf": ("TCP connect to 127.0.0.1:80", "no health endpoint found"),
    "healthcheck/compose_command_override/flask": ("TCP connect to 127.0.0.1:5000", "for its own command"),
    "healthcheck/k8s_port_not_exposed/orders": ("TCP connect to 127.0.0.1:8080", "8081, which is not EXPOSEd"),
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_fix_message_states_the_evidence(name: str) -> None:
    result = run_case(BY_NAME[name], [healthcheck.PASS])
    [fix] = result.fixes
    for part in MESSAGES[name]:
        assert part in fix.item.message, fix.item.message


class _Facts(Evidence):
    """Evidence with fixed clues and no files."""

    def __init__(self, *clues: Clue, host: str | None = None) -> None:
        super().__init__(None, None)
        self._clues, self._host = clues, host

    def clues(self):  # type: ignore[override]
        return iter(self._clues)

    @property
    def host_check(self) -> str | None:  # type: ignore[override]
        return self._host


OPTIONS = Options(port="", path="", interval="30s", timeout="5s", start_period="10s", retries=3)
STAGE = parse("FROM node:20-alpine\nCOPY . .\nEXPOSE 3000\nCMD [\"node\", \"main.js\"]\n").final_stage


def test_analyze_without_evidence_is_a_tcp_probe() -> None:
    plan = analyze(STAGE, OPTIONS, _Facts())
    assert isinstance(plan, Plan) and not plan.http
    assert plan.probe == ("nc", "-z", "-w", "5", "127.0.0.1", "3000")


def test_analyze_uses_the_first_clue_path_and_port() -> None:
    plan = analyze(STAGE, OPTIONS, _Facts(Clue("route '/ready' in a.js:3", None, "/ready")))
    assert isinstance(plan, Plan) and plan.http and plan.target == "http://127.0.0.1:3000/ready"


def test_analyze_host_validation_turns_a_source_path_into_tcp() -> None:
    plan = analyze(STAGE, OPTIONS, _Facts(Clue("route '/health' in a.py:1", None, "/health"), host="Django x"))
    assert isinstance(plan, Plan) and not plan.http and "Django x" in plan.evidence


def test_analyze_blocker_is_a_finding() -> None:
    result = analyze(STAGE, OPTIONS, _Facts(Clue("k8s", blocker="checks gRPC")))
    assert isinstance(result, Finding) and result.message == "checks gRPC"


def test_user_path_wins_over_evidence() -> None:
    opts = Options(port="", path="/up", interval="30s", timeout="5s", start_period="10s", retries=3)
    plan = analyze(STAGE, opts, _Facts(Clue("route '/health' in a.js:1", None, "/health")))
    assert isinstance(plan, Plan) and plan.target == "http://127.0.0.1:3000/up"


@pytest.mark.parametrize("text, port, path", [
    ("curl -f http://localhost:5000/healthz", 5000, "/healthz"),
    ("curl --silent --fail localhost:8000/flask-health-check || exit 1", 8000, "/flask-health-check"),
    ("wget -qO- http://127.0.0.1", 80, "/"),
])
def test_url_clue(text: str, port: int, path: str) -> None:
    clue = url_clue(text, "test", {})
    assert clue is not None and (clue.port, clue.path) == (port, path)


@pytest.mark.parametrize("text", ["pg_isready -h localhost", "redis-cli -h localhost:6379 ping", "nc -z localhost 80"])
def test_url_clue_needs_an_http_client(text: str) -> None:
    assert url_clue(text, "test", {}) is None


@pytest.mark.parametrize("source, route", [
    ('r.GET("/ping/:id", h)', None),  # only a parameterised route: no evidence
    ('app.get("/health", (req, res) => res.send("ok"))', "/health"),
    ('axios.get("/health", { timeout: 1 })', None),  # a client call, not a route
    ('http.HandleFunc("/", notFound)', None),  # net/http's catch-all
    ('mux.HandleFunc("GET /healthz", h)', "/healthz"),
    ('@app.route("/")\ndef index():', "/"),
    ('app.use("/api", api)\napp.get("/health", h)', None),  # a prefix mount makes routes uncertain
])
def test_route_clue(source: str, route: str | None) -> None:
    clue = route_clue(Sources([("src/app.js", source)]), [])
    assert (clue.path if clue else None) == route


@pytest.mark.parametrize("settings, rejected", [
    ('ALLOWED_HOSTS = ["*"]', False),
    ('ALLOWED_HOSTS = ["127.0.0.1", "example.com"]', False),
    ('ALLOWED_HOSTS = ["localhost"]', True),  # the probe sends Host: 127.0.0.1
    ('ALLOWED_HOSTS = os.environ["HOSTS"].split(",")', True),
    ('ALLOWED_HOSTS = [\n    "localhost",\n    "127.0.0.1",  # the probe\n]', False),
])
def test_django_host_check(settings: str, rejected: bool) -> None:
    assert bool(host_check(Sources([("site/settings.py", settings)]))) is rejected


@pytest.mark.parametrize("a, b, same", [
    ("Dockerfile", "Dockerfile.prod", True),
    ("api.Dockerfile", "api.dev.Dockerfile", True),
    ("api.Dockerfile", "web.Dockerfile", False),
    ("Dockerfile", "Dockerfile.worker", False),
    ("case.in.Dockerfile", "case.out.Dockerfile", False),  # a golden pair is not a variant
])
def test_sibling_is_the_same_service(a: str, b: str, same: bool) -> None:
    from refactor.health_evidence import _service_of

    assert (_service_of(a) == _service_of(b)) is same
