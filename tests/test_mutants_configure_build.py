"""configure-should-use-build-flag (transforms/configure_build.py) on shapes its golden cases do not pin down:
which commands are configure, when --build is already given or not needed, where the triplet comes from."""

from __future__ import annotations

import pytest

from refactor.applier import transform
from refactor.edits import Level, Safety
from refactor.passes import Context
from transforms.configure_build import BUILD_TYPE, PASS

_DPKG_DEV = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y dpkg-dev gcc make\n"
_WHY = "without it config.guess guesses the build platform from the kernel"
_FROM_DPKG = "the triplet comes from dpkg-architecture, of dpkg-dev installed at line {line}"
_FROM_VAR = "the triplet is $gnuArch, set from dpkg-architecture --query DEB_BUILD_GNU_TYPE at line 2"
_NOT_HERE = ("configure has no --build, and dpkg-architecture (dpkg-dev) is not installed here to compute it; add "
             "--build=<triplet> by hand")


def _run(text: str):
    out = transform(text, [PASS], Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


def _message(line: int, seen: str, source: str) -> str:
    return f"pass --build to the configure at line {line} ({seen}, no --build): {_WHY}; {source}"


@pytest.mark.parametrize(("text", "old", "new", "message"), [
    (_DPKG_DEV + "RUN ./configure && make\n", "./configure && make", f"./configure --build={BUILD_TYPE} && make",
     _message(3, "run with no options", _FROM_DPKG.format(line=2))),
    (_DPKG_DEV + "RUN ./configure --prefix=/usr --a --b --c --d && make\n", "./configure --prefix",
     f"./configure --build={BUILD_TYPE} --prefix",
     _message(3, "options seen: --prefix=/usr --a --b --c …", _FROM_DPKG.format(line=2))),
    (_DPKG_DEV + "RUN ./configure --prefix=/usr --a --b --c CFLAGS=-O2 && make\n", "./configure --prefix",
     f"./configure --build={BUILD_TYPE} --prefix",
     _message(3, "options seen: --prefix=/usr --a --b --c", _FROM_DPKG.format(line=2))),
    (_DPKG_DEV + "RUN ../src/configure --prefix=/usr\n", "../src/configure", f"../src/configure --build={BUILD_TYPE}",
     _message(3, "options seen: --prefix=/usr", _FROM_DPKG.format(line=2))),
    ("FROM debian:bookworm-slim\nRUN apt-get install -y dpkg-dev && ./configure\n", "./configure",
     f"./configure --build={BUILD_TYPE}", _message(2, "run with no options", _FROM_DPKG.format(line=2))),
    ("FROM debian:bookworm-slim\nRUN apt-get update \\\n    && apt-get install -y dpkg-dev \\\n    && ./configure\n",
     "./configure", f"./configure --build={BUILD_TYPE}", _message(4, "run with no options", _FROM_DPKG.format(line=3))),
    ("FROM debian:bookworm-slim AS base\nRUN apt-get install -y dpkg-dev\nFROM base\nRUN ./configure\n",
     "./configure", f"./configure --build={BUILD_TYPE}", _message(4, "run with no options", _FROM_DPKG.format(line=2))),
    ("FROM debian:bookworm-slim\nRUN gnuArch=\"$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)\" && ./configure\n",
     "&& ./configure", '&& ./configure --build="$gnuArch"', _message(2, "run with no options", _FROM_VAR)),
    ("FROM debian:bookworm-slim\nRUN export gnuArch=$(dpkg-architecture -qDEB_BUILD_GNU_TYPE) && ./configure\n",
     "&& ./configure", '&& ./configure --build="$gnuArch"', _message(2, "run with no options", _FROM_VAR)),
    ("FROM debian:bookworm-slim\nRUN gnuArch='$( dpkg-architecture -q DEB_BUILD_GNU_TYPE )'; ./configure\n",
     "; ./configure", '; ./configure --build="$gnuArch"', _message(2, "run with no options", _FROM_VAR)),
    ("FROM debian:bookworm-slim\nRUN export A=1 gnuArch=\"$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)\" && "
     "./configure\n", "&& ./configure", '&& ./configure --build="$gnuArch"',
     _message(2, "run with no options", _FROM_VAR)),
    # a variable wins over dpkg-dev
    (_DPKG_DEV + "RUN gnuArch=\"$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)\" && ./configure\n",
     "&& ./configure", '&& ./configure --build="$gnuArch"',
     _message(3, "run with no options", _FROM_VAR.replace("line 2", "line 3"))),
])
def test_fixed(text: str, old: str, new: str, message: str) -> None:
    out = _run(text)
    assert out.text == text.replace(old, new)
    [fix] = out.fixes
    assert fix.item.message == message and fix.item.safety is Safety.REVIEW and fix.item.pass_id == PASS.id
    assert not out.findings


@pytest.mark.parametrize("run", [
    "RUN ./configure --build=x86_64-linux-gnu", "RUN ./configure --build x86_64-linux-gnu",
    "RUN ./configure --help", "RUN ./configure -h", "RUN ./configure --version", "RUN ./configure -V",
    "RUN sh configure", "RUN ./configured", "RUN make",
])
def test_left_alone(run: str) -> None:
    text = _DPKG_DEV + run + "\n"
    out = _run(text)
    assert out.text == text and not out.fixes and not out.findings


@pytest.mark.parametrize(("text", "line"), [
    ("FROM debian:bookworm-slim\nRUN ./configure\n", 2),
    ("FROM debian:bookworm-slim\nRUN ./configure; gnuArch=\"$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)\"\n", 2),
    ("FROM debian:bookworm-slim\nRUN gnuArch=\"$(dpkg-architecture --query DEB_HOST_GNU_TYPE)\" && ./configure\n", 2),
    ("FROM debian:bookworm-slim\nRUN apt-get install -y dpkg-dev && apt-get purge -y dpkg-dev\nRUN ./configure\n", 3),
    ("FROM debian:bookworm-slim\nRUN apt-get install -y dpkg-dev-extra\nRUN ./configure\n", 3),
    ("FROM debian:bookworm-slim\nRUN apt-get install -y dpkg-dev\nFROM debian:bookworm-slim\nRUN ./configure\n", 4),
])
def test_no_triplet(text: str, line: int) -> None:
    out = _run(text)
    assert [(f.line, f.item.level, f.item.message) for f in out.findings] == [(line, Level.SKIP, _NOT_HERE)]
    assert out.text == text and not out.fixes


def test_a_prefix_assignment_on_configure_itself_is_not_the_triplet() -> None:
    # the shell expands configure's words before the assignment takes effect: "$gnuArch" would be empty there
    text = "FROM debian:bookworm-slim\nRUN gnuArch=\"$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)\" ./configure\n"
    out = _run(text)
    assert [(f.line, f.item.pass_id, f.item.message) for f in out.findings] == [(2, PASS.id, _NOT_HERE)]
    assert out.text == text and not out.fixes


def test_an_assignment_shown_as_an_argument_is_not_the_triplet() -> None:
    text = ("FROM debian:bookworm-slim\nRUN echo gnuArch=\"$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)\" "
            "&& ./configure\n")
    out = _run(text)
    assert [(f.line, f.item.message) for f in out.findings] == [(2, _NOT_HERE)] and not out.fixes


def test_the_dpkg_dev_line_is_that_of_the_install_command() -> None:
    text = "FROM debian:bookworm-slim\nRUN apt-get \\\n    install -y dpkg-dev && ./configure\n"
    [fix] = _run(text).fixes
    assert fix.item.message == _message(3, "run with no options", _FROM_DPKG.format(line=2))


@pytest.mark.parametrize(("run", "fixed"), [
    # every configure of the RUN is looked at, whatever came before it
    ("RUN ./configure --build=x86_64-linux-gnu && cd b && ./configure", 1),
    ("RUN ./configure --help && ./configure", 1),
    ("RUN make && ./configure && cd b && ./configure", 2),
])
def test_each_configure_of_a_run(run: str, fixed: int) -> None:
    out = _run(_DPKG_DEV + run + "\n")
    assert len(out.fixes) == fixed and not out.findings
    assert out.text.count(f"--build={BUILD_TYPE}") == fixed


def test_each_configure_without_a_triplet_gets_a_finding() -> None:
    out = _run("FROM debian:bookworm-slim\nRUN ./configure && cd b && ./configure\n")
    assert [(f.line, f.item.pass_id, f.item.message) for f in out.findings] == [(2, PASS.id, _NOT_HERE)] * 2


@pytest.mark.parametrize(("run", "var"), [
    ('RUN gnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)" && ./configure', "gnuArch"),
    ("RUN export A=1 b=$(dpkg-architecture -qDEB_BUILD_GNU_TYPE) && ./configure", "b"),
    ('RUN ./configure && gnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"', None),
    ("RUN ./configure", None),
])
def test_arch_variable(run: str, var: str | None) -> None:
    from refactor.document import parse
    from refactor.shell import shell_of
    from transforms.configure_build import arch_variable, is_configure

    script = shell_of(parse(f"FROM debian:bookworm-slim\n{run}\n").instructions[-1])
    assert script is not None
    [configure] = [c for c in script.commands if is_configure(c)]
    assert arch_variable(script, configure) == var
