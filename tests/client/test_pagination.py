"""The pagination helpers against a local fake server: every page, typed items, count and empty pages."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import get_type_hints

import pytest
from workspace_scripts_client import AuthenticatedClient, create_client, errors, pagination
from workspace_scripts_client.api.script import list_script_records, list_script_tasks, list_scripts
from workspace_scripts_client.models import ScriptRecordSimpleInfo, ScriptSimpleInfo, ScriptTaskInfo
from workspace_scripts_client.types import Unset

from reference_server.testing import serve_in_thread

from .fake_script_api import PROJECT, FakeScriptApi, record


@pytest.fixture
def fake() -> Iterator[tuple[FakeScriptApi, AuthenticatedClient]]:
    api = FakeScriptApi()
    with serve_in_thread(api) as url:
        yield api, create_client(endpoint=url, token="fake-token", project_id=PROJECT)


def offsets(api: FakeScriptApi) -> list[tuple[str, str]]:
    return [(query["offset"][0], query["limit"][0]) for _, query in api.queries]


def test_every_record_of_250_in_three_pages(fake: tuple[FakeScriptApi, AuthenticatedClient]) -> None:
    api, client = fake
    api.records = [record(n) for n in range(250)]
    found = list(pagination.iter_script_records(client))
    assert [item.id for item in found] == [f"record-{n:05d}" for n in range(250)]
    assert all(isinstance(item, ScriptRecordSimpleInfo) for item in found)
    assert offsets(api) == [("0", "100"), ("100", "100"), ("200", "100")]


def test_the_async_twin_reads_the_same_pages(fake: tuple[FakeScriptApi, AuthenticatedClient]) -> None:
    api, client = fake
    api.records = [record(n) for n in range(250)]

    async def collect() -> list[str]:
        return [item.id async for item in pagination.aiter_script_records(client, page_size=50)]

    assert asyncio.run(collect()) == [f"record-{n:05d}" for n in range(250)]
    assert [offset for offset, _ in offsets(api)] == ["0", "50", "100", "150", "200"]


def test_short_pages_from_a_capped_server_do_not_stop_it(
    fake: tuple[FakeScriptApi, AuthenticatedClient],
) -> None:
    api, client = fake
    api.records = [record(n) for n in range(95)]
    api.limit_cap = 30
    assert len(list(pagination.iter_script_records(client))) == 95
    assert [offset for offset, _ in offsets(api)] == ["0", "30", "60", "90"]


def test_an_overstated_count_stops_at_the_first_empty_page(
    fake: tuple[FakeScriptApi, AuthenticatedClient],
) -> None:
    api, client = fake
    api.records = [record(n) for n in range(5)]
    api.count_override = 1000
    assert len(list(pagination.iter_script_records(client))) == 5
    assert offsets(api) == [("0", "100"), ("5", "100")]


def test_an_empty_list_is_one_request(fake: tuple[FakeScriptApi, AuthenticatedClient]) -> None:
    api, client = fake
    assert list(pagination.iter_scripts(client)) == []
    assert len(api.queries) == 1


def test_count_is_honoured_and_offset_starts_where_asked(
    fake: tuple[FakeScriptApi, AuthenticatedClient],
) -> None:
    api, client = fake
    api.records = [record(n) for n in range(30)]
    api.count_override = 20  # the server says 20 match: the helper does not ask past them
    found = list(pagination.iter_script_records(client, offset=10, page_size=5))
    assert [item.id for item in found] == [f"record-{n:05d}" for n in range(10, 20)]
    assert [offset for offset, _ in offsets(api)] == ["10", "15"]


def test_filters_travel_as_the_operation_sends_them(fake: tuple[FakeScriptApi, AuthenticatedClient]) -> None:
    api, client = fake
    list(
        pagination.iter_script_records(
            client, resource_id=["d1", "d2"], is_first_order=True, script_task_id="t"
        )
    )
    _, query = api.queries[0]
    assert query["resource_id"] == ["d1", "d2"] and query["is_first_order"] == ["true"]
    assert query["script_task_id"] == ["t"]


def test_scripts_and_tasks_are_typed_items(fake: tuple[FakeScriptApi, AuthenticatedClient]) -> None:
    api, client = fake
    api.scripts = [{"id": f"script-{n}", "name": f"n{n}"} for n in range(3)]
    scripts = list(pagination.iter_scripts(client, name="n"))
    assert [type(item) for item in scripts] == [ScriptSimpleInfo] * 3
    assert api.queries[0][1]["name"] == ["n"]

    async def scripts_async() -> list[ScriptSimpleInfo]:
        return [item async for item in pagination.aiter_scripts(client, page_size=2)]

    assert [item.id for item in asyncio.run(scripts_async())] == ["script-0", "script-1", "script-2"]
    assert list(pagination.iter_script_tasks(client)) == []  # no task in this fake: one empty page
    assert isinstance(ScriptTaskInfo.from_dict({"id": "t"}), ScriptTaskInfo)


def test_an_error_answer_raises_even_without_raise_on_error(
    fake: tuple[FakeScriptApi, AuthenticatedClient],
) -> None:
    api, client = fake
    api.error_status = 403
    assert not client.raise_on_error
    with pytest.raises(errors.PermissionDeniedError) as raised:
        list(pagination.iter_script_tasks(client))
    assert raised.value.error_code == "WKS.0403" and raised.value.request_id == "fake-request"

    async def first() -> None:
        async for _ in pagination.aiter_script_records(client):
            pass

    with pytest.raises(errors.PermissionDeniedError):
        asyncio.run(first())


def test_a_bad_filter_is_refused_before_sending(fake: tuple[FakeScriptApi, AuthenticatedClient]) -> None:
    api, client = fake
    with pytest.raises(ValueError, match="show_history=true needs both resource_id and script_id"):
        list(pagination.iter_script_records(client, show_history=True, resource_id=["d"]))
    with pytest.raises(ValueError, match="limit must be smaller than or equal to 100"):
        list(pagination.iter_scripts(client, page_size=101))
    assert api.queries == []


@pytest.mark.parametrize(
    ("filters", "operation"),
    [
        (pagination.ScriptFilters, list_scripts.sync_detailed),
        (pagination.TaskFilters, list_script_tasks.sync_detailed),
        (pagination.RecordFilters, list_script_records.sync_detailed),
    ],
)
def test_the_filters_are_the_operations_query_parameters(filters: type, operation: object) -> None:
    # Drift guard: a parameter added to the contract must reach the helpers' filters, with its type.
    hints = get_type_hints(operation)
    parameters = {name for name in hints if name not in {"project_id", "client", "offset", "limit", "return"}}
    assert set(get_type_hints(filters)) == parameters
    for name, kind in get_type_hints(filters).items():
        assert hints[name] == kind | Unset
