"""Deadline cells as written in real plans -> structured deadlines."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import date

import pytest

from importer.parsing.deadlines import Deadline, DeadlineKind, Recurrence, parse_deadline
from tests.sample_files import seed_paths

K = DeadlineKind
R = Recurrence


def d(day: int, month: int, year: int = 2026) -> date:
    return date(year, month, day)


# (text, kind, window_start, due_date, recurrence, event_note); parsed with year=2026.
SEED_CELLS = [
    ("Quý I/2026", K.QUARTER, d(1, 1), d(31, 3), (), ""),
    ("Trước 01/6/2026", K.DATE, None, d(1, 6), (), ""),
    (
        "Quý II/2026 (sau khi UBND tỉnh ban hành Kế hoạch)",
        K.QUARTER,
        d(1, 4),
        d(30, 6),
        (),
        "sau khi UBND tỉnh ban hành Kế hoạch",
    ),
    ("Năm 2026", K.YEAR, d(1, 1), d(31, 12), (), ""),
    (
        "Ngay sau khi UBND tỉnh ban hành Kế hoạch",
        K.EVENT,
        None,
        None,
        (),
        "Ngay sau khi UBND tỉnh ban hành Kế hoạch",
    ),
    ("Trước ngày 31/01/2026", K.DATE, None, d(31, 1), (), ""),
    ("Thường xuyên", K.CONTINUOUS, None, None, (), ""),
    ("Tháng 3, tháng 4 năm 2026", K.WINDOW, d(1, 3), d(30, 4), (), ""),
    ("Định kỳ hàng quý, năm", K.RECURRING, None, None, (R.QUARTERLY, R.YEARLY), ""),
    (
        "Theo Kế hoạch riêng hoặc kết hợp cùng Kế hoạch kiểm tra công tác cải cách hành chính;"
        " kiểm tra công vụ của Sở Tư pháp",
        K.EVENT,
        None,
        None,
        (),
        "Theo Kế hoạch riêng hoặc kết hợp cùng Kế hoạch kiểm tra công tác cải cách hành chính;"
        " kiểm tra công vụ của Sở Tư pháp",
    ),
    # Prose in the seeds that states when something happens.
    ("định kỳ hằng năm", K.RECURRING, None, None, (R.YEARLY,), ""),
    ("Định kỳ hoặc đột xuất", K.RECURRING, None, None, (), "đột xuất"),
    ("Định kỳ (quý, năm)", K.RECURRING, None, None, (R.QUARTERLY, R.YEARLY), ""),
    (
        "Định kỳ phối hợp với Văn phòng Sở báo cáo (quý, năm)",
        K.RECURRING,
        None,
        None,
        (R.QUARTERLY, R.YEARLY),
        "",
    ),
]

# Forms from the design brief and variants plans use.
FORMS = [
    # exact dates
    ("Trong ngày 31/12/2026", K.DATE, None, d(31, 12), (), ""),
    ("trước ngày 15/12", K.DATE, None, d(15, 12), (), ""),
    ("Chậm nhất ngày 30/6/2026", K.DATE, None, d(30, 6), (), ""),
    ("chậm nhất 30/6", K.DATE, None, d(30, 6), (), ""),
    ("Hạn 20/11/2026", K.DATE, None, d(20, 11), (), ""),
    ("Hạn chót: 05/01/2026.", K.DATE, None, d(5, 1), (), ""),
    ("1/6/2026", K.DATE, None, d(1, 6), (), ""),
    ("01/06/2026", K.DATE, None, d(1, 6), (), ""),
    ("01-06-2026", K.DATE, None, d(1, 6), (), ""),
    ("1-6-2026", K.DATE, None, d(1, 6), (), ""),
    ("01.06.2026", K.DATE, None, d(1, 6), (), ""),
    ("01 / 6 / 2026", K.DATE, None, d(1, 6), (), ""),
    ("15/3/2027", K.DATE, None, d(15, 3, 2027), (), ""),
    ("ngày 15 tháng 3 năm 2026", K.DATE, None, d(15, 3), (), ""),
    ("Trước ngày 15 tháng 3 năm 2026", K.DATE, None, d(15, 3), (), ""),
    ("ngày 15 tháng 3", K.DATE, None, d(15, 3), (), ""),
    ("Ngày 5 tháng 9/2026", K.DATE, None, d(5, 9), (), ""),
    ("29/02/2028", K.DATE, None, d(29, 2, 2028), (), ""),
    ("Trước 15/12", K.DATE, None, d(15, 12), (), ""),
    ("Trước ngày 20/12/2026 (gửi Văn phòng Sở)", K.DATE, None, d(20, 12), (), ""),
    ("Trước 30/6/2026 theo quy định", K.DATE, None, d(30, 6), (), "theo quy định"),
    # months
    ("Tháng 6/2026", K.MONTH, d(1, 6), d(30, 6), (), ""),
    ("Tháng 6 năm 2026", K.MONTH, d(1, 6), d(30, 6), (), ""),
    ("tháng 06/2026", K.MONTH, d(1, 6), d(30, 6), (), ""),
    ("Tháng 6-2026", K.MONTH, d(1, 6), d(30, 6), (), ""),
    ("trong tháng 3", K.MONTH, d(1, 3), d(31, 3), (), ""),
    ("Trong tháng 02", K.MONTH, d(1, 2), d(28, 2), (), ""),
    ("Tháng 2/2028", K.MONTH, d(1, 2, 2028), d(29, 2, 2028), (), ""),
    ("Tháng 12", K.MONTH, d(1, 12), d(31, 12), (), ""),
    ("Cuối tháng 9/2026", K.MONTH, d(1, 9), d(30, 9), (), ""),
    ("Đến hết tháng 10/2026", K.MONTH, d(1, 10), d(31, 10), (), ""),
    ("6/2026", K.MONTH, d(1, 6), d(30, 6), (), ""),
    ("Trước tháng 6/2026", K.DATE, None, d(31, 5), (), ""),
    # quarters
    ("Quý 1 năm 2026", K.QUARTER, d(1, 1), d(31, 3), (), ""),
    ("Quý IV", K.QUARTER, d(1, 10), d(31, 12), (), ""),
    ("Quý III/2026", K.QUARTER, d(1, 7), d(30, 9), (), ""),
    ("Quí II/2026", K.QUARTER, d(1, 4), d(30, 6), (), ""),
    ("quý 2", K.QUARTER, d(1, 4), d(30, 6), (), ""),
    ("QUÝ IV/2026", K.QUARTER, d(1, 10), d(31, 12), (), ""),
    ("Trong Quý I năm 2027", K.QUARTER, d(1, 1, 2027), d(31, 3, 2027), (), ""),
    ("Hết quý III", K.QUARTER, d(1, 7), d(30, 9), (), ""),
    ("Quý IV-2026", K.QUARTER, d(1, 10), d(31, 12), (), ""),
    ("Trước quý III/2026", K.DATE, None, d(30, 6), (), ""),
    # halves and nine months
    ("6 tháng đầu năm", K.HALF_YEAR, d(1, 1), d(30, 6), (), ""),
    ("6 tháng cuối năm 2026", K.HALF_YEAR, d(1, 7), d(31, 12), (), ""),
    ("6 tháng đầu năm 2027", K.HALF_YEAR, d(1, 1, 2027), d(30, 6, 2027), (), ""),
    ("Sáu tháng đầu năm", K.HALF_YEAR, d(1, 1), d(30, 6), (), ""),
    ("06 tháng cuối năm", K.HALF_YEAR, d(1, 7), d(31, 12), (), ""),
    ("Nửa đầu năm 2026", K.HALF_YEAR, d(1, 1), d(30, 6), (), ""),
    ("6 tháng năm 2026", K.HALF_YEAR, d(1, 1), d(30, 6), (), ""),
    ("6 tháng", K.HALF_YEAR, d(1, 1), d(30, 6), (), ""),
    ("9 tháng đầu năm", K.WINDOW, d(1, 1), d(30, 9), (), ""),
    ("9 tháng năm 2026", K.WINDOW, d(1, 1), d(30, 9), (), ""),
    # years
    ("Trong năm 2026", K.YEAR, d(1, 1), d(31, 12), (), ""),
    ("Cả năm", K.YEAR, d(1, 1), d(31, 12), (), ""),
    ("Trong năm", K.YEAR, d(1, 1), d(31, 12), (), ""),
    ("Cuối năm 2026", K.YEAR, d(1, 1), d(31, 12), (), ""),
    ("năm2026", K.YEAR, d(1, 1), d(31, 12), (), ""),
    ("Năm 2027", K.YEAR, d(1, 1, 2027), d(31, 12, 2027), (), ""),
    ("2026", K.YEAR, d(1, 1), d(31, 12), (), ""),
    ("Năm 2026.", K.YEAR, d(1, 1), d(31, 12), (), ""),
    # windows
    ("Tháng 3, 4/2026", K.WINDOW, d(1, 3), d(30, 4), (), ""),
    ("Tháng 3 - 4/2026", K.WINDOW, d(1, 3), d(30, 4), (), ""),
    ("Tháng 3 và tháng 4", K.WINDOW, d(1, 3), d(30, 4), (), ""),
    ("Từ tháng 3 đến tháng 5/2026", K.WINDOW, d(1, 3), d(31, 5), (), ""),
    ("Từ tháng 3 đến hết tháng 5 năm 2026", K.WINDOW, d(1, 3), d(31, 5), (), ""),
    ("Tháng 11 đến tháng 2/2027", K.WINDOW, d(1, 11), d(28, 2, 2027), (), ""),
    ("Từ tháng 11/2026 đến tháng 2", K.WINDOW, d(1, 11), d(28, 2, 2027), (), ""),
    ("Quý I, II/2026", K.WINDOW, d(1, 1), d(30, 6), (), ""),
    ("Quý II - Quý III/2026", K.WINDOW, d(1, 4), d(30, 9), (), ""),
    ("Quý I và Quý II năm 2026", K.WINDOW, d(1, 1), d(30, 6), (), ""),
    ("Quý III, IV", K.WINDOW, d(1, 7), d(31, 12), (), ""),
    ("Quý IV/2026 - Quý I/2027", K.WINDOW, d(1, 10), d(31, 3, 2027), (), ""),
    ("Từ 01/3/2026 đến 30/4/2026", K.WINDOW, d(1, 3), d(30, 4), (), ""),
    ("Từ ngày 01/3 đến ngày 30/4/2026", K.WINDOW, d(1, 3), d(30, 4), (), ""),
    ("Giai đoạn 2026 - 2030", K.WINDOW, d(1, 1), d(31, 12, 2030), (), ""),
    ("Năm 2026-2027", K.WINDOW, d(1, 1), d(31, 12, 2027), (), ""),
    ("Năm 2025 và 2026", K.WINDOW, d(1, 1, 2025), d(31, 12), (), ""),
    ("Tháng 6 và tháng 12/2026", K.WINDOW, d(1, 6), d(31, 12), (), ""),
    ("Quý I/2026; Quý III/2026", K.WINDOW, d(1, 1), d(30, 9), (), ""),
    ("Từ tháng 3/2026", K.WINDOW, d(1, 3), None, (), ""),
    # recurring
    ("Hằng tháng", K.RECURRING, None, None, (R.MONTHLY,), ""),
    ("Hàng tháng", K.RECURRING, None, None, (R.MONTHLY,), ""),
    ("hằng năm", K.RECURRING, None, None, (R.YEARLY,), ""),
    ("Hàng năm", K.RECURRING, None, None, (R.YEARLY,), ""),
    ("Hàng quý", K.RECURRING, None, None, (R.QUARTERLY,), ""),
    ("Hàng tuần", K.RECURRING, None, None, (R.WEEKLY,), ""),
    ("Hằng tuần", K.RECURRING, None, None, (R.WEEKLY,), ""),
    ("Mỗi quý", K.RECURRING, None, None, (R.QUARTERLY,), ""),
    ("Định kỳ 6 tháng, năm", K.RECURRING, None, None, (R.HALF_YEARLY, R.YEARLY), ""),
    (
        "Định kỳ hằng quý, 6 tháng, năm",
        K.RECURRING,
        None,
        None,
        (R.QUARTERLY, R.HALF_YEARLY, R.YEARLY),
        "",
    ),
    ("Định kỳ hằng tháng, quý", K.RECURRING, None, None, (R.MONTHLY, R.QUARTERLY), ""),
    ("Định kỳ hàng quý/năm", K.RECURRING, None, None, (R.QUARTERLY, R.YEARLY), ""),
    ("Báo cáo định kỳ hàng quý và năm", K.RECURRING, None, None, (R.QUARTERLY, R.YEARLY), ""),
    (
        "Định kỳ hằng quý (trước ngày 15 tháng cuối quý)",
        K.RECURRING,
        None,
        None,
        (R.QUARTERLY,),
        "",
    ),
    ("Trước ngày 15/12 hằng năm", K.RECURRING, None, None, (R.YEARLY,), ""),
    ("Hằng quý, năm 2026", K.RECURRING, None, None, (R.QUARTERLY,), ""),
    ("Định kỳ nửa năm", K.RECURRING, None, None, (R.HALF_YEARLY,), ""),
    ("Định kỳ", K.RECURRING, None, None, (), ""),
    # continuous
    ("Thường xuyên, liên tục", K.CONTINUOUS, None, None, (), ""),
    ("Thường xuyên trong năm", K.CONTINUOUS, d(1, 1), d(31, 12), (), ""),
    ("Thường xuyên trong năm 2026", K.CONTINUOUS, d(1, 1), d(31, 12), (), ""),
    ("Thường xuyên; báo cáo định kỳ hằng quý", K.CONTINUOUS, None, None, (R.QUARTERLY,), ""),
    ("Thường xuyên, báo cáo 6 tháng, năm", K.CONTINUOUS, None, None, (R.HALF_YEARLY, R.YEARLY), ""),
    ("Báo cáo quý, năm", K.RECURRING, None, None, (R.QUARTERLY, R.YEARLY), ""),
    ("Báo cáo quý I/2026", K.QUARTER, d(1, 1), d(31, 3), (), ""),
    ("Liên tục", K.CONTINUOUS, None, None, (), ""),
    ("Hằng ngày", K.CONTINUOUS, None, None, (), ""),
    ("THƯỜNG XUYÊN", K.CONTINUOUS, None, None, (), ""),
    ("Thường xuyên.", K.CONTINUOUS, None, None, (), ""),
    ("Thường xuyên (khi có văn bản mới)", K.CONTINUOUS, None, None, (), "khi có văn bản mới"),
    # event-triggered
    (
        "Sau khi có hướng dẫn của Bộ Tư pháp",
        K.EVENT,
        None,
        None,
        (),
        "Sau khi có hướng dẫn của Bộ Tư pháp",
    ),
    ("Khi có yêu cầu", K.EVENT, None, None, (), "Khi có yêu cầu"),
    ("Theo Kế hoạch riêng", K.EVENT, None, None, (), "Theo Kế hoạch riêng"),
    ("Theo tiến độ của Bộ Tư pháp", K.EVENT, None, None, (), "Theo tiến độ của Bộ Tư pháp"),
    ("Theo tiến độ của UBND tỉnh", K.EVENT, None, None, (), "Theo tiến độ của UBND tỉnh"),
    ("Theo yêu cầu của cấp trên", K.EVENT, None, None, (), "Theo yêu cầu của cấp trên"),
    ("Theo chỉ đạo của UBND tỉnh", K.EVENT, None, None, (), "Theo chỉ đạo của UBND tỉnh"),
    ("Theo quy định", K.EVENT, None, None, (), "Theo quy định"),
    ("Đột xuất", K.EVENT, None, None, (), "Đột xuất"),
    ("Khi được giao", K.EVENT, None, None, (), "Khi được giao"),
    (
        "Ngay khi có văn bản của Trung ương",
        K.EVENT,
        None,
        None,
        (),
        "Ngay khi có văn bản của Trung ương",
    ),
    (
        "Theo Kế hoạch số 12/KH-UBND ngày 27/12/2025",
        K.EVENT,
        None,
        None,
        (),
        "Theo Kế hoạch số 12/KH-UBND ngày 27/12/2025",
    ),
    (
        "Sau khi UBND tỉnh ban hành Kế hoạch năm 2026",
        K.EVENT,
        None,
        None,
        (),
        "Sau khi UBND tỉnh ban hành Kế hoạch năm 2026",
    ),
    (
        "(Sau khi Bộ Tư pháp hướng dẫn)",
        K.EVENT,
        None,
        None,
        (),
        "Sau khi Bộ Tư pháp hướng dẫn",
    ),
    # combined
    (
        "Quý III/2026, sau khi có hướng dẫn",
        K.QUARTER,
        d(1, 7),
        d(30, 9),
        (),
        "sau khi có hướng dẫn",
    ),
    (
        "Tháng 6/2026 (theo tiến độ của Bộ Tư pháp)",
        K.MONTH,
        d(1, 6),
        d(30, 6),
        (),
        "theo tiến độ của Bộ Tư pháp",
    ),
    (
        "Năm 2026 (sau khi có Nghị định số 118/2025/NĐ-CP)",
        K.YEAR,
        d(1, 1),
        d(31, 12),
        (),
        "sau khi có Nghị định số 118/2025/NĐ-CP",
    ),
    (
        "Trước 30/9/2026 (ngay sau khi UBND tỉnh ban hành Kế hoạch)",
        K.DATE,
        None,
        d(30, 9),
        (),
        "ngay sau khi UBND tỉnh ban hành Kế hoạch",
    ),
    # spelling noise
    ("QUÝ  I /2026", K.QUARTER, d(1, 1), d(31, 3), (), ""),
    ("Quý\u00a0II\u00a0năm\u00a02026", K.QUARTER, d(1, 4), d(30, 6), (), ""),
    ("Quý\u200b II/2026", K.QUARTER, d(1, 4), d(30, 6), (), ""),
    ("quý ii/2026...", K.QUARTER, d(1, 4), d(30, 6), (), ""),
    ("Quý II – Quý III/2026", K.WINDOW, d(1, 4), d(30, 9), (), ""),
    ("  Tháng   6 /  2026 ", K.MONTH, d(1, 6), d(30, 6), (), ""),
    ("Trước\tngày\n31/01/2026", K.DATE, None, d(31, 1), (), ""),
    ("TRƯỚC NGÀY 31/01/2026", K.DATE, None, d(31, 1), (), ""),
    ("Trong nam 2026", K.YEAR, d(1, 1), d(31, 12), (), ""),
    ("Quy I/2026", K.QUARTER, d(1, 1), d(31, 3), (), ""),
]

CASES = SEED_CELLS + FORMS


def _ids(cases: list[tuple]) -> list[str]:
    return [re.sub(r"\s+", " ", case[0])[:60] for case in cases]


def _check(result: Deadline, case: tuple) -> None:
    _, kind, start, due, recurrence, note = case
    assert (result.kind, result.window_start, result.due_date) == (kind, start, due)
    assert result.recurrence == recurrence
    assert result.event_note == note


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_parse_deadline(case: tuple) -> None:
    _check(parse_deadline(case[0], year=2026), case)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_parse_deadline_nfd_input(case: tuple) -> None:
    result = parse_deadline(unicodedata.normalize("NFD", case[0]), year=2026)
    _check(result, case)
    assert result.text == unicodedata.normalize("NFC", re.sub(r"[\s\u200b]+", " ", case[0])).strip()


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_parse_deadline_upper_case(case: tuple) -> None:
    result = parse_deadline(case[0].upper(), year=2026)
    assert (result.kind, result.window_start, result.due_date) == case[1:4]
    assert result.recurrence == case[4]


@pytest.mark.parametrize(
    "text",
    ["Quý I/2026", "Trước 01/6/2026", "Năm 2026", "Thường xuyên", "Định kỳ hàng quý, năm"],
)
def test_well_formed_seed_cells_have_no_warning(text: str) -> None:
    assert parse_deadline(text, year=2026).warnings == ()


def test_every_deadline_cell_in_the_seeds_is_in_the_table() -> None:
    known = {case[0] for case in SEED_CELLS}
    cells = set()
    for path in seed_paths():
        for line in path.read_text(encoding="utf-8").splitlines():
            columns = [re.sub(r"<[^>]+>", "", c).strip() for c in line.split("\t")]
            if len(columns) >= 5 and re.match(r"^\d+(\.\d+)*\.?$", columns[0]):
                cells.update(c for c in columns[4:5] if c)
    assert cells, "the seed tables were not found"
    assert cells <= known, cells - known
    for cell in cells:
        assert parse_deadline(cell, year=2026).kind is not K.UNKNOWN


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Quý IV", K.QUARTER),
        ("Trước ngày 15/12", K.DATE),
        ("6 tháng đầu năm", K.HALF_YEAR),
        ("Cả năm", K.YEAR),
        ("Tháng 3, tháng 4", K.WINDOW),
        ("Thường xuyên trong năm", K.CONTINUOUS),
        ("ngày 15 tháng 3", K.DATE),
    ],
)
def test_missing_year_keeps_kind_and_warns(text: str, kind: DeadlineKind) -> None:
    result = parse_deadline(text)
    assert result.kind is kind
    assert result.due_date is None and result.window_start is None
    assert result.warnings == (f"Không xác định được năm của thời hạn: «{text}»",)


def test_year_written_in_text_wins_over_plan_year() -> None:
    assert parse_deadline("Quý I/2027", year=2026).due_date == d(31, 3, 2027)
    assert parse_deadline("Quý I", year=2027).due_date == d(31, 3, 2027)


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026",
        "32/1/2026",
        "30/02",
        "0/5/2026",
        "15/13/2026",
        "Tháng 13/2026",
        "tháng 0",
        "Quý V/2026",
        "Quý 5",
        "ngày 31 tháng 4 năm 2026",
        "29/02/2027",
        "Quý I/2026 và 31/02/2026",
    ],
)
def test_invalid_dates_are_unknown_with_warning(text: str) -> None:
    result = parse_deadline(text, year=2026)
    assert result.kind is K.UNKNOWN
    assert result.due_date is None
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("Ngày hoặc kỳ không hợp lệ trong thời hạn: «")


@pytest.mark.parametrize(
    "text",
    ["abc", "Chưa xác định", "x", "???", "Nghị định số 118/2025/NĐ-CP", "Phòng Tư pháp"],
)
def test_unparseable_text_is_kept_and_flagged(text: str) -> None:
    result = parse_deadline(text, year=2026)
    assert result.kind is K.UNKNOWN
    assert result.text == text
    assert result.warnings == (f"Không hiểu được thời hạn: «{text}»",)


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u200b", None])
def test_empty_text_is_unknown_without_warning(text: str | None) -> None:
    result = parse_deadline(text, year=2026)  # type: ignore[arg-type]
    assert result == Deadline(text="", kind=K.UNKNOWN)


def test_recurring_has_no_due_date_even_with_a_year() -> None:
    result = parse_deadline("Hằng quý năm 2026", year=2026)
    assert result.kind is K.RECURRING
    assert result.due_date is None and result.window_start is None


def test_periodic_without_period_warns() -> None:
    result = parse_deadline("Định kỳ", year=2026)
    assert result.warnings == ("Không rõ chu kỳ định kỳ: «Định kỳ»",)


def test_open_ended_window_warns() -> None:
    result = parse_deadline("Từ tháng 3/2026", year=2026)
    assert result.warnings == ("Không rõ thời điểm kết thúc của thời hạn: «Từ tháng 3/2026»",)


def test_text_is_nfc_and_whitespace_folded() -> None:
    raw = unicodedata.normalize("NFD", "  Quý II/2026\n(sau khi  UBND tỉnh ban hành)  ")
    result = parse_deadline(raw, year=2026)
    assert result.text == "Quý II/2026 (sau khi UBND tỉnh ban hành)"
    assert unicodedata.is_normalized("NFC", result.event_note)


def test_warnings_are_nfc() -> None:
    for text in ("abc", "Quý IV", "31/02/2026", "Định kỳ"):
        for warning in parse_deadline(text).warnings:
            assert unicodedata.is_normalized("NFC", warning)


_ALPHABET = (
    "0123456789/-.,;:()[] QqUuYyÝýÍíIVXivxthángThángnămNămquýđĐ\u0300\u0301\u0303\u0309\u0323"
    "\u00a0\u200b\t\n«»–—%ThườngxuyênĐịnhkỳhằngsaukhitheoTừđến"
)


def _random_text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 40)))
    return "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(0, 30)))


def test_fuzz_never_raises() -> None:
    rng = random.Random(20260101)
    for _ in range(4000):
        text = _random_text(rng)
        result = parse_deadline(text, year=rng.choice([None, 2026]))
        assert isinstance(result.kind, DeadlineKind)
        if result.due_date and result.window_start:
            assert result.window_start <= result.due_date


def test_fuzz_with_seed_fragments_never_raises() -> None:
    rng = random.Random(7)
    words = " ".join(case[0] for case in CASES).split()
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        result = parse_deadline(text, year=2026)
        assert isinstance(result, Deadline)
