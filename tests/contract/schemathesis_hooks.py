"""Schemathesis hooks for the emulator's conformance run (loaded through SCHEMATHESIS_HOOKS).

Two jobs:

1. Make *positive* cases meaningful. The OpenAPI description cannot express what makes a
   create-or-update valid: an `encrypted_value` must be a sealed box that opens with the scope's
   current key, `key_id` must name that key, a secret name must follow GitHub's naming rules,
   repository ids must name repositories the caller can select, and the scope in the path must
   exist and be visible to the token. Schema-valid random data therefore almost never reaches the
   emulator's logic. For positive cases only, `before_call` keeps the generated shape and swaps
   in real values: the demo scopes, a few valid secret names, a value really sealed (PyNaCl,
   i.e. libsodium) to the current key, real repository ids. Negative cases are sent untouched.

2. Drop exactly the failures listed in `known_defects.py` (spec gaps, each with its reason),
   and report at exit how many each entry dropped.
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import os
import sys
import urllib.request
from collections import Counter

import schemathesis
from nacl.public import PublicKey, SealedBox

sys.path.insert(0, os.path.dirname(__file__))
from known_defects import KNOWN_DEFECTS  # noqa: E402

BASE_URL = os.environ["EMULATOR_URL"]
TOKEN = os.environ["EMULATOR_TOKEN"]

SCOPE_PARAMETERS = {"org": "octo-org", "owner": "octocat", "repo": "Hello-World"}
# A few names, one lower-case: GETs and DELETEs find what PUTs created, and case folding is used.
SECRET_NAMES = ["CONTRACT_ALPHA", "CONTRACT_BETA", "contract_gamma"]


def _call(method: str, path: str) -> dict:
    request = urllib.request.Request(
        f"{BASE_URL}{path}",
        method=method,
        headers={
            "Authorization": f"Bearer {TOKEN}",
            "User-Agent": "codespaces-secrets-contract-hooks",
            "Accept": "application/vnd.github+json",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def _repo_ids(owner: str) -> list[int]:
    return [r["id"] for r in _control_repos() if r["owner"] == owner]


_REPOS: list[dict] = []


def _control_repos() -> list[dict]:
    # The demo data's repositories, read once through the API the run does not fuzz.
    if not _REPOS:
        for owner, name in [
            ("octocat", "Hello-World"),
            ("octocat", "Spoon-Knife"),
            ("octo-org", "octo-repo"),
            ("octo-org", "octo-service"),
        ]:
            request = urllib.request.Request(
                f"{BASE_URL}/_emulator/repos",
                method="POST",
                data=json.dumps({"owner": owner, "name": name}).encode(),
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                _REPOS.append(json.loads(response.read()))
    return _REPOS


def _pick(seed: object, choices: list):
    digest = hashlib.sha256(repr(seed).encode()).digest()
    return choices[digest[0] % len(choices)]


def _scope_prefix(path: str, params: dict) -> str:
    if path.startswith("/user/"):
        return "/user/codespaces/secrets"
    if path.startswith("/repos/"):
        return f"/repos/{params['owner']}/{params['repo']}/codespaces/secrets"
    return f"/orgs/{params['org']}/codespaces/secrets"


def _selectable(path: str) -> list[int]:
    if path.startswith("/user/"):
        return _repo_ids("octocat") + _repo_ids("octo-org")
    return _repo_ids("octo-org")


def _real_ids(generated, path: str) -> list[int]:
    ids = _selectable(path)
    generated = generated if isinstance(generated, list) else []
    return sorted({_pick(item, ids) for item in generated})


@schemathesis.hook
def before_call(context, case, kwargs):
    meta = case.meta
    if meta is None or meta.generation.mode.is_negative:
        return
    path = case.operation.path
    params = dict(case.path_parameters or {})
    for name, value in SCOPE_PARAMETERS.items():
        if name in params:
            params[name] = value
    if "secret_name" in params:
        params["secret_name"] = _pick(params["secret_name"], SECRET_NAMES)
    if "repository_id" in params:
        params["repository_id"] = _pick(params["repository_id"], _selectable(path))
    if params != (case.path_parameters or {}):
        case.path_parameters = params

    if case.method.upper() != "PUT" or not isinstance(case.body, dict):
        return
    body = dict(case.body)
    if path.endswith("{secret_name}"):
        prefix = _scope_prefix(path, params)
        key = _call("GET", f"{prefix}/public-key")
        plaintext = str(body.get("encrypted_value", "value")).encode()
        sealed = SealedBox(PublicKey(base64.b64decode(key["key"]))).encrypt(plaintext)
        body["encrypted_value"] = base64.b64encode(sealed).decode()
        body["key_id"] = key["key_id"]
        if "selected_repository_ids" in body:
            if body.get("visibility", "selected") == "selected":
                body["selected_repository_ids"] = _real_ids(body["selected_repository_ids"], path)
            else:
                del body["selected_repository_ids"]
    elif path.endswith("/repositories") and "selected_repository_ids" in body:
        body["selected_repository_ids"] = _real_ids(body["selected_repository_ids"], path)
    if body != case.body:
        case.body = body


_dropped: Counter = Counter()
_detail: Counter = Counter()


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keeps a failure unless a known-defect entry explains it exactly."""
    for defect in KNOWN_DEFECTS:
        if defect.explains(failure, case, response):
            _dropped[defect.name] += 1
            mode = case.meta.generation.mode.value if case.meta else "?"
            _detail[(defect.name, case.operation.label, response.status_code, mode)] += 1
            return False
    return True


@atexit.register
def _report() -> None:
    if _dropped:
        print("\nKnown spec defects (tests/contract/known_defects.py) that explained failures:", file=sys.stderr)
        for defect in KNOWN_DEFECTS:
            print(f"  {_dropped.get(defect.name, 0):5d}  {defect.name}", file=sys.stderr)
        if os.environ.get("CONTRACT_VERBOSE"):
            for (name, operation, status, mode), count in sorted(_detail.items()):
                print(f"  {count:5d}  {status} {mode:8s} {operation}  [{name[:30]}]", file=sys.stderr)
