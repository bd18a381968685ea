"""Test your own code offline: a local server that behaves like GitHub's Codespaces secrets API.

    from codespaces_secrets import Client
    from codespaces_secrets.testing import Emulator

    with Emulator() as emulator:
        client = Client(token=emulator.token, base_url=emulator.base_url, write_interval=0)
        client.user.set("API_KEY", "k-123")
        assert emulator.secret_value("API_KEY") == b"k-123"

The emulator runs in-process on its own thread, listens on 127.0.0.1 (a free port), opens every
sealed value it is sent, and answers with GitHub's status codes and error bodies. Demo data: the
user ``octocat`` with repositories ``Hello-World`` (id 1296269) and ``Spoon-Knife`` (1296270), and
the organization ``octo-org`` with ``octo-repo`` (1296271) and ``octo-service`` (1296272).

GitHub Apps and the device flow, offline::

    app = emulator.register_app()
    emulator.install_app(app.id, org="octo-org")
    client = Client(app=GitHubApp(app.id, app.private_key_pem), base_url=emulator.base_url)

    emulator.set_auth_settings(device_poll_interval=0)
    login = device_flow(app.client_id, base_url=emulator.base_url,
                        on_code=lambda code: emulator.approve_device_code(code.user_code))
"""

from ._native import Emulator, LoggedRequest, RegisteredApp, StoredSecret

__all__ = ["Emulator", "LoggedRequest", "RegisteredApp", "StoredSecret"]
