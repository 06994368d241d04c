"""Coverage of the relative-likelihood intervals at small counts.

Run from the repository root::

    .venv/bin/python benchmarks/coverage_stats.py [--scenarios 400] [--level 0.95]

For a scenario (group size ``n_g``, reference size ``n_r``, reference rate
``p_r`` and true ratio ``theta``, so ``p_g = theta * p_r``) the coverage of a
method is the probability that its interval contains ``theta``. It is computed
*exactly*, by enumerating every possible table ``(x_g, x_r)`` with its
binomial probability (tables beyond 9 standard deviations from the mean carry
less than 1e-18 of the probability and are skipped), so the figures have no
Monte Carlo error. Tables with no reference events (the ratio is not
calculable) are excluded and the coverage is conditional on the ratio being
calculable. A Katz interval is undefined when the group has no events (scipy
returns ``(0, nan)``): such tables count as not covering; part 2 also shows
Katz's coverage among the tables where it is defined.

Part 1 is a fixed grid of the small counts that WRES and WDES breakdowns
produce: expected reference events 5 to 50, group 1/4, 1 or 4 times the
reference size, reference rates 5%, 20% and 40%, true ratios 1, 1.5 and 2.5.
Part 2 draws scenarios at random (fixed seed) over the same region, to check
that the grid is not flattering.
"""

from __future__ import annotations

import argparse
import itertools
import time

import numpy as np
from scipy import stats

from wres_wdes.stats import exact_test, relative_likelihood, score_test

METHODS = ("koopman", "mover_wilson", "katz")
SEED = 20240331


def support(n: int, p: float) -> np.ndarray:
    sd = np.sqrt(n * p * (1 - p))
    low = max(0, int(np.floor(n * p - 9 * sd - 2)))
    high = min(n, int(np.ceil(n * p + 9 * sd + 2)))
    return np.arange(low, high + 1)


def coverage(n_g: int, n_r: int, p_r: float, theta: float, level: float) -> dict[str, tuple]:
    """Exact coverage and mean log-width of each method for one scenario."""
    p_g = theta * p_r
    xg, xr = support(n_g, p_g), support(n_r, p_r)
    xr = xr[xr > 0]
    grid_g, grid_r = np.meshgrid(xg, xr, indexing="ij")
    prob = np.outer(stats.binom.pmf(xg, n_g, p_g), stats.binom.pmf(xr, n_r, p_r)).ravel()
    prob /= prob.sum()
    out = {}
    for method in METHODS:
        r = relative_likelihood(
            grid_g.ravel(), n_g, grid_r.ravel(), n_r, level=level, method=method
        )
        low, high = r["ci_low"].to_numpy(), r["ci_high"].to_numpy()
        covered = (low <= theta) & (theta <= high)  # NaN limits never cover
        with np.errstate(divide="ignore", invalid="ignore"):
            width = np.log(high) - np.log(low)
        finite = np.isfinite(width)
        out[method] = (
            float(prob @ covered),
            float(prob[finite] @ width[finite] / prob[finite].sum()),
        )
        if method == "katz":  # also: coverage among the tables where Katz is defined
            out["katz, where defined"] = (
                float(prob[finite] @ covered[finite] / prob[finite].sum()),
            )
    return out


def grid(level: float) -> list[tuple]:
    rows = []
    for expected, theta in itertools.product((5, 10, 20, 50), (1.0, 1.5, 2.5)):
        results = []
        for p_r, size_ratio in itertools.product((0.05, 0.2, 0.4), (0.25, 1.0, 4.0)):
            n_r = round(expected / p_r)
            n_g = max(1, round(size_ratio * n_r))
            results.append(coverage(n_g, n_r, p_r, theta, level))
        rows.append((expected, theta, results))
    return rows


def random_scenarios(count: int, level: float) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(SEED)
    cover = {method: [] for method in (*METHODS, "katz, where defined")}
    for _ in range(count):
        expected = np.exp(rng.uniform(np.log(5), np.log(50)))
        p_r = rng.uniform(0.02, 0.4)
        theta = np.exp(rng.uniform(np.log(0.5), np.log(2.5)))
        n_r = max(1, round(expected / p_r))
        n_g = max(1, round(n_r * np.exp(rng.uniform(np.log(0.2), np.log(5)))))
        result = coverage(n_g, n_r, p_r, theta, level)
        for method in cover:
            cover[method].append(result[method][0])
    return {method: np.array(values) for method, values in cover.items()}


def switch_gap(smallest_expected: float, count: int = 4000) -> tuple[float, float, int]:
    """Relative gap between Fisher's and the score test's p-values near p = 0.05.

    Tables whose smallest expected cell count is between ``smallest_expected``
    and 1.5 times it; only those with Fisher p between 0.01 and 0.1 count.
    Returns the median and largest relative gap and how many tables counted.
    """
    rng = np.random.default_rng(SEED)
    p_r = rng.uniform(0.05, 0.5, count)
    n_g = np.round(smallest_expected * rng.uniform(1, 1.5, count) / p_r)
    n_r = np.round(n_g * rng.uniform(1, 4, count))
    x_r = rng.binomial(n_r.astype(np.int64), p_r)
    x_g = rng.binomial(n_g.astype(np.int64), np.minimum(p_r * rng.uniform(1, 1.3, count), 1))
    fisher = exact_test(x_g, n_g, x_r, n_r, score_min_expected=np.inf)
    score = score_test(x_g, n_g, x_r, n_r)
    near = (fisher > 0.01) & (fisher < 0.1)
    gap = np.abs(score[near] / fisher[near] - 1)
    return float(np.median(gap)), float(gap.max()), int(near.sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=400)
    parser.add_argument("--level", type=float, default=0.95)
    args = parser.parse_args()
    started = time.perf_counter()
    level = args.level
    print(f"Nominal level {level:.0%}. Coverage in per cent, exact (enumerated).\n")
    print("Part 1: grid. Each row averages 9 scenarios (reference rate 5/20/40%,")
    print("group 1/4, 1, 4 x reference size); 'min' is the worst of the 9.\n")
    header = "| expected reference events | true ratio |"
    header += "".join(f" {m} mean | {m} min |" for m in METHODS)
    print(header)
    print("|" + "---|" * (2 + 2 * len(METHODS)))
    widths = {method: [] for method in METHODS}
    for expected, theta, results in grid(level):
        line = f"| {expected} | {theta:g} |"
        for method in METHODS:
            covers = [r[method][0] for r in results]
            widths[method] += [r[method][1] for r in results]
            line += f" {100 * np.mean(covers):.1f} | {100 * np.min(covers):.1f} |"
        print(line)
    print("\nMean width of the interval on the log scale over the grid (smaller is")
    print("more informative; Katz excludes its undefined intervals):")
    for method in METHODS:
        print(f"  {method:<13} {np.mean(widths[method]):.3f}")

    print(f"\nPart 2: {args.scenarios} random scenarios (seed {SEED}): expected reference")
    print("events 5-50 (log-uniform), reference rate 2-40%, true ratio 0.5-2.5,")
    print("group 0.2-5 x reference size.\n")
    cover = random_scenarios(args.scenarios, level)
    print("| method | mean | 5th percentile | min | share of scenarios below 93% |")
    print("|---|---|---|---|---|")
    for method in cover:
        c = 100 * cover[method]
        print(
            f"| {method} | {c.mean():.1f} | {np.percentile(c, 5):.1f} | {c.min():.1f} | "
            f"{np.mean(c < 93):.0%} |"
        )
    print("\nPart 3: Fisher's exact p against the score test's, for tables with Fisher")
    print("p between 0.01 and 0.1, by smallest expected cell count (E to 1.5 E).\n")
    print("| smallest expected count E | tables | median gap | largest gap |")
    print("|---|---|---|---|")
    for smallest in (10, 100, 300, 1000, 3000):
        median, largest, tables = switch_gap(smallest)
        print(f"| {smallest:,} | {tables} | {median:.1%} | {largest:.1%} |")
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
