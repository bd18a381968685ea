"""Exceptions raised by codespaces_secrets: one base class and one subclass per kind of failure.

Every exception carries the stable ``code`` of its kind (the same string in every language
binding) and, when GitHub answered, its HTTP ``status``, the ``x-github-request-id`` as
``request_id`` (quote it to GitHub support) and GitHub's ``documentation_url``. Messages never
contain a token or a secret value.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Dict, Literal, Optional, Type

__all__ = [
    "CodespacesSecretsError",
    "InvalidInputError",
    "UnauthorizedError",
    "ForbiddenError",
    "NotFoundError",
    "ConflictError",
    "ValidationError",
    "RateLimitedError",
    "ServerError",
    "ApiError",
    "TransportError",
    "DecodeError",
    "EncryptionError",
    "LoginFailed",
]


class CodespacesSecretsError(Exception):
    """Base class of every error the SDK raises."""

    code: ClassVar[str] = "ERROR"

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        request_id: Optional[str] = None,
        documentation_url: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        #: The HTTP status, when GitHub answered.
        self.status = status
        #: GitHub's ``x-github-request-id``, when GitHub answered.
        self.request_id = request_id
        #: GitHub's ``documentation_url``, when it sent one.
        self.documentation_url = documentation_url

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status={self.status!r}, request_id={self.request_id!r})"


class InvalidInputError(CodespacesSecretsError, ValueError):
    """Bad input (name, value, key, URL, token, id, file), refused before any request was sent."""

    code = "INVALID_INPUT"


class UnauthorizedError(CodespacesSecretsError):
    """401: the token is missing, wrong or expired."""

    code = "UNAUTHORIZED"


class ForbiddenError(CodespacesSecretsError):
    """403 that is not a rate limit: the token lacks a permission or scope."""

    code = "FORBIDDEN"


class NotFoundError(CodespacesSecretsError):
    """404: the secret, repository or organization does not exist, or the token cannot see it."""

    code = "NOT_FOUND"


class ConflictError(CodespacesSecretsError):
    """409: the request conflicts with the current state (e.g. visibility is not ``selected``)."""

    code = "CONFLICT"


class ValidationError(CodespacesSecretsError):
    """422: GitHub refused the request body."""

    code = "VALIDATION_FAILED"


class RateLimitedError(CodespacesSecretsError):
    """A primary or secondary rate limit that could not be waited out within the configured bounds."""

    code = "RATE_LIMITED"

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        request_id: Optional[str] = None,
        documentation_url: Optional[str] = None,
        retry_at: Optional[datetime] = None,
    ) -> None:
        super().__init__(
            message, status=status, request_id=request_id, documentation_url=documentation_url
        )
        #: When GitHub says requests may resume (UTC), when it said.
        self.retry_at = retry_at


class ServerError(CodespacesSecretsError):
    """5xx, after the configured retries."""

    code = "SERVER_ERROR"


class ApiError(CodespacesSecretsError):
    """Any other HTTP status GitHub answered with."""

    code = "API_ERROR"


class TransportError(CodespacesSecretsError):
    """Connecting, TLS or a timeout failed, after the configured retries."""

    code = "TRANSPORT"


class DecodeError(CodespacesSecretsError):
    """A response that does not match the API contract (or is larger than any GitHub sends)."""

    code = "DECODE"


class EncryptionError(CodespacesSecretsError):
    """Sealing the value failed."""

    code = "ENCRYPTION"


class LoginFailed(CodespacesSecretsError):
    """A device-flow login ended without a token. ``reason`` says how: the user ``denied`` it,
    the code ``expired``, the wait was ``cancelled`` (a ``CancelHandle``), or GitHub ``refused``
    the client id (unknown, or the device flow is not enabled for that app)."""

    code = "LOGIN_FAILED"

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        request_id: Optional[str] = None,
        documentation_url: Optional[str] = None,
        reason: Literal["denied", "expired", "cancelled", "refused"] = "refused",
    ) -> None:
        super().__init__(
            message, status=status, request_id=request_id, documentation_url=documentation_url
        )
        #: ``"denied"``, ``"expired"``, ``"cancelled"`` or ``"refused"``.
        self.reason = reason

    def __repr__(self) -> str:
        return f"LoginFailed({self.message!r}, reason={self.reason!r})"


# The compiled module picks the class of an error by its code: every class above, by its `code`.
# tests/test_parity.py checks these are exactly the codes of api/surface.json.
_BY_CODE: Dict[str, Type[CodespacesSecretsError]] = {
    cls.code: cls for cls in CodespacesSecretsError.__subclasses__()
}
