"""PyNaCl's SealedBox.encrypt (libsodium) on the same inputs as `benches/seal.rs` of the core crate.

Writes mean seconds per seal, per plaintext size, to the JSON path given as the first argument.
"""

import json
import sys
import timeit

from nacl.public import PrivateKey, SealedBox

SIZES = [64, 4096, 48 * 1024]


def per_op_seconds(size: int) -> float:
    box = SealedBox(PrivateKey.generate().public_key)
    plaintext = b"\x5a" * size
    timer = timeit.Timer(lambda: box.encrypt(plaintext))
    number, _ = timer.autorange()  # at least 0.2 s per repeat
    # The best of several repeats is the least disturbed by other work on the machine.
    return min(timer.repeat(repeat=7, number=number)) / number


def main() -> None:
    results = {str(size): per_op_seconds(size) for size in SIZES}
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
