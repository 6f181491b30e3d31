"""What the healthcheck pass's rules ask about one final stage: its ports, the evidence, the probe it can run."""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

from refactor.document import Stage
from refactor.health_evidence import Clue, Evidence
from transforms._health_probe import http_probe, seconds, tcp_probe
from transforms._ports import NON_HTTP_PORTS, Port, exposed_ports


class Options(NamedTuple):
    """The user's options for this pass, as strings (``port``/``path`` empty: from evidence)."""

    port: str
    path: str
    interval: str
    timeout: str
    start_period: str
    retries: int



class Subject:
    """What the rules ask about one final stage; every answer computed at most once."""

    def __init__(self, stage: Stage, options: Options, evidence: Evidence) -> None:
        self.stage, self.options, self.evidence = stage, options, evidence

    @cached_property
    def ports(self) -> list[Port]:
        return exposed_ports(self.stage)

    @cached_property
    def tcp(self) -> list[Port]:
        return [p for p in self.ports if p.protocol == "tcp"]

    @cached_property
    def candidates(self) -> list[Port]:
        """EXPOSEd TCP ports that may serve HTTP, each number once (all of them when none may)."""
        web = [p for p in self.tcp if p.number not in NON_HTTP_PORTS]
        seen: dict[int | str, Port] = {}
        for p in web or self.tcp[:1]:
            seen.setdefault(p.number if p.number is not None else p.raw, p)
        return list(seen.values())

    @cached_property
    def clue(self) -> Clue | None:
        """The most trusted evidence (none needed when both options are set)."""
        if self.options.path and self.options.port:
            return None
        exposed = {p.number for p in self.tcp}
        for clue in self.evidence.clues():
            if clue.tested and clue.port is not None and exposed and clue.port not in exposed:
                self.evidence.notes.append(f"{clue.source} probes port {clue.port}, which is not EXPOSEd")
                continue
            return clue
        return None

    @cached_property
    def port_evidence(self) -> tuple[int, str] | None:
        """The port to probe and where it comes from (asked only after the port rules passed)."""
        if self.options.port.isdigit():
            return int(self.options.port), "the port option"
        if self.clue is not None and self.clue.port is not None:
            return self.clue.port, self.clue.source
        if len(self.candidates) == 1 and self.candidates[0].number is not None:
            p = self.candidates[0]
            return p.number, f"EXPOSE at line {p.instruction.lineno}"
        return None

    @property
    def port(self) -> int:
        assert self.port_evidence is not None
        return self.port_evidence[0]

    @cached_property
    def trusted_port(self) -> bool:
        """A probe someone already runs shows what the port serves: no guessing from names."""
        return self.clue is not None and self.clue.tested and not self.options.port

    @cached_property
    def path_evidence(self) -> tuple[str | None, str]:
        """The HTTP path (None: TCP connect) and where it comes from, or why there is none."""
        if self.options.path:
            path = self.options.path
            return (path if path.startswith("/") else "/" + path), "the path option"
        clue = self.clue
        if clue is None or clue.path is None or clue.tcp:
            why = clue.source if clue is not None and clue.tcp else "no health endpoint found"
            return None, "; ".join([why, *self.evidence.notes])
        host = None if clue.tested else self.evidence.host_check
        if host:
            return None, f"{clue.source}, but {host}"
        return clue.path, clue.source

    @cached_property
    def probe(self) -> tuple[list[str] | None, bool]:
        """The probe argv (None: the image has none) and whether it speaks HTTP."""
        timeout = seconds(self.options.timeout) or 5
        path, _ = self.path_evidence
        if path is not None:
            argv = http_probe(self.stage, self.port, path, timeout)
            if argv is not None or self.options.path:
                return argv, True
        return tcp_probe(self.stage, self.port, timeout), False
