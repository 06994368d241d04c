"""The board paper: one content model (:mod:`.blocks`), built from the published
figures (:mod:`.build`, :mod:`.facts`, :mod:`.messages`) and rendered as
``report.md`` (:mod:`.markdown`) and ``report.docx`` (:mod:`.word`)."""

from .blocks import Bullets, Figure, Heading, PageBreak, Paper, Paragraph, Table
from .build import REPORT_UNITS, build_paper
from .markdown import render_markdown

__all__ = [
    "REPORT_UNITS",
    "Bullets",
    "Figure",
    "Heading",
    "PageBreak",
    "Paper",
    "Paragraph",
    "Table",
    "build_paper",
    "render_markdown",
]
