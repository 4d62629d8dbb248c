"""cartoparti.analysis.stats against maintained libraries (esda, libpysal, statsmodels, scipy).

Each hand-written statistic is compared with a library's on fixed cases (0 counts,
1 zone, islands, ties, large counts) and on hypothesis-generated inputs. Where we
deliberately differ from the library, the test says so and checks our side against
an exact computation.
"""

from __future__ import annotations

import math
import subprocess
import sys
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from cartoparti.analysis import stats

esda = pytest.importorskip("esda")
libpysal = pytest.importorskip("libpysal")
proportion = pytest.importorskip("statsmodels.stats.proportion")
rates = pytest.importorskip("statsmodels.stats.rates")

RTOL = 1e-12
ATOL = 1e-12
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def close(ours: object, theirs: object, rtol: float = RTOL, atol: float = ATOL) -> None:
    np.testing.assert_allclose(
        np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float),
        rtol=rtol, atol=atol, equal_nan=True,
    )


# --------------------------------------------------------------------------- Gi* helpers


def rook_grid(rows: int, cols: int) -> dict[int, list[int]]:
    steps = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    return {
        r * cols + c: [
            (r + dr) * cols + c + dc
            for dr, dc in steps
            if 0 <= r + dr < rows and 0 <= c + dc < cols
        ]
        for r in range(rows)
        for c in range(cols)
    }


def cleaned(values: pd.Series, neighbours: dict) -> dict[int, list[int]]:
    """The neighbour lists getis_ord_gi_star uses, by position among the valued zones."""
    present = values.dropna()
    position = {label: i for i, label in enumerate(present.index)}
    return {
        position[label]: sorted(
            {position[j] for j in neighbours.get(label, ()) if j in position and j != label}
        )
        for label in present.index
    }


def esda_gi_star(values: pd.Series, neighbours: dict, **kwargs: object) -> object:
    present = values.dropna()
    lists = cleaned(values, neighbours)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = libpysal.weights.W(lists, id_order=list(range(len(present))), silence_warnings=True)
        return esda.G_Local(
            present.to_numpy(), w, transform="B", star=True,
            permutations=kwargs.pop("permutations", 0), **kwargs,
        )


def brute_force_gi_star(
    values: pd.Series, neighbours: dict, permutations: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The former O(n^2) implementation (per-zone loop), kept as a reference."""
    present = values.dropna()
    x = present.to_numpy()
    n = len(x)
    lists = cleaned(values, neighbours)
    neigh_idx = [np.asarray(lists[i], dtype=np.intp) for i in range(n)]
    mean = x.mean()
    spread = math.sqrt(max(float(np.mean((x - mean) ** 2)), 0.0))
    lag = np.array([x[idx].sum() for idx in neigh_idx])
    rng = np.random.default_rng(seed)
    k_max = max(len(idx) for idx in neigh_idx)
    p_sim = np.full(n, np.nan)
    if k_max > 0 and spread > 0:
        draws = np.stack(
            [rng.choice(n - 1, size=k_max, replace=False) for _ in range(permutations)]
        )
        for i, idx in enumerate(neigh_idx):
            k = len(idx)
            if k == 0:
                continue
            simulated = np.delete(x, i)[draws[:, :k]].sum(axis=1)
            tol = 1e-9 * max(1.0, abs(lag[i]))
            at_least = np.count_nonzero(simulated >= lag[i] - tol)
            at_most = np.count_nonzero(simulated <= lag[i] + tol)
            p_sim[i] = (min(at_least, at_most) + 1.0) / (permutations + 1.0)
    return lag, p_sim


def exact_gi_z(values: list[float], lists: dict[int, list[int]]) -> list[float]:
    """Getis-Ord Gi* z-scores in rational arithmetic (only the final sqrt in floats)."""
    xf = [Fraction(v) for v in values]
    n = len(xf)
    mean = sum(xf) / n
    var = sum((v - mean) ** 2 for v in xf) / n
    out = []
    for i in range(n):
        w = len(lists[i]) + 1
        num = xf[i] + sum(xf[j] for j in lists[i]) - mean * w
        den2 = var * (n * w - w * w) / (n - 1)
        out.append(math.nan if den2 == 0 else float(num) / math.sqrt(float(den2)))
    return out


@st.composite
def graphs_and_values(draw: st.DrawFn) -> tuple[pd.Series, dict]:
    """8 to 40 zones, a random (possibly asymmetric) neighbour graph, count values."""
    n = draw(st.integers(stats.MIN_ZONES_GI_STAR, 40))
    labels = [f"z{i}" for i in range(n)]
    neighbours = {
        lab: [labels[j] for j in draw(st.lists(st.integers(0, n - 1), max_size=6))]
        for lab in labels
        if draw(st.integers(0, 4)) > 0  # about one zone in five absent from the mapping
    }
    high = draw(st.sampled_from([1, 5, 1000, 10**6]))  # 1 and 5: many ties
    values = draw(st.lists(st.integers(0, high), min_size=n, max_size=n))
    return pd.Series(values, index=labels, dtype=float), neighbours


# --------------------------------------------------------------------------- Gi* z


def test_gi_z_matches_esda_on_grid_with_island_nan_and_ties() -> None:
    grid = rook_grid(6, 7)
    rng = np.random.default_rng(3)
    values = pd.Series(rng.integers(0, 4, size=42).astype(float), index=list(grid))  # ties
    values[41] = np.nan
    grid[20] = []  # an island (others still list it: asymmetric lists)
    grid[5] = grid[5] + [5, grid[5][0]]  # self-pair and a duplicate are ignored
    ours = stats.getis_ord_gi_star(values, grid, permutations=9)
    theirs = esda_gi_star(values, grid)
    close(ours["gi_z"].dropna(), theirs.Zs)
    assert math.isnan(ours.loc[41, "gi_z"])
    assert math.isfinite(ours.loc[20, "gi_z"])


def test_gi_z_constant_values_are_nan_like_esda() -> None:
    grid = rook_grid(3, 3)
    values = pd.Series(2.5, index=list(grid))
    ours = stats.getis_ord_gi_star(values, grid, permutations=9)
    assert ours["gi_z"].isna().all() and ours["p_sim"].isna().all()
    assert np.isnan(esda_gi_star(values, grid).Zs).all()
    zeros = stats.getis_ord_gi_star(values * 0, grid, permutations=9)
    assert zeros["gi_z"].isna().all()


def test_gi_z_without_any_neighbours_matches_esda() -> None:
    values = pd.Series(np.arange(10.0))
    nobody: dict = {}
    ours = stats.getis_ord_gi_star(values, nobody, permutations=9)
    close(ours["gi_z"], esda_gi_star(values, nobody).Zs)
    # W_i = 1: the z-score is the standardised value
    close(ours["gi_z"], (values - values.mean()) / values.std(ddof=0))
    assert ours["p_sim"].isna().all()


def test_gi_z_large_counts_exact_where_esda_loses_precision() -> None:
    # Values on a large offset: ``mean(x**2) - mean**2`` (esda, and our former code)
    # cancels catastrophically; centred moments stay exact.
    n = 10
    values = pd.Series(1e8 + np.arange(n, dtype=float)[::-1] % 4)
    path = {i: [j for j in (i - 1, i + 1) if 0 <= j < n] for i in range(n)}
    exact = exact_gi_z(values.tolist(), cleaned(values, path))
    ours = stats.getis_ord_gi_star(values, path, permutations=9)["gi_z"]
    close(ours, exact)
    esda_z = esda_gi_star(values, path).Zs
    assert np.max(np.abs(esda_z - exact)) > 1e-3  # the library is the one that is off


@SETTINGS
@given(graphs_and_values())
def test_gi_z_matches_esda_property(case: tuple[pd.Series, dict]) -> None:
    values, neighbours = case
    ours = stats.getis_ord_gi_star(values, neighbours, permutations=1)["gi_z"]
    close(ours, esda_gi_star(values, neighbours).Zs)
    close(ours, exact_gi_z(values.tolist(), cleaned(values, neighbours)))


@SETTINGS
@given(
    st.integers(0, 10**9),
    st.lists(st.integers(0, 50), min_size=stats.MIN_ZONES_GI_STAR, max_size=30),
)
def test_gi_z_offset_invariant_and_exact_property(offset: int, counts: list[int]) -> None:
    values = pd.Series(np.asarray(counts, dtype=float) + offset)
    n = len(values)
    ring = {i: [(i - 1) % n, (i + 1) % n] for i in range(n)}
    ours = stats.getis_ord_gi_star(values, ring, permutations=1)["gi_z"]
    close(ours, exact_gi_z(values.tolist(), cleaned(values, ring)), rtol=1e-9, atol=1e-9)


# --------------------------------------------------------------------------- Gi* permutations


@SETTINGS
@given(graphs_and_values(), st.integers(0, 2**32 - 1), st.sampled_from([1, 19, 99]))
def test_p_sim_matches_former_implementation(
    case: tuple[pd.Series, dict], seed: int, permutations: int
) -> None:
    # The sparse, block-wise version draws the same permutations as the former per-zone
    # loop and must give exactly the same pseudo p-values.
    values, neighbours = case
    out = stats.getis_ord_gi_star(values, neighbours, permutations=permutations, seed=seed)
    _, p_sim = brute_force_gi_star(values, neighbours, permutations, seed)
    np.testing.assert_array_equal(out["p_sim"].dropna().to_numpy(), p_sim[~np.isnan(p_sim)])
    assert out["p_sim"].isna().sum() == np.isnan(p_sim).sum() + values.isna().sum()


def test_p_sim_agrees_with_esda_in_distribution() -> None:
    # Different random streams: with 9,999 permutations both estimate the same
    # conditional-permutation p-value to within Monte Carlo error (continuous values,
    # so no ties, where esda's default "directed" p-value and ours coincide).
    grid = rook_grid(5, 6)
    rng = np.random.default_rng(8)
    values = pd.Series(rng.gamma(4.0, 0.25, size=30), index=list(grid))
    values[[0, 1, 6, 7]] += 1.5  # a hot corner
    ours = stats.getis_ord_gi_star(values, grid, permutations=9999, seed=5)
    theirs = esda_gi_star(values, grid, permutations=9999, seed=5, n_jobs=1)
    np.testing.assert_allclose(ours["p_sim"].to_numpy(), theirs.p_sim, atol=0.015)


def test_p_sim_island_is_nan_where_esda_reports_significance() -> None:
    grid = rook_grid(3, 4)
    grid[11] = []
    for other in grid.values():
        if 11 in other:
            other.remove(11)
    values = pd.Series(np.random.default_rng(0).random(12), index=list(grid))
    ours = stats.getis_ord_gi_star(values, grid, permutations=99, seed=1)
    theirs = esda_gi_star(values, grid, permutations=99, seed=1, n_jobs=1)
    # esda draws an island's lag as 0 every time: p_sim = 1 / (permutations + 1)
    assert theirs.p_sim[11] == pytest.approx(1 / 100)
    assert math.isnan(ours.loc[11, "p_sim"]) and ours.loc[11, "cluster"] == ""


def test_p_sim_ties_count_as_extreme() -> None:
    # Two values only: many simulated sums equal the observed one exactly. Ties count
    # on both sides for us, so p_sim is never below the share of ties.
    grid = rook_grid(4, 4)
    values = pd.Series([0.0, 1.0] * 8, index=list(grid))
    out = stats.getis_ord_gi_star(values, grid, permutations=999, seed=2)
    _, p_sim = brute_force_gi_star(values, grid, 999, 2)
    np.testing.assert_array_equal(out["p_sim"].to_numpy(), p_sim)
    assert (out["p_sim"] > 0.05).any()


def test_gi_star_one_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="au moins"):
        stats.getis_ord_gi_star(pd.Series([3.0]), {0: []})


# --------------------------------------------------------------------------- Wilson


def test_wilson_edge_cases_match_statsmodels() -> None:
    x = np.array([0, 0, 1, 1, 5, 20, 0, 10**9, 10**9 - 1])
    n = np.array([1, 50, 1, 2, 10, 20, 10**9, 10**9, 10**9])
    for level in (0.5, 0.9, 0.95, 0.999):
        low, high = stats.wilson_ci(x, n, level)
        s_low, s_high = proportion.proportion_confint(x, n, alpha=1 - level, method="wilson")
        close(low, np.clip(s_low, 0, 1))
        close(high, np.clip(s_high, 0, 1))
    assert stats.wilson_ci(0, 7)[0] == 0.0 and stats.wilson_ci(7, 7)[1] == 1.0
    low0, high0 = stats.wilson_ci(np.array([0, 3]), 0)
    assert np.isnan(low0).all() and np.isnan(high0).all()


def test_wilson_bounds_solve_the_score_equation() -> None:
    # Independent of statsmodels: the Wilson bounds are the roots p of
    # (x - n p)**2 = z**2 n p (1 - p).
    for x, n, level in [(1, 3, 0.95), (8, 20, 0.95), (30, 100, 0.9), (999, 1000, 0.99),
                        (12_345, 10**6, 0.999)]:
        z = sps.norm.ppf(0.5 + level / 2)
        for p in stats.wilson_ci(x, n, level):
            p = float(p)
            assert (x - n * p) ** 2 == pytest.approx(z * z * n * p * (1 - p), rel=1e-9)


@SETTINGS
@given(
    st.integers(1, 10**9).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.floats(0.5, 0.9999),
)
def test_wilson_matches_statsmodels_property(case: tuple[int, int], level: float) -> None:
    x, n = case
    low, high = stats.wilson_ci(x, n, level)
    s_low, s_high = proportion.proportion_confint(x, n, alpha=1 - level, method="wilson")
    close(low, max(0.0, s_low))
    close(high, min(1.0, s_high))
    assert 0.0 <= low <= x / n <= high <= 1.0


# --------------------------------------------------------------------------- exact Poisson


def gamma_form(k: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    a = 1.0 - level
    low = np.where(k > 0, sps.gamma.ppf(a / 2, np.maximum(k, 1e-300)), 0.0)
    return low, sps.gamma.ppf(1 - a / 2, k + 1)


def test_poisson_edge_cases_match_gamma_and_statsmodels() -> None:
    k = np.array([0.0, 1, 2, 3, 10, 1000, 10**6, 10**9])
    for level in (0.8, 0.95, 0.999):
        low, high = stats.poisson_ci(k, level)
        g_low, g_high = gamma_form(k, level)
        close(low, g_low)
        close(high, g_high)
        s_low, s_high = rates.confint_poisson(k, 1.0, method="exact-c", alpha=1 - level)
        close(low, s_low)
        close(high, s_high)
    # k = 0: the upper bound is -log(a / 2)
    assert stats.poisson_ci(0, 0.95) == (0.0, pytest.approx(-math.log(0.025), rel=1e-14))


@SETTINGS
@given(st.integers(0, 10**9), st.floats(0.5, 0.9999))
def test_poisson_matches_gamma_property(k: int, level: float) -> None:
    low, high = stats.poisson_ci(k, level)
    g_low, g_high = gamma_form(np.array(float(k)), level)
    close(low, g_low)
    close(high, g_high)
    assert low <= k <= high


# --------------------------------------------------------------------------- empirical Bayes


def esda_eb(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return esda.smoothing.Empirical_Bayes(observed, expected).r.ravel()


def between_variance(observed: np.ndarray, expected: np.ndarray) -> float:
    m = observed.sum() / expected.sum()
    s2 = np.sum(expected * (observed / expected - m) ** 2) / expected.sum()
    return float(s2 - m / expected.mean())


def test_smoothed_ratio_matches_esda_empirical_bayes() -> None:
    observed = np.array([1.0, 100, 20, 90, 35, 70, 0])
    expected = np.array([2.0, 200, 50, 50, 50, 50, 30])
    assert between_variance(observed, expected) > 0
    close(stats.smoothed_ratio(pd.Series(observed), pd.Series(expected)),
          esda_eb(observed, expected))


def test_zone_rates_smoothing_is_esda_rate_over_global_rate() -> None:
    population = pd.Series([1200.0, 30000, 5000, 800, 15000, 9000])
    observed = pd.Series([0.0, 150, 4, 9, 30, 60])
    out = stats.zone_rates(observed, population)
    global_rate = observed.sum() / population.sum()
    close(out["smoothed_ratio"], esda_eb(observed.to_numpy(), population.to_numpy()) / global_rate)


def test_smoothed_ratio_no_extra_variation_differs_from_esda() -> None:
    # Between-zone variance A <= 0: Marshall truncates it to 0 (every zone gets the global
    # ratio m). esda does not truncate: its weight A / (A + m / E) leaves [0, 1].
    observed = np.array([2.0, 5.0, 3.0, 4.0])
    expected = np.array([4.0, 10.0, 6.0, 7.0])
    assert between_variance(observed, expected) < 0
    m = observed.sum() / expected.sum()
    ours = stats.smoothed_ratio(pd.Series(observed), pd.Series(expected))
    close(ours, np.full(4, m))
    assert not np.allclose(esda_eb(observed, expected), m)
    # one zone: no between-zone information, the ratio is the zone's own (= m)
    close(stats.smoothed_ratio(pd.Series([3.0]), pd.Series([4.0])), [0.75])
    # nobody observed: m = 0 and every zone is 0 (esda gives 0 / 0 = NaN)
    close(stats.smoothed_ratio(pd.Series([0.0, 0.0]), pd.Series([1.0, 5.0])), [0.0, 0.0])
    assert np.isnan(esda_eb(np.zeros(2), np.array([1.0, 5.0]))).all()


@SETTINGS
@given(
    st.lists(
        st.tuples(st.integers(0, 10**6), st.floats(0.01, 1e6, allow_subnormal=False)),
        min_size=1, max_size=40,
    )
)
def test_smoothed_ratio_matches_esda_property(pairs: list[tuple[int, float]]) -> None:
    observed = np.array([o for o, _ in pairs], dtype=float)
    expected = np.array([e for _, e in pairs])
    ours = stats.smoothed_ratio(pd.Series(observed), pd.Series(expected)).to_numpy()
    m = observed.sum() / expected.sum()
    between = between_variance(observed, expected)
    if between > 1e-9 * max(m, 1e-300):
        close(ours, esda_eb(observed, expected), rtol=1e-9, atol=1e-12)
    elif between <= 0:
        close(ours, np.full(len(pairs), m))
    # always between the zone's own ratio and the global ratio
    raw = observed / expected
    lo, hi = np.minimum(raw, m), np.maximum(raw, m)
    assert np.all((ours >= lo - 1e-9 * (1 + hi)) & (ours <= hi + 1e-9 * (1 + hi)))


# --------------------------------------------------------------------------- start-up


def test_reference_libraries_not_imported_with_stats() -> None:
    # esda / libpysal take about a second to import: stats must not pull them in.
    code = (
        "import sys, cartoparti.analysis.stats\n"
        "print([m for m in ('esda', 'libpysal', 'statsmodels') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
