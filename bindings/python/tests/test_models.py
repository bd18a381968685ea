"""Models are frozen, typed and printable, and nothing prints a value or a token."""

from __future__ import annotations

import pytest

from codespaces_secrets import (
    AsyncClient,
    Client,
    SetOutcome,
    SyncAction,
    Visibility,
    WriteReason,
    __version__,
    errors,
)
from codespaces_secrets.testing import Emulator
from conftest import ORG, REPO

TOKEN = "ghp_TOPSECRETTOKEN0000"
VALUE = "s3cr3t-VALUE-do-not-print"


def test_enums_compare_hash_and_print_githubs_spelling() -> None:
    assert Visibility.SELECTED == Visibility.SELECTED != Visibility.ALL
    assert {Visibility.ALL, Visibility.ALL} == {Visibility.ALL}
    assert str(Visibility.PRIVATE) == Visibility.PRIVATE.value == "private"
    assert (SetOutcome.CREATED.value, SetOutcome.UPDATED.value) == ("created", "updated")
    assert str(SyncAction.DELETE) == "delete"
    assert repr(SetOutcome.CREATED) == "SetOutcome.CREATED"
    assert str(SyncAction.UNCHANGED) == "unchanged"
    reasons = [WriteReason.NEW, WriteReason.CHANGED, WriteReason.CHANGED_ELSEWHERE]
    reasons += [WriteReason.FORCED, WriteReason.UNTRACKED]
    spellings = ["new", "changed", "changed_elsewhere", "forced", "untracked"]
    assert [r.value for r in reasons] == spellings
    assert str(WriteReason.CHANGED_ELSEWHERE) == "changed_elsewhere"
    assert repr(WriteReason.FORCED) == "WriteReason.FORCED"
    assert len(set(reasons)) == 5


def test_models_are_frozen(client: Client) -> None:
    client.user.set("A", VALUE)
    secret = client.user.get("A")
    with pytest.raises(AttributeError):
        secret.name = "B"  # type: ignore[misc]
    key = client.user.public_key()
    with pytest.raises(AttributeError):
        key.key = "x"  # type: ignore[misc]
    assert secret == client.user.get("a")


def test_reprs_show_metadata_never_values_or_tokens(emulator: Emulator) -> None:
    client = Client(token=emulator.token, base_url=emulator.base_url, write_interval=0)
    aclient = AsyncClient(token=emulator.token, base_url=emulator.base_url)
    repo = client.repo(*REPO)
    repo.set("SHOWN", VALUE)
    report = repo.set_many({"SHOWN": VALUE})
    org = client.org(ORG)
    org.set("ORG_SECRET", VALUE, visibility="selected", selected_repository_ids=[1296271])
    things: list[object] = [
        client,
        aclient,
        repo,
        aclient.user,
        repo.get("SHOWN"),
        repo.list(),
        repo.public_key(),
        report,
        org.repositories("ORG_SECRET"),
        org.repositories("ORG_SECRET")[0].owner,
        emulator,
        emulator.secrets(repo="octocat/Hello-World"),
        emulator.request_log(),
    ]
    text = " ".join(repr(t) + str(t) for t in things)
    assert VALUE not in text
    assert emulator.token not in text
    assert "SHOWN" in text and "[redacted]" in text
    assert repr(repo.get("SHOWN")).startswith("Secret(name='SHOWN', created_at='")
    assert repr(client) == f"Client(base_url='{emulator.base_url}')"


def test_errors_never_carry_the_token_or_value(emulator: Emulator) -> None:
    bad = Client(token=TOKEN, base_url=emulator.base_url)
    with pytest.raises(errors.UnauthorizedError) as caught:
        bad.user.set("NAME", VALUE)
    text = str(caught.value) + repr(caught.value)
    assert TOKEN not in text and VALUE not in text
    with pytest.raises(errors.InvalidInputError) as too_big:
        bad.user.set("NAME", VALUE * 10_000)
    assert VALUE not in str(too_big.value)


def test_the_version_is_the_crates() -> None:
    assert __version__.count(".") == 2
