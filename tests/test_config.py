"""The run configuration: every key checked, every problem named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wres_wdes.config import load_config
from wres_wdes.problems import InputError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "staff.csv").write_text("person_id\n1\n", encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_config_and_reporting_dates(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            """
[organisation]
name = "Test Trust"
code = "RTT"
[reporting]
year = 2024
[inputs]
staff = "staff.csv"
[breakdown]
levels = ["directorate"]
[options]
disciplinary_window = "one_year"
[mappings.ethnicity]
"Other - Arab" = "BME"
""",
        )
    )
    assert config.organisation_name == "Test Trust"
    # WRES/WDES year 2024: census 31 March 2024, data year 1 April 2023 - 31 March 2024
    assert config.census_date == dt.date(2024, 3, 31)
    assert config.data_year == (dt.date(2023, 4, 1), dt.date(2024, 3, 31))
    assert config.window(2) == (dt.date(2022, 4, 1), dt.date(2024, 3, 31))
    assert config.inputs["staff"].path == (tmp_path / "staff.csv").resolve()
    assert config.levels == ("directorate",)
    assert config.options.disciplinary_window == "one_year"
    assert config.options.include_bank is False
    assert config.mappings["ethnicity"] == {"Other - Arab": "BME"}


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[organisation]
code = "RTT"
[reporting]
year = "2024"
[inputs]
staff = "staff.csv"
leavers = "missing.csv"
payroll = "payroll.csv"
[options]
include_bank = "yes"
colour = "blue"
[mappings.religion]
"x" = "y"
[extras]
""",
    )
    with pytest.raises(InputError) as err:
        load_config(path)
    keys = sorted(p.column for p in err.value.problems)
    assert keys == sorted(
        [
            "extras",
            "organisation.name",
            "reporting.year",
            "inputs.leavers",
            "inputs.payroll",
            "options.include_bank",
            "options.colour",
            "mappings.religion",
        ]
    )
    assert all(p.file == str(path) for p in err.value.problems)


def test_invalid_toml_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, "[organisation\nname = 1")
    with pytest.raises(InputError) as err:
        load_config(path)
    assert "not valid TOML" in err.value.problems[0].rule


def test_both_application_forms_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("x\n", encoding="utf-8")
    path = write(
        tmp_path,
        """
[organisation]
name = "T"
[reporting]
year = 2024
[inputs]
applications = "a.csv"
applications_summary = "a.csv"
""",
    )
    with pytest.raises(InputError) as err:
        load_config(path)
    assert err.value.problems[0].column == "inputs.applications_summary"
