"""The HTTP layer: a thin raw-ASGI app that routes (Starlette's path matching, over the table in
``operations.py``), reads headers and body, hands the call to the service (``service.py``) and turns its
reply into a documented response. Nothing here knows the rules of an operation."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.routing import Match, Route

from . import errors
from .access_log import AccessLog
from .access_log import logger as access_log
from .admin.responses import ENDPOINTS
from .calls import DropConnection, EncodedJSON, Reply, ServiceCall, no_body
from .errors import ServiceError, error_body
from .http_protocol import DROP_EXTENSION
from .operations import ROUTES
from .request_ids import new_request_id
from .service import ScriptService
from .validation import MAX_BODY_BYTES, check_content_type, decode_json

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Answer = tuple[int, bytes, list[tuple[bytes, bytes]]]

REFERENCE_PREFIX = "/_reference/"
JSON_TYPE = b"application/json"
MATCHES_KEPT = 4096  # paths whose route is remembered; the memory is emptied when full


class _ClientGone(Exception):
    """The client closed the connection before it sent the whole body: there is no one to answer."""


def _raw_path(scope: Scope) -> str:
    """The path as sent, still percent-encoded: it cannot smuggle line breaks into a log line."""
    raw: bytes = scope.get("raw_path") or scope["path"].encode()
    return raw.decode("latin-1")


def _header_text(value: bytes) -> str:
    # Signing clients sign header text and send it as UTF-8; anything else is read byte for byte.
    try:
        return value.decode()
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _headers(scope: Scope) -> tuple[dict[str, str], frozenset[str]]:
    """Request headers keyed by lower-case name (the form the signer expects), and the names that came
    more than once."""
    headers = {name.decode("latin-1").lower(): _header_text(value) for name, value in scope["headers"]}
    if len(headers) == len(scope["headers"]):  # the usual case, without counting
        return headers, frozenset()
    counts = Counter(name.decode("latin-1").lower() for name, _ in scope["headers"])
    return headers, frozenset(name for name, count in counts.items() if count > 1)


def _body_reader(headers: dict[str, str], receive: Receive) -> Callable[[], Awaitable[bytes]]:
    """Reads the whole body once, refusing more than MAX_BODY_BYTES (announced or received). A request
    with neither Content-Length nor Transfer-Encoding has no body (RFC 9112, 6.3): nothing to wait for."""
    if "content-length" not in headers and "transfer-encoding" not in headers:
        return no_body

    async def read() -> bytes:
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise ServiceError(errors.BODY_TOO_LARGE)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _ClientGone
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise ServiceError(errors.BODY_TOO_LARGE)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    return read


class _Methods:
    """What a path offers: method -> operation (or admin handler). Starlette only matches the path: the
    method is chosen here, so that a 405 carries the contract's error body and the path's Allow."""

    def __init__(self, methods: dict[str, Any]) -> None:
        self.methods = methods
        self.allow = ", ".join(methods).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError("matched only, never called as an app")


def _routes(table: dict[str, dict[str, Any]]) -> list[Route]:
    return [Route(path, endpoint=_Methods(methods)) for path, methods in table.items()]


class ReferenceApp:
    """The ASGI application. ``service`` is the state, reachable for tests that skip HTTP."""

    def __init__(self, service: ScriptService) -> None:
        self.service = service
        self._service_routes = _routes(ROUTES)
        self._matched: dict[str, tuple[_Methods, dict[str, str]]] = {}
        self._access_log = AccessLog()
        self._admin_routes = _routes(
            {REFERENCE_PREFIX + name: dict(methods) for name, methods in ENDPOINTS.items()}
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        started = time.perf_counter()
        request_id = new_request_id()
        try:
            status, body, extra = await self._dispatch(scope, receive)
        except ServiceError as exc:
            status, body, extra = exc.status, error_body(exc.error, exc.message), []
        except _ClientGone:
            self._log(scope, "client left before sending its body", started, request_id)
            return
        except DropConnection:
            drop = scope.get("extensions", {}).get(DROP_EXTENSION)
            if drop is not None:
                drop()
                while (await receive())["type"] != "http.disconnect":
                    pass  # wait for the close, so the server does not answer in our place
                self._log(scope, "dropped without an answer (armed fault)", started, request_id)
                return
            message = "This server cannot drop connections: serve the app with ContractHttpProtocol."
            status, body, extra = 500, error_body(errors.INTERNAL_ERROR, message), []
        except Exception:
            access_log.exception("unexpected error, request id %s", request_id)
            status, body, extra = 500, error_body(errors.INTERNAL_ERROR), []
        headers = [
            *([(b"content-type", JSON_TYPE)] if body else []),
            (b"content-length", str(len(body)).encode()),
            (b"x-request-id", request_id.encode()),
            *extra,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        self._log(scope, str(status), started, request_id)

    def _log(self, scope: Scope, outcome: str, started: float, request_id: str) -> None:
        elapsed = (time.perf_counter() - started) * 1000
        self._access_log.add(scope["method"], _raw_path(scope), outcome, elapsed, request_id)

    async def _dispatch(self, scope: Scope, receive: Receive) -> Answer:
        path: str = scope["path"]
        method: str = scope["method"]
        headers, repeated = _headers(scope)
        matched = self._matched.get(path) if not scope.get("root_path") else None
        if matched is None:
            matched = self._match(scope)
        if matched is not None:
            offered, params = matched
            if path.startswith(REFERENCE_PREFIX):
                self.service.check_admin(headers)
            if method not in offered.methods:
                return self._not_allowed(method, offered)
            if path.startswith(REFERENCE_PREFIX):
                handler = offered.methods[method]
                body = await self._json_body(headers, receive)
                status, payload = handler(self.service, body, scope["query_string"].decode("latin-1"))
                return status, json.dumps(payload).encode(), []
            call = ServiceCall(
                project_id=params["project_id"],
                headers=headers,
                read_body=_body_reader(headers, receive),
                method=method,
                raw_path=_raw_path(scope),
                query_string=scope["query_string"].decode("latin-1"),
                repeated=repeated,
                path_params=dict(params),
            )
            return self._answer(await self.service.handle(offered.methods[method], call))
        raise ServiceError(errors.API_NOT_FOUND, f"The API does not exist: {method} {path}")

    def _match(self, scope: Scope) -> tuple[_Methods, dict[str, str]] | None:
        """The path's methods and parameters, by Starlette's matching. Remembered per path (a poller asks
        for the same one again and again); bounded, since paths carry ids."""
        path: str = scope["path"]
        routes = self._admin_routes if path.startswith(REFERENCE_PREFIX) else self._service_routes
        for route in routes:
            match, child = route.matches(scope)
            if match is not Match.NONE:
                methods: _Methods = route.endpoint  # type: ignore[assignment]
                found = (methods, child["path_params"])
                if not scope.get("root_path"):
                    if len(self._matched) >= MATCHES_KEPT:
                        self._matched.clear()
                    self._matched[path] = found
                return found
        return None

    @staticmethod
    def _answer(reply: Reply) -> Answer:
        if reply.payload is None:
            return reply.status, b"", []
        if isinstance(reply.payload, EncodedJSON):
            return reply.status, reply.payload.body, []
        return reply.status, json.dumps(reply.payload).encode(), []

    @staticmethod
    def _not_allowed(method: str, offered: _Methods) -> Answer:
        message = f"Method {method} is not allowed; use {' or '.join(offered.methods)}."
        return 405, error_body(errors.METHOD_NOT_ALLOWED, message), [(b"allow", offered.allow)]

    @staticmethod
    async def _json_body(headers: dict[str, str], receive: Receive) -> Any:
        body = await _body_reader(headers, receive)()
        if not body.strip():
            return None
        check_content_type(headers.get("content-type", ""))
        return decode_json(body)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self._access_log.flush()
                await send({"type": "lifespan.shutdown.complete"})
                return
