"""The applier: the gaps bench/mutation.py found in refactor/applier.py (error lines, fix choice, rounds)."""

from __future__ import annotations

from refactor.applier import MAX_ROUNDS, Outcome, PassError, Reported, describe, select_fixes, transform
from refactor.edits import Edit, Finding, Fix, Safety, apply_edits
from refactor.passes import Context, Pass
from refactor.rewrite import insert_line_after

DOC = "What it does\nWhy\nExample\nFix safety"


def _pass(fn, pid: str = "t", safety: Safety = Safety.SAFE) -> Pass:
    return Pass(pid, "test", safety, fn, DOC)


def _raised_in(filename: str, exc: BaseException) -> BaseException:
    """``exc`` raised by code compiled as ``filename`` (so the traceback names that file)."""
    try:
        exec(compile("raise exc", filename, "exec"), {"exc": exc})
    except BaseException as caught:
        return caught
    raise AssertionError("not raised")


def test_describe_names_type_message_and_the_last_two_path_parts() -> None:
    exc = _raised_in("/src/transforms/apk_no_cache.py", IndexError("list index out of range\nmore"))
    assert describe(exc) == "IndexError: list index out of range (at transforms/apk_no_cache.py:1)"
    assert describe(_raised_in("transforms/x.py", KeyError("a"))) == "KeyError: 'a' (at transforms/x.py:1)"


def test_describe_without_message_or_traceback() -> None:
    assert describe(RuntimeError()) == "RuntimeError"
    assert describe(RuntimeError("  ")) == "RuntimeError"
    assert describe(ValueError("bad")) == "ValueError: bad"
    assert describe(_raised_in("x.py", KeyError())) == "KeyError (at x.py:1)"


def test_describe_cuts_long_messages_to_200_characters() -> None:
    assert describe(ValueError("x" * 300)) == "ValueError: " + "x" * 200


def test_pass_error_names_the_pass() -> None:
    err = PassError("apk-no-cache", "IndexError")
    assert (str(err), err.pass_id) == ("internal error in apk-no-cache: IndexError", "apk-no-cache")


def test_select_fixes_keeps_pass_order_on_ties() -> None:
    a = Fix("a", "", (Edit(4, 6, "x"),))
    b = Fix("b", "", (Edit(4, 6, "y"),))
    late = Fix("c", "", (Edit(7, 8, "z"),))
    assert [f.pass_id for f in select_fixes([b, a, late])] == ["b", "c"]
    assert select_fixes([]) == []
    # a fix at offset 0 is chosen (nothing chosen before it)
    assert [f.pass_id for f in select_fixes([Fix("z", "", (Edit.insert(0, "# x\n"),))])] == ["z"]


def test_select_fixes_orders_by_start_then_end() -> None:
    wide = Fix("wide", "", (Edit(2, 9, "x"),))
    narrow = Fix("narrow", "", (Edit(2, 3, "y"),))
    after = Fix("after", "", (Edit(4, 5, "z"),))
    assert [f.pass_id for f in select_fixes([wide, after, narrow])] == ["narrow", "after"]


def test_outcome_changed_needs_fixes_and_no_error() -> None:
    fix = Reported(Fix("a", "", (Edit(0, 1, "x"),)), 1)
    assert Outcome("t", fixes=[fix]).changed
    assert not Outcome("t").changed
    assert not Outcome("t", fixes=[fix], error="rewrite does not parse").changed


def test_fixes_that_end_where_they_started_leave_the_file_unchanged() -> None:
    calls: list[str] = []

    def there_and_back(doc, ctx):  # round 1 lowers the keyword, round 2 raises it again, then quiet
        calls.append(doc.text)
        if len(calls) == 1:
            yield Fix("t", "lower", (Edit(0, 4, "from"),))
        elif len(calls) == 2:
            yield Fix("t", "upper", (Edit(0, 4, "FROM"),))

    out = transform("FROM a\n", [_pass(there_and_back)], Context())
    assert (out.text, out.fixes, out.error, out.changed) == ("FROM a\n", [], None, False)
    assert calls == ["FROM a\n", "from a\n", "FROM a\n"]


def test_fixes_that_flip_forever_fail_the_file() -> None:
    def back(doc, ctx):
        yield Fix("t", "flip", (Edit(0, 4, "from" if doc.text.startswith("FROM") else "FROM"),))

    out = transform("FROM a\n", [_pass(back)], Context())
    assert out.failure == f"passes do not converge: t still changing the file after {MAX_ROUNDS} rounds"
    assert out.text == "FROM a\n" and out.fixes == []


def test_review_fixes_are_held_with_their_line_under_safe_only() -> None:
    def review(doc, ctx):
        if not any(i.name == "USER" for i in doc.instructions):
            yield Fix("r", "user", (insert_line_after(doc.instructions[-1], "USER app"),), Safety.REVIEW)

    def safe(doc, ctx):
        if doc.text.startswith("FROM"):
            yield Fix("s", "lower", (Edit(0, 4, "from"),))

    passes = [_pass(review, "r", Safety.REVIEW), _pass(safe, "s")]
    text = "FROM a\nCMD x\n"
    out = transform(text, passes, Context(), safe_only=True)
    assert out.text == "from a\nCMD x\n"
    assert [(r.item.pass_id, r.line) for r in out.held] == [("r", 3)]
    held = out.held[0]  # its edits refer to the text it was reported on: applying them gives the full result
    assert apply_edits(held.text, list(held.item.edits)) == "from a\nCMD x\nUSER app\n"
    assert [r.item.pass_id for r in out.fixes] == ["s"]
    full = transform(text, passes, Context())
    assert full.text == "from a\nCMD x\nUSER app\n" and full.held == []


def test_fix_lines_refer_to_the_original_and_keep_their_round_text() -> None:
    def add(doc, ctx):
        names = [i.name for i in doc.instructions]
        if "USER" not in names:
            yield Fix("t", "user", (insert_line_after(doc.instructions[0], "USER app"),))
        elif "WORKDIR" not in names:
            yield Fix("t", "wd", (insert_line_after(doc.instructions[-1], "WORKDIR /a"),))

    out = transform("FROM a\nCMD x\n", [_pass(add)], Context())
    assert [(r.item.message, r.line) for r in out.fixes] == [("user", 2), ("wd", 3)]
    assert [r.text for r in out.fixes] == ["FROM a\nCMD x\n", "FROM a\nUSER app\nCMD x\n"]


def test_findings_report_original_lines_and_survive_renumbering() -> None:
    def note(doc, ctx):
        cmd = next(i for i in doc.instructions if i.name == "CMD")
        yield Finding("t", f"CMD at line {cmd.lineno} runs as root", cmd.start)
        if not any(i.name == "LABEL" for i in doc.instructions):
            yield Fix("t", "label", (insert_line_after(doc.instructions[0], "LABEL a=b"),))

    out = transform("FROM a\nCMD x\n", [_pass(note)], Context())
    assert out.text == "FROM a\nLABEL a=b\nCMD x\n"
    assert [(r.item.message, r.line) for r in out.findings] == [("CMD at line 2 runs as root", 2)]


def test_a_round_that_breaks_the_parse_reverts_with_the_reason() -> None:
    def heredoc(doc, ctx):
        yield Fix("t", "open", (Edit.insert(len(doc.text), "RUN <<EOF\n"),))

    out = transform("FROM a\n", [_pass(heredoc)], Context())
    assert out.text == "FROM a\n" and out.fixes == []
    assert out.error is not None and out.error.startswith("rewrite does not parse: ")


def test_a_fix_without_edits_is_skipped() -> None:
    a = Fix("a", "", (Edit(4, 6, "x"),))
    assert select_fixes([Fix("e", "", ()), a]) == [a]


def test_map_back_the_character_after_a_deletion_maps_to_where_it_was() -> None:
    from refactor.applier import map_back

    # "FROM a\nRUN apk update\nCMD x\n" with line 2 deleted: "CMD" (offset 7 now) was at offset 22
    assert map_back(7, [Edit.delete(7, 22)]) == 22
    assert map_back(6, [Edit.delete(7, 22)]) == 6


def test_non_converging_passes_are_all_named() -> None:
    def flip(pid: str, at: int):
        def run(doc, ctx):
            word = doc.text[at:at + 1]
            yield Fix(pid, "flip", (Edit(at, at + 1, word.swapcase()),))
        return _pass(run, pid)

    out = transform("FROM a\nCMD x\n", [flip("one", 0), flip("two", 7)], Context())
    assert out.failure == f"passes do not converge: one, two still changing the file after {MAX_ROUNDS} rounds"
