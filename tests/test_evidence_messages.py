"""Issue 11, "evidence before a review fix", for composer-platform-req, configure-should-use-build-flag and
rm-recursive-after-mktemp-d: their review fix messages are pinned in ``.fixes.txt`` (tests/test_review_evidence.py
checks them), and their safe fixes name what they acted on too (checked here)."""

from __future__ import annotations

from tests.golden import ROOT, Case, run_case
from tests.test_review_evidence import PINNED
from transforms import PASSES

BY_ID = {p.id: p for p in PASSES}


def _messages(pass_id: str, name: str) -> list[str]:
    case = Case(pass_id, ROOT / pass_id / f"{name}.in.Dockerfile")
    return [f"{r.line}: {r.item.message}" for r in run_case(case, [BY_ID[pass_id]]).fixes]


def test_the_three_passes_pin_their_review_messages() -> None:
    assert {"composer-platform-req", "configure-should-use-build-flag",
            "rm-recursive-after-mktemp-d"} <= {c.pass_id for c in PINNED}


def test_composer_safe_fix_names_the_requirer_the_image_fact_and_the_runtime_install() -> None:
    assert _messages("composer-platform-req", "seed-composer-stage") == [
        "14: ignore ext-pcntl, ext-sockets in the composer stage only: ext-pcntl is required by laravel/horizon; "
        "ext-sockets is required by evilfreelancer/routeros-api-php; stage composer-builder lacks them (image "
        "composer:2: the official composer image loads php:8-alpine's default extensions plus bz2 and zip "
        "(refactor/knowledge/php_extensions.py), and the stage installs none of them); the runtime stage 1 has "
        "them (ext-pcntl, ext-sockets: docker-php-ext-install at line 19)"]
    only = _messages("composer-platform-req", "install-php-extensions")[0]
    assert "the runtime stage 1 has them (ext-pcntl, ext-sockets: install-php-extensions at line 8)" in only


def test_mktemp_safe_fix_names_the_mktemp_line() -> None:
    assert _messages("rm-recursive-after-mktemp-d", "basic") == [
        "2: remove $tmp at the end of the RUN: the mktemp -d folder made at line 2 stays in the layer, and no later "
        "command of the RUN removes, links to or records it"]
    assert _messages("rm-recursive-after-mktemp-d", "gnupghome-gpgconf-kill") == [
        "7: remove $GNUPGHOME at the end of the RUN: the mktemp -d folder made at line 3 stays in the layer, and no "
        "later command of the RUN removes, links to or records it; gpgconf --kill at line 6 stops gpg's daemons "
        "first"]


def test_gnupghome_used_by_gpg_after_the_kill_is_left_alone() -> None:
    from refactor.passes import Context
    from refactor.project import Project
    from refactor.runner import process_text

    text = ('FROM debian:bookworm\nRUN export GNUPGHOME="$(mktemp -d)" && gpg --batch --recv-keys "$KEY" \\\n'
            '    && gpgconf --kill all && gpg --batch --verify x.asc x\n')
    result = process_text(text, "Dockerfile", [BY_ID["rm-recursive-after-mktemp-d"]], Context(project=Project()))
    assert not result.changed
    assert [r.item.message.split(":")[0] for r in result.findings] == [
        "$GNUPGHOME (the mktemp -d folder made at line 2) stays in the layer, left alone"]
    assert "gpg, last run at line 3," in result.findings[0].item.message
