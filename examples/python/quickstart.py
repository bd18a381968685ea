"""A whole Codespaces-secrets lifecycle from Python, printed step by step.

    python examples/python/quickstart.py        # offline, against the in-process emulator
    GITHUB_TOKEN=... CODESPACES_SECRETS_DEMO_REPO=owner/repo python examples/python/quickstart.py
                                                # the real API; everything it creates is deleted

Then the same with asyncio: `AsyncClient` offers every operation as an awaitable.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Optional

from codespaces_secrets import AsyncClient, Client, errors
from codespaces_secrets.testing import Emulator


def step(title: str) -> None:
    print(f"\n{title}")


def lifecycle(client: Client, owner: str, name: str, repo_id: Optional[int]) -> None:
    repo = client.repo(owner, name)

    step("1. Fetch the repository's public key")
    key = repo.public_key()
    print(f"   key_id {key.key_id} / key {key.key}")

    step("2. Set a secret: sealed locally with the key, then stored")
    print(f"   DEMO_API_KEY -> {repo.set('DEMO_API_KEY', 'k-123-first')}")

    step("3. Set it again: same name, new value")
    print(f"   DEMO_API_KEY -> {repo.set('demo_api_key', 'k-456-second')}")

    step("4. List the repository's secrets (names and dates; GitHub never returns values)")
    for secret in repo.list():
        print(f"   {secret.name:<24} updated {secret.updated_at:%Y-%m-%d %H:%M:%S %Z}")

    step("5. A user secret, visible to selected repositories")
    ids = [repo_id] if repo_id is not None else []
    outcome = client.user.set("DEMO_USER_TOKEN", "u-789", selected_repository_ids=ids)
    print(f"   DEMO_USER_TOKEN -> {outcome}")
    for listed in client.user.repositories("DEMO_USER_TOKEN"):
        print(f"   visible to {listed.full_name} (id {listed.id})")

    with tempfile.TemporaryDirectory() as folder:
        env, state, state_key = (Path(folder) / n for n in (".env", "state.json", "state.key"))
        env.write_text("DEMO_API_KEY=k-789-synced\nDEMO_DB_URL=postgres://demo\n")

        step("6. Sync from a .env file (dry run, then for real, recording a state)")
        for change in repo.sync_env_file(env, dry_run=True).plan:
            print(f"   would {change.action}: {change.name} ({change.reason})")
        # The state holds keyed fingerprints and GitHub's updated_at, never a value; its key
        # belongs elsewhere (by default ~/.config/codespaces-secrets): here a temporary file.
        print(f"   {repo.sync_env_file(env, state=state, state_key_file=state_key).result}")

        step("7. Sync again after editing one line: only that value is written")
        env.write_text("DEMO_API_KEY=k-789-synced\nDEMO_DB_URL=postgres://demo-2\n")
        again = repo.sync_env_file(env, state=state, state_key_file=state_key)
        for line in str(again).splitlines():  # each secret's action (and why), then a summary
            print(f"   {line}")

    step("8. Errors are classes with GitHub's status and request id")
    try:
        repo.get("NO_SUCH_SECRET")
    except errors.NotFoundError as err:
        print(f"   NotFoundError: HTTP {err.status}, request id {err.request_id}")

    step("9. Delete everything the demo created")
    for secret_name in ("DEMO_API_KEY", "DEMO_DB_URL"):
        repo.delete(secret_name)
        print(f"   deleted {secret_name}")
    client.user.delete("DEMO_USER_TOKEN")
    print("   deleted DEMO_USER_TOKEN")


async def with_asyncio(client: AsyncClient, owner: str, name: str) -> None:
    step("10. The same with asyncio: concurrent calls, and `async for` over the list")
    repo = client.repo(owner, name)
    outcomes = await asyncio.gather(repo.set("DEMO_ASYNC_A", "a"), repo.set("DEMO_ASYNC_B", "b"))
    print(f"   DEMO_ASYNC_A, DEMO_ASYNC_B -> {', '.join(str(o) for o in outcomes)}")
    async for secret in repo.list_stream():
        print(f"   listed {secret.name}")
    await asyncio.gather(repo.delete("DEMO_ASYNC_A"), repo.delete("DEMO_ASYNC_B"))
    print(f"\nDone: {len(await repo.list())} secrets left in {owner}/{name}.")


def main() -> None:
    with ExitStack() as stack:
        if os.environ.get("GITHUB_TOKEN"):
            owner, _, name = os.environ["CODESPACES_SECRETS_DEMO_REPO"].partition("/")
            client, aclient = Client(), AsyncClient()  # GITHUB_TOKEN, GITHUB_API_URL
            repo_id_text = os.environ.get("CODESPACES_SECRETS_DEMO_REPO_ID")
            repo_id = int(repo_id_text) if repo_id_text else None
            print(f"Using the GitHub API at {client.base_url} on {owner}/{name}")
        else:
            emulator = stack.enter_context(Emulator())
            owner, name = emulator.user_login, "Hello-World"
            repo_id = emulator.repo_id(owner, name)
            # GitHub wants writes a second apart; the local emulator does not need the wait.
            token, url = emulator.token, emulator.base_url
            client = Client(token=token, base_url=url, write_interval=0)
            aclient = AsyncClient(token=token, base_url=url, write_interval=0)
            print(f"No GITHUB_TOKEN: started the emulator at {emulator.base_url}")
        lifecycle(client, owner, name, repo_id)
        asyncio.run(with_asyncio(aclient, owner, name))


if __name__ == "__main__":
    main()
