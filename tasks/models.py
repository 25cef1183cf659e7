"""Tasks (nhiệm vụ): the rows of a plan's appendix, as a tree, with who leads and when due."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.access import access_for
from organizations.models import Unit
from plans.models import Plan


class Area(models.Model):
    """A lĩnh vực of administrative reform (cải cách thể chế, cải cách TTHC, ...)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")


class DeadlineKind(models.TextChoices):
    """Mirrors ``importer.parsing.deadlines.DeadlineKind`` (a test keeps them equal)."""

    DATE = "date", _("Ngày cụ thể")
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    HALF_YEAR = "half_year", _("6 tháng")
    YEAR = "year", _("Năm")
    WINDOW = "window", _("Khoảng thời gian")
    RECURRING = "recurring", _("Định kỳ")
    CONTINUOUS = "continuous", _("Thường xuyên")
    EVENT = "event", _("Theo sự kiện")
    UNKNOWN = "unknown", _("Chưa xác định")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COORDINATING = "coordinating", _("Phối hợp")


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user) -> TaskQuerySet:
        """The one scoping rule for tasks: every list, detail, export, report and job uses it.

        Agency-wide roles see every task of their agencies; staff and unit heads see
        tasks their units (or groups containing them) lead or coordinate.
        """
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        own_unit = TaskAssignment.objects.filter(task=OuterRef("pk"), unit_id__in=access.unit_ids)
        return self.filter(Q(plan__agency_id__in=access.readable_agency_ids) | Exists(own_unit))

    def editable_by(self, user) -> TaskQuerySet:
        """Tasks the user may update: agency editors anywhere, unit roles where their unit leads."""
        access = access_for(user)
        if access.is_superuser:
            return self.all()
        led_by_own_unit = TaskAssignment.objects.filter(
            task=OuterRef("pk"), unit_id__in=access.unit_ids, role=AssignmentRole.LEAD
        )
        return self.filter(
            Q(plan__agency_id__in=access.editable_agency_ids) | Exists(led_by_own_unit)
        )

    def actionable(self) -> TaskQuerySet:
        """Rows that are work to do, not pure section headings."""
        return self.filter(is_section=False)

    def led_by(self, unit_ids) -> TaskQuerySet:
        return self.filter(
            Exists(
                TaskAssignment.objects.filter(
                    task=OuterRef("pk"), unit_id__in=unit_ids, role=AssignmentRole.LEAD
                )
            )
        )

    def with_units(self) -> TaskQuerySet:
        return self.select_related("plan", "plan__agency", "area", "parent").prefetch_related(
            models.Prefetch(
                "assignments",
                queryset=TaskAssignment.objects.select_related("unit").order_by("role", "position"),
            )
        )


class Task(models.Model):
    """One row of a plan's appendix: a section heading or a task with units and a deadline.

    ``code`` is the STT as written; ``path`` is the stable key inside the plan
    ("II/1.2") used to update a plan in place when a revised version is imported.
    The deadline keeps the original words next to the structured fields derived
    from them; ``due_date`` stays the original deadline even after an extension.
    """

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="tasks"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc mục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("STT"), max_length=20, blank=True)
    path = models.CharField(_("khóa vị trí"), max_length=120)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_section = models.BooleanField(_("là đề mục"), default=False)
    area = models.ForeignKey(
        Area,
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    content = models.TextField(_("nội dung công việc"))
    requirement = models.TextField(_("yêu cầu, kết quả cần đạt"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    units = models.ManyToManyField(
        Unit, through="TaskAssignment", verbose_name=_("đơn vị"), related_name="tasks"
    )
    lead_text = models.TextField(_("đơn vị chủ trì (nguyên văn)"), blank=True)
    coordinating_text = models.TextField(_("đơn vị phối hợp (nguyên văn)"), blank=True)

    deadline_text = models.CharField(
        _("thời gian hoàn thành (nguyên văn)"), max_length=500, blank=True
    )
    deadline_kind = models.CharField(
        _("loại thời hạn"),
        max_length=12,
        choices=DeadlineKind.choices,
        default=DeadlineKind.UNKNOWN,
    )
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    window_start = models.DateField(_("bắt đầu từ"), null=True, blank=True)
    recurrence = models.CharField(
        _("chu kỳ"), max_length=60, blank=True, help_text=_("Ví dụ: quarterly,yearly")
    )
    event_note = models.CharField(_("điều kiện, sự kiện"), max_length=300, blank=True)
    extended_due_date = models.DateField(_("hạn sau gia hạn"), null=True, blank=True)

    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "position"])

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "path"], name="task_unique_path_per_plan"),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="task_progress_0_100"
            ),
            models.CheckConstraint(
                condition=~Q(status=TaskStatus.DONE) | Q(completed_on__isnull=False),
                name="task_done_has_completion_date",
            ),
        ]
        indexes = [models.Index(fields=["plan", "due_date"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        prefix = f"{self.code}. " if self.code else ""
        text = self.content if len(self.content) <= 80 else self.content[:77] + "..."
        return prefix + text

    def get_absolute_url(self) -> str:
        return reverse("tasks:detail", args=[self.pk])

    @property
    def effective_due_date(self):
        """The deadline in force: the approved extension if any, else the original."""
        return self.extended_due_date or self.due_date

    def units_in_role(self, role: str) -> list[Unit]:
        """Units of one role in plan order; uses prefetched assignments when present."""
        return [a.unit for a in self.assignments.all() if a.role == role]

    @property
    def lead_units(self) -> list[Unit]:
        return self.units_in_role(AssignmentRole.LEAD)

    @property
    def coordinating_units(self) -> list[Unit]:
        return self.units_in_role(AssignmentRole.COORDINATING)


class TaskAssignment(models.Model):
    """A unit's part in a task: lead (chủ trì) or coordinating (phối hợp), in plan order."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("vai trò"), max_length=12, choices=AssignmentRole.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["task", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "role"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"
