"""What a user may see and change, computed once per request.

Every permission-aware QuerySet method (``visible_to(user)``, ``editable_by(user)``)
asks :func:`access_for`; views, exports, reports and jobs go through those methods,
so the rules live here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from organizations.models import (
    AGENCY_EDITOR_ROLES,
    AGENCY_WIDE_ROLES,
    Agency,
    Membership,
    Role,
    Unit,
)

_CACHE_ATTRIBUTE = "_cchc_access"


@dataclass(frozen=True)
class Access:
    """The agencies and units a user reaches, by kind of reach."""

    is_superuser: bool
    roles: frozenset[str]
    readable_agency_ids: frozenset[int]  # read everything in these agencies
    editable_agency_ids: frozenset[int]  # change everything in these agencies
    unit_ids: frozenset[int]  # units the user works in, plus groups that contain them
    head_unit_ids: frozenset[int]  # units the user heads
    member_agency_ids: frozenset[int]  # agencies the user has any role in

    @property
    def is_anonymous(self) -> bool:
        return not (self.is_superuser or self.roles)

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or bool(self.roles.intersection(roles))

    def can_read_agency(self, agency_id: int) -> bool:
        return self.is_superuser or agency_id in self.readable_agency_ids

    def can_edit_agency(self, agency_id: int) -> bool:
        return self.is_superuser or agency_id in self.editable_agency_ids


NO_ACCESS = Access(
    is_superuser=False,
    roles=frozenset(),
    readable_agency_ids=frozenset(),
    editable_agency_ids=frozenset(),
    unit_ids=frozenset(),
    head_unit_ids=frozenset(),
    member_agency_ids=frozenset(),
)


def access_for(user) -> Access:
    """Build (and cache on the user object) the user's :class:`Access`."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    access = _compute_access(user)
    setattr(user, _CACHE_ATTRIBUTE, access)
    return access


def forget_access(user) -> None:
    """Drop the cached access after memberships change within one request or test."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _compute_access(user) -> Access:
    memberships = list(
        Membership.objects.for_user(user).values_list("role", "agency_id", "unit_id")
    )
    readable: set[int] = set()
    editable: set[int] = set()
    units: set[int] = set()
    heads: set[int] = set()
    for role, agency_id, unit_id in memberships:
        if role == Role.PROVINCE_VIEWER:
            readable |= Agency(pk=agency_id).subtree_ids()
        elif role in AGENCY_WIDE_ROLES:
            readable.add(agency_id)
        if role in AGENCY_EDITOR_ROLES:
            editable.add(agency_id)
        if unit_id and role in (Role.STAFF, Role.UNIT_HEAD):
            units.add(unit_id)
            if role == Role.UNIT_HEAD:
                heads.add(unit_id)
    if units:
        units |= set(Unit.objects.groups_containing(units).values_list("pk", flat=True))
    if user.is_superuser:
        all_agencies = set(Agency.objects.values_list("pk", flat=True))
        readable |= all_agencies
        editable |= all_agencies
    return Access(
        is_superuser=user.is_superuser,
        roles=frozenset(role for role, _agency, _unit in memberships),
        readable_agency_ids=frozenset(readable),
        editable_agency_ids=frozenset(editable),
        unit_ids=frozenset(units),
        head_unit_ids=frozenset(heads),
        member_agency_ids=frozenset(agency_id for _role, agency_id, _unit in memberships),
    )
