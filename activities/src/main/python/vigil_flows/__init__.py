"""Flow-sequence model (Vigil, DESIGN.md section 5): data contract, training, ONNX export, evaluation."""
