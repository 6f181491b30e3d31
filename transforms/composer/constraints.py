"""Composer version constraints (getcomposer.org/doc/articles/versions.md: ``^``, ``~``, ranges, ``||``,
wildcards), checked against a PHP minor version."""

from __future__ import annotations

import re


def satisfied(constraint: str, version: tuple[int, int]) -> bool:
    """True when every patch release of ``version`` meets Composer ``constraint``; unknown syntax → False."""
    lows, highs = (*version, 0), (*version, 999)
    try:
        return matches(constraint, lows) and matches(constraint, highs)
    except ValueError:
        return False


def matches(constraint: str, v: tuple[int, ...]) -> bool:
    return any(match_all(part.strip(), v) for part in re.split(r"\|\|?", constraint))


def match_all(group: str, v: tuple[int, ...]) -> bool:
    group = re.sub(r"\s*-\s+", " - ", group)
    m = re.fullmatch(r"(\S+) - (\S+)", group)
    if m:
        return parse(m.group(1)) <= v <= parse(m.group(2), high=True)
    atoms = [a for a in re.split(r"\s*,\s*|\s+", group) if a]
    merged: list[str] = []
    for a in atoms:  # ">= 8.1" written with a space
        if merged and re.fullmatch(r"[<>=!~^]+", merged[-1]):
            merged[-1] += a
        else:
            merged.append(a)
    return all(atom(a, v) for a in merged)


def parse(text: str, high: bool = False) -> tuple[int, ...]:
    text = re.sub(r"@\w+$", "", text).lstrip("v")
    text = re.sub(r"-(dev|alpha\d*|beta\d*|rc\d*|RC\d*)$", "", text)
    parts = text.split(".")
    nums: list[int] = []
    for p in parts:
        if p in ("*", "x", "X"):
            break
        if not p.isdigit():
            raise ValueError(text)
        nums.append(int(p))
    if not nums:
        raise ValueError(text)
    fill = 999 if high else 0
    return tuple((nums + [fill] * 3)[:3])


def atom(atom: str, v: tuple[int, ...]) -> bool:
    if atom in ("*", ""):
        return True
    m = re.fullmatch(r"(>=|<=|>|<|!=|==|=|\^|~)?(.+)", atom)
    if not m:
        raise ValueError(atom)
    op, ver = m.group(1) or "", m.group(2)
    # Only a wildcard is a range: a bare ``8.1`` is the one release 8.1.0 (composer/semver's VersionParser
    # normalizes it to 8.1.0.0 with the operator ``=``).
    if ver.endswith((".*", ".x")):
        low, high = parse(ver), parse(ver, high=True)
        return low <= v <= high if op in ("", "=", "==") else cmp(op, v, low)
    x = parse(ver)
    if op == "^":
        major = x[0]
        upper = (major + 1, 0, 0) if major > 0 else (0, x[1] + 1, 0)
        return x <= v < upper
    if op == "~":
        n = len(re.sub(r"@\w+$", "", ver).split("."))
        upper = (x[0] + 1, 0, 0) if n <= 2 else (x[0], x[1] + 1, 0)
        return x <= v < upper
    return cmp(op, v, x)


def cmp(op: str, v: tuple[int, ...], x: tuple[int, ...]) -> bool:
    return {"": v == x, "=": v == x, "==": v == x, ">=": v >= x, "<=": v <= x, ">": v > x, "<": v < x,
            "!=": v != x}[op]

