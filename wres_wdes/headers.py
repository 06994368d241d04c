"""Match a file's headers to the input contract's canonical column names.

Headers are compared case-, space- and punctuation-insensitively
(:func:`wres_wdes.contract.header_key`), first against the canonical names, then
against the ESR and recruitment-system aliases in :mod:`wres_wdes.contract`.
Columns the contract does not name are kept under their own header (a breakdown
level such as ``site`` may be one of them); they are never fatal.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def match_headers(
    frame: pd.DataFrame, spec: InputSpec, source: str, levels: Sequence[str] = ()
) -> tuple[Matched, list[Problem]]:
    """Rename the columns of ``frame`` to the contract's names.

    A canonical name wins over an alias; among aliases, the contract's order wins.
    When two headers match one column, the first is used and the other kept as an
    extra column, with a warning.

    Returns
    -------
    (Matched, problems)
        Problems: an error for each required column missing, a warning for each
        ambiguous header.
    """
    problems: list[Problem] = []
    by_key: dict[str, list[str]] = {}
    for header in frame.columns:
        by_key.setdefault(header_key(header), []).append(header)

    renames: dict[str, str] = {}
    origin: dict[str, str] = {}
    taken: set[str] = set()
    wanted = [(c.name, (c.name, *c.aliases)) for c in spec.columns]
    wanted += [(level, (level,)) for level in levels if level not in spec.names()]
    for name, candidates in wanted:
        found = [h for cand in candidates for h in by_key.get(header_key(cand), [])]
        found = [h for h in dict.fromkeys(found) if h not in taken]
        if not found:
            continue
        header = found[0]
        taken.add(header)
        renames[header] = name
        origin[name] = header
        for other in found[1:]:
            problems.append(
                Problem.warning(
                    source,
                    None,
                    other,
                    None,
                    f'"{header}" and "{other}" both look like {name}; "{header}" is used and '
                    f'"{other}" is kept as an extra column',
                )
            )

    for column in spec.columns:
        if column.required and column.name not in origin:
            accepted = ", ".join(f'"{a}"' for a in (column.name, *column.aliases))
            problems.append(
                Problem.error(
                    source,
                    None,
                    column.name,
                    None,
                    f"required column {column.name} is missing; "
                    f"headers accepted for it: {accepted}",
                )
            )

    clash = [h for h in frame.columns if h not in renames and h in renames.values()]
    keep = frame.drop(columns=clash)
    for h in clash:
        problems.append(
            Problem.warning(
                source,
                None,
                h,
                None,
                f'the column "{h}" is ignored: another header was matched to {h}',
            )
        )
    return Matched(keep.rename(columns=renames), origin), problems
