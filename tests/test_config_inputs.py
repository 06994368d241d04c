"""The config tells the tool about an export: columns, values, keep, [organisation] column.

DESIGN.md, "Run configuration": every key is checked, and a typo in a key is an
error that suggests the nearest known one, never a default.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wres_wdes import InputError
from wres_wdes.config import load_config

BASE = """[organisation]
name = "Test Trust"
{organisation}
[reporting]
year = 2024

[inputs]
{inputs}

[breakdown]
levels = ["directorate", "unit"]
{rest}
"""


def write(tmp_path: Path, inputs: str, organisation: str = "", rest: str = "") -> Path:
    for name in ("staff.csv", "cases.xlsx", "apps.csv"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(
        BASE.format(inputs=inputs, organisation=organisation, rest=rest), encoding="utf-8"
    )
    return path


def problems(path: Path) -> list:
    with pytest.raises(InputError) as caught:
        load_config(path)
    return caught.value.problems


def test_an_input_table_gives_columns_values_and_keep(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'staff = { path = "staff.csv", columns = { directorate = "Org L4", unit = "Org L5" } }\n'
        'applications = { path = "apps.csv", values = { shortlisted = { yes = ["Shortlisted"], '
        'no = ["Not Shortlisted"] } } }\n'
        'disciplinary = { path = "cases.xlsx", sheet = "Cases", columns = { start_date = '
        '"Formal Start Date" }, keep = { "Case Type" = ["Disciplinary"] } }\n'
        'capability = { path = "cases.xlsx", keep = { "Case Type" = ["Capability"] } }',
        organisation='column = "Org Code"',
    )
    config = load_config(path)
    assert config.organisation_column == "Org Code"
    assert config.inputs["staff"].columns == {"directorate": "Org L4", "unit": "Org L5"}
    apps = config.inputs["applications"].values
    assert apps == {"shortlisted": {"yes": ("Shortlisted",), "no": ("Not Shortlisted",)}}
    cases = config.inputs["disciplinary"]
    assert cases.sheet == "Cases"
    assert cases.keep == {"Case Type": ("Disciplinary",)}
    # two inputs may read one file
    assert config.inputs["capability"].path == cases.path


def test_without_organisation_column_the_run_has_one_organisation(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'staff = "staff.csv"'))
    assert config.organisation_column is None


@pytest.mark.parametrize(
    ("where", "text", "key", "suggestion"),
    [
        ("rest", '[options]\ndisciplinary_windw = "one_year"', "options.disciplinary_windw", "disciplinary_window"),
        ("rest", "[wdes9b]\naction_takne = true", "wdes9b.action_takne", "action_taken"),
        ("organisation", 'cod = "RXX"', "organisation.cod", "code"),
        ("inputs", 'staff = { path = "staff.csv", colums = { unit = "Org L5" } }', "inputs.staff.colums", "columns"),
        ("inputs", 'staf = "staff.csv"', "inputs.staf", "staff"),
        ("inputs", 'staff = { path = "staff.csv", columns = { directorat = "Org L4" } }', "inputs.staff.columns.directorat", "directorate"),
    ],
)  # fmt: skip
def test_a_typo_in_a_key_is_an_error_suggesting_the_known_key(
    tmp_path: Path, where: str, text: str, key: str, suggestion: str
) -> None:
    inputs = 'staff = "staff.csv"'
    kwargs = {"organisation": "", "rest": ""}
    if where == "inputs":
        inputs = text
    else:
        kwargs[where] = text
    found = problems(write(tmp_path, inputs, **kwargs))
    assert [p.column for p in found] == [key]
    assert f"did you mean {suggestion}?" in found[0].rule


def test_a_typo_in_breakdown_levels_key_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write(tmp_path, 'staff = "staff.csv"')
    path.write_text(
        path.read_text().replace("levels = [", "levles = ["),
        encoding="utf-8",
    )
    found = problems(path)
    assert [p.column for p in found] == ["breakdown.levles"]
    assert "did you mean levels?" in found[0].rule


@pytest.mark.parametrize(
    ("inputs", "key", "words"),
    [
        ('staff = { path = "staff.csv", columns = { organisation = "Org" } }', "inputs.staff.columns.organisation", "[organisation]"),
        ('staff = { path = "staff.csv", values = { ethnicity = { yes = ["A"] } } }', "inputs.staff.values.ethnicity", "values can be given for"),
        ('applications = { path = "apps.csv", values = { shortlisted = { yse = ["S"] } } }', "inputs.applications.values.shortlisted.yse", "did you mean yes?"),
        ('applications = { path = "apps.csv", values = { shortlisted = { yes = "S" } } }', "inputs.applications.values.shortlisted.yes", "give a list"),
        ('applications = { path = "apps.csv", values = { shortlisted = { yes = ["S"], no = ["s"] } } }', "inputs.applications.values.shortlisted", "both yes and no"),
        ('disciplinary = { path = "cases.xlsx", keep = { "Case Type" = "Disciplinary" } }', 'inputs.disciplinary.keep."Case Type"', "give a list"),
        ('staff = { path = "staff.csv", columns = { person_id = false } }', "inputs.staff.columns.person_id", "required"),
        ('staff = { path = "staff.csv", columns = { directorate = "X", unit = "X" } }', "inputs.staff.columns", "two columns"),
    ],
)  # fmt: skip
def test_wrong_input_tables_are_errors_naming_the_key(
    tmp_path: Path, inputs: str, key: str, words: str
) -> None:
    found = problems(write(tmp_path, inputs))
    assert key in [p.column for p in found]
    assert any(words in p.rule for p in found if p.column == key)


def test_an_identifier_can_never_be_a_breakdown_level(tmp_path: Path) -> None:
    path = write(tmp_path, 'staff = "staff.csv"')
    path.write_text(
        path.read_text().replace('["directorate", "unit"]', '["person_id"]'), encoding="utf-8"
    )
    found = problems(path)
    assert [p.column for p in found] == ["breakdown.levels"]
    assert "can never be a breakdown level" in found[0].rule


def test_with_options_checks_each_value_where_it_is_set(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'staff = "staff.csv"'))
    assert config.with_options(disciplinary_window="one_year").options.disciplinary_window == (
        "one_year"
    )
    with pytest.raises(ValueError, match='"one_year" or "two_year"'):
        config.with_options(disciplinary_window="three_year")
    with pytest.raises(ValueError, match="between 0 and 1"):
        config.with_options(confidence_level=95)
    with pytest.raises(ValueError, match="did you mean include_bank"):
        config.with_options(include_bnk=True)
