"""Where the OpenAPI description and GitHub's behaviour part ways — the only failures the
schemathesis run may drop. Each entry names the check code it concerns, matches as narrowly as
possible, and says why the emulator follows GitHub rather than the letter of the file.

Keep this list short. An entry that stops matching anything should be deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable


def _github_error(response) -> bool:
    """A GitHub error body: JSON with `message` and `documentation_url`."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("message"), str) and isinstance(
        body.get("documentation_url"), str
    )


def _message(response) -> str | None:
    try:
        body = json.loads(response.content)
    except ValueError:
        return None
    return body.get("message") if isinstance(body, dict) else None


def _request_body_is_not_json(response) -> bool:
    body = getattr(response.request, "body", None)
    if body is None:
        return False
    try:
        json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return True
    return False


def _status(response) -> int:
    return response.status_code


def _documented(case, status: int) -> bool:
    responses = case.operation.definition.raw.get("responses", {})
    return str(status) in responses


@dataclass(frozen=True)
class Defect:
    name: str
    code: str
    reason: str
    applies: Callable[[object, object, object], bool]

    def explains(self, failure, case, response) -> bool:
        return getattr(failure, "code", None) == self.code and self.applies(failure, case, response)


LIST_OPERATIONS = {
    "/user/codespaces/secrets",
    "/repos/{owner}/{repo}/codespaces/secrets",
    "/orgs/{org}/codespaces/secrets",
    "/orgs/{org}/codespaces/secrets/{secret_name}/repositories",
}


def _only_paging_is_negative(case) -> bool:
    meta = case.meta
    if meta is None or case.operation.path not in LIST_OPERATIONS:
        return False
    negative = {str(location.value) for location, info in meta.components.items() if info.mode.is_negative}
    return negative == {"query"}


KNOWN_DEFECTS = [
    Defect(
        name="undocumented 404/422: operations list only their success responses",
        code="ST103",
        reason=(
            "GitHub answers 404 for a secret, repository or organization that does not exist or "
            "that the token cannot see, and 422 when a create-or-update fails validation (name "
            "rules, a value that does not open with the scope's key). The description documents "
            "these on some operations (e.g. the user and organization PUTs) but omits them on "
            "others (all GETs, the repository PUT and DELETEs). Dropped only for 404/422 answered "
            "with GitHub's error body on an operation that does not document that status."
        ),
        applies=lambda failure, case, response: _status(response) in (404, 422)
        and not _documented(case, _status(response))
        and _github_error(response),
    ),
    Defect(
        name="undocumented 400 for a body that is not JSON",
        code="ST103",
        reason=(
            "GitHub answers a request body that does not parse as JSON with 400 and the message "
            "\"Problems parsing JSON\"; no operation in the description documents a 400. "
            "Dropped only for that exact answer to a body that really is not JSON."
        ),
        applies=lambda failure, case, response: _status(response) == 400
        and _message(response) == "Problems parsing JSON"
        and _github_error(response)
        and _request_body_is_not_json(response),
    ),
    Defect(
        name="paging parameters of the wrong type are read leniently, as GitHub does",
        code="ST201",
        reason=(
            "`per_page` and `page` are integers in the description, but GitHub does not reject "
            "`per_page=abc` or `page=null`: it reads them like Ruby's String#to_i and serves the "
            "default page. Dropped only when the query string is the only invalid part of a list "
            "request and the answer is a normal 200 page."
        ),
        applies=lambda failure, case, response: _status(response) == 200
        and _only_paging_is_negative(case),
    ),
    Defect(
        name="undeclared methods are 404, not 405",
        code="ST204",
        reason=(
            "GitHub answers a method a path does not support (POST, PATCH, TRACE, ...) with "
            "404 Not Found and its error body, never 405; clients see exactly that from "
            "api.github.com."
        ),
        applies=lambda failure, case, response: _status(response) == 404 and _github_error(response),
    ),
]
