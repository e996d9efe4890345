"""The two Python apps the benchmark serves, under identical uvicorn settings: both on h11, the HTTP
implementation the reference server ships with (its protocol class only changes unparseable requests).

``python bench/server/apps.py reference PORT DB TOKEN PROJECT`` or ``python bench/server/apps.py bare PORT``.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import uvicorn

CONSTANT_BODY = b'{"task_id": "0000000059071dbc01591661d3990019"}'


async def bare_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The floor: answers every request with a constant JSON body, reading nothing."""
    if scope["type"] != "http":
        return
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(CONSTANT_BODY)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": CONSTANT_BODY})


def main() -> None:
    kind, port = sys.argv[1], int(sys.argv[2])
    app: Any = bare_app
    http: Any = "h11"
    if kind == "reference":
        from reference_server import Credential, create_app

        db, token, project = sys.argv[3:6]
        # The reference server logs one line per request in production use: keep that cost in the figure.
        logging.basicConfig(filename=f"{db}.log", level=logging.INFO)
        app = create_app(credentials=[Credential(project, token=token)], db=db)
        from reference_server.http_protocol import ContractHttpProtocol

        http = ContractHttpProtocol
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        loop="uvloop",
        http=http,
    )


if __name__ == "__main__":
    main()
