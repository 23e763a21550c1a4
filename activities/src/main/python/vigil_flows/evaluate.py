"""Evaluate a trained model on a flow file (ROC-AUC and PR-AUC over sequence labels).

    python3 -m vigil_flows.evaluate --model DIR --flows FILE [--part later|earlier|all]
                                    [--train-fraction 0.6] [--unit sequence|flow] [--record KEY]

--part later evaluates the later (1 - train-fraction) of the rows by (ts, row), i.e. the part a
model trained with the same fraction on the same file never saw.  --unit flow is a supplementary
view: every flow becomes its own one-flow sequence (padded), so a capture whose later part has no
benign 16-flow window can still be measured per flow.  --record KEY stores the result in the
model's JSON under metrics.KEY (with the command).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import List, Optional

from . import data as D
from .metrics import summary
from .runtime import features, load_model, model_paths, score


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m vigil_flows.evaluate", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--name", default=None)
    p.add_argument("--flows", required=True)
    p.add_argument("--part", choices=["later", "earlier", "all"], default="all")
    p.add_argument("--train-fraction", type=float, default=0.6)
    p.add_argument("--unit", choices=["sequence", "flow"], default="sequence")
    p.add_argument("--record", default=None, help="write the result into the model JSON under metrics.KEY")
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args(argv)

    import torch
    torch.set_num_threads(a.threads)
    model, meta = load_model(a.model, a.name)
    flows = D.load_flows(a.flows)
    if a.part != "all":
        early, late = D.time_split(flows, a.train_fraction)
        flows = late if a.part == "later" else early
    if a.unit == "sequence":
        seqs = D.build_sequences(flows)
    else:
        seqs = [D.FlowSequence(index=i, entity=f.src_ip, start=0, rows=[f.row], label=f.label, flows=[f])
                for i, f in enumerate(D.time_order(flows))]
    s = score(model, features(seqs, meta))
    result = summary(D.labels_of(seqs), s)
    result.update({"data_file": os.path.basename(a.flows), "part": a.part, "train_fraction": a.train_fraction,
                   "unit": a.unit, "flows": len(flows),
                   "command": "python3 -m vigil_flows.evaluate " + " ".join(argv if argv is not None else sys.argv[1:])})
    line = json.dumps(result)
    print(line)
    if a.record:
        _, js = model_paths(a.model, a.name)
        meta.setdefault("metrics", {})[a.record] = result
        with open(js, "w") as fh:
            json.dump(meta, fh, indent=2)
            fh.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
