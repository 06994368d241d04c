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

Methods and the unconfirmed rules with their options: ``docs/survey.md``.
"""

from .check import Checked, check_inputs
from .rows import survey_rows

__all__ = ["Checked", "check_inputs", "survey_rows"]
