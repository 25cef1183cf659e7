"""Sample plans and a demo-like world for the importer's database tests."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command

from cchc.demo import CAO_BANG, THAI_NGUYEN
from cchc.demo_loading import load_demo_agency
from organizations.models import Agency, Role, Unit
from tests.factories import make_member
from tests.sample_files import sample_path

KSTTHC = "thai-nguyen-stp-kstthc-2026.docx"
CCHC = "thai-nguyen-stp-cchc-2026.docx"
CAO_BANG_PLAN = "cao-bang-stp-cchc-2026.docx"
KSTTHC_XLSX = "thai-nguyen-stp-kstthc-2026-phu-luc.xlsx"

# Models an import may touch; snapshots of them prove "the database exactly as it was".
IMPORT_MODELS = [
    "organizations.unit",
    "organizations.unitalias",
    "plans.plan",
    "plans.planreference",
    "tasks.task",
    "tasks.taskassignment",
    "indicators.indicator",
    "budget.budgetline",
]


def sample(name: str) -> bytes:
    return sample_path(name).read_bytes()


def snapshot() -> str:
    out = io.StringIO()
    call_command("dumpdata", *IMPORT_MODELS, indent=0, stdout=out)
    return out.getvalue()


@dataclass
class DemoWorld:
    thai_nguyen: Agency
    cao_bang: Agency
    users: dict[str, object]

    def unit(self, name: str, agency: Agency | None = None) -> Unit:
        return Unit.objects.get(agency=agency or self.thai_nguyen, name=name)


@pytest.fixture
def demo(db, settings, tmp_path) -> DemoWorld:
    settings.MEDIA_ROOT = tmp_path / "media"
    thai_nguyen = load_demo_agency(THAI_NGUYEN)
    cao_bang = load_demo_agency(CAO_BANG)
    office = Unit.objects.get(agency=thai_nguyen, name="Văn phòng Sở")
    users = {
        "coordinator": make_member(
            Role.COORDINATOR, agency=thai_nguyen, unit=office, username="i.vp"
        ),
        "admin": make_member(Role.ADMIN, agency=thai_nguyen, username="i.admin"),
        "leader": make_member(Role.LEADER, agency=thai_nguyen, username="i.lanhdao"),
        "accountant": make_member(
            Role.ACCOUNTANT, agency=thai_nguyen, unit=office, username="i.kt"
        ),
        "unit_head": make_member(Role.UNIT_HEAD, agency=thai_nguyen, unit=office, username="i.tp"),
        "staff": make_member(Role.STAFF, agency=thai_nguyen, unit=office, username="i.cb"),
        "other_coordinator": make_member(
            Role.COORDINATOR,
            agency=cao_bang,
            unit=Unit.objects.get(agency=cao_bang, name="Văn phòng Sở"),
            username="i.cb.vp",
        ),
    }
    return DemoWorld(thai_nguyen, cao_bang, users)
