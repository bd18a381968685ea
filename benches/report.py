"""Prints our seal beside libsodium's (PyNaCl) from one `make bench` run.

Reads criterion's estimates for the `seal_raw/<size>` and `seal_base64/<size>` groups and the
PyNaCl timings of the same two forms written by `seal_pynacl.py`. Speed ratio = libsodium time /
our time (above 1.0 means we are faster).
"""

import json
import pathlib
import sys

FORMS = {
    "seal_raw": "raw sealed box",
    "seal_base64": "sealed + base64 (API-ready)",
}

target = pathlib.Path(sys.argv[1])
pynacl = json.loads((target / "bench" / "pynacl_seal.json").read_text())

for form, title in FORMS.items():
    print()
    print(f"{title + ', bytes':<34}{'ours (µs)':>12}{'PyNaCl (µs)':>14}{'speed ratio':>14}")
    for size, theirs in pynacl[form].items():
        estimates = target / "criterion" / form / size / "new" / "estimates.json"
        data = json.loads(estimates.read_text())
        # criterion's slope (time per iteration from the linear fit) when it has one, else the mean.
        ours = (data.get("slope") or data["mean"])["point_estimate"] / 1e9
        print(f"{size:<34}{ours * 1e6:>12.2f}{theirs * 1e6:>14.2f}{theirs / ours:>13.2f}x")
