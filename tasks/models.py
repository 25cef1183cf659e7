"""Tasks (nhiệm vụ): the rows of a plan's appendix, as a tree, with who leads and when due."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from pathlib import PurePath
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.aggregates import PlainCount
from common.files import StoredFile
from organizations.access import Access, access_for
from organizations.models import Unit
from organizations.roles import TASK_READER_ROLES
from organizations.scoping import Condition, ScopedQuerySet
from periods.models import ReportingPeriod
from plans.models import Plan
from tasks import timeliness as rules
from tasks.badges import CSS_PREFIX, EXTENDED_CSS, BadgeKind, RowBadge, row_badge_keys
from tasks.search import search_key


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


class Timeliness(models.TextChoices):
    """Labels for :class:`tasks.timeliness.Timeliness` (a test keeps the values equal)."""

    ON_TIME = rules.Timeliness.ON_TIME.value, _("Trong hạn")
    DUE_SOON = rules.Timeliness.DUE_SOON.value, _("Sắp đến hạn")
    OVERDUE = rules.Timeliness.OVERDUE.value, _("Quá hạn")
    NO_DEADLINE = rules.Timeliness.NO_DEADLINE.value, _("Chưa xác định hạn")


class ReportBucket(models.TextChoices):
    """Labels for :class:`tasks.timeliness.Bucket`, in report order."""

    DONE_ON_TIME = rules.Bucket.DONE_ON_TIME.value, _("Hoàn thành đúng hạn")
    DONE_LATE = rules.Bucket.DONE_LATE.value, _("Hoàn thành quá hạn")
    IN_PROGRESS = rules.Bucket.IN_PROGRESS.value, _("Đang thực hiện trong hạn")
    OVERDUE = rules.Bucket.OVERDUE.value, _("Chưa hoàn thành, quá hạn")
    RECURRING = rules.Bucket.RECURRING.value, _("Thường xuyên, định kỳ")
    NO_DEADLINE = rules.Bucket.NO_DEADLINE.value, _("Chưa xác định hạn")


# ``ReportBucket.values`` builds a new list at each access (~11 µs); the grouped counts read
# the buckets once per group, thousands of times for a province.
REPORT_BUCKETS: tuple[str, ...] = tuple(ReportBucket.values)
BUCKET_COUNT_KEYS = (*REPORT_BUCKETS, "extended", "total")  # a bucket-counts dict's keys


def _soon_days(soon_days: int | None) -> int:
    return settings.DUE_SOON_DAYS if soon_days is None else soon_days


# The columns the task list's text search reads, folded into ``Task.search_text``.
SEARCHED_FIELDS = frozenset({"content", "requirement", "deadline_text", "result"})


def search_text_of(task) -> str:
    """The folded text of ``task``'s searched columns (see :mod:`tasks.search`)."""
    return search_key("\n".join((task.content, task.requirement, task.deadline_text, task.result)))


class TaskScopedQuerySet(ScopedQuerySet):
    """The scope of tasks and of the rows that hang off one (entries, evidence, extensions).

    Task readers see every row of their agencies; staff and unit heads see the rows of
    tasks their units (or groups containing them) lead or coordinate.
    """

    agency_field = "task__plan__agency"
    deleted_at_field = "task__plan__deleted_at"
    read_roles = TASK_READER_ROLES
    task_field: ClassVar[str] = "task"  # path from a row to its task ("pk" for Task)

    def reached_through_units(self, unit_ids: frozenset[int]) -> Condition:
        return self.assigned_to(unit_ids)

    def assigned_to(self, unit_ids, role: str | None = None) -> Condition:
        """Rows whose task one of ``unit_ids`` leads or coordinates (or holds ``role`` in).

        An indexed ``task IN (assignments of these units)``: the cost follows the units'
        share of tasks, not the size of the database.
        """
        if not unit_ids:
            return False
        assignments = TaskAssignment.objects.filter(unit_id__in=sorted(unit_ids))
        if role is not None:
            assignments = assignments.filter(role=role)
        return Q(**{f"{self.task_field}__in": assignments.values("task_id")})


def empty_bucket_counts() -> dict[str, int]:
    """Every report bucket, ``extended`` and ``total`` at zero."""
    return dict.fromkeys(BUCKET_COUNT_KEYS, 0)


class TaskQuerySet(TaskScopedQuerySet):
    """``visible_to`` is the one scoping rule every list, detail, export, report and job uses.

    ``editable_by``: agency editors anywhere, unit roles where their unit leads.
    """

    agency_field = "plan__agency"
    deleted_at_field = "plan__deleted_at"
    task_field = "pk"

    def changed_through_units(self, unit_ids: frozenset[int]) -> Condition:
        return self.assigned_to(unit_ids, AssignmentRole.LEAD)

    def commentable_by(self, user) -> TaskQuerySet:
        """Tasks the user may comment on: agency editors, and units that coordinate the task."""
        return self.where(self.commentability(access_for(user)))

    def commentability(self, access: Access) -> Condition:
        coordinating = self.assigned_to(access.unit_ids, AssignmentRole.COORDINATING)
        return self.scope(access, agency_ids=access.editable_agency_ids, also=coordinating)

    def extendable_by(self, user) -> TaskQuerySet:
        """Tasks the user may ask an extension for: those led by a unit the user heads."""
        return self.led_by(access_for(user).head_unit_ids)

    def led_by(self, unit_ids) -> TaskQuerySet:
        return self.where(self.assigned_to(unit_ids, AssignmentRole.LEAD))

    def with_permissions(self, user) -> TaskQuerySet:
        """Annotate what ``user`` may do with each row, from the same rules as the methods above."""
        access = access_for(user)
        return self.annotate(
            user_can_edit=self.flag(self.editability(access)),
            user_can_comment=self.flag(self.commentability(access)),
            user_can_extend=self.flag(self.assigned_to(access.head_unit_ids, AssignmentRole.LEAD)),
        )

    def with_entry_state(self, *, period: ReportingPeriod) -> TaskQuerySet:
        """Annotate ``has_entry`` and ``entry_returned`` (sent back, not yet corrected)."""
        entries = TaskProgress.objects.filter(task=models.OuterRef("pk"), period=period)
        return self.annotate(
            has_entry=models.Exists(entries),
            entry_returned=models.Exists(entries.filter(returned_at__isnull=False)),
        )

    def with_returned_entry(self) -> TaskQuerySet:
        """Annotate ``has_returned_entry``: an entry of any period is sent back, uncorrected.

        An uncorrelated ``IN`` over the few returned entries, not a per-row EXISTS, like
        the list's scope (tests/tasks/test_scoping_shape.py).
        """
        returned = TaskProgress.objects.filter(returned_at__isnull=False).values("task_id")
        return self.annotate(has_returned_entry=self.flag(Q(pk__in=returned)))

    def with_user_role(self, user) -> TaskQuerySet:
        """Annotate ``user_role``: "lead", "coordinating" or "" for the user's own units."""
        unit_ids = access_for(user).unit_ids
        if not unit_ids:
            return self.annotate(user_role=Value("", output_field=models.CharField()))
        return self.annotate(
            user_role=Case(
                When(
                    self.assigned_to(unit_ids, AssignmentRole.LEAD),
                    then=Value(AssignmentRole.LEAD.value),
                ),
                When(
                    self.assigned_to(unit_ids, AssignmentRole.COORDINATING),
                    then=Value(AssignmentRole.COORDINATING.value),
                ),
                default=Value(""),
                output_field=models.CharField(),
            )
        )

    def with_timeliness(
        self, *, on: dt.date | None = None, soon_days: int | None = None
    ) -> TaskQuerySet:
        """Annotate ``effective_due``, ``timeliness`` and ``bucket`` for day ``on``.

        Mirrors :mod:`tasks.timeliness` (see its docstring for the extension rule):
        timeliness uses the effective deadline, buckets the original one.
        """
        day = on or timezone.localdate()
        soon_limit = day + dt.timedelta(days=_soon_days(soon_days))
        done = Q(status=TaskStatus.DONE)
        chars = models.CharField()
        return self.annotate(
            effective_due=Coalesce(F("extended_due_date"), F("due_date")),
        ).annotate(
            timeliness=Case(
                When(effective_due__isnull=True, then=Value(Timeliness.NO_DEADLINE.value)),
                When(
                    done & Q(completed_on__lte=F("effective_due")),
                    then=Value(Timeliness.ON_TIME.value),
                ),
                When(done, then=Value(Timeliness.OVERDUE.value)),
                When(effective_due__lt=day, then=Value(Timeliness.OVERDUE.value)),
                When(effective_due__lte=soon_limit, then=Value(Timeliness.DUE_SOON.value)),
                default=Value(Timeliness.ON_TIME.value),
                output_field=chars,
            ),
            bucket=Case(
                When(
                    deadline_kind__in=sorted(rules.RECURRING_KINDS),
                    then=Value(ReportBucket.RECURRING.value),
                ),
                When(
                    done & (Q(due_date__isnull=True) | Q(completed_on__lte=F("due_date"))),
                    then=Value(ReportBucket.DONE_ON_TIME.value),
                ),
                When(done, then=Value(ReportBucket.DONE_LATE.value)),
                When(due_date__isnull=True, then=Value(ReportBucket.NO_DEADLINE.value)),
                When(due_date__lt=day, then=Value(ReportBucket.OVERDUE.value)),
                default=Value(ReportBucket.IN_PROGRESS.value),
                output_field=chars,
            ),
        )

    def in_overdue_bucket(self, *, on: dt.date) -> TaskQuerySet:
        """``bucket == "overdue"`` ("Chưa hoàn thành, quá hạn") written as plain column
        tests, which the database checks (and indexes serve) without the bucket's CASE."""
        return (
            self.exclude(status=TaskStatus.DONE)
            .exclude(deadline_kind__in=sorted(rules.RECURRING_KINDS))
            .filter(due_date__lt=on)
        )

    def overdue(self, *, on: dt.date | None = None) -> TaskQuerySet:
        return self.with_timeliness(on=on).filter(timeliness=Timeliness.OVERDUE)

    def due_within(self, days: int, *, on: dt.date | None = None) -> TaskQuerySet:
        return self.with_timeliness(on=on, soon_days=days).filter(timeliness=Timeliness.DUE_SOON)

    def bucket_counts(self) -> dict[str, int]:
        """Rows per report bucket plus ``extended`` and ``total`` in ONE query.

        Needs ``with_timeliness``.
        """
        return self.bucket_counts_by().get((), empty_bucket_counts())

    def bucket_counts_by(
        self, *fields: str, also: Mapping[str, Q] | None = None
    ) -> dict[tuple, dict[str, int]]:
        """Bucket counts (as ``bucket_counts``) per value of ``fields``: ONE grouped query.

        Grouped by the bucket rather than one ``COUNT(...) FILTER (WHERE <bucket> = ...)``
        per bucket: the database then evaluates the bucket's CASE once per row, not once
        per bucket (2-3x faster on a unit's 2,000 tasks). Keys are tuples of the fields'
        values, ``()`` without fields; groups with no row are absent. ``also`` names more
        counts of the same rows (name → condition), made in the same pass and summed into
        each group under their names.
        """
        extra = {
            name: PlainCount("pk", filter=condition) for name, condition in (also or {}).items()
        }
        rows = (
            self.order_by()
            .values(*fields, "bucket")
            .annotate(
                n=PlainCount("pk"),
                n_extended=PlainCount("pk", filter=Q(extended_due_date__isnull=False)),
                **extra,
            )
            # Tuples, not dicts: a province's roll-up reads ~3,000 groups of ~30 counts.
            .values_list(*fields, "bucket", "n", "n_extended", *extra)
        )
        width = len(fields)
        zero = empty_bucket_counts() | dict.fromkeys(extra, 0)
        counts: dict[tuple, dict[str, int]] = {}
        for row in rows:
            key, (bucket, n, n_extended, *more) = row[:width], row[width:]
            group = counts.get(key)
            if group is None:
                group = counts[key] = zero.copy()
            group[bucket] += n
            group["extended"] += n_extended
            group["total"] += n
            for name, value in zip(extra, more, strict=True):
                group[name] += value
        return counts

    def actionable(self) -> TaskQuerySet:
        """Rows that are work to do, not pure section headings."""
        return self.filter(is_section=False)

    def with_leads(self) -> TaskQuerySet:
        """The assignments and their units (``lead_label``, ``coordinating_label``)."""
        return self.prefetch_related(
            models.Prefetch(
                "assignments",
                queryset=TaskAssignment.objects.select_related("unit").order_by("role", "position"),
            )
        )

    # What one row of the task list draws (templates/tasks/task_list.html, its badges).
    LIST_ROW_FIELDS = (
        "id", "plan", "code", "content", "is_section", "lead_text", "deadline_text",
        "deadline_kind", "due_date", "extended_due_date", "status", "progress", "completed_on",
    )  # fmt: skip

    def for_list_rows(self) -> TaskQuerySet:
        """Only the columns a list row draws: its own, the plan's name and the leads' names.

        A third of the columns ``with_units`` reads; each row and unit is a lighter
        instance (the list's 25 rows and their ~100 assignments).
        """
        plan_fields = [f"plan__{name}" for name in Plan.LABEL_FIELDS]
        return (
            self.select_related("plan")
            .only(*self.LIST_ROW_FIELDS, *plan_fields)
            .prefetch_related(self._lead_names())
        )

    def for_table_rows(self) -> TaskQuerySet:
        """A list row's columns, its parent and position, and the leads' names; no join.

        For tables whose rows draw no plan: the plan page (every row is of the plan the
        page has; a 300-row plan read 300 copies of its plan, agency and lĩnh vực before)
        and the dashboard's overdue and due-soon lists.
        """
        return self.only(*self.LIST_ROW_FIELDS, "parent", "position").prefetch_related(
            self._lead_names()
        )

    @staticmethod
    def _lead_names() -> models.Prefetch:
        """The rows' assignments in role and plan order, with only their units' names."""
        leads = (
            TaskAssignment.objects.select_related("unit")
            .only("task", "unit__name", "role", "position")
            .order_by("role", "position")
        )
        return models.Prefetch("assignments", queryset=leads)

    def with_units(self) -> TaskQuerySet:
        """``with_leads`` and the plan, agency, lĩnh vực and parent row the lists show."""
        return self.select_related("plan", "plan__agency", "area", "parent").with_leads()

    def with_detail(self) -> TaskQuerySet:
        """Everything the detail page shows, in a fixed number of queries."""
        return self.with_units().prefetch_related(
            models.Prefetch(
                "progress_entries",
                queryset=TaskProgress.objects.select_related("period", "updated_by").order_by(
                    "-period__cutoff"
                ),
            ),
            models.Prefetch(
                "evidence", queryset=Evidence.objects.select_related("uploaded_by", "period")
            ),
            models.Prefetch(
                "comments", queryset=TaskComment.objects.select_related("author", "period")
            ),
            models.Prefetch(
                "extensions",
                queryset=Extension.objects.select_related("requested_by", "decided_by"),
            ),
        )

    # Every write path keeps ``search_text`` in step with the searched columns: save()
    # does it for one row, these three for the bulk paths (the importer, scale data).
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for task in objs:
            task.search_text = search_text_of(task)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs, fields = list(objs), list(fields)
        if SEARCHED_FIELDS.intersection(fields):
            for task in objs:
                task.search_text = search_text_of(task)
            fields = [*fields, "search_text"] if "search_text" not in fields else fields
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs) -> int:
        if "search_text" in kwargs or not SEARCHED_FIELDS.intersection(kwargs):
            return super().update(**kwargs)
        # The new values may be expressions: read the rows back once they are written.
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        Task.objects.filter(pk__in=pks).refresh_search_text()
        return count

    def refresh_search_text(self) -> None:
        """Recompute ``search_text`` of these rows from their stored columns."""
        tasks = list(self.only("pk", *SEARCHED_FIELDS))
        for task in tasks:
            task.search_text = search_text_of(task)
        Task.objects.bulk_update(tasks, ["search_text"], batch_size=500)

    def matching(self, words: str) -> TaskQuerySet:
        """Rows containing every word, with or without diacritics, in any case.

        A word also matches a row whose STT is exactly that word ("1.2").
        """
        queryset = self
        for word in words.split():
            key = search_key(word)
            queryset = queryset.filter(Q(search_text__contains=key) | Q(code__iexact=word))
        return queryset


class Task(models.Model):
    """One row of a plan's appendix: a section heading or a task with units and a deadline.

    ``code`` is the STT as written; ``path`` is the stable key inside the plan
    ("II/1.2") used to update a plan in place when a revised version is imported.
    The deadline keeps the original words next to the structured fields derived
    from them; ``due_date`` stays the original deadline even after an extension.

    Extensions: an approved :class:`Extension` sets ``extended_due_date`` and
    never touches ``due_date``. Timeliness (Trong hạn / Sắp đến hạn / Quá hạn)
    uses the effective deadline (extension if approved, else original); report
    buckets (Hoàn thành đúng hạn / quá hạn, Chưa hoàn thành quá hạn) compare with
    the ORIGINAL ``due_date`` and approved extensions are counted apart, so
    on-time rates stay honest. The rule lives in :mod:`tasks.timeliness` and in
    ``TaskQuerySet.with_timeliness``; every screen and report uses one of them.

    ``status``, ``progress``, ``result``, ``difficulties``, ``proposals`` and
    ``completed_on`` mirror the task's progress entry of the latest reporting
    period; only ``tasks.services.record_progress`` writes them.
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
    # Derived from the searched columns (tasks.search); written by save() and the
    # manager's bulk methods, never by a form.
    search_text = models.TextField(_("nội dung tìm kiếm"), blank=True, editable=False)

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "position", "search_text"])

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
        indexes = [
            models.Index(fields=["plan", "due_date"]),
            models.Index(fields=["status"]),
            # The dashboard's oldest overdue tasks and the next ones due, in the order they
            # are shown: the database walks these and stops at 20 rows instead of sorting
            # every overdue task of a province (PostgreSQL 100k: 96 -> 12 ms, 56 -> 4 ms).
            models.Index(fields=["due_date", "plan", "position"], name="task_due_order"),
            models.Index(
                Coalesce("extended_due_date", "due_date"),
                F("plan"),
                F("position"),
                name="task_effective_due_order",
            ),
        ]

    def __str__(self) -> str:
        prefix = f"{self.code}. " if self.code else ""
        text = self.content if len(self.content) <= 80 else self.content[:77] + "..."
        return prefix + text

    def save(self, *args, **kwargs) -> None:
        # A derived column of this row only (no other record changes): the search
        # must see what was just saved, whichever view, service or admin saved it.
        self.search_text = search_text_of(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and SEARCHED_FIELDS.intersection(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("tasks:detail", args=[self.pk])

    @property
    def effective_due_date(self):
        """The deadline in force: the approved extension if any, else the original."""
        return rules.effective_due(self.due_date, self.extended_due_date)

    @property
    def is_recurring(self) -> bool:
        return self.deadline_kind in rules.RECURRING_KINDS

    def timeliness_on(
        self, on: dt.date | None = None, *, soon_days: int | None = None
    ) -> Timeliness:
        """Same answer as ``TaskQuerySet.with_timeliness`` for this one task."""
        return Timeliness(
            rules.timeliness(
                done=self.status == TaskStatus.DONE,
                due_date=self.due_date,
                extended_due_date=self.extended_due_date,
                completed_on=self.completed_on,
                on=on or timezone.localdate(),
                soon_days=_soon_days(soon_days),
            )
        )

    @property
    def timeliness_label(self) -> str:
        """Label of the ``timeliness`` annotation (``TaskQuerySet.with_timeliness``)."""
        return Timeliness(self.timeliness).label

    @property
    def user_role_label(self) -> str:
        """Label of the ``user_role`` annotation (``TaskQuerySet.with_user_role``)."""
        return AssignmentRole(self.user_role).label if self.user_role else ""

    def bucket_on(self, on: dt.date | None = None) -> ReportBucket:
        """Same answer as the ``bucket`` annotation: judged on the ORIGINAL deadline."""
        return ReportBucket(
            rules.report_bucket(
                done=self.status == TaskStatus.DONE,
                deadline_kind=self.deadline_kind,
                due_date=self.due_date,
                completed_on=self.completed_on,
                on=on or timezone.localdate(),
            )
        )

    def row_badges(self, *, on: dt.date | None = None, report: bool = False) -> list[RowBadge]:
        """The badges this row shows, by the one rule of :mod:`tasks.badges`.

        Rows fetched through ``with_timeliness`` keep the day the list was judged on;
        other rows are judged on ``on`` (today by default).
        """
        annotated = on is None and hasattr(self, "timeliness")
        keys = row_badge_keys(
            is_section=self.is_section,
            deadline_kind=self.deadline_kind,
            timeliness=rules.Timeliness(self.timeliness if annotated else self.timeliness_on(on)),
            bucket=rules.Bucket(self.bucket if annotated else self.bucket_on(on)),
            extended_due_date=self.extended_due_date,
            report=report,
        )
        return [self._row_badge(key.kind, key.value) for key in keys]

    def _row_badge(self, kind: BadgeKind, value: str) -> RowBadge:
        if kind == BadgeKind.EXTENDED:
            day = dt.date.fromisoformat(value)
            label = gettext("Đã gia hạn đến %(day)s") % {"day": f"{day:%d/%m/%Y}"}
            return RowBadge(EXTENDED_CSS, label)
        choices = {
            BadgeKind.TIMELINESS: Timeliness,
            BadgeKind.BUCKET: ReportBucket,
            BadgeKind.RECURRING: DeadlineKind,
        }[kind]
        return RowBadge(CSS_PREFIX[kind] + value, str(choices(value).label))

    @property
    def badges(self) -> list[RowBadge]:
        """Badges for chasing contexts (lists, detail, plan page, reminder e-mail)."""
        return self.row_badges()

    @property
    def report_badges(self) -> list[RowBadge]:
        """Badges for report contexts: the report bucket instead of timeliness."""
        return self.row_badges(report=True)

    def units_in_role(self, role: str) -> list[Unit]:
        """Units of one role in plan order; uses prefetched assignments when present."""
        return [a.unit for a in self.assignments.all() if a.role == role]

    @property
    def lead_units(self) -> list[Unit]:
        return self.units_in_role(AssignmentRole.LEAD)

    @property
    def coordinating_units(self) -> list[Unit]:
        return self.units_in_role(AssignmentRole.COORDINATING)

    @property
    def lead_label(self) -> str:
        """Lead units for display: matched unit names, else the words the plan used."""
        return "; ".join(u.name for u in self.lead_units) or self.lead_text

    @property
    def coordinating_label(self) -> str:
        """Coordinating units for display: matched unit names, else the plan's words."""
        return "; ".join(u.name for u in self.coordinating_units) or self.coordinating_text


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
        # Staff scoping and the reminder sweep start from a unit's assignments in a role.
        indexes = [models.Index(fields=["unit", "role", "task"], name="assignment_unit_role_task")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"


class TaskProgressQuerySet(TaskScopedQuerySet):
    """Entries follow their task's scope."""


class TaskProgress(models.Model):
    """What a leading unit reported on a task for one reporting period (one row per period).

    Recurring and continuous tasks ("Thường xuyên", "Định kỳ") keep a separate
    entry for every period; the task itself mirrors the entry of its latest period.
    ``returned_at`` is set when the Văn phòng sends the entry back for completion
    and cleared by the next update.
    """

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="progress_entries"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.PROTECT,
        related_name="progress_entries",
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    returned_at = models.DateTimeField(_("bị trả lại lúc"), null=True, blank=True)

    objects = TaskProgressQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiến độ theo kỳ")
        verbose_name_plural = _("tiến độ theo kỳ")
        ordering = ["task", "period__cutoff"]
        constraints = [
            models.UniqueConstraint(fields=["task", "period"], name="progress_unique_per_period"),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="progress_entry_0_100",
            ),
            models.CheckConstraint(
                condition=~Q(status=TaskStatus.DONE) | ~Q(result=""),
                name="progress_done_has_result",
            ),
        ]
        # The dashboard's "cập nhật gần đây" reads an agency's newest entries: PostgreSQL
        # walks this index backwards and stops at 20 instead of sorting every entry.
        indexes = [
            models.Index(fields=["updated_at", "id"], name="progress_updated_at"),
            # The few entries sent back, for the lists' "Bị trả lại" flag
            # (``with_returned_entry``): without it every list page scanned every entry.
            models.Index(
                fields=["task"], condition=Q(returned_at__isnull=False), name="progress_returned"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.period}"

    @property
    def is_returned(self) -> bool:
        return self.returned_at is not None


def evidence_upload_path(instance: Evidence, filename: str) -> str:
    """A random name under the task's folder; the original name is kept in the row only."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"evidence/{instance.task_id}/{uuid.uuid4().hex}{suffix}"


class EvidenceQuerySet(TaskScopedQuerySet):
    """Evidence follows its task's scope (downloads included)."""


class Evidence(StoredFile):
    """A tài liệu kiểm chứng: a file proving a task's result, stored privately under MEDIA_ROOT.

    Files are served only by ``tasks:evidence`` after the task scoping check.
    """

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="evidence"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    file = models.FileField(_("tệp"), upload_to=evidence_upload_path, max_length=255)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu kiểm chứng")
        verbose_name_plural = _("tài liệu kiểm chứng")
        ordering = ["task", "uploaded_at", "pk"]

    def get_absolute_url(self) -> str:
        return reverse("tasks:evidence", args=[self.pk])


class CommentKind(models.TextChoices):
    COORDINATION = "coordination", _("Ý kiến đơn vị phối hợp")
    COORDINATOR = "coordinator", _("Ý kiến Văn phòng")
    SEND_BACK = "send_back", _("Trả lại để bổ sung")


class TaskComment(models.Model):
    """A note on a task: from a coordinating unit, from the Văn phòng, or a send-back reason."""

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="comments"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("kỳ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người viết"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("loại ý kiến"), max_length=16, choices=CommentKind.choices)
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")
        ordering = ["task", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.body[:60]}"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Không duyệt")


class ExtensionQuerySet(TaskScopedQuerySet):
    """Requests follow their task's scope; unit heads ask through ``Task.extendable_by``."""

    def decidable_by(self, user) -> ExtensionQuerySet:
        """Requests the user may approve or reject: the agency editors' (Văn phòng)."""
        return self.editable_by(user)

    def pending(self) -> ExtensionQuerySet:
        return self.filter(status=ExtensionStatus.PENDING)


class Extension(models.Model):
    """A unit head's request to move a task's deadline (gia hạn), and the Văn phòng's decision.

    ``previous_due_date`` records the deadline in force when asked. Approval sets
    ``Task.extended_due_date``; ``Task.due_date`` (the original) never changes.
    """

    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="extensions"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đề nghị"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("đề nghị lúc"), auto_now_add=True)
    reason = models.TextField(_("lý do"))
    requested_date = models.DateField(_("đề nghị gia hạn đến ngày"))
    previous_due_date = models.DateField(_("hạn trước khi gia hạn"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ExtensionStatus.choices,
        default=ExtensionStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến khi quyết định"), blank=True)

    objects = ExtensionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering = ["task", "requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(status="pending"),
                name="extension_one_pending_per_task",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} → {self.requested_date:%d/%m/%Y}"

    @property
    def is_pending(self) -> bool:
        return self.status == ExtensionStatus.PENDING
