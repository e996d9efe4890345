"""Credentials and paths the server tests share (a plain module: test modules import it, conftest too)."""

from __future__ import annotations

from reference_server import Credential

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
AUTH = {"X-Auth-Token": TOKEN}
