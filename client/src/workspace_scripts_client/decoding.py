"""Reading answers into the typed models, and the ``ApiError`` for an answer that cannot be read.

Generated endpoint modules call this instead of ``response.json()``: an HTML page from a gateway, an empty
or truncated body, or JSON of the wrong shape becomes a clear ``errors.ApiError``, never a JSONDecodeError.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any, Protocol, Self, TypeVar

import httpx

from . import validation
from .errors import ApiError, InvalidResponseError, error_class

REQUEST_ID_HEADER = "X-Request-Id"
SNIPPET_LENGTH = 200


class Model(Protocol):
    @classmethod
    def _from_parsed(cls, src_dict: dict[str, Any]) -> Self: ...


M = TypeVar("M", bound=Model)


def _snippet(response: httpx.Response) -> str:
    text = response.content[:SNIPPET_LENGTH].decode("utf-8", errors="replace")
    return repr(text) + ("..." if len(response.content) > SNIPPET_LENGTH else "")


def unreadable(response: httpx.Response, problem: str) -> ApiError:
    status = response.status_code
    cls = InvalidResponseError if response.is_success else error_class(status)
    content_type = response.headers.get("Content-Type", "no Content-Type")
    message = f"unreadable answer ({content_type}): {problem}; body starts {_snippet(response)}"
    return cls(status, None, message, response.headers.get(REQUEST_ID_HEADER))


def parse(content: bytes) -> Any:
    """``content`` parsed as JSON: by msgspec (about twice as fast as ``json`` on a page of records), or, for
    what msgspec refuses and Python's parser reads (NaN, 1e400, lone surrogates), by ``json``, so that what
    reads as JSON and how is the same as with ``json`` alone. ``ValueError`` or ``RecursionError`` if neither
    reads it."""
    import msgspec  # noqa: PLC0415 - loaded with the first answer, keeping the package's import fast

    try:
        return msgspec.json.decode(content)
    except msgspec.DecodeError:
        return json.loads(content)


def decode(response: httpx.Response, model: type[M]) -> M:
    """The answer's body as ``model``; ``ApiError`` when it is not JSON matching the model's schema."""
    if not response.content:
        raise unreadable(response, "the body is empty")
    try:
        data = parse(response.content)
    except ValueError:  # not JSON, not UTF-8, or cut short
        raise unreadable(response, "the body is not valid JSON") from None
    except RecursionError:  # "[[[[…" deeper than Python's parser can go
        raise unreadable(response, "the body is JSON nested too deeply to read") from None
    if not isinstance(data, dict):
        raise unreadable(response, "the body is not a JSON object")
    problem = validation.schema_problem(model, data)
    if problem is not None:
        raise unreadable(response, f"the body does not match {model.__name__}: {problem}")
    return model._from_parsed(data)  # parsed here, and nobody else's: consumed, not copied


def status(code: int) -> HTTPStatus | int:
    """``code`` as an ``HTTPStatus``, or the plain int for a status Python does not know (520, 599, ...)."""
    try:
        return HTTPStatus(code)
    except ValueError:
        return code


def api_error(response: httpx.Response, parsed: Any) -> ApiError:
    """The ``ApiError`` for an error answer, from its parsed ``ErrorResponse`` when there is one."""
    error_code = getattr(parsed, "error_code", None)
    error_msg = getattr(parsed, "error_msg", None)
    if error_msg is None:
        # An undocumented status: use the error body if it has the usual shape, else describe the body.
        try:
            data = json.loads(response.content)
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict) and isinstance(data.get("error_msg"), str):
            error_code, error_msg = data.get("error_code"), data["error_msg"]
        else:
            error_msg = f"{response.reason_phrase or 'error'}; body starts {_snippet(response)}"
        if response.is_success:
            error_msg = f"undocumented success status; {error_msg}"
        if response.is_redirect:
            error_msg = f"redirect to {response.headers.get('Location', 'no Location')}; {error_msg}"
    status = response.status_code
    return error_class(status)(status, error_code, error_msg, response.headers.get(REQUEST_ID_HEADER))
