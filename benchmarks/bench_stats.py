"""Time the statistics for 100,000 pairs of groups: ratio, interval, test and flags.

Run from the repository root::

    .venv/bin/python benchmarks/bench_stats.py [--pairs 100000] [--repeats 5]

Two synthetic workloads, both with a fixed seed:

``breakdown``
    What a national or system-wide breakdown looks like: group sizes
    log-uniform from 5 to 2,000 staff, reference groups 1 to 10 times larger
    (White staff are the majority in most units), reference rates from 2% to
    40%, true relative likelihoods from 0.5 to 3. Most tables are small, as in
    real directorate breakdowns, and many repeat.
``large``
    A harder case: every group 500 to 5,000 staff and reference groups 1 to 4
    times larger, so most tables go through the exact test with wide supports.

For each, the script reports the median over ``--repeats`` runs (after one
warm-up run) of :func:`relative_likelihood` (Koopman), :func:`exact_test`
(Fisher / score), :func:`flags` and their total.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

import numpy as np

from wres_wdes.stats import exact_test, flags, relative_likelihood


def workload(name: str, pairs: int, seed: int = 20240331) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    if name == "breakdown":
        ng = np.exp(rng.uniform(np.log(5), np.log(2000), pairs)).astype(np.int64)
        nr = (ng * np.exp(rng.uniform(0, np.log(10), pairs))).astype(np.int64)
    elif name == "large":
        ng = rng.integers(500, 5001, pairs)
        nr = (ng * rng.uniform(1, 4, pairs)).astype(np.int64)
    else:
        raise ValueError(f"unknown workload {name!r}")
    p_ref = rng.uniform(0.02, 0.4, pairs)
    ratio = np.exp(rng.uniform(np.log(0.5), np.log(3), pairs))
    p_group = np.minimum(p_ref * ratio, 0.95)
    return rng.binomial(ng, p_group), ng, rng.binomial(nr, p_ref), nr


def run_once(xg, ng, xr, nr) -> dict[str, float]:
    times = {}
    start = time.perf_counter()
    rl = relative_likelihood(xg, ng, xr, nr)
    times["ratio + interval"] = time.perf_counter() - start
    start = time.perf_counter()
    exact_test(xg, ng, xr, nr)
    times["exact test"] = time.perf_counter() - start
    start = time.perf_counter()
    flags(
        value=rl["value"].to_numpy(),
        ci_low=rl["ci_low"].to_numpy(),
        ci_high=rl["ci_high"].to_numpy(),
        not_calculable=rl["not_calculable"].to_numpy(),
        events_group=xg,
        n_group=ng,
        events_reference=xr,
        n_reference=nr,
    )
    times["flags"] = time.perf_counter() - start
    times["total"] = sum(times.values())
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"{args.pairs:,} pairs; median of {args.repeats} runs after a warm-up")
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    for name in ("breakdown", "large"):
        xg, ng, xr, nr = workload(name, args.pairs)
        distinct = len(np.unique(np.column_stack([xg, ng, xr, nr]), axis=0))
        m = xg + xr
        expected_min = np.minimum(ng, nr) * np.minimum(m, ng + nr - m) / (ng + nr)
        run_once(xg, ng, xr, nr)
        runs = [run_once(xg, ng, xr, nr) for _ in range(args.repeats)]
        print(
            f"\n{name}: {distinct:,} distinct tables; "
            f"{np.mean(expected_min < 1000):.0%} below the score-test threshold (exact)"
        )
        for step in runs[0]:
            print(f"  {step:<17} {statistics.median(r[step] for r in runs):7.3f} s")


if __name__ == "__main__":
    main()
