"""Deadline forms from issue #13: start dates, reporting-period days, multi-year, events, years."""

from __future__ import annotations

from datetime import date

import pytest

from importer.parsing.deadlines import DeadlineKind, Recurrence, parse_deadline

K = DeadlineKind
# text, kind, due, window start, recurrence, event note contains, a warning expected
CASES = [
    ("Từ ngày 01/7/2025", K.WINDOW, None, date(2025, 7, 1), (), "", True),
    ("Thực hiện từ ngày 01/7/2025", K.WINDOW, None, date(2025, 7, 1), (), "", True),
    ("Bắt đầu từ 15/3/2026", K.WINDOW, None, date(2026, 3, 15), (), "", True),
    (
        "Từ ngày 01/7/2025 đến ngày 31/12/2026",
        K.WINDOW,
        date(2026, 12, 31),
        date(2025, 7, 1),
        (),
        "",
        False,
    ),
    (
        "Từ ngày 15/12 năm trước kỳ báo cáo đến ngày 14/3 của kỳ báo cáo",
        K.WINDOW,
        date(2026, 3, 14),
        date(2025, 12, 15),
        (),
        "",
        False,
    ),
    (
        "Chậm nhất là ngày 20 của tháng cuối kỳ báo cáo",
        K.RECURRING,
        None,
        None,
        (Recurrence.QUARTERLY,),
        "Ngày 20 của tháng cuối mỗi kỳ báo cáo",
        False,
    ),
    (
        "Trước ngày 20 tháng cuối mỗi kỳ báo cáo",
        K.RECURRING,
        None,
        None,
        (Recurrence.QUARTERLY,),
        "Ngày 20",
        False,
    ),
    (
        "Năm 2025 và các năm tiếp theo",
        K.RECURRING,
        date(2026, 12, 31),
        date(2025, 1, 1),
        (Recurrence.YEARLY,),
        "",
        True,
    ),
    (
        "Ngay sau khi Nghị định có hiệu lực (trước 7h00 ngày 01/7/2025)",
        K.DATE,
        date(2025, 7, 1),
        None,
        (),
        "Ngay sau khi Nghị định có hiệu lực",
        False,
    ),
    ("Trước ngày 15/12", K.DATE, date(2026, 12, 15), None, (), "", False),
    ("Trước 30/6", K.DATE, date(2026, 6, 30), None, (), "", False),
    ("Ngày 31 tháng 3", K.DATE, date(2026, 3, 31), None, (), "", False),
]


@pytest.mark.parametrize(
    ("text", "kind", "due", "start", "recurrence", "note", "warned"),
    CASES,
    ids=[case[0][:45] for case in CASES],
)
def test_deadline_form(text, kind, due, start, recurrence, note, warned):
    deadline = parse_deadline(text, year=2026)
    assert deadline.kind == kind
    assert deadline.due_date == due
    assert deadline.window_start == start
    assert deadline.recurrence == recurrence
    assert note in deadline.event_note
    assert bool(deadline.warnings) is warned
    assert deadline.text == text  # the words are kept as written
