"""Vectorised random draws and the calendar: one numpy call per column, never a loop per row.

Every table has its own random stream, ``default_rng([seed, stream])``, so the tables
do not shift one another: the same arguments give the same values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

STREAMS = (
    "organisations",
    "staff",
    "leavers",
    "numbers",
    "applications",
    "disciplinary",
    "capability",
    "training",
    "board",
    "survey",
)


def stream(seed: int, name: str) -> np.random.Generator:
    """The random generator of one table (``name`` in :data:`STREAMS`)."""
    return np.random.default_rng([seed, STREAMS.index(name)])


def cumulative(weights: ArrayLike) -> np.ndarray:
    """Cumulative probabilities of each row of ``weights`` (rows end at exactly 1)."""
    w = np.atleast_2d(np.asarray(weights, dtype=float))
    total = w.sum(axis=1, keepdims=True)
    if (total <= 0).any() or (w < 0).any():
        raise ValueError("weights must be non-negative with a positive total in every row")
    cum = np.cumsum(w / total, axis=1)
    cum[:, -1] = 1.0
    return cum


def choose(rng: np.random.Generator, weights: Sequence[float], size: int) -> np.ndarray:
    """``size`` draws of a category index with the given relative weights."""
    cum = cumulative(weights)[0]
    return np.minimum(np.searchsorted(cum, rng.random(size), side="right"), cum.size - 1)


def choose_rows(rng: np.random.Generator, cum: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One category index per element, drawn from row ``rows[i]`` of ``cum``.

    Row ``r`` is shifted to the interval ``(r, r + 1]`` so a single ``searchsorted``
    serves every row at once.
    """
    n_rows, n_cols = cum.shape
    rows = np.asarray(rows, dtype=np.int64)
    flat = (cum + np.arange(n_rows)[:, None]).ravel()
    found = np.searchsorted(flat, rng.random(rows.size) + rows, side="right") - rows * n_cols
    return np.clip(found, 0, n_cols - 1)


def forms(table: Sequence[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """Vocabulary and per-category cumulative table of ``(value, category, weight)`` rows."""
    vocab = np.array([row[0] for row in table], dtype=object)
    n_categories = max(row[1] for row in table) + 1
    weights = np.zeros((n_categories, len(table)))
    for j, (_, category, weight) in enumerate(table):
        weights[category, j] = weight
    return vocab, cumulative(weights)


def category_of(table: Sequence[tuple]) -> np.ndarray:
    """The category of each value of a ``(value, category, weight)`` table."""
    return np.array([row[1] for row in table], dtype=np.int64)


def logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def logit(p: float | np.ndarray) -> np.ndarray:
    p = np.asarray(p, dtype=float)
    return np.log(p / (1.0 - p))


def chance(rng: np.random.Generator, p: float | np.ndarray, size: int | None = None) -> np.ndarray:
    """Bernoulli draws: ``True`` with probability ``p`` (a scalar or one per element)."""
    p = np.asarray(p, dtype=float)
    return rng.random(size if size is not None else p.shape) < p


def allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` into whole numbers proportional to ``weights`` (largest remainder)."""
    share = np.asarray(weights, dtype=float)
    share = share / share.sum() * total
    counts = np.floor(share).astype(np.int64)
    order = np.argsort(counts - share, kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return counts


def calibrate(counts: np.ndarray, effects: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Intercepts ``a`` with ``Σ_j c[k,j]·σ(a[k] + effects[j]) = targets[k]·Σ_j c[k,j]``.

    ``c`` is ``counts``. Newton's method, all rows at once: used to hit an organisation's
    BME share exactly while keeping the differences between grades.
    """
    a = logit(np.clip(targets, 1e-4, 1 - 1e-4))
    total = counts.sum(axis=1)
    for _ in range(60):
        s = logistic(a[:, None] + effects[None, :])
        f = (counts * s).sum(axis=1) - targets * total
        slope = (counts * s * (1 - s)).sum(axis=1)
        a = a - np.clip(f / np.maximum(slope, 1e-9), -2.0, 2.0)
    return a


def digits(numbers: np.ndarray, width: int) -> np.ndarray:
    """Zero-padded decimal digits of non-negative ``numbers`` as an ``(n, width)`` uint8 array."""
    numbers = np.asarray(numbers, dtype=np.int64)
    out = np.empty((numbers.size, width), dtype=np.uint8)
    rest = numbers.copy()
    for end in range(width, 0, -4):  # four digits per lookup
        start = max(end - 4, 0)
        chunk = rest % 10_000
        rest //= 10_000
        out[:, start:end] = _FOUR_DIGITS[chunk][:, 4 - (end - start) :]
    return out


_FOUR_DIGITS = (
    (np.arange(10_000)[:, None] // np.array([1000, 100, 10, 1]) % 10) + ord("0")
).astype(np.uint8)


@dataclass(frozen=True)
class Calendar:
    """Every day from 62 years before the census to the census, as ESR and ISO strings.

    A date is held as its day index; ``uk[i]`` is ``dd/mm/yyyy`` (ESR, UK day-first) and
    ``iso[i]`` is ``yyyy-mm-dd``.

    Parameters
    ----------
    year
        The reporting year: census 31 March ``year``; data year 1 April ``year - 1`` to
        31 March ``year``; the previous data year a year earlier.
    """

    year: int
    first: np.datetime64
    uk: np.ndarray
    iso: np.ndarray

    @classmethod
    def for_year(cls, year: int) -> Calendar:
        first = np.datetime64(f"{year - 62:04d}-04-01")
        days = np.arange(first, np.datetime64(f"{year:04d}-04-01"))
        iso = days.astype(str).astype(object)
        uk = np.array([f"{d[8:10]}/{d[5:7]}/{d[:4]}" for d in iso], dtype=object)
        return cls(year, first, uk, iso)

    def day(self, iso: str) -> int:
        return int((np.datetime64(iso) - self.first).astype(np.int64))

    @property
    def census(self) -> int:
        """31 March of the reporting year."""
        return self.day(f"{self.year:04d}-03-31")

    @property
    def data_year_start(self) -> int:
        """1 April of the year before the reporting year."""
        return self.day(f"{self.year - 1:04d}-04-01")

    @property
    def previous_year_start(self) -> int:
        """1 April two years before the reporting year: start of the two-year case window."""
        return self.day(f"{self.year - 2:04d}-04-01")
