"""Task.search_text follows the searched columns on every write path."""

from __future__ import annotations

import pytest
from django.db.models import Value
from django.db.models.functions import Concat

from plans.models import Plan
from tasks.models import Task, search_text_of
from tests.factories import PlanFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _stored(task: Task) -> str:
    return Task.objects.values_list("search_text", flat=True).get(pk=task.pk)


def test_save_fills_it_from_every_searched_column():
    task = TaskFactory(
        content="Rà soát thủ tục",
        requirement="Đạt 100%",
        deadline_text="Quý II/2026",
        result="Đã hoàn thành",
    )
    assert _stored(task) == "ra soat thu tuc dat 100% quy ii/2026 da hoan thanh"


def test_save_with_update_fields_writes_it_too():
    task = TaskFactory(content="Cũ")
    task.content = "Đổi mới"
    task.save(update_fields=["content"])
    assert _stored(task) == "doi moi quy ii/2026"


def test_bulk_create_and_bulk_update_fill_it():
    plan: Plan = PlanFactory()
    created = Task.objects.bulk_create(
        [Task(plan=plan, path=str(n), content=f"Tuyên truyền {n}") for n in range(3)]
    )
    assert _stored(created[0]) == "tuyen truyen 0"
    for task in created:
        task.result = "Xong"
    Task.objects.bulk_update(created, ["result"])
    assert _stored(created[2]) == "tuyen truyen 2 xong"


def test_queryset_update_refreshes_it():
    task = TaskFactory(content="Kiểm tra")
    Task.objects.filter(pk=task.pk).update(content=Concat("content", Value(" văn bản")))
    assert _stored(task) == "kiem tra van ban quy ii/2026"


def test_fill_migration_sets_existing_rows():
    import importlib

    from django.apps import apps

    task = TaskFactory(content="Đào tạo")
    Task.objects.filter(pk=task.pk).update(search_text="")  # as before the column existed
    migration = importlib.import_module("tasks.migrations.0005_fill_task_search_text")
    migration.fill_search_text(apps, None)
    assert _stored(task) == "dao tao quy ii/2026"


def test_the_importer_fills_it_without_knowing_about_it(settings):
    from cchc.demo import THAI_NGUYEN
    from cchc.demo_loading import load_demo_agency
    from importer.apply import apply_import
    from importer.preview import build_preview

    path = settings.BASE_DIR / "fixtures" / "samples" / "thai-nguyen-stp-kstthc-2026.docx"
    agency = load_demo_agency(THAI_NGUYEN)
    preview = build_preview(agency=agency, data=path.read_bytes(), filename=path.name)
    plan = apply_import(preview=preview).plan
    rows = Task.objects.filter(plan=plan)
    assert rows.count() > 20 and not rows.filter(search_text="").exists()
    first = rows.exclude(is_section=True).order_by("position").first()
    assert first.search_text == search_text_of(first) != ""
