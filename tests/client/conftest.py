"""Fixtures for the client's tests: a reference server per test module."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from reference_server import Credential, create_app
from reference_server.testing import serve_in_thread

from .constants import AK, PROJECT, SK, TOKEN


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    app = create_app(credentials=[Credential(PROJECT, token=TOKEN, ak=AK, sk=SK)])
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture
def server(server_url: str) -> str:
    """The module's server with no tasks and no armed faults."""
    httpx.post(f"{server_url}/_reference/reset").raise_for_status()
    return server_url
