"""The cell map's contract: its columns and the file names of a template and its map.

A return template is a workbook and a cell map (``docs/outputs.md``, "Cell maps"):
:mod:`wres_wdes.write.returns` fills the workbook at the cells the map names, and
``tools/make_templates.py`` (outside the package: it runs only when the bundled
templates are regenerated) writes both. The columns are explained there.
"""

from __future__ import annotations

CELLMAP_COLUMNS = (
    "kind",
    "sheet",
    "cell",
    "standard",
    "metric",
    "category",
    "group",
    "statistic",
    "field",
    "if_missing",
    "expected",
)

TEMPLATE_NAME = "{standard}-return-template.xlsx"
CELLMAP_NAME = "{standard}-return-cellmap.csv"

__all__ = ["CELLMAP_COLUMNS", "CELLMAP_NAME", "TEMPLATE_NAME"]
