"""A TCP listener that accepts connections and never answers: it counts what reached the network."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class SilentListener:
    """Accepts on 127.0.0.1 and reads, never answers; ``connections`` counts accepted connections."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.05)  # accept() wakes up to see that the listener is closing
        self.closing = threading.Event()
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.connections = 0
        self._open: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self.closing.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            self._open.append(connection)


@contextmanager
def silent_listener() -> Iterator[SilentListener]:
    listener = SilentListener()
    listener._thread.start()
    try:
        yield listener
    finally:
        listener.closing.set()
        listener._thread.join(timeout=5)
        listener.socket.close()
        for connection in listener._open:
            connection.close()
