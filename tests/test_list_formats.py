"""``dockmod list``: text, or JSON with each pass's metadata (as ``ruff rule --all --output-format json``);
sarif and github are reports of findings, refused with one line and exit 2 (ruff's rule listing accepts only
text and json too)."""

from __future__ import annotations

import json

import pytest

from tests.test_cli import dockmod
from transforms import PASSES


def test_list_json_is_the_registry_with_metadata() -> None:
    out = dockmod("list", "--format", "json")
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert [p["id"] for p in listed] == [p.id for p in PASSES]
    by_id = {p["id"]: p for p in listed}
    apk = by_id["apk-no-cache"]
    assert apk["aliases"] == ["apkAddUseNoCache"] and apk["safety"] == "safe"
    assert by_id["non-root-user"]["options"]["uid"] == 1001
    assert by_id["apt-get-install-use-no-rec"]["hadolint"] == ["DL3015"]
    assert all("What it does" in p["explanation"] for p in listed)


@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_list_refuses_report_formats(fmt: str) -> None:
    out = dockmod("list", "--format", fmt)
    assert out.returncode == 2 and out.stdout == b""
    assert out.stderr.decode().splitlines() == [f"dockmod: list --format {fmt}: not a listing format; use text or json"]
