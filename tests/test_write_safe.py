"""Safe writing: atomic files, the manifest, and text that is never a formula."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wres_wdes.write.safe import (
    Manifest,
    OverwriteRefused,
    escape_frame,
    escape_text,
    write_atomic,
    write_tracked,
)


@pytest.mark.parametrize(
    "text", ["=SUM(A1)", "+44 ward", "-Theatres", "@Recovery", "\tTab", "\rCR"]
)
def test_text_that_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(text: str) -> None:
    # OWASP CSV injection advice: prefix with a single quote
    assert escape_text(text) == "'" + text


@pytest.mark.parametrize("value", ["Medicine", "Ward = 3", "", 5, -3.5, None])
def test_other_values_are_left_alone(value: object) -> None:
    assert escape_text(value) == value


def test_escape_frame_touches_text_columns_only() -> None:
    frame = pd.DataFrame({"unit": ["=1+1", "Ward A", None], "n": [-1, 2, 3]})
    out = escape_frame(frame)
    assert out["unit"].tolist()[:2] == ["'=1+1", "Ward A"]
    assert pd.isna(out["unit"].iloc[2])
    assert out["n"].tolist() == [-1, 2, 3]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(path: Path) -> None:
        path.write_text("half a workbook", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


def test_an_atomic_write_keeps_the_suffix_for_format_sniffing_writers(tmp_path: Path) -> None:
    seen = []
    write_atomic(tmp_path / "chart.png", lambda p: (seen.append(p.suffix), p.write_bytes(b"x")))
    assert seen == [".png"]
    assert (tmp_path / "chart.png").read_bytes() == b"x"


def test_the_manifest_refuses_files_it_did_not_write_or_that_changed(tmp_path: Path) -> None:
    theirs = tmp_path / "report.md"
    theirs.write_text("someone's notes", encoding="utf-8")
    manifest = Manifest.load(tmp_path)
    assert manifest.refused([theirs]) == [theirs]
    assert manifest.refused([theirs], force=True) == []
    with pytest.raises(OverwriteRefused, match=r"report\.md"):
        manifest.check([theirs])

    ours = tmp_path / "metrics.csv"
    write_tracked(
        manifest, ours, lambda p: p.write_text("a,b\n", encoding="utf-8"), for_publication=False
    )
    manifest.save()
    again = Manifest.load(tmp_path)
    assert again.refused([ours, tmp_path / "new.png"]) == []
    ours.write_text("edited by hand\n", encoding="utf-8")
    assert again.refused([ours]) == [ours]


def test_escape_frame_leaves_negative_numbers_in_mixed_columns_as_numbers() -> None:
    frame = pd.DataFrame({"value": pd.Series([-27.6, "[c]", "-x"], dtype=object)})
    assert escape_frame(frame)["value"].tolist() == [-27.6, "[c]", "'-x"]
