"""The Văn phòng's dashboard in a real browser: filters, charts drawn, one drill-down.

Screenshots at 1366×768 and 390×844 land in /tmp/screens/dashboard-*.png.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from organizations.models import Role
from tasks.models import Area, TaskStatus
from tests.e2e.test_staff_reports_a_task import DESKTOP, PHONE, login, shoot
from tests.factories import (
    AgencyFactory,
    PlanFactory,
    TaskFactory,
    UnitFactory,
    assign,
    make_member,
    make_periods,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(live_server):
    today = timezone.localdate()
    agency = AgencyFactory(code="STP-TN", name="Sở Tư pháp tỉnh Thái Nguyên", symbol="STP")
    units = [UnitFactory(agency=agency, name=name, order=i) for i, name in enumerate(
        ["Văn phòng Sở", "Phòng Xây dựng và Kiểm tra văn bản QPPL",
         "Phòng Bổ trợ - Hành chính tư pháp"])]  # fmt: skip
    make_periods(agency, today.year)
    # A transactional test's flush removes the seeded lĩnh vực: make four of our own.
    names = ["Công tác chỉ đạo, điều hành", "Cải cách thể chế", "Cải cách thủ tục hành chính",
             "Chuyển đổi số"]  # fmt: skip
    areas = [
        Area.objects.get_or_create(code=f"e2e-{i}", defaults={"name": name, "order": 800 + i})[0]
        for i, name in enumerate(names)
    ]
    plan = PlanFactory(agency=agency, number="12", symbol="KH-STP", year=today.year)
    for n in range(24):
        due = today + dt.timedelta(days=(n % 8) * 9 - 40)
        done = n % 3 == 0
        task = TaskFactory(
            plan=plan, area=areas[n % len(areas)], due_date=due, deadline_kind="date",
            status=TaskStatus.DONE if done else TaskStatus.IN_PROGRESS,
            completed_on=due - dt.timedelta(days=(n % 2) * -5) if done else None,
            content=f"Rà soát thủ tục hành chính, nhiệm vụ số {n + 1}",
        )  # fmt: skip
        assign(task, units[n % 3])
    make_member(Role.COORDINATOR, agency=agency, unit=units[0], username="vanphong")
    return {"url": live_server.url, "areas": areas, "units": units}


def test_the_office_filters_and_drills_down(browser, office, screens):
    page = login(browser, office["url"], "vanphong")
    expect(page.locator("h1")).to_have_text("Tổng quan")  # coordinators land here
    expect(page.locator("#chart-units")).to_be_visible()
    drawn = page.evaluate("Chart.getChart(document.getElementById('chart-units')) !== undefined")
    assert drawn
    shoot(page, screens, "dashboard")
    page.set_viewport_size(PHONE)
    page.locator("#matrix").scroll_into_view_if_needed()
    page.screenshot(path=str(screens / "dashboard-matrix-phone.png"))
    page.set_viewport_size(DESKTOP)

    page.select_option("#id_period", "")  # the whole year
    page.select_option("#id_area", str(office["areas"][0].pk))
    page.click("#dashboard-filters button[type=submit]")
    page.wait_for_load_state()
    assert f"area={office['areas'][0].pk}" in page.url
    total = int(page.locator("[data-card=total] .dash-num").inner_text())
    assert total == 6  # 24 tasks over 4 lĩnh vực

    page.click("#matrix tbody tr:first-child td a >> nth=0")
    page.wait_for_load_state()
    # The coordinator lands on the agency's task list, titled by what it shows.
    expect(page.locator("h1")).to_have_text("Nhiệm vụ của Sở Tư pháp tỉnh Thái Nguyên")
    shown = page.locator("table.table-tasks tbody tr").count()
    assert shown == 2  # the first unit's tasks in that lĩnh vực


BAR_POSITION = """(id) => {
  const chart = Chart.getChart(document.getElementById(id));
  const data = chart.data.datasets;
  for (let d = 0; d < data.length; d++) {
    if (data[d].data[0] > 0) {
      const bar = chart.getDatasetMeta(d).data[0];
      return {x: bar.x - bar.width / 2 + 3, y: bar.y, bucket: d};
    }
  }
  return null;
}"""


def test_a_chart_bar_opens_its_tasks(browser, office):
    page = login(browser, office["url"], "vanphong")
    page.select_option("#id_period", "")  # the whole year: every bucket has tasks
    page.click("#dashboard-filters button[type=submit]")
    page.wait_for_load_state()
    bar = page.evaluate(BAR_POSITION, "chart-units")
    assert bar is not None
    page.locator("#chart-units").scroll_into_view_if_needed()
    page.locator("#chart-units").click(position={"x": bar["x"], "y": bar["y"]})
    page.wait_for_url("**/nhiem-vu/**")
    assert "bucket=" in page.url and "unit=" in page.url
    assert page.locator("table.table-tasks tbody tr").count() >= 1
