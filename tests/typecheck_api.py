"""A script that uses the public API as another tool would: `mypy --strict` checks it.

Not a test pytest runs (nothing here is collected) but a file the type checker reads
(``.ci/run``: ``mypy --strict --follow-imports=silent tests/typecheck_api.py``): every
call below must type-check under ``--strict``, so the names ``wres_wdes`` exports
carry their real types (not ``Any`` from the package's lazy ``__getattr__``) and their
signatures take and give what their documentation says.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes

import wres_wdes
from wres_wdes import Config, Inputs, Metric, Results, Run


def figures(config_path: Path, out: Path, earlier: Path, axes: Axes) -> list[str]:
    config: Config = wres_wdes.load_config(config_path).with_options(confidence_level=0.9)
    inputs: Inputs = wres_wdes.load(config, strict=False)
    problems: pd.DataFrame = inputs.problems_table()
    results: Results = wres_wdes.calculate(inputs, split_by="gender", metrics=["WRES 2"])
    only_wres: Results = wres_wdes.calculate(config_path, metrics=lambda m: m.standard == "WRES")
    done: Run = wres_wdes.run(config_path, out=out, outputs="metrics", progress="quiet")
    wide: pd.DataFrame = results.wide("value")
    change: pd.DataFrame = results.compare(Results.read_csv(earlier))
    results.plot_forest("WRES", "2", ax=axes)
    results.to_csv(out / "metrics.csv")
    entry: Metric = wres_wdes.REGISTRY[0]
    written: list[Path] = wres_wdes.write_outputs(done.results, done.inputs, out, force=True)
    return [
        str(len(problems)),
        str(only_wres.meta.reporting_year),
        str(wide.shape),
        str(change.shape),
        entry.id,
        str(len(written)),
        str(results.overall.shape),
        ", ".join(results.flags_present()),
    ]
