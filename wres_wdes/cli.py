"""The ``wres-wdes`` command line.

Exit status (``DESIGN.md``, "Command line"): 0 success; 2 invalid input or
configuration, with every problem listed and nothing written; 1 an internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .run import DEFAULT_OUT

if TYPE_CHECKING:  # the command line imports pandas and the engine only when it needs them
    from .load import Inputs
    from .problems import Problem


def _print_problems(problems: Sequence[Problem], max_rows: int, stream=None) -> None:
    """Print problems as a table, at most ``max_rows`` rows per rule, with a count of the rest."""
    import pandas as pd
    from tabulate import tabulate

    from .problems import problems_frame

    stream = stream or sys.stdout
    frame = problems_frame(problems).drop(columns="code")  # the code is for programs
    if frame.empty:
        return
    shown = []
    for _, group in frame.groupby(["severity", "file", "column", "rule"], sort=False, dropna=False):
        shown.append(group.head(max_rows))
        if len(group) > max_rows:
            more = group.iloc[:1].copy()
            more["row"] = pd.NA
            more["value"] = ""
            more["rule"] = f"… and {len(group) - max_rows} more row(s) like this"
            shown.append(more)
    table = pd.concat(shown)
    order = table["severity"].map({"error": 0, "warning": 1})
    table = table.assign(_o=order).sort_values("_o", kind="stable").drop(columns="_o")
    rows = [[("" if pd.isna(v) else v) for v in r] for r in table.itertuples(index=False)]
    print(
        tabulate(
            rows,
            headers=list(table.columns),
            tablefmt="simple",
            maxcolwidths=[None, 40, None, 32, 24, 70],
        ),
        file=stream,
    )
    n_err = int((frame["severity"] == "error").sum())
    n_warn = int((frame["severity"] == "warning").sum())
    print(f"\n{n_err} error(s), {n_warn} warning(s).", file=stream)


def _reconciliation_text(inputs: Inputs) -> str:
    from tabulate import tabulate

    rec = inputs.reconciliation
    rows = []
    for (key, _source), group in rec.groupby(["input", "file"], sort=False):
        read = int(group.loc[group["outcome"] == "read", "records"].sum())
        used = int(group.loc[group["outcome"] == "used", "records"].sum())
        excluded = group[group["outcome"] == "excluded"]
        reasons = "; ".join(f"{r.records:,} {r.reason}" for r in excluded.itertuples())
        rows.append([key, f"{read:,}", f"{used:,}", reasons or "-"])
    return tabulate(
        rows,
        headers=["input", "read", "used", "excluded (reason)"],
        tablefmt="simple",
        maxcolwidths=[None, None, None, 80],
    )


def cmd_validate(args: argparse.Namespace) -> int:
    from .load import load

    inputs = load(args.config, strict=False)
    _print_problems(inputs.problems, args.max_rows)
    if not inputs.ok:
        print("Validation failed: fix the errors above and run validate again.")
        return 2
    print(_reconciliation_text(inputs))
    unknown = _unknown_text(inputs, args.max_rows)
    if unknown:
        print("\nValues counted as Unknown (add a [mappings] entry to classify any of them):")
        print(unknown)
    print(f"\nValid: {args.config} can be run.")
    return 0


def _unknown_text(inputs: Inputs, max_rows: int) -> str:
    """Every raw value that fell to Unknown, with its count, most frequent first per column."""
    import pandas as pd
    from tabulate import tabulate

    unknown = inputs.unknown
    if unknown.empty:
        return ""
    rows = []
    for (file, column), group in unknown.groupby(["file", "column"], sort=False):
        group = group.sort_values("count", ascending=False)
        shown = group.head(max_rows)[["value", "count", "reason"]]
        for raw, count, reason in shown.itertuples(index=False, name=None):
            value = "(blank)" if raw is None or pd.isna(raw) else raw
            rows.append([file, column, value, f"{int(count):,}", reason])
        if len(group) > max_rows:
            rows.append([file, column, f"… {len(group) - max_rows} more values", "", ""])
    return tabulate(
        rows,
        headers=["file", "column", "value", "rows", "why Unknown"],
        tablefmt="simple",
        maxcolwidths=[40, None, 40, None, None],
    )


SUMMARY_FILES = 12
"""Most files the closing line of a run names; the manifest lists every one."""


def cmd_run(args: argparse.Namespace) -> int:
    """``wres-wdes run``: :func:`wres_wdes.run`, its problems and summary printed."""
    from .bundled import sample_config
    from .progress import Progress
    from .run import run
    from .write.plan import parse_kinds
    from .write.transaction import check_out

    parse_kinds(args.outputs, several=True)  # an unknown kind stops here, before reading
    check_out(args.out)
    config = args.config or sample_config()
    if args.config is None and not args.quiet:
        print(f"No configuration given: running the bundled synthetic sample trust ({config}).")
    with Progress("quiet" if args.quiet else "auto") as progress:
        done = run(
            config,
            args.out,
            outputs=args.outputs,
            ethnic_groups=args.ethnic_groups,
            force=args.force,
            workers=args.workers,
            progress=progress,
        )
    if args.quiet:
        return 0
    _run_summary(args, config, done)
    return 0


def _run_summary(args, config, done) -> None:
    from .write.headline import flag_meanings, headline_table

    inputs, written = done.inputs, done.written
    warnings = [p for p in inputs.problems if p.severity == "warning"]
    print(_reconciliation_text(inputs))
    print()
    organisations = done.organisations
    level = inputs.config.options.confidence_level
    for organisation in organisations[:3]:
        print(f"Headline figures: {organisation}, {inputs.config.year}")
        print(headline_table(done.results, organisation, level))
        print()
    if len(organisations) > 3:
        print(f"… and {len(organisations) - 3:,} more organisations: see metrics.csv.\n")
    print(
        "Ratios are group ÷ reference as NHS England defines each metric; 1.00 is parity. "
        f"Flags: {flag_meanings(level)}. Workforce shares and board figures are complete "
        "counts at the "
        "census date: no interval. These are the exact figures, small numbers included, "
        "for you: publish the figures of the publication workbook or the board paper, "
        f"where counts from 1 to {inputs.config.suppress_below - 1} (and figures that would "
        "reveal them) are [c]."
    )
    if warnings:
        print(f"\n{len(warnings)} warning(s); `wres-wdes validate {config}` lists them.")
    out = Path(args.out)
    shown = [str(p.relative_to(out)) for p in written[:SUMMARY_FILES]]
    more = len(written) - len(shown)
    print(
        f"\nWrote {len(written):,} files to {out}/ ({', '.join(done.kinds)}): "
        + ", ".join(shown)
        + (f", and {more:,} more (wres-wdes-manifest.json lists every one)." if more else ".")
    )


def cmd_trend(args: argparse.Namespace) -> int:
    from .write import write_trend
    from .write.transaction import check_out
    from .write.trend import parse_file_argument

    check_out(args.out)
    files = [parse_file_argument(f) for f in args.files]
    written, text = write_trend(
        files, args.out, force=args.force, suppress_below=args.suppress_below
    )
    print(text)
    print("Wrote " + ", ".join(str(p) for p in written) + ".")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .scaffold import planned_files

    directory = Path(args.dir)
    files = planned_files(directory)
    existing = [p for p in files if p.exists()]
    if existing and not args.force:
        print("Not written: these files exist already (use --force to overwrite):")
        for p in existing:
            print(f"  {p}")
        return 2
    directory.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    print(f"Wrote a configuration and {len(files) - 1} empty input files to {directory}/.")
    print(
        f"Fill in the inputs you have, delete the lines of the others from "
        f"{directory / 'config.toml'}, then run: wres-wdes validate {directory / 'config.toml'}"
    )
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    if args.exports is not None:
        from .sample import write_exports

        staff = 2500 if args.staff is None else args.staff
        config = write_exports(args.exports, staff=staff, seed=args.seed, year=args.year)
        print(
            f"Wrote a fictional trust's exports ({staff:,} people) as ESR, TRAC, an "
            f"employee-relations tracker and a learning system write them, with a config "
            f"that reads them, to {args.exports}/; run them with: wres-wdes run {config}"
        )
        return 0
    args.staff = 6000 if args.staff is None else args.staff
    from .sample import write_sample

    config = write_sample(
        args.out, staff=args.staff, organisations=args.organisations, seed=args.seed, year=args.year
    )
    print(
        f"Wrote a synthetic sample ({args.staff:,} staff, {args.organisations} "
        f"organisation(s)) to {args.out}/; run it with: wres-wdes run {config}"
    )
    return 0


SAMPLE_SEED = 20240331
"""The bundled sample's seed (:data:`wres_wdes.sample.SAMPLE_SEED`; a test checks they agree)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wres-wdes",
        description="NHS England WRES and WDES: validate inputs, compute the metrics, "
        "write the returns.",
    )
    parser.add_argument("--version", action="version", version=f"wres-wdes {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="the main job (with no CONFIG, the bundled sample trust)")
    run.add_argument("config", nargs="?", help="the run configuration (TOML)")
    run.add_argument(
        "--out", default=DEFAULT_OUT, help=f"output folder (default: ./{DEFAULT_OUT}/)"
    )
    run.add_argument(
        "--max-rows", type=int, default=20, help="problems shown per rule (default 20)"
    )
    run.add_argument(
        "--force",
        action="store_true",
        help="overwrite files in --out that wres-wdes did not write (or that were changed)",
    )
    run.add_argument(
        "--outputs",
        metavar="KINDS",
        help="which outputs to write, comma-separated: metrics, returns, publication, "
        "breakdown, report, system, ethnic_groups, or all (default: all but "
        "ethnic_groups for one organisation; metrics,returns,system for several)",
    )
    run.add_argument(
        "--ethnic-groups",
        action="store_true",
        help="also write metrics-ethnic-groups.csv: every WRES likelihood and workforce "
        "figure for Asian, Black, Mixed and Other staff against White (beyond the standard)",
    )
    run.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes writing the outputs (default: the cores, at most 4; 1 writes "
        "serially; the files are the same either way)",
    )
    run.add_argument(
        "--quiet",
        action="store_true",
        help="show no progress and no summary (problems are still shown)",
    )
    run.set_defaults(func=cmd_run)

    trend = sub.add_parser("trend", help="each metric by year from earlier metrics.csv files")
    trend.add_argument(
        "files", nargs="+", metavar="FILE", help="metrics.csv files, each as PATH or YEAR=PATH"
    )
    trend.add_argument(
        "--out", default=DEFAULT_OUT, help=f"output folder (default: ./{DEFAULT_OUT}/)"
    )
    trend.add_argument(
        "--suppress-below",
        type=int,
        default=5,
        help="show figures resting on counts from 1 to N-1 as [c] (default 5; 0 turns it off)",
    )
    trend.add_argument(
        "--force", action="store_true", help="overwrite files in --out that wres-wdes did not write"
    )
    trend.set_defaults(func=cmd_trend)

    validate = sub.add_parser("validate", help="check inputs, list every problem, write nothing")
    validate.add_argument("config", help="the run configuration (TOML)")
    validate.add_argument(
        "--max-rows", type=int, default=20, help="problems shown per rule (default 20)"
    )
    validate.set_defaults(func=cmd_validate)

    init = sub.add_parser("init", help="a configuration and empty input files to fill in")
    init.add_argument("dir", nargs="?", default=".", help="folder to write to (default: here)")
    init.add_argument("--force", action="store_true", help="overwrite existing files")
    init.set_defaults(func=cmd_init)

    sample = sub.add_parser("sample", help="synthetic inputs of any size")
    sample.add_argument(
        "--staff", type=int, default=None, help="staff in post (default 6000; 2500 with --exports)"
    )
    sample.add_argument("--organisations", type=int, default=1, help="organisations (default 1)")
    sample.add_argument(
        "--seed", type=int, default=SAMPLE_SEED, help="random seed (default: the bundled sample's)"
    )
    sample.add_argument("--year", type=int, default=2024, help="reporting year (default 2024)")
    where = sample.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="folder to write the inputs to, in the contract's shapes")
    where.add_argument(
        "--exports",
        metavar="DIR",
        help="instead, write one trust's exports in the shapes real systems write them "
        "(assignment-level ESR workbook with title rows and a footer, TRAC words in "
        "Windows-1252, a whole ER case tracker, a learning export, a board list) and a "
        "config that reads them",
    )
    sample.set_defaults(func=cmd_sample)
    return parser


class _SafeStream(io.TextIOBase):
    """Standard output that printing can never fail: characters the console cannot
    show are replaced, and a closed pipe (``wres-wdes run | head``) is ignored, so
    a run that wrote everything exits 0 whatever happens to its summary."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.broken = False
        with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
            stream.reconfigure(errors="replace")

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                self.stream.write(text)
            except BrokenPipeError:
                self._break()
            except UnicodeError:
                encoding = getattr(self.stream, "encoding", None) or "ascii"
                self.stream.write(text.encode(encoding, "replace").decode(encoding))
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._break()

    def _break(self) -> None:
        self.broken = True
        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())

    def isatty(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())

    @property
    def encoding(self) -> str:  # type: ignore[override]  # TextIOBase: a writable attribute
        return getattr(self.stream, "encoding", "utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``wres-wdes`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(stdout), _SafeStream(stderr)
    try:
        return _dispatch(args)
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        sys.stdout, sys.stderr = stdout, stderr


def _dispatch(args: argparse.Namespace) -> int:
    from .problems import InputError, UsageError
    from .write.plan import OutputsError
    from .write.safe import OverwriteRefused
    from .write.transaction import OutputFolderError

    try:
        return args.func(args)
    except InputError as exc:
        _print_problems(exc.problems, getattr(args, "max_rows", 20))
        print("Nothing was written: fix the errors above and run again.")
        return 2
    except OverwriteRefused as exc:
        print(exc.message())
        return 2
    except (OutputFolderError, OutputsError, UsageError) as exc:
        print(f"Nothing was written: {exc}.")
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the contract: exit 1, a message, no traceback unless asked
        if os.environ.get("WRES_WDES_DEBUG"):
            raise
        print(
            f"Internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in wres_wdes, not in your data. Set WRES_WDES_DEBUG=1 to see "
            "the traceback, and please report it.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
