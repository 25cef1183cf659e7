"""The preview's "Nhập vào cơ quan": a user of several agencies re-stages the file for another."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from importer.staging import load_staged
from organizations.access import forget_access
from organizations.models import Agency, Membership, Role, Unit
from plans.models import Plan
from tasks.models import Task
from tests.importer.integration.conftest import snapshot
from tests.importer.reading.docx_builders import STANDARD_HEADER, P, T, build_docx, task_row

pytestmark = pytest.mark.django_db

MISMATCH = "cơ quan ban hành"
LANG_SON_PLAN = build_docx(
    T([["UBND TỈNH LẠNG SƠN\nSỞ TƯ PHÁP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]], borders=False),
    P("Số: 12/KH-STP"),
    P("Lạng Sơn, ngày 05 tháng 01 năm 2026"),
    P("KẾ HOẠCH", bold=True),
    P("Kiểm soát thủ tục hành chính năm 2026", bold=True),
    T(
        [
            STANDARD_HEADER,
            task_row("1", "Rà soát thủ tục hành chính", lead="Phòng Hành chính tư pháp"),
        ],
        header_rows=1,
    ),
)


@pytest.fixture
def lang_son(demo) -> Agency:
    """A second agency the demo's coordinator also coordinates, with the unit the plan names."""
    agency = Agency.objects.create(
        name="Sở Tư pháp tỉnh Lạng Sơn",
        code="STP-LS",
        parent_name="UBND TỈNH LẠNG SƠN",
        header_name="SỞ TƯ PHÁP",
        symbol="STP",
        place_name="Lạng Sơn",
    )
    Unit.objects.create(agency=agency, name="Phòng Hành chính tư pháp")
    coordinator = demo.users["coordinator"]
    Membership.objects.create(user=coordinator, agency=agency, role=Role.COORDINATOR)
    forget_access(coordinator)
    return agency


def _stage(client, agency: Agency) -> str:
    upload = io.BytesIO(LANG_SON_PLAN)
    upload.name = "ls.docx"
    response = client.post(reverse("importer:upload"), {"file": upload, "agency": agency.pk})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


def _warned(response) -> bool:
    return any(MISMATCH in warning for warning in response.context["preview"].warnings)


def test_a_lang_son_plan_staged_for_thai_nguyen_is_moved_and_imported_there(demo, lang_son, client):
    client.force_login(demo.users["coordinator"])
    token = _stage(client, demo.thai_nguyen)
    preview_url = reverse("importer:preview", args=[token])
    response = client.get(preview_url)
    choice = response.context["agency_choice"]
    assert _warned(response)
    assert choice.form["agency"].value() == demo.thai_nguyen.pk
    assert choice.suggested == lang_son
    page = response.content.decode()
    assert "Nhập vào cơ quan" in page and "Văn bản ghi cơ quan ban hành là Sở Tư pháp" in page

    before = snapshot()
    reassign_url = reverse("importer:reassign", args=[token])
    response = client.post(reassign_url, {"agency": lang_son.pk})
    assert response.status_code == 302 and response["Location"] == preview_url
    assert snapshot() == before  # only the staged record changed

    response = client.get(preview_url)
    preview = response.context["preview"]
    assert preview.agency == lang_son and not _warned(response)
    assert response.context["agency_choice"].suggested is None  # already the named agency
    [row] = preview.tasks
    assert row.lead_ids == [Unit.objects.get(agency=lang_son).pk]  # Lạng Sơn's own units

    data = {k: v for k, v in response.context["form"].initial.items() if v is not None}
    assert client.post(preview_url, data).status_code == 302
    plan = Plan.objects.get()
    assert plan.agency == lang_son
    assert Task.objects.get().lead_units[0].agency == lang_son


def test_choosing_back_the_staged_agency_reads_it_again_with_the_warning(demo, lang_son, client):
    client.force_login(demo.users["coordinator"])
    token = _stage(client, lang_son)
    url = reverse("importer:reassign", args=[token])
    assert client.post(url, {"agency": demo.thai_nguyen.pk}).status_code == 302
    response = client.get(reverse("importer:preview", args=[token]))
    assert response.context["preview"].agency == demo.thai_nguyen and _warned(response)
    assert response.context["agency_choice"].suggested == lang_son


def test_a_user_of_one_agency_sees_no_choice(demo, client):
    client.force_login(demo.users["coordinator"])
    token = _stage(client, demo.thai_nguyen)
    response = client.get(reverse("importer:preview", args=[token]))
    assert _warned(response)  # still warned about the mismatch
    assert response.context["agency_choice"] is None
    assert "Nhập vào cơ quan" not in response.content.decode()


@pytest.mark.parametrize("agency", ["", "abc", "999999", "1; DROP TABLE", "cao_bang"])
def test_an_agency_that_is_not_theirs_is_404_and_changes_nothing(demo, lang_son, client, agency):
    client.force_login(demo.users["coordinator"])
    token = _stage(client, demo.thai_nguyen)
    value = str(demo.cao_bang.pk) if agency == "cao_bang" else agency
    response = client.post(reverse("importer:reassign", args=[token]), {"agency": value})
    assert response.status_code == 404
    staged = load_staged(token, user_id=demo.users["coordinator"].pk, agency_ids=None)
    assert staged is not None and staged.agency_id == demo.thai_nguyen.pk


def test_another_users_token_is_404_and_a_non_importer_403(demo, lang_son, client):
    client.force_login(demo.users["coordinator"])
    token = _stage(client, demo.thai_nguyen)
    url = reverse("importer:reassign", args=[token])
    for name in ("admin", "other_coordinator"):
        client.force_login(demo.users[name])
        assert client.post(url, {"agency": demo.thai_nguyen.pk}).status_code == 404
    client.force_login(demo.users["leader"])
    assert client.post(url, {"agency": lang_son.pk}).status_code == 403
    assert client.get(url).status_code == 405
    client.force_login(demo.users["coordinator"])
    unknown = reverse("importer:reassign", args=["0" * 32])
    assert client.post(unknown, {"agency": demo.thai_nguyen.pk}).status_code == 404
    staged = load_staged(token, user_id=demo.users["coordinator"].pk, agency_ids=None)
    assert staged is not None and staged.agency_id == demo.thai_nguyen.pk


def test_the_choice_costs_no_query(demo, client):
    """A second agency adds no query to the preview page (its choices are the fetched agencies)."""
    coordinator = demo.users["coordinator"]
    client.force_login(coordinator)
    url = reverse("importer:preview", args=[_stage(client, demo.thai_nguyen)])

    def queries() -> int:
        forget_access(coordinator)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    alone = queries()
    Membership.objects.create(user=coordinator, agency=demo.cao_bang, role=Role.COORDINATOR)
    response = client.get(url)
    assert response.context["agency_choice"] is not None
    assert queries() == alone
