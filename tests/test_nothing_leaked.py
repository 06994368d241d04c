"""Nothing leaked: identifiers never a level, a split or an output; text from the inputs
is data in every writer, never a formula, a link, a note reference or markup."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from running import run_in_process

from wres_wdes import calculate, load
from wres_wdes.cli import main
from wres_wdes.results import Results
from wres_wdes.write.safe import inert_markup

HOSTILE_UNITS = {
    "Ward 1": '=HYPERLINK("https://evil.example","click")',
    "Ward 2": "+SUM(1,2)",
    "Finance": "[Contact HR](https://evil.example/hr)",
}
HOSTILE_DIRECTORATE = "<script>alert('x')</script> $$unknown$$"


def _hostile_trust(tiny_trust: Path) -> Path:
    """The tiny trust with unit and directorate names an attacker (or a careless export)
    could put in a staff list: formulas, a Markdown link, HTML, a gptables note tag."""
    folder = tiny_trust.parent
    staff = pd.read_csv(folder / "staff.csv", dtype=str, keep_default_na=False)
    staff["Unit"] = staff["Unit"].replace(HOSTILE_UNITS)
    staff.loc[staff["Directorate"] == "Medicine", "Directorate"] = HOSTILE_DIRECTORATE
    staff.to_csv(folder / "staff.csv", index=False)
    applications = pd.read_csv(folder / "applications.csv", dtype=str, keep_default_na=False)
    applications["Directorate"] = applications["Directorate"].replace(
        {"Medicine": HOSTILE_DIRECTORATE}
    )
    applications["Application ID"] = [f"APP-SECRET-{i}" for i in range(len(applications))]
    applications.to_csv(folder / "applications.csv", index=False)
    return tiny_trust


@pytest.fixture
def hostile_run(tiny_trust: Path, tmp_path: Path) -> Path:
    config = _hostile_trust(tiny_trust)
    out = tmp_path / "out"
    assert main(["run", str(config), "--out", str(out), "--quiet"]) == 0
    return out


def test_metrics_csv_escapes_formulas_and_read_csv_restores_them(hostile_run: Path) -> None:
    raw = (hostile_run / "metrics.csv").read_text(encoding="utf-8")
    # in the file: every such name starts with an apostrophe, so Excel shows it as text
    for name in ("=HYPERLINK(", "+SUM(1,2)"):
        cells = re.findall(r'(?:^|,)"?(\'?' + re.escape(name) + ")", raw, flags=re.M)
        assert cells and all(c.startswith("'") for c in cells), name
    # read back: exactly the names of the inputs
    units = set(Results.read_csv(hostile_run / "metrics.csv").frame["unit"])
    assert set(HOSTILE_UNITS.values()) <= units
    assert HOSTILE_DIRECTORATE in units


def test_read_csv_round_trips_every_escaped_start(tmp_path: Path) -> None:
    names = ["=1", "+1", "-1", "@x", "\tx", "\rx", "'x", "''=x", "plain", "a=b"]
    frame = pd.DataFrame(
        {"standard": "WRES", "metric": "2", "unit": names, "value": range(len(names))}
    )
    Results(frame).to_csv(tmp_path / "m.csv")
    back = Results.read_csv(tmp_path / "m.csv").frame
    assert back["unit"].tolist() == names
    assert back["metric"].tolist() == ["2"] * len(names)


def _xlsx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))


def test_no_workbook_holds_a_formula_or_a_link_from_the_inputs(hostile_run: Path) -> None:
    for path in hostile_run.rglob("*.xlsx"):
        xml = _xlsx_text(path)
        assert "<f>" not in xml and "<f " not in xml, path.name  # no formula cells
        with zipfile.ZipFile(path) as book:
            rels = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".rels"))
        assert "evil.example" not in rels, path.name  # no live link to the address


def test_the_publication_shows_markup_as_text(hostile_run: Path) -> None:
    xml = _xlsx_text(hostile_run / "WRES-WDES-2024-publication.xlsx")
    # the link and the note tag are there as text (with a zero-width space), not markup
    assert "[Contact HR]\u200b(https://evil.example/hr)" in xml
    assert "$\u200b$unknown$\u200b$" in xml


def test_the_report_shows_html_and_links_as_text(hostile_run: Path) -> None:
    text = (hostile_run / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "](https://evil" not in text and "https://evil" not in text
    assert "[Contact HR]\\(https:\\/\\/evil.example/hr)" in text


def test_the_board_paper_shows_html_and_links_as_text(hostile_run: Path) -> None:
    import zipfile

    from docx_text import all_text

    text = all_text(hostile_run / "report.docx")
    assert "<script>" in text  # shown as written: python-docx escapes it as text
    with zipfile.ZipFile(hostile_run / "report.docx") as book:
        xml = book.read("word/document.xml").decode()  # the body: every text from the inputs
        rels = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".rels"))
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    assert "evil.example" not in rels  # no live link
    assert "<w:hyperlink" not in xml and "<w:fldSimple" not in xml and "<w:instrText" not in xml


def test_inert_markup_changes_only_what_gptables_would_read() -> None:
    assert inert_markup("Medicine & Urgent Care") == "Medicine & Urgent Care"
    assert inert_markup("[a](b) and $$c$$").replace("\u200b", "") == "[a](b) and $$c$$"
    assert inert_markup(3) == 3


def test_an_identifier_is_never_a_level(tiny_trust: Path, capsys) -> None:
    text = tiny_trust.read_text(encoding="utf-8").replace(
        'levels = ["directorate", "unit"]', 'levels = ["person_id"]'
    )
    tiny_trust.write_text(text, encoding="utf-8")
    assert main(["validate", str(tiny_trust)]) == 2
    printed = " ".join(capsys.readouterr().out.split())
    assert "person_id identifies people or records and can never be a breakdown" in printed


def test_an_identifier_is_never_the_organisation_column(tiny_trust: Path, capsys) -> None:
    text = tiny_trust.read_text(encoding="utf-8").replace(
        'code = "RTT"', 'code = "RTT"\ncolumn = "person_id"'
    )
    tiny_trust.write_text(text, encoding="utf-8")
    assert main(["validate", str(tiny_trust)]) == 2
    assert "identifies people or records" in " ".join(capsys.readouterr().out.split())


def test_an_identifier_is_never_a_split(tiny_trust: Path) -> None:
    inputs = load(tiny_trust)
    with pytest.raises(ValueError, match="identifies people or records"):
        calculate(inputs, split_by="person_id")


def test_no_identifier_reaches_any_output(hostile_run: Path) -> None:
    ids = ["1001", "1002", "1003", "1004", "1005", "APP-SECRET-0", "APP-SECRET-1"]
    for path in hostile_run.rglob("*"):
        if path.suffix in (".csv", ".md"):
            text = path.read_text(encoding="utf-8")
        elif path.suffix == ".xlsx":
            text = _xlsx_text(path)
        else:
            continue
        for value in ids:
            assert not re.search(rf"(?<![\w.]){value}(?![\w.])", text), (path.name, value)


# --- exit status tells the truth -----------------------------------------------------------


def test_an_empty_survey_results_file_is_a_warning_not_a_crash(tiny_trust: Path, capsys) -> None:
    folder = tiny_trust.parent
    (folder / "survey.csv").write_text(
        "standard,metric,category,group,respondents,positive\n", encoding="utf-8"
    )
    text = tiny_trust.read_text(encoding="utf-8").replace(
        "[inputs]\n", '[inputs]\nsurvey_results = "survey.csv"\n'
    )
    tiny_trust.write_text(text, encoding="utf-8")
    assert main(["run", str(tiny_trust), "--out", str(folder / "out"), "--quiet"]) == 0


def test_a_mapping_to_an_unknown_group_is_exit_2(tiny_trust: Path, capsys) -> None:
    text = tiny_trust.read_text(encoding="utf-8") + '\n[mappings.ethnicity]\n"Z" = "Purple"\n'
    tiny_trust.write_text(text, encoding="utf-8")
    assert main(["validate", str(tiny_trust)]) == 2
    assert "is not an ethnicity label" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ('organisation = "Test Trust"', "organisation"),
        ('inputs = "staff.csv"', "inputs"),
        ("options = [1, 2]", None),
    ],
)
def test_a_section_of_the_wrong_type_is_exit_2(
    tiny_trust: Path, capsys, line: str, section: str | None
) -> None:
    text = tiny_trust.read_text(encoding="utf-8")
    if section is not None:  # the section itself replaced by a plain value
        text = re.sub(rf"\[{section}\]\n(?:[^\[\n][^\n]*\n)*", "", text)
    tiny_trust.write_text(line + "\n" + text, encoding="utf-8")
    assert main(["run", str(tiny_trust), "--out", str(tiny_trust.parent / "o")]) == 2
    assert "Nothing was written" in capsys.readouterr().out
    assert not (tiny_trust.parent / "o").exists()


def test_a_console_that_cannot_show_a_character_never_fails_a_run(
    tiny_trust: Path, tmp_path: Path
) -> None:
    done = run_in_process(tiny_trust, tmp_path / "o", PYTHONIOENCODING="cp1252")
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    assert b"Wrote" in done.stdout


def test_a_closed_pipe_never_fails_a_run(tiny_trust: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    # `wres-wdes run | head -1`: the reader goes away after one line
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wres_wdes.cli",
            "run",
            str(tiny_trust),
            "--out",
            str(tmp_path / "o"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    run.stdout.readline()
    run.stdout.close()
    assert run.wait() == 0, run.stderr.read().decode()
    assert (tmp_path / "o" / "metrics.csv").exists()


# --- inputs read exactly --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (
            lambda text, path: _workbook_as(path),
            "an Excel workbook (.xlsx) with a text file's name",
        ),
        (lambda text, path: path.write_bytes(text.encode("utf-16")), "UTF-16 text"),
        (lambda text, path: path.write_bytes(text.encode("utf-16-le")), "UTF-16 text"),
        (
            lambda text, path: path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
            "old Excel 97-2003 workbook",
        ),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_named_for_what_it_is(
    tiny_trust: Path, capsys, make, words: str
) -> None:
    staff = tiny_trust.parent / "staff.csv"
    make(staff.read_text(encoding="utf-8"), staff)
    assert main(["validate", str(tiny_trust)]) == 2
    printed = " ".join(capsys.readouterr().out.split())
    assert words in printed and "staff.csv" in printed


def _workbook_as(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Employee Number", "Ethnic Origin"])
    book.save(path.with_suffix(".xlsx"))
    path.write_bytes(path.with_suffix(".xlsx").read_bytes())


def test_a_repeated_header_is_a_warning_that_says_which_is_read(tiny_trust: Path, capsys) -> None:
    staff = tiny_trust.parent / "staff.csv"
    lines = staff.read_text(encoding="utf-8").splitlines()
    lines = [f"{line},{line.split(',')[0]}" for line in lines]  # Employee Number twice
    staff.write_text("\n".join(lines) + "\n", encoding="utf-8")
    inputs = load(tiny_trust)  # a warning, not an error
    rules = [p.rule for p in inputs.problems if p.severity == "warning"]
    assert any(
        "the header 'Employee Number' appears more than once: the first is read, the other is "
        "kept as 'Employee Number (2)'" in rule
        for rule in rules
    )


def test_a_blank_line_never_shifts_the_row_numbers(tiny_trust: Path) -> None:
    # disciplinary.csv with a blank line after its first record: the bad date on the
    # file's line 4 is reported as line 4, as a reader of the file counts it (Arrow,
    # which passes over blank lines, would say 3)
    cases = tiny_trust.parent / "disciplinary.csv"
    lines = cases.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "")
    lines[3] = "1002,not a date"
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    inputs = load(tiny_trust, strict=False)
    rows = {p.row for p in inputs.problems if p.value == "not a date"}
    assert rows == {4}


def test_a_parse_error_names_the_row_and_never_echoes_the_record(tiny_trust: Path, capsys) -> None:
    staff = tiny_trust.parent / "staff.csv"
    lines = staff.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2] + ',extra,"H Asian or Asian British - Indian"'  # two stray values
    staff.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(tiny_trust)]) == 2
    printed = capsys.readouterr().out
    assert "Indian" not in printed and "1002" not in printed  # nothing of the record
    assert "row 3 has 11 value(s) where the header has 9" in " ".join(printed.split())


def test_a_header_of_ten_thousand_columns_is_found(tiny_trust: Path) -> None:
    # a header over 64 KB: read whole, so person_id is found and nothing is missing
    staff = tiny_trust.parent / "staff.csv"
    lines = staff.read_text(encoding="utf-8").splitlines()
    extra = [f"Unused column number {i:05d}" for i in range(10_000)]
    lines = [lines[0] + "," + ",".join(extra)] + [line + "," * len(extra) for line in lines[1:]]
    staff.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(lines[0]) > 1 << 16
    inputs = load(tiny_trust, strict=False)
    assert inputs.ok, [p.rule for p in inputs.problems if p.severity == "error"]
    assert len(inputs.frames["staff"]) == 4  # five people, one bank-only
