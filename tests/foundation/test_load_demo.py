import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from organizations.models import Agency, Membership, Role, Unit
from periods.models import ReportingPeriod

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _development_machine(settings):
    settings.DEBUG = True  # load_demo refuses with DEBUG off (test_demo_accounts.py)


DEMO_USERNAMES = {
    "admin",
    "vanphong",
    "lanhdao",
    "ketoan",
    "truongphong.xdkt",
    "canbo.xdkt",
    "canbo.vp",
    "canbo.bttp",
    "vanphong.cb",
    "truongphong.cb",
    "canbo.cb",
}
DOMAIN_MODELS = [
    "organizations.agency",
    "organizations.unit",
    "organizations.unitalias",
    "organizations.membership",
    "periods.reportingperiod",
    "plans.plan",
    "plans.planreference",
    "tasks.task",
    "tasks.taskassignment",
    "indicators.indicator",
    "budget.budgetline",
    "auth.user",
]


def snapshot() -> str:
    out = io.StringIO()
    call_command("dumpdata", *DOMAIN_MODELS, indent=0, stdout=out)
    return out.getvalue()


def test_load_demo_twice_gives_the_same_database():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first


def test_load_demo_creates_the_agency_units_periods_and_one_user_per_role():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    agency = Agency.objects.get(code="STP-TN")
    assert agency.name == "Sở Tư pháp tỉnh Thái Nguyên"
    assert agency.parent_name == "UBND TỈNH THÁI NGUYÊN"
    assert agency.symbol == "STP"
    names = set(Unit.objects.filter(agency=agency).values_list("name", flat=True))
    assert {
        "Văn phòng Sở",
        "Phòng Xây dựng và Kiểm tra văn bản QPPL",
        "Phòng Bổ trợ - Hành chính tư pháp",
        "Các phòng, đơn vị thuộc Sở",
    } <= names
    kinds = set(
        ReportingPeriod.objects.filter(agency=agency, year=2026).values_list("kind", flat=True)
    )
    assert kinds == {"q1", "h1", "q3", "year"}
    assert set(get_user_model().objects.values_list("username", flat=True)) == DEMO_USERNAMES
    head = Membership.objects.get(user__username="truongphong.xdkt")
    assert (head.role, head.unit.name) == (
        Role.UNIT_HEAD,
        "Phòng Xây dựng và Kiểm tra văn bản QPPL",
    )
    assert "cchc-demo-2026" in out.getvalue()


def test_demo_password_comes_from_the_environment(settings):
    settings.DEMO_PASSWORD = "mat-khau-khac-2026"
    call_command("load_demo", stdout=io.StringIO())
    user = get_user_model().objects.get(username="canbo.vp")
    assert user.check_password("mat-khau-khac-2026")
