"""Quoted line breaks are still read as one value; files without quotes take the fast path."""

from wres_wdes.contract import INPUTS
from wres_wdes.read import _has_quotes, read_table


def test_quoted_line_break_stays_in_one_value(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text('person_id,ethnicity,unit\n1,A,"Ward\nNorth"\n2,B,Theatres\n', encoding="utf-8")
    assert _has_quotes(path)
    frame = read_table(path, INPUTS["staff"]).frame
    assert len(frame) == 2
    assert frame["unit"].tolist() == ["Ward\nNorth", "Theatres"]
    assert frame.index.tolist() == [2, 3]


def test_file_without_quotes(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("person_id,ethnicity,unit\n1,A,Ward\n\n2,B,Theatres\n", encoding="utf-8")
    assert not _has_quotes(path)
    frame = read_table(path, INPUTS["staff"]).frame
    assert frame["unit"].tolist() == ["Ward", "Theatres"]


def test_empty_file_is_mapped_safely(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert _has_quotes(path)
