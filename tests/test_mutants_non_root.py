"""non-root-user (transforms/non_root_user.py and transforms/non_root/*.py) on the shapes the golden cases do
not pin down; each test here kills mutants that survived the golden cases."""

from __future__ import annotations

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
