"""Regular expressions compiled on first use, for knowledge tables of patterns a run mostly never tries.

Compiling every table's patterns at import cost ~15 ms of a one-file start; a one-file run tries a few of them.
``compile`` returns a stand-in whose methods (``search``, ``match``, …) are the compiled pattern's own once any
attribute is first asked for, so a call costs what it costs on a ``re.Pattern``. Use it only for patterns that
code calls methods on: ``re.search(stand_in, …)`` and ``isinstance(…, re.Pattern)`` need the real thing.
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Lazy:
    __slots__ = ("_args", *_METHODS)

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        """Only for what the slots do not hold yet: compile, keep the methods, answer from the pattern."""
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(*self._args)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return repr(re.compile(*self._args))


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))
