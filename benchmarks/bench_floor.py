"""How much of the national benchmark's time budget the unavoidable steps take.

Issue 4 sets the whole run (read to ``metrics.csv``) a target of 2× the time
pandas (pyarrow engine) takes just to read the same CSV files. This benchmark
measures, each in a fresh process and keeping the best of ``--repeat`` runs, the
steps any implementation on this stack must take, and so what the target leaves
for the work in between (validating, classifying, joining and counting 8 million
records, and computing some 840,000 result rows with their intervals):

- **baseline**: ``pandas.read_csv(engine="pyarrow")`` of every input, as in
  ``bench_national.py`` (clock started after ``import pandas``);
- **parse**: Arrow's CSV reader on every input, every column left as Arrow
  infers it: the parse alone, with no pandas frame at the end;
- **read**: :func:`wres_wdes.read.read_table` on every input: Arrow's reader
  with the text columns dictionary-encoded, as a pandas frame indexed by file
  row (what every later step works on);
- **write**: :func:`wres_wdes.results.write_table` of the national ``metrics.csv``
  (read back from a previous run of ``bench_national.py``, outside the clock);
- **imports**: ``import pandas, pyarrow`` and ``import wres_wdes`` with what
  :func:`wres_wdes.load` and :func:`wres_wdes.calculate.calculate` import.

Usage::

    python benchmarks/bench_national.py --scales 1.0   # makes the data and a metrics.csv
    python benchmarks/bench_floor.py                   # then this

Data are read from ``benchmarks/_data/national_1`` (ignored by git).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "_data" / "national_1"

sys.path.insert(0, str(HERE))
from bench_national import BASELINE, best  # noqa: E402

PARSE = r"""
import json, sys, time, tomllib
from pathlib import Path
import pyarrow.csv as pacsv
config = Path(sys.argv[1])
inputs = tomllib.loads(config.read_text())["inputs"]
start = time.perf_counter()
tables = {k: pacsv.read_csv(config.parent / v) for k, v in inputs.items()}
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

READ = r"""
import json, sys, time, tomllib
from pathlib import Path
from wres_wdes.contract import INPUTS
from wres_wdes.read import read_table
config = Path(sys.argv[1])
inputs = tomllib.loads(config.read_text())["inputs"]
start = time.perf_counter()
tables = {k: read_table(config.parent / v, INPUTS[k]) for k, v in inputs.items()}
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

WRITE = r"""
import json, sys, tempfile, time
from pathlib import Path
import pyarrow.csv as pacsv
from wres_wdes.results import write_table
table = pacsv.read_csv(sys.argv[1])
with tempfile.TemporaryDirectory() as folder:
    start = time.perf_counter()
    write_table(table, Path(folder) / "metrics.csv")
    seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rows": table.num_rows}))
"""

IMPORTS = r"""
import json, time
start = time.perf_counter()
import pandas, pyarrow.csv
stack = time.perf_counter()
from wres_wdes import load
from wres_wdes.calculate import calculate
print(json.dumps({"seconds": time.perf_counter() - start, "stack": stack - start}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per step, best kept")
    args = parser.parse_args()
    config, metrics = FOLDER / "config.toml", FOLDER / "out" / "metrics.csv"
    if not metrics.exists():
        print("run `python benchmarks/bench_national.py --scales 1.0` first", file=sys.stderr)
        return 1
    base = best(BASELINE, str(config), repeat=args.repeat)["seconds"]
    parse = best(PARSE, str(config), repeat=args.repeat)["seconds"]
    read = best(READ, str(config), repeat=args.repeat)["seconds"]
    written = best(WRITE, str(metrics), repeat=args.repeat)
    imports = best(IMPORTS, repeat=args.repeat)
    budget = 2 * base
    floor = read + written["seconds"]
    print(json.dumps({"baseline": base, "parse": parse, "read": read, **written, **imports}))
    print("| step | seconds | ÷ baseline |")
    print("|---|---|---|")
    for name, seconds in (
        ("pandas read (baseline)", base),
        ("target: 2 × baseline", budget),
        ("Arrow parse, no conversion", parse),
        ("wres_wdes read (dictionary-encoded frames)", read),
        (f"write metrics.csv ({written['rows']:,} rows)", written["seconds"]),
        ("read + write", floor),
        ("left for checks, joins, counts and metrics", budget - floor),
        ("imports: pandas and pyarrow", imports["stack"]),
        ("imports: all a run needs", imports["seconds"]),
    ):
        print(f"| {name} | {seconds:.2f} | {seconds / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
