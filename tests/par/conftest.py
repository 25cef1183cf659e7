from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from par.models import AgencyLevel, CriteriaSet
from par.parsing import parse_criteria
from par.services import import_criteria

HEADER = ["STT", "Tiêu chí", "Điểm tối đa", "Hướng dẫn chấm điểm", "Tài liệu kiểm chứng"]
# Two lĩnh vực: I (6 = 1 (4 = a 2,5 + b 1,5) + 2 (2)), II (4 = 1 (4)).
CRITERIA = [
    ["I", "Công tác chỉ đạo, điều hành CCHC", 6, "", ""],
    ["1", "Kế hoạch CCHC năm", 4, "", "Kế hoạch"],
    ["a", "Ban hành kịp thời", 2.5, "Trước 31/12: 2,5", "Quyết định ban hành"],
    ["b", "Đủ nội dung", 1.5, "", ""],
    ["2", "Báo cáo CCHC", 2, "Đủ, đúng hạn: 2", "Báo cáo"],
    ["II", "Cải cách thể chế", 4, "", ""],
    ["1", "- Rà soát văn bản", 4, "", ""],
]


def criteria_xlsx(rows=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["BỘ TIÊU CHÍ CHỈ SỐ CCHC NĂM 2026"])
    sheet.append(HEADER)
    for row in rows if rows is not None else CRITERIA:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(data: bytes, name: str = "tieu-chi.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(dt.datetime(2026, 7, 10, 9, 0), tick=False):
        yield


@pytest.fixture
def criteria_set(world) -> CriteriaSet:
    """The world agency's 2026 set, criterion "I.1.a" given to unit_a, "II.1" to unit_b."""
    from par.documents import read_sheet

    table = parse_criteria(read_sheet(criteria_xlsx()))
    criteria_set = import_criteria(
        agency=world.agency,
        year=2026,
        level=AgencyLevel.DEPARTMENT,
        table=table,
        user=world.users["coordinator"],
    )
    criteria_set.criteria.filter(code__in=["I.1.a", "I.1.b", "I.2"]).update(
        responsible_unit=world.unit_a
    )
    criteria_set.criteria.filter(code="II.1").update(responsible_unit=world.unit_b)
    return criteria_set
