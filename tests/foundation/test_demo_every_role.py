"""The demo shows every role in both agencies: Cao Bằng's narrative plan gets lead units, and
Cao Bằng has a coordinator, a unit head and staff who see its tasks and none of Thái Nguyên's."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cchc.demo import USERS
from organizations.models import Role
from tasks.models import AssignmentRole, Task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo(settings):
    settings.DEBUG = True  # load_demo refuses with DEBUG off (test_demo_accounts.py)
    call_command("load_demo", stdout=io.StringIO())


def visible_tasks(username: str):
    user = get_user_model().objects.get(username=username)
    return Task.objects.visible_to(user).filter(is_section=False)


def test_every_task_of_the_cao_bang_plan_has_a_lead_unit():
    tasks = Task.objects.filter(plan__agency__code="STP-CB", is_section=False)
    assert tasks.count() == 38
    assert not tasks.exclude(assignments__role=AssignmentRole.LEAD).exists()
    # the preview's suggestion, taken from the plan's "TỔ CHỨC THỰC HIỆN" duties
    led_by_office = tasks.filter(
        assignments__role=AssignmentRole.LEAD, assignments__unit__name="Văn phòng Sở"
    )
    assert led_by_office.count() == 28


def test_cao_bang_has_a_coordinator_a_unit_head_and_staff_of_its_own():
    roles = {spec.role for spec in USERS if spec.agency_code == "STP-CB"}
    assert {Role.COORDINATOR, Role.UNIT_HEAD, Role.STAFF} <= roles
    for username, count in (("vanphong.cb", 38), ("truongphong.cb", 10), ("canbo.cb", 28)):
        tasks = visible_tasks(username)
        assert tasks.count() == count, username
        assert set(tasks.values_list("plan__agency__code", flat=True)) == {"STP-CB"}


def test_the_readme_login_table_says_each_users_agency():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([\w.]+)` \| (.+) \|$", readme, flags=re.MULTILINE))
    for spec in USERS:
        assert spec.username in rows, spec.username
        assert spec.agency_code in rows[spec.username], spec.username
