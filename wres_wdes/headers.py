"""Match a file's headers to the input contract's canonical column names.

Headers are compared case-, space- and punctuation-insensitively
(:func:`wres_wdes.contract.header_key`): first the headers the config names for
this file (``columns``), which win; then the canonical names and the ESR and
recruitment-system aliases of :mod:`wres_wdes.contract`, in the contract's order.
The organisation is never found by an alias: only the header that
``[organisation] column`` names is read as the organisation (ESR's own
``Organisation`` column is a cost centre). Columns the contract does not name are
kept under their own header (a breakdown level such as ``site`` may be one of
them); they are never fatal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from .contract import InputSpec, header_key
from .problems import Problem


@dataclass(frozen=True)
class Matched:
    """A frame renamed to canonical names, and where each column came from.

    Attributes
    ----------
    frame
        Columns renamed: contract columns and breakdown levels to their canonical
        names; other columns keep their header.
    origin
        Canonical name to the header as written in the file, for messages.
    """

    frame: pd.DataFrame
    origin: dict[str, str]


def _headers_text(headers: Sequence[object], limit: int = 25) -> str:
    shown = [f'"{h}"' for h in list(headers)[:limit]]
    more = len(headers) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def match_headers(
    frame: pd.DataFrame,
    spec: InputSpec,
    source: str,
    levels: Sequence[str] = (),
    columns: Mapping[str, str | None] | None = None,
    organisation_column: str | None = None,
) -> tuple[Matched, list[Problem]]:
    """Rename the columns of ``frame`` to the contract's names.

    Parameters
    ----------
    frame
        The raw frame, with the file's headers.
    spec
        The input's contract entry.
    source
        The file, for messages.
    levels
        Breakdown columns (config ``[breakdown] levels``) to find besides the contract's.
    columns
        The config's ``columns`` for this file: canonical name to the header that
        holds it, or ``None`` for "this file has no such column".
    organisation_column
        ``[organisation] column``: the header read as ``organisation``.

    Returns
    -------
    (Matched, problems)
        Problems: an error for each required column missing and for each header
        the config names that the file lacks; a warning for each ambiguous header.
    """
    columns = dict(columns or {})
    problems: list[Problem] = []
    by_key: dict[str, list[str]] = {}
    for header in frame.columns:
        by_key.setdefault(header_key(header), []).append(header)

    renames: dict[str, str] = {}
    origin: dict[str, str] = {}
    taken: set[str] = set()

    def take(name: str, header: str) -> None:
        taken.add(header)
        renames[header] = name
        origin[name] = header

    named = dict(columns)
    if organisation_column is not None and any(c.name == "organisation" for c in spec.columns):
        named["organisation"] = organisation_column
    for name, wanted in named.items():
        if wanted is None:
            continue
        found = [h for h in by_key.get(header_key(wanted), []) if h not in taken]
        if found:
            take(name, found[0])
        elif name != "organisation":  # whether an input needs it is the loader's rule
            problems.append(
                Problem.error(
                    source,
                    None,
                    wanted,
                    None,
                    f'the config names "{wanted}" as the {name} column, but the file has no '
                    f"such header; its headers are {_headers_text(list(frame.columns))}",
                    code="named-header-missing",
                )
            )

    wanted_aliases = [
        (c.name, (c.name, *c.aliases)) for c in spec.columns if c.matched and c.name not in named
    ]
    weak = {c.name: c.weak_aliases for c in spec.columns if c.weak_aliases and c.name not in named}
    wanted_aliases += [
        (level, (level,)) for level in levels if level not in spec.names() and level not in named
    ]
    for name, candidates in wanted_aliases:
        found = [h for cand in candidates for h in by_key.get(header_key(cand), [])]
        found = [h for h in dict.fromkeys(found) if h not in taken]
        if not found:
            continue
        header = found[0]
        take(name, header)
        for other in found[1:]:
            problems.append(
                Problem.warning(
                    source,
                    None,
                    other,
                    None,
                    f'"{header}" and "{other}" both look like {name}; "{header}" is used and '
                    f'"{other}" is kept as an extra column (name the right one with '
                    f'columns = {{ {name} = "…" }})',
                    code="ambiguous-header",
                )
            )

    for name, candidates in weak.items():
        if name in origin:
            continue
        found = [
            h for cand in candidates for h in by_key.get(header_key(cand), []) if h not in taken
        ]
        if found:
            take(name, found[0])
            problems.append(
                Problem.warning(
                    source,
                    None,
                    found[0],
                    None,
                    f'{name} is read from "{found[0]}", which may not be what {name} means '
                    f"({spec.column(name).description.rstrip('.')}); if the file has the "
                    f'right column, name it with columns = {{ {name} = "…" }}',
                    code="doubtful-header",
                )
            )

    for column in spec.columns:
        if column.required and column.name not in origin and column.name not in named:
            accepted = ", ".join(f'"{a}"' for a in (column.name, *column.aliases))
            problems.append(
                Problem.error(
                    source,
                    None,
                    column.name,
                    None,
                    f"required column {column.name} is missing; headers accepted for it: "
                    f"{accepted} (or name this file's header with columns = "
                    f'{{ {column.name} = "…" }}); the file\'s headers are '
                    f"{_headers_text(list(frame.columns))}",
                    code="missing-column",
                )
            )

    # A header left unmatched that spells a canonical name would be read as that column
    # later on (a file's own "organisation" when no [organisation] column names it): such
    # columns are left out, with a warning unless they are the organisation's.
    canonical = {*spec.names(), *levels}
    clash = [
        h for h in frame.columns if h not in renames and header_key(h) in map(header_key, canonical)
    ]
    for h in clash:
        if header_key(h) != "organisation":
            problems.append(
                Problem.warning(
                    source,
                    None,
                    h,
                    None,
                    f'the column "{h}" is not read: another header was matched to '
                    f"{_canonical_of(h, canonical)}",
                    code="unread-column",
                )
            )
    keep = frame.drop(columns=clash)
    return Matched(keep.rename(columns=renames), origin), problems


def _canonical_of(header: str, names: set[str]) -> str:
    key = header_key(header)
    return next((n for n in names if header_key(n) == key), header)
