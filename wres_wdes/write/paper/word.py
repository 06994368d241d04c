"""The board paper as a Word document (``report.docx``), written with python-docx.

Accessible as the Government Analysis Function and GOV.UK ask of a published
document: headings in Word's own ``Title`` and ``Heading 1``–``3`` styles (the
navigation pane and screen readers use them), every picture with alt text (the
drawing's ``descr``, which Word shows as the picture's alt text), table header
rows marked to repeat on each page, no colour carrying meaning alone. Text is
set as runs of plain text: python-docx escapes it, so a name from the inputs can
never become a field, a link or markup. Characters XML cannot hold are dropped.

The document's dates are the census date (:func:`~wres_wdes.write.safe.document_date`)
and its zip members are stamped with it, so a run writes the same bytes whenever
and however (serially or in parallel) it is run.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from ..safe import restamp_zip
from .blocks import Bullets, Figure, Heading, PageBreak, Paper, Paragraph, Table

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FIGURE_WIDTH_CM = 11.5
TABLE_FONT_PT = 8
BODY_FONT = "Arial"


def xml_text(text: object) -> str:
    """Text Word can hold: characters that XML 1.0 cannot carry are dropped."""
    return _NOT_XML.sub("", str(text))


def chart_png(figure: Figure) -> bytes:
    """The chart's PNG, drawn in memory (never in a shared temporary folder)."""
    chart = figure.chart
    if chart is None or not hasattr(chart, "png"):
        raise ValueError(f"no chart to embed for {figure.path}")
    return chart.png()


def _header_row(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    tr_pr.append(mark)


def _table(document, block: Table) -> None:
    from docx.shared import Pt

    if block.caption:
        document.add_paragraph(xml_text(block.caption), style="Caption")
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(xml_text(text))
        run.bold = True
        run.font.size = Pt(TABLE_FONT_PT)
    _header_row(table.rows[0])
    for values in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            run = cell.paragraphs[0].add_run(xml_text(text))
            run.font.size = Pt(TABLE_FONT_PT)
    document.add_paragraph()


def _picture(document, block: Figure) -> None:
    from docx.shared import Cm

    png = chart_png(block)
    shape = document.add_picture(io.BytesIO(png), width=Cm(FIGURE_WIDTH_CM))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", xml_text(block.alt))
    doc_pr.set("title", xml_text(block.title))
    document.add_paragraph(xml_text(f"Figure: {block.title}"), style="Caption")


def build_document(paper: Paper, when: dt.datetime):
    """The paper as a python-docx ``Document`` (not yet saved)."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(11)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    props = document.core_properties
    props.title = xml_text(paper.title)
    props.author = props.last_modified_by = "wres_wdes"
    props.created = props.modified = when
    props.last_printed = when
    props.revision = 1
    props.comments = ""
    for block in paper.blocks:
        if isinstance(block, Heading):
            document.add_heading(xml_text(block.text), level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            if block.lead:
                paragraph.add_run(xml_text(block.lead) + " ").bold = True
            run = paragraph.add_run(xml_text(block.text))
            if block.style == "edit":
                run.italic = True
            if block.style == "cover":
                run.font.size = Pt(14)
            if block.style == "note":
                run.font.size = Pt(9)
        elif isinstance(block, Bullets):
            for lead, text in block.items:
                paragraph = document.add_paragraph(style="List Bullet")
                runs = []
                if lead:
                    runs.append(paragraph.add_run(xml_text(lead) + " "))
                    runs[-1].bold = True
                runs.append(paragraph.add_run(xml_text(text)))
                if block.small:
                    for run in runs:
                        run.font.size = Pt(9)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Figure):
            _picture(document, block)
        elif isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return document


def write_docx(paper: Paper, path: Path, when: dt.datetime) -> None:
    """Write the paper to ``path`` (the run's staging folder: the writer is handed the
    path there by :mod:`~wres_wdes.write.transaction`)."""
    buffer = io.BytesIO()
    build_document(paper, when).save(buffer)
    Path(path).write_bytes(restamp_zip(buffer.getvalue(), when))


__all__ = ["build_document", "chart_png", "write_docx", "xml_text"]
