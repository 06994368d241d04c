"""The metric registry: one declarative entry per WRES indicator and WDES metric.

Code, documentation (``docs/metrics.md``) and labels are read from here, never
retyped (``DESIGN.md``, principle 2). Each entry says what NHS England says:
the official wording, the population, the event, which group is divided by which
(the direction), the time window and the source in ``../shared/reference/``,
with its confidence mark.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    """One WRES indicator or WDES metric.

    Attributes
    ----------
    standard, metric
        As in ``metrics.csv``: ``("WRES", "3")``, ``("WDES", "4a")``, ``("extra", "leaving")``.
    wording
        NHS England's descriptor.
    statistic
        ``relative_likelihood``, ``percent``, ``difference_pp``, ``score`` or ``yes_no``.
    grouping
        ``ethnicity`` (White / BME / Unknown) or ``disability``
        (Disabled / Non-disabled / Unknown).
    group, reference_group
        The direction: ``value = rate(group) / rate(reference_group)`` for a
        relative likelihood; ``group − reference`` for a difference.
    population, event, window
        In words, for people.
    source
        Where the definition and direction come from, with confidence marks.
    options
        Config options (``[options]``) that change the figure.
    input
        The input file the figure counts (``staff``, ``applications``, ``survey`` …;
        ``config`` for an answer given in the configuration).
    builder
        The name, in :data:`wres_wdes.metrics.builders.BUILDERS`, of the function that
        builds the figure's rows from the run's count tables (``docs/architecture.md``).
    """

    standard: str
    metric: str
    wording: str
    statistic: str
    grouping: str
    group: str | None
    reference_group: str | None
    population: str
    event: str
    window: str
    source: str
    options: tuple[str, ...] = ()
    input: str = ""
    builder: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """``(standard, metric)``, e.g. ``("WRES", "3")``."""
        return (self.standard, self.metric)

    @property
    def id(self) -> str:
        """The metric's id, ``"WRES 3"`` or ``"WDES 4a"``, as ``calculate(metrics=…)`` takes it."""
        return f"{self.standard} {self.metric}"

    @property
    def direction(self) -> str:
        """The direction in words, e.g. "White ÷ BME"."""
        if self.statistic == "relative_likelihood":
            return f"{self.group} ÷ {self.reference_group}"
        if self.statistic == "difference_pp" and self.reference_group:
            return f"{self.group} − {self.reference_group} (percentage points)"
        return ""


WORKFORCE_CENSUS = "staff in post at the census date (31 March), bank-only staff excluded"
SURVEY_RESPONDENTS = "NHS Staff Survey respondents of the organisation (unweighted)"
SURVEY_WINDOW = (
    "the NHS Staff Survey of the autumn before the reporting year (fieldwork October-December)"
)
SURVEY_OPTIONS = ("survey_year", "survey_minimum_respondents")

REGISTRY: tuple[Metric, ...] = (
    Metric(
        "WRES",
        "1",
        "Percentage of staff in each of the AfC Bands 1–9 and VSM (including executive board "
        "members) compared with the percentage of staff in the overall workforce, for "
        "non-clinical and clinical staff separately, with medical and dental subgroups.",
        "percent",
        "ethnicity",
        None,
        None,
        population=WORKFORCE_CENSUS + "; headcount, not FTE",
        event="in the band (or medical subgroup) and in the group",
        window="census 31 March of the reporting year",
        source="wres.md §2 and §6 [confirmed: S5, S40, S7; row layout unconfirmed]",
        options=("include_bank",),
        input="staff",
        builder="workforce",
    ),
    Metric(
        "WRES",
        "2",
        "Relative likelihood of White applicants being appointed from shortlisting compared "
        "to BME applicants, across all posts.",
        "relative_likelihood",
        "ethnicity",
        "White",
        "BME",
        population="applicants shortlisted (internal and external); unknown ethnicity excluded",
        event="appointed from shortlisting",
        window="the data year, 1 April to 31 March",
        source="wres.md §2–4 [confirmed: S4, S5, S8, S11]",
        input="applications",
        builder="appointments",
    ),
    Metric(
        "WRES",
        "3",
        "Relative likelihood of BME staff entering the formal disciplinary process compared "
        "to White staff, as measured by entry into a formal disciplinary investigation.",
        "relative_likelihood",
        "ethnicity",
        "BME",
        "White",
        population=WORKFORCE_CENSUS,
        event="entering the formal disciplinary process (people per data year; with the "
        "two-year window, the mean of the two years)",
        window="two-year rolling average of the current and previous data year (default); "
        "or the current data year",
        source="wres.md §2–4 [direction confirmed: S4, S5, S7; two-year window unconfirmed]",
        options=("disciplinary_window", "include_bank"),
        input="disciplinary",
        builder="cases",
    ),
    Metric(
        "WRES",
        "4",
        "Relative likelihood of White staff accessing non-mandatory training and CPD "
        "compared to BME staff.",
        "relative_likelihood",
        "ethnicity",
        "White",
        "BME",
        population=WORKFORCE_CENSUS,
        event="accessed at least one non-mandatory training or CPD episode (people, not episodes)",
        window="the data year, 1 April to 31 March",
        source="wres.md §2–4 [direction confirmed: S4, S5; people not episodes unconfirmed]",
        options=("include_bank",),
        input="training",
        builder="training",
    ),
    Metric(
        "WRES",
        "9",
        "Percentage difference between the organisation's board voting membership and its "
        "overall workforce.",
        "difference_pp",
        "ethnicity",
        "BME",
        None,
        population="board members at the census date (voting, executive, all) against the "
        "workforce of WRES 1: shares of all members and all staff by default; of those with "
        'a known ethnicity with options.board_unknown_ethnicity = "exclude" (the row\'s note '
        "says which)",
        event="in the group: White, BME and Unknown each have a row (BME is the headline)",
        window="census 31 March of the reporting year; complete counts, no interval unless "
        "options.census_intervals",
        source="wres.md §4 [sign confirmed: S8; executive split and unknowns unconfirmed]",
        options=("include_bank", "board_unknown_ethnicity", "census_intervals"),
        input="board",
        builder="board",
    ),
    Metric(
        "WDES",
        "1",
        "Percentage of staff in AfC pay-bands or medical and dental subgroups and very senior "
        "managers (including Executive Board members) compared with the percentage of staff "
        "in the overall workforce, for non-clinical and clinical staff separately.",
        "percent",
        "disability",
        None,
        None,
        population=WORKFORCE_CENSUS + "; headcount, not FTE",
        event="in the band or cluster and in the group",
        window="census 31 March of the reporting year",
        source="wdes.md §2–3 [confirmed: S2, S19; clusters unconfirmed]",
        options=("include_bank",),
        input="staff",
        builder="workforce",
    ),
    Metric(
        "WDES",
        "2",
        "Relative likelihood of non-disabled staff compared to Disabled staff being appointed "
        "from shortlisting across all posts.",
        "relative_likelihood",
        "disability",
        "Non-disabled",
        "Disabled",
        population="applicants shortlisted; unknown disability excluded; with a "
        "guaranteed_interview column, also a figure without those applicants",
        event="appointed from shortlisting",
        window="the data year, 1 April to 31 March",
        source="wdes.md §4 [direction confirmed: S4, S5, S9, S10, S21]",
        input="applications",
        builder="appointments",
    ),
    Metric(
        "WDES",
        "3",
        "Relative likelihood of Disabled staff compared to non-disabled staff entering the "
        "formal capability process, as measured by entry into the formal capability "
        "procedure.",
        "relative_likelihood",
        "disability",
        "Disabled",
        "Non-disabled",
        population=WORKFORCE_CENSUS,
        event="entering the formal capability process on the grounds of performance (people "
        "per data year; with the two-year window, the mean of the two years)",
        window="two-year rolling average of the current and previous data year (default)",
        source="wdes.md §5 [direction confirmed: S4, S14; performance only and two-year "
        "window unconfirmed]",
        options=("capability_window", "capability_include_ill_health", "include_bank"),
        input="capability",
        builder="cases",
    ),
    Metric(
        "WDES",
        "9b",
        "Has your trust taken action to facilitate the voices of Disabled staff in your "
        "organisation to be heard? (Yes/No, with narrative)",
        "yes_no",
        "disability",
        None,
        None,
        population="the organisation",
        event="action taken",
        window="the reporting year",
        source="wdes.md §7 [Yes/No and narrative confirmed: S2; exact wording unconfirmed]",
        input="config",
        builder="voice",
    ),
    Metric(
        "WDES",
        "10",
        "Percentage difference between the organisation's Board voting membership and its "
        "organisation's overall workforce, disaggregated by voting membership and by "
        "Executive membership of the Board.",
        "difference_pp",
        "disability",
        "Disabled",
        None,
        population="board members at the census date (voting, executive, all) against the "
        "workforce of WDES 1: shares of all members and all staff",
        event="in the group: Disabled, Non-disabled and Unknown each have a row (Disabled is "
        "the headline)",
        window="census 31 March of the reporting year; complete counts, no interval unless "
        "options.census_intervals",
        source="wdes.md §8 [confirmed: S14; percentage points unconfirmed]",
        options=("include_bank", "census_intervals"),
        input="board",
        builder="board",
    ),
    Metric(
        "WRES",
        "leaving",
        "Relative likelihood of BME staff leaving compared to White staff (not a WRES "
        "indicator; computed by trust boards alongside it).",
        "relative_likelihood",
        "ethnicity",
        "BME",
        "White",
        population=WORKFORCE_CENSUS,
        event="left during the data year",
        window="the data year, 1 April to 31 March; denominator the census headcount",
        source="local practice (beyond the standards)",
        options=("include_bank",),
        input="leavers",
        builder="leaving",
    ),
    Metric(
        "WDES",
        "leaving",
        "Relative likelihood of Disabled staff leaving compared to non-disabled staff (not a "
        "WDES metric; computed by trust boards alongside it).",
        "relative_likelihood",
        "disability",
        "Disabled",
        "Non-disabled",
        population=WORKFORCE_CENSUS,
        event="left during the data year",
        window="the data year, 1 April to 31 March; denominator the census headcount",
        source="local practice (beyond the standards)",
        options=("include_bank",),
        input="leavers",
        builder="leaving",
    ),
    # --- NHS Staff Survey: WRES 5-8, WDES 4a-9a (wres_wdes.survey; docs/survey.md) ---
    Metric(
        "WRES",
        "5",
        "Percentage of staff experiencing harassment, bullying or abuse from patients, "
        "relatives or the public in the last 12 months.",
        "percent",
        "ethnicity",
        "BME",
        "White",
        population=SURVEY_RESPONDENTS + " answering q14a (Never included)",
        event="harassment, bullying or abuse from patients, relatives or the public at least "
        "once (q14a 1-2 or more)",
        window=SURVEY_WINDOW,
        source="wres.md §2, §7; data-formats.md §5.1-5.3 [wording confirmed: S4, S5; "
        "base unconfirmed]",
        options=SURVEY_OPTIONS,
        input="survey",
        builder="survey",
    ),
    Metric(
        "WRES",
        "6",
        "Percentage of staff experiencing harassment, bullying or abuse from staff in the "
        "last 12 months.",
        "percent",
        "ethnicity",
        "BME",
        "White",
        population=SURVEY_RESPONDENTS + " answering q14b or q14c",
        event="harassment, bullying or abuse at least once from managers or from other "
        "colleagues (q14b or q14c 1-2 or more)",
        window=SURVEY_WINDOW,
        source="wres.md §2, §7; data-formats.md §5.3 [wording confirmed: S4, S5; union of "
        "managers and colleagues unconfirmed]",
        options=SURVEY_OPTIONS,
        input="survey",
        builder="survey",
    ),
    Metric(
        "WRES",
        "7",
        "Percentage of staff believing that the trust provides equal opportunities for career "
        "progression or promotion.",
        "percent",
        "ethnicity",
        "BME",
        "White",
        population=SURVEY_RESPONDENTS + " answering Yes or No to q15 (Don't know left out)",
        event="Yes",
        window=SURVEY_WINDOW,
        source="wres.md §2, §7; data-formats.md §5.3 [wording confirmed: S4, S5; Don't know "
        "left out unconfirmed]",
        options=(*SURVEY_OPTIONS, "survey_equal_opportunities_include_dont_know"),
        input="survey",
        builder="survey",
    ),
    Metric(
        "WRES",
        "8",
        "In the last 12 months, personally experienced discrimination at work from a manager, "
        "team leader or other colleagues.",
        "percent",
        "ethnicity",
        "BME",
        "White",
        population=SURVEY_RESPONDENTS + " answering q16b",
        event="Yes",
        window=SURVEY_WINDOW,
        source="wres.md §2, §7; data-formats.md §5.3 [confirmed: S25, S34]",
        options=SURVEY_OPTIONS,
        input="survey",
        builder="survey",
    ),
    Metric(
        "WDES",
        "4a",
        "Percentage of Disabled staff compared to non-disabled staff experiencing harassment, "
        "bullying or abuse from (i) patients/service users, their relatives or other members "
        "of the public; (ii) managers; (iii) other colleagues.",
        "percent",
        "disability",
        "Disabled",
        "Non-disabled",
        population=SURVEY_RESPONDENTS + " answering q14a (public), q14b (managers), q14c "
        "(colleagues)",
        event="harassment, bullying or abuse at least once (1-2 or more)",
        window=SURVEY_WINDOW,
        source="wdes.md §2, §6; data-formats.md §5.3 [wording confirmed: S13; base unconfirmed]",
        options=SURVEY_OPTIONS,
        input="survey",
        builder="survey",
    ),
    Metric(
        "WDES",
        "4b",
        "Percentage of Disabled staff compared to non-disabled staff saying that the last time "
        "they experienced harassment, bullying or abuse at work, they or a colleague reported "
        "it.",
        "percent",
        "disability",
        "Disabled",
        "Non-disabled",
        population=SURVEY_RESPONDENTS + " who experienced harassment, bullying or abuse "
        "(q14a-c) and answered q14d (Not applicable left out)",
        event="I reported it, or a colleague reported it",
        window=SURVEY_WINDOW,
        source="wdes.md §2, §6; data-formats.md §5.3 [wording confirmed: S13; Don't know in "
        "the base unconfirmed]",
        options=(*SURVEY_OPTIONS, "survey_4b_include_dont_know"),
        input="survey",
        builder="survey",
    ),
    Metric(
        "WDES",
        "5",
        "Percentage of Disabled staff compared to non-disabled staff believing that the trust "
        "provides equal opportunities for career progression or promotion.",
        "percent",
        "disability",
        "Disabled",
        "Non-disabled",
        population=SURVEY_RESPONDENTS + " answering Yes or No to q15 (Don't know left out)",
        event="Yes",
        window=SURVEY_WINDOW,
        source="wdes.md §2, §6; data-formats.md §5.3 [wording confirmed: S13, S14; Don't know "
        "left out unconfirmed]",
        options=(*SURVEY_OPTIONS, "survey_equal_opportunities_include_dont_know"),
        input="survey",
        builder="survey",
    ),
    Metric(
        "WDES",
        "6",
        "Percentage of Disabled staff compared to non-disabled staff saying that they have "
        "felt pressure from their manager to come to work, despite not feeling well enough to "
        "perform their duties.",
        "percent",
        "disability",
        "Disabled",
        "Non-disabled",
        population=SURVEY_RESPONDENTS + " who came to work despite not feeling well enough "
        "(q11d Yes) and answered q11e",
        event="Yes, felt pressure from their manager",
        window=SURVEY_WINDOW,
        source="wdes.md §2, §6; data-formats.md §5.2-5.3 [confirmed: S4, S14; routing "
        "confirmed: S12]",
        options=SURVEY_OPTIONS,
        input="survey",
        builder="survey",
    ),
    Metric(
        "WDES",
        "7",
        "Percentage of Disabled staff compared to non-disabled staff saying that they are "
        "satisfied with the extent to which their organisation values their work.",
        "percent",
        "disability",
        "Disabled",
        "Non-disabled",
        population=SURVEY_RESPONDENTS + " answering q4b",
        event="Satisfied or Very satisfied",
        window=SURVEY_WINDOW,
        source="wdes.md §2, §6; data-formats.md §5.3 [confirmed: S14]",
        options=SURVEY_OPTIONS,
        input="survey",
        builder="survey",
    ),
    Metric(
        "WDES",
        "8",
        "Percentage of Disabled staff saying that their employer has made reasonable "
        "adjustment(s) to enable them to carry out their work.",
        "percent",
        "disability",
        "Disabled",
        None,
        population="Disabled respondents (long-term condition Yes) answering Yes or No to "
        "the adjustments question (No adjustment required left out)",
        event="Yes, adjustments made",
        window=SURVEY_WINDOW,
        source="wdes.md §2, §6; data-formats.md §5.3 [wording confirmed: S5; No adjustment "
        "required left out unconfirmed]",
        options=(*SURVEY_OPTIONS, "survey_adjustments_include_not_required"),
        input="survey",
        builder="survey",
    ),
    Metric(
        "WDES",
        "9a",
        "The staff engagement score for Disabled staff, compared to non-disabled staff (and "
        "the overall engagement score for the organisation).",
        "score",
        "disability",
        "Disabled",
        "Non-disabled",
        population=SURVEY_RESPONDENTS + " with an engagement score (all three sub-scores)",
        event="engagement score 0-10: the mean of motivation, involvement and advocacy, each "
        "the mean of its items scored 0, 2.5, 5, 7.5, 10; unweighted mean over "
        "respondents",
        window=SURVEY_WINDOW,
        source="wdes.md §2, §6; data-formats.md §5.4 [D vs ND confirmed: S5, S10; scoring "
        "and minimum items unconfirmed]",
        options=(*SURVEY_OPTIONS, "survey_engagement_min_subscores"),
        input="survey",
        builder="survey",
    ),
)

BY_KEY: dict[tuple[str, str], Metric] = {m.key: m for m in REGISTRY}


def get(standard: str, metric: str) -> Metric:
    """The registry entry for ``("WRES", "3")`` and so on."""
    return BY_KEY[(standard, str(metric))]
