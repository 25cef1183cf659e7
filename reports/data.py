"""What a report needs from the database, as plain rows (no Django).

A report is built from one :class:`ReportData`: read live (``reports.selectors``) or loaded
from the period's frozen snapshot (``reports.models.PeriodSnapshot``), which stores exactly
``ReportData.to_json()``. Building from the same data therefore gives the same document,
whatever happened to the tasks since the snapshot was taken.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tasks.timeliness import Bucket

SCHEMA_VERSION = 1
DONE = "done"  # tasks.models.TaskStatus.DONE, kept as text so this module imports no model


@dataclass(frozen=True)
class TaskRow:
    """One actionable task as of the report date (its latest period entry up to then)."""

    task_id: int
    plan_id: int
    area_name: str
    area_order: int
    code: str
    content: str
    lead: str
    deadline_text: str
    deadline_kind: str
    due_date: dt.date | None
    extended_due_date: dt.date | None
    completed_on: dt.date | None
    status: str
    progress: int
    result: str
    difficulties: str
    proposals: str
    bucket: str

    @property
    def is_done(self) -> bool:
        return self.status == DONE

    @property
    def is_recurring(self) -> bool:
        return self.bucket == Bucket.RECURRING

    @property
    def effective_due(self) -> dt.date | None:
        return self.extended_due_date or self.due_date

    def is_due(self, *, start: dt.date, as_of: dt.date) -> bool:
        """Due by ``as_of`` and still part of this period's work.

        A task finished before the period began was reported in an earlier period.
        """
        if self.is_recurring or self.due_date is None or self.due_date > as_of:
            return False
        finished_before = self.is_done and self.completed_on is not None
        return not (finished_before and self.completed_on < start)  # type: ignore[operator]

    def is_pending_late(self, *, as_of: dt.date) -> bool:
        """Not done and past the deadline in force (an extension moves it)."""
        deadline = self.effective_due
        return not self.is_done and deadline is not None and deadline < as_of


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator of the period: its target sentence, value reached and whether it is met."""

    indicator_id: int
    plan_id: int
    name: str
    target_text: str
    unit: str
    value: Decimal | None
    met: bool | None  # None: no value reported for the period


@dataclass(frozen=True)
class BudgetRow:
    """A budget line with what has been disbursed from it by the report date."""

    line_id: int
    plan_id: int
    code: str
    content: str
    planned: int | None
    disbursed: int
    counted_in_total: bool  # False for sub-items whose parent states the amount


@dataclass(frozen=True)
class PlanRow:
    """A plan in force: "Kế hoạch số 12/KH-STP ngày 05/01/2026 ..."."""

    plan_id: int
    number: str
    issued_on: dt.date | None
    title: str


@dataclass(frozen=True)
class ParAreaRow:
    """A lĩnh vực of the PAR Index self-assessment with its maximum and scores."""

    label: str
    title: str
    max_score: Decimal
    self_score: Decimal | None
    appraised: Decimal | None
    difference: Decimal | None  # appraised − self, once both are known


@dataclass(frozen=True)
class ParSetRow:
    """The agency's PAR set of the report's year, totals as ``par.selectors.Assessment``."""

    level: str  # par.models.AgencyLevel, as text
    max_total: Decimal
    self_total: Decimal | None
    appraised_total: Decimal | None
    difference: Decimal | None
    areas: list[ParAreaRow] = field(default_factory=list)

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> ParSetRow:
        return cls(
            level=item["level"],
            max_total=Decimal(item["max_total"]),
            self_total=_decimal(item["self_total"]),
            appraised_total=_decimal(item["appraised_total"]),
            difference=_decimal(item["difference"]),
            areas=[
                ParAreaRow(
                    label=area["label"],
                    title=area["title"],
                    max_score=Decimal(area["max_score"]),
                    self_score=_decimal(area["self_score"]),
                    appraised=_decimal(area["appraised"]),
                    difference=_decimal(area["difference"]),
                )
                for area in item["areas"]
            ],
        )


@dataclass(frozen=True)
class ReportData:
    """Everything one report reads, for one agency and one date range."""

    start: dt.date
    as_of: dt.date
    next_until: dt.date | None  # end of the next period (section IV), if known
    plans: list[PlanRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)
    submitted_units: list[str] = field(default_factory=list)
    par_year: int | None = None  # the year whose PAR sets ``par`` holds
    par: list[ParSetRow] = field(default_factory=list)  # the agency's, whatever the plan

    def for_plan(self, plan_id: int | None) -> ReportData:
        """The same data restricted to one plan (``None``: all plans)."""
        if plan_id is None:
            return self
        return dataclasses.replace(
            self,
            plans=[row for row in self.plans if row.plan_id == plan_id],
            tasks=[row for row in self.tasks if row.plan_id == plan_id],
            indicators=[row for row in self.indicators if row.plan_id == plan_id],
            budget=[row for row in self.budget if row.plan_id == plan_id],
        )

    def to_json(self) -> dict[str, Any]:
        return {"version": SCHEMA_VERSION, **_encode(dataclasses.asdict(self))}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportData:
        return cls(
            start=dt.date.fromisoformat(data["start"]),
            as_of=dt.date.fromisoformat(data["as_of"]),
            next_until=_date(data["next_until"]),
            plans=[_row(PlanRow, item) for item in data["plans"]],
            tasks=[_row(TaskRow, item) for item in data["tasks"]],
            indicators=[_row(IndicatorRow, item) for item in data["indicators"]],
            budget=[_row(BudgetRow, item) for item in data["budget"]],
            submitted_units=list(data["submitted_units"]),
            # Snapshots frozen before the PAR appendix have no "par".
            par_year=data.get("par_year"),
            par=[ParSetRow.from_json(item) for item in data.get("par", [])],
        )


_DATE_FIELDS = frozenset({"due_date", "extended_due_date", "completed_on", "issued_on"})


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _row(kind: type, item: dict[str, Any]) -> Any:
    values = dict(item)
    for name in _DATE_FIELDS.intersection(values):
        values[name] = _date(values[name])
    if "value" in values and values["value"] is not None:
        values["value"] = Decimal(values["value"])
    return kind(**values)
