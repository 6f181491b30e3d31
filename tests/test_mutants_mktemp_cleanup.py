"""rm-recursive-after-mktemp-d (transforms/mktemp_cleanup.py) on shapes its golden cases do not pin down: which
assignments make a folder, which later commands remove or keep it, and the GNUPGHOME rules."""

from __future__ import annotations

import pytest

from refactor.applier import transform
from refactor.edits import Level, Safety
from refactor.passes import Context
from transforms.mktemp_cleanup import MKTEMP

_FIXED = ("remove ${var} at the end of the RUN: the mktemp -d folder made at line 2 stays in the layer, and no later "
          "command of the RUN removes, links to or records it")
_KEPT = "the RUN links to or records ${var} (ln -s, pip install -e, a file written with its path); kept"
_GPG_LEFT = ("$GNUPGHOME (the mktemp -d folder made at line 2) stays in the layer, left alone: gpg, last run at line "
             "{line}, may have started gpg-agent and dirmngr there, and rm -rf races with their sockets (a build that "
             "fails now and then); end the RUN with 'gpgconf --kill all' and then 'rm -rf \"$GNUPGHOME\"'")
_GPG_KILLED = _FIXED.format(var="GNUPGHOME") + "; gpgconf --kill at line {line} stops gpg's daemons first"
_NO_GPG = (_FIXED.format(var="GNUPGHOME") + "; no gpg command in this RUN starts gpg-agent there (if a script does, "
           "stop it with 'gpgconf --kill all' before the rm)")
_GNUPG = 'RUN export GNUPGHOME="$(mktemp -d)" && '


def _run(run: str):
    out = transform(f"FROM debian:bookworm-slim\n{run}\n", [MKTEMP], Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


@pytest.mark.parametrize(("run", "var"), [
    ('RUN d="$(mktemp -d)" && cd "$d" && make', "d"),
    ("RUN d=`mktemp -d` && cd $d", "d"),
    ("RUN d='$(mktemp -d)' && cd $d", "d"),
    ("RUN d=$(mktemp --directory) && cd $d", "d"),
    ("RUN d=$( mktemp -dt build.XXXX ) && cd $d", "d"),
    ("RUN d=$(mktemp -q -d) && cd $d", "d"),
    ("RUN export d=$(mktemp -d) && cd $d", "d"),
    ("RUN local d=$(mktemp -d)", "d"),
    ("RUN readonly d=$(mktemp -d)", "d"),
    ("RUN declare d=$(mktemp -d)", "d"),
    ("RUN export A=1 BUILD_DIR=$(mktemp -d) && cd $BUILD_DIR", "BUILD_DIR"),
    ("RUN d=$(mktemp -d) && rm -rf $dd", "d"),  # another variable
    ("RUN d=$(mktemp -d) && echo rm $d", "d"),  # not an rm
    ("RUN d=$(mktemp -d) && rm -rf ${d}x", "d"),
    ("RUN d=$(mktemp -d) && d=$(mktemp -d)", "d"),  # one cleanup for the name
])
def test_cleaned_up(run: str, var: str) -> None:
    out = _run(run)
    assert out.text == f"FROM debian:bookworm-slim\n{run} && rm -rf \"${var}\"\n"
    [fix] = out.fixes
    assert fix.line == 2 and fix.item.message == _FIXED.format(var=var) and fix.item.safety is Safety.SAFE
    assert fix.item.pass_id == MKTEMP.id and not out.findings


@pytest.mark.parametrize("run", [
    "RUN d=$(mktemp -t x.XXXX) && cd $d",  # a file, not a folder
    "RUN d=$(mktemp) && cd $d",
    "RUN d=$(mktemp -p /tmp/dir) && cd $d",
    "RUN d=$(mktemp -d) && rm -rf $d",
    "RUN d=$(mktemp -d) && rm -rf ${d}/",
    "RUN d=$(mktemp -d) && cd $d && /bin/rm -r \"$d\"",
    "RUN d=$(mktemp -d)/x && cd $d",
    "RUN echo d=$(mktemp -d)",
])
def test_left_alone(run: str) -> None:
    out = _run(run)
    assert out.text == f"FROM debian:bookworm-slim\n{run}\n" and not out.fixes and not out.findings


@pytest.mark.parametrize("run", [
    "RUN d=$(mktemp -d) && ln -s $d/bin/x /usr/local/bin/x",
    "RUN d=$(mktemp -d) && ln -sf ${d}/bin/x /usr/local/bin/x",
    "RUN d=$(mktemp -d) && ln -f -s $d/x /x",
    "RUN d=$(mktemp -d) && pip install -e $d",
    "RUN d=$(mktemp -d) && pip3 install --editable ${d}",
    "RUN d=$(mktemp -d) && cd $d && python setup.py develop --prefix $d",
    "RUN d=$(mktemp -d) && npm link $d",
    "RUN d=$(mktemp -d) && echo $d > /etc/dir",
    "RUN d=$(mktemp -d) && printf '%s' \"$d\" >> /etc/dir",
    'RUN d=$(mktemp -d) && sed -i "s|x|$d|" /etc/conf',
    'RUN d=$(mktemp -d) && sed -e s/a/b/ -i "s/x/${d}/" /etc/conf',
])
def test_a_kept_reference(run: str) -> None:
    out = _run(run)
    [finding] = out.findings
    assert (finding.line, finding.item.level, finding.item.message) == (2, Level.SKIP, _KEPT.format(var="d"))
    assert not out.fixes


@pytest.mark.parametrize("run", [
    "RUN d=$(mktemp -d) && ln $d/x /x",  # a hard link does not point into the folder
    "RUN d=$(mktemp -d) && pip install $d",
    "RUN d=$(mktemp -d) && echo $d",
    "RUN d=$(mktemp -d) && sed -e s/x/$d/ /etc/conf > /tmp/conf",
])
def test_not_a_kept_reference(run: str) -> None:
    assert [f.item.message for f in _run(run).fixes] == [_FIXED.format(var="d")]


@pytest.mark.parametrize("run", [
    "RUN for i in 1; do d=$(mktemp -d); done",
    "RUN if true; then d=$(mktemp -d); fi",
    "RUN (d=$(mktemp -d) && cd $d)",
])
def test_nested(run: str) -> None:
    out = _run(run)
    assert [(f.line, f.item.message) for f in out.findings] == [
        (2, "$d is created inside a loop, branch or subshell; remove it there")]
    assert not out.fixes


@pytest.mark.parametrize(("rest", "safety", "message"), [
    ("gpg --batch --recv-keys K && gpgconf --kill all", Safety.SAFE, _GPG_KILLED.format(line=2)),
    ("gpg --verify a && gpgconf --kill-all", Safety.SAFE, _GPG_KILLED.format(line=2)),
    ("gpg2 --verify a && sudo gpgconf --kill gpg-agent", Safety.SAFE, _GPG_KILLED.format(line=2)),
    ("curl -o k https://x/k", Safety.REVIEW, _NO_GPG),
    ("gpgv --keyring k a", Safety.REVIEW, _NO_GPG),
    ("gpg --verify a && gpgconf --list-dirs", None, _GPG_LEFT.format(line=2)),
    ("gpgconf --kill all && gpg2 --verify a", None, _GPG_LEFT.format(line=2)),
    ("sudo gpg --verify a", None, _GPG_LEFT.format(line=2)),
    ("gpg --verify a \\\n    && true", None, _GPG_LEFT.format(line=2)),
    ("true \\\n    && gpg --verify a", None, _GPG_LEFT.format(line=3)),
    ("true \\\n    && gpg --verify a \\\n    && gpgconf --kill all", Safety.SAFE, _GPG_KILLED.format(line=4)),
])
def test_gnupghome(rest: str, safety: Safety | None, message: str) -> None:
    out = _run(_GNUPG + rest)
    if safety is None:
        assert [(f.line, f.item.message) for f in out.findings] == [(2, message)] and not out.fixes
        return
    [fix] = out.fixes
    assert (fix.line, fix.item.safety, fix.item.message) == (2 + rest.count("\n"), safety, message)  # the RUN's end
    assert out.text.endswith(' && rm -rf "$GNUPGHOME"\n')


def _reports(out) -> list[tuple[int, str, str, str]]:
    return ([(f.line, f.item.pass_id, f.item.safety.value, f.item.message) for f in out.fixes]
            + [(f.line, f.item.pass_id, f.item.level.value, f.item.message) for f in out.findings])


@pytest.mark.parametrize(("run", "var"), [
    ("RUN d=$(mktemp -d) && rm -rf $dTMP", "d"),  # another variable, named with capitals
    ('RUN d="$(mktemp -d)" export d && cd "$d"', "d"),  # an assignment before export makes it too
    ("RUN d=$(mktemp -d) && cd $d && (d=$(mktemp -d))", "d"),  # one verdict per name: no finding for the nested one
])
def test_cleaned_up_more(run: str, var: str) -> None:
    out = _run(run)
    assert out.text == f"FROM debian:bookworm-slim\n{run} && rm -rf \"${var}\"\n"
    assert [f.item.message for f in out.fixes] == [_FIXED.format(var=var)] and not out.findings


@pytest.mark.parametrize("run", [
    'RUN d=$(mktemp -d) && cd "$d" && rm "$d" -rf',  # GNU rm takes options after the operand
])
def test_left_alone_more(run: str) -> None:
    out = _run(run)
    assert out.text == f"FROM debian:bookworm-slim\n{run}\n" and not out.fixes and not out.findings


def test_a_kept_reference_with_capital_options() -> None:
    out = _run("RUN d=$(mktemp -d) && ln -Ts $d/bin/x /usr/local/bin/x")
    assert _reports(out) == [(2, MKTEMP.id, "skip", _KEPT.format(var="d"))]


_B_FIXED = _FIXED.format(var="b")


@pytest.mark.parametrize(("run", "reports"), [
    # each folder of one export gets its own verdict, whatever the verdict on the one before
    ("RUN export a=$(mktemp -d) b=$(mktemp -d) && rm -rf $a", [("safe", _B_FIXED)]),
    ("RUN export a=$(mktemp -d) b=$(mktemp -d) && ln -s $a/x /x",
     [("safe", _B_FIXED), ("skip", _KEPT.format(var="a"))]),
    ("RUN (export a=$(mktemp -d) b=$(mktemp -d))",
     [("skip", f"${v} is created inside a loop, branch or subshell; remove it there") for v in "ab"]),
    ("RUN export GNUPGHOME=$(mktemp -d) b=$(mktemp -d) && gpg --verify x",
     [("safe", _B_FIXED), ("skip", _GPG_LEFT.format(line=2))]),
])
def test_several_folders_in_one_command(run: str, reports: list[tuple[str, str]]) -> None:
    assert [(kind, msg) for _, pass_id, kind, msg in _reports(_run(run)) if pass_id == MKTEMP.id] == reports
    assert all(pass_id == MKTEMP.id for _, pass_id, _, _ in _reports(_run(run)))


@pytest.mark.parametrize(("rest", "report"), [
    # an assignment-only command between gpg and the kill is passed over
    ("gpg --verify a && X=1 && gpgconf --kill all", (2, "safe", _GPG_KILLED.format(line=2))),
    # the lines named are those of the commands, not of their first arguments
    ("true \\\n    && gpgconf \\\n    --kill all", (4, "safe", _GPG_KILLED.format(line=3))),
    ("true \\\n    && gpg \\\n    --verify a", (2, "skip", _GPG_LEFT.format(line=3))),
])
def test_gnupghome_more(rest: str, report: tuple[int, str, str]) -> None:
    [(line, pass_id, kind, message)] = _reports(_run(_GNUPG + rest))
    assert (line, kind, message) == report and pass_id == MKTEMP.id


def test_a_run_that_cannot_take_the_removal_says_so_at_the_mktemp() -> None:
    out = _run("RUN true \\\n    && d=$(mktemp -d) && cd $d && exec /usr/bin/app")
    assert _reports(out) == [(3, MKTEMP.id, "skip", "cannot append 'rm -rf \"$d\"' to this RUN safely; add it by hand")]


def test_one_verdict_per_name() -> None:
    out = _run("RUN d=$(mktemp -d) && ln -s $d/x /x && (d=$(mktemp -d))")
    assert _reports(out) == [(2, MKTEMP.id, "skip", _KEPT.format(var="d"))]
