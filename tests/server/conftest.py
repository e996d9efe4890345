"""Shared fixtures: one credential per project, and a server per test module on a free port."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from reference_server import Credential, ReferenceApp, create_app
from reference_server.testing import serve_in_thread

PROJECT = "0605767b5e00d5762f8fc01a0a1f0e11"
OTHER_PROJECT = "1111111111111111111111111111aaaa"
TOKEN = "token-of-project-a"
OTHER_TOKEN = "token-of-project-b"
AK, SK = "AKPROJECTA0000000000", "sk-of-project-a"
CREDENTIALS = [
    Credential(PROJECT, token=TOKEN, ak=AK, sk=SK),
    Credential(OTHER_PROJECT, token=OTHER_TOKEN),
]
SERVICE_PATH = f"/v2/{PROJECT}/script-executions"


@pytest.fixture(scope="module")
def app() -> ReferenceApp:
    return create_app(credentials=CREDENTIALS)


@pytest.fixture(scope="module")
def base_url(app: ReferenceApp) -> Iterator[str]:
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture
def client(base_url: str, app: ReferenceApp) -> Iterator[httpx.Client]:
    app.service.reset()
    with httpx.Client(base_url=base_url, timeout=10) as http:
        yield http
