"""Check a run configuration: a table of sections, each a table of keys and validators.

Every section and key of the TOML file (``DESIGN.md``, "Run configuration") is
declared in :data:`SECTIONS` with the function that checks its value. Nothing
is ignored: an unknown section or key is an error that suggests the nearest
known one (``levles`` → ``levels``), a value of the wrong kind is an error that
says what to give, and every problem is reported at once, each naming its key.
Paths are relative to the configuration file.

The checks of single values and tables are :mod:`wres_wdes.config.checks`; the
``[inputs]`` section, the largest, is :mod:`wres_wdes.config.input_tables`.

The reporting year follows NHS England: WRES/WDES year *N* has its workforce
census on 31 March *N* and its data year from 1 April *N-1* to 31 March *N*
(``reference/wres.md`` §2, ``reference/wdes.md`` §1).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..contract import IDENTIFIER_COLUMNS
from ..problems import InputError, Problem
from .checks import (
    YEAR,
    Context,
    Invalid,
    Validator,
    boolean,
    nearest,
    optional_text,
    plain,
    table_of,
    text,
    unknown_key,
    whole,
)
from .input_tables import INPUT_KEYS as INPUT_KEYS
from .input_tables import inputs_section
from .model import MAPPING_KINDS, Config, HistoryFile
from .options import Options, check_option, option_rule

# --- the options ------------------------------------------------------------------
# One validator serves the file's [options], Config.with_options and Options itself
# (:mod:`wres_wdes.config.options`).

_DEFAULTS = Options()
_OPTION_NAMES = frozenset(Options.__dataclass_fields__)


def _options(table: object, ctx: Context) -> Options:
    values: dict[str, Any] = {}
    for key, value in table_of(table, "options", ctx).items():
        rule = option_rule(key, value)
        if rule is None:
            values[key] = check_option(key, value)
        else:
            code = "invalid-config-value" if key in _OPTION_NAMES else "unknown-config-key"
            ctx.error(f"options.{key}", value, rule, code=code)
    return replace(_DEFAULTS, **values)


# --- the other sections ------------------------------------------------------------


def _not_identifier(name: str, what: str) -> str:
    """``name``, unless it is a column that identifies people or records."""
    if name in IDENTIFIER_COLUMNS or name.strip().lower().replace(" ", "_") in IDENTIFIER_COLUMNS:
        raise Invalid(f"{name} identifies people or records and can never be {what}")
    return name


def _levels(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
        raise Invalid('give a list of column names, e.g. ["directorate", "unit"]')
    if "organisation" in value:
        raise Invalid("organisation is always a level; list only the columns below it")
    identifiers = [x for x in value if x in IDENTIFIER_COLUMNS]
    if identifiers:
        raise Invalid(
            f"{', '.join(identifiers)} identifies people or records and can never be a "
            "breakdown level"
        )
    if len(set(value)) != len(value):
        raise Invalid("a level is listed twice")
    return tuple(value)


def _mappings(table: object, ctx: Context) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for kind, mapping in table_of(table, "mappings", ctx).items():
        if kind not in MAPPING_KINDS:
            ctx.error(
                f"mappings.{kind}",
                None,
                unknown_key("[mappings]", kind, MAPPING_KINDS),
                code="unknown-config-key",
            )
            continue
        if not isinstance(mapping, Mapping) or not all(
            isinstance(v, str) for v in mapping.values()
        ):
            ctx.error(
                f"mappings.{kind}",
                None,
                'give a table of raw value = label, e.g. "XX" = "BME"',
                code="invalid-config-value",
            )
            continue
        checked = _check_mapping(kind, {str(k): v for k, v in mapping.items()})
        if checked is None:
            out[kind] = {str(k): v for k, v in mapping.items()}
        else:
            ctx.error(f"mappings.{kind}", None, checked, code="invalid-mapping")
    return out


def _check_mapping(kind: str, table: dict[str, str]) -> str | None:
    """What is wrong with a ``[mappings]`` table (a label no classifier knows), or None.

    The classifier itself checks its overrides, so the rule and its message are the
    ones it applies to the data."""
    import pandas as pd

    from .. import classify

    empty = pd.Series([], dtype=object)
    try:
        if kind == "ethnicity":
            classify.ethnic_group(empty, table)
        elif kind == "disability":
            classify.disability_group(empty, table)
        elif kind == "pay_band":
            classify.pay_band(empty, table)
        elif kind == "staff_group":
            classify.staff_category(empty, None, None, table)
        else:
            classify.staff_category(None, empty, None, table)
    except ValueError as exc:
        return str(exc)
    return None


def _history(value: object, ctx: Context) -> tuple[HistoryFile, ...]:
    """``[history] files``: a list of paths, or a table of year = path."""
    hint = (
        'give a list of earlier metrics.csv files, e.g. files = ["../2023/metrics.csv"], '
        'or a table of year = path, e.g. files = { 2023 = "../2023/metrics.csv" }'
    )
    if isinstance(value, Mapping):
        items: list[tuple[object, object]] = list(value.items())
    elif isinstance(value, list):
        items = [(None, f) for f in value]
    else:
        raise Invalid(hint)
    out = []
    for year, path in items:
        if year is not None and not (str(year).isdigit() and 2015 <= int(str(year)) <= 2100):
            ctx.error(
                f"history.files.{year}",
                path,
                "give the reporting year as the key, such as 2023",
                code="invalid-config-value",
            )
            continue
        if not isinstance(path, str) or not path:
            ctx.error("history.files", path, hint, code="invalid-config-value")
            continue
        resolved = (ctx.base / path).resolve()
        if not resolved.is_file():
            ctx.error(
                "history.files",
                path,
                f"the file does not exist (looked for {resolved})",
                code="missing-file",
            )
            continue
        out.append(HistoryFile(resolved, None if year is None else int(str(year))))
    return tuple(out)


def _templates(value: object, ctx: Context) -> Path:
    if not isinstance(value, str) or not (ctx.base / value).is_dir():
        raise Invalid(
            "give a folder holding WRES-return-template.xlsx and WRES-return-cellmap.csv "
            "(or the WDES pair)"
        )
    return (ctx.base / value).resolve()


SECTIONS: dict[str, dict[str, Validator] | Validator] = {
    "organisation": {
        "name": plain(text),
        "code": plain(optional_text),
        "column": plain(lambda v: _not_identifier(text(v), "the organisation column")),
    },
    "reporting": {"year": plain(YEAR)},
    "breakdown": {"levels": plain(_levels)},
    "inputs": inputs_section,
    "mappings": _mappings,
    "options": _options,
    "wdes9b": {"action_taken": plain(boolean), "narrative": plain(optional_text)},
    "history": {"files": _history},
    "publication": {
        "suppress_below": plain(
            whole(
                0,
                1000,
                "give a whole number such as 5 (counts from 1 to 4 are then shown as [c]); "
                "0 turns suppression off",
            )
        ),
        "suppress_board": plain(boolean),
    },
    "returns": {"templates": _templates},
}
"""Every section of a configuration: a table of its keys and their validators, or one
validator for a section whose keys are open (inputs, mappings, options)."""

REQUIRED = {("organisation", "name"), ("reporting", "year")}


def _section(name: str, value: object, ctx: Context) -> dict[str, Any]:
    """The checked keys of one section whose keys are declared."""
    keys = SECTIONS[name]
    assert isinstance(keys, dict)
    out: dict[str, Any] = {}
    for key, item in table_of(value, name, ctx).items():
        if key not in keys:
            ctx.error(
                f"{name}.{key}",
                item,
                unknown_key(f"[{name}]", key, list(keys)),
                code="unknown-config-key",
            )
            continue
        try:
            out[key] = keys[key](item, ctx)
        except Invalid as exc:
            ctx.error(f"{name}.{key}", item, str(exc), code="invalid-config-value")
    return out


def parse_config(data: Mapping[str, Any], base: Path, source: str = "config") -> Config:
    """Build a :class:`Config` from a parsed TOML table, reporting every problem.

    Raises
    ------
    InputError
        Listing every problem found in the configuration.
    """
    ctx = Context(base=base, source=source)
    for section in data:
        if section not in SECTIONS:
            ctx.error(
                section,
                None,
                f"unknown section [{section}]"
                + nearest(section, list(SECTIONS))
                + " Known: "
                + ", ".join(SECTIONS),
                code="unknown-config-section",
            )
    parsed: dict[str, Any] = {}
    # breakdown first: the inputs' columns tables may name its levels
    for name in (
        "organisation",
        "reporting",
        "breakdown",
        "wdes9b",
        "history",
        "publication",
        "returns",
    ):
        if name in data:
            parsed[name] = _section(name, data[name], ctx)
    ctx.levels = parsed.get("breakdown", {}).get("levels", ())
    for section, key in sorted(REQUIRED):
        if key not in parsed.get(section, {}) and not any(
            p.column == f"{section}.{key}" for p in ctx.problems
        ):
            ctx.error(
                f"{section}.{key}",
                None,
                "required: "
                + (
                    "give the organisation's name as text"
                    if key == "name"
                    else "give the reporting year, such as 2024"
                ),
                code="missing-config-key",
            )
    inputs = inputs_section(data.get("inputs", {}), ctx)
    mappings = _mappings(data.get("mappings", {}), ctx)
    options = _options(data.get("options", {}), ctx)
    if ctx.problems:
        raise InputError(ctx.problems)
    organisation = parsed["organisation"]
    wdes9b = parsed.get("wdes9b", {})
    return Config(
        organisation_name=organisation["name"],
        organisation_code=organisation.get("code", ""),
        organisation_column=organisation.get("column"),
        year=parsed["reporting"]["year"],
        inputs=inputs,
        levels=ctx.levels,
        mappings=mappings,
        options=options,
        wdes9b_action=wdes9b.get("action_taken"),
        wdes9b_narrative=wdes9b.get("narrative", ""),
        history=parsed.get("history", {}).get("files", ()),
        suppress_below=parsed.get("publication", {}).get("suppress_below", 5),
        suppress_board=parsed.get("publication", {}).get("suppress_board", False),
        return_templates=parsed.get("returns", {}).get("templates"),
    )


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and check a TOML run configuration.

    Raises
    ------
    InputError
        When the file is missing, is not valid TOML, or any key is wrong.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(
            [
                Problem.error(
                    str(path),
                    None,
                    None,
                    None,
                    "the configuration file does not exist",
                    code="missing-file",
                )
            ]
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            [
                Problem.error(
                    str(path),
                    None,
                    None,
                    None,
                    f"the configuration is not valid TOML: {exc}",
                    code="invalid-toml",
                )
            ]
        ) from None
    config = parse_config(data, path.parent, str(path))
    return replace(config, source=path)
