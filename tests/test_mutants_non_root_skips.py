"""non-root-user's skip rules (transforms/non_root/skips.py) on the shapes the golden cases do not pin down;
each test here kills mutants that survived the golden cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.document import parse
from refactor.passes import Context
from refactor.project import Project
from transforms.non_root.skips import skip_reason


def _reason(text: str) -> str | None:
    stage = parse(text).final_stage
    assert stage is not None
    return skip_reason(stage)


_STATE = "the image keeps state in root's home"


@pytest.mark.parametrize(("line", "where"), [
    ("COPY app.conf /root", "line 2 copies into /root"),  # root's home itself, not only below it
    ("COPY app.conf /root/.app/", "line 2 copies into /root/.app/"),
    ("RUN chmod 700 /root", "line 2 writes under /root"),
    ("RUN chmod 700 ~", "line 2 writes under ~"),
    ("RUN chmod 700 $HOME", "line 2 writes under $HOME"),
    ("RUN chmod 700 ${HOME}", "line 2 writes under ${HOME}"),
    ("RUN mkdir -p ~/.app", "line 2 writes under ~/.app"),
    ("RUN mkdir -p $HOME/.app", "line 2 writes under $HOME/.app"),
    ("RUN mkdir -p ${HOME}/.app", "line 2 writes under ${HOME}/.app"),
    ("ADD app.conf /root/", "line 2 copies into /root/"),
    ('COPY ["app.conf", "/root/.app/"]', "line 2 copies into /root/.app/"),
    ('COPY ["a.conf", "b.conf", "/root/.app/"]', "line 2 copies into /root/.app/"),  # the last word is the target
    ('ENV HOME=""\nRUN mkdir -p ~/.app', "line 3 writes under ~/.app"),  # an empty HOME is root's
    ("COPY a.conf b.conf /root/.app/", "line 2 copies into /root/.app/"),
    ("RUN mkdir ~/.app", "line 2 writes under ~/.app"),  # the first argument counts
    ("COPY app /srv/app/\nRUN mkdir ~/.app", "line 3 writes under ~/.app"),  # a COPY elsewhere before it
    ("RUN rm -rf /tmp/build && mkdir ~/.app", "line 2 writes under ~/.app"),  # a command after a delete
    ("ARG BASE=/\nCOPY app.conf ${BASE}root/.app/", "line 3 copies into ${BASE}root/.app/"),  # resolved
])
def test_writing_into_root_home_is_a_skip(line: str, where: str) -> None:
    reason = _reason(f"FROM debian:12\n{line}\nCMD [\"app\"]\n")
    assert reason is not None and reason.startswith(f"{where}: {_STATE}")


@pytest.mark.parametrize("lines", [
    "RUN mkdir -p /rootfs/etc",  # a sibling of /root, not inside it
    "COPY app.conf /ROOT/",
    "RUN mkdir -p $HOMEDIR/x ~app/x",  # another variable, another user's home
    "RUN rm -rf /root/.cache ~/.npm",  # deleting there does not count
    "ENV HOME=/home/app\nRUN mkdir -p ~/.app $HOME/.app ${HOME} ~",  # ~ is not root's home any more
    "COPY app.conf ~/.app/",  # COPY does not expand ~: a folder named ~ under the workdir
    'COPY ["/root/app.conf", "/srv/app/"]',  # only the target counts
    'COPY ["a.conf", "/root/b.conf", "/srv/app/"]',
    "COPY a.conf /root/b.conf /srv/app/",
    "ENV HOME=/home/app\nRUN chmod 700 ~",
    "ENV HOME=/home/app\nRUN helm plugin install https://example.com/plugin",  # helm's state is in that home
    "RUN unlink /root/.profile",
    "RUN stack install --local-bin-path=/opt/x=y/bin",  # the option moves the programs, whatever its value
])
def test_not_writing_into_root_home_is_no_skip(lines: str) -> None:
    assert _reason(f"FROM debian:12\n{lines}\nCMD [\"app\"]\n") is None


@pytest.mark.parametrize(("env", "skip"), [
    ("", True),
    ("ENV PIPX_HOME=/opt/pipx", False),  # either variable moves pipx's programs out of /root/.local
    ("ENV PIPX_BIN_DIR=/usr/local/bin", False),
])
def test_pipx_installs_under_root_unless_moved(env: str, skip: bool) -> None:
    reason = _reason(f"FROM debian:12\n{env}\nRUN pipx install httpie\nCMD [\"http\"]\n")
    assert (reason == "line 3: pipx install puts programs in /root/.local, which a non-root user cannot enter") == skip
    assert (reason is None) != skip


@pytest.mark.parametrize(("lines", "what"), [
    ('VOLUME ["/root/data"]', 'VOLUME /root/data (line 2)'),
    ("ARG BASE=/\nVOLUME ${BASE}root/data", "VOLUME ${BASE}root/data (line 3)"),  # resolved first
    ("ENV APP_DIRS=/srv/a:/root/.app", "ENV APP_DIRS=/srv/a:/root/.app"),  # any entry of a list
])
def test_data_under_root(lines: str, what: str) -> None:
    reason = _reason(f"FROM debian:12\n{lines}\nCMD [\"app\"]\n")
    assert reason == f"{what} keeps the app's data under /root, which a non-root user cannot enter"


@pytest.mark.parametrize(("lines", "line"), [
    ("COPY docker /usr/local/bin/", 2),
    ("ADD bin/docker /usr/local/bin/docker", 2),
    ('COPY ["build/out/dockerd", "/usr/bin/"]', 2),
    ("COPY build/out/docker/ /usr/local/bin/", 2),  # a trailing slash, two folders deep
    ("ENV APP=1\nCOPY app.conf /srv/\nCOPY build/out/docker /usr/local/bin/", 4),  # after other instructions
])
def test_a_copied_docker_binary_is_a_skip(lines: str, line: int) -> None:
    reason = _reason(f"FROM debian:12\n{lines}\nCMD [\"app\"]\n")
    assert reason == (f"line {line} puts the docker client in the image: reaching the daemon socket needs root or "
                      "the docker group")


@pytest.mark.parametrize("lines", [
    "COPY docker-compose.yml /srv/",
    "COPY docker/app.conf /srv/",  # a file in a folder named docker is not the binary
    "RUN cp /opt/docker /srv/docker",  # only a copy's words are read
])
def test_other_copies_name_no_docker_binary(lines: str) -> None:
    assert _reason(f"FROM debian:12\n{lines}\nCMD [\"app\"]\n") is None


_INTERACTIVE = "with no script: an interactive, development or base image"


@pytest.mark.parametrize(("cmd", "prog"), [
    ('["/usr/bin/tini", "--", "bash"]', "bash"),  # an init shim named by its path
    ('["tini", "--", "bash"]', "bash"),  # the shim's "--" is skipped too
    ('["tini", "bash"]', "bash"),  # a shim without "--": only the shim is skipped
    ('["/bin/bash"]', "bash"),  # the shell named by its path
    ('["python3", "-i"]', "python3"),  # options only
    ('["bash", "-l"]', "bash"),
    ('["bash", "-C"]', "bash"),  # -C (noclobber) is an option; only -c takes a script
])
def test_an_interactive_start_command_is_a_skip(cmd: str, prog: str) -> None:
    reason = _reason(f"FROM debian:12\nCMD {cmd}\n")
    assert reason is not None and reason.startswith(f"the container starts {prog} {_INTERACTIVE}")


@pytest.mark.parametrize("cmd", [
    '["tini"]',  # only the shim: no program after it
    '["tini", "--"]',
    '["bash", "-c"]',  # -c takes a script
])
def test_a_start_command_that_is_no_shell_is_no_skip(cmd: str) -> None:
    assert _reason(f"FROM debian:12\nCMD {cmd}\n") is None


@pytest.mark.parametrize(("port", "skip"), [("0", False), ("1", True), ("1023", True), ("1024", False)])
def test_privileged_ports_are_1_to_1023(port: str, skip: bool) -> None:
    reason = _reason(f"FROM debian:12\nEXPOSE {port}\nCMD [\"app\"]\n")
    assert (reason == f"privileged port {port} exposed: a non-root user cannot bind it") == skip
    assert (reason is None) != skip


@pytest.mark.parametrize(("lines", "line"), [
    ('CMD ["app", "--pidfile=/run/app.pid"]', 2),  # the start command's options count
    ('ENTRYPOINT ["app", "--pidfile=/run/app.pid"]', 2),
])
def test_a_pid_file_under_run_in_the_start_command_is_a_skip(lines: str, line: int) -> None:
    reason = _reason(f"FROM debian:12\n{lines}\n")
    assert reason == (f"line {line} puts the pid file at /run/app.pid: /run is root-owned; move it to a directory "
                      "the user owns first")


@pytest.mark.parametrize("lines", [
    "ARG PIDFILE=/run/app.pid",  # only ENV, RUN and the start command configure the program
    "LABEL src=https://github.com/iovisor/bcc",  # a label names the project, no RUN builds it
    "LABEL src=https://github.com/jhuckaby/Cronicle",
])
def test_instructions_that_run_nothing_are_no_evidence(lines: str) -> None:
    assert _reason(f"FROM debian:12\n{lines}\nCMD [\"app\"]\n") is None


@pytest.mark.parametrize(("cmd", "skip"), [
    ('["etcd"]', True),
    ('["etcd", "--data-dir", "/var/lib/etcd"]', False),
    ('["etcd", "--data-dir=/var/lib/etcd"]', False),  # the option's name before "="
    ('["etcd", "--data-dir=/var/lib/a=b"]', False),  # only the first "=" separates the value
])
def test_etcd_keeps_its_data_in_cwd_unless_moved(cmd: str, skip: bool) -> None:
    reason = _reason(f"FROM debian:12\nCMD {cmd}\n")
    assert (reason is not None and reason.startswith("the container starts etcd without --data-dir")) == skip
    assert (reason is None) != skip


@pytest.mark.parametrize(("lines", "line"), [
    ('ENTRYPOINT ["gosu", "app", "server"]', 2),
    ('CMD ["su-exec", "app", "server"]', 2),
])
def test_a_start_command_that_drops_privileges_is_a_skip(lines: str, line: int) -> None:
    prog = lines.split('"')[1]
    reason = _reason(f"FROM debian:12\n{lines}\n")
    assert reason == f"line {line} uses {prog}: the entrypoint starts as root and drops privileges itself"


_DOCKER_CLI = "reaching the daemon socket needs root or the docker group"


@pytest.mark.parametrize(("lines", "where"), [
    ("ADD --from=docker:27-cli /usr/local/bin/ /usr/local/bin/", "line 2 copies the docker CLI from docker:27-cli"),
    ("ENV A=1\nCOPY --from=docker:27-cli /usr/local/bin/ /usr/local/bin/",  # after an instruction that is no copy
     "line 3 copies the docker CLI from docker:27-cli"),
    ("COPY app.conf /srv/\nCOPY --from=docker:27-cli /usr/local/bin/ /usr/local/bin/",  # a copy from the context
     "line 3 copies the docker CLI from docker:27-cli"),
])
def test_copying_from_the_docker_image_is_a_skip(lines: str, where: str) -> None:
    assert _reason(f"FROM debian:12\n{lines}\nCMD [\"app\"]\n") == f"{where}: {_DOCKER_CLI}"


def test_a_stage_declared_later_does_not_shadow_the_image_copied_from() -> None:
    """``--from=docker`` before any stage named docker is the docker image, not the later stage."""
    text = ("FROM debian:12 AS base\nCOPY --from=docker /usr/local/bin/ /usr/local/bin/\n"
            "FROM base AS docker\nCMD [\"app\"]\n")
    assert _reason(text) == f"line 2 copies the docker CLI from docker: {_DOCKER_CLI}"


def test_a_copied_file_named_like_docker_is_no_docker_binary() -> None:
    assert _reason("FROM debian:12\nCOPY dockerX /srv/\nCMD [\"app\"]\n") is None


_PRIVILEGED = ("the documented docker run uses --privileged: a non-root process gets neither the host device's "
               "group nor added capabilities")


@pytest.mark.parametrize(("comment", "skip"), [
    ("# docker run --privileged app", True),
    ("  # docker run --privileged app", True),  # an indented comment
    ("# docker run --rm app\n# then add --privileged", True),  # the option on another comment line
    ("# needs --privileged", False),  # no docker run documented
    ("# docker run -it app", False),  # a documented run with no root-only option
])
def test_a_documented_root_only_run_is_a_skip(comment: str, skip: bool) -> None:
    reason = _reason(f"{comment}\nFROM debian:12\nCMD [\"app\"]\n")
    assert (reason is not None and _PRIVILEGED in reason) == skip
    assert (reason is None) != skip


@pytest.mark.parametrize(("lines", "where"), [
    ("RUN mkdir -p '\"/root/.app\"'", 'line 2 writes under "/root/.app"'),  # literal quotes around the path
])
def test_a_quoted_path_under_root_is_a_skip(lines: str, where: str) -> None:
    reason = _reason(f"FROM debian:12\n{lines}\nCMD [\"app\"]\n")
    assert reason is not None and reason.startswith(f"{where}: {_STATE}")


def test_a_sibling_of_root_ending_in_x_is_not_root_home() -> None:
    assert _reason("FROM debian:12\nRUN mkdir /rootX\nCMD [\"app\"]\n") is None


def test_the_context_option_is_where_the_nginx_config_is_read(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "nginx.conf").write_text("server {\n  listen 80;\n}\n")
    (tmp_path / "docker").mkdir()
    dockerfile = tmp_path / "docker" / "Dockerfile"
    text = 'FROM nginx:alpine\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\nCMD ["nginx", "-g", "daemon off;"]\n'
    dockerfile.write_text(text)
    stage = parse(text).final_stage
    assert stage is not None
    given = skip_reason(stage, Context(path=dockerfile, project=Project(), context_dir=tmp_path / "site"))
    assert given is not None and given.startswith("nginx listens on privileged port 80 (nginx.conf:2 `listen 80;`")
    assert skip_reason(stage, Context(path=dockerfile, project=Project())) != given


_COMPOSE = "services:\n  app:\n    build: .\n"


@pytest.mark.parametrize(("text", "context"), [
    ('FROM debian:12\nEXPOSE 80\nCMD ["app"]\n', False),  # a skip rule decides: only the build context reads it
    ('FROM debian:12\nCMD ["app"]\n', True),  # --context given: only the files beside the Dockerfile read it
])
def test_the_compose_file_is_read_through_the_runs_project(tmp_path: Path, text: str, context: bool) -> None:
    """The run's shared ``Project`` caches the compose file (read once for every Dockerfile of a run)."""
    (tmp_path / "compose.yaml").write_text(_COMPOSE)
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(text)
    stage = parse(text).final_stage
    assert stage is not None
    project = Project()
    skip_reason(stage, Context(path=dockerfile, project=project, context_dir=tmp_path if context else None))
    assert project.loads == {(tmp_path / "compose.yaml").resolve(): 1}
