"""non-root-user (transforms/non_root_user.py and transforms/non_root/*.py) on the shapes the golden cases do
not pin down; each test here kills mutants that survived the golden cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.applier import transform
from refactor.document import parse
from refactor.passes import Context
from transforms.non_root.users import created_uid, created_user, numeric_id
from transforms.non_root_user import PASS


def _run(text: str, ctx: Context | None = None):
    """The pass through the applier: a mutant that makes it raise is an internal error, not a pass."""
    out = transform(text, [PASS], ctx or Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


@pytest.mark.parametrize(("argv", "user"), [
    (["useradd", "app"], "app"),  # the name first, no option before it
    (["adduser", "-D", "app"], "app"),
    (["/usr/sbin/useradd", "-r", "svc"], "svc"),
    (["sudo", "/usr/sbin/adduser", "--system", "svc"], "svc"),
    (["useradd", "-g", "app", "-s", "/bin/sh", "svc"], "svc"),  # option values are not the name
    (["useradd", "-r", "-m"], None),
    (["/opt/tool/useradd.sh", "svc"], None),
    (["usermod", "-aG", "audio", "svc"], None),
])
def test_created_user(argv: list[str], user: str | None) -> None:
    assert created_user(argv) == user


@pytest.mark.parametrize(("argv", "uid"), [
    (["useradd", "-u", "1500", "svc"], "1500"),
    (["useradd", "--uid", "1500", "svc"], "1500"),
    (["useradd", "svc", "-u", "1500"], "1500"),  # options after the name (getopt permutes)
    (["useradd", "-g", "2000", "-u", "1500", "svc"], "1500"),  # the gid is not the uid
    (["useradd", "--gid=2000", "--uid=1500", "svc"], "1500"),
    (["useradd", "--uid=1500x", "svc"], None),
    (["adduser", "--system", "--uid=9", "svc"], "9"),  # all of the value is read, even one digit
    (["useradd", "-u"], None),
    (["useradd", "-u", "$UID", "svc"], None),
])
def test_created_uid(argv: list[str], uid: str | None) -> None:
    assert created_uid(argv) == uid


def test_numeric_id_of_a_bundled_user_is_its_uid() -> None:
    stage = parse("FROM node:20-bookworm-slim\nUSER node\n").final_stage
    assert stage is not None
    assert numeric_id(stage, "node") == "1000:1000"
    assert numeric_id(stage, "1000") == "1000"
    assert numeric_id(stage, "nobody-here") is None


def test_created_users_leave_out_root_and_unknown_names_and_resolve_build_args() -> None:
    from transforms.non_root.users import created_users

    text = ("FROM debian:bookworm-slim\nARG APP_USER\nARG RUNNER=runner\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends alsa-utils && adduser root audio\n"
            'RUN useradd -u 1000 -m "$APP_USER"\nRUN useradd -u 1001 -m worker\nRUN useradd -m "${RUNNER}"\n'
            "RUN mkdir -p /var/lib/worker\nCMD [\"worker\"]\n")
    stage = parse(text).final_stage
    assert stage is not None
    # root is not a user to switch to; $APP_USER has no default (set at build time); ${RUNNER} resolves
    assert [(ins.lineno, name) for ins, name in created_users(stage)] == [(6, "worker"), (7, "runner")]


@pytest.mark.parametrize(("lines", "owner"), [
    ("ADD --chown=nobody:nogroup https://example.com/app.tar.gz /opt/", (2, "nobody")),
    ("RUN chown -R nobody:nobody /app", (2, "nobody")),
    ("COPY --chown=daemon . /app\nRUN chown daemon /data", (2, "daemon")),
    ("COPY --chown=root:root --chmod=755 entry.sh /usr/local/bin/", None),
    ("COPY --chown=0:0 entry.sh /usr/local/bin/", None),
    ("COPY --chown=:staff . /app", None),
    ("COPY --chown=$APP_USER:$APP_USER . /app", None),
    ("COPY --chown=nobody . /app\nRUN chown daemon /data", None),  # two owners: which one runs it?
    ("RUN chown -R /app", None),  # no owner and path
])
def test_chowned_owner(lines: str, owner: tuple[int, str] | None) -> None:
    from transforms.non_root.users import chowned_owner

    text = f"FROM alpine:3.20\n{lines}\nCMD [\"/app/run\"]\n"
    stage = parse(text).final_stage
    assert stage is not None
    found = chowned_owner(stage, text.index("CMD"))
    assert (found[0].lineno, found[1]) == owner if found else owner is None


def test_chowned_owner_stops_at_before() -> None:
    from transforms.non_root.users import chowned_owner

    text = 'FROM alpine:3.20\nCOPY --chown=nobody . /app\nCMD ["/app/run"]\n'
    stage = parse(text).final_stage
    assert stage is not None
    assert chowned_owner(stage, text.index("COPY")) is None
    assert chowned_owner(stage, text.index("COPY") + 1) is not None


def test_a_heredoc_line_shlex_cannot_split_does_not_hide_the_useradd_after_it() -> None:
    from transforms.non_root.users import created_users

    text = ("FROM python:3.12-slim\nRUN <<EOF\npython3 -c \"\nimport compileall\ncompileall.compile_dir('/app')\n\"\n"
            "useradd --uid 1500 --no-create-home web\nEOF\nCMD [\"gunicorn\", \"app:app\"]\n")
    stage = parse(text).final_stage
    assert stage is not None
    assert [name for _, name in created_users(stage)] == ["web"]


# -- beside.py: the files beside the Dockerfile ------------------------------------------------------------

_NODE_APP = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n'


def _beside(tmp_path: Path, files: dict[str, str], dockerfile: str = "Dockerfile", text: str = _NODE_APP,
            project: bool = True) -> str | None:
    from refactor.project import Project
    from transforms.non_root.beside import beside_reason

    for name, body in {dockerfile: text, **files}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    stage = parse(text).final_stage
    assert stage is not None
    return beside_reason(stage, tmp_path / dockerfile, Project() if project else None)


def test_a_readme_without_extension_documents_the_socket(tmp_path: Path) -> None:
    why = _beside(tmp_path, {"README": "docker run -v /var/run/docker.sock:/var/run/docker.sock x\n"})
    assert why is not None and why.startswith("README beside the Dockerfile mounts or documents the Docker socket")


def test_an_override_compose_file_mounts_the_socket(tmp_path: Path) -> None:
    why = _beside(tmp_path, {"docker-compose.override.yml": "services:\n  app:\n    volumes:\n"
                             "      - /var/run/docker.sock:/var/run/docker.sock\n"})
    assert why is not None and why.startswith("docker-compose.override.yml beside the Dockerfile")


def test_a_readme_without_extension_mounts_root_home(tmp_path: Path) -> None:
    why = _beside(tmp_path, {"README": "docker run -v ~/.halo:/root/.halo halo\n"})
    assert why is not None and why.startswith("README beside the Dockerfile mounts the app's data under /root")


def test_nothing_beside_says_nothing(tmp_path: Path) -> None:
    assert _beside(tmp_path, {"README.md": "docker run -p 3000:3000 app\n",
                              "compose.yaml": "services:\n  web:\n    build: .\n    volumes:\n"
                              "      - data:/app/data\n      - ./config.json\n"}) is None


@pytest.mark.parametrize("build", ["build: .", "build:\n      context: .", "build:\n      dockerfile: Dockerfile"])
def test_compose_build_forms_name_this_dockerfile(tmp_path: Path, build: str) -> None:
    why = _beside(tmp_path, {"compose.yml": f"services:\n  web:\n    {build}\n    volumes:\n      - .:/app\n"})
    assert why == ("compose.yml bind-mounts . onto /app for web: a development setup whose files belong to the "
                   "host user; set USER (or user:) there by hand")


def test_a_compose_service_building_another_dockerfile_does_not_count(tmp_path: Path) -> None:
    files = {"compose.yaml": "services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.dev\n"
             "    volumes:\n      - .:/app\n  db:\n    image: postgres:16\n  ${X}:\n    build:\n"
             "      context: ${CTX}\n    volumes:\n      - .:/app\n"}
    assert _beside(tmp_path, files) is None


def test_compose_two_folders_up_counts_three_does_not(tmp_path: Path) -> None:
    compose = ("services:\n  api:\n    build:\n      context: {ctx}\n    volumes:\n      - ./halo:/root/.halo\n")
    why = _beside(tmp_path, {"compose.yaml": compose.format(ctx="./a/b")}, dockerfile="a/b/Dockerfile",
                  project=False)
    assert why is not None and why.startswith("../../compose.yaml mounts ./halo onto /root/.halo for api")
    deeper = tmp_path / "deeper"
    deeper.mkdir()
    assert _beside(deeper, {"compose.yaml": compose.format(ctx="./a/b/c")}, dockerfile="a/b/c/Dockerfile") is None


def test_a_long_syntax_volume_without_source_under_root(tmp_path: Path) -> None:
    why = _beside(tmp_path, {"compose.yaml": "services:\n  web:\n    build: .\n    volumes:\n"
                             "      - type: tmpfs\n        target: /root/.cache\n"})
    assert why is not None and why.startswith("compose.yaml mounts a volume onto /root/.cache for web")


@pytest.mark.parametrize(("volume", "dev"), [
    ("./src:/app/src", True),  # a project folder onto a folder of the app
    ("./:/", True),  # the app's directory lies inside the mount
    ("./data:/srv/data", False),  # beside the app, not onto it
    ("data:/app", False),  # a named volume is not the host's files
    ("./src:app", False),  # a relative target is not a mount point
])
def test_which_bind_mounts_are_a_development_setup(tmp_path: Path, volume: str, dev: bool) -> None:
    why = _beside(tmp_path, {"compose.yaml": f"services:\n  web:\n    build: .\n    volumes:\n      - {volume}\n"})
    assert (why is not None and "a development setup" in why) is dev


def test_unreadable_files_beside_read_as_none(tmp_path: Path) -> None:
    from transforms.non_root.beside import _read

    (tmp_path / "README.md").mkdir()  # a folder named like the file: reading it fails
    assert _read(tmp_path / "README.md") is None
    big = tmp_path / "README"
    big.write_text("x" * 200_005, encoding="utf-8")
    assert len(_read(big) or "") == 200_000


# -- non_root_user.py ----------------------------------------------------------------------------------------


def test_a_file_without_from_gets_nothing_and_does_not_raise() -> None:
    from transforms.non_root_user import analyze

    assert analyze(parse("RUN apk add curl\n"), Context()) is None
    out = _run("RUN apk add curl\n")
    assert out.fixes == [] and out.findings == []


@pytest.mark.parametrize(("text", "evidence"), [
    ("FROM scratch\n", ("no USER in this file, and scratch starts as uid 0", True)),
    ("FROM gcr.io/distroless/static-debian12\n",
     ("no USER in this file, and gcr.io/distroless/static-debian12 runs as uid 0 (only distroless' :nonroot tags "
      "set 65532)", True)),
    ("FROM node:20-alpine\n",
     ("no USER in this file, and node:20-alpine creates node but does not switch to it", True)),
    ("FROM python:3.12-slim\n",
     ("no USER in this file, and python:3.12-slim sets none (its official Dockerfile)", True)),
    # an organisation's image named like an official one is not that image
    ("FROM mycorp/python:3.12\nWORKDIR /app\nRUN apt-get install -y libpq5\n",
     ("no USER in this file, and line 3 runs apt-get install (needs root) as the default user", False)),
    # after a USER, a root-only RUN says nothing about the default user
    ("FROM registry.example.com/base:1\nUSER root\nRUN apt-get install -y libpq5\n",
     ("no USER in this file, and registry.example.com/base:1 is not known to set one", False)),
])
def test_root_evidence(text: str, evidence: tuple[str, bool]) -> None:
    from transforms.non_root.users import root_evidence

    stage = parse(text).final_stage
    assert stage is not None
    assert root_evidence(stage) == evidence


def test_a_build_string_names_the_context_folder(tmp_path: Path) -> None:
    why = _beside(tmp_path, {"compose.yaml": "services:\n  api:\n    build: ./api\n    volumes:\n      - ./api:/app\n"},
                  dockerfile="api/Dockerfile")
    assert why is not None and why.startswith("../compose.yaml bind-mounts ./api onto /app for api")


@pytest.mark.parametrize("compose", ["", "- web\n", "services: [web]\n", "services:\n  web:\n",
                                     "services:\n  web:\n    image: nginx\n"])
def test_compose_files_of_other_shapes_say_nothing(tmp_path: Path, compose: str) -> None:
    assert _beside(tmp_path, {"compose.yaml": compose}) is None


def test_a_service_without_build_before_the_one_that_builds_this_file(tmp_path: Path) -> None:
    why = _beside(tmp_path, {"compose.yaml": "services:\n  db:\n    image: postgres:16\n  web:\n    build: .\n"
                             "    volumes:\n      - .:/app\n"})
    assert why is not None and why.startswith("compose.yaml bind-mounts . onto /app for web")


def test_a_bind_mount_with_a_mode_onto_the_workdir(tmp_path: Path) -> None:
    why = _beside(tmp_path, {"docker-compose.yml": "services:\n  web:\n    build: .\n    volumes:\n"
                             "      - .:/app:cached\n"})
    assert why is not None and why.startswith("docker-compose.yml bind-mounts . onto /app for web")


# -- strategies.py ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "line"), [
    ("FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y python3\nCOPY app.py /app.py\n"
     'CMD ["python3", "/app.py"]\n', 1),  # no useradd
    ('FROM registry.example.com/platform/runtime:3\nCOPY service /service\nCMD ["/service"]\n', 1),  # no family
    ("FROM debian:bookworm-slim\nRUN useradd --create-home worker\nCMD [\"/usr/local/bin/worker\"]\n", 2),  # no uid
    ("FROM debian:bookworm-slim\nRUN useradd -r -u 900 svc\nCOPY docker-entrypoint.sh /usr/local/bin/\n"
     'ENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["svc"]\n', 1),  # an entrypoint script may switch itself
    ("FROM debian:bookworm-slim\nRUN apt-get update\nCOPY --chown=mailer:mailer cfg /etc/mailer/\n"
     'CMD ["/usr/sbin/mailerd"]\n', 3),  # an owner whose uid is not known
])
def test_strategy_findings_name_the_pass_and_the_line(text: str, line: int) -> None:
    out = _run(text)
    [finding] = out.findings
    assert finding.item.pass_id == PASS.id and finding.line == line
    assert out.fixes == []


@pytest.mark.parametrize(("start", "script"), [
    ('CMD ["/opt/app/start.sh"]', "start.sh"),
    ('ENTRYPOINT ["/usr/local/bin/entrypoint"]', "entrypoint"),
    ('CMD ["/usr/local/bin/svc"]', None),
])
def test_a_created_user_and_a_start_script_that_may_switch_itself(start: str, script: str | None) -> None:
    out = _run(f"FROM debian:bookworm-slim\nRUN useradd -r -u 900 svc\nCOPY bin/ /opt/app/\n{start}\n")
    if script is None:
        assert out.findings == [] and "USER 900\n" in out.text
    else:
        [finding] = out.findings
        assert finding.item.message.startswith(f"line 2 creates the user svc and {script} starts the container")


def test_files_handed_to_dotnet_app_user_switch_to_it() -> None:
    out = _run("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nWORKDIR /app\nCOPY --chown=app:app publish/ .\n"
               'ENTRYPOINT ["dotnet", "Api.dll"]\n')
    assert out.findings == [] and "USER 1654:1654\n" in out.text


@pytest.mark.parametrize("owner", ["app", "node"])
def test_files_handed_to_app_or_a_bundled_user_on_an_unknown_base_are_not_an_unknown_uid(owner: str) -> None:
    out = _run(f"FROM registry.example.com/platform/runtime:3\nCOPY --chown={owner}:{owner} service /service\n"
               'CMD ["/service"]\n')
    [finding] = out.findings
    assert finding.item.message.startswith("cannot tell how to create a user in registry.example.com")


def test_distroless_debug_with_its_busybox_shell_still_runs_as_65532() -> None:
    out = _run('FROM gcr.io/distroless/base-debian12:debug\nCOPY server /server\nENTRYPOINT ["/server"]\n')
    assert "USER 65532:65532\n" in out.text and "RUN" not in out.text


def test_the_fix_names_the_pass_and_is_a_review_fix() -> None:
    from refactor.edits import Safety

    out = _run('FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n')
    [fix] = out.fixes
    assert fix.item.pass_id == PASS.id and fix.item.safety is Safety.REVIEW and fix.line == 4


@pytest.mark.parametrize(("text", "line"), [
    ('FROM node:20-alpine\nUSER node\nRUN npm ci\n# needs root to bind the raw socket\nUSER root\n'
     'CMD ["node", "ping.js"]\n', 5),  # USER root with a comment above it
    ('FROM bitnami/nginx:1.27\nUSER root\nRUN install_packages curl\nCMD ["/opt/bitnami/scripts/nginx/run.sh"]\n', 2),
    ('FROM node:20-alpine\nUSER node\nRUN npm ci\nCMD ["node", "app.js"]\nUSER root\n', 5),  # after CMD
])
def test_user_root_findings_name_the_pass_and_the_user_line(text: str, line: int) -> None:
    out = _run(text)
    [finding] = out.findings
    assert finding.item.pass_id == PASS.id and finding.line == line


def test_the_context_option_is_where_the_framework_manifest_is_read(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "Gemfile").write_text('source "https://rubygems.org"\ngem "rails", "~> 7.1"\n')
    (tmp_path / "docker").mkdir()
    dockerfile = tmp_path / "docker" / "Dockerfile"
    text = ('FROM ruby:3.3-slim\nWORKDIR /rails\nCOPY Gemfile ./\nRUN bundle install\nCOPY . .\n'
            'CMD ["bin/rails", "server"]\n')
    dockerfile.write_text(text)
    given = _run(text, Context(path=dockerfile, context_dir=tmp_path / "app"))
    assert "/rails/tmp" in given.text  # Rails' writable folders, from the Gemfile in --context
    assert "/rails/tmp" not in _run(text, Context(path=dockerfile)).text


def test_a_readme_in_latin_1_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_bytes("Caf\xe9 bot: docker run -v /var/run/docker.sock:/var/run/docker.sock x\n"
                                         .encode("latin-1"))
    why = _beside(tmp_path, {})
    assert why is not None and why.startswith("README.md beside the Dockerfile mounts or documents the Docker socket")


def test_a_skip_rule_finding_names_the_pass() -> None:
    out = _run('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y supervisor\n'
               'CMD ["/usr/bin/supervisord", "-n"]\n')
    [finding] = out.findings
    assert finding.item.pass_id == PASS.id and finding.line == 1
    assert finding.item.message == "the container starts supervisord, which needs root"
