"""Send bytes that are not valid HTTP and read the whole answer: httpx would refuse to send them."""

from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit


def send_raw(base_url: str, payload: bytes) -> bytes:
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(payload)
        received = b""
        while chunk := sock.recv(65536):  # the server closes the connection after its answer
            received += chunk
    return received


def read_answer(sock: socket.socket) -> bytes:
    """One answer from a kept-alive connection: the head, then as many bytes as Content-Length says."""
    received = b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    length = int(
        next(
            line.split(b":")[1] for line in head.lower().split(b"\r\n") if line.startswith(b"content-length")
        )
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


def parse_answer(raw: bytes) -> tuple[int, dict[str, str], object]:
    """Status, lower-cased headers and the JSON body of a raw HTTP/1.1 answer."""
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("ascii").split("\r\n")
    headers = dict(line.split(": ", 1) for line in header_lines)
    return int(status_line.split()[1]), {k.lower(): v for k, v in headers.items()}, json.loads(body)


def assert_unparseable_answer(raw: bytes) -> None:
    status, headers, body = parse_answer(raw)
    assert status == 400, raw
    assert headers["content-type"] == "application/json" and headers["x-request-id"], raw
    assert isinstance(body, dict) and body["error_code"] == "WKS.0008" and body["error_msg"], raw
