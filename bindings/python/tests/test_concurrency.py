"""Calls from several threads and from `asyncio.gather`; the GIL and the event loop stay free while
a request waits."""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from codespaces_secrets import AsyncClient, Client, SetOutcome
from codespaces_secrets.testing import Emulator
from conftest import REPO


def test_one_client_shared_by_many_threads(client: Client, emulator: Emulator) -> None:
    repo = client.repo(*REPO)

    def work(i: int) -> tuple[SetOutcome, str]:
        outcome = repo.set(f"THREAD_{i}", f"value {i}")
        return outcome, repo.get(f"THREAD_{i}").name

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(24)))
    assert results == [(SetOutcome.CREATED, f"THREAD_{i}") for i in range(24)]
    stored = {s.name: s.value for s in emulator.secrets(repo="octocat/Hello-World")}
    assert stored == {f"THREAD_{i}": f"value {i}".encode() for i in range(24)}


def test_each_thread_with_its_own_client(emulator: Emulator) -> None:
    def work(i: int) -> None:
        own = Client(token=emulator.token, base_url=emulator.base_url, write_interval=0)
        own.user.set(f"OWN_{i}", str(i))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(s.name for s in emulator.secrets()) == [f"OWN_{i}" for i in range(6)]


async def test_gather_many_calls(aclient: AsyncClient, emulator: Emulator) -> None:
    repo = aclient.repo(*REPO)
    outcomes = await asyncio.gather(*(repo.set(f"GATHER_{i}", f"v{i}") for i in range(30)))
    assert outcomes == [SetOutcome.CREATED] * 30
    listed, key, user_secrets = await asyncio.gather(repo.list(), repo.public_key(), aclient.user.list())
    assert len(listed) == 30 and key.key_id and user_secrets == []
    stored = {s.name: s.value for s in emulator.secrets(repo="octocat/Hello-World")}
    assert stored == {f"GATHER_{i}": f"v{i}".encode() for i in range(30)}


def test_other_python_threads_run_while_a_request_waits(client: Client, emulator: Emulator) -> None:
    emulator.set_faults(latency=0.5)
    ticks = 0
    stop = threading.Event()

    def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.005)

    thread = threading.Thread(target=ticker)
    thread.start()
    started = time.monotonic()
    client.user.list()
    elapsed = time.monotonic() - started
    stop.set()
    thread.join()
    assert elapsed >= 0.5
    # ~100 ticks fit in 0.5 s; holding the GIL while waiting would allow almost none.
    assert ticks >= 30, ticks


async def test_the_event_loop_runs_while_a_request_waits(
    aclient: AsyncClient, emulator: Emulator
) -> None:
    emulator.set_faults(latency=0.5)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    task = asyncio.create_task(ticker())
    await aclient.user.list()
    task.cancel()
    assert ticks >= 30, ticks


async def test_cancelling_an_awaitable_is_allowed(aclient: AsyncClient, emulator: Emulator) -> None:
    emulator.set_faults(latency=2.0)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(aclient.user.list(), timeout=0.2)
    emulator.set_faults()
    assert await aclient.user.list() == []


class Interrupted(Exception):
    pass


def test_a_signal_interrupts_a_blocking_call(client: Client, emulator: Emulator) -> None:
    emulator.set_faults(latency=5.0)

    def raise_interrupted(signum: int, frame: object) -> None:
        raise Interrupted

    previous = signal.signal(signal.SIGALRM, raise_interrupted)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        started = time.monotonic()
        with pytest.raises(Interrupted):
            client.user.list()
        assert time.monotonic() - started < 2.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
