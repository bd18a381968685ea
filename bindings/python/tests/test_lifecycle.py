"""A whole lifecycle as a user would run it, configured from the environment like the Rust client."""

from __future__ import annotations

from pathlib import Path

import pytest

from codespaces_secrets import AsyncClient, Client, SetOutcome, errors
from codespaces_secrets.testing import Emulator
from conftest import HELLO_WORLD_ID, REPO


def test_configuration_comes_from_the_environment(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL"):
        monkeypatch.delenv(name, raising=False)
    # The chain's last links: no stored login, no `gh` (whatever this machine has set up).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(errors.InvalidInputError, match="token"):
        Client()
    monkeypatch.setenv("GH_TOKEN", emulator.token)
    monkeypatch.setenv("GITHUB_API_URL", emulator.base_url)
    assert Client().base_url.rstrip("/") == emulator.base_url
    Client().user.list()  # GH_TOKEN is used when GITHUB_TOKEN is absent
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_wrong")
    with pytest.raises(errors.UnauthorizedError):
        Client().user.list()  # GITHUB_TOKEN wins over GH_TOKEN
    assert Client(token=emulator.token).user.list() == []  # arguments win over the environment
    monkeypatch.delenv("GITHUB_API_URL")
    assert Client(token="t").base_url.startswith("https://api.github.com")


def test_full_lifecycle(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", emulator.token)
    monkeypatch.setenv("GITHUB_API_URL", emulator.base_url)
    client = Client(write_interval=0)
    repo = client.repo(*REPO)
    assert repo.list() == []
    assert repo.set("DATABASE_URL", "postgres://one") is SetOutcome.CREATED
    assert repo.set("database_url", "postgres://two") is SetOutcome.UPDATED
    assert emulator.secret_value("DATABASE_URL", repo="octocat/Hello-World") == b"postgres://two"

    # A rotated key: the client notices GitHub's refusal, fetches the new key and seals again.
    emulator.rotate_key(repo="octocat/Hello-World")
    assert repo.set("DATABASE_URL", "postgres://three") is SetOutcome.UPDATED
    assert emulator.secret_value("DATABASE_URL", repo="octocat/Hello-World") == b"postgres://three"

    env = tmp_path / "prod.env"
    env.write_text("DATABASE_URL=postgres://four\nAPI_KEY=k-1\n")
    report = repo.sync_env_file(env, prune=True)
    assert report.result.ok and report.result.created == ["API_KEY"]

    user = client.user
    user.set("PERSONAL", "mine", selected_repository_ids=[HELLO_WORLD_ID])
    assert [r.full_name for r in user.repositories("PERSONAL")] == ["octocat/Hello-World"]
    user.delete("PERSONAL")
    for secret in repo.list():
        repo.delete(secret.name)
    assert repo.list() == [] and emulator.secrets(repo="octocat/Hello-World") == []
    writes = [r for r in emulator.request_log() if r.write]
    assert all(r.status in (201, 204, 422) for r in writes)


async def test_full_lifecycle_async(emulator: Emulator) -> None:
    client = AsyncClient(token=emulator.token, base_url=emulator.base_url, write_interval=0)
    repo = client.repo(*REPO)
    assert await repo.set("TOKEN", "one") is SetOutcome.CREATED
    emulator.rotate_key(repo="octocat/Hello-World")
    assert await repo.set("TOKEN", "two") is SetOutcome.UPDATED
    report = await repo.set_many({"A": "1", "TOKEN": "three"})
    assert (report.created, report.updated) == (["A"], ["TOKEN"])
    assert [s.name async for s in repo.list_stream()] == ["A", "TOKEN"]
    await repo.delete("A")
    await repo.delete("TOKEN")
    assert await repo.list() == []


def test_write_pacing_is_on_by_default(emulator: Emulator) -> None:
    import time

    paced = Client(token=emulator.token, base_url=emulator.base_url, write_interval=0.2)
    started = time.monotonic()
    paced.user.set_many({"A": "1", "B": "2", "C": "3"})
    assert time.monotonic() - started >= 0.4  # three writes, at least 0.2 s apart
