"""Survey answers as the questionnaire codes them, and the survey's own groups.

Three jobs, each on the *unique* values of a column (one ``factorize``, a Python
decision per distinct value, one ``take`` back over the rows):

- :func:`code_answers`: a question's answers to its codes. Codes may come as
  ``1``, ``01`` or ``1.0``; labels (``Never``, ``1-2``, ``Strongly agree``) are
  accepted too. Blank and the contractor code ``99`` (Missing) are "not
  answered" (``reference/data-formats.md`` §5.2). Answers that Excel turned
  into dates are repaired: ``01-Feb`` (UK) or ``2-Jan`` (US) for ``1-2``,
  ``03-May`` for ``3-5``, ``06-Oct`` for ``6-10``, and the ISO dates a
  workbook cell holds (``2024-02-01``) [confirmed: S14, whose contractor file
  had them]. Anything else is outside the code list.
- :func:`ethnic_groups`: the survey's ethnic group answer to White / BME /
  Unknown, with the year's code list from ``reference/survey_ethnicity.csv``
  (codes 01–04 White, all other answered codes BME; the 2024 list adds
  Filipino and renumbers; ``data-formats.md`` §6).
- :func:`disability_groups`: the survey's long-term condition answer (1 Yes,
  2 No) to Disabled / Non-disabled / Unknown (``data-formats.md`` §6,
  ``wdes.md`` §6).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import reference
from ..classify._common import factorize, normalise, word_key
from ..classify.disability import DISABILITY_GROUPS
from ..classify.ethnicity import ETHNIC_GROUPS
from .questions import MISSING_CODES

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_NUMBER = re.compile(r"^0*(\d+)(?:\.0+)?$")
_ISO = re.compile(r"^\d{4}-(\d{1,2})-(\d{1,2})(?:[ t]00:00(?::00)?)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[-/ .]([a-z]{3,9})(?:[-/ .]\d{2,4})?$")
_MONTH_DAY = re.compile(r"^([a-z]{3,9})[-/ .](\d{1,2})(?:[-/ .]\d{2,4})?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/\d{2,4}$")
_CODE_LABEL = re.compile(r"^(\d{1,2})(?:\s*[-:.)]\s*|\s+)(.+)$")


@dataclass(frozen=True)
class Coded:
    """A question's answers as codes.

    Attributes
    ----------
    codes
        Text codes (``"1"``…), missing where not answered; index of the input.
    invalid
        True where a non-blank answer is not in the code list.
    repaired
        One row per distinct Excel date repaired: ``value`` (as in the file),
        ``label`` (``1-2``), ``code`` and ``count``.
    """

    codes: pd.Series
    invalid: pd.Series
    repaired: pd.DataFrame


def _date_pair(text: str) -> tuple[int, int] | None:
    """The two numbers of a date-looking answer (day and month, either order)."""
    if m := _ISO.match(text):
        return int(m.group(1)), int(m.group(2))
    if m := _DAY_MONTH.match(text):
        month = MONTHS.get(m.group(2))
        return None if month is None else (int(m.group(1)), month)
    if m := _MONTH_DAY.match(text):
        month = MONTHS.get(m.group(1))
        return None if month is None else (month, int(m.group(2)))
    if m := _SLASHED.match(text):
        return int(m.group(1)), int(m.group(2))
    return None


def excel_date_label(value: object) -> str | None:
    """The range label a date-looking answer stood for, such as ``"1-2"``; else None.

    Excel reads ``1-2`` as 1 February (UK) or 2 January (US), so the two numbers
    are put in order: the survey's ranges run low to high.

    >>> excel_date_label("01-Feb"), excel_date_label("2-Jan"), excel_date_label("06-Oct")
    ('1-2', '1-2', '6-10')
    >>> excel_date_label("2024-05-03"), excel_date_label("Never") is None
    ('3-5', True)
    """
    text = normalise(value)
    pair = None if text is None else _date_pair(text)
    if pair is None:
        return None
    low, high = sorted(pair)
    return f"{low}-{high}"


def _decide(
    value: object, answers: Mapping[str, str], labels: Mapping[str, str]
) -> tuple[str | None, str]:
    """``(code, how)``: how is ``blank``, ``code``, ``label``, ``date`` or ``invalid``."""
    text = normalise(value)
    if text is None:
        return None, "blank"
    if m := _NUMBER.match(text):
        code = m.group(1)
        if code in answers:
            return code, "code"
        if code in MISSING_CODES:
            return None, "blank"
        return None, "invalid"
    if (code := labels.get(word_key(text))) is not None:
        return code, "label"
    label = excel_date_label(text)
    if label is not None and (code := labels.get(word_key(label))) is not None:
        return code, "date"
    return None, "invalid"


def code_answers(raw: pd.Series, answers: Mapping[str, str]) -> Coded:
    """A question's answers as codes of ``answers`` (code → label).

    Examples
    --------
    >>> frequency = {"1": "Never", "2": "1-2", "3": "3-5", "4": "6-10", "5": "More than 10"}
    >>> coded = code_answers(pd.Series(["1", "01-Feb", "5", "", "99", "7"]), frequency)
    >>> coded.codes.tolist(), coded.invalid.tolist()
    (['1', '2', '5', <NA>, <NA>, <NA>], [False, False, False, False, False, True])
    """
    labels = {word_key(normalise(label) or ""): code for code, label in answers.items()}
    index, uniques = factorize(raw.astype(object))
    decided = [_decide(u, answers, labels) for u in uniques] + [(None, "blank")]
    codes = np.array([d[0] for d in decided], dtype=object)[index]
    how = np.array([d[1] for d in decided], dtype=object)[index]
    out = pd.Series(codes, index=raw.index, dtype="string")
    counts = np.bincount(index, minlength=len(decided))
    repaired = pd.DataFrame(
        [
            (u, answers[str(code)], code, int(counts[i]))  # a repaired date has its code
            for i, (u, (code, kind)) in enumerate(zip(uniques, decided[:-1], strict=True))
            if kind == "date"
        ],
        columns=["value", "label", "code", "count"],
    )
    return Coded(out, pd.Series(how == "invalid", index=raw.index), repaired)


@dataclass(frozen=True)
class Grouped:
    """A survey group column, and the values not recognised (counted as Unknown).

    Attributes
    ----------
    values
        Categorical: White / BME / Unknown, or Disabled / Non-disabled / Unknown.
    unrecognised
        ``value`` and ``count`` of each non-blank value not in the code list.
    """

    values: pd.Series
    unrecognised: pd.DataFrame


def _group(raw: pd.Series, decide, categories: tuple[str, ...]) -> Grouped:
    index, uniques = factorize(raw.astype(object))
    decided = [decide(normalise(u)) for u in uniques] + ["Unknown"]
    groups = np.array(decided, dtype=object)[index]
    values = pd.Series(pd.Categorical(groups, categories=list(categories)), index=raw.index)
    counts = np.bincount(index, minlength=len(decided))
    bad = [(u, int(counts[i])) for i, u in enumerate(uniques) if decided[i] is None]
    return Grouped(values.fillna("Unknown"), pd.DataFrame(bad, columns=["value", "count"]))


def _is_missing(text: str) -> bool:
    m = _NUMBER.match(text)
    return m is not None and m.group(1) in MISSING_CODES


@functools.cache
def _ethnicity_table() -> pd.DataFrame:
    return reference.load("survey_ethnicity")


def ethnicity_codes(year: int) -> dict[str, str]:
    """The survey year's ethnic group codes (two digits) to White or BME."""
    t = _ethnicity_table()
    first = t["first_year"].astype(int)
    last = pd.to_numeric(t["last_year"].replace("", np.nan)).fillna(9999)
    rows = t[(first <= year) & (year <= last) & (t["code"] != "")]
    return dict(zip(rows["code"], rows["group"], strict=True))


def ethnic_groups(raw: pd.Series, year: int) -> Grouped:
    """The survey's ethnic group answers to White / BME / Unknown.

    Codes follow the survey year's list (``01``–``04`` White, others BME; 2024
    has 19 codes); labels of any year's list and the group names ``White``,
    ``BME`` are accepted; ``01 English, Welsh…`` (code and label) uses the
    code. Blank and ``99`` are Unknown; anything else is Unknown and reported.

    >>> ethnic_groups(pd.Series(["01", "4", "14", "Arab", "", "77"]), 2023).values.tolist()
    ['White', 'White', 'BME', 'BME', 'Unknown', 'Unknown']
    """
    codes = ethnicity_codes(year)
    t = _ethnicity_table()
    labels = {
        word_key(normalise(label) or ""): group
        for label, group in zip(t["label"], t["group"], strict=True)
    }

    def decide(text: str | None) -> str | None:
        if text is None or _is_missing(text):
            return "Unknown"
        if m := _NUMBER.match(text):
            return codes.get(m.group(1).zfill(2))
        if (group := labels.get(word_key(text))) is not None:
            return group
        if m := _CODE_LABEL.match(text):
            return codes.get(m.group(1).zfill(2))
        return None

    return _group(raw, decide, ETHNIC_GROUPS)


def disability_groups(
    raw: pd.Series,
    answers: Mapping[str, str] | None = None,
    disabled: frozenset[str] = frozenset({"1"}),
) -> Grouped:
    """The survey's long-term condition answers to Disabled / Non-disabled / Unknown.

    Parameters
    ----------
    raw
        Answers: codes (1 Yes, 2 No), labels (Yes, No) or group names.
    answers, disabled
        The question's code list and the codes meaning Disabled, from the
        map's ``long_term_condition`` row; default 1 Yes, 2 No.

    >>> disability_groups(pd.Series(["1", "2", "Yes", "no", "", "3"])).values.tolist()
    ['Disabled', 'Non-disabled', 'Disabled', 'Non-disabled', 'Unknown', 'Unknown']
    """
    answers = answers or {"1": "Yes", "2": "No"}
    known = {code: ("Disabled" if code in disabled else "Non-disabled") for code in answers}
    words = {word_key(normalise(label) or ""): known[code] for code, label in answers.items()}
    words.update(
        {
            "y": "Disabled",
            "disabled": "Disabled",
            "n": "Non-disabled",
            "non disabled": "Non-disabled",
            "not disabled": "Non-disabled",
        }
    )

    def decide(text: str | None) -> str | None:
        if text is None or _is_missing(text):
            return "Unknown"
        if m := _NUMBER.match(text):
            return known.get(m.group(1))
        return words.get(word_key(text))

    return _group(raw, decide, DISABILITY_GROUPS)
