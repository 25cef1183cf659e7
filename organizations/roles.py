"""The roles a membership gives, and which roles read or change what (one definition each).

No model imports here: ``organizations.models`` and the scoped querysets both build on
these sets, so they must not depend on either. The table of who reads what is in
docs/task-reporting.md ("Who reads what").
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Cán bộ phòng")
    UNIT_HEAD = "unit_head", _("Trưởng phòng")
    COORDINATOR = "coordinator", _("Văn phòng Sở (điều phối)")
    LEADER = "leader", _("Lãnh đạo")
    ACCOUNTANT = "accountant", _("Kế toán")
    ADMIN = "admin", _("Quản trị")
    PROVINCE_VIEWER = "province_viewer", _("Theo dõi cấp tỉnh")


ALL_ROLES = frozenset(Role)
# Roles that work inside a unit: they reach tasks through their units' assignments.
UNIT_ROLES = frozenset({Role.STAFF, Role.UNIT_HEAD})
# Roles whose holder reads the agency's plans and budget (a province viewer: of every agency
# below its own too).
AGENCY_WIDE_ROLES = frozenset(
    {Role.COORDINATOR, Role.LEADER, Role.ACCOUNTANT, Role.ADMIN, Role.PROVINCE_VIEWER}
)
# Roles that read every task of the agency with its progress, evidence, extensions and the
# units' period reports. The accountant (Kế toán) needs plans and budget only (least privilege).
TASK_READER_ROLES = AGENCY_WIDE_ROLES - {Role.ACCOUNTANT}
# Roles that read and build the Word reports of an agency (leadership signs them; a province
# viewer reads those of the agencies below it). Nobody else sees a report: 404.
REPORT_READER_ROLES = frozenset({Role.COORDINATOR, Role.LEADER, Role.PROVINCE_VIEWER})
# Roles that may change any task of the agency (import, edit, lock periods).
AGENCY_EDITOR_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})
