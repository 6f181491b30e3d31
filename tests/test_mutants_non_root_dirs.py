"""non-root-user's directory evidence (transforms/non_root/dirs.py) on the shapes the golden cases do not pin
down: relative destinations without a WORKDIR, quoted or unresolvable WORKDIRs, exec-form COPY, paths with
variables, and manifests that are huge or cannot be read; then owned_dirs and its evidence called directly
(frameworks and Django settings in a tmp_path context, mkdir after cd/pushd, SQLite files in ENV and the start
command, seeded dirs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.applier import transform
from refactor.document import Stage, parse
from refactor.passes import Context
from transforms.non_root.dirs import (
    Owned,
    _app_path,
    _made_state_dirs,
    _read,
    _sqlite_paths,
    copies_into,
    describe,
    inside,
    named_dirs,
    owned_dirs,
    seeding_copies,
    volumes,
)
from transforms.non_root_user import PASS


def _run(text: str):
    """The pass through the applier, which turns an exception in dirs.py into an internal error: look at it."""
    out = transform(text, [PASS], Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


def _lines(text: str, directory: str) -> list[int]:
    stage = parse(text).final_stage
    assert stage is not None
    return [ins.lineno for ins in copies_into(stage, directory, len(text))]


def test_a_relative_destination_without_workdir_lands_under_the_root() -> None:
    assert _lines("FROM alpine:3\nCOPY seed/ data/\n", "/data") == [2]


def test_a_quoted_workdir_and_an_unresolvable_one() -> None:
    text = 'FROM alpine:3\nWORKDIR "/srv/app"\nCOPY a .\nWORKDIR ${NOPE}\nCOPY b .\n'
    assert _lines(text, "/srv/app") == [3, 5]  # the unresolvable WORKDIR keeps the last known one


def test_exec_form_copy_destination_is_the_last_array_element() -> None:
    text = 'FROM alpine:3\nCOPY ["a", "/data"]\nCOPY ["b", "/database"]\n'
    assert _lines(text, "/data") == [2]


def test_an_empty_exec_form_copy_is_ignored() -> None:
    assert _lines("FROM alpine:3\nCOPY []\nCOPY a /x\n", "/") == [3]


@pytest.mark.parametrize(("path", "expected"), [
    (None, None), ("", None), ("data", None), ("/app/$DATA", None), ("/srv/app/", "/srv/app"),
    ("/usr/lib/app", None), ("/etc", None),
])
def test_app_path(path: str | None, expected: str | None) -> None:
    assert _app_path(path) == expected


def test_a_manifest_is_read_up_to_200000_characters(tmp_path: Path) -> None:
    big = tmp_path / "Gemfile"
    big.write_text("x" * 200_010, encoding="utf-8")
    assert len(_read(big)) == 200_000


def test_a_manifest_that_cannot_be_read_reads_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "Gemfile"
    locked.write_text('gem "rails"\n', encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_text", refuse)
    assert _read(locked) == ""


def test_volumes_and_named_dirs() -> None:
    text = ('FROM python:3.12-slim\nENV DATA_DIR=/var/lib/app\nVOLUME /var/lib /srv/media\n'
            'CMD ["app", "--data-dir", "/srv/data"]\nVOLUME /later\n')
    stage = parse(text).final_stage
    assert stage is not None
    assert volumes(stage, text.index("VOLUME /later")) == ["/srv/media"]
    assert volumes(stage, len(text)) == ["/srv/media", "/later"]
    assert named_dirs(stage) == ["/var/lib/app", "/srv/data"]


def test_only_quotes_are_stripped_from_a_workdir() -> None:
    assert _lines("FROM texlive/texlive\nWORKDIR /opt/TeX\nCOPY doc.tex .\n", "/opt/TeX") == [3]


def test_a_relative_copy_into_a_volume_without_workdir_keeps_its_chown_through_the_pass() -> None:
    out = _run('FROM alpine:3.20\nCOPY seed/ data/\nVOLUME /data\nCOPY app /usr/local/bin/app\n'
               'CMD ["app", "--data-dir", "/data"]\n')
    assert "COPY --chown=1001:1001 seed/ data/\n" in out.text
    assert "COPY app /usr/local/bin/app\n" in out.text  # code stays root-owned
    assert "    && mkdir -p /data \\\n    && chown app:app /data\nUSER 1001:1001\n" in out.text
    [fix] = out.fixes
    assert "it owns /data (VOLUME, line 3)" in fix.item.message and "COPY at line 2 keeps --chown" in fix.item.message


# --- owned_dirs and its evidence, called directly (a build context in tmp_path where one is needed) ---

def _stage(text: str) -> Stage:
    stage = parse(text).final_stage
    assert stage is not None
    return stage


def _owned(text: str, context: Path | None = None) -> list[Owned]:
    return owned_dirs(_stage(text), len(text), context)


def _context(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, body in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


RAILS_APP = "FROM ruby:3.3\nWORKDIR /srv/app\nCOPY . .\nCMD [\"rails\", \"server\"]\n"


def test_inside_a_directory_whose_name_ends_in_x() -> None:
    assert inside("/opt/TeX/doc", "/opt/TeX") and inside("/opt/TeX/doc", "/opt/TeX/")
    assert not inside("/opt/TeXlive", "/opt/TeX")


def test_describe_groups_consecutive_paths_with_the_same_evidence() -> None:
    assert describe([Owned("/a", "x"), Owned("/b", "x")]) == "/a /b (x)"
    assert describe([Owned("/a", "x"), Owned("/b", "y"), Owned("/c", "x")]) == "/a (x), /b (y), /c (x)"


def test_two_frameworks_in_one_app_both_count_with_their_evidence(tmp_path: Path) -> None:
    ctx = _context(tmp_path, {"Gemfile": 'gem "rails"\n', "package.json": '{"dependencies": {"next": "14"}}\n'})
    assert _owned(RAILS_APP, ctx)[1:] == [
        Owned("/srv/app/db", "Rails, named in Gemfile", recursive=True),
        Owned("/srv/app/log", "Rails, named in Gemfile", recursive=True),
        Owned("/srv/app/storage", "Rails, named in Gemfile", recursive=True),
        Owned("/srv/app/tmp", "Rails, named in Gemfile", recursive=True),
        Owned("/srv/app/.next/cache", "Next.js, named in package.json", recursive=True),
    ]


def test_a_manifest_that_does_not_name_the_framework_adds_nothing(tmp_path: Path) -> None:
    ctx = _context(tmp_path, {"Gemfile": 'gem "sinatra"\n'})
    assert _owned(RAILS_APP, ctx) == [Owned("/srv/app", "WORKDIR")]


def _django(tmp_path: Path, settings: dict[str, str]) -> list[Owned]:
    ctx = _context(tmp_path, {"manage.py": "import django\n", **settings})
    return _owned("FROM python:3.12\nWORKDIR /srv/app\nCOPY . .\nCMD [\"gunicorn\", \"proj.wsgi\"]\n", ctx)[1:]


def test_django_media_root_in_a_settings_package(tmp_path: Path) -> None:
    owned = _django(tmp_path, {"proj/settings/base.py": 'MEDIA_ROOT = BASE_DIR / "uploads"\n'})
    assert owned == [Owned("/srv/app/uploads", "Django: MEDIA_ROOT in proj/settings/base.py")]


@pytest.mark.parametrize(("line", "media"), [
    ('MEDIA_ROOT = os.path.join(BASE_DIR, "media")', "/srv/app/media"),
    ('MEDIA_ROOT = "/srv/media"', "/srv/media"),
])
def test_django_media_root_by_join_or_absolute(tmp_path: Path, line: str, media: str) -> None:
    owned = _django(tmp_path, {"proj/settings.py": line + "\n"})
    assert owned == [Owned(media, "Django: MEDIA_ROOT in proj/settings.py")]


def test_only_the_first_20_settings_files_are_read(tmp_path: Path) -> None:
    files = {f"proj/settings/s{k:02}.py": "DEBUG = False\n" for k in range(20)}
    files["proj/settings/s20.py"] = 'MEDIA_ROOT = BASE_DIR / "media"\n'
    assert _django(tmp_path, files) == []


def test_a_manage_py_folder_is_not_a_django_project(tmp_path: Path) -> None:
    (tmp_path / "manage.py").mkdir()
    ctx = _context(tmp_path, {"proj/settings.py": 'MEDIA_ROOT = BASE_DIR / "media"\n'})
    text = "FROM python:3.12\nWORKDIR /srv/app\nCOPY . .\n"
    assert _owned(text, ctx) == [Owned("/srv/app", "WORKDIR")]


def _made(text: str) -> list[str]:
    return [path for path, _ in _made_state_dirs(_stage(text))]


def test_mkdir_relative_to_quoted_chained_and_x_ending_workdirs() -> None:
    assert _made('FROM alpine:3\nWORKDIR "/srv/app"\nRUN mkdir data\n') == ["/srv/app/data"]
    assert _made("FROM alpine:3\nWORKDIR /srv\nWORKDIR app\nRUN mkdir log\n") == ["/srv/app/log"]
    assert _made("FROM alpine:3\nWORKDIR /opt/TeX\nRUN mkdir tmp\n") == ["/opt/TeX/tmp"]


def test_an_unresolvable_workdir_then_a_known_one_does_not_break_mkdir() -> None:
    assert "/srv/app/log" in _made("FROM alpine:3\nWORKDIR ${NOPE}\nWORKDIR /srv/app\nRUN mkdir /srv/app/log\n")
    assert _made("FROM alpine:3\nWORKDIR ${NOPE}\nWORKDIR /srv/app\nRUN mkdir data\n") == ["/srv/app/data"]
    assert _made("FROM alpine:3\nWORKDIR ${NOPE}\nWORKDIR app\nRUN mkdir data\n") == []
    assert _made("FROM alpine:3\nWORKDIR ${NOPE}\nRUN mkdir data /srv/log\n") == ["/srv/log"]


def test_after_cd_or_pushd_only_absolute_mkdir_paths_count() -> None:
    assert _made("FROM alpine:3\nWORKDIR /srv\nRUN cd /tmp && mkdir data /srv/log\n") == ["/srv/log"]
    assert _made("FROM alpine:3\nWORKDIR /srv\nRUN pushd /tmp && mkdir data /srv/log\n") == ["/srv/log"]


def test_mkdir_of_one_directory_and_arguments_that_are_not_paths() -> None:
    assert _made("FROM alpine:3\nRUN mkdir /srv/data\n") == ["/srv/data"]
    assert _made("FROM alpine:3\nWORKDIR /srv\nRUN mkdir -p -/log /srv/{a,b}/log\n") == []


def test_made_state_dirs_say_which_line() -> None:
    assert _owned("FROM alpine:3\nRUN mkdir -p /srv/data\n") == [Owned("/srv/data", "made by line 2")]


def test_a_dir_option_at_the_end_of_the_command_names_nothing() -> None:
    assert named_dirs(_stage('FROM alpine:3\nCMD ["app", "--data-dir"]\n')) == []


def test_quotes_around_a_dir_option_value_are_stripped() -> None:
    stage = _stage('FROM alpine:3\nCMD ["sh", "-c", "app --data-dir \'/srv/data\' --log-dir=\\"/srv/logX\\""]\n')
    assert named_dirs(stage) == ["/srv/data", "/srv/logX"]


def test_named_dirs_are_seeded_and_say_why() -> None:
    text = "FROM alpine:3\nENV DATA_DIR=/srv/data\nCOPY seed/ /srv/data/\nCOPY app /usr/local/bin/\n"
    owned = _owned(text)
    assert owned == [Owned("/srv/data", "ENV DATA_DIR", seeded=True)]
    assert [c.lineno for c in seeding_copies(_stage(text), owned, len(text))] == [3]


def test_every_seeded_dir_keeps_its_copies() -> None:
    text = "FROM alpine:3\nVOLUME /srv/a /srv/b\nCOPY x /srv/a/\nCOPY y /srv/b/\n"
    stage = _stage(text)
    assert [c.lineno for c in seeding_copies(stage, owned_dirs(stage, len(text), None), len(text))] == [3, 4]


@pytest.mark.parametrize("env", ["DB_PATH", "APP_DB", "APP_FILE"])
def test_a_relative_sqlite_file_in_an_env_lands_under_the_workdir(env: str) -> None:
    owned = _owned(f"FROM alpine:3\nWORKDIR /srv/app\nENV {env}=data/app.db\n")
    assert owned == [Owned("/srv/app", "WORKDIR"), Owned("/srv/app/data", f"SQLite database app.db in ENV {env}")]


def test_a_sqlite_file_ending_in_sqlite3_through_a_file_env() -> None:
    assert _sqlite_paths(_stage("FROM alpine:3\nENV STORE_FILE=/srv/x/app.sqlite3\n"), None) == [
        ("/srv/x/app.sqlite3", "ENV STORE_FILE")]


def test_without_workdir_relative_sqlite_files_are_skipped_and_absolute_ones_kept() -> None:
    owned = _owned("FROM alpine:3\nENV A_DB=rel.db B_DB=/srv/data/app.db\n")
    assert owned == [Owned("/srv/data", "SQLite database app.db in ENV B_DB")]


@pytest.mark.parametrize(("cmd", "expected"), [
    ('["sqlite_web", "data/app.db"]', "/srv/app/data/app.db"),
    ('["app", "--db=data/app.db"]', "/srv/app/data/app.db"),
    ('["app", "--db=XYZ/app.db"]', "/srv/app/XYZ/app.db"),
    ('["sh", "-c", "app --db \'data/app.db\'"]', "/srv/app/data/app.db"),
])
def test_a_sqlite_file_in_the_start_command(cmd: str, expected: str) -> None:
    stage = _stage(f"FROM alpine:3\nWORKDIR /srv/app\nCMD {cmd}\n")
    assert _sqlite_paths(stage, "/srv/app") == [(expected, "the start command")]


def test_an_option_value_with_an_equals_sign_is_not_a_sqlite_file() -> None:
    assert _sqlite_paths(_stage('FROM alpine:3\nCMD ["app", "--db=data/x=y/app.db"]\n'), "/srv/app") == []


def test_a_sqlite_database_copied_in_is_owned_as_a_file(tmp_path: Path) -> None:
    ctx = _context(tmp_path, {"app.db": ""})
    text = "FROM alpine:3\nWORKDIR /srv/app\nCOPY app.db data/app.db\nENV APP_DB=data/app.db\n"
    assert _owned(text, ctx) == [
        Owned("/srv/app", "WORKDIR"), Owned("/srv/app/data", "SQLite database app.db in ENV APP_DB"),
        Owned("/srv/app/data/app.db", "SQLite database copied in, named in ENV APP_DB", file=True)]
    assert _owned(text) == _owned(text, ctx)[:2]  # without a context nothing is known to be copied in
