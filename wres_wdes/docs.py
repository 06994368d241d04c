"""Documentation generated from the declarations, so the two cannot drift.

``python -m wres_wdes.docs`` rewrites ``docs/inputs.md`` from
:mod:`wres_wdes.contract`, ``docs/metrics.md`` from the metric registry and
``docs/errors.md`` from the exceptions and :mod:`wres_wdes.problem_codes`; a test
fails when a committed file differs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .config import Options
from .contract import INPUTS, Column
from .metrics.registry import REGISTRY
from .problems import WresWdesError

KIND_TEXT = {
    "id": "identifier (text)",
    "text": "text",
    "ethnicity": "ethnic category (code, code and label, or label)",
    "disability": "disability value",
    "pay_band": "grade or pay band",
    "staff_group": "ESR staff group",
    "occupation_code": "NHS occupation code",
    "boolean": "yes/no",
    "grounds": "performance / ill health",
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
  is the row among the first 30 that holds the most recognised headers. A report
  footer below the table (rows holding one cell of text, such as ESR Business
  Intelligence's `Applied filters: …`) is left out, with a warning and a line in
  `reconciliation.csv`.
- **Headers** are matched ignoring case, spaces and punctuation, to the canonical
  name or to any alias listed below (`Employee Number`, `EmployeeNumber` and
  `employee_number` are the same). The config's `columns` names a file's own
  header for any column and wins over the aliases. Extra columns are kept, never
  fatal; a breakdown level such as `site` can be one of them.
- **Organisations.** A run holds several organisations only when
  `[organisation] column` names the column that says which (a header of the
  inputs). Without it every row belongs to the config's one organisation: ESR's
  own `Organisation` column is a cost centre, never read as the organisation (a
  warning says so when it holds several values).
- **Rows** in messages are numbered as a spreadsheet program shows them: the
  header row is row 1 unless title rows stand above it; an empty line is a row; a
  quoted value may hold line breaks and stays one row; a line ends at a line feed,
  a carriage return or both, never at U+2028. The same rule finds the header,
  skips the title rows and numbers the records.
- **Files that are not text** are named for what they are, with what to do: an
  `.xlsx` or `.xls` workbook, UTF-16 text, a PDF, a web page saved as an "Excel"
  export, binary data. A record that does not parse (a stray delimiter, a missing
  quote, a cut-off line) is named by its row; the record itself is never shown.
- **Values** keep their raw form, and messages show them as the file has them
  (`1.0`, `Offered`, leading zeros kept); a workbook's number shows as its cell's
  format shows it (`000123` for a `000000` format). Classification into White / BME / Unknown,
  Disabled / Non-disabled / Unknown, bands, clusters and clinical / non-clinical /
  medical happens in one place (`docs/classification.md`).
- **Yes/no** columns accept Y/N, Yes/No, True/False and 1/0, the words listed
  beside each column below (a TRAC report's `Shortlisted` / `Not Shortlisted`, a
  board list's `Executive Director` / `Non-Executive Director`), and the words the
  config's `values` gives. A word in none of these is an error that names it.
  **Dates** accept ISO (2024-03-31) and UK day-first forms (31/03/2024,
  31-Mar-2024), never month-first, and must fall between 1 January 1900 and the
  end of the year after the census.
- **Blank cells** are missing, and so are the markers databases and spreadsheets
  write for a missing value (`N/A`, `NA`, `NULL`, `#N/A`, `NaN` and their variants),
  in CSV files and workbooks alike; a missing ethnicity or disability counts as
  Unknown.
- **Unit columns** (`directorate`, `unit`, and any breakdown level): case and
  training rows of a person in the staff list take that person's units, ethnicity
  and disability from the staff list; rows of anyone else keep their own, blanks
  filled from the leavers list. A unit named only in an event file is a warning
  that names it.

How a config tells the tool about an export (`DESIGN.md`, "Run configuration"):

```toml
[inputs]
staff = { path = "ESR Staff in Post 31-03-2024.xlsx", columns = { directorate = "Org L4", unit = "Org L5" } }
applications = { path = "TRAC applications.csv", values = { shortlisted = { yes = ["Shortlisted"], no = ["Not Shortlisted"] } } }
disciplinary = { path = "ER Case Tracker.xlsx", columns = { start_date = "Formal Start Date" }, keep = { "Case Type" = ["Disciplinary"], "Stage" = ["Formal Investigation", "Formal Hearing"] } }
```

| key | what it does |
|---|---|
| `path` | the file, relative to the config |
| `sheet` | the worksheet of a workbook (default: the first) |
| `columns` | canonical column = the header in this file; wins over the aliases; `false` says the file has no such column |
| `values` | for a yes/no column: `yes = [...]`, `no = [...]`, this file's own words beside the built-in ones; for capability `grounds`: `performance = [...]`, `ill_health = [...]` |
| `keep` | a header of the file = the values whose rows are used; every other row is left out before anything is checked, with `Header = value` as its reason in `reconciliation.csv`. Two inputs may read one file (an ER tracker for disciplinary and for capability) |

What is checked, and what is excluded with a reason in `reconciliation.csv`:

| input | errors (stop the run) | exclusions and warnings (never stop it) |
|---|---|---|
{checks}

The reporting year *N* has its census on 31 March *N* and its data year from
1 April *N-1* to 31 March *N* (`../shared/reference/wres.md` §2).
"""


def _aliases(column: Column) -> str:
    headers = ", ".join(f"`{a}`" for a in column.aliases) or "–"
    if not column.matched:
        headers = f"only the header `[organisation] column` names (not {headers})"
    if column.weak_aliases:
        headers += "; failing those, with a warning: " + ", ".join(
            f"`{a}`" for a in column.weak_aliases
        )
    return headers


def _words(column: Column) -> str:
    return "; ".join(
        f"{answer.replace('_', ' ')}: " + ", ".join(f"`{w}`" for w in words)
        for answer, words in column.words.items()
    )


def inputs_markdown() -> str:
    """The data dictionary of every input, as Markdown."""
    checks = "\n".join(
        f"| {key} | {spec.errors} | {spec.exclusions} |" for key, spec in INPUTS.items()
    )
    parts = [INTRO.replace("{checks}", checks)]
    for key, spec in INPUTS.items():
        parts.append(f"\n## `{key}`\n\nOne row per {spec.one_row_per}.")
        if spec.unique:
            parts.append(" Unique: " + ", ".join(f"`{u}`" for u in spec.unique) + ".")
        for note in spec.notes:
            parts.append(f" {note}")
        parts.append(
            "\n\n| column | required | kind | ESR and other headers accepted "
            "| words accepted | meaning |\n|---|---|---|---|---|---|\n"
        )
        for c in spec.columns:
            parts.append(
                f"| `{c.name}` | {'yes' if c.required else 'no'} | {KIND_TEXT[c.kind]} "
                f"| {_aliases(c)} | {_words(c) or '–'} | {c.description} |\n"
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
  reference percentage, in percentage points. Board metrics have one row for each
  group (White, BME, Unknown; Disabled, Non-disabled, Unknown) and membership
  (voting, executive, all); `note` says whether the shares are of all members and
  staff or of those with a known value.
- A relative likelihood and a survey figure have a confidence interval (`ci_low`,
  `ci_high`) and a p-value (`p_value`) from one procedure, the score test and the
  interval that inverts it, so `significant` (p below 0.05) and "the interval
  excludes parity" always agree; `p_adjusted` is Benjamini–Hochberg within one
  organisation's metric at one level; `method` names the procedure on every row
  (`docs/statistics.md`). A ratio whose reference group has no events has no
  finite `value`: `ci_low` is its lower bound, `ci_high` is `inf`, and the flag
  `reference_no_events` says so.
- WRES 1 and WDES 1 shares and the board differences (WRES 9, WDES 10) are
  complete counts at the census date, not samples: they have no interval or test
  unless `options.census_intervals` (the `method` column says which).
- With a two-year window (WRES 3, WDES 3 by default) `events_group` and
  `events_reference` are the **mean per year**, and `note` says so.
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


ERRORS_INTRO = """\
# Errors and problem codes

This page is generated from `wres_wdes/problems.py`, `wres_wdes/problem_codes.py`
and the exceptions' docstrings by `python -m wres_wdes.docs`; a test fails if they
differ.

## Exceptions

Every exception wres_wdes raises on purpose is a `WresWdesError`, and every one is
exported from the package root (`from wres_wdes import InputError`). The command
line's exit status for each is the one `wres-wdes run` gives when it escapes
(`DESIGN.md`, "Command line"): 2 when the user has something to put right and
nothing was written, 1 for a bug. `wres_wdes.run` raises them where the command
exits; anything else that escapes is a bug (exit status 1).

```python
import wres_wdes

try:
    done = wres_wdes.run("my_trust/config.toml", out="results")
except wres_wdes.InputError as exc:
    for problem in exc.problems:  # every problem, errors and warnings
        print(problem.code, problem.file, problem.row, problem.column, problem.rule)
except wres_wdes.WresWdesError as exc:  # the output folder, an argument, …
    print(exc)
```

| exception | is a | exit status | raised when |
|---|---|---|---|
{exceptions}

## Problem codes

An `InputError` carries every `Problem` found (`exc.problems`; without raising,
`load(config, strict=False).problems`, or `.problems_table()` as a DataFrame). Each
problem has a `severity` (`error` stops the run, `warning` does not), the `file`,
`row`, `column` and `value` it is about, a `rule` (a sentence for a person, which
may be reworded) and a `code` (for a program, which is stable: a code is added,
never renamed or removed, without a CHANGELOG entry). The codes:

| code | meaning |
|---|---|
{codes}
"""


def _first_paragraph(obj: object) -> str:
    doc = (obj.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(doc.split()).replace("``", "`")


def public_exceptions() -> list[type[WresWdesError]]:
    """Every exception class exported from ``wres_wdes``, the base first."""
    import wres_wdes

    found = [getattr(wres_wdes, name) for name in wres_wdes.__all__]
    classes = [c for c in found if isinstance(c, type) and issubclass(c, WresWdesError)]
    return sorted(classes, key=lambda c: (c is not wres_wdes.WresWdesError, c.__name__))


def errors_markdown() -> str:
    """The exceptions and the problem codes, as Markdown."""
    from .problem_codes import CODES

    rows = []
    for cls in public_exceptions():
        bases = ", ".join(f"`{b.__name__}`" for b in cls.__bases__ if b is not object)
        rows.append(f"| `{cls.__name__}` | {bases} | {cls.exit_status} | {_first_paragraph(cls)} |")
    codes = "\n".join(f"| `{code}` | {meaning} |" for code, meaning in CODES.items())
    return ERRORS_INTRO.format(exceptions="\n".join(rows), codes=codes)


GENERATED = {
    "inputs.md": inputs_markdown,
    "metrics.md": metrics_markdown,
    "errors.md": errors_markdown,
}


def main(argv: list[str] | None = None) -> int:
    folder = Path(argv[0] if argv else "docs")
    for name, make in GENERATED.items():
        (folder / name).write_text(make(), encoding="utf-8")
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
