"""WRES/WDES core figures by hand in pandas: a benchmark peer of wres_wdes.

Usage: python benchmarks/peers/pandas_peer.py CONFIG.toml OUT_DIR

From the CSV inputs named in a wres_wdes run config, at organisation level and at
each ``[breakdown] levels`` column (e.g. directorate, unit), this computes:

- WRES 1 / WDES 1: share of staff in post by ethnicity (White / BME / Unknown) and by
  disability (Disabled / Non-disabled / Unknown);
- WRES 2 / WDES 2: rate of appointment among shortlisted applications, with the
  relative likelihood White / BME and Non-disabled / Disabled;
- WRES 3 / WDES 3: rate of staff entering the formal disciplinary (capability)
  process in the data year, with BME / White and Disabled / Non-disabled;
- WRES 4: rate of staff with non-mandatory training, with White / BME;
- leaving: leavers / (leavers + staff in post), with BME / White and
  Disabled / Non-disabled.

It writes OUT_DIR/peer-metrics.csv (standard, metric, organisation, level, unit,
group, n, events, value; a relative likelihood is a row whose group is "A/B") and
prints {"seconds", "imports", "rows_out"} as one JSON line. No validation, no
suppression, no confidence intervals; see README.md beside this file.
"""

import time

T0 = time.perf_counter()
import json  # noqa: E402
import sys  # noqa: E402
import tomllib  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

IMPORTS = time.perf_counter() - T0

ETHNICITY = ["White", "BME", "Unknown"]
DISABILITY = ["Disabled", "Non-disabled", "Unknown"]
ID = "Employee Number"
UNKNOWN = r"^(?:z|x|99)\b|not stated|not declared|not known|prefer not|not disclosed"
WHITE = r"^(?:a|b|c[a-z0-9]?)\b|^white"  # ESR codes A, B, C (and C2, CP...) or a label


def ethnic_group(s: pd.Series) -> np.ndarray:
    s = s.fillna("").str.strip().str.lower()
    unknown = (s == "") | s.str.contains(UNKNOWN)
    return np.select([unknown, s.str.contains(WHITE)], ["Unknown", "White"], "BME")


def disability_group(s: pd.Series) -> np.ndarray:
    s = s.fillna("").str.strip().str.lower()
    return np.select([s.isin(["yes", "y"]), s.isin(["no", "n"])], DISABILITY[:2], "Unknown")


def yes(s: pd.Series) -> pd.Series:
    return s.fillna("").str.strip().str.lower().isin(["yes", "y", "true", "1"])


def read(path: Path, columns: list[str], rename: dict[str, str]) -> pd.DataFrame:
    """The named columns of a CSV (headers matched case-insensitively): text, but for
    integer employee numbers (isin on pandas 3 strings is slow for long value lists)."""
    headers = {h.strip().lower(): h for h in pd.read_csv(path, nrows=0).columns}
    wanted = {headers[c.lower()]: c for c in columns + list(rename) if c.lower() in headers}
    dtype = {h: "int64" if c == ID else "str" for h, c in wanted.items()}
    frame = pd.read_csv(path, engine="pyarrow", usecols=list(wanted), dtype=dtype)
    return frame.rename(columns=wanted).rename(columns=rename)


def in_year(s: pd.Series, start, end, fmt="%d/%m/%Y") -> pd.Series:
    dates = pd.to_datetime(s, format=fmt, errors="coerce")
    return (dates >= start) & (dates <= end)


def tally(frame: pd.DataFrame, levels, group: str, events: list[str]) -> pd.DataFrame:
    """n and the sum of each event column, by group (columns) for every unit of every level."""
    parts = []
    for level, keys in levels:
        g = frame.groupby([*keys, group], sort=False)
        t = g.size().to_frame("n")
        if events:
            t = t.join(g[events].sum())
        t = t.unstack(group, fill_value=0)
        index = t.index
        t.index = pd.MultiIndex.from_arrays(
            [index.get_level_values(0), [level] * len(t), index.get_level_values(-1)],
            names=["organisation", "level", "unit"],
        )
        parts.append(t)
    return pd.concat(parts)


def shares(t, standard, metric, groups):
    n = t["n"].reindex(columns=groups, fill_value=0)
    total = n.sum(axis=1)
    rows = [
        pd.DataFrame({"group": g, "n": total, "events": n[g], "value": n[g] / total})
        for g in groups
    ]
    return pd.concat(rows).assign(standard=standard, metric=metric)


def rates(t, event, standard, metric, groups, ratio):
    n = t["n"].reindex(columns=groups, fill_value=0)
    ev = t[event].reindex(columns=groups, fill_value=0)
    rate = ev / n.where(n > 0)
    rows = [
        pd.DataFrame({"group": g, "n": n[g], "events": ev[g], "value": rate[g]}) for g in groups
    ]
    a, b = ratio
    rows.append(pd.DataFrame({"group": f"{a}/{b}", "value": rate[a] / rate[b].where(rate[b] > 0)}))
    return pd.concat(rows).assign(standard=standard, metric=metric)


def main(config_path: str, out_dir: str) -> None:
    config_path = Path(config_path)
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    inputs = {k: config_path.parent / v for k, v in config["inputs"].items()}
    org = config.get("organisation", {})
    names = [lv.lower() for lv in config.get("breakdown", {}).get("levels", [])]
    year = int(config.get("reporting", {}).get("year", 2024))
    start, end = pd.Timestamp(year - 1, 4, 1), pd.Timestamp(year, 3, 31)
    rename = {org["column"]: "organisation"} if "column" in org else {}
    levels = [("organisation", ["organisation"])]
    levels += [(name, ["organisation", *names[: i + 1]]) for i, name in enumerate(names)]

    started = time.perf_counter()

    def load(key, columns):
        frame = read(inputs[key], columns + names, rename)
        if "organisation" not in frame:
            frame["organisation"] = org.get("name", org.get("code", "Organisation"))
        return frame

    # staff in post at the census date, bank-only staff left out
    staff = load("staff", [ID, "Ethnic Origin", "Disability Flag", "Assignment Category"])
    if "Assignment Category" in staff:
        staff = staff[staff["Assignment Category"].str.strip().str.lower() != "bank"]
    staff["ethnicity"] = ethnic_group(staff["Ethnic Origin"])
    staff["disability"] = disability_group(staff["Disability Flag"])
    people = staff[ID]
    for key in ("disciplinary", "capability"):  # one data year of cases; people, not cases
        if key in inputs:
            cases = read(inputs[key], [ID, "Case Start Date"], {})
            cases = cases[in_year(cases["Case Start Date"], start, end)]
            staff[key] = people.isin(cases[ID])
    if "training" in inputs:
        training = read(inputs["training"], [ID, "Mandatory"], {})
        optional = training["Mandatory"].fillna("").str.strip().str.upper() != "Y"
        staff["trained"] = people.isin(training.loc[optional, ID])

    out = []
    by_ethnicity = [c for c in ("disciplinary", "trained") if c in staff]
    t = tally(staff, levels, "ethnicity", by_ethnicity)
    out.append(shares(t, "WRES", "1", ETHNICITY))
    if "disciplinary" in staff:
        out.append(rates(t, "disciplinary", "WRES", "3", ETHNICITY, ("BME", "White")))
    if "trained" in staff:
        out.append(rates(t, "trained", "WRES", "4", ETHNICITY, ("White", "BME")))
    t = tally(staff, levels, "disability", [c for c in ("capability",) if c in staff])
    out.append(shares(t, "WDES", "1", DISABILITY))
    if "capability" in staff:
        out.append(rates(t, "capability", "WDES", "3", DISABILITY, ("Disabled", "Non-disabled")))

    if "applications" in inputs:  # appointed among shortlisted, by the applicant's own data
        apps = load("applications", ["Ethnicity", "Disability", "Shortlisted", "Appointed"])
        apps = apps[yes(apps["Shortlisted"])]
        apps = apps.assign(
            ethnicity=ethnic_group(apps["Ethnicity"]),
            disability=disability_group(apps["Disability"]),
            appointed=yes(apps["Appointed"]),
        )
        t = tally(apps, levels, "ethnicity", ["appointed"])
        out.append(rates(t, "appointed", "WRES", "2", ETHNICITY, ("White", "BME")))
        t = tally(apps, levels, "disability", ["appointed"])
        out.append(rates(t, "appointed", "WDES", "2", DISABILITY, ("Non-disabled", "Disabled")))

    if "leavers" in inputs:  # leavers of the data year over leavers + staff in post
        leavers = load(
            "leavers",
            [ID, "Termination Date", "Ethnic Origin", "Disability Flag", "Assignment Category"],
        )
        keep = in_year(leavers["Termination Date"], start, end)
        if "Assignment Category" in leavers:
            keep &= leavers["Assignment Category"].str.strip().str.lower() != "bank"
        leavers = leavers[keep & ~leavers[ID].isin(people)]
        leavers = leavers.drop_duplicates(ID)
        leavers = leavers.assign(
            ethnicity=ethnic_group(leavers["Ethnic Origin"]),
            disability=disability_group(leavers["Disability Flag"]),
        )
        columns = ["organisation", *names, "ethnicity", "disability"]
        both = pd.concat([staff[columns].assign(left=0), leavers[columns].assign(left=1)])
        t = tally(both, levels, "ethnicity", ["left"])
        out.append(rates(t, "left", "WRES", "leaving", ETHNICITY, ("BME", "White")))
        t = tally(both, levels, "disability", ["left"])
        out.append(rates(t, "left", "WDES", "leaving", DISABILITY, ("Disabled", "Non-disabled")))

    result = pd.concat(out).reset_index()
    result = result.astype({"n": "Int64", "events": "Int64"})
    result = result[
        ["standard", "metric", "organisation", "level", "unit", "group", "n", "events", "value"]
    ]
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    result.to_csv(Path(out_dir) / "peer-metrics.csv", index=False)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "imports": IMPORTS, "rows_out": len(result)}))


if __name__ == "__main__":
    main(*sys.argv[1:3])
