"""Fleets from Python: plan, apply and check from a manifest given as a mapping or as a file,
against the emulator (repositories with topics made through its control route), values read back
decrypted; progress, cancellation between writes with the state saved, saved plans, and the SDK's
errors as this package's exceptions."""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from codespaces_secrets import AsyncClient, CancelHandle, Client
from codespaces_secrets.errors import InvalidInputError, UnauthorizedError
from codespaces_secrets.fleet import ApplyProgress, ApplyReport, ChangeAction, ChangeReason, Plan
from codespaces_secrets.testing import Emulator

# NPM_TOKEN: Hello-World and acme's svc-0..3 (the topic), not svc-4/5; SHARED_KEY: acme's
# selected svc-0, svc-1; DEV_TOKEN: the user's, for Hello-World. Seven writes.
WRITES = 7
TOML = """version = 1
name = "platform"

[secrets.NPM_TOKEN]
from = {{ file = "npm.txt" }}
repos = ["octocat/Hello-World"]
repos_where = [{{ org = "acme", name = "svc-*", topics = ["codespaces"] }}]

[secrets.SHARED_KEY]
from = {{ env = "{env}" }}
orgs = {{ acme = {{ visibility = "selected", repos = ["svc-0", "svc-1"] }} }}

[secrets.DEV_TOKEN]
from = {{ dotenv = "dev.env", key = "DEV" }}
user = {{ repos = ["octocat/Hello-World"] }}
"""


class Fleet:
    """acme's six repositories, the value sources in a private folder, the state beside them."""

    def __init__(self, emulator: Emulator, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.emulator = emulator
        self.folder = folder
        repos = [
            {"owner": "acme", "name": f"svc-{i}", "topics": ["codespaces"] if i < 4 else ["web"]}
            for i in range(6)
        ]
        request = urllib.request.Request(
            f"{emulator.base_url}/_emulator/repositories",
            data=json.dumps(repos).encode(),
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request) as answer:
            assert answer.status == 201
        self.env = f"FLEET_SHARED_{id(self)}"
        monkeypatch.setenv(self.env, "shared-1")
        (folder / "npm.txt").write_text("npm-1")
        (folder / "dev.env").write_text("DEV=dev-1\n")
        (folder / "fleet.toml").write_text(TOML.format(env=self.env))
        self.state = folder / "state.json"
        self.key = folder / "state.key"

    @property
    def path(self) -> Path:
        return self.folder / "fleet.toml"

    def mapping(self) -> dict[str, Any]:
        """The same manifest as a mapping (absolute paths: a mapping has no folder)."""
        return {
            "version": 1,
            "name": "platform",
            "secrets": {
                "NPM_TOKEN": {
                    "from": {"file": str(self.folder / "npm.txt")},
                    "repos": ["octocat/Hello-World"],
                    "repos_where": [{"org": "acme", "name": "svc-*", "topics": ["codespaces"]}],
                },
                "SHARED_KEY": {
                    "from": {"env": self.env},
                    "orgs": {"acme": {"visibility": "selected", "repos": ["svc-0", "svc-1"]}},
                },
                "DEV_TOKEN": {
                    "from": {"dotenv": str(self.folder / "dev.env"), "key": "DEV"},
                    "user": {"repos": ["octocat/Hello-World"]},
                },
            },
        }

    def state_options(self) -> dict[str, Any]:
        return {"state": self.state, "state_key_file": self.key}

    def writes(self) -> int:
        return sum(1 for r in self.emulator.request_log() if r.write and r.status < 300)

    def assert_values(self, npm: bytes = b"npm-1") -> None:
        e = self.emulator
        for repo in ["octocat/Hello-World", "acme/svc-0", "acme/svc-1", "acme/svc-2", "acme/svc-3"]:
            assert e.secret_value("NPM_TOKEN", repo=repo) == npm, repo
        for left_out in ["acme/svc-4", "acme/svc-5"]:
            assert e.secret_value("NPM_TOKEN", repo=left_out) is None, left_out
        assert e.secret_value("SHARED_KEY", org="acme") == b"shared-1"
        assert e.secret_value("DEV_TOKEN") == b"dev-1"


@pytest.fixture
def fleet(emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Fleet:
    return Fleet(emulator, tmp_path, monkeypatch)


def test_plan_and_apply_a_mapping_then_check_finds_nothing(client: Client, fleet: Fleet) -> None:
    plan = client.plan(fleet.mapping(), **fleet.state_options())
    assert isinstance(plan, Plan)
    assert plan.errors == [] and plan.has_changes
    assert plan.totals.writes == WRITES and plan.totals.reads > 0
    assert fleet.writes() == 0, "a plan writes nothing"
    creates = [c for c in plan.changes if c.action is ChangeAction.CREATE]
    assert len(creates) == WRITES
    assert {c.reason for c in creates} == {ChangeReason.NEW}
    shared = next(c for c in plan.changes if c.name == "SHARED_KEY")
    assert shared.scope == "orgs/acme"
    assert shared.access is not None and sorted(shared.access.added) == ["acme/svc-0", "acme/svc-1"]

    seen: list[ApplyProgress] = []
    report = client.apply(plan, **fleet.state_options(), progress=seen.append)
    assert isinstance(report, ApplyReport)
    assert report.ok and not report.cancelled and report.remaining == 0
    assert report.writes == WRITES == fleet.writes()
    assert [p.done for p in seen if p.waiting is None] == list(range(1, WRITES + 1))
    assert all(p.total == WRITES and p.ok for p in seen)
    assert all(i.error is None for i in report.items)
    fleet.assert_values()

    again = client.check(fleet.mapping(), **fleet.state_options())
    assert not again.has_changes
    assert {c.action for c in again.changes} == {ChangeAction.UNCHANGED}
    # Checked once more: the lists answer 304 from the ETags kept beside the state.
    third = client.check(fleet.mapping(), **fleet.state_options())
    assert 0 < third.totals.not_modified <= third.totals.reads, third.totals
    assert third.totals.points == 0 and third.totals.rate_remaining is not None


def test_apply_a_manifest_file_directly_and_a_changed_value_only(
    client: Client, fleet: Fleet
) -> None:
    report = client.apply(str(fleet.path), **fleet.state_options())
    assert report.ok and report.writes == WRITES
    fleet.assert_values()

    (fleet.folder / "npm.txt").write_text("npm-2")
    plan = client.plan(fleet.path, **fleet.state_options())
    assert plan.totals.writes == 5
    assert {c.reason for c in plan.changes if c.action is ChangeAction.UPDATE} == {
        ChangeReason.CHANGED
    }
    summary = json.loads(plan.to_json())
    assert summary["totals"]["writes"] == 5 and summary["version"] == plan.version
    for shown in (str(plan), repr(plan), plan.to_json()):
        assert "npm-2" not in shown and "shared-1" not in shown
    client.apply(plan, **fleet.state_options())
    fleet.assert_values(npm=b"npm-2")


def test_cancel_stops_between_writes_with_the_state_saved(client: Client, fleet: Fleet) -> None:
    cancel = CancelHandle()

    def progress(p: ApplyProgress) -> None:
        if p.waiting is None and p.done == 3:
            cancel.cancel()

    report = client.apply(fleet.mapping(), **fleet.state_options(), progress=progress, cancel=cancel)
    assert report.cancelled and report.ok
    assert report.writes == 3 == fleet.writes() == len(report.items)
    assert report.remaining == WRITES - 3

    rest = client.plan(fleet.mapping(), **fleet.state_options())
    assert rest.totals.writes == WRITES - 3, "the state recorded the three"
    client.apply(rest, **fleet.state_options())
    assert fleet.writes() == WRITES, "nothing written twice"
    fleet.assert_values()


def test_a_saved_plan_applies_later_and_refuses_when_a_value_moved(
    client: Client, fleet: Fleet
) -> None:
    saved = fleet.folder / "plan.json"
    client.plan(fleet.path, **fleet.state_options()).save(saved)
    assert "npm-1" not in saved.read_text()
    plan = client.load_saved_plan(saved, **fleet.state_options())
    assert client.apply(plan, **fleet.state_options()).writes == WRITES

    client.plan(fleet.path, **fleet.state_options()).save(saved)
    (fleet.folder / "npm.txt").write_text("npm-3")
    with pytest.raises(InvalidInputError, match="stale"):
        client.load_saved_plan(saved, **fleet.state_options())


def test_errors_are_the_packages_exceptions_with_the_sdks_codes(
    client: Client, fleet: Fleet, emulator: Emulator
) -> None:
    literal = fleet.mapping()
    literal["secrets"]["NPM_TOKEN"]["value"] = "in-git"
    with pytest.raises(InvalidInputError, match="never holds a value") as raised:
        client.plan(literal)
    assert raised.value.code == "INVALID_INPUT" and isinstance(raised.value, ValueError)
    with pytest.raises(InvalidInputError, match="version"):
        client.plan({"name": "platform", "secrets": {}})
    with pytest.raises(InvalidInputError, match="cannot read"):
        client.plan(fleet.folder / "missing.toml")
    with pytest.raises(TypeError, match="manifest"):
        client.plan(42)  # type: ignore[arg-type]

    nothing = fleet.mapping()
    nothing["secrets"]["NPM_TOKEN"]["repos_where"][0]["topics"] = ["no-such-topic"]
    plan = client.plan(nothing)
    assert [e.kind for e in plan.errors] == ["selector_matched_nothing"]
    with pytest.raises(InvalidInputError, match="error"):
        client.apply(plan)
    assert fleet.writes() == 0

    stranger = Client(token="ghp_wrong", base_url=emulator.base_url, write_interval=0)
    with pytest.raises(UnauthorizedError) as unauthorized:
        stranger.check(fleet.mapping())
    assert unauthorized.value.status == 401


async def test_async_plan_apply_check_with_progress_on_the_loop(fleet: Fleet) -> None:
    aclient = AsyncClient(token=fleet.emulator.token, base_url=fleet.emulator.base_url, write_interval=0)
    plan = await aclient.plan(fleet.mapping(), **fleet.state_options())
    assert plan.totals.writes == WRITES
    threads: set[int] = set()
    report = await aclient.apply(
        plan, **fleet.state_options(), progress=lambda _: threads.add(threading.get_ident())
    )
    assert report.ok and report.writes == WRITES
    await asyncio.sleep(0)  # progress calls queued on the loop run
    assert threads == {threading.get_ident()}
    fleet.assert_values()
    assert not (await aclient.check(fleet.path, **fleet.state_options())).has_changes


async def test_async_cancel_stops_between_writes(fleet: Fleet) -> None:
    aclient = AsyncClient(token=fleet.emulator.token, base_url=fleet.emulator.base_url, write_interval=0)
    cancel = CancelHandle()
    cancel.cancel()
    report = await aclient.apply(fleet.mapping(), **fleet.state_options(), cancel=cancel)
    assert report.cancelled and report.writes == 0 and report.remaining == WRITES
    assert fleet.writes() == 0
