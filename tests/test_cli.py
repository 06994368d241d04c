"""The command line: exit statuses, messages for people, nothing written on error."""

from __future__ import annotations

from pathlib import Path

import pytest

from wres_wdes.cli import main
from wres_wdes.contract import INPUTS


def test_validate_passes_on_a_valid_trust(tiny_trust: Path, capsys) -> None:
    assert main(["validate", str(tiny_trust)]) == 0
    out = capsys.readouterr().out
    assert "Valid" in out
    assert "bank-only" in out  # the warning about the bank worker
    # every value that fell to Unknown is listed with its count (1003: Not Declared)
    assert "Values counted as Unknown" in out
    assert "Not Declared" in out


def test_validate_lists_every_error_and_exits_2(tiny_trust: Path, capsys) -> None:
    apps = tiny_trust.parent / "applications.csv"
    apps.write_text(
        "Application ID,Shortlisted,Appointed\nA1,No,Yes\nA1,Yes,No\nA3,perhaps,No\n",
        encoding="utf-8",
    )
    assert main(["validate", str(tiny_trust)]) == 2
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert "perhaps" in out and "Shortlisted" in out
    assert "Validation failed" in out


def test_run_with_errors_writes_nothing(tiny_trust: Path, tmp_path: Path, capsys) -> None:
    (tiny_trust.parent / "staff.csv").write_text("Ethnic Origin\nA\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    assert main(["run", str(tiny_trust), "--out", str(out_dir)]) == 2
    assert not out_dir.exists()
    printed = capsys.readouterr().out
    assert "required column person_id is missing" in printed


def test_run_writes_reconciliation(tiny_trust: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    assert main(["run", str(tiny_trust), "--out", str(out_dir)]) == 0
    text = (out_dir / "reconciliation.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "input,file,outcome,reason,records"


def test_missing_config_exits_2_without_traceback(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(tmp_path / "none.toml")]) == 2
    assert "does not exist" in capsys.readouterr().out


def test_init_writes_config_and_canonical_headers_and_refuses_overwrite(
    tmp_path: Path, capsys
) -> None:
    target = tmp_path / "new"
    assert main(["init", str(target)]) == 0
    for key, spec in INPUTS.items():
        header = (target / f"{key}.csv").read_text(encoding="utf-8").strip()
        # every column found by its header; not the organisation, which only
        # [organisation] column names in a run of several
        assert header.split(",") == [c.name for c in spec.columns if c.name != "organisation"]
    assert "[reporting]" in (target / "config.toml").read_text(encoding="utf-8")
    assert main(["init", str(target)]) == 2
    assert "exist already" in capsys.readouterr().out


def test_init_config_validates_once_the_inputs_are_filled(tmp_path: Path) -> None:
    target = tmp_path / "t"
    assert main(["init", str(target)]) == 0
    (target / "staff.csv").write_text(
        "person_id,ethnicity,directorate,unit\n1,A,Medicine,Ward 1\n", encoding="utf-8"
    )
    # empty files are valid (no rows); the scaffold config must parse as written
    assert main(["validate", str(target / "config.toml")]) == 0


@pytest.mark.parametrize("argv", [["--version"], ["run", "--help"]])
def test_help_and_version_exit_cleanly(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0
