"""Documentation generated from declarations must match what is committed."""

from __future__ import annotations

from pathlib import Path

from wres_wdes.docs import inputs_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_inputs_dictionary_matches_the_contract() -> None:
    committed = (ROOT / "docs" / "inputs.md").read_text(encoding="utf-8")
    assert committed == inputs_markdown(), "regenerate with: python -m wres_wdes.docs"
