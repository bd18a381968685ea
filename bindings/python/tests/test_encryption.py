"""The encryption, proved with libsodium itself (PyNaCl): it opens what `seal` makes and what the
clients send, and the emulator stores exactly the plaintext that was handed over."""

from __future__ import annotations

import base64
import os

import pytest
from nacl.public import PrivateKey, SealedBox

from codespaces_secrets import AsyncClient, Client, PublicKey, errors, seal
from codespaces_secrets.testing import Emulator
from conftest import REPO
from relay import LibsodiumRelay

OVERHEAD = 48
PLAINTEXTS: dict[str, str | bytes] = {
    "empty": "",
    "ascii": "ghp_exampletoken1234567890",
    "utf8": "pässwörd – 秘密 – 🔑",
    "binary": bytes(range(256)) * 3,
    "max_48kib": os.urandom(48 * 1024),
}


def raw(value: str | bytes) -> bytes:
    return value.encode() if isinstance(value, str) else value


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.mark.parametrize("name", sorted(PLAINTEXTS))
def test_libsodium_opens_what_seal_makes(name: str) -> None:
    recipient = PrivateKey.generate()
    sealed = base64.b64decode(seal(b64(bytes(recipient.public_key)), PLAINTEXTS[name]))
    assert len(sealed) == len(raw(PLAINTEXTS[name])) + OVERHEAD
    assert SealedBox(recipient).decrypt(sealed) == raw(PLAINTEXTS[name])


def test_a_reused_public_key_object_keeps_sealing_correctly() -> None:
    # After a few seals the key switches to a precomputed table; every box must still open.
    recipient = PrivateKey.generate()
    key = PublicKey("key-1", b64(bytes(recipient.public_key)))
    assert key.key_id == "key-1"
    for i in range(40):
        plaintext = f"value {i}".encode()
        sealed = base64.b64decode(seal(key, plaintext))
        assert SealedBox(recipient).decrypt(sealed) == plaintext


def test_the_same_key_text_again_and_again_keeps_sealing_correctly() -> None:
    # Key text seen before is reused parsed (and warms up too); boxes must still open.
    recipients = [PrivateKey.generate() for _ in range(3)]
    for i in range(40):
        recipient = recipients[i % 3]
        sealed = seal(b64(bytes(recipient.public_key)), f"value {i}")
        assert SealedBox(recipient).decrypt(base64.b64decode(sealed)) == f"value {i}".encode()


def test_seal_refuses_bad_keys_and_values() -> None:
    good = b64(bytes(PrivateKey.generate().public_key))
    for bad_key in ("", "not base64!", b64(b"\x01" * 31), b64(bytes(32))):
        with pytest.raises(errors.InvalidInputError):
            seal(bad_key, "v")
    with pytest.raises(errors.InvalidInputError):
        seal(good, b"x" * (48 * 1024 + 1))
    with pytest.raises(errors.InvalidInputError):
        PublicKey("", good)


def test_libsodium_opens_what_the_client_sends(emulator: Emulator) -> None:
    with LibsodiumRelay(emulator.base_url) as relay:
        client = Client(token=emulator.token, base_url=relay.url, write_interval=0)
        repo = client.repo(*REPO)
        for name, value in PLAINTEXTS.items():
            repo.set(name.upper(), value)
        report = repo.set_many({"BULK_A": "a", "BULK_B": b"\x00b"})
        assert report.ok
    opened = {path.rsplit("/", 1)[1]: value for path, value in relay.opened.items()}
    expected = {name.upper(): raw(value) for name, value in PLAINTEXTS.items()}
    expected.update({"BULK_A": b"a", "BULK_B": b"\x00b"})
    assert opened == expected
    for path, length in relay.sealed_lengths.items():
        assert length == len(relay.opened[path]) + OVERHEAD
    stored = {s.name: s.value for s in emulator.secrets(repo="octocat/Hello-World")}
    assert stored == expected


async def test_libsodium_opens_what_the_async_client_sends(emulator: Emulator) -> None:
    with LibsodiumRelay(emulator.base_url) as relay:
        client = AsyncClient(token=emulator.token, base_url=relay.url, write_interval=0)
        await client.user.set("ASYNC_VALUE", "sealed by the async client")
    assert list(relay.opened.values()) == [b"sealed by the async client"]
    assert emulator.secret_value("ASYNC_VALUE") == b"sealed by the async client"
