"""The emulator driven by a client that is not ours: githubkit's typed REST methods and pydantic
models, values sealed with libsodium (PyNaCl) against the public key githubkit fetched, then read
back decrypted through the emulator's `/_emulator/` routes.

githubkit 0.16 sends `X-GitHub-Api-Version: 2026-03-10` by default (its newest schema); the
suite keeps that default and checks the emulator served that version.
"""

from __future__ import annotations

import base64
import json
import os
import re
import sys
import time
import urllib.request
from typing import Any, Iterator

import pytest
from githubkit import GitHub
from githubkit.exception import RequestFailed
from nacl.public import PublicKey, SealedBox

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "contract"))
from emulator_process import Emulator, running  # noqa: E402

# The demo data every emulator starts with (crates/emulator/README.md).
USER = "octocat"
OWNER, REPO = "octocat", "Hello-World"
ORG = "octo-org"
HELLO_WORLD, SPOON_KNIFE, OCTO_REPO, OCTO_SERVICE = 1296269, 1296270, 1296271, 1296272


def _operations() -> list[tuple[str, str, re.Pattern[str]]]:
    """The 23 operations, as the emulator's request log shows them."""
    ops = []
    for scope, base in (("user", "/user"), ("repo", "/repos/[^/]+/[^/]+"), ("org", "/orgs/[^/]+")):
        secrets = f"{base}/codespaces/secrets"
        rows = [
            ("list", "GET", secrets),
            ("public key", "GET", f"{secrets}/public-key"),
            ("get", "GET", f"{secrets}/(?!public-key$)[^/]+"),
            ("create or update", "PUT", f"{secrets}/[^/]+"),
            ("delete", "DELETE", f"{secrets}/[^/]+"),
        ]
        if scope != "repo":
            rows += [
                ("list repositories", "GET", f"{secrets}/[^/]+/repositories"),
                ("set repositories", "PUT", f"{secrets}/[^/]+/repositories"),
                ("add repository", "PUT", rf"{secrets}/[^/]+/repositories/\d+"),
                ("remove repository", "DELETE", rf"{secrets}/[^/]+/repositories/\d+"),
            ]
        ops += [(f"{scope}: {name}", method, re.compile(f"^{path}$")) for name, method, path in rows]
    return ops


OPERATIONS = _operations()


class Session:
    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator
        self.versions: set[str] = set()
        self.github = GitHub(
            emulator.token,
            base_url=emulator.base_url,
            user_agent="independent-githubkit",
            event_hooks={"response": [self._saw]},
        )

    def _saw(self, response: Any) -> None:
        self.versions.add(response.headers.get("x-github-api-version-selected"))

    def inspect(self, path: str) -> Any:
        with urllib.request.urlopen(f"{self.emulator.base_url}/_emulator/{path}", timeout=10) as answer:
            return json.loads(answer.read())


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    with running() as emulator:
        yield Session(emulator)


def seal(key_base64: str, value: str) -> str:
    """libsodium's crypto_box_seal (PyNaCl) to the scope's key, base64-encoded."""
    box = SealedBox(PublicKey(base64.b64decode(key_base64)))
    return base64.b64encode(box.encrypt(value.encode())).decode()


def unique(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{time.monotonic_ns()}"


def test_user_secrets_every_operation(session: Session) -> None:
    cs = session.github.rest.codespaces
    name = unique("GITHUBKIT_USER")
    value = f"user value ✓ {name}"
    key = cs.get_public_key_for_authenticated_user().parsed_data
    assert len(base64.b64decode(key.key)) == 32

    created = cs.create_or_update_secret_for_authenticated_user(
        name, encrypted_value=seal(key.key, "first"), key_id=key.key_id,
        selected_repository_ids=[HELLO_WORLD],
    )
    assert created.status_code == 201
    updated = cs.create_or_update_secret_for_authenticated_user(
        name, encrypted_value=seal(key.key, value), key_id=key.key_id,
        selected_repository_ids=[HELLO_WORLD],
    )
    assert updated.status_code == 204

    listed = cs.list_secrets_for_authenticated_user(per_page=100).parsed_data
    assert name in [s.name for s in listed.secrets]
    secret = cs.get_secret_for_authenticated_user(name).parsed_data
    assert (secret.name, secret.visibility) == (name, "selected")

    cs.set_repositories_for_secret_for_authenticated_user(
        name, selected_repository_ids=[HELLO_WORLD, SPOON_KNIFE]
    )
    cs.remove_repository_for_secret_for_authenticated_user(name, HELLO_WORLD)
    cs.add_repository_for_secret_for_authenticated_user(name, HELLO_WORLD)
    repos = cs.list_repositories_for_secret_for_authenticated_user(name).parsed_data
    assert sorted(r.id for r in repos.repositories) == [HELLO_WORLD, SPOON_KNIFE]

    stored = session.inspect(f"users/{USER}/secrets/{name}")
    assert stored["value"] == value, "the emulator opened what libsodium sealed"
    assert sorted(stored["selected_repository_ids"]) == [HELLO_WORLD, SPOON_KNIFE]

    assert cs.delete_secret_for_authenticated_user(name).status_code == 204
    with pytest.raises(RequestFailed) as gone:
        cs.get_secret_for_authenticated_user(name)
    assert gone.value.response.status_code == 404


def test_repository_secrets_every_operation(session: Session) -> None:
    cs = session.github.rest.codespaces
    name = unique("GITHUBKIT_REPO")
    value = "x" * 4096 + name
    key = cs.get_repo_public_key(OWNER, REPO).parsed_data
    created = cs.create_or_update_repo_secret(
        OWNER, REPO, name, encrypted_value=seal(key.key, value), key_id=key.key_id
    )
    assert created.status_code == 201
    listed = cs.list_repo_secrets(OWNER, REPO, per_page=1).parsed_data
    assert listed.total_count == 1 and [s.name for s in listed.secrets] == [name]
    assert cs.get_repo_secret(OWNER, REPO, name).parsed_data.name == name
    assert session.inspect(f"repos/{OWNER}/{REPO}/secrets/{name}")["value"] == value
    assert cs.delete_repo_secret(OWNER, REPO, name).status_code == 204
    with pytest.raises(RequestFailed) as gone:
        cs.get_repo_secret(OWNER, REPO, name)
    assert gone.value.response.status_code == 404


def test_organization_secrets_every_operation(session: Session) -> None:
    cs = session.github.rest.codespaces
    name = unique("GITHUBKIT_ORG")
    value = f"org value {name} 🔑"
    key = cs.get_org_public_key(ORG).parsed_data
    created = cs.create_or_update_org_secret(
        ORG, name, encrypted_value=seal(key.key, value), key_id=key.key_id,
        visibility="selected", selected_repository_ids=[OCTO_REPO],
    )
    assert created.status_code == 201
    listed = cs.list_org_secrets(ORG).parsed_data
    assert any(s.name == name and s.visibility == "selected" for s in listed.secrets)
    assert cs.get_org_secret(ORG, name).parsed_data.visibility == "selected"

    cs.set_selected_repos_for_org_secret(ORG, name, selected_repository_ids=[OCTO_REPO, OCTO_SERVICE])
    cs.remove_selected_repo_from_org_secret(ORG, name, OCTO_REPO)
    cs.add_selected_repo_to_org_secret(ORG, name, OCTO_REPO)
    repos = cs.list_selected_repos_for_org_secret(ORG, name).parsed_data
    assert repos.total_count == 2
    assert sorted(r.id for r in repos.repositories) == [OCTO_REPO, OCTO_SERVICE]

    stored = session.inspect(f"orgs/{ORG}/secrets/{name}")
    assert stored["value"] == value
    assert stored["visibility"] == "selected"
    assert sorted(stored["selected_repository_ids"]) == [OCTO_REPO, OCTO_SERVICE]

    assert cs.delete_org_secret(ORG, name).status_code == 204
    with pytest.raises(RequestFailed) as gone:
        cs.get_org_secret(ORG, name)
    assert gone.value.response.status_code == 404


def test_all_23_operations_succeeded_at_githubkits_default_version(session: Session) -> None:
    log = session.inspect("log")
    missing = [
        name for name, method, path in OPERATIONS
        if not any(r["method"] == method and path.match(r["path"]) and 200 <= r["status"] < 300 for r in log)
    ]
    assert len(OPERATIONS) == 23
    assert missing == [], f"operations never answered with success: {missing}"
    # githubkit's default, which the emulator reports having served.
    assert session.versions == {"2026-03-10"}


def test_a_server_without_githubkits_default_version_refuses_it() -> None:
    """What users of githubkit saw before the emulator served 2026-03-10: the suite above
    passes only because that version is served."""
    with running("--api-versions", "2022-11-28") as emulator:
        github = GitHub(emulator.token, base_url=emulator.base_url, user_agent="independent-githubkit")
        with pytest.raises(RequestFailed) as refused:
            github.rest.codespaces.get_public_key_for_authenticated_user()
        assert refused.value.response.status_code == 400
        assert "API version 2026-03-10 is not supported" in refused.value.response.text
        # The same client asking for the version this server serves is answered.
        key = github.rest.codespaces.get_public_key_for_authenticated_user(
            headers={"X-GitHub-Api-Version": "2022-11-28"}
        )
        assert key.status_code == 200
