"""Narrative plans: one lead unit per reform area, suggested from "TỔ CHỨC THỰC HIỆN"."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from importer.apply import apply_import
from importer.preview import build_preview
from organizations.models import Role, Unit
from tasks.models import AssignmentRole, Task, TaskAssignment
from tests.factories import make_member
from tests.importer.integration.conftest import CAO_BANG_PLAN, sample, snapshot

pytestmark = pytest.mark.django_db

OFFICE_AREAS = {
    "Cải cách thủ tục hành chính (TTHC)",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "Công tác chỉ đạo, điều hành",
}
BLANK_AREA = "Cải cách tài chính công"


def _preview_page(demo, client):
    client.force_login(demo.users["other_coordinator"])
    upload = io.BytesIO(sample(CAO_BANG_PLAN))
    upload.name = CAO_BANG_PLAN
    response = client.post(reverse("importer:upload"), {"file": upload})
    assert response.status_code == 302
    url = response["Location"]
    return url, client.get(url)


def _initial_data(form) -> dict:
    data = {name: value for name, value in form.initial.items() if value is not None}
    for name, field in form.fields.items():
        if name.startswith("area_"):
            data[name] = field.initial or ""
    return data


def _area_field(form, title: str) -> str:
    index = next(i for i, area in enumerate(form.preview.area_leads) if area.title == title)
    return f"area_{index}_lead"


def _office(demo) -> Unit:
    return demo.unit("Văn phòng Sở", demo.cao_bang)


def test_preview_suggests_the_office_for_the_areas_its_duties_name(demo, client):
    _url, response = _preview_page(demo, client)
    assert response.status_code == 200
    form = response.context["form"]
    areas = {choice.area.title: choice for choice in form.area_lead_choices()}
    assert len(areas) == 7 and sum(choice.area.tasks for choice in areas.values()) == 38
    suggested = {
        title for title, choice in areas.items() if choice.unit.initial == _office(demo).pk
    }
    assert suggested == OFFICE_AREAS
    # "Phòng Xây dựng và Thi hành pháp luật" is no unit of the demo agency: no suggestion.
    assert areas["Cải cách thể chế"].unit.initial is None
    page = response.content.decode()
    assert "Đơn vị chủ trì các nhiệm vụ chưa có đơn vị" in page and "— để trống —" in page
    assert "Chủ trì tham mưu thực hiện các nhiệm vụ về công tác chỉ đạo, điều hành CCHC" in page
    assert Task.objects.count() == 0


def test_confirmed_suggestions_make_the_tasks_visible_to_the_units_staff(demo, client):
    url, response = _preview_page(demo, client)
    form = response.context["form"]
    data = _initial_data(form)
    data[_area_field(form, BLANK_AREA)] = ""
    assert client.post(url, data).status_code == 302
    staff = make_member(Role.STAFF, agency=demo.cao_bang, unit=_office(demo), username="cb.cb")
    visible = Task.objects.visible_to(staff).filter(is_section=False)
    areas = {area.path: area.title for area in form.preview.area_leads}
    rows = {row.path: row for row in form.preview.rows}
    expected = {
        path
        for path, row in rows.items()
        if row.needs_lead
        and areas[row.area_path] in OFFICE_AREAS
        and areas[row.area_path] != BLANK_AREA
    }
    assert expected and set(visible.values_list("path", flat=True)) == expected
    blank = [
        path for path, row in rows.items() if row.needs_lead and areas[row.area_path] == BLANK_AREA
    ]
    assert blank and not TaskAssignment.objects.filter(task__path__in=blank).exists()
    assert not TaskAssignment.objects.filter(task__is_section=True).exists()


def test_reimport_keeps_area_and_manual_leads(demo):
    office = _office(demo)
    other = demo.unit("Trung tâm Trợ giúp pháp lý nhà nước", demo.cao_bang)
    data = sample(CAO_BANG_PLAN)

    def preview():
        return build_preview(agency=demo.cao_bang, data=data, filename=CAO_BANG_PLAN)

    first = preview()
    apply_import(
        preview=first, area_leads={area.path: area.suggested_unit_id for area in first.area_leads}
    )
    leads = TaskAssignment.objects.filter(role=AssignmentRole.LEAD)
    assigned = set(leads.values_list("task_id", flat=True))
    assert assigned and set(leads.values_list("unit_id", flat=True)) == {office.pk}
    manual = Task.objects.filter(is_section=False, assignments__isnull=True).first()
    TaskAssignment.objects.create(task=manual, unit=other, role=AssignmentRole.LEAD)
    before = snapshot()

    # The same file with every area left blank: the leads stay, nothing is written.
    again = preview()
    assert again.changes.changed == []
    assert not apply_import(preview=again).changed_anything
    assert snapshot() == before

    # Every area given to the office: only tasks with no lead at all get it.
    again = preview()
    result = apply_import(
        preview=again, area_leads={area.path: office.pk for area in again.area_leads}
    )
    assert manual.lead_units == [other]
    newly = leads.exclude(task_id__in=assigned).exclude(task=manual)
    assert newly.exists() and set(newly.values_list("unit_id", flat=True)) == {office.pk}
    assert len(result.changed) == newly.count()
    assert leads.filter(task=manual).count() == 1


def test_a_unit_of_another_agency_is_refused_and_writes_nothing(demo, client):
    url, response = _preview_page(demo, client)
    form = response.context["form"]
    data = _initial_data(form)
    data[_area_field(form, BLANK_AREA)] = demo.unit("Văn phòng Sở").pk  # Thái Nguyên's office
    before = snapshot()
    response = client.post(url, data)
    assert response.status_code == 400
    assert snapshot() == before
    with pytest.raises(ValueError):
        apply_import(preview=form.preview, area_leads={"II/5.2": demo.unit("Văn phòng Sở").pk})
    assert snapshot() == before
