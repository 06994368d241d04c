"""Exceptions share one base and are exported; every problem carries a documented code
(issue 16: "Each Problem has a stable machine-readable code; exceptions share one
base class and every public one is exported")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import wres_wdes
from wres_wdes.problem_codes import CODES
from wres_wdes.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
ERRORS = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "wres_wdes"


def _table_rows(heading: str) -> list[str]:
    """The first cell of each row of the table under ``heading`` in docs/errors.md."""
    section = ERRORS.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)


def test_every_code_is_documented_once() -> None:
    documented = _table_rows("Problem codes")
    assert len(documented) == len(set(documented)), "a code is documented twice"
    assert sorted(documented) == sorted(CODES)


def test_codes_are_lower_case_words_joined_by_hyphens() -> None:
    assert [c for c in CODES if not re.fullmatch(r"[a-z]+(-[a-z]+)*", c)] == []


def _codes_in_source() -> set[str]:
    """Every code the package's source gives a problem: each ``code="…"``, the code of
    each note of reading (``("repeated-header", "…")``) and of each pandera check."""
    from wres_wdes.schemas import _CODES

    found = {"invalid-value", *_CODES.values()}
    for path in PACKAGE.rglob("*.py"):
        if path.name != "problem_codes.py":
            text = path.read_text(encoding="utf-8")
            found.update(re.findall(r'\bcode\s*=\s*"([a-z][a-z-]*)"', text))
    read = (PACKAGE / "read.py").read_text(encoding="utf-8")
    found.update(re.findall(r'^\s*"([a-z]+(?:-[a-z]+)+)",$', read, flags=re.MULTILINE))
    return found


def test_every_code_the_source_gives_is_declared_and_every_declared_code_is_used() -> None:
    used = _codes_in_source()
    assert used - set(CODES) == set(), "a problem code is used but not declared"
    assert set(CODES) - used == set(), "a declared code is used nowhere"


def test_a_problem_with_an_undeclared_code_cannot_be_made() -> None:
    with pytest.raises(ValueError, match=r"not in wres_wdes\.problem_codes\.CODES"):
        Problem.error("staff.csv", 2, "ethnicity", "X", "a rule", code="no-such-code")


def test_every_documented_exception_is_importable_from_the_package_root() -> None:
    documented = _table_rows("Exceptions")
    assert documented, "docs/errors.md lists the exceptions"
    for name in documented:
        cls = getattr(wres_wdes, name)
        assert name in wres_wdes.__all__
        assert issubclass(cls, wres_wdes.WresWdesError)


def test_every_exported_exception_is_documented_and_shares_the_base() -> None:
    exported = {
        name
        for name in wres_wdes.__all__
        if isinstance(getattr(wres_wdes, name), type)
        and issubclass(getattr(wres_wdes, name), BaseException)
    }
    assert exported == set(_table_rows("Exceptions"))
    # the ones the write layer raises, by their own modules' names
    from wres_wdes.write.plan import OutputsError
    from wres_wdes.write.safe import OverwriteRefused
    from wres_wdes.write.transaction import OutputFolderError, OutputLocked

    for cls in (OutputsError, OverwriteRefused, OutputFolderError, OutputLocked):
        assert issubclass(cls, wres_wdes.WresWdesError)
        assert getattr(wres_wdes, cls.__name__) is cls


def test_the_codes_of_common_problems(tiny_trust: Path) -> None:
    text = tiny_trust.read_text(encoding="utf-8")
    tiny_trust.write_text(text.replace("[breakdown]", "[breakdwon]"), encoding="utf-8")
    with pytest.raises(wres_wdes.InputError) as caught:
        wres_wdes.load_config(tiny_trust)
    assert [p.code for p in caught.value.problems] == ["unknown-config-section"]

    tiny_trust.write_text(text.replace('code = "RTT"', 'code = "RTT"\ncolour = "red"'), "utf-8")
    with pytest.raises(wres_wdes.InputError) as caught:
        wres_wdes.load_config(tiny_trust)
    assert [p.code for p in caught.value.problems] == ["unknown-config-key"]

    tiny_trust.write_text(text + '\n[options]\nexact_test = "fischer"\n', encoding="utf-8")
    with pytest.raises(wres_wdes.InputError) as caught:
        wres_wdes.load_config(tiny_trust)
    assert [p.code for p in caught.value.problems] == ["invalid-config-value"]

    tiny_trust.write_text(text, encoding="utf-8")
    staff = tiny_trust.with_name("staff.csv")
    staff.write_text(staff.read_text(encoding="utf-8").replace("Employee Number", "Emp"), "utf-8")
    inputs = wres_wdes.load(tiny_trust, strict=False)
    errors = [p for p in inputs.problems if p.severity == "error"]
    assert {p.code for p in errors} == {"missing-column"}
    table = inputs.problems_table()
    assert list(table.columns)[-1] == "code"
    assert set(table.loc[table["severity"] == "error", "code"]) == {"missing-column"}


def test_the_command_line_does_not_print_the_code_column(tiny_trust: Path, capsys) -> None:
    from wres_wdes.cli import main

    staff = tiny_trust.with_name("staff.csv")
    staff.write_text(staff.read_text(encoding="utf-8").replace("Employee Number", "Emp"), "utf-8")
    assert main(["validate", str(tiny_trust)]) == 2
    out = capsys.readouterr().out
    assert "required column person_id is missing" in out
    assert "missing-column" not in out
