import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from budget.models import BudgetEntry, BudgetLine
from organizations.models import Membership, Role, Unit
from plans.models import Plan
from tasks.models import TaskStatus
from tests.factories import AgencyFactory, PlanFactory, TaskFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def assert_rejected(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_task_progress_must_stay_within_0_and_100():
    task = TaskFactory()
    task.progress = 101
    assert_rejected(task.save)


def test_done_task_needs_a_completion_date():
    task = TaskFactory()
    task.status = TaskStatus.DONE
    assert_rejected(task.save)
    task.completed_on = dt.date(2026, 3, 1)
    task.save()


def test_task_path_is_unique_within_a_plan():
    task = TaskFactory(path="I/1")
    assert_rejected(lambda: TaskFactory(plan=task.plan, path="I/1"))
    TaskFactory(path="I/1")  # another plan may reuse it


def test_unit_name_is_unique_per_agency_only():
    unit = UnitFactory(name="Văn phòng Sở")
    assert_rejected(lambda: Unit.objects.create(agency=unit.agency, name="Văn phòng Sở"))
    UnitFactory(name="Văn phòng Sở")


def test_staff_membership_needs_a_unit():
    agency = AgencyFactory()
    user = UserFactory()
    assert_rejected(lambda: Membership.objects.create(user=user, agency=agency, role=Role.STAFF))
    Membership.objects.create(user=user, agency=agency, role=Role.LEADER)


def test_plan_number_unique_per_agency_and_year_but_blank_numbers_may_repeat():
    plan = PlanFactory(number="12", symbol="KH-STP")
    assert_rejected(
        lambda: Plan.objects.create(
            agency=plan.agency, number="12", symbol="KH-STP", title="Khác", year=plan.year
        )
    )
    for title in ("Dự thảo 1", "Dự thảo 2"):
        Plan.objects.create(agency=plan.agency, number="", symbol="KH-STP", title=title, year=2026)


def test_plan_year_must_be_plausible():
    assert_rejected(lambda: PlanFactory(year=26))


def test_budget_amounts_cannot_be_negative():
    plan = PlanFactory()
    assert_rejected(lambda: BudgetLine.objects.create(plan=plan, content="Chi", planned_amount=-1))
    line = BudgetLine.objects.create(plan=plan, content="Chi", planned_amount=None)
    assert_rejected(
        lambda: BudgetEntry.objects.create(
            line=line, kind="allocation", amount=0, date=dt.date.today()
        )
    )
