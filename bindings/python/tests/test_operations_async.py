"""Every operation in each scope through `AsyncClient`: awaitables, and `async for` over lists."""

from __future__ import annotations

import asyncio
from pathlib import Path

from codespaces_secrets import AsyncClient, SetOutcome, Visibility
from codespaces_secrets.testing import Emulator
from conftest import HELLO_WORLD_ID, OCTO_REPO_ID, OCTO_SERVICE_ID, ORG, REPO, SPOON_KNIFE_ID


async def test_user_scope_every_operation(aclient: AsyncClient, emulator: Emulator) -> None:
    user = aclient.user
    assert (await user.public_key()) == emulator.public_key()
    assert await user.set("DB_PASSWORD", "hunter2") is SetOutcome.CREATED
    assert await user.set("db_password", "hunter3") is SetOutcome.UPDATED
    assert emulator.secret_value("DB_PASSWORD") == b"hunter3"
    assert (await user.get("DB_PASSWORD")).visibility is Visibility.SELECTED
    assert [s.name for s in await user.list()] == ["DB_PASSWORD"]
    assert [s.name async for s in user.list_stream()] == ["DB_PASSWORD"]
    await user.set_repositories("DB_PASSWORD", [HELLO_WORLD_ID])
    await user.add_repository("DB_PASSWORD", SPOON_KNIFE_ID)
    await user.remove_repository("DB_PASSWORD", HELLO_WORLD_ID)
    assert [r.id for r in await user.repositories("DB_PASSWORD")] == [SPOON_KNIFE_ID]
    await user.delete("DB_PASSWORD")
    assert await user.list() == []


async def test_repository_scope_every_operation(aclient: AsyncClient, emulator: Emulator) -> None:
    repo = aclient.repo(*REPO)
    assert (await repo.public_key()).key_id
    assert await repo.set("API_TOKEN", b"t0ken") is SetOutcome.CREATED
    assert emulator.secret_value("API_TOKEN", repo="octocat/Hello-World") == b"t0ken"
    assert (await repo.get("API_TOKEN")).visibility is None
    assert [s.name async for s in repo.list_stream()] == ["API_TOKEN"]
    await repo.delete("API_TOKEN")
    assert await repo.list() == []


async def test_organization_scope_every_operation(aclient: AsyncClient, emulator: Emulator) -> None:
    org = aclient.org(ORG)
    assert (await org.public_key()).key == emulator.public_key(org=ORG).key  # type: ignore[union-attr]
    await org.set("NPM_TOKEN", "npm", visibility="selected", selected_repository_ids=[OCTO_REPO_ID])
    assert emulator.secret_value("NPM_TOKEN", org=ORG) == b"npm"
    await org.add_repository("NPM_TOKEN", OCTO_SERVICE_ID)
    await org.remove_repository("NPM_TOKEN", OCTO_REPO_ID)
    assert [r.id for r in await org.repositories("NPM_TOKEN")] == [OCTO_SERVICE_ID]
    await org.set_repositories("NPM_TOKEN", [OCTO_REPO_ID])
    assert emulator.secrets(org=ORG)[0].selected_repository_ids == [OCTO_REPO_ID]
    assert (await org.get("NPM_TOKEN")).visibility is Visibility.SELECTED
    assert [s.name async for s in org.list_stream()] == ["NPM_TOKEN"]
    await org.delete("NPM_TOKEN")
    assert await org.list() == []


async def test_set_many_and_sync_run_progress_on_the_event_loop_thread(
    aclient: AsyncClient, emulator: Emulator, tmp_path: Path
) -> None:
    import threading

    loop_thread = threading.get_ident()
    threads: set[int] = set()
    names: list[str] = []

    def progress(p: object) -> None:
        threads.add(threading.get_ident())
        names.append(getattr(p, "name"))

    repo = aclient.repo(*REPO)
    report = await repo.set_many({"A": "1", "B": "2"}, progress=progress)
    assert report.created == ["A", "B"]
    env = tmp_path / ".env"
    env.write_text("A=3\n")
    synced = await repo.sync_env_file(env, prune=True, progress=progress)
    assert (synced.result.updated, synced.result.deleted) == (["A"], ["B"])
    await asyncio.sleep(0.05)  # call_soon_threadsafe callbacks run on the next loop turns
    assert names == ["A", "B", "A", "B"]
    assert threads == {loop_thread}
    assert {s.name: s.value for s in emulator.secrets(repo="octocat/Hello-World")} == {"A": b"3"}


async def test_an_async_stream_walks_every_page(aclient: AsyncClient) -> None:
    repo = aclient.repo(*REPO)
    names = [f"S{i:03}" for i in range(100)]
    assert (await repo.set_many([(n, "v") for n in names])).ok
    assert sorted([s.name async for s in repo.list_stream()]) == names
