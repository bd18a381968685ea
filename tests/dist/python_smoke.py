"""The installed wheel against the emulator: set, list, read back, delete.

Run by scripts/dist/test.sh with the fresh venv's python; GITHUB_API_URL and GITHUB_TOKEN name the
emulator. The package must come from the venv (the wheel), not from the repository's sources.
"""

import json
import os
import sys
import urllib.error
import urllib.request

import codespaces_secrets
from codespaces_secrets import Client, SetOutcome

url = os.environ["GITHUB_API_URL"]
venv = sys.prefix
assert codespaces_secrets.__file__.startswith(venv), f"not the installed wheel: {codespaces_secrets.__file__}"


def stored(name: str) -> "str | None":
    """The value the emulator stored, decrypted, or None."""
    try:
        with urllib.request.urlopen(f"{url}/_emulator/repos/octocat/Hello-World/secrets/{name}") as answer:
            return str(json.load(answer)["value"])
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


client = Client(token=os.environ["GITHUB_TOKEN"], base_url=url, write_interval=0)
repo = client.repo("octocat", "Hello-World")
assert repo.set("DIST_PYTHON", "from the wheel") == SetOutcome.CREATED
assert stored("DIST_PYTHON") == "from the wheel"
assert "DIST_PYTHON" in [s.name for s in repo.list()]
repo.delete("DIST_PYTHON")
assert stored("DIST_PYTHON") is None
assert "DIST_PYTHON" not in [s.name for s in repo.list()]
print(f"python: codespaces_secrets {codespaces_secrets.__version__} from {os.path.dirname(codespaces_secrets.__file__)}: set, list, delete ok")
