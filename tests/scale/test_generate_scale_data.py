"""generate_scale_data: valid rows, the same rows for a seed, the agency share, bad arguments."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from budget.models import BudgetEntry, BudgetLine
from cchc.demo import THAI_NGUYEN, XDKT
from cchc.demo_loading import load_demo_agency
from cchc.scale_data import ScaleSpec, generate
from indicators.models import Indicator, IndicatorValue
from organizations.models import Agency, Unit, UnitAlias, UnitKind
from periods.models import PeriodSubmission
from plans.models import Plan
from tasks.models import (
    AssignmentRole,
    DeadlineKind,
    Evidence,
    Extension,
    Task,
    TaskAssignment,
    TaskProgress,
    TaskStatus,
)
from tasks.search import search_key

pytestmark = pytest.mark.django_db
# The generator creates no users: who reported or decided is left empty (the app shows
# "Hệ thống"), which forms would not accept but the database and every page do.
USER_FIELDS = ["updated_by", "uploaded_by", "requested_by", "decided_by", "submitted_by"]
SMALL = ScaleSpec(agencies=2, plans_per_agency=2, tasks_per_plan=60, seed=7)


def _snapshot() -> list[tuple]:
    """The generated rows by natural keys (database keys differ between runs)."""
    tasks = Task.objects.order_by("plan__agency__code", "plan__number", "position")
    rows = list(
        tasks.values_list(
            "plan__agency__code",
            "plan__number",
            "path",
            "content",
            "deadline_text",
            "due_date",
            "status",
            "completed_on",
            "extended_due_date",
            "lead_text",
        )
    )
    units = TaskAssignment.objects.order_by(
        "task__plan__agency__code", "task__path", "role", "position"
    )
    rows += list(units.values_list("task__plan__number", "task__path", "unit__name", "role"))
    return rows


def test_rows_pass_the_model_constraints():
    counts = generate(spec=SMALL)
    assert counts.tasks == 2 * 2 * 60 and counts.agencies == 2 and counts.plans == 4
    samples = [
        *Agency.objects.all(),
        *Unit.objects.all()[:20],
        *UnitAlias.objects.all()[:10],
        *Plan.objects.all(),
        *Task.objects.order_by("?")[:60],
        *TaskAssignment.objects.all()[:40],
        *TaskProgress.objects.all()[:40],
        *Evidence.objects.all()[:10],
        *Extension.objects.all(),
        *PeriodSubmission.objects.all()[:10],
        *Indicator.objects.all(),
        *IndicatorValue.objects.all()[:10],
        *BudgetLine.objects.all(),
        *BudgetEntry.objects.all()[:10],
    ]
    for instance in samples:
        try:
            instance.full_clean(exclude=USER_FIELDS)
        except ValidationError as error:  # pragma: no cover - the message names the row
            pytest.fail(f"{type(instance).__name__} {instance.pk}: {error}")


def test_realistic_mix():
    generate(spec=SMALL)
    tasks = Task.objects.actionable()
    kinds = set(tasks.values_list("deadline_kind", flat=True))
    assert kinds >= {k.value for k in DeadlineKind} - {DeadlineKind.UNKNOWN.value}
    assert set(tasks.values_list("status", flat=True)) == set(TaskStatus.values)
    assert Task.objects.filter(is_section=True).exists()
    assert tasks.filter(parent__is_section=False).exists()  # sub-tasks ("1.1")
    assert TaskAssignment.objects.filter(role=AssignmentRole.COORDINATING).exists()
    assert TaskAssignment.objects.filter(unit__kind=UnitKind.GROUP).exists()
    assert Unit.objects.filter(kind=UnitKind.GROUP, members__isnull=False).exists()
    assert Extension.objects.exists() and Evidence.objects.exists()
    # Done rows mirror an entry with a result; search text follows the columns.
    done = tasks.filter(status=TaskStatus.DONE).first()
    assert done.progress_entries.filter(status=TaskStatus.DONE).exclude(result="").exists()
    sample = tasks.first()
    assert search_key(sample.content) in sample.search_text


def test_same_seed_same_rows_other_seed_other_rows():
    runs = []
    for seed in (7, 7, 8):
        with transaction.atomic():
            generate(spec=ScaleSpec(agencies=1, plans_per_agency=1, tasks_per_plan=40, seed=seed))
            runs.append(_snapshot())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


def test_the_named_agency_gets_the_same_rows_whatever_the_number_of_other_agencies():
    runs = []
    for agencies in (1, 3):
        with transaction.atomic():
            load_demo_agency(THAI_NGUYEN)
            spec = ScaleSpec(
                agencies=agencies, plans_per_agency=1, tasks_per_plan=30,
                agency_code="STP-TN", agency_tasks=60, seed=5,
            )  # fmt: skip
            generate(spec=spec)
            # As a multiset: the snapshot's order ties plans 1000 and 1001 (same paths).
            runs.append(Counter(r for r in _snapshot() if r[0] in ("STP-TN", "1000", "1001")))
            transaction.set_rollback(True)
    assert runs[0] and runs[0] == runs[1]


def test_agency_share_uses_the_agencys_own_units():
    agency = load_demo_agency(THAI_NGUYEN)
    spec = ScaleSpec(
        agencies=1,
        plans_per_agency=1,
        tasks_per_plan=100,
        agency_code="STP-TN",
        agency_tasks=250,
        seed=3,
    )
    generate(spec=spec)
    own = Task.objects.actionable().filter(plan__agency=agency)
    assert own.count() == 250 and Plan.objects.filter(agency=agency).count() == 3
    assigned_units = set(
        TaskAssignment.objects.filter(task__in=own).values_list("unit__agency_id", flat=True)
    )
    assert assigned_units == {agency.pk}
    unit = Unit.objects.get(agency=agency, name=XDKT)
    share = own.filter(assignments__unit=unit).distinct().count()
    assert 0.2 * 250 < share < 0.6 * 250  # a unit sees a realistic part, not all or nothing


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("generate_scale_data", *args, stdout=out)
    return out.getvalue()


def test_command_prints_a_vietnamese_summary():
    output = _run("--agencies", "1", "--plans-per-agency", "1", "--tasks-per-plan", "10")
    assert "Đã sinh 10 nhiệm vụ" in output and "Phân công:" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agencies", "-1", "--plans-per-agency", "1", "--tasks-per-plan", "1"], "Số cơ quan"),
        (["--agencies", "1", "--plans-per-agency", "0", "--tasks-per-plan", "1"], "Số kế hoạch"),
        (["--agencies", "1", "--plans-per-agency", "1", "--tasks-per-plan", "0"], "Số nhiệm vụ"),
        (
            ["--agencies", "0", "--plans-per-agency", "1", "--tasks-per-plan", "1"],
            "Không có gì để sinh",
        ),
        (
            [
                "--agencies",
                "1",
                "--plans-per-agency",
                "1",
                "--tasks-per-plan",
                "1",
                "--agency-tasks",
                "5",
            ],
            "--agency và --agency-tasks",
        ),
        (
            [
                "--agencies",
                "0",
                "--plans-per-agency",
                "1",
                "--tasks-per-plan",
                "1",
                "--agency",
                "KHONG-CO",
                "--agency-tasks",
                "5",
            ],
            "Không có cơ quan mã KHONG-CO",
        ),
    ],
)
def test_bad_arguments_are_refused_in_vietnamese(args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert not Task.objects.exists()


def test_a_second_run_on_the_same_database_is_refused():
    _run("--agencies", "1", "--plans-per-agency", "1", "--tasks-per-plan", "5")
    with pytest.raises(CommandError, match="đã có dữ liệu quy mô"):
        _run("--agencies", "1", "--plans-per-agency", "1", "--tasks-per-plan", "5")
