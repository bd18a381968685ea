"""`codespaces_secrets.testing.Emulator`, the tool users test their own code with."""

from __future__ import annotations

import pytest

from codespaces_secrets import Client, Visibility, errors
from codespaces_secrets.testing import Emulator


def test_context_manager_starts_and_stops() -> None:
    with Emulator(token="ghp_fixed", user_login="mona", repos=["mona/app"], orgs=["acme"]) as emu:
        assert emu.base_url == f"http://127.0.0.1:{emu.port}"
        assert (emu.token, emu.user_login) == ("ghp_fixed", "mona")
        client = Client(token=emu.token, base_url=emu.base_url, write_interval=0)
        client.repo("mona", "app").set("X", "1")
        client.org("acme").set("Y", "2")
        assert emu.secret_value("x", repo="mona/app") == b"1"
        assert emu.secrets(org="acme")[0].visibility is Visibility.PRIVATE
        url = emu.base_url
    with pytest.raises(RuntimeError, match="closed"):
        emu.token
    assert repr(emu) == "Emulator(closed)"
    emu.close()  # idempotent
    with pytest.raises(errors.TransportError):
        Client(token="ghp_fixed", base_url=url, max_retries=0).user.list()


def test_identities_repositories_and_organizations() -> None:
    with Emulator(seed_demo_data=False) as emu:
        assert emu.repo_id("octocat", "Hello-World") is None
        repo_id = emu.add_repo("octocat", "mine")
        assert emu.repo_id("octocat", "mine") == repo_id
        mona = emu.add_user("mona")
        emu.add_org("acme", ["mona"])
        as_mona = Client(token=mona, base_url=emu.base_url, write_interval=0)
        as_mona.org("acme").set("SHARED", "v")
        assert emu.secret_value("SHARED", org="acme") == b"v"
        assert emu.secret_value("SHARED", user="mona") is None
        assert emu.public_key(org="nobody") is None


def test_request_log_and_faults(emulator: Emulator, client: Client) -> None:
    client.user.set("A", "1")
    log = emulator.request_log()
    assert [(r.method, r.path, r.status, r.write) for r in log] == [
        ("GET", "/user/codespaces/secrets/public-key", 200, False),
        ("PUT", "/user/codespaces/secrets/A", 201, True),
    ]
    assert log[1].request_id and log[1].ended_at >= log[1].started_at
    emulator.clear_log()
    assert emulator.request_log() == []
    emulator.set_faults(secondary_min_interval=10.0, secondary_retry_after=0.0)
    with pytest.raises(errors.InvalidInputError):
        emulator.set_faults(latency=-1.0)


def test_scope_keywords_are_checked(emulator: Emulator) -> None:
    with pytest.raises(errors.InvalidInputError):
        emulator.secrets(user="octocat", org="octo-org")
    with pytest.raises(errors.InvalidInputError):
        emulator.secrets(repo="no-slash")
    with pytest.raises(TypeError):
        emulator.secrets(team="x")  # type: ignore[call-arg]
