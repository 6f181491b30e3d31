"""bashlex without rebuilding its parser tables at every start.

bashlex builds its LALR tables with its copy of PLY's ``yacc()`` each time ``bashlex.parser`` is imported (~150 ms,
most of a one-file run); its copy never reads the ``parsetab.py`` it ships. ``load()`` imports bashlex with
``yacc()`` replaced for that one call: the tables come from refactor/bashlex_tables_data.py when they were built
from the same grammar (the p_ functions' rules, in order, their names, and the table generator's source), else
bashlex builds them as always. ``python -m refactor.bashlex_tables`` rewrites the data module after a bashlex
upgrade (tests/test_bashlex_tables.py fails until it does, and checks the stored tables equal fresh ones).
"""

from __future__ import annotations

import importlib.util
import json
import sys
import zlib
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

DATA = Path(__file__).with_name("bashlex_tables_data.py")


def load() -> ModuleType:
    """The ``bashlex`` module, imported with stored tables where they fit."""
    if "bashlex.parser" not in sys.modules:
        _import(_from_store)
    import bashlex

    return bashlex


def grammar_key(yacc: ModuleType, pdict: dict[str, Any]) -> tuple[str, Any]:
    """What the tables depend on, as one string, and the grammar's reflection (its rules and error function)."""
    info = yacc.ParserReflect(pdict, log=yacc.NullLogger())
    info.get_all()
    generator = zlib.crc32(Path(yacc.__file__).read_bytes())
    return f"{generator:08x}\n{' '.join(f[2] for f in info.pfuncs)}\n{info.signature()}", info


def tables(parser: Any) -> dict[str, Any]:
    """A built parser's tables in the stored form: symbols by index, productions, action and goto rows."""
    symbols = sorted({s for row in (*parser.action.values(), *parser.goto.values()) for s in row})
    index = {s: i for i, s in enumerate(symbols)}

    def rows(table: dict[int, dict[str, int]]) -> list[list[int]]:
        assert sorted(table) == list(range(len(table)))
        return [[x for s, v in table[state].items() for x in (index[s], v)] for state in range(len(table))]

    return {"symbols": symbols, "productions": [[p.name, list(p.prod), p.func] for p in parser.productions],
            "action": rows(parser.action), "goto": rows(parser.goto)}


def _import(replacement: Any) -> None:
    """Import bashlex with ``bashlex.yacc.yacc`` replaced while ``bashlex.parser`` runs it."""
    spec = importlib.util.find_spec("bashlex")
    if spec is None or spec.loader is None:
        raise ImportError("bashlex is not installed")
    package = importlib.util.module_from_spec(spec)
    sys.modules["bashlex"] = package  # so that bashlex.yacc can be imported before bashlex/__init__ runs
    try:
        import bashlex.yacc as yacc

        original = yacc.yacc

        def patched(*args: Any, **kwargs: Any) -> Any:
            pdict = sys._getframe(1).f_globals
            return replacement(yacc, original, pdict, args, kwargs)

        yacc.yacc = patched
        try:
            spec.loader.exec_module(package)
        finally:
            yacc.yacc = original
    except BaseException:
        for name in [m for m in sys.modules if m == "bashlex" or m.startswith("bashlex.")]:
            del sys.modules[name]
        raise


def _build(yacc: ModuleType, original: Any, pdict: dict[str, Any], args: tuple, kwargs: dict) -> Any:
    """bashlex's own build, as when it is imported normally."""
    return original(*args, module=sys.modules[pdict["__name__"]], **kwargs)


def _from_store(yacc: ModuleType, original: Any, pdict: dict[str, Any], args: tuple, kwargs: dict) -> Any:
    try:
        parser = _stored_parser(yacc, pdict)
    except Exception:  # a damaged data module must not cost more than the build
        parser = None
    return parser if parser is not None else _build(yacc, original, pdict, args, kwargs)


def _stored_parser(yacc: ModuleType, pdict: dict[str, Any]) -> Any:
    from refactor.bashlex_tables_data import TABLES

    key, info = grammar_key(yacc, pdict)
    stored = json.loads(TABLES)
    if stored["key"] != key:
        return None
    symbols = stored["symbols"]

    def table(rows: list[list[int]]) -> dict[int, dict[str, int]]:
        return {state: {symbols[row[i]]: row[i + 1] for i in range(0, len(row), 2)} for state, row in enumerate(rows)}

    productions = [yacc.Production(n, name, prod, func=func)
                   for n, (name, prod, func) in enumerate(stored["productions"])]
    for p in productions:
        p.bind(pdict)
    lr = SimpleNamespace(lr_productions=productions, lr_action=table(stored["action"]), lr_goto=table(stored["goto"]))
    parser = yacc.LRParser(lr, info.error_func)
    yacc.parse = parser.parse  # as yacc() leaves it
    return parser


def fresh() -> dict[str, Any]:
    """Import bashlex as it imports itself (tables built) and return its tables in the stored form, with their key.
    Needs a process that has not imported bashlex yet."""
    captured: dict[str, Any] = {}

    def capture(yacc: ModuleType, original: Any, pdict: dict[str, Any], args: tuple, kwargs: dict) -> Any:
        parser = _build(yacc, original, pdict, args, kwargs)
        # before bashlex.parser patches two action entries in place (its command-substitution fix)
        captured.update(tables(parser), key=grammar_key(yacc, pdict)[0])
        return parser

    if "bashlex" in sys.modules:
        raise RuntimeError("run in a fresh process: bashlex is already imported")
    _import(capture)
    return captured


def write_data() -> None:
    """Store bashlex's freshly built tables in refactor/bashlex_tables_data.py."""
    text = json.dumps(fresh(), separators=(",", ":"), sort_keys=True)
    lines = [""]
    for char in text:  # string literals of at most 110 characters each, escapes included
        if len(json.dumps(lines[-1] + char)) > 110:
            lines.append("")
        lines[-1] += char
    body = "\n".join(f"    {json.dumps(line)}" for line in lines)
    DATA.write_text('"""bashlex\'s parser tables and the grammar they were built from (generated by\n'
                    '``python -m refactor.bashlex_tables``; refactor/bashlex_tables.py reads them)."""\n\n'
                    f"TABLES = (\n{body}\n)\n", encoding="utf-8")


if __name__ == "__main__":
    write_data()
    print(f"wrote {DATA}")
