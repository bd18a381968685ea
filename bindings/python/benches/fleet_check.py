"""One fleet `check` timed from Python, for `make bench-fleet-languages` (crates/client/benches/
fleet_languages.rs runs it): `python fleet_check.py BASE_URL DIR`, the token in
CODESPACES_SECRETS_BENCH_TOKEN, the manifest, state and key in DIR. Prints the seconds the call
took (import and client set-up excluded) and fails if the fleet is not in sync."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from codespaces_secrets import Client


def main() -> None:
    base_url, folder = sys.argv[1], Path(sys.argv[2])
    client = Client(token=os.environ["CODESPACES_SECRETS_BENCH_TOKEN"], base_url=base_url)
    started = time.perf_counter()
    plan = client.check(
        folder / "fleet.toml",
        state=folder / "state.json",
        state_key_file=folder / "state.key",
    )
    seconds = time.perf_counter() - started
    if plan.has_changes:
        sys.exit("the fleet is not in sync")
    print(f"{seconds:.6f}")


if __name__ == "__main__":
    main()
