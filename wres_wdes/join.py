"""Give case, training and leaver rows the groups and units of the people they are about.

The input contract (``DESIGN.md``): case and training rows of a person in the
staff list take that person's ethnicity, disability and units **from the staff
list**, since the ESR record is the authority and an employee-relations
tracker's free-text "Department" must not split a unit in two. Rows of people
not in the staff list keep their own ethnicity and disability, with blanks filled
from the leavers list (a case may concern someone who has since left); their units
come from the leavers list as a whole, for the same reason as the staff list's: a
tracker's "Department" beside ESR's directorate would make a unit that nests in no
directorate. Only rows of people in neither list keep their own units. Leaver rows
carry their own values (a leaver is not in the census list).

Every join is on ``person_id`` alone (one person over the whole file, see
:mod:`wres_wdes.people`), one integer search per input, never a loop per row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from . import classify
from .keys import key_positions, shared_codes
from .problems import Problem

CASE_INPUTS = ("disciplinary", "capability", "training", "leavers")
"""Inputs whose rows are about a person and take groups from the staff list."""

INTERSECTIONAL = ("gender", "age_band", "sexual_orientation", "religion")
"""Staff columns carried to cases and leavers so that any metric can be split by them."""

PERSON_ATTRIBUTES = (
    "ethnic_group",
    "ethnic_high_level",
    "disability_group",
    "band",
    "medical_subgroup",
    "wdes_cluster",
    "staff_category",
)

UNIT_COLUMNS = ("organisation", "directorate", "unit")
"""Where a person works: with the breakdown levels, taken from ESR as a block for anyone
in the staff or leavers list (a tracker's "Department" beside ESR's directorate would
make a unit that nests in no directorate)."""

GROUP_RAW = {
    "ethnic_group": "ethnicity",
    "ethnic_high_level": "ethnicity",
    "disability_group": "disability",
}
GROUP_LABELS = {
    "ethnic_group": classify.ETHNIC_GROUPS,
    "ethnic_high_level": classify.HIGH_LEVEL_GROUPS,
    "disability_group": classify.DISABILITY_GROUPS,
}


def _concat_people(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Stack staff and leavers, keeping categorical columns categorical."""
    out: dict[str, pd.Categorical | np.ndarray] = {}
    for column in columns:
        # column by column: no copy of whole frames, and no column not carried
        series = [
            f[column] if column in f else pd.Series(np.nan, index=f.index, dtype=float)
            for f in frames
        ]
        if all(isinstance(x.dtype, pd.CategoricalDtype) for x in series):
            arrays = [cast(pd.Categorical, x.array) for x in series]  # all categorical
            out[column] = union_categoricals(arrays, ignore_order=True)
        else:
            out[column] = pd.concat(series, ignore_index=True).to_numpy()
    return pd.DataFrame(out)


def _same_categories(a: pd.Series, b: pd.Series) -> tuple[pd.Series, pd.Series]:
    if isinstance(a.dtype, pd.CategoricalDtype) and isinstance(b.dtype, pd.CategoricalDtype):
        both = union_categoricals([a.array, b.array], ignore_order=True)
        return a.cat.set_categories(both.categories), b.cat.set_categories(both.categories)
    if isinstance(a.dtype, pd.CategoricalDtype) or isinstance(b.dtype, pd.CategoricalDtype):
        return a.astype(object), b.astype(object)
    return a, b


def _choose(own: pd.Series, looked: pd.Series, staff_wins: np.ndarray) -> pd.Series:
    """The staff list's value where ``staff_wins``; elsewhere own values, blanks filled
    from the looked-up ones."""
    use_looked = staff_wins | own.isna().to_numpy()
    if not use_looked.any():
        return own
    own, looked = _same_categories(own, looked)
    return own.where(~use_looked, looked)


def _take(column: pd.Series, positions: np.ndarray, index: pd.Index) -> pd.Series:
    """``column`` at ``positions``, missing where a position is -1 (no one found);
    categoricals stay categorical, and an empty list finds no one."""
    taken = pd.api.extensions.take(column.array, positions, allow_fill=True)
    return pd.Series(taken, index=index)


def _group_column(
    frame: pd.DataFrame, column: str, looked: pd.Series, staff_wins: np.ndarray
) -> pd.Categorical:
    """A classified group: the staff list's for people in it, else the row's own where it
    gives a raw value, else the looked-up one; Unknown when none."""
    labels = GROUP_LABELS[column]
    if not isinstance(looked.dtype, pd.CategoricalDtype):
        looked = looked.astype(pd.CategoricalDtype(list(labels)))
    categories = looked.cat.categories
    codes = looked.cat.codes.to_numpy()
    raw = GROUP_RAW[column]
    if raw in frame and column in frame:
        own_given = frame[raw].notna().to_numpy() & ~staff_wins
        if own_given.any():
            own = frame[column].cat.set_categories(categories).cat.codes.to_numpy()
            codes = np.where(own_given, own, codes)
    codes = np.where(codes < 0, list(categories).index("Unknown"), codes)
    return pd.Categorical.from_codes(codes, categories=categories)


MOSTLY_UNMATCHED = 0.5
"""Above this share of rows (of at least :data:`UNMATCHED_MIN` rows) naming nobody in the
staff or leavers list, the files are taken to write employee numbers differently: an
error, since every figure from that input would rest on people it cannot find."""
UNMATCHED_MIN = 10


def _differ_by_zeros(sample, people: pd.Series) -> bool:
    """Whether most of ``sample`` (unmatched numbers) are in ``people`` once spaces and
    leading zeros are ignored. Each sampled number's variants (trimmed, unpadded, padded
    with up to six zeros) are looked up in the list: no pass over the 1.5 million numbers
    of a national staff list but the one hash look-up."""
    stripped = [str(v).strip() for v in sample if v is not None and not pd.isna(v)]
    if not stripped:
        return False
    owner, variants = [], []
    for i, value in enumerate(stripped):
        bare = value.lstrip("0")
        for variant in {value, bare, *("0" * k + bare for k in range(1, 7))}:
            owner.append(i)
            variants.append(variant)
    known = pd.Index(pd.unique(people.dropna().astype("str")))
    found = known.get_indexer(pd.Index(variants)) >= 0
    matched = {o for o, hit in zip(owner, found, strict=True) if hit}
    return len(matched) >= 0.5 * len(stripped)


def _unmatched(
    key: str,
    frame: pd.DataFrame,
    missing: np.ndarray,
    people: pd.Series,
    source: str,
    where: str,
    consequence: str,
) -> Problem | None:
    """The problem for rows whose ``person_id`` is in no list: examples, and a hint when
    the numbers differ only by leading zeros or spaces."""
    n = int(missing.sum())
    if not n:
        return None
    ids = frame["person_id"].to_numpy()[missing]
    examples = ", ".join(str(v) for v in pd.unique(ids)[:5])

    hint = ""
    if _differ_by_zeros(pd.unique(ids)[:1000], people):
        hint = (
            " Most of them match a number there once leading zeros and spaces are ignored: "
            "the files write employee numbers differently (one keeps leading zeros); export "
            "both the same way"
        )
    mostly = n >= UNMATCHED_MIN and n > MOSTLY_UNMATCHED * len(frame)
    rule = (
        f"{n:,} of {len(frame):,} row(s) name a person_id found in {where} (such as "
        f"{examples}); {consequence}.{hint}"
    )
    if mostly:
        return Problem.error(
            source,
            None,
            "person_id",
            None,
            rule + " Most rows match nobody: check the numbers",
            code="unmatched-person",
        )
    return Problem.warning(source, None, "person_id", None, rule, code="unmatched-person")


def match_training(
    frames: dict[str, pd.DataFrame],
    sources: Mapping[str, str],
    problems: list[Problem],
    person_codes: Mapping[str, np.ndarray] | None = None,
    id_count: int = 0,
) -> None:
    """Match training episodes to the census staff list (``staff_position``, -1 if absent).

    WRES 4 counts people in post at the census who accessed training
    (``reference/wres.md`` §4), so an episode needs only its person's row in the
    staff list, not a copy of their groups: at national scale that saves copying
    millions of rows.
    """
    training, staff = frames["training"], frames["staff"]
    coded = (
        {"person_id": (person_codes["training"], person_codes["staff"], id_count)}
        if person_codes and "training" in person_codes and "staff" in person_codes
        else None
    )
    position = key_positions(training, staff, ["person_id"], coded)
    frames["training"] = training.assign(staff_position=position)
    problem = _unmatched(
        "training",
        training,
        position < 0,
        staff["person_id"],
        sources["training"],
        "no row of the census staff list",
        "WRES 4 counts people in post at the census, so they are not counted",
    )
    if problem is not None:
        problems.append(problem)


def attach_person_attributes(
    frames: dict[str, pd.DataFrame],
    levels: tuple[str, ...],
    problems: list[Problem],
    sources: Mapping[str, str],
) -> None:
    """Give case and leaver rows the groups and units of their people (training: positions).

    One integer join per input on ``person_id``. For a row whose person is in the
    staff list, the staff list's ethnicity, disability, band, units and
    intersectional columns replace the row's own. For a person in the leavers list
    only, the leavers list's units (:data:`UNIT_COLUMNS` and the breakdown levels)
    replace the row's own, as a block, and its other values fill the row's blanks.
    For anyone else the row's own values stand.
    """
    lookups = [frames[k] for k in ("staff", "leavers") if k in frames]
    if not lookups:
        return
    carried = [
        c
        for c in (
            *PERSON_ATTRIBUTES,
            *UNIT_COLUMNS,
            *levels,
            *INTERSECTIONAL,
        )
        if any(c in f for f in lookups)
    ]
    carried = list(dict.fromkeys(carried))
    units = {*UNIT_COLUMNS, *levels}  # taken from ESR (staff, else leavers) as a block
    # every person_id of every input coded once against one dictionary
    keyed = [
        k
        for k in dict.fromkeys(("staff", "leavers", *CASE_INPUTS))
        if k in frames and "person_id" in frames[k]
    ]
    codes, id_count = shared_codes([frames[k]["person_id"] for k in keyed])
    person_codes = dict(zip(keyed, codes, strict=True))
    all_coded = all("person_id" in f for f in lookups)
    people = _concat_people(lookups, carried if all_coded else ["person_id", *carried])
    people_ids = (
        np.concatenate([person_codes[k] for k in ("staff", "leavers") if k in frames])
        if all_coded
        else None
    )
    n_staff = len(frames["staff"]) if "staff" in frames else 0
    if "training" in frames and "staff" in frames:
        match_training(frames, sources, problems, person_codes, id_count)
    for key in CASE_INPUTS:
        if key == "training" or key not in frames or (key == "leavers" and "staff" not in frames):
            continue
        frame = frames[key]
        coded = (
            {"person_id": (person_codes[key], people_ids, id_count)}
            if key in person_codes and people_ids is not None
            else None
        )
        positions = key_positions(frame, people, ["person_id"], coded)
        found = positions >= 0
        in_staff = found & (positions < n_staff) & (key != "leavers")
        in_esr = found & (key != "leavers")  # in the staff or the leavers list
        for column in carried:
            if column == "person_id":
                continue
            looked = _take(people[column], positions, frame.index)
            if column in GROUP_LABELS:
                frame[column] = _group_column(frame, column, looked, in_staff)
            elif column in frame:
                wins = in_esr if column in units else in_staff
                frame[column] = _choose(frame[column], looked, wins)
            else:
                frame[column] = looked
        if key != "leavers":
            problem = _unmatched(
                key,
                frame,
                ~found,
                pd.concat([f["person_id"] for f in lookups if "person_id" in f]),
                sources[key],
                "neither the staff nor the leavers list",
                "they keep their own ethnicity, disability and units (Unknown where they give "
                "none)",
            )
            if problem is not None:
                problems.append(problem)
        frames[key] = frame
