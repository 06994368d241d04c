"""Lists of people given one row per assignment, counted one row per person.

ESR's Staff in Post is one row per assignment (post): a nurse with a substantive
post and a bank post has two rows. WRES and WDES count headcount, people not
posts (``reference/wres.md`` §6, ``wdes.md`` §3), so rows that repeat a
``person_id`` are one person (``DESIGN.md``, "Input contract"):

- the person's band, staff group and units come from their **primary
  assignment**: the row marked primary (``primary_assignment``); without such a
  mark, the assignment whose number has no suffix, then the lowest suffix
  (ESR numbers a person's further assignments ``12345678-2``, ``-3``
  [unconfirmed: ``reference/data-formats.md`` §3]); then the first row. When
  bank staff are left out (the default), the primary is looked for among the
  person's non-bank assignments first, so a bank post never decides where a
  substantive member of staff is counted;
- a person is **bank-only** only when every one of their assignments is bank;
- ``person_id`` is one person over the whole file, never per organisation (a
  cost centre or a trust): someone with posts in two places is counted once,
  where their primary assignment is.

Leaver lists are folded the same way: a person with several leaver rows (one per
ended assignment) is one leaver. Everything here is vectorised over the rows:
one factorize of the person ids and one sort.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .problems import Problem

PERSON_LEVEL = ("ethnicity", "disability", "gender", "age_band", "sexual_orientation", "religion")
"""Columns that describe the person, not the post: the same on every assignment."""


@dataclass
class Folded:
    """A list of people folded to one row per person.

    Attributes
    ----------
    frame
        One row per person (the primary assignment's row, indexed by its file row),
        ``bank`` true only when every assignment of the person is bank.
    further
        For each row of the input, whether it is a further assignment of a person
        counted on another row.
    rows, people
        How many rows were folded into how many people.
    problems
        Warnings: assignments of one person that disagree on who the person is, two
        primaries, a person in several organisations.
    """

    frame: pd.DataFrame
    further: np.ndarray
    rows: int
    people: int
    problems: list[Problem] = field(default_factory=list)


def _codes(series: pd.Series) -> np.ndarray:
    """Integer codes of a column's values, -1 where missing."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy().astype(np.int64)
    codes, _ = pd.factorize(series, use_na_sentinel=True)
    return codes.astype(np.int64)


def _suffix(assignment: pd.Series) -> np.ndarray:
    """The suffix of each assignment number, ``-2``, ``/2``, ``(2)`` or ``_2`` (0 for none, a
    large number when blank)."""
    text = assignment.astype("string")
    number = text.str.extract(r"(?:-|/|_|\()\s*(\d{1,4})\s*\)?\s*$", expand=False)
    suffix = pd.to_numeric(number, errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    return np.where(text.isna().to_numpy(), 1 << 20, suffix)


def fold_people(
    frame: pd.DataFrame, source: str, bank_excluded: bool, what: str = "assignment"
) -> Folded:
    """Fold the rows of each ``person_id`` into one, from the person's primary assignment.

    Parameters
    ----------
    frame
        A typed staff (or leavers) frame with ``person_id`` and, where the file has
        them, ``assignment_id``, ``primary_assignment``, ``bank``, ``organisation``.
    source
        The file, for messages.
    bank_excluded
        Whether bank-only staff are left out of the counts (``options.include_bank``
        false): then a person's non-bank assignments are tried first for the primary.
    what
        What a row is, for messages (``assignment``, ``leaver row``).
    """
    n = len(frame)
    person = _codes(frame["person_id"])
    missing = person < 0
    if missing.any():  # a blank person_id is an error elsewhere; each stays a row of its own
        person = np.where(missing, person.max(initial=-1) + 1 + np.arange(n), person)
    counts = np.bincount(person, minlength=int(person.max(initial=-1)) + 1)
    if n == 0 or (counts <= 1).all():
        return Folded(frame, np.zeros(n, dtype=bool), n, n)

    bank = frame["bank"].to_numpy(dtype=bool) if "bank" in frame else np.zeros(n, dtype=bool)
    primary = (
        frame["primary_assignment"].fillna(False).to_numpy(dtype=bool)
        if "primary_assignment" in frame
        else np.zeros(n, dtype=bool)
    )
    suffix = (
        _suffix(frame["assignment_id"]) if "assignment_id" in frame else np.zeros(n, dtype=np.int64)
    )
    order = np.lexsort(
        (
            np.arange(n),
            suffix,
            ~primary,
            bank if bank_excluded else np.zeros(n, dtype=bool),
            person,
        )
    )
    first = np.ones(n, dtype=bool)
    first[1:] = person[order][1:] != person[order][:-1]
    chosen = np.zeros(n, dtype=bool)
    chosen[order[first]] = True
    # the chosen row of each person, for every row
    chosen_of = np.empty(int(person.max()) + 1, dtype=np.int64)
    chosen_of[person[order[first]]] = order[first]
    chosen_row = chosen_of[person]

    out = frame[chosen].copy()
    if "bank" in frame:
        non_bank = np.bincount(person, weights=~bank, minlength=len(counts))
        out["bank"] = non_bank[person[chosen]] == 0

    problems: list[Problem] = []
    repeated = counts[person] > 1
    for column in (*PERSON_LEVEL, "organisation"):
        if column not in frame:
            continue
        codes = _codes(frame[column])
        differs = repeated & (codes != codes[chosen_row])
        if differs.any():
            people = len(np.unique(person[differs]))
            if column == "organisation":
                rule = (
                    f"{people:,} people hold {what}s in more than one organisation; each is "
                    "counted once, in the organisation of the primary assignment (person_id "
                    "is one person over the whole file)"
                )
            else:
                rule = (
                    f"{people:,} people have {what}s that give different {column} values; "
                    f"the primary assignment's {column} is used"
                )
            problems.append(
                Problem.warning(source, None, column, None, rule, code="several-assignments")
            )
    # people whose primary could not be told from a mark or a suffix: the first row decides
    rank = np.stack([bank if bank_excluded else np.zeros(n, bool), ~primary, suffix], axis=1)
    ordered_rank, ordered_person = rank[order], person[order]
    tied_next = (ordered_person[1:] == ordered_person[:-1]) & (
        ordered_rank[1:] == ordered_rank[:-1]
    ).all(axis=1)
    tied = np.unique(ordered_person[1:][tied_next & first[:-1]])
    if len(tied):
        rows = frame.index[np.sort(order[np.isin(ordered_person, tied) & first])][:8]
        problems.append(
            Problem.warning(
                source,
                None,
                "assignment_id" if "assignment_id" in frame else "person_id",
                None,
                f"{len(tied):,} people with several {what}s have none marked primary and no "
                "assignment number suffix (-2, /2, (2)) to tell the first: the first row in the "
                f"file is used (rows {', '.join(str(int(r)) for r in rows)}"
                + (" …" if len(tied) > 8 else "")
                + "); give the Primary Assignment column to decide",
                code="several-assignments",
            )
        )
    if "primary_assignment" in frame:
        primaries = np.bincount(person, weights=primary, minlength=len(counts))
        several = (primaries > 1) & (counts > 1)
        none = (primaries == 0) & (counts > 1)
        for who, rule in (
            (
                several,
                "have more than one assignment marked primary; the first of them (lowest "
                "assignment number) is used",
            ),
            (
                none,
                f"with several {what}s have none marked primary; the assignment number "
                "without a suffix (or the lowest) is used",
            ),
        ):
            if who.any():
                rows = frame.index[np.sort(order[first][who[person[order[first]]]])]
                problems.append(
                    Problem.warning(
                        source,
                        None,
                        "primary_assignment",
                        None,
                        f"{int(who.sum()):,} people {rule} (rows "
                        + ", ".join(str(int(r)) for r in rows[:8])
                        + (" …" if len(rows) > 8 else "")
                        + ")",
                        code="several-assignments",
                    )
                )
    return Folded(out, ~chosen, n, int(chosen.sum()), problems)
