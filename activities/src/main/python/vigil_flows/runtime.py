"""Load a trained model directory (NAME.pt + NAME.json) and score flows with PyTorch."""
from __future__ import annotations

import glob
import json
import os
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch

from . import data as D
from .model import build_model


def model_paths(model_dir: str, name: Optional[str] = None) -> Tuple[str, str]:
    if name is None:
        pts = sorted(glob.glob(os.path.join(model_dir, "*.pt")))
        if len(pts) != 1:
            raise SystemExit(f"{model_dir}: expected exactly one *.pt (found {len(pts)}); pass --name")
        name = os.path.basename(pts[0])[:-3]
    return os.path.join(model_dir, f"{name}.pt"), os.path.join(model_dir, f"{name}.json")


def load_model(model_dir: str, name: Optional[str] = None) -> Tuple[torch.nn.Module, Dict]:
    pt, js = model_paths(model_dir, name)
    ck = torch.load(pt, map_location="cpu")
    model = build_model(ck["config"])
    model.load_state_dict(ck["state_dict"])
    model.eval()
    with open(js) as fh:
        meta = json.load(fh)
    return model, meta


def features(seqs: List[D.FlowSequence], meta: Dict) -> np.ndarray:
    n = meta["normalisation"]
    return D.normalise(D.raw_tensor(seqs), n["mean"], n["std"])


@torch.no_grad()
def score(model: torch.nn.Module, x: np.ndarray, batch: int = 1024) -> np.ndarray:
    model.eval()
    out = [model(torch.from_numpy(np.ascontiguousarray(x[i:i + batch]))).numpy() for i in range(0, len(x), batch)]
    return np.concatenate(out).astype(np.float32) if out else np.zeros(0, dtype=np.float32)
