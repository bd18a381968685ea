"""Prints our seal beside libsodium's (PyNaCl) from one `make bench` run.

Reads criterion's estimates for the `seal/<size>` group and the PyNaCl timings written by
`seal_pynacl.py`. Speed ratio = libsodium time / our time (above 1.0 means we are faster).
"""

import json
import pathlib
import sys

target = pathlib.Path(sys.argv[1])
pynacl = json.loads((target / "bench" / "pynacl_seal.json").read_text())

print()
print(f"{'seal, plaintext bytes':<24}{'ours (µs)':>12}{'PyNaCl (µs)':>14}{'speed ratio':>14}")
for size, theirs in pynacl.items():
    estimates = target / "criterion" / "seal" / size / "new" / "estimates.json"
    data = json.loads(estimates.read_text())
    # criterion's slope (time per iteration from the linear fit) when it has one, else the mean.
    ours_ns = (data.get("slope") or data["mean"])["point_estimate"]
    ours = ours_ns / 1e9
    print(f"{size:<24}{ours * 1e6:>12.2f}{theirs * 1e6:>14.2f}{theirs / ours:>13.2f}x")
