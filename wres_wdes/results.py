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

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .problems import UsageError, nearest, unknown_name
from .results_columns import (
    BY_UNIT_COLUMNS,
    EXTRA_COLUMNS,
    INTEGER_COLUMNS,
    META_COLUMNS,
    METRICS_COLUMNS,
    NUMBER_COLUMNS,
    PER_YEAR_NOTE,
    SPLIT_COLUMNS,
    TEXT_COLUMNS,
    years_of,
)
from .results_csv import (
    FORMULA_STARTS,
    PARALLEL_ROWS,
    escape_table,
    read_metrics_csv,
    unescape_frame,
    write_metrics_csv,
    write_table,
)
from .results_meta import RESULTS_VERSION, ResultsMeta
from .results_nesting import PARENT_COLUMNS, parents_of

if TYPE_CHECKING:
    from matplotlib.axes import Axes


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

    # --- what the figures mean -----------------------------------------------------

    @cached_property
    def meta(self) -> ResultsMeta:
        """What these results are: organisations, reporting year, census date and data
        years, confidence level, interval and test methods, window years per metric,
        package and results-contract versions (:class:`ResultsMeta`), read from the
        rows' own :data:`META_COLUMNS`, so a slice or a file read back keeps them.

        >>> results.meta.reporting_year, results.meta.census_date  # doctest: +SKIP
        (2024, datetime.date(2024, 3, 31))
        >>> results.meta.window("WRES", 3)                         # doctest: +SKIP
        (datetime.date(2022, 4, 1), datetime.date(2024, 3, 31))
        """
        return ResultsMeta.of(self.frame)

    @property
    def overall(self) -> pd.DataFrame:
        """The organisation-level rows: each organisation's own figures (every row of
        level ``organisation``, all groups and categories; :meth:`headline` picks one
        figure per metric)."""
        return self.frame[(self.frame["level"] == "organisation").to_numpy()]

    @cached_property
    def nesting(self) -> pd.DataFrame:
        """How units nest: each (``organisation``, ``level``, ``unit``) with the
        ``parent_level`` and ``parent_unit`` it sits in (a directorate's parent is its
        organisation), as the inputs said when the figures were computed
        (:mod:`wres_wdes.results_nesting`). A unit under two parents has a row for each.

        >>> results.nesting.query("level == 'unit'")               # doctest: +SKIP
        """
        return parents_of(self.frame)

    def flag(self, name: str) -> pd.Series:
        """Whether each row carries a flag: a boolean Series aligned with :attr:`frame`.

        The ``flags`` column holds ``;``-separated names (``docs/statistics.md``);
        a DataFrame's ``.flags`` attribute is pandas' own, not this column, so read
        it as ``results.frame["flags"]`` or, better, with this method:

        >>> results.frame[results.flag("outside_four_fifths")]      # doctest: +SKIP

        Raises
        ------
        ValueError
            ``name`` is not a flag wres_wdes sets (the message lists them): a typo
            would otherwise match no row and look like good news.
        """
        known = (*KNOWN_FLAGS, *(f for f in self.flags_present() if f not in KNOWN_FLAGS))
        if name not in known:
            raise ValueError(f"no flag {name!r}; the flags are {', '.join(known)}")
        text = self.frame["flags"].fillna("").astype(str)
        hit = text.str.contains(f"(?:^|;){re.escape(name)}(?:;|$)", regex=True)
        return hit.astype(bool).rename(name)

    def flags_present(self) -> list[str]:
        """The flags that occur in these results, in the order of :data:`KNOWN_FLAGS`."""
        text: pd.Series | list[str] = (
            self.frame["flags"].fillna("").astype(str) if "flags" in self.frame else []
        )
        found = {f for value in pd.unique(np.asarray(text)) for f in str(value).split(";") if f}
        return [*(f for f in KNOWN_FLAGS if f in found), *sorted(found - set(KNOWN_FLAGS))]

    def flag_table(self) -> pd.DataFrame:
        """One boolean column per flag that occurs, aligned with :attr:`frame`
        (``results.frame.join(results.flag_table())`` for boolean columns)."""
        return pd.DataFrame(
            {name: self.flag(name) for name in self.flags_present()}, index=self.frame.index
        )

    # --- views for analysts ----------------------------------------------------------

    def wide(self, value: str = "value", organisation: str | None = None) -> pd.DataFrame:
        """Units × metrics: one row per level and unit, one column per comparison.

        Each column is one figure that compares a group with its reference group, in
        NHS England's direction (the default figure of :meth:`by_unit`): ``WRES 2``,
        ``WDES 4a managers`` … Metric 1 shares and board figures, which have no
        reference group, are in :meth:`by_unit` and :meth:`headline`.

        Parameters
        ----------
        value
            The column to show: ``"value"`` (default), ``"ci_low"``, ``"p_adjusted"``,
            a count …
        organisation
            Required when the results hold several organisations.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``level`` and ``unit`` (and ``split``), the organisation first
            and then each level coarse to fine, as :meth:`by_unit` orders them;
            columns in the registry's order.
        """
        if value not in self.frame:
            raise ValueError(
                f"no column {value!r} in these results; columns: {', '.join(map(str, self.frame))}"
            )
        rows = _one_organisation(self.frame, organisation)
        rows = rows[(rows["reference_group"].fillna("") != "").to_numpy()]
        category = rows["category"].fillna("")
        figure = rows["standard"] + " " + rows["metric"] + np.where(category != "", " ", "")
        rows = rows.assign(figure=(figure + category).to_numpy())
        index = ["level", "unit", *(["split"] if "split" in rows else [])]
        if rows.duplicated([*index, "figure"]).any():
            raise ValueError("these results have two comparisons of one figure in a unit")
        table = rows.pivot(index=index, columns="figure", values=value)
        table = table[list(dict.fromkeys(rows["figure"]))]
        table.columns.name = None
        units = rows.groupby("level", sort=False)["unit"].nunique()
        order = {"organisation": -1, **{lv: n for lv, n in units.items() if lv != "organisation"}}
        first = {lv: i for i, lv in enumerate(units.index)}
        levels = table.index.get_level_values("level")
        keys = pd.DataFrame({"o": levels.map(order), "f": levels.map(first)})
        position = np.lexsort([np.arange(len(table)), keys["f"].to_numpy(), keys["o"].to_numpy()])
        return table.iloc[position]

    def compare(self, earlier: Results, level: float | None = None) -> pd.DataFrame:
        """The year-on-year change of every figure, from the counts, with its significance.

        ``self`` is the later year. Figures are matched on organisation, standard,
        metric, level, unit, category, groups and statistic (and split); a figure in
        one year only is left out. How each kind of figure's change is tested,
        including the two-year windows of WRES 3 and WDES 3 (pooled as the figures
        themselves are, never from the mean per year): :mod:`wres_wdes.results_compare`.

        Parameters
        ----------
        earlier
            The earlier year's results (:meth:`read_csv` of last year's file).
        level
            The confidence level of the change's interval; default that of ``self``
            (:attr:`meta`), else 0.95.

        Returns
        -------
        pandas.DataFrame
            The matching keys, ``year_earlier``, ``year``, ``value_earlier``,
            ``value``, ``difference`` (later − earlier), ``change`` (the ratio of the
            two ratios for a relative likelihood, else the difference),
            ``change_scale`` (``ratio`` or ``difference``), ``change_low``,
            ``change_high``, ``change_significant`` (the interval excludes 1 for a
            ratio, 0 for a difference) and ``change_method``.

        Raises
        ------
        UsageError
            ``earlier`` is not an earlier year (its reporting year is the same or
            later), or the two results share no organisation (nothing could match).
        """
        from .results_compare import compare_frames

        if not isinstance(earlier, Results):
            raise TypeError(
                "compare takes the earlier year's Results (Results.read_csv(path)), not "
                f"{type(earlier).__name__}"
            )
        if level is None:
            level = self.meta.confidence_level or 0.95
        if not 0 < level < 1:
            raise ValueError(f"level must be between 0 and 1 (0.95 for 95%), not {level!r}")
        later_year, earlier_year = self.meta.reporting_year, earlier.meta.reporting_year
        if later_year is not None and earlier_year is not None and earlier_year >= later_year:
            raise UsageError(
                f"compare() compares a later year with an earlier one: these results are for "
                f"{later_year} and the earlier ones for {earlier_year}. Call "
                "later.compare(earlier)"
            )
        shared = set(self.meta.organisations) & set(earlier.meta.organisations)
        if self.meta.organisations and earlier.meta.organisations and not shared:
            raise UsageError(
                "compare() matches figures of the same organisation, and the two results "
                f"share none: {', '.join(self.meta.organisations)} against "
                f"{', '.join(earlier.meta.organisations)}"
            )
        return compare_frames(self.frame, earlier.frame, level)

    # --- charts into a given Axes -----------------------------------------------------

    def _likelihood_rows(
        self, standard: str, metric: str | int, category: str, organisation: str | None
    ) -> tuple[pd.DataFrame, int]:
        rows = self.metric(standard, metric)
        name = f"{standard.upper()} {metric}"
        rows = rows[(rows["statistic"] == "relative_likelihood").to_numpy()]
        if rows.empty:
            raise ValueError(f"{name} has no relative likelihood in these results")
        rows = _one_organisation(rows, organisation)
        categories = rows["category"].fillna("")
        if not (categories == category).any():
            known = ", ".join(repr(c) for c in sorted(categories.unique()))
            raise ValueError(f"{name} has no category {category!r}; its categories are {known}")
        rows = rows[(categories == category).to_numpy()]
        bounded = rows["flags"].fillna("").str.contains("reference_no_events").to_numpy()
        missing = rows["value"].isna().to_numpy() & ~bounded
        return rows[~missing], int(missing.sum())

    def plot_forest(
        self,
        standard: str,
        metric: str | int,
        *,
        ax: Axes | None = None,
        category: str = "",
        organisation: str | None = None,
        levels: Sequence[str] | None = None,
    ) -> Axes:
        """Draw one relative likelihood's forest plot into ``ax``: the organisation, each
        unit of the first level followed by its own units (:attr:`nesting`), each
        with its interval, on a log scale with parity and the 0.80–1.25 band. The
        drawing of the report's forest charts (:func:`wres_wdes.results_plots.
        draw_forest`), but of these figures as they are: unsuppressed, for internal
        use (the report's charts are drawn from the published figures).

        Parameters
        ----------
        standard, metric, category, organisation
            As for :meth:`by_unit`.
        ax
            The matplotlib ``Axes`` to draw into; default a new figure's (pyplot).
        levels
            The levels to show (default all): ``["organisation", "directorate"]``.

        Returns
        -------
        matplotlib.axes.Axes
            ``ax``.
        """
        from .results_nesting import ordered_units
        from .results_plots import draw_forest, rl_words

        rows, missing = self._likelihood_rows(standard, metric, category, organisation)
        if levels is not None:
            unknown = sorted(set(levels) - set(self.frame["level"]))
            if unknown:
                there = ", ".join(dict.fromkeys(self.frame["level"]))
                raise ValueError(f"no level {', '.join(unknown)} in these results; levels: {there}")
            rows = rows[rows["level"].isin(list(levels)).to_numpy()]
        shown = ordered_units(rows, self.nesting)
        key = (standard.upper(), str(metric))
        direction, event = rl_words(key)
        title = f"{key[0]} {key[1]}: {direction}" + (f" ({category})" if category else "")
        omitted = [f"{missing} not calculable"] if missing else []
        if ax is None:
            ax = _new_axes((8.5, 2.8 + 0.3 * max(len(shown), 1)))
        return draw_forest(ax, shown, title, event, direction, omitted, legend="axes")

    def plot_funnel(
        self,
        standard: str,
        metric: str | int,
        *,
        level: str,
        ax: Axes | None = None,
        category: str = "",
        organisation: str | None = None,
    ) -> Axes:
        """Draw every unit of one level on a funnel plot into ``ax``: each relative
        likelihood against the unit's size, with 95% and 99.8% limits around the
        organisation's figure (:func:`wres_wdes.results_plots.draw_funnel`, the
        drawing of the report's funnel charts, here unsuppressed).

        Parameters
        ----------
        standard, metric, category, organisation
            As for :meth:`by_unit`.
        level
            The breakdown level whose units are drawn (``"unit"``).
        ax
            The matplotlib ``Axes`` to draw into; default a new figure's (pyplot).
        """
        from .results_plots import draw_funnel, funnel_points, rl_words

        rows, _ = self._likelihood_rows(standard, metric, category, organisation)
        if level not in set(rows["level"]) - {"organisation"}:
            there = ", ".join(lv for lv in dict.fromkeys(rows["level"]) if lv != "organisation")
            raise ValueError(f"no level {level!r} to draw; levels: {there or 'none'}")
        centre = rows[(rows["level"] == "organisation").to_numpy()]
        if centre.empty or pd.isna(centre["value"].iloc[0]):
            raise ValueError("the organisation's figure, the funnel's centre, is not calculable")
        shown = rows[((rows["level"] == level) & rows["value"].notna()).to_numpy()]
        key = (standard.upper(), str(metric))
        direction, _ = rl_words(key)
        title = f"{key[0]} {key[1]}: {direction}" + (f" ({category})" if category else "")
        points = funnel_points(shown, centre.iloc[0], f"{title}, units by size", key)
        if ax is None:
            ax = _new_axes((8.5, 5.2))
        return draw_funnel(ax, points)

    # --- files ------------------------------------------------------------------------

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
        write_metrics_csv(self.frame, path)

    @classmethod
    def read_csv(cls, path: str | Path) -> Results:
        """Read a ``metrics.csv`` back as the :class:`Results` that wrote it.

        Text as written before escaping (``metric`` and ``category`` as text:
        ``"1"``, never ``1``; empty text as ``""``), numbers as floats to the last
        bit, ``year`` and ``window_years`` as integers, so that writing it again
        with :meth:`to_csv` gives the same bytes, and :attr:`meta` and
        :attr:`nesting` say what they said. A file of results-contract version 1
        (before the :data:`META_COLUMNS`) reads too; its :attr:`meta` is empty where
        the file does not say.
        """
        return cls(read_metrics_csv(path))

    def __len__(self) -> int:
        return len(self.frame)


def _new_axes(size: tuple[float, float]) -> Axes:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


KNOWN_FLAGS: tuple[str, ...] = (
    "small_numbers",
    "outside_four_fifths",
    "significant",
    "significant_adjusted",
    "reference_no_events",
    "not_calculable",
    "events_exceed_population",
    "below_survey_minimum",
    "not_provided",
)
"""Every flag wres_wdes sets (``docs/statistics.md``, section 6)."""


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


__all__ = [
    "BY_UNIT_COLUMNS",
    "EXTRA_COLUMNS",
    "FORMULA_STARTS",
    "INTEGER_COLUMNS",
    "KNOWN_FLAGS",
    "META_COLUMNS",
    "METRICS_COLUMNS",
    "NUMBER_COLUMNS",
    "PARALLEL_ROWS",
    "PARENT_COLUMNS",
    "PER_YEAR_NOTE",
    "RESULTS_VERSION",
    "SPLIT_COLUMNS",
    "TEXT_COLUMNS",
    "Results",
    "ResultsMeta",
    "escape_table",
    "unescape_frame",
    "write_table",
    "years_of",
]
