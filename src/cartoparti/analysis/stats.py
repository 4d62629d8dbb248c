"""Pure statistical functions for participation analysis.

Everything here is numpy / scipy / pandas (and statsmodels, imported on first use
by :func:`wilson_ci`): no I/O, no database, no UI (the one message meant for users,
Gi*'s refusal of too few zones, comes from :mod:`cartoparti.i18n`).
Functions taking pandas objects return pandas objects on the same index
(when the two inputs do not share exactly the same labels, the result index
is the first input's index followed by the labels found only in the second).
Anything random takes an explicit ``seed``.

Conventions
-----------
* Counts (contributors, sample sizes) must be non-negative; a label missing
  from the count input counts as 0.
* Populations that are unknown (NaN), missing, or zero make a unit
  *undefined*: it is left out of every total and gets NaN figures and a
  missing (``<NA>``) status.
* ``status`` columns use the pandas ``"string"`` dtype with the values
  ``"under"``, ``"expected"``, ``"over"`` or ``<NA>``. A unit is only flagged
  when its whole confidence interval lies on one side of 1, never on the raw
  ratio alone.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, overload

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import special as _special  # ~0.1 s; scipy.stats (~1 s) only where needed

from cartoparti import i18n

__all__ = [
    "MIN_ZONES_GI_STAR",
    "chi_square_gof",
    "contributors_needed",
    "getis_ord_gi_star",
    "poisson_ci",
    "post_stratified_weights",
    "representation_score",
    "share_index",
    "smoothed_ratio",
    "wilson_ci",
    "zone_rates",
]

#: Minimum number of zones (with a value) for :func:`getis_ord_gi_star`.
MIN_ZONES_GI_STAR = 8

_STATUS_DTYPE = "string"
_TIE_RTOL = 1e-9
_CONSTANT_RTOL = 1e-12
#: Upper bound on the elements of one block of simulated neighbour sums in Gi*.
_GI_BLOCK = 1 << 22


# --------------------------------------------------------------------------- helpers


def _check_level(level: float) -> None:
    if not 0.0 < float(level) < 1.0:
        raise ValueError(f"level must be strictly between 0 and 1, got {level!r}")


def _as_series(data: Any, name: str) -> pd.Series:
    """Return ``data`` as a float Series, rejecting duplicate labels."""
    series = data.copy() if isinstance(data, pd.Series) else pd.Series(data)
    if not series.index.is_unique:
        raise ValueError(f"{name} has duplicate index labels")
    try:
        return series.astype("float64")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric") from exc


def _check_non_negative(series: pd.Series, name: str) -> None:
    if (series < 0).any():
        raise ValueError(f"{name} must not contain negative values")


def _align_counts(
    counts: Any, population: Any, counts_name: str, population_name: str
) -> tuple[pd.Series, pd.Series]:
    """Align a count Series and a population Series on the union of their labels.

    The order is ``counts``' labels then the labels only found in ``population``.
    Missing counts become 0; missing populations become NaN.
    """
    c = _as_series(counts, counts_name)
    p = _as_series(population, population_name)
    _check_non_negative(c, counts_name)
    _check_non_negative(p, population_name)
    extra = p.index[~p.index.isin(c.index)]
    index = c.index.append(extra) if len(extra) else c.index
    c = c.reindex(index).fillna(0.0) if len(extra) else c
    p = p.reindex(index)
    return c, p


def _status(low: pd.Series, high: pd.Series, defined: npt.ArrayLike) -> pd.Series:
    """'under' / 'over' / 'expected' from an interval on a ratio, <NA> if undefined."""
    values = np.where(high < 1.0, "under", np.where(low > 1.0, "over", "expected"))
    values = np.where(np.asarray(defined, dtype=bool), values, None)
    return pd.Series(values, index=low.index, dtype=_STATUS_DTYPE)


# --------------------------------------------------------------------------- intervals


@overload
def poisson_ci(observed: pd.Series, level: float = ...) -> tuple[pd.Series, pd.Series]: ...
@overload
def poisson_ci(observed: float, level: float = ...) -> tuple[float, float]: ...
@overload
def poisson_ci(
    observed: npt.ArrayLike, level: float = ...
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...
def poisson_ci(observed: Any, level: float = 0.95) -> tuple[Any, Any]:
    """Exact (Garwood) confidence interval for a Poisson count.

    ``low = chi2.ppf(a/2, 2k) / 2`` and ``high = chi2.ppf(1 - a/2, 2k + 2) / 2``
    with ``a = 1 - level``; ``low = 0`` when ``k = 0``. The interval is
    conservative (coverage >= ``level``). Half a chi-square with ``2k`` degrees of
    freedom is a gamma of shape ``k``: the quantiles are ``scipy.special.gammaincinv``
    (checked against ``scipy.stats.chi2`` in the tests), which spares the analyses
    the import of ``scipy.stats``.

    Parameters
    ----------
    observed : scalar, array-like or Series
        Non-negative counts (NaN gives a NaN interval).
    level : float
        Confidence level.

    Returns
    -------
    (low, high)
        Floats for a scalar, arrays for an array, Series (same index) for a Series.
    """
    _check_level(level)
    alpha = 1.0 - float(level)
    raw = observed.to_numpy(dtype="float64") if isinstance(observed, pd.Series) else observed
    k = np.asarray(raw, dtype="float64")
    if np.any(k < 0):
        raise ValueError("observed counts must not be negative")
    with np.errstate(invalid="ignore"):
        low = np.where(k > 0, _special.gammaincinv(np.maximum(k, 1e-300), alpha / 2.0), 0.0)
        high = _special.gammaincinv(k + 1.0, 1.0 - alpha / 2.0)
    low = np.where(np.isnan(k), np.nan, low)
    if isinstance(observed, pd.Series):
        return (
            pd.Series(low, index=observed.index, name="ci_low"),
            pd.Series(high, index=observed.index, name="ci_high"),
        )
    if np.ndim(observed) == 0:
        return float(low), float(high)
    return np.asarray(low, dtype="float64"), np.asarray(high, dtype="float64")


def wilson_ci(
    successes: npt.ArrayLike, n: npt.ArrayLike, level: float = 0.95
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Wilson score interval for a binomial proportion ``successes / n``.

    ``statsmodels.stats.proportion.proportion_confint(method="wilson")``, clipped
    to [0, 1], with the exact bounds 0 at ``successes = 0`` and 1 at ``successes = n``
    (the formula leaves rounding errors of about 1e-17 there).

    Parameters
    ----------
    successes, n : array-like
        Counts and totals (broadcast together); ``n = 0`` gives NaN.
    level : float
        Confidence level.

    Returns
    -------
    (low, high) : arrays
    """
    _check_level(level)
    from statsmodels.stats.proportion import proportion_confint  # ~20 ms, on first use

    x, total = (
        np.array(a, dtype="float64")  # writable copies (statsmodels wants them)
        for a in np.broadcast_arrays(np.asarray(successes), np.asarray(n))
    )
    defined = total > 0
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high = proportion_confint(
            x, np.where(defined, total, np.nan), alpha=1.0 - float(level), method="wilson"
        )
    # The bounds are exactly 0 at x = 0 and 1 at x = n, up to rounding (~1e-17).
    low = np.where(x <= 0, 0.0, np.clip(low, 0.0, 1.0))
    high = np.where(x >= total, 1.0, np.clip(high, 0.0, 1.0))
    low = np.where(defined, low, np.nan)
    high = np.where(defined, high, np.nan)
    return np.asarray(low, dtype="float64"), np.asarray(high, dtype="float64")


# --------------------------------------------------------------------------- zones


def smoothed_ratio(observed: pd.Series, expected: pd.Series) -> pd.Series:
    """Empirical-Bayes (Poisson-gamma) smoothed ratio ``O / E``.

    Marshall's (1991) global method-of-moments estimator: with
    ``m = sum(O) / sum(E)``, ``s2 = sum(E * (O/E - m)**2) / sum(E)`` and
    ``A = s2 - m / mean(E)`` (between-zone variance of the relative risk),
    the gamma prior has mean ``m`` and variance ``A``, i.e. shape
    ``a = m**2 / A`` and rate ``b = m / A``; the smoothed ratio is the
    posterior mean ``(O + a) / (E + b)``. Small zones (small ``E``) are pulled
    further toward ``m`` than big ones. When ``A <= 0`` (no extra-Poisson
    variation detectable) every zone is shrunk fully to ``m``.

    Parameters
    ----------
    observed : Series
        Observed counts.
    expected : Series
        Expected counts; zones with NaN or non-positive expected (or NaN
        observed) are left out of the estimation and get NaN.

    Returns
    -------
    Series
        Smoothed ratios, on ``observed``'s index (plus labels only in ``expected``).
    """
    obs, exp = _align_counts(observed, expected, "observed", "expected")
    return pd.Series(
        _smoothed(obs.to_numpy(), exp.to_numpy()), index=obs.index, name="smoothed_ratio"
    )


def _smoothed(
    obs: npt.NDArray[np.float64], exp: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Array core of :func:`smoothed_ratio`."""
    result = np.full(obs.shape, np.nan)
    with np.errstate(invalid="ignore"):
        valid = ~np.isnan(obs) & ~np.isnan(exp) & (exp > 0)
    if not valid.any():
        return result
    o = obs[valid]
    e = exp[valid]
    m = o.sum() / e.sum()
    rate = o / e
    s2 = float(np.sum(e * (rate - m) ** 2) / e.sum())
    between = s2 - m / e.mean()
    if between <= 0.0 or not np.isfinite(between):
        smoothed = np.full_like(o, m)
    else:
        b = m / between
        a = m * b
        smoothed = (o + a) / (e + b)
    result[valid] = smoothed
    return result


def zone_rates(observed: pd.Series, population: pd.Series, level: float = 0.95) -> pd.DataFrame:
    """Participation ratio of each zone against its population, with exact intervals.

    ``expected = population * sum(observed) / sum(population)`` (indirect
    standardisation over the zones given), ``ratio = observed / expected``,
    ``ci_low, ci_high`` = exact Poisson interval of ``observed`` divided by
    ``expected`` (the global rate is treated as known). ``status`` is
    ``'under'`` when ``ci_high < 1``, ``'over'`` when ``ci_low > 1``, else
    ``'expected'``.

    Zones whose population is unknown (NaN, or missing from ``population``)
    or zero are excluded from both sums and get NaN ``expected``, ``ratio``,
    interval and ``smoothed_ratio`` and a ``<NA>`` status. Zones present only
    in ``population`` are added with 0 contributors. When nobody contributed
    at all, ratios are undefined (NaN, status ``<NA>``).

    Parameters
    ----------
    observed : Series
        Contributors per zone.
    population : Series
        Inhabitants per zone.
    level : float
        Confidence level of the interval.

    Returns
    -------
    DataFrame
        Columns ``population, contributors, expected, ratio, ci_low, ci_high,
        smoothed_ratio, status``.
    """
    _check_level(level)
    obs_s, pop_s = _align_counts(observed, population, "observed", "population")
    obs = obs_s.to_numpy()
    pop = pop_s.to_numpy()
    with np.errstate(invalid="ignore"):
        valid = ~np.isnan(pop) & (pop > 0) & ~np.isnan(obs)
    expected = np.full(obs.shape, np.nan)
    if valid.any():
        expected[valid] = pop[valid] * (obs[valid].sum() / pop[valid].sum())
    with np.errstate(invalid="ignore"):
        defined = valid & (expected > 0)
    o = np.where(defined, obs, np.nan)
    e = np.where(defined, expected, np.nan)
    low, high = poisson_ci(o, level)
    frame = pd.DataFrame(
        {
            "population": pop,
            "contributors": obs,
            "expected": expected,
            "ratio": o / e,
            "ci_low": low / e,
            "ci_high": high / e,
            "smoothed_ratio": _smoothed(o, e),
        },
        index=obs_s.index,
    )
    frame["status"] = _status(frame["ci_low"], frame["ci_high"], defined)
    return frame


@overload
def contributors_needed(observed: pd.Series, expected: pd.Series) -> pd.Series: ...
@overload
def contributors_needed(observed: float, expected: float) -> float: ...
@overload
def contributors_needed(
    observed: npt.ArrayLike, expected: npt.ArrayLike
) -> npt.NDArray[np.float64]: ...
def contributors_needed(observed: Any, expected: Any) -> Any:
    """Additional contributors needed to bring ``observed / expected`` to 1.

    ``max(0, ceil(expected - observed))``, holding ``expected`` fixed (adding
    contributors also raises the global rate, so this is a slight
    under-estimate for a zone holding a large share of the population).
    Undefined (NaN / ``<NA>``) when either input is NaN.

    Returns
    -------
    Series of dtype ``Int64`` for Series input (aligned like :func:`zone_rates`),
    otherwise a float (array) holding whole numbers or NaN.
    """
    if isinstance(observed, pd.Series) or isinstance(expected, pd.Series):
        obs, exp = _align_counts(observed, expected, "observed", "expected")
        need = np.maximum(0.0, np.ceil(exp - obs - _TIE_RTOL))
        return pd.Series(need, index=obs.index, name="contributors_needed").astype("Int64")
    o = np.asarray(observed, dtype="float64")
    e = np.asarray(expected, dtype="float64")
    need = np.maximum(0.0, np.ceil(e - o - _TIE_RTOL))
    if np.ndim(need) == 0:
        return float(need)
    return np.asarray(need, dtype="float64")


# --------------------------------------------------------------------------- groups


def share_index(
    contributors: pd.Series, population: pd.Series, level: float = 0.95
) -> pd.DataFrame:
    """Representation index of the groups of one public dimension (e.g. age bands).

    ``population_share`` is computed over groups with a known, positive
    population; ``contributor_share = contributors / n`` where ``n`` is the
    total of ``contributors`` (everyone who declared the dimension, including
    any group without population figures). ``index = contributor_share /
    population_share``; ``ci_low, ci_high`` = Wilson score interval of the
    contributor share divided by the population share (population shares are
    treated as known). Status as in :func:`zone_rates`; groups without a
    positive population, or when ``n = 0``, get NaN and ``<NA>``.

    Parameters
    ----------
    contributors : Series
        Contributors per group code.
    population : Series
        Inhabitants per group code.
    level : float
        Confidence level of the interval.

    Returns
    -------
    DataFrame
        Columns ``population, population_share, contributors,
        contributor_share, index, ci_low, ci_high, status``.
    """
    _check_level(level)
    c, p = _align_counts(contributors, population, "contributors", "population")
    valid = p.notna() & (p > 0)
    pop_share = (p / p[valid].sum()).where(valid)
    n = float(c.sum())
    defined = valid & (n > 0)
    contrib_share = c / n if n > 0 else pd.Series(np.nan, index=c.index)
    low, high = wilson_ci(c.to_numpy(), n, level)
    frame = pd.DataFrame(
        {
            "population": p,
            "population_share": pop_share,
            "contributors": c,
            "contributor_share": contrib_share,
            "index": (contrib_share / pop_share).where(defined),
            "ci_low": (pd.Series(low, index=c.index) / pop_share).where(defined),
            "ci_high": (pd.Series(high, index=c.index) / pop_share).where(defined),
        },
        index=c.index,
    )
    frame["status"] = _status(frame["ci_low"], frame["ci_high"], defined)
    return frame


def chi_square_gof(contributors: pd.Series, population: pd.Series) -> dict[str, float | int]:
    """Chi-square goodness of fit of contributor counts to population shares.

    Only groups with a known, positive population take part; expected counts
    are ``n * population_share`` with ``n`` the contributors of those groups
    (``scipy.stats.chisquare``). The approximation is poor when expected counts
    are below about 5. Statistic and p-value are NaN with fewer than two
    groups or no contributors.

    Returns
    -------
    dict
        ``{"statistic": float, "dof": int, "p_value": float}``.
    """
    c, p = _align_counts(contributors, population, "contributors", "population")
    valid = p.notna() & (p > 0)
    k = int(valid.sum())
    dof = max(k - 1, 0)
    f_obs = c[valid].to_numpy()
    n = float(f_obs.sum())
    if k < 2 or n <= 0:
        return {"statistic": math.nan, "dof": dof, "p_value": math.nan}
    shares = p[valid].to_numpy() / p[valid].sum()
    from scipy import stats

    result = stats.chisquare(f_obs, f_exp=n * shares)
    return {"statistic": float(result.statistic), "dof": dof, "p_value": float(result.pvalue)}


def representation_score(contributors: pd.Series, population: pd.Series) -> float:
    """Lowest group participation rate divided by the highest (1 = even).

    Rates are ``contributors / population`` over groups with a known, positive
    population. NaN when there is no such group or nobody contributed.
    """
    c, p = _align_counts(contributors, population, "contributors", "population")
    valid = p.notna() & (p > 0)
    if not valid.any():
        return math.nan
    rates = (c[valid] / p[valid]).to_numpy()
    highest = float(rates.max())
    if not highest > 0:
        return math.nan
    return float(rates.min()) / highest


def post_stratified_weights(sample_counts: pd.Series, population: pd.Series) -> pd.Series:
    """Post-stratification weight of each cell (e.g. MultiIndex age band x zone).

    ``weight = population_share / sample_share``, shares being taken over all
    cells given with a known population (population side) and over all
    cells (sample side). Cells with no sample get NaN (the weighted total then
    falls short of the sample size; telling the user is the caller's job),
    as do cells with unknown population.

    Returns
    -------
    Series
        Weights named ``weight`` on ``sample_counts``' index (plus cells only
        in ``population``).
    """
    s, p = _align_counts(sample_counts, population, "sample_counts", "population")
    pop_total = float(p.sum(skipna=True))
    sample_total = float(s.sum())
    if pop_total <= 0 or sample_total <= 0:
        return pd.Series(np.nan, index=s.index, name="weight")
    pop_share = p / pop_total
    sample_share = s / sample_total
    weight = (pop_share / sample_share).where(s > 0)
    return weight.rename("weight")


# --------------------------------------------------------------------------- Gi*


def getis_ord_gi_star(
    values: pd.Series,
    neighbours: Mapping[Hashable, Iterable[Hashable]],
    *,
    permutations: int = 999,
    seed: int = 0,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Local Getis-Ord Gi* hot/cold spots with binary contiguity weights.

    Weights are 1 for the zone itself and each listed neighbour, 0 elsewhere.
    ``gi_z`` is the analytical z-score (Getis & Ord 1995; the same as
    ``esda.G_Local(..., transform="B", star=True).Zs``), with the population
    variance of the values taken from centred values; it is NaN when the values
    are constant (to a relative 1e-12). ``p_sim`` is a
    one-sided pseudo p-value from conditional permutations: the zone's own
    value stays put and its neighbours' values are drawn without replacement
    from the other zones; ``p_sim = (m + 1) / (permutations + 1)`` with ``m``
    the number of draws at least as extreme, in the observed direction
    (ties count as extreme, unlike esda's default which leaves ties out of the
    lower tail). The same random draws are reused for every zone
    (as PySAL does); a ``numpy.random.Generator`` seeded with ``seed`` makes
    results reproducible. ``cluster`` is ``'hot'`` (z > 0) or ``'cold'``
    (z < 0) when ``p_sim < alpha``, else ``''``.

    Zones whose value is NaN, and neighbour labels absent from ``values``,
    are left out (NaN ``gi_z``/``p_sim``, empty cluster). A zone without
    neighbours gets NaN ``p_sim`` (esda would give it ``1 / (permutations + 1)``).
    Zones absent from ``neighbours`` have no neighbours; a pair listed twice counts
    once.

    Raises
    ------
    ValueError
        With fewer than :data:`MIN_ZONES_GI_STAR` zones having a value (the
        message is meant for users), or invalid ``permutations`` / ``alpha``.

    Returns
    -------
    DataFrame
        Columns ``gi_z, p_sim, cluster`` on ``values``' index.
    """
    if int(permutations) != permutations or permutations < 1:
        raise ValueError(f"permutations must be a positive integer, got {permutations!r}")
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be strictly between 0 and 1, got {alpha!r}")
    series = _as_series(values, "values")
    out = pd.DataFrame(
        {
            "gi_z": np.nan,
            "p_sim": np.nan,
            "cluster": pd.Series("", index=series.index, dtype=_STATUS_DTYPE),
        },
        index=series.index,
    )
    present = series.dropna()
    n = len(present)
    if n < MIN_ZONES_GI_STAR:
        raise ValueError(i18n.message("gi_star.too_few_zones", min=MIN_ZONES_GI_STAR, count=n))
    x = present.to_numpy()
    adjacency = _binary_adjacency(present.index, neighbours)
    card = np.diff(adjacency.indptr)

    # Analytical z-score. Binary weights: W_i = S1_i = 1 + number of neighbours.
    # Centred (two-pass) moments: ``mean(x**2) - mean**2`` loses every digit when the
    # values sit on a large offset or are nearly constant.
    centred = x - x.mean()
    centred -= centred.mean()  # second pass: removes the rounding error of the mean
    spread = math.sqrt(float(np.mean(centred * centred)))
    if spread <= _CONSTANT_RTOL * float(np.max(np.abs(x))):
        spread = 0.0  # constant up to rounding: no z-score, no permutation test
    lag = adjacency @ x  # neighbours only, self excluded
    w = card + 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = spread * np.sqrt((n * w - w * w) / (n - 1.0))
        z = np.where(denom > 0, (centred + adjacency @ centred) / denom, np.nan)

    # Conditional permutations on the neighbours' sum (same ordering as z for a fixed zone).
    rng = np.random.default_rng(seed)
    k_max = int(card.max())
    p_sim = np.full(n, np.nan)
    if k_max > 0 and spread > 0:
        draws = np.stack(
            [rng.choice(n - 1, size=k_max, replace=False) for _ in range(int(permutations))]
        )
        p_sim = _permutation_p(x, lag, card, draws)

    significant = np.nan_to_num(p_sim, nan=1.0) < alpha
    cluster = np.where(significant & (z > 0), "hot", np.where(significant & (z < 0), "cold", ""))
    out.loc[present.index, "gi_z"] = z
    out.loc[present.index, "p_sim"] = p_sim
    out.loc[present.index, "cluster"] = cluster
    return out


def _binary_adjacency(
    labels: pd.Index, neighbours: Mapping[Hashable, Iterable[Hashable]]
) -> Any:
    """Binary CSR matrix of ``neighbours`` over ``labels`` (no self-pairs, no duplicates).

    Neighbour labels absent from ``labels`` are dropped; so are labels of ``neighbours``
    absent from ``labels``.
    """
    from scipy import sparse

    n = len(labels)
    ordered = labels.tolist()
    position = {label: i for i, label in enumerate(ordered)}
    listed = [tuple(neighbours.get(label, ())) for label in ordered]
    rows_a = np.repeat(np.arange(n, dtype=np.intp), [len(each) for each in listed])
    get = position.get
    cols_a = np.fromiter(
        (get(j, -1) for each in listed for j in each), dtype=np.intp, count=len(rows_a)
    )
    keep = (cols_a >= 0) & (rows_a != cols_a)
    matrix = sparse.csr_matrix(
        (np.ones(int(keep.sum())), (rows_a[keep], cols_a[keep])), shape=(n, n)
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    matrix.sort_indices()
    return matrix


def _permutation_p(
    x: npt.NDArray[np.float64],
    lag: npt.NDArray[np.float64],
    card: npt.NDArray[np.intp],
    draws: npt.NDArray[np.intp],
) -> npt.NDArray[np.float64]:
    """One-sided conditional-permutation pseudo p-values of the neighbours' sums.

    ``draws`` holds, for each permutation, ``k_max`` distinct positions among the
    ``n - 1`` zones other than the focal one: position ``d`` stands for zone ``d``
    below the focal zone ``i`` and for zone ``d + 1`` from ``i`` on. Zone ``i`` with
    ``k`` neighbours uses the first ``k`` positions of every permutation. Zones of
    the same ``k`` are handled together, in blocks of at most ``_GI_BLOCK`` values.
    """
    permutations = draws.shape[0]
    columns = np.arange(permutations)
    p_sim = np.full(len(x), np.nan)
    for k in np.unique(card[card > 0]):
        d = draws[:, :k]
        below = x[d]  # value of position d for a focal zone above d
        shift = x[d + 1] - below  # correction when the focal zone is at or below d
        base = below.sum(axis=1)
        zones = np.flatnonzero(card == k)  # ascending
        step = max(1, _GI_BLOCK // permutations)
        for start in range(0, len(zones), step):
            block = zones[start : start + step]
            m = len(block)
            # Zones of the block at or below d form a prefix of length ``end``: add the
            # shift to entries [0, end) of its permutation's row through a difference
            # array (rows are permutations, columns the block's zones).
            end = np.searchsorted(block, d, side="right")
            steps = np.bincount(
                (columns[:, None] * (m + 1) + end).ravel(),
                weights=-shift.ravel(),
                minlength=permutations * (m + 1),
            ).reshape(permutations, m + 1)
            steps[:, 0] += base + shift.sum(axis=1)
            simulated = np.cumsum(steps[:, :m], axis=1)
            target = lag[block]
            tol = _TIE_RTOL * np.maximum(1.0, np.abs(target))
            at_least = np.count_nonzero(simulated >= target - tol, axis=0)
            at_most = np.count_nonzero(simulated <= target + tol, axis=0)
            p_sim[block] = (np.minimum(at_least, at_most) + 1.0) / (permutations + 1.0)
    return p_sim
