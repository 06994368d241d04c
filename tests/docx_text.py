"""Reading a report.docx back with python-docx, for tests: every text a reader sees."""

from __future__ import annotations

from pathlib import Path

import docx


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, in order."""
    document = docx.Document(str(path))
    return [(p.style.name, p.text) for p in document.paragraphs]


def alt_texts(path: Path) -> list[str]:
    """The alt text (``descr``) of every embedded picture."""
    document = docx.Document(str(path))
    return [shape._inline.docPr.get("descr", "") for shape in document.inline_shapes]


def all_text(path: Path) -> str:
    """Paragraphs, table cells, alt text and the document's properties, one string."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    parts.extend(alt_texts(path))
    parts.append(document.core_properties.title or "")
    return "\n".join(parts)


def section(path: Path, heading: str) -> list[str]:
    """The paragraphs under a heading, up to the next heading of any level."""
    out, inside = [], False
    for style, text in paragraphs(path):
        if style.startswith("Heading") or style == "Title":
            if inside:
                break
            inside = text == heading
            continue
        if inside and text:
            out.append(text)
    return out
