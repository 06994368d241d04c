"""The corpus of bad inputs, bad configuration and hostile names, one small case each.

Every case changes the five-person trust of ``conftest.tiny_trust`` in one way, runs
``wres-wdes validate`` (or ``run``) as a user types it, and checks three things: the
exit status the README promises (0 done, 2 the user's to fix, never 1), the words
that tell the user what to fix (file, row, column, value), and that nothing of a
staff record beyond the offending value is printed. The expected rows are counted
by hand from the files each case writes, as a spreadsheet opening them shows them
(the header of an unchanged file is row 1).

Classes covered elsewhere in more depth: the output transaction (test_transaction),
escaping and identifiers (test_nothing_leaked), config keys (test_config).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from wres_wdes.cli import main


@dataclass(frozen=True)
class Case:
    """One corpus case: what it does to the trust, and what the user must be told."""

    id: str
    change: Callable[[Path], None]
    status: int
    says: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    command: str = "validate"
    rows: dict[str, int] = field(default_factory=dict)
    """A value the messages must show → the row they must name for it."""


def _edit(name: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """Replace text in one of the trust's files (the config is ``config.toml``)."""

    def change(folder: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return change


def _config_add(text: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        path = folder / "config.toml"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")

    return change


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return change


def _prepend(name: str, data: bytes) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        path = folder / name
        path.write_bytes(data + path.read_bytes())

    return change


def _both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        for one in changes:
            one(folder)

    return change


BAD_DATE = _edit("disciplinary.csv", "1003,10/10/2022", "1003,31/02/2023")
"""disciplinary.csv: the fourth record (row 5) has a date that does not exist."""

CASES = [
    # --- configuration: every typo and wrong type is exit 2 naming the fix ------------
    Case("unknown section", _config_add("[breakdwon]\nlevels = []"), 2, ("breakdwon",)),
    Case("unknown key", _edit("config.toml", "levels =", "levles ="), 2, ("levles", "levels")),
    Case("unknown organisation key", _edit("config.toml", "code =", "cod ="), 2, ("cod",)),
    Case(
        "option value typo",
        _config_add('[options]\ndisciplinary_window = "three_year"'),
        2,
        ("disciplinary_window", "three_year"),
    ),
    Case(
        "confidence level as a percentage",
        _config_add("[options]\nconfidence_level = 95"),
        2,
        ("confidence_level",),
    ),
    Case("toml syntax", _config_add("[options\n"), 2, ("config.toml",)),
    Case("year as text", _edit("config.toml", "year = 2024", 'year = "2024x"'), 2, ("year",)),
    Case(
        "an input that does not exist",
        _edit("config.toml", 'disciplinary = "disciplinary.csv"', 'disciplinary = "er.csv"'),
        2,
        ("er.csv", "does not exist"),
    ),
    Case(
        "an unknown input",
        _edit("config.toml", 'disciplinary = "', 'disciplinry = "'),
        2,
        ("disciplinry", "disciplinary"),
    ),
    Case(
        "a level no file has",
        _edit("config.toml", '"directorate", "unit"', '"directorate", "ward"'),
        2,
        ("ward",),
    ),
    Case(
        "an identifier as a level",
        _edit("config.toml", '"directorate", "unit"', '"person_id"'),
        2,
        ("person_id",),
        ("1001", "1002"),
    ),
    Case(
        "a mapping to an unknown group",
        _config_add('[mappings.ethnicity]\n"Z" = "Purple"'),
        2,
        ("Purple",),
    ),
    # --- files that are not what they say ---------------------------------------------
    Case("an empty staff file", _write("staff.csv", b""), 2, ("staff.csv",)),
    Case(
        "a staff file with a header only",
        _write("staff.csv", b"Employee Number,Ethnic Origin,Disability Flag\n"),
        2,
        ("staff.csv",),
    ),
    Case(
        "no person_id column",
        _edit("staff.csv", "Employee Number,", "Staff Ref,"),
        2,
        ("person_id", "staff.csv"),
    ),
    Case(
        "a PDF named as a csv",
        _write("applications.csv", b"%PDF-1.7\n" + b"\0" * 40),
        2,
        ("applications.csv", "a PDF document"),
    ),
    Case(
        "a web page saved as an Excel export",
        _write("applications.csv", b"<html><body><table><tr><td>Application ID</td></tr>"),
        2,
        ("applications.csv", "a web page"),
    ),
    Case(
        "binary data",
        _write("applications.csv", bytes(range(256))),
        2,
        ("applications.csv", "binary data"),
    ),
    # --- rows counted by one rule -----------------------------------------------------
    Case(
        "a bad date",
        BAD_DATE,
        2,
        ("Case Start Date", "31/02/2023"),
        ("1003",),
        rows={"31/02/2023": 5},
    ),
    Case(
        "a blank line above the bad date",
        _both(BAD_DATE, _edit("disciplinary.csv", "1001,15/06/2023\n", "1001,15/06/2023\n\n")),
        2,
        rows={"31/02/2023": 6},
    ),
    Case(
        "Windows line ends and a blank line",
        _both(
            BAD_DATE,
            _edit("disciplinary.csv", "1001,15/06/2023\n", "1001,15/06/2023\n\n"),
            lambda f: (f / "disciplinary.csv").write_bytes(
                (f / "disciplinary.csv").read_bytes().replace(b"\n", b"\r\n")
            ),
        ),
        2,
        rows={"31/02/2023": 6},
    ),
    Case(
        "two title rows above the header",
        _both(BAD_DATE, _prepend("disciplinary.csv", b"ER case report\nRun 01/04/2024\n")),
        2,
        rows={"31/02/2023": 7},
    ),
    Case(
        "a U+2028 inside a title row",
        # a spreadsheet shows one title row; str.splitlines() would see two
        _both(BAD_DATE, _prepend("disciplinary.csv", "ER cases\u2028all sites\n".encode())),
        2,
        rows={"31/02/2023": 6},
    ),
    Case(
        "a quoted line break inside a title row",
        _both(BAD_DATE, _prepend("disciplinary.csv", b'"ER cases\nall sites",\n')),
        2,
        rows={"31/02/2023": 6},
    ),
    Case(
        "a quoted line break inside a record",
        _both(
            BAD_DATE,
            _edit("disciplinary.csv", "Case Start Date\n", "Case Start Date,Note\n"),
            _edit("disciplinary.csv", "1001,15/06/2023\n", '1001,15/06/2023,"two\nlines"\n'),
            _edit("disciplinary.csv", "1002,01/02/2024\n", "1002,01/02/2024,\n", 2),
            _edit("disciplinary.csv", "1003,31/02/2023\n", "1003,31/02/2023,\n"),
            _edit("disciplinary.csv", "1002,10/10/2020\n", "1002,10/10/2020,\n"),
        ),
        2,
        rows={"31/02/2023": 5},
    ),
    Case(
        "a record in another delimiter",
        _edit("staff.csv", "1003,CY,Not Declared,", "1003;CY;Not Declared;"),
        2,
        ("row 4",),
        ("CY", "Not Declared"),
    ),
    Case(
        "a cut-off last record",
        lambda f: (f / "applications.csv").write_bytes((f / "applications.csv").read_bytes()[:-12]),
        2,
        ("row 5",),
    ),
    Case(
        "an unclosed quote",
        _edit("staff.csv", "1004,,No", '1004,"H Asian,No'),
        2,
        ("staff.csv",),
        ("H Asian",),
    ),
    # --- values shown as the file has them --------------------------------------------
    Case(
        "a decimal the file writes is shown as written",
        _edit("applications.csv", "A4,Y,N", "A4,1.0,N"),
        2,
        ("Shortlisted", "1.0"),
        rows={"1.0": 5},
    ),
    Case(
        "appointed but not shortlisted shows the file's words",
        _edit("applications.csv", "A3,No,No", "A3,No,Offered"),
        2,
        ("Appointed", "Offered", "appointed only if shortlisted"),
        rows={"Offered": 4},
    ),
    Case(
        "a grade with a leading zero",
        _edit("staff.csv", "Band 6", "06"),
        0,
        ("06",),
    ),
    # --- encodings ---------------------------------------------------------------------
    Case(
        "Windows-1252 names",
        _both(
            _edit("staff.csv", "Ward 1", "Ward \u00e9", 2),
            lambda f: (f / "staff.csv").write_bytes(
                (f / "staff.csv").read_text(encoding="utf-8").encode("cp1252")
            ),
        ),
        0,
    ),
    Case(
        "UTF-8 with a byte-order mark",
        _prepend("staff.csv", b"\xef\xbb\xbf"),
        0,
    ),
    # --- runs that must finish ---------------------------------------------------------
    Case(
        "an empty survey_results file is a warning",
        _both(
            _write("survey.csv", b"standard,metric,category,group,respondents,positive\n"),
            _edit("config.toml", "[inputs]\n", '[inputs]\nsurvey_results = "survey.csv"\n'),
        ),
        0,
        command="run",
    ),
    Case(
        "a hostile unit name is written as text",
        _edit("staff.csv", "Ward 1", "=cmd|' /C calc'!A0", 2),
        0,
        command="run",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus(tiny_trust: Path, capsys, case: Case) -> None:
    folder = tiny_trust.parent
    case.change(folder)
    args = [case.command, str(tiny_trust)]
    if case.command == "run":
        args += ["--out", str(folder / "out"), "--quiet"]
    status = main(args)
    captured = capsys.readouterr()
    printed = " ".join((captured.out + captured.err).split())
    assert "Traceback" not in printed
    assert status == case.status, printed[-2000:]
    for words in case.says:  # the table may wrap a value across lines
        assert _squeezed(words) in _squeezed(printed), (words, printed[-2000:])
    for secret in case.never:
        assert secret not in _values_printed(printed, case), secret
    for value, row in case.rows.items():
        assert _rows_of(captured.out, value) == {row}, captured.out
    if status == 2 and case.command == "run":
        assert not (folder / "out").exists()


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _values_printed(printed: str, case: Case) -> str:
    """What was printed, less the words the case expects (a value may be part of one)."""
    for words in case.says:
        printed = printed.replace(words, "")
    return printed


def _rows_of(table: str, value: str) -> set[int]:
    """The rows the problem table names beside a value."""
    rows = set()
    for line in table.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if value in cells:
            rows.update(int(c) for c in cells if c.isdigit())
    return rows


def test_the_default_folder_in_a_read_only_working_folder_is_exit_2(
    tiny_trust: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    # `wres-wdes run config.toml` from a folder the user cannot write to (a network
    # share mounted read-only, say): the default output folder cannot be made there.
    # os.access stands in for the file system: the tests may run as root, whom
    # permission bits do not stop.
    import os

    import wres_wdes.write.transaction as transaction

    working = tmp_path / "share"
    working.mkdir()
    monkeypatch.chdir(working)
    real_access = os.access
    monkeypatch.setattr(
        transaction.os,
        "access",
        lambda path, mode: False if Path(path).resolve() == working else real_access(path, mode),
    )
    assert main(["run", str(tiny_trust)]) == 2
    printed = " ".join(capsys.readouterr().out.split())
    assert "Nothing was written" in printed and "not a folder this user can write to" in printed
    assert list(working.iterdir()) == []


@pytest.mark.parametrize("workers", ["0", "-3"])
def test_an_impossible_number_of_workers_is_exit_2(
    tiny_trust: Path, tmp_path: Path, capsys, workers: str
) -> None:
    out = tmp_path / "out"
    assert main(["run", str(tiny_trust), "--out", str(out), "--workers", workers]) == 2
    assert "give 1 or more processes" in " ".join(capsys.readouterr().out.split())
    assert not out.exists()
