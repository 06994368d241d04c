"""The config keys of the writers: [publication], [history], [returns], each checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from wres_wdes.config import HistoryFile, parse_config
from wres_wdes.problems import InputError

BASE = {"organisation": {"name": "Test Trust"}, "reporting": {"year": 2024}}


def test_defaults_suppress_below_five_with_no_history_and_the_bundled_templates() -> None:
    config = parse_config(BASE, Path("."))
    assert config.suppress_below == 5
    assert config.history == ()
    assert config.return_templates is None


def test_history_files_as_a_list_or_a_table_of_years(tmp_path: Path) -> None:
    (tmp_path / "m2023.csv").write_text("x\n", encoding="utf-8")
    listed = parse_config({**BASE, "history": {"files": ["m2023.csv"]}}, tmp_path)
    assert listed.history == (HistoryFile((tmp_path / "m2023.csv").resolve(), None),)
    table = parse_config({**BASE, "history": {"files": {"2023": "m2023.csv"}}}, tmp_path)
    assert table.history == (HistoryFile((tmp_path / "m2023.csv").resolve(), 2023),)


@pytest.mark.parametrize(
    ("section", "value", "key", "words"),
    [
        ("publication", {"suppress_below": -1}, "publication.suppress_below", "whole number"),
        ("publication", {"suppress_below": True}, "publication.suppress_below", "whole number"),
        ("publication", {"threshold": 5}, "publication.threshold", "unknown key"),
        ("history", {"files": ["missing.csv"]}, "history.files", "does not exist"),
        ("history", {"files": {"last year": "x.csv"}}, "history.files.last year", "reporting year"),
        ("history", {"files": 3}, "history.files", "list of earlier metrics.csv"),
        ("returns", {"templates": "nowhere"}, "returns.templates", "a folder holding"),
    ],
)
def test_every_writer_key_is_checked_with_a_clear_message(
    tmp_path: Path, section: str, value: dict, key: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_config({**BASE, section: value}, tmp_path)
    problem = caught.value.problems[0]
    assert problem.column == key
    assert words in problem.rule
