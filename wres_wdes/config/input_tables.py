"""The ``[inputs]`` section: each input a path, or a table that describes its export.

``DESIGN.md``, "Run configuration": an input is a path, or a table of ``path``,
``sheet``, ``columns`` (canonical column = this file's header), ``values`` (the
file's words for yes and no) and ``keep`` (only rows whose column holds a listed
value). Paths are relative to the configuration file; every problem names its key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..classify._common import word_key
from ..contract import ANSWERS, INPUTS
from .checks import Context, Invalid, nearest, table_of, unknown_key, word_list
from .model import InputFile

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


def inputs_section(table: object, ctx: Context) -> dict[str, InputFile]:
    out: dict[str, InputFile] = {}
    for key, value in table_of(table, "inputs", ctx).items():
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


__all__ = ["INPUT_KEYS", "inputs_section"]
