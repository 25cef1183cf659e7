"""The words scale data is made of: agencies, units, plans, tasks, deadlines, money.

Plain data (no Django), written the way Vietnamese plans write them, so that generated
rows look like imported ones to every page, search and report. ``cchc.scale_data``
draws from these lists with a seeded random generator.
"""

from __future__ import annotations

# (name after "Sở", document symbol) of a province's departments.
DEPARTMENTS = (
    ("Tư pháp", "STP"),
    ("Nội vụ", "SNV"),
    ("Tài chính", "STC"),
    ("Xây dựng", "SXD"),
    ("Y tế", "SYT"),
    ("Giáo dục và Đào tạo", "SGDĐT"),
    ("Công Thương", "SCT"),
    ("Nông nghiệp và Môi trường", "SNNMT"),
    ("Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("Khoa học và Công nghệ", "SKHCN"),
    ("Dân tộc và Tôn giáo", "SDTTG"),
    ("Ngoại vụ", "SNgV"),
)
PROVINCES = (
    "Lạng Sơn",
    "Tuyên Quang",
    "Phú Thọ",
    "Bắc Ninh",
    "Quảng Ninh",
    "Hà Tĩnh",
    "Nghệ An",
    "Đắk Lắk",
    "Lâm Đồng",
    "Cần Thơ",
    "Điện Biên",
    "Sơn La",
)

# (name, short name, aliases) of a Sở's own units; the first five always exist.
INTERNAL_UNITS = (
    ("Văn phòng Sở", "VP", ("Văn phòng", "VP")),
    ("Thanh tra Sở", "TT", ("Thanh tra",)),
    ("Phòng Kế hoạch - Tài chính", "KHTC", ("Phòng KH-TC", "Phòng Kế hoạch Tài chính")),
    ("Phòng Tổ chức cán bộ", "TCCB", ("Phòng TCCB",)),
    ("Phòng Quản lý chuyên ngành", "QLCN", ()),
    ("Trung tâm Công nghệ thông tin", "CNTT", ("Trung tâm CNTT",)),
    ("Bộ phận tiếp nhận và trả kết quả giải quyết TTHC", "BPMC", ("Bộ phận một cửa",)),
    ("Phòng Pháp chế", "PC", ()),
)
ALWAYS_PRESENT_UNITS = 5
ALL_UNITS_GROUP = ("Các phòng, đơn vị thuộc Sở", ("Các phòng, đơn vị", "Các đơn vị thuộc Sở"))
SPECIALIST_GROUP = ("Các phòng chuyên môn thuộc Sở", ())
EXTERNAL_UNITS = (
    ("Sở Nội vụ", ()),
    ("Văn phòng UBND tỉnh", ("Văn phòng Ủy ban nhân dân tỉnh",)),
    ("Các Sở, ngành có liên quan", ("Các sở, ngành liên quan",)),
    ("UBND các xã, phường", ("UBND cấp xã",)),
)

# (plan kind, title before " năm <year>").
PLAN_TITLES = (
    ("annual_cchc", "Kế hoạch cải cách hành chính"),
    ("tthc_control", "Kế hoạch kiểm soát thủ tục hành chính"),
    ("other", "Kế hoạch tuyên truyền cải cách hành chính"),
    ("par_index", "Kế hoạch nâng cao Chỉ số cải cách hành chính (PAR Index)"),
    ("other", "Kế hoạch chuyển đổi số"),
    ("remediation", "Kế hoạch khắc phục tồn tại, hạn chế trong công tác cải cách hành chính"),
    ("other", "Kế hoạch rà soát, đánh giá thủ tục hành chính"),
)
PLAN_SIGNERS = (
    ("Nguyễn Văn Hùng", "Giám đốc"),
    ("Trần Thị Thu Hà", "Phó Giám đốc"),
    ("Lê Đức Thắng", "Giám đốc"),
    ("Phạm Thị Ngọc Lan", "Phó Giám đốc"),
)

TASK_VERBS = (
    "Rà soát, đánh giá",
    "Xây dựng và ban hành",
    "Tổ chức triển khai",
    "Tuyên truyền, phổ biến",
    "Kiểm tra, giám sát việc thực hiện",
    "Cập nhật, công khai",
    "Tổng hợp, báo cáo kết quả",
    "Đôn đốc, hướng dẫn",
    "Số hóa",
    "Đào tạo, bồi dưỡng về",
)
TASK_OBJECTS = (
    "thủ tục hành chính thuộc phạm vi quản lý của Sở",
    "văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành",
    "kế hoạch cải cách hành chính năm",
    "quy trình nội bộ giải quyết thủ tục hành chính",
    "hồ sơ, kết quả giải quyết thủ tục hành chính",
    "dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia",
    "Đề án vị trí việc làm của các phòng, đơn vị",
    "hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
    "kỹ năng, nghiệp vụ cho công chức làm công tác cải cách hành chính",
    "chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan",
    "công tác phòng, chống tham nhũng, lãng phí",
    "cơ sở dữ liệu chuyên ngành và kết nối liên thông",
)
TASK_SUFFIXES = ("", "", " theo quy định", " trên địa bàn tỉnh", " năm {year}", " của Sở")
REQUIREMENTS = (
    "",
    "",
    "Báo cáo kết quả về Văn phòng Sở",
    "100% thủ tục hành chính được công khai đúng quy định",
    "Ban hành Kế hoạch, Quyết định của Giám đốc Sở",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 97% trở lên",
)

# Deadline texts as plans write them, each several times so the common kinds dominate.
DEADLINE_TEXTS = (
    "Trước 15/3/{year}",
    "Trước 30/6/{year}",
    "Trước ngày 20/9/{year}",
    "Trong ngày 31/12/{year}",
    "Tháng 2/{year}",
    "Tháng 5/{year}",
    "Tháng 8/{year}",
    "Tháng 11/{year}",
    "Quý I/{year}",
    "Quý II/{year}",
    "Quý III/{year}",
    "Quý IV/{year}",
    "Quý I/{year}",
    "Quý II/{year}",
    "Quý III/{year}",
    "Quý IV/{year}",
    "6 tháng đầu năm {year}",
    "6 tháng cuối năm {year}",
    "Năm {year}",
    "Năm {year}",
    "Tháng 3, tháng 4 năm {year}",
    "Từ tháng 6 đến tháng 9/{year}",
    "Định kỳ hàng quý, năm",
    "Hằng tháng",
    "Thường xuyên",
    "Thường xuyên",
    "Ngay sau khi UBND tỉnh ban hành Kế hoạch",
    "Quý II/{year} (sau khi UBND tỉnh ban hành Kế hoạch)",
    "Theo chỉ đạo của UBND tỉnh",
    "",
)

RESULTS_DONE = (
    "Đã hoàn thành, ban hành văn bản số {n}/BC-{symbol}",
    "Đã tổ chức thực hiện và báo cáo kết quả",
    "Hoàn thành 100% khối lượng công việc",
    "Đã công khai đầy đủ trên Cổng thông tin điện tử của Sở",
)
RESULTS_IN_PROGRESS = (
    "Đang triển khai, đạt khoảng {p}% khối lượng",
    "Đã xây dựng dự thảo, đang lấy ý kiến các phòng, đơn vị",
    "Đang tổng hợp số liệu từ các phòng, đơn vị",
)
DIFFICULTIES = ("", "", "", "Thiếu nhân lực có chuyên môn công nghệ thông tin")
EXTENSION_REASONS = (
    "Chờ văn bản hướng dẫn của Bộ, ngành Trung ương",
    "Khối lượng hồ sơ cần số hóa lớn hơn dự kiến",
    "Phải lấy thêm ý kiến của các sở, ngành liên quan",
)
EVIDENCE_NAMES = (
    "Bao cao ket qua.pdf",
    "Quyết định ban hành.pdf",
    "Kế hoạch triển khai.docx",
    "Danh sách hồ sơ số hóa.xlsx",
    "Ảnh hội nghị.jpg",
)

# (name, sentence, comparator, target, unit, per).
INDICATORS = (
    (
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 97% trở lên",
        "gte",
        97,
        "%",
        "year",
    ),
    (
        "Tỷ lệ dịch vụ công trực tuyến toàn trình",
        "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình đạt tối thiểu 90%",
        "gte",
        90,
        "%",
        "year",
    ),
    (
        "Tin, bài tuyên truyền CCHC",
        "Mỗi tháng có từ 07 tin, bài tuyên truyền về cải cách hành chính trở lên",
        "gte",
        7,
        "tin, bài",
        "month",
    ),
    (
        "Tiết kiệm kinh phí chi thường xuyên",
        "Tiết kiệm từ 5% kinh phí chi thường xuyên trở lên",
        "gte",
        5,
        "%",
        "year",
    ),
    (
        "Văn bản QPPL được rà soát",
        "100% văn bản quy phạm pháp luật thuộc lĩnh vực quản lý được rà soát",
        "eq",
        100,
        "%",
        "year",
    ),
)

BUDGET_LINES = (
    "Chi phục vụ tuyên truyền cải cách hành chính",
    "Chi tổ chức hội nghị, tập huấn nghiệp vụ",
    "Chi kiểm tra công tác cải cách hành chính",
    "Chi khảo sát mức độ hài lòng của người dân, tổ chức",
    "Chi số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Chi duy trì hệ thống quản lý chất lượng ISO",
)
BUDGET_SUB_LINES = (
    "In ấn tài liệu, tờ rơi",
    "Thuê hội trường, trang thiết bị",
    "Bồi dưỡng báo cáo viên",
    "Văn phòng phẩm",
)
