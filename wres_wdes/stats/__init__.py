"""Statistics for WRES and WDES figures, computed for whole arrays of counts at once.

Every function takes array-likes of counts (one row per unit and group pair)
and returns arrays or DataFrames in the same order: no Python loop per unit.
The direction of every ratio is ``group ÷ reference``; which group is which is
the caller's decision, from the NHS England definition of each metric.

=========================  ==================================================
function                   what it gives
=========================  ==================================================
:func:`relative_likelihood`  rates, the ratio and its interval (Koopman score
                             by default; MOVER-Wilson; Katz)
:func:`percent_interval`     a percentage with its Wilson interval
:func:`difference_interval`  a percentage-point difference, Mee's score interval
                             (Newcombe's hybrid as an option)
:func:`score_p_values`       the score test of no difference: the p-value shown,
                             inverted by the default intervals
:func:`exact_test`           Fisher (or Boschloo) p-values (``p_exact``)
:func:`flag_columns`,        ``small_numbers``, ``outside_four_fifths``,
:func:`flags`                ``significant``, ``not_calculable``
:func:`adjust_p_values`      Benjamini-Hochberg across the units of a breakdown
:func:`ratio_of_ratios`      change between two years, with its interval
:func:`mantel_haenszel`      a pooled organisation figure and a homogeneity test
=========================  ==================================================

Methods, formulas, coverage and timings: ``docs/statistics.md``.
"""

from wres_wdes.stats.change import ratio_of_ratios
from wres_wdes.stats.exact import (
    SCORE_MIN_EXPECTED,
    TEST_METHODS,
    exact_p_values,
    exact_test,
    score_p_values,
    score_test,
)
from wres_wdes.stats.flags import (
    FLAG_ORDER,
    FOUR_FIFTHS,
    SMALL_NUMBERS_MIN_EVENTS,
    SMALL_NUMBERS_MIN_POPULATION,
    flag_columns,
    flags,
    join_flags,
)
from wres_wdes.stats.multiplicity import adjust_p_values
from wres_wdes.stats.pooled import mantel_haenszel
from wres_wdes.stats.proportions import difference_interval, percent_interval, wilson_limits
from wres_wdes.stats.ratio import DEFAULT_METHOD, METHODS, relative_likelihood, window_counts

__all__ = [
    "DEFAULT_METHOD",
    "FLAG_ORDER",
    "FOUR_FIFTHS",
    "METHODS",
    "SCORE_MIN_EXPECTED",
    "SMALL_NUMBERS_MIN_EVENTS",
    "SMALL_NUMBERS_MIN_POPULATION",
    "TEST_METHODS",
    "adjust_p_values",
    "difference_interval",
    "exact_p_values",
    "exact_test",
    "flag_columns",
    "flags",
    "join_flags",
    "mantel_haenszel",
    "percent_interval",
    "ratio_of_ratios",
    "relative_likelihood",
    "score_p_values",
    "score_test",
    "wilson_limits",
    "window_counts",
]
