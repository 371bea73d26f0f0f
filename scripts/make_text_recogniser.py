"""Makes companion/photos/models/PP-OCRv6_rec_small_int8.onnx from the recogniser in the rapidocr
wheel: the same network with the weights of its largest layers stored as 8-bit integers (ONNX
Runtime's dynamic quantisation), so the photo worker holds 11 MB less.

    python -m venv /tmp/q
    /tmp/q/bin/pip install onnx==1.23.2 onnxruntime==1.32.0 rapidocr==3.10.0
    /tmp/q/bin/python scripts/make_text_recogniser.py

Quantised: every MatMul that has weights, and the five largest 1x1 convolutions (at least
147,456 weights each), unsigned 8-bit, per tensor. Measured on 432 names written 14-26 px high
on 1,600 px photos (November 2026): the name rules found 402 with it, 400 with the original,
none wrongly; every MatMul and Conv quantised read 5 of 72. Not run at install or at run time:
the file it makes ships with Postguard (its SHA-256 is in companion/photos/models/__init__.py).
"""

from __future__ import annotations

import os

# Before onnxruntime loads: no device id, event store or usage report (see
# companion/photos/runtime.py), here as in Postguard itself.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

import hashlib
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.quantization.shape_inference import quant_pre_process

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "companion" / "photos" / "models" / "PP-OCRv6_rec_small_int8.onnx"
MIN_CONV_WEIGHTS = 147_456


def main() -> None:
    import rapidocr

    source = Path(rapidocr.__file__).parent / "models" / "PP-OCRv6_rec_small.onnx"
    with tempfile.TemporaryDirectory() as scratch:
        prepared = Path(scratch) / "prepared.onnx"
        # Symbolic shape inference fails on this network; the rest of the preparation is kept.
        quant_pre_process(str(source), str(prepared), skip_symbolic_shape=True)
        model = onnx.load(str(prepared))
        weights = {t.name: t for t in model.graph.initializer}
        nodes = [
            n.name for n in model.graph.node if n.op_type == "MatMul" and _weighted(n, weights)
        ]
        nodes += [
            n.name
            for n in model.graph.node
            if n.op_type == "Conv"
            and list(weights[n.input[1]].dims)[2:] == [1, 1]
            and int(np.prod(weights[n.input[1]].dims)) >= MIN_CONV_WEIGHTS
        ]
        quantize_dynamic(
            str(prepared),
            str(OUT),
            nodes_to_quantize=nodes,
            op_types_to_quantize=["MatMul", "Conv"],
            weight_type=QuantType.QUInt8,
        )
    made = onnx.load(str(OUT))
    if not any(p.key == "character" for p in made.metadata_props):  # RapidOCR reads its alphabet
        for prop in onnx.load(str(source)).metadata_props:
            made.metadata_props.add(key=prop.key, value=prop.value)
        onnx.save(made, str(OUT))
    digest = hashlib.sha256(OUT.read_bytes()).hexdigest()
    print(f"{OUT.name}: {len(nodes)} layers quantised, {OUT.stat().st_size:,} bytes, {digest}")
    print(f"from {source.name}: {hashlib.sha256(source.read_bytes()).hexdigest()}", file=sys.stderr)


def _weighted(node: onnx.NodeProto, weights: dict[str, onnx.TensorProto]) -> bool:
    return any(name in weights for name in node.input)


if __name__ == "__main__":
    main()
