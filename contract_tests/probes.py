"""Bodies and sending for the hand-made requests of the depth clauses, in one place.

Every body starts from one of openapi.yaml's request examples, and every request is prepared and sent
here (``post``, or ``prepare`` then ``send``): live mode's guard (ids swapped for sandbox or probe ids, task
budget) hooks in at these functions.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import requests

from contract_tests import guard, report, settings, sources, spec
from contract_tests.target import REQUEST_TIMEOUT, Target

# What a valid body may get: 200, or a refusal for permissions / unknown scripts or desktops.
REFUSED_FOR_IDS = frozenset({403, 404})
DROP = object()  # a field value meaning "leave this field out"


def example(name: str = "plain", /, **changes: Any) -> dict[str, Any]:
    """A copy of one of openapi.yaml's request examples, with ``changes`` applied."""
    body = copy.deepcopy(spec.request_examples()[name])
    for field, value in changes.items():
        if value is DROP:
            body.pop(field, None)
        else:
            body[field] = value
    return body


def with_raw(body: dict[str, Any], field: str, literal: str) -> bytes:
    """``body`` as JSON text with ``field`` set to ``literal`` exactly as written (``1e2``, ``-0``)."""
    marker = "__raw_value__"
    text = json.dumps({**body, field: marker})
    return text.replace(json.dumps(marker), literal).encode()


def post_body(body: Any) -> bytes:
    """``body`` as sent: JSON-encoded unless already bytes."""
    return body if isinstance(body, bytes) else json.dumps(body).encode()


def post(target: Target, body: Any, **kwargs: Any) -> requests.Response:
    """POST ``body`` (JSON-encoded unless already bytes) to the operation."""
    return target.send("POST", body=post_body(body), **kwargs)


def prepare(request: requests.Request) -> requests.PreparedRequest:
    """A request built by hand, prepared (and signed, with an AK/SK ``auth``) but not sent, so that a
    test can change it afterwards. The run's guarded session prepares it: in live mode its ids are
    steered before it is signed."""
    return guard.session().prepare_request(request)


def send(target: Target, prepared: requests.PreparedRequest) -> requests.Response:
    """Send a request built (and maybe tampered with) by hand, as prepared, through the run's guard."""
    return guard.session().send(prepared, timeout=REQUEST_TIMEOUT)


def knows_every_id() -> bool:
    """The bundled server in full mode knows every id; in live mode it knows only the sandbox's."""
    current = settings.current()
    return current.target.bundled and not current.live


def expect_status(
    response: requests.Response,
    clause: str,
    statuses: frozenset[int] | set[int],
    what: str,
    *,
    source: str = sources.PAGE,
) -> None:
    """The status ``clause`` asks for, and only that: what every answer must carry besides (error body,
    headers) is judged once per provoked status by ``test_headers``, so one defect stays one finding.
    ``clause`` is the same for every case of a test; ``what`` says which case this is."""
    report.expect(
        response.status_code in statuses,
        clause,
        f"{what}: expected status {' or '.join(map(str, sorted(statuses)))}, got {response.status_code}",
        response,
        source=source,
    )


def require_accepted(response: requests.Response, what: str, *, source: str = sources.PAGE) -> None:
    """The valid twin of a pair must be accepted for the pair to tell anything.

    Refused with 403/404 (a real project without the examples' scripts or desktops) the pair cannot tell
    why its invalid twin is refused: skip, saying so; the bundled server knows every id, so there it fails.
    """
    status = response.status_code
    if status == 200:
        return
    if status in REFUSED_FOR_IDS and not knows_every_id():
        # Nothing to give: full mode sends openapi.yaml's example ids, live mode probe ids here.
        sent = (
            "probe ids (live mode)" if settings.current().live else "openapi.yaml's example ids (full mode)"
        )
        pytest.skip(
            f"{what}: the valid twin, naming {sent}, was refused with {status} (unknown scripts or "
            "desktops, or no permission), so its pair cannot tell what the server refuses"
        )
    report.expect(
        False,
        "Table 3 / status code 200 (Table 4): a valid body is accepted",
        f"{what}: the valid twin was refused with {status}",
        response,
        source=source,
    )


def judge_against_twin(
    twin: requests.Response,
    response: requests.Response,
    clause: str,
    what: str,
    *,
    refused: bool,
    source: str = sources.PAGE,
) -> None:
    """Judge ``response`` against its ``twin``, a request that differs only in what the clause is about.

    Twin accepted: a body the clause refuses gets exactly 400, one it allows 200. Twin refused with 403/404
    (ids the project lacks, as probe ids in live mode): nothing else differs, so an allowed body gets the
    twin's own answer, and a refused one that answer or 400 (a server may look at ids before the rule).
    The bundled server knows every id: there the twin must be accepted."""
    status = twin.status_code
    if status != 200 and (status not in REFUSED_FOR_IDS or knows_every_id()):
        require_accepted(twin, what, source=source)
    if not refused:
        expected = {status}  # nothing but the clause's subject differs: the twin's own answer
    elif status == 200:
        expected = {400}
    else:
        expected = {400, status}
    expect_status(
        response,
        f"{clause} (judged against a twin differing only there)",
        expected,
        f"{what}; the twin got {status}",
        source=source,
    )
