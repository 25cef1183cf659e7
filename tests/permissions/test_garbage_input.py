"""Garbage in every field of every POST URL of the matrix: never a 500, nothing written.

For a logged-in coordinator and a unit staff member, each POST URL of ``SPECS`` gets its
usual fields with one replaced at a time by an id that is not a number, a negative or
overflowing number, an empty string, a NUL byte or a list of values. The answer may be a
4xx, the form again, or the usual redirect with an error message; it must not be a 5xx,
and the request must run no INSERT, UPDATE or DELETE on the project's tables.
"""

from __future__ import annotations

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.permissions.test_url_matrix import (  # noqa: F401
    FROZEN,
    OWN,
    SPECS,
    data_writes,
    objects,
)

GARBAGE = {
    "word": "abc",
    "negative": "-1",
    "overflow": "9999999999999999999",
    "empty": "",
    "nul": "\x00",
    "list": ["1", "abc"],
}
FREE_TEXT = {
    "body",
    "comment",
    "reason",
    "note",
    "result",
    "source_note",
    "document_number",
    "explanation",
    "signer_title",
    "signer_name",
    "recipients",
}
# Free text accepts words and numbers; only what no text field may hold is garbage there.
TEXT_GARBAGE = {"empty", "nul"}
# Values the form rightly accepts although they look like garbage.
# (Emptying the reopen date locks the period again; a result is optional while in progress.)
VALID_ANYWAY = {
    ("periods:reopen", "until", "empty"),
    ("periods:reopen", "(no fields)", ""),
    ("tasks:update", "result", "empty"),
    # No chosen unit: the indicator's task's lead unit reports it; a document number is optional.
    ("indicators:configure", "responsible_unit", "empty"),
    ("budget:entry", "document_number", "empty"),
    ("budget:line", "funding_source", "empty"),
    ("budget:line", "task", "empty"),
    # A criterion may be left without a unit or an appraised score.
    ("par:manage", "responsible_unit", "empty"),
    ("par:manage", "appraised_score", "empty"),
    ("par:manage", "(no fields)", ""),
    # A report's signer may be left blank (signed by hand); retrying a failed report needs no
    # field at all.
    ("reports:settings", "signer_name", "empty"),
    ("reports:retry", "(no fields)", ""),
    # Marking notices read takes no field: the user and the URL say which.
    ("reminders:mark_all_read", "(no fields)", ""),
    ("reminders:mark_read", "(no fields)", ""),
}
# Fields the matrix leaves out (it only needs to get past the door).
EXTRA_FIELDS = {
    "login": {"username": "w.vp", "password": "sai-mat-khau"},
    "importer:upload": {"agency": ""},
    "password_change": {
        "old_password": "sai-mat-khau",
        "new_password1": "Cai-cach-hanh-chinh-2026",
        "new_password2": "Cai-cach-hanh-chinh-2026",
    },
}
ROLES = ("coordinator", "staff_a")


def _post_urls() -> list[str]:
    return sorted(
        name
        for name, spec in SPECS.items()
        if any(spec.post(role, OWN if OWN in spec.targets else None) != 405 for role in ROLES)
    )


def _cases(url_name: str, base: dict) -> list[tuple[str, str, dict]]:
    cases = [] if (url_name, "(no fields)", "") in VALID_ANYWAY else [("(no fields)", "", {})]
    for key in base:
        kinds = TEXT_GARBAGE if key in FREE_TEXT else GARBAGE
        for kind in kinds:
            if (url_name, key, kind) not in VALID_ANYWAY:
                cases.append((key, kind, {**base, key: GARBAGE[kind]}))
    return cases


@pytest.mark.parametrize("url_name", _post_urls())
def test_garbage_never_breaks_a_post_url(client, world, objects, url_name):  # noqa: F811
    spec = SPECS[url_name]
    target = OWN if OWN in spec.targets else None
    spec.prepare(objects)
    base = {**spec.data(objects, target), **EXTRA_FIELDS.get(url_name, {})}
    wrong = []
    with time_machine.travel(FROZEN, tick=True):
        url = spec.url(objects, target)
        for role in ROLES:
            for field, kind, data in _cases(url_name, base):
                client.force_login(world.users[role])
                with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                    status = client.post(url, data).status_code
                    transaction.set_rollback(True)
                written = data_writes(queries.captured_queries)
                if status >= 500 or written:
                    wrong.append(f"{role} {field}={kind}: {status} {written}")
    assert not wrong, f"{url_name}:\n" + "\n".join(wrong)


def test_every_post_url_is_tried():
    assert {"periods:submit", "tasks:update", "periods:reopen", "login"} <= set(_post_urls())
