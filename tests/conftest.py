"""Fixtures: a small world of two agencies, units, one user per role, and tasks."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from organizations.models import Agency, Role, Unit, UnitKind
from tasks.models import AssignmentRole, Task
from tests.factories import (
    AgencyFactory,
    TaskFactory,
    UnitFactory,
    assign,
    evidence_upload,
    make_member,
    make_periods,
)


def _server_url(*names: str) -> str:
    for name in names:
        value = os.environ.get(name, "")
        if value:
            return value
    return ""


def pytest_collection_modifyitems(config, items):
    """Skip tests that need a real server unless one is configured."""
    database_url = _server_url("DATABASE_URL")
    redis_url = _server_url("REDIS_URL", "CELERY_BROKER_URL")
    for item in items:
        if "postgres" in item.keywords and not database_url.startswith("postgres"):
            item.add_marker(
                pytest.mark.skip(reason="cần PostgreSQL: đặt DATABASE_URL=postgres://...")
            )
        if "redis" in item.keywords and not redis_url.startswith("redis"):
            item.add_marker(pytest.mark.skip(reason="cần Redis: đặt REDIS_URL=redis://..."))


@dataclass
class World:
    agency: Agency
    other_agency: Agency
    office: Unit  # Văn phòng Sở
    unit_a: Unit
    unit_b: Unit
    group_all: Unit
    other_unit: Unit
    users: dict[str, object]
    task_a: Task  # led by unit_a, coordinated by unit_b
    task_b: Task  # led by unit_b
    task_group: Task  # led by the group of all internal units
    task_other: Task  # in the other agency


@pytest.fixture
def world(db) -> World:
    agency = AgencyFactory(code="STP-TN", name="Sở Tư pháp tỉnh Thái Nguyên", symbol="STP")
    other = AgencyFactory(code="STP-CB", name="Sở Tư pháp tỉnh Cao Bằng", symbol="STP")
    office = UnitFactory(agency=agency, name="Văn phòng Sở")
    unit_a = UnitFactory(agency=agency, name="Phòng Xây dựng và Kiểm tra văn bản QPPL")
    unit_b = UnitFactory(agency=agency, name="Phòng Bổ trợ - Hành chính tư pháp")
    group = UnitFactory(agency=agency, name="Các phòng, đơn vị thuộc Sở", kind=UnitKind.GROUP)
    group.members.set([office, unit_a, unit_b])
    other_unit = UnitFactory(agency=other, name="Văn phòng Sở")
    users = {
        "admin": make_member(Role.ADMIN, agency=agency, username="w.admin"),
        "coordinator": make_member(Role.COORDINATOR, agency=agency, unit=office, username="w.vp"),
        "leader": make_member(Role.LEADER, agency=agency, username="w.lanhdao"),
        "accountant": make_member(Role.ACCOUNTANT, agency=agency, unit=office, username="w.ketoan"),
        "head_a": make_member(Role.UNIT_HEAD, agency=agency, unit=unit_a, username="w.tp.a"),
        "staff_a": make_member(Role.STAFF, agency=agency, unit=unit_a, username="w.cb.a"),
        "staff_b": make_member(Role.STAFF, agency=agency, unit=unit_b, username="w.cb.b"),
        "other_coordinator": make_member(
            Role.COORDINATOR, agency=other, unit=other_unit, username="w.other.vp"
        ),
    }
    task_a = TaskFactory(plan__agency=agency)
    assign(task_a, unit_a)
    assign(task_a, unit_b, AssignmentRole.COORDINATING)
    task_b = TaskFactory(plan=task_a.plan)
    assign(task_b, unit_b)
    task_group = TaskFactory(plan=task_a.plan)
    assign(task_group, group)
    task_other = TaskFactory(plan__agency=other)
    assign(task_other, other_unit)
    return World(
        agency,
        other,
        office,
        unit_a,
        unit_b,
        group,
        other_unit,
        users,
        task_a,
        task_b,
        task_group,
        task_other,
    )


@pytest.fixture
def private_media(settings, tmp_path):
    """Evidence files go to a throw-away MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def periods(world) -> dict:
    """The world agency's 2026 reporting periods by kind ("q1", "h1", "q3", "year")."""
    return make_periods(world.agency)


@pytest.fixture
def evidence(world, private_media):
    """A PDF proving world.task_a, stored under the throw-away MEDIA_ROOT."""
    from tasks.models import Evidence

    item = Evidence(
        task=world.task_a, original_name="bao-cao.pdf", content_type="application/pdf", size=10
    )
    item.file.save("bao-cao.pdf", evidence_upload("bao-cao.pdf"), save=False)
    item.save()
    return item
