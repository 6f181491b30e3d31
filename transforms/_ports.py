"""Shared helpers for the runtime-config passes (non-root-user, healthcheck): ports, entry point, layout."""

from __future__ import annotations

import re
from dataclasses import dataclass

from refactor.document import Document, Instruction, Stage
from refactor.edits import Edit
from refactor.images import ImageRef
from refactor.rewrite import continuation_indent, leading_operators, operator_indent
from refactor.stages import lineage_instructions, start_command
from refactor.words import expand

_PORT = re.compile(r"^(\d+)(?:-(\d+))?(?:/(tcp|udp|sctp))?$", re.I)

# Ports whose service does not speak plain HTTP/1 (an HTTP probe there is wrong).
NON_HTTP_PORTS = frozenset({
    21, 22, 23, 25, 53, 110, 119, 123, 139, 143, 161, 389, 443, 445, 465, 514, 587, 636, 853, 873,
    993, 995, 1080, 1194, 1433, 1521, 1812, 1883, 2049, 2181, 3128, 3306, 3389, 3478, 4222, 4369,
    5060, 5222, 5432, 5671, 5672, 5900, 6000, 6379, 6443, 6667, 7000, 7001, 8333, 8443, 8883, 9042,
    9050, 9092, 9300, 9418, 11211, 25565, 27017, 30303, 50051, 51820,
    2003, 2004, 8125, 8126, 10389, 10636, 22222, 1900, 5353, 25672, 61616, 8009,
    500, 554, 655, 843, 1701, 1723, 1935, 4500, 4505, 4506, 5269, 5349, 6600, 6881, 7777, 8388, 27015,
    51413, 64738, 2888, 3888,
})
# Images that serve a database, broker or other non-HTTP protocol.
NON_HTTP_IMAGES = frozenset({
    "postgres", "mysql", "mariadb", "redis", "mongo", "memcached", "rabbitmq", "cassandra", "zookeeper",
    "eclipse-mosquitto", "nats", "influxdb", "bind9", "percona", "valkey", "keydb",
})


# Launchers that start the real program: ``tini --``, ``sh -c "exec …"``, ``env X=1 …``.
_WRAPPERS = frozenset({"tini", "dumb-init", "exec", "sh", "bash", "ash", "env", "nice", "catatonit"})


@dataclass(frozen=True, slots=True)
class Port:
    """One EXPOSE entry resolved to a number (the first of a range); ``raw`` as written."""

    number: int | None
    protocol: str
    raw: str
    instruction: Instruction


def _stage_env(stage: Stage) -> dict[str, str]:
    return {**stage.env()}


def resolve(value: str, stage: Stage) -> str | None:
    """``value`` with ARG/ENV defaults of ``stage`` substituted, or None when a name is unknown."""
    return expand(value, _stage_env(stage))


def exposed_ports(stage: Stage) -> list[Port]:
    """EXPOSE entries of the stage and the stages it builds on (inherited config), own stage first."""
    ports: list[Port] = []
    for s in stage.lineage():
        for ins in s.body():
            if ins.name != "EXPOSE":
                continue
            for word in ins.words:
                value = resolve(word.value, s)
                m = _PORT.match(value.strip()) if value else None
                if m:
                    ports.append(Port(int(m.group(1)), (m.group(3) or "tcp").lower(), word.value, ins))
                else:
                    ports.append(Port(None, "tcp", word.value, ins))
    return ports


def entry_point(stage: Stage) -> tuple[Instruction, bool]:
    """Where runtime configuration goes: ``(instruction, before)``.

    Just before the first CMD/ENTRYPOINT that follows the stage's last RUN/COPY/ADD; after the stage's
    last instruction when there is none.
    """
    body = stage.body()
    last_build = max((k for k, ins in enumerate(body) if ins.name in ("RUN", "COPY", "ADD")), default=-1)
    for ins in body[last_build + 1:]:
        if ins.name in ("CMD", "ENTRYPOINT"):
            return ins, True
    return (body[-1] if body else stage.from_), False


def insert_lines(stage: Stage, lines: list[str]) -> Edit:
    """One edit that places ``lines`` (already formatted instructions) at the stage's entry point."""
    anchor, before = entry_point(stage)
    doc = anchor.doc
    nl = doc.newline
    block = nl.join(anchor.indent + line for line in lines)
    if before:
        return Edit.insert(anchor.line_start, block + nl)
    text = doc.text
    if anchor.stop > 0 and text[anchor.stop - 1] == "\n":
        return Edit.insert(anchor.stop, block + nl)
    return Edit.insert(anchor.stop, nl + block)


def continued(doc: Document, first: str, rest: list[str]) -> str:
    """A shell command list ``first && rest…`` laid out like the file's own multi-line RUNs."""
    if not rest:
        return first
    sample = next((i for i in doc.instructions if i.name == "RUN" and len(i.lines) > 1), None)
    leading = leading_operators(sample) if sample else True
    if sample is None:
        indent = "\t" if "\n\t" in doc.text else "    "
    else:  # the operator lines' indentation, not that of an aligned package list
        indent = operator_indent(sample) if leading else continuation_indent(sample)
    esc = doc.escape
    nl = doc.newline
    if leading:
        return first + "".join(f" {esc}{nl}{indent}&& {cmd}" for cmd in rest)
    parts = [first, *rest]
    return f" && {esc}{nl}{indent}".join(parts)


def image_ref(stage: Stage) -> ImageRef:
    return ImageRef.parse(stage.root_image())


def command_programs(stage: Stage) -> list[str]:
    """Base names of the programs the container starts (ENTRYPOINT first, then CMD), best effort."""
    out: list[str] = []
    for argv in start_command(stage):
        words = [part for a in argv for part in a.split()]
        while words and (words[0].rsplit("/", 1)[-1] in _WRAPPERS or words[0].startswith("-")
                         or "=" in words[0]):
            words = words[1:]
        if words:
            out.append(words[0].rsplit("/", 1)[-1])
    return out


def command_words(stage: Stage) -> list[str]:
    """Base names of every word of the ENTRYPOINT and CMD in effect (shell strings split)."""
    out: list[str] = []
    for argv in start_command(stage):
        out += [part.rsplit("/", 1)[-1] for a in argv for part in re.split(r"[\s;&|()]+", a) if part]
    return out


_OFFICIAL_ENTRYPOINT = re.compile(r"^docker-[a-z0-9]+-entrypoint$")


def extension_base_reason(stage: Stage) -> str | None:
    """Why this Dockerfile builds a base image for other Dockerfiles (ONBUILD, official images), or None."""
    for ins in lineage_instructions(stage):
        if ins.name == "ONBUILD":
            return f"ONBUILD at line {ins.lineno}: this is a base image meant to be extended"
    for prog in command_programs(stage):
        if _OFFICIAL_ENTRYPOINT.match(prog):
            return f"ENTRYPOINT {prog}: this builds an official base image meant to be extended"
    return None
