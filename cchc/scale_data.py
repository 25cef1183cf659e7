"""Synthetic data at a province's scale, for benchmarks: ``manage.py generate_scale_data``.

Agencies with units (aliases, groups, external bodies), reporting periods, plans with
sections and tasks whose deadlines use every kind the importer understands (the original
words, parsed by the importer's own parser), lead and coordinating units, statuses with
progress entries, evidence rows, extensions, unit submissions, indicators with values and
budget lines with entries. Everything is drawn from one ``random.Random(seed)`` in a fixed
order, so a seed always gives the same rows. The large tables are written with one
``executemany`` each (``cchc.scale_rows``), the small ones with ``bulk_create``; no history
rows (history records edits, and nobody edited these).

``agency_code`` + ``agency_tasks`` give an existing agency (the demo's STP-TN) a share of
tasks spread evenly over its own internal units, so the demo users see a realistic part.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from budget.models import BudgetEntry, BudgetLine, EntryKind
from cchc import scale_vocabulary as words
from cchc.scale_rows import RowTable
from importer.parsing.deadlines import parse_deadline
from indicators.models import Indicator, IndicatorValue
from organizations.models import Agency, Unit, UnitAlias, UnitKind
from periods.models import PeriodKind, PeriodSubmission, ReportingPeriod, SubmissionStatus
from periods.services import ensure_periods
from plans.models import Plan, PlanStatus
from tasks.models import (
    Area,
    AssignmentRole,
    Evidence,
    Extension,
    ExtensionStatus,
    Task,
    TaskAssignment,
    TaskProgress,
    TaskStatus,
    search_text_of,
)

AGENCY_CODE_PREFIX = "QM-"  # quy mô: every generated agency's code starts with it
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
# (field, lowest, highest, message) of what a spec may ask for.
RANGES = (
    ("agencies", 0, 1000, _lazy("Số cơ quan phải từ %(low)d đến %(high)d.")),
    ("plans_per_agency", 1, 200, _lazy("Số kế hoạch mỗi cơ quan phải từ %(low)d đến %(high)d.")),
    ("tasks_per_plan", 1, 5000, _lazy("Số nhiệm vụ mỗi kế hoạch phải từ %(low)d đến %(high)d.")),
    ("agency_tasks", 0, 200_000, _lazy("Số nhiệm vụ của cơ quan phải từ %(low)d đến %(high)d.")),
    ("year", 2000, 2100, _lazy("Năm phải từ %(low)d đến %(high)d.")),
)


@dataclass(frozen=True)
class ScaleSpec:
    """What to generate; ``errors()`` says in Vietnamese what is wrong with it."""

    agencies: int
    plans_per_agency: int
    tasks_per_plan: int
    agency_code: str = ""
    agency_tasks: int = 0
    seed: int = 2026
    year: int = 2026

    def errors(self) -> list[str]:
        problems = [
            message % {"low": low, "high": high}
            for name, low, high, message in RANGES
            if not low <= getattr(self, name) <= high
        ]
        if bool(self.agency_code) != (self.agency_tasks > 0):
            problems.append(_("--agency và --agency-tasks (lớn hơn 0) phải dùng cùng nhau."))
        if self.agencies == 0 and not self.agency_code:
            problems.append(_("Không có gì để sinh: cần --agencies lớn hơn 0 hoặc --agency."))
        return problems


@dataclass
class ScaleCounts:
    """Rows written per kind, for the command's summary and the benchmark's log."""

    agencies: int = 0
    units: int = 0
    plans: int = 0
    sections: int = 0
    tasks: int = 0
    assignments: int = 0
    progress_entries: int = 0
    evidence: int = 0
    extensions: int = 0
    submissions: int = 0
    indicators: int = 0
    budget_lines: int = 0


class ScaleDataError(Exception):
    """The database cannot take this spec (say, no such agency); the message is Vietnamese."""


@dataclass
class UnitPool:
    """An agency's units as the generator draws them."""

    internal: list[Unit]
    groups: list[Unit]
    external: list[Unit]
    aliases: dict[int, list[str]] = field(default_factory=dict)

    def label(self, rng: random.Random, unit: Unit) -> str:
        """The unit as a plan would write it: its name or one of its aliases."""
        spellings = [unit.name, unit.name, *self.aliases.get(unit.pk, [])]
        return rng.choice(spellings)


class Tables:
    """The rows generated so far, by table; the large ones go through :class:`RowTable`."""

    def __init__(self) -> None:
        self.tasks = RowTable(Task)
        self.assignments = RowTable(TaskAssignment)
        self.entries = RowTable(TaskProgress)
        self.evidence = RowTable(Evidence)
        self.extensions = RowTable(Extension)
        self.submissions: list[PeriodSubmission] = []
        self.indicators: list[Indicator] = []
        self.indicator_values: list[tuple[Indicator, IndicatorValue]] = []
        self.budget_lines: list[tuple[BudgetLine, list[BudgetLine]]] = []
        self.sections = 0


def generate(*, spec: ScaleSpec) -> ScaleCounts:
    """Write the data ``spec`` describes in one transaction; raises :class:`ScaleDataError`."""
    rng = random.Random(spec.seed)
    with transaction.atomic():
        existing = _existing_agency(spec.agency_code) if spec.agency_code else None
        _refuse_second_run(spec)
        counts = ScaleCounts()
        generator = _Generator(rng=rng, spec=spec, areas=list(Area.objects.order_by("order", "pk")))
        for number in range(1, spec.agencies + 1):
            agency, pool = _new_agency(rng, number, counts)
            generator.add_agency(agency, pool, [spec.tasks_per_plan] * spec.plans_per_agency)
        if existing is not None:
            # Its own stream: the named agency gets the same rows whatever the number of
            # synthetic agencies before it, so the benchmark's 10k and 100k databases show
            # the demo users the same tasks (only the database around them grows).
            generator.rng = random.Random(f"{spec.seed}:{spec.agency_code}")
            sizes = _split(spec.agency_tasks, spec.tasks_per_plan)
            generator.add_agency(existing, _pool_of(existing), sizes, first_number=1000)
        _write(generator.tables, counts)
        counts.agencies = spec.agencies + (1 if existing else 0)
        counts.plans = generator.plans
        return counts


def _existing_agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise ScaleDataError(_("Không có cơ quan mã %(code)s.") % {"code": code})
    if not Unit.objects.filter(agency=agency, kind=UnitKind.INTERNAL, is_active=True).exists():
        raise ScaleDataError(
            _("Cơ quan %(code)s chưa có phòng, đơn vị nào để giao nhiệm vụ.") % {"code": code}
        )
    return agency


def _refuse_second_run(spec: ScaleSpec) -> None:
    if spec.agencies and Agency.objects.filter(code__startswith=AGENCY_CODE_PREFIX).exists():
        raise ScaleDataError(
            _(
                "Cơ sở dữ liệu đã có dữ liệu quy mô (cơ quan mã %(prefix)s...): "
                "hãy sinh trên một cơ sở dữ liệu mới."
            )
            % {"prefix": AGENCY_CODE_PREFIX}
        )


def _split(total: int, per_plan: int) -> list[int]:
    plans = math.ceil(total / per_plan)
    return [per_plan] * (plans - 1) + [total - per_plan * (plans - 1)]


# --- Agencies and units ---------------------------------------------------------


def _new_agency(rng: random.Random, number: int, counts: ScaleCounts) -> tuple[Agency, UnitPool]:
    department, symbol = words.DEPARTMENTS[(number - 1) % len(words.DEPARTMENTS)]
    province = words.PROVINCES[(number - 1) // len(words.DEPARTMENTS) % len(words.PROVINCES)]
    agency = Agency.objects.create(
        code=f"{AGENCY_CODE_PREFIX}{number:03d}",
        name=f"Sở {department} tỉnh {province}",
        parent_name=f"UBND TỈNH {province.upper()}",
        header_name=f"SỞ {department.upper()}",
        symbol=symbol,
        place_name=province,
    )
    extra = rng.randint(0, len(words.INTERNAL_UNITS) - words.ALWAYS_PRESENT_UNITS)
    specs = words.INTERNAL_UNITS[: words.ALWAYS_PRESENT_UNITS + extra]
    internal = Unit.objects.bulk_create(
        Unit(
            agency=agency,
            name=name,
            short_name=short,
            order=order,
            reminder_emails=f"{short.lower()}@{agency.code.lower()}.example.invalid",
        )
        for order, (name, short, _aliases) in enumerate(specs, start=1)
    )
    group_specs = (words.ALL_UNITS_GROUP, words.SPECIALIST_GROUP)
    groups = Unit.objects.bulk_create(
        Unit(agency=agency, name=name, kind=UnitKind.GROUP, order=100 + n)
        for n, (name, _aliases) in enumerate(group_specs)
    )
    external = Unit.objects.bulk_create(
        Unit(agency=agency, name=name, kind=UnitKind.EXTERNAL, order=200 + n)
        for n, (name, _aliases) in enumerate(words.EXTERNAL_UNITS)
    )
    members = Unit.members.through
    specialists = internal[1:5]
    members.objects.bulk_create(
        [members(from_unit=groups[0], to_unit=unit) for unit in internal]
        + [members(from_unit=groups[1], to_unit=unit) for unit in specialists]
    )
    aliases = {
        unit.pk: list(spelling)
        for unit, spelling in zip(
            [*internal, *groups, *external],
            [s[2] for s in specs]
            + [s[1] for s in group_specs]
            + [s[1] for s in words.EXTERNAL_UNITS],
            strict=True,
        )
    }
    UnitAlias.objects.bulk_create(
        UnitAlias(unit_id=pk, name=name) for pk, names in aliases.items() for name in names
    )
    counts.units += len(internal) + len(groups) + len(external)
    return agency, UnitPool(internal, groups, external, aliases)


def _pool_of(agency: Agency) -> UnitPool:
    units = list(Unit.objects.filter(agency=agency, is_active=True).order_by("order", "pk"))
    aliases: dict[int, list[str]] = {}
    for unit_id, name in (
        UnitAlias.objects.filter(unit__agency=agency).order_by("pk").values_list("unit_id", "name")
    ):
        aliases.setdefault(unit_id, []).append(name)
    return UnitPool(
        internal=[u for u in units if u.kind == UnitKind.INTERNAL],
        groups=[u for u in units if u.kind == UnitKind.GROUP],
        external=[u for u in units if u.kind == UnitKind.EXTERNAL],
        aliases=aliases,
    )


# --- Plans, tasks and everything attached to them ---------------------------------


class _Generator:
    """Draws plans and their rows into :class:`Tables`; only plans are written on the way."""

    def __init__(self, *, rng: random.Random, spec: ScaleSpec, areas: Sequence[Area]) -> None:
        self.rng, self.spec, self.areas = rng, spec, list(areas)
        self.tables = Tables()
        self.plans = 0
        self.deadline = functools.lru_cache(maxsize=None)(
            lambda text: parse_deadline(text, year=spec.year)
        )

    def add_agency(
        self, agency: Agency, pool: UnitPool, plan_sizes: list[int], first_number: int = 1
    ) -> None:
        periods = sorted(ensure_periods(agency=agency, year=self.spec.year), key=_cutoff)
        plans = Plan.objects.bulk_create(
            self._plan(agency, first_number + n) for n in range(len(plan_sizes))
        )
        self.plans += len(plans)
        for plan, size in zip(plans, plan_sizes, strict=True):
            rows = self._add_rows(plan, pool, periods, size)
            self._add_indicators(plan, rows, periods)
            self._add_budget(plan)
        self._add_submissions(pool, periods)

    def _plan(self, agency: Agency, number: int) -> Plan:
        rng, year = self.rng, self.spec.year
        kind, title = words.PLAN_TITLES[(number - 1) % len(words.PLAN_TITLES)]
        signer, signer_title = rng.choice(words.PLAN_SIGNERS)
        return Plan(
            agency=agency,
            number=str(number),
            symbol=f"KH-{agency.symbol}",
            title=f"{title} năm {year}" + (f" (đợt {number})" if number > 7 else ""),
            kind=kind,
            year=year,
            issued_on=dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(2, 40)),
            legal_basis=f"Thực hiện Kế hoạch số {rng.randint(100, 300)}/KH-UBND ngày "
            f"{rng.randint(10, 31)}/12/{year - 1} của UBND tỉnh",
            signer=signer,
            signer_title=signer_title,
            status=PlanStatus.ACTIVE if rng.random() < 0.9 else PlanStatus.CLOSED,
        )

    def _add_rows(self, plan: Plan, pool: UnitPool, periods, size: int) -> list[int]:
        """Sections (one per reform area) with numbered tasks, some with sub-tasks."""
        rng, tasks = self.rng, self.tables.tasks
        areas = sorted(
            rng.sample(self.areas, k=min(len(self.areas), rng.randint(4, 7))), key=_order
        )
        position, task_ids = 0, []
        for number, (area, count) in enumerate(
            zip(areas, _split_evenly(size, len(areas)), strict=True)
        ):
            roman = ROMAN[number]
            section = dict(
                plan_id=plan.pk,
                code=f"{roman}.",
                path=roman,
                position=position,
                is_section=True,
                area_id=area.pk,
                content=area.name.upper(),
            )
            section_id = tasks.add(**_searchable(section))
            self.tables.sections += 1
            position += 1
            parent_id, item, sub = None, 0, 0
            for _n in range(count):
                if parent_id is not None and rng.random() < 0.12:
                    sub += 1
                    code, under = f"{item}.{sub}", parent_id
                else:
                    item, sub = item + 1, 0
                    code, under = str(item), section_id
                row = self._task(plan, area, pool, periods, code=code, parent_id=under)
                row.update(path=f"{roman}/{code}", position=position)
                position += 1
                extras = {key: row.pop(key) for key in list(row) if key.startswith("_")}
                task_id = tasks.add(**_searchable(row))
                self._attach(task_id, row, extras)
                task_ids.append(task_id)
                if sub == 0:
                    parent_id = task_id
        return task_ids

    def _task(self, plan, area, pool, periods, *, code: str, parent_id: int) -> dict:
        rng, year = self.rng, self.spec.year
        text = rng.choice(words.DEADLINE_TEXTS).format(year=year)
        deadline = self.deadline(text)
        content = f"{rng.choice(words.TASK_VERBS)} {rng.choice(words.TASK_OBJECTS)}" + rng.choice(
            words.TASK_SUFFIXES
        ).format(year=year)
        row = dict(
            plan_id=plan.pk,
            parent_id=parent_id,
            code=code,
            area_id=area.pk,
            content=content,
            requirement=rng.choice(words.REQUIREMENTS),
            deadline_text=text,
            deadline_kind=str(deadline.kind),
            due_date=deadline.due_date,
            window_start=deadline.window_start,
            recurrence=",".join(str(r) for r in deadline.recurrence),
            event_note=deadline.event_note[:300],
        )
        row["_leads"], row["_coordinating"] = self._units(row, pool)
        self._progress(row, plan, periods)
        self._maybe_extension(row)
        return row

    def _units(self, row: dict, pool: UnitPool) -> tuple[list[Unit], list[Unit]]:
        rng = self.rng
        if pool.groups and rng.random() < 0.05:
            leads = [rng.choice(pool.groups)]
        else:
            two = rng.random() < 0.1 and len(pool.internal) > 1
            leads = rng.sample(pool.internal, k=2 if two else 1)
        others = [u for u in pool.internal if u not in leads]
        coordinating = rng.sample(others, k=min(len(others), rng.choice((0, 0, 1, 1, 1, 2, 3))))
        if pool.external and rng.random() < 0.2:
            coordinating.append(rng.choice(pool.external))
        row["lead_text"] = "; ".join(pool.label(rng, u) for u in leads)
        row["coordinating_text"] = "; ".join(pool.label(rng, u) for u in coordinating)
        return leads, coordinating

    def _progress(self, row: dict, plan: Plan, periods: list[ReportingPeriod]) -> None:
        """Status and what units reported, as of the third quarter's report."""
        rng = self.rng
        status = _draw_status(rng, row["due_date"], self.spec.year)
        row["status"] = status
        if status == TaskStatus.NOT_STARTED:
            return
        done = status == TaskStatus.DONE
        completed = _completion_day(rng, row["due_date"], self.spec.year) if done else None
        progress = 100 if done else rng.randrange(10, 100, 10)
        template = rng.choice(words.RESULTS_DONE if done else words.RESULTS_IN_PROGRESS)
        row.update(
            completed_on=completed,
            progress=progress,
            result=template.format(n=rng.randint(10, 300), symbol=plan.agency.symbol, p=progress),
            difficulties=rng.choice(words.DIFFICULTIES),
        )
        period = _period_for(periods, completed)
        row["_period"] = period
        earlier = [p for p in periods if p.cutoff < period.cutoff]
        row["_earlier"] = earlier[-1] if earlier and rng.random() < 0.4 else None
        row["_evidence"] = rng.randint(1, 2) if done and rng.random() < 0.35 else 0

    def _maybe_extension(self, row: dict) -> None:
        rng, due = self.rng, row["due_date"]
        if due is None or rng.random() >= 0.04:
            return
        requested = due + dt.timedelta(days=rng.choice((30, 45, 60)))
        status = rng.choices(
            [ExtensionStatus.APPROVED, ExtensionStatus.PENDING, ExtensionStatus.REJECTED],
            weights=[60, 25, 15],
        )[0]
        if status == ExtensionStatus.PENDING and row["status"] == TaskStatus.DONE:
            status = ExtensionStatus.APPROVED
        if status == ExtensionStatus.APPROVED:
            row["extended_due_date"] = requested
        notes = {ExtensionStatus.APPROVED: _("Đồng ý"), ExtensionStatus.REJECTED: _("Không đồng ý")}
        row["_extension"] = {
            "reason": rng.choice(words.EXTENSION_REASONS),
            "requested_date": requested,
            "previous_due_date": due,
            "status": status,
            "decided_at": None if status == ExtensionStatus.PENDING else _aware(due),
            "decision_note": notes.get(status, ""),
        }

    def _attach(self, task_id: int, row: dict, extras: dict) -> None:
        """The rows that point at a task: assignments, entries, evidence, extension."""
        tables, rng = self.tables, self.rng
        for role, key in (
            (AssignmentRole.LEAD, "_leads"),
            (AssignmentRole.COORDINATING, "_coordinating"),
        ):
            for position, unit in enumerate(extras[key]):
                tables.assignments.add(
                    task_id=task_id, unit_id=unit.pk, role=role, position=position
                )
        period, earlier = extras.get("_period"), extras.get("_earlier")
        if earlier is not None:
            progress = rng.randrange(10, max(20, row["progress"]), 10)
            tables.entries.add(
                task_id=task_id,
                period_id=earlier.pk,
                status=TaskStatus.IN_PROGRESS,
                progress=progress,
                result=words.RESULTS_IN_PROGRESS[0].format(p=progress),
            )
        if period is not None:
            tables.entries.add(
                task_id=task_id,
                period_id=period.pk,
                **{name: row[name] for name in ENTRY_FIELDS},
            )
        period_id = period.pk if period is not None else None  # evidence may predate periods
        for _n in range(extras.get("_evidence", 0)):
            tables.evidence.add(task_id=task_id, period_id=period_id, **_evidence(rng, task_id))
        extension = extras.get("_extension")
        if extension:
            tables.extensions.add(task_id=task_id, **extension)

    def _add_submissions(self, pool: UnitPool, periods: list[ReportingPeriod]) -> None:
        rng = self.rng
        for period in periods:
            if period.kind == PeriodKind.YEAR:
                continue  # the year's report is not due yet
            for unit in pool.internal:
                draw = rng.random()
                if draw >= 0.85:
                    continue
                returned = draw >= 0.75
                self.tables.submissions.append(
                    PeriodSubmission(
                        period=period,
                        unit=unit,
                        status=SubmissionStatus.RETURNED
                        if returned
                        else SubmissionStatus.SUBMITTED,
                        submitted_at=_aware(period.due_date - dt.timedelta(days=rng.randint(0, 6))),
                        returned_at=_aware(period.due_date) if returned else None,
                        return_comment=_("Bổ sung kết quả các nhiệm vụ quá hạn")
                        if returned
                        else "",
                    )
                )

    def _add_indicators(self, plan: Plan, task_ids: list[int], periods) -> None:
        rng = self.rng
        by_kind = {p.kind: p for p in periods}
        chosen = rng.sample(words.INDICATORS, k=rng.randint(1, 3))
        for position, (name, text, comparator, target, unit, per) in enumerate(chosen):
            indicator = Indicator(
                plan=plan,
                name=name,
                text=text,
                comparator=comparator,
                target_value=Decimal(target),
                unit=unit,
                per=per,
                position=position,
                task_id=rng.choice(task_ids) if task_ids and rng.random() < 0.6 else None,
            )
            self.tables.indicators.append(indicator)
            for kind in (PeriodKind.QUARTER_1, PeriodKind.HALF_YEAR):
                if kind in by_kind:
                    value = Decimal(f"{target * rng.uniform(0.85, 1.1):.2f}")
                    self.tables.indicator_values.append(
                        (indicator, IndicatorValue(period=by_kind[kind], value=value))
                    )

    def _add_budget(self, plan: Plan) -> None:
        rng = self.rng
        contents = rng.sample(words.BUDGET_LINES, k=rng.randint(2, 4))
        for position, content in enumerate(contents, start=1):
            children = []
            if rng.random() < 0.3:
                for sub, sub_content in enumerate(rng.sample(words.BUDGET_SUB_LINES, k=2), start=1):
                    children.append(
                        BudgetLine(
                            plan=plan,
                            code=f"{position}.{sub}",
                            content=sub_content,
                            planned_amount=rng.randint(4, 60) * 500_000,
                            position=100 * position + sub,
                        )
                    )
            line = BudgetLine(
                plan=plan,
                code=str(position),
                content=content,
                position=100 * position,
                planned_amount=None if children else rng.randint(10, 900) * 500_000,
            )
            self.tables.budget_lines.append((line, children))


# --- Small pure helpers ----------------------------------------------------------

ENTRY_FIELDS = ("status", "progress", "result", "difficulties", "completed_on")


def _searchable(row: dict) -> dict:
    """The row with its ``search_text``, computed as ``Task.save`` would."""
    columns = {"content": "", "requirement": "", "deadline_text": "", "result": ""}
    row["search_text"] = search_text_of(SimpleNamespace(**(columns | row)))
    return row


def _order(area: Area) -> tuple[int, int]:
    return (area.order, area.pk)


def _cutoff(period: ReportingPeriod) -> dt.date:
    return period.cutoff


def _split_evenly(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if n < extra else 0) for n in range(parts)]


def _draw_status(rng: random.Random, due: dt.date | None, year: int) -> str:
    # Tasks due early in the year are mostly done by the third quarter's report.
    weights = (10, 15, 75) if due is not None and due <= dt.date(year, 9, 30) else (30, 50, 20)
    statuses = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.DONE)
    return rng.choices(statuses, weights=weights)[0]


def _completion_day(rng: random.Random, due: dt.date | None, year: int) -> dt.date:
    if due is None:
        return dt.date(year, 1, 15) + dt.timedelta(days=rng.randint(0, 300))
    # Most finish before the deadline, some after it (Hoàn thành quá hạn).
    return min(due + dt.timedelta(days=rng.randint(-40, 20)), dt.date(year, 11, 30))


def _period_for(periods: list[ReportingPeriod], day: dt.date | None) -> ReportingPeriod:
    """The period a report on ``day`` goes into; open-ended work is reported in Quý III."""
    if day is None:
        return next((p for p in periods if p.kind == PeriodKind.QUARTER_3), periods[-1])
    return next((p for p in periods if p.cutoff >= day), periods[-1])


_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
}


def _evidence(rng: random.Random, task_id: int) -> dict:
    name = rng.choice(words.EVIDENCE_NAMES)
    suffix = name.rsplit(".", 1)[-1]
    # A row pointing at no file: its download answers 404, as for a lost file.
    return {
        "original_name": name,
        "size": rng.randint(20_000, 4_000_000),
        "file": f"evidence/{task_id}/{uuid.UUID(int=rng.getrandbits(128)).hex}.{suffix}",
        "content_type": _CONTENT_TYPES[suffix],
    }


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


# --- Writing ------------------------------------------------------------------------


def _write(tables: Tables, counts: ScaleCounts) -> None:
    """Insert every table; keys were chosen in advance, so the order is free."""
    task_rows = tables.tasks.write()
    counts.sections = tables.sections
    counts.tasks = task_rows - tables.sections
    counts.assignments = tables.assignments.write()
    counts.progress_entries = tables.entries.write()
    counts.evidence = tables.evidence.write()
    counts.extensions = tables.extensions.write()
    PeriodSubmission.objects.bulk_create(tables.submissions, ignore_conflicts=True)
    counts.submissions = len(tables.submissions)
    Indicator.objects.bulk_create(tables.indicators)
    counts.indicators = len(tables.indicators)
    for indicator, value in tables.indicator_values:
        value.indicator = indicator
    IndicatorValue.objects.bulk_create([v for _i, v in tables.indicator_values])
    counts.budget_lines = _write_budget(tables.budget_lines)


def _write_budget(lines: list[tuple[BudgetLine, list[BudgetLine]]]) -> int:
    BudgetLine.objects.bulk_create([line for line, _children in lines])
    for line, children in lines:
        for child in children:
            child.parent = line
    children = [child for _line, kids in lines for child in kids]
    BudgetLine.objects.bulk_create(children)
    entries = []
    for line in [line for line, _kids in lines] + children:
        if line.planned_amount:
            entries.append(_budget_entry(line, EntryKind.ALLOCATION, line.planned_amount, 2))
            if line.position % 2:
                entries.append(
                    _budget_entry(line, EntryKind.DISBURSEMENT, line.planned_amount // 2, 7)
                )
    BudgetEntry.objects.bulk_create(entries)
    return len(lines) + len(children)


def _budget_entry(line: BudgetLine, kind: str, amount: int, month: int) -> BudgetEntry:
    return BudgetEntry(
        line=line,
        kind=kind,
        amount=amount,
        date=dt.date(line.plan.year, month, 15),
        note=_("Theo Quyết định giao dự toán") if kind == EntryKind.ALLOCATION else "",
    )
