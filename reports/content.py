"""The words and tables of a period report, composed from :class:`reports.data.ReportData`.

Plain Python (no Django): :mod:`reports.document` lays this out as a Nghị định 30/2020
document, :mod:`reports.spreadsheet` writes the same tables to .xlsx, and the known-answer
tests read the sentences here. Units' free text is quoted as written, never rephrased; a
section without data says so in a sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from reports.data import BudgetRow, IndicatorRow, ParSetRow, PlanRow, ReportData, TaskRow
from reports.figures import (
    DueCounts,
    days_late,
    format_date,
    format_number,
    format_percent,
)
from tasks.timeliness import Bucket
from workdays.calendar import WorkCalendar

# Report words for tasks.timeliness.Bucket (the same as tasks.models.ReportBucket's labels,
# fixed in Vietnamese: the document is Vietnamese whatever the reader's page language).
BUCKET_WORDS = {
    Bucket.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Bucket.DONE_LATE: "Hoàn thành quá hạn",
    Bucket.IN_PROGRESS: "Đang thực hiện trong hạn",
    Bucket.OVERDUE: "Chưa hoàn thành, quá hạn",
    Bucket.RECURRING: "Thường xuyên, định kỳ",
    Bucket.NO_DEADLINE: "Chưa xác định hạn",
}
OTHER_AREA = "Nhiệm vụ khác"
ROMAN = ("I", "II", "III", "IV", "V")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; ``heading`` paragraphs are bold and not indented."""

    text: str
    heading: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths_mm: list[int]  # column widths on a landscape A4 page
    numeric_columns: frozenset[int] = frozenset()  # right-aligned
    total_row: bool = False  # the last row is a bold total


@dataclass(frozen=True)
class Appendix:
    number: str  # "I", "II", "III"
    title: str
    table: Table | None
    empty_sentence: str


@dataclass(frozen=True)
class ReportHeader:
    """The agency's header settings (``reports.models.ReportSettings``), plain."""

    parent_agency: str
    agency_name: str  # as the header writes it: "SỞ TƯ PHÁP"
    agency_full_name: str  # as a sentence writes it: "Sở Tư pháp tỉnh Thái Nguyên"
    symbol: str
    place: str
    signer_title: str
    signer_name: str
    recipients: list[str]


@dataclass(frozen=True)
class ReportContent:
    summary: str  # "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026"
    provisional_note: str  # "" once the period is locked
    body: list[Paragraph]
    appendices: list[Appendix]
    closing: str
    issued_on: dt.date
    counts: DueCounts = field(repr=False)


def compose(
    data: ReportData,
    *,
    header: ReportHeader,
    period_phrase: str,
    issued_on: dt.date,
    provisional_on: dt.date | None,
    calendar: WorkCalendar,
) -> ReportContent:
    """The report for ``data``; ``provisional_on`` is set for live (not frozen) data.

    ``calendar`` counts the overdue tasks' days late in working days.
    """
    counts = due_counts(data)
    body = [
        *_direction(data, counts),
        *_areas(data),
        *_assessment(data, counts, calendar),
        *_next_period(data),
        *_proposals(data),
    ]
    note = ""
    if provisional_on is not None:
        note = f"(Số liệu tạm tính đến ngày {format_date(provisional_on)})"
    return ReportContent(
        summary=f"Kết quả thực hiện công tác cải cách hành chính {period_phrase}",
        provisional_note=note,
        body=body,
        appendices=[
            _task_appendix(data),
            _indicator_appendix(data),
            _budget_appendix(data),
            _par_appendix(data),
        ],
        closing=(
            "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính "
            f"{period_phrase} của {header.agency_full_name}./."
        ),
        issued_on=issued_on,
        counts=counts,
    )


def due_tasks(data: ReportData) -> list[TaskRow]:
    return [task for task in data.tasks if task.is_due(start=data.start, as_of=data.as_of)]


def due_counts(data: ReportData) -> DueCounts:
    """The "nhiệm vụ đến hạn" figures: done on time / late, pending in time / late."""
    due = due_tasks(data)
    late = [task for task in due if task.is_pending_late(as_of=data.as_of)]
    return DueCounts(
        done_on_time=sum(1 for task in due if task.bucket == Bucket.DONE_ON_TIME),
        done_late=sum(1 for task in due if task.bucket == Bucket.DONE_LATE),
        pending_in_time=sum(1 for task in due if not task.is_done) - len(late),
        pending_late=len(late),
    )


def overdue_tasks(data: ReportData) -> list[TaskRow]:
    return [task for task in due_tasks(data) if task.is_pending_late(as_of=data.as_of)]


def _heading(number: int, text: str) -> Paragraph:
    return Paragraph(f"{ROMAN[number - 1]}. {text}", heading=True)


def _quoted(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def _one_line(text: str) -> str:
    return " ".join(text.split()).rstrip(".;:")


def _direction(data: ReportData, counts: DueCounts) -> list[Paragraph]:
    paragraphs = [_heading(1, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")]
    if data.plans:
        paragraphs.append(Paragraph("Trong kỳ, cơ quan tổ chức thực hiện các kế hoạch sau:"))
        paragraphs += [Paragraph(f"- {_plan_line(plan)};") for plan in data.plans]
    else:
        paragraphs.append(Paragraph("Trong kỳ, chưa có kế hoạch nào được theo dõi trên hệ thống."))
    paragraphs.append(Paragraph(counts.sentence() + "."))
    recurring = sum(1 for task in data.tasks if task.is_recurring)
    if recurring:
        paragraphs.append(
            Paragraph(
                f"Ngoài ra, {format_number(recurring)} nhiệm vụ thường xuyên, định kỳ được "
                "theo dõi riêng, không tính vào số nhiệm vụ đến hạn."
            )
        )
    extended = [task for task in data.tasks if task.extended_due_date is not None]
    if extended:
        paragraphs.append(
            Paragraph(
                f"Có {format_number(len(extended))} nhiệm vụ được gia hạn; việc đánh giá đúng "
                "hạn, quá hạn vẫn tính theo thời hạn ban đầu của kế hoạch."
            )
        )
    if data.submitted_units:
        paragraphs.append(
            Paragraph(
                f"Có {format_number(len(data.submitted_units))} đơn vị đã gửi báo cáo kỳ: "
                + "; ".join(data.submitted_units)
                + "."
            )
        )
    else:
        paragraphs.append(Paragraph("Chưa có đơn vị nào gửi báo cáo kỳ trên hệ thống."))
    return paragraphs


def _plan_line(plan: PlanRow) -> str:
    number = f"số {plan.number}" if plan.number and not plan.number.startswith("/") else ""
    dated = f"ngày {format_date(plan.issued_on)}" if plan.issued_on else ""
    title = _one_line(plan.title)
    if not (number or dated):
        return f"Kế hoạch {title[:1].lower()}{title[1:]}"
    label = " ".join(part for part in ("Kế hoạch", number, dated) if part)
    return f"{label} về {title[:1].lower()}{title[1:]}"


def _by_area(tasks: Iterable[TaskRow]) -> list[tuple[str, list[TaskRow]]]:
    groups: dict[tuple[int, str], list[TaskRow]] = {}
    for task in tasks:
        key = (task.area_order, task.area_name) if task.area_name else (10**6, OTHER_AREA)
        groups.setdefault(key, []).append(task)
    return [(name, rows) for (_order, name), rows in sorted(groups.items())]


def bucket_summary(tasks: list[TaskRow]) -> str:
    parts = []
    for bucket in Bucket:
        count = sum(1 for task in tasks if task.bucket == bucket)
        if count:
            parts.append(f"{BUCKET_WORDS[bucket].lower()} {format_number(count)}")
    return f"Tổng số {format_number(len(tasks))} nhiệm vụ: " + "; ".join(parts) + "."


def _areas(data: ReportData) -> list[Paragraph]:
    paragraphs = [_heading(2, "KẾT QUẢ THỰC HIỆN THEO TỪNG LĨNH VỰC")]
    groups = _by_area(data.tasks)
    if not groups:
        return [*paragraphs, Paragraph("Trong kỳ không có nhiệm vụ nào được theo dõi.")]
    for number, (name, tasks) in enumerate(groups, start=1):
        paragraphs.append(Paragraph(f"{number}. {name}", heading=True))
        paragraphs.append(Paragraph(bucket_summary(tasks)))
        reported = [task for task in tasks if task.result.strip()]
        if not reported:
            paragraphs.append(Paragraph("Các đơn vị chưa báo cáo kết quả cụ thể của lĩnh vực này."))
        paragraphs += [
            Paragraph(f"- {_one_line(task.content)}: {_quoted(task.result)}.") for task in reported
        ]
    return paragraphs


def _assessment(data: ReportData, counts: DueCounts, calendar: WorkCalendar) -> list[Paragraph]:
    paragraphs = [_heading(3, "ĐÁNH GIÁ CHUNG"), Paragraph("1. Ưu điểm", heading=True)]
    strengths = []
    if counts.done_on_time:
        strengths.append(
            f"Đã hoàn thành đúng hạn {format_number(counts.done_on_time)} nhiệm vụ, bằng "
            f"{format_percent(counts.done_on_time, counts.due)} số nhiệm vụ đến hạn."
        )
    measured = [row for row in data.indicators if row.met is not None]
    met = sum(1 for row in measured if row.met)
    if met:
        strengths.append(
            f"Có {format_number(met)}/{format_number(len(measured))} chỉ tiêu có số liệu "
            "đạt mục tiêu kế hoạch."
        )
    if not strengths:
        strengths.append("Chưa có kết quả nổi bật được ghi nhận trên hệ thống trong kỳ.")
    paragraphs += [Paragraph(text) for text in strengths]

    paragraphs.append(Paragraph("2. Tồn tại, hạn chế", heading=True))
    overdue = overdue_tasks(data)
    if overdue:
        paragraphs.append(
            Paragraph(f"Còn {format_number(len(overdue))} nhiệm vụ chưa hoàn thành, quá hạn:")
        )
        paragraphs += [
            Paragraph(f"- {_overdue_line(task, data.as_of, calendar)}.") for task in overdue
        ]
    else:
        paragraphs.append(Paragraph("Không có nhiệm vụ đến hạn nào chưa hoàn thành quá hạn."))
    if counts.done_late:
        paragraphs.append(
            Paragraph(
                f"Có {format_number(counts.done_late)} nhiệm vụ hoàn thành nhưng chậm so với "
                "thời hạn của kế hoạch."
            )
        )

    paragraphs.append(Paragraph("3. Nguyên nhân", heading=True))
    stated = [task for task in data.tasks if task.difficulties.strip()]
    if stated:
        paragraphs.append(Paragraph("Các đơn vị nêu khó khăn, vướng mắc như sau:"))
        paragraphs += [
            Paragraph(f"- {_unit(task)} ({_task_ref(task)}): {_quoted(task.difficulties)}.")
            for task in stated
        ]
    else:
        paragraphs.append(Paragraph("Các đơn vị không báo cáo khó khăn, vướng mắc trong kỳ."))
    return paragraphs


def _unit(task: TaskRow) -> str:
    return task.lead or "Đơn vị chưa xác định"


def _task_ref(task: TaskRow) -> str:
    content = _one_line(task.content)
    short = content if len(content) <= 90 else content[:87].rstrip() + "..."
    return f"nhiệm vụ {short}"


def _overdue_line(task: TaskRow, as_of: dt.date, calendar: WorkCalendar) -> str:
    deadline = task.effective_due
    assert deadline is not None  # overdue tasks have a deadline
    return (
        f"{_one_line(task.content)} (chủ trì: {_unit(task)}; hạn {format_date(deadline)}; "
        f"chậm {format_number(days_late(deadline, as_of, calendar=calendar))} ngày làm việc)"
    )


def next_period_tasks(data: ReportData) -> list[TaskRow]:
    if data.next_until is None:
        return []
    return [
        task
        for task in data.tasks
        if not task.is_done
        and not task.is_recurring
        and task.due_date is not None
        and data.as_of < task.due_date <= data.next_until
    ]


def _next_period(data: ReportData) -> list[Paragraph]:
    paragraphs = [_heading(4, "NHIỆM VỤ TRỌNG TÂM KỲ TỚI")]
    upcoming = next_period_tasks(data)
    if upcoming:
        paragraphs.append(Paragraph("Tập trung thực hiện các nhiệm vụ đến hạn trong kỳ tới:"))
        paragraphs += [
            Paragraph(
                f"- {_one_line(task.content)} (chủ trì: {_unit(task)}; "
                f"thời hạn: {_one_line(task.deadline_text) or format_date(task.due_date)})."
            )
            for task in upcoming
        ]
    else:
        paragraphs.append(Paragraph("Theo kế hoạch, kỳ tới không có nhiệm vụ nào đến hạn."))
    overdue = overdue_tasks(data)
    if overdue:
        paragraphs.append(
            Paragraph(
                f"Khẩn trương hoàn thành {format_number(len(overdue))} nhiệm vụ chưa hoàn "
                "thành, quá hạn nêu tại Mục III."
            )
        )
    return paragraphs


def _proposals(data: ReportData) -> list[Paragraph]:
    paragraphs = [_heading(5, "ĐỀ XUẤT, KIẾN NGHỊ")]
    stated = [task for task in data.tasks if task.proposals.strip()]
    if not stated:
        return [*paragraphs, Paragraph("Các đơn vị không có đề xuất, kiến nghị trong kỳ.")]
    return paragraphs + [
        Paragraph(f"- {_unit(task)} ({_task_ref(task)}): {_quoted(task.proposals)}.")
        for task in stated
    ]


def _task_appendix(data: ReportData) -> Appendix:
    rows = [
        [
            str(number),
            _one_line(task.content),
            task.lead,
            _deadline_cell(task),
            " ".join(task.result.split()),
            BUCKET_WORDS[Bucket(task.bucket)],
        ]
        for number, task in enumerate(data.tasks, start=1)
    ]
    table = Table(
        headers=[
            "STT",
            "Nội dung nhiệm vụ",
            "Đơn vị chủ trì",
            "Thời hạn",
            "Kết quả thực hiện",
            "Đánh giá",
        ],
        rows=rows,
        widths_mm=[12, 80, 40, 30, 65, 30],
    )
    return Appendix(
        "I",
        "DANH MỤC NHIỆM VỤ VÀ KẾT QUẢ THỰC HIỆN",
        table if rows else None,
        "Không có nhiệm vụ nào trong kỳ.",
    )


def _deadline_cell(task: TaskRow) -> str:
    text = _one_line(task.deadline_text) or format_date(task.due_date)
    if task.extended_due_date:
        text += f" (gia hạn đến {format_date(task.extended_due_date)})"
    return text


def indicator_verdict(row: IndicatorRow) -> str:
    if row.met is None:
        return "Chưa có số liệu"
    return "Đạt" if row.met else "Chưa đạt"


def _indicator_value(row: IndicatorRow) -> str:
    if row.value is None:
        return ""
    return (
        f"{format_number(row.value)}{row.unit}"
        if row.unit == "%"
        else (f"{format_number(row.value)} {row.unit}".strip())
    )


def _indicator_appendix(data: ReportData) -> Appendix:
    rows = [
        [
            str(n),
            _one_line(row.name),
            row.target_text,
            _indicator_value(row),
            indicator_verdict(row),
        ]
        for n, row in enumerate(data.indicators, start=1)
    ]
    table = Table(
        headers=["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả đạt được", "Đánh giá"],
        rows=rows,
        widths_mm=[12, 120, 55, 40, 30],
        numeric_columns=frozenset({3}),
    )
    return Appendix(
        "II",
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        table if rows else None,
        "Kế hoạch không đặt chỉ tiêu định lượng nào cho kỳ này.",
    )


def budget_total(rows: list[BudgetRow]) -> tuple[int, int]:
    counted = [row for row in rows if row.counted_in_total]
    planned = sum(row.planned or 0 for row in counted)
    # Disbursements are recorded on the line they were spent from; summing every line's
    # own entries counts each đồng once.
    return planned, sum(row.disbursed for row in rows)


def _money(value: int | None) -> str:
    return format_number(value) if value is not None else ""


def _rate(disbursed: int, planned: int | None) -> str:
    return format_percent(disbursed, planned) if planned else ""


def _budget_appendix(data: ReportData) -> Appendix:
    rows = [
        [
            row.code,
            _one_line(row.content),
            _money(row.planned),
            _money(row.disbursed),
            _rate(row.disbursed, row.planned),
        ]
        for row in data.budget
    ]
    if rows:
        planned, disbursed = budget_total(data.budget)
        rows.append(
            ["", "Tổng cộng", _money(planned), _money(disbursed), _rate(disbursed, planned)]
        )
    table = Table(
        headers=["STT", "Nội dung chi", "Dự toán (đồng)", "Đã giải ngân (đồng)", "Tỷ lệ"],
        rows=rows,
        widths_mm=[15, 130, 40, 40, 25],
        numeric_columns=frozenset({2, 3, 4}),
        total_row=True,
    )
    return Appendix(
        "III",
        "TÌNH HÌNH THỰC HIỆN KINH PHÍ",
        table if rows else None,
        "Kế hoạch không có dòng kinh phí nào.",
    )


# par.models.AgencyLevel's labels, fixed in Vietnamese like BUCKET_WORDS.
PAR_LEVEL_WORDS = {"department": "Sở, ban, ngành", "commune": "UBND cấp xã"}


def _score(value: Decimal | None) -> str:
    return format_number(value) if value is not None else ""


def _par_rows(par_set: ParSetRow, *, titled: bool) -> list[list[str]]:
    rows = [["", PAR_LEVEL_WORDS.get(par_set.level, par_set.level), "", "", "", "", ""]]
    rows = rows if titled else []
    for area in par_set.areas:
        rows.append(
            [
                area.label,
                _one_line(area.title),
                _score(area.max_score),
                _score(area.self_score),
                format_percent(area.self_score or 0, area.max_score),
                _score(area.appraised),
                _score(area.difference),
            ]
        )
    total = par_set.self_total
    rows.append(
        [
            "",
            "Tổng cộng",
            _score(par_set.max_total),
            _score(total),
            format_percent(total or 0, par_set.max_total),
            _score(par_set.appraised_total),
            _score(par_set.difference),
        ]
    )
    return rows


def _par_appendix(data: ReportData) -> Appendix:
    """The PAR Index self-assessment per lĩnh vực (``par.selectors.set_totals``'s sums)."""
    titled = len(data.par) > 1  # both levels: say which rows are whose
    rows = [row for par_set in data.par for row in _par_rows(par_set, titled=titled)]
    table = Table(
        headers=[
            "STT",
            "Lĩnh vực",
            "Điểm tối đa",
            "Điểm tự chấm",
            "Tỷ lệ",
            "Điểm thẩm định",
            "Chênh lệch",
        ],
        rows=rows,
        widths_mm=[15, 115, 25, 25, 20, 30, 25],
        numeric_columns=frozenset({2, 3, 4, 5, 6}),
        total_row=True,
    )
    year = f" năm {data.par_year}" if data.par_year else ""
    return Appendix(
        "IV",
        "KẾT QUẢ TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
        table if rows else None,
        f"Cơ quan chưa có bộ tiêu chí Chỉ số cải cách hành chính{year}.",
    )
