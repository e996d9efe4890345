"""Shared fixtures: a server per test module on a free port, and a client that starts from a reset state."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from reference_server import ReferenceApp, create_app
from reference_server.testing import serve_in_thread

from .constants import CREDENTIALS


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
