"""Drives all 23 operations through Prism (`proxy --errors`) in front of the emulator.

Prism validates every request and every response against GitHub's OpenAPI description; in
`--errors` mode a violation turns into an error answer, and any finding (warnings too) is listed
in an `sl-violations` header. The scenario sends valid requests, expects each documented status,
and fails on any status mismatch or any `sl-violations` header. It finally checks, through the
emulator's control routes, that the decrypted values arrived intact.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from nacl.public import PublicKey, SealedBox

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from emulator_process import running  # noqa: E402

ALL_OPERATIONS = 23


class Client:
    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.token = token
        self.exercised: set[str] = set()
        self.problems: list[str] = []
        self.steps = 0

    def raw(self, method: str, path: str, body=None):
        """Sends a request and returns (status, body bytes, headers) without judging it."""
        data = None if body is None else json.dumps(body).encode()
        headers = {
            "Authorization": f"Bearer {self.token}",
            "User-Agent": "codespaces-secrets-contract-prism",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        }
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(f"{self.base_url}{path}", data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def call(self, operation: str, method: str, path: str, expected: int, body=None):
        status, raw, answer_headers = self.raw(method, path, body)
        self.steps += 1
        violations = answer_headers.get("sl-violations")
        label = f"{method} {path}"
        if status != expected:
            self.problems.append(f"{label}: expected {expected}, got {status}: {raw[:400]!r}")
        if violations:
            self.problems.append(f"{label}: Prism reports {violations}")
        if status == expected and not violations and 200 <= status < 300:
            self.exercised.add(operation)
        print(f"  {status} {'ok ' if status == expected and not violations else 'BAD'} {operation:55s} {label}")
        return json.loads(raw) if raw else None, answer_headers

    def sealed(self, key_path: str, plaintext: bytes) -> dict:
        """A PUT body: `plaintext` sealed (libsodium, via PyNaCl) to the scope's current key."""
        if key_path.startswith("/user/"):
            operation = "codespaces/get-public-key-for-authenticated-user"
        elif key_path.startswith("/repos/"):
            operation = "codespaces/get-repo-public-key"
        else:
            operation = "codespaces/get-org-public-key"
        key, _ = self.call(operation, "GET", key_path, 200)
        box = SealedBox(PublicKey(base64.b64decode(key["key"]))).encrypt(plaintext)
        return {"encrypted_value": base64.b64encode(box).decode(), "key_id": key["key_id"]}


def control(base_url: str, path: str, method: str = "GET", body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{base_url}/_emulator{path}", data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def prism_is_validating(api: Client) -> None:
    """Canaries: one request and one response Prism must flag, so that a Prism that validates
    nothing cannot make this run pass."""
    print("canaries (Prism must object to these)")
    status, body, headers = api.raw("PUT", "/orgs/octo-org/codespaces/secrets/CANARY", {"key_id": "1"})
    # In --errors mode Prism answers an invalid request itself, with a problem+json body.
    flagged = (
        status == 422
        and "problem+json" in (headers.get("Content-Type") or "")
        and b"visibility" in body
    )
    expect(api, flagged, f"request without the required `visibility` refused by Prism (got {status})")
    status, _, headers = api.raw("GET", "/user/codespaces/secrets/NO_SUCH_SECRET")
    flagged = status == 404 and "status code" in (headers.get("sl-violations") or "")
    expect(api, flagged, "a response status the operation does not document is reported")


def scenario(api: Client, emulator_url: str) -> None:
    ids = {
        name: control(emulator_url, "/repos", "POST", {"owner": owner, "name": name})["id"]
        for owner, name in [
            ("octocat", "Hello-World"),
            ("octocat", "Spoon-Knife"),
            ("octo-org", "octo-repo"),
            ("octo-org", "octo-service"),
        ]
    }
    user = "/user/codespaces/secrets"
    print("user secrets")
    api.call("codespaces/list-secrets-for-authenticated-user", "GET", user, 200)
    api.call("codespaces/get-public-key-for-authenticated-user", "GET", f"{user}/public-key", 200)
    body = api.sealed(f"{user}/public-key", b"user value")
    body["selected_repository_ids"] = [ids["Hello-World"]]
    api.call("codespaces/create-or-update-secret-for-authenticated-user", "PUT", f"{user}/CONTRACT_USER", 201, body)
    body = api.sealed(f"{user}/public-key", "user välue 2".encode())
    api.call("codespaces/create-or-update-secret-for-authenticated-user", "PUT", f"{user}/contract_user", 204, body)
    api.call("codespaces/create-or-update-secret-for-authenticated-user", "PUT", f"{user}/CONTRACT_OTHER", 201,
             api.sealed(f"{user}/public-key", b"other"))
    _, headers = api.call("codespaces/list-secrets-for-authenticated-user", "GET", f"{user}?per_page=1", 200)
    if 'rel="next"' not in (headers.get("Link") or ""):
        api.problems.append("user list with per_page=1 has no Link rel=next")
    api.call("codespaces/get-secret-for-authenticated-user", "GET", f"{user}/CONTRACT_USER", 200)
    repos = f"{user}/CONTRACT_USER/repositories"
    api.call("codespaces/list-repositories-for-secret-for-authenticated-user", "GET", repos, 200)
    api.call("codespaces/set-repositories-for-secret-for-authenticated-user", "PUT", repos, 204,
             {"selected_repository_ids": [ids["Hello-World"], ids["Spoon-Knife"]]})
    api.call("codespaces/add-repository-for-secret-for-authenticated-user", "PUT", f"{repos}/{ids['octo-repo']}", 204)
    api.call("codespaces/remove-repository-for-secret-for-authenticated-user", "DELETE", f"{repos}/{ids['Spoon-Knife']}", 204)
    api.call("codespaces/list-repositories-for-secret-for-authenticated-user", "GET", repos, 200)
    # Documented errors.
    api.call("codespaces/list-repositories-for-secret-for-authenticated-user", "GET", f"{user}/NO_SUCH/repositories", 404)
    bad = {"encrypted_value": "c2VjcmV0", "key_id": "0"}
    api.call("codespaces/create-or-update-secret-for-authenticated-user", "PUT", f"{user}/CONTRACT_BAD", 422, bad)

    repo = "/repos/octocat/Hello-World/codespaces/secrets"
    print("repository secrets")
    api.call("codespaces/list-repo-secrets", "GET", repo, 200)
    api.call("codespaces/get-repo-public-key", "GET", f"{repo}/public-key", 200)
    api.call("codespaces/create-or-update-repo-secret", "PUT", f"{repo}/CONTRACT_REPO", 201,
             api.sealed(f"{repo}/public-key", b"repo value"))
    api.call("codespaces/create-or-update-repo-secret", "PUT", f"{repo}/CONTRACT_REPO", 204,
             api.sealed(f"{repo}/public-key", b"repo value 2"))
    api.call("codespaces/get-repo-secret", "GET", f"{repo}/CONTRACT_REPO", 200)
    api.call("codespaces/list-repo-secrets", "GET", repo, 200)

    org = "/orgs/octo-org/codespaces/secrets"
    print("organization secrets")
    api.call("codespaces/list-org-secrets", "GET", org, 200)
    api.call("codespaces/get-org-public-key", "GET", f"{org}/public-key", 200)
    body = api.sealed(f"{org}/public-key", b"org value")
    body.update(visibility="selected", selected_repository_ids=[ids["octo-repo"]])
    api.call("codespaces/create-or-update-org-secret", "PUT", f"{org}/CONTRACT_ORG", 201, body)
    api.call("codespaces/get-org-secret", "GET", f"{org}/CONTRACT_ORG", 200)
    org_repos = f"{org}/CONTRACT_ORG/repositories"
    api.call("codespaces/list-selected-repos-for-org-secret", "GET", org_repos, 200)
    api.call("codespaces/set-selected-repos-for-org-secret", "PUT", org_repos, 204,
             {"selected_repository_ids": [ids["octo-service"]]})
    api.call("codespaces/add-selected-repo-to-org-secret", "PUT", f"{org_repos}/{ids['octo-repo']}", 204)
    api.call("codespaces/remove-selected-repo-from-org-secret", "DELETE", f"{org_repos}/{ids['octo-service']}", 204)
    api.call("codespaces/list-selected-repos-for-org-secret", "GET", f"{org_repos}?per_page=1", 200)
    body = api.sealed(f"{org}/public-key", b"org value 2")
    body.update(visibility="all")
    api.call("codespaces/create-or-update-org-secret", "PUT", f"{org}/CONTRACT_ORG_ALL", 201, body)
    api.call("codespaces/get-org-secret", "GET", f"{org}/CONTRACT_ORG_ALL", 200)
    api.call("codespaces/list-org-secrets", "GET", org, 200)
    # Documented errors: 409 while visibility is not `selected`, 404 for what does not exist,
    # 422 for a repository outside the organization.
    api.call("codespaces/set-selected-repos-for-org-secret", "PUT", f"{org}/CONTRACT_ORG_ALL/repositories", 409,
             {"selected_repository_ids": [ids["octo-repo"]]})
    api.call("codespaces/add-selected-repo-to-org-secret", "PUT",
             f"{org}/CONTRACT_ORG_ALL/repositories/{ids['octo-repo']}", 409)
    api.call("codespaces/add-selected-repo-to-org-secret", "PUT", f"{org_repos}/{ids['Hello-World']}", 422)
    api.call("codespaces/list-selected-repos-for-org-secret", "GET", f"{org}/NO_SUCH/repositories", 404)

    print("inspection through the control routes")
    stored = {s["name"]: s for s in control(emulator_url, "/users/octocat/secrets")}
    expect(api, stored["CONTRACT_USER"]["value"] == "user välue 2", "user value stored decrypted")
    expect(api, stored["CONTRACT_USER"]["selected_repository_ids"] == [ids["Hello-World"], ids["octo-repo"]],
           "user selection stored")
    expect(api, control(emulator_url, "/repos/octocat/Hello-World/secrets/CONTRACT_REPO")["value"] == "repo value 2",
           "repository value stored decrypted")
    org_secret = control(emulator_url, "/orgs/octo-org/secrets/CONTRACT_ORG")
    expect(api, org_secret["value"] == "org value" and org_secret["selected_repository_ids"] == [ids["octo-repo"]],
           "organization secret stored")

    print("deletes")
    api.call("codespaces/delete-secret-for-authenticated-user", "DELETE", f"{user}/CONTRACT_USER", 204)
    api.call("codespaces/delete-secret-for-authenticated-user", "DELETE", f"{user}/CONTRACT_OTHER", 204)
    api.call("codespaces/delete-repo-secret", "DELETE", f"{repo}/CONTRACT_REPO", 204)
    api.call("codespaces/delete-org-secret", "DELETE", f"{org}/CONTRACT_ORG", 204)
    api.call("codespaces/delete-org-secret", "DELETE", f"{org}/CONTRACT_ORG_ALL", 204)
    api.call("codespaces/delete-org-secret", "DELETE", f"{org}/CONTRACT_ORG", 404)
    expect(api, control(emulator_url, "/users/octocat/secrets") == [], "user secrets all deleted")


def expect(api: Client, condition: bool, what: str) -> None:
    print(f"      {'ok ' if condition else 'BAD'} {what}")
    if not condition:
        api.problems.append(f"inspection failed: {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("Prism exited during start-up")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"Prism did not listen on {port} within {seconds}s")


def client_driven(api: Client, prism_url: str, token: str, log_path: str) -> None:
    """Runs the Rust SDK's own requests (tests/drivers/src/bin/contract_drive.rs) through Prism.

    The SDK cannot see Prism's `sl-violations` header, so Prism's log is read instead: every
    line it logs while the SDK runs must be free of violations and errors.
    """
    driver = os.environ.get("CLIENT_DRIVER")
    if not driver:
        api.problems.append("CLIENT_DRIVER is not set: the SDK's own requests were not checked")
        return
    with open(log_path) as log:
        already = len(log.readlines())
    env = dict(os.environ, GITHUB_API_URL=prism_url, GITHUB_TOKEN=token)
    env.pop("GH_TOKEN", None)
    print("\nThe SDK's own requests through Prism:")
    done = subprocess.run([driver], env=env, text=True, capture_output=True, timeout=300)
    print(done.stdout, end="")
    if done.returncode != 0:
        api.problems.append(f"the SDK driver failed: {done.stderr.strip()[:400]}")
    time.sleep(0.5)  # let Prism finish writing its log
    with open(log_path) as log:
        logged = log.readlines()[already:]
    flagged = [line.strip() for line in logged if "Violation" in line or "✖" in line]
    api.problems.extend(f"Prism, during the SDK run: {line}" for line in flagged)
    requests = sum(1 for line in logged if "[HTTP SERVER]" in line and "Request received" in line)
    print(f"  Prism saw {requests} SDK requests; {len(flagged)} violations")
    if requests == 0:
        api.problems.append("Prism logged no request from the SDK driver")


def main() -> int:
    shared = os.environ.get("CODESPACES_SECRETS_SHARED", os.path.join(HERE, "..", "..", "..", "shared"))
    spec = os.path.join(shared, "openapi", "codespaces-secrets.openapi.json")
    prism = os.path.join(HERE, "node_modules", ".bin", "prism")
    if not os.path.exists(prism):
        raise SystemExit("Prism is not installed; run `npm ci` in tests/contract (make contract does)")
    with running() as emulator:
        port = free_port()
        log_path = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "..", "target")), "prism.log")
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [prism, "proxy", "--errors", "-h", "127.0.0.1", "-p", str(port), spec, emulator.base_url],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_for_port(port, process)
                api = Client(f"http://127.0.0.1:{port}", emulator.token)
                prism_is_validating(api)
                scenario(api, emulator.base_url)
                log.flush()
                client_driven(api, f"http://127.0.0.1:{port}", emulator.token, log_path)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    missing = ALL_OPERATIONS - len(api.exercised)
    print(f"\n{api.steps} requests through Prism; {len(api.exercised)}/{ALL_OPERATIONS} operations answered 2xx without a violation")
    if missing:
        api.problems.append(f"{missing} operations never succeeded cleanly")
    if api.problems:
        print(f"\nFAILED ({len(api.problems)} problems; Prism's log: {log_path}):")
        for problem in api.problems:
            print(f"  - {problem}")
        return 1
    print("Prism found no violation in any request or response.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
