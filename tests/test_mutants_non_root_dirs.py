"""non-root-user's directory evidence (transforms/non_root/dirs.py) on the shapes the golden cases do not pin
down: relative destinations without a WORKDIR, quoted or unresolvable WORKDIRs, exec-form COPY, paths with
variables, and manifests that are huge or cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from refactor.applier import transform
from refactor.document import parse
from refactor.passes import Context
from transforms.non_root.dirs import _app_path, _read, copies_into, named_dirs, volumes
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
