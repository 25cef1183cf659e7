"""Garbage in every field of every POST URL of the matrix: never a 500, nothing written.

For a logged-in coordinator and a unit staff member, each POST URL of ``SPECS`` gets its
usual fields with one replaced at a time by an id that is not a number, a negative or
overflowing number, an empty string, a NUL byte or a list of values. The answer may be a
4xx, the form again, or the usual redirect with an error message; it must not be a 5xx,
and no row of the project's tables may change.
"""

from __future__ import annotations

import pytest
import time_machine
from django.apps import apps
from django.db import transaction

from tests.permissions.test_url_matrix import FROZEN, OWN, SPECS, objects  # noqa: F401

GARBAGE = {
    "word": "abc",
    "negative": "-1",
    "overflow": "9999999999999999999",
    "empty": "",
    "nul": "\x00",
    "list": ["1", "abc"],
}
FREE_TEXT = {"body", "comment", "reason", "note", "result"}
# Free text accepts words and numbers; only what no text field may hold is garbage there.
TEXT_GARBAGE = {"empty", "nul"}
# Values the form rightly accepts although they look like garbage.
# (Emptying the reopen date locks the period again; a result is optional while in progress.)
VALID_ANYWAY = {
    ("periods:reopen", "until", "empty"),
    ("periods:reopen", "(no fields)", ""),
    ("tasks:update", "result", "empty"),
}
# Tables whose writes are the point of the request, not a change of project data.
NOT_DATA = {"sessions", "axes", "admin"}
EXTRA_FIELDS = {
    "login": {"username": "w.vp", "password": "sai-mat-khau"},
    "importer:upload": {"agency": None},
}


def _post_urls() -> list[str]:
    return sorted(
        name
        for name, spec in SPECS.items()
        if any(spec.post(role, OWN if OWN in spec.targets else None) != 405 for role in ROLES)
    )


ROLES = ("coordinator", "staff_a")


def _snapshot() -> dict[str, list[tuple]]:
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in NOT_DATA:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        rows[model._meta.label] = list(model._default_manager.order_by("pk").values_list(*fields))
    return rows


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
    base = {key: value for key, value in base.items() if value is not None} | {
        key: "" for key, value in base.items() if value is None
    }
    wrong = []
    with time_machine.travel(FROZEN, tick=True):
        url = spec.url(objects, target)
        for role in ROLES:
            for field, kind, data in _cases(url_name, base):
                client.force_login(world.users[role])
                with transaction.atomic():
                    before = _snapshot()
                    status = client.post(url, data).status_code
                    changed = [
                        label for label, rows in _snapshot().items() if before[label] != rows
                    ]
                    transaction.set_rollback(True)
                if status >= 500 or changed:
                    wrong.append(f"{role} {field}={kind}: {status} {changed}")
    assert not wrong, f"{url_name}:\n" + "\n".join(wrong)


def test_every_post_url_is_tried():
    assert {"periods:submit", "tasks:update", "periods:reopen", "login"} <= set(_post_urls())
