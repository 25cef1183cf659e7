"""Dates are typed and shown as dd/mm/yyyy whatever the page's or the browser's language."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from common.forms import DateField, DateInput


class DayForm(forms.Form):
    day = DateField(required=False)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("05/01/2026", dt.date(2026, 1, 5)),
        ("5/1/2026", dt.date(2026, 1, 5)),
        ("05-01-2026", dt.date(2026, 1, 5)),
        (" 31/12/2026 ", dt.date(2026, 12, 31)),
        ("2026-01-05", dt.date(2026, 1, 5)),  # ISO, from scripts and old links
        ("29/02/2028", dt.date(2028, 2, 29)),
        ("", None),
    ],
)
def test_day_first_whatever_the_language(language, typed, expected):
    with translation.override(language):
        form = DayForm({"day": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == expected


@pytest.mark.parametrize(
    "typed",
    ["31/02/2026", "29/02/2026", "13/13/2026", "01/05", "2026/01/05", "ngày mai", "0/1/2026"],
)
def test_a_bad_date_gets_a_vietnamese_message(typed):
    with translation.override("vi"):
        form = DayForm({"day": typed})
        assert not form.is_valid()
        assert form.errors["day"] == ["Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/01/2026."]


def test_the_english_page_does_not_read_the_month_first():
    with translation.override("en"):
        form = DayForm({"day": "05/01/2026"})
        assert form.is_valid() and form.cleaned_data["day"].month == 1


def test_the_widget_is_a_text_box_showing_day_first_with_the_calendar_hook():
    html = DateInput().render("day", dt.date(2026, 1, 5))
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'value="05/01/2026"' in html
    assert "data-datepicker" in html and 'placeholder="dd/mm/yyyy"' in html
    assert 'data-weekdays="T2,T3,T4,T5,T6,T7,CN"' in html


def test_a_wrong_entry_is_shown_back_as_typed():
    form = DayForm({"day": "31/02/2026"})
    assert 'value="31/02/2026"' in str(form["day"])
