"""The audit log in the admin (read-only), and the admin hooks that feed it.

Role changes happen in the admin: ``AuditedMembershipAdmin`` and ``AuditedUserAdmin``
take the place of ``organizations.admin.MembershipAdmin`` and Django's user admin and
record them. Swapping the registrations here keeps the arrow pointing down: the audit app
knows the apps it watches, they do not know it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models

from audit.models import AuditAction, AuditEvent
from audit.services import record_event
from organizations.admin import MembershipAdmin
from organizations.models import Membership

# Every column, shown and never editable.
EVENT_FIELDS: tuple[str, ...] = (
    "created_at",
    "action",
    "user",
    "username",
    "client_address",
    "user_agent",
    "path",
    "object_type",
    "object_id",
    "object_label",
    "agency",
    "detail",
)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Admins read and filter the log; nobody adds, edits or deletes a row through the UI."""

    list_display = [
        "created_at",
        "action",
        "username",
        "client_address",
        "object_type",
        "object_label",
        "agency",
    ]
    list_filter = [
        "action",
        ("user", admin.RelatedOnlyFieldListFilter),
        "created_at",
        "agency",
    ]
    search_fields = ["username", "object_label", "object_id", "client_address", "path"]
    date_hierarchy = "created_at"
    list_select_related = ["agency"]
    list_per_page = 50
    # The log grows by every login and download: skip the unfiltered COUNT(*) per page.
    show_full_result_count = False
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _plain(value: Any) -> Any:
    """A form value as JSON can hold it: related objects by id."""
    if isinstance(value, models.Model):
        return value.pk
    return value


def _changes(form) -> dict[str, list[Any]]:
    return {
        name: [_plain(form.initial.get(name)), _plain(form.cleaned_data.get(name))]
        for name in form.changed_data
    }


class AuditedMembershipAdmin(MembershipAdmin):
    """Record every membership added, changed or deleted through the admin."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        action = AuditAction.MEMBERSHIP_UPDATE if change else AuditAction.MEMBERSHIP_CREATE
        record_event(action=action, request=request, obj=obj, detail={"changes": _changes(form)})

    def delete_model(self, request, obj) -> None:
        facts = _deleted_membership(obj)
        super().delete_model(request, obj)
        record_event(action=AuditAction.MEMBERSHIP_DELETE, request=request, **facts)

    def delete_queryset(self, request, queryset) -> None:
        # The bulk "delete selected" action: one event per membership removed.
        doomed = [_deleted_membership(m) for m in queryset.select_related("user", "unit", "agency")]
        super().delete_queryset(request, queryset)
        for facts in doomed:
            record_event(action=AuditAction.MEMBERSHIP_DELETE, request=request, **facts)


def _deleted_membership(membership) -> dict[str, Any]:
    """What the event needs, taken before the row (and its pk) is gone."""
    return {
        "obj": membership,
        "object_id": membership.pk,
        "object_label": str(membership),
        "agency_id": membership.agency_id,
        "detail": {
            "user": membership.user_id,
            "role": membership.role,
            "unit": membership.unit_id,
            "is_active": membership.is_active,
        },
    }


# Account flags that grant or withdraw access: admin site, everything, any login.
WATCHED_USER_FLAGS = ("is_active", "is_staff", "is_superuser")


class AuditedUserAdmin(UserAdmin):
    """Django's user admin, recording changes to the flags that grant access."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        changes = {k: v for k, v in _changes(form).items() if k in WATCHED_USER_FLAGS}
        if change and changes:
            record_event(
                action=AuditAction.USER_FLAGS_CHANGE,
                request=request,
                obj=obj,
                detail={"changes": changes},
            )


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AuditedUserAdmin)
admin.site.unregister(Membership)
admin.site.register(Membership, AuditedMembershipAdmin)
