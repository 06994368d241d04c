"""`wres-wdes run` writes every output, and never overwrites files it did not write."""

from __future__ import annotations

from pathlib import Path

from wres_wdes.cli import main

EXPECTED = {
    "metrics.csv",
    "reconciliation.csv",
    "WRES-return-RTT-2024.xlsx",
    "WDES-return-RTT-2024.xlsx",
    "WRES-WDES-2024-publication.xlsx",
    "INTERNAL-not-for-publication-breakdown.xlsx",
    "report.md",
    "report.docx",
    "wres-wdes-manifest.json",
}


def test_run_writes_everything_and_refuses_to_overwrite_what_it_did_not_write(
    tiny_trust: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    assert main(["run", str(tiny_trust), "--out", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert names >= EXPECTED
    assert any(p.suffix == ".png" for p in (out / "charts").iterdir())
    printed = capsys.readouterr().out
    assert "report.md" in printed

    # a file of the user's own where the report goes: nothing is written
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    (out / "report.md").write_text("my own board paper", encoding="utf-8")
    assert main(["run", str(tiny_trust), "--out", str(out)]) == 2
    assert "report.md" in capsys.readouterr().out
    assert (out / "report.md").read_text(encoding="utf-8") == "my own board paper"
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert {p: t for p, t in after.items() if p.name != "report.md"} == {
        p: t for p, t in before.items() if p.name != "report.md"
    }

    assert main(["run", str(tiny_trust), "--out", str(out), "--force"]) == 0
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# WRES and WDES")
