"""`device_flow` / `device_flow_async` against the emulator: the code reaches `on_code`, the
user approves (or denies) it through the emulator, and the token works for user secrets;
cancelling (a `CancelHandle`, an asyncio task, an exception in `on_code`) ends the wait at once."""

from __future__ import annotations

import asyncio
import os
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from codespaces_secrets import (
    CancelHandle,
    Client,
    DeviceCode,
    DeviceLogin,
    device_flow,
    device_flow_async,
    errors,
)
from codespaces_secrets.testing import Emulator, RegisteredApp


@pytest.fixture
def app(emulator: Emulator) -> RegisteredApp:
    emulator.set_auth_settings(device_poll_interval=0)  # poll without waiting: fast tests
    return emulator.register_app()


def polls(emulator: Emulator) -> int:
    return sum(1 for r in emulator.request_log() if r.path == "/login/oauth/access_token")


def assert_works_for_user_secrets(emulator: Emulator, login: DeviceLogin) -> None:
    client = Client(token=login.token, base_url=emulator.base_url, write_interval=0)
    client.user.set("FROM_DEVICE", "ok")
    assert emulator.secret_value("FROM_DEVICE") == b"ok"


def test_approved_from_on_code(emulator: Emulator, app: RegisteredApp) -> None:
    shown: list[DeviceCode] = []

    def approve(code: DeviceCode) -> None:
        shown.append(code)
        assert emulator.approve_device_code(code.user_code)

    login = device_flow(app.client_id, base_url=emulator.base_url, on_code=approve)
    [code] = shown
    assert code.verification_uri == f"{emulator.base_url}/login/device"
    assert code.expires_in == 900 and code.interval == 0
    assert str(code) == f"Open {code.verification_uri} and enter {code.user_code}"
    assert login.host == emulator.base_url.removeprefix("http://")
    assert login.token not in repr(login) and "[redacted]" in repr(login)
    assert_works_for_user_secrets(emulator, login)


def test_approved_later_from_another_thread(emulator: Emulator, app: RegisteredApp) -> None:
    shown: list[DeviceCode] = []

    def user() -> None:  # the person at the browser, after a few polls
        while polls(emulator) < 3:
            time.sleep(0.005)
        emulator.approve_device_code(shown[0].user_code)

    thread = threading.Thread(target=user)
    thread.start()
    login = device_flow(
        app.client_id, scopes=["codespace"], base_url=emulator.base_url, on_code=shown.append
    )
    thread.join()
    assert polls(emulator) >= 4
    assert_works_for_user_secrets(emulator, login)


def test_denied(emulator: Emulator, app: RegisteredApp) -> None:
    with pytest.raises(errors.LoginFailed) as raised:
        device_flow(
            app.client_id,
            base_url=emulator.base_url,
            on_code=lambda code: emulator.deny_device_code(code.user_code),
        )
    assert raised.value.reason == "denied"
    assert raised.value.code == "LOGIN_FAILED"
    assert isinstance(raised.value, errors.CodespacesSecretsError)


def test_an_unknown_client_id_is_refused(emulator: Emulator) -> None:
    with pytest.raises(errors.LoginFailed) as raised:
        device_flow("Iv23liNoSuchApp0000", base_url=emulator.base_url, on_code=lambda _: None)
    assert raised.value.reason == "refused"


def test_cancel_from_another_thread_ends_the_wait_at_once(
    emulator: Emulator, app: RegisteredApp, capsys: pytest.CaptureFixture[str]
) -> None:
    emulator.set_auth_settings(device_poll_interval=30)
    cancel = CancelHandle()
    assert not cancel.cancelled
    threading.Timer(0.2, cancel.cancel).start()
    started = time.monotonic()
    with pytest.raises(errors.LoginFailed) as raised:
        device_flow(app.client_id, base_url=emulator.base_url, cancel=cancel)  # default on_code
    assert raised.value.reason == "cancelled"
    assert time.monotonic() - started < 5
    assert cancel.cancelled
    assert [r.method for r in emulator.request_log() if r.path == "/login/device/code"] == ["POST"]
    assert f"Open {emulator.base_url}/login/device and enter " in capsys.readouterr().err


def test_an_exception_in_on_code_ends_the_login_and_is_raised(
    emulator: Emulator, app: RegisteredApp
) -> None:
    emulator.set_auth_settings(device_poll_interval=30)

    def broken(code: DeviceCode) -> None:
        raise KeyError("no browser here")

    started = time.monotonic()
    with pytest.raises(KeyError, match="no browser here"):
        device_flow(app.client_id, base_url=emulator.base_url, on_code=broken)
    assert time.monotonic() - started < 5


def test_bad_arguments_are_refused(emulator: Emulator) -> None:
    with pytest.raises(errors.InvalidInputError, match="timeout"):
        device_flow("Iv1", base_url=emulator.base_url, timeout=-1)
    with pytest.raises(errors.InvalidInputError, match="base_url"):
        device_flow("Iv1", base_url="http://example.com")
    with pytest.raises(TypeError):
        device_flow("Iv1", scopes="codespace", base_url=emulator.base_url)  # a str is no list


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private config directory, and no token in the environment: the chain's third link."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    for name in ("GITHUB_TOKEN", "GH_TOKEN", "GITHUB_API_URL"):
        monkeypatch.delenv(name, raising=False)
    yield tmp_path


def test_a_saved_login_is_found_by_clients_given_no_token(
    emulator: Emulator, app: RegisteredApp, config_home: Path
) -> None:
    login = device_flow(
        app.client_id,
        base_url=emulator.base_url,
        on_code=lambda code: emulator.approve_device_code(code.user_code),
    )
    path = Path(login.save())
    assert path.is_relative_to(config_home)
    assert path.read_text().strip() == login.token
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    client = Client(base_url=emulator.base_url, write_interval=0)  # no token: the stored login
    client.user.set("FROM_STORE", "v")
    assert emulator.secret_value("FROM_STORE") == b"v"


async def test_async_approved_from_on_code(emulator: Emulator, app: RegisteredApp) -> None:
    on_loop: list[bool] = []

    def approve(code: DeviceCode) -> None:
        on_loop.append(threading.current_thread() is threading.main_thread())
        emulator.approve_device_code(code.user_code)

    login = await device_flow_async(app.client_id, base_url=emulator.base_url, on_code=approve)
    assert on_loop == [True]  # on the event loop's thread
    assert_works_for_user_secrets(emulator, login)


async def test_async_denied_and_on_code_errors(emulator: Emulator, app: RegisteredApp) -> None:
    with pytest.raises(errors.LoginFailed) as raised:
        await device_flow_async(
            app.client_id,
            base_url=emulator.base_url,
            on_code=lambda code: emulator.deny_device_code(code.user_code),
        )
    assert raised.value.reason == "denied"

    def broken(code: DeviceCode) -> None:
        raise RuntimeError("on_code failed")

    with pytest.raises(RuntimeError, match="on_code failed"):
        await device_flow_async(app.client_id, base_url=emulator.base_url, on_code=broken)


async def test_async_cancelling_the_task_cancels_the_login(
    emulator: Emulator, app: RegisteredApp
) -> None:
    emulator.set_auth_settings(device_poll_interval=1)
    shown = asyncio.Event()
    task = asyncio.ensure_future(
        device_flow_async(app.client_id, base_url=emulator.base_url, on_code=lambda _: shown.set())
    )
    await asyncio.wait_for(shown.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    before = polls(emulator)
    await asyncio.sleep(1.5)
    assert polls(emulator) == before  # nothing polls any more


async def test_async_cancel_handle(emulator: Emulator, app: RegisteredApp) -> None:
    emulator.set_auth_settings(device_poll_interval=30)
    cancel = CancelHandle()
    asyncio.get_running_loop().call_later(0.2, cancel.cancel)
    with pytest.raises(errors.LoginFailed) as raised:
        await device_flow_async(
            app.client_id, base_url=emulator.base_url, on_code=lambda _: None, cancel=cancel
        )
    assert raised.value.reason == "cancelled"
