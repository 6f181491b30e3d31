"""The runner's verdict per file: the gaps bench/mutation.py found in refactor/runner.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refactor.edits import Edit, Finding, Fix, Safety
from refactor.passes import Context, Pass
from refactor.runner import Status, process_file, process_text, write_atomic

DOC = "What it does\nWhy\nExample\nFix safety"


def _pass(fn, pid: str = "t", safety: Safety = Safety.SAFE) -> Pass:
    return Pass(pid, "test", safety, fn, DOC)


def _lower_from(doc, ctx):
    ins = doc.instructions[0]
    if doc.text[ins.start:ins.start + 4] == "FROM":
        yield Fix("t", "lower", (Edit(ins.start, ins.start + 4, "from"),))


LOWER = _pass(_lower_from)


def _boom(doc, ctx):
    raise RuntimeError("bad")


BOOM = _pass(_boom, "boom")


def test_an_unknown_instruction_fails_the_file_untouched_with_the_instruction_and_line() -> None:
    text = "FROM alpine\nRUNN apk add curl\n"
    result = process_text(text, "D", [LOWER], Context())
    assert (result.display, result.status) == ("D", Status.FAILED)
    assert result.reason == "unknown instruction 'RUNN' at line 2"
    assert (result.original, result.new, result.fixes) == (text, text, [])


def test_input_error_fails_the_file_with_the_reason() -> None:
    text = "FROM alpine\nRUN <<EOF\necho\n"
    result = process_text(text, "D", [LOWER], Context())
    assert (result.display, result.status, result.original, result.new) == ("D", Status.FAILED, text, text)
    assert result.reason == "unterminated heredoc <<EOF (line 2)"


def test_an_input_error_while_transforming_fails_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from refactor import runner
    from refactor.source import InputError

    def broken(*args, **kwargs):
        raise InputError("heredoc lost")

    monkeypatch.setattr(runner, "transform", broken)
    result = process_text("FROM alpine\n", "D", [LOWER], Context())
    assert (result.display, result.status, result.original, result.new) == ("D", Status.FAILED, "FROM alpine\n",
                                                                             "FROM alpine\n")
    assert result.reason == "heredoc lost"


def test_changed_and_unchanged_files() -> None:
    def note(doc, ctx):
        yield Finding("n", "note", 0)

    changed = process_text("FROM alpine\n", "D", [LOWER, _pass(note, "n")], Context())
    assert (changed.display, changed.original) == ("D", "FROM alpine\n")
    assert (changed.status, changed.new, changed.changed) == (Status.CHANGED, "from alpine\n", True)
    assert [(r.item.message, r.line) for r in changed.findings] == [("note", 1)]
    assert [r.item.message for r in changed.fixes] == ["lower"]
    same = process_text("from alpine\n", "D", [LOWER], Context())
    assert (same.status, same.new, same.changed, same.reason) == (Status.UNCHANGED, "from alpine\n", False, None)


def test_rejected_rewrite_is_skipped_with_reason_and_keeps_findings() -> None:
    def cut(doc, ctx):
        run = doc.instructions[1]
        yield Finding("t", "note", run.start)
        if doc.text[run.lines[0].end - 1] == "\\":
            yield Fix("t", "cut", (Edit.delete(run.lines[0].end - 1, run.lines[0].end),))  # drop the backslash

    text = "FROM a\nRUN apk add \\\n    && echo\n"
    result = process_text(text, "D", [_pass(cut), BOOM], Context())
    assert (result.display, result.status, result.original) == ("D", Status.SKIPPED, text)
    assert [e.split(":")[0] for e in result.internal_errors] == ["internal error in boom"]
    assert result.reason is not None and result.reason.startswith("left unchanged: rewrite has an unknown instruction")
    assert result.new == text
    assert [(r.item.message, r.line) for r in result.findings] == [("note", 2)]


def test_safe_only_holds_review_fixes_back() -> None:
    def _review_fix(doc, ctx):
        for r in _lower_from(doc, ctx):
            yield Fix(r.pass_id, r.message, r.edits, Safety.REVIEW)

    review = _pass(_review_fix, safety=Safety.REVIEW)
    result = process_text("FROM alpine\n", "D", [review], Context(), safe_only=True)
    assert result.status is Status.UNCHANGED
    assert [r.item.message for r in result.held] == ["lower"]
    assert process_text("FROM alpine\n", "D", [review], Context()).status is Status.CHANGED


def test_internal_errors_are_carried_to_the_file_result() -> None:
    def boom(doc, ctx):
        raise RuntimeError("bad")

    result = process_text("FROM alpine\n", "D", [_pass(boom, "boom"), LOWER], Context())
    assert result.status is Status.CHANGED
    assert len(result.internal_errors) == 1 and result.internal_errors[0].startswith("internal error in boom: ")


def test_a_bug_outside_the_passes_fails_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from refactor import runner

    def broken(*args, **kwargs):
        raise RuntimeError("applier bug")

    monkeypatch.setattr(runner, "transform", broken)
    result = process_text("FROM alpine\n", "D", [LOWER], Context())
    assert (result.display, result.status, result.original) == ("D", Status.FAILED, "FROM alpine\n")
    assert result.reason is not None
    assert result.reason.startswith("internal error in dockmod: RuntimeError: applier bug")
    assert result.new == "FROM alpine\n"


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: None, "no such file or directory"),
    (lambda p: p.mkdir(), "is a directory"),
    (lambda p: p.write_bytes(b"  \n"), "empty file"),
    (lambda p: p.write_bytes(b"FROM a\x00\n"), "binary file (contains NUL bytes)"),
])
def test_unreadable_files_fail_with_one_line(tmp_path: Path, make, reason: str) -> None:
    path = tmp_path / "Dockerfile"
    make(path)
    result = process_file(path, [LOWER], Context())
    assert (result.status, result.reason, result.display) == (Status.FAILED, reason, str(path))


def test_process_file_transforms_with_the_file_as_context_path(tmp_path: Path) -> None:
    seen = []

    def record(doc, ctx):
        seen.append(ctx.path)
        return []

    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM alpine\r\n")
    result = process_file(path, [_pass(record), LOWER], Context(), display="app/Dockerfile")
    assert (result.status, result.new, result.display) == (Status.CHANGED, "from alpine\r\n", "app/Dockerfile")
    assert path in seen


def test_write_atomic_keeps_mode_and_writes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "Dockerfile.real"
    target.write_bytes(b"FROM a\n")
    os.chmod(target, 0o640)
    link = tmp_path / "Dockerfile"
    link.symlink_to(target.name)
    write_atomic(link, "FROM b\r\n# é\n")
    assert link.is_symlink()
    assert target.read_bytes() == "FROM b\r\n# é\n".encode()
    assert target.stat().st_mode & 0o7777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Dockerfile", "Dockerfile.real"]  # no temp file left


def test_write_atomic_removes_its_temp_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM a\n")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "FROM b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Dockerfile"]
    assert path.read_bytes() == b"FROM a\n"


def test_non_converging_file_fails_and_keeps_internal_errors() -> None:
    def flip(doc, ctx):
        yield Fix("t", "flip", (Edit(0, 4, "from" if doc.text.startswith("FROM") else "FROM"),))

    result = process_text("FROM a\n", "D", [_pass(flip), BOOM], Context())
    assert (result.display, result.status, result.original, result.new) == ("D", Status.FAILED, "FROM a\n",
                                                                             "FROM a\n")
    assert result.reason is not None and result.reason.startswith("passes do not converge: t ")
    assert len(result.internal_errors) == 1


def test_process_file_passes_the_context_on_and_applies_review_fixes_unless_safe_only(tmp_path: Path) -> None:
    seen = []

    def review(doc, ctx):
        seen.append(ctx)
        for r in _lower_from(doc, ctx):
            yield Fix(r.pass_id, r.message, r.edits, Safety.REVIEW)

    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM alpine\n")
    ctx = Context(options={"t": {"x": "1"}}, project=object(), context_dir=tmp_path / "ctx")
    result = process_file(path, [_pass(review, safety=Safety.REVIEW)], ctx)
    assert result.status is Status.CHANGED
    got = seen[0]
    assert (got.path, got.options, got.project, got.context_dir) == (path, ctx.options, ctx.project, ctx.context_dir)
    held = process_file(path, [_pass(review, safety=Safety.REVIEW)], ctx, safe_only=True)
    assert held.status is Status.UNCHANGED and [r.item.message for r in held.held] == ["lower"]


def test_an_os_error_without_strerror_is_reported_by_its_message(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM a\n")

    def read_bytes(self):
        raise OSError("Stale NFS handle")

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert process_file(path, [LOWER], Context()).reason == "stale nfs handle"


def test_write_atomic_uses_a_hidden_temp_file_beside_the_target(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM a\n")
    moved = []
    real = os.replace

    def replace(src, dst):
        moved.append((Path(src), Path(dst)))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    write_atomic(path, "FROM b\n")
    (src, dst), = moved
    assert dst == path.resolve() and src.parent == path.resolve().parent  # same folder: the rename is atomic
    assert src.name.startswith(".Dockerfile.") and src.name.endswith(".dockmod")  # a leftover is recognisable


def test_write_atomic_reports_the_write_error_even_when_cleanup_fails(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM a\n")

    def fail(*args):
        raise OSError("disk full")

    def busy(*args):
        raise OSError("busy")

    monkeypatch.setattr(os, "replace", fail)
    monkeypatch.setattr(os, "unlink", busy)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "FROM b\n")
