"""
What it does
    Adds ``-y`` after ``install`` in ``apt-get install`` (and ``apt install``) when no assume-yes option is
    given (``-y``, ``--yes``, ``--assume-yes``, ``-qq``, ``-q=2``, ``-o APT::Get::Assume-Yes=true``, or
    ``--assume-no``/``--trivial-only``, which answer the prompt the other way).

Why
    apt-get asks "Do you want to continue? [Y/n]" whenever it installs more than was named; a build has no
    terminal, apt-get reads end of input and aborts. (binnacle/Parfum ``aptGetInstallUseY``, hadolint DL3014.)

Example
    Before::

        RUN apt-get update && apt-get install curl

    After::

        RUN apt-get update && apt-get install -y curl

Fix safety
    safe: where apt-get would have prompted the build failed; where it would not, ``-y`` changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from refactor.document import Document
from refactor.edits import Fix, Safety
from refactor.passes import Context, Pass, Result
from refactor.rewrite import insert_after_word
from transforms._apt import AptCall, apt_calls

_YES_CONFIG = re.compile(r"^APT::Get::Assume-Yes=(1|true|yes)$", re.I)


def _assumes_yes(call: AptCall) -> bool:
    quiet = 0
    vals = call.option_values
    for k, v in enumerate(vals):
        if v in ("-y", "--yes", "--assume-yes", "--assume-no", "-qq", "-q=2", "--quiet=2", "--trivial-only"):
            return True
        if v.startswith("-") and not v.startswith("--") and "=" not in v:
            if "y" in v[1:] and set(v[1:]) <= set("yqsdfmbuV"):
                return True
            quiet += v[1:].count("q")
        elif v == "--quiet":
            quiet += 1
        if v in ("-o", "--option") and k + 1 < len(vals) and _YES_CONFIG.match(vals[k + 1]):
            return True
        if v.startswith("--option=") and _YES_CONFIG.match(v.split("=", 1)[1]):
            return True
    return quiet >= 2  # -qq implies -y


def run_use_y(doc: Document, ctx: Context) -> Iterable[Result]:
    del ctx
    for _ins, _script, call in apt_calls(doc):
        if call.verb.value != "install" or _assumes_yes(call) or call.verb.raw != call.verb.value:
            continue
        tool = call.tool.value.rsplit("/", 1)[-1]
        yield Fix(USE_Y.id, f"{tool} install without -y stops at its 'Do you want to continue?' prompt; add -y",
                  (insert_after_word(call.verb, "-y"),), Safety.SAFE, offset=call.tool.start)


USE_Y = Pass("apt-get-install-use-y", "Add -y to apt-get install", Safety.SAFE,
             run_use_y, __doc__ or "", aliases=("aptGetInstallUseY",), cmd_ok=True,
             hadolint=("DL3014",), triggers=("apt",))

PASSES = (USE_Y,)
