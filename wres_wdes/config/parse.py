"""Check a run configuration: a table of sections, each a table of keys and validators.

Every section and key of the TOML file (``DESIGN.md``, "Run configuration") is
declared in :data:`SECTIONS` with the function that checks its value. Nothing
is ignored: an unknown section or key is an error that suggests the nearest
known one (``levles`` → ``levels``), a value of the wrong kind is an error that
says what to give, and every problem is reported at once, each naming its key.
Paths are relative to the configuration file.

The reporting year follows NHS England: WRES/WDES year *N* has its workforce
census on 31 March *N* and its data year from 1 April *N-1* to 31 March *N*
(``reference/wres.md`` §2, ``reference/wdes.md`` §1).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..classify._common import word_key
from ..contract import ANSWERS, IDENTIFIER_COLUMNS, INPUTS
from ..problems import InputError, Problem
from ..problems import nearest as _nearest
from .model import MAPPING_KINDS, Config, HistoryFile, InputFile
from .options import Options, check_option, option_rule


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


# --- the options ------------------------------------------------------------------
# One validator serves the file's [options], Config.with_options and Options itself
# (:mod:`wres_wdes.config.options`).

_DEFAULTS = Options()
_OPTION_NAMES = frozenset(Options.__dataclass_fields__)


def _options(table: object, ctx: Context) -> Options:
    values: dict[str, Any] = {}
    for key, value in _table(table, "options", ctx).items():
        rule = option_rule(key, value)
        if rule is None:
            values[key] = check_option(key, value)
        else:
            code = "invalid-config-value" if key in _OPTION_NAMES else "unknown-config-key"
            ctx.error(f"options.{key}", value, rule, code=code)
    return replace(_DEFAULTS, **values)


# --- inputs -----------------------------------------------------------------------

INPUT_KEYS = ("path", "sheet", "columns", "values", "keep")
"""The keys of an input given as a table (``DESIGN.md``, "Run configuration")."""


def _input(key: str, value: object, ctx: Context) -> InputFile | None:
    """One ``[inputs]`` entry: a path, or a table of path, sheet, columns, values, keep."""
    where = f"inputs.{key}"
    table: Mapping[str, Any] = value if isinstance(value, Mapping) else {"path": value}
    for sub in table:
        if sub not in INPUT_KEYS:
            ctx.error(
                f"{where}.{sub}",
                table[sub],
                unknown_key(where, sub, INPUT_KEYS),
                code="unknown-config-key",
            )
    path = table.get("path")
    if not isinstance(path, str) or not path:
        ctx.error(
            where,
            path,
            'give a path such as "staff.csv" or a table { path = "staff.xlsx", sheet = "Data" }',
            code="invalid-config-value",
        )
        return None
    resolved = (ctx.base / path).resolve()
    ok = True
    if not resolved.is_file():
        ctx.error(
            where, path, f"the file does not exist (looked for {resolved})", code="missing-file"
        )
        ok = False
    sheet = table.get("sheet")
    if sheet is not None and (not isinstance(sheet, str) or not sheet):
        ctx.error(
            f"{where}.sheet",
            sheet,
            "give the worksheet's name in quotes",
            code="invalid-config-value",
        )
        sheet, ok = None, False
    columns = _columns(key, table.get("columns", {}), ctx)
    values = _values(key, table.get("values", {}), columns, ctx)
    keep = _keep(key, table.get("keep", {}), ctx)
    if not ok or columns is None or values is None or keep is None:
        return None
    return InputFile(resolved, sheet, columns, values, keep)


def _columns(key: str, table: object, ctx: Context) -> dict[str, str | None] | None:
    """``columns = { canonical = "Header in this file" }``; ``false`` for "no such column"."""
    where = f"inputs.{key}.columns"
    if not isinstance(table, Mapping):
        ctx.error(
            where,
            table,
            'give a table, e.g. columns = { directorate = "Org L4" }',
            code="invalid-config-value",
        )
        return None
    spec = INPUTS[key]
    known = [c.name for c in spec.columns if c.matched]
    allowed = [*known, *(lv for lv in ctx.levels if lv not in known)]
    out: dict[str, str | None] = {}
    before = len(ctx.problems)
    for name, header in table.items():
        if name == "organisation":
            ctx.error(
                f"{where}.organisation",
                header,
                "the organisation of every input is named once, in [organisation] "
                f'column = "{header}"',
                code="invalid-config-value",
            )
        elif name not in allowed:
            ctx.error(
                f"{where}.{name}",
                header,
                f"{key} has no column {name}{nearest(name, allowed)} Its columns: "
                + ", ".join(allowed),
                code="unknown-config-key",
            )
        elif header is False:
            if INPUTS[key].column(name).required:
                ctx.error(
                    f"{where}.{name}",
                    header,
                    f"{name} is required in {key}",
                    code="invalid-config-value",
                )
            out[name] = None
        elif not isinstance(header, str) or not header.strip():
            ctx.error(
                f"{where}.{name}",
                header,
                "give the header of this file in quotes, or false for a file without it",
                code="invalid-config-value",
            )
        else:
            out[name] = header.strip()
    headers = [h for h in out.values() if h is not None]
    for header in {h for h in headers if headers.count(h) > 1}:
        ctx.error(where, header, "one header is named for two columns", code="config-conflict")
    return out if len(ctx.problems) == before else None


def _values(
    key: str, table: object, columns: Mapping[str, str | None] | None, ctx: Context
) -> dict[str, dict[str, tuple[str, ...]]] | None:
    """``values = { column = { yes = [...], no = [...] } }`` for columns with answers."""
    where = f"inputs.{key}.values"
    if not isinstance(table, Mapping):
        ctx.error(
            where,
            table,
            'give a table, e.g. values = { shortlisted = { yes = ["S"] } }',
            code="invalid-config-value",
        )
        return None
    spec = INPUTS[key]
    with_answers = [c.name for c in spec.columns if c.kind in ANSWERS]
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    before = len(ctx.problems)
    for name, words in table.items():
        if name not in with_answers:
            ctx.error(
                f"{where}.{name}",
                words,
                f"values can be given for {', '.join(with_answers) or 'no column'} of {key}"
                + nearest(name, with_answers),
                code="unknown-config-key",
            )
            continue
        answers = ANSWERS[spec.column(name).kind]
        if not isinstance(words, Mapping) or not words:
            ctx.error(
                f"{where}.{name}",
                words,
                "give a table of "
                + " and ".join(f'{a} = ["…"]' for a in answers)
                + ", the words this file uses",
                code="invalid-config-value",
            )
            continue
        out[name] = {}
        for answer, listed in words.items():
            if answer not in answers:
                ctx.error(
                    f"{where}.{name}.{answer}",
                    listed,
                    f"the answers of {name} are "
                    + " and ".join(answers)
                    + nearest(answer, answers),
                    code="unknown-config-key",
                )
                continue
            try:
                out[name][answer] = word_list(listed)
            except Invalid as exc:
                ctx.error(f"{where}.{name}.{answer}", listed, str(exc), code="invalid-config-value")
        seen: dict[str, str] = {}
        for answer, listed in out[name].items():
            for word in listed:
                other = seen.setdefault(word_key(word.casefold()), answer)
                if other != answer:
                    ctx.error(
                        f"{where}.{name}",
                        word,
                        f"the word is listed for both {other} and {answer}",
                        code="config-conflict",
                    )
    return out if len(ctx.problems) == before else None


def _keep(key: str, table: object, ctx: Context) -> dict[str, tuple[str, ...]] | None:
    """``keep = { "Header" = ["value", ...] }``: only rows holding a listed value are used."""
    where = f"inputs.{key}.keep"
    if not isinstance(table, Mapping):
        ctx.error(
            where,
            table,
            'give a table, e.g. keep = { "Case Type" = ["Disciplinary"] }',
            code="invalid-config-value",
        )
        return None
    out: dict[str, tuple[str, ...]] = {}
    before = len(ctx.problems)
    for header, listed in table.items():
        try:
            out[str(header)] = word_list(listed)
        except Invalid as exc:
            ctx.error(f'{where}."{header}"', listed, str(exc), code="invalid-config-value")
    return out if len(ctx.problems) == before else None


def _inputs(table: object, ctx: Context) -> dict[str, InputFile]:
    out: dict[str, InputFile] = {}
    for key, value in _table(table, "inputs", ctx).items():
        if key not in INPUTS:
            ctx.error(
                f"inputs.{key}",
                value,
                unknown_key("[inputs]", key, list(INPUTS)),
                code="unknown-config-key",
            )
            continue
        found = _input(key, value, ctx)
        if found is not None:
            out[key] = found
    if "applications" in out and "applications_summary" in out:
        ctx.error(
            "inputs.applications_summary",
            None,
            "give either applications (one row per application) or "
            "applications_summary (counts), not both",
            code="config-conflict",
        )
    return out


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
    for kind, mapping in _table(table, "mappings", ctx).items():
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


Validator = Callable[[object, Context], Any]


def _plain(check: Callable[[object], Any]) -> Validator:
    return lambda value, _ctx: check(value)


SECTIONS: dict[str, dict[str, Validator] | Validator] = {
    "organisation": {
        "name": _plain(text),
        "code": _plain(optional_text),
        "column": _plain(lambda v: _not_identifier(text(v), "the organisation column")),
    },
    "reporting": {"year": _plain(YEAR)},
    "breakdown": {"levels": _plain(_levels)},
    "inputs": _inputs,
    "mappings": _mappings,
    "options": _options,
    "wdes9b": {"action_taken": _plain(boolean), "narrative": _plain(optional_text)},
    "history": {"files": _history},
    "publication": {
        "suppress_below": _plain(
            whole(
                0,
                1000,
                "give a whole number such as 5 (counts from 1 to 4 are then shown as [c]); "
                "0 turns suppression off",
            )
        ),
        "suppress_board": _plain(boolean),
    },
    "returns": {"templates": _templates},
}
"""Every section of a configuration: a table of its keys and their validators, or one
validator for a section whose keys are open (inputs, mappings, options)."""

REQUIRED = {("organisation", "name"), ("reporting", "year")}


def _table(value: object, section: str, ctx: Context) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        ctx.error(
            section,
            value,
            f"[{section}] must be a section (a table of keys)",
            code="invalid-config-value",
        )
        return {}
    return value


def _section(name: str, value: object, ctx: Context) -> dict[str, Any]:
    """The checked keys of one section whose keys are declared."""
    keys = SECTIONS[name]
    assert isinstance(keys, dict)
    out: dict[str, Any] = {}
    for key, item in _table(value, name, ctx).items():
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
    inputs = _inputs(data.get("inputs", {}), ctx)
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


def load_config(path: str | Path) -> Config:
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
