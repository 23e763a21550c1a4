"""PyTorch inference timing for a trained model.

    python3 -m vigil_flows.bench --model DIR --sequences N [--batch B] [--device cpu|cuda] [--threads T]

Inputs are random valid sequences (random real-flow count 1..16, features drawn around the
normalised range, zero padding).  Prints sequences/s and flows/s (flows = 16 slots per sequence,
and real flows separately) and ends with one JSON line for the Java benchmark to compare.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from typing import List, Optional

import numpy as np
import torch

from . import data as D
from .runtime import load_model


def random_batch(n: int, rng: np.random.Generator) -> np.ndarray:
    x = np.zeros((n, D.WINDOW, D.N_FEATURES), dtype=np.float32)
    lens = rng.integers(1, D.WINDOW + 1, size=n)
    for i, k in enumerate(lens):
        x[i, :k, :6] = rng.normal(size=(k, 6))
        x[i, :k, 6] = rng.random(k)
        x[i, :k, 7] = (rng.random(k) < 0.5)
        x[i, :k, 8] = rng.random(k)
        x[i, 1:k, 9] = (rng.random(k - 1) < 0.5)
        x[i, :k, 10] = 1.0
    return x


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m vigil_flows.bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--name", default=None)
    p.add_argument("--sequences", type=int, default=100000)
    p.add_argument("--batch", type=int, default=1024)
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    p.add_argument("--threads", type=int, default=0, help="torch intra-op threads (0 = torch default)")
    p.add_argument("--warmup", type=int, default=3, help="warm-up batches")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)

    if a.threads > 0:
        torch.set_num_threads(a.threads)
    if a.device.startswith("cuda") and not torch.cuda.is_available():
        print("CUDA is not available in this torch build", file=sys.stderr)
        return 2
    dev = torch.device(a.device)
    model, meta = load_model(a.model, a.name)
    model.to(dev).eval()
    rng = np.random.default_rng(a.seed)
    pool = torch.from_numpy(random_batch(min(a.sequences, 8 * a.batch), rng))
    real_per_seq = float(pool[:, :, 10].sum() / len(pool))

    def sync():
        if dev.type == "cuda":
            torch.cuda.synchronize()

    with torch.inference_mode():
        for _ in range(a.warmup):
            model(pool[:a.batch].to(dev))
        sync()
        done, t0 = 0, time.perf_counter()
        while done < a.sequences:
            k = min(a.batch, a.sequences - done)
            off = done % max(1, len(pool) - k + 1)
            model(pool[off:off + k].to(dev))
            done += k
        sync()
        secs = time.perf_counter() - t0
    sps = done / secs
    print(f"model {meta['version']} on {a.device}: {done} sequences in {secs:.3f}s, batch {a.batch}")
    print(f"sequences/s {sps:,.0f}")
    print(f"flows/s {sps * D.WINDOW:,.0f} (16 slots per sequence); real flows/s {sps * real_per_seq:,.0f}")
    print(json.dumps({
        "bench": "pytorch", "model": meta["version"], "device": a.device, "threads": torch.get_num_threads(),
        "batch": a.batch, "sequences": done, "seconds": round(secs, 4),
        "sequences_per_s": round(sps, 1), "flows_per_s": round(sps * D.WINDOW, 1),
        "real_flows_per_s": round(sps * real_per_seq, 1), "torch": torch.__version__,
        "cpu": platform.processor() or platform.machine(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
