"""The checks every section of a run configuration shares: one value, one table.

A validator takes a value of the TOML file and gives it back checked (or raises
:class:`Invalid` with what to give instead); :class:`Context` collects every problem,
each naming its key, so the whole file is checked at once (``DESIGN.md``, "Run
configuration": a typo is an error that suggests the nearest known key, never a
default). The sections themselves are declared in :mod:`wres_wdes.config.parse`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Problem
from ..problems import nearest as _nearest


class Invalid(Exception):
    """A value that a validator cannot take; its message says what to give instead."""


@dataclass
class Context:
    """What validators need: where the file is, what is known so far, and the problems."""

    base: Path
    source: str
    problems: list[Problem] = field(default_factory=list)
    levels: tuple[str, ...] = ()

    def error(self, key: str, value: object, rule: str, *, code: str) -> None:
        self.problems.append(Problem.error(self.source, None, key, _shown(value), rule, code=code))


def _shown(value: object) -> object:
    """A value as a message shows it: tables and lists are summarised, not dumped."""
    if isinstance(value, Mapping):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return value


def nearest(word: str, known: list[str] | tuple[str, ...]) -> str:
    """``; did you mean X?`` for the closest known word, or an empty string."""
    return _nearest(word, known, quoted=False)


def unknown_key(where: str, key: str, known: list[str] | tuple[str, ...]) -> str:
    return f"unknown key {key} in {where}{nearest(key, known)} Known: " + ", ".join(known)


# --- validators of single values --------------------------------------------------


def text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("give text in quotes")
    return value.strip()


def optional_text(value: object) -> str:
    if not isinstance(value, str):
        raise Invalid("give text in quotes")
    return value.strip()


def boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise Invalid("give true or false")
    return value


def whole(low: int, high: int, hint: str) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid(hint)
        return value

    return check


def word_list(value: object) -> tuple[str, ...]:
    """A list of words (texts); a single text is not a list."""
    if not isinstance(value, list) or not value:
        raise Invalid('give a list of words in quotes, such as ["Disciplinary"]')
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise Invalid("every item of the list must be text in quotes")
    return tuple(v.strip() for v in value)


YEAR = whole(
    2015,
    2100,
    "give the reporting year as a whole number such as 2024 (census 31 March 2024); "
    "the WRES began in 2015",
)


Validator = Callable[[object, Context], Any]


def plain(check: Callable[[object], Any]) -> Validator:
    return lambda value, _ctx: check(value)


def table_of(value: object, section: str, ctx: Context) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        ctx.error(
            section,
            value,
            f"[{section}] must be a section (a table of keys)",
            code="invalid-config-value",
        )
        return {}
    return value


__all__ = [
    "YEAR",
    "Context",
    "Invalid",
    "Validator",
    "boolean",
    "nearest",
    "optional_text",
    "plain",
    "table_of",
    "text",
    "unknown_key",
    "whole",
    "word_list",
]
