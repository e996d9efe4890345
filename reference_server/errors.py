"""The one table of error codes the reference server answers with, and the error-body builder.

``WKS.*`` codes are the service's own; ``APIGW.*`` codes are what the API gateway in front of the
service answers (authentication, unknown APIs), as on the live system.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorCode:
    code: str
    status: int
    message: str


EMPTY_BODY = ErrorCode("WKS.0001", 400, "The request message is empty.")
MALFORMED_JSON = ErrorCode("WKS.0002", 400, "The request body is not valid UTF-8 JSON.")
NOT_JSON = ErrorCode("WKS.0003", 400, "The request body must be sent as application/json.")
BODY_TOO_LARGE = ErrorCode("WKS.0004", 400, "The request body is larger than 1 MiB.")
TOO_DEEP = ErrorCode("WKS.0005", 400, "The request body is nested too deeply.")
SCHEMA_VIOLATION = ErrorCode("WKS.0006", 400, "The request body does not match the contract.")
RULE_VIOLATION = ErrorCode("WKS.0007", 400, "The request body breaks a cross-field rule.")
MALFORMED_HTTP = ErrorCode("WKS.0008", 400, "The HTTP request could not be parsed.")
NUMBER_TOO_LONG = ErrorCode("WKS.0009", 400, "A number in the request body is too long or too large.")
PARAMETER_VIOLATION = ErrorCode("WKS.0010", 400, "A path or query parameter does not match the contract.")
PARAMETER_RULE_VIOLATION = ErrorCode("WKS.0011", 400, "The query parameters break a cross-parameter rule.")
NOT_RETRYABLE = ErrorCode(
    "WKS.0012", 400, "Nothing to retry: the task or record has not ended, or it succeeded."
)
FORBIDDEN = ErrorCode("WKS.0403", 403, "The credential is not allowed to act on this project.")
RESOURCE_NOT_FOUND = ErrorCode(
    "WKS.0404", 404, "A script, desktop, task or record named in the request was not found."
)
METHOD_NOT_ALLOWED = ErrorCode("WKS.0405", 405, "The HTTP method is not allowed on this resource.")
INTERNAL_ERROR = ErrorCode("WKS.0500", 500, "Internal service error.")
UNAVAILABLE = ErrorCode("WKS.0503", 503, "Service temporarily unavailable.")
API_NOT_FOUND = ErrorCode("APIGW.0101", 404, "The API does not exist.")
BAD_CREDENTIAL = ErrorCode("APIGW.0301", 401, "Incorrect IAM authentication information.")
NO_CREDENTIAL = ErrorCode("APIGW.0302", 401, "No credential: send X-Auth-Token or an AK/SK signature.")
BAD_SDK_DATE = ErrorCode("APIGW.0303", 401, "X-Sdk-Date is missing, malformed or not within 15 minutes.")
UNSIGNED_HEADER = ErrorCode("APIGW.0304", 401, "The signature must cover the host and x-sdk-date headers.")
# Not the service's: guards the reference server's own /_reference endpoints.
ADMIN_TOKEN = ErrorCode(
    "REF.0401", 401, "The /_reference endpoints need the admin token in the X-Reference-Admin-Token header."
)

ALL_CODES: tuple[ErrorCode, ...] = (
    EMPTY_BODY,
    MALFORMED_JSON,
    NOT_JSON,
    BODY_TOO_LARGE,
    TOO_DEEP,
    SCHEMA_VIOLATION,
    RULE_VIOLATION,
    MALFORMED_HTTP,
    NUMBER_TOO_LONG,
    PARAMETER_VIOLATION,
    PARAMETER_RULE_VIOLATION,
    NOT_RETRYABLE,
    FORBIDDEN,
    RESOURCE_NOT_FOUND,
    METHOD_NOT_ALLOWED,
    INTERNAL_ERROR,
    UNAVAILABLE,
    API_NOT_FOUND,
    BAD_CREDENTIAL,
    NO_CREDENTIAL,
    BAD_SDK_DATE,
    UNSIGNED_HEADER,
    ADMIN_TOKEN,
)

# Fault injection may only answer with these two, by status.
FAULT_CODES = {500: INTERNAL_ERROR, 503: UNAVAILABLE}


class ServiceError(Exception):
    """A request the server refuses; carries the code and, optionally, a more specific message."""

    def __init__(self, error: ErrorCode, detail: str | None = None) -> None:
        super().__init__(detail or error.message)
        self.error = error
        self.message = detail or error.message

    @property
    def status(self) -> int:
        return self.error.status


def error_body(error: ErrorCode, message: str | None = None) -> bytes:
    return json.dumps({"error_code": error.code, "error_msg": message or error.message}).encode()
