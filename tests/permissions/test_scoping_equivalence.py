"""The scoped QuerySet base returns exactly the rows the eleven hand-written methods did.

The functions prefixed ``old_`` are the implementations the base replaced (correlated
``Exists`` OR-ed with the agency test), kept here only as a reference. Every case of the
table runs through old and new for every scoped model and rule; the one deliberate
difference is the accountant, who no longer reads tasks and what hangs off them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models import CharField as CharOutput

from budget.models import BudgetLine
from organizations.access import forget_access
from organizations.models import Agency, Membership, Role, Unit
from periods.models import PeriodSubmission, ReportingPeriod
from plans.models import Plan
from tasks.models import AssignmentRole, Evidence, Extension, Task, TaskAssignment, TaskProgress
from tests.factories import AgencyFactory, PlanFactory, UserFactory, make_member, make_periods

# --- the old implementations, as they were before organizations/scoping.py ---------------

OLD_AGENCY_WIDE_ROLES = {
    Role.COORDINATOR,
    Role.LEADER,
    Role.ACCOUNTANT,
    Role.ADMIN,
    Role.PROVINCE_VIEWER,
}


@dataclass(frozen=True)
class OldAccess:
    is_superuser: bool
    readable: frozenset[int]
    editable: frozenset[int]
    units: frozenset[int]
    heads: frozenset[int]
    members: frozenset[int]


def old_access(user) -> OldAccess:
    none = frozenset()
    if user is None or not user.is_authenticated or not user.is_active:
        return OldAccess(False, none, none, none, none, none)
    memberships = list(
        Membership.objects.filter(user=user, is_active=True).values_list(
            "role", "agency_id", "unit_id"
        )
    )
    readable, editable, units, heads = set(), set(), set(), set()
    for role, agency_id, unit_id in memberships:
        if role == Role.PROVINCE_VIEWER:
            readable |= Agency(pk=agency_id).subtree_ids()
        elif role in OLD_AGENCY_WIDE_ROLES:
            readable.add(agency_id)
        if role in (Role.COORDINATOR, Role.ADMIN):
            editable.add(agency_id)
        if unit_id and role in (Role.STAFF, Role.UNIT_HEAD):
            units.add(unit_id)
            if role == Role.UNIT_HEAD:
                heads.add(unit_id)
    if units:
        units |= set(Unit.objects.groups_containing(units).values_list("pk", flat=True))
    if user.is_superuser:
        every = set(Agency.objects.values_list("pk", flat=True))
        readable |= every
        editable |= every
    members = frozenset(agency_id for _role, agency_id, _unit in memberships)
    return OldAccess(
        user.is_superuser, *map(frozenset, (readable, editable, units, heads)), members
    )


def old_task_visible(a: OldAccess):
    if a.is_superuser:
        return Task.objects.all()
    own = TaskAssignment.objects.filter(task=OuterRef("pk"), unit_id__in=a.units)
    return Task.objects.filter(Q(plan__agency_id__in=a.readable) | Exists(own))


def old_task_editors_or_units(a: OldAccess, role: str):
    if a.is_superuser:
        return Task.objects.all()
    own = TaskAssignment.objects.filter(task=OuterRef("pk"), unit_id__in=a.units, role=role)
    return Task.objects.filter(Q(plan__agency_id__in=a.editable) | Exists(own))


def old_led_by(unit_ids):
    lead = TaskAssignment.objects.filter(
        task=OuterRef("pk"), unit_id__in=unit_ids, role=AssignmentRole.LEAD
    )
    return Task.objects.filter(Exists(lead))


def old_flags(a: OldAccess) -> dict[int, tuple]:
    def mine(role: str) -> Exists:
        return Exists(
            TaskAssignment.objects.filter(task=OuterRef("pk"), unit_id__in=a.units, role=role)
        )

    rows = Task.objects.annotate(
        can_edit=Exists(old_task_editors_or_units(a, "lead").filter(pk=OuterRef("pk"))),
        can_comment=Exists(old_task_editors_or_units(a, "coordinating").filter(pk=OuterRef("pk"))),
        can_extend=Exists(old_led_by(a.heads).filter(pk=OuterRef("pk"))),
        role=Case(
            When(mine("lead"), then=Value("lead")),
            When(mine("coordinating"), then=Value("coordinating")),
            default=Value(""),
            output_field=CharOutput(),
        ),
    )
    return {t.pk: (bool(t.can_edit), bool(t.can_comment), bool(t.can_extend), t.role) for t in rows}


def old_plan_visible(a: OldAccess):
    if a.is_superuser:
        return Plan.objects.all()
    own = TaskAssignment.objects.filter(task__plan=OuterRef("pk"), unit_id__in=a.units)
    return Plan.objects.filter(Q(agency_id__in=a.readable) | Q(Exists(own)))


def old_by_agency(manager, path: str, agency_ids, a: OldAccess):
    return manager.all() if a.is_superuser else manager.filter(**{f"{path}__in": agency_ids})


def old_accepting(a: OldAccess, on: dt.date):
    started = ReportingPeriod.objects.filter(start__lte=on)
    if a.is_superuser:
        return started
    open_for_staff = Q(cutoff__gte=on) | Q(reopened_until__gte=on)
    return started.filter(Q(agency_id__in=a.editable) | open_for_staff)


def old_submissions(a: OldAccess):
    if a.is_superuser:
        return PeriodSubmission.objects.all()
    return PeriodSubmission.objects.filter(
        Q(period__agency_id__in=a.readable) | Q(unit_id__in=a.units)
    )


# After the Quý I cut-off while the world agency has it reopened; late in the year.
DAYS = (dt.date(2026, 3, 20), dt.date(2026, 11, 23))


def old_rows(user) -> dict[str, object]:
    a = old_access(user)
    tasks = old_task_visible(a)
    rows = {
        "Plan.visible_to": old_plan_visible(a),
        "Plan.editable_by": old_by_agency(Plan.objects, "agency_id", a.editable, a),
        "Task.visible_to": tasks,
        "Task.editable_by": old_task_editors_or_units(a, "lead"),
        "Task.commentable_by": old_task_editors_or_units(a, "coordinating"),
        "Task.extendable_by": old_led_by(a.heads),
        "Task.led_by": old_led_by(a.units),
        "TaskProgress.visible_to": TaskProgress.objects.filter(task__in=tasks),
        "Evidence.visible_to": Evidence.objects.filter(task__in=tasks),
        "Extension.visible_to": Extension.objects.filter(task__in=tasks),
        "Extension.decidable_by": old_by_agency(
            Extension.objects, "task__plan__agency_id", a.editable, a
        ),
        "ReportingPeriod.visible_to": old_by_agency(
            ReportingPeriod.objects, "agency_id", a.readable | a.members, a
        ),
        "ReportingPeriod.editable_by": old_by_agency(
            ReportingPeriod.objects, "agency_id", a.editable, a
        ),
        "PeriodSubmission.visible_to": old_submissions(a),
        "BudgetLine.visible_to": old_by_agency(
            BudgetLine.objects, "plan__agency_id", a.readable, a
        ),
        "Agency.editable_by (importer)": Agency.objects.filter(pk__in=a.editable),
    }
    for day in DAYS:
        rows[f"ReportingPeriod.accepting_updates_from {day}"] = old_accepting(a, day)
    return {name: set(qs.values_list("pk", flat=True)) for name, qs in rows.items()} | {
        "Task.with_permissions + with_user_role": old_flags(a)
    }


# --- the same questions asked of the new base ----------------------------------------


def new_rows(user) -> dict[str, object]:
    from organizations.access import access_for

    unit_ids = access_for(user).unit_ids
    rows = {
        "Plan.visible_to": Plan.objects.visible_to(user),
        "Plan.editable_by": Plan.objects.editable_by(user),
        "Task.visible_to": Task.objects.visible_to(user),
        "Task.editable_by": Task.objects.editable_by(user),
        "Task.commentable_by": Task.objects.commentable_by(user),
        "Task.extendable_by": Task.objects.extendable_by(user),
        "Task.led_by": Task.objects.led_by(unit_ids),
        "TaskProgress.visible_to": TaskProgress.objects.visible_to(user),
        "Evidence.visible_to": Evidence.objects.visible_to(user),
        "Extension.visible_to": Extension.objects.visible_to(user),
        "Extension.decidable_by": Extension.objects.decidable_by(user),
        "ReportingPeriod.visible_to": ReportingPeriod.objects.visible_to(user),
        "ReportingPeriod.editable_by": ReportingPeriod.objects.editable_by(user),
        "PeriodSubmission.visible_to": PeriodSubmission.objects.visible_to(user),
        "BudgetLine.visible_to": BudgetLine.objects.visible_to(user),
        "Agency.editable_by (importer)": Agency.objects.editable_by(user),
    }
    for day in DAYS:
        rows[f"ReportingPeriod.accepting_updates_from {day}"] = (
            ReportingPeriod.objects.accepting_updates_from(user, on=day)
        )
    annotated = Task.objects.with_permissions(user).with_user_role(user)
    flags = {
        t.pk: (
            bool(t.user_can_edit),
            bool(t.user_can_comment),
            bool(t.user_can_extend),
            t.user_role,
        )
        for t in annotated
    }
    return {name: set(qs.values_list("pk", flat=True)) for name, qs in rows.items()} | {
        "Task.with_permissions + with_user_role": flags
    }


# What the accountant no longer reads (issue 15, least privilege): everything else is equal.
ACCOUNTANT_LOSES = {
    "Task.visible_to",
    "TaskProgress.visible_to",
    "Evidence.visible_to",
    "Extension.visible_to",
    "PeriodSubmission.visible_to",
}

CASES = (
    "staff_a",  # own unit (leads task_a, member of the group)
    "staff_b",  # coordinates task_a, leads task_b
    "head_a",
    "coordinator",
    "leader",
    "accountant",
    "admin",
    "other_coordinator",  # another agency
    "other_head",  # a unit of another agency
    "province_viewer",
    "superuser",
    "inactive_user",
    "inactive_membership",
    "anonymous",
    "leader_and_other_staff",  # both sides at once: an agency role and a unit elsewhere
)


@pytest.fixture
def cases(world, periods) -> dict[str, object]:
    """The permission world, every scoped model filled for each agency, and one user per case."""
    province = AgencyFactory(code="SNV-TN", name="Sở Nội vụ tỉnh Thái Nguyên")
    world.agency.parent = province
    world.agency.save()
    PlanFactory(agency=world.agency)  # a plan without tasks of any unit
    other_periods = make_periods(world.other_agency)
    q1 = periods["q1"]
    q1.reopened_until = dt.date(2026, 3, 25)
    q1.save()
    tasks = (world.task_a, world.task_b, world.task_group, world.task_other)
    for task in tasks:
        period = (other_periods if task.plan.agency_id == world.other_agency.pk else periods)["h1"]
        TaskProgress.objects.create(task=task, period=period, progress=10)
        Evidence.objects.create(
            task=task, file="evidence/x.pdf", original_name="x.pdf", content_type="x", size=1
        )
        Extension.objects.create(task=task, reason="Lý do", requested_date=dt.date(2027, 1, 31))
        BudgetLine.objects.get_or_create(plan=task.plan, content=f"Chi cho {task.plan}")
    for unit, period in (
        (world.unit_a, periods["h1"]),
        (world.unit_b, periods["h1"]),
        (world.other_unit, other_periods["h1"]),
    ):
        PeriodSubmission.objects.create(
            period=period, unit=unit, submitted_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
        )
    users = dict(world.users)
    users["other_head"] = make_member(
        Role.UNIT_HEAD, agency=world.other_agency, unit=world.other_unit
    )
    users["province_viewer"] = make_member(Role.PROVINCE_VIEWER, agency=province)
    users["superuser"] = UserFactory(is_superuser=True)
    users["inactive_user"] = make_member(Role.COORDINATOR, agency=world.agency)
    users["inactive_user"].is_active = False
    users["inactive_user"].save()
    users["inactive_membership"] = make_member(Role.STAFF, agency=world.agency, unit=world.unit_a)
    Membership.objects.filter(user=users["inactive_membership"]).update(is_active=False)
    mixed = make_member(Role.LEADER, agency=world.agency)
    Membership.objects.create(
        user=mixed, agency=world.other_agency, unit=world.other_unit, role=Role.STAFF
    )
    users["leader_and_other_staff"] = mixed
    users["anonymous"] = AnonymousUser()
    for user in users.values():
        forget_access(user)
    return users


@pytest.mark.parametrize("case", CASES)
def test_old_and_new_scoping_return_the_same_rows(cases, case):
    user = cases[case]
    old, new = old_rows(user), new_rows(user)
    assert old.keys() == new.keys()
    expected = dict(old)
    if case == "accountant":
        for name in ACCOUNTANT_LOSES:
            assert old[name], f"the accountant used to read {name}"
            expected[name] = set()
    wrong = [
        f"{name}: old {expected[name]} new {new[name]}"
        for name in old
        if expected[name] != new[name]
    ]
    assert not wrong, "\n".join(wrong)


def test_the_table_reaches_every_kind_of_answer(cases):
    """Guard against a vacuous table: each rule gives some case rows and withholds some."""
    answers = {case: new_rows(cases[case]) for case in CASES}
    flags = "Task.with_permissions + with_user_role"
    for name in answers["superuser"]:
        if name != flags:
            sizes = {len(answers[case][name]) for case in CASES}
            assert max(sizes) > 0 and min(sizes) < max(sizes), name
    seen = {value for case in CASES for value in answers[case][flags].values()}
    head, editor, coordinating = (
        (True, False, True, "lead"),
        (True, True, False, ""),
        (False, True, False, "coordinating"),
    )
    assert {head, editor, coordinating} <= seen
