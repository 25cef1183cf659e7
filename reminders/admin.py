from django.contrib import admin

from reminders.models import ReminderDelivery


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(admin.ModelAdmin):
    list_display = ["day", "unit", "status", "task_count", "attempts", "sent_at"]
    list_filter = ["status", "day", "unit__agency"]
    search_fields = ["unit__name", "recipients"]
    list_select_related = ["unit"]
    date_hierarchy = "day"
    readonly_fields = ["claimed_at", "sent_at", "created_at"]
