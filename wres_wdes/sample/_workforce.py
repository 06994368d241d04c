"""Organisations, the staff in post at the census date, and the year's leavers."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from . import _catalogue as cat
from ._draw import (
    Calendar,
    allocate,
    calibrate,
    chance,
    choose_rows,
    cumulative,
    forms,
    logistic,
    stream,
)
from ._table import Coded, Numbered, Table

# --- vocabularies as arrays ------------------------------------------------------------------

UNIT_NAMES = np.array([u[0] for u in cat.UNITS], dtype=object)
UNIT_DIRECTORATE = np.array([u[1] for u in cat.UNITS])
DIRECTORATE_NAMES = np.array(cat.DIRECTORATES, dtype=object)
_UNIT_WEIGHTS = np.array([u[2] for u in cat.UNITS], dtype=float)
_STAFF_GROUP_CUM = cumulative([u[3] for u in cat.UNITS])

ETHNIC_VOCAB, _ETHNIC_CUM = forms(cat.ESR_ETHNIC_ORIGIN)
DISABILITY_VOCAB, _DISABILITY_CUM = forms(cat.ESR_DISABILITY)
GRADE_VOCAB, _GRADE_FORM_CUM = forms(cat.GRADE_FORMS)
OCCUPATION_VOCAB, _OCCUPATION_CUM = forms(cat.OCCUPATIONS)
_GRADE_CUM = cumulative(
    [
        [mix[bank].get(grade, 0.0) for grade in cat.GRADES]
        for bank in (0, 1)
        for _, mix in sorted(cat.GRADE_MIX.items())
    ]
)  # rows: staff group + 8 × bank
_AGE = np.array([cat.AGE[g] for g in cat.GRADES], dtype=float)
_BME_BY_GRADE = np.array(cat.BME_BY_GRADE)
_BME_BY_STAFF_GROUP = np.array(cat.BME_BY_STAFF_GROUP)
_TRAINEE = np.isin(np.arange(len(cat.GRADES)), cat.TRAINEE_GRADES)
_SENIOR = np.isin(np.arange(len(cat.GRADES)), cat.SENIOR_GRADES)
_FTE_CUM = cumulative(cat.FTE_MIX)
_REASON_VOCAB = np.array([r[0] for r in cat.LEAVING_REASONS], dtype=object)
_REASON_CUM = cumulative(np.array([r[1] for r in cat.LEAVING_REASONS]).T)

LEAVER_SHARE = 0.10
"""Leavers in the data year, as a share of the staff in post."""


@dataclass(frozen=True)
class Organisations:
    """The organisations of a run: names, codes, headcounts and their own mixes."""

    names: np.ndarray
    codes: tuple[str, ...]
    headcount: np.ndarray
    bme_share: np.ndarray
    unit_cum: np.ndarray

    @property
    def count(self) -> int:
        return self.headcount.size


def organisations(seed: int, staff: int, count: int) -> Organisations:
    """One trust named like a real one, or ``count`` "Synthetic Trust nnn" of varied size
    and ethnic mix (BME share among staff of known ethnicity ~ Beta(2.2, 5.5))."""
    rng = stream(seed, "organisations")
    codes: tuple[str, ...]
    if count == 1:
        names, codes = [cat.TRUST_NAME], (cat.TRUST_CODE,)
        bme = np.array([0.27])
        unit_weights = _UNIT_WEIGHTS[None, :]
        headcount = np.array([staff])
    else:
        width = max(3, len(str(count)))
        codes = tuple(f"S{k:0{width}d}" for k in range(1, count + 1))
        names = [f"Synthetic Trust {k:0{width}d}" for k in range(1, count + 1)]
        bme = np.clip(rng.beta(2.2, 5.5, count), 0.03, 0.75)
        unit_weights = _UNIT_WEIGHTS * rng.lognormal(0.0, 0.4, (count, _UNIT_WEIGHTS.size))
        headcount = 1 + allocate(staff - count, rng.lognormal(0.0, 0.6, count))
    return Organisations(
        np.array(names, dtype=object), codes, headcount, bme, cumulative(unit_weights)
    )


@dataclass
class People:
    """Attributes of people (staff or leavers), one integer code per person."""

    org: np.ndarray
    unit: np.ndarray
    staff_group: np.ndarray
    bank: np.ndarray
    grade: np.ndarray
    age: np.ndarray
    female: np.ndarray
    ethnic: np.ndarray  # cat.WHITE / BME / UNKNOWN
    ethnic_raw: np.ndarray
    disabled: np.ndarray  # cat.DISABLED / NON_DISABLED / UNKNOWN
    disability_raw: np.ndarray
    grade_raw: np.ndarray
    occupation: np.ndarray
    category: np.ndarray
    fte: np.ndarray
    tenure: np.ndarray  # days in post before the reference day
    start: np.ndarray | None = None  # hire date (day index)
    number: np.ndarray | None = None  # employee number

    @property
    def start_days(self) -> np.ndarray:
        """:attr:`start`, once :func:`workforce` has set it."""
        assert self.start is not None, "hire dates are set when the workforce is made"
        return self.start

    @property
    def numbers(self) -> np.ndarray:
        """:attr:`number`, once :func:`workforce` has set it."""
        assert self.number is not None, "employee numbers are set when the workforce is made"
        return self.number

    def take(self, index: np.ndarray) -> People:
        taken: dict[str, Any] = {
            f.name: None if getattr(self, f.name) is None else getattr(self, f.name)[index]
            for f in fields(self)
        }
        return People(**taken)

    def __len__(self) -> int:
        return self.org.size


def _people(rng: np.random.Generator, orgs: Organisations, org: np.ndarray, intercept) -> People:
    n = org.size
    unit = choose_rows(rng, orgs.unit_cum, org)
    group = choose_rows(rng, _STAFF_GROUP_CUM, unit)
    bank = chance(rng, np.array(cat.BANK_SHARE)[group])
    grade = choose_rows(rng, _GRADE_CUM, group + 8 * bank)
    mean, sd = _AGE[grade].T
    age = np.clip(np.rint(rng.normal(mean, sd)), 18, 70).astype(np.int64)
    female = chance(rng, np.array(cat.FEMALE_SHARE)[group])

    ethnic = np.where(
        chance(rng, _bme_probability(intercept[org], grade, group, bank)), cat.BME, cat.WHITE
    )
    ethnic[chance(rng, np.where(bank, 0.10, 0.035))] = cat.UNKNOWN

    p_disabled = 0.06 * np.select([age < 30, age >= 50], [0.8, 1.25], 1.0)
    p_disabled = p_disabled * np.where(_SENIOR[grade], 0.55, 1.0)
    disabled = np.where(chance(rng, p_disabled), cat.DISABLED, cat.NON_DISABLED)
    disabled[chance(rng, np.where(bank, 0.35, 0.20))] = cat.UNKNOWN

    category = np.where(
        chance(rng, np.where(_TRAINEE[grade], 0.9, 0.06)), cat.FIXED_TERM, cat.PERMANENT
    )
    category[bank] = cat.BANK
    trainee_tenure = rng.exponential(1.2 * 365, n).clip(max=4 * 365)
    tenure = np.where(_TRAINEE[grade], trainee_tenure, rng.exponential(8 * 365, n))
    tenure = np.clip(tenure, 1, np.maximum((age - 18) * 365, 1)).astype(np.int64)
    return People(
        org=org,
        unit=unit,
        staff_group=group,
        bank=bank,
        grade=grade,
        age=age,
        female=female,
        ethnic=ethnic,
        ethnic_raw=choose_rows(rng, _ETHNIC_CUM, ethnic),
        disabled=disabled,
        disability_raw=choose_rows(rng, _DISABILITY_CUM, disabled),
        grade_raw=choose_rows(rng, _GRADE_FORM_CUM, grade),
        occupation=choose_rows(rng, _OCCUPATION_CUM, group + 8 * bank),
        category=category,
        fte=choose_rows(rng, _FTE_CUM, np.where(bank, 2, np.where(female, 0, 1))),
        tenure=tenure,
    )


def _bme_probability(intercept, grade, group, bank) -> np.ndarray:
    return logistic(intercept + _BME_BY_GRADE[grade] + _BME_BY_STAFF_GROUP[group] + 0.3 * bank)


def _intercepts(orgs: Organisations) -> np.ndarray:
    """Per-organisation BME intercepts that give each its target share of BME staff.

    The expected mix of (staff group, bank, grade) of each organisation is exact from the
    catalogue's tables, so the calibration needs no pilot draw.
    """
    unit_p = np.diff(orgs.unit_cum, prepend=0.0, axis=1)
    group_p = unit_p @ np.diff(_STAFF_GROUP_CUM, prepend=0.0, axis=1)  # (orgs, groups)
    bank_p = np.array(cat.BANK_SHARE)
    grade_p = np.diff(_GRADE_CUM, prepend=0.0, axis=1).reshape(2, 8, -1)  # (bank, group, grade)
    weights = (
        group_p[:, None, :, None]
        * np.stack([1 - bank_p, bank_p])[None, :, :, None]
        * grade_p[None, :, :, :]
    )  # (orgs, bank, group, grade)
    effects = (
        0.3 * np.arange(2)[:, None, None]
        + _BME_BY_STAFF_GROUP[None, :, None]
        + _BME_BY_GRADE[None, None, :]
    )
    return calibrate(weights.reshape(orgs.count, -1), effects.ravel(), orgs.bme_share)


@dataclass
class Workforce:
    staff: People
    leavers: People
    leave_day: np.ndarray
    reason: np.ndarray


def workforce(seed: int, orgs: Organisations, cal: Calendar) -> Workforce:
    """Staff in post at the census date and leavers of the data year, numbered together.

    Leavers are drawn from a larger pool of people like the staff, each kept with a
    probability proportional to a leaving hazard: BME ×1.25, Disabled ×1.4, fixed-term
    ×2, under 25 or 58 and over ×1.6, so leaving rates differ as they do nationally.
    """
    rng = stream(seed, "staff")
    intercept = _intercepts(orgs)
    staff = _people(rng, orgs, np.repeat(np.arange(orgs.count), orgs.headcount), intercept)
    staff.start = cal.census - staff.tenure

    rng = stream(seed, "leavers")
    target = round(LEAVER_SHARE * int(orgs.headcount.sum()))
    pool_size = np.ceil(0.6 * orgs.headcount).astype(np.int64)
    pool = _people(rng, orgs, np.repeat(np.arange(orgs.count), pool_size), intercept)
    hazard = (
        np.where(pool.ethnic == cat.BME, 1.25, 1.0)
        * np.where(pool.disabled == cat.DISABLED, 1.4, 1.0)
        * np.where(pool.category == cat.FIXED_TERM, 2.0, 1.0)
        * np.where((pool.age < 25) | (pool.age >= 58), 1.6, 1.0)
    )
    kept = chance(rng, np.minimum(hazard * (target / hazard.sum()), 1.0))
    leavers = pool.take(np.flatnonzero(kept))
    leave_day = rng.integers(cal.data_year_start, cal.census + 1, len(leavers))
    leavers.start = leave_day - leavers.tenure
    reason_row = np.where(leavers.category == cat.FIXED_TERM, 0, np.where(leavers.age >= 55, 1, 2))
    reason = choose_rows(rng, _REASON_CUM, reason_row)

    # Employee numbers rise with the hire date, staff and leavers alike.
    rng = stream(seed, "numbers")
    start = np.concatenate([staff.start_days, leavers.start_days])
    order = np.argsort(start, kind="stable")
    numbers = np.empty(start.size, dtype=np.int64)
    numbers[order] = 10_000_000 + np.cumsum(rng.integers(1, 4, start.size))
    staff.number, leavers.number = numbers[: len(staff)], numbers[len(staff) :]

    # An ESR extract lists people by organisation, then employee number.
    staff = staff.take(np.lexsort((staff.numbers, staff.org)))
    by_number = np.lexsort((leavers.numbers, leavers.org))
    leavers = leavers.take(by_number)
    return Workforce(staff, leavers, leave_day[by_number], reason[by_number])


def number_width(work: Workforce) -> int:
    largest = max(int(work.staff.numbers.max(initial=0)), int(work.leavers.numbers.max(initial=0)))
    return max(8, len(str(largest)))


def _person_columns(p: People, orgs: Organisations, cal: Calendar) -> Table:
    band = np.clip((p.age - 16) // 5, 0, len(cat.AGE_BANDS) - 1)
    return {
        "Ethnic Origin": Coded(p.ethnic_raw, ETHNIC_VOCAB),
        "Disability Flag": Coded(p.disability_raw, DISABILITY_VOCAB),
        "Grade": Coded(p.grade_raw, GRADE_VOCAB),
        "Staff Group": Coded(p.staff_group, np.array(cat.STAFF_GROUPS, dtype=object)),
        "Occupation Code": Coded(p.occupation, OCCUPATION_VOCAB),
        "Organisation": Coded(p.org, orgs.names),
        "Directorate": Coded(UNIT_DIRECTORATE[p.unit], DIRECTORATE_NAMES),
        "Unit": Coded(p.unit, UNIT_NAMES),
        "Assignment Category": Coded(p.category, np.array(cat.ASSIGNMENT_CATEGORIES)),
        "FTE": Coded(p.fte, np.array(cat.FTE_VALUES)),
        "Gender": Coded(np.where(p.female, 0, 1), np.array(["F", "M"])),
        "Age Band": Coded(band, np.array(cat.AGE_BANDS)),
        "Hire Date": Coded(p.start_days, cal.uk),
    }


def staff_table(work: Workforce, orgs: Organisations, cal: Calendar) -> Table:
    """The ESR staff list at the census date (bank-only staff included)."""
    numbers = Numbered(work.staff.numbers, number_width(work))
    return {"Employee Number": numbers, **_person_columns(work.staff, orgs, cal)}


def leavers_table(work: Workforce, orgs: Organisations, cal: Calendar) -> Table:
    """ESR leavers of the data year with their own equality data and leaving reason."""
    return {
        "Employee Number": Numbered(work.leavers.numbers, number_width(work)),
        "Termination Date": Coded(work.leave_day, cal.uk),
        **_person_columns(work.leavers, orgs, cal),
        "Leaving Reason": Coded(work.reason, _REASON_VOCAB),
    }
