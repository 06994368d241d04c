"""Safe writing: atomic files, a manifest of what was written, and formula escaping.

Three promises every writer keeps (``docs/outputs.md``, "Safe writing"):

1. **Atomic.** Each file is written to a temporary name in the same folder and
   renamed over the target only once it is complete (:func:`write_atomic`), so a
   failure never leaves a half-written workbook.
2. **No clobbering.** ``wres-wdes-manifest.json`` in the output folder lists
   every file wres_wdes wrote there, with its SHA-256. A run refuses to
   overwrite a file that is not in the manifest, or that was changed since it
   was written (someone edited the report), unless forced (:class:`Manifest`).
3. **No formulas from data.** Text that came from the inputs (directorate and
   unit names, the WDES 9b narrative) is written so that a spreadsheet never
   reads it as a formula: a value starting with ``=``, ``+``, ``-``, ``@``, a tab
   or a carriage return gets a leading apostrophe (:func:`escape_text`), the
   OWASP advice for CSV and spreadsheet injection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from ..classify import per_distinct
from ..problems import WresWdesError
from ..results import FORMULA_STARTS

MANIFEST_NAME = "wres-wdes-manifest.json"


def escape_text(value: object) -> object:
    """Text that a spreadsheet will never evaluate; other values unchanged.

    >>> escape_text("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> escape_text("Medicine"), escape_text(3)
    ('Medicine', 3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


ZERO_WIDTH_SPACE = "\u200b"
MARKUP = re.compile(r"\]\(|\$\$")
"""What gptables reads as markup in a cell or title: a Markdown link ``[text](url)``
becomes a live hyperlink, and ``$$name$$`` a note reference (an unknown name crashes
the run)."""


def inert_markup(value: object) -> object:
    """Text that gptables shows as written, never as a link or a note reference.

    A zero-width space goes between ``]`` and ``(`` and between the two ``$``: the
    text reads the same, and no input can make a link or a note.

    >>> inert_markup("[Contact HR](https://example.org)") == "[Contact HR]\u200b(https://example.org)"
    True
    """
    if isinstance(value, str) and MARKUP.search(value):
        return value.replace("](", "]" + ZERO_WIDTH_SPACE + "(").replace(
            "$$", "$" + ZERO_WIDTH_SPACE + "$"
        )
    return value


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`inert_markup` on every text value of a frame."""
    return _map_text(frame, lambda v: MARKUP.search(v) is not None, inert_markup)


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with :func:`escape_text` applied to every text value."""
    return _map_text(frame, lambda v: v.startswith(FORMULA_STARTS), escape_text)


def _map_text(frame: pd.DataFrame, marked, fix) -> pd.DataFrame:
    """``fix`` on every text value that is ``marked``, decided once per distinct value.

    Only ``str`` values are touched: a negative number in a column that mixes
    numbers with shorthand such as ``[c]`` stays a number.
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        hit = per_distinct(series, lambda v: isinstance(v, str) and marked(v), False, dtype=bool)
        if hit.any():
            values = series.astype(object).copy()
            values[hit] = [fix(v) for v in series[hit]]
            out[column] = values
    return out


def md_text(text: object) -> str:
    """Text from the inputs as data in Markdown, never markup: safe inside a table cell
    (``|`` escaped, one line), no HTML (``<script>`` shows as written), no link
    (``[text](url)``, ``<https://…>`` or a bare ``https://`` address)."""
    out = str(text).replace("\r", " ").replace("\n", " ").replace("\u2028", " ")
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = out.replace("|", "\\|").replace("](", "]\\(").replace("://", ":\\/\\/")
    return out.replace("www.", "www\\.")


def md_alt(text: str) -> str:
    """Alt text safe inside ``![…]``: brackets escaped, on one line."""
    return md_text(text).replace("[", "\\[").replace("]", "\\]")


def document_date(config) -> dt.datetime:
    """The date written into every workbook's properties: the census date.

    A workbook records when it was made; stamping the census date instead of the
    clock makes a run's files byte for byte the same whether written serially or in
    parallel, today or next week (and says which figures they hold).
    """
    return dt.datetime(config.year, 3, 31, 0, 0, 0)


def restamp_zip(data: bytes, when: dt.datetime) -> bytes:
    """A zip file's bytes (an ``.xlsx`` or ``.docx``) with every member stamped ``when``,
    members in the same order and compression.

    openpyxl and python-docx stamp each member with the clock; xlsxwriter with the
    document's date. Restamping makes a file byte-identical however and whenever it
    is written (see :func:`document_date`).
    """
    import io
    import zipfile

    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, stamp)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def fix_zip_times(path: Path, when: dt.datetime) -> None:
    """Restamp the zip file at ``path`` in place (:func:`restamp_zip`)."""
    path = Path(path)
    path.write_bytes(restamp_zip(path.read_bytes(), when))


def write_atomic(path: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it to ``path``.

    The temporary name keeps the suffix (``.xlsx``, ``.png``), so writers that
    infer the format from it still work. On any failure the temporary file is
    removed and ``path`` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}"
    )
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class OverwriteRefused(WresWdesError):
    """Files exist that wres_wdes did not write (or that changed since): nothing written."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        super().__init__(
            "these files exist and were not written by wres_wdes (or were "
            "changed since): " + ", ".join(str(p) for p in paths)
        )

    def message(self) -> str:
        lines = [
            "Not written: these files exist and were not written by wres_wdes, or were "
            "changed since it wrote them (use --force to overwrite them, or choose "
            "another --out folder):"
        ]
        lines += [f"  {p}" for p in self.paths]
        return "\n".join(lines)


class Manifest:
    """The record of files wres_wdes wrote in one output folder.

    Stored as ``wres-wdes-manifest.json``: for every file its path relative to
    the folder, SHA-256, size, time written and whether it is meant for
    publication; with the organisation, reporting year and wres_wdes version of
    the last run (:mod:`wres_wdes.write.trend` reads the year back).
    """

    def __init__(self, folder: Path, data: dict | None = None) -> None:
        self.folder = Path(folder)
        self.data = data or {"files": {}}
        self.data.setdefault("files", {})

    @classmethod
    def load(cls, folder: str | Path) -> Manifest:
        folder = Path(folder)
        path = folder / MANIFEST_NAME
        if path.is_file():
            try:
                return cls(folder, json.loads(path.read_text(encoding="utf-8")))
            except (json.JSONDecodeError, UnicodeDecodeError):
                pass  # an unreadable manifest vouches for nothing
        return cls(folder)

    def _key(self, path: Path) -> str:
        return Path(os.path.relpath(Path(path), self.folder)).as_posix()

    def refused(self, paths: Iterable[Path], force: bool = False) -> list[Path]:
        """Of ``paths``, those that exist and that this manifest does not vouch for."""
        if force:
            return []
        out = []
        for path in paths:
            path = Path(path)
            if not path.exists():
                continue
            entry = self.data["files"].get(self._key(path))
            if entry is None or not path.is_file() or entry.get("sha256") != _sha256(path):
                out.append(path)
        return out

    def check(self, paths: Iterable[Path], force: bool = False) -> None:
        """Raise :class:`OverwriteRefused` if any of ``paths`` may not be overwritten."""
        refused = self.refused(paths, force)
        if refused:
            raise OverwriteRefused(refused)

    def record(self, path: Path, for_publication: bool) -> None:
        path = Path(path)
        self.data["files"][self._key(path)] = {
            "sha256": _sha256(path),
            "bytes": path.stat().st_size,
            "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "for_publication": for_publication,
        }

    def describe(self, **facts: object) -> None:
        """Record facts of the run (``organisation``, ``reporting_year``, ``version``)."""
        self.data.update(facts)

    def save(self) -> Path:
        text = json.dumps(self.data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        return write_atomic(
            self.folder / MANIFEST_NAME, lambda p: p.write_text(text, encoding="utf-8")
        )


def write_tracked(
    manifest: Manifest, path: Path, write: Callable[[Path], object], *, for_publication: bool
) -> Path:
    """:func:`write_atomic`, then record the file in ``manifest``."""
    write_atomic(path, write)
    manifest.record(path, for_publication)
    return Path(path)


__all__ = [
    "FORMULA_STARTS",
    "MANIFEST_NAME",
    "Manifest",
    "OverwriteRefused",
    "escape_frame",
    "escape_text",
    "md_alt",
    "md_text",
    "restamp_zip",
    "write_atomic",
    "write_tracked",
]
