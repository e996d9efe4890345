"""uvicorn's HTTP protocol, answering requests it cannot parse with the contract's 400 error body.

uvicorn answers a request it cannot parse (a broken request line, an invalid header) by itself, with a
plain-text page and no X-Request-Id; the app never sees it. This subclass sends the documented error body.

It is built on h11, not httptools: httptools drops the body of a request that offers an ``Upgrade`` (curl
``--http2`` on http:// sends ``Upgrade: h2c``), which HTTP lets a server ignore but not lose. h11 serves it
whole, at about half httptools' request rate (``make bench-server``).
"""

from __future__ import annotations

import logging
import secrets

from uvicorn.protocols.http.h11_impl import H11Protocol

from reference_server.errors import MALFORMED_HTTP, error_body

access_log = logging.getLogger("reference_server.access")


def bad_request_bytes(request_id: str) -> bytes:
    """A complete HTTP/1.1 400 answer with the error body; the connection closes after it."""
    body = error_body(MALFORMED_HTTP)
    head = (
        "HTTP/1.1 400 Bad Request\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        f"x-request-id: {request_id}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class ContractHttpProtocol(H11Protocol):
    def send_400_response(self, msg: str) -> None:
        request_id = secrets.token_hex(16)
        self.transport.write(bad_request_bytes(request_id))
        self.transport.close()
        access_log.info("unparseable HTTP request (%s) 400 %s", msg, request_id)
