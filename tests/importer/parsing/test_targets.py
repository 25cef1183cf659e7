"""Indicator targets (chỉ tiêu) in plan prose."""

from __future__ import annotations

import random
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from importer.parsing.targets import Comparator, Target, find_targets, parse_target
from tests.sample_files import seed_path

C = Comparator
CAO_BANG = seed_path("cao-bang-stp-cchc-2026.txt")

# Every "Mục tiêu" bullet of the Cao Bằng plan that carries a number: (sentence, targets).
# Each target is (comparator, value, unit, per, subject).
SEED_GOALS = [
    (
        "100% văn bản quy phạm pháp luật (VBQPPL) được rà soát, sửa đổi, bổ sung, thay thế, bãi"
        " bỏ kịp thời để phù hợp với chủ trương, đường lối của Đảng, pháp luật của Nhà nước;",
        [(C.GTE, "100", "%", "", "văn bản quy phạm pháp luật")],
    ),
    (
        "Hoàn thành 100% các nhiệm vụ của Kế hoạch theo dõi tình hình thi hành pháp luật.",
        [
            (
                C.GTE,
                "100",
                "%",
                "",
                "Hoàn thành các nhiệm vụ của Kế hoạch theo dõi tình hình thi hành pháp luật",
            )
        ],
    ),
    (
        "Tiếp tục đẩy mạnh cải cách TTHC, cải thiện môi trường đầu tư, kinh doanh; phấn đấu 100%"
        " TTHC có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực tuyến, trong số đó,"
        " tỷ lệ giao dịch thanh toán trực tuyến đạt từ 80% trở lên;",
        [
            (C.GTE, "100", "%", "", "TTHC có yêu cầu nghĩa vụ tài chính"),
            (C.GTE, "80", "%", "", "tỷ lệ giao dịch thanh toán trực tuyến"),
        ],
    ),
    (
        "Tỷ lệ hồ sơ nộp trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết TTHC đạt từ 60%"
        " trở lên;",
        [
            (
                C.GTE,
                "60",
                "%",
                "",
                "Tỷ lệ hồ sơ nộp trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết TTHC",
            )
        ],
    ),
    (
        "Tỷ lệ giải quyết hồ sơ TTHC đúng hạn đạt từ 97% trở lên;",
        [(C.GTE, "97", "%", "", "Tỷ lệ giải quyết hồ sơ TTHC đúng hạn")],
    ),
    (
        "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt từ 90% trở lên;",
        [(C.GTE, "90", "%", "", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC")],
    ),
    (
        "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa trong giải quyết TTHC, dịch vụ"
        " công đạt từ 70% trở lên;",
        [
            (
                C.GTE,
                "70",
                "%",
                "",
                "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa trong giải quyết TTHC,"
                " dịch vụ công",
            )
        ],
    ),
    (
        "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu 95%;",
        [(C.GTE, "95", "%", "", "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC")],
    ),
    (
        "100% TTHC nội bộ thuộc lĩnh vực quản lý được rà soát và đề xuất phương án đơn giản hoá"
        " trình cấp có thẩm quyền phê duyệt.",
        [(C.GTE, "100", "%", "", "TTHC nội bộ thuộc lĩnh vực quản lý")],
    ),
    (
        "Thực hiện cơ cấu công chức, viên chức theo vị trí việc làm được phê duyệt; 100% công"
        " chức, viên chức được bổ nhiệm đảm bảo đúng quy trình, điều kiện, tiêu chuẩn; cử cán"
        " bộ, công chức, viên chức (CBCCVC) đi đào tạo, bồi dưỡng đầy đủ theo kế hoạch của Tỉnh"
        " ủy, UBND tỉnh; duy trì cập nhật cơ sở dữ liệu quản lý CBCCVC đảm bảo đáp ứng yêu cầu"
        " ‘‘Đúng - Đủ - Sạch - Sống’’.",
        [(C.GTE, "100", "%", "", "công chức, viên chức")],
    ),
    (
        "100% tỷ lệ văn bản trao đổi giữa các cơ quan hành chính nhà nước dưới dạng điện tử,"
        " được ký số bởi chữ ký số chuyên dùng (trừ văn bản mật);",
        [
            (
                C.GTE,
                "100",
                "%",
                "",
                "tỷ lệ văn bản trao đổi giữa các cơ quan hành chính nhà nước dưới dạng điện tử",
            )
        ],
    ),
    (
        "98% hồ sơ công việc được xử lý trên môi trường mạng;",
        [(C.GTE, "98", "%", "", "hồ sơ công việc")],
    ),
    (
        "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số TTHC có đủ điều kiện"
        " trên Cổng Dịch vụ công quốc gia đạt tối thiểu 90%;",
        [
            (
                C.GTE,
                "90",
                "%",
                "",
                "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số TTHC có đủ điều"
                " kiện trên Cổng Dịch vụ công quốc gia",
            )
        ],
    ),
    (
        "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết TTHC đạt tối thiểu 60%;",
        [
            (
                C.GTE,
                "60",
                "%",
                "",
                "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết TTHC",
            )
        ],
    ),
    (
        "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt tối thiểu 90%;",
        [(C.GTE, "90", "%", "", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC")],
    ),
    (
        "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch"
        " thanh toán của dịch vụ công đạt tối thiểu 55%.",
        [
            (
                C.GTE,
                "55",
                "%",
                "",
                "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao"
                " dịch thanh toán của dịch vụ công",
            )
        ],
    ),
    (
        "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa trong giải quyết TTHC, dịch vụ"
        " công đạt tối thiểu 60%;",
        [
            (
                C.GTE,
                "60",
                "%",
                "",
                "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa trong giải quyết TTHC,"
                " dịch vụ công",
            )
        ],
    ),
    (
        "100% hồ sơ giải quyết TTHC thông qua Hệ thống thông tin giải quyết TTHC của tỉnh;",
        [
            (
                C.GTE,
                "100",
                "%",
                "",
                "hồ sơ giải quyết TTHC thông qua Hệ thống thông tin giải quyết TTHC của tỉnh",
            )
        ],
    ),
    (
        "Tăng cường công tác tự kiểm tra CCHC gắn với kiểm tra, giám sát việc thực hiện kỷ luật,"
        " kỷ cương hành chính và văn hóa công vụ; thực hiện thường xuyên việc tái kiểm tra. Thực"
        " hiện đảm bảo tối thiểu 30% các cơ quan, đơn vị được kiểm tra CCHC, kỷ luật, kỷ cương"
        " hành chính và văn hóa công vụ; 100% các tồn tại, hạn chế phát hiện qua kiểm tra được"
        " khắc phục hoặc kiến nghị cấp có thẩm quyền xử lý. Kịp thời đôn đốc và hướng dẫn các cơ"
        " quan, đơn vị triển khai thực hiện đảm bảo đúng tiến độ các nhiệm vụ CCHC theo kế hoạch"
        " của tỉnh và của Sở Tư pháp.",
        [
            (C.GTE, "30", "%", "", "các cơ quan, đơn vị"),
            (C.GTE, "100", "%", "", "các tồn tại, hạn chế phát hiện qua kiểm tra"),
        ],
    ),
    # Thái Nguyên plans
    (
        "Tổ chức thực hiện phân cấp, ủy quyền trong giải quyết TTHC theo quy định; triển khai"
        " 100% TTHC trực tuyến và không phụ thuộc địa giới hành chính trên địa bàn tỉnh.",
        [
            (
                C.GTE,
                "100",
                "%",
                "",
                "triển khai TTHC trực tuyến và không phụ thuộc địa giới hành chính trên địa bàn"
                " tỉnh",
            )
        ],
    ),
    (
        "Thực hiện số hóa 100% hồ sơ, kết quả giải quyết TTHC",
        [(C.GTE, "100", "%", "", "số hóa hồ sơ, kết quả giải quyết TTHC")],
    ),
    (
        "Cập nhật, đồng bộ 100% hồ sơ tiếp nhận, giải quyết vào Hệ thống thông tin giải quyết"
        " TTHC của tỉnh, đồng bộ với Cổng Dịch vụ công quốc gia",
        [
            (
                C.GTE,
                "100",
                "%",
                "",
                "Cập nhật, đồng bộ hồ sơ tiếp nhận, giải quyết vào Hệ thống thông tin giải quyết"
                " TTHC của tỉnh, đồng bộ với Cổng Dịch vụ công quốc gia",
            )
        ],
    ),
]

# Seed sentences whose numbers are dates, decrees, years, periods or plain counts.
SEED_NON_TARGETS = [
    "Tập trung triển khai quyết liệt các nhiệm vụ cải cách TTHC, quyết tâm hoàn thành các mục"
    " tiêu, chỉ tiêu được UBND tỉnh, Chủ tịch UBND tỉnh giao trong năm 2026;",
    "Tiếp tục tập trung thực hiện có hiệu quả, hoàn thành các mục tiêu, yêu cầu của Chính phủ đề"
    " ra tại Nghị quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ về Chương trình cắt giảm, đơn"
    " giản hóa thủ tục hành chính liên quan đến hoạt động sản xuất, kinh doanh năm 2025 và 2026,"
    " nhất là nội dung thực hiện rà soát, cắt giảm, đơn giản hóa TTHC;",
    "Tiếp tục triển khai thực hiện cơ chế một cửa, một cửa liên thông theo Nghị định số"
    " 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện TTHC theo cơ chế một cửa;",
    "Tiếp tục thực hiện Nghị định số 62/2020/NĐ-CP ngày 01/6/2020 của Chính phủ về vị trí việc"
    " làm và biên chế công chức, Nghị định số 106/2020/NĐ-CP ngày 10/9/2020 của Chính phủ;",
    "Đảm bảo thực hiện đúng các nội dung tại Nghị định 130/2005/NĐ-CP ngày 17/10/2005 của Chính"
    " phủ quy định chế độ tự chủ;",
    "Đảm bảo triển khai hiệu quả các quy định tại Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 của"
    " Chính phủ, Nghị định số 32/2019/NĐ-CP ngày 10/4/2019 của Chính phủ.",
    "Phấn đấu hoàn thành các mục tiêu, nhiệm vụ đề ra trong Kế hoạch Chuyển đổi số của Sở Tư"
    " pháp năm 2026;",
    "Tiếp tục đẩy mạnh triển khai thực hiện Chương trình tổng thể cải cách hành chính nhà nước"
    " giai đoạn 2021 - 2030 theo Nghị quyết số 76/NQ-CP của Chính phủ;",
    "Xây dựng kế hoạch phải cụ thể, rõ ràng, khả thi; phù hợp với tình hình thực hiện mô hình"
    " chính quyền 02 cấp.",
    "bảo đảm nguyên tắc 6 rõ: “rõ người, rõ việc, rõ thời gian, rõ trách nhiệm”;",
    "Rà soát các văn bản quy phạm pháp luật của 02 tỉnh Thái Nguyên và Bắc Kạn (trước sáp nhập).",
    "theo Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII;"
    " Kết luận số 62-KL/TW ngày 02/10/2023 của Bộ Chính trị",
    "Nghị định số 117/2013/NĐ-CP ngày 07/10/2013 của Chính phủ2; Nghị định số 60/2021/NĐ-CP"
    " ngày 21/6/2021 của Chính phủ3;",
    "Quyết định số 06/QĐ-TTg ngày 06/01/2022 phê duyệt Đề án giai đoạn 2022 - 2025, tầm nhìn đến"
    " năm 2030 (Đề án số 06);",
    "Kế hoạch số 4110/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân (UBND) tỉnh Cao Bằng",
    "Báo cáo số 287/BC-BTP ngày 16/6/2025 của Bộ Tư pháp; Nghị quyết số 190/2025/QH15",
    "Chương trình cải cách hành chính nhà nước tỉnh Thái Nguyên giai đoạn 2026-2030 tại Quyết"
    " định số 2347/QĐ-UBND ngày 17/12/2025",
    "Tổ chức kiểm tra trong Quý 3 và tháng 10",
    "Xây dựng 02 kế hoạch và 03 báo cáo.",
    "Cao Bằng ban hành Kế hoạch cải cách hành chính (CCHC) năm 2026",
    "",
    "Thường xuyên",
    # Results already reached, not targets.
    "Chỉ số CCHC năm 2024 đạt 85,97 điểm, tăng 1,69% so với năm 2023",
    "Năm 2025, tỷ lệ hồ sơ giải quyết đúng hạn đã đạt 98,5%;",
    "Chỉ số hài lòng đạt được 92% trong năm 2025.",
    "Chỉ số CCHC của Sở xếp thứ 5/19 sở, ngành, đạt 88,2 điểm.",
]

# A sentence that states a past result and, in another clause, a goal keeps only the goal.
MIXED = [
    (
        "Năm 2025 đạt 85,97 điểm, tăng 1,69% so với năm 2024; phấn đấu năm 2026 đạt từ 90 điểm"
        " trở lên",
        [(C.GTE, "90", "điểm", "")],
    ),
    (
        "Phấn đấu tỷ lệ hồ sơ trực tuyến tăng tối thiểu 10% so với năm 2025",
        [(C.GTE, "10", "%", "")],
    ),
]

FORMS = [
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 97% trở lên", C.GTE, "97", "%", "", None),
    ("tối thiểu 90%", C.GTE, "90", "%", "", None),
    ("Tỷ lệ hồ sơ trực tuyến đạt ít nhất 50%", C.GTE, "50", "%", "", "Tỷ lệ hồ sơ trực tuyến"),
    ("Tỷ lệ đúng hạn không thấp hơn 95%", C.GTE, "95", "%", "", "Tỷ lệ đúng hạn"),
    ("Tỷ lệ đúng hạn không dưới 95 %", C.GTE, "95", "%", "", "Tỷ lệ đúng hạn"),
    ("Tỷ lệ hài lòng trên 80%", C.GT, "80", "%", "", "Tỷ lệ hài lòng"),
    ("Tỷ lệ hài lòng hơn 80%", C.GT, "80", "%", "", "Tỷ lệ hài lòng"),
    ("Tỷ lệ hồ sơ quá hạn dưới 5%", C.LT, "5", "%", "", "Tỷ lệ hồ sơ quá hạn"),
    ("Tỷ lệ hồ sơ quá hạn không quá 2%", C.LTE, "2", "%", "", "Tỷ lệ hồ sơ quá hạn"),
    ("Tỷ lệ hồ sơ quá hạn không vượt quá 2%", C.LTE, "2", "%", "", "Tỷ lệ hồ sơ quá hạn"),
    ("Tỷ lệ hồ sơ quá hạn tối đa 3%", C.LTE, "3", "%", "", "Tỷ lệ hồ sơ quá hạn"),
    ("Tỷ lệ hồ sơ trễ hạn từ 2% trở xuống", C.LTE, "2", "%", "", "Tỷ lệ hồ sơ trễ hạn"),
    ("100% hồ sơ được số hóa", C.GTE, "100", "%", "", "100% hồ sơ được số hóa"),
    ("đạt 100%", C.GTE, "100", "%", "", "đạt 100%"),
    ("Tỷ lệ văn bản được ký số đạt tỷ lệ 80%", C.GTE, "80", "%", "", "Tỷ lệ văn bản được ký số"),
    ("Số liệu năm 2026 bằng 100%", C.EQ, "100", "%", "", None),
    ("Tỷ lệ hài lòng đạt 100%", C.GTE, "100", "%", "", "Tỷ lệ hài lòng"),
    (
        "Chuyên mục CCHC mỗi tháng có từ 07 tin, bài trở lên",
        C.GTE,
        "7",
        "tin, bài",
        "month",
        "Chuyên mục CCHC",
    ),
    (
        "mỗi tháng có từ 07 tin, bài trở lên",
        C.GTE,
        "7",
        "tin, bài",
        "month",
        "mỗi tháng có từ 07 tin, bài trở lên",
    ),
    ("Hằng quý đăng tối thiểu 10 tin bài", C.GTE, "10", "tin bài", "quarter", None),
    ("tiết kiệm từ 5% kinh phí", C.GTE, "5", "%", "", "tiết kiệm kinh phí"),
    ("Tỷ lệ hài lòng đạt 97,5%", C.GTE, "97.5", "%", "", "Tỷ lệ hài lòng"),
    ("Tỷ lệ hài lòng đạt từ 97,5% trở lên", C.GTE, "97.5", "%", "", "Tỷ lệ hài lòng"),
    ("Tỷ lệ hài lòng đạt 97.5%", C.GTE, "97.5", "%", "", "Tỷ lệ hài lòng"),
    ("Số hồ sơ tiếp nhận đạt 1.500 hồ sơ", C.GTE, "1500", "hồ sơ", "", "Số hồ sơ tiếp nhận"),
    ("Tổ chức ít nhất 02 cuộc kiểm tra mỗi năm", C.GTE, "2", "cuộc", "year", None),
    ("Giải quyết hồ sơ tối đa 3 ngày làm việc", C.LTE, "3", "ngày", "", None),
    ("Tỷ lệ hồ sơ đúng hạn đạt 95 phần trăm", C.GTE, "95", "%", "", "Tỷ lệ hồ sơ đúng hạn"),
    ("Tỷ lệ TTHC trực tuyến toàn trình đạt tối thiểu 80%.", C.GTE, "80", "%", "", None),
    ("TỶ LỆ HỒ SƠ ĐÚNG HẠN ĐẠT TỪ 97% TRỞ LÊN", C.GTE, "97", "%", "", "TỶ LỆ HỒ SƠ ĐÚNG HẠN"),
    ("Giảm ít nhất 20% thời gian giải quyết TTHC", C.GTE, "20", "%", "", None),
    ("Mỗi năm tổ chức ít nhất 01 hội nghị", C.GTE, "1", "hội nghị", "year", None),
    ("Hằng năm có ít nhất 1 sáng kiến", C.GTE, "1", "sáng kiến", "year", None),
]


def _ids(items: list) -> list[str]:
    return [re.sub(r"\s+", " ", item[0])[:50] for item in items]


def _as_tuple(target: Target) -> tuple:
    return (target.comparator, target.value, target.unit, target.per, target.subject)


def _expected(items: list[tuple]) -> list[tuple]:
    return [(c, Decimal(v), unit, per, subject) for c, v, unit, per, subject in items]


@pytest.mark.parametrize(("sentence", "targets"), SEED_GOALS, ids=_ids(SEED_GOALS))
def test_seed_goal_sentences(sentence: str, targets: list[tuple]) -> None:
    found = find_targets([sentence])
    assert [_as_tuple(t) for t in found] == _expected(targets)
    assert all(t.text == sentence for t in found)
    assert parse_target(sentence) == found[0]


@pytest.mark.parametrize(("sentence", "targets"), SEED_GOALS, ids=_ids(SEED_GOALS))
def test_seed_goal_sentences_nfd(sentence: str, targets: list[tuple]) -> None:
    found = find_targets([unicodedata.normalize("NFD", sentence)])
    assert [_as_tuple(t)[:4] for t in found] == [t[:4] for t in _expected(targets)]
    assert all(unicodedata.is_normalized("NFC", t.subject) for t in found)


@pytest.mark.parametrize("sentence", SEED_NON_TARGETS, ids=_ids([(s,) for s in SEED_NON_TARGETS]))
def test_numbers_that_are_not_targets(sentence: str) -> None:
    assert parse_target(sentence) is None
    assert find_targets([sentence]) == []


@pytest.mark.parametrize(("sentence", "targets"), MIXED, ids=_ids(MIXED))
def test_results_reached_are_not_targets_but_goals_beside_them_are(
    sentence: str, targets: list[tuple]
) -> None:
    found = find_targets([sentence])
    assert [_as_tuple(t)[:4] for t in found] == [
        (c, Decimal(v), unit, per) for c, v, unit, per in targets
    ]


@pytest.mark.parametrize(
    ("sentence", "comparator", "value", "unit", "per", "subject"), FORMS, ids=_ids(FORMS)
)
def test_target_forms(
    sentence: str, comparator: Comparator, value: str, unit: str, per: str, subject: str | None
) -> None:
    target = parse_target(sentence)
    assert target is not None
    assert (target.comparator, target.value, target.unit, target.per) == (
        comparator,
        Decimal(value),
        unit,
        per,
    )
    if subject is not None:
        assert target.subject == subject
    assert target.text == sentence


def _goal_bullets(path: Path) -> list[str]:
    """The "x.1. Mục tiêu" bullets of a seed plan, joined across its wrapped lines."""
    bullets: list[str] = []
    current: str | None = None
    inside = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if re.match(r"^\d+\.1\. Mục tiêu", line):
            inside, current = True, None
            continue
        if re.match(r"^\d+\.2\. ", line):
            inside = False
        if not inside:
            if current:
                bullets.append(current)
            current = None
            continue
        if line.startswith("- ") or current is None:
            if current:
                bullets.append(current)
            current = line.lstrip("- ").strip()
        else:
            current += " " + line
    return bullets


def test_every_numbered_goal_of_the_cao_bang_seed_is_covered() -> None:
    bullets = _goal_bullets(CAO_BANG)
    assert len(bullets) > 20
    expected = {re.sub(r"\W+", "", s) for s, _ in SEED_GOALS}
    found = find_targets(bullets)
    with_targets = {re.sub(r"\W+", "", t.text)[:80] for t in found}
    assert with_targets <= {e[:80] for e in expected}
    assert len(found) == 21


SEED_FILES = [
    "cao-bang-stp-cchc-2026.txt",
    "thai-nguyen-stp-cchc-2026.txt",
    "thai-nguyen-stp-kstthc-2026.txt",
]


@pytest.mark.parametrize("name", SEED_FILES)
def test_every_percentage_in_the_seeds_is_in_the_table(name: str) -> None:
    """Each seed line with a percentage belongs to a sentence of SEED_GOALS (none is missed)."""
    table = re.sub(r"\W+", "", " ".join(sentence for sentence, _ in SEED_GOALS))
    lines = [line for line in seed_path(name).read_text(encoding="utf-8").splitlines()]
    with_percent = [line for line in lines if "%" in line]
    assert with_percent
    for line in with_percent:
        cell = max(line.split("\t"), key=lambda part: part.count("%"))
        assert re.sub(r"\W+", "", cell.lstrip("- ")) in table, line


def test_find_targets_keeps_order_across_sentences() -> None:
    found = find_targets(["Tỷ lệ A đạt 90%", "Không có số", "Tỷ lệ B tối thiểu 80%; 100% hồ sơ C"])
    assert [(t.subject, t.value) for t in found] == [
        ("Tỷ lệ A", Decimal(90)),
        ("Tỷ lệ B", Decimal(80)),
        ("hồ sơ C", Decimal(100)),
    ]


def test_fuzz_never_raises() -> None:
    rng = random.Random(97)
    alphabet = "0123456789%.,;:/- ()đạttừtrởlêntốithiểuTỷlệhồsơmỗithángNĐ-CPsốnăm\u0301\u0323"
    for _ in range(3000):
        if rng.random() < 0.5:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        else:
            text = "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(0, 40)))
        for target in find_targets([text]):
            assert isinstance(target.value, Decimal)
