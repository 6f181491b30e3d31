"""non-root-user's skip rules (transforms/non_root/skips.py) on the shapes the golden cases do not pin down;
each test here kills mutants that survived the golden cases."""

from __future__ import annotations

import pytest

from refactor.document import parse
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
