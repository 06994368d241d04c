"""Problems found in the inputs, said so that an HR manager can fix them.

Every problem names the file, the row as the user sees it in the file (the header
is row 1 when no title rows stand above it), the column, the value and the rule,
in plain English. Errors stop a run; warnings never do. All problems are
collected before anything is reported, so one run lists them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from .problem_codes import CODES

Severity = Literal["error", "warning"]

PROBLEM_COLUMNS = ("severity", "file", "row", "column", "value", "rule", "code")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth knowing) about an input.

    Attributes
    ----------
    severity
        ``"error"`` stops the run; ``"warning"`` is reported and the run goes on.
    file
        The file (or config key) the problem is in.
    row
        The row number as shown in a spreadsheet program, or ``None`` for a
        problem with the whole file or column.
    column
        The column as headed in the file, or ``None``.
    value
        The offending value as it appears in the file, or ``None``.
    rule
        What is wrong and how to put it right, in plain English.
    code
        What kind of problem it is, for a program: a stable, machine-readable name
        such as ``missing-column`` or ``unknown-config-key``
        (:data:`~wres_wdes.problem_codes.CODES`, ``docs/errors.md``). The sentence
        in ``rule`` may be reworded; the code is not changed without a CHANGELOG
        entry.
    """

    severity: Severity
    file: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    code: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(  # a bug in wres_wdes: every code is declared and documented
                f"problem code {self.code!r} is not in wres_wdes.problem_codes.CODES"
            )

    @classmethod
    def error(
        cls,
        file: str,
        row: int | None,
        column: str | None,
        value: object,
        rule: str,
        *,
        code: str,
    ) -> Problem:
        """An error: the run stops (exit status 2) and nothing is written."""
        return cls("error", file, row, column, _text(value), rule, code)

    @classmethod
    def warning(
        cls,
        file: str,
        row: int | None,
        column: str | None,
        value: object,
        rule: str,
        *,
        code: str,
    ) -> Problem:
        """A warning: reported, and the run goes on."""
        return cls("warning", file, row, column, _text(value), rule, code)


def _text(value: Any) -> str | None:  # any cell value: pd.isna decides what is blank
    if value is None:
        return None
    try:
        if pd.isna(value):
            return "(blank)"
    except (TypeError, ValueError):
        pass
    return str(value)


class WresWdesError(Exception):
    """The base of every exception wres_wdes raises on purpose: ``except
    WresWdesError`` catches each of them (``docs/errors.md``).

    Every subclass is exported from ``wres_wdes``. Each says what the command line
    does when it escapes: :attr:`exit_status` 2 for what is the user's to put right
    (inputs, configuration, arguments, the output folder: nothing is written), 1 for
    the one that reports a bug (:class:`~wres_wdes.write.returns.ReturnCheckError`).
    """

    exit_status: int = 2
    """The ``wres-wdes`` exit status when this escapes (``DESIGN.md``, "Command line")."""


class InputError(WresWdesError):
    """Raised when inputs or configuration hold errors; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        first = errors[0] if errors else (self.problems[0] if self.problems else None)
        summary = f"{len(errors)} error(s) in the inputs"
        if first is not None:
            summary += f"; first: {first.file}: {first.rule}"
        super().__init__(summary)


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """The problems as a table (:data:`PROBLEM_COLUMNS`), errors first, then by file,
    rule and row."""
    frame = pd.DataFrame(
        [(p.severity, p.file, p.row, p.column, p.value, p.rule, p.code) for p in problems],
        columns=list(PROBLEM_COLUMNS),
    )
    frame["row"] = frame["row"].astype("Int64")
    order = frame["severity"].map({"error": 0, "warning": 1})
    return (
        frame.assign(_order=order)
        .sort_values(["_order", "file", "rule", "row"], kind="stable", na_position="first")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def row_problems(
    severity: Severity,
    file: str,
    column: str | None,
    rows: pd.Index,
    values: pd.Series | None,
    rule: str,
    *,
    code: str,
) -> list[Problem]:
    """One problem per offending row (rows from a frame indexed by file row number)."""
    if values is None:
        return [Problem(severity, file, int(r), column, None, rule, code) for r in rows]
    return [
        Problem(severity, file, int(r), column, _text(v), rule, code)
        for r, v in zip(rows, values.loc[rows], strict=True)
    ]


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


class UsageError(WresWdesError, ValueError):
    """An argument the API cannot take: an unknown split column, option value, metric
    id, level or unit. The message names what was given and what is allowed.

    A :class:`ValueError` too, so code that caught ``ValueError`` still does.
    """


def nearest(word: str, known: Iterable[str], quoted: bool = True) -> str:
    """``; did you mean 'X'?`` for the closest known word, or an empty string.

    ``quoted=False`` leaves the quotes off, as configuration messages name keys
    (``did you mean levels?``)."""
    import difflib

    match = difflib.get_close_matches(str(word), list(known), n=1, cutoff=0.6)
    if not match:
        return ""
    return f"; did you mean {match[0]!r}?" if quoted else f"; did you mean {match[0]}?"


def unknown_name(what: str, name: object, known: Iterable[str], where: str = "") -> UsageError:
    """The error for a name that is not there: it lists what is, and the nearest.

    >>> str(unknown_name("level", "directorates", ["organisation", "directorate"]))
    "no level 'directorates'; did you mean 'directorate'? Levels: 'organisation', 'directorate'"
    """
    known = list(dict.fromkeys(str(k) for k in known))
    listed = ", ".join(repr(k) for k in known[:30]) + (" …" if len(known) > 30 else "")
    plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
    return UsageError(
        f"no {what} {name!r}{where}{nearest(str(name), known)} "
        f"{plural[0].upper() + plural[1:]}: {listed or 'none'}"
    )
