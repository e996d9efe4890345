"""Request ids: 32 hex digits, never repeated within a process, and a forked child's differ from its
parent's."""

from __future__ import annotations

import os
import re

from reference_server.request_ids import new_request_id


def test_ids_are_32_hex_digits_and_never_repeat() -> None:
    ids = [new_request_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9a-f]{32}", request_id) for request_id in ids)


def test_a_forked_child_does_not_repeat_its_parents_ids() -> None:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next ids, to the parent
        os.write(write_end, " ".join(new_request_id() for _ in range(3)).encode())
        os._exit(0)
    os.close(write_end)
    parent = {new_request_id() for _ in range(3)}
    with os.fdopen(read_end) as pipe:
        child = set(pipe.read().split())
    os.waitpid(pid, 0)
    assert len(child) == 3 and not child & parent
    assert {i[:16] for i in child}.isdisjoint(i[:16] for i in parent)  # another random half, not the counter
