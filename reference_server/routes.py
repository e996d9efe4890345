"""The HTTP layer: a thin raw-ASGI app that routes, reads the body, and turns models' answers and
ServiceErrors into documented responses. Nothing here knows the rules of the operation."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import fastjsonschema

from . import errors
from .auth import Authenticator
from .errors import ServiceError, error_body
from .group_commit import GroupCommit
from .models import ScriptService
from .validation import FAULT_REQUEST, MAX_BODY_BYTES, RequestValidator, decode_json

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

SERVICE_PATH = re.compile(r"/v2/([^/]+)/script-executions")
REFERENCE_PREFIX = "/_reference/"
JSON_TYPE = b"application/json"
access_log = logging.getLogger("reference_server.access")


class _BodyTooLarge(Exception):
    pass


def _is_json(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == "application/json"


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


def _headers(scope: Scope) -> dict[str, str]:
    """Request headers keyed by lower-case name (the form the signer expects)."""
    return {name.decode("latin-1").lower(): _header_text(value) for name, value in scope["headers"]}


async def _read_body(receive: Receive) -> bytes:
    chunks, size = [], 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


class ReferenceApp:
    """The ASGI application. ``service`` is the state, reachable for tests that skip HTTP."""

    def __init__(self, service: ScriptService, authenticator: Authenticator) -> None:
        self.service = service
        self._auth = authenticator
        self._validator = RequestValidator()
        self._writer = GroupCommit(service.store)
        self._reference_routes: dict[str, tuple[str, Callable[[Any], Awaitable[tuple[int, Any]]]]] = {
            "tasks": ("GET", self._list_tasks),
            "reset": ("POST", self._reset),
            "faults": ("POST", self._arm_faults),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        started = time.perf_counter()
        request_id = secrets.token_hex(16)
        try:
            status, body, extra = await self._dispatch(scope, receive)
        except ServiceError as exc:
            status, body, extra = exc.status, error_body(exc.error, exc.message), []
        except Exception:
            access_log.exception("unexpected error, request id %s", request_id)
            status, body, extra = 500, error_body(errors.INTERNAL_ERROR), []
        headers = [
            (b"content-type", JSON_TYPE),
            (b"content-length", str(len(body)).encode()),
            (b"x-request-id", request_id.encode()),
            *extra,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        access_log.info(
            "%s %s %d %.2fms %s",
            scope["method"],
            _raw_path(scope),
            status,
            (time.perf_counter() - started) * 1000,
            request_id,
        )

    async def _dispatch(self, scope: Scope, receive: Receive) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
        path: str = scope["path"]
        method: str = scope["method"]
        match = SERVICE_PATH.fullmatch(path)
        if match:
            if method != "POST":
                return self._not_allowed(method, "POST")
            task_id = await self._execute(match.group(1), scope, receive)
            return 200, b'{"task_id": "' + task_id.encode() + b'"}', []  # a hex id needs no escaping
        if path.startswith(REFERENCE_PREFIX) and path[len(REFERENCE_PREFIX) :] in self._reference_routes:
            allowed, handler = self._reference_routes[path[len(REFERENCE_PREFIX) :]]
            if method != allowed:
                return self._not_allowed(method, allowed)
            status, payload = await handler(await self._json_body(scope, receive))
            return status, json.dumps(payload).encode(), []
        raise ServiceError(errors.API_NOT_FOUND, f"The API does not exist: {method} {path}")

    @staticmethod
    def _not_allowed(method: str, allowed: str) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
        message = f"Method {method} is not allowed; use {allowed}."
        return 405, error_body(errors.METHOD_NOT_ALLOWED, message), [(b"allow", allowed.encode())]

    async def _execute(self, project_id: str, scope: Scope, receive: Receive) -> str:
        headers = _headers(scope)
        body: bytes | None = None
        # Credentials first, as far as they can be checked without the body; a signature needs its hash.
        prechecked = self._auth.precheck(headers)
        if prechecked is not None:
            body = await self._bounded_body(headers, receive)
        self._auth.authenticate(
            project_id,
            scope["method"],
            _raw_path(scope),
            scope["query_string"].decode("latin-1"),
            headers,
            body or b"",
            prechecked=prechecked,
        )
        fault = self.service.faults.take()
        if fault is not None:
            await asyncio.sleep(fault.delay_seconds)
            if fault.status is not None:
                raise ServiceError(errors.FAULT_CODES[fault.status])
        if body is None:
            body = await self._bounded_body(headers, receive)
        if body.strip() and not _is_json(headers.get("content-type", "")):
            raise ServiceError(errors.NOT_JSON)
        request = self._validator.parse(body)
        self.service.admit(project_id, request)
        return await self._writer.add(project_id, request)

    @staticmethod
    async def _bounded_body(headers: dict[str, str], receive: Receive) -> bytes:
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise ServiceError(errors.BODY_TOO_LARGE)
        try:
            return await _read_body(receive)
        except _BodyTooLarge:
            raise ServiceError(errors.BODY_TOO_LARGE) from None

    async def _json_body(self, scope: Scope, receive: Receive) -> Any:
        headers = _headers(scope)
        body = await self._bounded_body(headers, receive)
        if not body.strip():
            return None
        if not _is_json(headers.get("content-type", "")):
            raise ServiceError(errors.NOT_JSON)
        return decode_json(body)

    async def _list_tasks(self, _body: Any) -> tuple[int, Any]:
        return 200, {"tasks": self.service.store.all()}

    async def _reset(self, _body: Any) -> tuple[int, Any]:
        self.service.reset()
        return 200, {"reset": True}

    async def _arm_faults(self, body: Any) -> tuple[int, Any]:
        try:
            request = FAULT_REQUEST(body)
        except fastjsonschema.JsonSchemaValueException as exc:
            raise ServiceError(errors.SCHEMA_VIOLATION, f"Invalid fault request: {exc.message}") from None
        self.service.faults.arm(request["count"], request["status"], float(request["delay_seconds"]))
        return 200, {"armed": request["count"]}

    @staticmethod
    async def _lifespan(receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
