"""The task list's heading: it names what the list holds, which depends on who reads it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from organizations.access import Access
from organizations.models import Agency
from organizations.roles import TASK_READER_ROLES, UNIT_ROLES

if TYPE_CHECKING:  # django-stubs-ext is a development tool: the type checker alone reads it
    from django_stubs_ext import StrOrPromise


def task_list_heading(access: Access) -> StrOrPromise:
    """ "Nhiệm vụ của <cơ quan>" for agency-wide readers, "Nhiệm vụ của đơn vị" for unit staff.

    An agency-wide reader sees every task of the agency, so calling the page the unit's
    tasks misleads them; a unit's staff see only what their units lead or coordinate.
    """
    if access.is_superuser:
        return _("Nhiệm vụ của tất cả cơ quan")
    agency_ids = access.agencies_for(TASK_READER_ROLES)
    if len(agency_ids) == 1:
        name = Agency.objects.filter(pk__in=agency_ids).values_list("name", flat=True).first()
        return _("Nhiệm vụ của %(agency)s") % {"agency": name}
    if agency_ids:  # a province viewer: its agency and those below it
        return _("Nhiệm vụ của %(count)d cơ quan") % {"count": len(agency_ids)}
    if access.roles & UNIT_ROLES:
        return _("Nhiệm vụ của đơn vị")
    return _("Nhiệm vụ")
