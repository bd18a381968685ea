"""Every operation in each scope through the blocking `Client`, checked against what the emulator
stored."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from codespaces_secrets import (
    Client,
    PublicKey,
    Repository,
    Secret,
    SetOutcome,
    SyncAction,
    Visibility,
)
from codespaces_secrets.testing import Emulator
from conftest import HELLO_WORLD_ID, OCTO_REPO_ID, OCTO_SERVICE_ID, ORG, REPO, SPOON_KNIFE_ID


def test_user_scope_every_operation(client: Client, emulator: Emulator) -> None:
    user = client.user
    assert user.path == "user"
    key = user.public_key()
    assert isinstance(key, PublicKey)
    assert key == emulator.public_key()

    assert user.set("db_password", "hunter2") is SetOutcome.CREATED
    assert user.set("DB_PASSWORD", b"hunter3", selected_repository_ids=[HELLO_WORLD_ID]) == (
        SetOutcome.UPDATED
    )
    assert emulator.secret_value("DB_PASSWORD") == b"hunter3"

    secret = user.get("db_password")
    assert isinstance(secret, Secret)
    assert secret.name == "DB_PASSWORD"
    assert secret.visibility is Visibility.SELECTED
    assert isinstance(secret.created_at, datetime)
    assert secret.created_at.tzinfo is not None
    assert secret.created_at.utcoffset() == timezone.utc.utcoffset(None)
    assert secret.selected_repositories_url is not None
    assert [s.name for s in user.list()] == ["DB_PASSWORD"]
    assert [s.name for s in user.list_stream()] == ["DB_PASSWORD"]

    assert [r.id for r in user.repositories("DB_PASSWORD")] == [HELLO_WORLD_ID]
    user.add_repository("DB_PASSWORD", SPOON_KNIFE_ID)
    repos = user.repositories("DB_PASSWORD")
    assert all(isinstance(r, Repository) for r in repos)
    assert sorted(r.full_name for r in repos) == ["octocat/Hello-World", "octocat/Spoon-Knife"]
    assert repos[0].owner.login == "octocat"
    user.remove_repository("DB_PASSWORD", HELLO_WORLD_ID)
    assert [r.id for r in user.repositories("DB_PASSWORD")] == [SPOON_KNIFE_ID]
    user.set_repositories("DB_PASSWORD", [HELLO_WORLD_ID, SPOON_KNIFE_ID])
    stored = emulator.secrets()
    assert stored[0].selected_repository_ids == [HELLO_WORLD_ID, SPOON_KNIFE_ID]

    user.delete("db_password")
    assert user.list() == []
    assert emulator.secret_value("DB_PASSWORD") is None


def test_repository_scope_every_operation(client: Client, emulator: Emulator) -> None:
    repo = client.repo(*REPO)
    assert repo.path == "repos/octocat/Hello-World"
    assert repo.public_key().key_id == emulator.public_key(repo="octocat/Hello-World").key_id  # type: ignore[union-attr]
    assert repo.set("API_TOKEN", "t0ken") is SetOutcome.CREATED
    assert emulator.secret_value("API_TOKEN", repo="octocat/Hello-World") == b"t0ken"
    secret = repo.get("api_token")
    assert secret.name == "API_TOKEN"
    assert secret.visibility is None
    assert secret.selected_repositories_url is None
    assert [s.name for s in repo.list()] == ["API_TOKEN"]
    assert [s.name for s in repo.list_stream()] == ["API_TOKEN"]
    repo.delete("API_TOKEN")
    assert repo.list() == []


def test_organization_scope_every_operation(client: Client, emulator: Emulator) -> None:
    org = client.org(ORG)
    assert org.public_key().key == emulator.public_key(org=ORG).key  # type: ignore[union-attr]
    outcome = org.set(
        "NPM_TOKEN", "npm_abc", visibility=Visibility.SELECTED, selected_repository_ids=[OCTO_REPO_ID]
    )
    assert outcome is SetOutcome.CREATED
    assert org.set("OTHER", "x", visibility="all") is SetOutcome.CREATED
    assert org.get("OTHER").visibility is Visibility.ALL
    assert emulator.secret_value("NPM_TOKEN", org=ORG) == b"npm_abc"

    assert [r.id for r in org.repositories("NPM_TOKEN")] == [OCTO_REPO_ID]
    org.add_repository("NPM_TOKEN", OCTO_SERVICE_ID)
    org.remove_repository("NPM_TOKEN", OCTO_REPO_ID)
    assert [r.full_name for r in org.repositories("NPM_TOKEN")] == ["octo-org/octo-service"]
    org.set_repositories("NPM_TOKEN", [OCTO_REPO_ID, OCTO_SERVICE_ID])
    assert {s.name: s.selected_repository_ids for s in emulator.secrets(org=ORG)} == {
        "NPM_TOKEN": [OCTO_REPO_ID, OCTO_SERVICE_ID],
        "OTHER": [],
    }
    assert sorted(s.name for s in org.list_stream()) == ["NPM_TOKEN", "OTHER"]
    org.delete("NPM_TOKEN")
    org.delete("OTHER")
    assert org.list() == []


def test_set_many_accepts_a_mapping_or_pairs_and_reports_each_item(
    client: Client, emulator: Emulator
) -> None:
    repo = client.repo(*REPO)
    repo.set("EXISTING", "old")
    seen: list[tuple[int, int, str, bool]] = []
    report = repo.set_many(
        {"existing": "new", "FRESH": b"\x00\xffbinary"},
        progress=lambda p: seen.append((p.done, p.total, p.name, p.ok)),
    )
    assert report.ok
    assert report.created == ["FRESH"]
    assert report.updated == ["EXISTING"]
    assert report.failed == [] and report.deleted == [] and report.succeeded == 2
    assert str(report).startswith("1 created, 1 updated, 0 deleted, 0 failed")
    assert [s[:2] for s in seen] == [(1, 2), (2, 2)]
    assert emulator.secret_value("FRESH", repo="octocat/Hello-World") == b"\x00\xffbinary"
    pairs_report = repo.set_many([("A", "1"), ("B", "2")])
    assert pairs_report.created == ["A", "B"]


def test_sync_env_file_plans_and_applies(client: Client, emulator: Emulator, tmp_path: Path) -> None:
    repo = client.repo(*REPO)
    repo.set("STALE", "x")
    repo.set("KEEP", "old")
    env = tmp_path / ".env"
    env.write_text("KEEP=new\nADDED='with spaces'\n")

    plan = repo.sync_env_file(env, dry_run=True, prune=True)
    assert plan.dry_run
    assert [(c.name, c.action) for c in plan.plan] == [
        ("KEEP", SyncAction.UPDATE),
        ("ADDED", SyncAction.CREATE),
        ("STALE", SyncAction.DELETE),
    ]
    assert plan.result.succeeded == 0
    assert emulator.secret_value("KEEP", repo="octocat/Hello-World") == b"old"

    done = repo.sync_env_file(str(env), prune=True, progress=lambda p: None)
    assert not done.dry_run
    assert done.result.created == ["ADDED"]
    assert done.result.updated == ["KEEP"]
    assert done.result.deleted == ["STALE"]
    stored = {s.name: s.value for s in emulator.secrets(repo="octocat/Hello-World")}
    assert stored == {"ADDED": b"with spaces", "KEEP": b"new"}


def test_paging_reads_every_page(client: Client, emulator: Emulator) -> None:
    repo = client.repo(*REPO)
    names = [f"S{i:03}" for i in range(100)]
    assert repo.set_many({n: "v" for n in names}).ok
    emulator.clear_log()
    assert sorted(s.name for s in repo.list()) == names
    assert sorted(s.name for s in repo.list_stream()) == names
    pages = [r for r in emulator.request_log() if r.method == "GET"]
    assert len(pages) >= 2  # one list() and one list_stream(), each walking the Link header
