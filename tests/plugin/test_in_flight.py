"""The plugin resets a test's state only once the service requests still running (a client that gave up
on an armed delay, a thread of the code under test) have finished, so their tasks cannot leak in."""

from __future__ import annotations

import asyncio
from typing import Any

from reference_server.pytest_plugin import _InFlight


def test_service_requests_are_waited_for_and_reference_ones_are_not() -> None:
    async def scenario() -> list[bool]:
        release = asyncio.Event()

        async def app(scope: Any, receive: Any, send: Any) -> None:
            await release.wait()

        in_flight = _InFlight(app)  # type: ignore[arg-type]
        seen = []
        reference = asyncio.create_task(in_flight({"type": "http", "path": "/_reference/tasks"}, None, None))
        await asyncio.sleep(0)
        seen.append(in_flight.wait_until_idle(0))
        service = asyncio.create_task(
            in_flight({"type": "http", "path": "/v2/p/script-executions"}, None, None)
        )
        await asyncio.sleep(0)
        seen.append(in_flight.wait_until_idle(0))
        release.set()
        await asyncio.gather(reference, service)
        seen.append(in_flight.wait_until_idle(0))
        return seen

    assert asyncio.run(scenario()) == [True, False, True]
