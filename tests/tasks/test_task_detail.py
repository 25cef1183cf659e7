"""The task detail page: every field, entries, evidence, comments, timeline; fixed query count."""

import datetime as dt

import pytest
from django.urls import reverse

from tasks.models import TaskStatus
from tasks.services import ProgressReport, add_comment, record_progress
from tests.factories import assign, evidence_upload, make_periods

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(world):
    task = world.task_a
    task.deadline_text = "Trước ngày 30/6/2026"
    task.deadline_kind = "date"
    task.due_date = dt.date(2026, 6, 30)
    task.requirement = "Ban hành 02 văn bản"
    task.save()
    return task


def page(client, task) -> str:
    response = client.get(task.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_shows_the_original_deadline_text_beside_the_parsed_deadline(client, world, task):
    client.force_login(world.users["staff_a"])
    html = page(client, task)
    assert "“Trước ngày 30/6/2026”" in html
    assert "hạn ban đầu <strong>30/06/2026</strong>" in html
    assert "Ban hành 02 văn bản" in html
    assert world.unit_a.name in html and world.unit_b.name in html


def test_lead_staff_get_the_update_form_coordinating_staff_the_comment_form(client, world, task):
    make_periods(world.agency)
    client.force_login(world.users["staff_a"])
    html = page(client, task)
    assert f'hx-post="{reverse("tasks:update", args=[task.pk])}"' in html
    assert reverse("tasks:comment", args=[task.pk]) not in html
    client.force_login(world.users["staff_b"])
    html = page(client, task)
    assert reverse("tasks:update", args=[task.pk]) not in html
    assert reverse("tasks:comment", args=[task.pk]) in html


def test_leaders_only_read(client, world, task):
    make_periods(world.agency)
    client.force_login(world.users["leader"])
    html = page(client, task)
    assert reverse("tasks:update", args=[task.pk]) not in html
    assert reverse("tasks:comment", args=[task.pk]) not in html


def test_entries_evidence_comments_and_history_are_shown(client, world, task, private_media):
    periods = make_periods(world.agency)
    staff = world.users["staff_a"]
    staff.first_name = "Nguyễn Thị Lan"
    staff.save()
    record_progress(
        task=task,
        period=periods["year"],
        user=staff,
        report=ProgressReport(status=TaskStatus.IN_PROGRESS, progress=60, result="Đã trình ký"),
        files=[evidence_upload("Tờ trình.pdf")],
        on=dt.date(2026, 11, 23),
    )
    add_comment(task=task, user=world.users["staff_b"], body="Đã góp ý dự thảo")
    client.force_login(world.users["staff_a"])
    html = page(client, task)
    assert "<strong>Năm 2026</strong>" in html and "Đã trình ký" in html
    assert "Tờ trình.pdf" in html
    assert "Đã góp ý dự thảo" in html and "Ý kiến đơn vị phối hợp" in html
    assert "Cập nhật tiến độ kỳ Năm 2026" in html
    assert 'Tiến độ (%): <span class="text-muted">0</span> → 60' in html
    assert "Nguyễn Thị Lan" in html
    assert "Tải lên tài liệu kiểm chứng “Tờ trình.pdf”" in html


def test_unit_changes_appear_in_the_history(client, world, task):
    assign(task, world.office, "coordinating", position=1)
    client.force_login(world.users["coordinator"])
    assert f"Giao đơn vị {world.office.name} (Phối hợp)" in page(client, task)


def test_another_agencys_task_is_a_404(client, world):
    client.force_login(world.users["coordinator"])
    assert client.get(world.task_other.get_absolute_url()).status_code == 404


def test_query_count_is_fixed(client, world, task, private_media, django_assert_max_num_queries):
    periods = make_periods(world.agency)
    client.force_login(world.users["coordinator"])
    client.get(task.get_absolute_url())
    with django_assert_max_num_queries(DETAIL_QUERIES) as before:
        client.get(task.get_absolute_url())
    for n in range(5):
        record_progress(
            task=task,
            period=periods["year"],
            user=world.users["staff_a"],
            report=ProgressReport(status=TaskStatus.IN_PROGRESS, progress=10 * n),
            files=[evidence_upload(f"tep-{n}.png")],
            on=dt.date(2026, 11, 23),
        )
        add_comment(task=task, user=world.users["staff_b"], body=f"Ý kiến {n}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(task.get_absolute_url())


# session, user, memberships, task + permission annotations, assignments, entries, evidence,
# comments, extensions, periods for the form (once: they are read to pick the current one
# and drawn from those rows), task / entry / assignment history.
DETAIL_QUERIES = 15
