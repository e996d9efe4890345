"""Errors raised by the API functions.

``ApiError`` carries what the service said (status, ``error_code``, ``error_msg``) and the ``X-Request-Id``
that support asks for. It is raised for every answer that is not a 2xx (documented or not: a 302, 429, 502 or
520 too) when the client was made with ``raise_on_error=True``, and always when an answer cannot be read at
all (not JSON, empty, truncated, or not shaped as documented). Catch a family (``ClientError``: 4xx,
``ServerError``: 5xx; a 3xx is a plain ``ApiError``) or one status.
"""


class UnexpectedStatus(Exception):
    """An undocumented status, raised when ``Client.raise_on_unexpected_status`` is True."""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class ApiError(Exception):
    """An answer that is an error, or that could not be read as the documented body."""

    def __init__(
        self, status_code: int, error_code: str | None, error_msg: str, request_id: str | None
    ) -> None:
        self.status_code = status_code
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        code = f" {error_code}" if error_code else ""
        super().__init__(f"HTTP {status_code}{code}: {error_msg} (X-Request-Id: {request_id or 'none'})")


class ClientError(ApiError):
    """A 4xx answer: the request must change before it can succeed."""


class BadRequestError(ClientError):
    """400: the request is malformed or breaks a rule of the contract."""


class AuthenticationError(ClientError):
    """401: no credential, or one that is not valid."""


class PermissionDeniedError(ClientError):
    """403: the credential may not act on these resources."""


class NotFoundError(ClientError):
    """404: a project, script or desktop named in the request does not exist."""


class MethodNotAllowedError(ClientError):
    """405: the HTTP method is not allowed on this resource."""


class ServerError(ApiError):
    """A 5xx answer."""


class InternalServerError(ServerError):
    """500: the service failed; the scripts may or may not have been started."""


class ServiceUnavailableError(ServerError):
    """503: the service did not carry out the request."""


class InvalidResponseError(ApiError):
    """A success (or undocumented) answer whose body is not what the contract documents."""


ERRORS_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    500: InternalServerError,
    503: ServiceUnavailableError,
}


def error_class(status_code: int) -> type[ApiError]:
    """The most specific ``ApiError`` subclass for a status."""
    if status_code in ERRORS_BY_STATUS:
        return ERRORS_BY_STATUS[status_code]
    if 400 <= status_code < 500:
        return ClientError
    if status_code >= 500:
        return ServerError
    if status_code >= 300:
        return ApiError  # a redirect or other 3xx this API never documents
    return InvalidResponseError


__all__ = [
    "ApiError",
    "AuthenticationError",
    "BadRequestError",
    "ClientError",
    "InternalServerError",
    "InvalidResponseError",
    "MethodNotAllowedError",
    "NotFoundError",
    "PermissionDeniedError",
    "ServerError",
    "ServiceUnavailableError",
    "UnexpectedStatus",
    "error_class",
]
