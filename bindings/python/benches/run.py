"""`make bench-python`: the Python package measured beside what Python users would otherwise use.

1. seal vs PyNaCl (libsodium), ops/s in one run, alternating rounds, best round of each.
2. Bulk set of 100 secrets against the emulator at 20 ms latency per request, write pacing off:
   our `set_many` vs githubkit + PyNaCl written as their docs show, with request counts.
3. `import codespaces_secrets` vs `import githubkit` (fresh interpreters, median).
4. The wheel's size.

Argument: the folder holding the release wheel (installed into the venv by the Makefile).
"""

from __future__ import annotations

import base64
import statistics
import subprocess
import sys
import time
import timeit
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nacl import encoding
from nacl.public import PrivateKey
from nacl.public import PublicKey as NaclPublicKey
from nacl.public import SealedBox

OWNER, REPO = "octocat", "Hello-World"
LATENCY = 0.020
COUNT = 100


def github_docs_encrypt(public_key: str, secret_value: str) -> str:
    """GitHub's documented Python recipe for `encrypted_value` (PyNaCl)."""
    key = NaclPublicKey(public_key.encode("utf-8"), encoding.Base64Encoder())
    sealed_box = SealedBox(key)
    encrypted = sealed_box.encrypt(secret_value.encode("utf-8"))
    return base64.b64encode(encrypted).decode("utf-8")


def ops_per_second(fn: Callable[[], object], rounds: int = 7) -> Callable[[], float]:
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()

    def one_round() -> float:
        return number / timer.timeit(number)

    return one_round


def bench_seal() -> None:
    from codespaces_secrets import PublicKey, seal

    print("\n== seal: ours vs PyNaCl (libsodium), ops/s, best of 7 alternating rounds ==")
    print(f"{'case':<46}{'ours':>12}{'PyNaCl':>12}{'ratio':>9}")
    recipient = PrivateKey.generate()
    key_b64 = base64.b64encode(bytes(recipient.public_key)).decode()
    key = PublicKey("bench", key_b64)
    box = SealedBox(NaclPublicKey(bytes(recipient.public_key)))
    for size in (64, 4096):
        text = "Z" * size
        data = text.encode()
        cases = {
            f"{size} B, base64 key per call (GitHub's recipe)": (
                lambda: seal(key_b64, text),
                lambda: github_docs_encrypt(key_b64, text),
            ),
            f"{size} B, key parsed once, base64 out": (
                lambda: seal(key, data),
                lambda: base64.b64encode(box.encrypt(data)).decode(),
            ),
        }
        for label, (ours, theirs) in cases.items():
            ours_round, theirs_round = ops_per_second(ours), ops_per_second(theirs)
            ours_best = theirs_best = 0.0
            for _ in range(7):
                ours_best = max(ours_best, ours_round())
                theirs_best = max(theirs_best, theirs_round())
            print(f"{label:<46}{ours_best:>12,.0f}{theirs_best:>12,.0f}{ours_best / theirs_best:>8.2f}x")


def api_requests(emulator: object) -> int:
    return len(emulator.request_log())  # type: ignore[attr-defined]


def bench_bulk() -> None:
    from githubkit import GitHub

    from codespaces_secrets import Client
    from codespaces_secrets.testing import Emulator

    def pairs(prefix: str) -> dict[str, str]:
        return {f"{prefix}_{i:03}": f"value number {i}" for i in range(COUNT)}

    def ours(emu: Emulator, prefix: str) -> None:
        client = Client(token=emu.token, base_url=emu.base_url, write_interval=0)
        assert client.repo(OWNER, REPO).set_many(pairs(prefix)).ok

    # githubkit's versioned REST namespace for the API version GitHub documents (and the
    # emulator serves): X-GitHub-Api-Version 2022-11-28. `with GitHub(...)` is githubkit's
    # documented way to reuse one connection; without it each call builds a new HTTP client.
    def githubkit_put_all(rest: Any, prefix: str, key_per_secret: bool) -> None:
        key = rest.codespaces.get_repo_public_key(OWNER, REPO).parsed_data
        for i, (name, value) in enumerate(pairs(prefix).items()):
            if key_per_secret and i > 0:
                key = rest.codespaces.get_repo_public_key(OWNER, REPO).parsed_data
            rest.codespaces.create_or_update_repo_secret(
                OWNER, REPO, name,
                data={"encrypted_value": github_docs_encrypt(key.key, value), "key_id": key.key_id},
            )

    def githubkit_key_once(emu: Emulator, prefix: str) -> None:
        with GitHub(emu.token, base_url=emu.base_url) as github:
            githubkit_put_all(github.rest("2022-11-28"), prefix, key_per_secret=False)

    def githubkit_key_per_secret(emu: Emulator, prefix: str) -> None:
        with GitHub(emu.token, base_url=emu.base_url) as github:
            githubkit_put_all(github.rest("2022-11-28"), prefix, key_per_secret=True)

    def githubkit_no_reuse(emu: Emulator, prefix: str) -> None:
        github = GitHub(emu.token, base_url=emu.base_url)
        githubkit_put_all(github.rest("2022-11-28"), prefix, key_per_secret=False)

    contenders = {
        "codespaces_secrets set_many": ours,
        "githubkit + PyNaCl, key fetched once": githubkit_key_once,
        "githubkit + PyNaCl, key per secret (recipe x100)": githubkit_key_per_secret,
        "githubkit + PyNaCl, key once, no `with` (new client/call)": githubkit_no_reuse,
    }
    times: dict[str, list[float]] = {name: [] for name in contenders}
    requests: dict[str, int] = {}
    with Emulator() as emu:
        for run in range(3):
            for name, contender in contenders.items():
                prefix = f"R{run}_{len(times[name])}_{abs(hash(name)) % 1000}"
                emu.set_faults(latency=LATENCY)
                emu.clear_log()
                started = time.perf_counter()
                contender(emu, prefix)
                times[name].append(time.perf_counter() - started)
                requests[name] = api_requests(emu)
                emu.set_faults()
                stored = {s.name: s.value for s in emu.secrets(repo=f"{OWNER}/{REPO}")}
                assert stored == {k: v.encode() for k, v in pairs(prefix).items()}, name
                cleanup = Client(token=emu.token, base_url=emu.base_url, write_interval=0)
                for secret in pairs(prefix):
                    cleanup.repo(OWNER, REPO).delete(secret)
    print(f"\n== bulk set of {COUNT} secrets, emulator at {LATENCY * 1000:.0f} ms latency, pacing off ==")
    print(f"{'client':<60}{'median s':>10}{'requests':>10}{'ours / theirs':>15}")
    ours_median = statistics.median(times["codespaces_secrets set_many"])
    for name in contenders:
        median = statistics.median(times[name])
        print(f"{name:<60}{median:>10.2f}{requests[name]:>10}{ours_median / median:>14.2f}x")
    print(f"(floor for serial writes: {COUNT} x {LATENCY * 1000:.0f} ms = {COUNT * LATENCY:.2f} s;"
          " every value checked in the emulator after each run)")


def import_seconds(statement: str, runs: int = 9) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    samples = [
        float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(samples)


def bench_import() -> None:
    print("\n== import time, fresh interpreter, median of 9 ==")
    for label, statement in (
        ("import codespaces_secrets", "import codespaces_secrets"),
        ("import githubkit", "import githubkit"),
        ("githubkit, first codespaces call ready",
         "import githubkit; g = githubkit.GitHub('t'); g.rest('2022-11-28').codespaces"),
    ):
        print(f"{label:<46}{import_seconds(statement) * 1000:>9.1f} ms")


def bench_wheel(folder: Path) -> None:
    [wheel] = sorted(folder.glob("codespaces_secrets-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        native = [i for i in archive.infolist() if i.filename.endswith(".so")]
    print("\n== wheel ==")
    print(f"{wheel.name}: {wheel.stat().st_size / 1e6:.2f} MB")
    for info in native:
        print(f"  {info.filename}: {info.file_size / 1e6:.2f} MB unpacked")


def main() -> None:
    if "--only" in sys.argv:
        globals()["bench_" + sys.argv[sys.argv.index("--only") + 1]]()
        return
    bench_seal()
    bench_bulk()
    bench_import()
    bench_wheel(Path(sys.argv[1]))


if __name__ == "__main__":
    main()
