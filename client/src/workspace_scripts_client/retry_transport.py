"""Transports that apply a ``RetryPolicy`` under the httpx client, with tenacity's back-off.

They sit below authentication, so a retried request is the very request that was signed first.
"""

from __future__ import annotations

import logging
import ssl
from typing import Any

import httpx
import tenacity

from .retry_policy import RetryPolicy

logger = logging.getLogger(__name__)

# Raised before a single byte of the request was sent: retrying cannot run the scripts twice.
NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
UNAVAILABLE = 503


def _unavailable(response: httpx.Response) -> bool:
    return response.status_code == UNAVAILABLE


def _describe(state: tenacity.RetryCallState) -> str:
    outcome = state.outcome
    if outcome is None:
        return "no outcome"
    if outcome.failed:
        error = outcome.exception()
        return f"{type(error).__name__} before reaching the service"
    return f"answer {outcome.result().status_code}"


def _log_retry(request: httpx.Request, policy: RetryPolicy, state: tenacity.RetryCallState) -> None:
    wait = state.next_action.sleep if state.next_action else 0.0
    logger.info(
        "%s %s: %s; attempt %d of %d in %.2f s",
        request.method,
        request.url,
        _describe(state),
        state.attempt_number + 1,
        policy.attempts,
        wait,
    )


def _settings(policy: RetryPolicy) -> dict[str, Any]:
    return {
        "stop": tenacity.stop_after_attempt(policy.attempts),
        "wait": tenacity.wait_random_exponential(multiplier=policy.backoff, max=policy.max_backoff),
        "retry": tenacity.retry_if_exception_type(NEVER_SENT) | tenacity.retry_if_result(_unavailable),
        # Out of attempts: hand back the last answer (a 503) or raise the last error, never RetryError.
        "retry_error_callback": lambda state: state.outcome.result(),
    }


class RetryingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, policy: RetryPolicy) -> None:
        self._inner = inner
        self._policy = policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        def before_sleep(state: tenacity.RetryCallState) -> None:
            _log_retry(request, self._policy, state)
            if state.outcome is not None and not state.outcome.failed:
                state.outcome.result().close()  # give the connection back before the next attempt

        retrying = tenacity.Retrying(before_sleep=before_sleep, **_settings(self._policy))
        return retrying(self._inner.handle_request, request)

    def close(self) -> None:
        self._inner.close()


class AsyncRetryingTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self._inner = inner
        self._policy = policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        async def before_sleep(state: tenacity.RetryCallState) -> None:
            _log_retry(request, self._policy, state)
            if state.outcome is not None and not state.outcome.failed:
                await state.outcome.result().aclose()

        retrying = tenacity.AsyncRetrying(before_sleep=before_sleep, **_settings(self._policy))
        return await retrying(self._inner.handle_async_request, request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def retrying_transport(
    policy: RetryPolicy,
    inner: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
    *,
    verify: str | bool | ssl.SSLContext,
    asynchronous: bool,
) -> httpx.BaseTransport | httpx.AsyncBaseTransport:
    """Wrap ``inner`` (default: httpx's own transport with ``verify``) in the retry policy."""
    if asynchronous:
        if inner is None:
            inner = httpx.AsyncHTTPTransport(verify=verify)
        if not isinstance(inner, httpx.AsyncBaseTransport):
            raise TypeError("an async client needs an httpx.AsyncBaseTransport")
        return AsyncRetryingTransport(inner, policy)
    if inner is None:
        inner = httpx.HTTPTransport(verify=verify)
    if not isinstance(inner, httpx.BaseTransport):
        raise TypeError("a sync client needs an httpx.BaseTransport")
    return RetryingTransport(inner, policy)
