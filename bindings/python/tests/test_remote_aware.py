"""Writes change only what the caller asked for: an organization secret keeps its access when its
value is set, and a sync with a state writes only what is new or changed — proven from what the
emulator stored and from its request log."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import stat
from pathlib import Path
from typing import Optional, Union

from codespaces_secrets import (
    AsyncClient,
    Client,
    SetOutcome,
    SyncAction,
    SyncReport,
    Visibility,
    WriteReason,
)
from codespaces_secrets.testing import Emulator
from conftest import OCTO_REPO_ID, OCTO_SERVICE_ID, ORG, REPO

REPO_NAME = "/".join(REPO)
SECRETS_PATH = "/repos/octocat/Hello-World/codespaces/secrets"
BOTH = [OCTO_REPO_ID, OCTO_SERVICE_ID]  # octo-org's two repositories

Row = tuple[str, SyncAction, Optional[WriteReason]]


def rows(report: SyncReport) -> list[Row]:
    return [(c.name, c.action, c.reason) for c in report.plan]


def requests(emulator: Emulator) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emulator.request_log()]


def writes(emulator: Emulator) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in emulator.request_log() if r.write]


def values(emulator: Emulator) -> dict[str, bytes]:
    return {s.name: s.value for s in emulator.secrets(repo=REPO_NAME)}


def test_a_plain_set_keeps_an_org_secrets_visibility_and_repositories(
    client: Client, emulator: Emulator
) -> None:
    org = client.org(ORG)
    org.set("NPM_TOKEN", "v1", visibility=Visibility.SELECTED, selected_repository_ids=BOTH)

    assert org.set("NPM_TOKEN", "v2") is SetOutcome.UPDATED

    assert org.get("NPM_TOKEN").visibility is Visibility.SELECTED
    assert sorted(r.id for r in org.repositories("NPM_TOKEN")) == BOTH
    [stored] = emulator.secrets(org=ORG)
    assert stored.value == b"v2"
    assert stored.visibility is Visibility.SELECTED
    assert sorted(stored.selected_repository_ids) == BOTH

    # Explicit options still win; a new organization secret is private.
    org.set("NPM_TOKEN", "v3", visibility="all")
    assert org.get("NPM_TOKEN").visibility is Visibility.ALL
    org.set("FRESH", "x")
    assert org.get("FRESH").visibility is Visibility.PRIVATE


def test_set_many_and_sync_keep_each_org_secrets_access(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    org = client.org(ORG)
    org.set("CHOSEN", "a1", visibility="selected", selected_repository_ids=BOTH)
    org.set("EVERYWHERE", "b1", visibility=Visibility.ALL)

    assert org.set_many({"CHOSEN": "a2", "EVERYWHERE": "b2"}).updated == ["CHOSEN", "EVERYWHERE"]
    synced = org.sync(
        {"CHOSEN": "a3", "EVERYWHERE": "b3"},
        state=tmp_path / "state.json",
        state_key_file=tmp_path / "key",
    )

    # Nothing records what they hold yet, so both are written: access is kept all the same.
    assert rows(synced) == [
        ("CHOSEN", SyncAction.UPDATE, WriteReason.UNTRACKED),
        ("EVERYWHERE", SyncAction.UPDATE, WriteReason.UNTRACKED),
    ]
    stored = {
        s.name: (s.value, s.visibility, sorted(s.selected_repository_ids))
        for s in emulator.secrets(org=ORG)
    }
    assert stored == {
        "CHOSEN": (b"a3", Visibility.SELECTED, BOTH),
        "EVERYWHERE": (b"b3", Visibility.ALL, []),
    }


def test_a_second_sync_with_state_sends_one_list_and_no_write(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    repo = client.repo(*REPO)
    state, key = tmp_path / "state.json", tmp_path / "key"
    secrets: list[tuple[str, Union[str, bytes]]] = [("ZETA", "z-1"), ("ALPHA", b"a-1")]

    first = repo.sync(secrets, state=state, state_key_file=key)  # pairs: the plan keeps their order
    assert rows(first) == [
        ("ZETA", SyncAction.CREATE, WriteReason.NEW),
        ("ALPHA", SyncAction.CREATE, WriteReason.NEW),
    ]
    assert first.result.created == ["ZETA", "ALPHA"]
    assert first.unchanged == []

    emulator.clear_log()
    second = repo.sync(dict(secrets), state=str(state), state_key_file=str(key))

    assert requests(emulator) == [("GET", SECRETS_PATH)]
    assert second.unchanged == ["ZETA", "ALPHA"]
    assert rows(second) == [
        ("ZETA", SyncAction.UNCHANGED, None),
        ("ALPHA", SyncAction.UNCHANGED, None),
    ]
    assert second.result.ok and second.result.succeeded == 0
    assert str(second).endswith("0 created, 0 updated, 2 unchanged, 0 deleted, 0 failed")
    assert repr(second).startswith("SyncReport(changes=0, unchanged=2, dry_run=False, ")
    assert repr(second.plan[0]) == "PlannedChange(name='ZETA', action='unchanged', reason=None)"
    assert repr(first.plan[1]) == "PlannedChange(name='ALPHA', action='create', reason='new')"
    assert values(emulator) == {"ALPHA": b"a-1", "ZETA": b"z-1"}


def test_the_state_holds_no_value_and_both_files_are_private(
    client: Client, tmp_path: Path
) -> None:
    state, key = tmp_path / "state.json", tmp_path / "key"
    value = "v-do-not-store-7f3a"
    client.repo(*REPO).sync({"API_KEY": value}, state=state, state_key_file=key)

    text = state.read_text()
    digest = hashlib.sha256(value.encode()).digest()
    assert "API_KEY" in text
    for leak in (value, digest.hex(), base64.b64encode(digest).decode(), key.read_text().strip()):
        assert leak not in text
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_only_what_changed_is_written_each_with_its_reason(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    repo = client.repo(*REPO)
    state, key = tmp_path / "state.json", tmp_path / "key"
    repo.sync({"A": "1", "B": "2", "C": "3"}, state=state, state_key_file=key)
    assert emulator.overwrite_secret("C", "edited in the web UI", repo=REPO_NAME)
    assert not emulator.overwrite_secret("NO_SUCH", "x", repo=REPO_NAME)

    emulator.clear_log()
    report = repo.sync({"A": "1-new", "B": "2", "C": "3"}, state=state, state_key_file=key)

    assert rows(report) == [
        ("A", SyncAction.UPDATE, WriteReason.CHANGED),
        ("B", SyncAction.UNCHANGED, None),
        ("C", SyncAction.UPDATE, WriteReason.CHANGED_ELSEWHERE),
    ]
    assert (report.result.updated, report.unchanged) == (["A", "C"], ["B"])
    assert writes(emulator) == [("PUT", f"{SECRETS_PATH}/A"), ("PUT", f"{SECRETS_PATH}/C")]
    assert values(emulator) == {"A": b"1-new", "B": b"2", "C": b"3"}

    forced = repo.sync({"B": "2"}, state=state, state_key_file=key, force=True)
    assert rows(forced) == [("B", SyncAction.UPDATE, WriteReason.FORCED)]
    without_state = repo.sync({"B": "2"})
    assert rows(without_state) == [("B", SyncAction.UPDATE, WriteReason.UNTRACKED)]


def test_sync_env_file_with_state_rewrites_only_edited_lines(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    repo = client.repo(*REPO)
    env, state, key = tmp_path / ".env", tmp_path / "state.json", tmp_path / "key"
    env.write_text("A=1\nB=2\n")
    assert repo.sync_env_file(env, state=state, state_key_file=key).result.created == ["A", "B"]

    env.write_text("A=1\nB=3\n")
    recorded = state.read_bytes()
    emulator.clear_log()
    plan = repo.sync_env_file(env, dry_run=True, state=state, state_key_file=key)
    assert rows(plan) == [
        ("A", SyncAction.UNCHANGED, None),
        ("B", SyncAction.UPDATE, WriteReason.CHANGED),
    ]
    assert writes(emulator) == []
    assert state.read_bytes() == recorded  # a dry run leaves the state as it was

    applied = repo.sync_env_file(str(env), state=str(state), state_key_file=str(key))
    assert (applied.unchanged, applied.result.updated) == (["A"], ["B"])
    assert writes(emulator) == [("PUT", f"{SECRETS_PATH}/B")]
    assert values(emulator) == {"A": b"1", "B": b"3"}


async def test_the_async_client_keeps_access_and_syncs_incrementally(
    aclient: AsyncClient, emulator: Emulator, tmp_path: Path
) -> None:
    org = aclient.org(ORG)
    await org.set("NPM_TOKEN", "v1", visibility="selected", selected_repository_ids=BOTH)
    assert await org.set("NPM_TOKEN", "v2") is SetOutcome.UPDATED
    [stored] = emulator.secrets(org=ORG)
    assert (stored.value, stored.visibility) == (b"v2", Visibility.SELECTED)
    assert sorted(stored.selected_repository_ids) == BOTH

    repo = aclient.repo(*REPO)
    state, key = tmp_path / "state.json", tmp_path / "key"
    assert (await repo.sync([("A", "1"), ("B", "2")], state=state, state_key_file=key)).result.ok
    emulator.clear_log()
    written: list[str] = []
    report = await repo.sync(
        {"A": "1", "B": "2-new"},
        state=state,
        state_key_file=key,
        progress=lambda p: written.append(p.name),
    )
    assert rows(report) == [
        ("A", SyncAction.UNCHANGED, None),
        ("B", SyncAction.UPDATE, WriteReason.CHANGED),
    ]
    assert writes(emulator) == [("PUT", f"{SECRETS_PATH}/B")]
    await asyncio.sleep(0.05)  # progress runs on the loop's next turns
    assert written == ["B"]  # progress counts writes only

    env = tmp_path / ".env"
    env.write_text("A=1\nB=2-new\n")
    emulator.clear_log()
    from_file = await repo.sync_env_file(env, state=state, state_key_file=key)
    assert from_file.unchanged == ["A", "B"]
    assert requests(emulator) == [("GET", SECRETS_PATH)]
