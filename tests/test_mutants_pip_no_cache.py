"""pip-use-no-cache-dir (transforms/pip_no_cache.py) on shapes its golden cases do not pin down: which pip a
command runs, which earlier command replaced the distro's pip < 6, the skips (cache mounts, env, options), and what
each fix and finding is (pass id, line, message, safety)."""

from __future__ import annotations

import pytest

import transforms.pip_no_cache as pip_no_cache
from refactor.applier import transform
from refactor.commands import strip_wrappers
from refactor.document import parse
from refactor.edits import Safety
from refactor.passes import Context
from refactor.shell import ShellScript, shell_of
from transforms.pip_no_cache import PASS, _flavour, _modern_spec, _upgrade_keys

_FIX = "pip install keeps its download cache in the image; add --no-cache-dir"
_TRUSTY_APT = ("Ubuntu 14.04 (trusty)'s python-pip is pip 1.5.4, which has no --no-cache-dir (pip 6.0 added it) and "
               "stops the build with 'no such option'; not added. Upgrade pip in an earlier command (pip install "
               "--upgrade 'pip<21' on Python 2) and add --no-cache-dir after it")
_TRUSTY_UNKNOWN = ("which pip runs here is unknown on Ubuntu 14.04 (trusty), whose python-pip is pip 1.5.4 (no "
                   "--no-cache-dir before pip 6.0); not added. Add --no-cache-dir by hand if this pip is 6.0 or newer")


def _run(text: str):
    out = transform(text, [PASS], Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


def _fixes(out) -> list[tuple[int, str, str, Safety]]:
    return [(f.line, f.item.pass_id, f.item.message, f.item.safety) for f in out.fixes]


def _findings(out) -> list[tuple[int, str, str]]:
    return [(f.line, f.item.pass_id, f.item.message) for f in out.findings]


def _upgraded(upgrade: str, line: int) -> str:
    return (f"{_FIX} (the pip here is 6.0 or newer: `{upgrade}` at line {line} replaced Ubuntu 14.04 (trusty)'s pip "
            "1.5.4)")


def _script(run: str) -> ShellScript:
    script = shell_of(parse(f"FROM ubuntu:14.04\n{run}\n").instructions[-1])
    assert script is not None
    return script


# -- which pip a command runs (_flavour) -------------------------------------------------------------------------


@pytest.mark.parametrize(("run", "flavour"), [
    ("RUN pip install x", "pip"),
    ("RUN /usr/bin/pip install x", "pip"),
    ("RUN pip2 install x", "2"),
    ("RUN pip3 install x", "3"),
    ("RUN pip3.4 install x", "3"),
    ("RUN /usr/local/bin/pip3 install x", "3"),
    ("RUN /bin/pip3 install x", "3"),
    ("RUN python -m pip install x", "2"),
    ("RUN python2.7 -m pip install x", "2"),
    ("RUN python3 -m pip install x", "3"),
    ("RUN python3.4 -m pip install x", "3"),
    ("RUN /usr/bin/python3 -m pip install x", "3"),
    # a virtualenv: its bin directory for its pip, the interpreter's path for its python -m pip
    ("RUN /opt/venv/bin/pip install x", "/opt/venv/bin"),
    ("RUN /opt/venv/bin/pip3 install x", "/opt/venv/bin"),
    ("RUN bin/pip install x", "bin"),
    ("RUN /opt/venv/bin/python -m pip install x", "/opt/venv/bin/python"),
    ("RUN /opt/venv/bin/python3 -m pip install x", "/opt/venv/bin/python3"),
    ("RUN sudo -H pip3 install x", "3"),
])
def test_flavour(run: str, flavour: str) -> None:
    words, _ = strip_wrappers(_script(run).commands[0])
    assert _flavour(words) == flavour


# -- what a pip requirement installs (_modern_spec) --------------------------------------------------------------


@pytest.mark.parametrize(("spec", "modern"), [
    ("", True),
    ("==1.5.6", False),
    ("==1.5", False),
    ("==5.9", False),
    ("==6.0", True),
    ("==20.3.4", True),
    ("== 1.5.6", False),
    ("<6", False),
    ("<6.0", False),
    ("<=6.0", False),
    ("<=5", False),
    ("<6.1", True),
    ("<21", True),
    ("<=21", True),
    (">=1", True),
    (">1.5", True),
    ("!=1.5.4", True),
    (">=9,<21", True),
    (">=1,<6.0", False),
    (";python_version<'3'", True),
])
def test_modern_spec(spec: str, modern: bool) -> None:
    assert _modern_spec(spec) is modern


# -- which earlier command replaces pip (_upgrade_keys) ----------------------------------------------------------


@pytest.mark.parametrize(("run", "keys"), [
    ("RUN pip install --upgrade pip", {"pip"}),
    ("RUN pip install -U pip", {"pip"}),
    ("RUN pip install -qU pip", {"pip"}),
    ("RUN pip install -Uq pip", {"pip"}),
    ("RUN pip install pip==9.0.3", {"pip"}),
    ("RUN pip install 'pip>=9'", {"pip"}),
    ("RUN pip install 'pip~=20.0'", {"pip"}),
    ("RUN pip3 install -U pip", {"3", "pip"}),
    ("RUN pip2 install --upgrade 'pip<21'", {"2", "pip"}),
    ("RUN python3 -m pip install -U pip", {"3", "pip"}),
    ("RUN sudo -H pip3 install --upgrade 'pip<19.2'", {"3", "pip"}),
    ("RUN /opt/venv/bin/pip install -U pip", {"/opt/venv/bin"}),
    ("RUN /opt/venv/bin/python -m pip install -U pip", {"/opt/venv/bin/python"}),
    ("RUN python -m ensurepip --upgrade", {"2", "pip"}),
    ("RUN python3 -m ensurepip -U", {"3", "pip"}),
    ("RUN python3 -m ensurepip --default-pip --upgrade", {"3", "pip"}),
    ("RUN python get-pip.py", {"2", "pip"}),
    ("RUN python3 /tmp/get-pip.py 'pip<21'", {"3", "pip"}),
    ("RUN /opt/venv/bin/python get-pip.py", {"/opt/venv/bin/python"}),
    ("RUN curl -sSL https://bootstrap.pypa.io/get-pip.py | python3", {"3", "pip"}),
    ("RUN wget -qO- https://bootstrap.pypa.io/pip/2.7/get-pip.py | python", {"2", "pip"}),
    ("RUN curl -sSL https://bootstrap.pypa.io/get-pip.py | /opt/venv/bin/python", {"/opt/venv/bin/python"}),
])
def test_upgrade_keys(run: str, keys: set[str]) -> None:
    script = _script(run)
    assert _upgrade_keys(script, len(script.commands) - 1) == frozenset(keys)


@pytest.mark.parametrize("run", [
    "RUN pip install pip",  # already installed: nothing is replaced
    "RUN pip install -q pip",
    "RUN pip install --user pip",
    "RUN pip install --trusted-host=UNI pip",  # a long option with a U is not -U
    "RUN pip install pip UltraJSON",
    "RUN pip install -U 'pip<6'",
    "RUN pip install -U pip==1.5.6",
    "RUN pip install --upgrade-strategy eager pip",
    "RUN pip install -U pipenv",
    "RUN pip install -U setuptools",
    "RUN pip download -U pip",
    "RUN python -m ensurepip",  # without --upgrade it keeps an installed pip
    "RUN python3 -m ensurepip --default-pip",
    "RUN python -c 'import ensurepip' --upgrade",
    "RUN python app.py --upgrade",
    "RUN python app.py -U",
    "RUN python get-pip.py.bak",
    "RUN curl -sSL https://example.com/app.py | python3",
    "RUN echo get-pip && python3 app.py",  # get-pip in the previous command, but not piped into python
    "RUN FOO=1",
])
def test_upgrade_keys_none(run: str) -> None:
    script = _script(run)
    assert _upgrade_keys(script, len(script.commands) - 1) == frozenset()


def test_upgrade_keys_first_command_is_not_fed_by_the_last() -> None:
    script = _script("RUN python3 app.py && echo get-pip")
    assert _upgrade_keys(script, 0) == frozenset()


# -- whole pass: fixes ----------------------------------------------------------------------------------------


def test_fix_is_safe_with_its_message() -> None:
    out = _run("FROM python:3.12-slim\nRUN pip install flask\n")
    assert out.text == "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n"
    assert _fixes(out) == [(2, PASS.id, _FIX, Safety.SAFE)]
    assert not out.findings


def test_abbreviated_option_is_spelled_out() -> None:
    out = _run("FROM python:3.12-slim\nRUN pip install --no-c flask && pip install gunicorn\n")
    assert out.text == ("FROM python:3.12-slim\nRUN pip install --no-cache-dir flask && pip install --no-cache-dir "
                        "gunicorn\n")
    assert _fixes(out) == [
        (2, PASS.id, "spell out pip's abbreviated --no-c as --no-cache-dir", Safety.SAFE),
        (2, PASS.id, _FIX, Safety.SAFE),
    ]


@pytest.mark.parametrize("option", [
    '"--no-c"',  # quoted: not rewritten, but pip still reads it as --no-cache-dir
    "--no-cache-dir",
    "--cache-dir /tmp/pc",
    "--cache-dir=/tmp/pc",
    "--cache-dir=/tmp/a=b",
])
def test_option_already_there_then_the_next_install(option: str) -> None:
    out = _run(f"FROM python:3.12-slim\nRUN pip install {option} flask && pip install gunicorn\n")
    assert out.text == (f"FROM python:3.12-slim\nRUN pip install {option} flask && pip install --no-cache-dir "
                        "gunicorn\n")


def test_inline_env_then_the_next_install() -> None:
    out = _run("FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask && pip_no_cache_dir=1 pip install a"
               " && pip install gunicorn\n")
    assert out.text == ("FROM python:3.12-slim\nRUN PIP_NO_CACHE_DIR=1 pip install flask && pip_no_cache_dir=1 pip "
                        "install --no-cache-dir a && pip install --no-cache-dir gunicorn\n")


@pytest.mark.parametrize("target", [
    "/root/.cache/pip",
    "/root/.cache",
    "/home/app/.cache",
    "/var/cache/pip",
])
def test_cache_mount_skips_its_run_only(target: str) -> None:
    text = f"FROM python:3.12-slim\nRUN --mount=type=cache,target={target} pip install flask\nRUN pip install a\n"
    out = _run(text)
    assert out.text == text.replace("pip install a", "pip install --no-cache-dir a")


def test_other_cache_mount_does_not_skip() -> None:
    out = _run("FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt pip install flask\n")
    assert out.text == ("FROM python:3.12-slim\nRUN --mount=type=cache,target=/var/cache/apt pip install "
                        "--no-cache-dir flask\n")


def test_env_skips_its_stage_only() -> None:
    text = ("FROM python:3.12-slim AS a\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n"
            "FROM python:3.12-slim\nRUN pip install gunicorn\nRUN pip install a\n")
    out = _run(text)
    assert out.text == (text.replace("gunicorn", "--no-cache-dir gunicorn")
                        .replace("install a", "install --no-cache-dir a"))


def test_run_before_from_is_fixed() -> None:
    """A RUN before any FROM belongs to no stage: neither the last stage's ENV nor its old distro applies."""
    out = _run("RUN pip install a\nFROM ubuntu:14.04\nENV PIP_NO_CACHE_DIR=1\n")
    assert out.text == "RUN pip install --no-cache-dir a\nFROM ubuntu:14.04\nENV PIP_NO_CACHE_DIR=1\n"
    out = _run("RUN pip install a\nFROM ubuntu:14.04\nRUN apt-get install -y python-pip\n")
    assert out.text.startswith("RUN pip install --no-cache-dir a\n")
    assert _fixes(out) == [(1, PASS.id, _FIX, Safety.SAFE)]


def test_cache_that_never_ships_is_a_finding() -> None:
    text = ("FROM python:3.12 AS build\nRUN python -m venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\n"
            "RUN pip \\\n    install -r requirements.txt && pip install flask\n"
            "FROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\n")
    out = _run(text)
    assert out.text == text
    why = "stage build: only /opt/venv is copied out of it; the cache never reaches the image that runs"
    assert _findings(out) == [(4, PASS.id, why), (5, PASS.id, why)]


# -- whole pass: pip < 6 on old Debian/Ubuntu --------------------------------------------------------------------


def test_apt_pip_is_a_finding_on_the_pip_line() -> None:
    text = "FROM ubuntu:14.04\nRUN apt-get install -y python-pip \\\n && pip \\\n install a && pip install b\n"
    out = _run(text)
    assert out.text == text and not out.fixes
    assert _findings(out) == [(3, PASS.id, _TRUSTY_APT), (4, PASS.id, _TRUSTY_APT)]


def test_apt_pip_with_a_version_pin() -> None:
    text = "FROM ubuntu:14.04\nRUN apt-get install -y python-pip=1.5.4-1ubuntu1 && pip install a\n"
    assert _findings(_run(text)) == [(2, PASS.id, _TRUSTY_APT)]


def test_unknown_pip_on_old_distro() -> None:
    text = "FROM ubuntu:14.04\nRUN FOO=1 && pip install a\n"
    out = _run(text)
    assert out.text == text
    assert _findings(out) == [(2, PASS.id, _TRUSTY_UNKNOWN)]


def test_venv_pip_after_apt_pip_is_unknown() -> None:
    text = "FROM ubuntu:14.04\nRUN apt-get install -y python-pip && /opt/venv/bin/pip install a\n"
    assert _findings(_run(text)) == [(2, PASS.id, _TRUSTY_UNKNOWN)]


def test_upgrade_on_a_later_line_is_named_in_the_fix() -> None:
    out = _run("FROM ubuntu:14.04\nRUN apt-get install -y python-pip \\\n && pip install --upgrade 'pip<21' \\\n"
               " && pip install a\n")
    assert out.text.endswith("pip install --no-cache-dir a\n")
    assert _fixes(out) == [(4, PASS.id, _upgraded("pip install --upgrade 'pip<21'", 3), Safety.SAFE)]
    assert _findings(out) == [(3, PASS.id, _TRUSTY_APT)]


def test_upgrade_in_an_earlier_run() -> None:
    out = _run("FROM ubuntu:14.04\nRUN python get-pip.py\nRUN pip install a\n")
    assert _fixes(out) == [(3, PASS.id, _upgraded("python get-pip.py", 2), Safety.SAFE)]


def test_piped_get_pip_is_named_in_the_fix() -> None:
    out = _run("FROM ubuntu:14.04\nRUN apt-get install -y python-pip \\\n"
               " && curl -sSL https://bootstrap.pypa.io/pip/2.7/get-pip.py | python && pip install a\n")
    assert out.text.endswith("pip install --no-cache-dir a\n")
    assert _fixes(out) == [(3, PASS.id, _upgraded("... get-pip.py | python", 3), Safety.SAFE)]


@pytest.mark.parametrize(("host", "shown"), [
    ("h" * 19, "pip install --upgrade --trusted-host " + "h" * 19 + " pip"),  # 60 characters: shown whole
    ("h" * 20, ("pip install --upgrade --trusted-host " + "h" * 20)[:57] + "..."),  # 61: cut to 57 + ...
    ("h" * 40, ("pip install --upgrade --trusted-host " + "h" * 40)[:57] + "..."),
])
def test_long_upgrade_command_is_cut(host: str, shown: str) -> None:
    out = _run(f"FROM ubuntu:14.04\nRUN pip install --upgrade --trusted-host {host} pip\nRUN pip install a\n")
    assert [f.item.message for f in out.fixes] == [_upgraded(shown, 2)]


def test_upgrade_of_pip2_does_not_cover_pip3() -> None:
    out = _run("FROM ubuntu:14.04\nRUN apt-get install -y python-pip python3-pip\n"
               "RUN pip install -U 'pip<21' && pip3 install a && pip install b\n")
    assert out.text.endswith("RUN pip install -U 'pip<21' && pip3 install a && pip install --no-cache-dir b\n")
    assert _findings(out) == [(3, PASS.id, _TRUSTY_APT), (3, PASS.id, _TRUSTY_APT)]


def test_venv_upgrade_covers_its_own_pip_only() -> None:
    out = _run("FROM ubuntu:14.04\nRUN apt-get install -y python-pip\n"
               "RUN /opt/venv/bin/pip install -U pip && /opt/venv/bin/pip install a && pip install b\n")
    assert out.text.endswith("/opt/venv/bin/pip install --no-cache-dir a && pip install b\n")
    assert _findings(out) == [(3, PASS.id, _TRUSTY_UNKNOWN), (3, PASS.id, _TRUSTY_APT)]


def test_venv_get_pip_does_not_cover_the_system_pip() -> None:
    out = _run("FROM ubuntu:14.04\nRUN apt-get install -y python-pip\n"
               "RUN /opt/venv/bin/python get-pip.py && /opt/venv/bin/python -m pip install a && pip install b\n")
    assert out.text.endswith("/opt/venv/bin/python -m pip install --no-cache-dir a && pip install b\n")
    assert _findings(out) == [(3, PASS.id, _TRUSTY_APT)]


def test_one_sweep_spells_out_and_fixes_the_next_install() -> None:
    """One run of the pass (the applier would repeat it) goes on past the abbreviated option to the next command."""
    text = "FROM python:3.12-slim\nRUN pip install --no-c flask && pip install gunicorn\n"
    results = list(PASS.run(parse(text), Context()))
    assert [(r.pass_id, r.message) for r in results] == [
        (PASS.id, "spell out pip's abbreviated --no-c as --no-cache-dir"), (PASS.id, _FIX)]


# -- requirements that keep or bring back a pip < 6 (fixed in 252d73c and 0004002) ------------------------------


@pytest.mark.parametrize(("spec", "modern"), [
    ("~=1.5", False),  # >=1.5, ==1.*: pip 1.5.6
    ("~=5.0", False),
    ("~=6.0", True),
    ("~=20.3", True),
    ("<6.0.0", False),  # pip 1.5.6, the last release before 6.0
    ("<=6.0.0", False),
    ("<6.0.1", True),
    ("==6", True),
    ("==6.0.0", True),
])
def test_modern_spec_bounds(spec: str, modern: bool) -> None:
    assert _modern_spec(spec) is modern


@pytest.mark.parametrize(("spec", "excludes"), [
    ("", False),
    (">=1.5", False),  # pip 1.5.4 already satisfies it: nothing is installed
    (">1.5.4", False),
    (">5.9", False),
    ("~=1.5", False),
    ("==1.5.6", False),
    ("<21", False),
    ("!=1.5.4", False),
    (">=6", True),
    (">=6.0", True),
    (">=6.0.0", True),
    (">6.0", True),
    ("~=6.0", True),
    ("==6", True),
    ("==20.3.4", True),
    (">=9,<21", True),
    ("<21,>=9", True),
])
def test_excludes_old(spec: str, excludes: bool) -> None:
    assert pip_no_cache._excludes_old(spec) is excludes


@pytest.mark.parametrize("upgrade", [
    "pip install 'pip>=1.5'",
    "pip install 'pip>5'",
    "pip install --upgrade 'pip~=1.5'",
    "pip install --upgrade 'pip<6.0.0'",
])
def test_requirement_keeping_pip_1_is_no_upgrade(upgrade: str) -> None:
    text = f"FROM ubuntu:14.04\nRUN apt-get install -y python-pip\nRUN {upgrade} && pip install six\n"
    out = _run(text)
    assert out.text == text
    assert _findings(out) == [(3, PASS.id, _TRUSTY_APT), (3, PASS.id, _TRUSTY_APT)]


@pytest.mark.parametrize("upgrade", [
    "pip install 'pip>=6'",
    "pip install 'pip>6.0'",
    "pip install 'pip==6'",
    "pip install --upgrade 'pip<6.0.1'",
])
def test_requirement_bringing_pip_6(upgrade: str) -> None:
    out = _run(f"FROM ubuntu:14.04\nRUN apt-get install -y python-pip\nRUN {upgrade} && pip install six\n")
    assert out.text.endswith(" && pip install --no-cache-dir six\n")
    assert _fixes(out) == [(3, PASS.id, _upgraded(upgrade, 3), Safety.SAFE)]
