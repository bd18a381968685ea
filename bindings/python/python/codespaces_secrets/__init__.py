"""GitHub Codespaces secrets from Python.

Hand over a plaintext; the client fetches the scope's public key (and caches it), seals the value
with libsodium's sealed box, stores it, and reports whether it was created or updated — sending
writes one at a time and waiting out rate limits the way GitHub asks.

    from codespaces_secrets import Client

    client = Client()  # GITHUB_TOKEN / GH_TOKEN, GITHUB_API_URL
    client.repo("octocat", "hello-world").set("DATABASE_URL", "postgres://...")

Updates change only the value: an organization secret keeps its visibility and selected
repositories. ``scope.sync(secrets, state="state.json")`` writes only what is new or changed; the
state holds keyed fingerprints and GitHub's ``updated_at`` (never a value), its key kept apart.

``client.plan(manifest)`` / ``client.apply(plan)`` keep secrets in step across many scopes from
one manifest (see ``codespaces_secrets.fleet``).

``AsyncClient`` offers the same operations as awaitables. Errors are subclasses of
``codespaces_secrets.errors.CodespacesSecretsError``.

Credentials: a token (``token=``, else ``GITHUB_TOKEN``, ``GH_TOKEN``, the login a
``DeviceLogin.save()`` stored, ``gh auth token``), or a GitHub App for organization and
repository secrets (``Client(app=GitHubApp(app_id, private_key_pem))``). ``device_flow(client_id)``
(or ``device_flow_async``) logs a user in with GitHub's OAuth device flow and returns a
``DeviceLogin`` whose token user secrets accept.
"""

from . import errors, fleet
from ._native import (
    AsyncClient,
    AsyncScope,
    AsyncSecretIterator,
    BulkFailure,
    BulkReport,
    CancelHandle,
    Client,
    DeviceCode,
    DeviceLogin,
    GitHubApp,
    PlannedChange,
    Progress,
    PublicKey,
    Repository,
    RepositoryOwner,
    Scope,
    Secret,
    SecretIterator,
    SetOutcome,
    SyncAction,
    SyncReport,
    Visibility,
    WriteReason,
    __version__,
    device_flow,
    device_flow_async,
    seal,
)
from .errors import CodespacesSecretsError

__all__ = [
    "AsyncClient",
    "AsyncScope",
    "AsyncSecretIterator",
    "BulkFailure",
    "BulkReport",
    "CancelHandle",
    "Client",
    "CodespacesSecretsError",
    "DeviceCode",
    "DeviceLogin",
    "GitHubApp",
    "PlannedChange",
    "Progress",
    "PublicKey",
    "Repository",
    "RepositoryOwner",
    "Scope",
    "Secret",
    "SecretIterator",
    "SetOutcome",
    "SyncAction",
    "SyncReport",
    "Visibility",
    "WriteReason",
    "__version__",
    "device_flow",
    "device_flow_async",
    "errors",
    "fleet",
    "seal",
]
