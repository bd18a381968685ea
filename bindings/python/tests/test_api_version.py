"""`api_version=`: each REST API version GitHub serves works through `Client` and `AsyncClient`,
the one chosen is the one sent, a server without it gets a clear `ApiError`, and a value no
GitHub serves is an `InvalidInputError` before any request."""

from __future__ import annotations

import json
import urllib.request

import pytest

from codespaces_secrets import AsyncClient, Client, errors
from codespaces_secrets.testing import Emulator

VERSIONS = ("2022-11-28", "2026-03-10")


def serve_only(emulator: Emulator, version: str) -> None:
    """The emulator's control route: answer 400 to any other version."""
    request = urllib.request.Request(
        f"{emulator.base_url}/_emulator/api-versions",
        data=json.dumps({"served": [version]}).encode(),
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert json.loads(answer.read())["served"] == [version]


@pytest.mark.parametrize("version", VERSIONS)
def test_each_version_works_and_is_the_one_sent(emulator: Emulator, version: str) -> None:
    serve_only(emulator, version)
    client = Client(emulator.token, emulator.base_url, api_version=version, write_interval=0)
    assert client.api_version == version
    client.user.set("AT_VERSION", version)
    assert client.user.get("AT_VERSION").name == "AT_VERSION"
    assert emulator.secret_value("AT_VERSION") == version.encode()


@pytest.mark.parametrize("version", VERSIONS)
async def test_each_version_works_async(emulator: Emulator, version: str) -> None:
    serve_only(emulator, version)
    client = AsyncClient(emulator.token, emulator.base_url, api_version=version, write_interval=0)
    assert client.api_version == version
    await client.org("octo-org").set("AT_VERSION", version)
    assert emulator.secret_value("AT_VERSION", org="octo-org") == version.encode()


def test_the_default_is_githubs_default(emulator: Emulator) -> None:
    client = Client(emulator.token, emulator.base_url)
    assert client.api_version == "2022-11-28"
    serve_only(emulator, "2022-11-28")
    client.user.public_key()


def test_a_server_without_the_version_says_which_was_sent(emulator: Emulator) -> None:
    serve_only(emulator, "2022-11-28")
    client = Client(emulator.token, emulator.base_url, api_version="2026-03-10")
    with pytest.raises(errors.ApiError) as refused:
        client.repo("octocat", "Hello-World").list()
    assert refused.value.status == 400
    assert refused.value.request_id
    message = str(refused.value)
    assert "API version 2026-03-10 is not supported" in message
    assert "sent X-GitHub-Api-Version 2026-03-10" in message
    assert "api_version setting" in message


@pytest.mark.parametrize("client_class", [Client, AsyncClient])
def test_an_unknown_version_is_invalid_input_before_any_request(
    emulator: Emulator, client_class: type[Client] | type[AsyncClient]
) -> None:
    for wrong in ("2023-01-01", "latest", ""):
        with pytest.raises(errors.InvalidInputError, match="api_version") as refused:
            client_class(emulator.token, emulator.base_url, api_version=wrong)
        assert isinstance(refused.value, ValueError)
        assert "2022-11-28, 2026-03-10" in str(refused.value)
    assert emulator.request_log() == []
