"""``wres-wdes init``: a commented configuration and empty input files to fill in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .contract import INPUTS

CONFIG_TEMPLATE = """\
# wres_wdes run configuration. Paths are relative to this file.
# Check it with:  wres-wdes validate {config_name}
# Run it with:    wres-wdes run {config_name} --out results

[organisation]
name = "Example NHS Trust"      # shown on every output
code = "RXX"                    # the organisation's ODS code
# Only for a run of several organisations (a system or national extract): the
# header whose values name each row's organisation. ESR's own "Organisation"
# column is a cost centre, not a trust: leave this out for one trust.
# column = "Org Code"

[reporting]
# The WRES/WDES year N: workforce census on 31 March N,
# data year 1 April N-1 to 31 March N.
year = {year}

[inputs]
# One file per input; CSV (UTF-8 or Windows-1252, comma or tab) or XLSX.
# Headers are matched ignoring case, spaces and punctuation, and ESR names
# (Employee Number, Ethnic Origin, Disability Flag, Grade, ...) are accepted.
# For a workbook: staff = {{ path = "staff.xlsx", sheet = "Data" }}
# An export as its system writes it takes a table (docs/quickstart.md):
#   columns = {{ directorate = "Org L4" }}   the header this file uses for a column
#   values = {{ shortlisted = {{ yes = ["Shortlisted"], no = ["Not Shortlisted"] }} }}
#   keep = {{ "Case Type" = ["Disciplinary"] }}   only rows holding these values
# e.g. disciplinary = {{ path = "ER Case Tracker.xlsx", columns = {{ start_date =
#   "Formal Start Date" }}, keep = {{ "Case Type" = ["Disciplinary"], "Stage" =
#   ["Formal Investigation", "Formal Hearing"] }} }}
# Delete the lines of inputs you do not have.
{inputs}

[breakdown]
# Columns of the inputs to break every metric down by, coarse to fine.
levels = ["directorate", "unit"]

[options]
# Defaults follow the national guidance where it is known; see docs/unconfirmed-rules.md.
# include_bank = false                    # bank-only staff out of workforce counts
# disciplinary_window = "two_year"        # WRES 3: "one_year" or "two_year"
# capability_window = "two_year"          # WDES 3: "one_year" or "two_year"
# capability_include_ill_health = false   # WDES 3: performance grounds only
# board_unknown_ethnicity = "include"     # WRES 9: "include" (shares of all) or "exclude" unknowns
# confidence_level = 0.95

# [mappings.ethnicity]                    # raw value = White, BME or Unknown
# "Other - Arab" = "BME"
# [mappings.disability]                   # raw value = Disabled, Non-disabled or Unknown
# "Long term condition" = "Disabled"
# [mappings.pay_band]                     # raw value = band 5, vsm, consultant, ...
# "XR99" = "vsm"

[wdes9b]
# WDES 9b: has the trust taken action to facilitate the voices of Disabled staff?
# action_taken = true
# narrative = "Disabled staff network meets monthly and reports to the board."
"""

INPUT_FILES = {key: f"{key}.csv" for key in INPUTS}


def config_text(year: int | None = None, config_name: str = "config.toml") -> str:
    """The commented configuration that ``init`` writes."""
    year = year or dt.date.today().year
    inputs = "\n".join(
        f'{key} = "{name}"'
        for key, name in INPUT_FILES.items()
        if key not in ("applications_summary", "survey_results")
    )
    inputs += "\n" + "\n".join(
        f'# {key} = "{INPUT_FILES[key]}"' for key in ("applications_summary", "survey_results")
    )
    return CONFIG_TEMPLATE.format(year=year, inputs=inputs, config_name=config_name)


def planned_files(directory: Path) -> dict[Path, str]:
    """Every file ``init`` writes, with its content."""
    files = {directory / "config.toml": config_text()}
    for key, name in INPUT_FILES.items():
        headers = [c.name for c in INPUTS[key].columns if c.matched]
        files[directory / name] = ",".join(headers) + "\n"
    return files
