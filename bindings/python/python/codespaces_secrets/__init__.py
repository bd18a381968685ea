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

``AsyncClient`` offers the same operations as awaitables. Errors are subclasses of
``codespaces_secrets.errors.CodespacesSecretsError``.
"""

from . import errors
from ._native import (
    AsyncClient,
    AsyncScope,
    AsyncSecretIterator,
    BulkFailure,
    BulkReport,
    Client,
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
    seal,
)
from .errors import CodespacesSecretsError

__all__ = [
    "AsyncClient",
    "AsyncScope",
    "AsyncSecretIterator",
    "BulkFailure",
    "BulkReport",
    "Client",
    "CodespacesSecretsError",
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
    "errors",
    "seal",
]
