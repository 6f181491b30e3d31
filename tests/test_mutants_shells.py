"""Which RUNs a non-POSIX shell runs, and the guard that keeps fixes off them: gaps found in shells.py."""

from __future__ import annotations

import pytest

from refactor.document import parse
from refactor.edits import Edit, Finding, Fix
from refactor.shells import guard_shells, non_posix_runs, windows_stage

WINDOWS = (
    "FROM mcr.microsoft.com/windows/servercore:ltsc2019 AS w\n"
    'SHELL ["C:\\\\Windows\\\\powershell.exe", "-Command"]\n'
    "RUN Write-Host hi\n"
    'RUN ["cmd", "/c", "echo"]\n'
    "FROM w\n"
    "RUN echo two\n"
    "FROM alpine\n"
    "RUN echo three\n"
    'SHELL ["/bin/bash", "-c"]\n'
    "RUN echo four\n"
)


@pytest.mark.parametrize(("base", "windows"), [
    ("mcr.microsoft.com/windows/servercore:ltsc2019", True),
    ("mcr.microsoft.com/windows/nanoserver:1809", True),
    ("mcr.microsoft.com/windows:20H2", True),
    ("mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-1809", True),
    ("mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022", True),
    ("mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022", True),
    ("mcr.microsoft.com/dotnet/sdk:8.0", False),
    ("alpine:3.20", False),
    ("example/myservercore-tools:1.0", False),
    ("example/app:v18090", False),
])
def test_windows_stage_by_base_image(base: str, windows: bool) -> None:
    assert windows_stage(parse(f"FROM {base}\nRUN x\n").stages[0]) is windows


def test_windows_stage_through_a_stage_it_builds_on() -> None:
    stages = parse(WINDOWS).stages
    assert [windows_stage(s) for s in stages] == [True, True, False]


def test_non_posix_runs_names_the_shell_and_skips_exec_form() -> None:
    runs = non_posix_runs(parse(WINDOWS))
    assert {ins.lineno: shell for ins, shell in runs.values()} == {3: "powershell", 6: "powershell"}
    assert all(runs[k][0].index == k for k in runs)


def test_default_windows_shell_is_cmd_and_a_posix_shell_is_fine() -> None:
    runs = non_posix_runs(parse("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n"
                                'SHELL ["bash.exe", "-c"]\nRUN ls\n'))
    assert {ins.lineno: shell for ins, shell in runs.values()} == {2: "cmd"}


def test_a_shell_form_shell_instruction_keeps_the_shell() -> None:
    runs = non_posix_runs(parse('FROM alpine\nSHELL ["pwsh", "-c"]\nRUN a\nSHELL pwsh\nRUN b\n'))
    assert {ins.lineno: shell for ins, shell in runs.values()} == {3: "pwsh", 5: "pwsh"}


def _fix(*edits: Edit) -> Fix:
    return Fix("p", "m", edits)


def test_guard_turns_fixes_on_blocked_runs_into_skips() -> None:
    doc = parse(WINDOWS)
    run = doc.instructions[2]  # line 3, under powershell
    later = doc.instructions[7]  # "RUN echo three", alpine
    note = Finding("p", "note", 0)
    results = [_fix(Edit.insert(run.end, " && rm -rf /tmp")), _fix(Edit.insert(later.end, " x")), note]
    out = list(guard_shells(doc, results, cmd_ok=False))
    assert out[0] == Finding("p", "line 3 runs under powershell, not a POSIX shell: RUN rewrites are sh syntax; "
                                  "change it by hand", run.start)
    assert out[1:] == results[1:]


def test_guard_edit_boundaries() -> None:
    doc = parse(WINDOWS)
    run = doc.instructions[2]
    touching = [Edit.insert(run.start, "x"), Edit(run.stop - 1, run.stop + 3, "x"), Edit(run.start - 2, run.start + 1)]
    outside = [Edit.insert(run.stop, "x"), Edit(run.start - 5, run.start, "x"), Edit(run.stop, run.stop + 2, "")]
    for e in touching:
        assert isinstance(next(guard_shells(doc, [_fix(e)], cmd_ok=False)), Finding), e
    for e in outside:
        assert isinstance(next(guard_shells(doc, [_fix(e)], cmd_ok=False)), Fix), e
    # the second edit of a fix touching it is enough
    two = _fix(Edit.insert(0, "# x\n"), Edit.insert(run.end, " y"))
    assert isinstance(next(guard_shells(doc, [two], cmd_ok=False)), Finding)


def test_cmd_ok_lets_fixes_through_under_cmd_only() -> None:
    doc = parse("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN curl -o a http://x\n")
    fix = _fix(Edit.insert(doc.instructions[1].end, " -f"))
    assert list(guard_shells(doc, [fix], cmd_ok=True)) == [fix]
    assert isinstance(next(guard_shells(doc, [fix], cmd_ok=False)), Finding)
    ps = parse(WINDOWS)
    ps_fix = _fix(Edit.insert(ps.instructions[2].end, " -f"))
    assert isinstance(next(guard_shells(ps, [ps_fix], cmd_ok=True)), Finding)


def test_guard_without_blocked_runs_passes_everything() -> None:
    doc = parse("FROM alpine\nRUN echo\n")
    fix = _fix(Edit.insert(doc.instructions[1].end, " x"))
    assert list(guard_shells(doc, [fix], cmd_ok=False)) == [fix]
