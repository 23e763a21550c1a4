"""ROC-AUC and PR-AUC (average precision) with numpy only."""
from __future__ import annotations

import math

import numpy as np


def _average_ranks(x: np.ndarray) -> np.ndarray:
    order = np.argsort(x, kind="mergesort")
    xs = x[order]
    ranks = np.empty(len(x), dtype=np.float64)
    i = 0
    n = len(x)
    while i < n:
        j = i
        while j + 1 < n and xs[j + 1] == xs[i]:
            j += 1
        ranks[order[i:j + 1]] = 0.5 * (i + j) + 1.0
        i = j + 1
    return ranks


def roc_auc(labels, scores) -> float:
    """Mann-Whitney U / (n_pos * n_neg), ties count one half. NaN if a class is missing."""
    y = np.asarray(labels).astype(bool)
    s = np.asarray(scores, dtype=np.float64)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return math.nan
    r = _average_ranks(s)
    return float((r[y].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def pr_auc(labels, scores) -> float:
    """Average precision: sum over distinct thresholds (descending) of (R_k - R_{k-1}) * P_k."""
    y = np.asarray(labels).astype(np.float64)
    s = np.asarray(scores, dtype=np.float64)
    n_pos = y.sum()
    if n_pos == 0:
        return math.nan
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    tp = np.cumsum(y)
    fp = np.cumsum(1.0 - y)
    last = np.r_[np.nonzero(np.diff(s))[0], len(s) - 1]   # last index of each distinct score
    tp, fp = tp[last], fp[last]
    precision = tp / (tp + fp)
    recall = tp / n_pos
    prev = np.r_[0.0, recall[:-1]]
    return float(np.sum((recall - prev) * precision))


def _json_num(v: float):
    """NaN (metric undefined, e.g. one class missing) becomes None so the JSON stays strict."""
    return None if isinstance(v, float) and math.isnan(v) else v


def summary(labels, scores) -> dict:
    """Counts, ROC-AUC and PR-AUC; an undefined metric is None (JSON null)."""
    y = np.asarray(labels)
    return {
        "sequences": int(len(y)),
        "positives": int(y.sum()),
        "negatives": int(len(y) - y.sum()),
        "roc_auc": _json_num(roc_auc(labels, scores)),
        "pr_auc": _json_num(pr_auc(labels, scores)),
    }
