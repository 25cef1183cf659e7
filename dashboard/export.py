"""The dashboard's tables as one .xlsx: a sheet per table, Vietnamese headers.

Numbers are written as numbers; every text cell goes through
``common.spreadsheets.escape_cell`` (unit staff write task text, coordinators open the file).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from common.spreadsheets import escape_cell
from dashboard.board import Board
from tasks.models import ReportBucket

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(board: Board) -> bytes:
    book = Workbook()
    book.remove(book.active)
    if board.shows_tasks:
        _summary(book, board)
        _matrix(book, board)
        _overdue(book, board)
        _due_soon(book, board)
        _recent(book, board)
        if board.agencies is not None:
            _agencies(book, board)
    _indicators(book, board)
    _budget(book, board)
    if board.par is not None:
        _par(book, board)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    sheet = book.create_sheet(title=title[:31])
    sheet.append([escape_cell(str(h)) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([escape_cell(value) for value in row])


def _buckets() -> list[ReportBucket]:
    return list(ReportBucket)


def _summary(book: Workbook, board: Board) -> None:
    cards = board.cards
    assert cards is not None
    rows: list[Sequence] = [(_("Tổng số nhiệm vụ"), cards.total)]
    rows += [(str(b.label), cards[b.value]) for b in _buckets()]
    rows += [
        (_("Đã gia hạn"), cards["extended"]),
        (_("Nhiệm vụ đến hạn"), cards.due),
        (_("Tỷ lệ hoàn thành đúng hạn"), cards.on_time_label),
        (_("Số liệu tính đến ngày"), board.as_of.strftime("%d/%m/%Y")),
    ]
    if board.submissions is not None:
        rows += [
            (_("Đơn vị đã gửi báo cáo kỳ"), len(board.submissions.sent)),
            (_("Đơn vị chưa gửi báo cáo kỳ"), len(board.submissions.missing)),
        ]
    _sheet(book, _("Tổng hợp"), [_("Chỉ số"), _("Giá trị")], rows)


def _matrix(book: Workbook, board: Board) -> None:
    matrix = board.matrix
    assert matrix is not None
    headers = [_("Cơ quan") if matrix.by_agency else _("Đơn vị chủ trì")]
    for _pk, name in matrix.columns:
        headers += [name, _("%(area)s — quá hạn") % {"area": name}]
    headers += [_("Tổng"), _("Tổng quá hạn")]
    rows = []
    for row in matrix.rows:
        values: list = [row.name]
        for cell in row.cells:
            values += [cell.count, cell.overdue]
        rows.append([*values, row.total.count, row.total.overdue])
    title = _("Cơ quan × lĩnh vực") if matrix.by_agency else _("Đơn vị × lĩnh vực")
    _sheet(book, title, headers, rows)


def _overdue(book: Workbook, board: Board) -> None:
    headers = [
        _("STT"),
        _("Nội dung công việc"),
        _("Đơn vị chủ trì"),
        _("Hạn ban đầu"),
        _("Hạn sau gia hạn"),
        _("Số ngày làm việc quá hạn"),
    ]
    rows = [
        (
            r.task.code,
            r.task.content,
            r.task.lead_label,
            r.task.due_date,
            r.task.extended_due_date,
            r.days_late,
        )
        for r in board.overdue or []
    ]
    _sheet(book, _("Quá hạn"), headers, rows)


def _due_soon(book: Workbook, board: Board) -> None:
    headers = [_("STT"), _("Nội dung công việc"), _("Đơn vị chủ trì"), _("Hạn hoàn thành")]
    rows = [(t.code, t.content, t.lead_label, t.effective_due) for t in board.due_soon or []]
    _sheet(book, _("Đến hạn trong 14 ngày"), headers, rows)


def _recent(book: Workbook, board: Board) -> None:
    headers = [
        _("Nhiệm vụ"),
        _("Kỳ báo cáo"),
        _("Trạng thái"),
        _("Tiến độ (%)"),
        _("Người cập nhật"),
        _("Cập nhật lúc"),
    ]
    rows = [
        (
            str(e.task),
            e.period.label,
            e.get_status_display(),
            e.progress,
            e.updated_by.get_full_name() or e.updated_by.username if e.updated_by else "",
            e.updated_at.replace(tzinfo=None),
        )
        for e in board.recent or []
    ]
    _sheet(book, _("Cập nhật gần đây"), headers, rows)


def _agencies(book: Workbook, board: Board) -> None:
    headers = [_("Cơ quan"), _("Tổng số"), *[str(b.label) for b in _buckets()], _("Tỷ lệ đúng hạn")]
    rows = [
        (a.name, a.counts.total, *[a.counts[b.value] for b in _buckets()], a.counts.on_time_label)
        for a in board.agencies or []
    ]
    _sheet(book, _("Theo cơ quan"), headers, rows)


def _indicators(book: Workbook, board: Board) -> None:
    labels = {"met": _("Đạt"), "not_met": _("Chưa đạt"), "no_data": _("Chưa có số liệu")}
    headers = [_("Kế hoạch"), _("Chỉ tiêu"), _("Giá trị mới nhất"), _("Đánh giá")]
    rows = [
        (
            r.indicator.plan.document_number,
            r.indicator.text,
            float(r.value) if r.value is not None else None,
            labels[r.status],
        )
        for r in (board.indicators.rows if board.indicators else [])
    ]
    _sheet(book, _("Chỉ tiêu"), headers, rows)


def _budget(book: Workbook, board: Board) -> None:
    headers = [_("Kế hoạch"), _("Dự toán (đồng)"), _("Đã giải ngân (đồng)"), _("Tỷ lệ giải ngân")]
    rows = [
        (r.plan.document_number, r.planned, r.disbursed, r.rate_label)
        for r in (board.budget.rows if board.budget else [])
    ]
    _sheet(book, _("Kinh phí"), headers, rows)


def _number(value) -> float | None:
    return float(value) if value is not None else None


def _par(book: Workbook, board: Board) -> None:
    """Each PAR set of the year: its lĩnh vực (top-level criteria), then its total."""
    headers = [
        _("Cơ quan"),
        _("Bộ tiêu chí"),
        _("Lĩnh vực"),
        _("Điểm tối đa"),
        _("Điểm tự chấm"),
        _("Điểm thẩm định"),
        _("Tỷ lệ tự chấm"),
    ]
    rows: list[Sequence] = []
    for table in board.par or []:
        agency, level = table.criteria_set.agency.name, table.criteria_set.get_level_display()
        rows += [
            (
                agency,
                level,
                f"{node.criterion.label}. {node.criterion.title}",
                _number(node.max_score),
                _number(node.self_score),
                _number(node.appraised),
                node.percent_label,
            )
            for node in table.roots
        ]
        rows.append(
            (
                agency,
                level,
                _("Tổng điểm"),
                _number(table.max_total),
                _number(table.self_total),
                _number(table.appraised_total),
                table.percent_label,
            )
        )
    _sheet(book, _("Chỉ số CCHC"), headers, rows)
