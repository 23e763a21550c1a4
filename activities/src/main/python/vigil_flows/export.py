"""ONNX export (torch 1.13 built-in exporter) and an optional structural check."""
from __future__ import annotations

import torch

from .data import N_FEATURES, WINDOW


def export_onnx(model: torch.nn.Module, path: str, opset: int = 14) -> None:
    model.eval()
    dummy = torch.zeros(2, WINDOW, N_FEATURES)
    dummy[:, 0, 10] = 1.0
    with torch.no_grad():
        torch.onnx.export(
            model, (dummy,), path,
            input_names=["flows"], output_names=["score"],
            dynamic_axes={"flows": {0: "batch"}, "score": {0: "batch"}},
            opset_version=opset, do_constant_folding=True,
        )
    check_onnx(path)


def check_onnx(path: str) -> bool:
    """Validate with the `onnx` package when it is installed (Debian python3-onnx); skip otherwise."""
    try:
        import onnx  # type: ignore
    except ImportError:
        return False
    m = onnx.load(path)
    onnx.checker.check_model(m)
    ins = [(i.name, [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim]) for i in m.graph.input]
    outs = [(o.name, [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim]) for o in m.graph.output]
    assert ins == [("flows", ["batch", WINDOW, N_FEATURES])], ins
    assert outs == [("score", ["batch"])], outs
    return True
