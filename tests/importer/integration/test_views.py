"""The browser flow: who may import, what the preview writes (nothing), what confirm does."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from importer.staging import load_staged, staging_dir
from organizations.models import Role, Unit, UnitAlias, UnitKind
from plans.models import Plan
from tasks.models import Task
from tests.factories import make_member
from tests.importer.integration.conftest import CCHC, KSTTHC, sample, snapshot
from tests.importer.reading.docx_builders import P, T, build_docx, task_row

pytestmark = pytest.mark.django_db

HEADER = [
    "STT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
]
UNKNOWN_UNITS = build_docx(
    P("KẾ HOẠCH", bold=True),
    P("Kiểm tra công tác CCHC năm 2026", bold=True),
    T(
        [
            HEADER,
            task_row("1", "Kiểm tra", lead="Tổ kiểm tra liên ngành", deadline="Quý II/2026"),
            task_row("2", "Khảo sát", lead="Viện Khảo sát XH", deadline="Quý III/2026"),
            task_row("3", "Báo cáo", lead="Ban Biên tập", deadline="Quý IV/2026"),
        ],
        header_rows=1,
    ),
)


def _file(data: bytes, name: str) -> io.BytesIO:
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def _upload(client, data: bytes, name: str):
    return client.post(reverse("importer:upload"), {"file": _file(data, name)})


def _token(response) -> str:
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.parametrize("role", ["leader", "accountant", "unit_head", "staff"])
def test_other_roles_get_403_on_get_and_post(demo, client, role):
    client.force_login(demo.users[role])
    assert client.get(reverse("importer:upload")).status_code == 403
    assert _upload(client, sample(CCHC), CCHC).status_code == 403
    token = "0" * 32
    assert client.get(reverse("importer:preview", args=[token])).status_code == 403
    assert client.post(reverse("importer:preview", args=[token])).status_code == 403
    assert list(staging_dir().iterdir()) == []


def test_anonymous_is_sent_to_login(demo, client):
    response = client.get(reverse("importer:upload"))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinator_and_admin_see_the_upload_page_and_menu(demo, client, role):
    client.force_login(demo.users[role])
    response = client.get(reverse("importer:upload"))
    assert response.status_code == 200
    assert "Nhập kế hoạch" in response.content.decode()


def test_upload_preview_confirm(demo, client):
    client.force_login(demo.users["coordinator"])
    before = snapshot()
    token = _token(_upload(client, sample(KSTTHC), KSTTHC))
    response = client.get(reverse("importer:preview", args=[token]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "7 đề mục" in page and "28 nhiệm vụ" in page and "4 dòng nối qua trang đã ghép" in page
    assert "Thường xuyên" in page and "hạn 31/01/2026" in page
    assert snapshot() == before  # upload and preview write nothing to the database
    form = response.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["issued_on"] = "05/01/2026"
    data["number"] = "12"
    response = client.post(reverse("importer:preview", args=[token]), data)
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.number, str(plan.issued_on)) == ("12", "2026-01-05")
    assert Task.objects.filter(plan=plan).count() == 35
    assert plan.source_file.name.endswith(".docx")
    # The staged file is removed after confirm.
    assert load_staged(token, user_id=demo.users["coordinator"].pk, agency_ids=None) is None


def test_another_agencys_staged_import_is_404(demo, client):
    client.force_login(demo.users["coordinator"])
    token = _token(_upload(client, sample(CCHC), CCHC))
    client.force_login(demo.users["other_coordinator"])
    assert client.get(reverse("importer:preview", args=[token])).status_code == 404
    assert client.post(reverse("importer:preview", args=[token]), {}).status_code == 404
    assert client.get("/nhap-ke-hoach/..%2F..%2Fetc%2Fpasswd/").status_code == 404
    assert Plan.objects.count() == 0


@pytest.mark.parametrize("uploader, other", [("coordinator", "admin"), ("admin", "coordinator")])
def test_a_staged_import_belongs_to_its_uploader(demo, client, uploader, other):
    """Another importer of the same agency cannot see or confirm someone else's upload."""
    client.force_login(demo.users[uploader])
    token = _token(_upload(client, sample(CCHC), CCHC))
    url = reverse("importer:preview", args=[token])
    data = {name: v for name, v in client.get(url).context["form"].initial.items() if v is not None}
    second_coordinator = make_member(
        Role.COORDINATOR,
        agency=demo.thai_nguyen,
        unit=demo.unit("Văn phòng Sở"),
        username="i.vp2",
    )
    for user in (demo.users[other], second_coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
    assert Plan.objects.count() == 0
    client.force_login(demo.users[uploader])
    assert client.get(url).status_code == 200  # still there for its uploader
    assert client.post(url, data).status_code == 302 and Plan.objects.count() == 1


def test_unknown_units_are_mapped_created_or_kept(demo, client):
    client.force_login(demo.users["coordinator"])
    token = _token(_upload(client, UNKNOWN_UNITS, "kiem-tra.docx"))
    response = client.get(reverse("importer:preview", args=[token]))
    form = response.context["form"]
    assert form.unknown_names == ["Tổ kiểm tra liên ngành", "Viện Khảo sát XH", "Ban Biên tập"]
    office = demo.unit("Văn phòng Sở")
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "unit_0_action": "map",
            "unit_0_unit": office.pk,
            "unit_0_kind": "external",
            "unit_1_action": "create",
            "unit_1_kind": "external",
            "unit_2_action": "keep",
            "unit_2_kind": "external",
        }
    )
    aliases_before = UnitAlias.objects.count()
    assert client.post(reverse("importer:preview", args=[token]), data).status_code == 302
    tasks = {task.code: task for task in Task.objects.all()}
    assert [u.pk for u in tasks["1"].lead_units] == [office.pk]
    assert UnitAlias.objects.filter(unit=office, name="Tổ kiểm tra liên ngành").exists()
    assert UnitAlias.objects.count() == aliases_before + 1
    created = Unit.objects.get(agency=demo.thai_nguyen, name="Viện Khảo sát XH")
    assert created.kind == UnitKind.EXTERNAL and tasks["2"].lead_units == [created]
    assert tasks["3"].lead_units == [] and tasks["3"].lead_text == "Ban Biên tập"


def test_mapping_without_a_unit_is_refused_and_writes_nothing(demo, client):
    client.force_login(demo.users["coordinator"])
    token = _token(_upload(client, UNKNOWN_UNITS, "kiem-tra.docx"))
    form = client.get(reverse("importer:preview", args=[token])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"unit_0_action": "map", "unit_1_action": "keep", "unit_2_action": "keep"})
    data.update({f"unit_{i}_kind": "external" for i in range(3)})
    before = snapshot()
    response = client.post(reverse("importer:preview", args=[token]), data)
    assert response.status_code == 400
    assert "Chọn đơn vị mà “Tổ kiểm tra liên ngành” chỉ tới." in response.content.decode()
    assert snapshot() == before


def test_remembered_alias_matches_next_time(demo, client):
    UnitAlias.objects.create(unit=demo.unit("Văn phòng Sở"), name="Tổ kiểm tra liên ngành")
    client.force_login(demo.users["coordinator"])
    token = _token(_upload(client, UNKNOWN_UNITS, "kiem-tra.docx"))
    form = client.get(reverse("importer:preview", args=[token])).context["form"]
    assert form.unknown_names == ["Viện Khảo sát XH", "Ban Biên tập"]


def test_export_is_for_plan_editors_only(demo, client):
    client.force_login(demo.users["coordinator"])
    token = _token(_upload(client, sample(CCHC), CCHC))
    form = client.get(reverse("importer:preview", args=[token])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    client.post(reverse("importer:preview", args=[token]), data)
    plan = Plan.objects.get()
    response = client.get(reverse("importer:export", args=[plan.pk, "xlsx"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd")
    client.force_login(demo.users["other_coordinator"])
    assert client.get(reverse("importer:export", args=[plan.pk, "xlsx"])).status_code == 404
