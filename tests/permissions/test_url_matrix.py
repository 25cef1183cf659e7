"""Role × URL × own/other unit/other agency × GET/POST, for every URL the project routes.

The URL list comes from the resolver, so a new URL fails ``test_every_url_is_classified``
until it gets a row in ``SPECS`` below. Objects of another agency are always 404;
objects a user sees but may not change are 403; anonymous users go to the login page.
Each request runs inside a rolled-back savepoint, so one world serves a whole URL, and its
SQL is captured: every allowed POST of a URL marked ``writes`` must change project data, and
every other POST (refused, or a URL that only shows a form again) must change none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from budget.models import BudgetLine
from importer.staging import stage_upload
from indicators.models import Indicator, IndicatorEvidence, IndicatorValue
from organizations.models import Role
from par.models import CriteriaSet, Criterion, CriterionEvidence
from periods.models import PeriodSubmission
from plans.models import Plan
from reminders.models import ReminderItem
from tasks.models import Evidence, Extension, TaskProgress
from tests.factories import evidence_upload, make_member, make_periods
from tests.sample_files import sample_path

FROZEN = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
ROLES = (
    "anonymous",
    "staff_a",
    "staff_b",
    "head_a",
    "coordinator",
    "leader",
    "accountant",
    "admin",
    "other_coordinator",
)
AGENCY_READERS = {"coordinator", "leader", "accountant", "admin"}
# The accountant reads plans and budget only, no task (least privilege, docs/task-reporting.md).
TASK_READERS = AGENCY_READERS - {"accountant"}
EDITORS = {"coordinator", "admin"}
OWN, OTHER_UNIT, OTHER_AGENCY = "own", "other_unit", "other_agency"
ALL_TARGETS = (OWN, OTHER_UNIT, OTHER_AGENCY)

# The world: "own" is task_a (led by unit_a = staff_a, head_a; coordinated by unit_b = staff_b),
# "other_unit" is task_b (led by unit_b), "other_agency" is task_other.
SEES = {
    OWN: {"staff_a", "head_a", "staff_b"} | TASK_READERS,
    OTHER_UNIT: {"staff_b"} | TASK_READERS,
    OTHER_AGENCY: {"other_coordinator"},
}
SEES_PLAN = {
    OWN: {"staff_a", "head_a", "staff_b"} | AGENCY_READERS,
    OTHER_AGENCY: {"other_coordinator"},
}
EDITS = {
    OWN: {"staff_a", "head_a"} | EDITORS,
    OTHER_UNIT: {"staff_b"} | EDITORS,
    OTHER_AGENCY: {"other_coordinator"},
}
COMMENTS = {OWN: {"staff_b"} | EDITORS, OTHER_UNIT: EDITORS, OTHER_AGENCY: {"other_coordinator"}}
EXTENDS = {OWN: {"head_a"}, OTHER_UNIT: set(), OTHER_AGENCY: set()}
MANAGES = {OWN: EDITORS, OTHER_UNIT: EDITORS, OTHER_AGENCY: {"other_coordinator"}}
SUBMITS = {OWN: {"head_a"}, OTHER_UNIT: set(), OTHER_AGENCY: set()}
# A unit's submission is seen by task readers and by the unit's own people.
SEES_SUBMISSION = {
    OWN: {"staff_a", "head_a"} | TASK_READERS,
    OTHER_UNIT: {"staff_b"} | TASK_READERS,
    OTHER_AGENCY: {"other_coordinator"},
}
SEES_PERIOD = {
    OWN: {r for r in ROLES if r not in ("anonymous", "other_coordinator")},
    OTHER_UNIT: {r for r in ROLES if r not in ("anonymous", "other_coordinator")},
    OTHER_AGENCY: {"other_coordinator"},
}
MEMBERS = set(ROLES) - {"anonymous"}
# A staged import belongs to its uploader: another importer of the same agency gets 404 on it.
IMPORTERS = EDITORS | {"other_coordinator"}
UPLOADS = {OWN: {"coordinator"}, OTHER_AGENCY: {"other_coordinator"}}
# Reports: the agency's leaders and coordinators (province viewers above it: tests/reports);
# everybody else gets 404, the header settings are the coordinators' (leaders get 403).
REPORTS = {OWN: {"coordinator", "leader"}, OTHER_AGENCY: {"other_coordinator"}}
REPORT_SETTINGS = {OWN: {"coordinator"}, OTHER_AGENCY: {"other_coordinator"}}
# The dashboard is for agency-wide roles (unit roles 404); ?agency= of another agency is 404.
# A province viewer's reach is tested in tests/dashboard/test_access.py.
DASHBOARD = {OWN: AGENCY_READERS, OTHER_AGENCY: {"other_coordinator"}}

# An indicator is read with its plan (every target here is in the world's one plan, which
# staff_a, head_a and staff_b reach through their tasks); it is reported by the lead unit of
# its task (own: task_a's unit_a; other unit: task_b's unit_b) and the agency's editors.
SEES_INDICATOR = {
    OWN: {"staff_a", "head_a", "staff_b"} | AGENCY_READERS,
    OTHER_UNIT: {"staff_a", "head_a", "staff_b"} | AGENCY_READERS,
    OTHER_AGENCY: {"other_coordinator"},
}
RECORDS_INDICATOR = {
    OWN: {"staff_a", "head_a"} | EDITORS,
    OTHER_UNIT: {"staff_b"} | EDITORS,
    OTHER_AGENCY: {"other_coordinator"},
}
# Allocations and disbursements: the accountant and the agency's editors only.
WRITES_BUDGET = {OWN: EDITORS | {"accountant"}, OTHER_AGENCY: {"other_coordinator"}}

# The PAR Index: task readers (not the accountant) read the agency's sets, unit staff the sets
# where their unit is responsible for a criterion (own: unit_a's, other unit: unit_b's, one set).
SEES_PAR = {
    OWN: {"staff_a", "head_a", "staff_b"} | TASK_READERS,
    OTHER_UNIT: {"staff_a", "head_a", "staff_b"} | TASK_READERS,
    OTHER_AGENCY: {"other_coordinator"},
}
SCORES_PAR = RECORDS_INDICATOR  # the criterion's unit and the agency's editors

Expect = Callable[[str, str | None], int]


def scoped(sees: dict, may: dict, ok: int) -> Expect:
    """404 outside the user's scope, 403 when seen but not allowed, else ``ok``."""

    def expect(role: str, target: str | None) -> int:
        if role not in sees[target]:
            return 404
        return ok if role in may[target] else 403

    return expect


def uploaded(by: dict, ok: int) -> Expect:
    """403 for who may not import at all, 404 for an importer who did not upload it."""

    def expect(role: str, target: str | None) -> int:
        if role not in IMPORTERS:
            return 403
        return ok if role in by[target] else 404

    return expect


def const(status: int) -> Expect:
    return lambda role, target: status


def for_roles(roles: set[str], ok: int, otherwise: int) -> Expect:
    return lambda role, target: ok if role in roles else otherwise


@dataclass(frozen=True)
class Spec:
    url: Callable[[dict, str | None], str]
    get: Expect
    post: Expect
    targets: tuple[str | None, ...] = (None,)
    data: Callable[[dict, str | None], dict] = field(default=lambda objects, target: {})
    public: bool = False  # reachable without login
    prepare: Callable[[dict], None] = field(default=lambda objects: None)
    writes: bool = False  # an allowed POST changes project data (else it must change none)


def on(kind: str, name: str) -> Callable[[dict, str | None], str]:
    return lambda objects, target: reverse(name, args=[objects[kind][target].pk])


def progress_data(objects: dict, target: str | None) -> dict:
    return {
        "period": objects["year"][target].pk,
        "status": "in_progress",
        "progress": "30",
        "result": "Đang thực hiện",
    }


def report_job(name: str) -> Callable[[dict, str | None], str]:
    return lambda objects, target: reverse(name, args=[objects["report"][target].pk])


def _report_jobs(objects: dict, status: str) -> None:
    """A report job of each agency's year period, in ``status`` (done ones with their files)."""
    from django.core.files.base import ContentFile

    from reports.models import ReportJob

    objects["report"] = {}
    for target in (OWN, OTHER_AGENCY):
        period = objects["year"][target]
        job = ReportJob(agency_id=period.agency_id, period=period, status=status)
        if status == "done":
            job.file.save("bao-cao.docx", ContentFile(b"PK docx"), save=False)
            job.spreadsheet.save("bao-cao.xlsx", ContentFile(b"PK xlsx"), save=False)
        job.save()
        objects["report"][target] = job


def for_agency(name: str) -> Callable[[dict, str | None], str]:
    return lambda objects, target: f"{reverse(name)}?agency={objects['plan'][target].agency_id}"


SPECS: dict[str, Spec] = {
    "dashboard": Spec(
        for_agency("dashboard"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(DASHBOARD, DASHBOARD, 200),
        post=const(405),
    ),
    "dashboard_export": Spec(
        for_agency("dashboard_export"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(DASHBOARD, DASHBOARD, 200),
        post=const(405),
    ),
    "home": Spec(lambda o, t: reverse("home"), get=const(302), post=const(405)),
    "login": Spec(lambda o, t: reverse("login"), get=const(200), post=const(200), public=True),
    "logout": Spec(lambda o, t: reverse("logout"), get=const(405), post=const(302), public=True),
    # Every signed-in user changes their own password; an empty POST shows the form again.
    "password_change": Spec(
        lambda o, t: reverse("password_change"), get=const(200), post=const(200)
    ),
    "password_change_done": Spec(
        lambda o, t: reverse("password_change_done"), get=const(200), post=const(405)
    ),
    # Reset by e-mail is for anyone; an unknown address is answered like a known one.
    "password_reset": Spec(
        lambda o, t: reverse("password_reset"),
        get=const(200),
        post=const(302),
        data=lambda o, t: {"email": "khong-co@example.gov.vn"},
        public=True,
    ),
    "password_reset_done": Spec(
        lambda o, t: reverse("password_reset_done"), get=const(200), post=const(405), public=True
    ),
    "password_reset_confirm": Spec(
        lambda o, t: reverse("password_reset_confirm", args=["MQ", "sai-ma"]),
        get=const(200),  # the "invalid link" page
        post=const(200),
        public=True,
    ),
    "password_reset_complete": Spec(
        lambda o, t: reverse("password_reset_complete"),
        get=const(200),
        post=const(405),
        public=True,
    ),
    "set_language": Spec(
        lambda o, t: reverse("set_language"),
        get=const(302),
        post=const(302),
        data=lambda o, t: {"language": "vi", "next": "/"},
        public=True,
    ),
    "plans:list": Spec(lambda o, t: reverse("plans:list"), get=const(200), post=const(405)),
    "plans:detail": Spec(
        on("plan", "plans:detail"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PLAN, SEES_PLAN, 200),
        post=const(405),
    ),
    # The trash is the agency editors' (coordinator, admin): anyone else gets 404.
    "plans:trash": Spec(
        lambda o, t: reverse("plans:trash"),
        get=for_roles(EDITORS | {"other_coordinator"}, 200, 404),
        post=const(405),
    ),
    "plans:delete": Spec(
        on("plan", "plans:delete"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(MANAGES, MANAGES, 200),  # the confirmation page
        post=scoped(MANAGES, MANAGES, 302),
        data=lambda o, t: {"confirm": "yes"},
        writes=True,
    ),
    "plans:restore": Spec(
        on("plan", "plans:restore"),
        targets=(OWN, OTHER_AGENCY),
        get=const(405),
        post=scoped(MANAGES, MANAGES, 302),
        data=lambda o, t: {"confirm": "yes"},
        writes=True,
        prepare=lambda objects: _trash_plans(objects),
    ),
    # Budget is for agency-wide roles; unit staff who type the address get 403, not an empty list.
    "budget:list": Spec(
        lambda o, t: reverse("budget:list"),
        get=for_roles(AGENCY_READERS | {"other_coordinator"}, 200, 403),
        post=const(405),
    ),
    "tasks:mine": Spec(lambda o, t: reverse("tasks:mine"), get=const(200), post=const(405)),
    "tasks:detail": Spec(
        on("task", "tasks:detail"),
        targets=ALL_TARGETS,
        get=scoped(SEES, SEES, 200),
        post=const(405),
    ),
    "tasks:update": Spec(
        on("task", "tasks:update"),
        targets=ALL_TARGETS,
        get=scoped(SEES, EDITS, 200),
        post=scoped(SEES, EDITS, 302),
        data=progress_data,
        writes=True,
    ),
    "tasks:comment": Spec(
        on("task", "tasks:comment"),
        targets=ALL_TARGETS,
        get=const(405),
        post=scoped(SEES, COMMENTS, 302),
        data=lambda o, t: {"body": "Ý kiến phối hợp"},
        writes=True,
    ),
    "tasks:extension_request": Spec(
        on("task", "tasks:extension_request"),
        targets=ALL_TARGETS,
        get=scoped(SEES, EXTENDS, 200),
        post=scoped(SEES, EXTENDS, 302),
        data=lambda o, t: {"requested_date": "2027-03-31", "reason": "Chờ ý kiến"},
        prepare=lambda objects: Extension.objects.all().delete(),  # one pending at a time
        writes=True,
    ),
    "tasks:extensions": Spec(
        lambda o, t: reverse("tasks:extensions"), get=const(200), post=const(405)
    ),
    "tasks:extension_decide": Spec(
        on("extension", "tasks:extension_decide"),
        targets=ALL_TARGETS,
        get=const(405),
        post=scoped(SEES, MANAGES, 302),
        data=lambda o, t: {"decision": "approve"},
        writes=True,
    ),
    "tasks:send_back": Spec(
        on("entry", "tasks:send_back"),
        targets=ALL_TARGETS,
        get=const(405),
        post=scoped(SEES, MANAGES, 302),
        data=lambda o, t: {"comment": "Bổ sung số liệu"},
        writes=True,
    ),
    "tasks:evidence": Spec(
        on("evidence", "tasks:evidence"),
        targets=ALL_TARGETS,
        get=scoped(SEES, SEES, 200),
        post=const(405),
    ),
    "periods:list": Spec(lambda o, t: reverse("periods:list"), get=const(200), post=const(405)),
    "periods:detail": Spec(
        on("year", "periods:detail"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PERIOD, SEES_PERIOD, 200),
        post=const(405),
    ),
    "periods:submit": Spec(
        on("year", "periods:submit"),
        targets=ALL_TARGETS,
        get=const(405),
        post=scoped(SEES_PERIOD, SUBMITS, 302),
        data=lambda o, t: {"unit": o["unit"][t].pk},
        prepare=lambda objects: PeriodSubmission.objects.all().delete(),  # not yet sent
        writes=True,
    ),
    "periods:submit_confirm": Spec(
        lambda o, t: (
            reverse("periods:submit_confirm", args=[o["year"][t].pk]) + f"?unit={o['unit'][t].pk}"
        ),
        targets=ALL_TARGETS,
        get=scoped(SEES_PERIOD, SUBMITS, 200),
        post=const(405),
    ),
    "periods:reopen": Spec(
        on("year", "periods:reopen"),
        targets=(OWN, OTHER_AGENCY),
        get=const(405),
        post=scoped(SEES_PERIOD, MANAGES, 302),
        data=lambda o, t: {"until": "2026-12-31"},
        writes=True,
    ),
    "periods:return": Spec(
        on("submission", "periods:return"),
        targets=ALL_TARGETS,
        get=const(405),
        post=scoped(SEES_SUBMISSION, MANAGES, 302),
        data=lambda o, t: {"comment": "Thiếu tài liệu"},
        writes=True,
    ),
    "indicators:plan": Spec(
        lambda o, t: reverse("indicators:plan", args=[o["plan"][t].pk]),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PLAN, SEES_PLAN, 200),
        post=const(405),
    ),
    "indicators:detail": Spec(
        on("indicator", "indicators:detail"),
        targets=ALL_TARGETS,
        get=scoped(SEES_INDICATOR, SEES_INDICATOR, 200),
        post=const(405),
    ),
    "indicators:record": Spec(
        on("indicator", "indicators:record"),
        targets=ALL_TARGETS,
        get=scoped(SEES_INDICATOR, RECORDS_INDICATOR, 200),
        post=scoped(SEES_INDICATOR, RECORDS_INDICATOR, 302),
        data=lambda o, t: {"period": o["year"][t].pk, "value": "5", "source_note": "Sổ theo dõi"},
        writes=True,
    ),
    "indicators:configure": Spec(
        on("indicator", "indicators:configure"),
        targets=ALL_TARGETS,
        get=const(405),
        post=scoped(SEES_INDICATOR, MANAGES, 302),
        data=lambda o, t: {"responsible_unit": o["unit"][t].pk, "source": "manual"},
        writes=True,
    ),
    "indicators:evidence": Spec(
        on("indicator_evidence", "indicators:evidence"),
        targets=ALL_TARGETS,
        get=scoped(SEES_INDICATOR, SEES_INDICATOR, 200),
        post=const(405),
    ),
    # A plan's budget page: agency readers see every line, unit staff the lines of the tasks
    # their unit leads (possibly none); only accountants and editors record entries.
    "budget:plan": Spec(
        lambda o, t: reverse("budget:plan", args=[o["plan"][t].pk]),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PLAN, SEES_PLAN, 200),
        post=const(405),
    ),
    "budget:entry": Spec(
        lambda o, t: reverse("budget:entry", args=[o["plan"][t].pk]),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PLAN, WRITES_BUDGET, 200),
        post=scoped(SEES_PLAN, WRITES_BUDGET, 302),
        data=lambda o, t: {
            "line": o["budget_line"][t].pk,
            "kind": "disbursement",
            "amount": "4,4 tỷ",
            "date": "20/11/2026",
        },
        writes=True,
    ),
    "budget:line": Spec(
        lambda o, t: reverse("budget:line", args=[o["plan"][t].pk]),
        targets=(OWN, OTHER_AGENCY),
        get=const(405),
        post=scoped(SEES_PLAN, WRITES_BUDGET, 302),
        data=lambda o, t: {
            "line": o["budget_line"][t].pk,
            "funding_source": "province",
            "task": o["task"][t].pk,
        },
        writes=True,
    ),
    "budget:export": Spec(
        lambda o, t: reverse("budget:export", args=[o["plan"][t].pk]),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PLAN, SEES_PLAN, 200),
        post=const(405),
    ),
    "par:list": Spec(
        lambda o, t: reverse("par:list"),
        get=for_roles(MEMBERS - {"accountant"}, 200, 403),
        post=const(405),
    ),
    # An empty POST shows the upload form again; nothing is staged.
    "par:upload": Spec(
        lambda o, t: reverse("par:upload"),
        get=for_roles(IMPORTERS, 200, 403),
        post=for_roles(IMPORTERS, 200, 403),
    ),
    "par:preview": Spec(
        lambda o, t: reverse("par:preview", args=[o["par_staged"][t].token]),
        targets=(OWN, OTHER_AGENCY),
        get=uploaded(UPLOADS, 200),
        post=uploaded(UPLOADS, 302),
        data=lambda o, t: {"year": "2027", "level": "department"},
        writes=True,
    ),
    "par:detail": Spec(
        on("par_set", "par:detail"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PAR, SEES_PAR, 200),
        post=const(405),
    ),
    "par:export_xlsx": Spec(
        on("par_set", "par:export_xlsx"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PAR, SEES_PAR, 200),
        post=const(405),
    ),
    "par:export_docx": Spec(
        on("par_set", "par:export_docx"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PAR, SEES_PAR, 200),
        post=const(405),
    ),
    "par:score": Spec(
        on("criterion", "par:score"),
        targets=ALL_TARGETS,
        get=scoped(SEES_PAR, SEES_PAR, 200),
        post=scoped(SEES_PAR, SCORES_PAR, 302),
        data=lambda o, t: {"score": "0,5", "explanation": "Đã thực hiện"},
        writes=True,
    ),
    "par:manage": Spec(
        on("criterion", "par:manage"),
        targets=ALL_TARGETS,
        get=const(405),
        post=scoped(SEES_PAR, MANAGES, 302),
        data=lambda o, t: {"responsible_unit": o["unit"][t].pk, "appraised_score": "1"},
        writes=True,
    ),
    "par:evidence": Spec(
        on("criterion_evidence", "par:evidence"),
        targets=ALL_TARGETS,
        get=scoped(SEES_PAR, SEES_PAR, 200),
        post=const(405),
    ),
    "reports:list": Spec(
        lambda o, t: reverse("reports:list"),
        get=for_roles(REPORTS[OWN] | REPORTS[OTHER_AGENCY], 200, 404),
        post=const(405),
    ),
    "reports:start": Spec(
        lambda o, t: reverse("reports:start"),
        targets=(OWN, OTHER_AGENCY),
        get=const(405),
        post=scoped(REPORTS, REPORTS, 302),
        data=lambda o, t: {"period": o["year"][t].pk},
        writes=True,
    ),
    "reports:status": Spec(
        report_job("reports:status"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(REPORTS, REPORTS, 200),
        post=const(405),
        prepare=lambda objects: _report_jobs(objects, "running"),
    ),
    "reports:retry": Spec(
        report_job("reports:retry"),
        targets=(OWN, OTHER_AGENCY),
        get=const(405),
        post=scoped(REPORTS, REPORTS, 302),
        prepare=lambda objects: _report_jobs(objects, "failed"),
        writes=True,
    ),
    "reports:download": Spec(
        report_job("reports:download"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(REPORTS, REPORTS, 200),
        post=const(405),
        prepare=lambda objects: _report_jobs(objects, "done"),
    ),
    "reports:download_xlsx": Spec(
        report_job("reports:download_xlsx"),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(REPORTS, REPORTS, 200),
        post=const(405),
        prepare=lambda objects: _report_jobs(objects, "done"),
    ),
    "reports:settings": Spec(
        lambda o, t: reverse("reports:settings", args=[o["plan"][t].agency_id]),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(REPORTS, REPORT_SETTINGS, 200),
        post=scoped(REPORTS, REPORT_SETTINGS, 302),
        data=lambda o, t: {
            "signer_title": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
            "signer_name": "Nguyễn Văn A",
            "recipients": "Lưu: VT",
        },
        writes=True,
    ),
    # Every signed-in user has their own notices; another user's notice is not found.
    "reminders:notices": Spec(
        lambda o, t: reverse("reminders:notices"), get=const(200), post=const(405)
    ),
    "reminders:bell": Spec(lambda o, t: reverse("reminders:bell"), get=const(200), post=const(405)),
    "reminders:mark_all_read": Spec(
        lambda o, t: reverse("reminders:mark_all_read"),
        get=const(405),
        post=const(302),
        prepare=lambda objects: _notices(objects),
        writes=True,
    ),
    "reminders:mark_read": Spec(
        lambda o, t: reverse("reminders:mark_read", args=[o["notice"][t].pk]),
        targets=(OWN,),
        get=const(405),
        post=for_roles({"staff_a"}, 302, 404),
        prepare=lambda objects: _notices(objects),
        writes=True,
    ),
    "reminders:profile": Spec(
        lambda o, t: reverse("reminders:profile"),
        get=const(200),
        post=const(302),
        data=lambda o, t: {"digests": "off"},
        writes=True,
    ),
    # Reminder settings and the send log are the agency's coordinators' (and admins').
    "reminders:home": Spec(
        lambda o, t: reverse("reminders:home"),
        get=for_roles(EDITORS | {"other_coordinator"}, 302, 403),
        post=const(405),
    ),
    "reminders:settings": Spec(
        lambda o, t: reverse("reminders:settings", args=[o["plan"][t].agency_id]),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PERIOD, MANAGES, 200),
        post=scoped(SEES_PERIOD, MANAGES, 302),
        data=lambda o, t: {
            "lead_days": "7, 3, 1",
            "overdue_repeat_days": "5",
            "escalate_after_days": "10",
            "period_lead_days": "3",
            "send_time": "07:30",
        },
        writes=True,
    ),
    "reminders:log": Spec(
        lambda o, t: reverse("reminders:log", args=[o["plan"][t].agency_id]),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(SEES_PERIOD, MANAGES, 200),
        post=const(405),
    ),
    # The importer's own tests cover its behaviour; here only who gets past its door.
    "importer:upload": Spec(
        lambda o, t: reverse("importer:upload"),
        get=for_roles(EDITORS | {"other_coordinator"}, 200, 403),
        post=for_roles(EDITORS | {"other_coordinator"}, 200, 403),  # empty POST: the form again
    ),
    "importer:preview": Spec(
        lambda o, t: reverse("importer:preview", args=[o["staged"][t].token]),
        targets=(OWN, OTHER_AGENCY),
        get=uploaded(UPLOADS, 200),
        post=uploaded(UPLOADS, 200),  # empty POST: the preview again, nothing written
    ),
    # Re-staging for another agency writes the staged record only, never a model row.
    "importer:reassign": Spec(
        lambda o, t: reverse("importer:reassign", args=[o["staged"][t].token]),
        targets=(OWN, OTHER_AGENCY),
        get=const(405),
        post=uploaded(UPLOADS, 302),
        data=lambda o, t: {"agency": o["staged"][t].agency_id},
    ),
    "importer:export": Spec(
        lambda o, t: reverse("importer:export", kwargs={"pk": o["plan"][t].pk, "fmt": "csv"}),
        targets=(OWN, OTHER_AGENCY),
        get=scoped(MANAGES, MANAGES, 200),
        post=const(405),
    ),
}


def _url_names(patterns, namespace: str = "") -> list[str]:
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            names += _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.append(f"{namespace}:{pattern.name}" if namespace else str(pattern.name))
    return names


ALL_URL_NAMES = _url_names(get_resolver().url_patterns)
# The Django admin (181 routes) has its own staff check; admin:index stands for all of them.
APP_URL_NAMES = sorted({name for name in ALL_URL_NAMES if not name.startswith("admin:")})


def test_every_url_is_classified():
    unnamed = [name for name in APP_URL_NAMES if name in ("None", "") or name.endswith(":None")]
    assert not unnamed, "name every URL pattern so the matrix can find it"
    missing = sorted(set(APP_URL_NAMES) - set(SPECS))
    assert not missing, f"add these URLs to SPECS in {__file__}: {missing}"
    assert not set(SPECS) - set(APP_URL_NAMES), "SPECS lists URLs that no longer exist"


@pytest.fixture
def objects(world, private_media):
    """One object per target kind, for the own unit, another unit and another agency."""
    with time_machine.travel(FROZEN, tick=False):
        head_other = make_member(Role.UNIT_HEAD, agency=world.other_agency, unit=world.other_unit)
        tasks = {OWN: world.task_a, OTHER_UNIT: world.task_b, OTHER_AGENCY: world.task_other}
        years = {
            OWN: make_periods(world.agency)["year"],
            OTHER_UNIT: make_periods(world.agency)["year"],
            OTHER_AGENCY: make_periods(world.other_agency)["year"],
        }
        units = {OWN: world.unit_a, OTHER_UNIT: world.unit_b, OTHER_AGENCY: world.other_unit}
        heads = {OWN: world.users["head_a"], OTHER_UNIT: None, OTHER_AGENCY: head_other}
        objects = {"task": tasks, "year": years, "unit": units, "plan": {}, "extension": {}}
        for kind in ("entry", "evidence", "submission", "indicator", "indicator_evidence"):
            objects[kind] = {}
        objects["budget_line"] = {}
        for target, task in tasks.items():
            objects["plan"][target] = task.plan
            objects["extension"][target] = Extension.objects.create(
                task=task, reason="Lý do", requested_date=dt.date(2027, 1, 31)
            )
            objects["entry"][target] = TaskProgress.objects.create(
                task=task, period=years[target], progress=10
            )
            evidence = Evidence(
                task=task, original_name="a.pdf", content_type="application/pdf", size=10
            )
            evidence.file.save("a.pdf", evidence_upload("a.pdf"), save=False)
            evidence.save()
            objects["evidence"][target] = evidence
            objects["submission"][target] = PeriodSubmission.objects.create(
                period=years[target],
                unit=units[target],
                submitted_by=heads[target],
                submitted_at=FROZEN,
            )
            objects["indicator"][target] = indicator = Indicator.objects.create(
                plan=task.plan, task=task, name="Tỷ lệ", text="Tỷ lệ đạt 90%", target_value=90
            )
            value = IndicatorValue.objects.create(
                indicator=indicator, period=years[target], value=1
            )
            file = IndicatorEvidence(
                value=value, original_name="a.pdf", content_type="application/pdf", size=10
            )
            file.file.save("a.pdf", evidence_upload("a.pdf"), save=False)
            file.save()
            objects["indicator_evidence"][target] = file
            objects["budget_line"][target] = BudgetLine.objects.create(
                plan=task.plan, task=task, code=target, content="Chi", planned_amount=5
            )
        objects["staged"] = _staged_uploads(world)
        objects["par_staged"] = _staged_uploads(world, data=_criteria_xlsx(), name="tieu-chi.xlsx")
        _par_objects(world, objects)
    return objects


def _criteria_xlsx() -> bytes:
    from tests.par.conftest import criteria_xlsx

    return criteria_xlsx()


def _par_objects(world, objects: dict) -> None:
    """A criteria set per agency; a criterion of unit_a, one of unit_b, one of the other agency."""
    sets = {
        OWN: CriteriaSet.objects.create(agency=world.agency, year=2026, level="department"),
        OTHER_AGENCY: CriteriaSet.objects.create(
            agency=world.other_agency, year=2026, level="department"
        ),
    }
    sets[OTHER_UNIT] = sets[OWN]
    objects["par_set"] = sets
    objects["criterion"], objects["criterion_evidence"] = {}, {}
    for target, unit in objects["unit"].items():
        criterion = Criterion.objects.create(
            criteria_set=sets[target],
            code=target,
            label="1",
            title="Tiêu chí",
            max_score=2,
            responsible_unit=unit,
        )
        evidence = CriterionEvidence(
            criterion=criterion, original_name="a.pdf", content_type="application/pdf", size=10
        )
        evidence.file.save("a.pdf", evidence_upload("a.pdf"), save=False)
        evidence.save()
        objects["criterion"][target] = criterion
        objects["criterion_evidence"][target] = evidence


def _notices(objects: dict) -> None:
    """An unread notice for every user; ``objects["notice"][OWN]`` is staff_a's."""
    task = objects["task"][OWN]
    items = ReminderItem.objects.bulk_create(
        ReminderItem(
            agency_id=task.plan.agency_id,
            subject=f"task:{task.pk}",
            mark=f"task:{task.pk}|lead-3|2026-11-30",
            recipient=f"user:{user.pk}",
            user=user,
            kind="lead",
            threshold="lead-3",
            deadline=dt.date(2026, 11, 30),
            task=task,
            created_on=FROZEN.date(),
        )
        for user in get_user_model().objects.order_by("pk")
    )
    objects["notice"] = {OWN: next(i for i in items if i.user.username == "w.cb.a")}


def _trash_plans(objects: dict) -> None:
    """Both agencies' plans in their trash, deleted a day before the frozen time."""
    plans = [objects["plan"][OWN], objects["plan"][OTHER_AGENCY]]
    deleted_at = FROZEN - dt.timedelta(days=1)
    Plan.objects.filter(pk__in=[plan.pk for plan in plans]).update(deleted_at=deleted_at)


def _staged_uploads(world, *, data: bytes | None = None, name: str = "ke-hoach.docx") -> dict:
    """A file staged by the coordinator, and one by the other agency's coordinator."""
    data = data or sample_path("thai-nguyen-stp-cchc-2026.docx").read_bytes()
    uploaders = {OWN: "coordinator", OTHER_AGENCY: "other_coordinator"}
    agencies = {OWN: world.agency, OTHER_AGENCY: world.other_agency}
    return {
        target: stage_upload(
            chunks=[data],
            size=len(data),
            filename=name,
            agency_id=agencies[target].pk,
            user_id=world.users[username].pk,
        )
        for target, username in uploaders.items()
    }


WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Tables whose writes are the point of the request, not a change of project data: the
# session (login, logout, messages), django-axes' record of a failed login and the audit
# log's record of a refused request.
NOT_DATA = re.compile(r'"(django_session|axes_[a-z_]+|audit_auditevent)"')


def data_writes(queries) -> list[str]:
    """The INSERT/UPDATE/DELETE statements a request ran on the project's data."""
    return [
        query["sql"][:120]
        for query in queries
        if WRITE.match(query["sql"]) and not NOT_DATA.search(query["sql"])
    ]


def _request(client, method: str, url: str, data: dict) -> tuple[int, list[str]]:
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = client.get(url) if method == "GET" else client.post(url, data)
        transaction.set_rollback(True)
    return response.status_code, data_writes(queries.captured_queries)


def _write_mismatch(spec: Spec, allowed: bool, written: list[str]) -> str:
    if allowed and spec.writes and not written:
        return "allowed but wrote nothing"
    if written and not (allowed and spec.writes):
        return f"wrote {written[0]}"
    return ""


@pytest.mark.parametrize("url_name", sorted(SPECS))
def test_matrix(client, world, objects, url_name):
    spec = SPECS[url_name]
    users = world.users
    spec.prepare(objects)
    wrong = []
    with time_machine.travel(FROZEN, tick=True):
        for role in ROLES:
            client.logout()
            if role != "anonymous":
                client.force_login(users[role])
            for target in spec.targets:
                url = spec.url(objects, target)
                for method, expect in (("GET", spec.get), ("POST", spec.post)):
                    anonymous = role == "anonymous" and not spec.public
                    expected = 302 if anonymous else expect(role, target)
                    got, written = _request(client, method, url, spec.data(objects, target))
                    if got != expected:
                        wrong.append(
                            f"{role:<18} {target or '-':<13} {method:<5} {got} != {expected}"
                        )
                    allowed = not anonymous and expected < 400
                    mismatch = method == "POST" and _write_mismatch(spec, allowed, written)
                    if mismatch:
                        wrong.append(f"{role:<18} {target or '-':<13} {method:<5} {mismatch}")
    assert not wrong, f"{url_name}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_site_is_for_it_staff_only(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]
