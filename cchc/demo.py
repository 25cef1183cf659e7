"""Demo data: two Sở Tư pháp with the units their 2026 plans name, and one user per role.

Only ``manage.py load_demo`` uses this; nothing creates demo users elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from organizations.models import Role, UnitKind


@dataclass(frozen=True)
class DemoUnit:
    name: str
    short_name: str = ""
    kind: str = UnitKind.INTERNAL
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # for groups: names of member units; ("*",) = every internal unit


@dataclass(frozen=True)
class DemoAgency:
    code: str
    name: str
    parent_name: str
    header_name: str
    symbol: str
    place_name: str
    units: tuple[DemoUnit, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    agency_code: str
    unit_name: str = ""


VP = "Văn phòng Sở"
XDKT = "Phòng Xây dựng và Kiểm tra văn bản QPPL"
BTTP = "Phòng Bổ trợ - Hành chính tư pháp"
PBGD = "Phòng Phổ biến, giáo dục pháp luật"
BPMC = "Bộ phận tiếp nhận và trả kết quả giải quyết TTHC"

COMMON_EXTERNAL = (
    DemoUnit("Sở Nội vụ", kind=UnitKind.EXTERNAL),
    DemoUnit("Sở Khoa học và Công nghệ", kind=UnitKind.EXTERNAL),
    DemoUnit(
        "Văn phòng UBND tỉnh", kind=UnitKind.EXTERNAL, aliases=("Văn phòng Ủy ban nhân dân tỉnh",)
    ),
    DemoUnit("Văn phòng Chính phủ", kind=UnitKind.EXTERNAL),
    DemoUnit(
        "Các Sở, ngành có liên quan", kind=UnitKind.EXTERNAL, aliases=("Các sở, ngành liên quan",)
    ),
    DemoUnit(
        "Các cơ quan, đơn vị có liên quan",
        kind=UnitKind.EXTERNAL,
        aliases=("Các đơn vị có liên quan", "Cơ quan, đơn vị có liên quan", "cá nhân có liên quan"),
    ),
)

THAI_NGUYEN = DemoAgency(
    code="STP-TN",
    name="Sở Tư pháp tỉnh Thái Nguyên",
    parent_name="UBND TỈNH THÁI NGUYÊN",
    header_name="SỞ TƯ PHÁP",
    symbol="STP",
    place_name="Thái Nguyên",
    units=(
        DemoUnit(VP, "VP", aliases=("Văn phòng", "VP", "Văn phòng Sở Tư pháp")),
        DemoUnit(
            XDKT, "XD&KTVB", aliases=("Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật",)
        ),
        DemoUnit(
            BTTP,
            "BT-HCTP",
            # "Phòng Hỗ trợ - HCTP" is how the 2026 KSTTHC plan (row 1.7) writes it.
            aliases=("Phòng Bổ trợ tư pháp - Hành chính tư pháp", "Phòng Hỗ trợ - HCTP"),
        ),
        DemoUnit(PBGD, "PBGDPL"),
        DemoUnit("Thanh tra Sở", "TT"),
        DemoUnit("Trung tâm Trợ giúp pháp lý nhà nước", "TGPL"),
        DemoUnit(BPMC, "BPMC", aliases=("Bộ phận một cửa",)),
        DemoUnit(
            "Các phòng, đơn vị thuộc Sở",
            kind=UnitKind.GROUP,
            aliases=("Các phòng, đơn vị", "Các phòng, đơn vị trực thuộc Sở"),
            members=("*",),
        ),
        DemoUnit(
            "Các phòng chuyên môn thuộc Sở",
            kind=UnitKind.GROUP,
            members=(VP, XDKT, BTTP, PBGD),
        ),
        DemoUnit(
            "Các phòng, đơn vị tham gia tiếp nhận, giải quyết TTHC",
            kind=UnitKind.GROUP,
            aliases=("Các phòng tham gia giải quyết TTHC",),
            members=(VP, BTTP, BPMC),
        ),
        DemoUnit(
            "Các phòng được giao chủ trì xây dựng dự thảo văn bản QPPL có quy định TTHC",
            kind=UnitKind.GROUP,
            members=(XDKT, BTTP, PBGD),
        ),
        *COMMON_EXTERNAL,
    ),
)

CAO_BANG = DemoAgency(
    code="STP-CB",
    name="Sở Tư pháp tỉnh Cao Bằng",
    parent_name="UBND TỈNH CAO BẰNG",
    header_name="SỞ TƯ PHÁP",
    symbol="STP",
    place_name="Cao Bằng",
    units=(
        DemoUnit(VP, "VP", aliases=("Văn phòng", "Văn phòng Sở Tư pháp")),
        DemoUnit(
            XDKT, "XD&KTVB", aliases=("Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật",)
        ),
        DemoUnit(
            "Phòng Hành chính tư pháp và Bổ trợ tư pháp",
            "HCTP-BTTP",
            aliases=("Phòng Hỗ trợ - HCTP", "Phòng Hành chính tư pháp - Bổ trợ tư pháp"),
        ),
        DemoUnit("Trung tâm Trợ giúp pháp lý nhà nước", "TGPL"),
        DemoUnit(
            "Các phòng, đơn vị thuộc Sở",
            kind=UnitKind.GROUP,
            aliases=("Các phòng, trung tâm thuộc Sở",),
            members=("*",),
        ),
        *COMMON_EXTERNAL,
    ),
)

AGENCIES = (THAI_NGUYEN, CAO_BANG)

USERS = (
    DemoUser("admin", "Quản trị hệ thống", Role.ADMIN, "STP-TN"),
    DemoUser("vanphong", "Nguyễn Thị Văn Phòng", Role.COORDINATOR, "STP-TN", VP),
    DemoUser("lanhdao", "Vũ Thị Lệ Hằng", Role.LEADER, "STP-TN"),
    DemoUser("ketoan", "Trần Thị Kế Toán", Role.ACCOUNTANT, "STP-TN", VP),
    DemoUser("truongphong.xdkt", "Lê Văn Trưởng", Role.UNIT_HEAD, "STP-TN", XDKT),
    DemoUser("canbo.xdkt", "Phạm Thị Cán Bộ", Role.STAFF, "STP-TN", XDKT),
    DemoUser("canbo.vp", "Hoàng Văn Cán Bộ", Role.STAFF, "STP-TN", VP),
    DemoUser("canbo.bttp", "Đỗ Thị Bổ Trợ", Role.STAFF, "STP-TN", BTTP),
    # Cao Bằng has people of its own, so a second agency's coordinator, head and staff can be
    # tried and nobody sees the other agency's tasks.
    DemoUser("vanphong.cb", "Nông Thị Điều Phối", Role.COORDINATOR, "STP-CB", VP),
    DemoUser("truongphong.cb", "Bế Văn Thể Chế", Role.UNIT_HEAD, "STP-CB", XDKT),
    DemoUser("canbo.cb", "Hoàng Thị Văn Thư", Role.STAFF, "STP-CB", VP),
)

DEMO_YEAR = 2026


@dataclass(frozen=True)
class DemoPlan:
    filename: str  # in fixtures/samples (copied from shared/samples)
    agency_code: str
    # Leads for areas whose tasks name none and for which the preview suggests none, by area
    # title: what a coordinator would pick in the preview's "Đơn vị chủ trì" choice.
    area_leads: tuple[tuple[str, str], ...] = ()


PLANS = (
    DemoPlan("thai-nguyen-stp-cchc-2026.docx", "STP-TN"),
    DemoPlan("thai-nguyen-stp-kstthc-2026.docx", "STP-TN"),
    # A narrative plan: the preview suggests "Văn phòng Sở" for six of its seven areas from the
    # "TỔ CHỨC THỰC HIỆN" duties; institutional reform goes to the legal-drafting unit.
    DemoPlan("cao-bang-stp-cchc-2026.docx", "STP-CB", area_leads=(("Cải cách thể chế", XDKT),)),
)
