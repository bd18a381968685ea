"""Starts the emulator binary on an ephemeral port and stops it again (by its own PID)."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from typing import Iterator, NamedTuple


class Emulator(NamedTuple):
    base_url: str
    token: str


def binary() -> str:
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(
        os.path.dirname(__file__), "..", "..", "target"
    )
    path = os.environ.get("EMULATOR_BIN") or os.path.join(
        target, "debug", "codespaces-secrets-emulator"
    )
    if not os.path.exists(path):
        raise SystemExit(f"emulator binary not found at {path}; run `cargo build -p codespaces-secrets-emulator`")
    return path


@contextmanager
def running(*args: str) -> Iterator[Emulator]:
    """Runs `codespaces-secrets-emulator --port 0 ARGS...` for the duration of the block."""
    process = subprocess.Popen(
        [binary(), "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        values = {}
        for _ in range(2):
            key, _, value = process.stdout.readline().strip().partition("=")
            values[key] = value
        emulator = Emulator(values["GITHUB_API_URL"], values["GITHUB_TOKEN"])
        _wait_until_healthy(emulator.base_url)
        yield emulator
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_healthy(base_url: str) -> None:
    deadline = time.monotonic() + 5
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/_emulator/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.05)
