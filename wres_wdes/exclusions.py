"""Which records of each input are used, and why every other one is left out.

Nothing is lost silently (``DESIGN.md``, principle 5): every record read is
either used or excluded with a reason, and :class:`Reconciler` keeps the count
of each so that ``reconciliation.csv`` adds up (read = used + excluded). The
rules, in the order they apply:

============================  =========================================================
before anything is checked    text below the table (a report footer such as
                              ``Applied filters: …``, found by
                              :func:`wres_wdes.read.is_footer`); rows the config's
                              ``keep`` leaves out, by value (``Case Type = Grievance``)
staff                         further assignments of a person (folded into one, see
                              :mod:`wres_wdes.people`); bank-only staff
leavers                       left outside the data year; further leaver rows of a
                              person; bank assignments; people still in post at the
                              census
applications, training        dated outside the data year; training marked mandatory
disciplinary, capability      started outside the window; duplicate rows; capability
                              on ill-health grounds
============================  =========================================================

Options decide some of them (``options.include_bank``, the windows,
``options.capability_include_ill_health``); each reason names its option.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .classify import normalise
from .config import Config
from .contract import header_key
from .keys import key_positions
from .people import fold_people
from .problems import Problem, row_problems

RECONCILIATION_COLUMNS = ("input", "file", "outcome", "reason", "records")

KEEP_REASONS_SHOWN = 12
"""Distinct values of one ``keep`` column given a reconciliation row each; the rest
share one row."""


class Reconciler:
    """Counts of records read, used and excluded by reason, per input."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, int]] = []

    def read(self, key: str, source: str, n: int) -> None:
        self.rows.append((key, source, "read", "", int(n)))

    def exclude(self, key: str, source: str, reason: str, n: int) -> None:
        if n:
            self.rows.append((key, source, "excluded", reason, int(n)))

    def used(self, key: str, source: str, n: int) -> None:
        self.rows.append((key, source, "used", "", int(n)))

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=list(RECONCILIATION_COLUMNS))


def fmt_date(d: dt.date) -> str:
    """``1 April 2023``, as the guidance writes dates."""
    return f"{d.day} {d:%B %Y}"


def in_window(dates: pd.Series, start: dt.date, end: dt.date) -> pd.Series:
    """True inside [start, end]; missing dates count as inside (nothing to judge by)."""
    inside = (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
    return inside.fillna(True).astype(bool) | dates.isna()


def data_year(dates: pd.Series, year: int) -> pd.Series:
    """The reporting year whose data year (1 April – 31 March) holds each date."""
    shifted = dates.dt.year + (dates.dt.month >= 4).astype("Int64")
    return shifted.astype("Int64").fillna(year)


# --- before anything is checked ----------------------------------------------------


def report_rows(raw: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Rows of a report that are not records: (text rows, totals rows).

    Report tools print lines among the records: a section heading (``Directorate:
    Surgery``), a page break (``Page 1 of 2``), an ``END`` marker, a totals row
    (``Grand Total,,,,20``). A **text row** holds one cell only, with a space or a
    colon in it (no identifier has either), or is one of the single-cell rows
    after the last record. A **totals row** starts with ``Total``, ``Grand Total``,
    ``Sub-total``, ``Count`` or ``Sum``. Each is left out, with a warning; a
    record always fills its identifier and, in practice, more.
    """
    n = len(raw)
    none = np.zeros(n, dtype=bool)
    if n == 0 or raw.shape[1] < 2:
        return none, none
    filled = np.zeros(n, dtype=np.int64)
    for column in raw.columns:
        filled += raw[column].notna().to_numpy()
    text = none.copy()
    single = np.flatnonzero(filled == 1)
    if len(single):
        cells = raw.iloc[single].bfill(axis=1).iloc[:, 0].astype(str).str.strip()
        spaced = cells.str.contains(r"[\s:]", regex=True).to_numpy()
        trailing = np.zeros(len(single), dtype=bool)
        last_record = np.flatnonzero(filled >= 2)
        if len(last_record):
            trailing = single > last_record[-1]
        text[single[spaced | trailing]] = True
    totals = total_labels(raw[raw.columns[0]]) & ~text
    return text, totals


TOTAL_PATTERN = r"^(?:\s*(?:grand\s+|sub\s*-?\s*)?totals?\b|\s*(?:count|sum)\s*:?\s*$)"
"""The label of a totals row that a report prints inside or under its table, as one
anchored pattern for vectorised matching (RE2 and Python)."""

TOTAL_ROW = re.compile(TOTAL_PATTERN, re.I)
""":data:`TOTAL_PATTERN` compiled, for matching one label."""


def total_labels(column: pd.Series) -> np.ndarray:
    """Which cells of a column are a totals label (:data:`TOTAL_ROW`), vectorised.

    A category column is matched through its categories; any other through Arrow's
    regular expressions: the first column is usually the identifier, with millions
    of distinct values at national scale, so no Python loop over its values.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        hit = total_labels(pd.Series(column.cat.categories.astype(str)))
        codes = column.cat.codes.to_numpy()
        return np.where(codes >= 0, hit[np.maximum(codes, 0)], False)
    if pd.api.types.is_numeric_dtype(column.dtype) or pd.api.types.is_bool_dtype(column.dtype):
        return np.zeros(len(column), dtype=bool)  # a number is never a label
    import pyarrow as pa
    import pyarrow.compute as pc

    text = column if column.dtype == "str" else column.astype("str")
    hits = pc.match_substring_regex(pa.array(text), TOTAL_PATTERN, ignore_case=True)
    return pc.fill_null(hits, False).to_numpy(zero_copy_only=False).astype(bool)


def _find_header(raw: pd.DataFrame, header: str) -> str | None:
    key = header_key(header)
    return next((h for h in raw.columns if header_key(h) == key), None)


def keep_rows(
    raw: pd.DataFrame,
    keep: Mapping[str, Sequence[str]],
    source: str,
    problems: list[Problem],
) -> tuple[np.ndarray, list[tuple[str, int]]]:
    """The rows the config's ``keep`` uses, and the reason for each left out.

    A row is kept when, in every ``keep`` column (a header of the file), it holds
    one of the listed values, compared ignoring case and spaces. The reason of a row
    left out names the first column that leaves it out and its value (``Case Type =
    Grievance``), so ``reconciliation.csv`` shows what the file held. A header the
    file lacks is an error; a listed value no row holds is a warning (a typing
    error, or none this year).
    """
    kept = np.ones(len(raw), dtype=bool)
    reasons: list[tuple[str, int]] = []
    for header, listed in keep.items():
        found = _find_header(raw, header)
        if found is None:
            problems.append(
                Problem.error(
                    source,
                    None,
                    header,
                    None,
                    f'keep names the column "{header}", which the file does not have; its '
                    "headers are " + ", ".join(f'"{h}"' for h in list(raw.columns)[:25]),
                    code="keep-column-missing",
                )
            )
            continue
        wanted = {normalise(v) for v in listed}
        values = raw[found]
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        folded = [normalise(u) for u in uniques]
        match = np.array([f in wanted for f in folded] + [False], dtype=bool)
        hit = match[np.where(codes < 0, len(uniques), codes)]
        held = [f for f in folded if f is not None]
        for value in sorted(wanted - set(folded), key=str):
            close = difflib.get_close_matches(str(value), held, n=1, cutoff=0.8)
            holds = ", ".join(f'"{u}"' for u in list(uniques)[:15])
            if close:  # a typing error: the rows of the value meant would be lost
                original = uniques[folded.index(close[0])]
                problems.append(
                    Problem.error(
                        source,
                        None,
                        found,
                        str(value),
                        f'keep lists a value no row holds; did you mean "{original}"? The '
                        f"column holds {holds}",
                        code="keep-value-unused",
                    )
                )
            else:
                problems.append(
                    Problem.warning(
                        source,
                        None,
                        found,
                        str(value),
                        f"keep lists a value no row holds (none this year, or a typing "
                        f"error); the column holds {holds}",
                        code="keep-value-unused",
                    )
                )
        out = kept & ~hit
        if out.any():
            dropped_codes = codes[out]
            counts = pd.Series(dropped_codes).value_counts(sort=True)
            shown = counts.iloc[:KEEP_REASONS_SHOWN]
            for code, count in zip(shown.index.tolist(), shown.tolist(), strict=True):
                value = "(blank)" if code < 0 else uniques[code]
                reasons.append((f"{found} = {value}, not in keep", int(count)))
            rest = int(counts.iloc[KEEP_REASONS_SHOWN:].sum())
            if rest:
                reasons.append((f"{found} = another value not listed in keep", rest))
        kept &= hit
    if keep and len(raw) and not kept.any():
        problems.append(
            Problem.error(
                source,
                None,
                None,
                None,
                "keep leaves no row of the file: check the values it lists against the file's",
                code="keep-leaves-nothing",
            )
        )
    return kept, reasons


# --- the rules of each input --------------------------------------------------------


BANK_EVENTS = ("disciplinary", "capability", "training")
"""Inputs whose rows of bank-only staff are left out with them."""


def bank_only_people(staff: pd.DataFrame, used: pd.DataFrame) -> pd.DataFrame:
    """The people of a staff list left out as bank-only: in it, but not used."""
    if "bank" not in staff or "person_id" not in staff:
        return staff.iloc[:0][[c for c in ("person_id",) if c in staff]]
    bank = staff.loc[staff["bank"].to_numpy(dtype=bool), ["person_id"]]
    return bank[key_positions(bank, used, ["person_id"]) < 0].drop_duplicates()


class _Rules:
    """Applies one input's rules in order, each to the rows the earlier ones kept."""

    def __init__(self, key: str, source: str, frame: pd.DataFrame, reconciler: Reconciler) -> None:
        self.key, self.source, self.frame, self.reconciler = key, source, frame, reconciler

    def drop(self, reason: str, mask: pd.Series | np.ndarray) -> None:
        mask = np.asarray(pd.Series(mask).fillna(False), dtype=bool)
        self.reconciler.exclude(self.key, self.source, reason, int(mask.sum()))
        if mask.any():
            self.frame = self.frame[~mask]

    def outside(
        self,
        column: str,
        window: tuple[dt.date, dt.date],
        what: str,
        label: str,
        origin: Mapping[str, str],
        problems: list[Problem],
    ) -> None:
        """Leave out the rows dated outside ``window``, with a warning giving their dates.

        ``what`` words the rows (``case(s) start``), ``label`` the window and its option.
        """
        dates = self.frame[column]
        outside = ~in_window(dates, *window)
        if outside.any():
            out = dates[outside]
            problems.append(
                Problem.warning(
                    self.source,
                    None,
                    origin.get(column, column),
                    None,
                    f"{int(outside.sum()):,} {what} outside {label} (from "
                    f"{fmt_date(out.min().date())} to {fmt_date(out.max().date())}) and are "
                    "left out",
                    code="outside-window",
                )
            )
        self.drop(f"{what.split(' ')[-1]} outside {label}", outside)


def apply_rules(
    key: str,
    frame: pd.DataFrame,
    config: Config,
    source: str,
    origin: Mapping[str, str],
    problems: list[Problem],
    reconciler: Reconciler,
    bank_only: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The records of one input that the metrics use; every other one counted by reason.

    ``bank_only``: the staff list's bank-only people (``person_id``), left out of the
    workforce; their cases and training are left out too, so that no numerator counts
    people its denominator does not (as with leavers of bank assignments).
    """
    options = config.options
    start, end = config.data_year
    data_year_label = f"the data year {fmt_date(start)} to {fmt_date(end)}"
    bank_reason = "bank-only (options.include_bank = false)"
    rules = _Rules(key, source, frame, reconciler)

    if key == "staff":
        words = _bank_words(rules.frame)
        _fold(rules, problems, not options.include_bank, "assignment")
        if "bank" in rules.frame and not options.include_bank:
            bank = rules.frame["bank"]
            if bank.any():
                problems.append(
                    Problem.warning(
                        source,
                        None,
                        origin.get("assignment_category"),
                        words,
                        f"{int(bank.sum()):,} bank-only staff are left out of the workforce "
                        "counts: their every assignment is in a category read as bank (the "
                        "value shown); set options.include_bank = true to count them",
                        code="bank-excluded",
                    )
                )
            rules.drop(bank_reason, bank)
    if key in BANK_EVENTS and bank_only is not None and len(bank_only) and "person_id" in frame:
        rules.drop(
            "a bank-only member of staff, not in the workforce counted "
            "(options.include_bank = false)",
            key_positions(rules.frame, bank_only, ["person_id"]) >= 0,
        )
    if key == "leavers":
        rules.outside("leave_date", (start, end), "leavers left", data_year_label, origin, problems)
        _fold(rules, problems, not options.include_bank, "leaver row")
        if "bank" in rules.frame and not options.include_bank:
            rules.drop(
                "bank assignment: not a leaver of the workforce counted "
                "(options.include_bank = false)",
                rules.frame["bank"],
            )
    if key == "training" and "mandatory" in rules.frame:
        rules.drop(
            "marked mandatory (WRES 4 counts non-mandatory training and CPD)",
            rules.frame["mandatory"].fillna(False).astype(bool),
        )
    if key in ("applications", "training") and "date" in rules.frame:
        what = "applications are dated" if key == "applications" else "episodes are dated"
        rules.outside("date", (start, end), what, data_year_label, origin, problems)
    if key in ("disciplinary", "capability"):
        _case_rules(rules, key, config, source, origin, problems)
    return rules.frame


def _bank_words(frame: pd.DataFrame) -> str:
    """The assignment categories read as bank, for the warning that says so."""
    if "bank" not in frame or "assignment_category" not in frame:
        return "Bank"
    values = frame.loc[frame["bank"].to_numpy(dtype=bool), "assignment_category"]
    return ", ".join(sorted({str(v) for v in pd.unique(values.dropna())})[:6]) or "Bank"


def _fold(rules: _Rules, problems: list[Problem], bank_excluded: bool, what: str) -> None:
    folded = fold_people(rules.frame, rules.source, bank_excluded, what)
    problems += folded.problems
    if folded.people < folded.rows:
        noun = "assignments" if what == "assignment" else "rows"
        whose = "people" if what == "assignment" else "leavers"
        rules.reconciler.exclude(
            rules.key,
            rules.source,
            f"further {what} of a person counted once ({folded.rows:,} {noun} of "
            f"{folded.people:,} {whose}; band, staff group and units from the primary "
            "assignment)",
            int(folded.further.sum()),
        )
    rules.frame = folded.frame


def _case_rules(
    rules: _Rules,
    key: str,
    config: Config,
    source: str,
    origin: Mapping[str, str],
    problems: list[Problem],
) -> None:
    options = config.options
    window = options.disciplinary_window if key == "disciplinary" else options.capability_window
    years = 2 if window == "two_year" else 1
    w_start, w_end = config.window(years)
    label = (
        f"the {window.replace('_', '-')} window {fmt_date(w_start)} to {fmt_date(w_end)} "
        f"(options.{key}_window)"
    )
    rules.outside("start_date", (w_start, w_end), "cases started", label, origin, problems)
    frame = rules.frame
    on = [c for c in ("person_id", "start_date") if c in frame]
    duplicated = frame.duplicated(on, keep="first")
    if duplicated.any():
        problems += row_problems(
            "warning",
            source,
            origin.get("start_date", "start_date"),
            frame.index[duplicated.to_numpy()],
            frame["start_date"].astype("string"),
            "a case for the same person with the same start date appears earlier; "
            "this row is counted once",
            code="duplicate-case",
        )
    rules.drop("duplicate case row (same person and start date)", duplicated)
    rules.frame = rules.frame.assign(data_year=data_year(rules.frame["start_date"], config.year))
    if years == 2 and len(rules.frame):
        held = set(rules.frame["data_year"].dropna().astype(int))
        for year in (config.year - 1, config.year):
            if year not in held:
                first, last = dt.date(year - 1, 4, 1), dt.date(year, 3, 31)
                problems.append(
                    Problem.warning(
                        source,
                        None,
                        origin.get("start_date", "start_date"),
                        None,
                        f"no case starts in the data year {fmt_date(first)} to "
                        f"{fmt_date(last)}, one of the two years of options.{key}_window: the "
                        "figure is the mean per year over both years, so a file holding only "
                        "one year halves it. Give both years' cases, or set "
                        f'options.{key}_window = "one_year"',
                        code="empty-window-year",
                    )
                )
    if key == "capability":
        _grounds(rules, source, origin, problems, options.capability_include_ill_health)


def _grounds(
    rules: _Rules,
    source: str,
    origin: Mapping[str, str],
    problems: list[Problem],
    include_ill_health: bool,
) -> None:
    """Capability grounds (parsed by standardising); blank grounds count as performance.

    WDES 3 counts capability on the grounds of performance, not ill health
    (``reference/wdes.md`` §5). A case without grounds is counted as performance,
    with a warning, since most capability policies handle ill health under a
    separate sickness-absence procedure.
    """
    frame = rules.frame
    column = origin.get("grounds", "grounds")
    if "grounds" not in frame:
        if len(frame):
            problems.append(
                Problem.warning(
                    source,
                    None,
                    None,
                    None,
                    "no grounds column: every capability case is counted as performance; if "
                    "the file says which cases are on ill-health grounds, name that column with "
                    'columns = { grounds = "…" }',
                    code="no-grounds",
                )
            )
        grounds = pd.Series("performance", index=frame.index, dtype="string")
    else:
        grounds = frame["grounds"].astype("string")
        blank = grounds.isna()
        if blank.any():
            problems += row_problems(
                "warning",
                source,
                column,
                frame.index[blank.to_numpy()],
                None,
                "the case gives no grounds and is counted as performance",
                code="no-grounds",
            )
        grounds = grounds.fillna("performance")
    rules.frame = frame.assign(grounds=grounds)
    if not include_ill_health:
        rules.drop(
            "ill-health grounds (options.capability_include_ill_health = false)",
            rules.frame["grounds"] == "ill health",
        )


def still_in_post(leavers: pd.DataFrame, staff: pd.DataFrame) -> np.ndarray:
    """Leavers whose ``person_id`` is in the census staff list.

    The leaving rate counts people who left the workforce in the data year over
    the headcount at its end; someone in post at the census (an assignment ended
    while another continues, or a return) has not left it.
    """
    if "person_id" not in leavers or "person_id" not in staff:
        return np.zeros(len(leavers), dtype=bool)
    return key_positions(leavers, staff, ["person_id"]) >= 0
