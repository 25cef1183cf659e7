"""The update form preselects the current period; a reopened one is offered, never chosen."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from periods.models import ReportingPeriod
from tasks.forms import ProgressForm
from tasks.models import TaskProgress

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def reopen(period, until: dt.date) -> None:
    ReportingPeriod.objects.filter(pk=period.pk).update(reopened_until=until)


def update_form(client, user, task) -> ProgressForm:
    client.force_login(user)
    return client.get(task.get_absolute_url()).context["form"]


def options(form: ProgressForm) -> dict[object, str]:
    return {value.instance: label for value, label in form.fields["period"].choices if value}


@time_machine.travel(dt.datetime(2026, 10, 5, 9, 0, tzinfo=TZ), tick=False)
def test_a_reopened_quarter_is_offered_but_the_year_period_is_preselected(client, world, periods):
    reopen(periods["q3"], dt.date(2026, 10, 31))
    form = update_form(client, world.users["staff_a"], world.task_a)
    assert form.initial["period"] == periods["year"]
    labels = options(form)
    assert set(labels) == {periods["q3"], periods["year"]}
    assert labels[periods["q3"]] == "Quý III/2026 (mở lại đến 31/10/2026)"
    assert labels[periods["year"]] == "Năm 2026"
    html = str(form["period"])
    assert f'<option value="{periods["year"].pk}" selected>' in html
    assert f'<option value="{periods["q3"].pk}">' in html


@time_machine.travel(dt.datetime(2026, 9, 10, 9, 0, tzinfo=TZ), tick=False)
def test_a_reopened_period_still_in_its_window_reads_like_any_other(client, world, periods):
    # Reopening before the cut-off changes nothing the staff sees yet.
    reopen(periods["q3"], dt.date(2026, 10, 31))
    form = update_form(client, world.users["staff_a"], world.task_a)
    assert form.initial["period"] == periods["q3"]
    assert options(form)[periods["q3"]] == "Quý III/2026"


@time_machine.travel(dt.datetime(2026, 12, 17, 9, 0, tzinfo=TZ), tick=False)
def test_with_only_a_reopened_period_nothing_is_preselected(client, world, periods):
    reopen(periods["year"], dt.date(2026, 12, 31))
    form = update_form(client, world.users["staff_a"], world.task_a)
    assert form.initial["period"] is None
    choices = list(form.fields["period"].choices)
    assert choices[0] == ("", "— Chọn kỳ báo cáo —")
    assert options(form) == {periods["year"]: "Năm 2026 (mở lại đến 31/12/2026)"}
    html = str(form["period"])
    assert '<option value="" selected>' in html
    assert f'<option value="{periods["year"].pk}">' in html


@time_machine.travel(dt.datetime(2026, 10, 5, 9, 0, tzinfo=TZ), tick=False)
def test_posting_without_choosing_a_period_is_refused_in_vietnamese(client, world, periods):
    client.force_login(world.users["staff_a"])
    response = client.post(
        reverse("tasks:update", args=[world.task_a.pk]),
        {"period": "", "status": "in_progress", "progress": "10"},
    )
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not TaskProgress.objects.exists()
