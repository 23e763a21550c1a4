"""Flow loading, sequencing and per-flow features (the contract shared with the Java side).

Everything here is plain Python + numpy so that it can be read side by side with the Java
implementation.  See docs/flow-model.md for the written contract.
"""
from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

WINDOW = 16          # L
STRIDE = 8           # S
N_FEATURES = 11      # F
N_RECON = 10         # features 0..9 are reconstructed, 10 is the mask
N_STANDARDISED = 6   # features 0..5 are standardised
STD_FLOOR = 1e-6

FEATURES = [
    "log1p_duration",
    "log1p_fwd_bytes",
    "log1p_bwd_bytes",
    "log1p_fwd_pkts",
    "log1p_bwd_pkts",
    "log1p_gap_prev_s",
    "dst_port_div_65535",
    "dst_port_lt_1024",
    "src_port_div_65535",
    "dst_ip_changed",
    "mask",
]


@dataclass
class Flow:
    row: int            # 0-based index of the data row in the input file (header/comments excluded)
    ts: float
    duration: float
    src_ip: str
    src_port: int
    dst_ip: str
    dst_port: int
    fwd_bytes: float
    bwd_bytes: float
    fwd_pkts: float
    bwd_pkts: float
    label: int          # 1 = malicious, 0 = anything else (benign, background, missing)


@dataclass
class FlowSequence:
    index: int                  # position in the canonical sequence order
    entity: str                 # src_ip
    start: int                  # index of the first flow inside the entity's ordered group
    rows: List[int]             # input row indices of the real flows (len 1..16)
    label: int                  # 1 if any real flow is malicious
    flows: List[Flow] = field(repr=False, default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.entity}#{self.start}"

    @property
    def first_row(self) -> int:
        return self.rows[0]


# ----------------------------------------------------------------------------------------------
# Loading
# ----------------------------------------------------------------------------------------------

def _num(v: Optional[str]) -> float:
    """Numeric cell; empty, '-', '(empty)' and unparsable/non-finite values mean 0."""
    if v is None:
        return 0.0
    v = v.strip()
    if v in ("", "-", "(empty)"):
        return 0.0
    try:
        x = float(v)
    except ValueError:
        return 0.0
    return x if math.isfinite(x) else 0.0


def _port(v: Optional[str]) -> int:
    return int(_num(v))


def label_value(v: Optional[str]) -> int:
    """'Malicious' (any case), '1' or 'true' -> 1; everything else (Benign, Background, '-', '') -> 0."""
    if v is None:
        return 0
    s = v.strip().lower()
    return 1 if s in ("malicious", "1", "true") else 0


_ZEEK_MAP = {
    "ts": "ts", "duration": "duration",
    "id.orig_h": "src_ip", "id.orig_p": "src_port", "id.resp_h": "dst_ip", "id.resp_p": "dst_port",
    "orig_bytes": "fwd_bytes", "resp_bytes": "bwd_bytes", "orig_pkts": "fwd_pkts", "resp_pkts": "bwd_pkts",
    "label": "label",
}


def _record(row: int, d: Dict[str, str]) -> Flow:
    return Flow(
        row=row,
        ts=_num(d.get("ts")),
        duration=_num(d.get("duration")),
        src_ip=(d.get("src_ip") or "").strip(),
        src_port=_port(d.get("src_port")),
        dst_ip=(d.get("dst_ip") or "").strip(),
        dst_port=_port(d.get("dst_port")),
        fwd_bytes=_num(d.get("fwd_bytes")),
        bwd_bytes=_num(d.get("bwd_bytes")),
        fwd_pkts=_num(d.get("fwd_pkts")),
        bwd_pkts=_num(d.get("bwd_pkts")),
        label=label_value(d.get("label")),
    )


def _load_zeek(lines: Iterable[str]) -> List[Flow]:
    # IoT-23 separates the last three fields with 3 spaces instead of a tab: split on both.
    splitter = re.compile(r"\t| {2,}")
    fields: Optional[List[str]] = None
    out: List[Flow] = []
    for line in lines:
        line = line.rstrip("\r\n")
        if not line:
            continue
        if line.startswith("#"):
            if line.startswith("#fields"):
                fields = splitter.split(line)[1:]
            continue
        if fields is None:
            raise ValueError("Zeek log without a #fields header line")
        values = splitter.split(line)
        d = {}
        for name, value in zip(fields, values):
            key = _ZEEK_MAP.get(name)
            if key is not None:
                d[key] = value
        out.append(_record(len(out), d))
    return out


def load_flows(path: str) -> List[Flow]:
    """Load flows from the normalised CSV (columns ts,duration,src_ip,src_port,dst_ip,dst_port,
    fwd_bytes,bwd_bytes,fwd_pkts,bwd_pkts[,label]) or from a Zeek conn.log (detected by a leading '#')."""
    with open(path, newline="", encoding="utf-8") as fh:
        first = fh.readline()
        fh.seek(0)
        if first.startswith("#"):
            return _load_zeek(fh)
        reader = csv.DictReader(fh)
        return [_record(i, d) for i, d in enumerate(reader)]


def time_order(flows: Sequence[Flow]) -> List[Flow]:
    return sorted(flows, key=lambda f: (f.ts, f.row))


def time_split(flows: Sequence[Flow], fraction: float = 0.6) -> Tuple[List[Flow], List[Flow]]:
    """Earlier `fraction` of the rows by (ts, row) and the rest. Rows keep their input row index."""
    ordered = time_order(flows)
    cut = int(math.floor(fraction * len(ordered)))
    return ordered[:cut], ordered[cut:]


# ----------------------------------------------------------------------------------------------
# Sequencing
# ----------------------------------------------------------------------------------------------

def window_starts(n: int, window: int = WINDOW, stride: int = STRIDE) -> List[int]:
    if n <= window:
        return [0]
    starts = list(range(0, n - window + 1, stride))
    if starts[-1] + window < n:
        starts.append(n - window)
    return starts


def build_sequences(flows: Sequence[Flow], window: int = WINDOW, stride: int = STRIDE) -> List[FlowSequence]:
    """Group by src_ip, order each group by (ts, row), cut windows.

    Canonical order of the result: entities by their first row index (smallest input row of the
    entity within `flows`), then window start."""
    groups: Dict[str, List[Flow]] = {}
    for f in flows:
        groups.setdefault(f.src_ip, []).append(f)
    entities = sorted(groups, key=lambda e: min(f.row for f in groups[e]))
    out: List[FlowSequence] = []
    for e in entities:
        g = sorted(groups[e], key=lambda f: (f.ts, f.row))
        for s in window_starts(len(g), window, stride):
            part = g[s:s + window]
            out.append(FlowSequence(index=len(out), entity=e, start=s, rows=[f.row for f in part],
                                    label=max(f.label for f in part), flows=list(part)))
    return out


# ----------------------------------------------------------------------------------------------
# Features
# ----------------------------------------------------------------------------------------------

def raw_features(seq: FlowSequence, window: int = WINDOW) -> np.ndarray:
    """[window, 11] float64, padding rows all zero."""
    x = np.zeros((window, N_FEATURES), dtype=np.float64)
    prev: Optional[Flow] = None
    for i, f in enumerate(seq.flows):
        gap = 0.0 if prev is None else max(0.0, f.ts - prev.ts)
        x[i, 0] = math.log1p(max(0.0, f.duration))
        x[i, 1] = math.log1p(max(0.0, f.fwd_bytes))
        x[i, 2] = math.log1p(max(0.0, f.bwd_bytes))
        x[i, 3] = math.log1p(max(0.0, f.fwd_pkts))
        x[i, 4] = math.log1p(max(0.0, f.bwd_pkts))
        x[i, 5] = math.log1p(gap)
        x[i, 6] = f.dst_port / 65535.0
        x[i, 7] = 1.0 if f.dst_port < 1024 else 0.0
        x[i, 8] = f.src_port / 65535.0
        x[i, 9] = 0.0 if prev is None else (1.0 if f.dst_ip != prev.dst_ip else 0.0)
        x[i, 10] = 1.0
        prev = f
    return x


def raw_tensor(seqs: Sequence[FlowSequence]) -> np.ndarray:
    """[n, 16, 11] float64 raw features."""
    if not seqs:
        return np.zeros((0, WINDOW, N_FEATURES))
    return np.stack([raw_features(s) for s in seqs])


def fit_normaliser(raw: np.ndarray) -> Tuple[List[float], List[float]]:
    """Mean and population std (ddof 0, floored at 1e-6) of features 0..5 over every real row of
    every training window (a flow inside two overlapping windows counts twice)."""
    real = raw[raw[:, :, 10] > 0.5][:, :N_STANDARDISED]
    mean = real.mean(axis=0)
    std = np.maximum(real.std(axis=0), STD_FLOOR)
    return [float(v) for v in mean], [float(v) for v in std]


def normalise(raw: np.ndarray, mean: Sequence[float], std: Sequence[float]) -> np.ndarray:
    """float32 normalised tensor: features 0..5 -> (x - mean) / std on real rows (computed in float64,
    then rounded to float32); 6..10 unchanged; padding rows stay all zero."""
    x = raw.astype(np.float64).copy()
    real = x[..., 10] > 0.5
    m = np.asarray(mean, dtype=np.float64)
    s = np.asarray(std, dtype=np.float64)
    x[..., :N_STANDARDISED] = np.where(real[..., None], (x[..., :N_STANDARDISED] - m) / s, 0.0)
    x[~real] = 0.0
    return x.astype(np.float32)


def labels_of(seqs: Sequence[FlowSequence]) -> np.ndarray:
    return np.asarray([s.label for s in seqs], dtype=np.int64)
