"""report.md and the charts: plain words, intervals, flags, alt text, accessible PNGs."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from PIL import Image
from test_write_trust import shared_run

from wres_wdes.write.report import plain_words

NOTHING_HIDDEN = pd.Series(False, index=["value", "events_group", "n_group"])


def wres3(value: float, low: float, high: float, flags: str, events: float) -> pd.Series:
    note = "" if float(events).is_integer() else "events are the mean per year over 2 data years"
    return pd.Series(
        {
            "standard": "WRES",
            "metric": "3",
            "group": "BME",
            "reference_group": "White",
            "statistic": "relative_likelihood",
            "category": "",
            "value": value,
            "ci_low": low,
            "ci_high": high,
            "flags": flags,
            "events_group": events,
            "n_group": 400.0,
            "n_reference": 1200.0,
            "events_reference": 8.0,
            "note": note,
        }
    )


def test_a_ratio_is_read_out_with_its_interval_significance_and_cases() -> None:
    # the wording the issue asks for
    sentence = plain_words(wres3(2.27, 0.93, 5.51, "outside_four_fifths", 6.0), NOTHING_HIDDEN)
    assert sentence == (
        "BME staff were 2.27 times as likely as White staff to enter the formal disciplinary "
        "process (95% interval 0.93 to 5.51); the difference is not statistically significant, "
        "and outside the 0.80–1.25 band; 6 BME cases."
    )


def test_a_significant_ratio_with_a_two_year_mean_says_so() -> None:
    sentence = plain_words(wres3(2.5, 1.2, 5.0, "significant;small_numbers", 6.5), NOTHING_HIDDEN)
    assert "the difference is statistically significant" in sentence
    assert "6.5 BME cases a year" in sentence and "Small numbers" in sentence


def test_a_confidential_figure_is_not_read_out() -> None:
    hidden = pd.Series(True, index=NOTHING_HIDDEN.index)
    assert plain_words(wres3(2.27, 0.9, 5.5, "", 3.0), hidden).startswith("Not shown")


def test_the_report_carries_headlines_metric1_breakdowns_and_charts(tmp_path_factory) -> None:
    _, out = shared_run(tmp_path_factory)
    text = (out / "report.md").read_text(encoding="utf-8")
    # report.md is the plain-text twin of the board paper (report.docx): the same
    # sections, headed as the paper heads them
    for heading in (
        "## Executive summary",
        "## Recommendation",
        "## WRES: Workforce Race Equality Standard",
        "## WDES: Workforce Disability Equality Standard",
        "### Headline figures",
        "### WRES 1 by band",
        "### WDES 1 by cluster",
        "## By directorate",
        "### Every metric by directorate and unit",
        "## Method and caveats",
    ):
        assert heading in text
    assert "times as likely as" in text and "95% interval" in text
    assert "| WRES 2 " in text and "| WDES 10 " in text
    images = re.findall(r"!\[((?:\\.|[^\]\\])+)\]\(([^)]+)\)", text)
    assert {p for _, p in images} >= {
        "charts/forest-WRES-2.png",
        "charts/metric1-WRES.png",
        "charts/metric1-WDES.png",
    }
    for alt, path in images:
        assert len(alt) > 60, "alt text says what the chart shows"
        with Image.open(out / path) as image:
            assert image.format == "PNG"
            plain = alt.replace("\\|", "|").replace("\\[", "[").replace("\\]", "]")
            assert image.info.get("Description") == plain


def test_the_forest_plot_uses_the_okabe_ito_palette_and_shades_the_band(tmp_path_factory) -> None:
    _, out = shared_run(tmp_path_factory)
    with Image.open(out / "charts" / "forest-WRES-2.png") as image:
        pixels = np.asarray(image.convert("RGB")).reshape(-1, 3)
    colours = {tuple(p) for p in pixels[::7]}
    assert (0, 114, 178) in colours  # Okabe-Ito blue: directorates
    assert (213, 94, 0) in colours  # vermillion: units
