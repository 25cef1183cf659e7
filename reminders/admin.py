from django.contrib import admin

from reminders.models import Digest, DigestOptOut, ReminderItem, ReminderSettings


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["day", "recipient", "agency", "status", "item_count", "attempts", "sent_at"]
    list_filter = ["status", "day", "agency"]
    search_fields = ["recipient"]
    list_select_related = ["agency"]
    date_hierarchy = "day"
    readonly_fields = ["claimed_at", "sent_at", "created_at", "next_attempt_at"]


@admin.register(ReminderItem)
class ReminderItemAdmin(admin.ModelAdmin):
    list_display = ["created_on", "subject", "recipient", "kind", "threshold", "deadline"]
    list_filter = ["kind", "created_on", "agency"]
    search_fields = ["recipient", "subject"]
    raw_id_fields = ["task", "period", "extension", "unit", "user", "digest"]


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ["agency", "lead_days", "overdue_repeat_days", "escalate_after_days"]


@admin.register(DigestOptOut)
class DigestOptOutAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    raw_id_fields = ["user"]
