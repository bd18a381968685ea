# Type stubs for the compiled module `codespaces_secrets._native` (pyo3). Checked by mypy --strict
# against the tests and examples; keep in step with bindings/python/src.

import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Mapping
from datetime import datetime
from typing import ClassVar, List, Literal, Optional, Tuple, Union, final, overload

__version__: str
__all__ = [
    "__version__",
    "seal",
    "Client",
    "Scope",
    "SecretIterator",
    "AsyncClient",
    "AsyncScope",
    "AsyncSecretIterator",
    "Secret",
    "PublicKey",
    "Repository",
    "RepositoryOwner",
    "Visibility",
    "SetOutcome",
    "BulkReport",
    "BulkFailure",
    "SyncReport",
    "PlannedChange",
    "SyncAction",
    "Progress",
    "Emulator",
    "StoredSecret",
    "LoggedRequest",
]

_Plaintext = Union[str, bytes]
_VisibilityName = Literal["all", "private", "selected"]
_ProgressCallback = Callable[["Progress"], object]

def seal(public_key: Union[str, PublicKey], plaintext: _Plaintext) -> str:
    """Seals `plaintext` to a base64 public key (or a `PublicKey`) as libsodium's
    `crypto_box_seal` does, and returns the sealed box in base64."""

@final
class Client:
    """A client whose calls block (with the GIL released) until GitHub answers.

    Token: the argument, else ``GITHUB_TOKEN``, else ``GH_TOKEN``. Base URL: the argument, else
    ``GITHUB_API_URL``, else ``https://api.github.com``. Durations are in seconds; defaults:
    timeout 30, connect_timeout 10, max_retries 3, write_interval 1 (GitHub's rule: lower it only
    for the emulator or a server you control), max_rate_limit_wait 60.
    """

    def __new__(
        cls,
        token: Optional[str] = None,
        base_url: Optional[str] = None,
        *,
        user_agent: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        write_interval: Optional[float] = None,
        max_rate_limit_wait: Optional[float] = None,
    ) -> Client: ...
    @property
    def user(self) -> Scope: ...
    def repo(self, owner: str, repo: str) -> Scope: ...
    def org(self, org: str) -> Scope: ...
    @property
    def base_url(self) -> str: ...

@final
class Scope:
    """The secrets of a user, repository or organization (blocking calls)."""

    @property
    def path(self) -> str: ...
    def list(self) -> List[Secret]: ...
    def list_stream(self) -> SecretIterator: ...
    def public_key(self) -> PublicKey: ...
    def get(self, name: str) -> Secret: ...
    def set(
        self,
        name: str,
        value: _Plaintext,
        *,
        visibility: Union[Visibility, _VisibilityName, None] = None,
        selected_repository_ids: Optional[Iterable[int]] = None,
    ) -> SetOutcome: ...
    def delete(self, name: str) -> None: ...
    @overload
    def set_many(
        self, secrets: Mapping[str, _Plaintext], *, progress: Optional[_ProgressCallback] = None
    ) -> BulkReport: ...
    @overload
    def set_many(
        self, secrets: Iterable[Tuple[str, _Plaintext]], *, progress: Optional[_ProgressCallback] = None
    ) -> BulkReport:
        """Sets many secrets: every item is validated first (one bad item refuses the batch
        before any request), the key is fetched once, then each value is stored in turn. A
        failed item does not stop the others; the report lists every item. `progress` is
        called after each item; an exception it raises goes to `sys.unraisablehook`."""
    def sync_env_file(
        self,
        path: Union[str, os.PathLike[str]],
        *,
        dry_run: bool = False,
        prune: bool = False,
        progress: Optional[_ProgressCallback] = None,
    ) -> SyncReport: ...
    def repositories(self, name: str) -> List[Repository]: ...
    def set_repositories(self, name: str, ids: Iterable[int]) -> None: ...
    def add_repository(self, name: str, id: int) -> None: ...
    def remove_repository(self, name: str, id: int) -> None: ...

@final
class SecretIterator(Iterator[Secret]):
    def __iter__(self) -> SecretIterator: ...
    def __next__(self) -> Secret: ...

@final
class AsyncClient:
    """The same client whose calls return asyncio awaitables; settings as for `Client`."""

    def __new__(
        cls,
        token: Optional[str] = None,
        base_url: Optional[str] = None,
        *,
        user_agent: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        write_interval: Optional[float] = None,
        max_rate_limit_wait: Optional[float] = None,
    ) -> AsyncClient: ...
    @property
    def user(self) -> AsyncScope: ...
    def repo(self, owner: str, repo: str) -> AsyncScope: ...
    def org(self, org: str) -> AsyncScope: ...
    @property
    def base_url(self) -> str: ...

@final
class AsyncScope:
    """The secrets of a user, repository or organization (awaitable calls)."""

    @property
    def path(self) -> str: ...
    def list(self) -> Awaitable[List[Secret]]: ...
    def list_stream(self) -> AsyncSecretIterator: ...
    def public_key(self) -> Awaitable[PublicKey]: ...
    def get(self, name: str) -> Awaitable[Secret]: ...
    def set(
        self,
        name: str,
        value: _Plaintext,
        *,
        visibility: Union[Visibility, _VisibilityName, None] = None,
        selected_repository_ids: Optional[Iterable[int]] = None,
    ) -> Awaitable[SetOutcome]: ...
    def delete(self, name: str) -> Awaitable[None]: ...
    @overload
    def set_many(
        self, secrets: Mapping[str, _Plaintext], *, progress: Optional[_ProgressCallback] = None
    ) -> Awaitable[BulkReport]: ...
    @overload
    def set_many(
        self, secrets: Iterable[Tuple[str, _Plaintext]], *, progress: Optional[_ProgressCallback] = None
    ) -> Awaitable[BulkReport]:
        """As `Scope.set_many`; `progress` runs on the event loop's thread."""
    def sync_env_file(
        self,
        path: Union[str, os.PathLike[str]],
        *,
        dry_run: bool = False,
        prune: bool = False,
        progress: Optional[_ProgressCallback] = None,
    ) -> Awaitable[SyncReport]: ...
    def repositories(self, name: str) -> Awaitable[List[Repository]]: ...
    def set_repositories(self, name: str, ids: Iterable[int]) -> Awaitable[None]: ...
    def add_repository(self, name: str, id: int) -> Awaitable[None]: ...
    def remove_repository(self, name: str, id: int) -> Awaitable[None]: ...

@final
class AsyncSecretIterator(AsyncIterator[Secret]):
    def __aiter__(self) -> AsyncSecretIterator: ...
    def __anext__(self) -> Awaitable[Secret]: ...

@final
class Secret:
    """A secret's metadata; GitHub never returns values."""

    @property
    def name(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def visibility(self) -> Optional[Visibility]:
        """User and organization secrets only."""
    @property
    def selected_repositories_url(self) -> Optional[str]: ...

@final
class PublicKey:
    """A scope's public key. Reusing one object to seal many values is faster than passing
    the base64 text each time."""

    def __new__(cls, key_id: str, key: str) -> PublicKey: ...
    @property
    def key_id(self) -> str: ...
    @property
    def key(self) -> str: ...

@final
class RepositoryOwner:
    @property
    def login(self) -> str: ...
    @property
    def id(self) -> int: ...

@final
class Repository:
    @property
    def id(self) -> int: ...
    @property
    def node_id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def full_name(self) -> str: ...
    @property
    def owner(self) -> RepositoryOwner: ...
    @property
    def private(self) -> bool: ...
    @property
    def html_url(self) -> str: ...
    @property
    def description(self) -> Optional[str]: ...
    @property
    def fork(self) -> bool: ...
    @property
    def url(self) -> str: ...

@final
class Visibility:
    ALL: ClassVar[Visibility]
    PRIVATE: ClassVar[Visibility]
    SELECTED: ClassVar[Visibility]
    @property
    def value(self) -> _VisibilityName: ...

@final
class SetOutcome:
    CREATED: ClassVar[SetOutcome]
    UPDATED: ClassVar[SetOutcome]
    @property
    def value(self) -> Literal["created", "updated"]: ...

@final
class SyncAction:
    CREATE: ClassVar[SyncAction]
    UPDATE: ClassVar[SyncAction]
    UNCHANGED: ClassVar[SyncAction]
    DELETE: ClassVar[SyncAction]
    @property
    def value(self) -> Literal["create", "update", "unchanged", "delete"]: ...

@final
class BulkFailure:
    @property
    def name(self) -> str: ...
    @property
    def error(self) -> CodespacesSecretsError: ...

@final
class BulkReport:
    """What happened to each item; every item given appears exactly once."""

    @property
    def created(self) -> List[str]: ...
    @property
    def updated(self) -> List[str]: ...
    @property
    def deleted(self) -> List[str]: ...
    @property
    def failed(self) -> List[BulkFailure]: ...
    @property
    def ok(self) -> bool: ...
    @property
    def succeeded(self) -> int: ...

@final
class PlannedChange:
    @property
    def name(self) -> str: ...
    @property
    def action(self) -> SyncAction: ...

@final
class SyncReport:
    @property
    def plan(self) -> List[PlannedChange]: ...
    @property
    def dry_run(self) -> bool: ...
    @property
    def result(self) -> BulkReport: ...

@final
class Progress:
    @property
    def done(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def ok(self) -> bool: ...

@final
class StoredSecret:
    @property
    def name(self) -> str: ...
    @property
    def value(self) -> bytes: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def visibility(self) -> Optional[Visibility]: ...
    @property
    def selected_repository_ids(self) -> List[int]: ...

@final
class LoggedRequest:
    @property
    def method(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def query(self) -> Optional[str]: ...
    @property
    def status(self) -> int: ...
    @property
    def write(self) -> bool: ...
    @property
    def request_id(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def ended_at(self) -> datetime: ...

@final
class Emulator:
    """A local server that behaves like GitHub's Codespaces secrets API (127.0.0.1, free port).

    Scopes are named by at most one of ``user=``, ``repo="owner/name"``, ``org=``; none means the
    demo user's own secrets.
    """

    def __new__(
        cls,
        *,
        token: Optional[str] = None,
        user_login: Optional[str] = None,
        repos: Optional[Iterable[str]] = None,
        orgs: Optional[Iterable[str]] = None,
        seed_demo_data: bool = True,
    ) -> Emulator: ...
    @property
    def base_url(self) -> str: ...
    @property
    def token(self) -> str: ...
    @property
    def user_login(self) -> str: ...
    @property
    def port(self) -> int: ...
    def add_user(self, login: str) -> str: ...
    def add_repo(self, owner: str, name: str) -> int: ...
    def repo_id(self, owner: str, name: str) -> Optional[int]: ...
    def add_org(self, name: str, members: Optional[Iterable[str]] = None) -> None: ...
    def set_faults(
        self,
        *,
        seed: int = 0,
        latency: Optional[float] = None,
        server_error_rate: float = 0.0,
        drop_connection_rate: float = 0.0,
        rate_limit: Optional[Tuple[int, float]] = None,
        secondary_min_interval: Optional[float] = None,
        secondary_status: int = 403,
        secondary_retry_after: float = 60.0,
    ) -> None: ...
    def rotate_key(
        self, *, user: Optional[str] = None, repo: Optional[str] = None, org: Optional[str] = None
    ) -> None: ...
    def public_key(
        self, *, user: Optional[str] = None, repo: Optional[str] = None, org: Optional[str] = None
    ) -> Optional[PublicKey]: ...
    def secret_value(
        self,
        name: str,
        *,
        user: Optional[str] = None,
        repo: Optional[str] = None,
        org: Optional[str] = None,
    ) -> Optional[bytes]: ...
    def secrets(
        self, *, user: Optional[str] = None, repo: Optional[str] = None, org: Optional[str] = None
    ) -> List[StoredSecret]: ...
    def request_log(self) -> List[LoggedRequest]: ...
    def clear_log(self) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> Emulator: ...
    def __exit__(self, *exc: object) -> bool: ...

from .errors import CodespacesSecretsError
