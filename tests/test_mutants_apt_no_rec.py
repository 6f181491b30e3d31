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
    assert out.error is None and out.failure is None
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
