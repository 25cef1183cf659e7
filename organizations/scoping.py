"""The one permission mechanism: rows a user reaches, and "seen but not allowed" as a 403.

Modelled on netbox's ``RestrictedQuerySet.restrict(user, action)``. A model's QuerySet
subclasses :class:`ScopedQuerySet` and declares where its rows belong and who reads them::

    class PeriodSubmissionQuerySet(ScopedQuerySet):
        agency_field = "period__agency"      # path from a row to its Agency ("pk" for Agency)
        read_roles = TASK_READER_ROLES       # roles that read every row of their agencies

and, where staff and unit heads reach rows through their units, one hook::

        def reached_through_units(self, unit_ids) -> Q:
            return Q(unit_id__in=unit_ids)

``visible_to(user)`` and ``editable_by(user)`` come from the base; a model with more
rules (``commentable_by``, ``accepting_updates_from``) builds them with :meth:`scope`.
Out of scope is 404 (fetch through ``visible_to``); in scope but not allowed is 403
(:func:`deny_unless`), in views and services alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Self

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

from organizations.access import Access, access_for

# What a scope rule says: every row (superuser), no row, or the rows matching a condition.
Condition = Q | bool


class ScopedQuerySet(models.QuerySet):
    """Agency-scoped rows: the superuser short-circuit and the agency filter, written once."""

    agency_field: ClassVar[str]
    read_roles: ClassVar[frozenset[str]]
    # Path to the ``deleted_at`` of the plan a row belongs to ("deleted_at" for Plan), or
    # None: rows of a plan in the trash are out of every scope, superuser's included.
    deleted_at_field: ClassVar[str | None] = None

    def reached_through_units(self, unit_ids: frozenset[int]) -> Condition:
        """Rows staff and unit heads read through ``unit_ids`` (never empty); False: none."""
        return False

    def changed_through_units(self, unit_ids: frozenset[int]) -> Condition:
        """Rows staff and unit heads may change through ``unit_ids``; False: none."""
        return False

    def visible_to(self, user) -> Self:
        return self.where(self.visibility(access_for(user)))

    def editable_by(self, user) -> Self:
        return self.where(self.editability(access_for(user)))

    def visibility(self, access: Access) -> Condition:
        reach = self.reached_through_units(access.unit_ids) if access.unit_ids else False
        return self.scope(access, agency_ids=access.agencies_for(self.read_roles), also=reach)

    def editability(self, access: Access) -> Condition:
        reach = self.changed_through_units(access.unit_ids) if access.unit_ids else False
        return self.scope(access, agency_ids=access.editable_agency_ids, also=reach)

    def scope(
        self, access: Access, *, agency_ids: Iterable[int], also: Condition = False
    ) -> Condition:
        """Everything for a superuser; else the rows of ``agency_ids`` plus those matching ``also``.

        An empty side is left out rather than written as a condition that matches nothing,
        so a staff member's query starts from the units' assignments alone. When both sides
        are present they are united by primary key instead of OR-ed, so each side keeps its
        index and the database never tests every row of every agency.
        """
        if access.is_superuser or also is True:
            return True
        sides = [Q(**{f"{self.agency_field}__in": sorted(agency_ids)})] if agency_ids else []
        if also is not False:
            sides.append(also)
        if not sides:
            return False
        if len(sides) == 1:
            return sides[0]
        rows = self.model._base_manager
        first, second = (rows.filter(side).order_by().values("pk") for side in sides)
        return Q(pk__in=first.union(second))

    def where(self, condition: Condition) -> Self:
        """Apply a scope rule: all rows, none, or the matching ones (never a deleted plan's)."""
        if condition is False:
            return self.none()
        rows = self.not_deleted()
        return rows if condition is True else rows.filter(condition)

    def not_deleted(self) -> Self:
        """Rows outside the trash: a plain ``IS NULL`` filter (a join), never an OR."""
        if self.deleted_at_field is None:
            return self.all()
        return self.filter(**{f"{self.deleted_at_field}__isnull": True})

    @staticmethod
    def flag(condition: Condition) -> models.Expression:
        """A scope rule as a boolean column, for per-row ``user_can_*`` annotations."""
        if isinstance(condition, bool):
            return models.Value(condition)
        return models.ExpressionWrapper(condition, output_field=models.BooleanField())


def deny_unless(allowed: bool) -> None:
    """Raise 403 unless ``allowed``: the one way views and services say "seen but not allowed".

    Fetch the object through ``visible_to(user)`` first (404 when out of scope), then e.g.
    ``deny_unless(task.user_can_edit)`` or ``deny_unless(Task.objects.editable_by(user)
    .contains(task))``.
    """
    if not allowed:
        raise PermissionDenied
