"""Re-exports for passes written against the old shared helper module; new code imports from the homes below.

Ports, start command and the ONBUILD/official-base check live in the stage model (``refactor.model``), the
insertion point and edit in ``refactor.runtime_config``, the RUN layout in ``refactor.rewrite``, port and
image knowledge in ``refactor.knowledge``.
"""

from __future__ import annotations

from refactor.document import Stage
from refactor.images import ImageRef
from refactor.knowledge.images import IMAGES
from refactor.knowledge.services import NON_HTTP_PORTS
from refactor.model import Port, model_of
from refactor.rewrite import command_list as continued
from refactor.runtime_config import entry_point
from refactor.runtime_config import insert_runtime_config as insert_lines

# Library images that serve a non-HTTP protocol (matched by their last name component).
NON_HTTP_IMAGES = frozenset(e.name for e in IMAGES if e.service and e.name and "/" not in e.name)

__all__ = [
    "NON_HTTP_IMAGES",
    "NON_HTTP_PORTS",
    "Port",
    "command_programs",
    "command_words",
    "continued",
    "entry_point",
    "exposed_ports",
    "extension_base_reason",
    "image_ref",
    "insert_lines",
    "resolve",
]


def resolve(value: str, stage: Stage) -> str | None:
    return model_of(stage).resolve(value)


def exposed_ports(stage: Stage) -> list[Port]:
    return model_of(stage).ports


def image_ref(stage: Stage) -> ImageRef:
    return model_of(stage).image


def command_programs(stage: Stage) -> list[str]:
    return model_of(stage).start_programs


def command_words(stage: Stage) -> list[str]:
    return model_of(stage).start_words


def extension_base_reason(stage: Stage) -> str | None:
    return model_of(stage).extension_base_reason
