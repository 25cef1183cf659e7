"""The audit log: who did what, when and from where; written once, never edited."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations.models import Agency


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Đăng nhập")
    LOGIN_FAILED = "login_failed", _("Đăng nhập không thành công")
    LOCKOUT = "lockout", _("Tạm khoá đăng nhập")
    PERMISSION_DENIED = "denied", _("Bị từ chối truy cập (403)")
    NOT_FOUND = "not_found", _("Truy cập đối tượng không có (404)")
    PLAN_IMPORT = "plan_import", _("Nhập kế hoạch")
    PLAN_EXPORT = "plan_export", _("Xuất kế hoạch")
    PLAN_DELETE = "plan_delete", _("Xoá kế hoạch (vào thùng rác)")
    PLAN_RESTORE = "plan_restore", _("Khôi phục kế hoạch")
    PLAN_PURGE = "plan_purge", _("Xoá hẳn kế hoạch")
    EVIDENCE_DOWNLOAD = "evidence_download", _("Tải tài liệu kiểm chứng")
    DASHBOARD_EXPORT = "dashboard_export", _("Xuất bảng tổng quan")
    REPORT_DOWNLOAD = "report_download", _("Tải báo cáo")
    PERIOD_LOCK = "period_lock", _("Khoá kỳ báo cáo")
    PERIOD_REOPEN = "period_reopen", _("Mở lại kỳ báo cáo")
    MEMBERSHIP_CREATE = "membership_create", _("Thêm phân quyền")
    MEMBERSHIP_UPDATE = "membership_update", _("Sửa phân quyền")
    MEMBERSHIP_DELETE = "membership_delete", _("Xoá phân quyền")
    USER_FLAGS_CHANGE = "user_flags", _("Đổi quyền tài khoản")
    BUDGET_EXPORT = "budget_export", _("Xuất kinh phí")
    PAR_IMPORT = "par_import", _("Nhập bộ tiêu chí Chỉ số CCHC")
    PAR_EXPORT = "par_export", _("Xuất bảng tự chấm Chỉ số CCHC")

    @classmethod
    def for_period_opening(cls, reopened_until: dt.date | None) -> AuditAction:
        """Reopening with no end date is how a coordinator locks a period again."""
        return cls.PERIOD_REOPEN if reopened_until else cls.PERIOD_LOCK


class AuditEventQuerySet(models.QuerySet):
    def older_than(self, cutoff: dt.datetime) -> AuditEventQuerySet:
        return self.filter(created_at__lt=cutoff)


class AuditEvent(models.Model):
    """One security-relevant event. Rows are only ever inserted, then purged by age.

    ``username`` keeps what was typed (failed logins have no user) and survives the
    user's deletion; ``object_type`` is the model label (``tasks.evidence``) or, for a
    denied URL, its route name.
    """

    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    action = models.CharField(_("hành động"), max_length=32, choices=AuditAction.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    client_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=300, blank=True)
    path = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    object_label = models.CharField(_("đối tượng"), max_length=255, blank=True)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký truy cập")
        ordering = ["-created_at", "-pk"]
        # Nobody adds, changes or deletes audit rows by hand; admins only read them.
        default_permissions = ("view",)
        indexes = [models.Index(fields=["action", "created_at"], name="audit_action_time")]

    def __str__(self) -> str:
        who = self.username or "—"
        when = timezone.localtime(self.created_at)
        return f"{when:%d/%m/%Y %H:%M:%S} {who} {self.get_action_display()}"
