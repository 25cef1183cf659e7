"""The translation catalogs: well-formed, compiled without GNU gettext, and in use.

locale/en translates the product's own (Vietnamese) strings, so choosing English changes
the pages; locale/vi covers the third-party strings the admin and the filters show.
"""

from __future__ import annotations

import gettext
import shutil
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cchc.catalogs import CatalogError, compile_catalog, compile_catalogs
from tests.factories import UserFactory

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def _messages(po_path: Path):
    with po_path.open("rb") as po_file:
        return [message for message in read_po(po_file) if message.id]


def _texts(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def test_both_catalogs_are_committed():
    assert [p.parent.parent.name for p in CATALOGS] == ["en", "vi"]


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_every_msgid_and_msgstr_is_nfc(po_path):
    not_nfc = [
        text
        for message in _messages(po_path)
        for text in _texts(message.id) + _texts(message.string)
        if unicodedata.normalize("NFC", text) != text
    ]
    assert not_nfc == []


def test_every_english_msgstr_is_filled_and_reviewed():
    messages = _messages(LOCALE / "en" / "LC_MESSAGES" / "django.po")
    assert len(messages) > 500
    untranslated = [m.id for m in messages if m.fuzzy or not all(_texts(m.string))]
    assert untranslated == []


def test_every_vietnamese_msgstr_is_filled():
    messages = _messages(LOCALE / "vi" / "LC_MESSAGES" / "django.po")
    assert [m.id for m in messages if m.fuzzy or not all(_texts(m.string))] == []


def test_one_word_for_file():
    for po_path in CATALOGS:
        for message in _messages(po_path):
            for text in _texts(message.id) + _texts(message.string):
                assert "tập tin" not in text.lower() and "tệp tin" not in text.lower(), text
    with translation.override("vi"):
        assert translation.gettext("The submitted file is empty.") == "Tệp được gửi là rỗng."
        assert translation.gettext("File") == "Tệp"


def test_catalogs_compile_without_gnu_gettext(tmp_path, monkeypatch):
    for po_path in CATALOGS:
        target = tmp_path / po_path.relative_to(LOCALE)
        target.parent.mkdir(parents=True)
        shutil.copy(po_path, target)
    monkeypatch.setenv("PATH", str(tmp_path))  # no msgfmt, no xgettext
    assert shutil.which("msgfmt") is None

    written = compile_catalogs(locale_dirs=[tmp_path])

    assert sorted(p.parent.parent.name for p in written) == ["en", "vi"]
    english = gettext.GNUTranslations((tmp_path / "en/LC_MESSAGES/django.mo").open("rb"))
    assert english.gettext("Kỳ báo cáo") == "Reporting periods"
    assert english.ngettext("%(counter)s nhiệm vụ", "%(counter)s nhiệm vụ", 2) == (
        "%(counter)s tasks"
    )
    vietnamese = gettext.GNUTranslations((tmp_path / "vi/LC_MESSAGES/django.mo").open("rb"))
    assert vietnamese.gettext("Periodic Tasks") == "Tác vụ định kỳ"


def test_a_lost_placeholder_fails_the_build(tmp_path):
    po_path = tmp_path / "en" / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "Đã gửi báo cáo %(period)s."\nmsgstr "Report submitted."\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match="period"):
        compile_catalog(po_path=po_path)


# --- English when chosen ---------------------------------------------------------------


@pytest.fixture
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    return response.content.decode()


def test_the_login_page_in_english(english, db):
    body = _page(english, reverse("login"))
    assert "Sign in" in body and "Password" in body and "Forgot your password?" in body
    assert "Mật khẩu" not in body and "Đăng nhập" not in body
    assert '<html lang="en">' in body


@pytest.mark.parametrize(
    ("url_name", "english_words", "vietnamese_words"),
    [
        (
            "tasks:mine",
            ["Filters", "Sort by", "Completion deadline (latest first)", "Clear filters"],
            ["Bộ lọc", "Sắp xếp", "giảm dần", "Xóa lọc"],
        ),
        ("periods:list", ["Reporting periods", "Report due"], ["Kỳ báo cáo", "Hạn gửi"]),
        (
            "importer:upload",
            ["Import a plan from a document", "Upload and preview"],
            ["Nhập kế hoạch từ văn bản", "Tải lên và xem trước"],
        ),
    ],
)
def test_key_pages_in_english(english, world, url_name, english_words, vietnamese_words):
    english.force_login(world.users["coordinator"])
    body = _page(english, reverse(url_name))
    for words in english_words:
        assert words in body
    for words in vietnamese_words:
        assert words not in body
    assert "Sign out" in body and "Change password" in body  # the shared layout


def _english_pages(periods) -> list[tuple[str, list[str], list[str]]]:
    """(URL, English headings, Vietnamese template literals that must be gone).

    The Vietnamese words are the templates' own literals only: plan titles, unit and
    reform-area names are data and stay Vietnamese (e.g. "Kế hoạch cải cách hành chính").
    """
    return [
        (
            reverse("plans:list"),
            ['<h1 class="h4">Plans</h1>', "Number and symbol", ">Title<", ">Agency<"],
            ["Số, ký hiệu", "Trích yếu", "Trạng thái", "Năm<", ">Cơ quan<"],
        ),
        (
            reverse("budget:list"),
            ["Plan implementation budget", "Total estimate", "Allocated, not yet disbursed"],
            ["Kinh phí thực hiện", "Tổng dự toán", "Đã giải ngân", "đồng", "Nội dung chi"],
        ),
        (
            reverse("dashboard"),
            ["Dashboard", "Tasks by lead unit", "Recent updates", "Export to Excel"],
            ["Tổng quan", "Biểu đồ", "Cập nhật gần đây", "Xuất Excel", "quá hạn", "Đến hạn"],
        ),
        (
            reverse("periods:detail", args=[periods["q1"].pk]),
            ["Reporting period Quarter I/2026", "Tasks led", "Updated this period"],
            ["Kỳ báo cáo", "Quý I", "Nhiệm vụ chủ trì", "Đã cập nhật kỳ này", "hạn gửi"],
        ),
    ]


def test_the_plan_budget_dashboard_and_period_pages_in_english(english, world, periods):
    english.force_login(world.users["coordinator"])
    for url, english_words, vietnamese_words in _english_pages(periods):
        body = _page(english, url)
        assert '<html lang="en">' in body, url
        for words in english_words:
            assert words in body, (url, words)
        for words in vietnamese_words:
            assert words not in body, (url, words)


def test_the_404_page_in_english(english, world):
    english.force_login(world.users["staff_a"])
    response = english.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "Back to the home page" in body
    assert "Không tìm thấy trang" not in body


def test_the_switch_offers_the_other_language(client, world):
    client.force_login(world.users["staff_a"])
    body = client.get(reverse("tasks:mine")).content.decode()
    assert reverse("set_language") in body and 'value="en"' in body and ">English<" in body
    client.post(reverse("set_language"), {"language": "en", "next": reverse("tasks:mine")})
    body = client.get(reverse("tasks:mine")).content.decode()
    assert 'value="vi"' in body and ">Tiếng Việt<" in body and "Filters" in body


def test_the_vietnamese_sort_options_have_no_english(client, world):
    client.force_login(world.users["staff_a"])
    body = client.get(reverse("tasks:mine")).content.decode()
    assert "Hạn hoàn thành (giảm dần)" in body and "descending" not in body
    with translation.override("vi"):
        assert translation.gettext("%s (descending)") == "%s (giảm dần)"


# --- The Vietnamese admin ------------------------------------------------------------


@pytest.fixture
def admin_client_vi(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    ("url", "vietnamese", "english"),
    [
        (
            "/quan-tri/",
            ["Tác vụ định kỳ", "Hẹn giờ", "Lịch cron", "Khoảng lặp", "Sự kiện mặt trời"],
            ["Periodic Tasks", "Periodic tasks", "Clocked", "Crontabs", "Intervals"],
        ),
        (
            "/quan-tri/django_celery_beat/periodictask/",
            ["Tác vụ định kỳ", "Hiện số lượng", "Chạy các tác vụ đã chọn"],
            ["Periodic tasks", "Show counts", "Run selected tasks", "Enabled", "One-off"],
        ),
        (
            "/quan-tri/django_celery_beat/clockedschedule/",
            ["Hẹn giờ"],
            ["Clocked", "Select clocked"],
        ),
        (
            "/quan-tri/axes/accessattempt/",
            ["Lần thử truy cập", "Hiện số lượng"],
            ["Access attempts", "Show counts", "Attempt Time"],
        ),
    ],
)
def test_the_vietnamese_admin_shows_no_english_for_these_labels(
    admin_client_vi, url, vietnamese, english
):
    response = admin_client_vi.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for words in vietnamese:
        assert words in body, words
    for words in english:
        assert words not in body, words
