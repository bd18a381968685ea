"""Live interop with libsodium (through PyNaCl): each side opens what the other sealed.

Our side is the `sealbox` binary of the test drivers (tests/drivers); `make interop` builds it and
passes its path in SEALBOX.
"""

import base64
import os
import subprocess

import pytest
from nacl.public import PrivateKey, SealedBox

SEALBOX = os.environ.get("SEALBOX", "target/debug/sealbox")
OVERHEAD = 48

PLAINTEXTS = {
    "empty": b"",
    "one_byte": b"x",
    "ascii": b"ghp_exampletoken1234567890",
    "utf8": "pässwörd – 秘密 – 🔑".encode(),
    "binary": bytes(range(256)) * 3,
    "block_edges": b"a" * 64,
    "max_48kib": os.urandom(48 * 1024),
}


def sealbox(mode: str, key_b64: str, data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([SEALBOX, mode, key_b64], input=data, capture_output=True, check=False)


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


@pytest.mark.parametrize("name", sorted(PLAINTEXTS))
def test_libsodium_opens_what_we_seal(name: str) -> None:
    plaintext = PLAINTEXTS[name]
    recipient = PrivateKey.generate()
    done = sealbox("seal", b64(bytes(recipient.public_key)), plaintext)
    assert done.returncode == 0, done.stderr.decode()
    sealed = base64.b64decode(done.stdout, validate=True)
    assert len(sealed) == len(plaintext) + OVERHEAD
    assert SealedBox(recipient).decrypt(sealed) == plaintext


@pytest.mark.parametrize("name", sorted(PLAINTEXTS))
def test_we_open_what_libsodium_seals(name: str) -> None:
    plaintext = PLAINTEXTS[name]
    recipient = PrivateKey.generate()
    sealed = SealedBox(recipient.public_key).encrypt(plaintext)
    done = sealbox("open", b64(bytes(recipient)), b64(sealed).encode())
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == plaintext


def test_a_tampered_libsodium_box_is_refused_clearly() -> None:
    recipient = PrivateKey.generate()
    sealed = bytearray(SealedBox(recipient.public_key).encrypt(b"do not change me"))
    sealed[40] ^= 0x01
    done = sealbox("open", b64(bytes(recipient)), b64(bytes(sealed)).encode())
    assert done.returncode != 0
    assert b"did not open" in done.stderr
    assert b"do not change me" not in done.stdout + done.stderr


def test_a_box_for_another_key_is_refused() -> None:
    sealed = SealedBox(PrivateKey.generate().public_key).encrypt(b"not for you")
    done = sealbox("open", b64(bytes(PrivateKey.generate())), b64(sealed).encode())
    assert done.returncode != 0
    assert b"did not open" in done.stderr


def test_a_bad_public_key_is_refused_before_sealing() -> None:
    done = sealbox("seal", "2Sg8iYjAxxmI2LvUXpJjkYrMxURPc8r+dB7TJyvv1234", b"value")
    assert done.returncode != 0
    assert b"33 bytes" in done.stderr
    assert done.stdout == b""
