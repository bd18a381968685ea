"""The interpreter exits cleanly right after awaiting the client: a runtime thread still
handing a result to asyncio must not be inside Python while it finalizes (CPython ends such a
thread mid-call, and its Python objects were then freed without the GIL: SIGSEGV or SIGABRT at
exit in about one run in four of this script before the `atexit` gate in src/runtime.rs)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import asyncio
from codespaces_secrets import AsyncClient
from codespaces_secrets.testing import Emulator

emulator = Emulator()
client = AsyncClient(token=emulator.token, base_url=emulator.base_url, write_interval=0)

async def main() -> None:
    await asyncio.gather(*(client.user.list() for _ in range(20)))
    await client.user.list()

asyncio.run(main())
print("done")
"""

RUNS = 20


def test_exiting_right_after_awaiting_never_crashes() -> None:
    crashes = []
    for _ in range(RUNS):
        run = subprocess.run(
            [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60
        )
        if run.returncode != 0 or run.stdout.strip() != "done":
            crashes.append((run.returncode, run.stderr[-500:]))
    assert not crashes, f"{len(crashes)} of {RUNS} runs failed: {crashes}"
