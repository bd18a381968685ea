"""`Client(app=GitHubApp(...))` against the emulator: organization and repository secrets
written with installation tokens (given or looked-up installation, PKCS#1 or PKCS#8 key), sync
and async; bad keys and user scopes refused before any request, never quoting the key; the App
from the GITHUB_APP_* variables, as the CLI reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from codespaces_secrets import AsyncClient, Client, GitHubApp, SetOutcome, errors
from codespaces_secrets.testing import Emulator, RegisteredApp
from conftest import ORG, REPO


def app_client(emulator: Emulator, app: GitHubApp) -> Client:
    return Client(app=app, base_url=emulator.base_url, write_interval=0)


def key_fragments(app: RegisteredApp) -> list[str]:
    """Any 40-character run of a key's base64 body would betray it."""
    pems = (app.private_key_pem, app.private_key_pkcs8_pem)
    return [line[:40] for pem in pems for line in pem.splitlines() if not line.startswith("-----")]


def mints(emulator: Emulator) -> int:
    return sum(
        1 for r in emulator.request_log() if r.method == "POST" and r.path.endswith("/access_tokens")
    )


def lookups(emulator: Emulator) -> list[str]:
    return [r.path for r in emulator.request_log() if r.path.endswith("/installation")]


def test_an_explicit_installation_writes_an_org_secret(emulator: Emulator) -> None:
    registered = emulator.register_app()
    installation = emulator.install_app(registered.id, org=ORG)
    app = GitHubApp(registered.id, registered.private_key_pem, installation)
    assert (app.app_id, app.installation_id) == (str(registered.id), installation)
    client = app_client(emulator, app)
    assert client.org(ORG).set("FROM_APP", "org-value") is SetOutcome.CREATED
    assert emulator.secret_value("FROM_APP", org=ORG) == b"org-value"
    assert lookups(emulator) == []  # no lookup with an explicit installation
    assert mints(emulator) == 1


def test_the_installation_is_looked_up_with_a_pkcs8_key_and_the_client_id(
    emulator: Emulator,
) -> None:
    registered = emulator.register_app()
    emulator.install_app(registered.id, org=ORG)
    emulator.install_app(registered.id, repo="/".join(REPO))
    client = app_client(emulator, GitHubApp(registered.client_id, registered.private_key_pkcs8_pem))
    for value in ("v0", "v1"):
        client.org(ORG).set("LOOKED_UP", value)
        client.repo(*REPO).set("LOOKED_UP", value)
    assert emulator.secret_value("LOOKED_UP", org=ORG) == b"v1"
    assert emulator.secret_value("LOOKED_UP", repo="/".join(REPO)) == b"v1"
    assert lookups(emulator) == [f"/orgs/{ORG}/installation", "/repos/{}/{}/installation".format(*REPO)]
    assert mints(emulator) == 2  # one token per installation, reused


async def test_async_client_with_an_app(emulator: Emulator) -> None:
    registered = emulator.register_app()
    emulator.install_app(registered.id, org=ORG)
    client = AsyncClient(
        app=GitHubApp(str(registered.id), registered.private_key_pem),
        base_url=emulator.base_url,
        write_interval=0,
    )
    assert await client.org(ORG).set("ASYNC_APP", b"a") is SetOutcome.CREATED
    assert [s.name for s in await client.org(ORG).list()] == ["ASYNC_APP"]
    assert emulator.secret_value("ASYNC_APP", org=ORG) == b"a"
    with pytest.raises(errors.InvalidInputError, match="user token"):
        await client.user.list()


def test_user_secrets_need_a_user_token(emulator: Emulator) -> None:
    registered = emulator.register_app()
    emulator.install_app(registered.id, org=ORG)
    client = app_client(emulator, GitHubApp(registered.id, registered.private_key_pem))
    emulator.clear_log()
    for call in (lambda: client.user.list(), lambda: client.user.set("MINE", "v")):
        with pytest.raises(errors.InvalidInputError, match="user token"):
            call()
    assert emulator.request_log() == []  # refused before sending anything


def test_a_bad_key_is_refused_without_quoting_it(emulator: Emulator) -> None:
    registered = emulator.register_app()
    lines = registered.private_key_pem.splitlines()
    broken = "\n".join(lines[:3] + lines[5:])  # two lines of the body missing
    for bad in (broken, registered.private_key_pem.replace("RSA PRIVATE", "EC PRIVATE"), "", "x"):
        with pytest.raises(errors.InvalidInputError) as raised:
            GitHubApp(registered.id, bad)
        text = f"{raised.value} {raised.value!r}"
        assert not any(fragment in text for fragment in key_fragments(registered)), text
    app = GitHubApp(registered.id, registered.private_key_pem, 7)
    assert repr(app) == f"GitHubApp(app_id='{registered.id}', installation_id=7)"
    assert not any(fragment in repr(registered) for fragment in key_fragments(registered))
    assert "[redacted]" in repr(registered)


def test_a_token_and_an_app_together_are_refused(emulator: Emulator) -> None:
    registered = emulator.register_app()
    app = GitHubApp(registered.id, registered.private_key_pem)
    with pytest.raises(errors.InvalidInputError):
        Client(token=emulator.token, app=app, base_url=emulator.base_url)
    with pytest.raises(TypeError):
        Client(app="not an app", base_url=emulator.base_url)  # type: ignore[arg-type]


def test_an_app_not_installed_there_is_refused(emulator: Emulator) -> None:
    registered = emulator.register_app()
    client = app_client(emulator, GitHubApp(registered.id, registered.private_key_pem))
    with pytest.raises(errors.InvalidInputError, match="not installed on the organization"):
        client.org(ORG).list()


def test_installing_an_app_the_emulator_never_registered_is_a_value_error(
    emulator: Emulator,
) -> None:
    with pytest.raises(ValueError, match="no app 999999 is registered"):
        emulator.install_app(999999, org=ORG)


APP_VARIABLES = (
    "GITHUB_APP_ID",
    "GITHUB_APP_PRIVATE_KEY_PATH",
    "GITHUB_APP_PRIVATE_KEY",
    "GITHUB_APP_INSTALLATION_ID",
)


async def test_the_environment_makes_the_client_an_app(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`Client()` reads GITHUB_APP_* like the CLI: an App wins over GITHUB_TOKEN, the key comes
    from a file or the variable, the installation is given or looked up."""
    registered = emulator.register_app()
    installation = emulator.install_app(registered.id, org=ORG)
    key = tmp_path / "app.pem"
    key.write_text(registered.private_key_pem)
    monkeypatch.setenv("GITHUB_API_URL", emulator.base_url)
    monkeypatch.setenv("GITHUB_TOKEN", emulator.token)
    monkeypatch.setenv("GITHUB_APP_ID", str(registered.id))
    monkeypatch.setenv("GITHUB_APP_PRIVATE_KEY_PATH", str(key))
    monkeypatch.setenv("GITHUB_APP_INSTALLATION_ID", str(installation))
    assert Client(write_interval=0).org(ORG).set("FROM_ENV", "file") is SetOutcome.CREATED
    assert emulator.secret_value("FROM_ENV", org=ORG) == b"file"
    assert mints(emulator) == 1 and lookups(emulator) == []
    with pytest.raises(errors.InvalidInputError, match="user token"):
        Client().user.list()  # an App, not GITHUB_TOKEN's user

    monkeypatch.delenv("GITHUB_APP_PRIVATE_KEY_PATH")
    monkeypatch.delenv("GITHUB_APP_INSTALLATION_ID")
    monkeypatch.setenv("GITHUB_APP_PRIVATE_KEY", registered.private_key_pem)
    client = AsyncClient(write_interval=0)
    assert await client.org(ORG).set("FROM_ENV", "pem") is SetOutcome.UPDATED
    assert emulator.secret_value("FROM_ENV", org=ORG) == b"pem"
    assert lookups(emulator) == [f"/orgs/{ORG}/installation"]

    monkeypatch.delenv("GITHUB_APP_PRIVATE_KEY")
    with pytest.raises(errors.InvalidInputError, match="GITHUB_APP_PRIVATE_KEY_PATH") as raised:
        Client()
    assert not any(fragment in str(raised.value) for fragment in key_fragments(registered))
    for name in APP_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    Client().user.list()  # no App variables: GITHUB_TOKEN again
