"""Statistics computed without scipy.stats (scipy.special; numpy for BH) match scipy.stats."""

import numpy as np
import pytest
from scipy import stats

from wres_wdes.stats._arrays import z_for_level
from wres_wdes.stats.multiplicity import _false_discovery_control


@pytest.mark.parametrize("method", ["bh", "by"])
@pytest.mark.parametrize("size", [1, 2, 7, 100, 1000])
def test_false_discovery_control_matches_scipy(method, size):
    rng = np.random.default_rng(size)
    ps = rng.uniform(size=size) ** 3
    ps[: size // 3] = ps[0]  # ties
    rng.shuffle(ps)
    expected = stats.false_discovery_control(ps, method=method)
    np.testing.assert_array_equal(_false_discovery_control(ps, method), expected)


@pytest.mark.parametrize("level", [0.5, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999])
def test_z_for_level_matches_scipy(level):
    assert z_for_level(level) == float(stats.norm.isf((1.0 - level) / 2.0))


def test_chi2_survival_matches_scipy():
    from scipy import special

    x = np.array([0.0, 0.5, 1.0, 3.84, 10.0, 100.0, np.inf, np.nan])
    for df in (1, 2, 5):
        np.testing.assert_array_equal(special.chdtrc(df, x), stats.chi2.sf(x, df))
