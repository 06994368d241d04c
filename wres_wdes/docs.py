"""Documentation generated from the declarations, so the two cannot drift.

``python -m wres_wdes.docs`` rewrites ``docs/inputs.md`` from
:mod:`wres_wdes.contract` and ``docs/metrics.md`` from the metric registry;
a test fails when a committed file differs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .config import Options
from .contract import INPUTS, Column
from .metrics.registry import REGISTRY

KIND_TEXT = {
    "id": "identifier (text)",
    "text": "text",
    "ethnicity": "ethnic category (code, code and label, or label)",
    "disability": "disability value",
    "pay_band": "grade or pay band",
    "staff_group": "ESR staff group",
    "occupation_code": "NHS occupation code",
    "boolean": "yes/no",
    "date": "date (ISO or day-first)",
    "number": "number ≥ 0",
    "count": "whole number ≥ 0",
    "year": "four-digit year",
}

INTRO = """\
# Input data dictionary

Every input file that wres_wdes reads, and every column of each. This page is
generated from `wres_wdes/contract.py` by `python -m wres_wdes.docs`; a test
fails if the two differ.

How files are read:

- **Formats.** CSV in UTF-8, UTF-8 with a byte-order mark or Windows-1252, comma,
  tab or semicolon separated; or XLSX (the first sheet, or the one named in the
  config as `{ path = "staff.xlsx", sheet = "Data" }`). Title rows above the header
  row, as ESR and recruitment-system exports put them, are skipped: the header row
  is the row among the first 30 that holds the most recognised headers.
- **Headers** are matched ignoring case, spaces and punctuation, to the canonical
  name or to any alias listed below (`Employee Number`, `EmployeeNumber` and
  `employee_number` are the same). Extra columns are kept, never fatal; a
  breakdown level such as `site` can be one of them.
- **Rows** in messages are numbered as a spreadsheet program shows them: the
  header row is row 1 unless title rows stand above it.
- **Values** keep their raw form; classification into White / BME / Unknown,
  Disabled / Non-disabled / Unknown, bands, clusters and clinical / non-clinical /
  medical happens in one place (`docs/classification.md`).
- **Yes/no** columns accept Y/N, Yes/No, True/False and 1/0. **Dates** accept ISO
  (2024-03-31) and UK day-first forms (31/03/2024, 31-Mar-2024), never month-first,
  and must fall between 1 January 1900 and the end of the year after the census.
- **Blank cells** are missing, and so are the markers databases and spreadsheets
  write for a missing value (`N/A`, `NA`, `NULL`, `#N/A`, `NaN` and their variants),
  in CSV files and workbooks alike; a missing ethnicity or disability counts as
  Unknown.
- **Unit columns** (`organisation`, `directorate`, `unit`, and any breakdown level):
  case, training and leaver rows take them, with ethnicity and disability, from the
  staff list by `person_id` where they do not carry their own; their own values win.

What is checked, and what is excluded with a reason in `reconciliation.csv`:

| input | errors (stop the run) | exclusions and warnings (never stop it) |
|---|---|---|
| staff | a blank or repeated `person_id` (within an organisation) | bank-only assignments excluded unless `options.include_bank`; unrecognised codes counted as Unknown |
| leavers | a blank `person_id` or `leave_date` | leavers outside the data year excluded |
| applications | a blank or repeated `application_id`; `appointed` without `shortlisted` | applications dated outside the data year excluded |
| applications_summary | a group that is not White, BME, Disabled, Non-disabled or Unknown; counts that are not whole numbers ≥ 0; appointed > shortlisted or shortlisted > applied | |
| disciplinary, capability | a blank `person_id` or `start_date`; capability `grounds` other than performance or ill health | cases outside the window (`options.disciplinary_window`, `options.capability_window`); duplicate rows for the same person and start date (warning, counted once); ill-health capability unless `options.capability_include_ill_health`; blank grounds counted as performance (warning) |
| training | a blank `person_id` | rows marked mandatory; episodes dated outside the data year |
| board | a blank or repeated `member_id`; blank `voting` or `executive` | |
| survey_results, survey_responses | positive > respondents; percent over 100; neither positive, percent nor (WDES 9a) score; a survey year with no question map; answers outside a question's code list | question columns the year's map does not know (warning); answers Excel turned into dates, repaired (warning) |

The reporting year *N* has its census on 31 March *N* and its data year from
1 April *N-1* to 31 March *N* (`../shared/reference/wres.md` §2).
"""


def _aliases(column: Column) -> str:
    return ", ".join(f"`{a}`" for a in column.aliases) or "–"


def inputs_markdown() -> str:
    """The data dictionary of every input, as Markdown."""
    parts = [INTRO]
    for key, spec in INPUTS.items():
        parts.append(f"\n## `{key}`\n\nOne row per {spec.one_row_per}.")
        if spec.unique:
            parts.append(" Unique: " + ", ".join(f"`{u}`" for u in spec.unique) + ".")
        for note in spec.notes:
            parts.append(f" {note}")
        parts.append(
            "\n\n| column | required | kind | ESR and other headers accepted "
            "| meaning |\n|---|---|---|---|---|\n"
        )
        for c in spec.columns:
            parts.append(
                f"| `{c.name}` | {'yes' if c.required else 'no'} | {KIND_TEXT[c.kind]} "
                f"| {_aliases(c)} | {c.description} |\n"
            )
    return "".join(parts)


METRICS_INTRO = """\
# Metric definitions

Every figure wres_wdes computes, as the metric registry
(`wres_wdes/metrics/registry.py`) declares it. This page is generated by
`python -m wres_wdes.docs`; a test fails if the two differ.

How to read a row of `metrics.csv`:

- **Relative likelihood** (`statistic = relative_likelihood`): `value` is
  `rate_group / rate_reference`, with `group` and `reference_group` named on the
  row in the direction NHS England defines. 1.00 is parity. It is 0 when the
  group has no events and the reference has some, and empty with the flag
  `not_calculable` when the reference has no events or either group has no
  people. Unknown ethnicity or disability is in neither rate.
- **Percent** (`percent`): `value` is `100 × events_group / n_group`; for metric 1
  the reference columns hold the same group's share of the unit's whole workforce.
- **Difference** (`difference_pp`): `value` is the group's percentage minus the
  reference percentage, in percentage points.
- Every figure has a confidence interval (`ci_low`, `ci_high`), a p-value where a
  test applies (`p_value`; `p_adjusted` is Benjamini–Hochberg across the units of
  a level), and `flags` (`docs/statistics.md`).
- Levels: `organisation` (each organisation, when the inputs hold several) and
  each column in `[breakdown] levels`. A unit left blank is `(not recorded)`.
- The reporting year *N* has its census on 31 March *N* and its data year from
  1 April *N-1* to 31 March *N*.

Options (`[options]` in the config) and their defaults:

{options}
"""


def metrics_markdown() -> str:
    """The metric definitions, from the registry, as Markdown."""
    defaults = Options()

    def toml(value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        return f'"{value}"' if isinstance(value, str) else str(value)

    options = "\n".join(
        f"- `{name} = {toml(getattr(defaults, name))}`"
        for name in Options.__dataclass_fields__
        if getattr(defaults, name) is not None
    )
    parts = [METRICS_INTRO.format(options=options)]
    for m in REGISTRY:
        parts.append(f"\n## {m.standard} {m.metric}\n\n> {m.wording}\n\n")
        parts.append("| | |\n|---|---|\n")
        parts.append(f"| statistic | `{m.statistic}` |\n")
        if m.direction:
            parts.append(f"| direction | {m.direction} |\n")
        elif m.group:
            parts.append(f"| group | {m.group} |\n")
        parts.append(f"| groups | {m.grouping} |\n")
        parts.append(f"| population | {m.population} |\n")
        parts.append(f"| event | {m.event} |\n")
        parts.append(f"| time window | {m.window} |\n")
        parts.append(f"| input | `{m.input}` |\n")
        parts.append(f"| source | {m.source} |\n")
        if m.options:
            parts.append("| options | " + ", ".join(f"`{o}`" for o in m.options) + " |\n")
    return "".join(parts)


GENERATED = {"inputs.md": inputs_markdown, "metrics.md": metrics_markdown}


def main(argv: list[str] | None = None) -> int:
    folder = Path(argv[0] if argv else "docs")
    for name, make in GENERATED.items():
        (folder / name).write_text(make(), encoding="utf-8")
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
