"""Clients wired to an ``httpx.MockTransport`` that answers as told and records what was sent."""

from __future__ import annotations

import json
from typing import Any

import httpx
from workspace_scripts_client import AuthenticatedClient, RetryPolicy

from .constants import PROJECT, TOKEN

BASE_URL = "https://workspace.cn-north-4.myhuaweicloud.com"


class Recorder:
    """Answers every request with ``response`` (or raises ``error``), keeping the requests it saw."""

    def __init__(self, response: httpx.Response | None = None, error: Exception | None = None) -> None:
        self.response = response or httpx.Response(200, json={"task_id": "task-1"})
        self.error = error
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self.error is not None:
            raise self.error
        return httpx.Response(
            self.response.status_code, headers=self.response.headers, content=self.response.content
        )

    @property
    def sent_json(self) -> Any:
        return json.loads(self.requests[-1].content)


def mock_client(
    recorder: Recorder, *, retry: RetryPolicy | None = None, **options: Any
) -> AuthenticatedClient:
    return AuthenticatedClient(
        BASE_URL,
        token=TOKEN,
        project_id=PROJECT,
        retry=retry,
        httpx_args={"transport": httpx.MockTransport(recorder)},
        **options,
    )
