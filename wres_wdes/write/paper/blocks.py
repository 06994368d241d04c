"""The board paper's content model: what it says, before it is Markdown or Word.

One list of blocks is built from the published figures (:mod:`.build`) and
rendered twice, as ``report.md`` (:mod:`.markdown`) and ``report.docx``
(:mod:`.word`), so the two can never say different things. Every text in a
block is plain text: data, never markup; each renderer makes it safe for its
own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A heading: level 0 is the paper's title, 1 a section, 2 and 3 below it
    (Word's ``Title`` and ``Heading 1``–``Heading 3`` styles; ``#`` to ``####``)."""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``lead`` (if any) is set in bold before the text; ``style`` is
    ``""``, ``"cover"`` (the cover block), ``"edit"`` (text for the user to edit) or
    ``"note"`` (a note under a table)."""

    text: str
    lead: str = ""
    style: str = ""


@dataclass(frozen=True)
class Bullets:
    """A bulleted list: each item a (bold lead, text) pair; the lead may be empty.
    ``small`` sets it in a smaller type in Word (long lists of figures in words)."""

    items: tuple[tuple[str, str], ...]
    small: bool = False


@dataclass(frozen=True)
class Table:
    """A table of text cells with a header row; ``caption`` names it."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Figure:
    """A chart: its file beside the Markdown report, its alt text, and the chart
    itself (a :class:`~wres_wdes.write.charts.Chart`) for Word to embed."""

    path: str
    alt: str
    title: str
    chart: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class PageBreak:
    """A new page in Word (the cover, the appendix); nothing in Markdown."""


Block = Heading | Paragraph | Bullets | Table | Figure | PageBreak


@dataclass(frozen=True)
class Paper:
    """The whole paper: its title (for the document's properties) and its blocks."""

    title: str
    blocks: tuple[Block, ...]
    messages: tuple[str, ...] = ()


__all__ = ["Block", "Bullets", "Figure", "Heading", "PageBreak", "Paper", "Paragraph", "Table"]
