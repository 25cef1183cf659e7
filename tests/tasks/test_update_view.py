"""The inline update form: htmx swaps the page body, a plain POST redirects; evidence downloads."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tasks.models import Evidence, Task, TaskProgress
from tests.factories import evidence_upload

FROZEN = dt.datetime(2026, 5, 5, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(FROZEN, tick=False):
        yield


def form_data(period, **overrides):
    data = {
        "period": period.pk,
        "status": "in_progress",
        "progress": "50",
        "result": "Đã ban hành dự thảo",
        "difficulties": "",
        "proposals": "",
        "completed_on": "",
    }
    return data | overrides


def url(task):
    return reverse("tasks:update", args=[task.pk])


def test_the_form_defaults_to_the_open_period_with_the_earliest_cutoff(client, world, periods):
    client.force_login(world.users["staff_a"])
    form = client.get(world.task_a.get_absolute_url()).context["form"]
    assert form.initial["period"] == periods["h1"]
    assert set(form.fields["period"].queryset) == {periods["h1"], periods["year"]}


def test_plain_post_saves_and_redirects_without_javascript(client, world, periods, private_media):
    client.force_login(world.users["staff_a"])
    data = form_data(periods["h1"], evidence=[evidence_upload("Kết quả.docx")])
    response = client.post(url(world.task_a), data)
    assert response.status_code == 302 and response["Location"] == world.task_a.get_absolute_url()
    assert Task.objects.get(pk=world.task_a.pk).progress == 50
    assert Evidence.objects.get().original_name == "Kết quả.docx"
    followed = client.get(response["Location"]).content.decode()
    assert "Đã lưu cập nhật kỳ 6 tháng đầu năm 2026." in followed


def test_htmx_post_returns_the_refreshed_page_body(client, world, periods):
    client.force_login(world.users["staff_a"])
    response = client.post(url(world.task_a), form_data(periods["h1"]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="history"' in html
    assert "Đã lưu cập nhật kỳ 6 tháng đầu năm 2026." in html and "Đã ban hành dự thảo" in html


def test_done_without_result_is_refused_inline_in_vietnamese(client, world, periods):
    client.force_login(world.users["staff_a"])
    response = client.post(
        url(world.task_a),
        form_data(periods["h1"], status="done", result=""),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Nhiệm vụ đã hoàn thành phải có kết quả thực hiện." in response.content.decode()
    assert not TaskProgress.objects.exists()


def test_a_fake_file_is_refused_and_nothing_is_saved(client, world, periods, private_media):
    client.force_login(world.users["staff_a"])
    fake = evidence_upload("hop-dong.pdf", kind="zip")
    response = client.post(url(world.task_a), form_data(periods["h1"], evidence=[fake]))
    assert response.status_code == 200
    assert "Nội dung tệp “hop-dong.pdf” không khớp" in response.content.decode()
    assert not TaskProgress.objects.exists() and not Evidence.objects.exists()


def test_wrong_extension_is_explained(client, world, periods):
    client.force_login(world.users["staff_a"])
    bad = evidence_upload("virus.exe", kind="pdf")
    html = client.post(url(world.task_a), form_data(periods["h1"], evidence=[bad])).content.decode()
    assert "không đúng định dạng cho phép (PDF, DOCX, XLSX, PNG, JPG)" in html


def test_a_locked_period_cannot_be_chosen_by_staff(client, world, periods):
    client.force_login(world.users["staff_a"])
    response = client.post(url(world.task_a), form_data(periods["q1"]))
    assert response.status_code == 200 and not TaskProgress.objects.exists()
    assert "Kỳ báo cáo này đã chốt số liệu" in response.content.decode()


def test_coordinating_staff_may_not_update(client, world, periods):
    client.force_login(world.users["staff_b"])
    assert client.post(url(world.task_a), form_data(periods["h1"])).status_code == 403
    assert not TaskProgress.objects.exists()


def test_evidence_download_streams_the_original_name_as_attachment(
    client, world, periods, private_media
):
    client.force_login(world.users["staff_a"])
    client.post(
        url(world.task_a), form_data(periods["h1"], evidence=[evidence_upload("Tờ trình.pdf")])
    )
    evidence = Evidence.objects.get()
    for who in ("staff_a", "staff_b", "leader", "coordinator"):
        client.force_login(world.users[who])
        response = client.get(evidence.get_absolute_url())
        assert response.status_code == 200, who
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''T%E1%BB%9D%20tr%C3%ACnh.pdf" in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_evidence_of_an_invisible_task_is_a_404(client, world, periods, private_media):
    client.force_login(world.users["coordinator"])
    client.post(url(world.task_b), form_data(periods["h1"], evidence=[evidence_upload("a.pdf")]))
    evidence = Evidence.objects.get()
    for who in ("staff_a", "other_coordinator"):
        client.force_login(world.users[who])
        assert client.get(evidence.get_absolute_url()).status_code == 404, who


def test_media_is_not_served_by_any_url(client, world, periods, private_media):
    client.force_login(world.users["staff_a"])
    client.post(url(world.task_a), form_data(periods["h1"], evidence=[evidence_upload("a.pdf")]))
    name = Evidence.objects.get().file.name
    for prefix in ("/media/", "/media-not-served/", "/static/"):
        assert client.get(prefix + name).status_code == 404
