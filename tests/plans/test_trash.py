"""A deleted plan leaves every scope at once, stays restorable, and is purged after N days."""

from __future__ import annotations

import datetime as dt
import os
import re
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from audit.models import AuditAction, AuditEvent
from budget.models import BudgetLine
from importer.parsing.document import ImportFileError
from importer.preview import build_preview
from plans.models import Plan
from plans.services import purge_deleted_plans
from reminders.services import sweep
from tasks.models import Evidence, Task, TaskAssignment
from tests.factories import PlanFactory, evidence_upload
from tests.importer.integration.test_reimport import HEADER
from tests.importer.reading.docx_builders import P, T, build_docx, task_row
from tests.query_counts import assert_flat_queries

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 6, 25, 3, 0, tzinfo=dt.UTC)
CONFIRM = {"confirm": "yes"}


def _trash(plan: Plan, *, at: dt.datetime = NOW) -> None:
    Plan.objects.filter(pk=plan.pk).update(deleted_at=at)


def _superuser():
    return get_user_model().objects.create_superuser("w.root", "root@example.vn", "x")


def test_deleted_plan_and_its_rows_leave_every_scope(world):
    plan = world.task_a.plan
    BudgetLine.objects.create(plan=plan, content="Chi tuyên truyền", planned_amount=1000)
    _trash(plan)
    for user in [*world.users.values(), _superuser()]:
        assert not Plan.objects.visible_to(user).filter(pk=plan.pk).exists()
        assert not Plan.objects.editable_by(user).filter(pk=plan.pk).exists()
        assert not Task.objects.visible_to(user).filter(plan=plan).exists()
        assert not Task.objects.editable_by(user).filter(plan=plan).exists()
        assert not BudgetLine.objects.visible_to(user).filter(plan=plan).exists()
    # The other agency's plan is untouched.
    other = world.users["other_coordinator"]
    assert Task.objects.visible_to(other).filter(pk=world.task_other.pk).exists()


def test_deleted_plan_pages_exports_search_and_lists_answer_404_or_leave_it_out(client, world):
    plan, task = world.task_a.plan, world.task_a
    _trash(plan)
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("tasks:detail", args=[task.pk])).status_code == 404
    export = reverse("importer:export", kwargs={"pk": plan.pk, "fmt": "csv"})
    assert client.get(export).status_code == 404
    assert plan.title not in client.get(reverse("plans:list")).content.decode()
    listed = {row.pk for row in client.get(reverse("tasks:mine")).context["page"]}
    searched = client.get(reverse("tasks:mine"), {"q": task.content}).context["page"]
    assert task.pk not in listed and list(searched) == []
    assert world.task_other.pk not in listed  # (another agency: never listed anyway)


def test_deleted_plan_sends_no_reminder(world, settings):
    settings.DUE_SOON_DAYS = 7
    for user in world.users.values():
        user.email = f"{user.username}@stp.example.vn"
        user.save()
    day = dt.date(2026, 6, 25)
    before = {r.unit for r in sweep(on=day, dry_run=True).sent}
    assert world.unit_a.name in before
    _trash(world.task_a.plan)
    after = {r.unit for r in sweep(on=day, dry_run=True).sent}
    assert world.unit_a.name not in after and world.unit_b.name not in after


def test_hiding_is_a_plain_is_null_filter_without_or_or_exists(client, world):
    client.force_login(world.users["staff_a"])
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("tasks:mine"))
    sql = [q["sql"] for q in captured.captured_queries if 'FROM "tasks_task"' in q["sql"]]
    assert sql and all('"plans_plan"."deleted_at" IS NULL' in s for s in sql)
    where = [s.split(" WHERE ", 1)[1] for s in sql]
    assert not any("EXISTS" in w or re.search(r"deleted_at.{0,80}\bOR\b", w) for w in where)


def test_coordinator_deletes_then_restores_with_audit(client, world):
    plan = world.task_a.plan
    coordinator = world.users["coordinator"]
    client.force_login(coordinator)
    confirm_page = client.get(reverse("plans:delete", args=[plan.pk]))
    assert "Chuyển vào thùng rác" in confirm_page.content.decode()
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("plans:delete", args=[plan.pk]), CONFIRM)
    assert response.status_code == 302 and response["Location"] == reverse("plans:trash")
    plan.refresh_from_db()
    assert plan.deleted_at == NOW and plan.deleted_by == coordinator
    trash = client.get(reverse("plans:trash")).content.decode()
    assert plan.title in trash and "Khôi phục" in trash

    response = client.post(reverse("plans:restore", args=[plan.pk]), CONFIRM)
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    plan.refresh_from_db()
    assert plan.deleted_at is None and plan.deleted_by is None
    assert client.get(plan.get_absolute_url()).status_code == 200
    assert Task.objects.visible_to(world.users["staff_a"]).filter(pk=world.task_a.pk).exists()
    actions = list(
        AuditEvent.objects.filter(object_id=str(plan.pk)).order_by("pk").values_list("action")
    )
    assert actions == [(AuditAction.PLAN_DELETE,), (AuditAction.PLAN_RESTORE,)]


def test_a_bare_post_deletes_nothing_and_says_why(client, world):
    plan = world.task_a.plan
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("plans:delete", args=[plan.pk]), follow=True)
    assert "Thiếu xác nhận" in response.content.decode()
    plan.refresh_from_db()
    assert plan.deleted_at is None


def test_trash_lists_only_the_agencys_deleted_plans(client, world):
    _trash(world.task_a.plan)
    _trash(world.task_other.plan)
    client.force_login(world.users["coordinator"])
    page = client.get(reverse("plans:trash"))
    assert list(page.context["plans"]) == [world.task_a.plan]
    client.force_login(world.users["other_coordinator"])
    page = client.get(reverse("plans:trash"))
    assert list(page.context["plans"]) == [world.task_other.plan]
    other = reverse("plans:restore", args=[world.task_a.plan.pk])
    assert client.post(other, CONFIRM).status_code == 404


def test_trash_page_queries_do_not_grow_with_deleted_plans(
    client, world, django_assert_num_queries
):
    client.force_login(world.users["coordinator"])
    _trash(world.task_a.plan)

    def grow():
        for _ in range(3):
            extra = PlanFactory(agency=world.agency)
            Plan.objects.filter(pk=extra.pk).update(deleted_at=NOW, deleted_by=world.users["admin"])

    response = assert_flat_queries(
        client,
        reverse("plans:trash"),
        expected=4,
        grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )
    assert len(response.context["plans"]) == 4


def test_purge_deletes_for_good_after_the_retention_days_only(
    world, settings, private_media, django_capture_on_commit_callbacks
):
    settings.PLAN_RETENTION_DAYS = 30
    old, recent = world.task_a.plan, world.task_other.plan
    evidence = Evidence(task=world.task_a, original_name="a.pdf", content_type="application/pdf")
    evidence.size = 10
    evidence.file.save("a.pdf", evidence_upload("a.pdf"), save=False)
    evidence.save()
    stored = evidence.file.path
    live = PlanFactory(agency=world.agency)
    _trash(old, at=NOW - dt.timedelta(days=30, seconds=1))
    _trash(recent, at=NOW - dt.timedelta(days=29))

    with (
        time_machine.travel(NOW, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert purge_deleted_plans() == 1
    assert set(Plan.objects.values_list("pk", flat=True)) == {recent.pk, live.pk}
    assert not Task.objects.filter(plan_id=old.pk).exists()
    assert not TaskAssignment.objects.filter(task__plan_id=old.pk).exists()
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not os.path.exists(stored)
    purge = AuditEvent.objects.get(action=AuditAction.PLAN_PURGE)
    assert purge.object_id == str(old.pk) and purge.agency_id == world.agency.pk


def test_purge_forgets_the_plans_history_and_keeps_the_others(world, settings, periods):
    """The history tables hold every version of a purged plan's rows (and the cascade adds
    one more): purging removes them; another plan's history stays."""
    from budget.models import BudgetEntry
    from indicators.models import Indicator, IndicatorValue
    from tasks.models import Extension, TaskProgress

    settings.PLAN_RETENTION_DAYS = 30
    old, kept = world.task_a.plan, world.task_other.plan
    task = world.task_a
    task.content = "Nội dung đã sửa"
    task.save()  # a second version
    TaskProgress.objects.create(task=task, period=periods["h1"], progress=50)
    Extension.objects.create(
        task=task, requested_by=world.users["staff_a"], reason="Chậm",
        requested_date=dt.date(2026, 12, 31), previous_due_date=task.due_date,
    )  # fmt: skip
    indicator = Indicator.objects.create(plan=old, name="A", text="A ≥ 1", target_value=1)
    IndicatorValue.objects.create(indicator=indicator, period=periods["h1"], value=2)
    line = BudgetLine.objects.create(plan=old, content="Tập huấn", planned_amount=1_000_000)
    BudgetEntry.objects.create(line=line, kind="disbursement", amount=10, date=dt.date(2026, 3, 1))
    kept_versions = Task.history.filter(plan_id=kept.pk).count()
    assert kept_versions and Plan.history.filter(id=kept.pk).exists()
    histories = [
        (Plan, {"id": old.pk}), (Task, {"plan_id": old.pk}),
        (TaskAssignment, {"task_id": task.pk}), (TaskProgress, {"task_id": task.pk}),
        (Extension, {"task_id": task.pk}), (Indicator, {"plan_id": old.pk}),
        (IndicatorValue, {"indicator_id": indicator.pk}), (BudgetLine, {"plan_id": old.pk}),
        (BudgetEntry, {"line_id": line.pk}),
    ]  # fmt: skip
    assert all(model.history.filter(**where).exists() for model, where in histories)
    _trash(old, at=NOW - dt.timedelta(days=31))

    with time_machine.travel(NOW, tick=False):
        assert purge_deleted_plans() == 1
    left = [model.__name__ for model, where in histories if model.history.filter(**where).exists()]
    assert left == []
    assert Task.history.filter(plan_id=kept.pk).count() == kept_versions
    assert Plan.history.filter(id=kept.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.PLAN_PURGE, object_id=str(old.pk)).exists()


def test_purge_command_dry_run_counts_and_keeps(world, settings):
    settings.PLAN_RETENTION_DAYS = 7
    _trash(world.task_a.plan, at=NOW - dt.timedelta(days=8))
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("purge_deleted_plans", "--dry-run", stdout=out)
        assert "1 kế hoạch" in out.getvalue()
        assert Plan.objects.filter(pk=world.task_a.plan.pk).exists()
        call_command("purge_deleted_plans", stdout=out)
    assert not Plan.objects.filter(pk=world.task_a.plan.pk).exists()
    assert "Đã xoá hẳn 1 kế hoạch" in out.getvalue()


def test_the_purge_is_scheduled_nightly(db):
    entry = PeriodicTask.objects.get(task="plans.purge_deleted_plans")
    assert entry.enabled and entry.crontab.hour == "2"


def test_importing_a_plan_that_is_in_the_trash_says_restore_it_first(world):
    plan = PlanFactory(agency=world.agency, year=2026, number="12", symbol="KH-STP")
    _trash(plan)
    data = build_docx(
        P("Số: 12/KH-STP"),
        P("KẾ HOẠCH", bold=True),
        P("Cải cách hành chính năm 2026 của Sở Tư pháp", bold=True),
        T([HEADER, task_row("1", "Rà soát văn bản QPPL")], header_rows=1),
    )
    with pytest.raises(ImportFileError, match="đang ở Thùng rác"):
        build_preview(agency=world.agency, data=data, filename="ke-hoach.docx")
