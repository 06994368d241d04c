"""The board paper as Markdown (``report.md``): the plain-text version of ``report.docx``.

Text from the inputs is data, never markup (:func:`~wres_wdes.write.safe.md_text`): no
HTML, no link, no table cell broken by ``|``. Tables are made with tabulate (pipe format).
"""

from __future__ import annotations

from tabulate import tabulate

from ..safe import md_alt, md_text
from .blocks import Bullets, Figure, Heading, PageBreak, Paper, Paragraph, Table


def markdown_image(path: str, alt: str) -> str:
    """A chart as a Markdown image: its alt text as data (names from the inputs never
    markup), its relative path as a link target that spaces and brackets cannot end."""
    target = path.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"![{md_alt(alt)}]({target})\n"


def md_table(headers: tuple[str, ...] | list[str], rows) -> str:
    """A pipe table of text cells, each cell made safe."""
    body = [[md_text(v) for v in row] for row in rows]
    return tabulate(
        body, headers=[md_text(h) for h in headers], tablefmt="pipe", disable_numparse=True
    )


def render_markdown(paper: Paper) -> str:
    """The paper as Markdown: headings ``#`` (the title) to ``####``."""
    out: list[str] = []
    for block in paper.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * (block.level + 1)} {md_text(block.text)}\n")
        elif isinstance(block, Paragraph):
            lead = f"**{md_text(block.lead)}** " if block.lead else ""
            text = md_text(block.text)
            if block.style == "edit":
                text = f"_{text}_"
            out.append(f"{lead}{text}\n")
        elif isinstance(block, Bullets):
            for lead, text in block.items:
                out.append("- " + (f"**{md_text(lead)}** " if lead else "") + md_text(text))
            out.append("")
        elif isinstance(block, Table):
            if block.caption:
                out.append(f"{md_text(block.caption)}\n")
            out.append(md_table(block.headers, block.rows))
            out.append("")
        elif isinstance(block, Figure):
            out.append(markdown_image(block.path, block.alt))
        elif isinstance(block, PageBreak):
            continue
    return "\n".join(out).rstrip("\n") + "\n"


__all__ = ["markdown_image", "md_alt", "md_table", "md_text", "render_markdown"]
