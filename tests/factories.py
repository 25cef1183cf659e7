"""factory_boy factories shared by every test module."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from organizations.access import forget_access
from organizations.models import Agency, Membership, Role, Unit, UnitKind
from periods.models import ReportingPeriod
from plans.models import Plan
from tasks.models import AssignmentRole, Task, TaskAssignment, TaskStatus


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


def make_task_tree(
    plan: Plan, *, lead: Unit, coordinating: Unit, sections: int = 10, per_section: int = 30,
    first_position: int = 10_000,
) -> list[Task]:  # fmt: skip
    """``sections`` headings ("S0", …) of ``per_section`` tasks each ("0.0", …), bulk-created
    after ``first_position``: every task led by ``lead``, every other one coordinated by
    ``coordinating``, a third done, a tenth extended, deadlines over the year. The plan-page
    query test and the dashboard benchmark's 300-task plan (10 × 30) use it."""
    headings = Task.objects.bulk_create(
        Task(plan=plan, code=f"S{s}", path=f"S{s}", position=first_position + s * 100,
             content=f"Mục {s}", is_section=True)
        for s in range(sections)
    )  # fmt: skip
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan, parent=heading, code=f"{s}.{t}", path=f"S{s}/{t}",
            position=first_position + s * 100 + t + 1, content=f"Nhiệm vụ {s}.{t}",
            deadline_text=f"Trước {t % 28 + 1}/{s % 12 + 1}/{plan.year}", deadline_kind="date",
            due_date=dt.date(plan.year, s % 12 + 1, t % 28 + 1),
            extended_due_date=dt.date(plan.year, 12, 31) if t % 10 == 0 else None,
            status=TaskStatus.DONE if t % 3 == 0 else TaskStatus.IN_PROGRESS,
            completed_on=dt.date(plan.year, s % 12 + 1, 1) if t % 3 == 0 else None,
            result="Đã xong" if t % 3 == 0 else "",
        )
        for s, heading in enumerate(headings)
        for t in range(per_section)
    )  # fmt: skip
    TaskAssignment.objects.bulk_create(
        [TaskAssignment(task=task, unit=lead, role=AssignmentRole.LEAD) for task in tasks]
        + [
            TaskAssignment(task=task, unit=coordinating, role=AssignmentRole.COORDINATING)
            for task in tasks[::2]
        ]
    )
    return tasks


def make_periods(agency: Agency, year: int = 2026) -> dict[str, ReportingPeriod]:
    """The national default periods of ``year`` for ``agency``, by kind (q1, h1, q3, year)."""
    from periods.services import ensure_periods

    return {period.kind: period for period in ensure_periods(agency=agency, year=year)}


def _ooxml(main_content_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types><Override PartName="/main.xml" '
            f'ContentType="{main_content_type}"/></Types>',
        )
        archive.writestr("main.xml", "<x/>")
    return buffer.getvalue()


EVIDENCE_BYTES = {
    "pdf": b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 32,
    "jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 32,
    "docx": _ooxml(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    ),
    "xlsx": _ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "zip": _ooxml("application/xml"),
}


def evidence_upload(name: str = "bao-cao.pdf", kind: str | None = None) -> SimpleUploadedFile:
    """An uploaded file whose bytes are a minimal valid ``kind`` (default: from the name)."""
    kind = kind or name.rsplit(".", 1)[-1].lower()
    return SimpleUploadedFile(name, EVIDENCE_BYTES[kind])


__all__ = [
    "AgencyFactory",
    "PlanFactory",
    "Role",
    "TaskFactory",
    "UnitFactory",
    "UserFactory",
    "assign",
    "evidence_upload",
    "make_member",
    "make_periods",
]
