"""The PAR Index self-assessment (Chỉ số CCHC): a criteria set per year and agency level,
each criterion's self-score with explanation and evidence, and the appraised score."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.models import Agency, Unit
from organizations.roles import TASK_READER_ROLES
from organizations.scoping import Condition, ScopedQuerySet
from plans.models import Plan
from tasks.models import Evidence, Task


class AgencyLevel(models.TextChoices):
    DEPARTMENT = "department", _("Sở, ban, ngành")
    COMMUNE = "commune", _("UBND cấp xã")


class Suggestion(models.TextChoices):
    """Product data a criterion's pre-score can be suggested from."""

    NONE = "", _("Không gợi ý")
    ON_TIME_RATE = "on_time_rate", _("Tỷ lệ nhiệm vụ đến hạn của kế hoạch CCHC hoàn thành đúng hạn")
    DONE_SHARE = "done_share", _("Tỷ lệ nhiệm vụ của kế hoạch CCHC đã hoàn thành")


class CriteriaSetQuerySet(ScopedQuerySet):
    """Task readers read the agency's sets (the accountant does not); unit staff the sets in
    which their unit is responsible for a criterion."""

    agency_field = "agency"
    read_roles = TASK_READER_ROLES

    def reached_through_units(self, unit_ids: frozenset[int]) -> Condition:
        sets = Criterion.objects.filter(responsible_unit_id__in=sorted(unit_ids))
        return Q(pk__in=sets.values("criteria_set_id"))


class CriteriaSet(models.Model):
    """The criteria of one year's PAR Index for one agency level, as the agency imported it."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="par_sets"
    )
    year = models.PositiveIntegerField(_("năm"))
    level = models.CharField(_("cấp"), max_length=12, choices=AgencyLevel.choices)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("kế hoạch CCHC"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kế hoạch dùng để gợi ý điểm từ tiến độ nhiệm vụ."),
    )
    source_name = models.CharField(_("tệp nguồn"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)

    objects = CriteriaSetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bộ tiêu chí Chỉ số CCHC")
        verbose_name_plural = _("bộ tiêu chí Chỉ số CCHC")
        ordering = ["-year", "level"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "level"], name="par_set_unique_year"),
        ]

    def __str__(self) -> str:
        return _("Chỉ số CCHC năm %(year)s — %(level)s") % {
            "year": self.year,
            "level": self.get_level_display(),
        }

    def get_absolute_url(self) -> str:
        return reverse("par:detail", args=[self.pk])


class CriterionQuerySet(ScopedQuerySet):
    """Criteria are read with their set; the responsible unit and the editors score them."""

    agency_field = "criteria_set__agency"
    read_roles = TASK_READER_ROLES

    def reached_through_units(self, unit_ids: frozenset[int]) -> Condition:
        sets = Criterion.objects.filter(responsible_unit_id__in=sorted(unit_ids))
        return Q(criteria_set_id__in=sets.values("criteria_set_id"))

    def changed_through_units(self, unit_ids: frozenset[int]) -> Condition:
        return Q(responsible_unit_id__in=sorted(unit_ids))

    def with_permissions(self, user) -> CriterionQuerySet:
        from organizations.access import access_for

        return self.annotate(user_can_score=self.flag(self.editability(access_for(user))))


class Criterion(models.Model):
    """A lĩnh vực, tiêu chí or tiêu chí thành phần with its maximum score and, for a leaf,
    the self-score, its explanation and the council's appraised score."""

    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name=_("bộ tiêu chí"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("mã"), max_length=40)
    label = models.CharField(_("STT"), max_length=20)
    title = models.TextField(_("tiêu chí"))
    depth = models.PositiveSmallIntegerField(_("cấp"), default=0)
    max_score = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    guidance = models.TextField(_("hướng dẫn chấm điểm"), blank=True)
    required_evidence = models.TextField(_("tài liệu kiểm chứng cần có"), blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    responsible_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị chịu trách nhiệm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    suggestion = models.CharField(
        _("gợi ý điểm từ"), max_length=20, choices=Suggestion.choices, blank=True
    )
    self_score = models.DecimalField(
        _("điểm tự chấm"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    explanation = models.TextField(_("giải trình"), blank=True)
    appraised_score = models.DecimalField(
        _("điểm thẩm định"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chấm"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("chấm lúc"), null=True, blank=True)

    objects = CriterionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["criteria_set", "position"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="par_criterion_code"),
            models.CheckConstraint(condition=Q(max_score__gte=0), name="par_max_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.label}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("par:score", args=[self.pk])

    def score_refusal(self, score: Decimal) -> str:
        """Why ``score`` cannot be given to this criterion; "" when it can."""
        if score < 0:
            return str(_("Điểm không được âm."))
        if score > self.max_score:
            return str(
                _("Điểm %(score)s vượt quá điểm tối đa %(max)s của tiêu chí.")
                % {"score": score.normalize(), "max": self.max_score.normalize()}
            )
        return ""


def par_evidence_path(instance: CriterionEvidence, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"par-evidence/{instance.criterion_id}/{uuid.uuid4().hex}{suffix}"


class CriterionEvidenceQuerySet(ScopedQuerySet):
    agency_field = "criterion__criteria_set__agency"
    read_roles = TASK_READER_ROLES

    def reached_through_units(self, unit_ids: frozenset[int]) -> Condition:
        sets = Criterion.objects.filter(responsible_unit_id__in=sorted(unit_ids))
        return Q(criterion__criteria_set_id__in=sets.values("criteria_set_id"))


class CriterionEvidence(models.Model):
    """A tài liệu kiểm chứng of a self-score: an uploaded file, or a link to a task's evidence
    file or result already in the tracker (not uploaded twice)."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("tiêu chí"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("tệp"), upload_to=par_evidence_path, max_length=255, blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    content_type = models.CharField(_("loại nội dung"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    task_evidence = models.ForeignKey(
        Evidence,
        verbose_name=_("tài liệu của nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("kết quả nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thêm"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    objects = CriterionEvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tài liệu kiểm chứng Chỉ số CCHC")
        verbose_name_plural = _("tài liệu kiểm chứng Chỉ số CCHC")
        ordering = ["criterion", "pk"]

    def __str__(self) -> str:
        if self.task_evidence_id:
            return str(self.task_evidence)
        if self.task_id:
            return str(self.task)
        return self.original_name

    def get_absolute_url(self) -> str:
        if self.task_evidence_id:
            return reverse("tasks:evidence", args=[self.task_evidence_id])
        if self.task_id:
            return reverse("tasks:detail", args=[self.task_id])
        return reverse("par:evidence", args=[self.pk])
