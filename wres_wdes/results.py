"""The results: one tidy table in the ``metrics.csv`` layout, with views for people.

The columns and their order are a contract (``DESIGN.md``, "Results contract");
other tools read them. Columns after the contract's are extras: ``organisation``
(the organisation a row belongs to, so units of several organisations stay
apart), ``p_adjusted`` (Benjamini–Hochberg within one organisation, metric,
category and level), ``note`` (what a figure's counts are: the mean per year of a
two-year window, a board figure's basis; the WDES 9b narrative), ``method`` (the
interval and test of the row, or why it has none), ``p_exact`` (an exact test,
with ``options.exact_test``), and with an intersectional split ``split_by`` and
``split``.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .problems import UsageError, nearest, unknown_name

METRICS_COLUMNS: tuple[str, ...] = (
    "standard",
    "metric",
    "level",
    "unit",
    "category",
    "group",
    "reference_group",
    "statistic",
    "n_group",
    "events_group",
    "rate_group",
    "n_reference",
    "events_reference",
    "rate_reference",
    "value",
    "ci_low",
    "ci_high",
    "p_value",
    "flags",
)
"""The columns of ``metrics.csv`` that always exist, in this order."""

EXTRA_COLUMNS: tuple[str, ...] = ("organisation", "p_adjusted", "note", "method", "p_exact")

BY_UNIT_COLUMNS: tuple[str, ...] = (
    *METRICS_COLUMNS[METRICS_COLUMNS.index("group") : METRICS_COLUMNS.index("flags")],
    "p_adjusted",
    "flags",
)
"""The columns of :meth:`Results.by_unit`, after its ``level`` and ``unit`` index."""


@dataclass(frozen=True)
class Results:
    """Every figure of a run, as one tidy DataFrame, with views for notebooks.

    Attributes
    ----------
    frame
        One row per figure; columns :data:`METRICS_COLUMNS` then extras.
    """

    frame: pd.DataFrame

    def standard(self, standard: str) -> pd.DataFrame:
        """Rows of ``"WRES"`` or ``"WDES"``.

        Raises
        ------
        UsageError
            For a standard that is neither (``"XRES"``), or one these results hold
            no figure of.
        """
        name = str(standard).upper()
        rows = self.frame[self.frame["standard"] == name]
        if rows.empty:
            there = list(dict.fromkeys(self.frame["standard"]))
            if name in ("WRES", "WDES"):
                raise UsageError(
                    f"{name} is not in these results (its inputs may be missing); they hold: "
                    + (", ".join(there) or "nothing")
                )
            raise unknown_name("standard", standard, ["WRES", "WDES"])
        return rows

    def metric(self, standard: str, metric: str | int) -> pd.DataFrame:
        """Rows of one metric, such as ``metric("WRES", 3)``.

        Raises
        ------
        UsageError
            For a metric these results do not hold (``metric("WRES", 99)``, or
            WRES 3 without a disciplinary input), listing those they do, as
            :meth:`by_unit` does.
        """
        f = self.frame
        name = f"{str(standard).upper()} {metric}"
        rows = f[(f["standard"] == str(standard).upper()) & (f["metric"] == str(metric))]
        if rows.empty:
            there = list(dict.fromkeys(f["standard"] + " " + f["metric"]))
            raise UsageError(
                f"{name} is not in these results (its input may be missing)"
                + nearest(name, there)
                + f" They hold: {', '.join(there) or 'nothing'}"
            )
        return rows

    def level(self, level: str) -> pd.DataFrame:
        """Rows at one level: ``"organisation"``, ``"directorate"`` …

        Raises
        ------
        UsageError
            For a level these results do not hold (``"directorates"``), listing
            those they do and the nearest.
        """
        rows = self.frame[self.frame["level"] == level]
        if rows.empty:
            raise unknown_name("level", level, self.frame["level"], " in these results")
        return rows

    def by_unit(
        self,
        standard: str,
        metric: str | int,
        category: str = "",
        group: str | None = None,
        organisation: str | None = None,
    ) -> pd.DataFrame:
        """One figure of one metric for the organisation and every unit, side by side.

        The view for comparing directorates and operating units: one row per
        level and unit, the organisation first, then each breakdown level from
        coarse to fine (the level with fewer units first), units in name order.

        Which figure each unit gets:

        - by default, the comparison, the row that names a reference group: the
          relative likelihood (WRES 2–4, WDES 2–3, leaving), the percentage-point
          difference (WRES 5–8, WDES 4–7) or the score difference (WDES 9a),
          in the direction NHS England defines (``docs/metrics.md``): WRES 2
          White ÷ BME, WRES 3 BME ÷ White, WRES 4 White ÷ BME, WDES 2
          Non-disabled ÷ Disabled, WDES 3 Disabled ÷ Non-disabled
          (``reference/wres.md`` §2, ``reference/wdes.md`` §2);
        - otherwise the metric's only row per unit (WDES 8, the board metrics
          WRES 9 and WDES 10, which exist at organisation level only);
        - with ``group``, that group's own figure: its percentage or score where
          the metric gives one (``group="White"`` for WRES 5), else its comparison.
          Metric 1 has a row per group, so it needs ``group`` and ``category``.

        Parameters
        ----------
        standard, metric
            As for :meth:`metric`: ``("WRES", 3)``, ``("WDES", "4a")``,
            ``("WRES", "leaving")``.
        category
            The sub-item (``metrics.csv`` column ``category``): ``"managers"``
            for WDES 4a, ``"voting"`` for WRES 9, ``"clinical/band 5"`` for
            metric 1. Default: none.
        group
            A group (``"BME"``, ``"White"``, ``"Disabled"``, ``"All"`` …) to
            show instead of the comparison.
        organisation
            Required when the results hold several organisations (a system
            run), since their unit names may coincide.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``level`` and ``unit`` (and ``split`` for an
            intersectional view, ``calculate(split_by=…)``), with columns
            ``group``, ``reference_group``, ``statistic``, the counts and rates
            of both groups, ``value``, ``ci_low``, ``ci_high``, ``p_value``,
            ``p_adjusted`` and ``flags`` as in ``metrics.csv``.

        Raises
        ------
        UsageError (a ValueError)
            The metric or category is not in the results (the message lists
            what is), the results hold several organisations and none was
            named, or a unit has more than one row and ``group`` would choose.

        Examples
        --------
        >>> results.by_unit("WRES", 2)                        # doctest: +SKIP
        >>> results.by_unit("WDES", "4a", category="managers")  # doctest: +SKIP
        >>> results.by_unit("WRES", 1, "clinical/band 5", group="BME")  # doctest: +SKIP
        """
        rows = self.metric(standard, metric)
        name = f"{standard.upper()} {metric}"
        rows = _one_organisation(rows, organisation)
        categories = rows["category"].fillna("")
        if not (categories == category).any():
            known = ", ".join(repr(c) for c in sorted(categories.unique()))
            raise UsageError(f"{name} has no category {category!r}; its categories are {known}")
        rows = rows[(categories == category).to_numpy()]
        compared = rows["reference_group"].fillna("") != ""
        if group is not None:
            own = rows[(rows["group"] == group).to_numpy()]
            if own.empty:
                known = ", ".join(sorted(rows["group"].unique()))
                raise UsageError(f"{name} has no group {group!r}; its groups are {known}")
            alone = own["reference_group"].fillna("") == ""
            rows = own[alone.to_numpy()] if alone.any() else own
        elif compared.any():
            rows = rows[compared.to_numpy()]
        index = ["level", "unit", *(["split"] if "split" in rows else [])]
        if rows.duplicated(index).any():
            known = ", ".join(sorted(rows["group"].unique()))
            raise UsageError(
                f"{name} has a row per group in each unit; choose one with group= ({known})"
            )
        units = rows.groupby("level", sort=False)["unit"].nunique()
        order = {"organisation": -1, **{lv: n for lv, n in units.items() if lv != "organisation"}}
        first = {lv: i for i, lv in enumerate(units.index)}
        rows = rows.assign(
            _order=rows["level"].map(order).to_numpy(), _first=rows["level"].map(first).to_numpy()
        )
        rows = rows.sort_values(["_order", "_first", *index[1:]], kind="stable")
        return rows.set_index(index)[[c for c in BY_UNIT_COLUMNS if c in rows]]

    def headline(self) -> pd.DataFrame:
        """The organisation-level figure of every metric (metric 1: category ``all``;
        board metrics: the registry's group, BME or Disabled)."""
        f = self.frame[self.frame["level"] == "organisation"]
        keep = (f["metric"] != "1") | (f["category"] == "all")
        keep &= ~((f["metric"] == "2") & (f["category"] != ""))
        board = f["statistic"].eq("difference_pp") & f["metric"].isin(["9", "10"])
        keep &= ~board | f["group"].isin(["BME", "Disabled"])
        return f[keep]

    def to_csv(self, path: str | Path) -> None:
        """Write ``metrics.csv``: UTF-8, full precision, text quoted, missing values empty.

        Text that a spreadsheet would run as a formula (a unit named ``=HYPERLINK(…)``,
        ``+SUM(1,2)``, ``@cmd``, or starting with a tab or carriage return) gets a
        leading apostrophe, as does text that starts with one, so that
        :meth:`read_csv` gives back exactly what was written (``docs/outputs.md``).
        Written by Arrow's CSV writer, which is an order of magnitude faster than
        pandas' for the 800,000 rows of a national run; slices of a large table are
        formatted in parallel (Arrow releases the GIL) and written in order.
        """
        table = pa.Table.from_pandas(self.frame, preserve_index=False)
        write_table(escape_table(table), path)

    @classmethod
    def read_csv(cls, path: str | Path) -> Results:
        """Read a ``metrics.csv`` back: text as written before escaping, numbers as
        numbers, ``metric`` and ``category`` as text (``"1"``, never ``1``)."""
        frame = pd.read_csv(
            path,
            dtype={c: str for c in TEXT_COLUMNS},
            keep_default_na=False,
            na_values={c: [""] for c in NUMBER_COLUMNS},
            encoding="utf-8-sig",
        )
        return cls(unescape_frame(frame))

    def __len__(self) -> int:
        return len(self.frame)


def _one_organisation(rows: pd.DataFrame, organisation: str | None) -> pd.DataFrame:
    """The rows of one organisation: the one named, or the only one there is."""
    if "organisation" not in rows:
        return rows
    names = list(dict.fromkeys(rows["organisation"]))
    if organisation is not None:
        if organisation not in names:
            raise UsageError(
                f"no organisation {organisation!r} in these results; they hold "
                + ", ".join(repr(n) for n in names[:10])
                + (" …" if len(names) > 10 else "")
            )
        return rows[(rows["organisation"] == organisation).to_numpy()]
    if len(names) > 1:
        raise UsageError(
            f"these results hold {len(names)} organisations; name one with organisation= "
            f"(for example organisation={names[0]!r})"
        )
    return rows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat text as a formula (the OWASP advice
on CSV injection). Text starting with one gets a leading apostrophe in every output:
workbooks (:func:`wres_wdes.write.safe.escape_text`) and ``metrics.csv``, where text
starting with an apostrophe gets one too, so that reading back is exact."""

_CLASS = {"-": r"\-", "\t": r"\t", "\r": r"\r"}
_ESCAPED_START = "^[" + "".join(_CLASS.get(c, c) for c in ("'", *FORMULA_STARTS)) + "]"
"""The first characters :meth:`Results.to_csv` escapes, as a regular expression (RE2 and
Python)."""

PER_YEAR_NOTE = "events are the mean per year over {years} data years"
"""The ``note`` of a figure whose events are the mean per year of a rolling window (WRES
3 and WDES 3: two data years, ``reference/wres.md`` §4 and ``reference/wdes.md`` §5)."""

_PER_YEAR = re.compile(re.escape(PER_YEAR_NOTE).replace(r"\{years\}", r"(\d+)"))


def years_of(note: pd.Series) -> np.ndarray:
    """The data years each row's counts are the mean over (1 where the note says none)."""
    found = note.fillna("").astype(str).str.extract(_PER_YEAR.pattern, expand=False)
    return pd.to_numeric(found, errors="coerce").fillna(1).to_numpy(dtype=float)


NUMBER_COLUMNS: tuple[str, ...] = (
    *METRICS_COLUMNS[METRICS_COLUMNS.index("n_group") : METRICS_COLUMNS.index("flags")],
    "p_adjusted",
    "p_exact",
)
"""The numeric columns of ``metrics.csv``: counts, rates, value, interval, p-values."""

TEXT_COLUMNS: tuple[str, ...] = tuple(
    c for c in (*METRICS_COLUMNS, *EXTRA_COLUMNS, "split_by", "split") if c not in NUMBER_COLUMNS
)
"""The text columns of ``metrics.csv`` (``metric`` and ``category`` included: ``"1"``)."""


def _escape_array(array: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Text starting with a formula character, with an apostrophe before it."""
    import pyarrow.compute as pc

    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return array
    risky = pc.fill_null(pc.match_substring_regex(array, _ESCAPED_START), False)
    if not pc.any(risky).as_py():
        return array
    kind = array.type
    quote = pa.scalar("'", type=kind)
    return pc.if_else(risky, pc.binary_join_element_wise(quote, array, pa.scalar("", kind)), array)


def escape_table(table: pa.Table) -> pa.Table:
    """Every text column of ``table`` escaped (see :meth:`Results.to_csv`)."""
    for i, name in enumerate(table.column_names):
        column = table.column(i)
        if (
            pa.types.is_dictionary(column.type)
            or pa.types.is_string(column.type)
            or (pa.types.is_large_string(column.type))
        ):
            escaped = _escape_array(column)
            if escaped is not column:
                table = table.set_column(i, name, escaped)
    return table


def unescape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`escape_table`: one leading apostrophe off text that has one."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or values.dtype == "str":
            text = values.astype("str")
            escaped = text.str.match("'" + _ESCAPED_START[1:]).fillna(False).to_numpy(dtype=bool)
            if escaped.any():
                values = values.astype(object).copy()
                values[escaped] = text[escaped].str[1:]
                out[column] = values
    return out


PARALLEL_ROWS = 100_000
"""Tables longer than this are formatted in slices, one per processor."""


def write_table(table: pa.Table, path: str | Path) -> None:
    """Write an Arrow table as CSV (header, text quoted where needed), using every core."""
    options = pacsv.WriteOptions(quoting_style="needed")
    workers = min(os.cpu_count() or 1, 8)
    if table.num_rows <= PARALLEL_ROWS or workers == 1:
        pacsv.write_csv(table, str(path), options)
        return
    step = -(-table.num_rows // workers)
    slices = [table.slice(i, step) for i in range(0, table.num_rows, step)]

    def formatted(i: int) -> pa.Buffer:
        sink = pa.BufferOutputStream()
        header = pacsv.WriteOptions(quoting_style="needed", include_header=i == 0)
        pacsv.write_csv(slices[i], sink, header)
        return sink.getvalue()

    with ThreadPoolExecutor(workers) as pool:
        parts = list(pool.map(formatted, range(len(slices))))
    with open(path, "wb") as out:
        for part in parts:
            out.write(part)
