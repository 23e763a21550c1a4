"""Parity fixtures for the Java side.

    python3 -m vigil_flows.fixtures --model DIR --flows CSV --rows 300 --out DIR [--entity IP --prefix P]

Writes into --out:
  flows-sample.csv     the header and the first --rows data rows of --flows, byte for byte (with
                       --entity: the first --rows rows whose src_ip is IP); row indices in the
                       other files count the data rows of this sample file from 0
  sequences.json       every sequence of that sample (canonical order): index, key, entity, start,
                       first_row, rows, label, n_real and the 16x11 normalised float32 matrix
  reference-scores.csv seq_index,seq_key,score: the PyTorch model's score for every sequence
Numbers are float32 values written as the shortest decimal that reads back to the same float32.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import List, Optional

import numpy as np

from . import data as D
from .runtime import features, load_model, score


def f32(v) -> str:
    return np.format_float_positional(np.float32(v), unique=True, trim="-") if abs(float(v)) >= 1e-4 or v == 0 \
        else np.format_float_scientific(np.float32(v), unique=True, trim="-")


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m vigil_flows.fixtures", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--name", default=None)
    p.add_argument("--flows", required=True)
    p.add_argument("--rows", type=int, default=300)
    p.add_argument("--out", required=True)
    p.add_argument("--entity", default=None, help="only rows with this src_ip")
    p.add_argument("--prefix", default="", help="prefix of the three output file names")
    a = p.parse_args(argv)

    import torch
    torch.set_num_threads(1)
    os.makedirs(a.out, exist_ok=True)
    sample_name = f"{a.prefix}flows-sample.csv"
    sample = os.path.join(a.out, sample_name)
    with open(a.flows, newline="", encoding="utf-8") as src, open(sample, "w", newline="", encoding="utf-8") as dst:
        header = src.readline()
        dst.write(header)
        col = next(csv.reader([header])).index("src_ip")
        kept = 0
        for line in src:
            if kept >= a.rows:
                break
            if a.entity is not None and next(csv.reader([line]))[col] != a.entity:
                continue
            dst.write(line)
            kept += 1

    model, meta = load_model(a.model, a.name)
    flows = D.load_flows(sample)
    seqs = D.build_sequences(flows)
    x = features(seqs, meta)
    s = score(model, x)

    with open(os.path.join(a.out, f"{a.prefix}sequences.json"), "w") as fh:
        fh.write("{\n")
        fh.write(f'  "model": "{meta["version"]}",\n  "source": "{sample_name}",\n')
        fh.write(f'  "window": {D.WINDOW},\n  "stride": {D.STRIDE},\n  "features": {json.dumps(D.FEATURES)},\n')
        fh.write('  "sequences": [\n')
        for j, (q, m) in enumerate(zip(seqs, x)):
            rows = ",\n".join("      [" + ", ".join(f32(v) for v in r) + "]" for r in m)
            fh.write(f'    {{"index": {q.index}, "key": {json.dumps(q.key)}, "entity": {json.dumps(q.entity)}, '
                     f'"start": {q.start}, "first_row": {q.first_row}, "rows": {json.dumps(q.rows)}, '
                     f'"label": {q.label}, "n_real": {len(q.rows)},\n     "x": [\n{rows}]}}')
            fh.write(",\n" if j + 1 < len(seqs) else "\n")
        fh.write("  ]\n}\n")

    with open(os.path.join(a.out, f"{a.prefix}reference-scores.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["seq_index", "seq_key", "entity", "first_row", "n_real", "label", "score"])
        for q, v in zip(seqs, s):
            w.writerow([q.index, q.key, q.entity, q.first_row, len(q.rows), q.label, f"{float(v):.9f}"])
    print(json.dumps({"rows": len(flows), "sequences": len(seqs), "out": a.out}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
