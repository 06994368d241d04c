"""National-scale benchmark: read to ``metrics.csv`` against a plain pandas read.

Generates synthetic inputs with :mod:`wres_wdes.sample` (1.5 million staff in 200
organisations at scale 1.0, with about 4.5 million applications, 19,000
disciplinary and 10,000 capability cases, 1.9 million training episodes and
150,000 leavers), then for each scale:

- **baseline**: the time pandas takes just to read the same CSV files with
  ``engine="pyarrow"``, and the memory of the frames it loads;
- **run**: the time wres_wdes takes from reading the files to a written
  ``metrics.csv`` (load, validate, classify, reconcile, every metric at levels
  organisation, directorate and unit), and the peak resident memory of that
  process.

Each measurement runs in a fresh process; the best of ``--repeat`` runs of each
is kept. The baseline's clock starts after ``import pandas``; the run's before
importing wres_wdes (and with it pandas, pyarrow and pandera), so the table gives
the run both with and without its imports. Targets (issue 4): run time within 2×
the baseline read time, peak memory within 3× the loaded frames, and time growing
linearly with rows.

Usage::

    python benchmarks/bench_national.py                 # scales 0.25, 0.5, 1.0
    python benchmarks/bench_national.py --scales 1.0

Data go to ``benchmarks/_data/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
STAFF, ORGANISATIONS = 1_500_000, 200

BASELINE = r"""
import json, resource, sys, time, tomllib
from pathlib import Path
import pandas as pd
config = Path(sys.argv[1])
inputs = tomllib.loads(config.read_text())["inputs"]
start = time.perf_counter()
frames = {k: pd.read_csv(config.parent / v, engine="pyarrow") for k, v in inputs.items()}
seconds = time.perf_counter() - start
memory = sum(int(f.memory_usage(deep=True).sum()) for f in frames.values())
rows = sum(len(f) for f in frames.values())
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "frame_bytes": memory, "rows": rows, "peak": peak}))
"""

RUN = r"""
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from wres_wdes import load
from wres_wdes.calculate import calculate
imported = time.perf_counter()
inputs = load(sys.argv[1])
loaded = time.perf_counter()
results = calculate(inputs)
computed = time.perf_counter()
results.to_csv(Path(sys.argv[2]) / "metrics.csv")
end = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": end - start, "imports": imported - start,
                  "load": loaded - imported, "calculate": computed - loaded,
                  "write": end - computed, "rows_out": len(results), "peak": peak}))
"""


def prepare(scale: float) -> Path:
    """Generate (once) the inputs for a scale; return the config path."""
    folder = DATA / f"national_{scale:g}"
    config = folder / "config.toml"
    if not config.exists():
        from wres_wdes.sample import write_sample

        write_sample(
            folder, staff=int(STAFF * scale), organisations=max(1, int(ORGANISATIONS * scale))
        )
    text = config.read_text(encoding="utf-8")
    # the benchmark covers the workforce metrics: record-level applications, no survey
    for key in ("applications_summary", "survey_responses", "survey_results"):
        text = text.replace(f"\n{key} = ", f"\n# {key} = ")
    config.write_text(text, encoding="utf-8")
    return config


def measure(script: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", script, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def best(script: str, *args: str, repeat: int) -> dict:
    """The fastest of ``repeat`` fresh-process runs of ``script``."""
    return min((measure(script, *args) for _ in range(repeat)), key=lambda r: r["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per scale, best kept (the first read of a while is slow)",
    )
    args = parser.parse_args()
    rows = []
    for scale in args.scales:
        config = prepare(scale)
        inputs = tomllib.loads(config.read_text(encoding="utf-8"))["inputs"]
        out = config.parent / "out"
        out.mkdir(exist_ok=True)
        base = best(BASELINE, str(config), repeat=args.repeat)
        run = best(RUN, str(config), str(out), repeat=args.repeat)
        rows.append((scale, len(inputs), base, run))
    print(
        "| scale | input rows | pandas read (s) | wres_wdes run (s) | run ÷ read | run without"
        " imports (s) | ÷ read | imports / load / calculate / write (s) | frames (MB) | peak (MB)"
        " | peak ÷ frames | metrics rows |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for scale, _, base, run in rows:
        inner = run["seconds"] - run["imports"]
        print(
            f"| {scale:g} | {base['rows']:,} | {base['seconds']:.1f} | {run['seconds']:.1f} "
            f"| {run['seconds'] / base['seconds']:.1f} | {inner:.1f} "
            f"| {inner / base['seconds']:.1f} | {run['imports']:.1f} / {run['load']:.1f} / "
            f"{run['calculate']:.1f} / {run['write']:.1f} | {base['frame_bytes'] / 2**20:,.0f} "
            f"| {run['peak'] / 2**20:,.0f} | {run['peak'] / base['frame_bytes']:.2f} "
            f"| {run['rows_out']:,} |"
        )
    if len(rows) > 1:
        (s0, _, _, r0), (s1, _, _, r1) = rows[0], rows[-1]
        print(
            f"\nTime per unit of scale: {r0['seconds'] / s0:.1f} s at {s0:g}, "
            f"{r1['seconds'] / s1:.1f} s at {s1:g} (linear growth keeps these close)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
