"""What users run, at every size, beside the library path and peer scripts, in one run.

Generates synthetic inputs with :mod:`wres_wdes.sample` (at scale 1.0: 1.5 million
staff in 200 organisations, about 4.5 million applications, 19,000 disciplinary and
10,000 capability cases, 1.9 million training episodes and 150,000 leavers; the
survey inputs left out), then times, each in a fresh process (best of ``--repeat``):

national scale
    - **pandas read**: ``pandas.read_csv(engine="pyarrow")`` of every input (the
      floor of any pandas script; clock after ``import pandas``);
    - **library path**: ``load`` → ``calculate`` → ``metrics.csv``, imports included;
    - **pandas peer**, **polars peer**: ``benchmarks/peers/``, WRES 1–4, WDES 1–3 and
      leaving at three levels from the same CSV files (imports included);
    - **run, system defaults**: ``wres-wdes run CONFIG --out DIR`` exactly as a user
      types it (the command's own process start included), writing what a run of
      several organisations writes by default (metrics, returns, system view);
    - **run, --outputs metrics**: the same command writing only the figures;
one trust
    - **run, every output**: ``wres-wdes run`` on a 20,000-person trust with 300
      units (the sample's units split twentyfold), every default output;
the bundled sample
    - **run, no arguments**: ``wres-wdes run`` in an empty folder;
    - **--help**: ``wres-wdes --help``.

Peak memory is the largest resident set of the measured process or any process it
started (the writers' pool included), from ``wait4``. The table gives each time and
peak against the library path, and checks the targets of issue 14.

Usage::

    python benchmarks/bench_national.py              # scale 1.0, one run of each
    python benchmarks/bench_national.py --repeat 3 --scale 0.25

Data go to ``benchmarks/_data/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "_data"
STAFF, ORGANISATIONS = 1_500_000, 200
TRUST = "trust 20,000 staff, 300 units: run, every output"

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


def command(argv: list[str], cwd: Path | None = None) -> dict:
    """Run a command as a user would; its wall time and the peak memory of it and every
    process it started (``wait4``: the largest resident set among them)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}")
    return {"seconds": seconds, "peak": usage.ru_maxrss * 1024, "stdout": output}


def best_command(argv: list[str], repeat: int, cwd: Path | None = None, fresh=None) -> dict:
    """The fastest of ``repeat`` runs of a command (``fresh()`` before each: a clean
    output folder, so every run writes the whole set)."""
    runs = []
    for _ in range(repeat):
        if fresh is not None:
            fresh()
        runs.append(command(argv, cwd))
    return min(runs, key=lambda r: r["seconds"])


def peer(name: str, config: Path, out: Path, repeat: int) -> dict:
    """A peer script in ``benchmarks/peers/`` (its own JSON line, plus wall time and peak)."""
    out.mkdir(parents=True, exist_ok=True)
    script = HERE / "peers" / f"{name}.py"
    run = best_command([sys.executable, str(script), str(config), str(out)], repeat)
    own = json.loads(run.pop("stdout").strip().splitlines()[-1])
    run["own_seconds"] = own["seconds"]  # the peer's clock, without imports or start-up
    return run


def prepare_trust(staff: int = 20_000, split: int = 20) -> Path:
    """One trust of ``staff`` people whose 15 sample units are each split ``split`` ways
    (300 units), every input of the sample; return the config path."""
    import numpy as np
    import pandas as pd

    from wres_wdes.sample import write_sample

    folder = DATA / f"trust_{staff}_{15 * split}"
    config = folder / "config.toml"
    if config.exists():
        return config
    write_sample(folder, staff=staff, organisations=1)
    rng = np.random.default_rng(14)
    for csv in folder.glob("*.csv"):
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
        column = next((c for c in frame.columns if c.lower() == "unit"), None)
        if column is None:
            continue
        part = rng.integers(1, split + 1, size=len(frame))
        filled = frame[column] != ""
        frame.loc[filled, column] = [
            f"{u} {p:02d}" for u, p in zip(frame.loc[filled, column], part[filled], strict=True)
        ]
        frame.to_csv(csv, index=False)
    return config


def fresh_folder(path: Path):
    def clear() -> None:
        shutil.rmtree(path, ignore_errors=True)

    return clear


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="national scale (default 1)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, best kept")
    parser.add_argument("--no-peers", action="store_true", help="leave out the peer scripts")
    args = parser.parse_args()
    cli = str(Path(sys.executable).with_name("wres-wdes"))
    # users' installs carry byte-code (pip compiles it); an editable checkout in an
    # environment with PYTHONDONTWRITEBYTECODE would compile every module on every run
    import wres_wdes

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(wres_wdes.__file__).parent)],
        check=True,
    )
    config = prepare(args.scale)
    work = config.parent / "bench"
    work.mkdir(exist_ok=True)
    r = args.repeat
    rows: dict[str, dict] = {}
    rows["pandas read"] = best(BASELINE, str(config), repeat=r)
    rows["library path (read to metrics.csv)"] = best(RUN, str(config), str(work), repeat=r)
    if not args.no_peers:
        rows["pandas peer"] = peer("pandas_peer", config, work / "pandas", r)
        rows["polars peer"] = peer("polars_peer", config, work / "polars", r)
    out = work / "run"
    rows["run, system defaults"] = best_command(
        [cli, "run", str(config), "--out", str(out)], r, fresh=fresh_folder(out)
    )
    rows["run, --outputs metrics"] = best_command(
        [cli, "run", str(config), "--out", str(out), "--outputs", "metrics"],
        r,
        fresh=fresh_folder(out),
    )
    trust = prepare_trust()
    trust_out = trust.parent / "out"
    rows[TRUST] = best_command(
        [cli, "run", str(trust), "--out", str(trust_out)], r, fresh=fresh_folder(trust_out)
    )
    with tempfile.TemporaryDirectory() as empty:
        rows["bundled sample: run, no arguments"] = best_command(
            [cli, "run"], r, cwd=Path(empty), fresh=fresh_folder(Path(empty) / "wres_wdes_output")
        )
    rows["--help"] = best_command([cli, "--help"], max(r, 3))

    library = rows["library path (read to metrics.csv)"]
    print(f"Scale {args.scale:g}: {rows['pandas read']['rows']:,} input rows; best of {r}.\n")
    print("| measurement | seconds | ÷ library path | peak MB | ÷ library peak |")
    print("|---|---|---|---|---|")
    for name, row in rows.items():
        print(
            f"| {name} | {row['seconds']:.2f} | {row['seconds'] / library['seconds']:.2f} "
            f"| {row['peak'] / 2**20:,.0f} | {row['peak'] / library['peak']:.2f} |"
        )
    whole = rows["run, system defaults"]
    checks = [
        ("whole run (system defaults) ≤ 3× library path", whole["seconds"] / library["seconds"], 3),
        ("whole run (system defaults) < 90 s", whole["seconds"], 90),
        ("trust, every output < 15 s", rows[TRUST]["seconds"], 15),
        ("bundled sample < 5 s", rows["bundled sample: run, no arguments"]["seconds"], 5),
        ("--help < 0.3 s", rows["--help"]["seconds"], 0.3),
        ("peak of the whole run ≤ 1.5× library path", whole["peak"] / library["peak"], 1.5),
    ]
    if "polars peer" in rows:
        polars = rows["polars peer"]["seconds"]
        checks.insert(0, ("library path ≤ 1.2× polars peer", library["seconds"] / polars, 1.2))
    print("\n| target | measured | limit | met |")
    print("|---|---|---|---|")
    for name, value, limit in checks:
        print(f"| {name} | {value:.2f} | {limit:g} | {'yes' if value <= limit else 'NO'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
