"""Command matching and line insertion that hand-made mutants of issue 11 got past the suite with
(``ShellCommand.is_`` no longer skipping ``sudo``, ``insert_line_after`` ignoring CRLF)."""

from __future__ import annotations

import pytest

from refactor.document import parse
from refactor.edits import apply_edits
from refactor.rewrite import insert_line_after
from refactor.shell import shell_of

RUN = "FROM debian\nRUN sudo /usr/bin/apt-get install -y curl && sudo make && make install && sudoedit f\n"


def _commands():
    script = shell_of(parse(RUN).instructions[1])
    assert script is not None
    return script.commands


def test_is_skips_sudo_and_a_leading_path() -> None:
    apt, sudo_make, make_install, sudoedit = _commands()
    assert apt.is_("apt-get", "install") and apt.is_("apt-get")
    assert not apt.is_("sudo") and not apt.is_("apt-get", "remove")
    assert sudo_make.is_("make") and not sudo_make.is_("make", "install")
    assert make_install.is_("make", "install") and make_install.is_("make")
    assert not sudoedit.is_("edit") and not sudoedit.is_("sudo") and sudoedit.is_("sudoedit", "f")


def test_is_with_a_longer_prefix_than_the_command() -> None:
    _, sudo_make, _, _ = _commands()
    assert not sudo_make.is_("make", "install", "x")


@pytest.mark.parametrize(("text", "expected"), [
    ("FROM a\r\nCMD x\r\n", "FROM a\r\nCMD x\r\nUSER app\r\n"),
    ("FROM a\r\nCMD x", "FROM a\r\nCMD x\r\nUSER app"),
    ("FROM a\nCMD x\n", "FROM a\nCMD x\nUSER app\n"),
    ("FROM a\nCMD x", "FROM a\nCMD x\nUSER app"),
    ("FROM a\r\n  CMD x\r\n", "FROM a\r\n  CMD x\r\n  USER app\r\n"),
])
def test_insert_line_after_keeps_the_file_newline_and_indent(text: str, expected: str) -> None:
    doc = parse(text)
    assert apply_edits(text, [insert_line_after(doc.instructions[-1], "USER app")]) == expected
