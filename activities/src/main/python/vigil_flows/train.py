"""Train the flow-sequence model, export it to ONNX and write its metadata.

    python3 -m vigil_flows.train --flows FLOWS.csv --out DIR [--labels] [--epochs N] [--seed S]

The input file is split by time: the earlier --train-fraction (default 0.6) of the rows, ordered by
(ts, row), is the training part; the rest is the evaluation part (metrics written to the JSON).
Without --labels training is self-supervised (reconstruction, labels never read).  With --labels the
self-supervised model is then fine-tuned with a logistic head on the labelled training sequences and
`score` becomes the predicted probability.  --val-fraction F holds out the later F of the training
part as a validation slice (hyper-parameter tuning only; the evaluation part is never used for it).
--members N trains N models alike from seeds S, S+1, ... and exports their mean score as one model
(same input and output), which depends much less on the seed than one model does.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sys
import time
from typing import Dict, List, Optional

import numpy as np
import torch

from . import data as D
from .export import export_onnx
from .metrics import summary
from .model import Ensemble, build_model
from .runtime import score

VERSION = "flow-seq-v1"
OPSET = 14


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, tz=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def part_info(flows: List[D.Flow], seqs: List[D.FlowSequence]) -> Dict:
    if not flows:
        return {"rows": 0}
    return {
        "rows": len(flows),
        "malicious_rows": int(sum(f.label for f in flows)),
        "ts_min": min(f.ts for f in flows), "ts_max": max(f.ts for f in flows),
        "time_min_utc": iso(min(f.ts for f in flows)), "time_max_utc": iso(max(f.ts for f in flows)),
        "sequences": len(seqs), "malicious_sequences": int(sum(s.label for s in seqs)),
        "entities": len({f.src_ip for f in flows}),
    }


def fit_selfsup(model, x: np.ndarray, epochs: int, lr: float, batch: int, weighting: str, log) -> List[float]:
    xt = torch.from_numpy(x)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=max(1, epochs))
    g = torch.Generator().manual_seed(int(torch.initial_seed()) % (2 ** 31))
    losses = []
    for ep in range(epochs):
        model.train()
        perm = torch.randperm(len(xt), generator=g)
        tot, cnt = 0.0, 0
        for i in range(0, len(xt), batch):
            xb = xt[perm[i:i + batch]]
            err, mask, _ = model.flow_errors(xb)
            if weighting == "flow":
                loss = err.sum() / mask.sum()
            else:   # every sequence counts the same, as in the score
                loss = (err.sum(1) / mask.sum(1).clamp(min=1.0)).mean()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            tot += float(loss) * len(xb)
            cnt += len(xb)
        sched.step()
        losses.append(tot / max(1, cnt))
        if ep == 0 or (ep + 1) % 10 == 0 or ep == epochs - 1:
            log(f"  self-supervised epoch {ep + 1}/{epochs} loss {losses[-1]:.5f}")
    return losses


def fit_supervised(model, x: np.ndarray, y: np.ndarray, epochs: int, lr: float, batch: int,
                   recon_weight: float, log) -> List[float]:
    xt, yt = torch.from_numpy(x), torch.from_numpy(y.astype(np.float32))
    pos = float(yt.sum())
    neg = float(len(yt) - pos)
    pos_weight = torch.tensor(neg / pos if pos > 0 and neg > 0 else 1.0)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    g = torch.Generator().manual_seed(int(torch.initial_seed()) % (2 ** 31) + 1)
    bce = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    losses = []
    for ep in range(epochs):
        model.train()
        perm = torch.randperm(len(xt), generator=g)
        tot, cnt = 0.0, 0
        for i in range(0, len(xt), batch):
            idx = perm[i:i + batch]
            xb, yb = xt[idx], yt[idx]
            loss = bce(model.logit(xb), yb)
            if recon_weight > 0:
                err, mask, _ = model.flow_errors(xb)
                loss = loss + recon_weight * (err.sum(1) / mask.sum(1).clamp(min=1.0)).mean()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            tot += float(loss) * len(xb)
            cnt += len(xb)
        losses.append(tot / max(1, cnt))
        if ep == 0 or (ep + 1) % 10 == 0 or ep == epochs - 1:
            log(f"  fine-tune epoch {ep + 1}/{epochs} loss {losses[-1]:.5f}")
    return losses


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m vigil_flows.train", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--flows", required=True, help="normalised flow CSV or Zeek conn.log")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--name", default=VERSION, help="model file stem and version (default flow-seq-v1)")
    p.add_argument("--labels", action="store_true", help="fine-tune with the training labels (logistic head)")
    p.add_argument("--epochs", type=int, default=40, help="self-supervised epochs")
    p.add_argument("--ft-epochs", type=int, default=20, help="fine-tuning epochs (with --labels)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--members", type=int, default=1,
                   help="models trained alike from seeds seed, seed+1, ...; the exported model is their mean score")
    p.add_argument("--train-fraction", type=float, default=0.6)
    p.add_argument("--val-fraction", type=float, default=0.0,
                   help="hold out the later part of the training part for validation (tuning only)")
    p.add_argument("--d-model", type=int, default=32)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--ff", type=int, default=64)
    p.add_argument("--latent", type=int, default=8)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--ft-lr", type=float, default=1e-3)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--loss-weighting", choices=["sequence", "flow"], default="sequence")
    p.add_argument("--feature-weighting", choices=["inv-var", "none"], default="inv-var")
    p.add_argument("--recon-weight", type=float, default=0.1, help="reconstruction loss weight while fine-tuning")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--no-export", action="store_true", help="skip the ONNX export (tuning runs)")
    a = p.parse_args(argv)
    if a.members < 1:
        p.error(f"--members must be at least 1, got {a.members}")

    t_start = time.time()
    torch.set_num_threads(a.threads)
    set_seed(a.seed)
    log = lambda m: print(m, file=sys.stderr, flush=True)

    flows = D.load_flows(a.flows)
    train_flows, eval_flows = D.time_split(flows, a.train_fraction)
    fit_flows, val_flows = (D.time_split(train_flows, 1.0 - a.val_fraction) if a.val_fraction > 0
                            else (train_flows, []))
    fit_seqs = D.build_sequences(fit_flows)
    val_seqs = D.build_sequences(val_flows)
    eval_seqs = D.build_sequences(eval_flows)
    log(f"{a.flows}: {len(flows)} flows; fit {len(fit_flows)} flows / {len(fit_seqs)} sequences, "
        f"validation {len(val_flows)} / {len(val_seqs)}, evaluation {len(eval_flows)} / {len(eval_seqs)}")

    raw_fit = D.raw_tensor(fit_seqs)
    mean, std = D.fit_normaliser(raw_fit)
    x_fit = D.normalise(raw_fit, mean, std)
    x_val = D.normalise(D.raw_tensor(val_seqs), mean, std)
    x_eval = D.normalise(D.raw_tensor(eval_seqs), mean, std)

    real = x_fit[x_fit[:, :, 10] > 0.5][:, :D.N_RECON].astype(np.float64)
    if a.feature_weighting == "inv-var":
        weights = 1.0 / np.maximum(real.var(axis=0), 1e-2)
    else:
        weights = np.ones(D.N_RECON)

    cfg = dict(kind="autoencoder", d=a.d_model, heads=a.heads, layers=a.layers, ff=a.ff, latent=a.latent,
               head=False)
    y_fit = D.labels_of(fit_seqs)
    members: List[torch.nn.Module] = []
    ss_losses: List[List[float]] = []
    ft_losses: List[List[float]] = []
    # Each member's scores before fine-tuning, so the self-supervised figures are the ensemble's too.
    selfsup_scores: Dict[str, List[np.ndarray]] = {"validation": [], "evaluation": []}
    for m in range(a.members):
        set_seed(a.seed + m)
        member = build_model(cfg, feature_weights=weights)
        log(f"member {m + 1}/{a.members} (seed {a.seed + m}): model {cfg}, "
            f"{sum(p.numel() for p in member.parameters())} parameters")
        ss_losses.append(fit_selfsup(member, x_fit, a.epochs, a.lr, a.batch, a.loss_weighting, log))
        if a.labels:
            selfsup_scores["validation"].append(score(member, x_val))
            selfsup_scores["evaluation"].append(score(member, x_eval))
            member.use_head = True
            member.config["head"] = True
            ft_losses.append(fit_supervised(member, x_fit, y_fit, a.ft_epochs, a.ft_lr, a.batch, a.recon_weight, log))
        members.append(member)
    model = members[0] if a.members == 1 else Ensemble(members)
    n_params = sum(p.numel() for p in model.parameters())

    metrics: Dict = {}

    def measure(tag: str, scores: np.ndarray, seqs: List[D.FlowSequence]) -> None:
        if len(seqs) == 0:
            return
        m = summary(D.labels_of(seqs), scores)
        metrics[tag] = m
        log(f"  {tag}: {json.dumps(m)}")

    if a.labels:
        measure("selfsup_validation", np.mean(selfsup_scores["validation"], axis=0), val_seqs)
        measure("selfsup_evaluation", np.mean(selfsup_scores["evaluation"], axis=0), eval_seqs)
    measure("validation", score(model, x_val), val_seqs)
    measure("evaluation", score(model, x_eval), eval_seqs)
    model.eval()

    os.makedirs(a.out, exist_ok=True)
    torch.save({"config": model.config, "state_dict": model.state_dict(), "mean": mean, "std": std},
               os.path.join(a.out, f"{a.name}.pt"))
    meta = {
        "version": a.name,
        "format": "onnx",
        "model_file": f"{a.name}.onnx",
        "opset": OPSET,
        "producer": f"torch {torch.__version__} torch.onnx.export",
        "input": {"name": "flows", "dtype": "float32", "shape": ["batch", D.WINDOW, D.N_FEATURES]},
        "output": {"name": "score", "dtype": "float32", "shape": ["batch"],
                   "meaning": ("probability that the sequence is malicious (fine-tuned head)" if a.labels else
                               "mean weighted squared reconstruction error over real flows; higher = more anomalous")},
        "features": D.FEATURES,
        "normalisation": {
            "standardised_features": list(range(D.N_STANDARDISED)),
            "mean": mean, "std": std, "std_floor": D.STD_FLOOR,
            "rule": "x[f] = (x[f] - mean[f]) / std[f] for f in 0..5 on real flows; features 6..10 unchanged; padding rows all 0",
        },
        "sequencing": {"entity": "src_ip", "order": ["ts", "row"], "window": D.WINDOW, "stride": D.STRIDE,
                       "tail": "last window starts at n-L when the stride grid misses the last flow",
                       "short": "n <= L: one window, zero padded at the end",
                       "label": "1 if any real flow is malicious"},
        "architecture": dict(model.config, parameters=n_params,
                             reconstruction_weights=[float(w) for w in weights],
                             description=("transformer autoencoder: 2 pre-LN self-attention blocks, masked mean pool, "
                                          "tanh bottleneck, 2 decoder blocks, linear -> features 0..9"
                                          + (f"; the mean score of {a.members} such models, trained alike from seeds "
                                             f"{a.seed}..{a.seed + a.members - 1}" if a.members > 1 else ""))),
        "training": {
            "data_file": os.path.basename(a.flows),
            "data_sha256": sha256(a.flows),
            "data_rows": len(flows),
            "split": {"method": "rows ordered by (ts, row); earlier fraction trains, the rest evaluates",
                      "train_fraction": a.train_fraction, "validation_fraction_of_train": a.val_fraction},
            "fit": part_info(fit_flows, fit_seqs),
            "validation": part_info(val_flows, val_seqs),
            "evaluation": part_info(eval_flows, eval_seqs),
            "labels_used": bool(a.labels),
            "settings": {"seed": a.seed, "members": a.members, "epochs": a.epochs,
                         "ft_epochs": a.ft_epochs if a.labels else 0,
                         "lr": a.lr, "ft_lr": a.ft_lr if a.labels else None, "batch": a.batch,
                         "optimizer": "AdamW(weight_decay=1e-4), cosine LR, grad clip 1.0",
                         "loss_weighting": a.loss_weighting, "feature_weighting": a.feature_weighting,
                         "recon_weight_while_fine_tuning": a.recon_weight if a.labels else None,
                         "threads": a.threads, "device": "cpu"},
            "final_loss": float(np.mean([losses[-1] for losses in ss_losses])) if a.epochs > 0 else None,
            "final_fine_tune_loss": (float(np.mean([losses[-1] for losses in ft_losses]))
                                     if ft_losses and a.ft_epochs > 0 else None),
            "command": "python3 -m vigil_flows.train " + " ".join(argv if argv is not None else sys.argv[1:]),
        },
        "metrics": metrics,
    }
    if not a.no_export:
        onnx_path = os.path.join(a.out, f"{a.name}.onnx")
        export_onnx(model, onnx_path, OPSET)
        meta["onnx_bytes"] = os.path.getsize(onnx_path)
    with open(os.path.join(a.out, f"{a.name}.json"), "w") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    log(f"done in {time.time() - t_start:.1f}s -> {a.out}")
    print(json.dumps({"metrics": metrics, "seconds": round(time.time() - t_start, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
