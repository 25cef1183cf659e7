"""Building the preview and importing a new plan take a fixed number of queries, any size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from importer.apply import apply_import
from importer.preview import build_preview
from tests.importer.reading.docx_builders import C, P, T, build_docx, task_row

pytestmark = pytest.mark.django_db

HEADER = [
    "STT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
]


def appendix(groups: int, per_group: int, title: str) -> bytes:
    rows = [HEADER]
    for group in range(1, groups + 1):
        rows.append([C(str(group), bold=True), C(f"Nhóm {group}", bold=True), "", "", ""])
        for item in range(1, per_group + 1):
            rows.append(
                task_row(
                    f"{group}.{item}",
                    f"Nhiệm vụ {group}.{item}",
                    lead="Văn phòng Sở; Thanh tra Sở",
                    coord="Các phòng, đơn vị thuộc Sở",
                    deadline="Quý II/2026",
                )
            )
    return build_docx(P("KẾ HOẠCH", bold=True), P(title, bold=True), T(rows, header_rows=1))


def count(func) -> int:
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


def statements(func) -> dict[str, int]:
    with CaptureQueriesContext(connection) as context:
        func()
    inserts = sum(1 for query in context.captured_queries if query["sql"].startswith("INSERT"))
    return {"insert": inserts, "other": len(context.captured_queries) - inserts}


def test_preview_and_first_import_do_not_grow_with_rows(demo):
    small = appendix(2, 5, "Kế hoạch nhỏ năm 2026")
    large = appendix(6, 40, "Kế hoạch lớn năm 2026")
    agency = demo.thai_nguyen

    def preview_of(data):
        return lambda: build_preview(agency=agency, data=data, filename="a.docx")

    assert count(preview_of(small)) == count(preview_of(large))
    small_preview = build_preview(agency=agency, data=small, filename="a.docx")
    large_preview = build_preview(agency=agency, data=large, filename="b.docx")
    small_import = statements(lambda: apply_import(preview=small_preview))
    large_import = statements(lambda: apply_import(preview=large_preview))
    # Only the database's batching of bulk INSERTs may grow with the row count.
    assert small_import["other"] == large_import["other"]
    assert large_import["insert"] <= 30 and small_import["insert"] <= large_import["insert"]


def test_unchanged_reimport_is_read_only_and_flat(demo):
    data = appendix(6, 40, "Kế hoạch lớn năm 2026")
    apply_import(preview=build_preview(agency=demo.thai_nguyen, data=data, filename="a.docx"))
    preview = build_preview(agency=demo.thai_nguyen, data=data, filename="a.docx")
    with CaptureQueriesContext(connection) as context:
        apply_import(preview=preview)
    writes = [
        q["sql"] for q in context.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))
    ]
    assert writes == []
    assert len(context.captured_queries) < 20


def test_upload_and_preview_pages_take_a_fixed_number_of_queries(demo, client):
    client.force_login(demo.users["coordinator"])

    def page_queries(data, name):
        from io import BytesIO

        upload = BytesIO(data)
        upload.name = name
        responses = []
        upload_queries = count(
            lambda: responses.append(client.post(reverse("importer:upload"), {"file": upload}))
        )
        url = responses[0]["Location"]
        return upload_queries, count(lambda: client.get(url))

    small = page_queries(appendix(2, 5, "Kế hoạch nhỏ năm 2026"), "a.docx")
    large = page_queries(appendix(6, 40, "Kế hoạch lớn năm 2026"), "b.docx")
    # Session, user, memberships; the agencies one may import into; the preview's units,
    # aliases and group members; the plan the file may revise. The upload previews once too.
    assert small == large == (8, 8)
