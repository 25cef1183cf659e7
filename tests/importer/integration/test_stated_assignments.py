"""A plan that assigns its work only in "TỔ CHỨC THỰC HIỆN" imports with those units."""

from __future__ import annotations

import pytest

from importer.preview import build_preview
from tests.importer.reading.docx_builders import P, build_docx

pytestmark = pytest.mark.django_db

PLAN = build_docx(
    P("KẾ HOẠCH", bold=True),
    P("Kiểm tra công tác cải cách hành chính năm 2026", bold=True),
    P("II. TỔ CHỨC THỰC HIỆN"),
    P(
        "1. Giao Văn phòng Sở chủ trì, phối hợp với Thanh tra Sở xây dựng và tổ chức thực hiện "
        "kế hoạch kiểm tra công tác cải cách hành chính năm 2026."
    ),
    P(
        "2. Thanh tra Sở: chủ trì kiểm tra công vụ đột xuất; phối hợp với Văn phòng Sở tổng hợp "
        "kết quả kiểm tra."
    ),
    P("Trên đây là Kế hoạch kiểm tra công tác cải cách hành chính năm 2026."),
)


def test_the_stated_units_are_matched_to_the_agencys_units(demo):
    preview = build_preview(agency=demo.thai_nguyen, data=PLAN, filename="kiem-tra.docx")
    office, inspection = demo.unit("Văn phòng Sở"), demo.unit("Thanh tra Sở")
    assert [(row.lead_ids, row.coordinating_ids) for row in preview.tasks] == [
        ([office.pk], [inspection.pk]),
        ([inspection.pk], [office.pk]),
    ]
    assert preview.units_unmatched == []
