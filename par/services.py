"""Writes of the PAR Index self-assessment: the criteria import, self-scores, appraisal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.access import access_for
from organizations.models import Agency, Unit
from organizations.scoping import deny_unless
from par.models import CriteriaSet, Criterion, CriterionEvidence
from par.parsing import CriteriaTable
from tasks.models import Evidence, Task
from tasks.services import check_uploads


@transaction.atomic
def import_criteria(
    *, agency: Agency, year: int, level: str, table: CriteriaTable, user, source_name: str = ""
) -> CriteriaSet:
    """Create or update the agency's set for ``year`` and ``level`` from ``table``, all or nothing.

    Criteria are matched by their STT path, so a corrected file keeps the scores already given;
    a criterion missing from the new file is removed unless it has a score or evidence.
    """
    deny_unless(access_for(user).can_edit_agency(agency.pk))
    if table.errors:
        raise ValidationError(table.errors)
    criteria_set, _created = CriteriaSet.objects.get_or_create(
        agency=agency, year=year, level=level, defaults={"created_by": user}
    )
    criteria_set.source_name = source_name[:200]
    criteria_set.save(update_fields=["source_name"])
    existing = {criterion.code: criterion for criterion in criteria_set.criteria.all()}
    kept = {row.code for row in table.rows}
    gone = [c for code, c in existing.items() if code not in kept]
    scored = [c.label for c in gone if c.self_score is not None or c.evidence.exists()]
    if scored:
        raise ValidationError(
            _("Tệp mới thiếu các tiêu chí đã chấm điểm: %(codes)s.") % {"codes": ", ".join(scored)}
        )
    Criterion.objects.filter(pk__in=[c.pk for c in gone]).delete()
    by_code: dict[str, Criterion] = {}
    for position, row in enumerate(table.rows, start=1):
        criterion = existing.get(row.code) or Criterion(criteria_set=criteria_set, code=row.code)
        criterion.parent = by_code.get(row.parent_code) if row.parent_code else None
        criterion.label = row.label[:20]
        criterion.title = row.title
        criterion.depth = row.depth
        criterion.max_score = row.max_score
        criterion.guidance = row.guidance
        criterion.required_evidence = row.evidence
        criterion.position = position
        criterion.save()
        by_code[row.code] = criterion
    return criteria_set


@dataclass(frozen=True)
class SelfScore:
    score: Decimal
    explanation: str
    task_evidence: Sequence[Evidence] = field(default_factory=tuple)
    tasks: Sequence[Task] = field(default_factory=tuple)


def score_criterion(
    *, criterion: Criterion, user, self_score: SelfScore, files: Sequence[UploadedFile] = ()
) -> Criterion:
    """The responsible unit's (or the Văn phòng's) self-score with explanation and evidence."""
    deny_unless(Criterion.objects.editable_by(user).contains(criterion))
    if criterion.children.exists():
        raise ValidationError(_("Chỉ chấm điểm ở tiêu chí thành phần; điểm mục cha là tổng."))
    refusal = criterion.score_refusal(self_score.score)
    if refusal:
        raise ValidationError({"score": refusal})
    if not self_score.explanation.strip():
        raise ValidationError({"explanation": _("Vui lòng giải trình điểm tự chấm.")})
    checked = check_uploads(files)
    saved: list[CriterionEvidence] = []
    try:
        with transaction.atomic():
            criterion.self_score = self_score.score
            criterion.explanation = self_score.explanation.strip()
            criterion.scored_by = user
            criterion.scored_at = timezone.now()
            criterion._history_user = user
            criterion.save()
            for upload, file_type in checked:
                evidence = CriterionEvidence(
                    criterion=criterion,
                    original_name=(upload.name or "")[:255],
                    content_type=file_type.content_type,
                    size=upload.size or 0,
                    uploaded_by=user,
                )
                evidence.file.save(upload.name, upload, save=False)
                saved.append(evidence)
                evidence.save()
            for task_file in self_score.task_evidence:
                CriterionEvidence.objects.get_or_create(
                    criterion=criterion, task_evidence=task_file, defaults={"uploaded_by": user}
                )
            for task in self_score.tasks:
                CriterionEvidence.objects.get_or_create(
                    criterion=criterion, task=task, defaults={"uploaded_by": user}
                )
    except Exception:
        for evidence in saved:
            evidence.file.delete(save=False)
        raise
    return criterion


@transaction.atomic
def manage_criterion(
    *,
    criterion: Criterion,
    user,
    responsible_unit: Unit | None,
    suggestion: str,
    appraised_score: Decimal | None,
) -> Criterion:
    """The Văn phòng's part: who scores the criterion, its suggestion source, the appraisal."""
    agency_id = criterion.criteria_set.agency_id
    deny_unless(access_for(user).can_edit_agency(agency_id))
    if responsible_unit is not None and responsible_unit.agency_id != agency_id:
        raise ValidationError({"responsible_unit": _("Đơn vị không thuộc cơ quan.")})
    if appraised_score is not None:
        refusal = criterion.score_refusal(appraised_score)
        if refusal:
            raise ValidationError({"appraised_score": refusal})
    criterion.responsible_unit = responsible_unit
    criterion.suggestion = suggestion
    criterion.appraised_score = appraised_score
    criterion._history_user = user
    criterion.save(update_fields=["responsible_unit", "suggestion", "appraised_score"])
    return criterion
