"""Fixtures: a fresh in-process emulator per test and clients pointed at it (write pacing off);
the parity check's cell count in the run's summary."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator

import pytest

from codespaces_secrets import AsyncClient, Client
from codespaces_secrets.testing import Emulator

REPO = ("octocat", "Hello-World")
HELLO_WORLD_ID = 1296269
SPOON_KNIFE_ID = 1296270
ORG = "octo-org"
OCTO_REPO_ID = 1296271
OCTO_SERVICE_ID = 1296272

# test_parity.py adds the cells it checked here; the run's summary shows the total.
PARITY_CELLS = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    cells = config.stash.get(PARITY_CELLS, None)
    if cells is not None:
        terminalreporter.write_line(f"parity (Python): {cells} cells checked")


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator() as running:
        yield running


@pytest.fixture
def client(emulator: Emulator) -> Client:
    return Client(token=emulator.token, base_url=emulator.base_url, write_interval=0)


@pytest.fixture
def aclient(emulator: Emulator) -> AsyncClient:
    return AsyncClient(token=emulator.token, base_url=emulator.base_url, write_interval=0)


Answer = tuple[int, str]


@pytest.fixture
def off_contract_server() -> Iterator[Callable[[Answer], str]]:
    """A loopback server answering every request with one fixed (status, body): for the answers
    GitHub's contract does not allow, which the emulator by design never gives. Returns its URL."""
    answer: list[Answer] = [(200, "{}")]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = answer[0]
            data = body.encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("x-github-request-id", "OFF:CONTRACT")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(new_answer: Answer) -> str:
        answer[0] = new_answer
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    server.shutdown()
    server.server_close()


def error_body(message: str) -> str:
    return json.dumps({"message": message, "documentation_url": "https://docs.github.com/rest"})
