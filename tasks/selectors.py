"""Reads that gather tasks for other screens: the period overview, later the dashboard.

Selectors only read; services write. They sit with the task models, so the models and
services of the apps below (periods) never import tasks; only pages that show task figures do.
"""

from __future__ import annotations

from dataclasses import dataclass

from organizations.models import Unit
from periods.models import PeriodSubmission, ReportingPeriod
from tasks.models import AssignmentRole, Task, TaskAssignment, TaskProgress


@dataclass(frozen=True)
class UnitSubmissionRow:
    """One line of the Văn phòng's overview: a unit, its workload and its submission."""

    unit: Unit
    lead_task_count: int
    reported_count: int
    submission: PeriodSubmission | None

    @property
    def missing_count(self) -> int:
        return self.lead_task_count - self.reported_count


def submission_overview(*, period: ReportingPeriod) -> list[UnitSubmissionRow]:
    """Every active internal unit of the agency with its workload and submission.

    A unit's lead tasks include those led by a group it belongs to ("Các phòng, đơn
    vị thuộc Sở"), as on the unit's own task list. Five queries whatever the size.
    """
    units = list(
        Unit.objects.filter(agency_id=period.agency_id)
        .internal()
        .active()
        .order_by("order", "name")
    )
    groups_of: dict[int, set[int]] = {}
    for unit_id, group_id in Unit.members.through.objects.filter(to_unit__in=units).values_list(
        "to_unit_id", "from_unit_id"
    ):
        groups_of.setdefault(unit_id, set()).add(group_id)
    counted = {unit.pk for unit in units}.union(*groups_of.values())
    # Read into sets: unordered, so the models' default ordering (and its joins to plan,
    # agency and period, and a sort of the agency's entries) stays out of the SQL. Only the
    # units counted below: the (unit, role, task) index then yields the agency's lead
    # assignments, instead of one lookup per task of the agency (PostgreSQL 100k: 16 → 6 ms).
    tasks_led_by: dict[int, set[int]] = {}
    for unit_id, task_id in (
        TaskAssignment.objects.filter(
            unit_id__in=sorted(counted),
            role=AssignmentRole.LEAD,
            task__is_section=False,
            task__plan__agency_id=period.agency_id,
            task__plan__year=period.year,
        )
        .order_by()
        .values_list("unit_id", "task_id")
    ):
        tasks_led_by.setdefault(unit_id, set()).add(task_id)
    reported = set(
        TaskProgress.objects.filter(period=period).order_by().values_list("task_id", flat=True)
    )
    submissions = {
        s.unit_id: s
        for s in PeriodSubmission.objects.filter(period=period).select_related(
            "submitted_by", "returned_by"
        )
    }
    rows = []
    for unit in units:
        led = set().union(
            *(tasks_led_by.get(pk, set()) for pk in {unit.pk} | groups_of.get(unit.pk, set()))
        )
        rows.append(
            UnitSubmissionRow(unit, len(led), len(led & reported), submissions.get(unit.pk))
        )
    return rows


@dataclass(frozen=True)
class UnitReportReadiness:
    """What a unit head sees before "Gửi báo cáo": the lead tasks with no update yet."""

    lead_task_count: int
    missing: list[Task]
    returned: list[Task]

    @property
    def missing_count(self) -> int:
        return len(self.missing)


def unit_report_readiness(*, period: ReportingPeriod, unit: Unit) -> UnitReportReadiness:
    """The unit's lead tasks (its groups' too) of the period's year, by what is still owed.

    ``missing`` has no entry for the period; ``returned`` has one the Văn phòng sent
    back that nobody has corrected. Two queries whatever the size.
    """
    lead_units = {unit.pk} | set(
        Unit.members.through.objects.filter(to_unit=unit).values_list("from_unit_id", flat=True)
    )
    tasks = list(
        Task.objects.actionable()
        .filter(
            plan__agency_id=period.agency_id,
            plan__year=period.year,
            assignments__role=AssignmentRole.LEAD,
            assignments__unit_id__in=sorted(lead_units),
        )
        .distinct()
        .select_related("plan")
        .with_entry_state(period=period)
        .order_by("plan__year", "plan_id", "position")
    )
    return UnitReportReadiness(
        lead_task_count=len(tasks),
        missing=[task for task in tasks if not task.has_entry],
        returned=[task for task in tasks if task.entry_returned],
    )
