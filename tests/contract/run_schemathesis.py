"""Fuzzes the emulator with schemathesis against GitHub's OpenAPI description.

Starts the emulator binary, runs every schemathesis check over all 23 operations with a fixed
seed and a bounded number of examples (so CI time stays predictable and failures reproduce),
and fails on any failure not explained by known_defects.py.

Usage: python run_schemathesis.py [--max-examples N] [--seed S] [extra schemathesis args...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from emulator_process import running  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-examples", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args, extra = parser.parse_known_args()

    shared = os.environ.get("CODESPACES_SECRETS_SHARED", os.path.join(HERE, "..", "..", "..", "shared"))
    spec = os.path.join(shared, "openapi", "codespaces-secrets.openapi.json")
    schemathesis = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    # Schemathesis keeps caches in its working directory; keep them out of the source tree.
    workdir = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "..", "target")), "contract")
    os.makedirs(workdir, exist_ok=True)

    with running() as emulator:
        env = dict(
            os.environ,
            EMULATOR_URL=emulator.base_url,
            EMULATOR_TOKEN=emulator.token,
            SCHEMATHESIS_HOOKS="schemathesis_hooks",
            PYTHONPATH=os.pathsep.join(filter(None, [HERE, os.environ.get("PYTHONPATH")])),
        )
        command = [
            schemathesis,
            "run",
            spec,
            "--url",
            emulator.base_url,
            "--header",
            f"Authorization: Bearer {emulator.token}",
            "--checks",
            "all",
            "--max-examples",
            str(args.max_examples),
            "--seed",
            str(args.seed),
            # One worker: requests change shared state, and a fixed order reproduces a failure.
            "--workers",
            "1",
            "--generation-database",
            "none",
            "--no-color",
            *extra,
        ]
        return subprocess.call(command, env=env, cwd=workdir)


if __name__ == "__main__":
    sys.exit(main())
