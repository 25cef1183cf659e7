"""Writes that touch agencies, units and memberships together."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from cchc.demo import DemoAgency, DemoPlan, DemoUser
from importer.preview import ImportPreview
from organizations.models import Agency, Membership, Unit, UnitAlias, UnitKind


def sync_record(model, *, lookup: dict, values: dict):
    """Get or create by ``lookup`` and save only when a value differs.

    Unlike ``update_or_create`` it writes nothing (and records no history) when the
    row is already as wanted, so running a loader twice leaves the database as it was.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
    return instance


@transaction.atomic
def load_demo_agency(spec: DemoAgency) -> Agency:
    """Create or update one demo agency with its units, aliases and group members."""
    agency = sync_record(
        Agency,
        lookup={"code": spec.code},
        values={
            "name": spec.name,
            "parent_name": spec.parent_name,
            "header_name": spec.header_name,
            "symbol": spec.symbol,
            "place_name": spec.place_name,
        },
    )
    units: dict[str, Unit] = {}
    for order, unit_spec in enumerate(spec.units, start=1):
        unit = sync_record(
            Unit,
            lookup={"agency": agency, "name": unit_spec.name},
            values={"short_name": unit_spec.short_name, "kind": unit_spec.kind, "order": order},
        )
        for alias in unit_spec.aliases:
            UnitAlias.objects.get_or_create(unit=unit, name=alias)
        units[unit_spec.name] = unit
    internal = [u for u in units.values() if u.kind == UnitKind.INTERNAL]
    for unit_spec in spec.units:
        if unit_spec.members:
            members = (
                internal if unit_spec.members == ("*",) else [units[n] for n in unit_spec.members]
            )
            group = units[unit_spec.name]
            if set(group.members.all()) != set(members):
                group.members.set(members)
    return agency


DEMO_NAME_PREFIX = "[DEMO]"


@transaction.atomic
def load_demo_user(spec: DemoUser, *, agency: Agency, password: str):
    """Create or reset one demo user with exactly the demo membership."""
    User = get_user_model()
    # "[DEMO]" leads the name wherever it is shown, so nobody mistakes these for real people.
    first_name, _space, last_name = f"{DEMO_NAME_PREFIX} {spec.full_name}".rpartition(" ")
    user = sync_record(
        User,
        lookup={"username": spec.username},
        values={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{spec.username}@example.invalid",
            "is_staff": spec.username == "admin",
            "is_superuser": spec.username == "admin",
            "is_active": True,
        },
    )
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    unit = Unit.objects.get(agency=agency, name=spec.unit_name) if spec.unit_name else None
    Membership.objects.filter(user=user).exclude(agency=agency, unit=unit, role=spec.role).delete()
    Membership.objects.get_or_create(user=user, agency=agency, unit=unit, role=spec.role)
    return user


def demo_area_leads(preview: ImportPreview, plan: DemoPlan) -> dict[str, int | None]:
    """The lead of each area whose tasks name none: the preview's suggestion, else the demo's.

    This is what a coordinator confirming the preview would do, so a narrative plan's tasks
    get units and the unit staff of that agency see them.
    """
    chosen = dict(plan.area_leads)
    unit_ids = {name: unit_id for unit_id, name in preview.directory.names.items()}
    return {
        area.path: area.suggested_unit_id or unit_ids.get(chosen.get(area.title, ""))
        for area in preview.area_leads
    }
