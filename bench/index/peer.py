#!/usr/bin/env python3
"""The index's Monte Carlo analysis in NumPy, as a NumPy user would write it, for comparison.

    python3 bench/index/peer.py IN.json [--rounds N]

IN.json is written by entente's bench (crates/index/benches/montecarlo.rs): the matrix, the
flat weights, the configuration's choices, and entente's nominal ranks under every
normalisation and aggregation. This script applies the same rules (docs/index.md): transform,
normalisation across the units that have a value, available-case two-level aggregation,
geometric mean on values rescaled to [1, 100], competition ranks with tolerance, Dirichlet
weights, percentiles of type 7, Spearman correlation of weights and rank shifts, removal
shifts and eta-squared. Its random numbers are NumPy's, so its intervals are not entente's;
the nominal ranks must be identical, and it checks that they are.

Prints one JSON line: the median time of the rounds, and whether the nominal ranks matched.
"""

import json
import sys
import time

import numpy as np

TIE = 1e-9


def transform(x, kinds):
    x = np.where(np.isfinite(x), x, np.nan)
    out = x.copy()
    for j, kind in enumerate(kinds):
        if kind == "log1p":
            col = x[:, j]
            with np.errstate(invalid="ignore", divide="ignore"):
                out[:, j] = np.where(col > -1.0, np.log1p(np.where(col > -1.0, col, 0.0)), np.nan)
    return out


def normalise(x, method):
    """Column-wise over the units that have a value (NaN = missing)."""
    present = ~np.isnan(x)
    if method == "min_max":
        lo = np.nanmin(np.where(present.any(0), x, 0.0), axis=0)
        hi = np.nanmax(np.where(present.any(0), x, 0.0), axis=0)
        span = hi - lo
        out = np.where(span > 0, (x - lo) / np.where(span > 0, span, 1.0), 0.5)
    elif method == "z_score":
        n = present.sum(0)
        mean = np.nansum(x, 0) / np.maximum(n, 1)
        sd = np.sqrt(np.nansum((x - mean) ** 2, 0) / np.maximum(n, 1))
        out = np.where(sd > 0, (x - mean) / np.where(sd > 0, sd, 1.0), 0.0)
    else:  # rank: average 1-based rank of ties over the count
        out = np.empty_like(x)
        for j in range(x.shape[1]):
            col = x[:, j]
            s = np.sort(col[~np.isnan(col)])
            below = np.searchsorted(s, col, "left")
            through = np.searchsorted(s, col, "right")
            out[:, j] = (below + 1 + through) / 2.0 / max(len(s), 1)
    return np.where(present, out, np.nan)


def working(norm, aggregation):
    if aggregation == "arithmetic":
        return norm
    lo = np.nanmin(norm, axis=0)
    hi = np.nanmax(norm, axis=0)
    span = hi - lo
    scaled = np.where(span > 0, 1.0 + 99.0 * (norm - lo) / np.where(span > 0, span, 1.0), 50.5)
    return np.log(np.clip(scaled, 1.0, 100.0))


def to_scale(v, method, aggregation):
    if aggregation == "arithmetic":
        return v if method == "z_score" else 100.0 * v
    return np.clip((np.exp(v) - 1.0) / 99.0 * 100.0, 0.0, 100.0)


def aggregate(w, x, present, dim_of, ndims):
    """Scores for many weight vectors at once: w (D, k), x and present (n, k) -> (D, n), NaN = none."""
    x0 = np.where(present, x, 0.0)
    p = present.astype(float)
    total = np.zeros((w.shape[0], x.shape[0]))
    total_w = np.zeros_like(total)
    for d in range(ndims):
        cols = dim_of == d
        wd = w[:, cols]
        num = wd @ x0[:, cols].T
        den = wd @ p[:, cols].T
        has = den > 0
        dim_w = wd.sum(1)[:, None]
        total += np.where(has, dim_w * num / np.where(has, den, 1.0), 0.0)
        total_w += np.where(has, dim_w, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total_w > 0, total / total_w, np.nan)


def competition_ranks(scores):
    """Rows of scores -> 1-based ranks, best first, ties (within TIE) sharing the best; NaN last."""
    s = np.where(np.isnan(scores), -np.inf, scores)
    order = np.argsort(-s, axis=1, kind="stable")
    sorted_s = np.take_along_axis(s, order, axis=1)
    a, b = sorted_s[:, :-1], sorted_s[:, 1:]
    with np.errstate(invalid="ignore"):
        scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), 1.0)
        tied = (np.abs(a - b) <= TIE * scale) | (np.isneginf(a) & np.isneginf(b))
    positions = np.arange(1, s.shape[1] + 1)
    start = np.where(np.concatenate([np.zeros((s.shape[0], 1), bool), tied], axis=1), 0, positions)
    rank_sorted = np.maximum.accumulate(start, axis=1)
    ranks = np.empty_like(rank_sorted)
    np.put_along_axis(ranks, order, rank_sorted, axis=1)
    return ranks


def average_ranks(v):
    order = np.argsort(v, kind="stable")
    sorted_v = v[order]
    _, first, counts = np.unique(sorted_v, return_index=True, return_counts=True)
    avg = first + (counts + 1) / 2.0
    out = np.empty(len(v))
    out[order] = np.repeat(avg, counts)
    return out


def nominal_scores(inp, x, method, aggregation, weights=None):
    w = np.asarray(inp["weights"] if weights is None else weights, float)[None, :]
    present = ~np.isnan(x)
    coverage = present.astype(float) @ np.asarray(inp["weights"], float)
    v = aggregate(w, working(normalise(x, method), aggregation), present, np.asarray(inp["dimension_of"]), max(inp["dimension_of"]) + 1)[0]
    s = to_scale(v, method, aggregation)
    return np.where(coverage + 1e-12 >= inp["min_coverage"], s, np.nan)


def nominal_ranks(scores):
    r = competition_ranks(scores[None, :])[0]
    return [None if np.isnan(s) else int(k) for s, k in zip(scores, r)]


def prepare(inp, matrix):
    x = np.array([[np.nan if v is None else v for v in row] for row in matrix["values"]], float)
    x = transform(x, inp["transforms"])
    signs = np.array([1.0 if p == "positive" else -1.0 for p in inp["polarities"]])
    return x * signs


def monte_carlo(inp, x):
    draws, seed = inp["draws"], inp["seed"]
    base = np.asarray(inp["weights"], float)
    dim_of = np.asarray(inp["dimension_of"])
    ndims = dim_of.max() + 1
    k = len(base)
    methods, aggregations = inp["normalisations"], inp["aggregations"]
    nominal = nominal_scores(inp, x, inp["normalisation"], inp["aggregation"])
    ranked = ~np.isnan(nominal)
    nominal_r = competition_ranks(nominal[ranked][None, :])[0].astype(float)
    xr = x[ranked]
    present = ~np.isnan(xr)

    rng = np.random.default_rng(seed)
    w = rng.dirichlet(inp["concentration"] * k * base, size=draws)
    mi = rng.integers(len(methods), size=draws)
    ai = rng.integers(len(aggregations), size=draws)

    scores = np.empty((draws, xr.shape[0]))
    for i, m in enumerate(methods):
        # Normalised (and rescaled) across all the units, as entente does, then the ranked ones kept.
        norm = normalise(x, m)
        for j, a in enumerate(aggregations):
            sel = (mi == i) & (ai == j)
            if sel.any():
                scores[sel] = to_scale(aggregate(w[sel], working(norm, a)[ranked], present, dim_of, ndims), m, a)
    ranks = competition_ranks(scores)
    rank_p = np.percentile(ranks, [5, 50, 95], axis=0)
    nominal_scale = "z" if (inp["normalisation"], inp["aggregation"]) == ("z_score", "arithmetic") else "points"
    draw_scale = np.array(["z" if (methods[i], aggregations[j]) == ("z_score", "arithmetic") else "points" for i, j in zip(mi, ai)])
    same = draw_scale == nominal_scale
    score_p = np.percentile(scores[same], [5, 95], axis=0) if same.any() else None
    shifts = np.abs(ranks - nominal_r).mean(axis=1)

    shift_ranks = average_ranks(shifts)
    correlations = []
    for j in range(k):
        wr = average_ranks(w[:, j])
        c = np.corrcoef(wr, shift_ranks)[0, 1]
        correlations.append(0.0 if np.isnan(c) else float(c))
    removal = []
    for j in range(k):
        wj = base.copy()
        wj[j] = 0.0
        wj /= wj.sum()
        s = nominal_scores(inp, x, inp["normalisation"], inp["aggregation"], wj)[ranked]
        removal.append(float(np.abs(competition_ranks(s[None, :])[0] - nominal_r).mean()))

    def eta2(groups, count):
        total = ((shifts - shifts.mean()) ** 2).sum()
        if total <= 0:
            return 0.0
        sums = np.bincount(groups, shifts, count)
        counts = np.bincount(groups, minlength=count)
        means = np.divide(sums, counts, out=np.zeros(count), where=counts > 0)
        return float((counts * (means - shifts.mean()) ** 2).sum() / total)

    return {
        "ranked": ranked,
        "rank_median": rank_p[1],
        "rank_p05": rank_p[0],
        "rank_p95": rank_p[2],
        "score_p": score_p,
        "correlations": correlations,
        "removal": removal,
        "normalisation_effect": eta2(mi, len(methods)),
        "aggregation_effect": eta2(ai, len(aggregations)),
    }


def check_nominal(inp, matrix):
    """Whether this script's nominal ranks equal entente's under every choice."""
    x = prepare(inp, matrix)
    mismatches = []
    for key, expected in matrix["nominal_ranks"].items():
        method, aggregation = key.split("/")
        got = nominal_ranks(nominal_scores(inp, x, method, aggregation))
        if got != expected:
            mismatches.append(key)
    return mismatches


def main():
    args = sys.argv[1:]
    rounds = 5
    if "--rounds" in args:
        i = args.index("--rounds")
        rounds = int(args[i + 1])
        del args[i : i + 2]
    path = args[0]
    with open(path) as f:
        inp = json.load(f)

    x = prepare(inp, inp["matrix"])
    result = monte_carlo(inp, x)  # warm-up, like entente's untimed first run
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = monte_carlo(inp, x)
        times.append(time.perf_counter() - start)

    line = {
        "tool": "numpy",
        "numpy": np.__version__,
        "units": len(inp["matrix"]["units"]),
        "draws": inp["draws"],
        "rounds": rounds,
        "median_s": float(np.median(times)),
        "min_s": float(min(times)),
        "times_s": times,
        "nominal_mismatches_large": check_nominal(inp, inp["matrix"]),
        "nominal_mismatches_small": check_nominal(inp, inp["small"]),
    }
    line["nominal_ranks_match"] = not line["nominal_mismatches_large"] and not line["nominal_mismatches_small"]

    # entente's Monte Carlo result, if its bench wrote one: the intervals come from other
    # random numbers, so only closeness is expected.
    entente_path = path[: -len(".json")] + ".entente.json" if path.endswith(".json") else path + ".entente.json"
    try:
        with open(entente_path) as f:
            ent = json.load(f)
        ent_median = np.array([u["rank_median"] for u in ent["units"] if u["rank_median"] is not None], float)
        line["median_rank_mean_abs_diff"] = float(np.abs(ent_median - result["rank_median"]).mean())
        ent_removal = {s["indicator"]: s["removal_rank_shift"] for s in ent["sensitivity"]}
        line["removal_shift_max_abs_diff"] = float(
            max(abs(ent_removal[key] - r) for key, r in zip(inp["indicators"], result["removal"]))
        )
    except FileNotFoundError:
        pass
    print(json.dumps(line))


if __name__ == "__main__":
    main()
