"""factory_boy factories shared by every test module."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from organizations.access import forget_access
from organizations.models import Agency, Membership, Role, Unit, UnitKind
from plans.models import Plan
from tasks.models import AssignmentRole, Task, TaskAssignment


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    code = factory.Sequence(lambda n: f"S{n}")
    parent_name = "UBND TỈNH THÁI NGUYÊN"
    symbol = "STN"
    place_name = "Thái Nguyên"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Phòng số {n}")
    kind = UnitKind.INTERNAL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")

    @factory.post_generation
    def persist(self, create, extracted, **kwargs):
        if create:
            self.save()


def make_member(
    role: str, *, agency: Agency, unit: Unit | None = None, username: str | None = None
):
    """A user holding one role; unit roles need ``unit``."""
    user = UserFactory(username=username) if username else UserFactory()
    Membership.objects.create(user=user, agency=agency, unit=unit, role=role)
    forget_access(user)
    return user


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    agency = factory.SubFactory(AgencyFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    symbol = "KH-STN"
    title = factory.Sequence(lambda n: f"Kế hoạch cải cách hành chính năm 2026 ({n})")
    year = 2026
    issued_on = dt.date(2026, 1, 5)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: str(n + 1))
    path = factory.LazyAttribute(lambda task: task.code)
    position = factory.Sequence(int)
    content = factory.Sequence(lambda n: f"Nhiệm vụ thử nghiệm số {n}")
    deadline_text = "Quý II/2026"
    deadline_kind = "quarter"
    due_date = dt.date(2026, 6, 30)


def assign(task: Task, unit: Unit, role: str = AssignmentRole.LEAD, position: int = 0):
    return TaskAssignment.objects.create(task=task, unit=unit, role=role, position=position)


__all__ = [
    "AgencyFactory",
    "PlanFactory",
    "Role",
    "TaskFactory",
    "UnitFactory",
    "UserFactory",
    "assign",
    "make_member",
]
