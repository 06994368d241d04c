"""Parse raw booleans, dates, counts and numbers; recognise bank assignments.

Each parser returns ``(values, invalid)``: the typed values aligned to the input
(missing where blank or invalid) and a boolean mask of the rows whose non-blank
value could not be read, so the caller can name the row, column and value. A
blank is never invalid; whether a blank is allowed is the schema's business.
Like the classifiers, parsers work on unique values.

Formats follow the input contract (``DESIGN.md``, "Input contract"): booleans
accept Y/N, Yes/No, True/False, 1/0; dates accept ISO and UK day-first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Final

import numpy as np
import pandas as pd

from wres_wdes.classify._common import MISSING_TEXT, as_series, factorize, normalise, word_key

_TRUE = frozenset({"y", "yes", "true", "t", "1"})
_FALSE = frozenset({"n", "no", "false", "f", "0"})
_BANK = re.compile(r"\bbank\b")
_NOT_BANK = re.compile(r"\b(?:non|not|no)\W*bank\b")

# (shape of the text, matched ignoring case, formats to try). Day-first or year-first only;
# never month-first.
_DATE_FORMATS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"), ("ISO8601",)),
    (re.compile(r"^\d{4}/\d{1,2}/\d{1,2}$"), ("%Y/%m/%d",)),
    (re.compile(r"^\d{8}$"), ("%Y%m%d",)),
    (re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$"), ("%d/%m/%Y",)),
    (re.compile(r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}$"), ("%d/%m/%Y %H:%M",)),
    (re.compile(r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}$"), ("%d/%m/%Y %H:%M:%S",)),
    (re.compile(r"^\d{1,2}-\d{1,2}-\d{4}$"), ("%d-%m-%Y",)),
    (re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$"), ("%d.%m.%Y",)),
    (re.compile(r"^\d{1,2}-[a-z]{3,9}-\d{4}$"), ("%d-%b-%Y", "%d-%B-%Y")),
    (re.compile(r"^\d{1,2} [a-z]{3,9} \d{4}$"), ("%d %b %Y", "%d %B %Y")),
)
_DATE_UNIT: Final = "datetime64[us]"  # microseconds: ESR's open end date 4712-12-31 fits
_THOUSANDS = re.compile(r"^[+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def _answers(raw: pd.Series, decide, blank, dtype) -> tuple[pd.Series, pd.Series]:
    """Decide each unique value: ``decide`` returns a value, or None if invalid."""
    index, uniques = factorize(raw)
    values, invalid = [], []
    for item in uniques:
        key = normalise(item)
        parsed = None if key is None else decide(item, key)
        values.append(blank if parsed is None else parsed)
        invalid.append(key is not None and parsed is None)
    values.append(blank)
    invalid.append(False)
    out = pd.Series(pd.array(values, dtype=dtype).take(index), index=raw.index, name=raw.name)
    return out, pd.Series(np.asarray(invalid, dtype=bool)[index], index=raw.index, name=raw.name)


def _word_keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(word_key(normalise(w) or "") for w in words) - {""}


def parse_boolean(
    raw: pd.Series, yes: Iterable[str] = (), no: Iterable[str] = ()
) -> tuple[pd.Series, pd.Series]:
    """Parse yes/no values.

    Accepts Y/N, Yes/No, True/False, T/F and 1/0 in any case and with surrounding
    spaces (``DESIGN.md`` input contract), Python or numpy booleans, and the
    column's own words for yes and for no (``yes=["Shortlisted"], no=["Not
    Shortlisted"]``), matched on their words: case, spaces and punctuation are
    ignored and ``&`` is ``and``, so ``Non-Mandatory`` and ``non mandatory`` are
    one word. A word is matched as the whole value, never as part of one
    (``Not Shortlisted`` contains ``Shortlisted``).

    Returns
    -------
    (values, invalid)
        ``values`` in pandas ``boolean`` dtype, ``<NA>`` for blanks and invalid
        values; ``invalid`` a bool Series, True where a non-blank value is not
        one of the above.

    Examples
    --------
    >>> values, invalid = parse_boolean(pd.Series(["Yes", " n ", "TRUE", None, "maybe"]))
    >>> values.tolist(), invalid.tolist()
    ([True, False, True, <NA>, <NA>], [False, False, False, False, True])
    >>> words = {"yes": ["Shortlisted"], "no": ["Not Shortlisted"]}
    >>> parse_boolean(pd.Series(["Not Shortlisted", "shortlisted"]), **words)[0].tolist()
    [False, True]
    """
    raw = as_series(raw, "parse_boolean")
    yes_words, no_words = _word_keys(yes), _word_keys(no)

    def decide(_item: object, key: str) -> bool | None:
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        words = word_key(key)
        return True if words in yes_words else False if words in no_words else None

    return _answers(raw, decide, pd.NA, "boolean")


NEGATIONS = frozenset({"not", "non", "no", "without", "excluding"})


def parse_grounds(
    raw: pd.Series,
    performance: Iterable[str] = (),
    ill_health: Iterable[str] = (),
    exact: Mapping[str, Iterable[str]] | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Capability grounds: ``performance`` or ``ill health``, read word by word.

    WDES 3 counts capability on the grounds of performance, not ill health
    (``reference/wdes.md`` §5). A file's own words (``exact``: answer to whole
    values, from the config's ``values``) decide first. Otherwise a value holding
    one of the ``ill_health`` words (a whole word or run of words: ``ill``,
    ``health``, ``sickness`` …) is ill health, and one holding a ``performance``
    word is performance. A value holding words of both, or an ill-health word
    negated (``not health related``, ``non-medical``), is invalid: reading it
    would be a guess, so the file's own words must say (``values``). Whole words
    only, so ``skills gap`` and ``will not improve`` hold no ``ill`` and are
    performance.

    Examples
    --------
    >>> values, invalid = parse_grounds(
    ...     pd.Series(["Ill Health", "will not improve", "Capability (not health related)", "x"]),
    ...     performance=["improve", "capability"], ill_health=["ill", "health"])
    >>> values.tolist(), invalid.tolist()
    (['ill health', 'performance', <NA>, <NA>], [False, False, True, True])
    """
    raw = as_series(raw, "parse_grounds")
    ill = _word_keys(ill_health)
    perf = _word_keys(performance)
    given = {key: answer for answer, words in (exact or {}).items() for key in _word_keys(words)}

    def holds(words: str, listed: frozenset[str]) -> bool:
        padded = f" {words} "
        return any(f" {w} " in padded for w in listed)

    def negated(words: str) -> bool:
        tokens = words.split()
        return any(
            token in NEGATIONS and holds(" ".join(tokens[i + 1 : i + 3]), ill)
            for i, token in enumerate(tokens)
        )

    def decide(_item: object, key: str) -> str | None:
        words = word_key(key)
        if words in given:
            return "ill health" if given[words] == "ill_health" else "performance"
        is_ill, is_performance = holds(words, ill), holds(words, perf)
        if negated(words) or (is_ill and is_performance):
            return None
        return "ill health" if is_ill else "performance" if is_performance else None

    return _answers(raw, decide, pd.NA, "string")


def _date_of_object(item: object) -> pd.Timestamp | None:
    """A date that is already a date (a spreadsheet cell read as a datetime)."""
    if isinstance(item, dt.date | np.datetime64):  # pandas Timestamp is a datetime
        stamp = pd.Timestamp(item)
        return stamp.tz_localize(None) if stamp.tzinfo is not None else stamp
    return None


def parse_date(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse dates written as ISO or UK day-first; never month-first.

    Accepted: ``2024-03-31`` (also with a time, ``2024-03-31 00:00:00`` or
    ``2024-03-31T09:30``), ``2024/03/31``, ``20240331``, ``31/03/2024`` (also
    with ``HH:MM`` or ``HH:MM:SS``), ``31-03-2024``, ``31.03.2024``,
    ``31-Mar-2024``, ``31 Mar 2024``, ``31 March 2024``; day and month may have
    one digit. Values that are already dates (``datetime``, ``date``,
    ``Timestamp``, ``numpy.datetime64``, as read from a spreadsheet) are kept.
    Rejected as invalid: two-digit years (``31/03/24``: the century is a
    guess), impossible dates (``31/02/2024``), month-first text that cannot be
    day-first (``03/31/2024``) and spreadsheet serial numbers (``45382``).

    Returns
    -------
    (values, invalid)
        ``values`` as ``datetime64[us]`` with ``NaT`` for blanks and invalid
        values; ``invalid`` True where a non-blank value is not a date.

    Examples
    --------
    >>> values, invalid = parse_date(pd.Series(["2024-03-31", "01/04/2023", "31-Mar-2024", "x"]))
    >>> [str(v.date()) if pd.notna(v) else None for v in values], invalid.tolist()
    (['2024-03-31', '2023-04-01', '2024-03-31', None], [False, False, False, True])
    """
    raw = as_series(raw, "parse_date")
    if isinstance(raw.dtype, pd.DatetimeTZDtype):
        raw = raw.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(raw.dtype):
        return raw.astype(_DATE_UNIT), pd.Series(False, index=raw.index, name=raw.name)
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    n = len(uniques)
    index = np.where(codes < 0, n, codes)
    parsed = np.full(n + 1, np.datetime64("NaT"), dtype=_DATE_UNIT)
    invalid = np.zeros(n + 1, dtype=bool)
    items = np.asarray(uniques, dtype=object)
    is_date = np.zeros(n, dtype=bool)
    if uniques.dtype == object:  # values a spreadsheet already held as dates
        is_date = np.fromiter((isinstance(x, dt.date | np.datetime64) for x in items), bool, n)
        if is_date.any():
            stamps = pd.DatetimeIndex([_date_of_object(x) for x in items[is_date]])
            parsed[:n][is_date] = stamps.as_unit("us").to_numpy()
    positions = np.flatnonzero(~is_date)
    # Text, spaces collapsed; case kept for ISO's "T" (month names match in any case).
    text = pd.Series(items[positions], index=positions, dtype=object).astype("str")
    spaced = text.str.contains(r"\s\s|[^\S ]|^\s|\s$", regex=True)
    if spaced.any():
        text[spaced] = text[spaced].str.replace(r"\s+", " ", regex=True).str.strip()
    blank = (text == "") | text.str.lower().isin(list(MISSING_TEXT))
    todo = text[~blank]
    invalid[todo.index.to_numpy()] = True
    for shape, formats in _DATE_FORMATS:
        matching = todo[todo.str.fullmatch(shape.pattern, case=False)]
        for fmt in formats:
            if matching.empty:
                break
            found = pd.to_datetime(matching, format=fmt, errors="coerce").dropna()
            at = found.index.to_numpy()
            parsed[at] = found.to_numpy().astype(_DATE_UNIT)
            invalid[at] = False
            matching = matching.drop(found.index)
            todo = todo.drop(found.index)
    values = pd.Series(parsed[index], index=raw.index, name=raw.name)
    return values, pd.Series(invalid[index], index=raw.index, name=raw.name)


def _number(item: object, key: str) -> float | None:
    """A finite, non-negative number, or None."""
    if isinstance(item, bool | np.bool_):
        return None
    if isinstance(item, int | float | np.integer | np.floating):
        number = float(item)
    else:
        text = key.replace(" ", "")
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            return None
    if not np.isfinite(number) or number < 0:
        return None
    return number


def parse_count(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse whole numbers, 0 or more.

    Accepts ``12``, ``12.0``, `` 12 ``, ``1,234`` and numbers already read as
    numbers. Invalid: text that is not a number, a fraction (``2.5``), a
    negative number, infinity.

    Returns
    -------
    (values, invalid)
        ``values`` as ``Int64`` with ``<NA>`` for blanks and invalid values;
        ``invalid`` True where a non-blank value is not a count.

    Examples
    --------
    >>> values, invalid = parse_count(pd.Series(["3", "4.0", "-1", "2.5", None]))
    >>> values.tolist(), invalid.tolist()
    ([3, 4, <NA>, <NA>, <NA>], [False, False, True, True, False])
    """
    raw = as_series(raw, "parse_count")

    def decide(item: object, key: str) -> int | None:
        number = _number(item, key)
        return int(number) if number is not None and number.is_integer() else None

    return _answers(raw, decide, pd.NA, "Int64")


def parse_number(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse decimal numbers, 0 or more (such as FTE).

    Accepts ``0.8``, ``.5``, ``1``, ``1,000.5`` and numbers already read as
    numbers. Invalid: text that is not a number, a negative number, infinity.

    Returns
    -------
    (values, invalid)
        ``values`` as ``Float64`` with ``<NA>`` for blanks and invalid values;
        ``invalid`` True where a non-blank value is not a number.

    Examples
    --------
    >>> values, invalid = parse_number(pd.Series(["0.8", "1", "-0.5", "x"]))
    >>> values.tolist(), invalid.tolist()
    ([0.8, 1.0, <NA>, <NA>], [False, False, True, True])
    """
    raw = as_series(raw, "parse_number")
    return _answers(raw, _number, pd.NA, "Float64")


def is_bank(assignment_category: pd.Series) -> pd.Series:
    """Whether each assignment is a bank assignment.

    True when the assignment category contains the word "bank" in any case
    (``Bank``, ``BANK``, ``Bank Staff``, ``Nursing Bank``) and does not negate it
    (``Non-Bank``, ``Not Bank``); False otherwise, including blanks. Bank-only
    assignments are excluded from WDES metric 1 from 2023 [confirmed:
    data-formats.md §3, S18] and from the WRES workforce counts [unconfirmed:
    wres.md §6].

    Examples
    --------
    >>> is_bank(pd.Series(["Permanent", "BANK", "Bank Staff", "Non-Bank", None])).tolist()
    [False, True, True, False, False]
    """
    raw = as_series(assignment_category, "is_bank")
    index, uniques = factorize(raw)
    answers = [
        bool(key and _BANK.search(key) and not _NOT_BANK.search(key))
        for key in map(normalise, uniques)
    ] + [False]
    return pd.Series(np.asarray(answers, dtype=bool)[index], index=raw.index, name=raw.name)
