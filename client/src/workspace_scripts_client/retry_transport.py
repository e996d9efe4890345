"""Retries by a ``RetryPolicy``, inside the very transports httpx builds from the client's settings.

``RetryingClient`` and ``AsyncRetryingClient`` let httpx build its transports as usual (so ``verify``,
``cert``, proxies, ``limits``, ``http1``/``http2`` and ``trust_env`` all apply) and wrap each one, mounted
transports included, in the policy. Retries sit below authentication: a retried request is the very request
that was signed first. tenacity does the back-off.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import tenacity

from .retry_policy import RetryPolicy

logger = logging.getLogger(__name__)

# Raised before a single byte of the request was sent: retrying cannot run the scripts twice.
NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
UNAVAILABLE = 503
MAX_CAUSE_DEPTH = 8


def certificate_failure(error: BaseException) -> bool:
    """Whether ``error`` comes from a TLS certificate check: retrying cannot fix the certificate."""
    seen: BaseException | None = error
    for _ in range(MAX_CAUSE_DEPTH):  # httpx.ConnectError <- httpcore.ConnectError <- ssl error
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


# After these an idempotent request may be repeated: it may have been carried out, but a repeat adds nothing.
MAYBE_SENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
GATEWAY_LOST = frozenset({502, 504})


def _never_sent(error: BaseException) -> bool:
    return isinstance(error, NEVER_SENT) and not certificate_failure(error)


def _repeatable(error: BaseException) -> bool:
    return isinstance(error, NEVER_SENT + MAYBE_SENT) and not certificate_failure(error)


def _unavailable(response: httpx.Response) -> bool:
    return response.status_code == UNAVAILABLE


def _unavailable_or_lost(response: httpx.Response) -> bool:
    return response.status_code == UNAVAILABLE or response.status_code in GATEWAY_LOST


def idempotent(request: httpx.Request, policy: RetryPolicy) -> bool:
    return request.method.upper() in {method.upper() for method in policy.idempotent_methods}


def retry_after_seconds(response: httpx.Response, now: datetime | None = None) -> float | None:
    """The wait a ``Retry-After`` header asks for (delay in seconds, or an HTTP date); None without one."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None  # unreadable: fall back to the policy's own back-off
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


class PolicyWait(tenacity.wait.wait_base):
    """Full-jitter exponential back-off, unless a 503 says how long to wait (capped at ``max_backoff``)."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._backoff = tenacity.wait_random_exponential(multiplier=policy.backoff, max=policy.max_backoff)
        self._cap = policy.max_backoff

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        outcome = retry_state.outcome
        if outcome is not None and not outcome.failed:
            asked = retry_after_seconds(outcome.result())
            if asked is not None:
                return min(asked, self._cap)
        return float(self._backoff(retry_state))


def _describe(state: tenacity.RetryCallState) -> str:
    outcome = state.outcome
    if outcome is None:
        return "no outcome"
    if outcome.failed:
        error = outcome.exception()
        where = "before reaching the service" if error and _never_sent(error) else "on an idempotent request"
        return f"{type(error).__name__} {where}"
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


def _retry_conditions(
    policy: RetryPolicy, request: httpx.Request
) -> tuple[Callable[[BaseException], bool], Callable[[httpx.Response], bool]]:
    """(error, answer) predicates: which outcome of an attempt calls for another."""
    if idempotent(request, policy):
        return _repeatable, _unavailable_or_lost
    return _never_sent, _unavailable


def _settings(policy: RetryPolicy, request: httpx.Request) -> dict[str, Any]:
    on_error, on_answer = _retry_conditions(policy, request)
    retry = tenacity.retry_if_exception(on_error) | tenacity.retry_if_result(on_answer)
    return {
        "stop": tenacity.stop_after_attempt(policy.attempts),
        "wait": PolicyWait(policy),
        "retry": retry,
        # Out of attempts (or not retryable): the last answer, or the last error itself, never RetryError.
        "retry_error_callback": lambda state: state.outcome.result(),
    }


Outcome = httpx.Response | Exception


def _needs_retry(policy: RetryPolicy, request: httpx.Request, outcome: Outcome) -> bool:
    on_error, on_answer = _retry_conditions(policy, request)
    if policy.attempts <= 1:
        return False
    return on_error(outcome) if isinstance(outcome, Exception) else on_answer(outcome)


def _given(outcome: Outcome) -> httpx.Response:
    """The outcome of an attempt as its caller meets it: the answer, or the error raised."""
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


# The first attempt is made without tenacity (building its machinery costs about four times a loopback
# answer's transport work): only an outcome that calls for a retry hands the request over to it, and
# tenacity's first attempt gives that outcome back, so it counts, waits, logs and closes exactly as if it
# had made the attempt itself.
class RetryingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, policy: RetryPolicy) -> None:
        self.inner = inner
        self._policy = policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        first: Outcome
        try:
            first = self.inner.handle_request(request)
        except Exception as error:
            first = error
        if not _needs_retry(self._policy, request, first):
            return _given(first)
        pending = [first]

        def attempt(request: httpx.Request) -> httpx.Response:
            return _given(pending.pop()) if pending else self.inner.handle_request(request)

        def before_sleep(state: tenacity.RetryCallState) -> None:
            _log_retry(request, self._policy, state)
            if state.outcome is not None and not state.outcome.failed:
                state.outcome.result().close()  # give the connection back before the next attempt

        retrying = tenacity.Retrying(before_sleep=before_sleep, **_settings(self._policy, request))
        response: httpx.Response = retrying(attempt, request)
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncRetryingTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self.inner = inner
        self._policy = policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        first: Outcome
        try:
            first = await self.inner.handle_async_request(request)
        except Exception as error:
            first = error
        if not _needs_retry(self._policy, request, first):
            return _given(first)
        pending = [first]

        async def attempt(request: httpx.Request) -> httpx.Response:
            return _given(pending.pop()) if pending else await self.inner.handle_async_request(request)

        async def before_sleep(state: tenacity.RetryCallState) -> None:
            _log_retry(request, self._policy, state)
            if state.outcome is not None and not state.outcome.failed:
                await state.outcome.result().aclose()

        retrying = tenacity.AsyncRetrying(before_sleep=before_sleep, **_settings(self._policy, request))
        response: httpx.Response = await retrying(attempt, request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def _wrapped_mounts(kwargs: dict[str, Any], wrap: Any) -> None:
    mounts: Mapping[str, Any] | None = kwargs.get("mounts")
    if mounts:
        kwargs["mounts"] = {pattern: wrap(inner) if inner else inner for pattern, inner in mounts.items()}


class RetryingClient(httpx.Client):
    """An ``httpx.Client`` whose transports (default, proxy and mounted ones) retry by ``retry``.

    httpx builds each transport from the client's own arguments, through the two methods overridden here;
    only the result is wrapped, so every setting the user gave still applies.
    """

    def __init__(self, *, retry: RetryPolicy, **kwargs: Any) -> None:
        self._retry = retry
        _wrapped_mounts(kwargs, self._wrap)
        super().__init__(**kwargs)

    def _wrap(self, inner: httpx.BaseTransport) -> httpx.BaseTransport:
        return RetryingTransport(inner, self._retry)

    def _init_transport(self, *args: Any, **kwargs: Any) -> httpx.BaseTransport:
        return self._wrap(super()._init_transport(*args, **kwargs))

    def _init_proxy_transport(self, *args: Any, **kwargs: Any) -> httpx.BaseTransport:
        return self._wrap(super()._init_proxy_transport(*args, **kwargs))


class AsyncRetryingClient(httpx.AsyncClient):
    """The ``httpx.AsyncClient`` twin of ``RetryingClient``."""

    def __init__(self, *, retry: RetryPolicy, **kwargs: Any) -> None:
        self._retry = retry
        _wrapped_mounts(kwargs, self._wrap)
        super().__init__(**kwargs)

    def _wrap(self, inner: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
        return AsyncRetryingTransport(inner, self._retry)

    def _init_transport(self, *args: Any, **kwargs: Any) -> httpx.AsyncBaseTransport:
        return self._wrap(super()._init_transport(*args, **kwargs))

    def _init_proxy_transport(self, *args: Any, **kwargs: Any) -> httpx.AsyncBaseTransport:
        return self._wrap(super()._init_proxy_transport(*args, **kwargs))
