"""Load every input of a run: read, match headers, standardise, validate, reconcile.

This is the first half of the flow in ``DESIGN.md``::

    files ──read──▶ raw frames ──standardise──▶ typed frames (pandera-valid)

and it keeps the promise that nothing is lost silently: every record read is
either used or excluded with a reason, and :attr:`Inputs.reconciliation` says
how many of each. Exclusions made here are those of the inputs themselves
(bank-only staff, mandatory training, records outside the reporting window,
duplicate case rows); metrics state their own populations.

Case, training and leaver rows take ethnicity, disability and units from the
staff list by ``person_id`` (within the organisation, when there is an
``organisation`` column) where they do not carry their own; their own values
win (``DESIGN.md``, input contract). People not in the staff list are looked up
in the leavers list, since a case may concern someone who has since left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from . import classify
from .config import Config, load_config
from .contract import INPUTS
from .counts import key_positions, shared_codes
from .headers import match_headers
from .problems import InputError, Problem, has_errors, problems_frame, row_problems
from .read import read_table, source_name
from .schemas import validate_frame
from .standardise import standardise

CASE_INPUTS = ("disciplinary", "capability", "training", "leavers")
"""Inputs whose rows are about a person and take groups from the staff list."""

INTERSECTIONAL = ("gender", "age_band", "sexual_orientation", "religion")
"""Staff columns carried to cases and leavers so that any metric can be split by them."""

PERSON_ATTRIBUTES = (
    "ethnic_group",
    "disability_group",
    "band",
    "medical_subgroup",
    "wdes_cluster",
    "staff_category",
)

RECONCILIATION_COLUMNS = ("input", "file", "outcome", "reason", "records")


@dataclass
class Inputs:
    """Every input of a run, typed, validated and reconciled.

    Attributes
    ----------
    config
        The run configuration.
    frames
        Input key to its typed frame of *used* records, indexed by file row.
        Classified columns (``ethnic_group``, ``disability_group``, ``band``, …)
        stand beside the raw ones. Case frames carry ``data_year``, the WRES/WDES
        reporting year whose data year holds the case.
    problems
        Every error and warning found, in the order found.
    reconciliation
        Records read, used and excluded by reason, per input.
    unknown
        Every raw value that fell to Unknown, with its count, per file and column.
    """

    config: Config
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reconciliation: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(RECONCILIATION_COLUMNS))
    )
    unknown: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["file", "column", "value", "count", "reason"])
    )

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not has_errors(self.problems)

    def problems_table(self) -> pd.DataFrame:
        """Every problem as a table (severity, file, row, column, value, rule), errors first."""
        return problems_frame(self.problems)

    def raise_for_errors(self) -> None:
        """Raise :class:`InputError` listing every problem, if any is an error."""
        if not self.ok:
            raise InputError(self.problems)


class _Reconciler:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, int]] = []

    def read(self, key: str, source: str, n: int) -> None:
        self.rows.append((key, source, "read", "", n))

    def exclude(self, key: str, source: str, reason: str, n: int) -> None:
        if n:
            self.rows.append((key, source, "excluded", reason, int(n)))

    def used(self, key: str, source: str, n: int) -> None:
        self.rows.append((key, source, "used", "", int(n)))

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=list(RECONCILIATION_COLUMNS))


def _in_window(dates: pd.Series, start: dt.date, end: dt.date) -> pd.Series:
    """True inside [start, end]; missing dates count as inside (nothing to judge by)."""
    inside = (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
    return inside.fillna(True).astype(bool) | dates.isna()


def _fmt(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _data_year(dates: pd.Series, year: int) -> pd.Series:
    """The reporting year whose data year (1 April – 31 March) holds each date."""
    shifted = dates.dt.year + (dates.dt.month >= 4).astype("Int64")
    return shifted.astype("Int64").fillna(year)


def _grounds(
    frame: pd.DataFrame, source: str, origin: Mapping[str, str], problems: list[Problem]
) -> pd.Series:
    """Capability grounds: ``performance`` or ``ill health``.

    WDES 3 counts capability on the grounds of performance, not ill health
    (``reference/wdes.md`` §5). Blank grounds are counted as performance, with a
    warning, since most capability policies handle ill health under a separate
    sickness-absence procedure.
    """
    if "grounds" not in frame:
        return pd.Series("performance", index=frame.index, dtype="string")
    text = frame["grounds"].astype("string").str.strip().str.lower()
    out = pd.Series(pd.NA, index=frame.index, dtype="string")
    out[text.str.contains("perform|conduct|competen", regex=True, na=False)] = "performance"
    out[text.str.contains("ill|health|sick|attendance|medical", regex=True, na=False)] = (
        "ill health"
    )
    blank = text.isna()
    bad = out.isna() & ~blank
    column = origin.get("grounds", "grounds")
    if bad.any():
        problems += row_problems(
            "error",
            source,
            column,
            frame.index[bad.to_numpy()],
            frame["grounds"],
            "grounds must be performance or ill health",
        )
    if blank.any():
        problems.append(
            Problem.warning(
                source,
                None,
                column,
                None,
                f"{int(blank.sum())} case(s) give no grounds and are counted as performance",
            )
        )
    return out.fillna("performance")


def _summary_groups(
    frame: pd.DataFrame, source: str, origin: Mapping[str, str], problems: list[Problem]
) -> pd.DataFrame:
    """Classify the ``group`` of a recruitment summary to a grouping and a group.

    Accepts the group names of ``metrics.csv`` (White, BME, Disabled,
    Non-disabled, Unknown) and anything the ethnicity or disability classifiers
    recognise. An optional ``grouping`` column (``ethnicity`` or ``disability``)
    says which an Unknown row belongs to.
    """
    text = frame["group"].astype("string").str.strip()
    folded = text.str.lower().str.replace(r"[^a-z]", "", regex=True)
    names = {
        "white": ("ethnicity", "White"),
        "bme": ("ethnicity", "BME"),
        "bame": ("ethnicity", "BME"),
        "disabled": ("disability", "Disabled"),
        "nondisabled": ("disability", "Non-disabled"),
        "notdisabled": ("disability", "Non-disabled"),
    }
    grouping = folded.map({k: v[0] for k, v in names.items()}).astype("string")
    group = folded.map({k: v[1] for k, v in names.items()}).astype("string")
    given = pd.Series(pd.NA, index=frame.index, dtype="string")
    if "grouping" in frame:
        given = frame["grouping"].astype("string").str.strip().str.lower()
        given = given.where(given.isin(["ethnicity", "disability"]))
    grouping = grouping.fillna(given)
    eth = classify.ethnic_group(text).values.astype("string")
    dis = classify.disability_group(text).values.astype("string")
    rest = group.isna()
    as_disability = rest & (
        (grouping == "disability").fillna(False)
        | (grouping.isna() & (eth == "Unknown") & (dis != "Unknown"))
    )
    as_ethnicity = (
        rest & ~as_disability & ((grouping == "ethnicity").fillna(False) | (eth != "Unknown"))
    )
    grouping = grouping.mask(as_disability, "disability").mask(as_ethnicity, "ethnicity")
    group = group.mask(as_disability, dis).mask(as_ethnicity, eth)
    ambiguous = grouping.isna()
    if ambiguous.any():
        problems += row_problems(
            "error",
            source,
            origin.get("group", "group"),
            frame.index[ambiguous.to_numpy()],
            frame["group"],
            "group must be White, BME, Disabled, Non-disabled or Unknown; for an Unknown "
            "row add a grouping column saying ethnicity or disability",
        )
    out = frame.copy()
    out["grouping"] = grouping.astype("string")
    out["group"] = group.astype("string")
    return out


def _concat_people(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Stack staff and leavers, keeping categorical columns categorical."""
    out = {}
    for column in columns:
        # column by column: no copy of whole frames, and no column not carried
        series = [
            f[column] if column in f else pd.Series(np.nan, index=f.index, dtype=float)
            for f in frames
        ]
        if all(isinstance(x.dtype, pd.CategoricalDtype) for x in series):
            out[column] = union_categoricals([x.array for x in series], ignore_order=True)
        else:
            out[column] = pd.concat(series, ignore_index=True).to_numpy()
    return pd.DataFrame(out)


def _fill(own: pd.Series, looked: pd.Series) -> pd.Series:
    """Own values where given, else the looked-up ones."""
    missing = own.isna().to_numpy()
    if not missing.any():
        return own
    if isinstance(own.dtype, pd.CategoricalDtype) and isinstance(looked.dtype, pd.CategoricalDtype):
        both = union_categoricals([own.array, looked.array], ignore_order=True)
        own = own.cat.set_categories(both.categories)
        looked = looked.cat.set_categories(both.categories)
    return own.where(~missing, looked)


def _take(column: pd.Series, rows: np.ndarray, found: np.ndarray, index: pd.Index) -> pd.Series:
    """``column`` at ``rows``, missing where not ``found``; categoricals stay categorical."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = np.where(found, column.cat.codes.to_numpy()[rows], -1)
        return pd.Series(pd.Categorical.from_codes(codes, dtype=column.dtype), index=index)
    taken = column.take(rows)
    taken.index = index
    return taken.where(found)


def _match_training(
    frames: dict[str, pd.DataFrame],
    sources: Mapping[str, str],
    problems: list[Problem],
    with_org: bool,
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
    on = ["organisation", "person_id"] if with_org and "organisation" in training else ["person_id"]
    coded = (
        {"person_id": (person_codes["training"], person_codes["staff"], id_count)}
        if person_codes and "training" in person_codes and "staff" in person_codes
        else None
    )
    position = key_positions(training, staff, on, coded)
    frames["training"] = training.assign(staff_position=position)
    missing = int((position < 0).sum())
    if missing:
        problems.append(
            Problem.warning(
                sources["training"],
                None,
                "person_id",
                None,
                f"{missing} episode(s) name a person_id not in the census staff list; WRES 4 "
                "counts people in post at the census, so they are not counted",
            )
        )


def _attach_person_attributes(
    frames: dict[str, pd.DataFrame],
    levels: tuple[str, ...],
    problems: list[Problem],
    sources: Mapping[str, str],
) -> None:
    """Fill groups and units of case and leaver rows from the staff list (training: see below).

    One hash join per input (on ``organisation`` and ``person_id`` when both sides
    have an organisation column), never a loop per row.
    """
    lookups = [frames[k] for k in ("staff", "leavers") if k in frames]
    if not lookups:
        return
    carried = [
        c
        for c in (
            *PERSON_ATTRIBUTES,
            "organisation",
            "directorate",
            "unit",
            *levels,
            *INTERSECTIONAL,
        )
        if any(c in f for f in lookups)
    ]
    carried = list(dict.fromkeys(carried))
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
    with_org = all("organisation" in f for f in lookups)
    if "training" in frames and "staff" in frames:
        _match_training(frames, sources, problems, with_org, person_codes, id_count)
    for key in CASE_INPUTS:
        if key == "training" or key not in frames or (key == "leavers" and "staff" not in frames):
            continue
        frame = frames[key]
        on = (
            ["organisation", "person_id"] if with_org and "organisation" in frame else ["person_id"]
        )
        coded = (
            {"person_id": (person_codes[key], people_ids, id_count)}
            if key in person_codes and people_ids is not None
            else None
        )
        positions = key_positions(frame, people, on, coded)
        found = positions >= 0
        rows = np.where(found, positions, 0)
        joined = {c: _take(people[c], rows, found, frame.index) for c in carried if c not in on}
        for column in carried:
            if column in on:
                continue
            looked = joined[column]
            if column in ("ethnic_group", "disability_group"):
                # own classification where the row gives a raw value, else the person's
                raw = "ethnicity" if column == "ethnic_group" else "disability"
                given = (
                    frame[raw].notna().to_numpy()
                    if raw in frame and column in frame
                    else np.zeros(len(frame), dtype=bool)
                )
                if not isinstance(looked.dtype, pd.CategoricalDtype):
                    looked = looked.astype(
                        pd.CategoricalDtype(
                            classify.ETHNIC_GROUPS
                            if column == "ethnic_group"
                            else classify.DISABILITY_GROUPS
                        )
                    )
                categories = looked.cat.categories
                looked_codes = looked.cat.codes.to_numpy()
                if given.any():
                    own = frame[column].cat.set_categories(categories).cat.codes.to_numpy()
                    looked_codes = np.where(given, own, looked_codes)
                unknown = categories.get_loc("Unknown")
                codes = np.where(looked_codes < 0, unknown, looked_codes)
                frame[column] = pd.Categorical.from_codes(codes, categories=categories)
            elif column in frame:
                frame[column] = _fill(frame[column], looked)
            else:
                frame[column] = looked
        missing = ~found
        if key != "leavers" and missing.any():
            own_ethnicity = (
                frame["ethnicity"].notna().to_numpy()
                if "ethnicity" in frame
                else np.zeros(len(frame), dtype=bool)
            )
            no_own = missing & ~own_ethnicity
            if no_own.any():
                problems.append(
                    Problem.warning(
                        sources[key],
                        None,
                        "person_id",
                        None,
                        f"{int(no_own.sum())} row(s) name a person_id found in neither the staff "
                        "nor the leavers list and give no ethnicity of their own; they count "
                        "in the Unknown groups",
                    )
                )
        frames[key] = frame


def _exclusions(
    key: str,
    frame: pd.DataFrame,
    config: Config,
    source: str,
    origin: Mapping[str, str],
    problems: list[Problem],
) -> tuple[pd.DataFrame, list[tuple[str, pd.Series]]]:
    """The records an input excludes, as (reason, mask) pairs, in order of precedence."""
    options = config.options
    start, end = config.data_year
    data_year_text = f"outside the data year {_fmt(start)} to {_fmt(end)}"
    rules: list[tuple[str, pd.Series]] = []
    if key == "staff" and "bank" in frame and not options.include_bank:
        rules.append(("bank-only assignment (options.include_bank = false)", frame["bank"]))
    if key == "leavers":
        rules.append((f"left {data_year_text}", ~_in_window(frame["leave_date"], start, end)))
    if key in ("applications", "training") and "date" in frame:
        rules.append((f"dated {data_year_text}", ~_in_window(frame["date"], start, end)))
    if key == "training" and "mandatory" in frame:
        rules.insert(
            0,
            (
                "marked mandatory (WRES 4 counts non-mandatory training and CPD)",
                frame["mandatory"].fillna(False).astype(bool),
            ),
        )
    if key in ("disciplinary", "capability"):
        window = options.disciplinary_window if key == "disciplinary" else options.capability_window
        years = 2 if window == "two_year" else 1
        w_start, w_end = config.window(years)
        rules.append(
            (
                f"started outside the {window.replace('_', '-')} window "
                f"{_fmt(w_start)} to {_fmt(w_end)} (options.{key}_window)",
                ~_in_window(frame["start_date"], w_start, w_end),
            )
        )
        on = [c for c in ("organisation", "person_id", "start_date") if c in frame]
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
            )
        rules.append(("duplicate case row (same person and start date)", duplicated))
        frame = frame.assign(data_year=_data_year(frame["start_date"], config.year))
    if key == "capability":
        frame = frame.assign(grounds=_grounds(frame, source, origin, problems))
        if not options.capability_include_ill_health:
            rules.append(
                (
                    "ill-health grounds (options.capability_include_ill_health = false)",
                    frame["grounds"] == "ill health",
                )
            )
    return frame, rules


def _load_one(
    key: str,
    raw: pd.DataFrame,
    source: str,
    config: Config,
    problems: list[Problem],
    unknowns: list[pd.DataFrame],
) -> tuple[pd.DataFrame, dict[str, str]] | None:
    spec = INPUTS[key]
    matched, found = match_headers(raw, spec, source, config.levels)
    problems += found
    if has_errors(found):
        return None
    std = standardise(matched.frame, spec, source, matched.origin, config.mappings)
    problems += std.problems
    unknowns.append(std.unknown)
    if has_errors(std.problems):
        return None
    frame = std.frame
    if key == "applications_summary":
        before = len(problems)
        frame = _summary_groups(frame, source, matched.origin, problems)
        if has_errors(problems[before:]):
            return None
    problems += validate_frame(frame, key, config.year, source, matched.origin)
    if key in ("survey_responses", "survey_results"):
        from .survey import check_inputs  # the survey's own rules: question codes, answers

        checked = check_inputs(key, frame, source, matched.origin, config)
        problems += checked.problems
        frame = checked.frame
    for level in config.levels:
        if spec.takes_units and level not in frame and key in ("staff",):
            problems.append(
                Problem.error(
                    source,
                    None,
                    level,
                    None,
                    f"breakdown level {level} (breakdown.levels) is not a column of the staff list",
                )
            )
    return frame, matched.origin


def load_frames(
    raw_frames: Mapping[str, pd.DataFrame],
    config: Config,
    sources: Mapping[str, str] | None = None,
    strict: bool = True,
) -> Inputs:
    """Load inputs given as DataFrames of raw values (any headers the contract accepts).

    Parameters
    ----------
    raw_frames
        Input key (``staff``, ``applications`` …) to a frame as read from a file.
        Its index is taken as the row number shown in messages.
    config
        The run configuration (its ``inputs`` paths are ignored here).
    sources
        Input key to the name shown in messages (default: the key).
    strict
        Raise :class:`InputError` when any problem is an error (default). With
        ``False`` the problems are returned in :attr:`Inputs.problems`.
    """
    sources = dict(sources or {})
    problems: list[Problem] = []
    unknowns: list[pd.DataFrame] = []
    reconciler = _Reconciler()
    typed: dict[str, pd.DataFrame] = {}
    origins: dict[str, dict[str, str]] = {}
    for key, raw in raw_frames.items():
        if key not in INPUTS:
            raise ValueError(f"unknown input {key!r}; expected one of {', '.join(INPUTS)}")
        source = sources.setdefault(key, key)
        reconciler.read(key, source, len(raw))
        loaded = _load_one(key, raw, source, config, problems, unknowns)
        if loaded is not None:
            typed[key], origins[key] = loaded

    frames: dict[str, pd.DataFrame] = {}
    if not has_errors(problems):
        for key, frame in typed.items():
            frame, rules = _exclusions(key, frame, config, sources[key], origins[key], problems)
            keep = pd.Series(True, index=frame.index)
            for reason, mask in rules:
                hit = keep & mask.fillna(False).astype(bool)
                reconciler.exclude(key, sources[key], reason, int(hit.sum()))
                keep &= ~hit
            if key == "staff" and not config.options.include_bank and "bank" in frame:
                n_bank = int(frame["bank"].sum())
                if n_bank:
                    problems.append(
                        Problem.warning(
                            sources[key],
                            None,
                            origins[key].get("assignment_category"),
                            "Bank",
                            f"{n_bank} bank-only staff are left out of the workforce counts "
                            "(set options.include_bank = true to count them)",
                        )
                    )
            frames[key] = frame[keep.to_numpy()]
            reconciler.used(key, sources[key], int(keep.sum()))
        _attach_person_attributes(frames, config.levels, problems, sources)
        if has_errors(problems):
            frames = {}

    unknown = (
        pd.concat([u for u in unknowns if len(u)], ignore_index=True)
        if any(len(u) for u in unknowns)
        else Inputs(config).unknown
    )
    for row in unknown.itertuples(index=False):
        if row.reason == "unrecognised":
            problems.append(
                Problem.warning(
                    row.file,
                    None,
                    row.column,
                    row.value,
                    f"not a recognised value; {row.count} row(s) counted as Unknown "
                    "(add it under [mappings] to classify it)",
                )
            )
    inputs = Inputs(config, frames, problems, reconciler.frame(), unknown)
    if strict:
        inputs.raise_for_errors()
    return inputs


class _ReadAhead(Mapping[str, pd.DataFrame]):
    """The raw frames of a configuration's inputs, read one after another on a
    background thread while the caller works on those already read.

    Arrow parses with every core but converting, validating and classifying run
    mostly on one; reading the next file meanwhile overlaps the two (at national
    scale, the applications are parsed while the staff list is validated).
    Iterating yields the inputs in the configuration's order, waiting for each;
    a file that cannot be read is skipped and its problems kept in
    :attr:`problems`.
    """

    def __init__(self, config: Config, pool: ThreadPoolExecutor) -> None:
        self._reads = {
            key: pool.submit(read_table, ref.path, INPUTS[key], ref.sheet)
            for key, ref in config.inputs.items()
        }
        self.sources = {key: source_name(ref.path, ref.sheet) for key, ref in config.inputs.items()}
        self.problems: list[Problem] = []
        self._failed: set[str] = set()

    def __iter__(self):
        for key, read in self._reads.items():
            try:
                read.result()
            except InputError as exc:
                if key not in self._failed:
                    self._failed.add(key)
                    self.problems += exc.problems
                continue
            yield key

    def __getitem__(self, key: str) -> pd.DataFrame:
        return self._reads[key].result().frame

    def __len__(self) -> int:
        return sum(1 for _ in self)


def load(config: Config | str | Path, strict: bool = True) -> Inputs:
    """Read, standardise, validate and reconcile every input named in a configuration.

    Parameters
    ----------
    config
        A :class:`~wres_wdes.config.Config` or the path of a TOML configuration.
    strict
        Raise :class:`InputError` when any problem is an error (default).

    Examples
    --------
    >>> from wres_wdes import load, sample
    >>> inputs = load(sample.bundled_config())           # doctest: +SKIP
    >>> inputs.reconciliation.query("outcome == 'excluded'")  # doctest: +SKIP
    """
    if not isinstance(config, Config):
        config = load_config(config)
    pool = ThreadPoolExecutor(1, thread_name_prefix="wres-wdes-read")
    try:
        raws = _ReadAhead(config, pool)
        inputs = load_frames(raws, config, raws.sources, strict=False)
        problems = raws.problems
    finally:  # on an error (or Ctrl-C) files not yet started are not read
        pool.shutdown(wait=True, cancel_futures=True)
    inputs.problems[:0] = problems
    if problems:
        inputs.frames = {}
    if strict:
        inputs.raise_for_errors()
    return inputs
