"""NHS Staff Survey figures: WRES 5–8 and WDES 4a–9a.

Half of the two standards comes from the NHS Staff Survey of the autumn before
the reporting year (``reference/wres.md`` §7, ``wdes.md`` §6). Two inputs give it:

``survey_responses``
    One row per respondent with coded answers (``q14a`` …), the survey's own
    ethnicity and disability answers, and optional unit columns. Figures are
    counted here, with the question map of the survey year.
``survey_results``
    Published figures: standard, metric, category, group, respondents and the
    positive count (or percent). They enter as counts directly.

Both give the same count table (unit × group: respondents in the base and
respondents answering positively), and so the same figures (``DESIGN.md``,
"counts are the interface").

==================  ===========================================================
module              job
==================  ===========================================================
``questions``       the question map by survey year (``survey_questions.csv``)
``answers``         answers to codes, Excel-date repair, the survey's groups
``check``           :func:`check_inputs`: every problem of a respondent file
``check_published`` every problem of a published-figures file
``respondents``     respondent-level answers → count tables
``published``       published figures → count tables
``engagement``      WDES 9a: the staff engagement score, 0–10
``rows``            count tables → ``metrics.csv`` rows; :func:`survey_rows`
==================  ===========================================================

The first four check inputs, so the loader reads them (the standardise step of the
flow); the last four count and measure, and only :mod:`wres_wdes.calculate`'s builders
read them. So this package's own import is the checking half only: importing
:mod:`wres_wdes.survey.check` while loading does not bring in the statistics
(``docs/architecture.md``; ``tests/test_layers.py``).

Methods and the unconfirmed rules with their options: ``docs/survey.md``.
"""

from typing import Any

from .check import Checked, check_inputs

__all__ = ["Checked", "check_inputs", "survey_rows"]


def __getattr__(name: str) -> Any:
    """``wres_wdes.survey.survey_rows``, the old path of :func:`.rows.survey_rows`,
    imported when first used (PEP 562) so that loading never imports the measure step."""
    if name == "survey_rows":
        from .rows import survey_rows  # the old path; tests/test_layers.py allows it

        return survey_rows
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
