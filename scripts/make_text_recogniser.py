"""Makes companion/photos/models/PP-OCRv6_rec_small_int8.onnx from the recogniser in the rapidocr
wheel: the same network, answering only for the Latin alphabet, with the weights of its largest
layers stored as 8-bit integers (ONNX Runtime's dynamic quantisation).

    python -m venv /tmp/q
    /tmp/q/bin/pip install onnx==1.23.2 onnxruntime==1.32.0 rapidocr==3.10.0
    /tmp/q/bin/python scripts/make_text_recogniser.py

The alphabet: the network's last layer scores each of 18,708 characters (16,000 of them Chinese
and Japanese) at every step of a line, 14% of its time and a [steps x 18,710] array for each line.
Postguard reads words to find pupils' names and the school's, which a UK school's information
system holds in the Latin alphabet: the layer keeps the columns of the Latin letters (with every
accent and Vietnamese's), the digits, ASCII's and Latin-1's punctuation and signs, the dashes,
quotation marks and currency signs (see KEEP), and CTC's blank and space; RapidOCR reads the
alphabet from the file's metadata, which is cut to match. The network's softmax then shares its
belief among fewer characters, so a line's confidence can only rise: on 300 crops of textures and
photos without writing (bricks, grass, gravel, fur, a rocket), 23 read as a line at
ocr.MIN_CONFIDENCE against 22 with the whole alphabet (mostly single letters and digits), and the
same 20 photos without writing read the same (nothing, and a "1" on the Moon); the bar is kept.

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
from onnx import numpy_helper
from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.quantization.shape_inference import quant_pre_process

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "companion" / "photos" / "models" / "PP-OCRv6_rec_small_int8.onnx"
MIN_CONV_WEIGHTS = 147_456
# Code points kept (start, end), end excluded.
KEEP = (
    (0x0020, 0x0250),  # Basic Latin, Latin-1, Latin Extended-A and -B
    (0x1E00, 0x1F00),  # Latin Extended Additional
    (0x2010, 0x2028),  # dashes, quotation marks, bullets, ellipsis
    (0x20A0, 0x20C1),  # currency signs
    (0x2116, 0x2117),  # numero sign
    (0x2122, 0x2123),  # trade mark sign
)


def main() -> None:
    import rapidocr

    source = Path(rapidocr.__file__).parent / "models" / "PP-OCRv6_rec_small.onnx"
    with tempfile.TemporaryDirectory() as scratch:
        latin = Path(scratch) / "latin.onnx"
        kept = _latin_only(onnx.load(str(source)), latin)
        prepared = Path(scratch) / "prepared.onnx"
        # Symbolic shape inference fails on this network; the rest of the preparation is kept.
        quant_pre_process(str(latin), str(prepared), skip_symbolic_shape=True)
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
        made.metadata_props.add(key="character", value="\n".join(kept))
        onnx.save(made, str(OUT))
    digest = hashlib.sha256(OUT.read_bytes()).hexdigest()
    print(f"{OUT.name}: {len(kept)} characters, {len(nodes)} layers quantised, ", end="")
    print(f"{OUT.stat().st_size:,} bytes, {digest}")
    print(f"from {source.name}: {hashlib.sha256(source.read_bytes()).hexdigest()}", file=sys.stderr)


def _latin_only(model: onnx.ModelProto, out: Path) -> list[str]:
    """Saves ``model`` at ``out`` scoring only the characters in KEEP; returns them in order."""
    alphabet = {p.key: p.value for p in model.metadata_props}["character"].splitlines()
    kept = [i for i, c in enumerate(alphabet) if any(a <= ord(c) < b for a, b in KEEP)]
    # Output columns: CTC's blank first, then the alphabet, then the space RapidOCR appends.
    columns = [0, *(i + 1 for i in kept), len(alphabet) + 1]
    last = next(
        n for n in reversed(model.graph.node) if n.op_type == "MatMul"
    )  # the layer that scores each character, then its bias
    bias_add = next(n for n in model.graph.node if last.output[0] in n.input and n.op_type == "Add")
    weights = {t.name: t for t in model.graph.initializer}
    for name, axis in ((last.input[1], 1), (next(i for i in bias_add.input if i in weights), 0)):
        whole = numpy_helper.to_array(weights[name])
        if whole.shape[axis] != len(alphabet) + 2:
            raise SystemExit(f"{name} does not score the alphabet: another network?")
        cut = np.take(whole, columns, axis=axis)
        weights[name].CopyFrom(numpy_helper.from_array(np.ascontiguousarray(cut), name))
    # The shapes written for the old width are dropped: ONNX Runtime infers them again.
    del model.graph.value_info[:]
    for output in model.graph.output:
        output.type.tensor_type.shape.dim[-1].ClearField("dim_value")
    for prop in model.metadata_props:
        if prop.key == "character":
            prop.value = "\n".join(alphabet[i] for i in kept)
    onnx.save(model, str(out))
    return [alphabet[i] for i in kept]


def _weighted(node: onnx.NodeProto, weights: dict[str, onnx.TensorProto]) -> bool:
    return any(name in weights for name in node.input)


if __name__ == "__main__":
    main()
