"""Every workforce metric against figures computed by hand, with its direction.

Each test builds a small trust whose counts are set by construction, so the
expected figure is plain arithmetic written beside it.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from wres_wdes import Config, load_frames
from wres_wdes.calculate import calculate
from wres_wdes.config import Options

CONFIG = Config(organisation_name="Test Trust", year=2024, levels=("directorate",))


def people(
    n: int,
    ethnicity: str,
    disability: str = "No",
    start: int = 0,
    directorate: str = "Medicine",
    band: str = "Band 5",
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "person_id": [f"{ethnicity}{disability}{directorate}{start + i}" for i in range(n)],
            "ethnicity": ethnicity,
            "disability": disability,
            "pay_band": band,
            "staff_group": "Nursing and Midwifery Registered",
            "directorate": directorate,
        }
    )


def applications(groups: dict[str, tuple[int, int]], column: str = "ethnicity") -> pd.DataFrame:
    """``{value: (shortlisted, appointed)}`` → one row per shortlisted applicant."""
    rows = []
    for value, (shortlisted, appointed) in groups.items():
        for i in range(shortlisted):
            rows.append(
                {
                    "application_id": f"{value}-{i}",
                    "shortlisted": "Yes",
                    "appointed": "Yes" if i < appointed else "No",
                    column: value,
                }
            )
    return pd.DataFrame(rows)


def row(
    results,
    standard: str,
    metric: str,
    level: str = "organisation",
    unit: str = "Test Trust",
    category: str = "",
    group: str | None = None,
) -> pd.Series:
    f = results.frame
    sel = (
        (f.standard == standard)
        & (f.metric == metric)
        & (f.level == level)
        & (f.unit == unit)
        & (f.category == category)
    )
    if group is not None:
        sel &= f.group == group
    found = f[sel]
    assert len(found) == 1, found
    return found.iloc[0]


def cases(staff: pd.DataFrame, n: int, date: str) -> pd.DataFrame:
    return pd.DataFrame({"person_id": staff["person_id"].iloc[:n].to_numpy(), "start_date": date})


def test_wres2_is_white_over_bme_christie_worked_example() -> None:
    # The Christie WRES action plan 2022-23 (wres.md §3, S8): White 46.99% and BME
    # 14.65% appointed from shortlisting, "3.2 times"; 46.99 / 14.65 = 3.21.
    # 39/83 = 46.99% and 29/198 = 14.65%.
    apps = applications({"A": (83, 39), "H": (198, 29), "Z": (10, 10)})
    results = calculate(load_frames({"applications": apps}, CONFIG))
    r = row(results, "WRES", "2")
    assert (r.group, r.reference_group) == ("White", "BME")
    assert round(100 * r.rate_group, 2) == 46.99
    assert round(100 * r.rate_reference, 2) == 14.65
    assert round(r.value, 2) == 3.21
    # unknown ethnicity (Z) is in neither rate (wres.md §3, S11)
    assert (r.n_group, r.n_reference) == (83, 198)
    assert "significant" in r["flags"] and r.ci_low > 1


def test_wres3_is_bme_over_white_kmpt_worked_example() -> None:
    # KMPT WRES 2020-22 (wres.md §3, S7): disciplinary rates BME 1.2%, White 0.7%,
    # "1.7 times"; 1.2 / 0.7 = 1.71. One-year window: 12 of 1000 and 7 of 1000.
    white, bme = people(1000, "A"), people(1000, "N")
    staff = pd.concat([white, bme])
    disc = pd.concat([cases(bme, 12, "2023-06-01"), cases(white, 7, "2023-09-01")])
    config = CONFIG.with_options(disciplinary_window="one_year")
    results = calculate(load_frames({"staff": staff, "disciplinary": disc}, config))
    r = row(results, "WRES", "3")
    assert (r.group, r.reference_group) == ("BME", "White")
    assert (r.events_group, r.n_group, r.events_reference, r.n_reference) == (12, 1000, 7, 1000)
    assert round(r.value, 2) == 1.71


def test_wres3_two_year_window_averages_the_two_years() -> None:
    # Current data year (1 Apr 2023 - 31 Mar 2024): BME 3, White 2; previous year:
    # BME 5, White 2. Mean entries per year: BME 4, White 2; headcount 100 each.
    # Ratio (4/100) / (2/100) = 2.0 (wres.md §4: two-year rolling average).
    white, bme = people(100, "A"), people(100, "N")
    disc = pd.concat(
        [
            cases(bme, 3, "2023-05-01"),
            cases(bme.iloc[50:], 5, "2022-05-01"),
            cases(white, 2, "2024-03-31"),
            cases(white.iloc[50:], 2, "2022-04-01"),
            cases(white.iloc[80:], 1, "2022-03-31"),  # before the window: excluded
        ]
    )
    inputs = load_frames({"staff": pd.concat([white, bme]), "disciplinary": disc}, CONFIG)
    rec = inputs.reconciliation.set_index(["input", "outcome"])
    assert rec.loc[("disciplinary", "used"), "records"] == 12
    r = row(calculate(inputs), "WRES", "3")
    assert (r.events_group, r.events_reference) == (4.0, 2.0)
    assert r.value == pytest.approx(2.0)


def test_wres3_person_with_two_cases_in_a_year_counts_once() -> None:
    white, bme = people(10, "A"), people(10, "N")
    disc = pd.DataFrame(
        {
            "person_id": [bme.person_id.iloc[0]] * 2 + [white.person_id.iloc[0]],
            "start_date": ["2023-05-01", "2023-07-01", "2023-05-01"],
        }
    )
    config = CONFIG.with_options(disciplinary_window="one_year")
    r = row(
        calculate(load_frames({"staff": pd.concat([white, bme]), "disciplinary": disc}, config)),
        "WRES",
        "3",
    )
    assert (r.events_group, r.events_reference, r.value) == (1, 1, 1.0)


def test_zero_group_events_give_zero_and_zero_reference_events_a_one_sided_bound() -> None:
    # BME 0 of 50 cases, White 3 of 50: ratio 0 (contract: 0 when the group has no
    # events and the reference has some). In Surgery no White cases: no finite ratio,
    # flagged reference_no_events with its lower bound (issue 13: the most extreme
    # disparity must not be the quietest).
    staff = pd.concat(
        [
            people(50, "A"),
            people(50, "N"),
            people(5, "A", directorate="Surgery"),
            people(5, "N", directorate="Surgery"),
        ]
    )
    white_med = staff[(staff.ethnicity == "A") & (staff.directorate == "Medicine")]
    bme_surg = staff[(staff.ethnicity == "N") & (staff.directorate == "Surgery")]
    disc = pd.concat([cases(white_med, 3, "2023-06-01"), cases(bme_surg, 1, "2023-06-01")])
    results = calculate(
        load_frames(
            {"staff": staff, "disciplinary": disc},
            CONFIG.with_options(disciplinary_window="one_year"),
        )
    )
    medicine = row(results, "WRES", "3", "directorate", "Medicine")
    assert medicine.value == 0 and "not_calculable" not in medicine["flags"]
    surgery = row(results, "WRES", "3", "directorate", "Surgery")
    assert np.isnan(surgery.value) and "reference_no_events" in surgery["flags"]
    assert "not_calculable" not in surgery["flags"]
    # 1 of 5 BME against 0 of 5 White: Koopman lower bound 0.303 (statsmodels
    # confint_proportions_2indep(1, 5, 0, 5, compare="ratio", method="score",
    # correction=False) = (0.30308, inf)); score test p = 0.2918
    assert surgery.ci_low == pytest.approx(0.3030784, rel=1e-6) and surgery.ci_high == np.inf
    assert surgery.p_value == pytest.approx(0.29184, rel=1e-4)
    assert "significant" not in surgery["flags"]


def test_unit_with_no_minority_staff_is_not_calculable() -> None:
    staff = pd.concat([people(20, "A"), people(20, "N"), people(8, "A", directorate="Estates")])
    training = pd.DataFrame({"person_id": staff.person_id.iloc[[0, 1, 20, 40]]})
    results = calculate(load_frames({"staff": staff, "training": training}, CONFIG))
    estates = row(results, "WRES", "4", "directorate", "Estates")
    assert estates.n_reference == 0
    assert "not_calculable" in estates["flags"] and np.isnan(estates.value)


def test_wres4_is_white_over_bme_counting_people_not_episodes() -> None:
    # White: 30 of 60 trained (one has 3 episodes); BME: 10 of 40 trained.
    # (30/60) / (10/40) = 2.0. Mandatory episodes are excluded.
    white, bme = people(60, "A"), people(40, "N")
    training = pd.DataFrame(
        {
            "person_id": [
                *white.person_id.iloc[:30],
                *[white.person_id.iloc[0]] * 2,
                *bme.person_id.iloc[:10],
                *bme.person_id.iloc[10:20],
            ],
            "mandatory": ["N"] * 42 + ["Y"] * 10,
            "date": "2023-10-01",
        }
    )
    results = calculate(
        load_frames({"staff": pd.concat([white, bme]), "training": training}, CONFIG)
    )
    r = row(results, "WRES", "4")
    assert (r.group, r.reference_group) == ("White", "BME")
    assert (r.events_group, r.n_group, r.events_reference, r.n_reference) == (30, 60, 10, 40)
    assert r.value == pytest.approx(2.0)


def test_wdes2_is_non_disabled_over_disabled_with_guaranteed_interview_variant() -> None:
    # Non-disabled 30/100 appointed; Disabled 10/50 (of whom 20 guaranteed interview,
    # 2 appointed). All: (30/100)/(10/50) = 1.5; without GIS: (30/100)/(8/30) = 1.125.
    apps = applications({"No": (100, 30), "Yes": (50, 10)}, column="disability")
    gis = (apps.disability == "Yes") & (
        apps.application_id.str.split("-").str[1].astype(int).between(8, 27)
    )
    apps["guaranteed_interview"] = np.where(gis, "Y", "N")
    results = calculate(load_frames({"applications": apps}, CONFIG))
    r = row(results, "WDES", "2")
    assert (r.group, r.reference_group) == ("Non-disabled", "Disabled")
    assert r.value == pytest.approx(1.5)
    r = row(results, "WDES", "2", category="excluding guaranteed interview")
    assert (r.events_reference, r.n_reference) == (8, 30)
    assert r.value == pytest.approx(1.125)


def test_wdes3_is_disabled_over_non_disabled_performance_only() -> None:
    # Disabled 4 of 100 (two-year: 3 this year + 1 last, mean 2/yr), Non-disabled
    # 2 of 200 (mean 1/yr); ill-health cases excluded by default (wdes.md §5).
    # (2/100) / (1/200) = 4.0.
    disabled, other = people(100, "A", "Yes"), people(200, "A", "No")
    cap = pd.DataFrame(
        {
            "person_id": [
                *disabled.person_id.iloc[:4],
                *other.person_id.iloc[:2],
                *disabled.person_id.iloc[10:15],
            ],
            "start_date": ["2023-05-01"] * 3
            + ["2022-05-01", "2023-05-01", "2022-06-01"]
            + ["2023-05-01"] * 5,
            "grounds": ["Performance"] * 6 + ["Ill Health"] * 5,
        }
    )
    inputs = load_frames({"staff": pd.concat([disabled, other]), "capability": cap}, CONFIG)
    r = row(calculate(inputs), "WDES", "3")
    assert (r.group, r.reference_group) == ("Disabled", "Non-disabled")
    assert (r.events_group, r.events_reference) == (2.0, 1.0)
    assert r.value == pytest.approx(4.0)
    config = CONFIG.with_options(capability_include_ill_health=True)
    r = row(
        calculate(load_frames({"staff": pd.concat([disabled, other]), "capability": cap}, config)),
        "WDES",
        "3",
    )
    assert r.events_group == pytest.approx(4.5)  # (4 + 5) / 2


def test_metric1_percentages_by_band_and_cluster() -> None:
    # Band 5 clinical: 6 White, 3 BME, 1 Unknown; 8a non-clinical: 4 White, 0 BME.
    staff = pd.concat(
        [
            people(6, "A"),
            people(3, "N"),
            people(1, "Z"),
            people(4, "A", start=100, band="Band 8a").assign(
                staff_group="Administrative and Clerical"
            ),
        ]
    )
    results = calculate(load_frames({"staff": staff}, CONFIG))
    r = row(results, "WRES", "1", category="clinical/band 5", group="BME")
    assert (r.events_group, r.n_group, r.value) == (3, 10, 30.0)
    # compared with the whole workforce: 3 BME of 14
    assert (r.events_reference, r.n_reference) == (3, 14)
    r = row(results, "WRES", "1", category="non-clinical/band 8a", group="BME")
    assert (r.events_group, r.n_group, r.value) == (0, 4, 0.0)
    r = row(results, "WRES", "1", category="all", group="White")
    assert r.value == pytest.approx(100 * 10 / 14)
    # WDES 1 adds clusters: band 5 is cluster 2, band 8a cluster 3 (wdes.md §3)
    r = row(results, "WDES", "1", category="clinical/cluster 2", group="Non-disabled")
    assert (r.events_group, r.n_group) == (10, 10)
    r = row(results, "WDES", "1", category="non-clinical/cluster 3", group="Non-disabled")
    assert (r.events_group, r.n_group) == (4, 4)


def test_metric1_with_nobody_in_the_workforce_gives_no_rows() -> None:
    # every member of staff bank-only: all excluded (options.include_bank = false),
    # so there is no workforce to describe and no metric-1 row, rather than an error
    staff = people(3, "A").assign(assignment_category="Bank")
    results = calculate(load_frames({"staff": staff}, CONFIG))
    assert not (results.frame["metric"] == "1").any()


def test_board_metrics_are_board_minus_workforce_in_points() -> None:
    # Workforce of 110: 80 White, 20 BME, 10 Unknown. Voting board of 10: 6 White,
    # 3 BME, 1 Unknown. Default basis (all members, all staff, as WRES 1):
    # BME 3/10 - 20/110 = 30 - 18.18 = +11.8 pp; White 60 - 72.73; Unknown 10 - 9.09.
    # With board_unknown_ethnicity = "exclude": 3/9 - 20/100 = +13.3 pp.
    # Disabled: workforce 5 of 110 = 4.55%; board 1 Disabled of 10 voting = 10%.
    staff = pd.concat([people(80, "A"), people(20, "N"), people(5, "Z"), people(5, "Z", "Yes")])
    board = pd.DataFrame(
        {
            "member_id": [f"B{i}" for i in range(12)],
            "voting": ["Y"] * 10 + ["N"] * 2,
            "executive": ["Y"] * 5 + ["N"] * 5 + ["Y"] * 2,
            "ethnicity": ["N", "N", "N", "Z"] + ["A"] * 8,
            "disability": ["Yes"] + ["No"] * 11,
        }
    )
    results = calculate(load_frames({"staff": staff, "board": board}, CONFIG))
    voting = {
        g: row(results, "WRES", "9", category="voting", group=g)
        for g in ("White", "BME", "Unknown")
    }
    r = voting["BME"]
    assert (r.events_group, r.n_group) == (3, 10)
    assert (r.events_reference, r.n_reference) == (20, 110)
    assert r.value == pytest.approx(30 - 100 * 20 / 110)
    assert voting["White"].value == pytest.approx(60 - 100 * 80 / 110)
    assert voting["Unknown"].value == pytest.approx(10 - 100 * 10 / 110)
    assert sum(v.value for v in voting.values()) == pytest.approx(0.0, abs=1e-9)
    assert "all members" in r.note
    # complete counts: no interval, no test (options.census_intervals)
    assert np.isnan(r.ci_low) and np.isnan(r.p_value) and r.method.startswith("none")
    known = calculate(
        load_frames(
            {"staff": staff, "board": board},
            CONFIG.with_options(board_unknown_ethnicity="exclude"),
        )
    )
    r = row(known, "WRES", "9", category="voting", group="BME")
    assert (r.events_group, r.n_group, r.events_reference, r.n_reference) == (3, 9, 20, 100)
    assert r.value == pytest.approx(100 * 3 / 9 - 20)
    assert "known ethnicity" in r.note
    assert not (known.frame.metric.eq("9") & known.frame.group.eq("Unknown")).any()
    for g in ("Disabled", "Non-disabled", "Unknown"):
        assert len(results.frame[results.frame.metric.eq("10") & results.frame.group.eq(g)]) == 3
    r = row(results, "WDES", "10", category="voting", group="Disabled")
    assert (r.events_group, r.n_group, r.events_reference, r.n_reference) == (1, 10, 5, 110)
    assert r.value == pytest.approx(10 - 100 * 5 / 110)
    r = row(results, "WDES", "10", category="executive", group="Disabled")
    assert (r.events_group, r.n_group) == (1, 7)


def test_more_leavers_than_census_staff_give_the_ratio_without_interval() -> None:
    # 6 BME leavers over 4 BME staff in post; 5 White over 100: (6/4)/(5/100) = 30.
    # A binomial interval and test do not apply to 6 events in 4 people: both are
    # left empty and the row is flagged, after the standard flags (small numbers:
    # 6 events; outside the four-fifths band: 30 > 1.25).
    white, bme = people(100, "A"), people(4, "N")
    leavers = pd.DataFrame(
        {
            "person_id": [f"L{i}" for i in range(11)],
            "leave_date": "2023-11-30",
            "ethnicity": ["N"] * 6 + ["A"] * 5,
        }
    )
    r = row(
        calculate(load_frames({"staff": pd.concat([white, bme]), "leavers": leavers}, CONFIG)),
        "WRES",
        "leaving",
    )
    assert r.value == pytest.approx(30.0)
    assert np.isnan(r.ci_low) and np.isnan(r.ci_high) and np.isnan(r.p_value)
    assert r["flags"] == "small_numbers;outside_four_fifths;events_exceed_population"


def test_leaving_is_bme_over_white() -> None:
    # 10 BME leavers over 100 BME staff; 10 White over 200: (10/100)/(10/200) = 2.0.
    white, bme = people(200, "A"), people(100, "N")
    leavers = pd.DataFrame(
        {
            "person_id": [f"L{i}" for i in range(20)],
            "leave_date": "2023-11-30",
            "ethnicity": ["N"] * 10 + ["A"] * 10,
        }
    )
    r = row(
        calculate(load_frames({"staff": pd.concat([white, bme]), "leavers": leavers}, CONFIG)),
        "WRES",
        "leaving",
    )
    assert (r.group, r.reference_group, r.value) == ("BME", "White", 2.0)


def test_record_level_and_summary_applications_give_identical_figures() -> None:
    apps = applications({"A": (83, 39), "H": (198, 29), "Z": (10, 4)})
    apps["disability"] = np.where(np.arange(len(apps)) % 7 == 0, "Yes", "No")
    record = calculate(load_frames({"applications": apps}, CONFIG)).frame
    inputs = load_frames({"applications": apps}, CONFIG)
    typed = inputs.frames["applications"]
    parts = []
    for grouping, column in (("ethnicity", "ethnic_group"), ("disability", "disability_group")):
        g = (
            typed.groupby(column, observed=True)
            .agg(shortlisted=("shortlisted", "sum"), appointed=("appointed", "sum"))
            .reset_index()
        )
        parts.append(g.rename(columns={column: "group"}).assign(grouping=grouping))
    summary = pd.concat(parts).astype(str)
    summarised = calculate(load_frames({"applications_summary": summary}, CONFIG)).frame
    columns = [
        "standard",
        "metric",
        "group",
        "n_group",
        "events_group",
        "n_reference",
        "events_reference",
        "value",
        "ci_low",
        "ci_high",
        "p_value",
    ]
    pd.testing.assert_frame_equal(
        record[columns].reset_index(drop=True), summarised[columns].reset_index(drop=True)
    )


def test_several_organisations_are_each_a_unit() -> None:
    a = people(10, "A").assign(organisation="Trust A")
    b = people(10, "N").assign(organisation="Trust B")
    system = dataclasses.replace(CONFIG, organisation_column="organisation")
    results = calculate(load_frames({"staff": pd.concat([a, b])}, system))
    orgs = results.level("organisation")
    assert set(orgs.unit) == {"Trust A", "Trust B"}
    r = row(results, "WRES", "1", unit="Trust B", category="all", group="BME")
    assert r.value == 100.0


def test_a_files_own_organisation_column_is_not_an_organisation_without_the_config() -> None:
    # DESIGN.md: a run holds several organisations only when [organisation] column says so
    # (ESR's own Organisation column is a cost centre); 20 people, one trust: 10 BME = 50%.
    a = people(10, "A").assign(organisation="245 C1234 Ward 7")
    b = people(10, "N").assign(organisation="245 C9876 Theatres")
    inputs = load_frames({"staff": pd.concat([a, b])}, CONFIG)
    assert any("no [organisation] column is set" in p.rule for p in inputs.problems)
    results = calculate(inputs)
    assert set(results.level("organisation").unit) == {"Test Trust"}
    r = row(results, "WRES", "1", category="all", group="BME")
    assert (r.events_group, r.n_group, r.value) == (10, 20, 50.0)


def test_intersectional_split_by_disability() -> None:
    staff = pd.concat(
        [
            people(30, "A", "Yes"),
            people(70, "A", "No"),
            people(10, "N", "Yes"),
            people(40, "N", "No"),
        ]
    )
    training = pd.DataFrame(
        {"person_id": [*staff.person_id.iloc[:15], *staff.person_id.iloc[100:105]]}
    )
    results = calculate(
        load_frames({"staff": staff, "training": training}, CONFIG), split_by="disability"
    )
    f = results.frame
    r = f[(f.metric == "4") & (f.level == "organisation") & (f.split == "Disabled")].iloc[0]
    # Disabled staff: White 15 of 30 trained, BME 5 of 10: (15/30)/(5/10) = 1.0
    assert (r.events_group, r.n_group, r.events_reference, r.n_reference) == (15, 30, 5, 10)
    assert r.value == pytest.approx(1.0)
    assert set(f.split_by) == {"disability"}


def test_options_default_follow_reference_notes() -> None:
    options = Options()
    assert options.disciplinary_window == "two_year"
    assert options.capability_window == "two_year"
    assert options.capability_include_ill_health is False
    assert options.include_bank is False


def test_leaving_average_headcount_option() -> None:
    # BME: 100 at census, 20 of them started in the data year, 10 BME leavers:
    # start of year 100 - 20 + 10 = 90, mean (90 + 100) / 2 = 95.
    # White: 200 at census, no starters, 10 leavers: start 210, mean 205.
    # Ratio (10/95) / (10/205) = 205/95.
    white = people(200, "A").assign(start_date="2015-01-01")
    bme = people(100, "N").assign(start_date=["2023-06-01"] * 20 + ["2010-01-01"] * 80)
    leavers = pd.DataFrame(
        {
            "person_id": [f"L{i}" for i in range(20)],
            "leave_date": "2023-11-30",
            "ethnicity": ["N"] * 10 + ["A"] * 10,
        }
    )
    config = CONFIG.with_options(leaving_denominator="average")
    r = row(
        calculate(load_frames({"staff": pd.concat([white, bme]), "leavers": leavers}, config)),
        "WRES",
        "leaving",
    )
    assert (r.n_group, r.n_reference) == (95, 205)
    assert r.value == pytest.approx(205 / 95)


def test_cases_are_split_by_the_person_s_gender_from_the_staff_list() -> None:
    # Women: BME 2 cases of 20, White 1 of 20 -> (2/20)/(1/20) = 2.0 (one-year window).
    white = people(20, "A").assign(gender="F")
    bme = people(20, "N").assign(gender="F")
    men = people(20, "A", start=100).assign(gender="M")
    disc = pd.concat(
        [cases(bme, 2, "2023-06-01"), cases(white, 1, "2023-06-01"), cases(men, 1, "2023-06-01")]
    )
    config = CONFIG.with_options(disciplinary_window="one_year")
    inputs = load_frames({"staff": pd.concat([white, bme, men]), "disciplinary": disc}, config)
    f = calculate(inputs, split_by="gender").frame
    r = f[(f.metric == "3") & (f.level == "organisation") & (f.split == "F")].iloc[0]
    assert (r.events_group, r.n_group, r.events_reference, r.n_reference) == (2, 20, 1, 20)
    assert r.value == pytest.approx(2.0)
    assert "(not recorded)" not in set(f.split)


def test_one_organisation_in_the_data_takes_the_config_name() -> None:
    # The extract names the trust by its code; the config gives its name.
    staff = people(10, "A").assign(organisation="RZZ")
    results = calculate(load_frames({"staff": staff}, CONFIG))
    assert set(results.level("organisation").unit) == {"Test Trust"}
