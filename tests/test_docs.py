"""Documentation generated from declarations must match what is committed."""

from __future__ import annotations

from pathlib import Path

import pytest

from wres_wdes.docs import GENERATED

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_docs_match_their_declarations(name: str) -> None:
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == GENERATED[name](), "regenerate with: python -m wres_wdes.docs"
