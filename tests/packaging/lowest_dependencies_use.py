"""Run inside a virtualenv holding the generated client on the lowest versions its metadata allows: every
dependency does its part once (httpx and attrs: a call; jsonschema-rs and fastjsonschema: a refused query,
answer and body, each worded; msgspec: the answer parsed). No server: a mock transport answers."""

from __future__ import annotations

import httpx
from workspace_scripts_client import create_client, validation
from workspace_scripts_client.api.script import list_script_records
from workspace_scripts_client.errors import ApiError
from workspace_scripts_client.models import ExecuteScriptOrCommandReq

RECORD = {"id": "r1", "script_id": "s1", "execute_order": 1, "start_time": "2026-12-01T12:00:00Z"}
PAGE = {"count": 1, "script_records": [RECORD]}


def answer(request: httpx.Request) -> httpx.Response:
    broken = request.url.params.get("script_task_id") == "broken"
    return httpx.Response(200, json={"count": "one", "script_records": []} if broken else PAGE)


client = create_client(
    endpoint="http://service.test", token="t", project_id="p" * 32, environ={}, raise_on_error=True
)
client.get_httpx_client()._transport = httpx.MockTransport(answer)
page = list_script_records.sync(client.project_id, client=client, limit=100)
assert page is not None and page.script_records[0].execute_order == 1, page
for call, expected in [
    (lambda: list_script_records.sync(client.project_id, client=client, limit=101), "limit"),
    (lambda: list_script_records.sync(client.project_id, client=client, script_task_id="broken"), "count"),
]:
    try:
        call()
    except (validation.RequestValidationError, ApiError) as refused:
        assert expected in str(refused), refused
        print("refused:", refused)
    else:
        raise AssertionError(f"nothing refused ({expected})")
body = ExecuteScriptOrCommandReq.from_dict({"resource_ids": ["d1"], "script_ids": ["s1"], "gray_count": 2})
body.gray_fail_threshold = 5
try:
    validation.check_request(ExecuteScriptOrCommandReq, body.to_dict())
except validation.RequestValidationError as refused:
    assert refused.field == "gray_fail_threshold", refused
    print("refused:", refused)
else:
    raise AssertionError("the cross-field rule was not applied")
print("every dependency did its part")
