"""The plan's indicators, one indicator's history and the entry form."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, IndicatorEvidence, IndicatorValue, Source
from tests.factories import PlanFactory, TaskFactory, assign, evidence_upload
from tests.query_counts import assert_flat_queries

pytestmark = pytest.mark.django_db


def _record(client, indicator, period, value="22", **extra):
    data = {"period": period.pk, "value": value, "source_note": "Cổng thông tin điện tử Sở"}
    data.update(extra)
    return client.post(reverse("indicators:record", args=[indicator.pk]), data)


def test_responsible_unit_records_a_value_with_evidence(
    client, world, periods, indicator, private_media
):
    client.force_login(world.users["staff_a"])
    response = _record(
        client, indicator, periods["q3"], value="21,5", evidence=evidence_upload("bao-cao.pdf")
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=indicator, period=periods["q3"])
    assert value.value == Decimal("21.50") and value.source_note == "Cổng thông tin điện tử Sở"
    assert value.recorded_by == world.users["staff_a"]
    evidence = IndicatorEvidence.objects.get(value=value)
    download = client.get(evidence.get_absolute_url())
    assert download.status_code == 200
    assert "no-store" in download["Cache-Control"]


def test_entering_again_replaces_the_periods_value(client, world, periods, indicator):
    client.force_login(world.users["coordinator"])
    _record(client, indicator, periods["q3"], value="10")
    _record(client, indicator, periods["q3"], value="25")
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [Decimal("25.00")]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-3", "Giá trị không được âm."),
        ("abc", "Vui lòng nhập một số"),
        ("1e999999", "Vui lòng nhập một số"),
        ("9999999999999", "Giá trị quá lớn"),
        ("", "Trường này là bắt buộc"),
    ],
)
def test_bad_values_are_refused_in_vietnamese(client, world, periods, indicator, value, message):
    client.force_login(world.users["staff_a"])
    response = _record(client, indicator, periods["q3"], value=value)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_percentage_above_100_is_refused(client, world, periods, indicator):
    indicator.unit = "%"
    indicator.per = ""
    indicator.save()
    client.force_login(world.users["staff_a"])
    response = _record(client, indicator, periods["q3"], value="101")
    assert "Tỷ lệ không được vượt quá 100%." in response.content.decode()


def test_a_locked_period_is_refused_for_staff(client, world, periods, indicator):
    client.force_login(world.users["staff_a"])
    response = _record(client, indicator, periods["q1"])
    assert response.status_code == 200
    assert "đã chốt số liệu" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_computed_indicator_takes_no_typed_value(client, world, periods, indicator):
    indicator.source = Source.DONE_SHARE
    indicator.save()
    client.force_login(world.users["coordinator"])
    response = _record(client, indicator, periods["q3"])
    assert response.status_code == 302 and not IndicatorValue.objects.exists()


def test_the_chosen_responsible_unit_replaces_the_task_lead(client, world, periods, indicator):
    client.force_login(world.users["coordinator"])
    url = reverse("indicators:configure", args=[indicator.pk])
    assert (
        client.post(url, {"responsible_unit": world.unit_b.pk, "source": "manual"}).status_code
        == 302
    )
    indicator.refresh_from_db()
    assert indicator.responsible_unit == world.unit_b
    client.force_login(world.users["staff_a"])
    assert _record(client, indicator, periods["q3"]).status_code == 403
    client.force_login(world.users["staff_b"])
    assert _record(client, indicator, periods["q3"]).status_code == 302


def test_configure_refuses_a_unit_of_another_agency(client, world, indicator):
    client.force_login(world.users["coordinator"])
    url = reverse("indicators:configure", args=[indicator.pk])
    client.post(url, {"responsible_unit": world.other_unit.pk, "source": "manual"})
    indicator.refresh_from_db()
    assert indicator.responsible_unit is None


def test_plan_page_shows_target_latest_value_and_verdict_per_period(
    client, world, periods, indicator
):
    # 7 a month: Quý I (3 months) asks 21, 6 tháng asks 42.
    IndicatorValue.objects.create(indicator=indicator, period=periods["q1"], value=21)
    IndicatorValue.objects.create(indicator=indicator, period=periods["h1"], value=30)
    client.force_login(world.users["leader"])
    response = client.get(reverse("indicators:plan", args=[indicator.plan_id]))
    (row,) = response.context["rows"]
    assert (row.latest_value, row.status, row.period_label) == (
        30,
        "not_met",
        "6 tháng đầu năm 2026",
    )
    body = response.content.decode()
    assert "Chuyên mục CCHC" in body and "Chưa đạt" in body
    history = client.get(indicator.get_absolute_url()).context["history"]
    assert [(h.entry.period_id, h.status, h.trend) for h in history] == [
        (periods["q1"].pk, "met", "none"),
        (periods["h1"].pk, "not_met", "better"),
    ]


def test_the_plan_page_links_to_the_indicator_pages(client, world, indicator):
    client.force_login(world.users["staff_a"])
    page = client.get(world.task_a.plan.get_absolute_url()).content.decode()
    assert reverse("indicators:plan", args=[indicator.plan_id]) in page


@pytest.mark.parametrize("who", ["coordinator", "staff_a"])
def test_query_count_does_not_grow_with_the_number_of_indicators(
    client, world, periods, indicator, who, django_assert_num_queries
):
    client.force_login(world.users[who])
    plan = indicator.plan

    def grow():
        for i in range(10):
            task = TaskFactory(plan=plan)
            assign(task, world.unit_a)
            other = Indicator.objects.create(
                plan=plan,
                task=task,
                name=f"Chỉ tiêu {i}",
                text=f"Tỷ lệ {i} đạt 90%",
                target_value=90,
                unit="%",
                position=i + 2,
            )
            IndicatorValue.objects.create(indicator=other, period=periods["q1"], value=95)

    response = assert_flat_queries(
        client,
        reverse("indicators:plan", args=[plan.pk]),
        expected=QUERIES[who],
        grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )
    assert len(response.context["rows"]) == 11


# session, user, memberships, the plan, the indicators with latest value (one query), their
# tasks' assignments, the assignments' units; staff also read the groups of their units.
QUERIES = {"coordinator": 7, "staff_a": 8}


def test_other_agencies_indicators_are_404(client, world, indicator):
    other = Indicator.objects.create(
        plan=PlanFactory(agency=world.other_agency), name="X", text="X đạt 90%", target_value=90
    )
    client.force_login(world.users["coordinator"])
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("indicators:plan", args=[other.plan_id])).status_code == 404
