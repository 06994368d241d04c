"""NHS Staff Survey: respondent-level responses and the published figures made from them.

Question numbers, codes, numerators and denominators are those of the 2023 survey
(``reference/data-formats.md`` §5.1–5.3). Effects are log-odds shifts chosen to echo
national gaps (``wres.md`` §7, ``wdes.md`` §10): BME respondents report more harassment
from colleagues and discrimination, and less belief in equal opportunities; Disabled
respondents fare worse on every measure.
"""

from __future__ import annotations

import numpy as np

from . import _catalogue as cat
from ._draw import (
    Calendar,
    category_of,
    chance,
    choose,
    choose_rows,
    forms,
    logistic,
    logit,
    stream,
)
from ._table import Coded, Counts, Numbered, Table
from ._workforce import DIRECTORATE_NAMES, UNIT_DIRECTORATE, UNIT_NAMES, Organisations, Workforce

_ETHNIC_VOCAB, _ETHNIC_CUM = forms(cat.SURVEY_ETHNICITY)
_ETHNIC_GROUP = category_of(cat.SURVEY_ETHNICITY)
_CODES = np.array(cat.SURVEY_CODES, dtype=object)
_NOT_APPLICABLE = 9
_MISSING = 0.02  # share of answers left blank


def _yes(rng, base: float, shift: np.ndarray) -> np.ndarray:
    """True with probability ``logistic(logit(base) + shift)``."""
    return chance(rng, logistic(logit(base) + shift))


def _level(rng, any_: np.ndarray, weights) -> np.ndarray:
    """Frequency code: 1 (never) unless ``any_``, else 2..5 with ``weights``."""
    return np.where(any_, 2 + choose(rng, weights, any_.size), 1)


def _scale(rng, positive: np.ndarray) -> np.ndarray:
    """Satisfaction code 1–5: 4 or 5 if ``positive``, else 1–3."""
    high = 4 + choose(rng, (4, 1), positive.size)
    return np.where(positive, high, 1 + choose(rng, (15, 35, 50), positive.size))


def _blank_some(rng, answers: np.ndarray) -> np.ndarray:
    return np.where(chance(rng, _MISSING, answers.size), 0, answers)


def survey(seed: int, work: Workforce, orgs: Organisations, cal: Calendar) -> tuple[Table, Table]:
    """Respondents of the survey of autumn ``year - 1`` and the published figures.

    About 45% of substantive staff respond (bank-only staff are not surveyed). Survey
    ethnicity comes from the respondent (ESR unknowns answer too); about 22% answer
    Yes to the long-term condition question (q31a), against ~5% declared in ESR.
    """
    rng = stream(seed, "survey")
    s = work.staff
    p = np.where(s.bank, 0.0, np.array(cat.SURVEY_RESPONSE)[s.staff_group])
    person = np.flatnonzero(chance(rng, p))
    person = person[np.lexsort((rng.random(person.size), s.org[person]))]  # shuffled in org
    n = person.size
    org, unit = s.org[person], s.unit[person]

    esr_group = s.ethnic[person]
    known = np.where(
        esr_group == cat.UNKNOWN,
        np.where(chance(rng, orgs.bme_share[org]), cat.BME, cat.WHITE),
        esr_group,
    )
    ethnic_code = 1 + choose_rows(rng, _ETHNIC_CUM, known)  # index into "" + codes
    ethnic_code[chance(rng, 0.03, n)] = 0
    bme = (ethnic_code > 0) & (_ETHNIC_GROUP[np.maximum(ethnic_code - 1, 0)] == cat.BME)
    white = (ethnic_code > 0) & ~bme

    disabled = chance(rng, np.where(s.disabled[person] == cat.DISABLED, 0.9, 0.19))
    q31a = np.where(disabled, 1, 2)
    q31a[chance(rng, 0.02, n)] = 0
    d = (q31a == 1).astype(float)
    b = bme.astype(float)

    a = {}
    public = np.array([u[4] for u in cat.UNITS])[unit]
    a["q14a"] = _level(rng, _yes(rng, 0.24, public + 0.15 * b + 0.4 * d), (50, 28, 12, 10))
    a["q14b"] = _level(rng, _yes(rng, 0.07, 0.25 * b + 0.9 * d), (60, 25, 10, 5))
    a["q14c"] = _level(rng, _yes(rng, 0.13, 0.25 * b + 0.7 * d), (60, 25, 10, 5))
    harassed = (a["q14a"] >= 2) | (a["q14b"] >= 2) | (a["q14c"] >= 2)
    reported = _yes(rng, 0.5, -0.2 * d)
    a["q14d"] = np.where(
        harassed,
        np.where(reported, 1 + choose(rng, (7, 3), n), 3 + choose(rng, (8, 2), n)),
        np.where(chance(rng, 0.85, n), _NOT_APPLICABLE, 0),
    )
    a["q15"] = np.where(
        chance(rng, 0.22, n), _NOT_APPLICABLE, np.where(_yes(rng, 0.60, -0.5 * b - 0.4 * d), 1, 2)
    )
    a["q16a"] = np.where(_yes(rng, 0.05, 1.0 * b + 0.3 * d), 1, 2)
    a["q16b"] = np.where(_yes(rng, 0.055, 1.0 * b + 0.7 * d), 1, 2)
    a["q11d"] = np.where(_yes(rng, 0.55, 0.5 * d), 1, 2)
    a["q11e"] = np.where(a["q11d"] == 1, np.where(_yes(rng, 0.22, 0.45 * d), 1, 2), 0)
    a["q4b"] = _scale(rng, _yes(rng, 0.47, -0.1 * b - 0.45 * d))
    engagement = rng.normal(0.05 * b - 0.35 * d, 1.0)
    for q in cat.ENGAGEMENT_QUESTIONS:
        a[q] = np.clip(np.rint(3.75 + 0.8 * engagement + rng.normal(0.0, 0.6, n)), 1, 5)
    a["q31a"] = q31a
    a["q31b"] = np.where(q31a == 1, 1 + choose(rng, (55, 20, 25), n), 0)
    for q in a:  # routed-out answers stay blank; others are sometimes skipped
        if q not in ("q31a", "q31b", "q11e", "q14d"):
            a[q] = _blank_some(rng, a[q].astype(np.int64))
    a["q11e"] = np.where(a["q11d"] == 1, a["q11e"], 0)
    a["q31b"] = np.where(a["q31a"] == 1, a["q31b"], 0)

    responses: Table = {
        "respondent_id": Numbered(np.arange(1, n + 1), max(6, len(str(n))), prefix="R"),
        "survey_year": Coded(np.zeros(n, dtype=np.int64), np.array([str(cal.year - 1)])),
        "Organisation": Coded(org, orgs.names),
        "Directorate": Coded(UNIT_DIRECTORATE[unit], DIRECTORATE_NAMES),
        "Unit": Coded(unit, UNIT_NAMES),
        "ethnicity": Coded(ethnic_code, np.array(("", *_ETHNIC_VOCAB), dtype=object)),
        "disability": Coded(q31a, _CODES),
        **{
            q: Coded(np.where(a[q] == 9, 6, a[q]).astype(np.int64), _CODES)
            for q in cat.SURVEY_QUESTIONS
        },
    }
    return responses, results(a, white, bme, org, orgs)


def results(a: dict, white, bme, org, orgs: Organisations) -> Table:
    """Published WRES 5–8 and WDES 4a–8 figures of each organisation, from the answers.

    Numerators and denominators follow data-formats.md §5.3: WRES 5 / WDES 4a public:
    q14a in 2–5 over answered q14a; WRES 6: q14b or q14c in 2–5 over answered either;
    WRES 7 / WDES 5: q15 = 1 over q15 in 1–2; WRES 8: q16b = 1 over answered; WDES 4b:
    q14d in 1–2 over q14d in 1–4; WDES 6: q11e = 1 over answered; WDES 7: q4b in 4–5
    over answered; WDES 8: q31b = 1 over Disabled with q31b in 1–2.
    """

    def valid(q, low=1, high=5):
        return (a[q] >= low) & (a[q] <= high)

    def at_least_once(q):
        return a[q] >= 2

    disabled, non_disabled = a["q31a"] == 1, a["q31a"] == 2
    answered_b_or_c = valid("q14b") | valid("q14c")
    measures = [  # standard, metric, category, (group label, mask), positive, base
        ("WRES", "5", "", at_least_once("q14a") & valid("q14a"), valid("q14a")),
        ("WRES", "6", "", at_least_once("q14b") | at_least_once("q14c"), answered_b_or_c),
        ("WRES", "7", "", a["q15"] == 1, valid("q15", 1, 2)),
        ("WRES", "8", "", a["q16b"] == 1, valid("q16b", 1, 2)),
        ("WDES", "4a", "public", at_least_once("q14a") & valid("q14a"), valid("q14a")),
        ("WDES", "4a", "managers", at_least_once("q14b") & valid("q14b"), valid("q14b")),
        ("WDES", "4a", "colleagues", at_least_once("q14c") & valid("q14c"), valid("q14c")),
        ("WDES", "4b", "", valid("q14d", 1, 2), valid("q14d", 1, 4)),
        ("WDES", "5", "", a["q15"] == 1, valid("q15", 1, 2)),
        ("WDES", "6", "", a["q11e"] == 1, valid("q11e", 1, 2)),
        ("WDES", "7", "", valid("q4b", 4, 5), valid("q4b")),
        ("WDES", "8", "", a["q31b"] == 1, valid("q31b", 1, 2)),
    ]
    labels: list[tuple[str, str, str, str]] = []
    respondents, positive = [], []
    for standard, metric, category, hit, base in measures:
        if standard == "WRES":
            groups = [("White", white), ("BME", bme)]
        elif metric == "8":
            groups = [("Disabled", disabled)]
        else:
            groups = [("Disabled", disabled), ("Non-disabled", non_disabled)]
        for group, member in groups:
            labels.append((standard, metric, category, group))
            respondents.append(np.bincount(org, weights=base & member, minlength=orgs.count))
            positive.append(np.bincount(org, weights=hit & base & member, minlength=orgs.count))
    # rows: organisation-major, then measure and group in the order above
    n_rows = len(labels)
    row = np.tile(np.arange(n_rows), orgs.count)
    columns = list(zip(*labels, strict=True))
    table: Table = {}
    for name, values in zip(("standard", "metric", "category", "group"), columns, strict=True):
        vocab = list(dict.fromkeys(values))
        codes = np.array([vocab.index(v) for v in values])
        table[name] = Coded(codes[row], np.array(vocab, dtype=object))
    table["respondents"] = Counts(np.array(respondents).T.ravel().astype(np.int64))
    table["positive"] = Counts(np.array(positive).T.ravel().astype(np.int64))
    table["organisation"] = Coded(np.repeat(np.arange(orgs.count), n_rows), orgs.names)
    return table
