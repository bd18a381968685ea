"""PyNaCl's SealedBox.encrypt (libsodium) on the same inputs as `benches/seal.rs` of the core crate.

Two forms, matching the two criterion groups: the raw sealed box (`seal_raw`) and the sealed box
in base64, ready for the API (`seal_base64`). Writes mean seconds per seal, per form and plaintext
size, to the JSON path given as the first argument.
"""

import json
import sys
import timeit
from typing import Callable

from nacl.encoding import Base64Encoder
from nacl.public import PrivateKey, SealedBox

SIZES = [64, 4096, 48 * 1024]


def per_op_seconds(seal: Callable[[], bytes]) -> float:
    timer = timeit.Timer(seal)
    number, _ = timer.autorange()  # at least 0.2 s per repeat
    # The best of several repeats is the least disturbed by other work on the machine (this
    # favours libsodium: our figure is criterion's fit over all samples).
    return min(timer.repeat(repeat=7, number=number)) / number


def main() -> None:
    box = SealedBox(PrivateKey.generate().public_key)
    results: dict[str, dict[str, float]] = {"seal_raw": {}, "seal_base64": {}}
    for size in SIZES:
        plaintext = b"\x5a" * size
        results["seal_raw"][str(size)] = per_op_seconds(lambda: box.encrypt(plaintext))
        results["seal_base64"][str(size)] = per_op_seconds(
            lambda: box.encrypt(plaintext, encoder=Base64Encoder)
        )
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
