"""The PAR Index self-assessment: import with preview, scoring, totals, exports, round trip."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT

from par.documents import read_sheet
from par.models import CriteriaSet, Criterion, CriterionEvidence, Suggestion
from par.parsing import parse_criteria
from par.selectors import assessment
from tasks.models import Evidence, TaskStatus
from tests.factories import evidence_upload
from tests.par.conftest import criteria_xlsx, upload
from tests.query_counts import assert_flat_queries

pytestmark = pytest.mark.django_db


def _score(client, criterion, score, **extra):
    data = {"score": score, "explanation": "Đã ban hành Kế hoạch số 12/KH-STP"}
    data.update(extra)
    return client.post(reverse("par:score", args=[criterion.pk]), data)


def test_upload_preview_then_confirm_imports_the_set(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("par:upload"), {"agency": world.agency.pk, "file": upload(criteria_xlsx())}
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200 and not CriteriaSet.objects.exists()  # nothing yet
    assert len(preview.context["table"].rows) == 7
    confirmed = client.post(response["Location"], {"year": "2026", "level": "department"})
    assert confirmed.status_code == 302
    criteria_set = CriteriaSet.objects.get()
    assert criteria_set.criteria.count() == 7
    assert client.get(response["Location"]).status_code == 404  # the staged file is gone


def test_a_file_with_errors_imports_nothing(client, world):
    bad = criteria_xlsx([["1", "A", 5, "", ""], ["1.1", "B", "năm", "", ""]])
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("par:upload"), {"agency": world.agency.pk, "file": upload(bad)})
    preview = client.get(response["Location"])
    assert "điểm tối đa của “1.1” phải là số" in preview.content.decode()
    posted = client.post(response["Location"], {"year": "2026", "level": "department"})
    assert posted.status_code == 400 and not CriteriaSet.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tieu-chi.docx", b"PK\x03\x04junk", "không được hỗ trợ"),
        ("tieu-chi.xlsx", b"not a workbook", "Tệp bị hỏng"),
        ("tieu-chi.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "Excel"),
    ],
)
def test_files_that_are_not_a_sound_xlsx_are_refused(client, world, name, data, message):
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("par:upload"), {"agency": world.agency.pk, "file": upload(data, name)}
    )
    assert response.status_code == 400 and message in response.content.decode()


def test_the_responsible_unit_self_scores_with_evidence_and_a_task_link(
    client, world, criteria_set, private_media
):
    plan = world.task_a.plan
    criteria_set.plan = plan
    criteria_set.save()
    task_file = Evidence(
        task=world.task_a, original_name="kh.pdf", content_type="application/pdf", size=10
    )
    task_file.file.save("kh.pdf", evidence_upload("kh.pdf"), save=False)
    task_file.save()
    criterion = criteria_set.criteria.get(code="I.1.a")
    client.force_login(world.users["staff_a"])
    response = _score(
        client, criterion, "2,25", evidence=evidence_upload("qd.pdf"), task_evidence=[task_file.pk]
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.self_score == Decimal("2.25") and criterion.scored_by == world.users["staff_a"]
    files = CriterionEvidence.objects.filter(criterion=criterion)
    assert {e.task_evidence_id for e in files} == {None, task_file.pk}
    uploaded = files.get(task_evidence__isnull=True)
    assert client.get(uploaded.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("score", "message"),
    [
        ("2,6", "vượt quá điểm tối đa 2.5"),
        ("-1", "Điểm không được âm."),
        ("abc", "Vui lòng nhập một số"),
    ],
)
def test_scores_above_the_maximum_are_refused(client, world, criteria_set, score, message):
    criterion = criteria_set.criteria.get(code="I.1.a")
    client.force_login(world.users["staff_a"])
    response = _score(client, criterion, score)
    assert response.status_code == 400 and message in response.content.decode()
    criterion.refresh_from_db()
    assert criterion.self_score is None


def test_a_parent_is_not_scored_it_is_the_sum(client, world, criteria_set):
    client.force_login(world.users["coordinator"])
    parent = criteria_set.criteria.get(code="I.1")
    response = _score(client, parent, "3")
    assert response.status_code == 302
    assert "điểm mục cha là tổng" in client.get(response["Location"]).content.decode()
    parent.refresh_from_db()
    assert parent.self_score is None


def test_another_unit_cannot_score(client, world, criteria_set):
    client.force_login(world.users["staff_b"])
    assert _score(client, criteria_set.criteria.get(code="I.1.a"), "1").status_code == 403
    assert _score(client, criteria_set.criteria.get(code="II.1"), "1").status_code == 302


def test_totals_percentages_appraisal_and_difference(world, criteria_set):
    scores = {"I.1.a": ("2.5", "2"), "I.1.b": ("1", None), "I.2": ("2", "2"), "II.1": ("3", "3.5")}
    for code, (own, appraised) in scores.items():
        criteria_set.criteria.filter(code=code).update(
            self_score=Decimal(own), appraised_score=Decimal(appraised) if appraised else None
        )
    table = assessment(criteria_set=criteria_set)
    figures = {
        n.criterion.code: (n.self_score, n.appraised, n.difference, n.percent_label)
        for n in table.rows
    }
    assert figures["I"] == (Decimal("5.5"), Decimal(4), Decimal("-1.5"), "91,7%")
    assert figures["II"] == (Decimal(3), Decimal("3.5"), Decimal("0.5"), "75,0%")
    assert figures["I.1.b"][1:3] == (None, None)
    assert (table.max_total, table.self_total, table.appraised_total) == (
        10,
        Decimal("8.5"),
        Decimal("7.5"),
    )
    assert table.difference == Decimal(-1) and table.percent_label == "85,0%"


def test_the_appraised_score_is_refused_above_the_maximum(client, world, criteria_set):
    criterion = criteria_set.criteria.get(code="I.2")
    client.force_login(world.users["coordinator"])
    url = reverse("par:manage", args=[criterion.pk])
    client.post(
        url, {"responsible_unit": world.unit_a.pk, "suggestion": "", "appraised_score": "3"}
    )
    criterion.refresh_from_db()
    assert criterion.appraised_score is None
    client.post(
        url, {"responsible_unit": world.unit_a.pk, "suggestion": "", "appraised_score": "1,75"}
    )
    criterion.refresh_from_db()
    assert criterion.appraised_score == Decimal("1.75")


def test_the_pre_score_suggestion_follows_the_plans_on_time_rate(world, criteria_set):
    plan = world.task_a.plan  # task_a, task_b, task_group: due 30/6/2026
    plan.tasks.filter(pk=world.task_a.pk).update(status=TaskStatus.DONE, completed_on="2026-06-01")
    criteria_set.plan = plan
    criteria_set.save()
    criteria_set.criteria.filter(code="I.2").update(suggestion=Suggestion.ON_TIME_RATE)
    node = next(n for n in assessment(criteria_set=criteria_set).rows if n.criterion.code == "I.2")
    assert node.suggested == Decimal("0.67")  # 2 points × 1/3 on time


def test_xlsx_round_trip_gives_back_the_same_criteria(client, world, criteria_set):
    criteria_set.criteria.filter(code="I.2").update(
        self_score=Decimal("1.5"), explanation="=SUM(A1)"
    )
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("par:export_xlsx", args=[criteria_set.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[5][:3] == ("2", "Báo cáo CCHC", 2) and rows[5][5] == 1.5
    assert rows[5][6] == "'=SUM(A1)"  # formula-safe
    assert rows[-1][1:3] == ("Tổng điểm", 10)
    again = parse_criteria(read_sheet(response.content)[:-1])
    original = criteria_set.criteria.order_by("position")
    assert [(r.code, r.title, r.max_score, r.guidance, r.evidence) for r in again.rows] == [
        (c.code, c.title, c.max_score, c.guidance, c.required_evidence) for c in original
    ]
    assert again.rows[6].title == "- Rà soát văn bản"  # escaped on export, read back as written


def test_reimport_keeps_scores_and_refuses_to_drop_scored_criteria(world, criteria_set):
    from par.services import import_criteria

    criteria_set.criteria.filter(code="I.2").update(self_score=Decimal(2))
    table = parse_criteria(read_sheet(criteria_xlsx()))
    import_criteria(
        agency=world.agency,
        year=2026,
        level="department",
        table=table,
        user=world.users["coordinator"],
    )
    assert criteria_set.criteria.get(code="I.2").self_score == 2
    fewer = parse_criteria(read_sheet(criteria_xlsx()))
    fewer.rows = [row for row in fewer.rows if row.code != "I.2"]
    with pytest.raises(Exception, match=r"I\.2|: 2"):
        import_criteria(
            agency=world.agency,
            year=2026,
            level="department",
            table=fewer,
            user=world.users["coordinator"],
        )
    assert Criterion.objects.filter(criteria_set=criteria_set).count() == 7


def test_docx_is_a4_with_a_landscape_table_section(client, world, criteria_set):
    client.force_login(world.users["leader"])
    response = client.get(reverse("par:export_docx", args=[criteria_set.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    document = Document(io.BytesIO(response.content))
    first, table_section = document.sections
    assert first.orientation != WD_ORIENT.LANDSCAPE and round(first.page_width.mm) == 210
    assert round(first.left_margin.mm) == 30 and round(first.right_margin.mm) == 15
    assert first.different_first_page_header_footer
    assert 'w:instr="PAGE"' in first.header._element.xml
    assert (
        table_section.orientation == WD_ORIENT.LANDSCAPE
        and round(table_section.page_width.mm) == 297
    )
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and any(
        "ngày 10 tháng 7 năm 2026" in t for t in document.tables[0]._cells[1].text.splitlines()
    )
    assert all(r.font.name == "Times New Roman" for p in document.paragraphs for r in p.runs)
    grid = document.tables[-1]
    assert grid.rows[0].cells[1].text == "Tiêu chí" and len(grid.rows) == 1 + 7 + 1


# session, user, memberships, the set, the criteria with the user's right to score, their
# evidence and its task files and tasks; staff also read the groups of their units.
@pytest.mark.parametrize(("who", "queries"), [("coordinator", 6), ("staff_a", 7)])
def test_query_counts_do_not_grow_with_the_criteria(
    client, world, criteria_set, who, queries, django_assert_num_queries
):
    client.force_login(world.users[who])

    def grow():
        parent = criteria_set.criteria.get(code="II.1")
        for i in range(10):
            Criterion.objects.create(
                criteria_set=criteria_set,
                parent=parent,
                code=f"II.1.{i}",
                label=str(i),
                title="X",
                depth=2,
                max_score=1,
                position=100 + i,
                responsible_unit=world.unit_a,
            )

    assert_flat_queries(
        client,
        reverse("par:detail", args=[criteria_set.pk]),
        expected=queries,
        grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )


def test_query_count_of_the_set_list(client, world, criteria_set, django_assert_num_queries):
    from par.models import CriteriaSet as Set

    client.force_login(world.users["coordinator"])

    def grow():
        for year in (2024, 2025):
            Set.objects.create(agency=world.agency, year=year, level="department")

    assert_flat_queries(
        client,
        reverse("par:list"),
        expected=5,
        grow=grow,
        django_assert_num_queries=django_assert_num_queries,
    )
