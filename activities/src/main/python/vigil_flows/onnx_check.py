"""A tiny numpy interpreter for the ONNX operators this model exports to.

ONNX Runtime is not available from Debian, so this is how the Python side checks that the exported
graph computes what PyTorch computes (the Java side checks ONNX Runtime against the fixtures).
Needs the `onnx` package (Debian python3-onnx) to read the file.

    python3 -m vigil_flows.onnx_check --model DIR [--sequences N]
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Dict, List, Optional

import numpy as np

_erf = np.vectorize(math.erf, otypes=[np.float64])


def _attrs(node) -> Dict:
    from onnx import helper
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def run_onnx(path: str, feeds: Dict[str, np.ndarray]) -> Dict[str, np.ndarray]:
    import onnx
    from onnx import numpy_helper
    m = onnx.load(path)
    env: Dict[str, np.ndarray] = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    env.update(feeds)
    for node in m.graph.node:
        at = _attrs(node)
        x = [env[i] if i else None for i in node.input]
        op = node.op_type
        if op == "Constant":
            y = numpy_helper.to_array(at["value"])
        elif op in ("Add", "Sub", "Mul", "Div", "Pow"):
            f = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide, "Pow": np.power}[op]
            y = f(x[0], x[1]).astype(x[0].dtype)
        elif op == "MatMul":
            y = np.matmul(x[0], x[1])
        elif op == "Gemm":
            a = x[0].T if at.get("transA", 0) else x[0]
            b = x[1].T if at.get("transB", 0) else x[1]
            y = at.get("alpha", 1.0) * (a @ b)
            if len(x) > 2 and x[2] is not None:
                y = y + at.get("beta", 1.0) * x[2]
            y = y.astype(np.float32)
        elif op == "Unsqueeze":
            y = x[0]
            axes = sorted(int(v) % (x[0].ndim + len(x[1])) for v in x[1])
            for ax in axes:
                y = np.expand_dims(y, ax)
        elif op == "Squeeze":
            y = np.squeeze(x[0], axis=tuple(int(v) for v in x[1])) if len(x) > 1 else np.squeeze(x[0])
        elif op == "ReduceMean":
            y = np.mean(x[0], axis=tuple(at["axes"]), keepdims=bool(at.get("keepdims", 1))).astype(x[0].dtype)
        elif op == "ReduceSum":
            axes = tuple(int(v) for v in x[1]) if len(x) > 1 and x[1] is not None else None
            y = np.sum(x[0], axis=axes, keepdims=bool(at.get("keepdims", 1))).astype(x[0].dtype)
        elif op == "Concat":
            y = np.concatenate(x, axis=at["axis"])
        elif op == "Reshape":
            shape = [int(s) if s != 0 else x[0].shape[i] for i, s in enumerate(x[1])]
            y = x[0].reshape(shape)
        elif op == "Transpose":
            y = np.transpose(x[0], at.get("perm"))
        elif op == "Gather":
            y = np.take(x[0], x[1], axis=at.get("axis", 0))
        elif op == "Shape":
            y = np.asarray(x[0].shape, dtype=np.int64)
        elif op == "Slice":
            starts, ends = x[1], x[2]
            axes = x[3] if len(x) > 3 and x[3] is not None else range(len(starts))
            steps = x[4] if len(x) > 4 and x[4] is not None else [1] * len(starts)
            sl = [slice(None)] * x[0].ndim
            for s, e, ax, st in zip(starts, ends, axes, steps):
                sl[int(ax)] = slice(int(s), int(e), int(st))
            y = x[0][tuple(sl)]
        elif op == "Softmax":
            ax = at.get("axis", -1)
            e = np.exp(x[0] - x[0].max(axis=ax, keepdims=True))
            y = (e / e.sum(axis=ax, keepdims=True)).astype(x[0].dtype)
        elif op == "Sqrt":
            y = np.sqrt(x[0])
        elif op == "Erf":
            y = _erf(x[0]).astype(x[0].dtype)
        elif op == "Tanh":
            y = np.tanh(x[0])
        elif op == "Sigmoid":
            y = (1.0 / (1.0 + np.exp(-x[0]))).astype(x[0].dtype)
        elif op == "Log":
            y = np.log(x[0])
        elif op == "Clip":
            lo = x[1] if len(x) > 1 and x[1] is not None else -np.inf
            hi = x[2] if len(x) > 2 and x[2] is not None else np.inf
            y = np.clip(x[0], lo, hi).astype(x[0].dtype)
        elif op == "Cast":
            from onnx import helper
            y = x[0].astype(helper.tensor_dtype_to_np_dtype(at["to"]))
        else:
            raise NotImplementedError(f"ONNX op {op} not supported by the numpy checker")
        for name, val in zip(node.output, [y]):
            env[name] = np.asarray(val)
    return {o.name: env[o.name] for o in m.graph.output}


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m vigil_flows.onnx_check", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--name", default=None)
    p.add_argument("--sequences", type=int, default=512)
    a = p.parse_args(argv)
    import os
    import torch
    from .bench import random_batch
    from .runtime import load_model, model_paths, score
    model, meta = load_model(a.model, a.name)
    x = random_batch(a.sequences, np.random.default_rng(1))
    ref = score(model, x)
    got = run_onnx(os.path.join(a.model, meta["model_file"]), {"flows": x})["score"]
    diff = float(np.max(np.abs(got.astype(np.float64) - ref)))
    ok = got.shape == ref.shape and diff <= 1e-4
    print(json.dumps({"sequences": a.sequences, "max_abs_diff": diff, "ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
