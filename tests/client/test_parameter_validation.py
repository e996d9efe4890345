"""Path and query parameters are checked before sending, like bodies, with the same error naming them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from workspace_scripts_client import RequestValidationError
from workspace_scripts_client.api.script import (
    delete_script,
    list_script_records,
    list_scripts,
    stop_script_execution,
)
from workspace_scripts_client.models import StopScriptExecutionReq

from .constants import PROJECT
from .mock_client import Recorder, mock_client

RECORDS_PAGE = {"count": 0, "script_records": []}


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ({"limit": 101}, "limit", "smaller than or equal to 100"),
        ({"limit": 0}, "limit", "bigger than or equal to 1"),
        ({"offset": -1}, "offset", "bigger than or equal to 0"),
        ({"show_history": True, "resource_id": ["d"]}, "script_id", "show_history=true needs both"),
        ({"show_history": True}, "resource_id", "missing resource_id and script_id"),
        ({"execute_time_start": datetime(2021, 10, 1)}, "execute_time_start", "date-time"),  # naive
    ],
)
def test_a_bad_query_is_refused_naming_the_parameter(query: dict[str, Any], field: str, words: str) -> None:
    recorder = Recorder()
    with pytest.raises(RequestValidationError) as raised:
        list_script_records.sync_detailed(PROJECT, client=mock_client(recorder), **query)
    assert (raised.value.location, raised.value.field) == ("query", field)
    assert words in str(raised.value) and str(raised.value).startswith("invalid query parameter: ")
    assert recorder.requests == []


def test_a_good_query_is_sent_and_validation_can_be_turned_off() -> None:
    recorder = Recorder(httpx.Response(200, json=RECORDS_PAGE))
    start = datetime(2021, 10, 1, 12, tzinfo=UTC)
    list_script_records.sync_detailed(
        PROJECT,
        client=mock_client(recorder),
        show_history=True,
        resource_id=["d"],
        script_id=["s"],
        execute_time_start=start,
    )
    off = Recorder(httpx.Response(200, json={"count": 0, "scripts": []}))
    list_scripts.sync_detailed(PROJECT, client=mock_client(off, validate_requests=False), limit=500)
    assert off.requests[0].url.params["limit"] == "500"  # sent as asked: a probe of the server
    (checked,) = recorder.requests
    assert (
        checked.url.params["execute_time_start"] == "2021-10-01T12:00:00Z"
        and "limit" not in checked.url.params
    )


def test_a_path_parameter_past_its_length_is_refused() -> None:
    recorder = Recorder()
    with pytest.raises(RequestValidationError) as raised:
        delete_script.sync_detailed(PROJECT, "s" * 129, client=mock_client(recorder))
    assert (raised.value.location, raised.value.field) == ("path", "script_id")
    assert "128" in str(raised.value) and recorder.requests == []


@pytest.mark.parametrize(
    "body", [StopScriptExecutionReq(), StopScriptExecutionReq(task_id="t", record_id="r")]
)
def test_stop_needs_exactly_one_target(body: StopScriptExecutionReq) -> None:
    recorder = Recorder()
    with pytest.raises(RequestValidationError, match="exactly one of task_id and record_id") as raised:
        stop_script_execution.sync_detailed(PROJECT, client=mock_client(recorder), body=body)
    assert raised.value.location == "body" and recorder.requests == []
