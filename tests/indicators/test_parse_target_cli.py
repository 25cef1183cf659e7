"""`manage.py parse_target`: one JSON object, exit 1 with a Vietnamese message when none."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command


def run(*args: str) -> str:
    out = StringIO()
    call_command("parse_target", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 97% trở lên",
            {
                "comparator": "gte",
                "value": 97,
                "unit": "%",
                "per": "",
                "subject": "Tỷ lệ hồ sơ giải quyết đúng hạn",
            },
        ),
        (
            "Chuyên mục CCHC mỗi tháng có từ 07 tin, bài trở lên",
            {
                "comparator": "gte",
                "value": 7,
                "unit": "tin, bài",
                "per": "month",
                "subject": "Chuyên mục CCHC",
            },
        ),
        (
            "Tỷ lệ hồ sơ quá hạn dưới 2,5%",
            {
                "comparator": "lt",
                "value": 2.5,
                "unit": "%",
                "per": "",
                "subject": "Tỷ lệ hồ sơ quá hạn",
            },
        ),
        (
            "đạt 100%",
            {"comparator": "gte", "value": 100, "unit": "%", "per": "", "subject": "đạt 100%"},
        ),
    ],
)
def test_json_is_one_object_with_the_five_keys(text: str, expected: dict) -> None:
    assert json.loads(run(text, "--json")) == expected


def test_plain_output_lists_the_fields() -> None:
    assert "comparator: gte" in run("tối thiểu 90%")


@pytest.mark.parametrize(
    "text", ["Chỉ số CCHC năm 2024 đạt 85,97 điểm, tăng 1,69% so với năm 2023", "Thường xuyên"]
)
def test_no_target_exits_1_with_a_vietnamese_message(text: str, capsys) -> None:
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("parse_target", text, "--json", stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert "Không tìm thấy chỉ tiêu" in err.getvalue()
