"""healthcheck (transforms/healthcheck.py) on the shapes its golden cases do not pin down: php images without an
fpm tag, the trusted-probe override of the non-HTTP guesses (built at import time, so tested directly)."""

from __future__ import annotations

from types import SimpleNamespace

from refactor.document import parse
from refactor.edits import Finding, Safety
from refactor.health_evidence import Evidence
from transforms._health_subject import Options
from transforms.healthcheck import Plan, _heuristic, analyze

OPTIONS = Options(port="", path="", interval="30s", timeout="5s", start_period="10s", retries=3)


class _NoFiles(Evidence):
    """Evidence without a file around the Dockerfile."""

    def __init__(self) -> None:
        super().__init__(None, None)


def _analyze(text: str, options: Options = OPTIONS) -> Plan | Finding:
    stage = parse(text).final_stage
    assert stage is not None
    return analyze(stage, options, _NoFiles())


def test_php_cli_without_cmd_runs_the_php_repl_not_a_server() -> None:
    result = _analyze("FROM php:8.2-cli\nCOPY . /app\nEXPOSE 8000\n")
    assert isinstance(result, Finding) and "sets no CMD or ENTRYPOINT" in result.message
    assert "php:8.2-cli" in result.message


def test_php_fpm_without_cmd_is_a_known_server() -> None:
    result = _analyze("FROM php:8.2-fpm-alpine\nCOPY . /var/www/html\nEXPOSE 9000\n")
    assert isinstance(result, Finding) and "FastCGI" in result.message


def test_heuristic_is_overruled_by_a_trusted_port() -> None:
    seen: list[object] = []

    def check(s: object) -> str:
        seen.append(s)
        return "redis"

    guarded = _heuristic(check)
    untrusted = SimpleNamespace(trusted_port=False)
    assert guarded(SimpleNamespace(trusted_port=True)) is None
    assert seen == []
    assert guarded(untrusted) == "redis"
    assert seen == [untrusted]


def _fix(text: str):
    from refactor.applier import transform
    from refactor.passes import Context
    from transforms.healthcheck import PASS

    out = transform(text, [PASS], Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    [fix] = out.fixes
    return out.text, fix.item


def test_fix_is_review_and_names_the_probe_program_without_its_directory() -> None:
    text, fix = _fix('FROM gcr.io/distroless/nodejs20-debian12\nCOPY . /app\nEXPOSE 3000\nCMD ["/app/main.js"]\n')
    assert fix.safety is Safety.REVIEW
    assert fix.message.startswith("no HEALTHCHECK: TCP connect to 127.0.0.1:3000 with node (evidence: "), fix.message
    assert '["/nodejs/bin/node", "-e"' in text


def test_continuation_indent_follows_the_first_multi_line_instruction() -> None:
    text, _ = _fix("FROM node:20-alpine\nRUN apk add --no-cache tini\nRUN npm ci \\\n  && npm cache clean --force\n"
                   "RUN a \\\n      b \\\n      c\nEXPOSE 3000\nCMD [\"node\", \"main.js\"]\n")
    assert "HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \\\n  CMD [" in text


def test_tab_indented_file_without_continuations_gets_a_tab() -> None:
    text, _ = _fix('FROM node:20-alpine\n\tEXPOSE 3000\n\tCMD ["node", "main.js"]\n')
    assert "--retries=3 \\\n\tCMD [" in text
    text, _ = _fix('FROM node:20-alpine\nEXPOSE 3000\nCMD ["node", "main.js"]\n')
    assert "--retries=3 \\\n    CMD [" in text


def test_own_health_mode_fix_is_the_pass_s_review_fix() -> None:
    text, fix = _fix('FROM traefik:v3.1 AS traefik\n\nFROM scratch\n'
                     'COPY --from=traefik /usr/local/bin/traefik /traefik\n'
                     'EXPOSE 80\nENTRYPOINT ["/traefik"]\nCMD ["--ping=true"]\n')
    assert fix.pass_id == "healthcheck" and fix.safety is Safety.REVIEW
    assert fix.message.startswith("no HEALTHCHECK and no probe program in the image: run `/traefik healthcheck")
    assert 'CMD ["/traefik", "healthcheck", "--ping=true"]\nENTRYPOINT' in text


def test_own_health_mode_finding_is_the_pass_s() -> None:
    result = _analyze('FROM traefik:v3.1 AS traefik\n\nFROM scratch\n'
                      'COPY --from=traefik /usr/local/bin/traefik /traefik\nEXPOSE 80\nENTRYPOINT ["/traefik"]\n')
    assert isinstance(result, Finding) and result.pass_id == "healthcheck"
    assert result.message.startswith("scratch image has no probe program; `traefik healthcheck` is traefik's")


def _run_pass(path, **ctx):
    from refactor.applier import transform
    from refactor.passes import Context
    from transforms.healthcheck import PASS

    out = transform(path.read_text(), [PASS], Context(path=path, **ctx))
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


def test_the_context_option_is_where_the_source_is_read(tmp_path) -> None:
    # `--context .` for docker/Dockerfile: ./src has the health route; docker/src, the default context's copy
    # of the same path, has none
    for folder, source in ((tmp_path / "src", 'app.get("/healthz", (req, res) => res.send("ok"));\n'),
                           (tmp_path / "docker" / "src", 'app.get("/items", (req, res) => res.json([]));\n')):
        folder.mkdir(parents=True)
        (folder / "server.js").write_text(source)
    dockerfile = tmp_path / "docker" / "Dockerfile"
    dockerfile.write_text('FROM node:20-alpine\nWORKDIR /app\nCOPY src ./src\nEXPOSE 3000\n'
                          'CMD ["node", "src/server.js"]\n')
    assert "http://127.0.0.1:3000/healthz" in _run_pass(dockerfile, context_dir=tmp_path).text
    assert "http://127.0.0.1:3000/healthz" not in _run_pass(dockerfile).text


def test_the_run_s_project_reads_each_compose_file_once(tmp_path) -> None:
    from refactor.project import Project

    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n"
                       "  api:\n    build: ./api\n    healthcheck:\n"
                       "      test: [\"CMD\", \"wget\", \"-q\", \"--spider\", \"http://localhost:3000/health\"]\n"
                       "  web:\n    build: ./web\n    healthcheck:\n"
                       "      test: [\"CMD\", \"wget\", \"-q\", \"--spider\", \"http://localhost:8080/ready\"]\n")
    project = Project()
    for name, port in (("api", 3000), ("web", 8080)):
        (tmp_path / name).mkdir()
        dockerfile = tmp_path / name / "Dockerfile"
        dockerfile.write_text(f'FROM node:20-alpine\nCOPY . .\nEXPOSE {port}\nCMD ["node", "index.js"]\n')
        assert "compose.yaml service" in _run_pass(dockerfile, project=project).fixes[0].item.message
    assert project.loads[compose.resolve()] == 1


def test_rule_findings_are_the_pass_s() -> None:
    result = _analyze('FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/main.js"]\n')
    assert isinstance(result, Finding) and result.pass_id == "healthcheck" and result.level.value == "info"
    assert result.message == "no EXPOSE: cannot tell which port to probe; set healthcheck.port"
