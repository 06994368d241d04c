"""The executive summary: five to eight key messages, each worked out from the
published figures (never written by hand, never from a suppressed figure).

1. and 2. For each standard, the relative likelihoods outside 0.80–1.25 that are
   also statistically significant (the four-fifths band: ``reference/wres.md``
   §9.1; significance: the score test, ``docs/statistics.md``).
3. The largest changes since last year, with whether each is significant
   (:func:`~wres_wdes.write.trend.trend_rows`), or that the paper has no history.
4. Board representation against the workforce (WRES 9, WDES 10, all members).
5. The Model Employer gap at band 8a and above (:func:`.facts.model_employer`).
6. Declaration rates (:func:`.facts.declaration`).
7. The national comparison (:func:`.facts.national_beside`).
8. What could not be computed (:func:`.facts.not_computed`), when anything.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ...metrics.registry import BY_KEY
from ..headline import figure_words, format_value
from ..publication import Published
from ..trend import published_trend
from .facts import Beside, Declaration, ModelEmployer

MAX_CHANGES = 3
"""Most changes since last year the summary names (the rest are in the trend table)."""


def rl_label(row: pd.Series) -> str:
    """``WRES 2 (White ÷ BME)``: a relative likelihood's metric and direction."""
    entry = BY_KEY.get((row["standard"], row["metric"]))
    direction = entry.direction if entry else f"{row['group']} ÷ {row['reference_group']}"
    category = f", {row['category']}" if row["category"] else ""
    return f"{row['standard']} {row['metric']} ({direction}{category})"


def adverse_likelihoods(published: Published, organisation: str, standard: str) -> list[str]:
    """Each published relative likelihood of a standard outside 0.80–1.25 and
    statistically significant, as ``label value``."""
    rows = published.rows
    sel = rows[
        (rows["organisation"] == organisation)
        & (rows["level"] == "organisation")
        & (rows["standard"] == standard)
        & (rows["statistic"] == "relative_likelihood")
    ]
    out: list[Any] = []
    i: Any
    for i, row in sel.iterrows():
        flags = str(row["flags"]).split(";")
        if published.hidden.loc[i, "value"]:
            continue
        if "outside_four_fifths" in flags and "significant" in flags:
            out.append(f"{rl_label(row)} {row['value']:.2f}")
    return out


def _likelihood_message(published, organisation, standard) -> tuple[str, str] | None:
    rows = published.rows
    any_rl = (
        (rows["organisation"] == organisation)
        & (rows["level"] == "organisation")
        & (rows["standard"] == standard)
        & (rows["statistic"] == "relative_likelihood")
    ).any()
    if not any_rl:
        return None
    found = adverse_likelihoods(published, organisation, standard)
    if not found:
        return (
            f"{standard}:",
            "no relative likelihood lies outside 0.80–1.25 with a statistically "
            "significant difference.",
        )
    return (
        f"{standard}:",
        f"{len(found)} relative likelihood{'s' if len(found) > 1 else ''} "
        f"lie{'' if len(found) > 1 else 's'} outside 0.80–1.25 and "
        f"{'are' if len(found) > 1 else 'is'} statistically significant: " + "; ".join(found) + ".",
    )


def change_words(row: pd.Series, before: float) -> str:
    """``WRES 3 (BME ÷ White) rose from 1.10 to 2.03``; ``WRES 8 (% BME − % White) rose
    from +7.5 pp to +14.3 pp``: each figure named as the headline table names it."""
    verb = "rose" if row["value"] > before else "fell" if row["value"] < before else "stayed"
    label = (
        rl_label(row)
        if row["statistic"] == "relative_likelihood"
        else f"{row['standard']} {row['metric']} ({figure_words(row)})"
    )
    return (
        f"{label} {verb} from {format_value(row['statistic'], before)} to "
        f"{format_value(row['statistic'], row['value'])}"
    )


def _size(row: pd.Series, before: float) -> float:
    """How large a change is, comparably across figures: a ratio's change on the log
    scale; a percentage's in hundredths."""
    if row["statistic"] == "relative_likelihood":
        if not (before > 0 and row["value"] > 0):
            return 0.0
        return abs(math.log(row["value"] / before))
    return abs(row["value"] - before) / 100


def changes(trend: pd.DataFrame | None, year: int) -> tuple[list[str], list[str], int | None]:
    """Significant changes since last year (largest first) and, when there are none,
    the largest change; with the earlier year. From the published trend."""
    if trend is None or trend.empty:
        return [], [], None
    shown = published_trend(trend)
    shown = shown[shown["statistic"] != "yes_no"]
    keys = [
        "organisation",
        "standard",
        "metric",
        "category",
        "group",
        "reference_group",
        "statistic",
    ]
    shown = shown.sort_values("year", kind="stable")
    shown = shown.assign(_before=shown.groupby(keys, dropna=False)["value"].shift(1))
    now = shown[(shown["year"] == year) & shown["change"].notna() & shown["_before"].notna()]
    if now.empty:
        return [], [], None
    # only the figures the headline shows: for metric 1, the focus group's share
    now = now[~((now["metric"] == "1") & (now["group"] == "Unknown"))]
    sizes = np.array([_size(r, r["_before"]) for _, r in now.iterrows()])
    now = now.assign(_size=sizes).sort_values("_size", ascending=False, kind="stable")
    significant = now[now["change_significant"].astype(bool)]
    named = [change_words(r, r["_before"]) for _, r in significant.iterrows()]
    largest = [] if named else [change_words(now.iloc[0], now.iloc[0]["_before"])]
    return named, largest, year - 1


def _change_message(trend, year, history_given) -> tuple[str, str]:
    if not history_given:
        return (
            "Direction of travel:",
            "this paper has no earlier years to compare with (no [history] files in the "
            "config), so it shows no change since last year.",
        )
    named, largest, before = changes(trend, year)
    if before is None:
        return (
            "Direction of travel:",
            f"the history given has no figures for {year - 1}, so no change since last year "
            "can be shown.",
        )
    if named:
        more = len(named) - MAX_CHANGES
        return (
            f"Since {before}:",
            f"{len(named)} statistically significant change{'s' if len(named) > 1 else ''}: "
            + "; ".join(named[:MAX_CHANGES])
            + (f"; and {more} more (see the trend tables)" if more > 0 else "")
            + ".",
        )
    return (
        f"Since {before}:",
        "no headline figure changed by a statistically significant amount; the largest "
        f"change: {largest[0]}.",
    )


def _board_message(published, organisation) -> tuple[str, str] | None:
    rows = published.rows
    parts = []
    for standard, metric, group in (("WRES", "9", "BME"), ("WDES", "10", "Disabled")):
        sel = rows[
            (rows["organisation"] == organisation)
            & (rows["level"] == "organisation")
            & (rows["standard"] == standard)
            & (rows["metric"] == metric)
            & (rows["category"] == "all")
            & (rows["group"] == group)
        ]
        if sel.empty:
            continue
        i = sel.index[0]
        r = sel.iloc[0]
        if published.hidden.loc[i, "value"] or published.hidden.loc[i, "events_group"]:
            continue
        parts.append(
            f"{group} people are {r['rate_group'] * 100:.1f}% of board members "
            f"({int(r['events_group'])} of {int(r['n_group'])}) and "
            f"{r['rate_reference'] * 100:.1f}% of the workforce "
            f"({r['value']:+.1f} percentage points, {standard} {metric})"
        )
    if not parts:
        return None
    return ("Board:", "; ".join(parts) + ".")


def _model_employer_message(tables: list[ModelEmployer]) -> tuple[str, str] | None:
    parts = []
    for table in tables:
        if table.workforce_share is None or not table.bands:
            continue
        shown = [b for b in table.bands if b.needed_number is not None]
        count = sum(b.count_number or 0 for b in shown)
        total = sum(b.total_number or 0 for b in shown)
        needed = sum(b.needed_number or 0 for b in shown)
        if not total:
            continue
        words = "bands" if table.standard == "WRES" else "clusters"
        if len(shown) == len(table.bands):
            where = f"at every one of the {len(shown)} {words} from 8a"
        else:
            hidden = [b for b in table.bands if b.needed_number is None and b.total_number]
            largest = max(hidden, key=lambda b: b.total_number or 0, default=None)
            rest = (
                f"the rest are confidential, the largest {largest.category} with "
                f"{largest.total_number:,} staff, so the gap there is not shown here"
                if largest is not None
                else "the rest are confidential"
            )
            where = (
                f"at the {len(shown)} of {len(table.bands)} {words} from 8a whose figures are "
                f"published ({rest})"
            )
        parts.append(
            f"{table.group} staff are {table.workforce_share:.1f}% of the workforce; {where}, "
            f"they are {100 * count / total:.1f}% of staff, and parity there would need "
            f"{needed:,} more {table.group} staff"
        )
    if not parts:
        return None
    return ("Model Employer:", "; ".join(parts) + ".")


def _declaration_message(d: Declaration) -> tuple[str, str] | None:
    parts = []
    if d.unknown_ethnicity is not None:
        parts.append(f"ethnicity is unknown for {d.unknown_ethnicity:.1f}% of staff in ESR")
    if d.unknown_disability is not None:
        parts.append(f"disability is unknown for {d.unknown_disability:.1f}%")
    if not parts:
        return None
    text = " and ".join(parts) + "."
    if d.survey_disabled is not None and d.esr_disabled_declared is not None:
        text += (
            f" In the Staff Survey {d.survey_disabled:.1f}% of respondents say they are "
            f"Disabled, against {d.esr_disabled_declared:.1f}% of staff who declared in ESR"
            + (
                ": ESR under-records Disabled staff, so the ESR-based WDES metrics (1, 2, 3, "
                "10) rest on those who chose to declare."
                if d.survey_disabled > d.esr_disabled_declared
                else "."
            )
        )
    elif d.unknown_disability is not None and d.unknown_disability >= 10:
        text += (
            " With this many unknown, the ESR-based WDES metrics rest on those who chose "
            "to declare."
        )
    return ("Declaration rates:", text[0].upper() + text[1:])


def _national_message(beside: list[Beside]) -> tuple[str, str] | None:
    ratios = [b for b in beside if b.national and b.trust not in ("[c]", "–")]
    if not ratios:
        return None
    parts = [
        f"{b.standard} {b.metric} {b.trust} (national {b.national_year}: {b.national})"
        for b in ratios
    ]
    return ("Against the national figures:", "; ".join(parts) + ".")


def _missing_message(missing: list[tuple[str, str]]) -> tuple[str, str] | None:
    if not missing:
        return None
    by_reason: dict[str, list[str]] = {}
    for label, reason in missing:
        by_reason.setdefault(reason, []).append(label)
    return (
        "Not computed:",
        "; ".join(f"{', '.join(labels)} ({reason})" for reason, labels in by_reason.items()) + ".",
    )


def key_messages(
    published: Published,
    organisation: str,
    year: int,
    trend: pd.DataFrame | None,
    history_given: bool,
    model_employer: list[ModelEmployer],
    declared: Declaration,
    beside: list[Beside],
    missing: list[tuple[str, str]],
) -> list[tuple[str, str]]:
    """The executive summary's messages, in the order of the module docstring."""
    candidates = [
        _likelihood_message(published, organisation, "WRES"),
        _likelihood_message(published, organisation, "WDES"),
        _change_message(trend, year, history_given),
        _board_message(published, organisation),
        _model_employer_message(model_employer),
        _declaration_message(declared),
        _national_message(beside),
        _missing_message(missing),
    ]
    return [m for m in candidates if m is not None]


__all__ = ["adverse_likelihoods", "changes", "key_messages", "rl_label"]
