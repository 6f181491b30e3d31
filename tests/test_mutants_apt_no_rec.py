"""apt-get-install-use-no-rec (transforms/apt_get_no_recommends.py) on shapes its golden cases do not pin down:
``--option=`` recommends config, pinned/arch-qualified TLS clients, ca-certificates named in another command,
and the exact messages (what was checked, what was added)."""

from __future__ import annotations

from refactor.applier import transform
from refactor.edits import Fix, Safety
from refactor.passes import Context
from transforms.apt_get_no_recommends import NO_REC

NOTHING_LATER = "checked: no later step (this RUN, later RUNs, CMD) runs a program only a Recommends brings"
CA = "ca-certificates (a Recommends of the TLS client installed here) is now named"


def _run(text: str):
    out = transform(text, [NO_REC], Context())
    assert out.error is None and out.failure is None and out.internal_errors == []
    return out


def test_option_equals_form_already_decides() -> None:
    text = "FROM debian:bookworm-slim\nRUN apt-get install -y --option=APT::Install-Recommends=0 vim\n"
    out = _run(text)
    assert out.text == text and not out.fixes


def test_plain_install_message_safety_and_line() -> None:
    out = _run("FROM debian:bookworm-slim\n\nRUN apt-get update && apt-get install -y vim\n")
    assert out.text.endswith("apt-get install -y --no-install-recommends vim\n")
    [fix] = out.fixes
    assert isinstance(fix.item, Fix) and fix.item.safety is Safety.REVIEW and fix.line == 3
    assert fix.item.message == f"install only what is named: add --no-install-recommends; {NOTHING_LATER}"


def test_pinned_and_arch_qualified_tls_clients_need_ca_certificates() -> None:
    for pkg in ("curl=7.88.1-10+deb12u5", "wget:amd64"):
        out = _run(f"FROM debian:bookworm-slim\nRUN apt-get install -y {pkg}\n")
        assert out.text.endswith(f"install -y --no-install-recommends {pkg} ca-certificates\n"), out.text
        [fix] = out.fixes
        assert fix.item.message == f"install only what is named: add --no-install-recommends; {CA}; {NOTHING_LATER}"


def test_ca_certificates_installed_by_another_command_of_the_run() -> None:
    text = ("FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends ca-certificates "
            "&& apt-get install -y curl\n")
    out = _run(text)
    assert out.text.endswith("&& apt-get install -y --no-install-recommends curl\n"), out.text


def test_ca_certificates_in_a_removal_does_not_count() -> None:
    text = "FROM debian:bookworm-slim\nRUN apt-get remove -y ca-certificates && apt-get install -y curl\n"
    out = _run(text)
    assert out.text.endswith("apt-get install -y --no-install-recommends curl ca-certificates\n"), out.text


def test_programs_installed_by_name_are_listed_as_checked() -> None:
    text = ('FROM debian:bookworm-slim\nRUN apt-get install -y python3 make gcc\nRUN ["make", "all"]\n'
            'CMD ["python3", "app.py"]\n')
    out = _run(text)
    [fix] = out.fixes
    assert fix.item.message == ("install only what is named: add --no-install-recommends; checked the programs "
                                "later steps run: make, cc, python3 installed by name or shipped with the image")


def test_separate_option_and_boolean_flag_values_decide() -> None:
    for opts in ("--option APT::Install-Recommends=false", "--install-recommends=false",
                 "-o APT::Install-Recommends=0"):
        text = f"FROM debian:bookworm-slim\nRUN apt-get install -y {opts} vim\n"
        out = _run(text)
        assert out.text == text and not out.fixes, opts


def test_another_dash_o_option_does_not_decide() -> None:
    out = _run("FROM debian:bookworm-slim\nRUN apt-get install -y -o Dpkg::Options::=--force-confold vim\n")
    assert "--no-install-recommends" in out.text and len(out.fixes) == 1


def test_pinned_and_arch_qualified_names_provide_later_programs() -> None:
    out = _run('FROM debian:bookworm-slim\nRUN apt-get install -y python3=3.11.2-1+b1 make:amd64 gcc\n'
               'RUN make\nCMD ["python3", "app.py"]\n')
    [fix] = out.fixes
    assert fix.item.message.endswith("checked the programs later steps run: make, cc, python3 installed by name or "
                                     "shipped with the image")


def test_a_variable_package_list_is_named_in_the_skip() -> None:
    out = _run('FROM debian:bookworm-slim\nARG EXTRA\nRUN apt-get install -y $EXTRA vim\nCMD ["python3", "app.py"]\n')
    assert not out.fixes
    [finding] = out.findings
    assert "python3 (run at line 4)" in finding.item.message
    assert "a package hidden behind a variable here, " in finding.item.message


def _skip(text: str) -> tuple[int, str]:
    out = _run(text)
    assert not out.fixes
    [finding] = out.findings
    assert finding.item.pass_id == NO_REC.id
    return finding.line, finding.item.message


def test_unknown_origin_messages() -> None:
    tail = "; name the package that provides python3 in this install, then this pass can add it"
    hidden = 'FROM debian:bookworm-slim\nARG EXTRA\nRUN apt-get install -y $EXTRA vim\nCMD ["python3", "a.py"]\n'
    assert _skip(hidden) == (
        3, "--no-install-recommends not added: python3 (run at line 4) is not installed by name and "
           "debian:bookworm-slim does not ship it: it may come from a package hidden behind a variable here, a "
           "dependency this pass does not know, or a Recommends" + tail)
    assert _skip('FROM mycorp/base:1\nRUN apt-get install -y vim\nCMD ["python3", "app.py"]\n') == (
        2, "--no-install-recommends not added: python3 (run at line 3) is not installed by name: it may come from "
           "the base image mycorp/base:1, or a Recommends" + tail)


def test_gcc_recommended_by_libc6_dev_is_named_with_its_line() -> None:
    out = _run("FROM debian:bullseye\nRUN apt-get install -y make libc6-dev\n\nRUN make\n")
    assert out.text.endswith("install -y --no-install-recommends make libc6-dev gcc\n\nRUN make\n")
    [fix] = out.fixes
    assert fix.item.message == ("install only what is named: add --no-install-recommends; gcc is now named (cc, run "
                                "at line 4, came only as a Recommends of libc6-dev); checked the programs later steps "
                                "run: make installed by name or shipped with the image")


def test_command_programs_skips_wrappers_assignments_and_their_options() -> None:
    from transforms.apt_get_no_recommends import _command_programs
    make = ["make", "cc", "?flex-headers"]  # make compiles with cc; a C++ flex scanner would need libfl-dev
    assert _command_programs(["make"]) == make
    assert _command_programs(["/usr/bin/make", "install"]) == make
    assert _command_programs(["CFLAGS=-O2", "make"]) == make
    assert _command_programs(["http_proxy=http://proxy:3128", "git", "clone", "repo"]) == ["git"]
    assert _command_programs(["env", "-i", "PATH=/usr/bin", "make"]) == make
    assert _command_programs(["sudo", "make", "install"]) == make
    # an init shim alone (ENTRYPOINT ["tini", "--"], the program comes from CMD) runs nothing by itself
    assert _command_programs(["tini", "--"]) == []
    assert _command_programs(["/usr/bin/tini", "--"]) == []


def test_command_programs_pip_with_a_version_suffix() -> None:
    from transforms.apt_get_no_recommends import _command_programs
    assert _command_programs(["pip3.11", "install", "psycopg2"]) == ["?cc", "?python3-headers"]
    assert _command_programs(["pip", "install", "-r", "requirements.txt"]) == ["?cc", "?python-headers"]
    assert _command_programs(["pip3", "freeze"]) == []


def test_pinned_and_arch_qualified_recommenders() -> None:
    # libc6-dev of bullseye recommends gcc whatever its pin or architecture qualifier
    for pkg in ("libc6-dev=2.31-13+deb11u5", "libc6-dev:amd64"):
        out = _run(f"FROM debian:bullseye\nRUN apt-get install -y make {pkg}\nRUN make\n")
        assert out.text.endswith(f"install -y --no-install-recommends make {pkg} gcc\nRUN make\n"), out.text


def test_a_skipped_install_leaves_the_next_stage_to_be_decided() -> None:
    text = ('FROM mycorp/builder:1 AS build\nRUN apt-get install -y vim\nRUN python3 build.py\n\n'
            'FROM debian:bookworm-slim\nRUN apt-get install -y vim\n')
    out = _run(text)
    assert [f.line for f in out.findings] == [2] and [f.line for f in out.fixes] == [6]
    assert out.text.endswith("FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends vim\n")


def test_a_program_named_here_is_not_also_listed_as_checked() -> None:
    # cc comes from gcc (added here, libc6-dev's Recommends on bullseye); the tools stage built on it names gcc
    # itself, so its make finds cc installed by name: the message lists cc once, as added
    out = _run("FROM debian:bullseye AS base\nRUN apt-get install -y libc6-dev make\nRUN make -C /src/lib\n\n"
               "FROM base AS tools\nRUN apt-get install -y --no-install-recommends gcc\nRUN make -C /src/tools\n")
    fix = out.fixes[0]
    assert fix.line == 2
    assert fix.item.message == ("install only what is named: add --no-install-recommends; gcc is now named (cc, run "
                                "at line 3, came only as a Recommends of libc6-dev); checked the programs later steps "
                                "run: make installed by name or shipped with the image")
