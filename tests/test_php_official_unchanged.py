"""The official php Alpine images already install build deps the right way: the apk passes leave them alone."""

from __future__ import annotations

import pytest

from refactor.passes import Context
from refactor.project import Project
from refactor.runner import Status, process_file
from tests.paths import CORPUS, need_corpus
from transforms import PASSES

APK_PASSES = ("merge-cleanup-layer", "apk-virtual-build-deps", "php-sockets-linux-headers", "apk-no-cache")


def _official_alpine() -> list:
    return sorted(p for p in (CORPUS / "docker-library+php").glob("**/alpine*/**/Dockerfile") if p.is_file())


def test_official_alpine_images_exist() -> None:
    need_corpus()
    files = _official_alpine()
    assert len(files) >= 20, files
    # They do use the idiom the passes produce, so an unchanged result is meaningful.
    assert all("apk del --no-network .build-deps" in p.read_text() for p in files)


@pytest.mark.parametrize("pass_id", APK_PASSES)
def test_official_alpine_unchanged_by_each_pass(pass_id: str) -> None:
    need_corpus()
    passes = [p for p in PASSES if p.id == pass_id]
    assert passes, pass_id
    for path in _official_alpine():
        result = process_file(path, passes, Context(project=Project()))
        assert result.status is Status.UNCHANGED, (path, [f.item.message for f in result.fixes])


def test_official_alpine_unchanged_by_all_apk_passes_together() -> None:
    need_corpus()
    passes = [p for p in PASSES if p.id in APK_PASSES]
    assert len(passes) == len(APK_PASSES)
    for path in _official_alpine():
        result = process_file(path, passes, Context(project=Project()))
        assert result.status is Status.UNCHANGED, (path, [f.item.message for f in result.fixes])
        assert not [f for f in result.findings if f.item.pass_id in APK_PASSES], path


def test_official_alpine_unchanged_by_every_registered_pass() -> None:
    need_corpus()
    for path in _official_alpine():
        result = process_file(path, list(PASSES), Context(path, project=Project()))
        assert result.status is Status.UNCHANGED, (path, [f.item.pass_id for f in result.fixes])
