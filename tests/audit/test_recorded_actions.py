"""Imports, exports, evidence downloads and period locks/reopens each leave one event."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditAction
from plans.models import Plan
from tests.audit.conftest import recorded
from tests.factories import make_periods
from tests.importer.reading.docx_builders import STANDARD_HEADER, P, T, build_docx, task_row

pytestmark = pytest.mark.django_db


def test_a_confirmed_import_is_recorded_with_what_it_did(client, world, private_media):
    data = build_docx(
        P("KẾ HOẠCH", bold=True),
        P("Kiểm tra công tác CCHC năm 2026", bold=True),
        T([STANDARD_HEADER, task_row("1", "Kiểm tra", lead="Văn phòng Sở")], header_rows=1),
    )
    client.force_login(world.users["coordinator"])
    upload = io.BytesIO(data)
    upload.name = "kiem-tra.docx"
    response = client.post(reverse("importer:upload"), {"file": upload, "agency": world.agency.pk})
    preview_url = response["Location"]
    form = client.get(preview_url).context["form"]
    assert not recorded().exists()  # upload and preview are not imports
    fields = {name: value for name, value in form.initial.items() if value is not None}
    client.post(preview_url, {**fields, "issued_on": "05/01/2026", "number": "7"})
    plan = Plan.objects.exclude(pk=world.task_a.plan_id).get(agency=world.agency, number="7")
    event = recorded().get()
    assert event.action == AuditAction.PLAN_IMPORT and event.user == world.users["coordinator"]
    assert (event.object_type, event.object_id) == ("plans.plan", str(plan.pk))
    assert event.agency == world.agency
    assert event.detail == {
        "file": "kiem-tra.docx",
        "created": True,
        "added": 1,
        "changed": 0,
        "removed": 0,
        "kept": 0,
    }


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_plan_export_is_recorded(client, world, fmt):
    plan = world.task_a.plan
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("importer:export", args=[plan.pk, fmt]))
    assert response.status_code == 200
    event = recorded().get()
    assert (event.action, event.object_id, event.agency) == (
        AuditAction.PLAN_EXPORT,
        str(plan.pk),
        world.agency,
    )
    assert event.detail == {"format": fmt} and event.object_label == str(plan)


def test_an_evidence_download_is_recorded_with_its_agency(client, world, evidence):
    client.force_login(world.users["staff_a"])
    response = client.get(reverse("tasks:evidence", args=[evidence.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content)
    event = recorded().get()
    assert event.action == AuditAction.EVIDENCE_DOWNLOAD
    assert (event.object_type, event.object_id) == ("tasks.evidence", str(evidence.pk))
    assert event.object_label == "bao-cao.pdf"
    assert event.agency == world.agency  # resolved from task → plan inside the INSERT
    assert event.detail == {"task": world.task_a.pk}


def test_a_missing_evidence_file_is_a_404_not_a_download(client, world, evidence):
    evidence.file.storage.delete(evidence.file.name)
    client.force_login(world.users["staff_a"])
    assert client.get(reverse("tasks:evidence", args=[evidence.pk])).status_code == 404
    assert recorded().get().action == AuditAction.NOT_FOUND


@time_machine.travel(dt.datetime(2026, 3, 16, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
def test_reopening_and_locking_a_period_are_recorded(client, world):
    q1 = make_periods(world.agency)["q1"]
    client.force_login(world.users["coordinator"])
    url = reverse("periods:reopen", args=[q1.pk])
    client.post(url, {"until": "2026-03-20"})
    client.post(url, {"until": ""})
    client.post(url, {"until": "2026-01-01"})  # refused (in the past): nothing happened
    reopen, lock = recorded().order_by("pk")
    assert (reopen.action, reopen.detail) == (AuditAction.PERIOD_REOPEN, {"until": "2026-03-20"})
    assert (lock.action, lock.detail) == (AuditAction.PERIOD_LOCK, {"until": None})
    assert reopen.object_type == "periods.reportingperiod" and reopen.agency == world.agency
