"""Classify: the one place where raw values become groups.

Raw columns are kept as read; these functions add what the metrics need. Each
classifier decides the *unique* values of a column once and spreads the answer
over the rows, so 1.5 million rows cost about as much as the distinct values.
Every rule cites its source in the module that holds it and in
``docs/classification.md``; the code lists themselves are the CSV files of
:mod:`wres_wdes.reference`, and any mapping can be overridden from the config's
``[mappings]`` tables.

========================  ==============================  ===============================
function                  result                          config overrides
========================  ==============================  ===============================
:func:`ethnic_group`      White / BME / Unknown           ``[mappings.ethnicity]``
:func:`disability_group`  Disabled / Non-disabled /       ``[mappings.disability]``
                          Unknown
:func:`pay_band`          band, medical_subgroup,         ``[mappings.pay_band]``
                          wdes_cluster
:func:`staff_category`    clinical / non-clinical /       ``[mappings.staff_group]``,
                          medical / Unknown               ``[mappings.occupation_code]``
:func:`is_bank`           a bank assignment (bool)
:func:`parse_boolean`     ``boolean``, invalid mask
:func:`parse_date`        ``datetime64``, invalid mask
:func:`parse_grounds`     performance / ill health,
                          invalid mask
:func:`parse_count`       ``Int64``, invalid mask
:func:`parse_number`      ``Float64``, invalid mask
========================  ==============================  ===============================
"""

from wres_wdes.classify._common import Classified, normalise, per_distinct
from wres_wdes.classify.bands import BANDS, MEDICAL_SUBGROUPS, pay_band
from wres_wdes.classify.disability import DISABILITY_GROUPS, disability_group
from wres_wdes.classify.ethnicity import (
    ETHNIC_GROUPS,
    HIGH_LEVEL_FOCUS,
    HIGH_LEVEL_GROUPS,
    ethnic_group,
    ethnic_high_level,
)
from wres_wdes.classify.parse import (
    is_bank,
    parse_boolean,
    parse_count,
    parse_date,
    parse_grounds,
    parse_number,
)
from wres_wdes.classify.staff import STAFF_CATEGORIES, staff_category

GROUPS = {"ethnicity": ETHNIC_GROUPS, "disability": DISABILITY_GROUPS}
"""The groups of each grouping, in the order results and tables show them."""

FOCUS_GROUPS = {"ethnicity": "BME", "disability": "Disabled"}
"""The group whose share metric 1 reports in each grouping: WRES 1 gives the % BME of
each band and of the whole workforce (``reference/wres.md`` §6, the template's
"% BME of total"), WDES 1 the % Disabled (``reference/wdes.md`` §3)."""

__all__ = [
    "BANDS",
    "DISABILITY_GROUPS",
    "ETHNIC_GROUPS",
    "FOCUS_GROUPS",
    "GROUPS",
    "HIGH_LEVEL_FOCUS",
    "HIGH_LEVEL_GROUPS",
    "MEDICAL_SUBGROUPS",
    "STAFF_CATEGORIES",
    "Classified",
    "disability_group",
    "ethnic_group",
    "ethnic_high_level",
    "is_bank",
    "normalise",
    "parse_boolean",
    "parse_count",
    "parse_date",
    "parse_grounds",
    "parse_number",
    "pay_band",
    "per_distinct",
    "staff_category",
]
