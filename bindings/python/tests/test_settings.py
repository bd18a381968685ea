"""Every keyword of `Client(...)` / `AsyncClient(...)` reaches the SDK's `ClientSettings`: bad
durations are refused naming the keyword, and the retry and rate-limit settings change what the
client does. (That each setting exists is test_parity.py's check; the defaults are the SDK's.)"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from codespaces_secrets import AsyncClient, Client, errors
from conftest import Answer, error_body

DURATIONS = (
    "timeout",
    "connect_timeout",
    "retry_base_delay",
    "write_interval",
    "max_rate_limit_wait",
    "secondary_rate_limit_backoff",
    "deadline",
)


@pytest.mark.parametrize("client_class", [Client, AsyncClient])
@pytest.mark.parametrize("setting", DURATIONS)
def test_a_bad_duration_is_refused_naming_its_keyword(
    client_class: type[Client] | type[AsyncClient], setting: str
) -> None:
    for bad in (-1.0, float("nan"), float("inf")):
        settings: dict[str, Any] = {setting: bad}
        with pytest.raises(errors.InvalidInputError, match=setting):
            client_class(token="t", base_url="http://127.0.0.1:1", **settings)


@pytest.mark.parametrize("client_class", [Client, AsyncClient])
def test_every_setting_is_accepted_together(client_class: type[Client] | type[AsyncClient]) -> None:
    client = client_class(
        "t",
        "http://127.0.0.1:1",
        user_agent="parity-test/1",
        timeout=5,
        connect_timeout=1.5,
        max_retries=0,
        retry_base_delay=0.25,
        write_interval=0,
        max_rate_limit_wait=10,
        secondary_rate_limit_backoff=2,
        max_rate_limit_retries=0,
        deadline=60,
    )
    assert client.base_url.startswith("http://127.0.0.1:1")


def failing_after(client: Client, error: type[errors.CodespacesSecretsError]) -> float:
    """Seconds until `client.user.list()` raises `error`."""
    started = time.monotonic()
    with pytest.raises(error):
        client.user.list()
    return time.monotonic() - started


def test_secondary_backoff_and_rate_limit_retries_are_used(
    off_contract_server: Callable[[Answer], str],
) -> None:
    # A secondary rate limit without `retry-after`: the client backs off by itself, doubling.
    url = off_contract_server((403, error_body("You have exceeded a secondary rate limit.")))

    def client(**settings: Any) -> Client:
        return Client(token="t", base_url=url, max_retries=0, **settings)

    waited = failing_after(
        client(secondary_rate_limit_backoff=0.2, max_rate_limit_retries=2), errors.RateLimitedError
    )
    assert waited >= 0.2 + 0.4
    # No waits allowed, or a back-off longer than the longest wait: it fails at once.
    assert failing_after(client(max_rate_limit_retries=0), errors.RateLimitedError) < 5
    assert failing_after(client(secondary_rate_limit_backoff=120), errors.RateLimitedError) < 5


def test_retry_base_delay_is_used(off_contract_server: Callable[[Answer], str]) -> None:
    url = off_contract_server((502, error_body("Bad gateway")))
    slow = Client(token="t", base_url=url, max_retries=1, retry_base_delay=0.6)
    assert failing_after(slow, errors.ServerError) >= 0.3  # jitter: between half and all of it


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback server that accepts every connection and never answers. Returns its URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:  # the listener was shut down: the test is over
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
    thread.join(timeout=5)
    listener.close()
    for connection in held:
        connection.close()


def test_deadline_bounds_the_whole_operation(silent_server: str) -> None:
    # The per-request timeout (30 s) would wait on; the 0.3 s deadline ends the call.
    client = Client(token="t", base_url=silent_server, deadline=0.3)
    started = time.monotonic()
    with pytest.raises(errors.TransportError, match="deadline") as raised:
        client.user.list()
    assert time.monotonic() - started < 2
    assert raised.value.code == "TRANSPORT"
