"""A relay between a client and the emulator that lets libsodium (PyNaCl) read the client's
sealed boxes.

It forwards every request unchanged except two: a public-key answer is handed to the client
with a PyNaCl key in place of the scope's (same key_id), and a PUT's `encrypted_value` is opened
with PyNaCl, recorded, and sealed again (by PyNaCl) to the scope's real key before it goes on. So
a value reaches the emulator only if libsodium could open what the client sent.
"""

from __future__ import annotations

import base64
import http.server
import json
import threading
import urllib.error
import urllib.request
from types import TracebackType
from typing import Optional

from nacl.public import PrivateKey, PublicKey, SealedBox

FORWARDED = ("authorization", "user-agent", "accept", "x-github-api-version", "content-type")
PASSED_BACK = ("content-type", "x-github-request-id", "link")


class LibsodiumRelay:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.private_key = PrivateKey.generate()
        #: Plaintexts libsodium opened, by request path.
        self.opened: dict[str, bytes] = {}
        #: Length of every sealed box received, by request path.
        self.sealed_lengths: dict[str, int] = {}
        relay = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                relay.forward(self)

            def do_PUT(self) -> None:
                relay.forward(self)

            def do_DELETE(self) -> None:
                relay.forward(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def forward(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("content-length") or 0)
        body = handler.rfile.read(length) if length else None
        headers = {n: handler.headers[n] for n in FORWARDED if n in handler.headers}
        path = handler.path.split("?")[0]
        if handler.command == "PUT" and body and b"encrypted_value" in body:
            body = self.open_and_reseal(path, body, headers)
        status, answer_headers, answer = self.send(handler.command, handler.path, headers, body)
        if path.endswith("/public-key") and status == 200:
            key = json.loads(answer)
            key["key"] = base64.b64encode(bytes(self.private_key.public_key)).decode()
            answer = json.dumps(key).encode()
        handler.send_response(status)
        for name, value in answer_headers:
            handler.send_header(name, value.replace(self.upstream, self.url))
        handler.send_header("content-length", str(len(answer)))
        handler.end_headers()
        handler.wfile.write(answer)

    def open_and_reseal(self, path: str, body: bytes, headers: dict[str, str]) -> bytes:
        request = json.loads(body)
        sealed = base64.b64decode(request["encrypted_value"])
        self.sealed_lengths[path] = len(sealed)
        plaintext = SealedBox(self.private_key).decrypt(sealed)  # raises unless libsodium opens it
        self.opened[path] = plaintext
        key_path = path.rsplit("/", 1)[0] + "/public-key"
        _, _, key_answer = self.send("GET", key_path, headers, None)
        real_key = PublicKey(base64.b64decode(json.loads(key_answer)["key"]))
        request["encrypted_value"] = base64.b64encode(SealedBox(real_key).encrypt(plaintext)).decode()
        return json.dumps(request).encode()

    def send(
        self, method: str, path: str, headers: dict[str, str], body: Optional[bytes]
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        request = urllib.request.Request(
            self.upstream + path, data=body, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request) as response:
                status, answer_headers, answer = response.status, response.headers, response.read()
        except urllib.error.HTTPError as refused:
            status, answer_headers, answer = refused.code, refused.headers, refused.read()
        kept = [(n, v) for n, v in answer_headers.items() if n.lower() in PASSED_BACK]
        return status, kept, answer

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> LibsodiumRelay:
        return self

    def __exit__(
        self,
        kind: Optional[type[BaseException]],
        value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()
