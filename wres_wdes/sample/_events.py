"""Recruitment, disciplinary and capability cases, training, and the board."""

from __future__ import annotations

import numpy as np

from . import _catalogue as cat
from ._draw import Calendar, chance, choose, choose_rows, forms, stream
from ._table import Coded, Counts, Numbered, Table
from ._workforce import (
    DIRECTORATE_NAMES,
    UNIT_DIRECTORATE,
    UNIT_NAMES,
    Organisations,
    Workforce,
    number_width,
)

APPLICATIONS_PER_STAFF = 3.0
"""Applications a year per member of staff (~18,000 for a trust of 6,000)."""
DISCIPLINARY_RATE = 0.006
"""Entries into the formal disciplinary process per member of staff per year."""
CAPABILITY_RATE = 0.003
"""Entries into the formal capability process per member of staff per year."""
CPD_PER_STAFF = 1.1
"""Non-mandatory training episodes per member of staff (bank-only staff excepted)."""

APPLICANT_ETHNIC_VOCAB, _APPLICANT_ETHNIC_CUM = forms(cat.APPLICANT_ETHNICITY)
APPLICANT_DISABILITY_VOCAB, _APPLICANT_DISABILITY_CUM = forms(cat.APPLICANT_DISABILITY)
_NO_YES = np.array(["No", "Yes"], dtype=object)
_N_Y = np.array(["N", "Y"], dtype=object)


def _unit_columns(org: np.ndarray, unit: np.ndarray, orgs: Organisations) -> Table:
    return {
        "Organisation": Coded(org, orgs.names),
        "Directorate": Coded(UNIT_DIRECTORATE[unit], DIRECTORATE_NAMES),
        "Unit": Coded(unit, UNIT_NAMES),
    }


# --- recruitment ------------------------------------------------------------------------------


def applications(seed: int, orgs: Organisations, cal: Calendar) -> tuple[Table, Table]:
    """Record-level applications of the data year, and the same counted by group.

    Applicants are more often BME than staff (the organisation's share plus 15 points).
    Shortlisting: White 40%, BME 32%, Unknown 35%; Disabled applicants under the
    guaranteed interview scheme 92%. Appointment from shortlisting: White 27%, BME 18%,
    Unknown 23%, each ×0.9 for Disabled applicants and with a per-organisation spread,
    so WRES 2 (White ÷ BME) is about 1.5 and WDES 2 (non-disabled ÷ Disabled) about 1.1.
    """
    rng = stream(seed, "applications")
    per_org = rng.poisson(APPLICATIONS_PER_STAFF * orgs.headcount)
    n = int(per_org.sum())
    org = np.repeat(np.arange(orgs.count), per_org)
    days = cal.census + 1 - cal.data_year_start
    key = np.sort(org * days + rng.integers(0, days, n))  # by organisation, then date
    org, day = key // days, cal.data_year_start + key % days
    unit = choose_rows(rng, orgs.unit_cum, org)

    bme_share = np.clip(orgs.bme_share + 0.15, 0.0, 0.9)[org]
    ethnic = np.where(chance(rng, bme_share), cat.BME, cat.WHITE)
    ethnic[chance(rng, 0.045, n)] = cat.UNKNOWN
    disabled = choose(rng, (0.07, 0.86, 0.07), n)
    internal = chance(rng, 0.22, n)
    guaranteed = (disabled == cat.DISABLED) & chance(rng, 0.55, n)

    p_short = np.array([0.40, 0.32, 0.35])[ethnic] * np.where(internal, 1.4, 1.0)
    p_short = np.where(guaranteed, 0.92, p_short * np.where(disabled == cat.DISABLED, 0.9, 1.0))
    shortlisted = chance(rng, np.minimum(p_short, 1.0))
    spread = rng.lognormal(0.0, 0.12, (orgs.count, 3))
    spread[:, cat.WHITE] = 1.0
    p_appoint = np.array([0.27, 0.18, 0.23])[ethnic] * spread[org, ethnic]
    p_appoint = p_appoint * np.where(disabled == cat.DISABLED, 0.9, 1.0)
    p_appoint = np.minimum(p_appoint * np.where(internal, 1.3, 1.0), 1.0)
    appointed = shortlisted & chance(rng, p_appoint)

    band_vocab = np.array([b for b, _ in cat.POST_BANDS], dtype=object)
    record = {
        "Application ID": Numbered(np.arange(1, n + 1), max(8, len(str(n))), prefix="APP"),
        "Shortlisted": Coded(shortlisted, _NO_YES),
        "Appointed": Coded(appointed, _NO_YES),
        "Ethnicity": Coded(choose_rows(rng, _APPLICANT_ETHNIC_CUM, ethnic), APPLICANT_ETHNIC_VOCAB),
        "Disability": Coded(
            choose_rows(rng, _APPLICANT_DISABILITY_CUM, disabled), APPLICANT_DISABILITY_VOCAB
        ),
        **_unit_columns(org, unit, orgs),
        "Pay Band": Coded(choose(rng, [w for _, w in cat.POST_BANDS], n), band_vocab),
        "Internal": Coded(internal, _N_Y),
        "Guaranteed Interview": Coded(guaranteed, _N_Y),
        "Application Date": Coded(day, cal.iso),
    }
    return record, _summary(org, ethnic, disabled, shortlisted, appointed, orgs)


def _summary(org, ethnic, disabled, shortlisted, appointed, orgs: Organisations) -> Table:
    """Applied, shortlisted and appointed by organisation and group: ethnicity rows
    (White, BME, Unknown), then disability rows (Disabled, Non-disabled, Unknown)."""
    groups = np.array(["White", "BME", "Unknown", "Disabled", "Non-disabled", "Unknown"])
    counts = []
    for flag in (np.ones(org.size, dtype=bool), shortlisted, appointed):
        by_ethnic = np.bincount(org * 3 + ethnic, weights=flag, minlength=orgs.count * 3)
        by_disabled = np.bincount(org * 3 + disabled, weights=flag, minlength=orgs.count * 3)
        both = np.hstack([by_ethnic.reshape(-1, 3), by_disabled.reshape(-1, 3)])
        counts.append(both.ravel().astype(np.int64))
    row = np.tile(np.arange(6), orgs.count)
    return {
        "grouping": Coded(row // 3, np.array(["ethnicity", "disability"])),
        "group": Coded(row, groups),
        "applied": Counts(counts[0]),
        "shortlisted": Counts(counts[1]),
        "appointed": Counts(counts[2]),
        "organisation": Coded(np.repeat(np.arange(orgs.count), 6), orgs.names),
    }


# --- cases ---------------------------------------------------------------------------------------


def _case_days(rng, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A day uniformly in ``[lo, hi]`` for each case."""
    return lo + np.floor(rng.random(lo.size) * (hi - lo + 1)).astype(np.int64)


def _cases(rng, work: Workforce, cal: Calendar, weight: np.ndarray, rate: float, extra):
    """Two data years of case entries among staff plus the leavers in ``extra``.

    A member of staff's chance is ∝ ``weight`` and to the part of the two years they were
    in post (from two weeks after hire), and the case day is uniform over that part, so
    both years get about as many cases. Bank-only staff have none. A leaver's case
    starts before they left. Returns (employee number, day, organisation), by date.
    """
    staff = work.staff
    window = cal.census + 1 - cal.previous_year_start
    lo = np.maximum(cal.previous_year_start, staff.start_days + 14)
    exposure = np.clip((cal.census + 1 - lo) / window, 0.0, 1.0) * ~staff.bank
    p = weight * exposure
    p = p * (2 * rate * np.count_nonzero(~staff.bank) / max(p.sum(), 1e-12))
    chosen = np.flatnonzero(chance(rng, np.minimum(p, 1.0)))
    staff_day = _case_days(rng, lo[chosen], np.full(chosen.size, cal.census))

    leavers = work.leavers
    lo = np.maximum(cal.previous_year_start, leavers.start_days[extra] + 14)
    hi = work.leave_day[extra] - 1
    keep = lo <= hi
    extra, leaver_day = extra[keep], _case_days(rng, lo[keep], hi[keep])

    number = np.concatenate([staff.numbers[chosen], leavers.numbers[extra]])
    day = np.concatenate([staff_day, leaver_day])
    org = np.concatenate([staff.org[chosen], leavers.org[extra]])
    order = np.lexsort((number, day))
    return number[order], day[order], org[order]


def disciplinary(seed: int, work: Workforce, orgs: Organisations, cal: Calendar) -> Table:
    """Entries into the formal disciplinary process over two data years (WRES 3 uses a
    two-year rolling window). Weights: BME ×2, bands 1–4 ×1.3, medical staff ×0.6, so
    with the grade mix BME staff enter ~1.8× as often as White staff (national 1.2–1.6,
    wres.md §9.2). Leavers dismissed for conduct, and 0.5% of other leavers, have a case
    too. One case is recorded twice (same person, same day): a duplicate for the reader
    to report."""
    rng = stream(seed, "disciplinary")
    s = work.staff
    weight = (
        np.where(s.ethnic == cat.BME, 2.0, 1.0)
        * np.where(s.grade <= cat.G["4"], 1.3, 1.0)
        * np.where(s.staff_group == cat.MEDICAL, 0.6, 1.0)
    )
    leavers = work.leavers
    extra = np.flatnonzero(
        (work.reason == cat.DISMISSAL_CONDUCT) | chance(rng, 0.005, len(leavers))
    )
    number, day, org = _cases(rng, work, cal, weight, DISCIPLINARY_RATE, extra)
    if number.size:  # one row repeated, the two copies side by side
        index = np.insert(np.arange(number.size), number.size // 2, number.size // 2)
        number, day, org = number[index], day[index], org[index]
    return {
        "Employee Number": Numbered(number, number_width(work)),
        "Case Start Date": Coded(day, cal.uk),
        "Organisation": Coded(org, orgs.names),
    }


def capability(seed: int, work: Workforce, orgs: Organisations, cal: Calendar) -> Table:
    """Entries into the formal capability process over two data years: on grounds of
    performance (Disabled staff ~2× non-disabled) and of ill health (Disabled ~3×)."""
    rng = stream(seed, "capability")
    disabled = work.staff.disabled == cat.DISABLED
    performance = _cases(
        rng,
        work,
        cal,
        np.where(disabled, 2.0, 1.0),
        0.8 * CAPABILITY_RATE,
        np.flatnonzero(work.reason == cat.DISMISSAL_CAPABILITY),
    )
    ill_health = _cases(
        rng, work, cal, np.where(disabled, 3.0, 1.0), 0.2 * CAPABILITY_RATE, np.array([], int)
    )
    grounds = np.repeat([0, 1], [performance[0].size, ill_health[0].size])
    number, day, org = (
        np.concatenate([a, b]) for a, b in zip(performance, ill_health, strict=True)
    )
    order = np.lexsort((number, day))
    return {
        "Employee Number": Numbered(number[order], number_width(work)),
        "Case Start Date": Coded(day[order], cal.uk),
        "Grounds": Coded(grounds[order], np.array(["Performance", "Ill Health"])),
        "Organisation": Coded(org[order], orgs.names),
    }


# --- training -----------------------------------------------------------------------------------


def training(seed: int, work: Workforce, orgs: Organisations, cal: Calendar) -> Table:
    """Training episodes of the data year, grouped by person.

    Non-mandatory episodes per person are negative binomial (many with none, some with
    several): mean ×0.72 for BME staff (so White staff access CPD ~1.1× as often), ×1.3
    in bands 6–8b, ×1.5 for doctors, ×0.7 in bands 1–3; bank-only staff get none. About
    one person in six also has a mandatory episode (``Mandatory`` = Y), to be left out.
    """
    rng = stream(seed, "training")
    s = work.staff
    mult = (
        np.where(s.ethnic == cat.BME, 0.72, 1.0)
        * np.select(
            [s.staff_group == cat.MEDICAL, s.grade <= cat.G["3"], s.grade <= cat.G["8b"]],
            [1.5, 0.7, np.where(s.grade >= cat.G["6"], 1.3, 1.0)],
            1.0,
        )
        * np.where(s.bank, 0.0, 1.0)
    )
    mean = mult * (CPD_PER_STAFF * (~s.bank).sum() / mult.sum())
    cpd = rng.poisson(mean * rng.gamma(1.0, 1.0, len(s)))
    mandatory = rng.poisson(np.where(s.bank, 0.0, 0.2))
    person = np.repeat(np.arange(len(s)), cpd + mandatory)
    first = np.repeat(np.cumsum(cpd + mandatory) - (cpd + mandatory), cpd + mandatory)
    is_mandatory = (np.arange(person.size) - first) >= cpd[person]
    cpd_course = choose(rng, [w for _, w in cat.CPD_COURSES], person.size)
    mandatory_course = len(cat.CPD_COURSES) + choose(
        rng, [w for _, w in cat.MANDATORY_COURSES], person.size
    )
    courses = np.array([c for c, _ in cat.CPD_COURSES + cat.MANDATORY_COURSES], dtype=object)
    day = rng.integers(cal.data_year_start, cal.census + 1, person.size)
    return {
        "Employee Number": Numbered(s.numbers[person], number_width(work)),
        "Course Date": Coded(day, cal.iso),
        "Mandatory": Coded(is_mandatory, _N_Y),
        "Course Name": Coded(np.where(is_mandatory, mandatory_course, cpd_course), courses),
        "Organisation": Coded(s.org[person], orgs.names),
    }


# --- board ----------------------------------------------------------------------------------------


def board(seed: int, orgs: Organisations) -> Table:
    """Fourteen board members per organisation: chair and five non-executive directors
    and five executive directors with a vote, three executive directors without. BME
    members at about half the organisation's BME share of staff (WRES 9 below zero)."""
    rng = stream(seed, "board")
    seats = np.array(cat.BOARD_SEATS)
    org = np.repeat(np.arange(orgs.count), len(seats))
    seat = np.tile(np.arange(len(seats)), orgs.count)
    ethnic = np.where(chance(rng, 0.5 * orgs.bme_share[org]), cat.BME, cat.WHITE)
    ethnic[chance(rng, 0.04, org.size)] = cat.UNKNOWN
    disabled = choose(rng, (0.05, 0.87, 0.08), org.size)
    ids = np.char.add("BM", np.char.zfill((seat + 1).astype(str), 2))
    if orgs.count > 1:
        ids = np.char.add(np.char.add(np.array(orgs.codes)[org], "-"), ids)
    vocab, cum = forms(cat.BOARD_DISABILITY)
    return {
        "Member ID": Coded(np.arange(org.size), ids.astype(object)),
        "Voting": Coded(seats[seat, 0], _N_Y),
        "Executive": Coded(seats[seat, 1], _N_Y),
        "Ethnicity": Coded(choose_rows(rng, _APPLICANT_ETHNIC_CUM, ethnic), APPLICANT_ETHNIC_VOCAB),
        "Disability": Coded(choose_rows(rng, cum, disabled), vocab),
        "Organisation": Coded(org, orgs.names),
    }
