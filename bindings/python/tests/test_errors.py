"""Each error kind arrives as its own class with its attributes (sync and async)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import datetime, timezone

import pytest

from codespaces_secrets import AsyncClient, Client, errors
from codespaces_secrets.testing import Emulator
from conftest import ORG, REPO, Answer, error_body


def test_one_class_per_stable_code_under_one_base() -> None:
    # Which codes there are is test_parity.py's check (against api/surface.json).
    assert len(set(errors._BY_CODE.values())) == len(errors._BY_CODE)
    for code, cls in errors._BY_CODE.items():
        assert cls.code == code
        assert issubclass(cls, errors.CodespacesSecretsError)
        assert issubclass(cls, Exception)
    assert errors._BY_CODE["VALIDATION_FAILED"] is errors.ValidationError
    assert issubclass(errors.InvalidInputError, ValueError)
    assert not issubclass(errors.NotFoundError, ValueError)


def client_for(emulator: Emulator, **options: object) -> Client:
    return Client(token=emulator.token, base_url=emulator.base_url, write_interval=0, **options)  # type: ignore[arg-type]


def test_invalid_input_is_raised_before_any_request(client: Client, emulator: Emulator) -> None:
    emulator.clear_log()
    for call in (
        lambda: client.user.set("1_STARTS_WITH_DIGIT", "v"),
        lambda: client.user.set("GITHUB_RESERVED", "v"),
        lambda: client.user.set("OK", "x" * (48 * 1024 + 1)),
        lambda: client.user.get("has-dash"),
        lambda: client.org(ORG).set("OK", "v", visibility="everyone"),  # type: ignore[arg-type]
        lambda: client.repo(*REPO).repositories("OK"),
        lambda: client.user.set_many([("A", "1"), ("a", "2")]),
        lambda: client.user.add_repository("OK", -5),
    ):
        with pytest.raises(errors.InvalidInputError) as caught:
            call()
        assert isinstance(caught.value, ValueError)
        assert caught.value.status is None and caught.value.request_id is None
    assert emulator.request_log() == []
    with pytest.raises(errors.InvalidInputError, match="timeout"):
        Client(token="t", base_url="http://127.0.0.1:1", timeout=-1)
    with pytest.raises(errors.InvalidInputError, match="base_url"):
        Client(token="t", base_url="http://example.com")  # plain http only to loopback
    with pytest.raises(TypeError):
        client.user.set("OK", 42)  # type: ignore[arg-type]


def test_unauthorized(emulator: Emulator) -> None:
    bad = Client(token="ghp_not_a_real_token", base_url=emulator.base_url)
    with pytest.raises(errors.UnauthorizedError) as caught:
        bad.user.list()
    err = caught.value
    assert err.status == 401
    assert err.request_id and err.documentation_url
    assert "ghp_not_a_real_token" not in str(err) + repr(err)


def test_forbidden(emulator: Emulator) -> None:
    # GitHub refuses a request without a User-Agent with 403; a blank one counts as missing.
    blank_agent = client_for(emulator, user_agent=" ")
    with pytest.raises(errors.ForbiddenError) as caught:
        blank_agent.user.list()
    assert caught.value.status == 403 and caught.value.request_id


def test_not_found(client: Client) -> None:
    with pytest.raises(errors.NotFoundError) as caught:
        client.user.get("MISSING")
    assert caught.value.status == 404
    assert caught.value.request_id
    assert caught.value.documentation_url and caught.value.documentation_url.startswith("https://")
    with pytest.raises(errors.NotFoundError):
        client.repo("hubot", "hubot-scripts").list()  # exists, but the token cannot see it


def test_conflict(client: Client) -> None:
    org = client.org(ORG)
    org.set("PRIVATE_ONE", "v", visibility="private")
    with pytest.raises(errors.ConflictError) as caught:
        org.add_repository("PRIVATE_ONE", 1296271)
    assert caught.value.status == 409


def test_validation_failed(client: Client, emulator: Emulator) -> None:
    foreign = emulator.add_repo("someone-else", "elsewhere")
    with pytest.raises(errors.ValidationError) as caught:
        client.org(ORG).set("X", "v", visibility="selected", selected_repository_ids=[foreign])
    assert caught.value.status == 422 and caught.value.request_id


def test_rate_limited_carries_when_to_retry(emulator: Emulator) -> None:
    emulator.set_faults(rate_limit=(1, 600.0))
    limited = client_for(emulator, max_rate_limit_wait=0)
    limited.user.list()
    with pytest.raises(errors.RateLimitedError) as caught:
        limited.user.list()
    err = caught.value
    assert err.status == 403
    assert isinstance(err.retry_at, datetime)
    assert err.retry_at > datetime.now(timezone.utc)


def test_server_error_after_retries(emulator: Emulator) -> None:
    emulator.set_faults(server_error_rate=1.0)
    with pytest.raises(errors.ServerError) as caught:
        client_for(emulator, max_retries=0).user.list()
    assert caught.value.status in (500, 502, 503)


def test_transport_error_when_nothing_listens() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    nobody = Client(token="ghp_secret_token", base_url=f"http://127.0.0.1:{port}", max_retries=0)
    with pytest.raises(errors.TransportError) as caught:
        nobody.user.list()
    assert caught.value.status is None
    assert "ghp_secret_token" not in str(caught.value)


def test_api_error_for_a_status_without_its_own_kind(
    off_contract_server: Callable[[Answer], str],
) -> None:
    url = off_contract_server((418, error_body("I'm a teapot")))
    with pytest.raises(errors.ApiError) as caught:
        Client(token="t", base_url=url).user.list()
    err = caught.value
    assert (err.status, err.request_id, err.documentation_url) == (
        418,
        "OFF:CONTRACT",
        "https://docs.github.com/rest",
    )
    assert "I'm a teapot" in str(err)


def test_decode_error_for_a_body_off_contract(
    off_contract_server: Callable[[Answer], str],
) -> None:
    url = off_contract_server((200, '{"total_count": "many"}'))
    with pytest.raises(errors.DecodeError) as caught:
        Client(token="t", base_url=url).user.list()
    assert "unexpected response" in str(caught.value)


async def test_async_errors_are_the_same_classes(emulator: Emulator, aclient: AsyncClient) -> None:
    with pytest.raises(errors.NotFoundError) as caught:
        await aclient.user.get("MISSING")
    assert caught.value.status == 404 and caught.value.request_id
    with pytest.raises(errors.InvalidInputError):
        await aclient.user.set("bad name", "v")
    with pytest.raises(errors.UnauthorizedError):
        await AsyncClient(token="wrong", base_url=emulator.base_url).user.list()
    with pytest.raises(errors.UnauthorizedError):
        async for _ in AsyncClient(token="wrong", base_url=emulator.base_url).user.list_stream():
            pass


def test_a_failed_bulk_item_carries_its_exception(emulator: Emulator) -> None:
    failing = client_for(emulator, max_retries=0)
    failing.user.public_key()  # cached, so only the PUT meets the fault
    emulator.set_faults(server_error_rate=1.0)
    report = failing.user.set_many({"A": "1"})
    assert not report.ok
    [failure] = report.failed
    assert failure.name == "A"
    assert isinstance(failure.error, errors.CodespacesSecretsError)
    assert failure.error.status in (500, 502, 503)
    assert "A" in repr(failure)
