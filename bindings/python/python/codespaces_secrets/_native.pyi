# Type stubs for the compiled module `codespaces_secrets._native` (pyo3). Checked by mypy --strict
# against the tests and examples; keep in step with bindings/python/src.

import os
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from datetime import datetime
from typing import ClassVar, List, Literal, Optional, Tuple, Union, final, overload

__version__: str
__all__ = [
    "__version__",
    "seal",
    "device_flow",
    "device_flow_async",
    "GitHubApp",
    "DeviceCode",
    "DeviceLogin",
    "CancelHandle",
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
    "WriteReason",
    "Progress",
    "Emulator",
    "StoredSecret",
    "LoggedRequest",
    "RegisteredApp",
    "Plan",
    "Change",
    "AccessChange",
    "VisibilityChange",
    "Notice",
    "Totals",
    "ChangeAction",
    "ChangeReason",
    "ApplyReport",
    "AppliedChange",
    "ApplyProgress",
]

_Plaintext = Union[str, bytes]
_VisibilityName = Literal["all", "private", "selected"]
_ProgressCallback = Callable[["Progress"], object]
_Path = Union[str, os.PathLike[str]]
_Manifest = Union[str, os.PathLike[str], Mapping[str, object]]
_ApplyProgressCallback = Callable[["ApplyProgress"], object]

def seal(public_key: Union[str, PublicKey], plaintext: _Plaintext) -> str:
    """Seals `plaintext` to a base64 public key (or a `PublicKey`) as libsodium's
    `crypto_box_seal` does, and returns the sealed box in base64."""

def device_flow(
    client_id: str,
    *,
    scopes: Optional[Sequence[str]] = None,
    base_url: Optional[str] = None,
    web_url: Optional[str] = None,
    timeout: Optional[float] = None,
    on_code: Optional[Callable[[DeviceCode], object]] = None,
    cancel: Optional[CancelHandle] = None,
) -> DeviceLogin:
    """Logs a user in with GitHub's OAuth device flow and returns the `DeviceLogin`.

    Asks GitHub for a code and calls `on_code` once with it (default: prints ``Open URI and
    enter CODE`` to ``sys.stderr``); the user opens `DeviceCode.verification_uri` and enters
    `DeviceCode.user_code`. Then polls at GitHub's pace (slowing down when told), with the GIL
    released, until the user approves. `client_id` is that of an OAuth app or GitHub App with
    the device flow enabled; `scopes` default to ``["codespace"]`` (what user secrets need);
    `base_url` is the API root the token is for (default ``GITHUB_API_URL``, else
    ``https://api.github.com``), `web_url` the site serving ``/login/device`` (default derived
    from it: ``api.github.com`` -> ``github.com``); `timeout` bounds each HTTP request (30 s).

    Raises `LoginFailed` (``reason``: ``"denied"``, ``"expired"``, ``"cancelled"`` by `cancel`,
    ``"refused"``). An exception `on_code` raises ends the login and is raised here. Ctrl-C
    interrupts the wait."""

def device_flow_async(
    client_id: str,
    *,
    scopes: Optional[Sequence[str]] = None,
    base_url: Optional[str] = None,
    web_url: Optional[str] = None,
    timeout: Optional[float] = None,
    on_code: Optional[Callable[[DeviceCode], object]] = None,
    cancel: Optional[CancelHandle] = None,
) -> Awaitable[DeviceLogin]:
    """`device_flow` as an awaitable. `on_code` runs on the event loop's thread; cancelling
    the awaiting task cancels the login."""

@final
class GitHubApp:
    """A GitHub App as a client's credentials: `Client(app=GitHubApp(...))`.

    The client signs a JWT with the App's private key and exchanges it for installation
    tokens, cached and renewed before they expire. `app_id` is the numeric app id or the
    client id (``Iv...``); `private_key` the PEM GitHub generates (PKCS#1 ``BEGIN RSA PRIVATE
    KEY``, or PKCS#8 ``BEGIN PRIVATE KEY``), parsed here: a bad key raises `InvalidInputError`
    quoting none of it. `installation_id`: the installation to act as; ``None`` finds it from
    each call's organization or repository. An App cannot manage a user's own secrets: those
    calls raise `InvalidInputError` before sending anything. The repr shows no key.
    """

    def __new__(
        cls, app_id: Union[str, int], private_key: str, installation_id: Optional[int] = None
    ) -> GitHubApp: ...
    @property
    def app_id(self) -> str: ...
    @property
    def installation_id(self) -> Optional[int]: ...

@final
class DeviceCode:
    """What the user must do to approve a device-flow login (`str()` says it)."""

    @property
    def user_code(self) -> str:
        """The code the user enters, e.g. ``WDJB-MJHT``."""
    @property
    def verification_uri(self) -> str:
        """Where the user enters it, e.g. ``https://github.com/login/device``."""
    @property
    def expires_in(self) -> float:
        """Seconds the code stays valid."""
    @property
    def interval(self) -> float:
        """Seconds between two polls, as GitHub asks."""

@final
class DeviceLogin:
    """A finished device-flow login. The repr never shows the token."""

    @property
    def token(self) -> str:
        """The user access token: pass it as a client's ``token``, or `save()` it."""
    @property
    def host(self) -> str:
        """The web host the token belongs to, e.g. ``github.com``."""
    def save(self) -> str:
        """Stores the token for `host` in the user's config directory (``logins/`` under
        ``$XDG_CONFIG_HOME/codespaces-secrets``, a 0600 file), where clients given no token
        find it (after ``GITHUB_TOKEN`` and ``GH_TOKEN``). Returns the file's path."""

@final
class CancelHandle:
    """Cancels a device-flow login from another thread: the wait ends at once with
    `LoginFailed` (reason ``"cancelled"``)."""

    def __new__(cls) -> CancelHandle: ...
    def cancel(self) -> None: ...
    @property
    def cancelled(self) -> bool: ...

@final
class Client:
    """A client whose calls block (with the GIL released) until GitHub answers.

    Credentials: ``token``, or ``app`` (a `GitHubApp`: organization and repository secrets
    only), not both; with neither, ``GITHUB_TOKEN``, else ``GH_TOKEN``, else the login a
    `DeviceLogin.save()` stored for the API's host, else ``gh auth token``. Base URL: the
    argument, else ``GITHUB_API_URL``, else ``https://api.github.com``. Every other setting is
    keyword-only; ``None`` means the SDK's default. Durations are in seconds:

    - ``user_agent``: the ``User-Agent`` header (default ``codespaces-secrets/<version>``).
    - ``api_version``: the REST API version sent as ``X-GitHub-Api-Version``: ``"2022-11-28"``
      (the default, GitHub's) or ``"2026-03-10"``; any other value raises ``InvalidInputError``.
    - ``timeout``: total time per request (30); ``connect_timeout``: time to connect (10).
    - ``max_retries``: retries after 5xx answers and network errors (3); ``retry_base_delay``: the
      first retry's delay, doubled per retry, with jitter (0.5).
    - ``write_interval``: least time between two writes (1: GitHub's rule; lower it only for the
      emulator or a server you control).
    - ``max_rate_limit_wait``: longest single wait for a rate limit before ``RateLimitedError``
      (60); ``secondary_rate_limit_backoff``: the wait after a secondary rate limit that names
      none, doubled each time (60); ``max_rate_limit_retries``: rate-limit waits per request (3).
    - ``deadline``: longest time one operation may take in all -- its retries, rate-limit waits,
      write pacing and, for a list, every page -- before ``TransportError`` saying how far it got;
      in ``set_many`` / ``sync`` it bounds each item (300).
    """

    def __new__(
        cls,
        token: Optional[str] = None,
        base_url: Optional[str] = None,
        *,
        app: Optional[GitHubApp] = None,
        user_agent: Optional[str] = None,
        api_version: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        retry_base_delay: Optional[float] = None,
        write_interval: Optional[float] = None,
        max_rate_limit_wait: Optional[float] = None,
        secondary_rate_limit_backoff: Optional[float] = None,
        max_rate_limit_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> Client: ...
    @property
    def user(self) -> Scope: ...
    def repo(self, owner: str, repo: str) -> Scope: ...
    def org(self, org: str) -> Scope: ...
    @property
    def base_url(self) -> str: ...
    @property
    def api_version(self) -> str: ...
    def plan(
        self,
        manifest: _Manifest,
        *,
        state: Optional[_Path] = None,
        state_key_file: Optional[_Path] = None,
        force: bool = False,
        fingerprints: bool = False,
        conditional_reads: Optional[bool] = None,
    ) -> Plan:
        """Plans a fleet manifest (a TOML file's path, or a mapping of the same shape): reads
        every value once and every target scope, writes nothing (not even the state).

        ``state`` is the fleet's state file (what this tool wrote where, keyed fingerprints,
        never values; without it every existing value counts as untracked and nothing is
        pruned); ``state_key_file`` its key; ``force`` writes every value again;
        ``fingerprints`` computes them without a state (for ``Plan.save``);
        ``conditional_reads`` (default: on with a state) keeps each list's ETag beside the state
        and sends ``If-None-Match``, so an unchanged list is a 304 that costs no rate limit. A
        bad manifest raises `InvalidInputError` naming the key."""
    def check(
        self,
        manifest: _Manifest,
        *,
        state: Optional[_Path] = None,
        state_key_file: Optional[_Path] = None,
        force: bool = False,
        conditional_reads: Optional[bool] = None,
    ) -> Plan:
        """`plan` for schedulers: ``plan.has_changes`` says whether an apply would send
        anything."""
    def load_saved_plan(
        self,
        path: _Path,
        *,
        state: Optional[_Path] = None,
        state_key_file: Optional[_Path] = None,
        force: bool = False,
        conditional_reads: Optional[bool] = None,
    ) -> Plan:
        """A plan `Plan.save` wrote, made again from its manifest; `InvalidInputError` (nothing
        sent) when a target or a value changed since, listing what."""
    def apply(
        self,
        plan: Union[Plan, _Manifest],
        *,
        state: Optional[_Path] = None,
        state_key_file: Optional[_Path] = None,
        force: bool = False,
        max_writes: Optional[int] = None,
        progress: Optional[_ApplyProgressCallback] = None,
        cancel: Optional[CancelHandle] = None,
        conditional_reads: Optional[bool] = None,
    ) -> ApplyReport:
        """Carries out a `Plan` (from this client), or plans a manifest and carries that out
        (``force`` applies to that plan). Writes one at a time within GitHub's limits (80 a
        minute, 500 an hour), saving ``state`` after each; a plan with errors is refused
        (`InvalidInputError`) before any request. ``max_writes`` stops after that many write
        requests; ``cancel`` stops between two changes, the state saved (``report.cancelled``);
        the next apply resumes either. ``progress`` is called after each change and before a
        wait for a write window; an exception it raises goes to ``sys.unraisablehook``."""

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
    @overload
    def sync(
        self,
        secrets: Mapping[str, _Plaintext],
        *,
        dry_run: bool = False,
        prune: bool = False,
        state: Optional[_Path] = None,
        force: bool = False,
        state_key_file: Optional[_Path] = None,
        progress: Optional[_ProgressCallback] = None,
    ) -> SyncReport: ...
    @overload
    def sync(
        self,
        secrets: Iterable[Tuple[str, _Plaintext]],
        *,
        dry_run: bool = False,
        prune: bool = False,
        state: Optional[_Path] = None,
        force: bool = False,
        state_key_file: Optional[_Path] = None,
        progress: Optional[_ProgressCallback] = None,
    ) -> SyncReport:
        """Makes the scope hold `secrets` (a mapping, or `(name, value)` pairs, taken in the
        given order): creates what the scope lacks, writes the others again, and with `prune`
        deletes the scope's secrets that `secrets` does not name. Every item is validated
        first; a bad one refuses the sync before any request. Only values change: an existing
        organization secret keeps its visibility and selected repositories (a new one is
        private).

        `state` (a path; created if missing) makes the sync incremental: a value is written
        only when the secret is new, when the value differs from the one this tool last wrote
        there, or when the secret changed on GitHub since (its `updated_at` moved); a re-sync
        of unchanged secrets is a single list request. The state file (mode 0600, replaced
        atomically after each write, locked while a sync runs) holds, per API host, scope and
        name, a keyed fingerprint of the value and GitHub's `updated_at`: never a value, never
        an unkeyed hash, so one file can serve many scopes. The key lives apart from it: in
        `state_key_file` if given (created with a random key if missing), else in
        `CODESPACES_SECRETS_STATE_KEY` (base64 of 32 bytes), else in a 0600 `state.key` in the
        user's config directory (`~/.config/codespaces-secrets`), created on first use. A
        state read with another key only means every value is written once more.

        `force` writes every value even when the state says it is unchanged; `dry_run` plans
        without writing (the state is left as it is). The report gives each name's action and
        `reason`, and `unchanged`. `progress` is called after each write; an exception it
        raises goes to `sys.unraisablehook`."""
    def sync_env_file(
        self,
        path: _Path,
        *,
        dry_run: bool = False,
        prune: bool = False,
        state: Optional[_Path] = None,
        force: bool = False,
        state_key_file: Optional[_Path] = None,
        progress: Optional[_ProgressCallback] = None,
    ) -> SyncReport:
        """`sync` with the secrets of a `.env` file (dotenv syntax), in file order. The whole
        file is validated first, and no error quotes a line."""
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
        app: Optional[GitHubApp] = None,
        user_agent: Optional[str] = None,
        api_version: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        retry_base_delay: Optional[float] = None,
        write_interval: Optional[float] = None,
        max_rate_limit_wait: Optional[float] = None,
        secondary_rate_limit_backoff: Optional[float] = None,
        max_rate_limit_retries: Optional[int] = None,
        deadline: Optional[float] = None,
    ) -> AsyncClient: ...
    @property
    def user(self) -> AsyncScope: ...
    def repo(self, owner: str, repo: str) -> AsyncScope: ...
    def org(self, org: str) -> AsyncScope: ...
    @property
    def base_url(self) -> str: ...
    @property
    def api_version(self) -> str: ...
    def plan(
        self,
        manifest: _Manifest,
        *,
        state: Optional[_Path] = None,
        state_key_file: Optional[_Path] = None,
        force: bool = False,
        fingerprints: bool = False,
        conditional_reads: Optional[bool] = None,
    ) -> Awaitable[Plan]:
        """As `Client.plan`."""
    def check(
        self,
        manifest: _Manifest,
        *,
        state: Optional[_Path] = None,
        state_key_file: Optional[_Path] = None,
        force: bool = False,
        conditional_reads: Optional[bool] = None,
    ) -> Awaitable[Plan]:
        """As `Client.check`."""
    def load_saved_plan(
        self,
        path: _Path,
        *,
        state: Optional[_Path] = None,
        state_key_file: Optional[_Path] = None,
        force: bool = False,
        conditional_reads: Optional[bool] = None,
    ) -> Awaitable[Plan]:
        """As `Client.load_saved_plan`."""
    def apply(
        self,
        plan: Union[Plan, _Manifest],
        *,
        state: Optional[_Path] = None,
        state_key_file: Optional[_Path] = None,
        force: bool = False,
        max_writes: Optional[int] = None,
        progress: Optional[_ApplyProgressCallback] = None,
        cancel: Optional[CancelHandle] = None,
        conditional_reads: Optional[bool] = None,
    ) -> Awaitable[ApplyReport]:
        """As `Client.apply`; `progress` runs on the event loop's thread. Cancelling the
        awaiting task drops the apply at once (a write in flight may go unrecorded, and is
        then written again by the next apply); ``cancel`` stops it between two writes."""

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
    @overload
    def sync(
        self,
        secrets: Mapping[str, _Plaintext],
        *,
        dry_run: bool = False,
        prune: bool = False,
        state: Optional[_Path] = None,
        force: bool = False,
        state_key_file: Optional[_Path] = None,
        progress: Optional[_ProgressCallback] = None,
    ) -> Awaitable[SyncReport]: ...
    @overload
    def sync(
        self,
        secrets: Iterable[Tuple[str, _Plaintext]],
        *,
        dry_run: bool = False,
        prune: bool = False,
        state: Optional[_Path] = None,
        force: bool = False,
        state_key_file: Optional[_Path] = None,
        progress: Optional[_ProgressCallback] = None,
    ) -> Awaitable[SyncReport]:
        """As `Scope.sync` (incremental with `state`; org secrets keep their access);
        `progress` runs on the event loop's thread."""
    def sync_env_file(
        self,
        path: _Path,
        *,
        dry_run: bool = False,
        prune: bool = False,
        state: Optional[_Path] = None,
        force: bool = False,
        state_key_file: Optional[_Path] = None,
        progress: Optional[_ProgressCallback] = None,
    ) -> Awaitable[SyncReport]:
        """As `Scope.sync_env_file`; `progress` runs on the event loop's thread."""
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
class WriteReason:
    """Why a sync writes a value."""

    NEW: ClassVar[WriteReason]
    """The scope lacks the secret."""
    CHANGED: ClassVar[WriteReason]
    """The value differs from the one this tool last wrote there (per the state)."""
    CHANGED_ELSEWHERE: ClassVar[WriteReason]
    """The secret changed on GitHub since this tool wrote it (its `updated_at` moved)."""
    FORCED: ClassVar[WriteReason]
    """`force=True`."""
    UNTRACKED: ClassVar[WriteReason]
    """The secret exists but no state records what it holds (GitHub never returns values)."""
    @property
    def value(self) -> Literal["new", "changed", "changed_elsewhere", "forced", "untracked"]: ...

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
    """One entry of a sync plan."""

    @property
    def name(self) -> str:
        """Upper-case, as GitHub stores it."""
    @property
    def action(self) -> SyncAction: ...
    @property
    def reason(self) -> Optional[WriteReason]:
        """Why the value is written (creates and updates); `None` for unchanged and deletes."""

@final
class SyncReport:
    """A sync's plan and, unless it was a dry run, what happened."""

    @property
    def plan(self) -> List[PlannedChange]:
        """Every secret given, in the given order (created, updated or unchanged), then the
        deletes."""
    @property
    def dry_run(self) -> bool: ...
    @property
    def unchanged(self) -> List[str]:
        """Names left alone because the state shows the scope already holds their value."""
    @property
    def result(self) -> BulkReport:
        """What happened to each write (empty for a dry run)."""

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
    def overwrite_secret(
        self,
        name: str,
        value: _Plaintext,
        *,
        user: Optional[str] = None,
        repo: Optional[str] = None,
        org: Optional[str] = None,
    ) -> bool:
        """Changes a secret's value as someone else would (the web UI, another tool): its
        `updated_at` moves on, its access stays. False if the scope has no such secret."""
    def secrets(
        self, *, user: Optional[str] = None, repo: Optional[str] = None, org: Optional[str] = None
    ) -> List[StoredSecret]: ...
    def request_log(self) -> List[LoggedRequest]: ...
    def clear_log(self) -> None: ...
    def register_app(self) -> RegisteredApp:
        """Registers a GitHub App with a fresh RSA key; it can act on nothing until installed."""
    def install_app(
        self,
        app_id: int,
        *,
        user: Optional[str] = None,
        repo: Optional[str] = None,
        org: Optional[str] = None,
    ) -> int:
        """Installs the app on an account (its own scope and every repository it owns) or one
        repository (created if absent) and returns the installation id (the same one when
        installed there before). No scope: the demo user. An app id this emulator did not
        register raises ValueError."""
    def set_auth_settings(
        self,
        *,
        installation_token_lifetime: Optional[float] = None,
        clock_skew: Optional[int] = None,
        device_poll_interval: Optional[int] = None,
        device_code_lifetime: Optional[float] = None,
    ) -> None:
        """Changes the settings given; the others stay. Seconds: how long installation tokens
        live (3600); the skew of the emulator's clock (0; positive: ahead of the client); the
        polling interval it tells device flows (5; 0 makes tests fast); how long a device code
        lives (900)."""
    def approve_device_code(self, user_code: str, login: Optional[str] = None) -> bool:
        """Approves the code as `login` (default the demo user): the next poll gets a user
        token. False if there is no such pending code."""
    def deny_device_code(self, user_code: str) -> bool:
        """Denies the code: the login fails with reason ``"denied"``."""
    def slow_down_device_code(self, user_code: str) -> bool:
        """Makes the code's next poll answer ``slow_down`` (its interval grows by 5 s)."""
    def close(self) -> None: ...
    def __enter__(self) -> Emulator: ...
    def __exit__(self, *exc: object) -> bool: ...

@final
class RegisteredApp:
    """A GitHub App registered with the emulator. The repr shows neither key."""

    @property
    def id(self) -> int: ...
    @property
    def client_id(self) -> str:
        """Also accepted as an app id; what `device_flow` takes."""
    @property
    def slug(self) -> str: ...
    @property
    def private_key_pem(self) -> str:
        """PKCS#1 (``BEGIN RSA PRIVATE KEY``), as GitHub hands it out."""
    @property
    def private_key_pkcs8_pem(self) -> str:
        """The same key as PKCS#8 (``BEGIN PRIVATE KEY``)."""

from .errors import CodespacesSecretsError

# Fleets (re-exported by `codespaces_secrets.fleet`).

@final
class Plan:
    """A fleet plan: per scope and name what would change and why, warnings, errors and the
    cost. The values an apply needs stay in Rust memory; nothing here shows one."""

    @property
    def version(self) -> int: ...
    @property
    def changes(self) -> List[Change]: ...
    @property
    def warnings(self) -> List[Notice]: ...
    @property
    def errors(self) -> List[Notice]:
        """Mistakes that stop an apply (a selector that matched nothing, a repository that does
        not exist, a value source that failed)."""
    @property
    def totals(self) -> Totals: ...
    @property
    def has_changes(self) -> bool:
        """Whether an apply would send anything."""
    def save(self, path: _Path) -> None:
        """Saves the plan (0600) for `Client.load_saved_plan`: observations and keyed
        fingerprints, never a value. Needs a plan of a manifest file, with a state or
        ``fingerprints=True``."""
    def to_json(self) -> str:
        """The plan as the CLI's ``plan --json`` prints it."""

@final
class Change:
    @property
    def scope(self) -> str:
        """``repos/OWNER/NAME``, ``orgs/ORG`` or ``user``."""
    @property
    def name(self) -> str: ...
    @property
    def action(self) -> ChangeAction: ...
    @property
    def reason(self) -> Optional[ChangeReason]: ...
    @property
    def access(self) -> Optional[AccessChange]: ...

@final
class AccessChange:
    @property
    def visibility(self) -> Optional[VisibilityChange]: ...
    @property
    def added(self) -> List[str]:
        """Repositories given access, by ``OWNER/NAME``."""
    @property
    def removed(self) -> List[str]: ...

@final
class VisibilityChange:
    @property
    def from_(self) -> str:
        """Now (``"none"`` for a secret that does not exist yet)."""
    @property
    def to(self) -> str: ...

@final
class Notice:
    @property
    def kind(self) -> str:
        """A stable kind, e.g. ``"shadowed"``, ``"selector_matched_nothing"``."""
    @property
    def scope(self) -> Optional[str]: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def message(self) -> str: ...

@final
class Totals:
    @property
    def reads(self) -> int:
        """Requests the plan sent."""
    @property
    def not_modified(self) -> int:
        """Of those, answered 304 Not Modified (conditional reads): no rate limit spent."""
    @property
    def writes(self) -> int:
        """Write requests an apply sends."""
    @property
    def seconds(self) -> int:
        """How long those take at GitHub's pace."""
    @property
    def points(self) -> int:
        """Primary rate-limit points the apply will spend."""
    @property
    def rate_remaining(self) -> Optional[int]:
        """What the token has left of its primary limit, as GitHub's last answer said."""
    @property
    def rate_reset(self) -> Optional[int]:
        """When that resets, in seconds since the Unix epoch."""

@final
class ChangeAction:
    CREATE: ClassVar[ChangeAction]
    UPDATE: ClassVar[ChangeAction]
    UNCHANGED: ClassVar[ChangeAction]
    ACCESS: ClassVar[ChangeAction]
    DELETE: ClassVar[ChangeAction]
    UNMANAGED: ClassVar[ChangeAction]
    @property
    def value(
        self,
    ) -> Literal["create", "update", "unchanged", "access", "delete", "unmanaged"]: ...

@final
class ChangeReason:
    NEW: ClassVar[ChangeReason]
    CHANGED: ClassVar[ChangeReason]
    CHANGED_ELSEWHERE: ClassVar[ChangeReason]
    FORCED: ClassVar[ChangeReason]
    UNTRACKED: ClassVar[ChangeReason]
    PRUNED: ClassVar[ChangeReason]
    @property
    def value(
        self,
    ) -> Literal["new", "changed", "changed_elsewhere", "forced", "untracked", "pruned"]: ...

@final
class ApplyReport:
    @property
    def items(self) -> List[AppliedChange]:
        """The changes attempted, in plan order."""
    @property
    def writes(self) -> int: ...
    @property
    def remaining(self) -> int:
        """Changes not attempted (``max_writes`` reached or cancelled)."""
    @property
    def state_error(self) -> Optional[CodespacesSecretsError]: ...
    @property
    def cancelled(self) -> bool: ...
    @property
    def ok(self) -> bool:
        """Every attempted change succeeded and the state was saved."""

@final
class AppliedChange:
    @property
    def scope(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def action(self) -> ChangeAction: ...
    @property
    def error(self) -> Optional[CodespacesSecretsError]: ...

@final
class ApplyProgress:
    @property
    def done(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def scope(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def action(self) -> ChangeAction: ...
    @property
    def ok(self) -> bool: ...
    @property
    def waiting(self) -> Optional[float]:
        """Seconds about to be waited for a write window (``None`` after a change)."""
    @property
    def eta(self) -> float:
        """Seconds the remaining writes take at the limits."""
