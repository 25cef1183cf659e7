"""Which agencies and units a user reaches, through which roles, computed once per request.

The scoped QuerySets (:mod:`organizations.scoping`) turn this into rows; views, exports,
reports and jobs go through those, so the rules live there and the facts here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from organizations.roles import AGENCY_EDITOR_ROLES, UNIT_ROLES, Role

_CACHE_ATTRIBUTE = "_cchc_access"


@dataclass(frozen=True)
class Access:
    """The agencies and units a user reaches, by kind of reach."""

    is_superuser: bool
    roles: frozenset[str]
    # For each role held, the agencies it is held in (a province viewer's: with those below).
    agencies_by_role: Mapping[str, frozenset[int]] = field(hash=False)
    unit_ids: frozenset[int]  # units the user works in, plus groups that contain them
    head_unit_ids: frozenset[int]  # units the user heads

    @property
    def is_anonymous(self) -> bool:
        return not (self.is_superuser or self.roles)

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or bool(self.roles.intersection(roles))

    def agencies_for(self, roles: Iterable[str]) -> frozenset[int]:
        """Agencies where the user holds one of ``roles`` (the scoped querysets' agency side)."""
        return frozenset().union(*(self.agencies_by_role.get(role, ()) for role in roles))

    @property
    def editable_agency_ids(self) -> frozenset[int]:
        return self.agencies_for(AGENCY_EDITOR_ROLES)

    def can_read_agency(self, agency_id: int, *, roles: Iterable[str]) -> bool:
        return self.is_superuser or agency_id in self.agencies_for(roles)

    def can_edit_agency(self, agency_id: int) -> bool:
        return self.is_superuser or agency_id in self.editable_agency_ids


NO_ACCESS = Access(
    is_superuser=False,
    roles=frozenset(),
    agencies_by_role=MappingProxyType({}),
    unit_ids=frozenset(),
    head_unit_ids=frozenset(),
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
    # Imported here: organizations.models builds Agency's manager on organizations.scoping,
    # which reads this module, so a module-level import would be circular.
    from organizations.models import Agency, Membership, Unit

    memberships = list(
        Membership.objects.for_user(user).values_list("role", "agency_id", "unit_id")
    )
    by_role: dict[str, set[int]] = {}
    units: set[int] = set()
    heads: set[int] = set()
    for role, agency_id, unit_id in memberships:
        province = role == Role.PROVINCE_VIEWER
        reached = Agency(pk=agency_id).subtree_ids() if province else {agency_id}
        by_role.setdefault(role, set()).update(reached)
        if unit_id and role in UNIT_ROLES:
            units.add(unit_id)
            if role == Role.UNIT_HEAD:
                heads.add(unit_id)
    if units:
        units |= set(Unit.objects.groups_containing(units).values_list("pk", flat=True))
    return Access(
        is_superuser=user.is_superuser,
        roles=frozenset(by_role),
        agencies_by_role=MappingProxyType({role: frozenset(ids) for role, ids in by_role.items()}),
        unit_ids=frozenset(units),
        head_unit_ids=frozenset(heads),
    )
