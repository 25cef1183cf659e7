"""Time read_docx on a realistic 1,000-row appendix against python-docx walking every cell.

    .venv/bin/python benchmarks/import_benchmark.py [--rows 1000] [--repeat 3]

The generated file has what agency appendices have: the list split into many tables (one per
"page", some repeating the header, some not), bold roman and arabic section rows, heading rows
that carry units, rows cut by a page break into an empty-STT continuation row, merged note
cells, and vertically merged deadline cells. Targets: read_docx <= 3 s and <= 5x python-docx.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402

from importer.parsing.docx_reader import read_docx  # noqa: E402
from tests.importer.reading.docx_builders import (  # noqa: E402
    STANDARD_HEADER,
    C,
    P,
    T,
    build_docx,
    task_row,
)

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LEADS = ["Văn phòng Sở", "Phòng Xây dựng và Kiểm tra văn bản QPPL", "Phòng Bổ trợ tư pháp"]
DEADLINES = ["Quý I/2026", "Thường xuyên", "Trước 30/6/2026", "Năm 2026", "Định kỳ hằng quý"]
ROWS_PER_PAGE = 18


def build_appendix(task_count: int) -> tuple[bytes, int]:
    """Return the .docx bytes and the number of task rows in it."""
    rows: list[list[C | str]] = []
    tasks = 0
    section = 0
    while tasks < task_count:
        rows.append(
            [C(ROMAN[section % 10], bold=True), C(f"LĨNH VỰC {section + 1}", bold=True), "", "", ""]
        )
        for group in range(1, 6):
            if tasks >= task_count:
                break
            if group % 2:
                rows.append(
                    task_row(
                        str(group),
                        f"Nhóm nhiệm vụ {group}",
                        bold=True,
                        lead="Văn phòng Sở",
                        deadline="Năm 2026",
                    )
                )
                tasks += 1
            else:
                rows.append(
                    [C(str(group), bold=True), C(f"Nhóm nhiệm vụ {group}", bold=True), "", "", ""]
                )
            for item in range(1, 21):
                if tasks >= task_count:
                    break
                code = f"{group}.{item}"
                content = (
                    f"Triển khai nhiệm vụ {code} về kiểm soát thủ tục hành chính, thực hiện cơ "
                    "chế một cửa, một cửa liên thông trên môi trường điện tử"
                )
                lead = LEADS[tasks % len(LEADS)]
                deadline = DEADLINES[tasks % len(DEADLINES)]
                if item % 9 == 0:
                    rows.append([code, content, C("Theo Kế hoạch riêng của Sở", span=3)])
                elif item % 10 in (1, 2):
                    merge = "restart" if item % 10 == 1 else "continue"
                    text = "Thường xuyên" if merge == "restart" else ""
                    rows.append([code, content, lead, "", C(text, vmerge=merge)])
                elif item % 7 == 0:
                    rows.append(
                        task_row(
                            code,
                            content + ", thực hiện",
                            lead=lead,
                            coord="Các phòng",
                            deadline=deadline,
                        )
                    )
                    rows.append(["", "theo quy định tại Nghị định số 118/2025/NĐ-CP", "", "", ""])
                else:
                    rows.append(
                        task_row(
                            code, content, lead=lead, coord="Các phòng, đơn vị", deadline=deadline
                        )
                    )
                tasks += 1
        section += 1
    blocks: list[P | T] = [P("PHỤ LỤC", bold=True), P("DANH MỤC NHIỆM VỤ NĂM 2026", bold=True)]
    for page, start in enumerate(range(0, len(rows), ROWS_PER_PAGE)):
        chunk = rows[start : start + ROWS_PER_PAGE]
        # A vertical merge cannot continue from the previous table: restart it on this page.
        chunk[0] = [
            C("Thường xuyên", vmerge="restart")
            if isinstance(cell, C) and cell.vmerge == "continue"
            else cell
            for cell in chunk[0]
        ]
        header = [STANDARD_HEADER] if page == 0 or page % 3 == 0 else []
        blocks.append(T([*header, *chunk], header_rows=len(header)))
        blocks.append(P(""))
    return build_docx(*blocks), tasks


def walk_with_python_docx(data: bytes) -> int:
    document = Document(io.BytesIO(data))
    characters = 0
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                characters += len(cell.text)
    return characters


def best_of(repeat: int, func, *args) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func(*args)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        data, task_count = build_appendix(args.rows)
        path = Path(tmp) / "appendix-1000.docx"
        path.write_bytes(data)
        data = path.read_bytes()

        parsed = read_docx(data)
        print(
            f"file: {len(data) / 1024:.0f} KiB, {task_count} task rows generated, "
            f"{len(parsed.tasks)} tasks / {len(parsed.sections)} sections read, "
            f"{sum(row.merged_rows for row in parsed.rows)} continuation rows merged"
        )
        baseline = best_of(args.repeat, walk_with_python_docx, data)
        ours = best_of(args.repeat, read_docx, data)
        tracemalloc.start()
        read_docx(data)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    print(f"(a) python-docx open + every cell's text: {baseline:.3f} s (best of {args.repeat})")
    print(f"(b) read_docx:                            {ours:.3f} s (best of {args.repeat})")
    print(f"ratio (b)/(a): {ours / baseline:.2f}x")
    print(f"peak memory of (b): {peak / (1024 * 1024):.1f} MiB (tracemalloc)")
    ok = ours <= 3.0 and ours <= 5 * baseline
    print("targets (<= 3 s, <= 5x):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
