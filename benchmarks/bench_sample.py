"""Time the synthetic generator at system scale: 1.5 million staff in 200 organisations.

    python benchmarks/bench_sample.py [--staff N] [--organisations K] [--seed S] [--frames]

Writes every input into ``benchmarks/_data/sample_<N>_<K>/`` (git-ignored) with
:func:`wres_wdes.sample.write_sample`, prints the seconds taken and the rows and size of
each file. With ``--frames`` it also times :func:`wres_wdes.sample.generate`, which
builds the DataFrames in memory instead of writing files.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from wres_wdes.sample import FILES, SAMPLE_SEED, generate, write_sample

DATA = Path(__file__).resolve().parent / "_data"


def _rows(path: Path) -> int:
    """Data rows of a CSV file (lines after the header), counted in binary chunks."""
    lines = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 24):
            lines += chunk.count(b"\n")
    return lines - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=1_500_000)
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--seed", type=int, default=SAMPLE_SEED)
    parser.add_argument("--frames", action="store_true", help="also time generate()")
    args = parser.parse_args()

    out = DATA / f"sample_{args.staff}_{args.organisations}"
    start = time.perf_counter()
    write_sample(out, staff=args.staff, organisations=args.organisations, seed=args.seed)
    seconds = time.perf_counter() - start
    print(
        f"write_sample(staff={args.staff:,}, organisations={args.organisations}): {seconds:.1f} s"
    )
    print(f"  into {out}")
    total_rows = total_bytes = 0
    for key, name in FILES.items():
        path = out / name
        rows, size = _rows(path), path.stat().st_size
        total_rows, total_bytes = total_rows + rows, total_bytes + size
        print(f"  {key:<22}{rows:>12,} rows {size / 1e6:>10.1f} MB")
    print(f"  {'total':<22}{total_rows:>12,} rows {total_bytes / 1e6:>10.1f} MB")

    if args.frames:
        start = time.perf_counter()
        frames = generate(staff=args.staff, organisations=args.organisations, seed=args.seed)
        seconds = time.perf_counter() - start
        memory = sum(f.memory_usage(deep=True).sum() for f in frames.values())
        print(f"generate(...) to DataFrames: {seconds:.1f} s, {memory / 1e9:.2f} GB in memory")


if __name__ == "__main__":
    main()
