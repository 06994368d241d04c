"""Turn raw text columns into typed ones, and classify groups in one place.

Raw values are kept (``ethnicity`` stays as the file wrote it); what the metrics
need is added beside them:

============================  =====================================================
column added                  from
============================  =====================================================
``ethnic_group``              ``ethnicity``: White / BME / Unknown
``disability_group``          ``disability``: Disabled / Non-disabled / Unknown
``band``                      ``pay_band``: ``band 5``, ``band 8a``, ``vsm`` …
``medical_subgroup``          ``pay_band``: consultant, trainee grade …
``wdes_cluster``              ``pay_band``: WDES metric 1 cluster 1–7
``staff_category``            ``staff_group``, ``occupation_code``, grade:
                              clinical / non-clinical / medical
``bank``                      ``assignment_category``: a bank-only assignment
============================  =====================================================

Booleans, dates, counts and numbers are parsed by kind (see
:mod:`wres_wdes.contract`); a value that cannot be parsed is an error naming the
row, column and value. Values that fall to Unknown are collected with their count.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from . import classify
from .classify._common import make_unknown_frame
from .contract import ANSWERS, Column, InputSpec
from .problems import Problem, row_problems

PARSERS: dict[str, tuple[Callable[..., Any], str]] = {
    "boolean": (classify.parse_boolean, "must be Yes or No (Y/N, True/False and 1/0 also work)"),
    "grounds": (classify.parse_grounds, "must name performance or ill health"),
    "date": (
        classify.parse_date,
        "must be a date, as 2024-03-31 or 31/03/2024 (day first, never month first)",
    ),
    "count": (classify.parse_count, "must be a whole number, 0 or more"),
    "number": (classify.parse_number, "must be a number, 0 or more"),
    "year": (classify.parse_count, "must be a four-digit year"),
}


def column_words(
    column: Column, values: Mapping[str, Mapping[str, Sequence[str]]] | None = None
) -> dict[str, tuple[str, ...]]:
    """The words of each answer of a column: the contract's, then the config's ``values``."""
    given = (values or {}).get(column.name, {})
    return {
        answer: (*column.words.get(answer, ()), *given.get(answer, ()))
        for answer in ANSWERS.get(column.kind, ())
    }


def _rule(column: Column, words: Mapping[str, Sequence[str]]) -> str:
    """What a column of a kind with answers must hold, and how to give a file's own words."""
    _, rule = PARSERS[column.kind]
    if column.kind == "boolean":
        listed = "; ".join(
            f"{answer}: " + ", ".join(f'"{w}"' for w in ws) for answer, ws in words.items() if ws
        )
        example = 'yes = ["…"], no = ["…"]'
    else:
        listed = "; ".join(
            f"{answer.replace('_', ' ')} words: " + ", ".join(ws) for answer, ws in words.items()
        )
        listed += "; a value naming both, or a negation such as 'not health related', is unclear"
        example = 'performance = ["…"], ill_health = ["…"]'
    return (
        f"{column.name} {rule}"
        + (f" ({listed})" if listed else "")
        + f"; give this file's own words with values = {{ {column.name} = {{ {example} }} }}"
    )


_STR = pd.Index([], dtype=str).dtype


@dataclass
class Standardised:
    """A typed frame and what standardising it found."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    unknown: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["file", "column", "value", "count", "reason"])
    )


def _text(series: pd.Series) -> pd.Series:
    """Trimmed text with blanks missing.

    A categorical column (as :mod:`wres_wdes.read` gives every non-identifier
    column) stays categorical: only its distinct values are trimmed, and values
    that become equal are merged.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        original = series.cat.categories
        categories = pd.Series(original.astype(str)).str.strip()
        categories = categories.mask(categories == "")
        if (
            original.dtype == _STR
            and not series.cat.ordered
            and categories.notna().all()
            and (categories.to_numpy() == original.astype(str).to_numpy()).all()
        ):
            # already trimmed, no blanks: nothing to merge or map
            return pd.Series(series.array, index=series.index)
        new_codes, uniques = pd.factorize(categories)
        old = series.cat.codes.to_numpy()
        codes = np.where(old >= 0, new_codes[np.maximum(old, 0)], -1)
        return pd.Series(
            pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype=str)),
            index=series.index,
        )
    out = series.astype("string").str.strip()
    return out.mask(out == "")


def _parse(parse, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``parse(raw)``; for a categorical column, on its distinct values only.

    Each category is parsed once and the answers spread to the rows by their
    codes (a blank row has code -1: missing, never invalid), so a date column of
    millions of rows costs one parse of its few thousand distinct dates.
    """
    if not isinstance(raw.dtype, pd.CategoricalDtype):
        return parse(raw)
    categories = pd.Series(raw.cat.categories.to_numpy(dtype=object), dtype=object)
    values, invalid = parse(categories)
    codes = raw.cat.codes.to_numpy()
    parsed = pd.Series(values.array.take(codes, allow_fill=True), index=raw.index, name=raw.name)
    bad = invalid.to_numpy(dtype=bool)[np.maximum(codes, 0)] & (codes >= 0)
    return parsed, pd.Series(bad, index=raw.index, name=raw.name)


def _classify_distinct(classify_fn, raw: pd.Series, overrides):
    """``classify_fn(raw, overrides)``, deciding each distinct value of a categorical once.

    Returns the classifier's result and a function that spreads its per-value
    answers (a Series or a column of its frame) over the rows. For a categorical
    column the classifier sees each category present once, in order of first
    appearance, and a blank last; its Unknown counts are then made row counts
    and ordered as :func:`~wres_wdes.classify._common.make_unknown_frame`
    orders them, so the result is the row-wise one.
    """
    if not isinstance(raw.dtype, pd.CategoricalDtype):
        return classify_fn(raw, overrides), lambda values: values
    codes = raw.cat.codes.to_numpy()
    k = len(raw.cat.categories)
    counts = np.bincount(codes.astype(np.intp) + 1, minlength=k + 1)  # missing first
    seen = pd.unique(codes)  # codes in order of first appearance
    seen = seen[seen >= 0].astype(np.intp)
    present = raw.cat.categories.to_numpy(dtype=object)[seen]
    found = classify_fn(pd.Series([*present, None], dtype=object), overrides)
    slot = np.full(k + 1, len(seen), dtype=np.intp)  # by code + 1; missing: the blank
    slot[seen + 1] = np.arange(len(seen))
    positions = slot[codes.astype(np.intp) + 1]
    rows_of = dict(zip(present, counts[seen + 1].tolist(), strict=True))
    blank_rows = int(counts[0])
    unknown = [
        (value, blank_rows if value is None else rows_of[value], reason)
        for value, reason in zip(found.unknown["value"], found.unknown["reason"], strict=True)
    ]
    found = type(found)(
        values=found.values,
        unknown=make_unknown_frame([row for row in unknown if row[1] > 0]),
    )

    def spread(values: pd.Series) -> pd.Series:
        if isinstance(values.dtype, pd.CategoricalDtype):
            return pd.Series(
                pd.Categorical.from_codes(
                    values.cat.codes.to_numpy()[positions], dtype=values.dtype
                ),
                index=raw.index,
            )
        return pd.Series(values.array.take(positions), index=raw.index)

    return found, spread


def _whole_number_ids(ids: pd.Series) -> tuple[pd.Series, str]:
    """Identifiers written as decimals by a spreadsheet (``1013.0``), as the whole numbers
    they are, so they match the same person in another file (``1013``).

    Only when *every* identifier is a whole number written with ``.0``: a mix is left
    as it is, since ``12.5`` would then be a real identifier.
    """
    if not len(ids):
        return ids, ""
    text = ids.astype("string")
    if not text.str.endswith(".0").fillna(False).any():
        return ids, ""
    decimal = text.str.fullmatch(r"\d+\.0+").fillna(True)
    if not decimal.all():
        return ids, ""
    whole = text.str.replace(r"\.0+$", "", regex=True)
    return whole.astype(ids.dtype if ids.dtype != object else object), (
        "identifiers are written as decimals (such as 1013.0), as a spreadsheet writes "
        "numbers: they are read as the whole numbers they are (1013)"
    )


def standardise(
    frame: pd.DataFrame,
    spec: InputSpec,
    source: str,
    origin: Mapping[str, str],
    mappings: Mapping[str, Mapping[str, str]] | None = None,
    values: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
) -> Standardised:
    """Parse and classify the contract's columns of one input.

    Parameters
    ----------
    frame
        Canonically named raw frame, indexed by file row number.
    spec
        The input's contract entry.
    source
        The file, for messages.
    origin
        Canonical column name to the header in the file, for messages.
    mappings
        Overrides of the reference data (config ``[mappings]``).
    values
        The config's ``values`` for this file: column to answer to words, beside
        the contract's own words (:func:`column_words`).
    """
    mappings = mappings or {}
    out = frame.copy()
    problems: list[Problem] = []
    unknowns: list[pd.DataFrame] = []

    def note_unknown(column: str, found: pd.DataFrame) -> None:
        if len(found):
            unknowns.append(found.assign(file=source, column=origin.get(column, column)))

    for column in spec.columns:
        name = column.name
        if name not in out.columns:
            continue
        raw = _text(out[name])
        if column.kind in PARSERS:
            parse, rule = PARSERS[column.kind]
            if column.kind == "grounds":  # the file's own words are whole values, first
                own = (values or {}).get(name, {})
                parse = partial(parse, **column.words, exact=own)
                rule = _rule(column, column_words(column, values))
            elif column.kind in ANSWERS:
                words = column_words(column, values)
                parse, rule = partial(parse, **words), _rule(column, words)
            parsed, invalid = _parse(parse, raw)
            if column.kind == "year":
                invalid = invalid | (parsed.notna() & ((parsed < 1900) | (parsed > 2100)))
            if invalid.any():
                rows = out.index[invalid.to_numpy()]
                problems += row_problems(
                    "error",
                    source,
                    origin.get(name, name),
                    rows,
                    raw,
                    rule if column.kind in ANSWERS else f"{name} {rule}",
                    code="invalid-value",
                )
            out[name] = parsed
        elif column.kind == "id":
            out[name], note = _whole_number_ids(raw)
            if note:
                problems.append(
                    Problem.warning(
                        source, None, origin.get(name, name), None, note, code="decimal-ids"
                    )
                )
        else:
            out[name] = raw

    kinds = {c.name: c.kind for c in spec.columns}
    if kinds.get("ethnicity") == "ethnicity" and "ethnicity" in out.columns:
        found, spread = _classify_distinct(
            classify.ethnic_group, out["ethnicity"], mappings.get("ethnicity")
        )
        out["ethnic_group"] = spread(found.values)
        note_unknown("ethnicity", found.unknown)
        # the high-level groups (Asian, Black, Mixed, Other, White), beyond the standard:
        # same values, same rules, so its unknowns are the ones just noted
        high, spread = _classify_distinct(
            classify.ethnic_high_level, out["ethnicity"], mappings.get("ethnicity")
        )
        out["ethnic_high_level"] = spread(high.values)
    if kinds.get("disability") == "disability" and "disability" in out.columns:
        found, spread = _classify_distinct(
            classify.disability_group, out["disability"], mappings.get("disability")
        )
        out["disability_group"] = spread(found.values)
        note_unknown("disability", found.unknown)
    bands = None
    if "pay_band" in out.columns:
        found, spread = _classify_distinct(
            classify.pay_band, out["pay_band"], mappings.get("pay_band")
        )
        for col in ("band", "medical_subgroup"):
            # categorical: a handful of values, counted by every metric-1 group-by
            out[col] = spread(found.values[col].astype("category"))
        out["wdes_cluster"] = spread(found.values["wdes_cluster"])
        bands = out[["band", "medical_subgroup", "wdes_cluster"]]
        note_unknown("pay_band", found.unknown)
    if {"staff_group", "occupation_code"} & set(out.columns) or bands is not None:
        overrides = {**mappings.get("staff_group", {}), **mappings.get("occupation_code", {})}
        found = classify.staff_category(
            out.get("staff_group"), out.get("occupation_code"), bands, overrides or None
        )
        out["staff_category"] = found.values
        if {"staff_group", "occupation_code"} & set(out.columns):
            note_unknown(
                "staff_group" if "staff_group" in out.columns else "occupation_code", found.unknown
            )
    if "assignment_category" in out.columns:
        out["bank"] = classify.is_bank(out["assignment_category"])

    unknown = (
        pd.concat(unknowns, ignore_index=True)[["file", "column", "value", "count", "reason"]]
        if unknowns
        else Standardised(out).unknown
    )
    return Standardised(out, problems, unknown)
