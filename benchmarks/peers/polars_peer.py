"""WRES/WDES core figures by hand in polars (lazy): a benchmark peer of wres_wdes.

Usage: python benchmarks/peers/polars_peer.py CONFIG.toml OUT_DIR

The same figures as pandas_peer.py, from the CSV inputs named in a wres_wdes run
config, at organisation level and at each ``[breakdown] levels`` column:

- WRES 1 / WDES 1: share of staff in post by ethnicity (White / BME / Unknown) and by
  disability (Disabled / Non-disabled / Unknown);
- WRES 2 / WDES 2: rate of appointment among shortlisted applications, with the
  relative likelihood White / BME and Non-disabled / Disabled;
- WRES 3 / WDES 3: rate of staff entering the formal disciplinary (capability)
  process in the data year, with BME / White and Disabled / Non-disabled;
- WRES 4: rate of staff with non-mandatory training, with White / BME;
- leaving: leavers / (leavers + staff in post), with BME / White and
  Disabled / Non-disabled.

One lazy plan (scan_csv, joins, group_bys) collected once; writes
OUT_DIR/peer-metrics.csv (standard, metric, organisation, level, unit, group, n,
events, value; a relative likelihood is a row whose group is "A/B") and prints
{"seconds", "imports", "rows_out"} as one JSON line. No validation, no suppression,
no confidence intervals; see README.md beside this file.
"""

import time

T0 = time.perf_counter()
import json  # noqa: E402
import sys  # noqa: E402
import tomllib  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import polars as pl  # noqa: E402

IMPORTS = time.perf_counter() - T0

ETHNICITY = ["White", "BME", "Unknown"]
DISABILITY = ["Disabled", "Non-disabled", "Unknown"]
UNKNOWN = r"^(?:z|x|99)\b|not stated|not declared|not known|prefer not|not disclosed"
WHITE = r"^(?:a|b|c[a-z0-9]?)\b|^white"  # ESR codes A, B, C (and C2, CP...) or a label
ID = "Employee Number"


def clean(column: str) -> pl.Expr:
    return pl.col(column).fill_null("").str.strip_chars().str.to_lowercase()


def ethnic_group(column: str) -> pl.Expr:
    s = clean(column)
    return (
        pl.when((s == "") | s.str.contains(UNKNOWN))
        .then(pl.lit("Unknown"))
        .when(s.str.contains(WHITE))
        .then(pl.lit("White"))
        .otherwise(pl.lit("BME"))
        .alias("ethnicity")
    )


def disability_group(column: str) -> pl.Expr:
    s = clean(column)
    return (
        pl.when(s.is_in(["yes", "y"]))
        .then(pl.lit("Disabled"))
        .when(s.is_in(["no", "n"]))
        .then(pl.lit("Non-disabled"))
        .otherwise(pl.lit("Unknown"))
        .alias("disability")
    )


def yes(column: str) -> pl.Expr:
    return clean(column).is_in(["yes", "y", "true", "1"])


def in_year(column: str, start: date, end: date, fmt: str = "%d/%m/%Y") -> pl.Expr:
    return pl.col(column).str.to_date(fmt, strict=False).is_between(start, end)


def counts(frame: pl.LazyFrame, keys: list[str], flags: list[str]) -> pl.LazyFrame:
    """Rows (n) and flag counts by the finest level, ethnicity and disability: one pass.

    Cached explicitly: every figure rolls up from it, and polars 2.1's own subplan
    elimination does not share it across the thirty-odd branches (10x slower without)."""
    return (
        frame.group_by([*keys, "ethnicity", "disability"])
        .agg(pl.len().alias("n"), *[pl.col(f).sum() for f in flags])
        .cache()
    )


def tally(counts: pl.LazyFrame, levels, group: str, groups, events) -> pl.LazyFrame:
    """Rolled up from counts: one row per unit of every level, n_<g> and <event>_<g>."""
    aggs = [
        pl.col(c).filter(pl.col(group) == g).sum().alias(f"{c}_{g}")
        for g in groups
        for c in ["n", *events]
    ]
    return pl.concat(
        [
            counts.group_by(keys)
            .agg(aggs)
            .select(
                pl.col("organisation"),
                pl.lit(level).alias("level"),
                pl.col(keys[-1]).alias("unit"),
                pl.exclude(keys),
            )
            for level, keys in levels
        ]
    )


def rows(group, n, events, value) -> list[pl.Expr]:
    return [
        pl.lit(group).alias("group"),
        n.cast(pl.Int64).alias("n"),
        events.cast(pl.Int64).alias("events"),
        value.cast(pl.Float64).alias("value"),
    ]


def ratio(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    return pl.when(b > 0).then(a / b)


def shares(t, standard, metric, groups):
    total = pl.sum_horizontal([pl.col(f"n_{g}") for g in groups])
    return [
        t.select(
            pl.lit(standard).alias("standard"),
            pl.lit(metric).alias("metric"),
            "organisation",
            "level",
            "unit",
            *rows(g, total, pl.col(f"n_{g}"), ratio(pl.col(f"n_{g}"), total)),
        )
        for g in groups
    ]


def rates(t, event, standard, metric, groups, pair):
    def rate(g):
        return ratio(pl.col(f"{event}_{g}"), pl.col(f"n_{g}"))

    head = [
        pl.lit(standard).alias("standard"),
        pl.lit(metric).alias("metric"),
        "organisation",
        "level",
        "unit",
    ]
    out = [
        t.select(*head, *rows(g, pl.col(f"n_{g}"), pl.col(f"{event}_{g}"), rate(g))) for g in groups
    ]
    a, b = pair
    none = pl.lit(None, dtype=pl.Int64)
    out.append(t.select(*head, *rows(f"{a}/{b}", none, none, ratio(rate(a), rate(b)))))
    return out


def main(config_path: str, out_dir: str) -> None:
    config_path = Path(config_path)
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    inputs = {k: config_path.parent / v for k, v in config["inputs"].items()}
    org = config.get("organisation", {})
    names = [lv.lower() for lv in config.get("breakdown", {}).get("levels", [])]
    year = int(config.get("reporting", {}).get("year", 2024))
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    levels = [("organisation", ["organisation"])]
    levels += [(name, ["organisation", *names[: i + 1]]) for i, name in enumerate(names)]

    started = time.perf_counter()

    def scan(key: str) -> pl.LazyFrame:
        """A CSV as text, its organisation and level columns renamed to lower case."""
        frame = pl.scan_csv(inputs[key], infer_schema=False)
        wanted = {"organisation": org.get("column", "").lower(), **{n: n for n in names}}
        headers = {h.strip().lower(): h for h in frame.collect_schema().names()}
        frame = frame.rename({headers[v]: k for k, v in wanted.items() if v in headers})
        if "column" not in org:
            frame = frame.with_columns(
                pl.lit(org.get("name", org.get("code", "Organisation"))).alias("organisation")
            )
        return frame

    def not_bank(frame: pl.LazyFrame) -> pl.Expr:
        if "Assignment Category" in frame.collect_schema().names():
            return clean("Assignment Category") != "bank"
        return pl.lit(True)

    keys = ["organisation", *names]
    in_post = scan("staff")
    in_post = in_post.filter(not_bank(in_post))
    staff = in_post.select(
        ID, *keys, ethnic_group("Ethnic Origin"), disability_group("Disability Flag")
    )
    flags = []
    for key in ("disciplinary", "capability"):  # one data year of cases; people, not cases
        if key in inputs:
            cases = (
                pl.scan_csv(inputs[key], infer_schema=False)
                .filter(in_year("Case Start Date", start, end))
                .select(ID)
                .unique()
                .with_columns(pl.lit(True).alias(key))
            )
            staff = staff.join(cases, on=ID, how="left")
            flags.append(key)
    if "training" in inputs:
        trained = (
            pl.scan_csv(inputs["training"], infer_schema=False)
            .filter(clean("Mandatory") != "y")
            .select(ID)
            .unique()
            .with_columns(pl.lit(True).alias("trained"))
        )
        staff = staff.join(trained, on=ID, how="left")
        flags.append("trained")
    staff = counts(staff.with_columns(pl.col(f).fill_null(False) for f in flags), keys, flags)

    out = []
    t = tally(staff, levels, "ethnicity", ETHNICITY, [f for f in flags if f != "capability"])
    out += shares(t, "WRES", "1", ETHNICITY)
    if "disciplinary" in flags:
        out += rates(t, "disciplinary", "WRES", "3", ETHNICITY, ("BME", "White"))
    if "trained" in flags:
        out += rates(t, "trained", "WRES", "4", ETHNICITY, ("White", "BME"))
    t = tally(staff, levels, "disability", DISABILITY, [f for f in flags if f == "capability"])
    out += shares(t, "WDES", "1", DISABILITY)
    if "capability" in flags:
        out += rates(t, "capability", "WDES", "3", DISABILITY, ("Disabled", "Non-disabled"))

    if "applications" in inputs:  # appointed among shortlisted, by the applicant's own data
        apps = (
            scan("applications")
            .filter(yes("Shortlisted"))
            .select(
                *keys,
                ethnic_group("Ethnicity"),
                disability_group("Disability"),
                yes("Appointed").alias("appointed"),
            )
        )
        apps = counts(apps, keys, ["appointed"])
        t = tally(apps, levels, "ethnicity", ETHNICITY, ["appointed"])
        out += rates(t, "appointed", "WRES", "2", ETHNICITY, ("White", "BME"))
        t = tally(apps, levels, "disability", DISABILITY, ["appointed"])
        out += rates(t, "appointed", "WDES", "2", DISABILITY, ("Non-disabled", "Disabled"))

    if "leavers" in inputs:  # leavers of the data year over leavers + staff in post
        raw = scan("leavers")
        leavers = (
            raw.filter(in_year("Termination Date", start, end) & not_bank(raw))
            .join(in_post.select(ID), on=ID, how="anti")
            .unique(ID, keep="first")
            .with_columns(ethnic_group("Ethnic Origin"), disability_group("Disability Flag"))
        )
        columns = [*keys, "ethnicity", "disability", "n"]
        both = pl.concat(
            [  # count tables, summed again by tally
                staff.select(*columns, pl.lit(0).alias("left")),
                counts(leavers, keys, []).select(*columns, pl.col("n").alias("left")),
            ],
            how="vertical_relaxed",
        )
        t = tally(both, levels, "ethnicity", ETHNICITY, ["left"])
        out += rates(t, "left", "WRES", "leaving", ETHNICITY, ("BME", "White"))
        t = tally(both, levels, "disability", DISABILITY, ["left"])
        out += rates(t, "left", "WDES", "leaving", DISABILITY, ("Disabled", "Non-disabled"))

    result = pl.concat(out).collect()
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    result.write_csv(Path(out_dir) / "peer-metrics.csv")
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "imports": IMPORTS, "rows_out": result.height}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
